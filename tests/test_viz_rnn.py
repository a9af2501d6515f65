"""Tests of lstm_core.viz.rnn: the figure builders of chapters 1-3 draw what they are given."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lstm_core.viz import diagram  # noqa: E402
from lstm_core.viz import rnn as vrnn  # noqa: E402
from lstm_core.viz.style import PALETTE  # noqa: E402


def _lines(ax):
    return [ln for ln in ax.get_lines() if ln.get_label() and not ln.get_label().startswith("_")]


def test_dense_layer_diagram_draws_every_connection_and_both_views():
    fig = diagram.dense_layer_diagram(shown_in=4, shown_out=3)
    assert isinstance(fig, Figure)
    full, simple = fig.axes
    assert len(full.get_lines()) == 4 * 3  # every input to every neuron
    assert [ln.get_color() for ln in full.get_lines()].count(PALETTE["wine"]) == 1  # w_21
    assert any("\\theta(Wx + \\beta)" in t.get_text() for t in simple.texts)


def test_dense_layer_diagram_refuses_fewer_than_two_nodes():
    with pytest.raises(ValueError, match="shown_in, shown_out"):
        diagram.dense_layer_diagram(shown_in=1)


def test_gradient_norms_figure_draws_the_geometric_mean_and_the_bound():
    d = np.arange(5)
    batch = np.stack([0.5**d, 2 * 0.5**d], axis=1)  # geometric mean: sqrt(2) * 0.5^d
    fig = vrnn.gradient_norms_figure({0.5: batch, 1.5: 1.5**d})
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 4  # measured + bound per radius
    np.testing.assert_allclose(lines[0].get_ydata(), np.sqrt(2) * 0.5**d)
    np.testing.assert_allclose(lines[1].get_ydata(), 0.5**d)  # the bound ρ^d
    assert ax.get_yscale() == "log"
    assert [ln.get_label() for ln in _lines(ax)] == ["ρ = 0.5", "ρ = 1.5"]


def test_gradient_norms_figure_refuses_empty_and_wrong_rank():
    with pytest.raises(ValueError, match="norms: expected at least one radius"):
        vrnn.gradient_norms_figure({})
    with pytest.raises(ValueError, match=r"norms\[0.5\]: expected shape \(D,\) or \(D, N\)"):
        vrnn.gradient_norms_figure({0.5: np.ones((2, 2, 2))})


def test_radius_colors_are_blue_below_one_black_at_one_red_above():
    c = vrnn.radius_colors([0.5, 0.9, 1.0, 1.1, 3.0])
    assert c[1.0] == PALETTE["black"]
    assert c[0.9].lower() == PALETTE["blue"].lower()  # nearest to 1: the full colour
    assert c[1.1].lower() == PALETTE["vermillion"].lower()
    assert c[0.5] != c[0.9] and c[3.0] != c[1.1]  # further away: lighter


def test_growth_rate_figure_draws_each_curve_and_the_diagonal():
    radii = np.array([0.5, 1.0, 2.0])
    fig = vrnn.growth_rate_figure(radii, {"a": [0.4, 0.9, 1.2], "b": [0.3, 0.7, 1.1]})
    ax = fig.axes[0]
    ys = {ln.get_label(): ln.get_ydata() for ln in _lines(ax)}
    np.testing.assert_allclose(ys["a"], [0.4, 0.9, 1.2])
    np.testing.assert_allclose(ys[r"bound $r = \rho$"], radii)


def test_growth_rate_figure_refuses_mismatched_curves():
    with pytest.raises(ValueError, match=r"rates\['a'\]: expected shape \(3,\)"):
        vrnn.growth_rate_figure([0.5, 1.0, 2.0], {"a": [0.4, 0.9]})
    with pytest.raises(ValueError, match="radii: expected at least two"):
        vrnn.growth_rate_figure([1.0], {"a": [1.0]})


def test_gradcheck_step_figure_draws_the_measured_errors():
    steps = np.logspace(-8, -2, 7)
    errors = steps**2
    ax = vrnn.gradcheck_step_figure(steps, errors).axes[0]
    measured = [ln for ln in ax.get_lines() if ln.get_label() == "measured"][0]
    np.testing.assert_allclose(measured.get_ydata(), errors)
    with pytest.raises(ValueError, match=r"errors: expected shape \(7,\)"):
        vrnn.gradcheck_step_figure(steps, errors[:3])


def test_sequence_heatmaps_one_panel_per_array_features_down_time_across():
    fig = vrnn.sequence_heatmaps({"$x$": np.ones((7, 3)), "$y$": -np.ones((7, 2))})
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 2
    assert panels[0].images[0].get_array().shape == (3, 7)
    assert panels[0].get_title(loc="left") == "$x$: 3 features × 7 steps"
    with pytest.raises(ValueError, match="one length T"):
        vrnn.sequence_heatmaps({"a": np.ones((7, 3)), "b": np.ones((6, 3))})
    with pytest.raises(ValueError, match=r"arrays\['a'\]: expected shape \(T, D\)"):
        vrnn.sequence_heatmaps({"a": np.ones(7)})


def test_influence_figure_draws_zeros_at_the_floor_and_says_so():
    fig = vrnn.influence_figure(
        {"rnn": np.array([1.0, 0.1, 0.01]), "ann": np.array([1.0, 0, 0])}, ylabel="change"
    )
    ax = fig.axes[0]
    ann = [ln for ln in ax.get_lines() if ln.get_label() == "ann"][0]
    floor = ax.get_ylim()[0]
    assert np.all(ann.get_ydata()[1:] == floor) and floor > 0
    assert any("exactly 0" in t.get_text() for t in ax.texts)
    with pytest.raises(ValueError, match="curves: expected at least one"):
        vrnn.influence_figure({}, ylabel="x")


def test_rnn_unrolled_diagram_draws_one_column_per_step_and_the_highlighted_path():
    from matplotlib.patches import FancyArrowPatch

    fig = diagram.rnn_unrolled_diagram(steps=7, highlight=(2, 7))
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    assert {f"$x^{{{t}}}$" for t in range(1, 8)} <= labels
    assert {"$h^0$", "$x^{t}$", "$y^{7}$"} <= labels
    wine = matplotlib.colors.to_rgba(PALETTE["wine"])
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert sum(p.get_edgecolor() == wine for p in arrows) == 5  # R into steps 3..7


def test_rnn_unrolled_diagram_refuses_bad_steps_and_paths():
    with pytest.raises(ValueError, match="steps: expected an int from 2 to 9"):
        diagram.rnn_unrolled_diagram(steps=1)
    with pytest.raises(ValueError, match=r"highlight: expected \(k, t\)"):
        diagram.rnn_unrolled_diagram(steps=3, highlight=(2, 5))
