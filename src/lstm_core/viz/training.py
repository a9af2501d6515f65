"""Figures of the training chapters (6: long time lags, 8: variants), in the book's style.

Builders only: every number comes from :mod:`lstm_core.tasks`, :mod:`lstm_core.stack` and the
runs of :mod:`lstm_core.experiments`.

- :func:`adding_sequence_figure` -- one sequence of the adding problem (Hochreiter &
  Schmidhuber 1997, Experiment 4): the values, the markers, the two marked pairs, the target;
- :func:`learning_curves_figure` -- training loss and validation success rate against
  updates, one column per task, one line per run;
- :func:`success_figure` -- the test success rate of each model against the time lag;
- :func:`training_explorer` -- a trained LSTM's gates and cell states on test sequences, at
  several stages of training, as an explorer (live in JupyterLab, precomputed in the book);
- :func:`variants_figure` -- updates to the success criterion, one row per model variant;
- :func:`results_table` -- rows of numbers as a table (HTML, and Markdown in ``.data``).

Colours: the LSTM is drawn in the cell-state black, the RNN in the generic-ε sky blue (as in
the error-flow figure of chapter 5); other models take the spare colours of
:mod:`lstm_core.viz.style`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .. import lstm, stack, tasks
from .explorer import control, explore, panel
from .style import EXTRA_COLORS, PALETTE, mpl_context, series_style

__all__ = [
    "MODEL_COLORS",
    "model_color",
    "adding_sequence_figure",
    "learning_curves_figure",
    "success_figure",
    "gates_figure",
    "training_explorer",
    "results_table",
    "Table",
    "variants_figure",
    "moving_average",
]

#: One colour per model label (matched by prefix, case-insensitive).
MODEL_COLORS = {
    "lstm": PALETTE["black"],
    "rnn": series_style("eps").color,
    "no peepholes": EXTRA_COLORS[0],
    "no forget gate": PALETTE["vermillion"],
    "cifg": EXTRA_COLORS[1],
    "gru": EXTRA_COLORS[3],
    "2 layers": PALETTE["grey"],
    "lstm, 2 layers": PALETTE["grey"],
}


def model_color(label: str) -> str:
    """The colour of a model, from the start of its label (``"LSTM, seed 0"`` -> black)."""
    key = label.lower()
    for name in sorted(MODEL_COLORS, key=len, reverse=True):
        if key.startswith(name):
            return MODEL_COLORS[name]
    return EXTRA_COLORS[sum(map(ord, key)) % len(EXTRA_COLORS)]  # stable across sessions


def moving_average(y: Sequence[float], window: int) -> np.ndarray:
    """Mean of the last ``window`` values at every point (fewer at the start), shape of ``y``."""
    y = np.asarray(y, dtype=float)
    c = np.cumsum(np.insert(y, 0, 0.0))
    k = np.arange(1, len(y) + 1)
    lo = np.maximum(k - window, 0)
    return (c[k] - c[lo]) / (k - lo)


def adding_sequence_figure(batch: tasks.AddingBatch, k: int = 0):
    """Sequence ``k`` of an adding-problem batch: values above, markers below (matplotlib).

    The two marked pairs are drawn in the input-gate green: they are what the network must
    let into its cells; the target 0.5 + (X1 + X2)/4 is written in the title.
    """
    import matplotlib.pyplot as plt

    L = int(batch.lengths[k])
    x = batch.x[:L, k]
    t = np.arange(1, L + 1)
    marked = batch.marked[k]
    green = series_style("b_i").color
    with mpl_context():
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(8.4, 3.8), sharex=True,
                                       gridspec_kw={"height_ratios": [2, 1]})
        ax1.vlines(t, 0, x[:, 0], color=PALETTE["grey"], linewidth=1.2)
        ax1.plot(t, x[:, 0], "o", color=PALETTE["grey"], markersize=3)
        ax1.vlines(marked + 1, 0, x[marked, 0], color=green, linewidth=2.5)
        ax1.plot(marked + 1, x[marked, 0], "o", color=green, markersize=7)
        for j, name in enumerate(("X_1", "X_2")):
            ax1.annotate(f"${name} = {x[marked[j], 0]:+.2f}$", (marked[j] + 1, x[marked[j], 0]),
                         textcoords="offset points", xytext=(6, 6 if x[marked[j], 0] >= 0 else -14),
                         color=green, fontsize=10)
        ax1.set_ylim(-1.15, 1.15)
        ax1.set_ylabel("value")
        ax1.set_title(f"one sequence of length {L}: target $0.5 + (X_1 + X_2)/4 = "
                      f"{batch.target[k, 0]:.3f}$, wanted at the last step")
        ax2.step(t, x[:, 1], where="mid", color=PALETTE["dark"])
        ax2.plot(marked + 1, x[marked, 1], "o", color=green, markersize=6)
        ax2.set_yticks([-1, 0, 1])
        ax2.set_ylim(-1.4, 1.4)
        ax2.set_ylabel("marker")
        ax2.set_xlabel("time step $t$")
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig


def learning_curves_figure(runs: Mapping[str, Sequence[Mapping[str, object]]], *,
                           window: int = 50, chance: float | None = None,
                           target: float | None = None):
    """Training loss and validation success against updates (matplotlib).

    Parameters
    ----------
    runs : dict of str to list of dict
        Column title (e.g. ``"T = 50"``) -> runs, each a dict with ``"label"`` (the model,
        which picks the colour), ``"loss"`` (per update) and ``"valid"`` (a pair of arrays,
        steps and success rates).
    window : int
        Moving-average window of the loss curves.
    chance : float, optional
        The success rate of a constant guess, drawn as a dotted line.
    target : float, optional
        The stopping criterion, drawn as a dashed line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    cols = list(runs)
    with mpl_context():
        fig, axes = plt.subplots(2, len(cols), figsize=(2.6 * len(cols) + 1.0, 5.2),
                                 sharey="row", squeeze=False)
        fig.set_label("learning curves: training loss and validation success against updates, "
                      "one column per sequence length")  # its alt text (figures_i18n)
        seen = set()
        for j, col in enumerate(cols):
            ax_l, ax_s = axes[0, j], axes[1, j]
            for run in runs[col]:
                label = str(run["label"])
                c = model_color(label)
                lab = None if label in seen else label
                seen.add(label)
                loss = np.asarray(run["loss"], float)
                ax_l.semilogy(np.arange(1, len(loss) + 1), moving_average(loss, window),
                              color=c, linewidth=1.2, alpha=0.85, label=lab)
                steps, valid = run["valid"]
                ax_s.plot(steps, valid, color=c, linewidth=1.2, alpha=0.85)
            ax_l.set_title(col)
            ax_s.set_xlabel("updates")
            if chance is not None:
                ax_s.axhline(chance, color=PALETTE["grey"], linestyle=":", linewidth=1)
            if target is not None:
                ax_s.axhline(target, color=PALETTE["grey"], linestyle="--", linewidth=1)
            ax_s.set_ylim(0, 1.02)
        axes[0, 0].set_ylabel(f"training loss\n(mean of {window} updates)")
        axes[1, 0].set_ylabel("validation success")
        axes[0, 0].legend(loc="lower left", fontsize=9)
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig


def success_figure(rates: Mapping[str, Mapping[int, Sequence[float]]], *,
                   chance: float | None = None, xlabel: str = "minimal sequence length $T$"):
    """Test success rate against the time lag, one line per model, one dot per seed.

    Parameters
    ----------
    rates : dict of str to dict of int to list of float
        Model label -> lag -> success rates of the seeds.
    chance : float, optional
        The success rate of a constant guess (dotted line).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import ScalarFormatter

    with mpl_context():
        fig, ax = plt.subplots(figsize=(6.4, 3.6))
        for label, by_lag in rates.items():
            lags = sorted(by_lag)
            c = model_color(label)
            for lag in lags:
                r = np.asarray(by_lag[lag])
                ax.plot(np.full(len(r), lag), r, "o", color=c, alpha=0.5, markersize=5)
            ax.plot(lags, [np.mean(by_lag[g]) for g in lags], "-", color=c, label=label)
        if chance is not None:
            ax.axhline(chance, color=PALETTE["grey"], linestyle=":", linewidth=1,
                       label=f"constant guess ({chance:.1%})")
        ax.set_xscale("log")
        ax.set_xticks(sorted({g for by in rates.values() for g in by}))
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.minorticks_off()
        ax.set_ylim(0, 1.03)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("test success rate")
        ax.legend(loc="center left", fontsize=9)
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig


def gates_figure(params: stack.StackParams, batch: tasks.AddingBatch, k: int = 0, *,
                 blocks: Sequence[int] = (0,)):
    """A trained LSTM on one adding-problem sequence: input, b_ι, b_φ and s_c of some blocks.

    Four rows sharing the time axis (matplotlib): the input (values grey, markers dark, the
    marked steps shaded in the input-gate green in every row); the input gates b_ι (eq 1);
    the forget gates b_φ (eq 2); the cell states s_c (eq 3). One line style per block.

    Parameters
    ----------
    params : StackParams
        A one-layer LSTM stack.
    batch : AddingBatch
    k : int
        Which sequence of the batch.
    blocks : sequence of int
        Which blocks to draw (numbered from 0).
    """
    import matplotlib.pyplot as plt

    layer = params.layers[0]
    if len(params.layers) != 1 or not isinstance(layer, lstm.LSTMParams):
        raise ValueError("params: expected a one-layer LSTM stack")
    L = int(batch.lengths[k])
    tr = stack.forward(params, batch.x[:L, k : k + 1])
    lt = tr.layers[0]
    t = np.arange(1, L + 1)
    green = series_style("b_i").color
    styles = ["-", "--", ":", "-."]
    rows = [("b_i", r"input gate $b_\iota$"), ("b_f", r"forget gate $b_\varphi$"),
            ("s", r"cell state $s_c$")]
    with mpl_context():
        fig, axes = plt.subplots(4, 1, figsize=(8.4, 7.0), sharex=True,
                                 gridspec_kw={"height_ratios": [1.2, 1, 1, 1.3]})
        fig.set_label("a trained LSTM on one sequence: the input, the input and forget gates and "
                      "the cell state of some blocks")  # its alt text, before its title
        ax = axes[0]
        ax.vlines(t, 0, batch.x[:L, k, 0], color=PALETTE["grey"], linewidth=1)
        ax.step(t, batch.x[:L, k, 1], where="mid", color=PALETTE["dark"], linewidth=1)
        ax.set_ylabel("input")
        ax.set_ylim(-1.2, 1.2)
        ax.set_title(f"target {batch.target[k, 0]:.3f}, output {tr.y[-1, 0, 0]:.3f}")
        for row, (name, label) in zip(axes[1:], rows, strict=True):
            series = getattr(lt, name)[:, 0]  # (L, H)
            c = series_style(name).color
            for j, blk in enumerate(blocks):
                row.plot(t, series[:, blk], styles[j % len(styles)], color=c,
                         label=f"block {blk + 1}")
            row.set_ylabel(label)
            if name != "s":
                row.set_ylim(-0.03, 1.03)
        axes[1].legend(loc="center right", fontsize=9)
        for row in axes:
            for m in batch.marked[k]:
                row.axvspan(m + 0.5, m + 1.5, color=green, alpha=0.2, linewidth=0)
        axes[-1].set_xlabel("time step $t$")
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig


def training_explorer(checkpoints: Sequence[tuple[int, stack.StackParams]], batch: tasks.AddingBatch,
                  *, sequences: Sequence[int] = (0, 1, 2, 3), blocks: Sequence[int] | None = None,
                  title: str | None = None):
    """A trained LSTM's input gates, forget gates and cell states on adding-problem sequences.

    Two sliders: the stage of training (the checkpoints) and the test sequence. Panels, top
    to bottom: the input (value and marker); b_ι (eq 1) of the chosen blocks; b_φ (eq 2);
    s_c (eq 3); the network's output against the target. Each block is one line of its
    quantity's colour (fading with the block's rank in ``blocks``).

    Parameters
    ----------
    checkpoints : sequence of (step, StackParams)
        One-layer LSTM stacks, e.g. :attr:`lstm_core.experiments.Run.checkpoints`.
    batch : AddingBatch
        Test sequences.
    sequences : sequence of int
        Which sequences of the batch the slider offers.
    blocks : sequence of int, optional
        Which blocks to draw (default: all).

    Returns
    -------
    lstm_core.viz.explorer.Explorer
    """
    stages = {int(step): p for step, p in checkpoints}
    for p in stages.values():
        if len(p.layers) != 1 or not isinstance(p.layers[0], lstm.LSTMParams):
            raise ValueError("checkpoints: expected one-layer LSTM stacks")
    sequences = [int(k) for k in sequences]
    H = next(iter(stages.values())).layers[0].n_hidden
    blocks = list(range(H)) if blocks is None else [int(j) for j in blocks]
    L_max = max(int(batch.lengths[k]) for k in sequences)
    cache = {step: stack.forward(p, batch.x[:L_max, sequences]) for step, p in stages.items()}

    def compute(update, sequence):
        j = sequences.index(sequence)
        L = int(batch.lengths[sequence])
        tr = cache[update]
        layer = tr.layers[0]
        return {
            "value": batch.x[:L, sequence, 0],
            "marker": batch.x[:L, sequence, 1],
            "b_i": layer.b_i[:L, j][:, blocks],
            "b_f": layer.b_f[:L, j][:, blocks],
            "s": layer.s[:L, j][:, blocks],
            "y": tr.y[:L, j, 0],
            "target": np.full(L, batch.target[sequence, 0]),
        }

    return explore(
        compute,
        {
            "update": control(sorted(stages), default=max(stages), label="after updates"),
            "sequence": control(sequences, default=sequences[0], label="test sequence"),
        },
        panels=[
            panel("value", "marker", title="input: value and marker", yrange=(-1.1, 1.1)),
            panel("b_i", title="input gates b<sub>ι</sub> (eq 1)", yrange=(0, 1)),
            panel("b_f", title="forget gates b<sub>φ</sub> (eq 2)", yrange=(0, 1)),
            panel("s", title="cell states s<sub>c</sub> (eq 3)", yrange="grid"),
            panel("y", "target", title="output y and target", yrange=(0, 1)),
        ],
        styles={"value": {"color": PALETTE["grey"]}, "marker": {"color": PALETTE["dark"]}},
        title=title,
        height=950,
        digits=3,
    )


def variants_figure(updates: Mapping[str, Sequence[int | None]], *, budget: int):
    """Updates each run needed to meet the criterion, one row per variant (matplotlib).

    Parameters
    ----------
    updates : dict of str to list of (int or None)
        Variant label -> for each seed, the updates to the criterion, or None if the run
        did not get there within the budget (drawn as a cross at the right edge).
    budget : int
        The update budget of every run.
    """
    import matplotlib.pyplot as plt

    labels = list(updates)
    with mpl_context():
        fig, ax = plt.subplots(figsize=(7.2, 0.55 * len(labels) + 1.2))
        for row, label in enumerate(labels):
            c = model_color(label)
            vals = list(updates[label])
            ok = [u for u in vals if u is not None]
            jitter = np.linspace(-0.15, 0.15, len(vals)) if len(vals) > 1 else [0.0]
            for j, u in enumerate(vals):
                if u is None:
                    ax.plot(budget * 1.12, row + jitter[j], "x", color=c, markersize=8,
                            markeredgewidth=2)
                else:
                    ax.plot(u, row + jitter[j], "o", color=c, markersize=7, alpha=0.8)
            if ok:
                ax.plot([np.median(ok)] * 2, [row - 0.3, row + 0.3], color=c, linewidth=2)
        ax.axvline(budget, color=PALETTE["grey"], linestyle="--", linewidth=1)
        ax.text(budget * 1.12, -0.55, "not solved", ha="center", va="bottom", fontsize=9,
                color=PALETTE["dark"])
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xscale("log")
        lo = min([u for v in updates.values() for u in v if u is not None] or [budget])
        ticks = [t for t in (100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000)
                 if lo / 1.5 <= t <= budget]
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
        ax.set_xlim(lo / 1.3, budget * 1.3)
        ax.set_xlabel("updates until 99 % of the validation sequences are right (log scale)")
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig


class Table:
    """A results table: HTML for JupyterLab and the book, Markdown as ``.data`` and plain text.

    (myst-nb renders Markdown outputs as CommonMark, which has no tables; HTML it shows as it
    is.) The HTML is drawn in every language of ``LSTM_VIZ_LANG`` (headings and cells through
    the catalogues, :func:`lstm_core.viz.figures_i18n.html_in_languages`); Markdown and plain
    text stay in the code's English.
    """

    def __init__(self, columns: Sequence[str], rows: Sequence[Sequence[str]]):
        self.columns = list(columns)
        self.rows = [list(r) for r in rows]
        lines = ["| " + " | ".join(self.columns) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        self.data = "\n".join(lines)

    def _html(self, tr) -> str:
        import html

        head = "".join(f"<th>{html.escape(tr(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(tr(v))}</td>" for v in r) + "</tr>"
            for r in self.rows
        )
        return (f'<table class="table lstm-results"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def _repr_html_(self) -> str:
        from .figures_i18n import html_in_languages

        return html_in_languages(self._html)[0]

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        from .figures_i18n import html_bundle

        return html_bundle(self._html)

    def _repr_markdown_(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return self.data


def results_table(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None,
                  formats: Mapping[str, str] | None = None) -> Table:
    """Rows of results as a table (HTML in the notebook and the book; Markdown in ``.data``).

    Parameters
    ----------
    rows : sequence of dict
    columns : sequence of str, optional
        Column order (default: the keys of the first row).
    formats : dict of str to str, optional
        Format strings per column, e.g. ``{"success": "{:.1%}"}``.
    """
    if not rows:
        raise ValueError("rows: expected at least one row")
    columns = list(columns or rows[0].keys())
    formats = dict(formats or {})

    def cell(col, value):
        if col in formats:
            return formats[col].format(value)
        if isinstance(value, float):
            return f"{value:.3g}"
        return str(value)

    return Table(columns, [[cell(c, row.get(c, "")) for c in columns] for row in rows])
