"""lstm_core.forecast: windows, the split, the training-only scaler, baselines, forecasters."""

import numpy as np
import pytest

from lstm_core import forecast as fc
from lstm_core import viz


def small_series(S=40, n=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(S, n)).cumsum(axis=0) + np.arange(n)  # (S, n), no two alike


# ------------------------------------------------------------------------------ windows


def test_windows_match_hand_computed_ones():
    series = np.arange(24, dtype=float).reshape(12, 2)  # series[t] = (2t, 2t + 1)
    w = fc.windows(series, horizon=2, steps_in=3, target=1)
    # origins 2..9: inputs t-2..t, targets t+1, t+2 of feature 1
    assert w.origins.tolist() == list(range(2, 10))
    assert w.x.shape == (3, 8, 2) and w.y.shape == (8, 2)
    assert w.x[:, 0].tolist() == [[0, 1], [2, 3], [4, 5]]  # origin 2: steps 0, 1, 2
    assert w.y[0].tolist() == [7, 9]  # steps 3 and 4, feature 1
    assert w.x[:, -1].tolist() == [[14, 15], [16, 17], [18, 19]]  # origin 9: steps 7, 8, 9
    assert w.y[-1].tolist() == [21, 23]  # steps 10 and 11


def test_windows_stay_inside_their_part_and_between_cuts():
    series = small_series(40)
    w = fc.windows(series, horizon=2, steps_in=7, start=10, stop=30, cuts=[20])
    lo, hi = w.origins - 6, w.origins + 2  # each window spans [lo, hi]
    assert lo.min() >= 10 and hi.max() <= 29
    assert not np.any((lo < 20) & (20 <= hi))  # none holds both step 19 and step 20
    assert w.origins.tolist() == [16, 17, 26, 27]
    np.testing.assert_array_equal(w.x[:, 2], series[20:27])  # origin 26 reads steps 20..26


def test_windows_with_a_longer_history_start_later_after_each_cut():
    series = small_series(40)
    w = fc.windows(series, horizon=2, steps_in=3, history=5, start=10, cuts=[20])
    lo = w.origins - 4  # the history reaches 5 steps back from each origin
    assert lo.min() >= 10 and not np.any((lo < 20) & (20 <= w.origins + 2))
    assert w.origins[0] == 14 and 24 in w.origins and 23 not in w.origins
    assert w.x.shape[0] == 3  # the input is still the last 3 steps
    with pytest.raises(ValueError, match="history: expected at least steps_in = 3"):
        fc.windows(series, horizon=2, steps_in=3, history=2)


def test_windows_refuse_bad_input_clearly():
    series = small_series(30)
    with pytest.raises(ValueError, match="fewer than the steps_in \\+ horizon = 7 \\+ 3"):
        fc.windows(series[:9], horizon=3)
    gappy = series.copy()
    gappy[12, 1] = np.nan
    with pytest.raises(ValueError, match="NaN or inf at step 12 \\(feature 1\\)"):
        fc.windows(gappy, horizon=2)
    fc.windows(gappy, horizon=2, start=13)  # the gap is outside this part: fine
    with pytest.raises(ValueError, match="window at origin 18 .* crosses the part \\[0, 20\\)"):
        fc.windows(series, horizon=2, stop=20, origins=[10, 18])
    with pytest.raises(ValueError, match="across the cut at step 15"):
        fc.windows(series, horizon=2, cuts=[15], origins=[14])
    with pytest.raises(ValueError, match="no window"):
        fc.windows(series, horizon=2, cuts=[5, 10, 15, 20, 25])
    with pytest.raises(TypeError, match="series: expected a float array"):
        fc.windows(np.arange(30).reshape(15, 2), horizon=1)
    with pytest.raises(ValueError, match="target: expected a feature index 0..2"):
        fc.windows(series, horizon=1, target=3)
    with pytest.raises(ValueError, match="horizon: expected a positive integer"):
        fc.windows(series, horizon=0)


# ------------------------------------------------------------------------------ the split, the scaler


def test_split_in_time_orders_the_parts():
    s = fc.split_in_time(100, 60, 80)
    assert [s.part(p) for p in ("train", "valid", "test")] == [(0, 60), (60, 80), (80, 100)]
    for bad in ((80, 60), (0, 50), (60, 100)):
        with pytest.raises(ValueError, match="0 < valid < test < n_steps"):
            fc.split_in_time(100, *bad)


def test_scaler_never_sees_validation_or_test_data():
    series = small_series(50)
    split = fc.split_in_time(50, 30, 40)
    honest = fc.fit_scaler(series, split)
    np.testing.assert_allclose(honest.mean, series[:30].mean(axis=0))
    np.testing.assert_allclose(honest.std, series[:30].std(axis=0))
    for later in (np.nan, 1e9, -3.0):  # whatever comes after the training part
        changed = series.copy()
        changed[30:] = later
        again = fc.fit_scaler(changed, split)
        np.testing.assert_array_equal(again.mean, honest.mean)
        np.testing.assert_array_equal(again.std, honest.std)
    z = honest.transform(series)
    np.testing.assert_allclose(z[:30].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(honest.inverse(z[:, 1], 1), series[:, 1])


def test_scaler_refuses_a_mismatched_split_and_constant_features():
    series = small_series(50)
    with pytest.raises(ValueError, match="split: made for 60 steps, the series has 50"):
        fc.fit_scaler(series, fc.split_in_time(60, 30, 40))
    series[:, 2] = 1.0
    with pytest.raises(ValueError, match="features \\[2\\] are constant"):
        fc.fit_scaler(series, fc.split_in_time(50, 30, 40))


# ------------------------------------------------------------------------------ baselines


def test_naive_forecasts_by_hand():
    y = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])[:, None]  # (8, 1)
    out = fc.naive_forecasts(y, [4, 5], horizon=2, season=3)
    assert out["persistence"].tolist() == [[5, 5], [9, 9]]
    # y(o + h - 3): origin 4 -> steps 2, 3; origin 5 -> steps 3, 4
    assert out["seasonal naive"].tolist() == [[4, 1], [1, 5]]
    with pytest.raises(ValueError, match="horizon: expected at most season = 3"):
        fc.naive_forecasts(y, [4], horizon=4, season=3)
    with pytest.raises(ValueError, match="origins: expected 2 <= origin"):
        fc.naive_forecasts(y, [1], horizon=1, season=3)
    with pytest.raises(ValueError, match="origin 5 reads step 3, across the cut at step 4"):
        fc.naive_forecasts(y, [6, 5], horizon=1, season=3, cuts=[4])
    fc.naive_forecasts(y, [6], horizon=1, season=3, cuts=[4])  # reads step 4: after the cut


def test_linear_forecasts_reproduce_statsmodels():
    from statsmodels.tsa.api import VAR
    from statsmodels.tsa.ar_model import AutoReg

    series = small_series(300, n=2, seed=3)
    split = fc.split_in_time(300, 200, 250)
    origins = np.array([220, 260])
    out = fc.linear_forecasts(series, split, origins, horizon=4, lags=3, target=1)
    ar = AutoReg(series[:200, 1], lags=3, trend="c").fit()
    var = VAR(series[:200]).fit(3)
    for k, o in enumerate(origins):
        # the AR recursion by hand, from the fitted constant and lag coefficients
        hist = list(series[o - 2: o + 1, 1])
        for _ in range(4):
            hist.append(ar.params[0] + ar.params[1:] @ np.array(hist[-1:-4:-1]))
        np.testing.assert_allclose(out["AR"][k], hist[3:], rtol=1e-10)
        np.testing.assert_allclose(out["VAR"][k], var.forecast(series[o - 2: o + 1], 4)[:, 1])
    # at the end of the training part, statsmodels' own out-of-sample forecast
    end = fc.linear_forecasts(series, split, np.array([199]), horizon=4, lags=3, target=1)
    np.testing.assert_allclose(end["AR"][0], ar.forecast(4), rtol=1e-10)


def test_horizon_errors_by_hand():
    f = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([[2.0, 2.0], [3.0, 0.0]])
    e = fc.horizon_errors(f, y)
    np.testing.assert_allclose(e["mae"], [0.5, 2.0])
    np.testing.assert_allclose(e["rmse"], [np.sqrt(0.5), np.sqrt(8.0)])
    with pytest.raises(ValueError, match="forecast: expected shape"):
        fc.horizon_errors(f, y[:1])


# ------------------------------------------------------------------------------ the forecaster


def test_forecaster_beats_persistence_on_a_smooth_series_and_keeps_its_best_params():
    t = np.arange(600.0)
    series = np.column_stack([np.sin(t / 5), np.cos(t / 5)])  # (600, 2)
    split = fc.split_in_time(600, 400, 500)
    sets = {p: fc.windows(series, horizon=3, start=a, stop=b)
            for p in ("train", "valid", "test") for a, b in [split.part(p)]}
    run = fc.train_forecaster(sets["train"], sets["valid"], n_hidden=8, seed=1, steps=600,
                              lr=0.02, eval_every=50, patience=3)
    best = min(e["valid"] for e in run.history.evals)
    got = float(np.mean((fc.predict(run.params, sets["valid"].x) - sets["valid"].y) ** 2))
    assert got == pytest.approx(best)  # the kept parameters are the best ones seen
    assert run.best_step in [e["step"] for e in run.history.evals]
    test = sets["test"]
    lstm = fc.horizon_errors(fc.predict(run.params, test.x), test.y)["mae"]
    pers = fc.horizon_errors(fc.naive_forecasts(series, test.origins, horizon=3, season=3)
                             ["persistence"], test.y)["mae"]
    assert np.all(lstm < pers)
    # the same seed, the same run
    again = fc.train_forecaster(sets["train"], sets["valid"], n_hidden=8, seed=1, steps=600,
                                lr=0.02, eval_every=50, patience=3)
    np.testing.assert_array_equal(again.params.out.W, run.params.out.W)


def test_forecaster_refuses_mismatched_sets():
    series = small_series(60)
    a = fc.windows(series, horizon=2, stop=40)
    b = fc.windows(series, horizon=3, start=40)
    with pytest.raises(ValueError, match="valid_set: expected the features and horizon"):
        fc.train_forecaster(a, b)
    with pytest.raises(TypeError, match="train_set: expected Windows"):
        fc.train_forecaster(series, b)


# ------------------------------------------------------------------------------ the data, the figures


def test_tmy3_weather_is_a_year_of_hourly_measurements():
    w = fc.tmy3_weather()
    assert w.values.shape == (8760, 5) and np.isfinite(w.values).all()
    assert w.names[0] == "temperature" and "GREENSBORO" in w.station
    assert len(w.month_starts) == 11 and w.months[0] == 1 and w.months[-1] == 12
    assert -30 < w.values[:, 0].min() < w.values[:, 0].max() < 45  # °C


def test_forecast_explorer_shows_inputs_forecasts_and_truth():
    hist = np.arange(14.0).reshape(2, 7)
    truth = np.array([[7.0, 8.0], [1.0, 2.0]])
    ex = viz.forecast_explorer(hist, truth, {"VAR": truth + 0.5}, ["a", "b"])
    assert ex.grid_size == 2
    html = ex._repr_mimebundle_()["text/html"]
    assert "VAR" in html and "forecast origin" in html
    with pytest.raises(ValueError, match="forecasts\\['VAR'\\]: expected shape \\(2, 2\\)"):
        viz.forecast_explorer(hist, truth, {"VAR": truth[:1]}, ["a", "b"])
