"""The plain reference step (lstm.step, lstm.step_backward) equals the fast engine at every step."""

import re

import numpy as np
import pytest
from random_models import random_lstm

from lstm_core import lstm

TOL = 1e-12
SHAPES = [(1, 1, 1, 1), (4, 3, 2, 3), (7, 2, 5, 4)]  # (T, N, I, H)
MODES = [(peep, forget) for peep in (True, False) for forget in lstm.FORGET_MODES]


def close(a, b):
    return np.abs(a - b).max() <= TOL * max(1.0, np.abs(b).max())


def run_steps(P, x, h0, s0):
    h, s, caches = h0, s0, []
    for t in range(x.shape[0]):
        h, s, cache = lstm.step(P, x[t], h, s)
        caches.append(cache)
    return caches


def run_steps_backward(P, caches, dh, ds_T):
    T, (N, H) = len(caches), caches[0].s.shape
    eps_s_next, delta_next, b_f_next = ds_T, np.zeros((N, 4 * H)), np.ones((N, H))
    out = [None] * T
    for t in range(T - 1, -1, -1):
        g = lstm.step_backward(P, caches[t], dh[t], eps_s_next, delta_next, b_f_next)
        out[t] = g
        eps_s_next, delta_next, b_f_next = g.eps_s, g.delta, caches[t].b_f
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("peepholes,forget", MODES)
def test_step_equals_forward_at_every_step(shape, peepholes, forget):
    P, x, h0, s0, _ = random_lstm(*shape, peepholes=peepholes, forget=forget, seed=1)
    trace = lstm.forward(P, x, h0, s0)
    caches = run_steps(P, x, h0, s0)
    names = ["a_i", "b_i", "a_f", "b_f", "a_c", "g", "s", "a_o", "b_o", "hs", "b_c", "s_prev", "h_prev"]
    for t, cache in enumerate(caches):
        for name in names:
            assert close(getattr(cache, name), getattr(trace, name)[t]), (t, name)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("peepholes,forget", MODES)
def test_step_backward_equals_backward_at_every_step_and_sums_to_the_weight_gradients(
    shape, peepholes, forget
):
    P, x, h0, s0, rng = random_lstm(*shape, peepholes=peepholes, forget=forget, seed=2)
    T, N, _, H = shape
    dh, ds_T = rng.normal(size=(T, N, H)), rng.normal(size=(N, H))
    trace = lstm.forward(P, x, h0, s0)
    grads = lstm.backward(P, trace, dh, ds_T)
    steps = run_steps_backward(P, run_steps(P, x, h0, s0), dh, ds_T)
    for t, g in enumerate(steps):
        for name in ["eps_c", "eps_s", "delta_i", "delta_f", "delta_c", "delta_o", "delta", "x"]:
            assert close(getattr(g, name), getattr(grads, name)[t]), (t, name)
    for name in ["W", "R", "b"] + (["p"] if peepholes else []):
        assert close(sum(getattr(g, name) for g in steps), getattr(grads, name)), name
    if not peepholes:
        assert all(g.p is None for g in steps)
    if forget != "gate":
        assert all(not g.delta_f.any() for g in steps)


def test_step_backward_defaults_are_the_last_step():
    P, x, h0, s0, rng = random_lstm(1, 2, 3, 2, seed=3)
    dh = rng.normal(size=(1, 2, 2))
    grads = lstm.backward(P, lstm.forward(P, x, h0, s0), dh)
    _, _, cache = lstm.step(P, x[0], h0, s0)
    g = lstm.step_backward(P, cache, dh[0])
    assert close(g.eps_s, grads.eps_s[0]) and close(g.delta, grads.delta[0])


def test_every_term_is_live_in_the_random_model():
    """Non-zero random everything: no equation of the comparison is trivially 0 = 0."""
    P, x, h0, s0, rng = random_lstm(4, 3, 2, 3, seed=2)
    steps = run_steps_backward(P, run_steps(P, x, h0, s0), rng.normal(size=(4, 3, 3)), None)
    for g in steps:
        for name in ["eps_c", "eps_s", "delta_i", "delta_f", "delta_c", "delta_o"]:
            assert np.abs(getattr(g, name)).min() > 0, name


def raises(exc, *words):
    return pytest.raises(exc, match="(?s)" + "".join(f"(?=.*{re.escape(w)})" for w in words))


def test_step_rejects_bad_input_naming_the_argument():
    P, x, h0, s0, _ = random_lstm(2, 3, 2, 4, seed=0)
    with raises(TypeError, "params", "LSTMParams", "dict"):
        lstm.step({}, x[0], h0, s0)
    with raises(ValueError, "x_t", "(N=3, 2)", "(3, 5)"):
        lstm.step(P, np.ones((3, 5)), h0, s0)
    with raises(ValueError, "h_prev", "(N=3, 4)", "(2, 4)"):
        lstm.step(P, x[0], h0[:2], s0)
    with raises(ValueError, "s_prev", "(N=3, 4)", "(3, 5)"):
        lstm.step(P, x[0], h0, np.ones((3, 5)))
    with raises(TypeError, "x_t", "int64"):
        lstm.step(P, np.ones((3, 2), dtype=int), h0, s0)
    with raises(ValueError, "s_prev", "NaN"):
        lstm.step(P, x[0], h0, np.full((3, 4), np.nan))


def test_step_backward_rejects_bad_input_naming_the_argument():
    P, x, h0, s0, _ = random_lstm(2, 3, 2, 4, seed=0)
    _, _, cache = lstm.step(P, x[0], h0, s0)
    with raises(TypeError, "cache", "StepCache", "tuple"):
        lstm.step_backward(P, (1, 2), h0)
    with raises(ValueError, "dh", "(3, 4)", "(4, 3)"):
        lstm.step_backward(P, cache, h0.T)
    with raises(ValueError, "delta_next", "(3, 16)", "(3, 4)"):
        lstm.step_backward(P, cache, h0, s0, h0)
    with raises(ValueError, "b_f_next", "(3, 4)", "(3,)"):
        lstm.step_backward(P, cache, h0, s0, None, h0[:, 0])
    other = lstm.init_params(2, 5, rng=0)
    with raises(ValueError, "cache", "H = 4", "H = 5"):
        lstm.step_backward(other, cache, h0)
