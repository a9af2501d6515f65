"""The tutor's checks for chapter 1: the dense layer's backward pass."""

from __future__ import annotations

import numpy as np

from .. import dense
from .runner import (
    TIME_LIMIT_S,
    CheckResult,
    _Case,
    _check,
    _generic,
    _rng,
)

# --- Chapter 1: the dense layer's backward pass --------------------------------------------------------

_DENSE_ARGS = ("dy", "x", "W", "y")


def _dense_case(name, N, n, m, seed) -> _Case:
    rng = _rng(seed)
    params = dense.DenseParams(W=rng.normal(size=(m, n)), b=rng.normal(size=m), activation="tanh")
    x, dy = rng.normal(size=(N, n)), rng.normal(size=(N, m))
    tr = dense.forward(params, x)
    g = dense.backward(params, tr, dy)
    ctx = {"dy": dy, "x": x, "W": params.W, "y": tr.y, "N": N}
    return _Case(name, (dy, x, params.W, tr.y), ctx, {"delta": g.delta, "dW": g.W, "db": g.b, "dx": g.x})


def _dense_spec(case):
    N, n = case.ctx["x"].shape
    m = case.ctx["W"].shape[0]
    return [("delta", "δ", (N, m)), ("dW", "∂L/∂W", (m, n)), ("db", "∂L/∂β", (m,)), ("dx", "∂L/∂x", (N, n))]


def _dense_candidates(case, name):
    c, e = case.ctx, case.expected
    dy, x, W, y, d = c["dy"], c["x"], c["W"], c["y"], e["delta"]
    if name == "delta":
        return [
            ("δ is missing the factor θ'(a) = 1 − y²: δ_j = θ'(a_j) ∂L/∂y_j, not ∂L/∂y_j.", dy),
            ("δ uses θ(a) = y where θ'(a) = 1 − y² belongs (tanh' = 1 − tanh²).", y * dy),
            ("δ uses 1 − y where θ'(a) = 1 − y² belongs: the square is missing.", (1 - y) * dy),
            (
                "δ uses the sigmoid's derivative y(1 − y); this layer squashes with tanh, θ'(a) = 1 − y².",
                y * (1 - y) * dy,
            ),
            *_generic("δ", d),
        ]
    src = {
        "dW": (d.T @ x, dy.T @ x, "δᵀ x"),
        "db": (d.sum(0), dy.sum(0), "Σ_batch δ"),
        "dx": (d @ W, dy @ W, "δ W"),
    }[name]
    symbol = {"dW": "∂L/∂W", "db": "∂L/∂β", "dx": "∂L/∂x"}[name]
    out = [(f"{symbol} is built from ∂L/∂y where it needs δ = θ'(a) ∂L/∂y: {src[2]}.", src[1])]
    if name == "dW":
        out.append(
            (
                "∂L/∂W keeps only the last sample's term: the gradient sums δ_j x_i over the batch.",
                np.outer(d[-1], x[-1]),
            )
        )
    return out + _generic(symbol, src[0], batch=None if name == "dx" else c["N"])


def check_dense_backward(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's backward pass of chapter 1's dense layer ``y = tanh(x Wᵀ + β)``.

    The reader writes ``dense_backward(dy, x, W, y) -> (delta, dW, db, dx)`` with
    ``dy = ∂L/∂y`` `(N, m)`, ``x`` `(N, n)`, ``W`` `(m, n)`, ``y`` `(N, m)` (the layer's output),
    returning δ = ∂L/∂a `(N, m)`, ∂L/∂W `(m, n)`, ∂L/∂β `(m,)` and ∂L/∂x `(N, n)`.

    Parameters
    ----------
    fn : callable
        The reader's function.
    time_limit : float
        Seconds allowed per call.

    Returns
    -------
    CheckResult
    """
    cases = [_dense_case("one sample", 1, 3, 2, 1), _dense_case("a batch of 4", 4, 3, 2, 2)]
    return _check("dense_backward", fn, _DENSE_ARGS, cases, _dense_spec, _dense_candidates, time_limit)


