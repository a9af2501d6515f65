"""One visual style for every figure of the book: colours, symbols, line styles.

Every quantity of the LSTM has one colour, in every chapter, in plotly and in matplotlib,
in the explorers and in the block diagrams: the input gate ι is always green, the forget
gate φ vermillion, the output gate ω blue, the cell input g orange, the cell state s_c
black, the cell output b_c purple. A net input a is drawn dotted in its unit's colour, an
error signal dashed in the colour of the quantity it belongs to: ε_s is a dashed black
line, δ_ι a dashed green one. Generic ε and δ
(the dense layer, the RNN) are sky blue and wine.

The colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen
to stay distinguishable under the common colour-vision deficiencies, plus one wine from
Paul Tol's "muted" scheme for the generic δ.

Names are those of :mod:`lstm_core.lstm` (``b_i``, ``a_f``, ``s``, ``eps_c``, ``delta_o``,
...); :func:`series_style` maps any of them to a colour, a dash and two labels: an HTML one
for plotly (``b<sub>ι</sub>``) and a mathtext one for matplotlib (``$b_\\iota$``).

Use :func:`use` once per notebook to make matplotlib and plotly default to this style, or
:func:`mpl_context` for one figure.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "PALETTE",
    "FAMILIES",
    "SeriesStyle",
    "series_style",
    "color",
    "MPL_RC",
    "mpl_rc",
    "PLOTLY_TEMPLATE",
    "plotly_template",
    "mpl_context",
    "use",
]

# Okabe-Ito (colour-blind safe) + Tol's wine.
PALETTE = {
    "green": "#009E73",
    "vermillion": "#D55E00",
    "blue": "#0072B2",
    "orange": "#E69F00",
    "black": "#000000",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "wine": "#882255",
    "yellow": "#F0E442",
    "grey": "#8C8C8C",
    "dark": "#4D4D4D",
}


@dataclass(frozen=True)
class Family:
    """A quantity of the book: its colour and its symbol (mathtext and HTML)."""

    color: str
    tex: str
    html: str
    name: str


# One entry per quantity; every series name maps to one family.
FAMILIES: dict[str, Family] = {
    "i": Family(PALETTE["green"], r"\iota", "ι", "input gate"),
    "f": Family(PALETTE["vermillion"], r"\varphi", "φ", "forget gate"),
    "o": Family(PALETTE["blue"], r"\omega", "ω", "output gate"),
    "g": Family(PALETTE["orange"], "g", "g", "cell input"),
    "s": Family(PALETTE["black"], "s_c", "s<sub>c</sub>", "cell state"),
    "b_c": Family(PALETTE["purple"], "b_c", "b<sub>c</sub>", "cell output"),
    "x": Family(PALETTE["grey"], "x", "x", "input"),
    "y": Family(PALETTE["dark"], "y", "y", "output"),
    "eps": Family(PALETTE["sky"], r"\varepsilon", "ε", "error signal ε"),
    "delta": Family(PALETTE["wine"], r"\delta", "δ", "error signal δ"),
    "loss": Family(PALETTE["dark"], "L", "L", "loss"),
}

# Colours for names the book does not know, after the families' own.
EXTRA_COLORS = ("#332288", "#117733", "#999933", "#AA4499", "#44AA99", "#DDCC77")


@dataclass(frozen=True)
class SeriesStyle:
    """How one named series is drawn.

    Attributes
    ----------
    color : str
        Hex colour.
    dash : str
        ``"solid"`` (activations, states), ``"dot"`` (net inputs a), ``"dash"`` (error
        signals ε and δ) or ``"dashdot"`` (the squashed state h(s_c)).
    html : str
        Label for plotly (HTML subset: ``b<sub>ι</sub>``).
    tex : str
        Label for matplotlib (mathtext: ``$b_\\iota$``).
    """

    color: str
    dash: str
    html: str
    tex: str

    @property
    def mpl_linestyle(self) -> str:
        return {"solid": "-", "dash": "--", "dot": ":", "dashdot": "-."}[self.dash]


def _g(fam: str, html: str, tex: str, dash: str = "solid") -> tuple[str, str, str, str]:
    return fam, html, tex, dash


# name -> (family, html label, mathtext label, dash). Names as in lstm_core.lstm/rnn/dense.
_SERIES: dict[str, tuple[str, str, str, str]] = {
    # input gate ι, eq (1)
    "a_i": _g("i", "a<sub>ι</sub>", r"$a_\iota$", "dot"),
    "b_i": _g("i", "b<sub>ι</sub>", r"$b_\iota$"),
    "delta_i": _g("i", "δ<sub>ι</sub>", r"$\delta_\iota$", "dash"),
    # forget gate φ, eq (2)
    "a_f": _g("f", "a<sub>φ</sub>", r"$a_\varphi$", "dot"),
    "b_f": _g("f", "b<sub>φ</sub>", r"$b_\varphi$"),
    "delta_f": _g("f", "δ<sub>φ</sub>", r"$\delta_\varphi$", "dash"),
    # cell input, eq (3)
    "a_c": _g("g", "a<sub>c</sub>", r"$a_c$", "dot"),
    "g": _g("g", "g(a<sub>c</sub>)", r"$g(a_c)$"),
    "delta_c": _g("g", "δ<sub>c</sub>", r"$\delta_c$", "dash"),
    # cell state, eq (3) and (8)
    "s": _g("s", "s<sub>c</sub>", r"$s_c$"),
    "s_prev": _g("s", "s<sub>c</sub><sup>t−1</sup>", r"$s_c^{t-1}$"),
    "hs": _g("s", "h(s<sub>c</sub>)", r"$h(s_c)$", "dashdot"),
    "eps_s": _g("s", "ε<sub>s</sub>", r"$\varepsilon_s$", "dash"),
    # output gate ω, eq (4)
    "a_o": _g("o", "a<sub>ω</sub>", r"$a_\omega$", "dot"),
    "b_o": _g("o", "b<sub>ω</sub>", r"$b_\omega$"),
    "delta_o": _g("o", "δ<sub>ω</sub>", r"$\delta_\omega$", "dash"),
    # cell output, eq (5) and (6)
    "b_c": _g("b_c", "b<sub>c</sub>", r"$b_c$"),
    "h": _g("b_c", "b<sub>c</sub>", r"$b_c$"),
    "h_prev": _g("b_c", "b<sub>c</sub><sup>t−1</sup>", r"$b_c^{t-1}$"),
    "eps_c": _g("b_c", "ε<sub>c</sub>", r"$\varepsilon_c$", "dash"),
    # everything else
    "x": _g("x", "x", r"$x$"),
    "y": _g("y", "y", r"$y$"),
    "target": _g("y", "target", "target", "dot"),
    "eps": _g("eps", "ε", r"$\varepsilon$", "dash"),
    "delta": _g("delta", "δ", r"$\delta$", "dash"),
    "loss": _g("loss", "L", r"$L$"),
}


def series_style(name: str, index: int = 0) -> SeriesStyle:
    """The colour, dash and labels of a series called ``name``.

    Parameters
    ----------
    name : str
        A name from :mod:`lstm_core.lstm` (``b_i``, ``s``, ``eps_s``, ``delta_o``, ...), a
        family key (``i``, ``f``, ``o``, ``g``, ``s``, ``b_c``, ``x``, ``y``, ``eps``,
        ``delta``, ``loss``), or anything else (then a spare colour chosen by ``index``
        and the name itself as label).
    index : int
        Position among unknown names, to give them distinct spare colours.
    """
    if name in _SERIES:
        fam, html, tex, dash = _SERIES[name]
        return SeriesStyle(FAMILIES[fam].color, dash, html, tex)
    if name in FAMILIES:
        fam = FAMILIES[name]
        return SeriesStyle(fam.color, "solid", fam.html, f"${fam.tex}$")
    return SeriesStyle(EXTRA_COLORS[index % len(EXTRA_COLORS)], "solid", name, name)


def color(name: str) -> str:
    """The hex colour of a family (``"i"``) or series name (``"b_i"``)."""
    return series_style(name).color


# ---------------------------------------------------------------- matplotlib

_CYCLE = [FAMILIES[k].color for k in ("i", "f", "o", "g", "s", "b_c", "eps", "delta")]

MPL_RC = {
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4D4D4D",
    "axes.grid": True,
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "mathtext.fontset": "dejavusans",
    "image.cmap": "RdBu_r",
}


def mpl_rc() -> dict:
    """The matplotlib rcParams of the book's style."""
    from cycler import cycler

    rc = dict(MPL_RC)
    rc["axes.prop_cycle"] = cycler(color=_CYCLE)
    return rc


def mpl_context():
    """A ``matplotlib.rc_context`` in the book's style, for one figure."""
    import matplotlib

    return matplotlib.rc_context(mpl_rc())


# ---------------------------------------------------------------- plotly

PLOTLY_TEMPLATE = "lstm"


def plotly_template():
    """The plotly template of the book's style (registered as ``"lstm"``)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    if PLOTLY_TEMPLATE in pio.templates:
        return pio.templates[PLOTLY_TEMPLATE]
    axis = dict(
        showgrid=True,
        gridcolor="#E6E6E6",
        zeroline=True,
        zerolinecolor="#BFBFBF",
        showline=True,
        linecolor="#4D4D4D",
        ticks="outside",
        tickcolor="#4D4D4D",
        title=dict(standoff=6),
    )
    template = go.layout.Template(
        layout=dict(
            font=dict(
                family="-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
                size=13,
                color="#1A1A1A",
            ),
            colorway=_CYCLE,
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=axis,
            yaxis=axis,
            margin=dict(l=60, r=20, t=50, b=45),
            legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
            hovermode="x unified",
            hoverlabel=dict(namelength=-1),
            colorscale=dict(diverging="RdBu_r", sequential="Viridis"),
        ),
        data=dict(scatter=[go.Scatter(line=dict(width=2.2))]),
    )
    pio.templates[PLOTLY_TEMPLATE] = template
    return template


def use() -> None:
    """Make the book's style the default for matplotlib and plotly in this session."""
    import matplotlib
    import plotly.io as pio

    matplotlib.rcParams.update(mpl_rc())
    plotly_template()
    pio.templates.default = "plotly_white+" + PLOTLY_TEMPLATE
