"""The LSTM block diagram, drawn by code (matplotlib) in the book's style.

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
- :func:`rnn_diagram` -- a vanilla RNN layer, folded (with its loop) and unrolled in time.

Every drawn line has a key (:data:`PATHS`); ``highlight`` takes a set of keys, optionally
suffixed with the step they belong to in the unrolled view (``"peep_i@t+1"``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .style import FAMILIES, PALETTE, mpl_context

__all__ = ["PATHS", "HIGHLIGHTS", "lstm_diagram", "rnn_diagram"]

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
        fig.tight_layout(pad=0.3)
    plt.close(fig)
    return fig


def rnn_diagram(*, steps: int = 3, highlight_path: bool = False, title: str | None = None):
    """A vanilla RNN layer: folded, with its recurrent loop (left), and unrolled in time.

    Parameters
    ----------
    steps : int
        Steps of the unrolled view (2 to 5).
    highlight_path : bool
        Emphasise the path from the first step's state to the last output: the product of
        Jacobians that BPTT multiplies through (chapter 3).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    if not isinstance(steps, int) or not 2 <= steps <= 5:
        raise ValueError(f"steps: expected an int from 2 to 5, got {steps!r}")
    grey, dark, hcol = PALETTE["grey"], PALETTE["dark"], FAMILIES["b_c"].color
    wine = PALETTE["wine"]

    def arrow(ax, p0, p1, color, lw=1.6, **kw):
        ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=13, color=color,
                                     lw=lw, shrinkA=0, shrinkB=0, **kw))

    def cell(ax, x, y, label, edge):
        ax.add_patch(FancyBboxPatch((x - 0.5, y - 0.38), 1.0, 0.76,
                                    boxstyle="round,pad=0.02,rounding_size=0.14",
                                    facecolor=_BG, edgecolor=edge, lw=1.6, zorder=3))
        ax.text(x, y, label, ha="center", va="center", fontsize=13, zorder=4)

    with mpl_context():
        fig, ax = plt.subplots(figsize=(2.2 + 1.75 * steps + 1.2, 3.4))
        ax.set_axis_off()
        ax.set_aspect("equal")
        # folded: one layer with a loop
        cell(ax, 0.0, 0.0, r"$\theta$", dark)
        arrow(ax, (0.0, -1.25), (0.0, -0.4), grey)
        ax.text(0.0, -1.35, "$x^t$", ha="center", va="top", fontsize=13, color=grey)
        arrow(ax, (0.0, 0.4), (0.0, 1.25), hcol)
        ax.text(0.0, 1.35, "$b^t$", ha="center", va="bottom", fontsize=13, color=hcol)
        # the loop: out of the right side, back in at the right side, one step later
        ax.add_patch(FancyArrowPatch(
            (0.5, 0.2), (0.5, -0.2), arrowstyle="-|>", mutation_scale=12, color=hcol, lw=1.6,
            connectionstyle="arc,angleA=0,armA=32,angleB=0,armB=32,rad=12",
            shrinkA=0, shrinkB=0, zorder=2))
        ax.text(0.95, 0.0, "$R$", ha="left", va="center", fontsize=12, color=hcol)
        ax.text(2.0, 0.0, "=", ha="center", va="center", fontsize=20, color=dark)
        # unrolled
        x0 = 3.6
        xs = [x0 + 1.75 * k for k in range(steps)]
        for k, x in enumerate(xs):
            t = "t" if k == steps - 1 else f"t-{steps - 1 - k}"
            on = highlight_path
            cell(ax, x, 0.0, r"$\theta$", wine if on else dark)
            arrow(ax, (x, -1.25), (x, -0.4), grey)
            ax.text(x, -1.35, f"$x^{{{t}}}$", ha="center", va="top", fontsize=13, color=grey)
            last = k == steps - 1
            arrow(ax, (x, 0.4), (x, 1.25), wine if (on and last) else hcol,
                  lw=2.6 if (on and last) else 1.6)
            ax.text(x, 1.35, f"$b^{{{t}}}$", ha="center", va="bottom", fontsize=13,
                    color=hcol)
            if k < steps - 1:
                arrow(ax, (x + 0.5, 0.0), (x + 1.25, 0.0), wine if on else hcol,
                      lw=2.6 if on else 1.6)
                ax.text(x + 0.875, 0.12, "$R$", ha="center", va="bottom", fontsize=11,
                        color=hcol)
        arrow(ax, (x0 - 1.1, 0.0), (x0 - 0.5, 0.0), hcol)
        ax.text(x0 - 0.8, 0.12, f"$b^{{t-{steps}}}$", ha="center", va="bottom", fontsize=11,
                color=hcol)
        ax.set_xlim(-0.9, xs[-1] + 0.9)
        ax.set_ylim(-2.0, 2.0)
        if title:
            ax.set_title(title, fontsize=13)
        fig.tight_layout(pad=0.3)
    plt.close(fig)
    return fig
