"""The figure builders of the training chapters run on real runs and draw what they say."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lstm_core import experiments, stack, tasks  # noqa: E402
from lstm_core.measure import activity  # noqa: E402
from lstm_core.viz import training as vt  # noqa: E402


@pytest.fixture(scope="module")
def run():
    return experiments.train_end_task(experiments.adding_task(8), n_hidden=3, seed=0, steps=20,
                                      eval_every=10, checkpoint_at=(0, 10, 20), stop_at=None)


def test_figures_are_built_with_one_axis_per_panel(run):
    batch = tasks.adding_problem(3, 8, rng=0)
    assert len(vt.adding_sequence_figure(batch, 1).axes) == 2
    curves = {"T = 8": [{"label": "LSTM", "loss": run.history.loss,
                         "valid": run.history.eval_series("valid")}]}
    assert len(vt.learning_curves_figure(curves, chance=0.15, target=0.99).axes) == 2
    assert len(vt.success_figure({"LSTM": {8: [0.5, 0.6]}}, chance=0.15).axes) == 1
    assert len(vt.gates_figure(run.params, batch, 0, blocks=(0, 2)).axes) == 4


def test_training_explorer_offers_every_checkpoint_and_sequence(run):
    batch = tasks.adding_problem(3, 8, rng=1)
    e = vt.training_explorer(run.checkpoints, batch, sequences=(2, 0), blocks=(1,))
    out = e.compute_at(update=10, sequence=2)
    L = batch.lengths[2]
    params = dict(run.checkpoints)[10]
    tr = stack.forward(params, batch.x[:L, 2:3]).layers[0]
    np.testing.assert_allclose(out["b_i"][:, 0], tr.b_i[:, 0, 1])
    assert out["s"].shape == (L, 1) and "<script" in e.static_html()
    with pytest.raises(ValueError, match="one-layer LSTM"):
        vt.training_explorer([(0, stack.init_params(2, 3, 1, cell="gru", rng=0))], batch)


def test_gate_summary_finds_a_block_that_was_made_to_store_the_sum():
    """A hand-built block: input gate open only on the marker, forget gate shut to 1."""
    P = stack.init_params(2, 1, 1, rng=0, peepholes=False, forget="none")
    W = np.zeros((4, 2))
    b = np.zeros(4)
    W[0, 1], b[0] = 40.0, -20.0  # ι: open (≈1) when marker = 1, shut otherwise
    W[2, 0] = 0.5  # c: g = tanh(value / 2)
    layer = type(P.layers[0])(W=W, R=np.zeros((4, 1)), b=b, p=None, forget="none")
    P = stack.StackParams(layers=(layer,), out=P.out)
    batch = tasks.adding_problem(400, 20, rng=2)
    g = activity.gate_summary(P, batch)
    assert g["b_i_marked"][0] > 0.99 and g["b_i_other"][0] < 1e-6
    assert g["b_f_other"][0] == 1.0 and g["corr_sum"][0] > 0.99


def test_results_table_formats_columns():
    md = vt.results_table([{"a": 1, "b": 0.12345}, {"a": 2, "b": 1.0}], formats={"b": "{:.1%}"})
    assert md.data.splitlines() == ["| a | b |", "|---|---|", "| 1 | 12.3% |", "| 2 | 100.0% |"]
    assert vt.model_color("LSTM, seed 1") == vt.MODEL_COLORS["lstm"]


def test_activation_html_colours_each_character_by_sign_and_escapes_markup():
    from lstm_core.viz import text as vtext

    out = str(vtext.activation_html("a<b\n", [1.0, 0.0, -1.0, 0.0], title="cell 3"))
    assert "&lt;" in out and "<b\n" not in out and "cell 3" in out
    spans = out.split("<pre")[1].split("</pre>")[0]
    assert spans.count("<span") == 2, "one span per coloured run, none for zero"
    assert "#" in spans and spans.index(">a<") < spans.index("&lt;") < spans.index(">b<")
    with pytest.raises(ValueError, match="values"):
        vtext.activation_html("ab", [1.0])


def test_char_loss_and_variants_figures_are_built():
    from lstm_core.viz import text as vtext

    fig = vtext.char_loss_figure([4.0, 3.0, 2.0], [2, 3], [2.5, 2.2], vocab_size=96,
                                 unigram_bits=4.4)
    assert len(fig.axes) == 1 and len(fig.axes[0].lines) == 4
    fig = vt.variants_figure({"LSTM": [200, None], "GRU": [300, 400]}, budget=2000)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["LSTM", "GRU"]


def test_results_table_renders_as_an_html_table_with_escaped_cells():
    t = vt.results_table([{"a<b": 1, "c": "x&y"}])
    html = t._repr_html_()
    assert html.startswith("<table") and "<th>a&lt;b</th>" in html and "<td>x&amp;y</td>" in html
