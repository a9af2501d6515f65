"""Forecasting a measured series: windows, a split in time, a training-only scaler, baselines.

The deck frames the LSTM as a model of time series: an input sample is n features at T = 7
consecutive steps, the output m values. This module turns a measured series into exactly
that, and keeps the protocol honest:

- :func:`split_in_time` -- train, validation and test are consecutive stretches of the
  series, in that order; nothing is shuffled across them;
- :func:`fit_scaler` -- the mean and standard deviation of each feature, from the training
  part only (:class:`Scaler`);
- :func:`windows` -- inputs `(T, N, n)` and targets `(N, m)` for forecast origins inside one
  part; a window never crosses the end of its part, a cut (a join between two stretches
  that are not consecutive in time) or a missing value;
- :func:`naive_forecasts` -- persistence and seasonal-naive forecasts;
- :func:`linear_forecasts` -- a linear autoregression of the target (statsmodels'
  ``AutoReg``) and a vector autoregression of all n features (``VAR``), fitted on the
  training part;
- :func:`train_forecaster` -- the book's LSTM or RNN (:mod:`lstm_core.stack`) with a dense
  read-out of m values at the last step, trained with Adam and clipping in
  :func:`lstm_core.train.fit`, stopped early on the validation error;
- :func:`horizon_errors` -- MAE and RMSE per horizon step;
- :func:`tmy3_weather` -- the measured series of chapter 9: one year of hourly weather at
  Greensboro, North Carolina, from the TMY3 file that pvlib ships.

Shapes follow the engine: sequences are `(T, N, n)` (time, batch, features); a series is
`(S, n)` (steps, features).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import stack, train
from ._checks import check_positive_int, check_type

__all__ = [
    "Split",
    "split_in_time",
    "Scaler",
    "fit_scaler",
    "Windows",
    "windows",
    "naive_forecasts",
    "linear_forecasts",
    "predict",
    "ForecastRun",
    "train_forecaster",
    "horizon_errors",
    "WeatherSeries",
    "tmy3_weather",
]


def _check_series(series) -> np.ndarray:
    """A float `(S, n)` array (NaN allowed here; :func:`windows` refuses it where it matters)."""
    arr = np.asarray(series)
    if arr.dtype.type not in (np.float32, np.float64):
        raise TypeError(f"series: expected a float array of shape (S, n), got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"series: expected shape (S, n) with S, n >= 1, got shape {arr.shape}")
    return arr


# --------------------------------------------------------------------------------------------
# The split in time and the scaler
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """Three consecutive parts of a series of ``n_steps`` steps: ``[0, valid) [valid, test)
    [test, n_steps)``.

    Attributes
    ----------
    n_steps : int
    valid, test : int
        First step of the validation part and of the test part.
    """

    n_steps: int
    valid: int
    test: int

    def part(self, name: str) -> tuple[int, int]:
        """``(start, stop)`` of ``"train"``, ``"valid"`` or ``"test"``."""
        bounds = {"train": (0, self.valid), "valid": (self.valid, self.test),
                  "test": (self.test, self.n_steps)}
        if name not in bounds:
            raise ValueError(f"name: expected 'train', 'valid' or 'test', got {name!r}")
        return bounds[name]


def split_in_time(n_steps: int, valid: int, test: int) -> Split:
    """Train ``[0, valid)``, validation ``[valid, test)``, test ``[test, n_steps)``.

    Raises ``ValueError`` unless ``0 < valid < test < n_steps``: each part must hold at
    least one step, and the parts come in time order.
    """
    n_steps = check_positive_int("n_steps", n_steps)
    for name, v in (("valid", valid), ("test", test)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{name}: expected an integer step, got {type(v).__name__}")
    if not 0 < valid < test < n_steps:
        raise ValueError(
            f"valid, test: expected 0 < valid < test < n_steps = {n_steps}, got valid={valid}, "
            f"test={test}"
        )
    return Split(int(n_steps), int(valid), int(test))


@dataclass(frozen=True)
class Scaler:
    """Per-feature standardisation ``z = (x - mean) / std``.

    Attributes
    ----------
    mean, std : ndarray of shape `(n,)`
    """

    mean: np.ndarray
    std: np.ndarray

    def transform(self, series: np.ndarray) -> np.ndarray:
        """``(series - mean) / std``, for any array whose last axis has the n features."""
        series = np.asarray(series, dtype=np.float64)
        if series.shape[-1:] != self.mean.shape:
            raise ValueError(f"series: expected {self.mean.shape[0]} features on the last axis, "
                             f"got shape {series.shape}")
        return (series - self.mean) / self.std

    def inverse(self, z: np.ndarray, feature: int) -> np.ndarray:
        """Back to the units of one feature: ``z * std[feature] + mean[feature]``."""
        if not 0 <= feature < self.mean.shape[0]:
            raise ValueError(f"feature: expected 0..{self.mean.shape[0] - 1}, got {feature}")
        return np.asarray(z, dtype=np.float64) * self.std[feature] + self.mean[feature]


def fit_scaler(series: np.ndarray, split: Split) -> Scaler:
    """The mean and standard deviation of each feature over the *training part only*.

    Only ``series[:split.valid]`` is read: what comes later -- the validation and test
    parts -- cannot leak into the normalisation (the tests prove it by replacing them with
    NaN). A feature that is constant on the training part is refused.

    Parameters
    ----------
    series : ndarray of shape `(S, n)`
    split : Split
        With ``split.n_steps == S``.
    """
    series = _check_series(series)
    check_type("split", split, Split)
    if split.n_steps != series.shape[0]:
        raise ValueError(f"split: made for {split.n_steps} steps, the series has {series.shape[0]}")
    part = series[: split.valid]  # (S_train, n): the training part, nothing after it
    if not np.isfinite(part).all():
        raise ValueError("series: the training part contains NaN or inf")
    mean, std = part.mean(axis=0), part.std(axis=0)
    if np.any(std == 0):
        raise ValueError(f"series: features {np.flatnonzero(std == 0).tolist()} are constant on "
                         "the training part")
    return Scaler(mean=mean, std=std)


# --------------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Windows:
    """Forecasting samples in the deck's layout.

    Attributes
    ----------
    x : ndarray of shape `(T, N, n)`
        ``x[k, j] = series[origins[j] - T + 1 + k]``: the n features at the T steps up to
        and including the origin.
    y : ndarray of shape `(N, m)`
        ``y[j, h - 1] = series[origins[j] + h, target]``, h = 1..m: the next m values of the
        target feature.
    origins : integer ndarray of shape `(N,)`
        The last input step of each window (the forecast origin).
    """

    x: np.ndarray
    y: np.ndarray
    origins: np.ndarray

    @property
    def steps_in(self) -> int:
        return self.x.shape[0]

    @property
    def horizon(self) -> int:
        return self.y.shape[1]

    def __len__(self) -> int:
        return self.x.shape[1]

    def subset(self, index) -> Windows:
        """The windows ``index`` (an integer array or a boolean mask of shape `(N,)`)."""
        index = np.asarray(index)
        return Windows(x=self.x[:, index], y=self.y[index], origins=self.origins[index])


def windows(series: np.ndarray, *, horizon: int, steps_in: int = 7, target: int = 0,
            start: int = 0, stop: int | None = None, cuts: Sequence[int] = (),
            origins: Sequence[int] | None = None, history: int | None = None) -> Windows:
    """Cut ``series[start:stop]`` into windows of T = ``steps_in`` input steps and m targets.

    A window with origin o reads steps ``o - T + 1 .. o`` and predicts steps
    ``o + 1 .. o + m``: it spans ``[o - T + 1, o + m]``. Every window lies inside
    ``[start, stop)`` -- one part of a :class:`Split` -- and contains no cut. With
    ``history`` = H > T, the H steps up to the origin must be inside too: for a baseline
    that looks further back than the window (a seasonal-naive forecast reads the same hour
    a day earlier), so that every model is compared on the same windows.

    Parameters
    ----------
    series : ndarray of shape `(S, n)`
    horizon : int
        m, the number of future values predicted.
    steps_in : int
        T, the number of input steps (7 in the deck).
    target : int
        The feature to predict.
    start, stop : int
        The part of the series to cut (default: all of it).
    cuts : sequence of int
        Steps c where the series jumps (steps c - 1 and c are not consecutive in time, e.g.
        the joins between months taken from different years): no window contains both.
    origins : sequence of int, optional
        The wanted origins; default: every origin whose window fits. An origin whose window
        leaves ``[start, stop)`` or contains a cut is an error.
    history : int, optional
        H >= T: the steps ``o - H + 1 .. o + m`` must lie in the part, between cuts
        (default H = T).

    Returns
    -------
    Windows

    Raises
    ------
    ValueError
        The part is shorter than one window (T + m steps); it contains NaN or inf (a
        window cannot span a gap: fill it, or cut the series there); a requested window
        crosses the part's end or a cut; no window fits.
    """
    series = _check_series(series)
    S, n = series.shape
    m = check_positive_int("horizon", horizon)
    T = check_positive_int("steps_in", steps_in)
    Hb = T if history is None else check_positive_int("history", history)
    if Hb < T:
        raise ValueError(f"history: expected at least steps_in = {T}, got {Hb}")
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)) or not 0 <= target < n:
        raise ValueError(f"target: expected a feature index 0..{n - 1}, got {target!r}")
    stop = S if stop is None else stop
    if not 0 <= start < stop <= S:
        raise ValueError(f"start, stop: expected 0 <= start < stop <= {S}, got {start}, {stop}")
    if stop - start < Hb + m:
        raise ValueError(
            f"series: the part [{start}, {stop}) has {stop - start} steps, fewer than the "
            f"{'history' if Hb > T else 'steps_in'} + horizon = {Hb} + {m} = {Hb + m} that "
            "one window needs"
        )
    bad = ~np.isfinite(series[start:stop])  # (L, n)
    if bad.any():
        step, feature = np.argwhere(bad)[0]
        raise ValueError(
            f"series: NaN or inf at step {start + step} (feature {feature}) inside [{start}, "
            f"{stop}); a window cannot span a gap: fill it, or cut the series there"
        )
    cuts = sorted(int(c) for c in cuts)
    first = np.arange(start + Hb - 1, stop - m)  # (L - H - m + 1,): every origin that fits

    def crossing(o):
        lo, hi = o - Hb + 1, o + m  # the window (with its history) spans [lo, hi]
        return [c for c in cuts if lo < c <= hi]

    if origins is None:
        ok = np.ones(first.shape, bool)
        for c in cuts:
            ok &= ~((first - Hb + 1 < c) & (c <= first + m))
        chosen = first[ok]
        if chosen.size == 0:
            raise ValueError(f"cuts: no window of {Hb + m} steps fits between the cuts in "
                             f"[{start}, {stop})")
    else:
        chosen = np.asarray(origins)
        if chosen.ndim != 1 or chosen.size == 0 or not np.issubdtype(chosen.dtype, np.integer):
            raise TypeError(f"origins: expected a non-empty 1-D sequence of integer steps, got "
                            f"{chosen.dtype} of shape {chosen.shape}")
        for o in chosen.tolist():
            if o - Hb + 1 < start or o + m >= stop:
                raise ValueError(
                    f"origins: the window at origin {o} spans steps {o - Hb + 1}..{o + m}, which "
                    f"crosses the part [{start}, {stop}) (a window must not reach into the next "
                    "part of the split)"
                )
            if crossing(o):
                raise ValueError(f"origins: the window at origin {o} spans steps {o - Hb + 1}.."
                                 f"{o + m}, across the cut at step {crossing(o)[0]}")
    steps = chosen[None, :] + np.arange(-T + 1, 1)[:, None]  # (T, N): input steps
    ahead = chosen[:, None] + np.arange(1, m + 1)[None, :]  # (N, m): target steps
    return Windows(x=series[steps].astype(np.float64),  # (T, N, n)
                   y=series[ahead, target].astype(np.float64),  # (N, m)
                   origins=chosen.astype(np.int64))


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def naive_forecasts(series: np.ndarray, origins: Sequence[int], *, horizon: int, target: int = 0,
                    season: int, cuts: Sequence[int] = ()) -> dict[str, np.ndarray]:
    """The two forecasts that need no model.

    - persistence: every future value equals the last one seen,
      ``ŷ(o + h) = y(o)``;
    - seasonal naive: every future value equals the value one season earlier,
      ``ŷ(o + h) = y(o + h - season)`` (for hourly weather, season = 24: the same hour
      yesterday).

    Parameters
    ----------
    series : ndarray of shape `(S, n)`
    origins : sequence of int, shape `(N,)`
    horizon : int
        m; at most ``season`` (a seasonal-naive forecast must not look into the future).
    target : int
    season : int
    cuts : sequence of int
        Joins in the series (see :func:`windows`): a seasonal look-up from origin o reads
        step ``o + 1 - season``; if a cut lies between it and o, that is an error.

    Returns
    -------
    dict with ``"persistence"`` and ``"seasonal naive"``, each an ndarray of shape `(N, m)`
    """
    series = _check_series(series)
    m = check_positive_int("horizon", horizon)
    season = check_positive_int("season", season)
    if m > season:
        raise ValueError(f"horizon: expected at most season = {season}, got {m}")
    o = np.asarray(origins)
    if o.ndim != 1 or not np.issubdtype(o.dtype, np.integer) or o.size == 0:
        raise TypeError(f"origins: expected a non-empty 1-D integer array, got shape {o.shape}")
    h = np.arange(1, m + 1)  # (m,)
    if o.min() + 1 - season < 0 or o.max() >= series.shape[0]:
        raise ValueError(f"origins: expected {season - 1} <= origin < {series.shape[0]}, got "
                         f"{o.min()}..{o.max()}")
    for c in sorted(int(c) for c in cuts):
        bad = o[(o + 1 - season < c) & (c <= o)]
        if bad.size:
            raise ValueError(f"origins: the seasonal look-up from origin {bad[0]} reads step "
                             f"{bad[0] + 1 - season}, across the cut at step {c}")
    y = series[:, target]
    return {
        "persistence": np.repeat(y[o][:, None], m, axis=1),  # (N, m)
        "seasonal naive": y[o[:, None] + h[None, :] - season],  # (N, m)
    }


def linear_forecasts(series: np.ndarray, split: Split, origins: Sequence[int], *, horizon: int,
                     lags: int = 7, target: int = 0) -> dict[str, np.ndarray]:
    """Linear autoregressions fitted by statsmodels on the training part, forecast m steps.

    - ``"AR"``: ``statsmodels.tsa.ar_model.AutoReg`` of the target alone, with a constant and
      ``lags`` lags, fitted by least squares on ``series[:split.valid, target]``; the
      forecast from origin o is statsmodels' dynamic prediction (each step feeds the
      previous forecasts back), from the observed values up to o;
    - ``"VAR"``: ``statsmodels.tsa.api.VAR`` of all n features with ``lags`` lags, fitted
      on ``series[:split.valid]``; its forecast from the ``lags`` steps up to o, target
      feature only.

    With ``lags = 7`` both see exactly the window the networks see.

    Parameters
    ----------
    series : ndarray of shape `(S, n)`
        Standardised or not: the models are linear, so their forecasts transform alike.
    split : Split
    origins : sequence of int, shape `(N,)`
        Each at least ``lags - 1`` (and later than the training part's first ``lags`` steps).
    horizon : int
    lags : int
    target : int

    Returns
    -------
    dict with ``"AR"`` and ``"VAR"``, each an ndarray of shape `(N, m)`
    """
    from statsmodels.tsa.api import VAR
    from statsmodels.tsa.ar_model import AutoReg

    series = _check_series(series)
    check_type("split", split, Split)
    m = check_positive_int("horizon", horizon)
    p = check_positive_int("lags", lags)
    o = np.asarray(origins)
    if o.ndim != 1 or not np.issubdtype(o.dtype, np.integer) or o.size == 0:
        raise TypeError(f"origins: expected a non-empty 1-D integer array, got shape {o.shape}")
    if o.min() < p - 1 or o.max() + m >= series.shape[0]:
        raise ValueError(f"origins: expected {p - 1} <= origin < {series.shape[0] - m}, got "
                         f"{o.min()}..{o.max()}")
    train_part = series[: split.valid]  # (S_train, n)
    ar = AutoReg(train_part[:, target], lags=p, trend="c").fit()
    whole = AutoReg(series[:, target], lags=p, trend="c")  # the same model on the whole
    # series, so that predict() can start from any origin; its parameters are the ones above
    ar_out = np.stack([whole.predict(ar.params, start=int(t) + 1, end=int(t) + m, dynamic=0)
                       for t in o])  # (N, m)
    var = VAR(train_part).fit(p)
    var_out = np.stack([var.forecast(series[t - p + 1: t + 1], m)[:, target]
                        for t in o])  # (N, m)
    return {"AR": ar_out, "VAR": var_out}


# --------------------------------------------------------------------------------------------
# The networks
# --------------------------------------------------------------------------------------------


def predict(params: stack.StackParams, x: np.ndarray) -> np.ndarray:
    """The read-out at the last input step: the m forecasts, `(T, N, n)` -> `(N, m)`."""
    return stack.forward(params, x).y[-1]  # (N, m)


@dataclass(frozen=True)
class ForecastRun:
    """One trained forecaster.

    Attributes
    ----------
    cell : str
    seed : int
    params : StackParams
        The parameters with the lowest validation error seen (early stopping).
    history : lstm_core.train.History
        ``evals`` hold ``"valid"``: the validation mean squared error (standardised units).
    best_step : int
        The update after which ``params`` were taken.
    steps : int
        Updates made (fewer than the budget when stopped early).
    seconds : float
    n_params : int
    """

    cell: str
    seed: int
    params: stack.StackParams
    history: train.History
    best_step: int
    steps: int
    seconds: float
    n_params: int


def train_forecaster(train_set: Windows, valid_set: Windows, *, cell: str = "lstm",
                     n_hidden: int = 16, seed: int = 0, steps: int = 3000,
                     batch_size: int = 64, lr: float = 0.005, clip_norm: float | None = 1.0,
                     eval_every: int = 100, patience: int = 5, **cell_options) -> ForecastRun:
    """Train a one-layer LSTM or RNN with a read-out of m values, stopped early on validation.

    Minibatches of ``batch_size`` windows, drawn at random from the *training* windows
    (shuffling inside the training part is harmless: the parts stay apart); the squared
    error of the m outputs at the last step (:func:`lstm_core.stack.end_loss`); Adam,
    gradient clipping (:func:`lstm_core.train.fit`). Every ``eval_every`` updates the mean
    squared error on the validation windows is measured; training stops after ``patience``
    measurements without a new best, and the best parameters are returned.

    Parameters
    ----------
    train_set, valid_set : Windows
        Standardised inputs and targets.
    cell : {"lstm", "rnn", "gru"}
    n_hidden : int
    seed : int
        Fixes the initial weights and the order of the minibatches.
    steps : int
        Budget of updates.
    batch_size, lr, clip_norm, eval_every, patience
        See above.
    **cell_options
        For :func:`lstm_core.stack.init_params` (``forget_bias``, ``peepholes`` ...).

    Returns
    -------
    ForecastRun
    """
    check_type("train_set", train_set, Windows)
    check_type("valid_set", valid_set, Windows)
    if valid_set.x.shape[2] != train_set.x.shape[2] or valid_set.horizon != train_set.horizon:
        raise ValueError("valid_set: expected the features and horizon of train_set")
    patience = check_positive_int("patience", patience)
    batch_size = check_positive_int("batch_size", batch_size)
    init_seq, batch_seq = np.random.SeedSequence(seed).spawn(2)
    T, N, n = train_set.x.shape
    m = train_set.horizon
    params = stack.init_params(n, n_hidden, m, cell=cell, rng=np.random.default_rng(init_seq),
                               **cell_options)
    batch_rng = np.random.default_rng(batch_seq)
    lengths = np.full(batch_size, T)

    def batches():
        while True:
            idx = batch_rng.integers(0, N, batch_size)
            yield train_set.x[:, idx], train_set.y[idx]

    def loss_fn(p, batch):
        loss, grads, _ = stack.end_loss(p, batch[0], lengths, batch[1])
        return loss, grads

    best = {"valid": np.inf, "step": 0, "params": params, "since": 0}

    def evaluate(p):
        err = float(np.mean((predict(p, valid_set.x) - valid_set.y) ** 2))
        return {"valid": err, "params": p}

    def stop(record):
        if record["valid"] < best["valid"]:
            best.update(valid=record["valid"], step=record["step"], params=record["params"],
                        since=0)
        else:
            best["since"] += 1
        return best["since"] >= patience

    start = time.perf_counter()
    res = train.fit(loss_fn, params, train.Adam(lr), batches(), steps=steps, clip_norm=clip_norm,
                    eval_fn=evaluate, eval_every=eval_every, stop=stop)
    seconds = time.perf_counter() - start
    for e in res.history.evals:
        e.pop("params")
    return ForecastRun(cell=cell, seed=seed, params=best["params"], history=res.history,
                       best_step=best["step"], steps=len(res.history.loss), seconds=seconds,
                       n_params=train.n_params(params))


def horizon_errors(forecast: np.ndarray, truth: np.ndarray) -> dict[str, np.ndarray]:
    """Mean absolute error and root mean squared error at each horizon step.

    Parameters
    ----------
    forecast, truth : ndarray of shape `(N, m)`

    Returns
    -------
    dict with ``"mae"`` and ``"rmse"``, each an ndarray of shape `(m,)`
    """
    f, y = np.asarray(forecast, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    if f.ndim != 2 or f.shape != y.shape:
        raise ValueError(f"forecast: expected shape (N, m) equal to truth's {y.shape}, got {f.shape}")
    err = f - y  # (N, m)
    return {"mae": np.abs(err).mean(axis=0), "rmse": np.sqrt((err * err).mean(axis=0))}


# --------------------------------------------------------------------------------------------
# The data of chapter 9
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeatherSeries:
    """Hourly weather of one typical meteorological year.

    Attributes
    ----------
    values : ndarray of shape `(8760, n)`
    names : tuple of str
        The n features, in the columns' order (the first is the temperature).
    units : tuple of str
    months : integer ndarray of shape `(8760,)`
        The calendar month (1-12) of each hour.
    years : integer ndarray of shape `(8760,)`
        The year each month was taken from.
    station : str
    """

    values: np.ndarray
    names: tuple
    units: tuple
    months: np.ndarray
    years: np.ndarray
    station: str

    @property
    def month_starts(self) -> np.ndarray:
        """The first step of months 2..12: where a TMY joins months of different years."""
        return np.flatnonzero(np.diff(self.months) != 0) + 1


#: The TMY3 columns read by :func:`tmy3_weather`: (name, column, unit).
TMY3_FEATURES = (
    ("temperature", "Dry-bulb (C)", "°C"),
    ("dew point", "Dew-point (C)", "°C"),
    ("relative humidity", "RHum (%)", "%"),
    ("pressure", "Pressure (mbar)", "mbar"),
    ("wind speed", "Wspd (m/s)", "m/s"),
)


def tmy3_weather() -> WeatherSeries:
    """Five measured weather variables, hourly for a year, at Greensboro (NC) airport.

    The TMY3 file ``723170TYA.CSV`` that pvlib ships as sample data (Wilcox & Marion 2008,
    *Users Manual for TMY3 Data Sets*, NREL/TP-581-43156), read with
    ``pvlib.iotools.read_tmy3``. A typical meteorological year is twelve calendar months of
    hourly observations, each month taken whole from one year of 1976-2005: the hours within
    a month are consecutive, the joins between months are not (see
    :attr:`WeatherSeries.month_starts`). No download: the file is inside the package.
    """
    from pathlib import Path

    import pvlib
    from pvlib.iotools import read_tmy3

    path = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
    data, meta = read_tmy3(str(path), map_variables=False)
    values = np.column_stack([data[col].to_numpy(dtype=np.float64) for _, col, _ in TMY3_FEATURES])
    dates = data["Date (MM/DD/YYYY)"].astype(str)  # the file's own date, before 24:00 -> 00:00
    months = np.array([int(d[:2]) for d in dates])
    years = np.array([int(d[-4:]) for d in dates])
    return WeatherSeries(values=values, names=tuple(n for n, _, _ in TMY3_FEATURES),
                         units=tuple(u for _, _, u in TMY3_FEATURES), months=months, years=years,
                         station=f"{meta['Name'].strip(chr(34))}, {meta['State']}")
