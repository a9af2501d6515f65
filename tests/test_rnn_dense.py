"""The ANN layer and the vanilla RNN: gradients against central differences."""

import numpy as np
import pytest

from lstm_core import dense, gradcheck, rnn

TOL = 1e-7


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "identity"])
@pytest.mark.parametrize("shape", [(1, 1, 1), (4, 3, 2), (7, 5, 3)])  # (N, n, m)
def test_dense_gradients_match_finite_difference(activation, shape):
    N, n, m = shape
    rng = np.random.default_rng(1)
    P = dense.DenseParams(rng.normal(size=(m, n)), rng.normal(size=m), activation)
    x = rng.normal(size=(N, n))
    C = rng.normal(size=(N, m))

    def loss():
        return float(np.sum(C * dense.forward(P, x).y))

    g = dense.backward(P, dense.forward(P, x), C)
    errors = gradcheck.check_gradients(loss, {"W": P.W, "b": P.b, "x": x},
                                       {"W": g.W, "b": g.b, "x": g.x})
    assert max(errors.values()) < TOL, errors


def test_dense_forward_is_the_neuron_equation():
    P = dense.DenseParams(np.array([[1.0, -2.0]]), np.array([0.5]), "identity")
    np.testing.assert_allclose(dense.forward(P, np.array([[3.0, 1.0]])).y, [[1.5]])


@pytest.mark.parametrize("shape", [(1, 1, 1, 1), (7, 2, 3, 4), (12, 3, 2, 5)])  # (T, N, I, H)
def test_rnn_bptt_matches_finite_difference(shape):
    T, N, I, H = shape
    rng = np.random.default_rng(2)
    P = rnn.RNNParams(rng.normal(0, 0.7, (H, I)), rng.normal(0, 0.7, (H, H)), rng.normal(size=H))
    x, h0 = rng.normal(size=(T, N, I)), rng.normal(size=(N, H))
    C = rng.normal(size=(T, N, H))

    def loss():
        return float(np.sum(C * rnn.forward(P, x, h0).h))

    g = rnn.backward(P, rnn.forward(P, x, h0), C)
    arrays = {"W": P.W, "R": P.R, "b": P.b, "x": x, "h0": h0}
    errors = gradcheck.check_gradients(loss, arrays, {k: getattr(g, k) for k in arrays})
    assert max(errors.values()) < TOL, errors


def test_rnn_eps_is_the_gradient_wrt_each_hidden_state():
    T, N, I, H = 6, 2, 3, 4
    rng = np.random.default_rng(4)
    P = rnn.RNNParams(rng.normal(0, 0.7, (H, I)), rng.normal(0, 0.7, (H, H)), rng.normal(size=H))
    x = rng.normal(size=(T, N, I))
    C = rng.normal(size=(T, N, H))
    tr = rnn.forward(P, x)
    g = rnn.backward(P, tr, C)
    k = 2  # perturb h^k and rerun from there
    def loss_from(hk):
        rest = rnn.forward(P, x[k + 1 :], hk)
        return float(np.sum(C[k] * hk) + np.sum(C[k + 1 :] * rest.h))
    hk = tr.h[k].copy()
    num = gradcheck.numerical_gradient(lambda: loss_from(hk), hk)
    assert gradcheck.relative_error(num, g.eps[k]) < TOL


def test_rnn_spectral_radius_knob():
    P = rnn.init_params(3, 6, rng=0, spectral_radius=1.3)
    assert np.isclose(np.max(np.abs(np.linalg.eigvals(P.R))), 1.3)
