"""The book's diagrams, drawn by code (matplotlib) in one style: the layer, the RNN, the LSTM block.

One block of Graves (2012, ch. 4), the peephole LSTM of Gers, Schraudolph & Schmidhuber
(2002), in the deck's symbols, laid out the way colah's "Understanding LSTM Networks" draws
it: the cell state s_c runs along the top -- the constant error carousel, multiplied by the
forget gate φ and added to by the input gate ι times the cell input g -- and the four units
sit in a row below, fed by one bus carrying x^t and b^{t-1}. Dashed lines are the peepholes:
ι and φ look at s_c^{t-1}, ω at s_c^t (equations (1), (2), (4)). The colours are those of
:mod:`lstm_core.viz.style`: every line has the colour of the quantity it carries.

- :func:`lstm_diagram` -- one block (``unrolled=False``) or three steps of it side by side
  (``unrolled=True``), with or without peepholes and forget gate, with paths highlighted
  (``highlight="eps_s"``: the five paths by which s_c^t reaches the loss, eq (8)).
- :func:`dense_layer_diagram` -- the deck's ANN: n inputs, m neurons, drawn in full and as
  one box (化简表示, "simplified"), chapter 1;
- :func:`rnn_unrolled_diagram` -- the RNN of chapter 2 with an output layer, folded and
  unrolled over the deck's 7 steps.

Every drawn line has a key (:data:`PATHS`); ``highlight`` takes a set of keys, optionally
suffixed with the step they belong to in the unrolled view (``"peep_i@t+1"``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .style import FAMILIES, PALETTE, mpl_context

__all__ = ["PATHS", "HIGHLIGHTS", "dense_layer_diagram", "lstm_diagram", "rnn_unrolled_diagram"]

#: The keys of the block's paths, for ``highlight``.
PATHS = {
    "s_prev": "the cell state s_c^{t-1} entering the block, up to the forget gate's ×",
    "s_kept": "b_φ s_c^{t-1}, from the forget gate's × to the +",
    "s": "the new cell state s_c^t, from the + out of the block (and down to h)",
    "forget": "the forget gate's activation b_φ^t into its ×",
    "input": "the input gate's activation b_ι^t into its ×",
    "cell_input": "the cell input g(a_c^t) into the input gate's ×",
    "s_new": "b_ι^t g(a_c^t), from the input gate's × to the +",
    "h": "h(s_c^t), from the cell state through h to the output gate's ×",
    "output": "the output gate's activation b_ω^t into its ×",
    "b_c": "the cell output b_c^t, out of the block (up, and on to the next step)",
    "peep_i": "peephole s_c^{t-1} -> input gate ι",
    "peep_f": "peephole s_c^{t-1} -> forget gate φ",
    "peep_o": "peephole s_c^t -> output gate ω",
    "bus": "the inputs x^t and b^{t-1}, to every unit",
}

#: Named highlights. ``eps_s``: the five paths of eq (8), numbered in the equation's order.
HIGHLIGHTS = {
    "eps_s": {"s@t", "h@t", "b_c@t", "s_prev@t+1", "peep_i@t+1", "peep_f@t+1", "peep_o@t"},
    "forward": {"s_prev", "forget", "s_kept", "input", "cell_input", "s_new", "s"},
    "carousel": {"s_prev", "s_kept", "s"},
}

# Geometry of one block, in its own units (see the module docstring for the layout).
_W = 10.0  # block width; blocks of the unrolled view are _STEP apart
_STEP = 11.2
_CELL_Y, _GATE_Y, _BUS_Y = 3.0, 0.0, -1.6
_X_FX, _X_PLUS, _X_H = 2.6, 5.6, 8.6  # forget ×, +, h column
_X_UNITS = {"f": 2.6, "i": 4.4, "g": 5.6, "o": 7.5}
_Y_IX, _Y_H, _Y_OX = 1.6, 2.1, 1.0  # input ×, h node, output ×
_X_OUT = 9.5
_X_PEEP = {"i": 1.45, "f": 1.95, "o": 7.15}
_R = 0.27  # node radius
_BW, _BH = 0.42, 0.36  # half width and height of a unit's box
_BG = "#F3F3F3"
_HL_FADE = 0.2
_BUS = "#6E6E6E"
_UNIT_TEX = {"i": r"\iota", "f": r"\varphi", "g": "g", "o": r"\omega"}


def _time(k: int, d: int, steps: int) -> str:
    """The superscript of time for step ``k`` of ``steps``, offset ``d`` (0 = its own time)."""
    off = k - (steps - 1) // 2 + d if steps > 1 else d
    return "t" if off == 0 else f"t{off:+d}"


class _Draw:
    """Drawing helpers that know what is highlighted."""

    def __init__(self, ax, highlight: set[str], steps: int):
        self.ax = ax
        self.hl = highlight
        self.steps = steps
        self.fontsize = 13

    def on(self, key: str | None, k: int) -> bool:
        """Is path ``key`` of step ``k`` highlighted?"""
        if key is None:
            return False
        return key in self.hl or f"{key}@{_time(k, 0, self.steps)}" in self.hl

    def alpha(self, key, k) -> float:
        """Opaque when highlighted, or when nothing is; faded otherwise."""
        if not self.hl or key is None:
            return 1.0
        return 1.0 if self.on(key, k) else _HL_FADE

    def path(self, pts, color, key, k, *, lw=1.8, dashed=False, arrow=True, z=2,
             halo=False):
        from matplotlib.patches import FancyArrowPatch
        from matplotlib.patheffects import Normal, Stroke

        on = self.on(key, k)
        a = self.alpha(key, k)
        lw = lw * (1.7 if on else 1.0)
        pts = np.asarray(pts, dtype=float)
        # a dashed line passes over what it crosses: a white halo beneath it
        halo = halo or dashed
        effects = [Stroke(linewidth=lw + 3.5, foreground="white"), Normal()] if halo else None
        ls = (0, (4, 2.5)) if dashed else "-"
        # the polyline stops short of the end, where a solid arrowhead takes over
        body = pts.copy()
        if arrow:
            seg = body[-1] - body[-2]
            tip = 0.2 * seg / np.hypot(*seg)
            body[-1] = body[-1] - tip
        self.ax.plot(body[:, 0], body[:, 1], color=color, lw=lw, ls=ls, alpha=a, zorder=z,
                     solid_capstyle="butt", solid_joinstyle="miter", path_effects=effects)
        if arrow:
            self.ax.add_patch(FancyArrowPatch(
                tuple(pts[-1] - tip), tuple(pts[-1]), arrowstyle="-|>",
                mutation_scale=13 + 3 * on, color=color, lw=lw, alpha=a, zorder=z,
                shrinkA=0, shrinkB=0))

    def dot(self, xy, color, key, k):
        self.ax.plot(*xy, "o", ms=4.5, color=color, alpha=self.alpha(key, k), zorder=4)

    def op(self, xy, sym, key, k, color="#1A1A1A"):
        from matplotlib.patches import Circle

        a = self.alpha(key, k)
        self.ax.add_patch(Circle(xy, _R, facecolor="white", edgecolor=color, lw=1.5,
                                 alpha=1.0, zorder=5))
        self.ax.text(*xy, sym, ha="center", va="center", fontsize=self.fontsize, color=color,
                     alpha=a, zorder=6)

    def unit(self, xy, tex, color, key, k, label=None):
        from matplotlib.colors import to_rgba
        from matplotlib.patches import FancyBboxPatch

        a = max(self.alpha(key, k), 0.35)
        x, y = xy
        # opaque white beneath, so the tint does not show the background through
        self.ax.add_patch(FancyBboxPatch(
            (x - _BW, y - _BH), 2 * _BW, 2 * _BH, boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor="white", edgecolor="none", zorder=5))
        self.ax.add_patch(FancyBboxPatch(
            (x - _BW, y - _BH), 2 * _BW, 2 * _BH, boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=to_rgba(color, 0.15 * a), edgecolor=to_rgba(color, a), lw=1.8,
            zorder=5))
        self.ax.text(x, y, f"${tex}$", ha="center", va="center", fontsize=self.fontsize + 4,
                     color=color, alpha=a, zorder=6)

    def text(self, xy, s, color, key, k, **kw):
        kw.setdefault("fontsize", self.fontsize)
        self.ax.text(*xy, s, color=color, alpha=max(self.alpha(key, k), 0.35), zorder=7, **kw)

    def badge(self, xy, n, color):
        """A numbered disc: which term of an equation a highlighted path is."""
        from matplotlib.patches import Circle

        self.ax.add_patch(Circle(xy, 0.25, facecolor=color, edgecolor="white", lw=1.2,
                                 zorder=9))
        self.ax.text(*xy, str(n), ha="center", va="center", fontsize=self.fontsize - 3,
                     color="white", fontweight="bold", zorder=10)


def _block(d: _Draw, k: int, x0: float, *, peepholes: bool, forget_gate: bool,
           first: bool, last: bool) -> None:
    """Draw step ``k`` of the diagram with its left edge at ``x0``."""
    c = {u: FAMILIES[u].color for u in ("i", "f", "o", "g", "s", "b_c")}
    t = _time(k, 0, d.steps)
    tm = _time(k, -1, d.steps)
    X = lambda x: x0 + x  # noqa: E731 - local coordinates to axes coordinates
    ax = d.ax
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((X(1.15), -1.05), 8.75, 4.55,
                                boxstyle="round,pad=0.05,rounding_size=0.35",
                                facecolor=_BG, edgecolor="#D9D9D9", lw=1.0, zorder=0))

    # --- the cell state line: the constant error carousel
    left = X(0.0) if first else X(-(_STEP - _W) / 2)
    if forget_gate:
        d.path([(left, _CELL_Y), (X(_X_FX - _R), _CELL_Y)], c["s"], "s_prev", k, lw=2.6)
        d.path([(X(_X_FX + _R), _CELL_Y), (X(_X_PLUS - _R), _CELL_Y)], c["s"], "s_kept", k,
               lw=2.6)
        d.op((X(_X_FX), _CELL_Y), "×", "s_kept", k)
    else:
        d.path([(left, _CELL_Y), (X(_X_PLUS - _R), _CELL_Y)], c["s"], "s_prev", k, lw=2.6)
    d.op((X(_X_PLUS), _CELL_Y), "+", "s", k)
    right = X(_W + 0.55) if last else X(_W + (_STEP - _W) / 2)
    d.path([(X(_X_PLUS + _R), _CELL_Y), (right, _CELL_Y)], c["s"], "s", k, lw=2.6,
           arrow=last)
    if first:
        d.text((X(0.05), _CELL_Y + 0.22), f"$s_c^{{{tm}}}$", c["s"], "s_prev", k,
               ha="left", va="bottom")
    d.text((X(_W + 0.5), _CELL_Y + 0.22), f"$s_c^{{{t}}}$", c["s"], "s", k,
           ha="right" if not last else "right", va="bottom")

    # --- the input bus: x^t and b^{t-1} to every unit
    units = ["f", "i", "g", "o"] if forget_gate else ["i", "g", "o"]
    bus_left = X(0.0)  # after the first step, the previous step's b_c line joins here
    d.path([(bus_left, _BUS_Y), (X(_X_UNITS["o"]), _BUS_Y)], _BUS, "bus", k, lw=1.6,
           arrow=False)
    d.path([(X(1.0), _BUS_Y - 1.1), (X(1.0), _BUS_Y)], _BUS, "bus", k, lw=1.6, arrow=False)
    d.dot((X(1.0), _BUS_Y), _BUS, "bus", k)
    d.text((X(1.0), _BUS_Y - 1.2), f"$x^{{{t}}}$", _BUS, "bus", k, ha="center", va="top")
    if first:
        d.text((X(-0.1), _BUS_Y), f"$b^{{{tm}}}$", c["b_c"], "bus", k, ha="right",
               va="center")
    for u in units:
        xu = X(_X_UNITS[u])
        d.path([(xu, _BUS_Y), (xu, _GATE_Y - _BH - 0.02)], _BUS, "bus", k, lw=1.4)
        d.dot((xu, _BUS_Y), _BUS, "bus", k)

    # --- the four units and what they feed
    keys = {"f": "forget", "i": "input", "g": "cell_input", "o": "output"}
    for u in units:
        d.unit((X(_X_UNITS[u]), _GATE_Y), _UNIT_TEX[u], c[u], keys[u], k)
    top = _GATE_Y + _BH + 0.02
    if forget_gate:
        xf = X(_X_UNITS["f"])
        d.path([(xf, top), (xf, _CELL_Y - _R)], c["f"], "forget", k)
        d.text((xf + 0.12, 1.95), f"$b_\\varphi^{{{t}}}$", c["f"], "forget", k, ha="left",
               va="center")
    xi, xg = X(_X_UNITS["i"]), X(_X_UNITS["g"])
    d.path([(xi, top), (xi, _Y_IX), (xg - _R, _Y_IX)], c["i"], "input", k)
    d.text((xi + 0.1, _Y_IX + 0.1), f"$b_\\iota^{{{t}}}$", c["i"], "input", k, ha="left",
           va="bottom")
    d.path([(xg, top), (xg, _Y_IX - _R)], c["g"], "cell_input", k)
    d.text((xg + 0.12, 0.98), f"$g(a_c^{{{t}}})$", c["g"], "cell_input", k, ha="left",
           va="center", fontsize=d.fontsize - 1)
    d.op((X(_X_PLUS), _Y_IX), "×", "s_new", k)
    d.path([(xg, _Y_IX + _R), (xg, _CELL_Y - _R)], c["s"], "s_new", k)

    # --- output: h(s_c^t) times the output gate
    xh = X(_X_H)
    d.dot((xh, _CELL_Y), c["s"], "s", k)
    d.path([(xh, _CELL_Y), (xh, _Y_H + _R)], c["s"], "h", k)
    d.op((xh, _Y_H), "$h$", "h", k)
    d.path([(xh, _Y_H - _R), (xh, _Y_OX + _R)], c["s"], "h", k)
    d.op((xh, _Y_OX), "×", "b_c", k)
    xo = X(_X_UNITS["o"])
    d.path([(xo, top), (xo, _Y_OX), (xh - _R, _Y_OX)], c["o"], "output", k)
    d.text((xo + 0.08, _Y_OX + 0.1), f"$b_\\omega^{{{t}}}$", c["o"], "output", k, ha="left",
           va="bottom")
    xout = X(_X_OUT)
    d.path([(xh + _R, _Y_OX), (xout, _Y_OX), (xout, _CELL_Y + 1.05)], c["b_c"], "b_c", k,
           halo=True, z=3)
    d.text((xout, _CELL_Y + 1.15), f"$b_c^{{{t}}}$", c["b_c"], "b_c", k, ha="center",
           va="bottom")
    # ... and on to the next step's bus as b^t
    d.dot((xout, _Y_OX), c["b_c"], "b_c", k)
    nxt = X(_W + 0.55) if last else X(_STEP)
    d.path([(xout, _Y_OX), (xout, _BUS_Y), (nxt, _BUS_Y)], c["b_c"], "b_c", k, lw=1.6,
           arrow=last)
    if last:
        d.text((X(_W + 0.6), _BUS_Y - 0.15), f"$b^{{{t}}}$", c["b_c"], "b_c", k, ha="left",
               va="top")

    # --- peepholes (dashed): ι and φ see s_c^{t-1}, ω sees s_c^t
    if peepholes:
        if forget_gate:
            xp = X(_X_PEEP["f"])
            d.dot((xp, _CELL_Y), c["s"], "peep_f", k)
            d.path([(xp, _CELL_Y), (xp, _GATE_Y), (X(_X_UNITS["f"]) - _BW - 0.02, _GATE_Y)],
                   c["s"], "peep_f", k, lw=1.3, dashed=True, z=3)
        xp = X(_X_PEEP["i"])
        d.dot((xp, _CELL_Y), c["s"], "peep_i", k)
        d.path([(xp, _CELL_Y), (xp, -0.72), (X(_X_UNITS["i"]) - 0.75, -0.72),
                (X(_X_UNITS["i"]) - 0.75, _GATE_Y), (X(_X_UNITS["i"]) - _BW - 0.02, _GATE_Y)],
               c["s"], "peep_i", k, lw=1.3, dashed=True, z=3)
        xp = X(_X_PEEP["o"])
        d.dot((xp, _CELL_Y), c["s"], "peep_o", k)
        d.path([(xp, _CELL_Y), (xp, _GATE_Y + _BH + 0.02)], c["s"], "peep_o", k, lw=1.3,
               dashed=True, z=3)
        if last:  # the key, once
            y = _BUS_Y - 1.05
            d.path([(X(5.3), y), (X(6.2), y)], c["s"], None, k, lw=1.3, dashed=True,
                   arrow=False)
            d.text((X(6.35), y), "peephole", "#4D4D4D", None, k, ha="left", va="center",
                   fontsize=d.fontsize - 2)

    if d.steps > 1:
        d.text((X(_W / 2 + 0.5), -3.45), f"step ${t}$", "#4D4D4D", None, k, ha="center",
               va="center", fontsize=d.fontsize - 1)


def _badges_eps_s(d: _Draw, k: int, x0: float, steps: int) -> None:
    """Number the five paths of eq (8) from s_c^t (step k) in the equation's order."""
    hl = PALETTE["wine"]
    X = lambda x: x0 + x  # noqa: E731
    nx = x0 + _STEP if k + 1 < steps else None
    d.badge((X(_X_OUT) - 0.36, 2.55), 1, hl)  # b_ω h'(s) ε_c: through h and b_c^t
    if nx is not None:
        d.badge((nx + 0.6, _CELL_Y + 0.4), 2, hl)  # b_φ^{t+1} ε_s^{t+1}: the carousel
        d.badge((nx + _X_PEEP["i"] - 0.3, 0.9), 3, hl)  # w_cι δ_ι^{t+1}
        d.badge((nx + _X_PEEP["f"] + 0.3, 1.9), 4, hl)  # w_cφ δ_φ^{t+1}
    else:  # one step: terms 2-4 happen at t+1, where the carousel arrow leads
        d.badge((X(_W + 0.35), _CELL_Y - 0.5), 2, hl)
        d.text((X(_W + 0.35), _CELL_Y - 0.85), "2–4 at\nstep $t{+}1$", hl, None, k,
               ha="center", va="top", fontsize=d.fontsize - 3)
    d.badge((X(_X_PEEP["o"]) - 0.3, 1.6), 5, hl)  # w_cω δ_ω^t


def lstm_diagram(*, peepholes: bool = True, forget_gate: bool = True, unrolled: bool = False,
                 steps: int = 3, highlight: str | Iterable[str] | None = None,
                 title: str | None = None, numbers: bool | None = None):
    """The LSTM block, drawn in the book's symbols and colours.

    Parameters
    ----------
    peepholes : bool
        Draw the peephole connections (dashed): s_c^{t-1} -> ι, φ and s_c^t -> ω.
    forget_gate : bool
        Draw the forget gate. Without it (Hochreiter & Schmidhuber 1997) the cell state
        passes unscaled: the constant error carousel in its original form.
    unrolled : bool
        Draw ``steps`` copies side by side (steps t-1, t, t+1 for 3): the carousel becomes
        one line through time and b_c^t feeds the next step's bus.
    steps : int
        Number of steps of the unrolled view (1 to 4).
    highlight : str or iterable of str, optional
        Paths to emphasise; everything else is faded. Keys of :data:`PATHS`, optionally
        suffixed with a step (``"peep_i@t+1"``), or a name of :data:`HIGHLIGHTS`:
        ``"eps_s"`` marks the five paths by which s_c^t reaches the loss, eq (8) (best
        with ``unrolled=True``: three of them pass through step t+1).
    title : str, optional
    numbers : bool, optional
        Number the highlighted paths of ``"eps_s"`` in the order of eq (8)'s terms.
        Default: on for ``highlight="eps_s"``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    n = steps if unrolled else 1
    if not isinstance(n, int) or not 1 <= n <= 4:
        raise ValueError(f"steps: expected an int from 1 to 4, got {steps!r}")
    preset = highlight if isinstance(highlight, str) else None
    if highlight is None:
        hl: set[str] = set()
    elif isinstance(highlight, str):
        if highlight not in HIGHLIGHTS:
            raise ValueError(f"highlight: expected one of {sorted(HIGHLIGHTS)} or a set of "
                             f"paths from {sorted(PATHS)}, got {highlight!r}")
        hl = set(HIGHLIGHTS[highlight])
    else:
        hl = set(highlight)
        bad = sorted(h for h in hl if h.split("@")[0] not in PATHS)
        if bad:
            raise ValueError(f"highlight: unknown paths {bad}; the paths are {sorted(PATHS)}")
    if not peepholes:
        hl = {h for h in hl if not h.startswith("peep")}
    if numbers is None:
        numbers = preset == "eps_s" and peepholes

    with mpl_context():
        width = _STEP * (n - 1) + _W + 2.6
        fig, ax = plt.subplots(figsize=(0.62 * width, 0.62 * 8.6))
        ax.set_axis_off()
        ax.set_aspect("equal")
        d = _Draw(ax, hl, n)
        d.fontsize = 13 if n == 1 else 14
        for k in range(n):
            _block(d, k, _STEP * k, peepholes=peepholes, forget_gate=forget_gate,
                   first=k == 0, last=k == n - 1)
        if numbers:
            k = (n - 1) // 2 if n > 1 else 0
            _badges_eps_s(d, k, _STEP * k, n)
        ax.set_xlim(-1.3, _STEP * (n - 1) + _W + 1.3)
        ax.set_ylim(-3.9 if n > 1 else -3.3, 4.7)
        if title:
            ax.set_title(title, fontsize=14, pad=4)
        # what the image shows, for its alt text when it has no title (figures_i18n)
        fig.set_label("diagram of the LSTM block, unrolled in time" if unrolled
                      else "diagram of the LSTM block")
        fig.tight_layout(pad=0.3)
    plt.close(fig)
    return fig


# --------------------------------------------------------------------------------------------
# The ANN and the RNN (chapters 1 and 2)
# --------------------------------------------------------------------------------------------

_NODE = dict(s=520, zorder=3, linewidths=1.5)


def _node_labels(symbol: str, count: int, shown: int) -> list[str]:
    """``x_1, x_2, …, x_n`` when ``count`` is symbolic (drawn as ``shown`` nodes)."""
    return [f"${symbol}_{{{k + 1}}}$" for k in range(shown - 1)] + [f"${symbol}_{{{count}}}$"]


def dense_layer_diagram(n: str | int = "n", m: str | int = "m", *, shown_in: int = 4,
                        shown_out: int = 3):
    """The deck's ANN: an n-vector in, an m-vector out; in full (left) and as one box (right).

    Parameters
    ----------
    n, m : str or int
        How the last input and output are labelled (``x_n``, ``y_m``).
    shown_in, shown_out : int
        How many input and output nodes are drawn.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    if shown_in < 2 or shown_out < 2:
        raise ValueError(f"shown_in, shown_out: expected >= 2, got {shown_in}, {shown_out}")
    grey, dark, wine = PALETTE["grey"], PALETTE["dark"], PALETTE["wine"]
    with mpl_context():
        fig, (ax, bx) = plt.subplots(
            1, 2, figsize=(8.6, 3.6), gridspec_kw=dict(width_ratios=[1.35, 1])
        )
        fig.set_label("diagram of a layer of neurons, in full and simplified")  # its alt text
        for a in (ax, bx):
            a.set_axis_off()
            a.set_aspect("equal")
        # --- in full: every input feeds every neuron
        yin = np.linspace(3.0, 0.0, shown_in)
        yout = np.linspace(2.6, 0.4, shown_out)
        j_hl, i_hl = 0, 1  # the highlighted weight w_ij
        for i, yi in enumerate(yin):
            for j, yj in enumerate(yout):
                hl = (i, j) == (i_hl, j_hl)
                ax.plot([0, 3], [yi, yj], color=wine if hl else "#BFBFBF",
                        lw=2.0 if hl else 1.0, zorder=2 if hl else 1)
        ax.scatter(np.zeros(shown_in), yin, color="white", edgecolors=grey, **_NODE)
        ax.scatter(np.full(shown_out, 3.0), yout, color="white", edgecolors=dark, **_NODE)
        for lab, yi in zip(_node_labels("x", n, shown_in), yin, strict=True):
            ax.text(-0.42, yi, lab, ha="right", va="center", color=grey, fontsize=12)
        for lab, yj in zip(_node_labels("y", m, shown_out), yout, strict=True):
            ax.text(3.42, yj, lab, ha="left", va="center", color=dark, fontsize=12)
        for yj in yout:  # the neuron: sum, then squash
            ax.text(3.0, yj, r"$\theta$", ha="center", va="center", fontsize=10, zorder=4)
        ax.text(0, (yin[-2] + yin[-1]) / 2, r"$\vdots$", ha="center", va="center", fontsize=12)
        ax.text(3, (yout[-2] + yout[-1]) / 2, r"$\vdots$", ha="center", va="center", fontsize=12)
        xm, ym = 1.5, (yin[i_hl] + yout[j_hl]) / 2
        ax.text(xm, ym + 0.22, f"$w_{{{i_hl + 1}{j_hl + 1}}}$", color=wine, ha="center",
                fontsize=12)
        ax.text(0, 3.55, f"input sample\n({n}-vector)", ha="center", fontsize=10, color=grey)
        ax.text(3, 3.55, f"{m} neurons,\noutput ({m}-vector)", ha="center", fontsize=10,
                color=dark)
        ax.set_xlim(-1.2, 4.2)
        ax.set_ylim(-0.4, 4.2)
        ax.set_title("in full", fontsize=11)
        # --- simplified: one box per layer
        box = FancyBboxPatch((0.9, 0.9), 1.6, 1.2, boxstyle="round,pad=0.05",
                             facecolor="#F2F2F2", edgecolor=dark, lw=1.5)
        bx.add_patch(box)
        bx.text(1.7, 1.5, "$y = \\theta(Wx + \\beta)$", ha="center", va="center", fontsize=11)
        for x0, x1, lab, col, side in ((0.0, 0.9, f"$x \\in \\mathbb{{R}}^{{{n}}}$", grey, 0.0),
                                       (2.5, 3.4, f"$y \\in \\mathbb{{R}}^{{{m}}}$", dark, 3.4)):
            bx.add_patch(FancyArrowPatch((x0, 1.5), (x1, 1.5), arrowstyle="-|>",
                                         mutation_scale=14, color=col, lw=1.5))
            bx.text(side, 1.8, lab, ha="center", color=col, fontsize=12)
        bx.text(1.7, 0.55, f"$W$: {m}×{n}, $\\beta$: {m}", ha="center", fontsize=10, color=dark)
        bx.set_xlim(-0.5, 3.9)
        bx.set_ylim(-0.4, 4.2)
        bx.set_title("simplified", fontsize=11)
        fig.tight_layout()
    plt.close(fig)
    return fig


def rnn_unrolled_diagram(steps: int = 7, *, highlight: tuple[int, int] | None = None):
    """The RNN of chapter 2 with an output layer: folded (left) and unrolled over ``steps``.

    Inputs ``x^t`` (grey) enter the hidden layer through ``W``; the hidden state ``h^t``
    goes up to the output layer (``W_y``) and right to the next step (``R``); ``h^0``
    enters the first step. The same three weight matrices at every step.

    Parameters
    ----------
    steps : int
        Unrolled steps, 2 to 9 (the deck's example has 7).
    highlight : (k, t), optional
        Draw the path from ``h^k`` to ``h^t`` (``0 <= k < t <= steps``) in wine: the chain
        of Jacobians of chapter 3.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    if isinstance(steps, bool) or not isinstance(steps, int) or not 2 <= steps <= 9:
        raise ValueError(f"steps: expected an int from 2 to 9, got {steps!r}")
    if highlight is not None:
        k0, k1 = highlight
        if not (isinstance(k0, int) and isinstance(k1, int) and 0 <= k0 < k1 <= steps):
            raise ValueError(
                f"highlight: expected (k, t) with 0 <= k < t <= steps = {steps}, got {highlight!r}"
            )
    grey, dark, wine = PALETTE["grey"], PALETTE["dark"], PALETTE["wine"]
    hcol = PALETTE["sky"]

    def on(t):  # is the recurrent arrow into step t on the highlighted path?
        return highlight is not None and highlight[0] < t <= highlight[1]

    with mpl_context():
        x0, dx = 2.9, 1.25
        xlim = (-0.9, x0 + dx * (steps - 1) + 0.6)
        ylim = (-1.75, 2.5)
        height = 3.3
        width = height * (xlim[1] - xlim[0]) / (ylim[1] - ylim[0])
        fig, ax = plt.subplots(figsize=(width, height))
        ax.set_axis_off()
        ax.set_aspect("equal")

        def arrow(p0, p1, color, lw=1.4, **kw):
            ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=11,
                                         color=color, lw=lw, shrinkA=0, shrinkB=0, **kw))

        def box(x, y, text, edge, face="#F2F2F2", w=0.8, h=0.56):
            ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                        boxstyle="round,pad=0.02,rounding_size=0.1",
                                        facecolor=face, edgecolor=edge, lw=1.4, zorder=3))
            ax.text(x, y, text, ha="center", va="center", fontsize=10, zorder=4)

        def column(x, t_lab, y_hidden=0.0, edge=dark, folded=False):
            ax.text(x, -1.25, f"$x^{{{t_lab}}}$", ha="center", va="top", color=grey, fontsize=11)
            arrow((x, -1.2), (x, y_hidden - 0.28), grey)
            box(x, y_hidden, "tanh", edge)
            arrow((x, y_hidden + 0.28), (x, 0.97), hcol)
            ax.text(x - 0.06, 0.62, f"$h^{{{t_lab}}}$", ha="right", va="center", color=hcol,
                    fontsize=10)
            if folded:
                ax.text(x + 0.06, 0.62, "$W_y$", ha="left", va="center", color=dark, fontsize=10)
                ax.text(x + 0.06, -0.72, "$W$", ha="left", va="center", color=grey, fontsize=10)
            box(x, 1.25, r"$\theta$", dark, face="white", w=0.6)
            arrow((x, 1.53), (x, 2.0), dark)
            ax.text(x, 2.05, f"$y^{{{t_lab}}}$", ha="center", va="bottom", color=dark,
                    fontsize=11)

        # folded: one hidden layer with a loop
        column(0.0, "t", folded=True)
        ax.add_patch(FancyArrowPatch((0.4, 0.14), (0.4, -0.14),
                                     connectionstyle="arc,angleA=0,angleB=0,armA=22,armB=22,rad=6",
                                     arrowstyle="-|>", mutation_scale=11, color=hcol, lw=1.4,
                                     shrinkA=0, shrinkB=0, zorder=2))
        ax.text(0.86, 0.0, "$R$", ha="left", va="center", color=hcol, fontsize=11)
        ax.text(1.6, 0.5, "=", ha="center", va="center", fontsize=20, color=dark)
        # unrolled
        ax.text(x0 - 1.0, 0.0, "$h^0$", ha="center", va="center", color=hcol, fontsize=11)
        for k in range(steps):
            x = x0 + dx * k
            t = k + 1
            hl = on(t)
            column(x, str(t), edge=wine if (highlight and highlight[0] < t <= highlight[1])
                   else dark)
            start = x0 - 0.75 if k == 0 else x - dx + 0.4
            arrow((start, 0.0), (x - 0.4, 0.0), wine if hl else hcol, lw=2.4 if hl else 1.4)
            ax.text((start + x - 0.4) / 2, 0.08, "$R$", ha="center", va="bottom",
                    color=wine if hl else hcol, fontsize=9)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        fig.tight_layout(pad=0.3)
    plt.close(fig)
    return fig
