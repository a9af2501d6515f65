"""Optimizers, clipping, truncated BPTT windows and the fit loop."""

import itertools
import math

import numpy as np
import pytest

from lstm_core import dense, losses, lstm, sequences, tasks, train
from lstm_core.viz.progress import ProgressBar

# --------------------------------------------------------------------------------------------
# Parameter trees
# --------------------------------------------------------------------------------------------


def test_leaves_name_every_array_of_nested_dataclasses_and_skip_none():
    tree = {
        "layers": (lstm.init_params(2, 3, rng=0), lstm.init_params(3, 3, rng=1, peepholes=False)),
        "out": dense.init_params(3, 1, activation="identity", rng=2),
    }
    names = set(train.leaves(tree))
    assert names == {
        "layers.0.W", "layers.0.R", "layers.0.b", "layers.0.p",
        "layers.1.W", "layers.1.R", "layers.1.b", "out.W", "out.b",
    }
    assert train.n_params(tree) == (12 * 2 + 12 * 3 + 12 + 9) + (12 * 3 + 12 * 3 + 12) + 4


def test_grad_leaves_reads_engine_gradients_by_field_name():
    params = lstm.init_params(2, 3, rng=0)
    x = np.random.default_rng(0).normal(size=(4, 2, 2))
    trace = lstm.forward(params, x)
    grads = lstm.backward(params, trace, np.ones_like(trace.h))
    flat = train.grad_leaves(params, grads)
    assert set(flat) == {"W", "R", "b", "p"}
    assert flat["W"] is grads.W and flat["p"] is grads.p


def test_grad_leaves_rejects_missing_or_misshapen_gradients():
    params = {"w": np.zeros(3), "v": np.zeros((2, 2))}
    with pytest.raises(ValueError, match="'v'"):
        train.grad_leaves(params, {"w": np.zeros(3)})
    with pytest.raises(ValueError, match=r"'w' expected shape \(3,\), got \(4,\)"):
        train.grad_leaves(params, {"w": np.zeros(4), "v": np.zeros((2, 2))})


def test_replace_leaves_rebuilds_frozen_params_and_keeps_their_settings():
    params = lstm.init_params(2, 3, rng=0, peepholes=False, forget="coupled")
    new = train.replace_leaves(params, {"W": np.ones((12, 2))})
    assert isinstance(new, lstm.LSTMParams) and new.forget == "coupled" and new.p is None
    assert np.all(new.W == 1.0) and new.R is params.R
    with pytest.raises(ValueError, match="params.W"):  # the dataclass re-validates
        train.replace_leaves(params, {"W": np.ones((12, 5, 1))})
    with pytest.raises(ValueError, match="not in the tree"):
        train.replace_leaves(params, {"Q": np.ones(3)})


# --------------------------------------------------------------------------------------------
# Optimizers, against steps computed by hand
# --------------------------------------------------------------------------------------------


def test_sgd_with_momentum_matches_a_hand_computed_step():
    params = {"w": np.array([1.0, -2.0])}
    opt = train.SGD(lr=0.1, momentum=0.9)
    state = opt.init(params)
    g1, g2 = np.array([0.5, -1.0]), np.array([0.2, 0.4])
    p1, state = opt.step(params, {"w": g1}, state)
    # v1 = g1 = (0.5, -1); w1 = w - 0.1 v1 = (0.95, -1.9)
    assert np.allclose(p1["w"], [0.95, -1.9])
    p2, state = opt.step(p1, {"w": g2}, state)
    # v2 = 0.9 v1 + g2 = (0.65, -0.5); w2 = w1 - 0.1 v2 = (0.885, -1.85)
    assert np.allclose(state.velocity["w"], [0.65, -0.5])
    assert np.allclose(p2["w"], [0.885, -1.85])
    assert np.array_equal(params["w"], [1.0, -2.0]), "the input params are not changed"


def test_adam_matches_a_hand_computed_step():
    params = {"w": np.array([1.0, -2.0])}
    opt = train.Adam(lr=0.01, beta1=0.9, beta2=0.99, eps=1e-8)
    state = opt.init(params)
    g1, g2 = np.array([0.5, -1.0]), np.array([0.2, 0.4])
    p1, state = opt.step(params, {"w": g1}, state)
    # step 1: m̂ = g, v̂ = g², so the step is lr·g/(|g| + eps) ≈ lr·sign(g)
    assert np.allclose(p1["w"], [1.0 - 0.01 * 0.5 / (0.5 + 1e-8), -2.0 + 0.01 * 1.0 / (1.0 + 1e-8)])
    p2, state = opt.step(p1, {"w": g2}, state)
    expected = []
    for w, a, b in zip(p1["w"], g1, g2, strict=True):
        m = 0.9 * (0.1 * a) + 0.1 * b
        v = 0.99 * (0.01 * a * a) + 0.01 * b * b
        mhat, vhat = m / (1 - 0.9**2), v / (1 - 0.99**2)
        expected.append(w - 0.01 * mhat / (math.sqrt(vhat) + 1e-8))
    assert np.allclose(p2["w"], expected, rtol=1e-12, atol=1e-15)
    assert state.t == 2


def test_optimizers_step_lstm_params_with_their_gradient_dataclass():
    params = lstm.init_params(2, 3, rng=0)
    x = np.random.default_rng(0).normal(size=(4, 2, 2))
    grads = lstm.backward(params, lstm.forward(params, x), np.ones((4, 2, 3)))
    for opt in (train.SGD(0.1, momentum=0.5), train.Adam(0.1)):
        new, _ = opt.step(params, grads, opt.init(params))
        assert isinstance(new, lstm.LSTMParams)
        assert not np.allclose(new.W, params.W)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: train.SGD(lr=0.0), "lr"),
        (lambda: train.SGD(lr=0.1, momentum=1.0), "momentum"),
        (lambda: train.Adam(beta1=-0.1), "beta1"),
        (lambda: train.Adam(lr=float("nan")), "lr"),
    ],
)
def test_optimizers_reject_bad_hyperparameters(make, match):
    with pytest.raises(ValueError, match=match):
        make()


# --------------------------------------------------------------------------------------------
# Clipping
# --------------------------------------------------------------------------------------------


def test_clip_grad_norm_caps_the_global_norm_and_keeps_the_direction():
    g = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0, 4.0]])}  # global norm 5
    clipped, norm = train.clip_grad_norm(g, 1.0)
    assert norm == pytest.approx(5.0)
    assert train.global_norm(clipped) == pytest.approx(1.0)
    assert np.allclose(clipped["a"], [0.6, 0.0]) and np.allclose(clipped["b"], [[0.0, 0.8]])
    same, _ = train.clip_grad_norm(g, 10.0)
    assert np.array_equal(same["a"], g["a"]) and np.array_equal(same["b"], g["b"])
    assert np.array_equal(g["a"], [3.0, 0.0]), "inputs are not changed"
    with pytest.raises(ValueError, match="max_norm"):
        train.clip_grad_norm(g, 0.0)
    with pytest.raises(FloatingPointError, match="norm"):
        train.clip_grad_norm({"a": np.array([np.inf])}, 1.0)


# --------------------------------------------------------------------------------------------
# Truncated BPTT windows
# --------------------------------------------------------------------------------------------


def test_tbptt_chunks_are_consecutive_windows_of_parallel_tracks():
    ids = np.arange(103)
    chunks = train.tbptt_chunks(ids, batch_size=4, seq_len=5)
    # (103 - 1) // 4 = 25 symbols per track: tracks start at 0, 25, 50, 75; 5 windows each
    first = [next(chunks) for _ in range(6)]
    assert first[0].first and not any(c.first for c in first[1:5]) and first[5].first
    assert np.array_equal(first[0].inputs[:, 1], np.arange(25, 30))
    assert np.array_equal(first[1].inputs[:, 1], np.arange(30, 35)), "window 2 continues window 1"
    assert np.array_equal(first[0].targets, first[0].inputs + 1)
    assert np.array_equal(first[5].inputs, first[0].inputs), "a new pass starts over"
    assert first[4].targets.max() == 99 + 1


def test_tbptt_chunks_reject_a_stream_too_short_or_not_integer():
    with pytest.raises(ValueError, match="too short"):
        next(train.tbptt_chunks(np.arange(10), batch_size=4, seq_len=5))
    with pytest.raises(TypeError, match="ids"):
        next(train.tbptt_chunks(np.zeros(100), batch_size=4, seq_len=5))


# --------------------------------------------------------------------------------------------
# The fit loop
# --------------------------------------------------------------------------------------------


def _adding_model(seed):
    rng = np.random.default_rng(seed)
    return {
        "lstm": lstm.init_params(2, 8, rng=rng),
        "out": dense.init_params(8, 1, activation="identity", rng=rng),
    }


def _adding_loss(params, batch):
    """Mean squared error at the end of each sequence, LSTM -> linear output."""
    tr = lstm.forward(params["lstm"], batch.x)
    h_end = sequences.at_ends(tr.h, batch.lengths)  # (N, H)
    out = dense.forward(params["out"], h_end)
    N = batch.x.shape[1]
    loss, dy = losses.squared_error(out.y, batch.target)
    og = dense.backward(params["out"], out, dy / N)
    lg = lstm.backward(params["lstm"], tr, sequences.to_ends(og.x, batch.lengths, tr.h.shape[0]))
    return loss / N, {"lstm": lg, "out": og}


def _adding_batches(seed, T=6):
    rng = np.random.default_rng(seed)
    while True:
        yield tasks.adding_problem(32, T, rng=rng)


def test_fit_reduces_the_loss_on_a_tiny_adding_problem():
    res = train.fit(
        _adding_loss, _adding_model(0), train.Adam(0.02), _adding_batches(1),
        steps=150, clip_norm=1.0,
    )
    loss = np.array(res.history.loss)
    assert loss.shape == (150,) and len(res.history.grad_norm) == 150
    assert loss[-20:].mean() < 0.3 * loss[:20].mean()


def test_fit_is_deterministic_given_the_seeds():
    run = lambda: train.fit(  # noqa: E731
        _adding_loss, _adding_model(3), train.SGD(0.1, 0.9), _adding_batches(4),
        steps=10,
    )
    assert run().history.loss == run().history.loss


def test_fit_clips_every_step_and_records_the_norm_before_clipping():
    seen = []

    def loss_fn(params, batch):
        return 0.0, {"w": np.array([30.0, 40.0])}

    class Recorder(train.SGD):
        def step(self, params, grads, state):
            seen.append(train.global_norm(grads))
            return super().step(params, grads, state)

    res = train.fit(loss_fn, {"w": np.zeros(2)}, Recorder(1.0), itertools.repeat(None),
                    steps=3, clip_norm=2.0)
    assert seen == pytest.approx([2.0, 2.0, 2.0])
    assert res.history.grad_norm == pytest.approx([50.0, 50.0, 50.0])
    assert np.allclose(res.params["w"], -3 * np.array([1.2, 1.6]))


def test_fit_evaluates_periodically_and_stops_when_asked():
    def loss_fn(params, batch):
        return float(params["w"][0] ** 2), {"w": 2 * params["w"]}

    res = train.fit(
        loss_fn, {"w": np.array([1.0])}, train.SGD(0.1), itertools.repeat(None), steps=100,
        eval_fn=lambda p: {"w": float(p["w"][0])}, eval_every=10,
        stop=lambda e: e["w"] < 0.2,
    )
    steps, w = res.history.eval_series("w")
    # w_k = 0.8^k: below 0.2 first at k = 8, seen at the evaluation of step 10
    assert steps.tolist() == [10] and w[0] == pytest.approx(0.8**10)
    assert len(res.history.loss) == 10


def test_fit_hands_the_carry_from_one_batch_to_the_next():
    carries = []

    def loss_fn(params, batch, carry):
        carries.append(carry)
        return 0.0, {"w": np.zeros(1)}, batch

    res = train.fit(loss_fn, {"w": np.zeros(1)}, train.SGD(0.1), iter([1, 2, 3]), steps=3,
                    stateful=True)
    assert carries == [None, 1, 2] and res.carry == 3


def test_fit_reports_bad_input():
    loss_fn = lambda p, b: (0.0, {"w": np.zeros(1)})  # noqa: E731
    p = {"w": np.zeros(1)}
    with pytest.raises(ValueError, match="steps"):
        train.fit(loss_fn, p, train.SGD(0.1), itertools.repeat(None), steps=0)
    with pytest.raises(ValueError, match="ran out after 2"):
        train.fit(loss_fn, p, train.SGD(0.1), iter([1, 2]), steps=5)
    with pytest.raises(FloatingPointError, match="step 1"):
        train.fit(lambda p, b: (float("nan"), {"w": np.zeros(1)}), p, train.SGD(0.1),
                  itertools.repeat(None), steps=2)
    with pytest.raises(ValueError, match="clip_norm"):
        train.fit(loss_fn, p, train.SGD(0.1), itertools.repeat(None), steps=2, clip_norm=-1)


def test_fit_progress_bar_runs_outside_a_notebook(capsys):
    with ProgressBar(5, desc="demo") as bar:
        res = train.fit(lambda p, b: (1.0, {"w": np.zeros(1)}), {"w": np.zeros(1)},
                        train.SGD(0.1), itertools.repeat(None), steps=5, progress=bar)
    err = capsys.readouterr().err
    assert "demo" in err and "5/5" in err
    assert res.history.seconds > 0
