"""Figures of the two LSTM chapters: the gate explorer (forward) and the error over time (backward).

Builders only: every number they draw comes from :mod:`lstm_core.lstm`, :mod:`lstm_core.rnn`
and :mod:`lstm_core.measure.carousel`; colours and symbols follow :mod:`lstm_core.viz.style`.

- :func:`gate_explorer` -- one LSTM block (H = 1, one input) driven by a chosen input
  pattern, with sliders for the three gate biases β_ι, β_φ, β_ω and the peepholes: the
  gate activations b_ι, b_φ, b_ω, s_c and b_c over time, equations (1)-(5) of Graves (2012, ch. 4). Built on
  :func:`lstm_core.viz.explore`: live in JupyterLab, precomputed in the static book.
  :func:`gate_block` and :func:`gate_traces` are its parameters and its computation.
- :func:`eps_s_paths_figure` -- the five paths from s_c^t to the loss, one per term of
  eq (8): each arrow carries a local derivative, each path ends in the error of the quantity
  it reaches. :func:`eps_s_terms_figure` -- the size of the five terms at every step.
- :func:`error_flow_figure` -- ‖ε‖ against t on a log scale, one line per model: the
  constant error carousel of the LSTM (Hochreiter & Schmidhuber 1997; with a forget gate,
  Gers, Schmidhuber & Cummins 2000) beside the vanishing error of a plain RNN
  (Bengio, Simard & Frasconi 1994).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .. import lstm
from .explorer import control, explore, panel
from .style import PALETTE, mpl_context, series_style

__all__ = [
    "PATTERNS",
    "input_pattern",
    "gate_block",
    "gate_traces",
    "gate_explorer",
    "GATE_CONTROLS",
    "error_flow_figure",
    "eps_s_paths_figure",
    "eps_s_terms_figure",
]

#: Length of every input pattern of the gate explorer.
T_PATTERN = 24

#: The input patterns of the gate explorer, with a one-line description each.
PATTERNS = {
    "pulse": "a single 1 at t = 3, then silence: does the cell remember it?",
    "step": "0 until t = 5, then 1 for good: the state climbs to its fixed point",
    "noise": "standard normal noise (seeded): the cell integrates it, leakily",
    "deck": "a 7-step sequence, as in the deck's n×7 example, then silence",
}

# The 7 values of the "deck" pattern: any fixed sequence serves; these mix signs and sizes.
_DECK_VALUES = (0.6, -0.4, 1.0, 0.3, -0.9, 0.8, -0.2)

# Fixed weights of the explorer's block (row blocks ι, φ, c, ω): the input opens the input
# gate (w_iι = 4) and is written into the cell as g = tanh(2x) (w_ic = 2); it does not
# touch the forget and output gates, so those follow their biases and their peepholes.
_W_IN = (4.0, 0.0, 2.0, 0.0)


def input_pattern(name: str, T: int = T_PATTERN) -> np.ndarray:
    """One of the explorer's input sequences (see :data:`PATTERNS`).

    Parameters
    ----------
    name : {"pulse", "step", "noise", "deck"}
    T : int
        Number of steps (at least 7).

    Returns
    -------
    ndarray of shape `(T, 1, 1)`
        Ready for :func:`lstm_core.lstm.forward`: T steps, one sequence, one input.
    """
    if name not in PATTERNS:
        raise ValueError(f"name: expected one of {list(PATTERNS)}, got {name!r}")
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 7:
        raise ValueError(f"T: expected an int >= 7, got {T!r}")
    x = np.zeros(T)
    if name == "pulse":
        x[2] = 1.0  # t = 3
    elif name == "step":
        x[4:] = 1.0  # from t = 5 on
    elif name == "noise":
        x[:] = np.random.default_rng(0).standard_normal(T)
    else:
        x[:7] = _DECK_VALUES
    return x.reshape(T, 1, 1)


def gate_block(b_i: float = -2.0, b_f: float = 4.0, b_o: float = 3.0,
               peephole: float = 0.0, forget: str = "gate") -> lstm.LSTMParams:
    """The explorer's LSTM block: H = 1, one input, no recurrent weights.

    The input weights are fixed (x opens the input gate, w_iι = 4, and is written as
    g(a_c) = tanh(2x)); the recurrent weights are zero, so that what the gates do comes
    from the input, their biases and their peepholes -- nothing else.

    Parameters
    ----------
    b_i, b_f, b_o : float
        Biases β_ι, β_φ, β_ω of the input, forget and output gates (the book writes a bias
        β; b_ι, b_φ, b_ω are the gates' activations, eqs (1), (2), (4)).
    peephole : float
        One value for all three peephole weights w_cι, w_cφ, w_cω.
    forget : {"gate", "none", "coupled"}
        See :class:`lstm_core.lstm.LSTMParams`.

    Returns
    -------
    LSTMParams
        ``W`` `(4, 1)`, ``R`` `(4, 1)` of zeros, ``b`` `(4,)`, ``p`` `(3, 1)`.
    """
    W = np.array(_W_IN).reshape(4, 1)  # (4H, I) = (4, 1), blocks ι, φ, c, ω
    b = np.array([b_i, b_f, 0.0, b_o], dtype=float)  # (4H,)
    p = np.full((3, 1), float(peephole))  # (3, H): w_cι, w_cφ, w_cω
    return lstm.LSTMParams(W=W, R=np.zeros((4, 1)), b=b, p=p, forget=forget)


def gate_traces(pattern: str = "pulse", b_i: float = -2.0, b_f: float = 4.0,
                b_o: float = 3.0, peephole: float = 0.0) -> dict[str, np.ndarray]:
    """Run the explorer's block over an input pattern: the compute of :func:`gate_explorer`.

    Returns
    -------
    dict of str to ndarray of shape `(T,)`
        ``x`` (the input), ``b_i``, ``b_f``, ``b_o`` (the gates, eqs 1, 2, 4), ``s`` (the
        cell state, eq 3) and ``b_c`` (the cell output, eq 5), for the one block.
    """
    trace = lstm.forward(gate_block(b_i, b_f, b_o, peephole), input_pattern(pattern))
    return {
        "x": trace.x[:, 0, 0],
        "b_i": trace.b_i[:, 0, 0],
        "b_f": trace.b_f[:, 0, 0],
        "b_o": trace.b_o[:, 0, 0],
        "s": trace.s[:, 0, 0],
        "b_c": trace.b_c[:, 0, 0],
    }


#: The explorer's sliders: 4 patterns x 4 x 5 x 3 x 3 values = 720 grid points.
GATE_CONTROLS = {
    "pattern": control(list(PATTERNS), default="pulse", label="input x"),
    "b_i": control([-4.0, -2.0, 0.0, 2.0], default=-2.0, label="input-gate bias β<sub>ι</sub>"),
    "b_f": control([-2.0, 0.0, 2.0, 4.0, 6.0], default=4.0,
                   label="forget-gate bias β<sub>φ</sub>"),
    "b_o": control([-3.0, 0.0, 3.0], default=3.0, label="output-gate bias β<sub>ω</sub>"),
    "peephole": control([-3.0, 0.0, 3.0], default=0.0,
                        label="peepholes w<sub>cι</sub> = w<sub>cφ</sub> = w<sub>cω</sub>"),
}


def gate_explorer(title: str | None = "One LSTM block, step by step"):
    """The gate explorer: sliders over :func:`gate_traces`, three panels.

    Top: the input x^t. Middle: the three gates b_ι, b_φ, b_ω, on (0, 1). Bottom: the
    cell state s_c and the cell output b_c. Controls: :data:`GATE_CONTROLS`.

    Returns
    -------
    lstm_core.viz.Explorer
        Display it: live sliders in JupyterLab, a precomputed interactive figure in the
        static book.
    """
    return explore(
        gate_traces,
        GATE_CONTROLS,
        panels=[
            panel("x", title="input x<sup>t</sup>", kind="bar"),
            panel("b_i", "b_f", "b_o", title="gates: eqs (1), (2), (4)", yrange=(0.0, 1.0),
                  kind="lines+markers"),
            # autorange: with b_φ near 1 the state grows far beyond 1 -- the figure must
            # show the shape at every setting, not squash the usual one flat
            panel("s", "b_c", title="cell state (3) and cell output (5)", yrange=None,
                  kind="lines+markers"),
        ],
        title=title,
        height=640,
        digits=3,
    )


def error_flow_figure(curves: Mapping[str, np.ndarray], *, colors: Mapping[str, str] | None = None,
                      title: str | None = None):
    """‖ε‖ against the step t on a log scale, one line per model (matplotlib).

    Parameters
    ----------
    curves : dict of str to ndarray of shape `(T,)`
        Label -> error norm at every step, e.g. from :func:`lstm_core.measure.carousel.lstm_error_flow`
        and :func:`lstm_core.measure.carousel.rnn_error_flow`. Labels are matplotlib text (mathtext
        allowed). Zeros are not drawn (a log scale has no 0).
    colors : dict of str to str, optional
        Label -> colour. Default: LSTM-like labels in the cell-state black and its greys,
        RNN-like labels (containing "RNN") in the generic ε sky blue.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves: expected a non-empty dict mapping a label to a (T,) array")
    lengths = set()
    for label, y in curves.items():
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"curves[{label!r}]: expected shape (T,), got {y.shape}")
        lengths.add(len(y))
    colors = dict(colors or {})
    shades = [PALETTE["black"], PALETTE["dark"], PALETTE["grey"], "#B3B3B3"]
    k = 0
    with mpl_context():
        fig, ax = plt.subplots(figsize=(7.6, 4.0))
        for label, y in curves.items():
            y = np.asarray(y, dtype=float)
            t = np.arange(1, len(y) + 1)
            if label in colors:
                c, ls = colors[label], "-"
            elif "RNN" in label:
                c, ls = series_style("eps").color, "-"
            else:
                c, ls = shades[k % len(shades)], "-"
                k += 1
            y = np.where(y > 0, y, np.nan)
            ax.semilogy(t, y, color=c, linestyle=ls, label=label)
        ax.set_xlabel("time step $t$ (the loss is read at the last step $T$)")
        ax.set_ylabel(r"$\|\varepsilon^t\|$, log scale")
        if title:
            ax.set_title(title)
        ax.legend(loc="lower right", fontsize=9)
        fig.tight_layout()
    return fig


# The five paths of eq (8): (key of carousel.EPS_S_PATHS, node label, style name of the node,
# local derivative on the arrow, error at the node, step of the node).
_PATHS = (
    ("b_c", r"$b_c^t$", "b_c", r"$b_\omega^t\,h'(s_c^t)$", r"$\epsilon_c^t$", "t"),
    ("s_next", r"$s_c^{t+1}$", "s", r"$b_\phi^{t+1}$", r"$\epsilon_s^{t+1}$", "t+1"),
    ("a_i_next", r"$a_\iota^{t+1}$", "b_i", r"$w_{c\iota}$", r"$\delta_\iota^{t+1}$", "t+1"),
    ("a_f_next", r"$a_\phi^{t+1}$", "b_f", r"$w_{c\phi}$", r"$\delta_\phi^{t+1}$", "t+1"),
    ("a_o", r"$a_\omega^t$", "b_o", r"$w_{c\omega}$", r"$\delta_\omega^t$", "t"),
)


def eps_s_paths_figure():
    """The five paths from the cell state s_c^t to the loss L: the five terms of eq (8).

    Left, s_c^t; in the middle, the five quantities that read it directly (two at step t,
    three at step t + 1), numbered in the order of eq (8)'s terms (as the badges of
    ``lstm_diagram(highlight="eps_s")``), each arrow labelled with its local derivative
    ∂child/∂s_c^t;
    right, the loss, reached from each child through that child's error (dashed). A term of
    eq (8) is a local derivative times an error: one path.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    with mpl_context():
        fig, ax = plt.subplots(figsize=(8.4, 4.6))
        fig.set_label("the five paths of eq (8) as a computation graph")  # its alt text
        ax.set_axis_off()
        ax.set_xlim(-0.6, 6.9)
        ax.set_ylim(-2.75, 2.75)
        src, dst = (0.0, 0.0), (6.2, 0.0)
        ys = (2.0, 1.0, 0.0, -1.0, -2.0)
        xm = 3.1
        ax.text(xm, 2.6, "each term of eq (8) is one path: (local derivative) × (error)",
                ha="center", va="bottom", fontsize=9.5, color=PALETTE["dark"])

        def node(xy, label, color, filled=False):
            ax.scatter(*xy, s=1500, zorder=3, color=color if filled else "white",
                       edgecolors=color, linewidths=2.0)
            ax.text(*xy, label, ha="center", va="center", zorder=4, fontsize=12,
                    color="white" if filled else color)

        def arrow(a, b, color, dashed=False):
            ax.add_patch(FancyArrowPatch(
                a, b, arrowstyle="-|>", mutation_scale=14, color=color, lw=1.6,
                linestyle="--" if dashed else "-", shrinkA=22, shrinkB=22, zorder=2))

        node(src, r"$s_c^t$", PALETTE["black"])
        node(dst, r"$L$", PALETTE["dark"], filled=True)
        for k, ((_key, label, sty, local, err, _), y) in enumerate(zip(_PATHS, ys, strict=True)):
            c = series_style(sty).color
            node((xm, y), label, c)
            # the term's number in eq (8), as in lstm_diagram(highlight="eps_s")
            ax.scatter(xm - 0.5, y + 0.3, s=170, color=PALETTE["wine"], zorder=5)
            ax.text(xm - 0.5, y + 0.3, str(k + 1), ha="center", va="center", zorder=6,
                    fontsize=8.5, color="white", fontweight="bold")
            arrow(src, (xm, y), c)
            arrow((xm, y), dst, c, dashed=True)
            # local derivative on the solid arrow, error on the dashed one; each label sits
            # on the side of its arrow away from the middle row
            side = 1.0 if y >= 0 else -1.0
            box = dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.9)
            ax.text(0.55 * xm, 0.55 * y + 0.2 * side, local, ha="center", va="center",
                    fontsize=10.5, color=c, bbox=box)
            ax.text(xm + 0.52 * (dst[0] - xm), 0.48 * y + 0.2 * side, err, ha="center",
                    va="center", fontsize=10.5, color=c, bbox=box)
        fig.tight_layout()
    return fig


def eps_s_terms_figure(terms: Mapping[str, np.ndarray], eps_s: np.ndarray, *,
                       seq: int = 0, block: int = 0):
    """The five terms of eq (8) at every step, and their sum ε_s^t, for one block.

    Parameters
    ----------
    terms : dict of str to ndarray of shape `(T, N, H)`
        From :func:`lstm_core.measure.carousel.eps_s_terms`.
    eps_s : ndarray of shape `(T, N, H)`
        ``grads.eps_s``, drawn on top as the check that the terms add up.
    seq, block : int
        Which sequence n and which block c to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    eps_s = np.asarray(eps_s)
    if eps_s.ndim != 3:
        raise ValueError(f"eps_s: expected shape (T, N, H), got {eps_s.shape}")
    missing = [k for k, *_ in _PATHS if k not in terms]
    if missing:
        raise ValueError(f"terms: expected the keys of carousel.EPS_S_PATHS, missing {missing}")
    T = eps_s.shape[0]
    t = np.arange(1, T + 1)
    with mpl_context():
        fig, ax = plt.subplots(figsize=(7.6, 3.8))
        for key, _label, sty, local, err, _ in _PATHS:
            y = np.asarray(terms[key])[:, seq, block]
            ax.plot(t, y, color=series_style(sty).color, marker="o", ms=4, lw=1.6,
                    label=f"{local} {err}")
        ax.plot(t, eps_s[:, seq, block], color=PALETTE["black"], lw=3.2, alpha=0.25,
                label=r"sum $= \epsilon_s^t$ (lstm_core)")
        ax.axhline(0.0, color=PALETTE["grey"], lw=0.8)
        ax.set_xlabel("time step $t$")
        ax.set_ylabel("term of eq (8)")
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
        fig.tight_layout()
    return fig
