"""lstm_core.symbolic: every equation derived by SymPy, proved equal to the deck's closed form,
and equal in numbers to lstm_core.

Each equation test asserts both halves: the symbolic identity (machine - deck == 0, at every
step and unrolled against forward-mode differentiation) and the numeric agreement with the
engine (relative error < 1e-12 at random points with non-zero biases, peepholes and initial
states). The tests near the end feed deliberately wrong closed forms and check that they are
NOT proved: the prover is not vacuous.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from lstm_core import rnn, symbolic
from lstm_core.gradcheck import relative_error
from lstm_core.symbolic.graph import is_zero
from lstm_core.symbolic.lstm_eqs import eq08, eq12, forward_terms

NUMERIC_TOL = 1e-12
SEEDS = (0, 1)


def assert_derivation(d, *, n_proofs_at_least: int = 1):
    """The identity (every proof run, the displayed difference) and the numbers."""
    assert d.difference == 0, d.difference
    assert d.proved, d.failures
    assert len(d.proofs) >= n_proofs_at_least
    for seed in SEEDS:
        err = d.check(seed)
        assert err < NUMERIC_TOL, (seed, d.numeric_errors)
        assert len(d.numeric_errors) >= 2  # the machine's result and the deck's form


# ---------------------------------------------------------------------------------------------
# Forward pass, (1)-(5): the deck's sums vs lstm_core's matrix rows, and lstm.forward


def test_eq01_input_gate_sum_equals_matrix_row_and_lstm_forward():
    d = symbolic.derive(1)
    assert_derivation(d, n_proofs_at_least=6)  # a_ι and b_ι at t = 1, 2, 3
    assert {"a_i machine", "b_i deck"} <= set(d.numeric_errors)


def test_eq02_forget_gate_sum_equals_matrix_row_and_lstm_forward():
    assert_derivation(symbolic.derive(2), n_proofs_at_least=6)


def test_eq03_cell_input_and_state_equal_lstm_forward():
    d = symbolic.derive(3)
    assert_derivation(d, n_proofs_at_least=6)
    assert {"a_c machine", "s machine"} <= set(d.numeric_errors)


def test_eq04_output_gate_peeps_at_new_state_and_equals_lstm_forward():
    d = symbolic.derive(4)
    assert_derivation(d, n_proofs_at_least=6)
    m = symbolic.lstm_model()
    assert m.s(2) in d.items[0].machine.free_symbols  # a_ω^2 reads s^2 ...
    assert m.s(1) not in d.items[0].machine.free_symbols  # ... not s^1


def test_eq05_cell_output_equals_lstm_forward():
    assert_derivation(symbolic.derive(5), n_proofs_at_least=3)


def test_forward_sigmoid_identity_is_proved_not_assumed():
    """b = f(a) with f = 1/(1+e^-a) against the engine's 1/2 + tanh(a/2)/2."""
    d = symbolic.derive(1)
    b_item = d.items[1]
    assert b_item.machine.has(sp.tanh) and b_item.difference == 0


# ---------------------------------------------------------------------------------------------
# Backward pass, (6)-(11), and the weight gradients (12)


def test_eq06_cell_output_error_has_output_and_recurrent_paths_and_equals_eps_c():
    d = symbolic.derive(6)
    assert_derivation(d, n_proofs_at_least=2 * 4)  # t = 0..3, one step and unrolled
    assert len(d.items[0].paths) == 2 + 4  # K = 2 outputs at t, 4 gates/cell at t+1


def test_eq07_output_gate_delta_equals_delta_o():
    d = symbolic.derive(7)
    assert_derivation(d, n_proofs_at_least=6)
    assert len(d.items[0].paths) == 1
    assert len(d.items[0].paths[0].nodes) == 3  # a_ω -> b_ω -> b_c: through the gate's output


def test_eq08_cell_state_error_has_five_paths_and_equals_eps_s():
    d = symbolic.derive(8)
    assert_derivation(d, n_proofs_at_least=8)  # t = 0..3 (t = 0: ∂L/∂s_c^0)
    m = symbolic.lstm_model()
    ends = {p.nodes[1] for p in d.items[0].paths}
    assert ends == {m.b("c", 2), m.a("o", 2), m.s(3), m.a("i", 3), m.a("f", 3)}


def test_eq09_input_gate_delta_equals_delta_i():
    assert_derivation(symbolic.derive(9), n_proofs_at_least=6)


def test_eq10_forget_gate_delta_equals_delta_f():
    assert_derivation(symbolic.derive(10), n_proofs_at_least=6)


def test_eq11_cell_input_delta_equals_delta_c():
    assert_derivation(symbolic.derive(11), n_proofs_at_least=6)


def test_eq12_every_weight_and_input_gradient_equals_lstm_backward():
    d = symbolic.derive(12)
    m = symbolic.lstm_model()
    assert_derivation(d, n_proofs_at_least=2 * (len(m.weights()) + m.T * m.I))
    assert {"W deck", "R deck", "b deck", "p deck", "x deck"} <= set(d.numeric_errors)


def test_eq12_peephole_sources_are_previous_state_for_iota_phi_and_new_state_for_omega():
    m = symbolic.lstm_model()
    for q, t_src in (("i", 1), ("f", 1), ("o", 2)):
        machine = m.graph.chain(m.w_peep(q))
        assert sp.expand(machine.coeff(m.delta(q, 2)) - m.s(t_src)) == 0, q


def test_derive_other_shapes_still_prove_and_agree():
    d = symbolic.derive(8, t=3, T=4, n_in=1, n_out=1)
    assert d.proved and d.check(2) < NUMERIC_TOL


# ---------------------------------------------------------------------------------------------
# The dense layer and the RNN


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "identity"])
def test_dense_gradients_proved_three_ways_and_equal_dense_backward(activation):
    d = symbolic.derive_dense(activation=activation)
    assert_derivation(d, n_proofs_at_least=3 * 2)
    assert any(k.startswith("sympy.diff of explicit L") for k in d.proofs)
    assert {"W deck", "b deck", "x deck", "delta deck"} <= set(d.numeric_errors)


def test_rnn_bptt_proved_and_equal_rnn_backward():
    d = symbolic.derive_rnn()
    assert_derivation(d, n_proofs_at_least=2 * (4 * 2 + 3 * 2 + 4 + 4 + 2 + 6))
    assert {"eps deck", "delta deck", "W deck", "R deck", "b deck", "x deck"} <= set(
        d.numeric_errors)


@pytest.mark.parametrize("t,k", [(3, 0), (3, 2), (2, 1), (1, 1)])
def test_rnn_jacobian_product_equals_machine_jacobian_bptt_and_finite_differences(t, k):
    j = symbolic.rnn_jacobian_product(t, k, T=3)
    assert j.proved, j.failures
    assert j.check(0) < NUMERIC_TOL, j.numeric_errors
    assert j.fd_error < 1e-7
    assert j.expr.doit().shape == (2, 2)


def _random_rnn(H=5, I=3, T=12, N=2, spectral_radius=None, seed=3):
    rng = np.random.default_rng(seed)
    p = rnn.init_params(I, H, rng=rng, spectral_radius=spectral_radius)
    p = rnn.RNNParams(W=p.W, R=p.R, b=rng.uniform(-0.5, 0.5, H))
    x = rng.normal(size=(T, N, I))
    return p, rnn.forward(p, x, rng.uniform(-1, 1, (N, H)))


def test_rnn_jacobian_matches_finite_differences_and_bptt_on_a_larger_rnn():
    from lstm_core.symbolic.rnn_eqs import jacobian_by_bptt, jacobian_by_finite_differences

    p, tr = _random_rnn()
    for t, k in ((12, 0), (12, 7), (5, 4), (6, 6)):
        bptt = jacobian_by_bptt(p, tr, t, k)
        for n in range(2):
            J = symbolic.rnn_jacobian(p, tr, t, k, n)
            assert relative_error(bptt[n], J) < NUMERIC_TOL
            fd = jacobian_by_finite_differences(p, tr, t, k, n)
            # central differences: error ~1e-10 absolute, whatever the size of the entries
            assert np.max(np.abs(fd - J)) < 1e-8
            if t - k <= 5:
                assert relative_error(fd, J) < 1e-7


def test_rnn_jacobian_norms_are_the_norms_of_the_products_and_obey_the_bound():
    p, tr = _random_rnn()
    norms = symbolic.rnn_jacobian_norms(p, tr, t=12, n=1)
    assert norms.shape == (13,) and norms[0] == pytest.approx(1.0)
    for d in (1, 5, 12):
        J = symbolic.rnn_jacobian(p, tr, 12, 12 - d, 1)
        assert norms[d] == pytest.approx(np.linalg.norm(J, 2), rel=1e-12)
    bound = np.linalg.norm(p.R, 2) ** np.arange(13)
    assert np.all(norms <= bound * (1 + 1e-12))
    fro = symbolic.rnn_jacobian_norms(p, tr, n=1, ord="fro")
    assert fro[0] == pytest.approx(np.sqrt(5))


def test_rnn_jacobian_norms_vanish_for_small_recurrent_weights():
    p, tr = _random_rnn(spectral_radius=0.5, T=20)
    norms = symbolic.rnn_jacobian_norms(p, tr)
    assert norms[20] < 1e-3 * norms[1]


def test_rnn_jacobian_rejects_steps_outside_the_sequence():
    p, tr = _random_rnn(T=4)
    with pytest.raises(ValueError, match="k"):
        symbolic.rnn_jacobian(p, tr, 3, 4)
    with pytest.raises(ValueError, match="t"):
        symbolic.rnn_jacobian_norms(p, tr, t=5)
    with pytest.raises(TypeError, match="params"):
        symbolic.rnn_jacobian(None, tr, 3, 1)


# ---------------------------------------------------------------------------------------------
# The prover can fail: wrong closed forms are NOT proved


def _eq08_without_output_peephole(m, t):
    return eq08(m, t)[:4]  # drops w_cω δ_ω^t


def _eq08_output_peephole_reading_previous_state(m, t):
    # If the output gate peeped at s^{t-1}, s^t would reach a_ω^{t+1}, not a_ω^t.
    return eq08(m, t)[:4] + [(m.w_peep("o"), m.delta("o", t + 1))]


def test_eq08_missing_the_output_peephole_path_is_not_proved():
    d = symbolic.derive(8, closed_form=_eq08_without_output_peephole)
    m = symbolic.lstm_model()
    assert not d.proved
    assert sp.expand(d.difference - m.w_peep("o") * m.delta("o", 2)) == 0
    assert any(k.startswith("unrolled") for k in d.failures)  # also fails against forward mode
    assert d.check(0) > 1e-3  # and in numbers
    assert "NOT proved" in d._repr_latex_()


def test_eq08_with_output_peephole_on_previous_state_is_not_proved():
    d = symbolic.derive(8, closed_form=_eq08_output_peephole_reading_previous_state)
    assert not d.proved and d.difference != 0
    assert d.check(0) > 1e-3


def test_eq04_output_gate_peeping_at_previous_state_is_not_proved():
    def wrong(m, t):
        return [(m.w_peep("o"), m.s(t - 1)) if tm[0] == m.w_peep("o") else tm
                for tm in forward_terms(m, "o", t)]

    d = symbolic.derive(4, closed_form=wrong)
    m = symbolic.lstm_model()
    assert not d.proved
    assert sp.expand(d.difference - m.w_peep("o") * (m.s(2) - m.s(1))) == 0
    assert d.check(0) > 1e-3


def test_eq12_omega_peephole_with_previous_state_as_source_is_not_proved():
    def wrong(m, w):
        if w == m.w_peep("o"):
            return [(m.delta("o", t), m.s(t - 1)) for t in range(1, m.T + 1)]
        return eq12(m, w)

    d = symbolic.derive(12, closed_form=wrong)
    assert not d.proved
    assert set(d.failures) == {"one step, w_c_o", "unrolled vs forward mode, w_c_o"}
    d.check(0)
    assert d.numeric_errors["p deck"] > 1e-3 and d.numeric_errors["W deck"] < NUMERIC_TOL


def test_zero_test_tells_zero_from_nonzero_polynomials_in_function_values():
    m = symbolic.lstm_model()
    a, b = m.a("i", 1), m.a("f", 1)
    fa = m.fp(a)
    assert is_zero((fa + b) * (fa - b) - fa**2 + b**2)
    assert not is_zero((fa + b) ** 2 - fa**2 - b**2)
    assert not is_zero(m.fp(a) - m.fp(b))  # f'(a) and f'(b) are different variables
    assert is_zero(sp.Rational(1, 2) * a - a / 2)


def test_derive_rejects_unknown_equation_and_step():
    with pytest.raises(ValueError, match="eq"):
        symbolic.derive(13)
    with pytest.raises(ValueError, match="t"):
        symbolic.derive(8, t=4)


# ---------------------------------------------------------------------------------------------
# Display


@pytest.fixture(scope="module")
def displays():
    """Every derivation the chapters show, with its display computed once: (object, LaTeX)."""
    ds = ([symbolic.derive(n) for n in range(1, 13)]
          + [symbolic.derive_dense(), symbolic.derive_rnn(), symbolic.rnn_jacobian_product(2, 0),
             symbolic.rnn_jacobian_product(3, 0)])
    return [(d, d._repr_latex_()) for d in ds]


def test_repr_latex_is_one_display_math_block_for_mathjax(displays):
    for d, s in displays:
        assert s.startswith("$$") and s.rstrip().endswith("$$"), d
        body = s.strip()[2:-2]
        assert "$" not in body and "\n\n" not in body  # Sphinx splits display math at blank lines
        assert body.count(r"\begin{aligned}") == body.count(r"\end{aligned}") == 1
        assert body.count("{") == body.count("}")
        assert r"\checkmark" in body and "NOT" not in body
        assert d._repr_markdown_() == s


MATHJAX_JS = r"""
const path = process.argv[2];
require(path + '/node-main.js').init({loader: {paths: {mathjax: path}, load: ['input/tex']}})
.then((MathJax) => {
  const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  console.log(JSON.stringify(items.map((tex) => {
    try {
      const mml = MathJax.tex2mml(tex, {display: true});
      const err = mml.match(/data-mjx-error="([^"]*)"/);
      const red = mml.match(/<mtext mathcolor="red">([^<]*)</);
      return err ? err[1] : (mml.includes('<merror') ? 'merror' : (red ? 'undefined ' + red[1] : ''));
    } catch (e) { return 'exception: ' + e.message; }
  })));
}).catch((e) => { console.error(e.message); process.exit(1); });
"""


def test_displays_typeset_without_error_in_mathjax3(tmp_path, displays):
    """What the book does: myst-nb strips the $$, Sphinx wraps in split, MathJax 3 typesets."""
    import importlib.util

    spec = importlib.util.find_spec("mathjax")
    node = shutil.which("node")
    if node is None or spec is None:
        pytest.skip("needs node and the mathjax wheel (django-static-mathjax)")
    es5 = Path(spec.submodule_search_locations[0]) / "static" / "mathjax" / "es5"
    script = tmp_path / "typeset.js"
    script.write_text(MATHJAX_JS)
    bodies = []
    for _, s in displays:
        body = s.strip()[2:-2]
        bodies.append(r"\begin{split}" + body + r"\end{split}" if r"\\" in body else body)
    bodies += [r"\undefinedmacro", r"x^{"]  # the checker itself must catch errors
    proc = subprocess.run([node, str(script), str(es5)], input=json.dumps(bodies),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    errors = json.loads(proc.stdout)
    assert errors[-2] and errors[-1]
    assert errors[:-2] == [""] * (len(bodies) - 2), errors


def test_summary_table_marks_failures_and_renders_html_and_text():
    from lstm_core.symbolic.summary import Row, Summary

    good = Row("(8)", "ε_s", 8, True, 1e-16, 0.1, 0.1)
    bad = Row("(9)", "δ_ι", 6, False, 1e-16, 0.1, 0.1)
    loose = Row("(10)", "δ_φ", 6, True, 1e-9, 0.1, 0.1)
    assert Summary([good], 0.0).all_hold
    assert not Summary([good, bad], 0.0).all_hold
    assert not Summary([good, loose], 0.0).all_hold
    s = Summary([good, bad], 0.5)
    assert s._repr_html_().count("<tr>") == 3 and "✗" in s._repr_html_()
    assert "NO" in str(s) and s.seconds == pytest.approx(0.9)


def test_eq12_is_labelled_the_books_closed_form_not_the_decks():
    # (12) is numbered by the book (after Graves), and its display says so
    tex = symbolic.derive(12).latex(numeric=False)
    assert r"\text{book's (12)}\text{:}" in tex and r"\text{machine} - \text{book's (12)} = 0" in tex
    assert r"\text{deck" not in tex
    assert r"\text{deck}\text{:}" in symbolic.derive(7).latex(numeric=False)
