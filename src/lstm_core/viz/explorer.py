"""The explorer: one figure that is live in JupyterLab and still interactive in the static book.

An explorer is a function and some sliders. ``compute(**values)`` returns named series
(numpy arrays: gate activations over time, a cell state, an error signal ...); ``controls``
say which values each slider steps through. Displaying the explorer gives

* in a running kernel (JupyterLab): ipywidgets sliders above a plotly ``FigureWidget``;
  every slider move calls ``compute`` with the current values and updates the traces in
  place (:meth:`Explorer.time_redraw` measures how long that takes);
* in the static HTML book (no kernel): the same plotly figure, with ``compute``
  precomputed on the full grid of control values (the Cartesian product), embedded as
  compact JSON next to HTML range sliders and a few lines of JavaScript that look the
  current grid point up and hand it to ``Plotly.react``. Nothing is fetched: the page
  needs only the global ``Plotly`` (the book loads ``plotly.min.js`` on every page).

One display serves both because :meth:`Explorer._repr_mimebundle_` returns both views:
``application/vnd.jupyter.widget-view+json`` (JupyterLab prefers it) and ``text/html``
(the book's myst-nb configuration ranks the widget view out, so the HTML is used).

Environment variable ``LSTM_VIZ_STATIC=1``: display the static view only, build no widget.
For the book build: a plotly 7 ``FigureWidget`` is an anywidget whose state carries
plotly's whole widget bundle (about 5 MB of JavaScript), and nbclient stores every widget's
state in the executed notebook -- about 5 MB per displayed figure that the book never uses.

Example::

    from lstm_core import viz
    import numpy as np

    def compute(w, b):
        a = w * np.linspace(-4, 4, 50) + b
        return {"a_i": a, "b_i": 1 / (1 + np.exp(-a))}

    viz.explore(compute, {"w": [0.5, 1, 2, 4], "b": viz.control([-2, 0, 2], default=0)},
                panels=[viz.panel("b_i", yrange=(0, 1)), viz.panel("a_i")],
                title="A gate is a squashed weighted sum")

Keep the grid small (a handful of controls, a handful of values each): the static page
stores every grid point. :data:`MAX_POINTS` and :data:`MAX_BYTES` are hard limits.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import itertools
import json
import math
import re
import statistics
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from . import style
from .i18n import translate, translation_tables
from .mode import static_only

__all__ = [
    "Control",
    "Panel",
    "Explorer",
    "StaticFigure",
    "control",
    "panel",
    "explore",
    "show",
    "MAX_POINTS",
    "MAX_BYTES",
]

#: The most grid points an explorer may have (product of the controls' lengths).
MAX_POINTS = 5000
#: The largest static HTML an explorer may emit, in bytes.
MAX_BYTES = 3_000_000
#: Above this size the static HTML is emitted with a warning.
WARN_BYTES = 1_000_000

KINDS = ("line", "markers", "lines+markers", "bar", "heatmap")
_SCATTER_MODES = {"line": "lines", "markers": "markers", "lines+markers": "lines+markers"}
_OPACITY = (1.0, 0.75, 0.55, 0.4)  # lines 1, 2, 3, 4+ of a 2-D series (e.g. H blocks)
#: A heatmap's hover label for its row (a catalogue key; the page's script translates the
#: hover text line by line).
HEATMAP_ROW = "line %{y}"


# ---------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Control:
    """The values one slider steps through.

    Attributes
    ----------
    values : tuple
        The slider's stops, in order. Numbers, strings or booleans.
    default : object, optional
        The value shown first; must be one of ``values``. Default: the middle value.
    label : str, optional
        The slider's label; HTML allowed (``w<sub>cφ</sub>``). Default: the control's name.
    fmt : str or callable, optional
        How a value is shown next to the slider: a format string (``"{:.2f}"``) or a
        function of the value. Default: 3 significant digits for floats, ``str`` otherwise.
    """

    values: tuple
    default: Any = None
    label: str | None = None
    fmt: str | Callable[[Any], str] | None = None

    @property
    def default_index(self) -> int:
        return self.values.index(self.default)

    def format(self, value) -> str:
        if self.fmt is None:
            if isinstance(value, float):
                return f"{value:.3g}"
            return str(value)
        if isinstance(self.fmt, str):
            return self.fmt.format(value)
        return str(self.fmt(value))

    @property
    def readouts(self) -> list[str]:
        return [self.format(v) for v in self.values]


def control(values, default=None, *, label=None, fmt=None) -> Control:
    """A slider over ``values`` (see :class:`Control`); validated by :func:`explore`."""
    return Control(tuple(values) if not isinstance(values, (str, bytes)) else values,
                   default, label, fmt)


@dataclass(frozen=True)
class Panel:
    """One subplot of an explorer: which series it draws and how.

    Attributes
    ----------
    series : tuple of str
        Names of series returned by ``compute``. A series is an array of shape `(T,)` (one
        line) or `(T, k)` (k lines, e.g. one per block, drawn in one colour with fading
        opacity; or one heatmap row per column for ``kind="heatmap"``).
    title : str, optional
        Subplot title (HTML allowed).
    ylabel : str, optional
        y-axis title.
    yrange : (float, float) or "grid" or None
        The y range (the colour range for heatmaps). ``None`` (default): autorange at every
        redraw; ``"grid"``: fixed to the extremes over the whole grid of control values, so
        the axis does not jump while a slider moves (but a few extreme points may flatten
        the rest); ``(lo, hi)``: fixed, e.g. ``(0, 1)`` for gates.
    kind : {"line", "markers", "lines+markers", "bar", "heatmap"}
    colorscale : str, optional
        Heatmaps only; default ``"RdBu_r"`` centred on 0 if the data change sign, else
        ``"Viridis"``.
    """

    series: tuple[str, ...]
    title: str | None = None
    ylabel: str | None = None
    yrange: tuple[float, float] | str | None = None
    kind: str = "line"
    colorscale: str | None = None


def panel(*series: str, title=None, ylabel=None, yrange=None, kind="line",
          colorscale=None) -> Panel:
    """A subplot drawing the named ``series`` (see :class:`Panel`)."""
    return Panel(tuple(series), title, ylabel, yrange, kind, colorscale)


@dataclass(frozen=True)
class _Trace:
    panel: int  # index into Explorer.panels
    series: str
    column: int  # column of the (T, k) series; 0 for 1-D
    ncols: int


# ---------------------------------------------------------------------------- validation


def _check_controls(controls) -> dict[str, Control]:
    if not isinstance(controls, Mapping):
        raise TypeError(
            f"controls: expected a dict mapping a name to a list of values, got "
            f"{type(controls).__name__}"
        )
    out: dict[str, Control] = {}
    for name, spec in controls.items():
        where = f"controls[{name!r}]"
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(
                f"controls: names must be Python identifiers (they are passed to compute as "
                f"keyword arguments), got {name!r}"
            )
        if not isinstance(spec, Control):
            spec = control(spec) if _is_sequence(spec) else spec
        if not isinstance(spec, Control):
            raise TypeError(
                f"{where}: expected a list of values or viz.control(...), got "
                f"{type(spec).__name__}"
            )
        if not _is_sequence(spec.values):
            raise TypeError(
                f"{where}: expected a list of values, got {type(spec.values).__name__}"
            )
        values = tuple(v.item() if isinstance(v, np.generic) else v for v in spec.values)
        if len(values) == 0:
            raise ValueError(f"{where}: expected a non-empty list of values, got an empty one")
        for v in values:
            if not isinstance(v, (int, float, str, bool)):
                raise TypeError(
                    f"{where}: values must be numbers, strings or booleans, got "
                    f"{type(v).__name__} ({v!r})"
                )
            if isinstance(v, float) and not math.isfinite(v):
                raise ValueError(f"{where}: values must be finite, got {v!r}")
        if len(set(values)) != len(values):
            raise ValueError(f"{where}: values must be distinct, got {list(values)!r}")
        default = spec.default
        if isinstance(default, np.generic):
            default = default.item()
        if default is None:
            default = values[(len(values) - 1) // 2]
        elif default not in values:
            raise ValueError(
                f"{where}: default {default!r} is not one of the values {list(values)!r}"
            )
        out[name] = Control(values, default, spec.label, spec.fmt)
    return out


def _is_sequence(obj) -> bool:
    return isinstance(obj, (Sequence, np.ndarray, range)) and not isinstance(obj, (str, bytes))


def _check_panels(panels, names: list[str]) -> list[Panel]:
    if panels is None:
        return [Panel(tuple(names))]
    if isinstance(panels, (Panel, str)):
        panels = [panels]
    if not _is_sequence(panels) or len(panels) == 0:
        raise ValueError("panels: expected a non-empty list of viz.panel(...) or of name lists")
    out = []
    for k, p in enumerate(panels):
        if isinstance(p, str):
            p = Panel((p,))
        elif isinstance(p, Mapping):
            p = Panel(**{**p, "series": tuple(p["series"])})
        elif _is_sequence(p):
            p = Panel(tuple(p))
        if not isinstance(p, Panel):
            raise TypeError(f"panels[{k}]: expected viz.panel(...), got {type(p).__name__}")
        if not p.series:
            raise ValueError(f"panels[{k}]: names no series")
        if p.kind not in KINDS:
            raise ValueError(f"panels[{k}]: kind must be one of {KINDS}, got {p.kind!r}")
        if p.kind == "heatmap" and len(p.series) != 1:
            raise ValueError(f"panels[{k}]: a heatmap panel draws exactly one series, "
                             f"got {list(p.series)}")
        if not (p.yrange is None or p.yrange == "grid"
                or (_is_sequence(p.yrange) and len(p.yrange) == 2)):
            raise ValueError(f"panels[{k}]: yrange must be (lo, hi), 'grid' or None, "
                             f"got {p.yrange!r}")
        out.append(p)
    return out


# ---------------------------------------------------------------------------- the explorer


class Explorer:
    """Sliders over a function that returns named series, drawn with plotly.

    Build it with :func:`explore`. Display it (last expression of a cell, or
    ``IPython.display.display``) to get the live widget in JupyterLab and the static
    interactive figure in the HTML book.

    Attributes
    ----------
    controls : dict of str to Control
    panels : list of Panel
    grid_shape : tuple of int
        Number of values of each control, in order.
    grid_size : int
        Number of grid points (product of ``grid_shape``).
    redraw_times : list of float
        Seconds taken by each call of :meth:`redraw` so far (compute + figure update).
    """

    def __init__(self, compute, controls, *, panels=None, x=None, xlabel="t", title=None,
                 styles=None, height=None, digits=4, static=True,
                 max_points=MAX_POINTS, max_bytes=MAX_BYTES):
        if not callable(compute):
            raise TypeError(f"compute: expected a function, got {type(compute).__name__}")
        self.compute = compute
        self.controls = _check_controls(controls)
        self.grid_shape = tuple(len(c.values) for c in self.controls.values())
        self.grid_size = math.prod(self.grid_shape)
        if self.grid_size > max_points:
            raise ValueError(
                f"controls: the grid has {' x '.join(map(str, self.grid_shape))} = "
                f"{self.grid_size} points, more than max_points={max_points}; the static "
                "book stores every point. Use fewer controls or fewer values per control."
            )
        self.defaults = {n: c.default for n, c in self.controls.items()}
        try:
            inspect.signature(compute).bind(**self.defaults)
        except TypeError as exc:
            raise ValueError(
                f"compute: cannot be called with the controls as keyword arguments "
                f"{sorted(self.defaults)}: {exc}"
            ) from None
        except ValueError:  # no signature (builtins): find out when calling
            pass
        if not (isinstance(x, str) or x is None):
            x = np.asarray(x, dtype=float)
            if x.ndim != 1:
                raise ValueError(f"x: expected a 1-D array, got shape {x.shape}")
        self.x = x
        self.xlabel = xlabel
        self.title = title
        self.styles = dict(styles or {})
        if not isinstance(digits, int) or not 2 <= digits <= 15:
            raise ValueError(f"digits: expected an int in 2..15, got {digits!r}")
        self.digits = digits
        self.max_bytes = max_bytes
        self.static = bool(static)
        self.redraw_times: list[float] = []

        first = self._call(self.defaults)
        names = [k for k in first if not (isinstance(self.x, str) and k == self.x)]
        self.panels = _check_panels(panels, names)
        self.traces: list[_Trace] = []
        for k, p in enumerate(self.panels):
            for name in p.series:
                if name not in first:
                    raise ValueError(
                        f"panels[{k}]: compute returned no series {name!r}; it returned "
                        f"{sorted(first)}"
                    )
                ncols = first[name].shape[1]
                cols = [0] if p.kind == "heatmap" else range(ncols)
                self.traces.extend(_Trace(k, name, j, ncols) for j in cols)
        self._first = first
        self._widget = None
        self._fig_widget = None
        self._grid = None
        self._html = None
        self.height = height or (90 + 230 * len(self.panels))
        if static:
            self.static_html()  # fail now, in the cell that builds the explorer

    # ------------------------------------------------------------------ computing

    def _call(self, values: Mapping[str, Any]) -> dict[str, np.ndarray]:
        """``compute(**values)``, checked: every series a finite-or-NaN float array."""
        result = self.compute(**values)
        if not isinstance(result, Mapping):
            raise TypeError(
                f"compute: expected it to return a dict of name -> array, got "
                f"{type(result).__name__}"
            )
        out = {}
        for name, arr in result.items():
            try:
                a = np.asarray(arr, dtype=float)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"compute: series {name!r} is not a numeric array: {exc}") from None
            if isinstance(self.x, str) and name == self.x:
                if a.ndim != 1:
                    raise ValueError(f"compute: the x series {name!r} must be 1-D, got shape "
                                     f"{a.shape}")
                out[name] = a
                continue
            if a.ndim == 1:
                a = a[:, None]
            if a.ndim != 2 or a.shape[0] == 0 or a.shape[1] == 0:
                raise ValueError(
                    f"compute: series {name!r} must have shape (T,) or (T, k) with T, k >= 1, "
                    f"got {np.shape(arr)} at {dict(values)}"
                )
            out[name] = a
        if isinstance(self.x, str) and self.x not in out:
            raise ValueError(f"x: compute returned no series {self.x!r} (returned {sorted(out)})")
        if hasattr(self, "traces"):
            for tr in self.traces:
                if tr.series not in out:
                    raise ValueError(
                        f"compute: returned no series {tr.series!r} at {dict(values)}"
                    )
                if out[tr.series].shape[1] != tr.ncols:
                    raise ValueError(
                        f"compute: series {tr.series!r} has {out[tr.series].shape[1]} columns "
                        f"at {dict(values)} but {tr.ncols} at the defaults; the number of lines "
                        "must not depend on the controls (pad with NaN)"
                    )
        return out

    def compute_at(self, **values) -> dict[str, np.ndarray]:
        """``compute`` at ``values`` (missing controls take their defaults), checked.

        Series come back as 2-D arrays `(T, k)`.
        """
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"values: unknown controls {sorted(unknown)}; the controls are "
                             f"{list(self.controls)}")
        for name, v in values.items():
            if v not in self.controls[name].values:
                raise ValueError(f"values: {name}={v!r} is not one of "
                                 f"{list(self.controls[name].values)}")
        return self._call({**self.defaults, **values})

    def _x_for(self, result, length: int) -> np.ndarray:
        if self.x is None:
            return np.arange(1, length + 1, dtype=float)
        x = result[self.x] if isinstance(self.x, str) else self.x
        if len(x) != length:
            raise ValueError(f"x: has length {len(x)}, but a series has length {length}")
        return x

    def _attrs(self, result) -> list[dict[str, np.ndarray]]:
        """The plotly data of every trace: ``{"x": ..., "y": ...}`` or ``{"x", "z"}``."""
        out = []
        for tr in self.traces:
            a = result[tr.series]
            x = self._x_for(result, a.shape[0])
            if self.panels[tr.panel].kind == "heatmap":
                out.append({"x": x, "z": a.T})  # one row per column: time runs across
            else:
                out.append({"x": x, "y": a[:, tr.column]})
        return out

    # ------------------------------------------------------------------ the figure

    def _style(self, name: str, index: int) -> style.SeriesStyle:
        st = style.series_style(name, index)
        over = self.styles.get(name)
        if over:
            st = style.SeriesStyle(over.get("color", st.color), over.get("dash", st.dash),
                                   over.get("label", st.html), over.get("tex", st.tex))
        return st

    def _extremes(self, k: int) -> tuple[float, float] | None:
        """Smallest and largest value of panel ``k`` over the grid (or the defaults)."""
        lo, hi = math.inf, -math.inf
        key = "z" if self.panels[k].kind == "heatmap" else "y"
        for point in (self._grid or [self._attrs(self._first)]):
            for tr, attrs in zip(self.traces, point, strict=True):
                if tr.panel == k:
                    v = attrs[key][np.isfinite(attrs[key])]
                    if v.size:
                        lo, hi = min(lo, float(v.min())), max(hi, float(v.max()))
        return (lo, hi) if math.isfinite(lo) else None

    def _ranges(self) -> list[tuple[float, float] | None]:
        """Fixed value range of each panel (None: autorange)."""
        out = []
        for k, p in enumerate(self.panels):
            if p.yrange is None:
                out.append(None)
            elif p.yrange == "grid":
                ext = self._extremes(k)
                if ext is None:
                    out.append(None)
                    continue
                lo, hi = ext
                if p.kind == "bar":
                    lo, hi = min(lo, 0.0), max(hi, 0.0)
                pad = 0.0 if p.kind == "heatmap" else 0.04 * ((hi - lo) or 1.0)
                out.append((lo - pad, hi + pad))
            else:
                out.append((float(p.yrange[0]), float(p.yrange[1])))
        return out

    def figure(self, attrs=None):
        """The plotly ``go.Figure`` at the defaults (or with the given trace data)."""
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        attrs = attrs if attrs is not None else self._attrs(self._first)
        n = len(self.panels)
        fig = make_subplots(
            rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.1 if n > 1 else 0.0,
            subplot_titles=[translate(p.title) or "" for p in self.panels] if any(
                p.title for p in self.panels) else None,
        )
        ranges = self._ranges()
        unknown = 0
        seen_names: dict[str, int] = {}
        for tr, data in zip(self.traces, attrs, strict=True):
            p = self.panels[tr.panel]
            if tr.series not in seen_names:
                seen_names[tr.series] = unknown
                if style.series_style(tr.series).html == tr.series:
                    unknown += 1
            st = self._style(tr.series, seen_names[tr.series])
            row = tr.panel + 1
            if p.kind == "heatmap":
                rng = ranges[tr.panel]
                ext = rng or self._extremes(tr.panel)
                signed = ext is not None and ext[0] < 0 < ext[1]
                cs = p.colorscale or ("RdBu_r" if signed else "Viridis")
                zkw = dict(zmid=0.0) if signed else {}
                if rng is not None:
                    lim = max(abs(rng[0]), abs(rng[1]))
                    zkw = dict(zmin=-lim, zmax=lim) if signed else dict(zmin=rng[0], zmax=rng[1])
                trace = go.Heatmap(
                    x=data["x"], z=data["z"], y=np.arange(1, tr.ncols + 1), colorscale=cs,
                    name=translate(st.html),
                    colorbar=dict(title=dict(text=translate(st.html)), thickness=12),
                    hovertemplate=f"t=%{{x}}<br>{translate(HEATMAP_ROW)}<br>%{{z:.4g}}"
                    "<extra>%{fullData.name}</extra>", **zkw,
                )
            else:
                # lines of a (T, k) series: one legend entry, the unit in the hover label
                name = translate(st.html)
                label = name if tr.column == 0 else f"{name} [{tr.column + 1}]"
                kw = dict(x=data["x"], y=data["y"], name=label, legendgroup=tr.series,
                          showlegend=tr.column == 0, legend=_legend_name(tr.panel),
                          hovertemplate="%{y:.4g}")
                if tr.ncols > 1:
                    kw["opacity"] = _OPACITY[min(tr.column, len(_OPACITY) - 1)]
                if p.kind == "bar":
                    trace = go.Bar(marker=dict(color=st.color), **kw)
                else:
                    trace = go.Scatter(mode=_SCATTER_MODES[p.kind],
                                       line=dict(color=st.color, dash=st.dash),
                                       marker=dict(color=st.color, size=6), **kw)
            fig.add_trace(trace, row=row, col=1)
        for k, p in enumerate(self.panels):
            axis = {} if p.kind == "heatmap" else dict(
                range=list(ranges[k]) if ranges[k] else None,
                autorange=ranges[k] is None,
            )
            fig.update_yaxes(title_text=translate(p.ylabel), row=k + 1, col=1, **axis)
            dom = fig.layout[f"yaxis{'' if k == 0 else k + 1}"].domain
            if p.kind != "heatmap":  # each panel's legend to its right, at its top
                fig.update_layout({_legend_name(k): dict(
                    x=1.02, xanchor="left", y=dom[1], yanchor="top", orientation="v",
                    groupclick="togglegroup")})
            else:
                fig.update_yaxes(title_text=translate(p.ylabel or "unit"), row=k + 1, col=1)
                for t, tr in zip(fig.data, self.traces, strict=True):
                    if tr.panel == k:
                        t.colorbar.update(y=(dom[0] + dom[1]) / 2, len=dom[1] - dom[0],
                                          yanchor="middle")
        fig.update_xaxes(title_text=translate(self.xlabel), row=n, col=1)
        fig.update_layout(
            template=style.plotly_template(),
            title=dict(text=translate(self.title)) if self.title else None,
            height=self.height,
            margin=dict(t=80 if self.title else 40, r=120),
            uirevision="explorer",  # keep zoom and legend clicks while sliders move
            barmode="group",
        )
        return fig

    # ------------------------------------------------------------------ live widget

    @property
    def widget(self):
        """The live ipywidgets UI: sliders above a plotly ``FigureWidget`` (built once)."""
        if self._widget is None:
            import ipywidgets as w
            import plotly.graph_objects as go

            self._fig_widget = go.FigureWidget(self.figure())
            sliders = []
            for name, c in self.controls.items():
                s = w.SelectionSlider(
                    options=[(translate(r), i) for i, r in enumerate(c.readouts)],
                    value=c.default_index,
                    description=translate(c.label or name),
                    description_allow_html=True,
                    continuous_update=True,
                    style={"description_width": "initial"},
                    layout=w.Layout(width="min(100%, 460px)"),
                )
                s.observe(self._on_slider, names="value")
                sliders.append(s)
            self._sliders = sliders
            self._widget = w.VBox(sliders + [self._fig_widget])
        return self._widget

    def _on_slider(self, change) -> None:
        values = {
            name: c.values[s.value]
            for (name, c), s in zip(self.controls.items(), self._sliders, strict=True)
        }
        self.redraw(**values)

    def redraw(self, **values) -> None:
        """Call ``compute`` at ``values`` and update the live figure's traces in place."""
        fig = self.widget.children[-1]
        t0 = time.perf_counter()
        attrs = self._attrs(self.compute_at(**values))
        with fig.batch_update():
            for trace, data in zip(fig.data, attrs, strict=True):
                trace.update(data)
        self.redraw_times.append(time.perf_counter() - t0)

    def time_redraw(self, n: int = 20) -> float:
        """Median seconds of one :meth:`redraw` (compute + figure update), over ``n`` redraws.

        The redraws visit ``n`` grid points spread over the grid (the widget is built
        first and not timed). Under 0.1 s feels immediate; the book's explorers stay there.
        """
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"n: expected a positive int, got {n!r}")
        self.widget  # noqa: B018 - build it outside the timing
        names = list(self.controls)
        times = []
        for k in range(n):
            flat = (k * 7919) % self.grid_size  # a prime stride walks the whole grid
            idx = np.unravel_index(flat, self.grid_shape) if names else ()
            values = {nm: self.controls[nm].values[i] for nm, i in zip(names, idx, strict=True)}
            self.redraw(**values)
            times.append(self.redraw_times[-1])
        self.redraw(**self.defaults)
        return statistics.median(times)

    # ------------------------------------------------------------------ static HTML

    def grid_points(self):
        """Every grid point as a dict of control values, in C order (last control fastest)."""
        names = list(self.controls)
        for idx in itertools.product(*(range(s) for s in self.grid_shape)):
            yield {nm: self.controls[nm].values[i] for nm, i in zip(names, idx, strict=True)}

    def _compute_grid(self) -> list[list[dict[str, np.ndarray]]]:
        if self._grid is None:
            self._grid = [self._attrs(self._call(v)) for v in self.grid_points()]
        return self._grid

    def grid_data(self) -> dict:
        """The data the static page embeds (JSON-ready).

        Returns
        -------
        dict with
            ``shape`` (grid shape), ``controls`` (name, label, readouts, default index),
            ``figure`` (plotly data and layout at the defaults), ``varying`` (the
            ``[trace index, attribute]`` pairs that change over the grid) and ``values``
            (one row per grid point in C order: the arrays of ``varying``, rounded to
            ``digits`` significant digits of each array's largest magnitude).
        """
        grid = self._compute_grid()
        d = [c.default_index for c in self.controls.values()]
        default_flat = int(np.ravel_multi_index(d, self.grid_shape)) if d else 0
        ref = grid[default_flat]
        varying = []
        for t, attrs in enumerate(ref):
            for attr, arr in attrs.items():
                if any(not _same(point[t][attr], arr) for point in grid):
                    varying.append([t, attr])
        fig = self.figure(ref).to_plotly_json()
        for trace, attrs in zip(fig["data"], ref, strict=True):
            trace.update(attrs)  # plain rounded lists, not plotly's base64 typed arrays
        values = [[point[t][attr] for t, attr in varying] for point in grid]
        return {
            "shape": list(self.grid_shape),
            "controls": [
                {"name": n, "label": translate(c.label or n),
                 "readouts": [translate(r) for r in c.readouts], "default": c.default_index}
                for n, c in self.controls.items()
            ],
            "figure": {"data": fig["data"], "layout": fig["layout"]},
            "config": {"responsive": True, "displaylogo": False,
                       "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
            "varying": varying,
            "values": values,
            **({"i18n": tables} if (tables := translation_tables(self.texts())) else {}),
        }

    def texts(self) -> list[str]:
        """Every string this explorer draws, in English (the catalogues' keys)."""
        out = [self.title, self.xlabel]
        for name, c in self.controls.items():
            out += [c.label or name, *c.readouts]
        for p in self.panels:
            out += [p.title, p.ylabel, *(("unit", HEATMAP_ROW) if p.kind == "heatmap" else ())]
        out += [self._style(tr.series, 0).html for tr in self.traces]
        return [t for t in dict.fromkeys(out) if t]

    def static_html(self) -> str:
        """The kernel-free interactive figure: sliders, a plot div, its data and its JS.

        Raises ``ValueError`` if it would exceed ``max_bytes``; warns above 1 MB.
        """
        if self._html is None:
            data = _dumps(self.grid_data(), self.digits)
            uid = "lstm-explorer-" + hashlib.sha1(data.encode()).hexdigest()[:12]
            self._html = _render_static(uid, self.controls, data, self.height)
            size = len(self._html.encode())
            if size > self.max_bytes:
                self._html = None
                raise ValueError(
                    f"controls: the static explorer would be {size / 1e6:.1f} MB, more than "
                    f"max_bytes={self.max_bytes}; use fewer grid points, shorter series or "
                    "fewer digits"
                )
            if size > WARN_BYTES:
                warnings.warn(f"the static explorer {self.title or ''!r} is "
                              f"{size / 1e6:.1f} MB of HTML", stacklevel=2)
        return self._html

    # ------------------------------------------------------------------ display

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = {} if static_only() else (
            self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = repr(self)
        if self.static:
            bundle["text/html"] = self.static_html()
        return bundle

    def __repr__(self) -> str:
        ctl = ", ".join(f"{n}: {len(c.values)} values" for n, c in self.controls.items())
        return f"<Explorer {self.title or ''!r} ({ctl}; {self.grid_size} grid points)>"


def explore(compute: Callable[..., Mapping[str, np.ndarray]],
            controls: Mapping[str, Sequence | Control], *,
            panels: Sequence[Panel | str | Sequence[str]] | None = None,
            x: str | np.ndarray | None = None, xlabel: str = "t", title: str | None = None,
            styles: Mapping[str, Mapping[str, str]] | None = None, height: int | None = None,
            digits: int = 4, static: bool = True, max_points: int = MAX_POINTS,
            max_bytes: int = MAX_BYTES) -> Explorer:
    """Sliders over ``compute``: live in JupyterLab, precomputed in the static book.

    Parameters
    ----------
    compute : callable
        ``compute(**values) -> dict[str, ndarray]``: called with one keyword argument per
        control; returns named series of shape `(T,)` or `(T, k)`. Names from
        :mod:`lstm_core.lstm` (``b_i``, ``s``, ``eps_s`` ...) get the book's colours and
        symbols (:mod:`lstm_core.viz.style`).
    controls : dict of str to list or Control
        One slider per entry, stepping through the listed values (default: the middle one;
        use :func:`control` for another default, a label or a number format).
    panels : list of Panel, optional
        Subplots, top to bottom (:func:`panel`); a plain name or list of names is a line
        panel. Default: one panel with every series.
    x : str or array of shape `(T,)`, optional
        The x values: the name of a series ``compute`` returns, or a fixed array. Default:
        the time steps 1..T.
    xlabel, title : str
    styles : dict, optional
        Per-series overrides: ``{"b_i": {"color": "#000", "dash": "dot", "label": "..."}}``.
    height : int, optional
        Figure height in pixels. Default: 90 + 230 per panel.
    digits : int
        Significant digits kept in the static page (relative to each array's largest value).
    static : bool
        If False, no text/html view (a live-only explorer, e.g. a grid too big to store).
    max_points, max_bytes : int
        Limits of the static page: grid points and bytes of HTML (``ValueError`` beyond).

    Returns
    -------
    Explorer
        Displaying it shows the figure. The grid is computed here, so mistakes in
        ``compute`` surface in the cell that calls ``explore``.
    """
    return Explorer(compute, controls, panels=panels, x=x, xlabel=xlabel, title=title,
                    styles=styles, height=height, digits=digits, static=static,
                    max_points=max_points, max_bytes=max_bytes)


# ---------------------------------------------------------------------------- static figures


class StaticFigure:
    """A plotly figure shown as plain HTML in the book and as a widget in JupyterLab.

    ``fig.show()`` under nbclient emits a plotly mime type that myst-nb cannot place; this
    wrapper's display gives ``text/html`` (``fig.to_html(include_plotlyjs=False)``, drawn by
    the book's plotly.js) and the live ``FigureWidget`` view for JupyterLab.
    """

    def __init__(self, fig):
        import plotly.graph_objects as go

        if not isinstance(fig, go.Figure):
            raise TypeError(f"fig: expected a plotly.graph_objects.Figure, got "
                            f"{type(fig).__name__}")
        self.fig = fig
        self._widget = None

    def _repr_html_(self) -> str:
        spec = self.fig.to_json()
        uid = "lstm-figure-" + hashlib.sha1(spec.encode()).hexdigest()[:12]
        return self.fig.to_html(include_plotlyjs=False, full_html=False, div_id=uid,
                                config={"responsive": True, "displaylogo": False})

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        import plotly.graph_objects as go

        bundle = {}
        if not static_only():
            if self._widget is None:
                self._widget = go.FigureWidget(self.fig)
            bundle = self._widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = f"<StaticFigure {self.fig.layout.title.text or ''!r}>"
        bundle["text/html"] = self._repr_html_()
        return bundle


def show(fig) -> StaticFigure:
    """Display a plotly figure in the book's style (see :class:`StaticFigure`).

    Applies the book's template if the figure has none of its own.
    """
    sf = StaticFigure(fig)
    if not fig.layout.template or fig.layout.template == {}:
        fig.update_layout(template=style.plotly_template())
    return sf


def _legend_name(panel: int) -> str:
    return "legend" if panel == 0 else f"legend{panel + 1}"


# ---------------------------------------------------------------------------- encoding


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


def _round_sig(a: np.ndarray, digits: int) -> np.ndarray:
    """Round to ``digits`` significant digits of the array's largest finite magnitude."""
    finite = np.isfinite(a)
    if not finite.any():
        return a
    top = float(np.abs(a[finite]).max())
    if top == 0.0:
        return a
    decimals = digits - 1 - math.floor(math.log10(top))
    return np.round(a, min(decimals, 300))


def _tolist(a: np.ndarray, digits: int):
    r = _round_sig(np.asarray(a, dtype=float), digits)
    if np.isfinite(r).all():
        return r.tolist()
    return np.where(np.isfinite(r), r, None).tolist()  # null: a gap in the line


_TRAILING_ZERO = re.compile(r"(?<=\d)\.0(?=[,\]}])")


def _dumps(obj, digits: int) -> str:
    """Compact JSON with every ndarray rounded; ``</`` escaped for an inline script."""

    def conv(o):
        if isinstance(o, np.ndarray):
            if o.dtype.kind in "fc" or o.dtype.kind in "iu":
                return _tolist(o, digits)
            return o.tolist()
        if isinstance(o, dict):
            return {k: conv(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [conv(v) for v in o]
        if isinstance(o, np.generic):
            return o.item()
        return o

    text = json.dumps(conv(obj), separators=(",", ":"), allow_nan=False, ensure_ascii=False)
    text = _TRAILING_ZERO.sub("", text)
    return text.replace("</", "<\\/")


# The static view's style and script are package data (lstm_core/viz/assets). The script is a
# generic lookup: slider positions -> flat grid index (C order) -> the row of precomputed
# arrays -> Plotly.react; it waits for the page to load if Plotly is not there yet.
_ASSETS = resources.files("lstm_core.viz") / "assets"
_CSS = "<style>\n" + (_ASSETS / "explorer.css").read_text(encoding="utf-8") + "</style>"
_JS = (_ASSETS / "explorer.js").read_text(encoding="utf-8").rstrip("\n")


def _render_static(uid: str, controls: Mapping[str, Control], data_json: str,
                   height: int) -> str:
    rows = []
    for k, (name, c) in enumerate(controls.items()):
        cid = f"{uid}-c{k}"
        rows.append(
            f'<label for="{cid}">{translate(c.label or html.escape(name))}</label>'
            f'<input type="range" id="{cid}" min="0" max="{len(c.values) - 1}" step="1" '
            f'value="{c.default_index}" data-control="{html.escape(name)}">'
            f'<output for="{cid}">{html.escape(translate(c.format(c.default)))}</output>'
        )
    controls_html = (f'<div class="lstm-explorer-controls">{"".join(rows)}</div>'
                     if rows else "")
    return (
        f'{_CSS}<div class="lstm-explorer" id="{uid}">{controls_html}'
        f'<div class="lstm-explorer-plot" style="height:{height}px;width:100%"></div>'
        f'<script type="application/json" id="{uid}-data">{data_json}</script>'
        f"<script>{_JS.replace('__ID__', uid)}</script></div>"
    )
