"""lstm_core.measure.internal_gradients: ε_c^t, ε_s^t and δ^t by finite differences agree with (6)-(11)."""

import numpy as np
import pytest
from random_models import random_lstm

from lstm_core import dense, gradcheck, losses, lstm
from lstm_core.measure import internal_gradients as lstm_fd

TOL = 1e-7


def readout_loss(H, K, T, N, rng):
    """A dense read-out y = V b_c + c and a squared error: a loss that is not linear in h."""
    out = dense.DenseParams(W=rng.normal(size=(K, H)), b=rng.normal(size=K), activation="identity")
    target = rng.normal(size=(T * N, K))

    def loss(h):
        return losses.squared_error(dense.forward(out, h.reshape(T * N, H)).y, target)[0]

    def dh(h):  # Σ_k w_ck δ_k^t: the first sum of eq (6)
        tr = dense.forward(out, h.reshape(T * N, H))
        return dense.backward(out, tr, losses.squared_error(tr.y, target)[1]).x.reshape(T, N, H)

    return loss, dh


CASES = [
    dict(peepholes=True, forget="gate"),
    dict(peepholes=False, forget="gate"),
    dict(peepholes=True, forget="none"),
    dict(peepholes=True, forget="coupled"),
]


@pytest.mark.parametrize("case", CASES)
def test_every_per_step_gradient_matches_finite_differences(case):
    T, N, I, H, K = 5, 2, 3, 3, 2  # noqa: E741 (I: inputs)
    P, x, h0, s0, rng = random_lstm(T, N, I, H, seed=1, **case)
    loss, dh_of = readout_loss(H, K, T, N, rng)
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, dh_of(tr.h))
    for t in range(T):
        kw = dict(h0=h0, s0=s0)
        num_c = lstm_fd.output_gradient_numeric(P, x, loss, t, **kw)
        num_s = lstm_fd.state_gradient_numeric(P, x, loss, t, **kw)
        num_d = lstm_fd.net_input_gradient_numeric(P, x, loss, t, **kw)
        assert num_c.shape == num_s.shape == (N, H) and num_d.shape == (N, 4 * H)
        assert gradcheck.relative_error(num_c, g.eps_c[t]) < TOL, f"eps_c, t = {t}"
        assert gradcheck.relative_error(num_s, g.eps_s[t]) < TOL, f"eps_s, t = {t}"
        for k, name in enumerate(["delta_i", "delta_f", "delta_c", "delta_o"]):
            block = slice(k * H, (k + 1) * H)
            ana = getattr(g, name)[t]
            if np.abs(ana).max() == 0.0:  # δ_φ without a learned forget gate
                assert np.abs(num_d[:, block]).max() < 1e-9, f"{name}, t = {t}"
            else:
                assert gradcheck.relative_error(num_d[:, block], ana) < TOL, f"{name}, t = {t}"


def test_state_gradient_sees_the_output_gate_peephole_path():
    """Leaving out the w_cω path of eq (8) would be caught: that peephole changes ε_s^t."""
    P, x, h0, s0, rng = random_lstm(3, 1, 2, 2, seed=2)
    C = rng.normal(size=(3, 1, 2))

    def loss(h):
        return float(np.sum(C * h))

    p = P.p.copy()
    p[2] = 0.0
    P0 = lstm.LSTMParams(W=P.W, R=P.R, b=P.b, p=p)
    with_p = lstm_fd.state_gradient_numeric(P, x, loss, 2, h0=h0, s0=s0)
    without_p = lstm_fd.state_gradient_numeric(P0, x, loss, 2, h0=h0, s0=s0)
    assert np.abs(with_p - without_p).max() > 1e-3


def test_output_gradient_at_the_last_step_is_what_the_loss_sends_in():
    P, x, h0, s0, rng = random_lstm(4, 2, 2, 3, seed=3)
    C = rng.normal(size=(4, 2, 3))
    num = lstm_fd.output_gradient_numeric(P, x, lambda h: float(np.sum(C * h)), 3, h0=h0, s0=s0)
    np.testing.assert_allclose(num, C[3], rtol=1e-7)


def test_bad_step_index_and_bad_loss_are_refused_by_name():
    P, x, _, _, _ = random_lstm(4, 1, 2, 2)
    with pytest.raises(ValueError, match="t: expected"):
        lstm_fd.state_gradient_numeric(P, x, np.sum, 4)
    with pytest.raises(ValueError, match="t: expected"):
        lstm_fd.net_input_gradient_numeric(P, x, np.sum, -1)
    with pytest.raises(TypeError, match="loss"):
        lstm_fd.output_gradient_numeric(P, x, "sum", 0)
    with pytest.raises(TypeError, match="params"):
        lstm_fd.output_gradient_numeric("P", x, np.sum, 0)
