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

from dataclasses import dataclass

import numpy as np

from ._checks import check_array, check_positive_int, check_rng, check_type, common_float_dtype

__all__ = ["RNNParams", "RNNTrace", "RNNGrads", "init_params", "forward", "backward"]


@dataclass(frozen=True)
class RNNParams:
    """Weights of a vanilla RNN layer.

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
        check_array("params.W", self.W, ["H", "I"], sizes=sizes)
        check_array("params.R", self.R, ["H", "H"], sizes=sizes)
        check_array("params.b", self.b, ["H"], sizes=sizes)
        common_float_dtype("params", self.W, self.R, self.b)

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[0]


@dataclass(frozen=True)
class RNNTrace:
    """Forward quantities: ``x`` `(T, N, I)`, ``h0`` `(N, H)`, net input ``a`` and ``h`` `(T, N, H)`."""

    x: np.ndarray
    h0: np.ndarray
    a: np.ndarray
    h: np.ndarray


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
    rng = check_rng(rng)
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
    x = check_array("x", x, ["T", "N", params.n_in], dtype=dtype, sizes=sizes)
    T, N, _ = x.shape
    h0 = np.zeros((N, H), dtype) if h0 is None else check_array("h0", h0, [N, H], dtype=dtype)
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
    return RNNTrace(x=x, h0=h0, a=a, h=h)


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
    T, N, H = trace.h.shape
    if H != params.n_hidden:
        raise ValueError(f"trace: expected H = {params.n_hidden} (from params), got shape {trace.h.shape}")
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
