"""The reader's exercises solved: what the book's dropdown solutions hold (tests/test_tutor.py)."""

import numpy as np

from lstm_core.activations import sigmoid


def dense_backward(dy, x, W, y):
    delta = (1 - y**2) * dy  # (N, m): θ'(a) ∂L/∂y, tanh' = 1 - tanh²
    dW = delta.T @ x  # (m, N) @ (N, n) -> (m, n)
    db = delta.sum(axis=0)  # (m,)
    dx = delta @ W  # (N, m) @ (m, n) -> (N, n)
    return delta, dW, db, dx


def rnn_step_backward(dh, delta_next, x, h_prev, h, W, R):
    eps = dh + delta_next @ R  # ε^t = dh^t + Rᵀ δ^{t+1}, (N, H)
    delta = (1 - h**2) * eps  # δ^t = (1 - (h^t)²) ε^t
    dW = delta.T @ x  # (H, N) @ (N, I)
    dR = delta.T @ h_prev  # (H, N) @ (N, H)
    db = delta.sum(axis=0)
    return eps, delta, dW, dR, db


def rnn_bptt(dh, x, h0, h, W, R):
    T, N, H = h.shape
    delta = np.zeros_like(h)
    dW, dR, db = np.zeros_like(W), np.zeros_like(R), np.zeros(H)
    delta_next = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        h_prev = h[t - 1] if t > 0 else h0
        eps, delta[t], dW_t, dR_t, db_t = rnn_step_backward(dh[t], delta_next, x[t], h_prev, h[t], W, R)
        dW, dR, db = dW + dW_t, dR + dR_t, db + db_t
        delta_next = delta[t]
    return delta, dW, dR, db


def lstm_step_forward(params, x_t, h_prev, s_prev):
    W_i, W_f, W_c, W_o = np.split(params.W, 4)  # (H, I) each
    R_i, R_f, R_c, R_o = np.split(params.R, 4)  # (H, H) each
    b_i, b_f, b_c, b_o = np.split(params.b, 4)  # (H,) each
    p_i, p_f, p_o = params.p  # (H,) each
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + b_i + p_i * s_prev)  # (1)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + b_f + p_f * s_prev)  # (2)
    s = gate_f * s_prev + gate_i * np.tanh(x_t @ W_c.T + h_prev @ R_c.T + b_c)  # (3)
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + b_o + p_o * s)  # (4)
    h = gate_o * np.tanh(s)  # (5)
    return h, s


def lstm_step_backward(params, cache, dh, eps_s_next, delta_next, b_f_next):
    H = params.R.shape[1]
    p_i, p_f, p_o = params.p
    c = cache
    eps_c = dh + delta_next @ params.R  # (6)
    delta_o = c.b_o * (1 - c.b_o) * c.hs * eps_c  # (7)
    eps_s = (
        c.b_o * (1 - c.hs**2) * eps_c
        + b_f_next * eps_s_next  # (8)
        + p_i * delta_next[:, :H]
        + p_f * delta_next[:, H : 2 * H]
        + p_o * delta_o
    )
    delta_i = c.b_i * (1 - c.b_i) * c.g * eps_s  # (9)
    delta_f = c.b_f * (1 - c.b_f) * c.s_prev * eps_s  # (10)
    delta_c = c.b_i * (1 - c.g**2) * eps_s  # (11)
    return eps_c, delta_o, eps_s, delta_i, delta_f, delta_c


def lstm_weight_grads(x, h0, h, s0, s, delta):
    T, N, H = h.shape
    h_prev = np.concatenate([h0[None], h[:-1]])  # b^{t-1}, (T, N, H)
    s_prev = np.concatenate([s0[None], s[:-1]])  # s^{t-1}
    dW = np.einsum("tnk,tni->ki", delta, x)  # Σ_t δ^t (x^t)ᵀ, (4H, I)
    dR = np.einsum("tnk,tnh->kh", delta, h_prev)  # Σ_t δ^t (b^{t-1})ᵀ, (4H, H)
    db = delta.sum(axis=(0, 1))  # (4H,)
    d_i, d_f, d_o = delta[..., :H], delta[..., H : 2 * H], delta[..., 3 * H :]
    dp = np.stack([(d_i * s_prev).sum((0, 1)), (d_f * s_prev).sum((0, 1)), (d_o * s).sum((0, 1))])
    return dW, dR, db, dp
