"""One layer of neurons -- the deck's ANN: an n-vector in, an m-vector out.

    a_j = Σ_i w_ij x_i + β_j        y_j = θ(a_j)      (the bias β is ``b`` in code)

Forward and backward sit side by side, CS231n style: ``forward`` returns a trace of every
intermediate quantity, ``backward`` takes that trace and ``∂L/∂y``.

Shapes: a batch of N samples, ``x`` of shape `(N, n)`, ``y`` of shape `(N, m)`; the weight
matrix is `(m, n)` (row j holds the weights *into* unit j).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._checks import (
    check_array,
    check_bytes,
    check_float_dtype,
    check_made_with,
    check_positive_int,
    check_rng,
    check_type,
    common_float_dtype,
    seal,
)
from .activations import ACTIVATIONS

__all__ = ["DenseParams", "DenseTrace", "DenseGrads", "init_params", "forward", "backward"]


@dataclass(frozen=True)
class DenseParams:
    """Weights of one dense layer. The arrays are read-only copies owned by the object.

    Attributes
    ----------
    W : ndarray of shape `(m, n)`
        ``W[j, i] = w_ij``, the weight from input i to unit j.
    b : ndarray of shape `(m,)`
        Biases.
    activation : {"sigmoid", "tanh", "identity"}
        The squash θ.
    """

    W: np.ndarray
    b: np.ndarray
    activation: str = "tanh"

    def __post_init__(self):
        if not isinstance(self.activation, str) or self.activation not in ACTIVATIONS:
            raise ValueError(
                f"activation: expected one of {sorted(ACTIVATIONS)}, got {self.activation!r}"
            )
        sizes: dict[str, int] = {}
        object.__setattr__(self, "W", check_array("params.W", self.W, ["m", "n"], sizes=sizes, own=True))
        object.__setattr__(self, "b", check_array("params.b", self.b, ["m"], sizes=sizes, own=True))
        common_float_dtype("params", self.W, self.b)

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_out(self) -> int:
        return self.W.shape[0]


@dataclass(frozen=True)
class DenseTrace:
    """Everything the forward pass computed: ``x`` `(N, n)`, net input ``a`` and output ``y`` `(N, m)`.

    The arrays are read-only and owned by the trace (``x`` is a copy of the input), and
    ``params`` are the parameters it was made with, which :func:`backward` insists on.
    """

    x: np.ndarray
    a: np.ndarray
    y: np.ndarray
    params: DenseParams = field(repr=False, compare=False)


@dataclass(frozen=True)
class DenseGrads:
    """``∂L/∂W`` `(m, n)`, ``∂L/∂b`` `(m,)`, ``∂L/∂x`` `(N, n)` and ``delta = ∂L/∂a`` `(N, m)`."""

    W: np.ndarray
    b: np.ndarray
    x: np.ndarray
    delta: np.ndarray


def init_params(
    n_in: int, n_out: int, *, activation: str = "tanh", rng=None, dtype=np.float64
) -> DenseParams:
    """Glorot-uniform weights, ``U(-√(6/(n+m)), √(6/(n+m)))``, and zero biases."""
    n_in = check_positive_int("n_in", n_in)
    n_out = check_positive_int("n_out", n_out)
    check_bytes("n_out, n_in", n_out * n_in, 8, f"a ({n_out}, {n_in}) weight matrix")
    dtype = check_float_dtype("dtype", dtype)
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(f"activation: expected one of {sorted(ACTIVATIONS)}, got {activation!r}")
    rng = check_rng(rng)
    limit = np.sqrt(6.0 / (n_in + n_out))
    W = rng.uniform(-limit, limit, size=(n_out, n_in)).astype(dtype)
    return DenseParams(W=W, b=np.zeros(n_out, dtype=dtype), activation=activation)


def forward(params: DenseParams, x: np.ndarray) -> DenseTrace:
    """``y = θ(x Wᵀ + b)``.

    Parameters
    ----------
    params : DenseParams
    x : ndarray of shape `(N, n)`

    Returns
    -------
    DenseTrace
    """
    check_type("params", params, DenseParams)
    x = check_array("x", x, ["N", params.n_in], dtype=params.W.dtype, own=True)
    check_bytes("x", 2 * x.shape[0] * params.n_out, x.itemsize, f"the trace of {x.shape[0]} samples")
    a = x @ params.W.T  # (N, m)
    a += params.b
    squash, _ = ACTIVATIONS[params.activation]
    return DenseTrace(x=x, a=seal(a), y=seal(squash(a)), params=params)


def backward(params: DenseParams, trace: DenseTrace, dy: np.ndarray) -> DenseGrads:
    """Gradients from ``dy = ∂L/∂y`` of shape `(N, m)`.

    Notes
    -----
    ``δ_j = θ'(a_j) ∂L/∂y_j``; ``∂L/∂w_ij = Σ_batch δ_j x_i``; ``∂L/∂β_j = Σ_batch δ_j`` (``b``);
    ``∂L/∂x_i = Σ_j w_ij δ_j``.
    """
    check_type("params", params, DenseParams)
    check_type("trace", trace, DenseTrace)
    check_made_with("trace", trace.params, params)
    n = trace.x.shape[0]
    dy = check_array("dy", dy, [n, params.n_out], dtype=params.W.dtype)
    _, dsquash = ACTIVATIONS[params.activation]
    delta = dsquash(trace.y) * dy  # (N, m)
    return DenseGrads(
        W=delta.T @ trace.x,  # (m, N) @ (N, n) -> (m, n)
        b=delta.sum(axis=0),
        x=delta @ params.W,  # (N, m) @ (m, n) -> (N, n)
        delta=delta,
    )
