"""Finite differences inside an LSTM layer: ε_c^t, ε_s^t and δ^t, one step at a time.

:mod:`lstm_core.gradcheck` judges the weight gradients of eq (12). The per-step quantities
of equations (6)-(11) are gradients as well -- of the loss with respect to quantities that
live *inside* the forward pass of Graves (2012, ch. 4):

    ε_c^t = ∂L/∂b_c^t (eq 6),     ε_s^t = ∂L/∂s_c^t (eq 8),     δ_j^t = ∂L/∂a_j^t (eqs 7, 9-11)

so each can be judged on its own, at each step, by nudging that one quantity and running
the rest of the sequence again. Nothing here uses :func:`lstm_core.lstm.backward`; every
function only calls :func:`lstm_core.lstm.forward`:

- :func:`output_gradient_numeric`: nudge the cell output b_c^t, restart the layer from it;
- :func:`state_gradient_numeric`: nudge the cell state s_c^t; the output gate (whose
  peephole reads s_c^t, eq 4) and the cell output b_c^t (eq 5) are recomputed, then the layer
  restarts from (b_c^t, s_c^t);
- :func:`net_input_gradient_numeric`: nudge the net input a_j^t of one gate at one step
  only, through a *probe* -- an extra input feature that is 1 at that step and that
  sequence and 0 elsewhere, with its own column of weights: the derivative of L with
  respect to the probe weight into unit j is then exactly δ_j^t (by eq 12, with source 1
  at one step).

The loss is any function of the layer's outputs, ``loss(h) -> float`` with ``h`` of shape
`(T, N, H)` (e.g. a dense read-out and a squared error); the gradient it sends into the
layer, ∂L/∂b_c^t from outside, is the first sum of eq (6).

Time is 0-based along the arrays: index ``t`` is step t + 1 of the equations.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import gradcheck, lstm
from .._checks import check_number, check_type

__all__ = [
    "output_gradient_numeric",
    "state_gradient_numeric",
    "net_input_gradient_numeric",
]

Loss = Callable[[np.ndarray], float]


def _setup(params, x, t, h0, s0, loss, step):
    check_type("params", params, lstm.LSTMParams)
    check_number("step", step, lo=0.0, lo_open=True)
    if not callable(loss):
        raise TypeError(f"loss: expected a callable loss(h) -> float, got {type(loss).__name__}")
    trace = lstm.forward(params, x, h0=h0, s0=s0)
    T = trace.h.shape[0]
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < T:
        raise ValueError(f"t: expected an integer step index with 0 <= t < T = {T}, got {t!r}")
    return trace, int(t)


def _loss_from(params, trace, t, loss, h_t, s_t) -> float:
    """L when step t ends in (b_c^t, s_c^t) = (h_t, s_t) and the layer runs on from there."""
    h = trace.h.copy()  # (T, N, H); steps before t do not change
    h[t] = h_t
    if t + 1 < len(h):
        h[t + 1 :] = lstm.forward(params, trace.x[t + 1 :], h0=h_t, s0=s_t).h
    return float(loss(h))


def output_gradient_numeric(
    params: lstm.LSTMParams,
    x: np.ndarray,
    loss: Loss,
    t: int,
    *,
    h0: np.ndarray | None = None,
    s0: np.ndarray | None = None,
    step: float = 1e-6,
) -> np.ndarray:
    """ε_c^t = ∂L/∂b_c^t by central differences on the cell output, for eq (6).

    b_c^t is read by the loss at step t and, through the recurrent weights, by every gate
    and cell input of step t + 1: the two sums of eq (6). The cell state s_c^t is held.

    Parameters
    ----------
    params : LSTMParams
    x : ndarray of shape `(T, N, I)`
    loss : callable
        ``loss(h) -> float`` of the block outputs ``h`` `(T, N, H)`.
    t : int
        Array index of the step, ``0 <= t < T``.
    h0, s0 : ndarray of shape `(N, H)`, optional
        Initial output and cell state.
    step : float
        The finite-difference step.

    Returns
    -------
    ndarray of shape `(N, H)`
    """
    trace, t = _setup(params, x, t, h0, s0, loss, step)
    h_t = trace.h[t].astype(np.float64).copy()  # (N, H): the array the difference perturbs
    s_t = trace.s[t]
    return gradcheck.numerical_gradient(
        lambda: _loss_from(params, trace, t, loss, h_t, s_t), h_t, h=step
    )


def state_gradient_numeric(
    params: lstm.LSTMParams,
    x: np.ndarray,
    loss: Loss,
    t: int,
    *,
    h0: np.ndarray | None = None,
    s0: np.ndarray | None = None,
    step: float = 1e-6,
) -> np.ndarray:
    """ε_s^t = ∂L/∂s_c^t by central differences on the cell state, for eq (8).

    Everything that reads s_c^t is recomputed: the output gate through its peephole
    (eq 4), the cell output (eq 5) and the rest of the sequence, whose gates peep at s_c^t
    and whose state carries it (eqs 1-3 at step t + 1) -- the five paths of eq (8).

    Parameters and returns as :func:`output_gradient_numeric`.
    """
    trace, t = _setup(params, x, t, h0, s0, loss, step)
    s_t = trace.s[t].astype(np.float64).copy()  # (N, H): the array the difference perturbs
    p_o = 0.0 if params.p is None else params.p[2]  # (H,) peephole w_cω

    def value() -> float:
        a_o = trace.a_o[t] + p_o * (s_t - trace.s[t])  # eq (4) with the nudged state
        b_o = 0.5 + 0.5 * np.tanh(0.5 * a_o)  # f(a_ω^t)
        h_t = b_o * np.tanh(s_t)  # eq (5)
        return _loss_from(params, trace, t, loss, h_t, s_t)

    return gradcheck.numerical_gradient(value, s_t, h=step)


def net_input_gradient_numeric(
    params: lstm.LSTMParams,
    x: np.ndarray,
    loss: Loss,
    t: int,
    *,
    h0: np.ndarray | None = None,
    s0: np.ndarray | None = None,
    step: float = 1e-6,
) -> np.ndarray:
    """δ^t = ∂L/∂a^t for all four net inputs by central differences, for eqs (7), (9)-(11).

    A probe input feature per sequence n, equal to 1 at step t of sequence n and 0 at
    every other step and sequence, is appended to ``x`` with its own weight column (zero).
    Moving that weight by ±h moves a_j^t of sequence n by exactly ±h and touches nothing
    else, so the difference quotient is δ_j^t of that sequence.

    Parameters and returns as :func:`output_gradient_numeric`, except:

    Returns
    -------
    ndarray of shape `(N, 4H)`
        Blocks (δ_ι, δ_φ, δ_c, δ_ω) as in ``LSTMGrads.delta``. Without a learned forget
        gate (``forget="none"`` or ``"coupled"``) a_φ is unused and δ_φ is 0.
    """
    trace, t = _setup(params, x, t, h0, s0, loss, step)
    T, N, H = trace.h.shape
    probe = np.zeros((T, N, N), params.dtype)  # (T, N, N): feature n is 1 at (t, n) only
    probe[t, np.arange(N), np.arange(N)] = 1.0
    x_probe = np.concatenate([trace.x, probe], axis=2)  # (T, N, I + N)
    w_probe = np.zeros((4 * H, N), np.float64)  # (4H, N): the weights the difference moves

    def value() -> float:
        W = np.concatenate([params.W, w_probe.astype(params.dtype)], axis=1)  # (4H, I + N)
        P = lstm.LSTMParams(W=W, R=params.R, b=params.b, p=params.p, forget=params.forget)
        return float(loss(lstm.forward(P, x_probe, h0=trace.h0, s0=trace.s0).h))

    return gradcheck.numerical_gradient(value, w_probe, h=step).T.copy()  # (N, 4H)

