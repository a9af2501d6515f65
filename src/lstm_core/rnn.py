"""A vanilla (Elman) RNN layer over a sequence, and backpropagation through time.

    a^t = W x^t + R h^{t-1} + b,        h^t = tanh(a^t),        h^0 given (zeros by default)

This is the deck's step "from ANN to RNN": the layer at step t also sees its own output at
step t-1. The backward pass is BPTT:

    ε^t = ∂L/∂h^t = dh^t + Rᵀ δ^{t+1},      δ^t = ∂L/∂a^t = (1 - (h^t)²) ⊙ ε^t

and the weight gradients are sums over time, ``∂L/∂W = Σ_t δ^t (x^t)ᵀ``. Repeated
multiplication by ``diag(1 - h²) Rᵀ`` is what makes ε vanish or explode with distance
(Bengio, Simard & Frasconi 1994; Pascanu, Mikolov & Bengio 2013).

Shapes: ``x`` `(T, N, I)` (time, batch, features), ``h`` `(T, N, H)`.
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

__all__ = ["RNNParams", "RNNTrace", "RNNGrads", "init_params", "forward", "backward"]


@dataclass(frozen=True)
class RNNParams:
    """Weights of a vanilla RNN layer. The arrays are read-only copies owned by the object.

    Attributes
    ----------
    W : ndarray of shape `(H, I)`
        Input weights.
    R : ndarray of shape `(H, H)`
        Recurrent weights, ``R[j, h]`` from unit h at t-1 to unit j at t.
    b : ndarray of shape `(H,)`
        Biases.
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray

    def __post_init__(self):
        sizes: dict[str, int] = {}
        for name, spec in (("W", ["H", "I"]), ("R", ["H", "H"]), ("b", ["H"])):
            arr = check_array(f"params.{name}", getattr(self, name), spec, sizes=sizes, own=True)
            object.__setattr__(self, name, arr)
        common_float_dtype("params", self.W, self.R, self.b)

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[0]


@dataclass(frozen=True)
class RNNTrace:
    """Forward quantities: ``x`` `(T, N, I)`, ``h0`` `(N, H)`, net input ``a`` and ``h`` `(T, N, H)`.

    The arrays are read-only and owned by the trace (``x`` and ``h0`` are copies of the
    inputs), and ``params`` are the parameters it was made with, which :func:`backward`
    insists on.
    """

    x: np.ndarray
    h0: np.ndarray
    a: np.ndarray
    h: np.ndarray
    params: RNNParams = field(repr=False, compare=False)


@dataclass(frozen=True)
class RNNGrads:
    """Gradients: ``W, R, b`` like the params, ``x`` `(T, N, I)`, ``h0`` `(N, H)`,
    and per step ``eps`` = ∂L/∂h^t and ``delta`` = ∂L/∂a^t, both `(T, N, H)`."""

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    x: np.ndarray
    h0: np.ndarray
    eps: np.ndarray
    delta: np.ndarray


def init_params(
    n_in: int, n_hidden: int, *, rng=None, spectral_radius: float | None = None, dtype=np.float64
) -> RNNParams:
    """Uniform ``U(-1/√H, 1/√H)`` weights (PyTorch's default), zero biases.

    Parameters
    ----------
    spectral_radius : float, optional
        If given, ``R`` is rescaled so that its largest absolute eigenvalue is this value --
        the knob of the vanishing-gradient chapter.
    """
    n_in = check_positive_int("n_in", n_in)
    n_hidden = check_positive_int("n_hidden", n_hidden)
    check_bytes("n_hidden, n_in", n_hidden * (n_in + n_hidden), 8,
                f"the weights of an RNN layer with H = {n_hidden}, I = {n_in}")
    dtype = check_float_dtype("dtype", dtype)
    rng = check_rng(rng)
    if spectral_radius is not None and not (
        isinstance(spectral_radius, (int, float, np.integer, np.floating))
        and not isinstance(spectral_radius, bool)
        and np.isfinite(spectral_radius)
        and spectral_radius > 0
    ):
        raise ValueError(f"spectral_radius: expected a finite number > 0 or None, got {spectral_radius!r}")
    k = 1.0 / np.sqrt(n_hidden)
    W = rng.uniform(-k, k, size=(n_hidden, n_in))
    R = rng.uniform(-k, k, size=(n_hidden, n_hidden))
    if spectral_radius is not None:
        R *= spectral_radius / np.max(np.abs(np.linalg.eigvals(R)))
    return RNNParams(W=W.astype(dtype), R=R.astype(dtype), b=np.zeros(n_hidden, dtype=dtype))


def forward(params: RNNParams, x: np.ndarray, h0: np.ndarray | None = None) -> RNNTrace:
    """Run the layer over a sequence.

    Parameters
    ----------
    params : RNNParams
    x : ndarray of shape `(T, N, I)`
    h0 : ndarray of shape `(N, H)`, optional
        Initial output; zeros if omitted.

    Returns
    -------
    RNNTrace
    """
    check_type("params", params, RNNParams)
    dtype = params.W.dtype
    H = params.n_hidden
    sizes: dict[str, int] = {}
    x = check_array("x", x, ["T", "N", params.n_in], dtype=dtype, sizes=sizes, own=True)
    T, N, _ = x.shape
    check_bytes("x", 2 * T * N * H, x.itemsize, f"the trace of {T} steps of {N} sequences")
    h0 = seal(np.zeros((N, H), dtype)) if h0 is None else check_array(
        "h0", h0, [N, H], dtype=dtype, own=True)
    a = x.reshape(T * N, -1) @ params.W.T  # (T*N, I) @ (I, H) -> (T*N, H)
    a += params.b
    a = a.reshape(T, N, H)
    h = np.empty_like(a)
    RT = params.R.T
    prev = h0
    for t in range(T):
        a[t] += prev @ RT  # (N, H) @ (H, H)
        np.tanh(a[t], out=h[t])
        prev = h[t]
    return RNNTrace(x=x, h0=h0, a=seal(a), h=seal(h), params=params)


def backward(params: RNNParams, trace: RNNTrace, dh: np.ndarray) -> RNNGrads:
    """BPTT.

    Parameters
    ----------
    params : RNNParams
    trace : RNNTrace
        From :func:`forward` with the same params.
    dh : ndarray of shape `(T, N, H)`
        ∂L/∂h^t arriving from outside the layer (the loss or the next layer), per step.

    Returns
    -------
    RNNGrads
    """
    check_type("params", params, RNNParams)
    check_type("trace", trace, RNNTrace)
    check_made_with("trace", trace.params, params)
    T, N, H = trace.h.shape
    dh = check_array("dh", dh, [T, N, H], dtype=params.W.dtype)
    eps = np.empty_like(dh)
    delta = np.empty_like(dh)
    dprime = 1.0 - trace.h * trace.h  # tanh'(a) for every step at once, (T, N, H)
    carry = np.zeros((N, H), dh.dtype)  # Rᵀ δ^{t+1}
    for t in range(T - 1, -1, -1):
        np.add(dh[t], carry, out=eps[t])
        np.multiply(dprime[t], eps[t], out=delta[t])
        carry = delta[t] @ params.R  # (N, H) @ (H, H)
    hprev = np.concatenate([trace.h0[None], trace.h[:-1]])  # h^{t-1}, (T, N, H)
    d2 = delta.reshape(T * N, H)
    return RNNGrads(
        W=d2.T @ trace.x.reshape(T * N, -1),  # (H, TN) @ (TN, I)
        R=d2.T @ hprev.reshape(T * N, H),  # (H, TN) @ (TN, H)
        b=d2.sum(axis=0),
        x=(d2 @ params.W).reshape(T, N, -1),  # (TN, H) @ (H, I)
        h0=carry,
        eps=eps,
        delta=delta,
    )

# --------------------------------------------------------------------------------------------
# The layer contract (all that lstm_core.stack relies on)
# --------------------------------------------------------------------------------------------

#: The state this layer carries from step to step: the hidden state h. For each name ``n``,
#: ``forward`` takes the initial value as its argument ``n0``, the trace holds every step's
#: value as ``trace.n`` `(T, N, H)` and the initial one as ``trace.n0``, and the gradients
#: hold ∂L/∂(initial value) as ``grads.n0``.
STATE = ("h",)
#: The parameter and trace classes of this layer: a stack finds a layer's module by them.
Params = RNNParams
Trace = RNNTrace
