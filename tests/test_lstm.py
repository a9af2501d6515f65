"""The LSTM layer: every gradient of eqs (6)-(12) against central differences, every variant."""

import dataclasses

import numpy as np
import pytest
from random_models import random_lstm

from lstm_core import gradcheck, lstm

TOL = 1e-7
SHAPES = [(1, 1, 1, 1), (4, 3, 2, 3), (7, 2, 5, 4)]  # (T, N, I, H); T = 7 is the deck's example


def random_setup(T, N, I, H, *, peepholes=True, forget="gate", seed=0):
    """A random layer (tests/random_models.py) and a loss L = Σ C ⊙ h + Σ D ⊙ s^T."""
    P, x, h0, s0, rng = random_lstm(T, N, I, H, peepholes=peepholes, forget=forget, seed=seed)
    C = rng.normal(size=(T, N, H))  # dh = C
    D = rng.normal(size=(N, H))  # ds_T = D
    return P, x, h0, s0, C, D


def loss_and_grads(P, x, h0, s0, C, D):
    def loss():
        tr = lstm.forward(P, x, h0, s0)
        return float(np.sum(C * tr.h) + np.sum(D * tr.s[-1]))

    grads = lstm.backward(P, lstm.forward(P, x, h0, s0), C, D)
    return loss, grads


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("peepholes", [True, False])
@pytest.mark.parametrize("forget", ["gate", "none", "coupled"])
def test_every_gradient_matches_finite_difference(shape, peepholes, forget):
    P, x, h0, s0, C, D = random_setup(*shape, peepholes=peepholes, forget=forget)
    loss, g = loss_and_grads(P, x, h0, s0, C, D)
    arrays = {"W": P.W, "R": P.R, "b": P.b, "x": x, "h0": h0, "s0": s0}
    if peepholes:
        arrays["p"] = P.p
    errors = gradcheck.check_gradients(loss, arrays, {k: getattr(g, k) for k in arrays})
    assert max(errors.values()) < TOL, errors


def test_peephole_gradient_matches_finite_difference_for_each_peephole_row():
    P, x, h0, s0, C, D = random_setup(5, 2, 3, 4)
    loss, g = loss_and_grads(P, x, h0, s0, C, D)
    num = gradcheck.numerical_gradient(loss, P.p)
    for row, name in enumerate(["w_c_iota", "w_c_phi", "w_c_omega"]):
        assert gradcheck.relative_error(num[row], g.p[row]) < TOL, name
        assert np.abs(g.p[row]).max() > 1e-6, f"{name} gradient is trivially zero"


def test_eps_s_matches_finite_difference_on_the_cell_state():
    """ε_s^t = ∂L/∂s_c^t (eq 8): perturb s_c^t mid-sequence and rerun the rest."""
    T, N, I, H = 6, 2, 3, 3
    P, x, h0, s0, C, D = random_setup(T, N, I, H, seed=3)
    full = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, full, C, D)
    eps = 1e-6
    for t in range(T):
        num = np.zeros((N, H))
        for n in range(N):
            for j in range(H):
                vals = []
                for sign in (+1, -1):
                    # L as a function of s^t: b_c^t = b_ω^t h(s^t) and a_ω^t see the new s^t,
                    # and steps t+1.. start from (b_c^t, s^t).
                    s_t = full.s[t].copy()
                    s_t[n, j] += sign * eps
                    a_o = full.a_o[t] - P.p[2] * full.s[t] + P.p[2] * s_t
                    b_o = 0.5 + 0.5 * np.tanh(a_o / 2)
                    h_t = b_o * np.tanh(s_t)
                    L = np.sum(C[: t] * full.h[: t]) + np.sum(C[t] * h_t)
                    if t + 1 < T:
                        rest = lstm.forward(P, x[t + 1 :], h_t, s_t)
                        L += np.sum(C[t + 1 :] * rest.h) + np.sum(D * rest.s[-1])
                    else:
                        L += np.sum(D * s_t)
                    vals.append(L)
                num[n, j] = (vals[0] - vals[1]) / (2 * eps)
        assert gradcheck.relative_error(num, g.eps_s[t]) < TOL, f"t = {t}"


def test_eps_c_is_external_plus_recurrent_term_eq6():
    P, x, h0, s0, C, D = random_setup(5, 2, 3, 4, seed=5)
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, C, D)
    # ε_c^t = dh^t + Σ_g w_cg δ_g^{t+1}
    for t in range(4):
        np.testing.assert_allclose(g.eps_c[t], C[t] + g.delta[t + 1] @ P.R, rtol=1e-12)
    np.testing.assert_allclose(g.eps_c[-1], C[-1], rtol=1e-12)


def test_deltas_follow_eqs_7_9_10_11():
    P, x, h0, s0, C, D = random_setup(5, 2, 3, 4, seed=6)
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, C, D)
    d = lambda y: y * (1 - y)  # noqa: E731  f'(a) from f(a)
    np.testing.assert_allclose(g.delta_o, d(tr.b_o) * np.tanh(tr.s) * g.eps_c, rtol=1e-10)
    np.testing.assert_allclose(g.delta_i, d(tr.b_i) * tr.g * g.eps_s, rtol=1e-10)
    np.testing.assert_allclose(g.delta_f, d(tr.b_f) * tr.s_prev * g.eps_s, rtol=1e-10)
    np.testing.assert_allclose(g.delta_c, tr.b_i * (1 - tr.g**2) * g.eps_s, rtol=1e-10)


def test_forward_follows_eqs_1_to_5_step_by_step():
    P, x, h0, s0, _, _ = random_setup(4, 3, 2, 3, seed=7)
    tr = lstm.forward(P, x, h0, s0)
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    H = 3
    h, s = h0, s0
    for t in range(4):
        z = x[t] @ P.W.T + h @ P.R.T + P.b
        ai = z[:, :H] + P.p[0] * s
        af = z[:, H : 2 * H] + P.p[1] * s
        ac = z[:, 2 * H : 3 * H]
        s_new = sig(af) * s + sig(ai) * np.tanh(ac)
        ao = z[:, 3 * H :] + P.p[2] * s_new
        h = sig(ao) * np.tanh(s_new)
        s = s_new
        np.testing.assert_allclose(tr.a_i[t], ai, rtol=1e-12)
        np.testing.assert_allclose(tr.a_o[t], ao, rtol=1e-12)
        np.testing.assert_allclose(tr.s[t], s, rtol=1e-12)
        np.testing.assert_allclose(tr.h[t], h, rtol=1e-12)


def test_without_forget_gate_the_cell_state_only_accumulates():
    """The 1997 LSTM: b_φ ≡ 1, so s^t = s^{t-1} + b_ι g(a_c) -- the constant error carousel."""
    P, x, h0, s0, C, D = random_setup(6, 2, 3, 3, forget="none")
    tr = lstm.forward(P, x, h0, s0)
    assert np.all(tr.b_f == 1.0)
    np.testing.assert_allclose(np.diff(tr.s, axis=0), (tr.b_i * tr.g)[1:], rtol=1e-12)
    g = lstm.backward(P, tr, C, D)
    assert np.all(g.delta_f == 0) and np.all(g.W[3:6] == 0) and np.all(g.p[1] == 0)


def test_coupled_forget_gate_is_one_minus_input_gate():
    P, x, h0, s0, _, _ = random_setup(6, 2, 3, 3, forget="coupled")
    tr = lstm.forward(P, x, h0, s0)
    np.testing.assert_allclose(tr.b_f, 1.0 - tr.b_i, rtol=1e-15)


def test_no_peepholes_matches_the_pytorch_cell_equations():
    """p = None is the LSTM of torch.nn.LSTM (one bias vector = b_ih + b_hh)."""
    P, x, h0, s0, _, _ = random_setup(5, 2, 3, 4, peepholes=False, seed=9)
    tr = lstm.forward(P, x, h0, s0)
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    h, c = h0, s0
    for t in range(5):
        i, f, gg, o = np.split(x[t] @ P.W.T + P.b + h @ P.R.T, 4, axis=1)
        c = sig(f) * c + sig(i) * np.tanh(gg)
        h = sig(o) * np.tanh(c)
    np.testing.assert_allclose(tr.h[-1], h, rtol=1e-12)


def test_two_stacked_layers_chain_forward_and_pass_grads_x_down():
    """Layer 1's h is layer 2's x; backward passes grads.x down -- eq (6)'s next-layer term."""
    rng = np.random.default_rng(11)
    T, N, I, H1, H2 = 5, 2, 3, 4, 3
    P1, P2 = lstm.init_params(I, H1, rng=rng), lstm.init_params(H1, H2, rng=rng)
    # Params own read-only arrays: random biases make new params (a zero bias hides bias bugs).
    P1, P2 = (dataclasses.replace(P, b=rng.normal(size=P.b.shape)) for P in (P1, P2))
    x = rng.normal(size=(T, N, I))
    C = rng.normal(size=(T, N, H2))

    def loss():
        return float(np.sum(C * lstm.forward(P2, lstm.forward(P1, x).h).h))

    t1 = lstm.forward(P1, x)
    t2 = lstm.forward(P2, t1.h)
    g2 = lstm.backward(P2, t2, C)
    g1 = lstm.backward(P1, t1, g2.x)  # ε_c of layer 1 gets Σ_k w_ck δ_k^t from layer 2
    arrays = {"W1": P1.W, "R1": P1.R, "b1": P1.b, "p1": P1.p, "W2": P2.W, "p2": P2.p, "x": x}
    analytic = {"W1": g1.W, "R1": g1.R, "b1": g1.b, "p1": g1.p, "W2": g2.W, "p2": g2.p, "x": g1.x}
    errors = gradcheck.check_gradients(loss, arrays, analytic)
    assert max(errors.values()) < TOL, errors


def test_float32_is_accepted_and_stays_float32():
    P = lstm.init_params(3, 4, rng=0, dtype=np.float32)
    x = np.random.default_rng(0).normal(size=(5, 2, 3)).astype(np.float32)
    tr = lstm.forward(P, x)
    g = lstm.backward(P, tr, np.ones_like(tr.h))
    assert tr.h.dtype == np.float32 and g.W.dtype == np.float32 and g.x.dtype == np.float32
    P64 = lstm.LSTMParams(*(a.astype(np.float64) for a in (P.W, P.R, P.b, P.p)))
    np.testing.assert_allclose(tr.h, lstm.forward(P64, x.astype(np.float64)).h, atol=1e-5)


def test_sigmoid_gates_do_not_overflow_for_huge_net_inputs():
    P = lstm.init_params(1, 2, rng=0)
    x = np.full((3, 1, 1), 1e4)
    with np.errstate(all="raise"):
        tr = lstm.forward(P, x)
        lstm.backward(P, tr, np.ones_like(tr.h))
    assert np.all(np.isfinite(tr.h))


def test_init_params_documented_initialisation():
    P = lstm.init_params(5, 8, rng=1)
    k = 1 / np.sqrt(8)
    assert np.abs(P.W).max() <= k and np.abs(P.R).max() <= k and np.abs(P.p).max() <= k
    np.testing.assert_array_equal(P.b[8:16], 1.0)
    np.testing.assert_array_equal(np.delete(P.b, np.s_[8:16]), 0.0)
    assert lstm.init_params(5, 8, rng=1, peepholes=False).p is None
    Pn = lstm.init_params(5, 8, rng=1, forget="none")
    assert np.all(Pn.W[8:16] == 0) and np.all(Pn.p[1] == 0)
    # seeded: same numbers twice
    np.testing.assert_array_equal(P.W, lstm.init_params(5, 8, rng=1).W)


def test_forget_bias_starts_the_memory_gate_of_every_variant_alike():
    """forget_bias = 2: b_φ = f(2) at zero input, whether learned or coupled (b_φ = 1 - b_ι)."""
    x = np.zeros((1, 1, 3))
    f2 = 1 / (1 + np.exp(-2.0))
    for forget in ("gate", "coupled"):
        P = lstm.init_params(3, 4, rng=0, peepholes=False, forget=forget, forget_bias=2.0)
        np.testing.assert_allclose(lstm.forward(P, x).b_f, f2, rtol=1e-12)
    cifg = lstm.init_params(3, 4, rng=0, forget="coupled")  # default: input gate bias 0
    np.testing.assert_allclose(lstm.forward(cifg, x).b_f, 0.5, rtol=1e-12)
    with pytest.raises(ValueError, match="forget_bias"):
        lstm.init_params(3, 4, forget="none", forget_bias=2.0)  # b_φ ≡ 1: nothing to set
