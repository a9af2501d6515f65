"""Every figure, explorer and table the book's chapters draw through lstm_core.viz, on small inputs.

Each builder is called as its chapter calls it (the same labels, titles and options), on
data small enough to build in a few seconds: the text drawn is what the book draws. Used by
tests/test_viz_i18n.py to check that every word of it has a translation. (The built book's
tests check the chapters' own outputs: tests/test_book_zh.py.)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lstm_core import experiments, lstm, tasks
from lstm_core.forecast import TMY3_FEATURES
from lstm_core.measure import carousel
from lstm_core.viz import diagram, forecast, gates, results_table, text, training
from lstm_core.viz import rnn as vrnn

# The labels the chapters pass to the builders (the keys of their dicts).
DRIVES = ("weak drive (0.01)", "medium drive (0.3)", "strong drive (1.0)")  # chapter 3
ERROR_FLOW = ("LSTM, no forget gate (1997)", "LSTM, forget-gate bias 3",  # chapter 5
              "LSTM, forget-gate bias 1", "RNN, spectral radius 1")
VARIANTS = ("LSTM (vanilla)", "no peepholes (NP)", "no forget gate (NFG)", "CIFG", "GRU",
            "LSTM, 2 layers")  # chapter 8
FORECASTERS = ("persistence", "seasonal naive", "AR", "VAR", "RNN", "LSTM")  # chapter 9


def _rng(seed=0):
    return np.random.default_rng(seed)


def _run():
    return experiments.train_end_task(experiments.adding_task(8), n_hidden=3, seed=0, steps=20,
                                      eval_every=10, checkpoint_at=(0, 10, 20), stop_at=None)


def matplotlib_figures() -> dict[str, Callable]:
    """Name -> a function that builds one matplotlib figure of the book."""
    r = _rng()
    T, n = 7, 3
    steps = np.logspace(-13, -1, 9)
    zero = np.r_[1.0, np.zeros(6)]
    d = np.arange(12)
    batch = tasks.adding_problem(4, 12, rng=0)
    k = int(np.flatnonzero(batch.marked[:, 0] > 0)[0])
    S = 24 * 40
    values = r.normal(size=(S, len(TMY3_FEATURES))).cumsum(axis=0)
    truth = r.normal(size=(48, 6))

    def eps_s_terms():
        P = lstm.init_params(2, 3, rng=r)
        x = r.normal(size=(5, 2, 2))
        tr = lstm.forward(P, x)
        g = lstm.backward(P, tr, r.normal(size=(5, 2, 3)))
        return gates.eps_s_terms_figure(carousel.eps_s_terms(P, tr, g), g.eps_s)

    def error_flow():
        return gates.error_flow_figure({k: np.geomspace(1, 1e-3, 20) for k in ERROR_FLOW})

    def learning_curves():
        run = _run()
        curves = {f"T = {lag}": [{"label": label, "loss": run.history.loss,
                                  "valid": run.history.eval_series("valid")}
                                 for label in ("LSTM", "RNN")] for lag in (8, 16)}
        return training.learning_curves_figure(curves, chance=0.15, target=0.99)

    def gates_fig():
        return training.gates_figure(_run().params, batch, k, blocks=(0, 1, 2))

    return {
        "dense_layer_diagram": lambda: diagram.dense_layer_diagram(),
        "rnn_unrolled_diagram": lambda: diagram.rnn_unrolled_diagram(steps=7),
        "rnn_unrolled_diagram_highlight": lambda: diagram.rnn_unrolled_diagram(
            steps=7, highlight=(2, 7)),
        "lstm_diagram": lambda: diagram.lstm_diagram(),
        "lstm_diagram_eps_s": lambda: diagram.lstm_diagram(unrolled=True, steps=2,
                                                           highlight="eps_s"),
        "gradcheck_step_figure": lambda: vrnn.gradcheck_step_figure(
            steps, np.abs(steps - 1e-6) + 1e-12),
        "sequence_heatmaps": lambda: vrnn.sequence_heatmaps(
            {"x": r.normal(size=(T, n)), "h": r.normal(size=(T, 5)), "y": r.normal(size=(T, 2))}),
        "influence_figure": lambda: vrnn.influence_figure(
            {"RNN": zero + 0.1, "ANN (R = 0)": zero}, ylabel=r"$\|\Delta h^t\|$"),
        "gradient_norms_figure": lambda: vrnn.gradient_norms_figure(
            {rho: rho ** d for rho in (0.5, 1.0, 2.0)}, ylim=(1e-35, 1e20)),
        "growth_rate_figure": lambda: vrnn.growth_rate_figure(
            [0.5, 1.0, 2.0], {label: [0.4, 0.9, 1.5] for label in DRIVES}),
        "eps_s_paths_figure": gates.eps_s_paths_figure,
        "eps_s_terms_figure": eps_s_terms,
        "error_flow_figure": error_flow,
        "adding_sequence_figure": lambda: training.adding_sequence_figure(batch, k),
        "success_figure": lambda: training.success_figure(
            {"LSTM": {10: [1.0, 1.0]}, "RNN": {10: [0.5, 0.2]}}, chance=0.123),
        "learning_curves_figure": learning_curves,
        "gates_figure": gates_fig,
        "variants_figure": lambda: training.variants_figure(
            {label: [300, None] for label in VARIANTS}, budget=2000),
        "char_loss_figure": lambda: text.char_loss_figure(
            np.linspace(4, 1, 100), [50, 100], [3.0, 2.5], vocab_size=90, unigram_bits=4.5),
        "series_figure": lambda: forecast.series_figure(
            values, [f for f, _, _ in TMY3_FEATURES], [u for _, _, u in TMY3_FEATURES],
            {"train": (0, 24 * 30), "valid": (24 * 30, 24 * 35), "test": (24 * 35, S)},
            week_start=24 * 9),
        "horizon_figure": lambda: forecast.horizon_figure(
            {name: r.random((3 if name in ("RNN", "LSTM") else 1, 6)) for name in FORECASTERS}),
        "forecast_figure_6": lambda: forecast.forecast_figure(
            np.arange(48), truth, {"persistence": truth, "VAR": truth, "LSTM": truth}, h=6,
            title="6 hours ahead"),
        "forecast_figure_1": lambda: forecast.forecast_figure(
            np.arange(48), truth, {"persistence": truth, "LSTM": truth}, h=1,
            title="1 hour ahead"),
    }


def explorers() -> dict[str, Callable]:
    """Name -> a function that builds one explorer of the book's library (chapters 4, 6, 9).

    Chapter 3 builds its explorer in the notebook itself; the built book's test checks it.
    """
    def training_explorer():
        run = _run()
        batch = tasks.adding_problem(4, 8, rng=1)
        return training.training_explorer(
            run.checkpoints, batch, sequences=(0, 1), blocks=(0, 1),
            title="The LSTM during training (T = 100, seed 0), three best blocks")

    def forecast_explorer():
        r = _rng(1)
        names = ("persistence", "seasonal naive", "AR", "VAR", "RNN (seed 0)", "LSTM (seed 0)")
        labels = ["1 Nov, 07:00", "2 Nov, 19:00", "31 Dec, 23:00"]
        return forecast.forecast_explorer(
            r.normal(size=(3, 7)), r.normal(size=(3, 6)),
            {name: r.normal(size=(3, 6)) for name in names}, labels,
            title="Forecasts from one origin in the test period")

    return {"gate_explorer": gates.gate_explorer, "training_explorer": training_explorer,
            "forecast_explorer": forecast_explorer}


def tables() -> dict[str, Callable]:
    """Name -> a function that builds one table (or coloured text) of the book, with the
    chapter's column names and the kinds of strings its cells hold (chapters 6-9)."""
    def lags():  # chapter 6
        row = {"T": 10, "minimal lag": 5}
        for label in ("LSTM", "RNN"):
            row[f"{label} test success"] = "99.2% (99.0%–99.6%)"
            row[f"{label} solved"] = "3 of 3"
            row[f"{label} updates"] = "500 / 500 / 600"
        return results_table([row])

    def gate_summary():  # chapter 6
        cols = ("b_ι at marked steps", "b_ι elsewhere", "b_φ elsewhere",
                "corr(s_c at the end, X1 + X2)")
        return results_table([{"block": 2, **dict.fromkeys(cols, 0.5)}],
                             formats=dict.fromkeys(cols, "{:+.3f}"))

    features = ("in_string", "in_triple_string", "in_comment", "bracket_depth", "column", "indent")
    classes = ("docstrings", "comments", "other strings", "leading spaces", "code in brackets",
               "other code")

    def cells():  # chapter 7
        return results_table(
            [{"feature": name, "layer 1: cell": 3, "layer 1: correlation": 0.5,
              "layer 2: cell": 4, "layer 2: correlation": -0.25} for name in features],
            formats={"layer 1: correlation": "{:+.2f}", "layer 2: correlation": "{:+.2f}"})

    def means():  # chapter 7
        return results_table(
            [{"cell": "layer 1, cell 82", "best for": "indent, in_triple_string",
              **dict.fromkeys(classes, 0.1)},
             {"cell": "layer 2, cell 5", "best for": "bracket_depth", **dict.fromkeys(classes, 0.1)}],
            formats=dict.fromkeys(classes, "{:+.2f}"))

    def coloured(names):  # chapter 7's titles
        def build():
            corrs = zip((0.74, -0.61)[: len(names)], names, strict=True)
            title = (f"layer 1, cell 82, the best cell for {' and '.join(names)} (correlation "
                     + ", ".join(f"{c:+.2f} with {n}" for c, n in corrs)
                     + " over the whole module)")
            return text.activation_html("def f(x):", np.linspace(-1, 1, 9), title=title)
        return build

    def gradients():  # chapter 8
        return results_table([{"variant": label, "arrays checked": 15,
                               "largest relative error": 7e-9, "worst array": "state.0.0"}
                              for label in VARIANTS], formats={"largest relative error": "{:.1e}"})

    def variants():  # chapter 8
        return results_table(
            [{"variant": label, "parameters": 604, "solved (of 5)": 5,
              "median updates when solved": "–" if k else 300, "test success (mean)": 1.0,
              "multiply-adds per step": 536, "time per update": 6.67}
             for k, label in enumerate(VARIANTS)],
            formats={"test success (mean)": "{:.1%}", "time per update": "{:.2f} ms"})

    def horizons():  # chapter 9
        return results_table(
            [{"model": name, "metric": metric, **{f"h = {h}": "1.04 ± 0.03" for h in (1, 2)},
              "mean over h": "2.90"} for metric in ("MAE", "RMSE") for name in FORECASTERS])

    def split():  # chapter 9
        cols = ("LSTM test MAE", "persistence on the same test windows")
        return results_table(
            [{"split": s, **dict.fromkeys(cols, 2.33), "LSTM / persistence": 0.81}
             for s in ("in time (honest), seeds 0–2", "random")],
            formats={**dict.fromkeys(cols, "{:.2f} °C"), "LSTM / persistence": "{:.2f}"})

    return {"lags_table": lags, "gate_summary_table": gate_summary, "cells_table": cells,
            "means_table": means, "coloured_text_one": coloured(("bracket_depth",)),
            "coloured_text_two": coloured(("indent", "in_triple_string")),
            "gradients_table": gradients, "variants_table": variants,
            "horizons_table": horizons, "split_table": split}
