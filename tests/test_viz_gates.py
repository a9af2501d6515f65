"""lstm_core.viz.gates: the gate explorer of chapter 4 and the error-flow figure of chapter 5."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lstm_core import lstm  # noqa: E402
from lstm_core.viz import gates  # noqa: E402


@pytest.mark.parametrize("name", list(gates.PATTERNS))
def test_every_input_pattern_is_one_sequence_of_one_feature(name):
    x = gates.input_pattern(name)
    assert x.shape == (gates.T_PATTERN, 1, 1)
    assert np.abs(x).max() > 0


def test_patterns_are_what_their_names_say():
    assert np.flatnonzero(gates.input_pattern("pulse")[:, 0, 0]).tolist() == [2]
    step = gates.input_pattern("step")[:, 0, 0]
    assert not step[:4].any() and (step[4:] == 1).all()
    deck = gates.input_pattern("deck")[:, 0, 0]
    assert deck[:7].all() and not deck[7:].any()
    np.testing.assert_array_equal(gates.input_pattern("noise"), gates.input_pattern("noise"))


def test_unknown_pattern_and_short_sequence_are_refused_by_name():
    with pytest.raises(ValueError, match="name"):
        gates.input_pattern("sine")
    with pytest.raises(ValueError, match="T"):
        gates.input_pattern("deck", T=5)


def test_gate_block_puts_biases_and_peepholes_in_the_engine_layout():
    P = gates.gate_block(b_i=-1.0, b_f=2.0, b_o=3.0, peephole=0.5)
    assert (P.n_in, P.n_hidden) == (1, 1)
    np.testing.assert_array_equal(P.b, [-1.0, 2.0, 0.0, 3.0])  # blocks ι, φ, c, ω
    np.testing.assert_array_equal(P.p, [[0.5], [0.5], [0.5]])
    assert not P.R.any()


def test_gate_traces_are_the_engine_trace_of_the_block():
    out = gates.gate_traces("noise", b_i=0.0, b_f=2.0, b_o=-3.0, peephole=3.0)
    tr = lstm.forward(gates.gate_block(0.0, 2.0, -3.0, 3.0), gates.input_pattern("noise"))
    for name in ("b_i", "b_f", "b_o", "s", "b_c"):
        np.testing.assert_array_equal(out[name], getattr(tr, name)[:, 0, 0])
    np.testing.assert_array_equal(out["x"], gates.input_pattern("noise")[:, 0, 0])


def test_without_peepholes_the_forget_gate_is_its_bias_alone():
    out = gates.gate_traces("noise", b_f=2.0, peephole=0.0)
    np.testing.assert_allclose(out["b_f"], 1 / (1 + np.exp(-2.0)))


@pytest.fixture(scope="module")
def explorer():
    return gates.gate_explorer()


@pytest.mark.parametrize("name", list(gates.GATE_CONTROLS))
def test_every_control_changes_the_figure(explorer, name):
    """Each slider, moved away from its default, changes some plotted series."""
    base = explorer.compute_at()
    c = explorer.controls[name]
    for v in c.values:
        if v == c.default:
            continue
        moved = explorer.compute_at(**{name: v})
        assert any(not np.array_equal(base[k], moved[k]) for k in base), f"{name}={v}"


def test_explorer_grid_and_static_page_stay_small(explorer):
    assert explorer.grid_size <= 1000
    assert len(explorer.static_html().encode()) < 1_000_000


def test_explorer_redraws_live_at_every_grid_point_it_visits(explorer):
    # The redraw time is printed by chapter 4 and measured by benchmarks/bench_viz.py.
    assert explorer.time_redraw(10) > 0
    assert len(explorer.redraw_times) >= 11  # 10 timed redraws and the return to defaults


def test_error_flow_figure_draws_one_log_line_per_curve():
    T = 30
    curves = {"LSTM": np.full(T, 0.5), "RNN": 0.5 ** np.arange(T)[::-1], "zero": np.zeros(T)}
    fig = gates.error_flow_figure(curves)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert [ln.get_label() for ln in ax.get_lines()] == list(curves)
    assert np.isnan(ax.get_lines()[2].get_ydata()).all()  # a log axis draws no zeros


def test_error_flow_figure_refuses_a_curve_that_is_not_one_dimensional():
    with pytest.raises(ValueError, match="curves"):
        gates.error_flow_figure({"LSTM": np.ones((3, 2))})
    with pytest.raises(ValueError, match="curves"):
        gates.error_flow_figure({})


def test_eps_s_paths_figure_draws_the_five_children_of_the_state_and_the_loss():
    fig = gates.eps_s_paths_figure()
    texts = {t.get_text() for t in fig.axes[0].texts}
    for label in (r"$b_c^t$", r"$a_\omega^t$", r"$s_c^{t+1}$", r"$a_\iota^{t+1}$",
                  r"$a_\phi^{t+1}$", r"$s_c^t$", r"$L$"):
        assert label in texts, label
    from matplotlib.patches import FancyArrowPatch

    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 10  # one solid and one dashed arrow per path


def test_eps_s_terms_figure_draws_five_terms_and_their_sum():
    from lstm_core.measure import carousel

    rng = np.random.default_rng(0)
    P = lstm.init_params(2, 3, rng=rng)
    x = rng.normal(size=(5, 2, 2))
    tr = lstm.forward(P, x)
    g = lstm.backward(P, tr, rng.normal(size=(5, 2, 3)))
    fig = gates.eps_s_terms_figure(carousel.eps_s_terms(P, tr, g), g.eps_s, seq=1, block=2)
    lines = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) == 5]
    assert len(lines) == 6
    np.testing.assert_allclose(lines[-1].get_ydata(), g.eps_s[:, 1, 2])
    with pytest.raises(ValueError, match="terms"):
        gates.eps_s_terms_figure({}, g.eps_s)
