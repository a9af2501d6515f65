"""The constant error carousel, measured: how far back in time the error signal reaches.

Hochreiter & Schmidhuber (1997) built the LSTM cell around one idea: a linear unit whose
self-connection has weight 1, so that the error flowing back through it is multiplied by
1 at every step -- the *constant error carousel* (CEC). Gers, Schmidhuber & Cummins (2000)
put a forget gate on that self-connection; in the peephole LSTM of Graves (2012, ch. 4),
eq (8) of the book says how much of ε_s^{t+1} survives one step back:

    ε_s^t = b_ω^t h'(s_c^t) ε_c^t + b_φ^{t+1} ε_s^{t+1}
            + w_cι δ_ι^{t+1} + w_cφ δ_φ^{t+1} + w_cω δ_ω^t

This module measures that, for the book's chapter on the LSTM backward pass:

- :func:`lstm_error_flow` and :func:`rnn_error_flow`: the size of the error signal at every
  step, ‖ε_s^t‖ in an LSTM layer and ‖ε^t‖ = ‖∂L/∂h^t‖ in a vanilla RNN, when the loss is
  read at the last step only (:func:`loss_at_last_step`) -- the constant error carousel
  beside the vanishing gradient (Bengio, Simard & Frasconi 1994);
- :func:`carousel_gain`: ∂s_c^t/∂s_c^{t-1} along the cell's own paths, the factor eq (8)
  multiplies ε_s^t by on its way to ε_s^{t-1};
- :func:`eps_s_terms`: the five terms of eq (8), one per path from s_c^t to the loss, at
  every step -- which paths carry the error.

ε_s^t itself by finite differences on the cell state is in :mod:`lstm_core.measure.internal_gradients`.

Time is 1-based in the equations and 0-based along the first axis of the arrays: array
index ``t`` holds step t + 1.
"""

from __future__ import annotations

import numpy as np

from .. import lstm, rnn
from .._checks import check_array, check_made_with, check_type

__all__ = [
    "loss_at_last_step",
    "lstm_error_flow",
    "rnn_error_flow",
    "carousel_gain",
    "EPS_S_PATHS",
    "eps_s_terms",
]


def loss_at_last_step(h: np.ndarray) -> tuple[float, np.ndarray]:
    """The loss ``L = Σ_n Σ_j h_j^T``: the sum of the layer's outputs at the last step.

    A loss that only the last step sees makes every earlier ε a pure *carried* error: what
    arrives at step t has travelled T - t steps back through the recurrence.

    Parameters
    ----------
    h : ndarray of shape `(T, N, H)`
        The layer's outputs (``trace.h`` of an LSTM or an RNN).

    Returns
    -------
    L : float
    dh : ndarray of shape `(T, N, H)`
        ∂L/∂h^t: ones at the last step, zeros before.
    """
    h = check_array("h", h, ["T", "N", "H"])
    dh = np.zeros_like(h)
    dh[-1] = 1.0
    return float(h[-1].sum()), dh


def lstm_error_flow(
    params: lstm.LSTMParams,
    x: np.ndarray,
    *,
    h0: np.ndarray | None = None,
    s0: np.ndarray | None = None,
) -> np.ndarray:
    """‖ε_s^t‖ at every step, for the loss of :func:`loss_at_last_step`.

    Parameters
    ----------
    params : LSTMParams
    x : ndarray of shape `(T, N, I)`
    h0, s0 : ndarray of shape `(N, H)`, optional
        Initial output and cell state.

    Returns
    -------
    ndarray of shape `(T,)`
        The Euclidean norm of ε_s^t = ∂L/∂s_c^t (eq 8) over the batch and the blocks.
    """
    trace = lstm.forward(params, x, h0=h0, s0=s0)
    _, dh = loss_at_last_step(trace.h)
    grads = lstm.backward(params, trace, dh)
    return np.linalg.norm(grads.eps_s.reshape(len(grads.eps_s), -1), axis=1)


def rnn_error_flow(
    params: rnn.RNNParams, x: np.ndarray, *, h0: np.ndarray | None = None
) -> np.ndarray:
    """‖ε^t‖ = ‖∂L/∂h^t‖ of a vanilla RNN at every step, for the loss of
    :func:`loss_at_last_step`.

    Parameters
    ----------
    params : RNNParams
    x : ndarray of shape `(T, N, I)`
    h0 : ndarray of shape `(N, H)`, optional

    Returns
    -------
    ndarray of shape `(T,)`
    """
    trace = rnn.forward(params, x, h0=h0)
    _, dh = loss_at_last_step(trace.h)
    grads = rnn.backward(params, trace, dh)
    return np.linalg.norm(grads.eps.reshape(len(grads.eps), -1), axis=1)


def carousel_gain(params: lstm.LSTMParams, trace: lstm.LSTMTrace) -> np.ndarray:
    """∂s_c^t/∂s_c^{t-1} with the block outputs b^{t-1} held fixed: the carousel's gain.

    From eqs (1)-(3), s_c^t depends on s_c^{t-1} directly (through b_φ^t) and through the
    two peepholes into the input and forget gates:

        ∂s_c^t/∂s_c^{t-1} = b_φ^t + w_cι f'(a_ι^t) g(a_c^t) + w_cφ f'(a_φ^t) s_c^{t-1}

    -- exactly the factors of b_φ^{t+1} ε_s^{t+1}, w_cι δ_ι^{t+1} and w_cφ δ_φ^{t+1} in
    eq (8), one step later. Without peepholes and without a forget gate
    (``forget="none"``) it is exactly 1: the constant error carousel of Hochreiter &
    Schmidhuber (1997). The remaining path, through b_c^{t-1} and the recurrent weights R,
    is not part of the carousel.

    Parameters
    ----------
    params : LSTMParams
        The parameters the trace was computed with.
    trace : LSTMTrace
        From :func:`lstm_core.lstm.forward`.

    Returns
    -------
    ndarray of shape `(T, N, H)`
        Entry ``t`` is the gain from s_c^{t-1} (``trace.s_prev[t]``) to s_c^t (``trace.s[t]``).
    """
    check_type("params", params, lstm.LSTMParams)
    check_type("trace", trace, lstm.LSTMTrace)
    check_made_with("trace", trace.params, params)
    bi, bf, g, s_prev = trace.b_i, trace.b_f, trace.g, trace.s_prev
    if params.forget == "coupled":  # b_φ = 1 - b_ι: the input gate's peephole acts twice
        gain = bf.copy()
        if params.p is not None:
            gain += params.p[0] * bi * (1.0 - bi) * (g - s_prev)
        return gain
    gain = bf.copy()  # (T, N, H); ones when forget == "none"
    if params.p is not None:
        gain += params.p[0] * bi * (1.0 - bi) * g  # w_cι f'(a_ι) g(a_c)
        if params.forget == "gate":
            gain += params.p[1] * bf * (1.0 - bf) * s_prev  # w_cφ f'(a_φ) s^{t-1}
    return gain


#: The five paths of eq (8) from s_c^t to the loss, in the equation's order: the quantity
#: each path goes through, and the term it contributes.
EPS_S_PATHS = {
    "b_c": "b_ω^t h'(s_c^t) ε_c^t  (the cell output b_c^t, eq 5)",
    "s_next": "b_φ^{t+1} ε_s^{t+1}  (the next state s_c^{t+1}, eq 3: the carousel)",
    "a_i_next": "w_cι δ_ι^{t+1}  (the input gate's peephole at t+1, eq 1)",
    "a_f_next": "w_cφ δ_φ^{t+1}  (the forget gate's peephole at t+1, eq 2)",
    "a_o": "w_cω δ_ω^t  (the output gate's peephole at t, eq 4)",
}


def eps_s_terms(
    params: lstm.LSTMParams, trace: lstm.LSTMTrace, grads: lstm.LSTMGrads
) -> dict[str, np.ndarray]:
    """The five terms of eq (8), each `(T, N, H)`; they add up to ``grads.eps_s``.

    ε_s^t = b_ω^t h'(s_c^t) ε_c^t + b_φ^{t+1} ε_s^{t+1} + w_cι δ_ι^{t+1} + w_cφ δ_φ^{t+1}
    + w_cω δ_ω^t, with every quantity at t + 1 zero at the last step (unless ``ds_T`` was
    passed to :func:`lstm_core.lstm.backward`; then the carousel term at the last step is
    ``ds_T``, which this function cannot see and leaves out).

    Parameters
    ----------
    params : LSTMParams
    trace : LSTMTrace
        From ``lstm.forward(params, x, ...)``.
    grads : LSTMGrads
        From ``lstm.backward(params, trace, dh)``.

    Returns
    -------
    dict of str to ndarray of shape `(T, N, H)`
        Keys of :data:`EPS_S_PATHS`. Without peepholes the three peephole terms are zero;
        with ``forget="coupled"`` the carousel term is b_φ^{t+1} ε_s^{t+1} with
        b_φ = 1 - b_ι, and the input gate's path also carries the coupling.
    """
    check_type("params", params, lstm.LSTMParams)
    check_type("trace", trace, lstm.LSTMTrace)
    check_type("grads", grads, lstm.LSTMGrads)
    check_made_with("trace", trace.params, params)
    if grads.eps_s.shape != trace.s.shape or trace.s.shape[-1] != params.n_hidden:
        raise ValueError(
            f"grads: expected eps_s of shape {trace.s.shape} (that of trace.s, H = "
            f"{params.n_hidden}), got {grads.eps_s.shape}"
        )

    def next_step(a: np.ndarray) -> np.ndarray:  # a^{t+1} at index t, zero after the end
        out = np.zeros_like(a)
        out[:-1] = a[1:]
        return out

    zero = np.zeros_like(grads.eps_s)
    p = params.p
    return {
        "b_c": trace.b_o * (1.0 - trace.hs**2) * grads.eps_c,
        "s_next": next_step(trace.b_f * grads.eps_s),
        "a_i_next": zero if p is None else p[0] * next_step(grads.delta_i),
        "a_f_next": zero if p is None else p[1] * next_step(grads.delta_f),
        "a_o": zero if p is None else p[2] * grads.delta_o,
    }
