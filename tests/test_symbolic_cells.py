"""The chapters' visible SymPy cells (issue 14) and the small helpers they call.

- Every derived quantity has its tagged SymPy cell in its chapter, and each cell differentiates
  with SymPy (``diff`` or ``jacobian``) and is followed by a hidden check.
- Run outside a kernel (tests/sympy_cells.py), the cells of chapters 1, 2, 4 and 5 prove the
  closed forms (difference zero) and match the engine's numbers (relative error < 1e-12):
  their hidden checks pass, and the namespaces they leave say so.
- A deliberately wrong deck form -- a factor forgotten, a term dropped, a transpose missed, the
  output gate peeping at the old state -- makes the cell's hidden check fail.
- The helpers of ``lstm_core.symbolic.cells``: names, LaTeX, values on a trace, bad input.

Times are not asserted here; benchmarks/bench_symbolic.py prints each cell's.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
import sympy_cells as sc

from lstm_core import lstm
from lstm_core.symbolic import cells
from lstm_core.symbolic.cells import sym

TOL = 1e-12

# Every derived quantity of issue 14, by chapter: the cells that derive it.
EXPECTED = {
    1: ["sympy-ann-diff", "sympy-ann-closed", "sympy-ann-numbers"],
    2: ["sympy-rnn-eps", "sympy-rnn-closed", "sympy-rnn-numbers", "sympy-rnn-grads",
        "sympy-rnn-grads-numbers"],
    4: ["sympy-fwd", "sympy-fwd-numbers"],
    5: [f"sympy-bwd-{n}{part}" for n in range(6, 13) for part in ("", "-numbers")],
}


@pytest.fixture(scope="module")
def namespaces():
    """Each chapter's namespace after its set-up cells (run once, copied by every run)."""
    return {k: sc.setup(path) for k, path in sc.CHAPTERS.items()}


@pytest.mark.parametrize("chapter", sorted(EXPECTED))
def test_every_derived_quantity_has_a_tagged_sympy_cell_with_a_hidden_check(chapter):
    path = sc.CHAPTERS[chapter]
    ids = [c.id for c in sc.cells(path, "sympy-cell")]
    assert ids == EXPECTED[chapter]
    for cell in sc.cells(path, "sympy-cell"):
        if cell.id.endswith("numbers"):  # sympy.lambdify at the engine's numbers
            assert "cells.evaluate" in cell.source or "cells.on_trace" in cell.source, cell.id
        elif cell.id.endswith("closed"):  # the closed form, and the difference simplified
            assert "sp.simplify(" in cell.source, cell.id
        elif chapter == 4:  # the forward pass: equations (1)-(5) as SymPy expressions
            assert all(f"# ({n})" in cell.source for n in range(1, 6)), cell.id
        else:  # a derivation: sympy.diff along the chain, and (where no deck cell follows) the check
            assert ".diff(" in cell.source or "jacobian(" in cell.source, cell.id
    checks = sc.cells(path, "sympy-check")
    assert checks and all("remove-cell" in c.tags for c in checks)
    every = [c.id for c in sc.cells(path, "sympy-cell", "sympy-check")]
    assert every[-1] in {c.id for c in checks}, "the last SymPy cell is followed by a hidden check"


def test_chapter_1_cells_prove_the_dense_gradients_and_match_dense_backward(namespaces):
    ns = _ran(1, namespaces)
    assert ns["n_zero"] == ns["n_entries"] == 3 + 12 + 3 + 4  # δ, w, β, x of n = 4, m = 3
    assert set(ns["ann_sympy_error"]) == {"W", "b", "x"}
    assert max(ns["ann_sympy_error"].values()) < TOL


def test_chapter_2_cells_prove_bptt_and_match_rnn_backward(namespaces):
    ns = _ran(2, namespaces)
    assert all(e == 0 for d in ns["difference"].values() for e in d)
    assert ns["n_zero"] == ns["n_entries"] == 50  # W (5x3), R (5x5), β, h^0 (5 each)
    assert set(ns["rnn_sympy_error"]) == {"eps", "delta", "W", "R", "b", "h0"}
    assert max(ns["rnn_sympy_error"].values()) < TOL


def test_chapter_4_cells_give_the_forward_trace(namespaces):
    ns = _ran(4, namespaces)
    assert set(ns["fwd_sympy_error"]) == {"a_i", "b_i", "a_f", "b_f", "s", "a_o", "b_o", "b_c"}
    assert max(ns["fwd_sympy_error"].values()) < TOL


def test_chapter_5_cells_prove_6_to_12_and_match_lstm_backward(namespaces):
    ns = _ran(5, namespaces)
    errors = ns["bwd_sympy_error"]
    assert list(errors) == [f"({n})" for n in range(6, 13)]
    assert max(errors.values()) < TOL
    assert len(ns["share"]) == 4 * (ns["I"] + 2) + 3  # W, R, β of four net inputs, three peepholes


def _ran(chapter, namespaces):
    ns = dict(namespaces[chapter])
    sc.run(sc.CHAPTERS[chapter], ns)
    return ns


# (chapter, cell, old, new): a plausible mistake in the closed form (the deck's, or for chapters 1-2
# the book's), and the check it must fail.
WRONG = [
    (1, "sympy-ann-closed", "theta_prime.multiply_elementwise(a_s", "(a_s", "sympy-ann-check"),  # no θ'

    (1, "sympy-ann-closed", '"x": ws * closed_delta', '"x": ws.T.T * closed_delta * 2', "sympy-ann-check"),
    (2, "sympy-rnn-closed", "R_s.T * delta_next", "R_s * delta_next", "sympy-rnn-check"),
    (2, "sympy-rnn-grads", '"h0": R_s.T * delta_t', '"h0": R_s * delta_t', "sympy-rnn-grads-check"),
    (4, "sympy-fwd", "a_o = abar_o + w_co * s", "a_o = abar_o + w_co * s_prev", "sympy-fwd-check"),
    (5, "sympy-bwd-6", 'for q in a_next)\n)', 'for q in "ιφω")\n)', "sympy-bwd-6-check"),
    (5, "sympy-bwd-7", "deck = fp(a_o) * h(s) * eps_c", "deck = h(s) * eps_c", "sympy-bwd-7-check"),
    (5, "sympy-bwd-8", " + w_co * delta_o  # (8)", "  # (8)", "sympy-bwd-8-check"),
    (5, "sympy-bwd-9", "deck = fp(a_i) * g(a_c) * eps_s", "deck = fp(a_i) * eps_s", "sympy-bwd-9-check"),
    (5, "sympy-bwd-10", "deck = fp(a_f) * s_prev * eps_s", 'deck = fp(a_f) * sym("s_c^t") * eps_s',
     "sympy-bwd-10-check"),
    (5, "sympy-bwd-11", "deck = b_i * gp(a_c) * eps_s", "deck = gp(a_c) * eps_s", "sympy-bwd-11-check"),
    (5, "sympy-bwd-12", '"ω": sym("s_c^t")', '"ω": sym("s_c^{t-1}")', "sympy-bwd-12-check"),
]


@pytest.mark.parametrize(("chapter", "cell", "old", "new", "check"), WRONG,
                         ids=[f"{w[1]}-{k}" for k, w in enumerate(WRONG)])
def test_a_wrong_deck_form_fails_the_cells_check(namespaces, chapter, cell, old, new, check):
    with pytest.raises(sc.CellFailed) as failed:
        sc.run(sc.CHAPTERS[chapter], dict(namespaces[chapter]), edit=(cell, old, new), stop_after=check)
    assert failed.value.cell_id == check
    assert isinstance(failed.value.error, AssertionError)


# The exercises that edit the cells: what each solution's hidden check holds it to.
EXERCISES = {
    1: ["sympy-ann-relu", "sympy-ann-relu-numbers"],  # ReLU: δ gets a step, fd agrees
    2: ["sympy-rnn-sigmoid"],  # sigmoid units: only (BPTT δ) changes
    4: ["sympy-fwd-coupled", "sympy-fwd-coupled-numbers"],  # CIFG forward = forget="coupled"
    5: ["sympy-bwd-coupled", "sympy-bwd-coupled-numbers"],  # CIFG (8), (9) = lstm.backward
}


@pytest.mark.parametrize("chapter", sorted(EXERCISES))
def test_each_chapter_has_an_exercise_that_edits_its_sympy_cells_and_the_solution_holds(namespaces,
                                                                                        chapter):
    path = sc.CHAPTERS[chapter]
    visible = [c.id for c in sc.cells(path, "sympy-exercise") if "remove-cell" not in c.tags]
    assert visible == EXERCISES[chapter]
    assert any("remove-cell" in c.tags for c in sc.cells(path, "sympy-exercise"))
    seconds = sc.run(path, dict(namespaces[chapter]), exercises=True)  # the hidden checks assert
    assert set(EXERCISES[chapter]) <= set(seconds)


def test_the_unedited_cells_pass_the_same_checks(namespaces):
    for chapter, _cell, _old, _new, check in WRONG:  # the control: no edit, same stop
        sc.run(sc.CHAPTERS[chapter], dict(namespaces[chapter]), stop_after=check)


def test_an_edit_that_does_not_apply_is_refused(namespaces):
    with pytest.raises(ValueError, match="is not in cell"):
        sc.run(sc.CHAPTERS[4], dict(namespaces[4]), edit=("sympy-fwd", "no such text", ""))


# ------------------------------------------------------------------------------ the helpers


def test_sym_names_symbols_as_the_deck_writes_them():
    s, s1, w = sym("s_c^t s_c^{t+1} w_cω")
    assert sym("s_c^{t}") is s  # one spelling per symbol
    assert sp.latex(s1) == r"s_{c}^{t+1}"
    assert sp.latex(w) == r"w_{c\omega}"
    assert sp.latex(sym("ε_s^{t-1}")) == r"\epsilon_{s}^{t-1}"
    assert sp.latex(sym("ā_ι^t")) == r"\bar{a}_{\iota}^{t}"
    assert str(w) == "w_cω"


@pytest.mark.parametrize("bad", ["", "   ", "a_b_c", "s^t^u"])
def test_sym_refuses_a_malformed_name(bad):
    with pytest.raises(ValueError, match="names"):
        sym(bad)


def test_sym_refuses_a_non_string():
    with pytest.raises(TypeError, match="names"):
        sym(["s_c^t"])


def test_vec_and_mat_index_their_symbols_and_bind_pairs_them_with_arrays():
    v, m = cells.vec("δ_y", 2, "t"), cells.mat("W_y", 2, 3)
    assert [str(s) for s in v] == ["δ_{y,1}^t", "δ_{y,2}^t"]
    assert str(m[1, 2]) == "W_{y,23}"
    values = np.arange(12.0).reshape(2, 3, 2)
    bound = cells.bind(v, values)
    np.testing.assert_array_equal(bound[v[1]], values[..., 1])
    W = np.arange(6.0).reshape(2, 3)
    assert cells.bind(m, W)[m[1, 2]] == 5.0
    with pytest.raises(ValueError, match="values"):
        cells.bind(v, np.zeros((4, 3)))
    with pytest.raises(ValueError, match="values"):
        cells.bind(m, W.T)
    with pytest.raises(TypeError, match="symbols"):
        cells.bind([sym("x_1")], [1.0])
    with pytest.raises(ValueError, match="n"):
        cells.vec("x", 0)


def test_evaluate_lambdifies_expressions_and_stacks_matrix_entries_last():
    x, y = sym("x_1 x_2")
    at = {x: np.array([1.0, 2.0]), y: 3.0}
    np.testing.assert_allclose(cells.evaluate(x * y + cells.f(0 * x), at), [3.5, 6.5])
    out = cells.evaluate(sp.Matrix([x, y, x * y]), at)
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out[1], [2.0, 3.0, 6.0])
    with pytest.raises(ValueError, match="missing"):
        cells.evaluate(x + sym("z"), at)
    with pytest.raises(TypeError, match="at"):
        cells.evaluate(x, [(x, 1.0)])


def test_at_next_shifts_one_step_and_zeros_the_last():
    a = np.arange(6.0).reshape(3, 2)
    np.testing.assert_array_equal(cells.at_next(a), [[2, 3], [4, 5], [0, 0]])
    with pytest.raises(TypeError, match="values"):
        cells.at_next(np.arange(3))


def test_show_breaks_long_sums_and_writes_words_as_text():
    a, b, c = sym("a_1 a_2 a_3")
    rows = cells.show("some words:", (sym("y_1"), a + b + c), per_line=2)
    latex = rows._repr_latex_()
    assert latex.startswith("$$") and r"\text{some words:}" in latex
    assert latex.count(r"\\ &\quad") == 1  # three terms, two per line
    with pytest.raises(TypeError, match="rows"):
        cells.show(("too", "many", "parts", "here"))


def _one_block(rng=0, H=1):
    r = np.random.default_rng(rng)
    p = lstm.LSTMParams(W=r.normal(size=(4 * H, 2)), R=r.normal(size=(4 * H, H)),
                        b=r.normal(size=4 * H), p=r.normal(size=(3, H)))
    trace = lstm.forward(p, r.normal(size=(5, 3, 2)), r.normal(size=(3, H)), r.normal(size=(3, H)))
    grads = lstm.backward(p, trace, r.normal(size=(5, 3, H)))
    return p, trace, grads


def test_net_inputs_are_equations_1_to_4_for_one_block():
    a = cells.net_inputs("t+1", n_in=2)
    assert list(a) == ["ι", "φ", "c", "ω"]
    assert sym("s_c^t") in a["ι"].free_symbols and sym("s_c^{t+1}") in a["ω"].free_symbols
    assert not {sym("s_c^t"), sym("s_c^{t+1}")} & a["c"].free_symbols  # no peephole on the cell input
    assert sp.diff(a["φ"], sym("b_c^t")) == sym("w_hφ")
    p, trace, grads = _one_block()
    value = cells.on_trace(a["ι"].subs({sym("x_1^{t+1}"): 0, sym("x_2^{t+1}"): 0}), p, trace)
    expected = p.R[0, 0] * trace.h + p.b[0] + p.p[0, 0] * trace.s  # inputs set to 0
    np.testing.assert_allclose(value, expected, rtol=1e-14)
    with pytest.raises(ValueError, match="step"):
        cells.net_inputs("t-1")


def test_on_trace_reads_every_symbol_from_the_engine():
    p, trace, grads = _one_block(H=3)
    np.testing.assert_array_equal(cells.on_trace(sym("δ_ι^{t+1}"), p, trace, grads),
                                  cells.at_next(grads.delta_i))
    np.testing.assert_array_equal(cells.on_trace(sym("s_c^{t-1}"), p, trace), trace.s_prev)
    np.testing.assert_array_equal(cells.on_trace(sym("b_c^{t-1}"), p, trace), trace.h_prev)
    np.testing.assert_array_equal(cells.on_trace(sym("w_cω"), p, trace),
                                  np.broadcast_to(p.p[2], trace.h.shape))
    np.testing.assert_array_equal(cells.on_trace(sym("w_2c"), p, trace)[0, 0], p.W[6:9, 1])
    np.testing.assert_allclose(cells.on_trace(cells.g(sym("a_c^t")), p, trace), trace.g, rtol=1e-15)
    with pytest.raises(ValueError, match="one block"):
        cells.on_trace(sym("w_hι"), p, trace)
    with pytest.raises(ValueError, match="no grads"):
        cells.on_trace(sym("ε_s^t"), p, trace)
    with pytest.raises(ValueError, match="b_ω"):
        cells.on_trace(sym("b_ω^{t-1}"), p, trace, grads)
    with pytest.raises(TypeError, match="trace"):
        cells.on_trace(sym("s_c^t"), p, grads)
