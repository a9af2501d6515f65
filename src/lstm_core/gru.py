"""The gated recurrent unit (GRU) of Cho et al. (2014), forward and BPTT, in the style of ``lstm``.

Cho, van Merriënboer, Gulcehre, Bahdanau, Bougares, Schwenk & Bengio, "Learning Phrase
Representations using RNN Encoder-Decoder for Statistical Machine Translation", EMNLP 2014.
Greff et al. (2017) list it beside the LSTM variants; it has no cell state and no output
gate: the update gate z interpolates between the old output and a candidate n.

Forward, for H units at once (f the logistic sigmoid)::

    (G1) r^t = f(W_r x^t + R_r h^{t-1} + b_r)                     reset gate
    (G2) z^t = f(W_z x^t + R_z h^{t-1} + b_z)                     update gate
    (G3) n^t = tanh(W_n x^t + b_n + r^t ⊙ (R_n h^{t-1}))          candidate
    (G4) h^t = (1 - z^t) ⊙ n^t + z^t ⊙ h^{t-1}

**Convention.** Row blocks of ``W`` `(3H, I)`, ``R`` `(3H, H)` and ``b`` `(3H,)` are ordered
(r, z, n), PyTorch's order. The reset gate multiplies the *recurrent product* R_n h^{t-1}
(PyTorch's and cuDNN's form, which lets one matrix product per step serve all three blocks),
not h^{t-1} before the product as in Cho et al.'s paper. There is one bias vector: PyTorch's
``nn.GRU`` has two, ``b_ih`` and ``b_hh``, and computes
``n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))``; with ``b_ih = b`` and ``b_hh = 0`` it
computes exactly the model here. (For r and z the two biases only ever appear as a sum; for
n, b_hn is the one term this model does not have.)

Backward, with ε^t = ∂L/∂h^t and δ = ∂L/∂(net input)::

    ε^t   = dh^t + z^{t+1} ⊙ ε^{t+1} + Rᵀ δ_rec^{t+1}          (dh: from outside the layer)
    δ_n^t = ε^t ⊙ (1 - z^t) ⊙ (1 - (n^t)²)
    δ_z^t = ε^t ⊙ (h^{t-1} - n^t) ⊙ z^t (1 - z^t)
    δ_r^t = δ_n^t ⊙ (R_n h^{t-1}) ⊙ r^t (1 - r^t)
    δ_rec^t = (δ_r^t, δ_z^t, r^t ⊙ δ_n^t)                       what reaches R h^{t-1}

    ∂L/∂W = Σ_t δ^t (x^t)ᵀ,  ∂L/∂b = Σ_t δ^t,  ∂L/∂R = Σ_t δ_rec^t (h^{t-1})ᵀ

The term z^{t+1} ⊙ ε^{t+1} is the GRU's carousel: where the update gate stays near 1, the
error flows back unchanged, as through the LSTM's cell state when b_φ ≈ 1.
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

__all__ = ["GRUParams", "GRUTrace", "GRUGrads", "init_params", "forward", "backward"]


@dataclass(frozen=True)
class GRUParams:
    """Weights of one GRU layer of H units with I inputs; read-only copies owned by the object.

    Attributes
    ----------
    W : ndarray of shape `(3H, I)`
        Input weights, row blocks (r, z, n).
    R : ndarray of shape `(3H, H)`
        Recurrent weights, same blocks.
    b : ndarray of shape `(3H,)`
        Biases, same blocks (PyTorch's ``b_ih``; its ``b_hh`` is zero here).
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray

    def __post_init__(self):
        R = check_array("params.R", self.R, [None, "H"])
        H = R.shape[1]
        for name, spec in (("R", [3 * H, H]), ("W", [3 * H, None]), ("b", [3 * H])):
            arr = check_array(f"params.{name}", getattr(self, name), spec, own=True)
            object.__setattr__(self, name, arr)
        common_float_dtype("params", self.W, self.R, self.b)

    @property
    def n_in(self) -> int:
        """I, the number of inputs."""
        return self.W.shape[1]

    @property
    def n_hidden(self) -> int:
        """H, the number of units."""
        return self.R.shape[1]

    @property
    def dtype(self) -> np.dtype:
        return self.W.dtype


@dataclass(frozen=True)
class GRUTrace:
    """Every quantity of (G1)-(G4), at every step.

    Attributes
    ----------
    x : ndarray of shape `(T, N, I)`
    h0 : ndarray of shape `(N, H)`
    a : ndarray of shape `(T, N, 3H)`
        Net inputs of r, z and n (the last including r ⊙ R_n h^{t-1}); also ``a_r, a_z, a_n``.
    act : ndarray of shape `(T, N, 3H)`
        r, z, n; also as the properties ``r, z, n``.
    u : ndarray of shape `(T, N, H)`
        R_n h^{t-1}, the recurrent product the reset gate scales.
    h : ndarray of shape `(T, N, H)`
        Outputs h^t, (G4).
    params : GRUParams
        The parameters the trace was made with; :func:`backward` refuses others.

    Every array is read-only and owned by the trace (``x`` and ``h0`` are copies of the inputs).
    """

    x: np.ndarray
    h0: np.ndarray
    a: np.ndarray
    act: np.ndarray
    u: np.ndarray
    h: np.ndarray
    params: GRUParams = field(repr=False, compare=False)

    def _block(self, arr: np.ndarray, k: int) -> np.ndarray:
        H = self.h.shape[-1]
        return arr[..., k * H : (k + 1) * H]

    a_r = property(lambda self: self._block(self.a, 0), doc="net input of r, `(T, N, H)`")
    a_z = property(lambda self: self._block(self.a, 1), doc="net input of z, `(T, N, H)`")
    a_n = property(lambda self: self._block(self.a, 2), doc="net input of n, `(T, N, H)`")
    r = property(lambda self: self._block(self.act, 0), doc="reset gate r^t, `(T, N, H)`")
    z = property(lambda self: self._block(self.act, 1), doc="update gate z^t, `(T, N, H)`")
    n = property(lambda self: self._block(self.act, 2), doc="candidate n^t, `(T, N, H)`")

    @property
    def h_prev(self) -> np.ndarray:
        """h^{t-1} for t = 1..T, `(T, N, H)`."""
        return np.concatenate([self.h0[None], self.h[:-1]])


@dataclass(frozen=True)
class GRUGrads:
    """Every gradient of the backward pass.

    Attributes
    ----------
    W, R, b : ndarray
        ∂L/∂ of the parameters, shaped like them.
    x : ndarray of shape `(T, N, I)`
        ∂L/∂x^t, for the layer below.
    h0 : ndarray of shape `(N, H)`
        ∂L/∂h^0.
    eps : ndarray of shape `(T, N, H)`
        ε^t = ∂L/∂h^t.
    delta : ndarray of shape `(T, N, 3H)`
        ∂L/∂a^t, blocks (δ_r, δ_z, δ_n); also ``delta_r, delta_z, delta_n``.
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    x: np.ndarray
    h0: np.ndarray
    eps: np.ndarray
    delta: np.ndarray

    def _block(self, k: int) -> np.ndarray:
        H = self.eps.shape[-1]
        return self.delta[..., k * H : (k + 1) * H]

    delta_r = property(lambda self: self._block(0), doc="δ_r^t, `(T, N, H)`")
    delta_z = property(lambda self: self._block(1), doc="δ_z^t, `(T, N, H)`")
    delta_n = property(lambda self: self._block(2), doc="δ_n^t, `(T, N, H)`")


def init_params(
    n_in: int, n_hidden: int, *, rng=None, forget_bias: float | None = None, dtype=np.float64
) -> GRUParams:
    """A freshly initialised GRU layer: ``U(-1/√H, 1/√H)`` weights (PyTorch's), zero biases.

    Parameters
    ----------
    n_in, n_hidden : int
        I and H.
    rng : numpy.random.Generator or int, optional
    forget_bias : float, optional
        The bias of the update gate z, the share of h^{t-1} that is kept: z starts at
        f(forget_bias), as an LSTM's forget gate with that bias would (default: 0, z = 0.5).
    dtype : float32 or float64
    """
    n_in = check_positive_int("n_in", n_in)
    H = check_positive_int("n_hidden", n_hidden)
    check_bytes("n_hidden, n_in", 3 * H * (n_in + H), 8,
                f"the weights of a GRU layer with H = {H}, I = {n_in}")
    dtype = check_float_dtype("dtype", dtype)
    rng = check_rng(rng)
    if forget_bias is not None and not (
        isinstance(forget_bias, (int, float, np.integer, np.floating))
        and not isinstance(forget_bias, bool)
        and np.isfinite(forget_bias)
    ):
        raise ValueError(f"forget_bias: expected a finite number or None, got {forget_bias!r}")
    k = 1.0 / np.sqrt(H)
    W = rng.uniform(-k, k, size=(3 * H, n_in)).astype(dtype)
    R = rng.uniform(-k, k, size=(3 * H, H)).astype(dtype)
    b = np.zeros(3 * H, dtype)
    if forget_bias is not None:
        b[H : 2 * H] = forget_bias  # row block z
    return GRUParams(W=W, R=R, b=b)


def forward(params: GRUParams, x: np.ndarray, h0: np.ndarray | None = None) -> GRUTrace:
    """Run the layer over a sequence: (G1)-(G4) at every step.

    Parameters
    ----------
    params : GRUParams
    x : ndarray of shape `(T, N, I)`
    h0 : ndarray of shape `(N, H)`, optional
        Initial output (zeros if omitted).

    Returns
    -------
    GRUTrace
    """
    check_type("params", params, GRUParams)
    dtype, H, I = params.dtype, params.n_hidden, params.n_in
    x = check_array("x", x, ["T", "N", I], dtype=dtype, own=True)
    T, N, _ = x.shape
    check_bytes("x", 8 * T * N * H, x.itemsize, f"the trace of {T} steps of {N} sequences")
    h0 = seal(np.zeros((N, H), dtype)) if h0 is None else check_array(
        "h0", h0, [N, H], dtype=dtype, own=True)

    a = x.reshape(T * N, I) @ params.W.T  # (T*N, I) @ (I, 3H) -> (T*N, 3H): all steps at once
    a += params.b
    a = a.reshape(T, N, 3 * H)
    act = np.empty_like(a)
    u = np.empty((T, N, H), dtype)
    h = np.empty((T, N, H), dtype)
    rec = np.empty((N, 3 * H), dtype)
    RT = params.R.T  # (H, 3H)
    h_prev = h0
    for t in range(T):
        at, yt = a[t], act[t]  # (N, 3H)
        np.matmul(h_prev, RT, out=rec)  # (N, H) @ (H, 3H) -> (N, 3H): all three blocks
        at[:, : 2 * H] += rec[:, : 2 * H]  # (G1), (G2)
        rz = yt[:, : 2 * H]
        np.multiply(at[:, : 2 * H], 0.5, out=rz)  # f(a) = 0.5 + 0.5 tanh(a/2)
        np.tanh(rz, out=rz)
        rz *= 0.5
        rz += 0.5
        u[t] = rec[:, 2 * H :]  # R_n h^{t-1}
        an = at[:, 2 * H :]
        an += yt[:, :H] * u[t]  # (G3): r ⊙ (R_n h^{t-1})
        np.tanh(an, out=yt[:, 2 * H :])
        z, n = yt[:, H : 2 * H], yt[:, 2 * H :]
        np.subtract(h_prev, n, out=h[t])  # (G4): h = n + z (h_prev - n)
        h[t] *= z
        h[t] += n
        h_prev = h[t]
    return GRUTrace(x=x, h0=h0, a=seal(a), act=seal(act), u=seal(u), h=seal(h), params=params)


def backward(params: GRUParams, trace: GRUTrace, dh: np.ndarray) -> GRUGrads:
    """Backpropagation through time for the GRU.

    Parameters
    ----------
    params : GRUParams
        The parameters the trace was computed with.
    trace : GRUTrace
        From :func:`forward`.
    dh : ndarray of shape `(T, N, H)`
        ∂L/∂h^t arriving from outside the layer (the output layer or the layer above).

    Returns
    -------
    GRUGrads
    """
    check_type("params", params, GRUParams)
    check_type("trace", trace, GRUTrace)
    check_made_with("trace", trace.params, params)
    T, N, H = trace.h.shape
    dtype = params.dtype
    dh = check_array("dh", dh, [T, N, H], dtype=dtype)

    # Factors that do not depend on ε, all steps at once: δ = ε ⊙ M, δ_rec = ε ⊙ M_rec.
    r, z, n, u = trace.r, trace.z, trace.n, trace.u
    h_prev = trace.h_prev
    M = np.empty((T, N, 3 * H), dtype)
    Mr, Mz, Mn = (M[..., k * H : (k + 1) * H] for k in range(3))
    np.multiply(1.0 - z, 1.0 - n * n, out=Mn)  # ∂h/∂a_n
    np.multiply((h_prev - n) * z, 1.0 - z, out=Mz)  # ∂h/∂a_z
    np.multiply(Mn * u * r, 1.0 - r, out=Mr)  # ∂h/∂a_r
    M_rec = M.copy()
    M_rec[..., 2 * H :] *= r  # the reset gate scales what reaches R_n h^{t-1}

    eps = np.empty((T, N, H), dtype)
    delta_rec = np.empty((T, N, 3 * H), dtype)
    carry = np.zeros((N, H), dtype)  # ∂L/∂h^t through step t+1
    R = params.R
    for t in range(T - 1, -1, -1):
        np.add(dh[t], carry, out=eps[t])
        np.multiply(M_rec[t].reshape(N, 3, H), eps[t][:, None, :],
                    out=delta_rec[t].reshape(N, 3, H))
        carry = delta_rec[t] @ R  # (N, 3H) @ (3H, H) -> (N, H)
        carry += z[t] * eps[t]  # the direct path h^{t-1} -> h^t

    delta = M * np.tile(eps, (1, 1, 3))  # (T, N, 3H): blocks (δ_r, δ_z, δ_n)
    d2 = delta.reshape(T * N, 3 * H)
    return GRUGrads(
        W=d2.T @ trace.x.reshape(T * N, -1),  # (3H, TN) @ (TN, I) -> (3H, I)
        R=delta_rec.reshape(T * N, 3 * H).T @ h_prev.reshape(T * N, H),  # (3H, H)
        b=d2.sum(axis=0),  # (3H,)
        x=(d2 @ params.W).reshape(T, N, -1),  # (TN, 3H) @ (3H, I) -> (T, N, I)
        h0=carry,
        eps=eps,
        delta=delta,
    )

# --------------------------------------------------------------------------------------------
# The layer contract (all that lstm_core.stack relies on)
# --------------------------------------------------------------------------------------------

#: The state this layer carries from step to step: the output h. For each name ``n``,
#: ``forward`` takes the initial value as its argument ``n0``, the trace holds every step's
#: value as ``trace.n`` `(T, N, H)` and the initial one as ``trace.n0``, and the gradients
#: hold ∂L/∂(initial value) as ``grads.n0``.
STATE = ("h",)
#: The parameter and trace classes of this layer: a stack finds a layer's module by them.
Params = GRUParams
Trace = GRUTrace
