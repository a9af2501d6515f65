"""Figures of chapter 9 (forecasting a measured series): the data, the errors, the forecasts.

- :func:`series_figure` -- the series over the year with the split in time shaded, and one
  week of every feature;
- :func:`horizon_figure` -- MAE (or RMSE) against the horizon step, one line per model, the
  spread over seeds as a band;
- :func:`forecast_figure` -- the test period: the truth and each model's h-step-ahead
  forecast;
- :func:`forecast_explorer` -- choose a forecast origin in the test period: the 7 input
  steps, each model's m forecasts and the truth (:func:`lstm_core.viz.explore`: live in
  JupyterLab, precomputed in the static book).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .explorer import control, explore, panel
from .style import EXTRA_COLORS, PALETTE, mpl_context
from .training import model_color

__all__ = ["FORECAST_COLORS", "forecast_color", "series_figure", "horizon_figure",
           "forecast_figure", "forecast_explorer"]

#: One colour per forecaster (the networks keep the colours of chapters 6 and 8).
FORECAST_COLORS = {
    "persistence": PALETTE["grey"],
    "seasonal naive": PALETTE["purple"],
    "ar": PALETTE["orange"],
    "var": PALETTE["green"],
    "truth": PALETTE["dark"],
}


def forecast_color(label: str) -> str:
    """The colour of a forecaster by its label (``"VAR"``, ``"LSTM"`` ...)."""
    key = label.lower()
    if key in FORECAST_COLORS:
        return FORECAST_COLORS[key]
    if key.startswith(("lstm", "rnn")):
        return model_color(key)
    return EXTRA_COLORS[sum(map(ord, key)) % len(EXTRA_COLORS)]


def series_figure(values: np.ndarray, names: Sequence[str], units: Sequence[str],
                  parts: Mapping[str, tuple[int, int]], *, week_start: int):
    """The target over the whole series with the parts shaded; one week of every feature.

    Parameters
    ----------
    values : ndarray of shape `(S, n)`
        Column 0 is drawn on top, over all S steps (hours).
    names, units : sequence of str, length n
    parts : dict of str to (start, stop)
        E.g. ``{"train": (0, 5832), ...}``, shaded in order.
    week_start : int
        First step of the week drawn below, every feature standardised over that week.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    values = np.asarray(values, float)
    S, n = values.shape
    shades = [PALETTE["blue"], PALETTE["orange"], PALETTE["vermillion"]]
    with mpl_context():
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 5.4), height_ratios=(1.2, 1))
        fig.set_label("the target over the whole series with its parts, and one week of every "
                      "feature, standardised")  # its alt text (figures_i18n)
        days = np.arange(S) / 24
        ax1.plot(days, values[:, 0], color=PALETTE["dark"], linewidth=0.4)
        for (name, (a, b)), c in zip(parts.items(), shades, strict=False):
            ax1.axvspan(a / 24, b / 24, color=c, alpha=0.12, linewidth=0)
            ax1.text((a + b) / 48, 0.97, name, transform=ax1.get_xaxis_transform(), ha="center",
                     va="top", fontsize=10)
        ax1.set_xlim(0, S / 24)
        ax1.set_xlabel("day of the year")
        ax1.set_ylabel(f"{names[0]} ({units[0]})")
        week = values[week_start: week_start + 168]  # (168, n)
        z = (week - week.mean(axis=0)) / np.where(week.std(axis=0) > 0, week.std(axis=0), 1)
        hours = np.arange(len(week))
        for j in range(n):
            ax2.plot(hours, z[:, j] - 3.2 * j, linewidth=1.1,
                     color=PALETTE["dark"] if j == 0 else EXTRA_COLORS[j % len(EXTRA_COLORS)])
            ax2.text(len(week) + 2, -3.2 * j, names[j], va="center", fontsize=9)
        ax2.set_yticks([])
        ax2.set_xticks(np.arange(0, len(week) + 1, 24))  # one tick a day; the names sit right of it
        ax2.set_xlim(0, len(week) + 40)
        ax2.set_xlabel(f"hour, from step {week_start} (each feature standardised over the week)")
        fig.tight_layout()
    plt.close(fig)
    return fig


def horizon_figure(errors: Mapping[str, np.ndarray], *, ylabel: str = "MAE (°C)"):
    """An error against the horizon step, one line per model (matplotlib).

    Parameters
    ----------
    errors : dict of str to ndarray of shape `(m,)` or `(seeds, m)`
        Label -> error per horizon step; with several seeds the line is their mean and the
        band spans the smallest to the largest.
    ylabel : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    with mpl_context():
        fig, ax = plt.subplots(figsize=(6.4, 4))
        for label, e in errors.items():
            e = np.atleast_2d(np.asarray(e, float))  # (seeds, m)
            h = np.arange(1, e.shape[1] + 1)
            c = forecast_color(label)
            ax.plot(h, e.mean(axis=0), "o-", color=c, label=label, linewidth=1.5, markersize=4)
            if e.shape[0] > 1:
                ax.fill_between(h, e.min(axis=0), e.max(axis=0), color=c, alpha=0.2, linewidth=0)
        ax.set_xlabel("horizon step h (hours ahead)")
        ax.set_ylabel(ylabel)
        ax.set_xticks(h)
        ax.set_ylim(0, 1.3 * ax.get_ylim()[1])  # room for the legend above the lines
        ax.legend(fontsize=9, loc="upper left", ncols=3)
        fig.tight_layout()
    plt.close(fig)
    return fig


def forecast_figure(steps: np.ndarray, truth: np.ndarray, forecasts: Mapping[str, np.ndarray],
                    *, h: int, ylabel: str = "temperature (°C)", title: str | None = None):
    """The h-step-ahead forecasts against the truth over a stretch of the test period.

    Parameters
    ----------
    steps : ndarray of shape `(N,)`
        The forecast origins (hours); each forecast is drawn at ``origin + h``.
    truth : ndarray of shape `(N, m)`
    forecasts : dict of str to ndarray of shape `(N, m)`
    h : int
        The horizon step drawn (1..m).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    steps = np.asarray(steps)
    with mpl_context():
        fig, ax = plt.subplots(figsize=(9, 3.6))
        fig.set_label("forecasts against the truth")  # its alt text, before its title
        at = (steps + h) / 24
        ax.plot(at, truth[:, h - 1], color=PALETTE["dark"], linewidth=2.2, alpha=0.35,
                label="truth")
        for label, f in forecasts.items():
            ax.plot(at, f[:, h - 1], color=forecast_color(label), linewidth=1.1, label=label)
        ax.set_xlabel("day of the year")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=9, ncols=len(forecasts) + 1, loc="upper center",
                  bbox_to_anchor=(0.5, -0.18))
        if title:
            ax.set_title(title)
        fig.tight_layout()
    plt.close(fig)
    return fig


def forecast_explorer(history: np.ndarray, truth: np.ndarray, forecasts: Mapping[str, np.ndarray],
                      labels: Sequence[str], *, ylabel: str = "temperature (°C)",
                      title: str | None = None):
    """Choose a forecast origin; see the inputs, each model's forecast and the truth.

    Parameters
    ----------
    history : ndarray of shape `(K, T)`
        The target over the T input steps of each of the K windows shown.
    truth : ndarray of shape `(K, m)`
        What came next.
    forecasts : dict of str to ndarray of shape `(K, m)`
    labels : sequence of str, length K
        How each window is named next to the slider (e.g. its date and hour).

    Returns
    -------
    lstm_core.viz.Explorer
    """
    history = np.asarray(history, float)
    truth = np.asarray(truth, float)
    K, T = history.shape
    m = truth.shape[1]
    if truth.shape[0] != K or len(labels) != K:
        raise ValueError(f"truth, labels: expected {K} windows like history, got "
                         f"{truth.shape[0]} and {len(labels)}")
    for name, f in forecasts.items():
        if np.shape(f) != (K, m):
            raise ValueError(f"forecasts[{name!r}]: expected shape ({K}, {m}), got {np.shape(f)}")
    gap = np.full(T - 1, np.nan)
    keys = {name: "f_" + "".join(ch if ch.isalnum() else "_" for ch in name.lower())
            for name in forecasts}

    def compute(window):
        k = labels.index(window)
        out = {"inputs": np.concatenate([history[k], np.full(m, np.nan)]),
               "truth": np.concatenate([gap, history[k, -1:], truth[k]])}
        for name, f in forecasts.items():  # each forecast starts from the last input
            out[keys[name]] = np.concatenate([gap, history[k, -1:], f[k]])
        return out

    styles = {"inputs": {"color": PALETTE["dark"], "label": f"the {T} input steps"},
              "truth": {"color": PALETTE["dark"], "dash": "dot", "label": "truth"}}
    for name, key in keys.items():
        styles[key] = {"color": forecast_color(name), "label": name}
    return explore(
        compute,
        {"window": control(list(labels), default=labels[0], label="forecast origin")},
        panels=[panel("inputs", "truth", *keys.values(), ylabel=ylabel, yrange="grid",
                      kind="lines+markers")],
        x=np.arange(-T + 1, m + 1).astype(float),
        xlabel="hours from the forecast origin",
        title=title,
        styles=styles,
        height=430,
        digits=3,
    )
