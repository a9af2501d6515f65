"""The GRU layer: its gradients against central differences, its equations, its convention."""

import numpy as np
import pytest

from lstm_core import gradcheck, gru

TOL = 1e-7
SHAPES = [(1, 1, 1, 1), (4, 3, 2, 3), (7, 2, 5, 4)]  # (T, N, I, H)


def random_setup(T, N, I, H, seed=0):
    """Non-zero random everything: weights, biases, initial output, loss weights."""
    rng = np.random.default_rng(seed)
    P = gru.GRUParams(
        W=rng.normal(0, 0.7, (3 * H, I)),
        R=rng.normal(0, 0.7, (3 * H, H)),
        b=rng.normal(0, 0.7, 3 * H),
    )
    x = rng.normal(size=(T, N, I))
    h0 = rng.normal(size=(N, H))
    C = rng.normal(size=(T, N, H))  # L = Σ C ⊙ h, so dh = C
    return P, x, h0, C


@pytest.mark.parametrize("shape", SHAPES)
def test_every_gru_gradient_matches_finite_difference(shape):
    P, x, h0, C = random_setup(*shape)

    def loss():
        return float(np.sum(C * gru.forward(P, x, h0).h))

    g = gru.backward(P, gru.forward(P, x, h0), C)
    arrays = {"W": P.W, "R": P.R, "b": P.b, "x": x, "h0": h0}
    errors = gradcheck.check_gradients(loss, arrays, {k: getattr(g, k) for k in arrays})
    assert max(errors.values()) < TOL, errors
    for k in arrays:
        assert np.abs(getattr(g, k)).max() > 1e-6, f"{k} gradient is trivially zero"


def test_gru_eps_matches_finite_difference_on_each_output():
    """ε^t = ∂L/∂h^t: perturb h^t mid-sequence and rerun the remaining steps from it."""
    T, N, I, H = 5, 2, 3, 3
    P, x, h0, C = random_setup(T, N, I, H, seed=2)
    full = gru.forward(P, x, h0)
    g = gru.backward(P, full, C)
    for t in range(T):
        def loss_from(h_t, t=t):
            rest = 0.0 if t == T - 1 else float(np.sum(C[t + 1 :] * gru.forward(P, x[t + 1 :], h_t).h))
            return float(np.sum(C[t] * h_t)) + rest

        h_t = full.h[t].copy()
        num = gradcheck.numerical_gradient(lambda h_t=h_t, f=loss_from: f(h_t), h_t)
        assert gradcheck.relative_error(num, g.eps[t]) < TOL, t


def test_gru_forward_follows_equations_g1_to_g4_step_by_step():
    P, x, h0, _ = random_setup(6, 2, 3, 4, seed=3)
    tr = gru.forward(P, x, h0)
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    H = 4
    Wr, Wz, Wn = np.split(P.W, 3)
    Rr, Rz, Rn = np.split(P.R, 3)
    br, bz, bn = np.split(P.b, 3)
    h = h0
    for t in range(6):
        r = sig(x[t] @ Wr.T + h @ Rr.T + br)
        z = sig(x[t] @ Wz.T + h @ Rz.T + bz)
        n = np.tanh(x[t] @ Wn.T + bn + r * (h @ Rn.T))
        h = (1 - z) * n + z * h
        np.testing.assert_allclose(tr.r[t], r, rtol=1e-13)
        np.testing.assert_allclose(tr.z[t], z, rtol=1e-13)
        np.testing.assert_allclose(tr.n[t], n, rtol=1e-13)
        np.testing.assert_allclose(tr.h[t], h, rtol=1e-12)
    assert tr.a.shape == (6, 2, 3 * H) and tr.u.shape == (6, 2, H)


def test_gru_equals_pytorch_gru_with_zero_hidden_bias():
    torch = pytest.importorskip("torch")
    P, x, h0, _ = random_setup(5, 3, 2, 4, seed=4)
    m = torch.nn.GRU(2, 4).double()
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(P.W))
        m.weight_hh_l0.copy_(torch.from_numpy(P.R))
        m.bias_ih_l0.copy_(torch.from_numpy(P.b))
        m.bias_hh_l0.zero_()
        out, _ = m(torch.from_numpy(x), torch.from_numpy(h0)[None])
    np.testing.assert_allclose(gru.forward(P, x, h0).h, out.numpy(), rtol=1e-12, atol=1e-14)


def test_update_gate_at_one_carries_output_and_error_unchanged():
    """z ≈ 1 everywhere: h^t = h^0 and ε flows back to h^0 without decay (the carousel)."""
    P, x, h0, C = random_setup(8, 2, 3, 3, seed=5)
    b = P.b.copy()
    b[3:6] = 60.0
    P = gru.GRUParams(W=P.W * 0.01, R=P.R * 0.01, b=b)
    tr = gru.forward(P, x, h0)
    np.testing.assert_allclose(tr.h[-1], h0, atol=1e-12)
    dh = np.zeros_like(tr.h)
    dh[-1] = 1.0
    g = gru.backward(P, tr, dh)
    np.testing.assert_allclose(g.h0, 1.0, atol=1e-6)


def test_float32_is_accepted_and_stays_float32():
    P = gru.init_params(3, 4, rng=0, dtype=np.float32)
    x = np.random.default_rng(0).normal(size=(5, 2, 3)).astype(np.float32)
    tr = gru.forward(P, x)
    g = gru.backward(P, tr, np.ones_like(tr.h))
    assert tr.h.dtype == np.float32 and g.W.dtype == np.float32 and g.x.dtype == np.float32


def test_init_params_shapes_and_range():
    P = gru.init_params(5, 4, rng=0)
    assert P.W.shape == (12, 5) and P.R.shape == (12, 4) and P.b.shape == (12,)
    assert np.abs(P.W).max() <= 0.5 and np.all(P.b == 0)
    assert P.n_in == 5 and P.n_hidden == 4


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: gru.GRUParams(np.zeros((12, 2)), np.zeros((12, 3)), np.zeros(12)), ValueError, "params.R"),
        (lambda: gru.GRUParams(np.zeros((9, 2)), np.zeros((9, 3)), np.zeros(8)), ValueError, "params.b"),
        (lambda: gru.GRUParams(np.zeros((9, 2), int), np.zeros((9, 3)), np.zeros(9)), TypeError, "params.W"),
        (lambda: gru.forward(gru.init_params(2, 3, rng=0), np.zeros((4, 2, 5))), ValueError, "x"),
        (lambda: gru.forward(gru.init_params(2, 3, rng=0), np.zeros((4, 2, 2)), np.zeros((3, 3))),
         ValueError, "h0"),
        (lambda: gru.forward("params", np.zeros((4, 2, 2))), TypeError, "params"),
        (lambda: gru.forward(gru.init_params(2, 3, rng=0), np.full((4, 2, 2), np.nan)), ValueError, "NaN"),
    ],
)
def test_bad_input_is_reported_with_the_argument_name(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_backward_rejects_a_trace_from_another_layer_and_a_misshapen_dh():
    P = gru.init_params(2, 3, rng=0)
    tr = gru.forward(P, np.zeros((4, 2, 2)))
    with pytest.raises(ValueError, match="trace"):
        gru.backward(gru.init_params(2, 5, rng=0), tr, np.zeros((4, 2, 5)))
    with pytest.raises(ValueError, match="dh"):
        gru.backward(P, tr, np.zeros((4, 2, 4)))
