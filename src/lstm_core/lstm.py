"""The LSTM layer of Graves (2012, ch. 4): peephole LSTM, one cell per block, and its BPTT.

Forward, equations (1)-(5) of the book (chapter 4), for H blocks at once:

    (1) a_ι^t = W_ι x^t + R_ι b^{t-1} + β_ι + p_ι ⊙ s^{t-1}      b_ι^t = f(a_ι^t)
    (2) a_φ^t = W_φ x^t + R_φ b^{t-1} + β_φ + p_φ ⊙ s^{t-1}      b_φ^t = f(a_φ^t)
    (3) a_c^t = W_c x^t + R_c b^{t-1} + β_c                      s^t = b_φ^t ⊙ s^{t-1} + b_ι^t ⊙ g(a_c^t)
    (4) a_ω^t = W_ω x^t + R_ω b^{t-1} + β_ω + p_ω ⊙ s^t          b_ω^t = f(a_ω^t)
    (5) b_c^t = b_ω^t ⊙ h(s^t)

with f the logistic sigmoid and g = h = tanh; β is a bias (the rows of ``params.b``), and
b_* is always an activation. Backward, equations (6)-(12):

    (6)  ε_c^t = dh^t + Rᵀ δ^{t+1}                      (dh: from outside the layer)
    (7)  δ_ω^t = f'(a_ω^t) h(s^t) ε_c^t
    (8)  ε_s^t = b_ω^t h'(s^t) ε_c^t + b_φ^{t+1} ε_s^{t+1} + p_ι δ_ι^{t+1} + p_φ δ_φ^{t+1} + p_ω δ_ω^t
    (9)  δ_ι^t = f'(a_ι^t) g(a_c^t) ε_s^t
    (10) δ_φ^t = f'(a_φ^t) s^{t-1} ε_s^t
    (11) δ_c^t = b_ι^t g'(a_c^t) ε_s^t
    (12) ∂L/∂W = Σ_t δ^t (x^t)ᵀ,  ∂L/∂R = Σ_t δ^t (b^{t-1})ᵀ,  ∂L/∂β = Σ_t δ^t,
         ∂L/∂p_ι = Σ_t δ_ι^t s^{t-1},  ∂L/∂p_φ = Σ_t δ_φ^t s^{t-1},  ∂L/∂p_ω = Σ_t δ_ω^t s^t

Layout (PyTorch's, so weights can be compared with ``torch.nn.LSTM``): the four gate families
are stacked as row blocks of ``W`` `(4H, I)`, ``R`` `(4H, H)` and ``b`` `(4H,)` in the order
(ι input gate, φ forget gate, c cell input, ω output gate). Peepholes are diagonal, so they are
vectors: ``p`` `(3, H)` with rows (ι, φ, ω), or ``None`` for the LSTM without peepholes.

The forget gate has three settings (``LSTMParams.forget``), which cover the variants the
book compares (Greff et al. 2017):

- ``"gate"``: the forget gate above (Gers, Schmidhuber & Cummins 2000);
- ``"none"``: b_φ ≡ 1, the original LSTM of Hochreiter & Schmidhuber (1997), whose cell is
  the constant error carousel;
- ``"coupled"``: b_φ = 1 - b_ι, the coupled input-forget gate (CIFG).

In the last two the φ rows of W, R, b and the φ peephole are unused and get zero gradient.

How it is fast (see ``benchmarks/bench_lstm.py``): the input projection of all steps is one
matrix product; each step does one product for the three gates and the cell input, fused, and about a dozen
elementwise calls over contiguous blocks (sigmoid is ``0.5 + 0.5 tanh(a/2)``, so one tanh call
squashes all four net inputs); the backward pass precomputes every factor that does not depend on
ε before its loop, and the weight gradients are large products after it.

The plain reference step: :func:`step` and :func:`step_backward` compute the same equations
for one time step, one line per equation and gate, as the slides write them. They are what
the book prints beside the derivation; :func:`forward` and :func:`backward` are tested equal
to them at every step.
"""

from __future__ import annotations

import dataclasses
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
    owned,
    seal,
)
from .activations import sigmoid

__all__ = [
    "LSTMParams",
    "LSTMTrace",
    "LSTMGrads",
    "FORGET_MODES",
    "init_params",
    "forward",
    "backward",
    "StepCache",
    "StepGrads",
    "step",
    "step_backward",
]

FORGET_MODES = ("gate", "none", "coupled")


@dataclass(frozen=True)
class LSTMParams:
    """Weights of one LSTM layer of H blocks with I inputs.

    The arrays are read-only copies owned by the object: changing the arrays it was built
    from changes nothing here (build new parameters with :func:`dataclasses.replace`).

    Attributes
    ----------
    W : ndarray of shape `(4H, I)`
        Input weights w_iι, w_iφ, w_ic, w_iω as row blocks (ι, φ, c, ω).
    R : ndarray of shape `(4H, H)`
        Recurrent weights w_hι, w_hφ, w_hc, w_hω, same row blocks.
    b : ndarray of shape `(4H,)`
        Biases, same blocks.
    p : ndarray of shape `(3, H)` or None
        Peephole weights w_cι, w_cφ, w_cω as rows (ι, φ, ω); ``None``: no peepholes.
    forget : {"gate", "none", "coupled"}
        The forget gate: learned, absent (b_φ ≡ 1) or coupled (b_φ = 1 - b_ι).
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    p: np.ndarray | None = None
    forget: str = "gate"

    def __post_init__(self):
        if not isinstance(self.forget, str) or self.forget not in FORGET_MODES:
            raise ValueError(f"forget: expected one of {FORGET_MODES}, got {self.forget!r}")
        R = check_array("params.R", self.R, [None, "H"])
        H = R.shape[1]
        specs = {"R": [4 * H, H], "W": [4 * H, None], "b": [4 * H], "p": [3, H]}
        for name, spec in specs.items():
            if name != "p" or self.p is not None:
                arr = check_array(f"params.{name}", getattr(self, name), spec, own=True)
                object.__setattr__(self, name, arr)
        common_float_dtype("params", self.W, self.R, self.b, self.p)

    @property
    def n_in(self) -> int:
        """I, the number of inputs."""
        return self.W.shape[1]

    @property
    def n_hidden(self) -> int:
        """H, the number of blocks."""
        return self.R.shape[1]

    @property
    def dtype(self) -> np.dtype:
        return self.W.dtype


@dataclass(frozen=True)
class LSTMTrace:
    """Every quantity of equations (1)-(5), at every step.

    Attributes
    ----------
    x : ndarray of shape `(T, N, I)`
        The input sequence.
    h0, s0 : ndarray of shape `(N, H)`
        Initial output b_c^0 and cell state s_c^0.
    a : ndarray of shape `(T, N, 4H)`
        Net inputs, blocks (a_ι, a_φ, a_c, a_ω); also as ``a_i, a_f, a_c, a_o``.
        a_φ is zero when the layer has no learned forget gate (``forget != "gate"``).
    act : ndarray of shape `(T, N, 4H)`
        Activations, blocks (b_ι, b_φ, g(a_c), b_ω); also as ``b_i, b_f, g, b_o``.
    s : ndarray of shape `(T, N, H)`
        Cell states s_c^t, eq (3).
    hs : ndarray of shape `(T, N, H)`
        h(s_c^t), the squashed state.
    h : ndarray of shape `(T, N, H)`
        Cell outputs b_c^t, eq (5): the layer's output.
    params : LSTMParams
        The parameters the trace was made with; :func:`backward` refuses others.

    Every array is read-only and owned by the trace (``x``, ``h0``, ``s0`` are copies of the
    inputs), so changing the caller's buffers after :func:`forward` cannot change a gradient.
    """

    x: np.ndarray
    h0: np.ndarray
    s0: np.ndarray
    a: np.ndarray
    act: np.ndarray
    s: np.ndarray
    hs: np.ndarray
    h: np.ndarray
    params: LSTMParams = field(repr=False, compare=False)

    def _block(self, arr: np.ndarray, k: int) -> np.ndarray:
        H = self.h.shape[-1]
        return arr[..., k * H : (k + 1) * H]

    a_i = property(lambda self: self._block(self.a, 0), doc="a_ι^t, `(T, N, H)`")
    a_f = property(lambda self: self._block(self.a, 1), doc="a_φ^t, `(T, N, H)`")
    a_c = property(lambda self: self._block(self.a, 2), doc="a_c^t, `(T, N, H)`")
    a_o = property(lambda self: self._block(self.a, 3), doc="a_ω^t, `(T, N, H)`")
    b_i = property(lambda self: self._block(self.act, 0), doc="b_ι^t, input gate, `(T, N, H)`")
    b_f = property(lambda self: self._block(self.act, 1), doc="b_φ^t, forget gate, `(T, N, H)`")
    g = property(lambda self: self._block(self.act, 2), doc="g(a_c^t), cell input, `(T, N, H)`")
    b_o = property(lambda self: self._block(self.act, 3), doc="b_ω^t, output gate, `(T, N, H)`")
    b_c = property(lambda self: self.h, doc="b_c^t, cell output (= ``h``), `(T, N, H)`")

    @property
    def s_prev(self) -> np.ndarray:
        """s_c^{t-1} for t = 1..T, `(T, N, H)`."""
        return np.concatenate([self.s0[None], self.s[:-1]])

    @property
    def h_prev(self) -> np.ndarray:
        """b_c^{t-1} for t = 1..T, `(T, N, H)`."""
        return np.concatenate([self.h0[None], self.h[:-1]])


@dataclass(frozen=True)
class LSTMGrads:
    """Every quantity of equations (6)-(12).

    Attributes
    ----------
    W, R, b, p : ndarray
        ∂L/∂ of the parameters, shaped like them (``p`` is None without peepholes).
    x : ndarray of shape `(T, N, I)`
        ∂L/∂x^t, to pass down to the layer below.
    h0, s0 : ndarray of shape `(N, H)`
        ∂L/∂b_c^0 and ∂L/∂s_c^0.
    eps_c : ndarray of shape `(T, N, H)`
        ε_c^t = ∂L/∂b_c^t, eq (6).
    eps_s : ndarray of shape `(T, N, H)`
        ε_s^t = ∂L/∂s_c^t, eq (8).
    delta : ndarray of shape `(T, N, 4H)`
        δ^t = ∂L/∂a^t, blocks (δ_ι, δ_φ, δ_c, δ_ω) -- eqs (9), (10), (11), (7);
        also as ``delta_i, delta_f, delta_c, delta_o``.
    """

    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    p: np.ndarray | None
    x: np.ndarray
    h0: np.ndarray
    s0: np.ndarray
    eps_c: np.ndarray
    eps_s: np.ndarray
    delta: np.ndarray

    def _block(self, k: int) -> np.ndarray:
        H = self.eps_c.shape[-1]
        return self.delta[..., k * H : (k + 1) * H]

    delta_i = property(lambda self: self._block(0), doc="δ_ι^t, eq (9), `(T, N, H)`")
    delta_f = property(lambda self: self._block(1), doc="δ_φ^t, eq (10), `(T, N, H)`")
    delta_c = property(lambda self: self._block(2), doc="δ_c^t, eq (11), `(T, N, H)`")
    delta_o = property(lambda self: self._block(3), doc="δ_ω^t, eq (7), `(T, N, H)`")


def init_params(
    n_in: int,
    n_hidden: int,
    *,
    rng=None,
    peepholes: bool = True,
    forget: str = "gate",
    forget_bias: float | None = None,
    dtype=np.float64,
) -> LSTMParams:
    """A freshly initialised LSTM layer.

    Every weight, recurrent weight and peephole is drawn from ``U(-1/√H, 1/√H)`` (PyTorch's
    ``nn.LSTM`` default); biases are zero except the forget gate's, which starts at
    ``forget_bias`` (default 1, so that b_φ ≈ 0.73 and the cell remembers from the first
    update on; Gers, Schmidhuber & Cummins 2000). With ``forget="none"`` or ``"coupled"``
    the unused φ rows and peephole are zero.

    Parameters
    ----------
    n_in, n_hidden : int
        I and H.
    rng : numpy.random.Generator or int, optional
        The random source (an int seeds ``default_rng``).
    peepholes : bool
        Whether the blocks have peephole weights (Gers, Schraudolph & Schmidhuber 2002).
    forget : {"gate", "none", "coupled"}
        See :class:`LSTMParams`.
    forget_bias : float, optional
        Where the memory gate starts: b_φ = f(forget_bias) at zero input.
        ``forget="gate"``: the forget gate's bias (default 1).
        ``forget="coupled"``: the *input* gate's bias is set to ``-forget_bias``, so that
        b_φ = 1 - b_ι starts at f(forget_bias) too (default: bias 0, b_φ = 0.5).
        ``forget="none"``: b_φ ≡ 1; a value is refused.
    dtype : float32 or float64
    """
    n_in = check_positive_int("n_in", n_in)
    H = check_positive_int("n_hidden", n_hidden)
    check_bytes("n_hidden, n_in", 4 * H * (n_in + H), 8,
                f"the weights of an LSTM layer with H = {H}, I = {n_in}")
    dtype = check_float_dtype("dtype", dtype)
    if not isinstance(peepholes, (bool, np.bool_)):
        raise TypeError(f"peepholes: expected True or False, got {peepholes!r}")
    rng = check_rng(rng)
    if not isinstance(forget, str) or forget not in FORGET_MODES:
        raise ValueError(f"forget: expected one of {FORGET_MODES}, got {forget!r}")
    if forget_bias is not None and not (
        isinstance(forget_bias, (int, float, np.integer, np.floating))
        and not isinstance(forget_bias, bool)
        and np.isfinite(forget_bias)
    ):
        raise ValueError(f"forget_bias: expected a finite number or None, got {forget_bias!r}")
    k = 1.0 / np.sqrt(H)
    W = rng.uniform(-k, k, size=(4 * H, n_in))
    R = rng.uniform(-k, k, size=(4 * H, H))
    b = np.zeros(4 * H)
    p = rng.uniform(-k, k, size=(3, H)) if peepholes else None
    if forget == "none" and forget_bias is not None:
        raise ValueError("forget_bias: the LSTM without forget gate (forget='none') has b_φ ≡ 1")
    if forget == "gate":
        b[H : 2 * H] = 1.0 if forget_bias is None else forget_bias
    else:
        if forget == "coupled" and forget_bias is not None:
            b[:H] = -forget_bias  # b_φ = 1 - f(a_ι) = f(-a_ι)
        W[H : 2 * H] = R[H : 2 * H] = 0.0
        if p is not None:
            p[1] = 0.0
    cast = (lambda a: None if a is None else a.astype(dtype))
    return LSTMParams(W=cast(W), R=cast(R), b=cast(b), p=cast(p), forget=forget)


def _squash_coefficients(H: int, forget: str, dtype) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scale, mul, add) with ``act = mul * tanh(scale * a) + add`` for the four gate blocks.

    A sigmoid is ``0.5 tanh(a/2) + 0.5``, tanh is ``1 tanh(1 a) + 0``, and a forget gate
    that is constantly 1 is ``0 tanh(0 a) + 1``: one mechanism, one tanh call per step.
    """
    scale = np.repeat([0.5, 0.5, 1.0, 0.5], H)
    mul = np.repeat([0.5, 0.5, 1.0, 0.5], H)
    add = np.repeat([0.5, 0.5, 0.0, 0.5], H)
    if forget != "gate":
        scale[H : 2 * H] = mul[H : 2 * H] = 0.0
        add[H : 2 * H] = 1.0
    return scale.astype(dtype), mul.astype(dtype), add.astype(dtype)


def forward(
    params: LSTMParams,
    x: np.ndarray,
    h0: np.ndarray | None = None,
    s0: np.ndarray | None = None,
) -> LSTMTrace:
    """Run the layer over a sequence: equations (1)-(5) at every step.

    Parameters
    ----------
    params : LSTMParams
    x : ndarray of shape `(T, N, I)`
        Input sequence: T steps, a batch of N, I features (float32 or float64; converted to
        the params' dtype).
    h0 : ndarray of shape `(N, H)`, optional
        Initial output b_c^0 (zeros if omitted).
    s0 : ndarray of shape `(N, H)`, optional
        Initial cell state s_c^0 (zeros if omitted).

    Returns
    -------
    LSTMTrace
        Every net input, activation, state and output, for the book to plot and for
        :func:`backward`.
    """
    check_type("params", params, LSTMParams)
    dtype, H, I = params.dtype, params.n_hidden, params.n_in
    x = check_array("x", x, ["T", "N", I], dtype=dtype, own=True)
    T, N, _ = x.shape
    check_bytes("x", 11 * T * N * H, x.itemsize, f"the trace of {T} steps of {N} sequences")
    h0 = seal(np.zeros((N, H), dtype)) if h0 is None else check_array(
        "h0", h0, [N, H], dtype=dtype, own=True)
    s0 = seal(np.zeros((N, H), dtype)) if s0 is None else check_array(
        "s0", s0, [N, H], dtype=dtype, own=True)

    scale, mul, add = _squash_coefficients(H, params.forget, dtype)
    coupled = params.forget == "coupled"
    # The loop works on net inputs pre-multiplied by `scale`, so that a single tanh call
    # squashes all gates; the weights are scaled once here and `a` is unscaled after the loop.
    Ws = params.W * scale[:, None]  # (4H, I)
    RsT = (params.R * scale[:, None]).T  # (H, 4H), a transposed view: the faster GEMM layout
    p = params.p
    if p is not None:
        p_if = p[:2] * scale[: 2 * H].reshape(2, H)  # (2, H): rows ι, φ
        p_o = p[2] * scale[3 * H :]  # (H,)

    a = x.reshape(T * N, I) @ Ws.T  # (T*N, I) @ (I, 4H) -> (T*N, 4H): all steps at once
    a += params.b * scale
    a = a.reshape(T, N, 4 * H)
    act = np.empty_like(a)
    s = np.empty((T, N, H), dtype)
    hs = np.empty_like(s)
    h = np.empty_like(s)
    rec = np.empty((N, 4 * H), dtype)
    ig = np.empty((N, H), dtype)
    h_prev, s_prev = h0, s0
    # With peepholes the output gate must wait for s^t, so the squash is split in two.
    k_sq = 3 * H if p is not None else 4 * H
    if p is not None:  # views made once: each costs as much as a small ufunc call
        a_if = a[..., : 2 * H].reshape(T, N, 2, H)  # (a_ι, a_φ) per step
        a_o, act_o = a[..., 3 * H :], act[..., 3 * H :]
        peep_if = np.empty((N, 2, H), dtype)
        peep_o = np.empty((N, H), dtype)

    for t in range(T):
        at, yt = a[t], act[t]  # (N, 4H) each
        np.matmul(h_prev, RsT, out=rec)  # (N, H) @ (H, 4H) -> (N, 4H): three gates and the cell input
        at += rec
        if p is not None:  # eqs (1), (2): ι and φ peep at the previous state
            np.multiply(p_if, s_prev[:, None, :], out=peep_if)  # (2, H) * (N, 1, H)
            a_if[t] += peep_if
        # b_ι, b_φ, g(a_c) [and b_ω without peepholes] in one tanh call.
        y3 = yt[:, :k_sq]
        np.tanh(at[:, :k_sq], out=y3)
        y3 *= mul[:k_sq]
        y3 += add[:k_sq]
        if coupled:
            np.subtract(1.0, yt[:, :H], out=yt[:, H : 2 * H])  # b_φ = 1 - b_ι
        # eq (3): s^t = b_φ s^{t-1} + b_ι g(a_c)
        np.multiply(yt[:, :H], yt[:, 2 * H : 3 * H], out=ig)
        st = s[t]
        np.multiply(yt[:, H : 2 * H], s_prev, out=st)
        st += ig
        if p is not None:  # eq (4): the output gate peeps at the new state
            ao, yo = a_o[t], act_o[t]
            np.multiply(p_o, st, out=peep_o)
            ao += peep_o
            np.tanh(ao, out=yo)
            yo *= 0.5
            yo += 0.5
        # eq (5): b_c = b_ω h(s)
        np.tanh(st, out=hs[t])
        np.multiply(yt[:, 3 * H :], hs[t], out=h[t])
        h_prev, s_prev = h[t], st

    # Back from scaled to true net inputs (a_φ is 0 when there is no learned forget gate).
    a *= np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    return LSTMTrace(x=x, h0=h0, s0=s0, a=seal(a), act=seal(act), s=seal(s), hs=seal(hs), h=seal(h),
                     params=params)


def backward(
    params: LSTMParams,
    trace: LSTMTrace,
    dh: np.ndarray,
    ds_T: np.ndarray | None = None,
) -> LSTMGrads:
    """Backpropagation through time: equations (6)-(12).

    Parameters
    ----------
    params : LSTMParams
        The parameters the trace was computed with.
    trace : LSTMTrace
        From :func:`forward`.
    dh : ndarray of shape `(T, N, H)`
        The part of ε_c^t that comes from outside the layer -- the first sum of eq (6),
        Σ_k w_ck δ_k^t, from the output layer or the layer above.
    ds_T : ndarray of shape `(N, H)`, optional
        ∂L/∂s_c^T from beyond the sequence (e.g. truncated BPTT); zero if omitted.

    Returns
    -------
    LSTMGrads
    """
    check_type("params", params, LSTMParams)
    check_type("trace", trace, LSTMTrace)
    check_made_with("trace", trace.params, params)
    T, N, H = trace.h.shape
    dtype = params.dtype
    dh = check_array("dh", dh, [T, N, H], dtype=dtype)
    carry = (
        np.zeros((N, H), dtype) if ds_T is None else check_array("ds_T", ds_T, [N, H], dtype=dtype)
    )
    p = params.p
    forget = params.forget

    # Every factor that does not depend on ε, for all steps at once. They are written into
    # the buffers of the results, which the loop then finishes in place (no extra big arrays):
    # delta starts as M with δ^t = M^t ⊙ (ε_s, ε_s, ε_s, ε_c), eps_s starts as K below.
    bi, bf, g, bo = trace.b_i, trace.b_f, trace.g, trace.b_o
    s, hs = trace.s, trace.hs
    s_prev = trace.s_prev
    delta = np.empty((T, N, 4 * H), dtype)
    Mi, Mf, Mc, Mo = (delta[..., k * H : (k + 1) * H] for k in range(4))
    np.multiply(bi * (1.0 - bi), g - s_prev if forget == "coupled" else g, out=Mi)  # (9)
    if forget == "gate":
        np.multiply(bf * (1.0 - bf), s_prev, out=Mf)  # (10)
    else:
        Mf[...] = 0.0  # no learned forget gate: δ_φ ≡ 0
    np.multiply(bi, 1.0 - g * g, out=Mc)  # (11)
    np.multiply(bo * (1.0 - bo), hs, out=Mo)  # (7)
    # eq (8) rewritten: ε_s^t = K^t ε_c^t + F^{t+1} ε_s^{t+1}, because the peephole terms
    # p_ω δ_ω^t, p_ι δ_ι^{t+1} and p_φ δ_φ^{t+1} are themselves multiples of ε_c^t and ε_s^{t+1}.
    eps_s = np.multiply(bo, 1.0 - hs * hs)  # K = b_ω h'(s)
    F = bf  # b_φ: s^{t-1} -> s^t directly
    if p is not None:
        eps_s += p[2] * Mo
        F = bf + p[0] * Mi + p[1] * Mf

    eps_c = np.empty((T, N, H), dtype)
    rec = np.zeros((N, H), dtype)  # Rᵀ δ^{t+1}: the second sum of eq (6)
    # R in Fortran order: OpenBLAS runs (N, 4H) @ (4H, H) about 25% faster that way here.
    R = np.asfortranarray(params.R)
    for t in range(T - 1, -1, -1):
        np.add(dh[t], rec, out=eps_c[t])  # (6)
        eps_s[t] *= eps_c[t]  # (8): K^t ε_c^t ...
        eps_s[t] += carry  # ... + F^{t+1} ε_s^{t+1}
        dt = delta[t]  # (N, 4H)
        gates = dt[:, : 3 * H].reshape(N, 3, H)
        gates *= eps_s[t][:, None, :]  # (9), (10), (11)
        dt[:, 3 * H :] *= eps_c[t]  # (7)
        np.matmul(dt, R, out=rec)  # (N, 4H) @ (4H, H) -> (N, H)
        carry = F[t] * eps_s[t]

    # (12): weight gradients as large products over all steps.
    d2 = delta.reshape(T * N, 4 * H)
    dW = d2.T @ trace.x.reshape(T * N, -1)  # (4H, TN) @ (TN, I) -> (4H, I)
    # Σ_t δ^t (b^{t-1})ᵀ, split at t = 1 so that b^{t-1} needs no concatenated copy:
    dR = d2[N:].T @ trace.h[:-1].reshape(-1, H)  # (4H, (T-1)N) @ ((T-1)N, H) -> (4H, H)
    dR += delta[0].T @ trace.h0  # (4H, N) @ (N, H)
    db = d2.sum(axis=0)  # (4H,)
    dp = None
    if p is not None:
        di, df, do = delta[..., :H], delta[..., H : 2 * H], delta[..., 3 * H :]
        dp = np.stack(
            [
                np.einsum("tnh,tnh->h", di, s_prev),  # w_cι: source s^{t-1}
                np.einsum("tnh,tnh->h", df, s_prev),  # w_cφ: source s^{t-1}
                np.einsum("tnh,tnh->h", do, s),  # w_cω: source s^t
            ]
        )
    dx = (d2 @ params.W).reshape(T, N, -1)  # (TN, 4H) @ (4H, I) -> (T, N, I)
    return LSTMGrads(
        W=dW, R=dR, b=db, p=dp, x=dx, h0=rec, s0=carry,
        eps_c=eps_c, eps_s=eps_s, delta=delta,
    )

# --------------------------------------------------------------------------------------------
# The layer contract (all that lstm_core.stack relies on)
# --------------------------------------------------------------------------------------------

#: The state this layer carries from step to step: the cell output b_c and the cell state
#: s_c. For each name ``n``, ``forward`` takes the initial value as its argument ``n0``, the
#: trace holds every step's value as ``trace.n`` `(T, N, H)` and the initial one as
#: ``trace.n0``, and the gradients hold ∂L/∂(initial value) as ``grads.n0``.
STATE = ("h", "s")
#: The parameter and trace classes of this layer: a stack finds a layer's module by them.
Params = LSTMParams
Trace = LSTMTrace


# --- The plain reference step: (1)-(5) and (6)-(12) for one time step, as the slides write them.


@dataclass(frozen=True)
class StepCache:
    """Every quantity of equations (1)-(5) at one step t, named as the book names them.

    Each attribute is an ndarray of shape `(N, H)`, except ``x`` `(N, I)`.
    ``a_f`` is zero and ``b_f`` is 1 (``forget="none"``) or 1 - b_ι (``"coupled"``) when the
    layer has no learned forget gate. Every array is read-only and owned by the cache (``x``,
    ``h_prev``, ``s_prev`` are copies of the inputs), and ``params`` are the parameters the step
    was made with, which :func:`step_backward` insists on.
    """

    x: np.ndarray  # x^t
    h_prev: np.ndarray  # b_c^{t-1}
    s_prev: np.ndarray  # s_c^{t-1}
    a_i: np.ndarray  # a_ι^t, eq (1)
    b_i: np.ndarray  # b_ι^t = f(a_ι^t)
    a_f: np.ndarray  # a_φ^t, eq (2)
    b_f: np.ndarray  # b_φ^t = f(a_φ^t)
    a_c: np.ndarray  # a_c^t, eq (3)
    g: np.ndarray  # g(a_c^t)
    s: np.ndarray  # s_c^t
    a_o: np.ndarray  # a_ω^t, eq (4)
    b_o: np.ndarray  # b_ω^t = f(a_ω^t)
    hs: np.ndarray  # h(s_c^t)
    b_c: np.ndarray  # b_c^t, eq (5)
    params: LSTMParams = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.params is not None:
            check_type("params", self.params, LSTMParams)
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                object.__setattr__(self, f.name, owned(value))


@dataclass(frozen=True)
class StepGrads:
    """Every quantity of equations (6)-(11) at one step t, and that step's share of (12).

    Attributes
    ----------
    eps_c, delta_o, eps_s, delta_i, delta_f, delta_c : ndarray of shape `(N, H)`
        ε_c^t (6), δ_ω^t (7), ε_s^t (8), δ_ι^t (9), δ_φ^t (10), δ_c^t (11), in the deck's order.
    W, R, b, p : ndarray
        Step t's term of the sums (12): δ^t (x^t)ᵀ `(4H, I)`, δ^t (b^{t-1})ᵀ `(4H, H)`,
        δ^t summed over the batch `(4H,)`, and the peepholes' δ_ι^t s^{t-1}, δ_φ^t s^{t-1},
        δ_ω^t s^t summed over the batch `(3, H)` (None without peepholes).
    x : ndarray of shape `(N, I)`
        ∂L/∂x^t, for the layer below.
    """

    eps_c: np.ndarray
    delta_o: np.ndarray
    eps_s: np.ndarray
    delta_i: np.ndarray
    delta_f: np.ndarray
    delta_c: np.ndarray
    W: np.ndarray
    R: np.ndarray
    b: np.ndarray
    p: np.ndarray | None
    x: np.ndarray

    @property
    def delta(self) -> np.ndarray:
        """δ^t with blocks (ι, φ, c, ω), `(N, 4H)`: the layout of ``W``, ``R``, ``b``."""
        return np.concatenate([self.delta_i, self.delta_f, self.delta_c, self.delta_o], axis=1)


def step(
    params: LSTMParams, x_t: np.ndarray, h_prev: np.ndarray, s_prev: np.ndarray
) -> tuple[np.ndarray, np.ndarray, StepCache]:
    """One step of the layer, equations (1)-(5), written as the slides write them.

    The book's reference: one line per gate, ``sigmoid`` for f and ``np.tanh`` for g and h.
    :func:`forward` computes the same numbers faster -- the input projection of all steps in
    one product before its loop, the three gates and the cell input fused into one `(N, 4H)` product per step,
    and one tanh call for all of them (f(a) = ½ + ½ tanh(a/2)).

    Parameters
    ----------
    params : LSTMParams
    x_t : ndarray of shape `(N, I)`
        The input x^t.
    h_prev : ndarray of shape `(N, H)`
        The layer's previous output b_c^{t-1}.
    s_prev : ndarray of shape `(N, H)`
        The previous cell state s_c^{t-1}.

    Returns
    -------
    h : ndarray of shape `(N, H)`
        b_c^t, eq (5).
    s : ndarray of shape `(N, H)`
        s_c^t, eq (3).
    cache : StepCache
        Every net input and activation of the step, for :func:`step_backward`.
    """
    check_type("params", params, LSTMParams)
    dtype, H = params.dtype, params.n_hidden
    sizes: dict[str, int] = {}
    x_t = check_array("x_t", x_t, ["N", params.n_in], dtype=dtype, sizes=sizes, own=True)
    h_prev = check_array("h_prev", h_prev, ["N", H], dtype=dtype, sizes=sizes, own=True)
    s_prev = check_array("s_prev", s_prev, ["N", H], dtype=dtype, sizes=sizes, own=True)
    W_i, W_f, W_c, W_o = np.split(params.W, 4)  # (H, I) each: rows ι, φ, c, ω
    R_i, R_f, R_c, R_o = np.split(params.R, 4)  # (H, H) each
    β_i, β_f, β_c, β_o = np.split(params.b, 4)  # (H,) each
    p_i, p_f, p_o = params.p if params.p is not None else np.zeros((3, H), dtype)  # (H,) each

    a_i = x_t @ W_i.T + h_prev @ R_i.T + β_i + p_i * s_prev  # (1)  (N, H)
    b_i = sigmoid(a_i)
    if params.forget == "gate":
        a_f = x_t @ W_f.T + h_prev @ R_f.T + β_f + p_f * s_prev  # (2)  (N, H)
        b_f = sigmoid(a_f)
    else:  # no learned forget gate: b_φ ≡ 1 ("none") or b_φ = 1 - b_ι ("coupled")
        a_f = np.zeros_like(a_i)
        b_f = np.ones_like(a_i) if params.forget == "none" else 1.0 - b_i
    a_c = x_t @ W_c.T + h_prev @ R_c.T + β_c  # (3)  (N, H)
    g = np.tanh(a_c)
    s = b_f * s_prev + b_i * g
    a_o = x_t @ W_o.T + h_prev @ R_o.T + β_o + p_o * s  # (4): the new state s^t
    b_o = sigmoid(a_o)
    hs = np.tanh(s)
    b_c = b_o * hs  # (5)

    fresh = (a_i, b_i, a_f, b_f, a_c, g, s, a_o, b_o, hs, b_c)
    a_i, b_i, a_f, b_f, a_c, g, s, a_o, b_o, hs, b_c = (seal(a) for a in fresh)  # no copies
    cache = StepCache(x=x_t, h_prev=h_prev, s_prev=s_prev, a_i=a_i, b_i=b_i, a_f=a_f, b_f=b_f,
                      a_c=a_c, g=g, s=s, a_o=a_o, b_o=b_o, hs=hs, b_c=b_c, params=params)
    return b_c, s, cache


def step_backward(
    params: LSTMParams,
    cache: StepCache,
    dh: np.ndarray,
    eps_s_next: np.ndarray | None = None,
    delta_next: np.ndarray | None = None,
    b_f_next: np.ndarray | None = None,
) -> StepGrads:
    """One step of BPTT, equations (6)-(11) in the deck's order, and step t's terms of (12).

    The book's reference, one line per equation. :func:`backward` computes the same numbers
    faster: it precomputes every factor that does not depend on ε for all steps before its
    loop, folds the three peephole terms of (8) into one factor, works on the three gates and
    the cell input as one `(N, 4H)` block, and forms the weight gradients (12) as products
    over all steps after it.

    Parameters
    ----------
    params : LSTMParams
    cache : StepCache
        From :func:`step` at step t.
    dh : ndarray of shape `(N, H)`
        The first sum of (6), Σ_k w_ck δ_k^t: the error from the layer above at step t.
    eps_s_next : ndarray of shape `(N, H)`, optional
        ε_s^{t+1}; zeros (the last step, t = T) if omitted.
    delta_next : ndarray of shape `(N, 4H)`, optional
        δ^{t+1}, blocks (ι, φ, c, ω) (``StepGrads.delta`` of step t+1); zeros if omitted.
    b_f_next : ndarray of shape `(N, H)`, optional
        b_φ^{t+1}, the forget gate of step t+1 (``cache.b_f`` of step t+1); zeros if omitted.

    Returns
    -------
    StepGrads
    """
    check_type("params", params, LSTMParams)
    check_type("cache", cache, StepCache)
    if cache.params is not None:  # a cache made by step(): it knows its params
        check_made_with("cache", cache.params, params)
    dtype, H = params.dtype, params.n_hidden
    N = cache.s.shape[0]
    if cache.s.shape != (N, H) or cache.x.shape != (N, params.n_in):
        raise ValueError(
            f"cache: expected a step of a layer with I = {params.n_in}, H = {params.n_hidden} "
            f"(from params), got x of shape {cache.x.shape} and s of shape {cache.s.shape}"
        )
    dh = check_array("dh", dh, [N, H], dtype=dtype)
    zeros = np.zeros((N, H), dtype)
    eps_s_next = zeros if eps_s_next is None else check_array("eps_s_next", eps_s_next, [N, H], dtype=dtype)
    delta_next = (
        np.zeros((N, 4 * H), dtype) if delta_next is None
        else check_array("delta_next", delta_next, [N, 4 * H], dtype=dtype)
    )
    b_f_next = zeros if b_f_next is None else check_array("b_f_next", b_f_next, [N, H], dtype=dtype)
    p_i, p_f, p_o = params.p if params.p is not None else np.zeros((3, H), dtype)  # (H,) each
    c = cache
    delta_i_next, delta_f_next = delta_next[:, :H], delta_next[:, H : 2 * H]  # (N, H) each

    eps_c = dh + delta_next @ params.R  # (6)  (N, 4H) @ (4H, H): Σ_g w_cg δ_g^{t+1}
    delta_o = c.b_o * (1 - c.b_o) * c.hs * eps_c  # (7)  f'(a_ω) = b_ω (1 - b_ω)
    eps_s = (
        c.b_o * (1 - c.hs**2) * eps_c  # (8) path 1: b_c^t, h'(s) = 1 - h(s)²
        + b_f_next * eps_s_next  # path 2: s^{t+1}, the carousel
        + p_i * delta_i_next  # path 3: a_ι^{t+1}
        + p_f * delta_f_next  # path 4: a_φ^{t+1}
        + p_o * delta_o  # path 5: a_ω^t
    )
    if params.forget == "coupled":  # b_φ = 1 - b_ι: the input gate also scales s^{t-1}
        delta_i = c.b_i * (1 - c.b_i) * (c.g - c.s_prev) * eps_s  # (9)
    else:
        delta_i = c.b_i * (1 - c.b_i) * c.g * eps_s  # (9)
    if params.forget == "gate":
        delta_f = c.b_f * (1 - c.b_f) * c.s_prev * eps_s  # (10)
    else:
        delta_f = np.zeros_like(eps_s)  # no learned forget gate
    delta_c = c.b_i * (1 - c.g**2) * eps_s  # (11)  g'(a_c) = 1 - g²

    delta = np.concatenate([delta_i, delta_f, delta_c, delta_o], axis=1)  # (N, 4H)
    dp = None
    if params.p is not None:  # (12) for the peepholes: sources s^{t-1}, s^{t-1}, s^t
        dp = np.stack([(delta_i * c.s_prev).sum(0), (delta_f * c.s_prev).sum(0), (delta_o * c.s).sum(0)])
    return StepGrads(
        eps_c=eps_c, delta_o=delta_o, eps_s=eps_s, delta_i=delta_i, delta_f=delta_f, delta_c=delta_c,
        W=delta.T @ c.x,  # (12)  (4H, N) @ (N, I)
        R=delta.T @ c.h_prev,  # (4H, N) @ (N, H)
        b=delta.sum(0),  # (4H,)
        p=dp,
        x=delta @ params.W,  # (N, 4H) @ (4H, I)
    )
