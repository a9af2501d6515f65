"""Figures of the first three chapters: gradient checks, sequences, gradients over distance.

Builders only: every number they draw comes from :mod:`lstm_core` (``dense``, ``rnn``,
:mod:`lstm_core.measure.gradient_norms`); nothing here computes a model. Colours and labels follow
:mod:`lstm_core.viz.style` (inputs grey, outputs dark, ε sky blue, δ wine).

- :func:`gradient_norms_figure` -- ``‖∂L/∂h^k‖`` against the distance ``t - k`` on a log
  scale, one line per spectral radius: the vanishing and the exploding regime
  (Bengio, Simard & Frasconi 1994; Pascanu, Mikolov & Bengio 2013).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .style import PALETTE, mpl_context

__all__ = [
    "gradcheck_step_figure",
    "gradient_norms_figure",
    "growth_rate_figure",
    "influence_figure",
    "radius_colors",
    "sequence_heatmaps",
]

def radius_colors(radii: Sequence[float]) -> dict[float, str]:
    """A colour per spectral radius: blues below 1 (vanishing), black at 1, reds above.

    The further a radius is from 1 among the given ones, the lighter its shade, so that the
    order of the lines can be read from their colours.
    """
    from matplotlib.colors import to_hex, to_rgb

    def shade(base: str, u: float) -> str:  # u = 0: the base colour; u = 1: quite light
        rgb = np.array(to_rgb(base))
        return to_hex(rgb + (1 - rgb) * 0.55 * u)

    radii = sorted(float(r) for r in radii)
    below = [r for r in radii if r < 1]
    above = [r for r in radii if r > 1]
    out = {}
    for k, r in enumerate(reversed(below)):  # nearest 1 first: darkest
        out[r] = shade(PALETTE["blue"], k / max(len(below) - 1, 1))
    for k, r in enumerate(above):
        out[r] = shade(PALETTE["vermillion"], k / max(len(above) - 1, 1))
    if 1.0 in radii:
        out[1.0] = PALETTE["black"]
    return out


def gradient_norms_figure(
    norms: Mapping[float, np.ndarray],
    *,
    bounds: bool = True,
    ylim: Sequence[float] = (1e-30, 1e15),
    title: str | None = None,
):
    """``‖∂L/∂h^k‖`` against the distance ``t - k``, log scale, one line per spectral radius.

    Parameters
    ----------
    norms : mapping radius -> ndarray of shape `(D,)` or `(D, N)`
        Row ``d`` is the gradient norm at distance ``d`` (as returned by
        :func:`lstm_core.measure.gradient_norms.gradient_norms_by_distance`); with a batch axis the
        geometric mean over the batch is drawn (the arithmetic mean of numbers spanning 30
        decades is the largest one).
    bounds : bool
        Also draw ``ρ^d``, dotted: the bound for a scaled orthogonal ``R`` (every factor
        ``diag(1 - h²)`` has norm <= 1).
    ylim : (float, float)
        Limits of the logarithmic y axis.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not norms:
        raise ValueError("norms: expected at least one radius, got an empty mapping")
    with mpl_context():
        fig, ax = plt.subplots(figsize=(7.2, 4.2))
        colors = radius_colors(list(norms))
        for radius in sorted(norms):
            values = np.asarray(norms[radius], dtype=np.float64)
            if values.ndim == 2:
                values = np.exp(np.mean(np.log(np.maximum(values, 1e-300)), axis=1))
            if values.ndim != 1:
                raise ValueError(
                    f"norms[{radius}]: expected shape (D,) or (D, N), got {np.shape(norms[radius])}"
                )
            d = np.arange(values.size)
            col = colors[float(radius)]
            ax.semilogy(d, values, color=col, label=f"ρ = {radius:g}")
            if bounds:
                ax.semilogy(d, float(radius) ** d, color=col, ls=":", lw=1.0)
        ax.set_ylim(*ylim)
        ax.set_xlim(0, max(np.shape(v)[0] for v in norms.values()) - 1)
        ax.set_xlabel("distance $t - k$ (steps back in time)")
        ax.set_ylabel(r"$\|\partial L / \partial h^k\|$")
        if title:
            ax.set_title(title)
        ax.legend(loc="lower left", ncol=2, fontsize=9)
        fig.tight_layout()
    plt.close(fig)
    return fig


def growth_rate_figure(radii: Sequence[float], rates: Mapping[str, Sequence[float]]):
    """Measured per-step growth factor of the gradient norm against the spectral radius.

    Parameters
    ----------
    radii : sequence of float, length R
        The spectral radii ρ on the x axis.
    rates : mapping label -> sequence of R floats
        One curve per setting (e.g. per input scale), as measured by
        :func:`lstm_core.measure.gradient_norms.growth_per_step`.

    Returns
    -------
    matplotlib.figure.Figure
        Log-scale y; the diagonal ``r = ρ`` (the bound of a scaled orthogonal ``R``, reached
        when every ``tanh'`` is 1) and the line ``r = 1`` between vanishing and exploding.
    """
    import matplotlib.pyplot as plt

    radii = np.asarray(radii, dtype=np.float64)
    if radii.ndim != 1 or radii.size < 2:
        raise ValueError(f"radii: expected at least two radii in a 1-D array, got {radii.shape}")
    if not rates:
        raise ValueError("rates: expected at least one curve, got an empty mapping")
    greens = [PALETTE["green"], PALETTE["blue"], PALETTE["purple"], PALETTE["vermillion"]]
    with mpl_context():
        fig, ax = plt.subplots(figsize=(6.4, 4.0))
        ax.fill_between(radii, 1e-3, 1, color=PALETTE["blue"], alpha=0.06, lw=0)
        ax.fill_between(radii, 1, 1e3, color=PALETTE["vermillion"], alpha=0.06, lw=0)
        ax.plot(radii, radii, color=PALETTE["grey"], ls=":", lw=1.5,
                label=r"bound $r = \rho$")
        ax.axhline(1.0, color=PALETTE["dark"], lw=1)
        for k, (label, r) in enumerate(rates.items()):
            r = np.asarray(r, dtype=np.float64)
            if r.shape != radii.shape:
                raise ValueError(
                    f"rates[{label!r}]: expected shape {radii.shape} (that of radii), "
                    f"got {r.shape}"
                )
            ax.plot(radii, r, "o-", ms=3.5, color=greens[k % len(greens)], label=label)
        ax.set_yscale("log")
        from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

        ax.yaxis.set_major_locator(FixedLocator([0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10]))
        ax.yaxis.set_major_formatter(ScalarFormatter())
        ax.yaxis.set_minor_locator(NullLocator())
        top = max(float(radii.max()), max(float(np.max(r)) for r in rates.values())) * 1.1
        bottom = min(float(radii.min()), min(float(np.min(r)) for r in rates.values())) / 1.1
        ax.set_ylim(bottom, top)
        ax.set_xlim(radii.min(), radii.max())
        ax.text(0.98, 0.04, "vanishing", transform=ax.transAxes, ha="right",
                color=PALETTE["blue"], fontsize=10)
        ax.text(0.02, 0.94, "exploding", transform=ax.transAxes, ha="left", va="top",
                color=PALETTE["vermillion"], fontsize=10)
        ax.set_xlabel(r"spectral radius $\rho$ of $R$")
        ax.set_ylabel("growth factor per step $r$")
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.1), fontsize=9)
        fig.tight_layout()
    plt.close(fig)
    return fig


def gradcheck_step_figure(steps: np.ndarray, errors: Sequence[float], *, tol: float = 1e-7,
                          default_step: float = 1e-6):
    """Relative error of the central difference against its step ``h`` (log-log): the V.

    Parameters
    ----------
    steps : ndarray of shape `(S,)`
        The steps ``h``.
    errors : sequence of S floats
        The relative error measured at each step (e.g. by
        :func:`lstm_core.gradcheck.check_gradients` with ``h=step``).
    tol : float
        The book's tolerance, drawn as a dashed line over a shaded band.
    default_step : float
        The default ``h`` of :mod:`lstm_core.gradcheck`, drawn as a dotted line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    steps = np.asarray(steps, dtype=np.float64)
    errors = np.asarray(errors, dtype=np.float64)
    if steps.ndim != 1 or errors.shape != steps.shape:
        raise ValueError(
            f"errors: expected shape {steps.shape} (that of steps), got {errors.shape}"
        )
    green = PALETTE["green"]
    with mpl_context():
        fig, ax = plt.subplots(figsize=(6.4, 3.8))
        ax.loglog(steps, errors, "o-", ms=3, color=PALETTE["wine"], label="measured")
        ax.axhspan(1e-300, tol, color=green, alpha=0.08, lw=0)
        ax.axhline(tol, color=green, lw=1, ls="--", label=f"tolerance {tol:.0e}")
        ax.axvline(default_step, color=PALETTE["grey"], lw=1, ls=":",
                   label=f"default h = {default_step:.0e}")
        ax.set_ylim(min(1e-13, errors.min() / 3), 1)
        ax.set_xlabel("step $h$")
        ax.set_ylabel("relative error")
        ax.legend(loc="lower left", fontsize=9)
        fig.tight_layout()
    plt.close(fig)
    return fig


def sequence_heatmaps(arrays: Mapping[str, np.ndarray]):
    """One sequence, one heatmap per quantity: features down, time steps across.

    The deck's picture of a time series: an input of ``n × 7``, an output of ``m × 7``.

    Parameters
    ----------
    arrays : mapping label -> ndarray of shape `(T, D)`
        One sequence of each quantity (e.g. ``trace.x[:, 0]``), time first as in the engine.
        The label is drawn as given (mathtext allowed: ``"$h$"``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not arrays:
        raise ValueError("arrays: expected at least one array, got an empty mapping")
    shapes = {}
    for name, a in arrays.items():
        a = np.asarray(a)
        if a.ndim != 2:
            raise ValueError(f"arrays[{name!r}]: expected shape (T, D), got {a.shape}")
        shapes[name] = a.shape
    lengths = {s[0] for s in shapes.values()}
    if len(lengths) != 1:
        raise ValueError(f"arrays: expected one length T for every array, got shapes {shapes}")
    (T,) = lengths
    heights = [s[1] + 1.2 for s in shapes.values()]
    with mpl_context():
        fig, axes = plt.subplots(len(arrays), 1, figsize=(6.4, 0.32 * sum(heights) + 0.6),
                                 gridspec_kw=dict(height_ratios=heights), sharex=True,
                                 squeeze=False)
        for ax, (label, a) in zip(axes[:, 0], arrays.items(), strict=True):
            a = np.asarray(a, dtype=np.float64)
            lim = float(np.max(np.abs(a))) or 1.0
            im = ax.imshow(a.T, aspect="auto", cmap="RdBu_r", vmin=-lim, vmax=lim,
                           extent=(0.5, T + 0.5, a.shape[1] + 0.5, 0.5),
                           interpolation="nearest")
            ax.grid(False)
            ax.set_yticks(range(1, a.shape[1] + 1))
            ax.set_ylabel(label, rotation=0, labelpad=14, va="center")
            ax.set_title(f"{label}: {a.shape[1]} features × {T} steps", fontsize=10,
                         loc="left")
            fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
        axes[-1, 0].set_xticks(range(1, T + 1))
        axes[-1, 0].set_xlabel("time step $t$")
        fig.tight_layout()
    plt.close(fig)
    return fig


def influence_figure(curves: Mapping[str, np.ndarray], *, ylabel: str, start: int = 1):
    """How far a change travels in time: one semilog line per model.

    Parameters
    ----------
    curves : mapping label -> ndarray of shape `(T,)`
        A non-negative size per time step (e.g. ``‖Δh^t‖`` after nudging the input at one
        step). Zeros are drawn at the bottom of the axis.
    ylabel : str
    start : int
        The time of the first entry.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not curves:
        raise ValueError("curves: expected at least one curve, got an empty mapping")
    colors = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["purple"]]
    with mpl_context():
        fig, ax = plt.subplots(figsize=(6.4, 3.4))
        positive = [np.asarray(c)[np.asarray(c) > 0] for c in curves.values()]
        floor = min(float(p.min()) for p in positive if p.size) / 10 if any(
            p.size for p in positive) else 1e-20
        for k, (label, c) in enumerate(curves.items()):
            c = np.asarray(c, dtype=np.float64)
            if c.ndim != 1:
                raise ValueError(f"curves[{label!r}]: expected shape (T,), got {c.shape}")
            t = np.arange(start, start + c.size)
            ax.semilogy(t, np.maximum(c, floor), "o-", ms=4, color=colors[k % len(colors)],
                        label=label)
        ax.set_ylim(bottom=floor)
        if any(np.any(np.asarray(c) == 0) for c in curves.values()):
            ax.text(0.99, 0.02, "points on the bottom edge are exactly 0",
                    transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                    color=PALETTE["dark"])
        ax.set_xlabel("time step $t$")
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper right")
        fig.tight_layout()
    plt.close(fig)
    return fig
