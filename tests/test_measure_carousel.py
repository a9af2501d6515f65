"""lstm_core.measure.carousel: the error signal over time, LSTM against RNN, and the carousel gain."""

import numpy as np
import pytest
from random_models import random_lstm

from lstm_core import lstm, rnn
from lstm_core.measure import carousel

TOL = 1e-7


@pytest.mark.parametrize("forget", ["gate", "none", "coupled"])
def test_carousel_gain_is_the_one_step_derivative_of_the_state(forget):
    """∂s^t/∂s^{t-1} with b^{t-1} fixed: one forward step from a nudged initial state."""
    P, x, h0, s0, _ = random_lstm(1, 2, 3, 4, forget=forget, seed=4)
    gain = carousel.carousel_gain(P, lstm.forward(P, x, h0, s0))[0]  # (N, H)
    e = 1e-6
    up = lstm.forward(P, x, h0, s0 + e).s[0]
    down = lstm.forward(P, x, h0, s0 - e).s[0]
    # The peepholes are diagonal: s_j^t depends on s_j^{t-1} only, so one joint nudge of
    # every entry gives every diagonal derivative at once.
    np.testing.assert_allclose((up - down) / (2 * e), gain, rtol=1e-7, atol=1e-9)


def test_without_forget_gate_and_peepholes_the_carousel_gain_is_exactly_one():
    P, x, h0, s0, _ = random_lstm(5, 2, 3, 4, peepholes=False, forget="none")
    assert np.array_equal(carousel.carousel_gain(P, lstm.forward(P, x, h0, s0)), np.ones((5, 2, 4)))


def test_constant_error_carousel_carries_the_error_back_undiminished():
    """No forget gate, no peepholes, no recurrent weights: ε_s^t is the same at every step."""
    P, x, _, _, _ = random_lstm(40, 1, 2, 3, peepholes=False, forget="none")
    P = lstm.LSTMParams(W=P.W, R=np.zeros_like(P.R), b=P.b, forget="none")
    flow = carousel.lstm_error_flow(P, x)
    assert flow.shape == (40,)
    assert flow[-1] > 0
    np.testing.assert_allclose(flow, flow[-1], rtol=1e-12)


def test_a_forget_gate_below_one_shrinks_the_error_geometrically():
    """With R = 0 and no peepholes, ε_s^{t} = b_φ^{t+1} ε_s^{t+1}: a constant b_φ is a ratio."""
    H = 2
    W = np.zeros((4 * H, 1))
    b = np.zeros(4 * H)
    b[H : 2 * H] = np.log(0.9 / 0.1)  # b_φ = 0.9 at every step
    P = lstm.LSTMParams(W=W, R=np.zeros((4 * H, H)), b=b)
    flow = carousel.lstm_error_flow(P, np.ones((10, 1, 1)))
    np.testing.assert_allclose(flow[:-1] / flow[1:], 0.9, rtol=1e-12)


def test_lstm_error_flow_is_the_norm_of_eps_s_for_a_loss_at_the_last_step():
    P, x, h0, s0, _ = random_lstm(7, 3, 2, 4, seed=6)
    tr = lstm.forward(P, x, h0, s0)
    L, dh = carousel.loss_at_last_step(tr.h)
    assert L == pytest.approx(tr.h[-1].sum())
    assert dh[-1].min() == 1.0 and not dh[:-1].any()
    g = lstm.backward(P, tr, dh)
    flow = carousel.lstm_error_flow(P, x, h0=h0, s0=s0)
    np.testing.assert_allclose(flow, [np.linalg.norm(e) for e in g.eps_s], rtol=1e-12)


def test_rnn_error_flow_vanishes_with_a_small_recurrent_matrix():
    rng = np.random.default_rng(7)
    P = rnn.init_params(2, 8, rng=rng, spectral_radius=0.5)
    flow = carousel.rnn_error_flow(P, rng.normal(size=(30, 1, 2)))
    assert flow.shape == (30,)
    assert flow[0] < 1e-6 * flow[-1]
    np.testing.assert_allclose(flow[-1], np.sqrt(8))  # ∂L/∂h^T = ones, H = 8


def test_carousel_gain_rejects_a_trace_of_another_layer():
    P, x, h0, s0, _ = random_lstm(2, 1, 2, 3)
    Q, _, _, _, _ = random_lstm(2, 1, 2, 4)
    with pytest.raises(ValueError, match="trace"):
        carousel.carousel_gain(P, lstm.forward(Q, x))
    with pytest.raises(TypeError, match="params"):
        carousel.carousel_gain("P", lstm.forward(P, x))


@pytest.mark.parametrize("forget", ["gate", "none", "coupled"])
@pytest.mark.parametrize("peepholes", [True, False])
def test_the_five_terms_of_eq8_add_up_to_eps_s(forget, peepholes):
    P, x, h0, s0, rng = random_lstm(6, 2, 3, 4, peepholes=peepholes, forget=forget, seed=8)
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, rng.normal(size=(6, 2, 4)))
    terms = carousel.eps_s_terms(P, tr, g)
    assert list(terms) == list(carousel.EPS_S_PATHS)
    np.testing.assert_allclose(sum(terms.values()), g.eps_s, rtol=1e-12, atol=1e-14)
    for name in ("s_next", "a_i_next", "a_f_next"):  # nothing arrives from beyond the end
        assert not terms[name][-1].any()
    if peepholes:
        for name in ("b_c", "s_next", "a_i_next", "a_o"):
            assert np.abs(terms[name][:-1]).max() > 1e-6, name
    else:
        assert not terms["a_o"].any()


def test_eps_s_terms_refuses_grads_of_another_sequence():
    P, x, h0, s0, rng = random_lstm(6, 1, 2, 3)
    tr = lstm.forward(P, x)
    g = lstm.backward(P, lstm.forward(P, x[:4]), np.ones((4, 1, 3)))
    with pytest.raises(ValueError, match="grads"):
        carousel.eps_s_terms(P, tr, g)
