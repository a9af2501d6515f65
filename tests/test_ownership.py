"""A result cannot change under the caller's feet, and a trace only goes back with its own params.

Params, traces and optimizer states own read-only arrays: writing into the arrays a caller
passed in (an input buffer reused by a training loop, h0/s0, the weights a params object was
built from) after the fact changes no later gradient; writing into the object's own arrays
raises. Every backward refuses a trace made with other parameters (another size, peephole
setting, forget mode, dtype or other values), naming ``trace`` and what differs.
"""

import dataclasses
import math

import numpy as np
import pytest

from lstm_core import dense, gradcheck, gru, lstm, rnn, stack, train

rng = np.random.default_rng(0)
T, N, I, H = 4, 2, 3, 5
X = rng.normal(size=(T, N, I))
H0 = rng.normal(size=(N, H))
S0 = rng.normal(size=(N, H))
DH = rng.normal(size=(T, N, H))

LAYERS = {
    "lstm": (lambda **kw: lstm.init_params(I, H, rng=1, **kw), lstm, ("h0", "s0")),
    "gru": (lambda **kw: gru.init_params(I, H, rng=1, **kw), gru, ("h0",)),
    "rnn": (lambda **kw: rnn.init_params(I, H, rng=1, **kw), rnn, ("h0",)),
}
STATES = {"h0": H0, "s0": S0}


def _grads(mod, P, x, states):
    return mod.backward(P, mod.forward(P, x, *states), DH)


@pytest.mark.parametrize("cell", LAYERS)
def test_mutating_the_inputs_after_forward_changes_no_gradient(cell):
    make, mod, names = LAYERS[cell]
    P = make()
    x, states = X.copy(), [STATES[n].copy() for n in names]
    want = _grads(mod, P, x, states)
    trace = mod.forward(P, x, *states)
    x[...] = 7.0  # a training loop reusing its batch buffer
    for s in states:
        s[...] = -3.0
    got = mod.backward(P, trace, DH)
    for field in ("W", "R", "b", "x", "h0"):
        np.testing.assert_array_equal(getattr(got, field), getattr(want, field), err_msg=field)
    assert trace.x is not x and np.array_equal(trace.x, X)


@pytest.mark.parametrize("cell", LAYERS)
def test_params_copy_what_they_are_built_from_and_cannot_be_written(cell):
    make, mod, _ = LAYERS[cell]
    P0 = make()
    W = P0.W.copy()
    P = dataclasses.replace(P0, W=W)
    W[0, 0] = np.nan  # the caller's array, not the params'
    assert np.isfinite(P.W).all()
    with pytest.raises(ValueError, match="read-only"):
        P.W[0, 0] = np.nan
    tr = mod.forward(P, X)
    for name in ("x", "h", "a"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(tr, name)[0] = 0.0


def test_a_step_cache_owns_its_arrays_and_refuses_other_params():
    P = lstm.init_params(I, H, rng=1)
    x, h, s = X[0].copy(), H0.copy(), S0.copy()
    _, _, cache = lstm.step(P, x, h, s)
    want = lstm.step_backward(P, lstm.step(P, X[0], H0, S0)[2], H0)
    x[...], h[...], s[...] = 5.0, 5.0, 5.0
    got = lstm.step_backward(P, cache, H0)
    np.testing.assert_array_equal(got.W, want.W)
    with pytest.raises(ValueError, match="read-only"):
        cache.b_i[0, 0] = 0.0
    with pytest.raises(ValueError, match=r"cache: .*params\.forget made with 'gate', got 'coupled'"):
        lstm.step_backward(lstm.init_params(I, H, rng=1, forget="coupled"), cache, H0)


def test_dense_trace_and_params_own_their_arrays():
    P0 = dense.init_params(I, 2, rng=0)
    W = P0.W.copy()
    P = dense.DenseParams(W=W, b=P0.b)
    x = X[0].copy()
    tr = dense.forward(P, x)
    want = dense.backward(P, dense.forward(P, X[0]), np.ones((N, 2)))
    W[...] = 0.0
    x[...] = 0.0
    got = dense.backward(P, tr, np.ones((N, 2)))
    np.testing.assert_array_equal(got.W, want.W)
    with pytest.raises(ValueError, match="read-only"):
        tr.y[0, 0] = 1.0


def test_a_stack_shares_its_own_read_only_arrays_without_copying_them():
    P = stack.init_params(I, [H, 4], 2, rng=0)
    tr = stack.forward(P, X)
    assert tr.layers[1].x is tr.layers[0].h, "layer 2 reads layer 1's sealed output as is"
    assert np.shares_memory(tr.out.x, tr.layers[1].h)
    new, _ = train.SGD(0.1).step(P, stack.backward(P, tr, np.ones((T, N, 2))), train.SGD(0.1).init(P))
    assert not new.layers[0].W.flags.writeable


def test_gradcheck_still_perturbs_read_only_params_and_locks_them_again():
    P = lstm.init_params(I, H, rng=0)

    def loss():
        return float(np.sum(DH * lstm.forward(P, X).h))

    g = lstm.backward(P, lstm.forward(P, X), DH)
    errors = gradcheck.check_gradients(loss, {"W": P.W, "p": P.p}, {"W": g.W, "p": g.p})
    assert max(errors.values()) < 1e-7, errors
    assert not P.W.flags.writeable and not P.p.flags.writeable


# --------------------------------------------------------------------------------------------
# A trace only goes back with the params it was made with
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other, words",
    [
        (dict(peepholes=False), ["params.p", "None"]),
        (dict(forget="none"), ["params.forget", "'gate'", "'none'"]),
        (dict(forget="coupled"), ["params.forget", "'coupled'"]),
        (dict(dtype=np.float32), ["params.", "float32"]),
        (dict(forget_bias=2.0), ["params.b", "other values"]),
    ],
)
def test_lstm_backward_refuses_a_trace_of_other_params(other, words):
    P = lstm.init_params(I, H, rng=1)
    Q = lstm.init_params(I, H, rng=1, **other)
    tr = lstm.forward(P, X)
    with pytest.raises(ValueError, match="(?s)^trace: " + "".join(f"(?=.*{w})" for w in words)):
        lstm.backward(Q, tr, DH)


@pytest.mark.parametrize("cell", LAYERS)
def test_layer_backward_refuses_a_trace_of_a_layer_with_other_sizes(cell):
    make, mod, _ = LAYERS[cell]
    P = make()
    Q = mod.init_params(I + 2, H, rng=1)  # another number of inputs: grads.W would be misshapen
    with pytest.raises(ValueError, match=f"trace: .*I = {I}.*I = {I + 2}"):
        mod.backward(Q, mod.forward(P, X), DH)


def test_dense_backward_refuses_a_trace_of_a_layer_with_other_inputs():
    P, Q = dense.init_params(I, 2, rng=0), dense.init_params(I + 1, 2, rng=0)
    with pytest.raises(ValueError, match=r"trace: .*params\.W"):
        dense.backward(Q, dense.forward(P, X[0]), np.ones((N, 2)))


def test_equal_params_rebuilt_from_the_same_arrays_are_accepted():
    P = lstm.init_params(I, H, rng=1)
    Q = dataclasses.replace(P)  # another object, same arrays
    np.testing.assert_array_equal(
        lstm.backward(Q, lstm.forward(P, X), DH).W, lstm.backward(P, lstm.forward(P, X), DH).W
    )


def test_stack_backward_refuses_a_trace_of_another_stack():
    P = stack.init_params(I, [H, 4], 2, rng=0)
    tr = stack.forward(P, X)
    dy = np.ones((T, N, 2))
    with pytest.raises(ValueError, match=r"trace: .*params\.layers.*2 entries, got 1"):
        stack.backward(stack.init_params(I, [H], 2, rng=0), tr, dy)
    with pytest.raises(ValueError, match=r"trace: .*params\.layers\[0\]\.p .*got None"):
        stack.backward(stack.init_params(I, [H, 4], 2, rng=0, peepholes=False), tr, dy)
    with pytest.raises(ValueError, match=r"trace: .*GRUParams"):
        stack.backward(stack.init_params(I, [H, 4], 2, rng=0, cell="gru"), tr, dy)


# --------------------------------------------------------------------------------------------
# Optimizer states
# --------------------------------------------------------------------------------------------


def test_optimizer_states_own_their_buffers_and_refuse_another_model():
    P = lstm.init_params(I, H, rng=0)
    g = lstm.backward(P, lstm.forward(P, X), DH)
    for opt in (train.SGD(0.1, momentum=0.9), train.Adam(0.01)):
        state = opt.init(P)
        _, state = opt.step(P, g, state)
        buffers = state.velocity if isinstance(state, train.SGDState) else state.m
        with pytest.raises(ValueError, match="read-only"):
            buffers["W"][0, 0] = 1.0
        with pytest.raises(TypeError):
            buffers["W"] = np.zeros_like(P.W)
        other = lstm.init_params(I, H + 1, rng=0)
        with pytest.raises(ValueError, match=r"state: .*'W'.*optimizer\.init"):
            opt.step(other, lstm.backward(other, lstm.forward(other, X), np.ones((T, N, H + 1))), state)
        with pytest.raises(ValueError, match=r"state: .*leaves"):
            opt.step(lstm.init_params(I, H, rng=0, peepholes=False), {"W": g.W, "R": g.R, "b": g.b}, state)


def test_a_velocity_given_by_the_caller_is_copied():
    v = {"w": np.array([1.0, 2.0])}
    state = train.SGDState(v)
    v["w"][0] = 99.0
    assert state.velocity["w"][0] == 1.0


# --------------------------------------------------------------------------------------------
# Clipping does not overflow
# --------------------------------------------------------------------------------------------


def test_clip_grad_norm_of_a_float32_gradient_with_a_norm_beyond_float32_squares():
    g = {"w": np.full(4, 1e20, np.float32), "v": np.array([0.0, -1e20], np.float32)}
    clipped, norm = train.clip_grad_norm(g, 1.0)
    assert math.isclose(norm, math.sqrt(5) * 1e20, rel_tol=1e-6)
    assert math.isclose(train.global_norm(clipped), 1.0, rel_tol=1e-5)
    assert clipped["w"].dtype == np.float32


def test_global_norm_neither_underflows_nor_overflows_in_float64():
    assert math.isclose(train.global_norm({"a": np.array([3e-200, 4e-200])}), 5e-200)
    assert math.isclose(train.global_norm({"a": np.array([3e200]), "b": np.array([[4e200]])}), 5e200)
    assert train.global_norm({"a": np.zeros(3), "b": np.zeros(0)}) == 0.0
    assert train.global_norm({"a": np.array([1.0, np.inf])}) == math.inf
    assert math.isnan(train.global_norm({"a": np.array([1.0, np.nan])}))
    with pytest.raises(FloatingPointError, match="grads"):
        train.clip_grad_norm({"a": np.array([np.inf])}, 1.0)
