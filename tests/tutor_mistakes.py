"""A catalogue of typical mistakes in the book's write-it-yourself exercises.

Each entry is a small wrong implementation -- the solution of tests/tutor_solutions.py with one
edit -- the check that must catch it, and a phrase the tutor's answer must contain: the term,
the time index or the derivative that is wrong, in the book's notation. ``MISTAKES`` is data,
so the catalogue can be printed as a table (``python tests/tutor_mistakes.py``).
"""

from __future__ import annotations

import numpy as np
import tutor_solutions as S

from lstm_core.activations import sigmoid

# --- chapter 1: dense backward ---------------------------------------------------------------


def dense_without_derivative(dy, x, W, y):
    delta = dy  # edit: θ'(a) left out
    return delta, delta.T @ x, delta.sum(0), delta @ W


def dense_value_for_derivative(dy, x, W, y):
    delta = y * dy  # edit: θ(a) for θ'(a)
    return delta, delta.T @ x, delta.sum(0), delta @ W


def dense_sigmoid_derivative(dy, x, W, y):
    delta = y * (1 - y) * dy  # edit: the sigmoid's f(1 - f) on a tanh layer
    return delta, delta.T @ x, delta.sum(0), delta @ W


def dense_dW_transposed(dy, x, W, y):
    delta, dW, db, dx = S.dense_backward(dy, x, W, y)
    return delta, x.T @ delta, db, dx  # edit: xᵀ δ for δᵀ x


def dense_db_not_summed(dy, x, W, y):
    delta, dW, db, dx = S.dense_backward(dy, x, W, y)
    return delta, dW, delta, dx  # edit: no sum over the batch


def dense_db_mean(dy, x, W, y):
    delta, dW, db, dx = S.dense_backward(dy, x, W, y)
    return delta, dW, delta.mean(0), dx  # edit: mean for sum


def dense_dx_from_dy(dy, x, W, y):
    delta, dW, db, dx = S.dense_backward(dy, x, W, y)
    return delta, dW, db, dy @ W  # edit: ∂L/∂y for δ


# --- chapter 2: RNN step backward -------------------------------------------------------------


def _rnn_rest(eps, delta, x, h_prev):
    return eps, delta, delta.T @ x, delta.T @ h_prev, delta.sum(0)


def rnn_step_without_carry(dh, delta_next, x, h_prev, h, W, R):
    eps = dh  # edit: Rᵀ δ^{t+1} left out
    return _rnn_rest(eps, (1 - h**2) * eps, x, h_prev)


def rnn_step_carry_with_R_T(dh, delta_next, x, h_prev, h, W, R):
    eps = dh + delta_next @ R.T  # edit: R.T for R
    return _rnn_rest(eps, (1 - h**2) * eps, x, h_prev)


def rnn_step_carry_subtracted(dh, delta_next, x, h_prev, h, W, R):
    eps = dh - delta_next @ R  # edit: sign
    return _rnn_rest(eps, (1 - h**2) * eps, x, h_prev)


def rnn_step_derivative_at_t_minus_1(dh, delta_next, x, h_prev, h, W, R):
    eps = dh + delta_next @ R
    return _rnn_rest(eps, (1 - h_prev**2) * eps, x, h_prev)  # edit: h^{t-1} for h^t


def rnn_step_dR_with_h_t(dh, delta_next, x, h_prev, h, W, R):
    eps, delta, dW, dR, db = S.rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)
    return eps, delta, dW, delta.T @ h, db  # edit: h^t for h^{t-1}


def rnn_step_dR_transposed(dh, delta_next, x, h_prev, h, W, R):
    eps, delta, dW, dR, db = S.rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)
    return eps, delta, dW, h_prev.T @ delta, db  # edit: transposed


# --- chapter 2: BPTT -----------------------------------------------------------------------------


def bptt_loop_forward(dh, x, h0, h, W, R):
    T, N, H = h.shape
    delta, dW, dR, db = np.zeros_like(h), np.zeros_like(W), np.zeros_like(R), np.zeros(H)
    carry = np.zeros((N, H))
    for t in range(T):  # edit: forward in time
        h_prev = h[t - 1] if t > 0 else h0
        delta[t] = (1 - h[t] ** 2) * (dh[t] + carry)
        carry = delta[t] @ R
        dW, dR, db = dW + delta[t].T @ x[t], dR + delta[t].T @ h_prev, db + delta[t].sum(0)
    return delta, dW, dR, db


def bptt_not_accumulated(dh, x, h0, h, W, R):
    T, N, H = h.shape
    delta = np.zeros_like(h)
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        h_prev = h[t - 1] if t > 0 else h0
        delta[t] = (1 - h[t] ** 2) * (dh[t] + carry)
        carry = delta[t] @ R
        dW, dR, db = delta[t].T @ x[t], delta[t].T @ h_prev, delta[t].sum(0)  # edit: = for +=
    return delta, dW, dR, db


def bptt_carries_eps(dh, x, h0, h, W, R):
    T, N, H = h.shape
    delta, dW, dR, db = np.zeros_like(h), np.zeros_like(W), np.zeros_like(R), np.zeros(H)
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        h_prev = h[t - 1] if t > 0 else h0
        eps = dh[t] + carry
        delta[t] = (1 - h[t] ** 2) * eps
        carry = eps @ R  # edit: ε^{t+1} for δ^{t+1}
        dW, dR, db = dW + delta[t].T @ x[t], dR + delta[t].T @ h_prev, db + delta[t].sum(0)
    return delta, dW, dR, db


def bptt_dR_without_h0(dh, x, h0, h, W, R):
    delta, dW, dR, db = S.rnn_bptt(dh, x, h0, h, W, R)
    dR = np.einsum("tnh,tnk->hk", delta[1:], h[:-1])  # edit: step 1's δ^1 (h^0)ᵀ dropped
    return delta, dW, dR, db


def bptt_dW_per_step(dh, x, h0, h, W, R):
    delta, dW, dR, db = S.rnn_bptt(dh, x, h0, h, W, R)
    return delta, np.einsum("tnh,tni->thi", delta, x), dR, db  # edit: not summed over t


# --- chapter 4: LSTM step forward -----------------------------------------------------------------


def _split(params):
    return np.split(params.W, 4), np.split(params.R, 4), np.split(params.b, 4), params.p


def fwd_output_peephole_on_old_state(params, x_t, h_prev, s_prev):
    (W_i, W_f, W_c, W_o), (R_i, R_f, R_c, R_o), (b_i, b_f, b_c, b_o), (p_i, p_f, p_o) = _split(params)
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + b_i + p_i * s_prev)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + b_f + p_f * s_prev)
    s = gate_f * s_prev + gate_i * np.tanh(x_t @ W_c.T + h_prev @ R_c.T + b_c)
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + b_o + p_o * s_prev)  # edit: s_prev for s
    return gate_o * np.tanh(s), s


def fwd_output_not_squashed(params, x_t, h_prev, s_prev):
    h, s = S.lstm_step_forward(params, x_t, h_prev, s_prev)
    gate_o = h / np.tanh(s)
    return gate_o * s, s  # edit: b_ω s for b_ω h(s)


def fwd_cell_input_sigmoid(params, x_t, h_prev, s_prev):
    (W_i, W_f, W_c, W_o), (R_i, R_f, R_c, R_o), (b_i, b_f, b_c, b_o), (p_i, p_f, p_o) = _split(params)
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + b_i + p_i * s_prev)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + b_f + p_f * s_prev)
    s = gate_f * s_prev + gate_i * sigmoid(x_t @ W_c.T + h_prev @ R_c.T + b_c)  # edit: sigmoid for tanh
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + b_o + p_o * s)
    return gate_o * np.tanh(s), s


def fwd_blocks_in_keras_order(params, x_t, h_prev, s_prev):
    (W_i, W_f, W_o, W_c), (R_i, R_f, R_o, R_c), (b_i, b_f, b_o, b_c), (p_i, p_f, p_o) = _split(params)  # edit
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + b_i + p_i * s_prev)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + b_f + p_f * s_prev)
    s = gate_f * s_prev + gate_i * np.tanh(x_t @ W_c.T + h_prev @ R_c.T + b_c)
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + b_o + p_o * s)
    return gate_o * np.tanh(s), s


def fwd_without_biases(params, x_t, h_prev, s_prev):
    (W_i, W_f, W_c, W_o), (R_i, R_f, R_c, R_o), _, (p_i, p_f, p_o) = _split(params)  # edit: no β
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + p_i * s_prev)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + p_f * s_prev)
    s = gate_f * s_prev + gate_i * np.tanh(x_t @ W_c.T + h_prev @ R_c.T)
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + p_o * s)
    return gate_o * np.tanh(s), s


def fwd_gates_swapped_in_eq3(params, x_t, h_prev, s_prev):
    (W_i, W_f, W_c, W_o), (R_i, R_f, R_c, R_o), (b_i, b_f, b_c, b_o), (p_i, p_f, p_o) = _split(params)
    gate_i = sigmoid(x_t @ W_i.T + h_prev @ R_i.T + b_i + p_i * s_prev)
    gate_f = sigmoid(x_t @ W_f.T + h_prev @ R_f.T + b_f + p_f * s_prev)
    s = gate_i * s_prev + gate_f * np.tanh(x_t @ W_c.T + h_prev @ R_c.T + b_c)  # edit: ι ↔ φ
    gate_o = sigmoid(x_t @ W_o.T + h_prev @ R_o.T + b_o + p_o * s)
    return gate_o * np.tanh(s), s


def fwd_returns_s_then_h(params, x_t, h_prev, s_prev):
    h, s = S.lstm_step_forward(params, x_t, h_prev, s_prev)
    return s, h  # edit: order


# --- chapter 5: LSTM step backward -------------------------------------------------------------------


def _bwd_from(params, cache, eps_c, eps_s, *, delta_o=None, delta_i=None, delta_f=None, delta_c=None):
    """The rest of the correct step from the reader's ε_c and ε_s, with the edited δ in place."""
    c = cache
    return (
        eps_c,
        c.b_o * (1 - c.b_o) * c.hs * eps_c if delta_o is None else delta_o,
        eps_s,
        c.b_i * (1 - c.b_i) * c.g * eps_s if delta_i is None else delta_i,
        c.b_f * (1 - c.b_f) * c.s_prev * eps_s if delta_f is None else delta_f,
        c.b_i * (1 - c.g**2) * eps_s if delta_c is None else delta_c,
    )


def _eps_s(params, c, eps_c, delta_o, eps_s_next, delta_next, b_f_next, drop=(), b_f=None, delta_o_8=None):
    H = params.R.shape[1]
    p_i, p_f, p_o = params.p
    terms = {
        "b_c": c.b_o * (1 - c.hs**2) * eps_c,
        "carousel": (b_f_next if b_f is None else b_f) * eps_s_next,
        "a_i": p_i * delta_next[:, :H],
        "a_f": p_f * delta_next[:, H : 2 * H],
        "a_o": p_o * (delta_o if delta_o_8 is None else delta_o_8),
    }
    return sum(v for k, v in terms.items() if k not in drop)


def bwd_eps_c_without_recurrent_sum(params, cache, dh, eps_s_next, delta_next, b_f_next):
    eps_c = dh  # edit: Σ_g w_cg δ_g^{t+1} left out
    delta_o = cache.b_o * (1 - cache.b_o) * cache.hs * eps_c
    return _bwd_from(
        params, cache, eps_c, _eps_s(params, cache, eps_c, delta_o, eps_s_next, delta_next, b_f_next)
    )


def bwd_delta_o_with_f_not_f_prime(params, cache, dh, eps_s_next, delta_next, b_f_next):
    c = cache
    eps_c = dh + delta_next @ params.R
    delta_o = c.b_o * c.hs * eps_c  # edit: f(a_ω) for f'(a_ω)
    eps_s = _eps_s(params, c, eps_c, delta_o, eps_s_next, delta_next, b_f_next)
    return _bwd_from(params, c, eps_c, eps_s, delta_o=delta_o)


def bwd_delta_o_with_s_not_h_of_s(params, cache, dh, eps_s_next, delta_next, b_f_next):
    c = cache
    eps_c = dh + delta_next @ params.R
    delta_o = c.b_o * (1 - c.b_o) * c.s * eps_c  # edit: s for h(s)
    eps_s = _eps_s(params, c, eps_c, delta_o, eps_s_next, delta_next, b_f_next)
    return _bwd_from(params, c, eps_c, eps_s, delta_o=delta_o)


def _bwd_eps_s_edit(**edit):
    def wrong(params, cache, dh, eps_s_next, delta_next, b_f_next):
        c = cache
        eps_c = dh + delta_next @ params.R
        delta_o = c.b_o * (1 - c.b_o) * c.hs * eps_c
        eps_s = _eps_s(params, c, eps_c, delta_o, eps_s_next, delta_next, b_f_next, **edit)
        return _bwd_from(params, c, eps_c, eps_s)

    return wrong


bwd_eps_s_without_output_peephole = _bwd_eps_s_edit(drop=("a_o",))
bwd_eps_s_without_carousel = _bwd_eps_s_edit(drop=("carousel",))
bwd_eps_s_without_any_peephole = _bwd_eps_s_edit(drop=("a_i", "a_f", "a_o"))


def bwd_eps_s_forget_gate_of_step_t(params, cache, dh, eps_s_next, delta_next, b_f_next):
    return _bwd_eps_s_edit(b_f=cache.b_f)(params, cache, dh, eps_s_next, delta_next, b_f_next)  # edit


def bwd_eps_s_output_peephole_from_t_plus_1(params, cache, dh, eps_s_next, delta_next, b_f_next):
    H = params.R.shape[1]
    edit = _bwd_eps_s_edit(delta_o_8=delta_next[:, 3 * H :])  # edit: δ_ω^{t+1} for δ_ω^t
    return edit(params, cache, dh, eps_s_next, delta_next, b_f_next)


def bwd_eps_s_h_for_h_prime(params, cache, dh, eps_s_next, delta_next, b_f_next):
    c = cache
    eps_c, delta_o, eps_s, *_ = S.lstm_step_backward(params, c, dh, eps_s_next, delta_next, b_f_next)
    eps_s = eps_s - c.b_o * (1 - c.hs**2) * eps_c + c.b_o * c.hs * eps_c  # edit: h(s) for h'(s)
    return _bwd_from(params, c, eps_c, eps_s)


def _bwd_delta_edit(name, make):
    def wrong(params, cache, dh, eps_s_next, delta_next, b_f_next):
        eps_c, _, eps_s, *_ = S.lstm_step_backward(params, cache, dh, eps_s_next, delta_next, b_f_next)
        return _bwd_from(params, cache, eps_c, eps_s, **{name: make(cache, eps_c, eps_s)})

    return wrong


bwd_delta_i_with_net_input = _bwd_delta_edit("delta_i", lambda c, ec, es: c.b_i * (1 - c.b_i) * c.a_c * es)
bwd_delta_f_with_new_state = _bwd_delta_edit("delta_f", lambda c, ec, es: c.b_f * (1 - c.b_f) * c.s * es)
bwd_delta_f_derivative_of_net_input = _bwd_delta_edit(
    "delta_f", lambda c, ec, es: c.a_f * (1 - c.a_f) * c.s_prev * es
)
bwd_delta_c_g_for_g_prime = _bwd_delta_edit("delta_c", lambda c, ec, es: c.b_i * c.g * es)
bwd_delta_c_with_eps_c = _bwd_delta_edit("delta_c", lambda c, ec, es: c.b_i * (1 - c.g**2) * ec)
bwd_delta_i_sign = _bwd_delta_edit("delta_i", lambda c, ec, es: -c.b_i * (1 - c.b_i) * c.g * es)


# --- chapter 5: weight gradients (12) --------------------------------------------------------------


def _wg(x, h0, h, s0, s, delta, *, h_prev=None, src_if=None, src_o=None, o_block=3):
    T, N, H = h.shape
    h_prev = np.concatenate([h0[None], h[:-1]]) if h_prev is None else h_prev
    s_prev = np.concatenate([s0[None], s[:-1]])
    src_if = s_prev if src_if is None else src_if
    src_o = s if src_o is None else src_o
    blk = lambda k: delta[..., k * H : (k + 1) * H]
    dp = np.stack(
        [(blk(0) * src_if).sum((0, 1)), (blk(1) * src_if).sum((0, 1)), (blk(o_block) * src_o).sum((0, 1))]
    )
    return (
        np.einsum("tnk,tni->ki", delta, x),
        np.einsum("tnk,tnh->kh", delta, h_prev),
        delta.sum((0, 1)),
        dp,
    )


def wg_dR_with_h_t(x, h0, h, s0, s, delta):
    return _wg(x, h0, h, s0, s, delta, h_prev=h)  # edit: b^t for b^{t-1}


def wg_output_peephole_with_old_state(x, h0, h, s0, s, delta):
    return _wg(x, h0, h, s0, s, delta, src_o=np.concatenate([s0[None], s[:-1]]))  # edit: s^{t-1} for s^t


def wg_input_forget_peepholes_with_new_state(x, h0, h, s0, s, delta):
    return _wg(x, h0, h, s0, s, delta, src_if=s)  # edit: s^t for s^{t-1}


def wg_output_peephole_from_cell_block(x, h0, h, s0, s, delta):
    return _wg(x, h0, h, s0, s, delta, o_block=2)  # edit: block 2 (c) for 3 (ω)


def wg_mean_over_batch(x, h0, h, s0, s, delta):
    N = x.shape[1]
    return tuple(g / N for g in S.lstm_weight_grads(x, h0, h, s0, s, delta))  # edit: mean for sum


def wg_db_not_summed_over_batch(x, h0, h, s0, s, delta):
    dW, dR, db, dp = S.lstm_weight_grads(x, h0, h, s0, s, delta)
    return dW, dR, delta.sum(0), dp  # edit: summed over t only


# (name, wrong function, check, a phrase the tutor's answer must contain)
MISTAKES = [
    ("dense: θ'(a) left out", dense_without_derivative, "check_dense_backward", "missing the factor θ'(a)"),
    ("dense: θ(a) for θ'(a)", dense_value_for_derivative, "check_dense_backward", "uses θ(a) = y"),
    (
        "dense: sigmoid's derivative on tanh",
        dense_sigmoid_derivative,
        "check_dense_backward",
        "sigmoid's derivative",
    ),
    ("dense: dW transposed", dense_dW_transposed, "check_dense_backward", "shape of the transpose"),
    (
        "dense: db not summed over the batch",
        dense_db_not_summed,
        "check_dense_backward",
        "one term per sample -- sum them over the batch",
    ),
    ("dense: db averaged", dense_db_mean, "check_dense_backward", "averaged over the batch"),
    ("dense: dx from dy", dense_dx_from_dy, "check_dense_backward", "∂L/∂x is built from ∂L/∂y"),
    ("rnn step: no carry Rᵀδ^{t+1}", rnn_step_without_carry, "check_rnn_step_backward", "missing Rᵀ δ^{t+1}"),
    (
        "rnn step: R.T in the carry",
        rnn_step_carry_with_R_T,
        "check_rnn_step_backward",
        "uses R where Rᵀ belongs",
    ),
    (
        "rnn step: carry subtracted",
        rnn_step_carry_subtracted,
        "check_rnn_step_backward",
        "subtracts the carry",
    ),
    ("rnn step: tanh' at t−1", rnn_step_derivative_at_t_minus_1, "check_rnn_step_backward", "1 − (h^{t−1})²"),
    (
        "rnn step: dR with h^t",
        rnn_step_dR_with_h_t,
        "check_rnn_step_backward",
        "uses h^t where it needs h^{t−1}",
    ),
    ("rnn step: dR transposed", rnn_step_dR_transposed, "check_rnn_step_backward", "∂L/∂R is transposed"),
    ("bptt: loop forward in time", bptt_loop_forward, "check_rnn_bptt", "runs forward in time"),
    ("bptt: = for +=", bptt_not_accumulated, "check_rnn_bptt", "keep only step 1's term"),
    ("bptt: carries ε not δ", bptt_carries_eps, "check_rnn_bptt", "Rᵀ ε^{t+1}"),
    ("bptt: dR without h0", bptt_dR_without_h0, "check_rnn_bptt", "missing step 1's term δ^1 (h^0)ᵀ"),
    ("bptt: dW not summed over steps", bptt_dW_per_step, "check_rnn_bptt", "one term per step"),
    (
        "lstm fwd: ω peeps at s^{t−1}",
        fwd_output_peephole_on_old_state,
        "check_lstm_step_forward",
        "output gate's peephole reads s_c^{t−1}",
    ),
    (
        "lstm fwd: no squash h in (5)",
        fwd_output_not_squashed,
        "check_lstm_step_forward",
        "missing the squash h",
    ),
    (
        "lstm fwd: g = sigmoid",
        fwd_cell_input_sigmoid,
        "check_lstm_step_forward",
        "cell input is squashed with the sigmoid",
    ),
    ("lstm fwd: blocks (ι, φ, ω, c)", fwd_blocks_in_keras_order, "check_lstm_step_forward", "(ι, φ, ω, c)"),
    ("lstm fwd: no biases", fwd_without_biases, "check_lstm_step_forward", "biases β are missing"),
    (
        "lstm fwd: ι, φ swapped in (3)",
        fwd_gates_swapped_in_eq3,
        "check_lstm_step_forward",
        "(3) has the gates swapped",
    ),
    ("lstm fwd: returns (s, h)", fwd_returns_s_then_h, "check_lstm_step_forward", "wrong order"),
    (
        "lstm bwd: (6) without Rᵀδ^{t+1}",
        bwd_eps_c_without_recurrent_sum,
        "check_lstm_step_backward",
        "missing the second sum of (6)",
    ),
    (
        "lstm bwd: (7) f for f'",
        bwd_delta_o_with_f_not_f_prime,
        "check_lstm_step_backward",
        "δ_ω^t uses f(a_ω^t)",
    ),
    (
        "lstm bwd: (7) s for h(s)",
        bwd_delta_o_with_s_not_h_of_s,
        "check_lstm_step_backward",
        "uses s_c^t where (7) needs h(s_c^t)",
    ),
    (
        "lstm bwd: (8) without w_cω δ_ω^t",
        bwd_eps_s_without_output_peephole,
        "check_lstm_step_backward",
        "missing the path through the output gate's peephole, w_cω δ_ω^t",
    ),
    (
        "lstm bwd: (8) without the carousel",
        bwd_eps_s_without_carousel,
        "check_lstm_step_backward",
        "missing the carousel b_φ^{t+1} ε_s^{t+1}",
    ),
    (
        "lstm bwd: (8) b_φ^t for b_φ^{t+1}",
        bwd_eps_s_forget_gate_of_step_t,
        "check_lstm_step_backward",
        "b_φ^t where (8) needs b_φ^{t+1}",
    ),
    (
        "lstm bwd: (8) no peephole paths",
        bwd_eps_s_without_any_peephole,
        "check_lstm_step_backward",
        "missing all three peephole paths",
    ),
    (
        "lstm bwd: (8) δ_ω^{t+1} for δ_ω^t",
        bwd_eps_s_output_peephole_from_t_plus_1,
        "check_lstm_step_backward",
        "δ_ω^{t+1} where (8) needs δ_ω^t",
    ),
    (
        "lstm bwd: (8) h for h'",
        bwd_eps_s_h_for_h_prime,
        "check_lstm_step_backward",
        "path 1 uses h(s_c^t) where (8) needs h'(s_c^t)",
    ),
    (
        "lstm bwd: (9) a_c for g(a_c)",
        bwd_delta_i_with_net_input,
        "check_lstm_step_backward",
        "a_c^t where (9) needs g(a_c^t)",
    ),
    ("lstm bwd: (9) sign", bwd_delta_i_sign, "check_lstm_step_backward", "δ_ι^t has the wrong sign"),
    (
        "lstm bwd: (10) s^t for s^{t−1}",
        bwd_delta_f_with_new_state,
        "check_lstm_step_backward",
        "s_c^t where (10) needs s_c^{t−1}",
    ),
    (
        "lstm bwd: (10) f' of the net input",
        bwd_delta_f_derivative_of_net_input,
        "check_lstm_step_backward",
        "a_φ^t (1 − a_φ^t)",
    ),
    (
        "lstm bwd: (11) g for g'",
        bwd_delta_c_g_for_g_prime,
        "check_lstm_step_backward",
        "g(a_c^t) where (11) needs g'(a_c^t)",
    ),
    (
        "lstm bwd: (11) ε_c for ε_s",
        bwd_delta_c_with_eps_c,
        "check_lstm_step_backward",
        "δ_c^t uses ε_c^t where (11) needs ε_s^t",
    ),
    ("(12): dR with b^t", wg_dR_with_h_t, "check_lstm_weight_grads", "uses b^t where (12) needs b^{t−1}"),
    (
        "(12): w_cω with s^{t−1}",
        wg_output_peephole_with_old_state,
        "check_lstm_weight_grads",
        "∂L/∂w_cω uses s_c^{t−1} where (12) needs s_c^t",
    ),
    (
        "(12): w_cι, w_cφ with s^t",
        wg_input_forget_peepholes_with_new_state,
        "check_lstm_weight_grads",
        "use s_c^t where (12) needs s_c^{t−1}",
    ),
    (
        "(12): w_cω from δ_c",
        wg_output_peephole_from_cell_block,
        "check_lstm_weight_grads",
        "uses δ_c (block 2 of δ)",
    ),
    (
        "(12): averaged over the batch",
        wg_mean_over_batch,
        "check_lstm_weight_grads",
        "averaged over the batch",
    ),
    (
        "(12): db not summed over the batch",
        wg_db_not_summed_over_batch,
        "check_lstm_weight_grads",
        "one term per sample -- sum them over the batch",
    ),
]


if __name__ == "__main__":  # the catalogue as a table: mistake -> what the tutor says
    from lstm_core import tutor

    print("| mistake | what the tutor says |\n| --- | --- |")
    for name, fn, check, _ in MISTAKES:
        print(f"| {name} | {getattr(tutor, check)(fn).message} |")
