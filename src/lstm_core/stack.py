"""Stacked recurrent layers with a dense read-out: the models the training chapters train.

A stack is layers 1..L of one kind -- LSTM (:mod:`lstm_core.lstm`, any variant), GRU
(:mod:`lstm_core.gru`) or vanilla RNN (:mod:`lstm_core.rnn`) -- where the output sequence of
layer l is the input sequence of layer l+1, and a dense layer (:mod:`lstm_core.dense`) that
reads the top layer's output at every step::

    h_1 = layer_1(x),   h_l = layer_l(h_{l-1}),   y^t = θ(W_out h_L^t + b_out)

The backward pass runs the other way and is nothing but the chain rule between layers: the
read-out's ``∂L/∂h_L`` is the top layer's ``dh``, and each layer's ``grads.x`` -- the sum
Σ_k w_ck δ_k^t over the units k of the layer above -- is the ``dh`` of the layer below. That
is the first sum of the deck's equation (6), "the next layer at the same time t" (Graves 2012,
ch. 4); the second sum, this layer at t+1, stays inside each layer's own BPTT.

State: a tuple with one entry per layer, one array `(N, H_l)` for each name of the layer's
``STATE`` -- ``(h, s)`` for an LSTM layer and ``(h,)`` for a GRU or RNN layer.
:func:`final_state` reads it off a trace, so that truncated BPTT can start the next window
where the last one ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from . import dense, gru, losses, lstm, rnn
from ._checks import check_array, check_bytes, check_made_with, check_positive_int, check_rng, check_type
from .activations import ACTIVATIONS
from .sequences import at_ends, to_ends

__all__ = [
    "CELLS",
    "StackParams",
    "StackTrace",
    "StackGrads",
    "init_params",
    "forward",
    "backward",
    "final_state",
    "end_loss",
    "next_step_loss",
    "generate",
    "check_gradients",
]

#: The recurrent layer kinds a stack can hold, by name. Each is a module with the layer
#: contract -- ``Params``, ``STATE``, ``init_params``, ``forward(params, x, *state0)`` and
#: ``backward(params, trace, dh)`` (see :data:`lstm_core.lstm.STATE`) -- so a new cell type
#: is one new module and one entry here.
LAYERS = {"lstm": lstm, "gru": gru, "rnn": rnn}
CELLS = tuple(LAYERS)


def _module(layer):
    for mod in LAYERS.values():
        if isinstance(layer, mod.Params):
            return mod
    expected = ", ".join(mod.Params.__name__ for mod in LAYERS.values())
    raise TypeError(f"layers: expected one of {expected}, got {type(layer).__name__}")


@dataclass(frozen=True)
class StackParams:
    """The parameters of a stack.

    Attributes
    ----------
    layers : tuple of LSTMParams, GRUParams or RNNParams
        Bottom to top; layer l+1 has as many inputs as layer l has units.
    out : DenseParams
        The read-out, ``W`` `(K, H_L)`, ``b`` `(K,)`.
    """

    layers: tuple
    out: dense.DenseParams

    def __post_init__(self):
        if not isinstance(self.layers, tuple) or not self.layers:
            raise TypeError("layers: expected a non-empty tuple of layer parameters")
        check_type("out", self.out, dense.DenseParams)
        for l, layer in enumerate(self.layers):
            _module(layer)
            if l and layer.n_in != self.layers[l - 1].n_hidden:
                raise ValueError(
                    f"layers: layer {l} expects {layer.n_in} inputs, but layer {l - 1} has "
                    f"{self.layers[l - 1].n_hidden} units"
                )
        if self.out.n_in != self.layers[-1].n_hidden:
            raise ValueError(
                f"out: expected {self.layers[-1].n_hidden} inputs (the top layer's units), "
                f"got W of shape {self.out.W.shape}"
            )

    @property
    def n_in(self) -> int:
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        return self.out.n_out


@dataclass(frozen=True)
class StackTrace:
    """Everything :func:`forward` computed.

    Attributes
    ----------
    layers : tuple of LSTMTrace, GRUTrace or RNNTrace
        One per layer, bottom to top (each with every gate, state and output).
    out : DenseTrace
        The read-out over all steps at once, on ``h_L`` reshaped to `(T·N, H_L)`.
    y : ndarray of shape `(T, N, K)`
        The outputs (read-only, like every array of the layers' traces).
    params : StackParams
        The parameters the trace was made with; :func:`backward` refuses others.
    """

    layers: tuple
    out: dense.DenseTrace
    y: np.ndarray
    params: StackParams = field(repr=False, compare=False)


@dataclass(frozen=True)
class StackGrads:
    """Gradients of a stack.

    Attributes
    ----------
    layers : tuple of LSTMGrads, GRUGrads or RNNGrads
        One per layer, with every ε and δ.
    out : DenseGrads
    x : ndarray of shape `(T, N, I)`
        ∂L/∂x.
    state : tuple
        ∂L/∂(initial state), shaped like the state: ``(dh0, ds0)`` or ``(dh0,)`` per layer.
    """

    layers: tuple
    out: dense.DenseGrads
    x: np.ndarray
    state: tuple


def init_params(
    n_in: int,
    n_hidden: int | Sequence[int],
    n_out: int,
    *,
    cell: str = "lstm",
    n_layers: int | None = None,
    out_activation: str = "identity",
    rng=None,
    dtype=np.float64,
    **cell_options,
) -> StackParams:
    """A freshly initialised stack.

    Parameters
    ----------
    n_in, n_out : int
        Inputs I and outputs K.
    n_hidden : int or sequence of int
        Units per layer; an int is repeated ``n_layers`` times.
    cell : {"lstm", "gru", "rnn"}
    n_layers : int, optional
        Number of layers when ``n_hidden`` is an int (default 1).
    out_activation : {"identity", "sigmoid", "tanh"}
        The read-out's squash θ (identity for logits of a softmax).
    rng : numpy.random.Generator or int, optional
    dtype : float32 or float64
    **cell_options
        Passed to the layer's ``init_params``: for an LSTM ``peepholes``, ``forget``,
        ``forget_bias``; for a GRU ``forget_bias``; for an RNN ``spectral_radius``.
        ``forget_bias`` starts every kind of memory gate alike: an LSTM's forget gate, CIFG's
        coupled forget gate 1 - b_ι and the GRU's update gate z all start at f(forget_bias)
        (see :func:`lstm_core.lstm.init_params` and :func:`lstm_core.gru.init_params`).
    """
    if not isinstance(cell, str) or cell not in CELLS:
        raise ValueError(f"cell: expected one of {CELLS}, got {cell!r}")
    if not isinstance(out_activation, str) or out_activation not in ACTIVATIONS:
        raise ValueError(
            f"out_activation: expected one of {sorted(ACTIVATIONS)}, got {out_activation!r}"
        )
    if isinstance(n_hidden, (int, np.integer)):
        sizes = [check_positive_int("n_hidden", n_hidden)] * (
            1 if n_layers is None else check_positive_int("n_layers", n_layers)
        )
    elif not isinstance(n_hidden, (list, tuple, np.ndarray)):
        raise TypeError(
            f"n_hidden: expected an int or a sequence of ints, got {type(n_hidden).__name__}"
        )
    else:
        sizes = [check_positive_int("n_hidden", h) for h in n_hidden]
        if not sizes or (n_layers is not None and n_layers != len(sizes)):
            raise ValueError(f"n_hidden: expected {n_layers} layer sizes, got {list(n_hidden)}")
    rng = check_rng(rng)
    mod = {"lstm": lstm, "gru": gru, "rnn": rnn}[cell]
    layers, fan_in = [], check_positive_int("n_in", n_in)
    for H in sizes:
        layers.append(mod.init_params(fan_in, H, rng=rng, dtype=dtype, **cell_options))
        fan_in = H
    out = dense.init_params(fan_in, n_out, activation=out_activation, rng=rng, dtype=dtype)
    return StackParams(layers=tuple(layers), out=out)


def _layer_of_trace(tr):
    for mod in LAYERS.values():
        if isinstance(tr, mod.Trace):
            return mod
    raise TypeError(f"trace: expected a trace of a stack layer, got {type(tr).__name__}")


def _check_state(params: StackParams, state, N: int) -> tuple:
    if state is None:
        return (None,) * len(params.layers)
    if not isinstance(state, (tuple, list)) or len(state) != len(params.layers):
        raise ValueError(f"state: expected a tuple of {len(params.layers)} per-layer states")
    out = []
    for l, (layer, st) in enumerate(zip(params.layers, state, strict=True)):
        if st is None:
            out.append(None)
            continue
        names = _module(layer).STATE
        if not isinstance(st, (tuple, list)) or len(st) != len(names):
            got = f"{type(st).__name__} of length {len(st)}" if isinstance(st, (tuple, list)) else (
                type(st).__name__)
            raise ValueError(f"state: layer {l} expected a tuple ({', '.join(names)}), got {got}")
        spec = [N, layer.n_hidden]
        out.append(tuple(check_array(f"state[{l}]", a, spec, dtype=layer.W.dtype) for a in st))
    return tuple(out)


def forward(params: StackParams, x: np.ndarray, state: tuple | None = None) -> StackTrace:
    """Run every layer over the sequence, then the read-out at every step.

    Parameters
    ----------
    params : StackParams
    x : ndarray of shape `(T, N, I)`
    state : tuple, optional
        Initial state per layer (see the module docstring); zeros if omitted. An entry may
        be None for zeros.

    Returns
    -------
    StackTrace
    """
    check_type("params", params, StackParams)
    x = check_array("x", x, ["T", "N", params.n_in])
    T, N, _ = x.shape
    state = _check_state(params, state, N)
    traces, inp = [], x
    for layer, st in zip(params.layers, state, strict=True):
        tr = _module(layer).forward(layer, inp, *(st or ()))
        traces.append(tr)
        inp = tr.h  # (T, N, H_l): the next layer's input
    H = inp.shape[-1]
    out = dense.forward(params.out, inp.reshape(T * N, H))  # (T*N, H) -> (T*N, K)
    return StackTrace(layers=tuple(traces), out=out, y=out.y.reshape(T, N, -1), params=params)


def backward(params: StackParams, trace: StackTrace, dy: np.ndarray) -> StackGrads:
    """The chain rule down the stack; BPTT inside each layer.

    Parameters
    ----------
    params : StackParams
    trace : StackTrace
        From :func:`forward` with the same params.
    dy : ndarray of shape `(T, N, K)`
        ∂L/∂y at every step (zero where no error is given).

    Returns
    -------
    StackGrads
    """
    check_type("params", params, StackParams)
    check_type("trace", trace, StackTrace)
    check_made_with("trace", trace.params, params)
    T, N, K = trace.y.shape
    dy = check_array("dy", dy, [T, N, K])
    og = dense.backward(params.out, trace.out, dy.reshape(T * N, K))
    dh = og.x.reshape(T, N, -1)  # ∂L/∂h_L from the read-out: eq (6), first sum
    grads, dstate = [], []
    for layer, tr in zip(reversed(params.layers), reversed(trace.layers), strict=True):
        g = _module(layer).backward(layer, tr, dh)
        grads.append(g)
        dstate.append(tuple(getattr(g, f"{n}0") for n in _module(layer).STATE))
        dh = g.x  # Σ_k w_ck δ_k^t of this layer: the dh of the layer below
    return StackGrads(
        layers=tuple(reversed(grads)), out=og, x=dh, state=tuple(reversed(dstate))
    )


def final_state(trace: StackTrace) -> tuple:
    """The state after the last step, per layer, as copies: the next window's initial state.

    For truncated BPTT: pass it as ``state`` to the next :func:`forward`; the gradient is
    not carried across (the copies are plain arrays).
    """
    check_type("trace", trace, StackTrace)
    return tuple(
        tuple(getattr(tr, n)[-1].copy() for n in _layer_of_trace(tr).STATE) for tr in trace.layers
    )


# --------------------------------------------------------------------------------------------
# Losses of a stack on a batch, with their gradients (for lstm_core.train.fit)
# --------------------------------------------------------------------------------------------


def end_loss(params: StackParams, x: np.ndarray, lengths: np.ndarray, target: np.ndarray,
             *, kind: str = "squared"):
    """The loss at the end of each sequence, averaged over the batch, and its gradient.

    The tasks of Hochreiter & Schmidhuber (1997) give an error signal only at the last
    step of each sequence: the output there, ``y_end = y[lengths[n] - 1, n]``, is compared
    with the target; every other step gets no error.

    Parameters
    ----------
    params : StackParams
    x : ndarray of shape `(T, N, I)`
        A padded batch (:mod:`lstm_core.tasks`).
    lengths : integer ndarray of shape `(N,)`
    target : ndarray of shape `(N, K)`
        Wanted outputs (``kind="squared"``) or one-hot classes (``kind="xent"``).
    kind : {"squared", "xent"}
        ``1/2 Σ (y - target)²`` per sequence, or the softmax cross-entropy of the output
        read as logits.

    Returns
    -------
    loss : float
        Mean over the N sequences.
    grads : StackGrads
    trace : StackTrace
    """
    if kind not in ("squared", "xent"):
        raise ValueError(f"kind: expected 'squared' or 'xent', got {kind!r}")
    trace = forward(params, x)
    T, N, K = trace.y.shape
    target = check_array("target", target, [N, K])
    y_end = at_ends(trace.y, lengths)  # (N, K)
    if kind == "squared":
        loss, dy_end = losses.squared_error(y_end, target)
    else:
        loss, dy_end = losses.softmax_cross_entropy(y_end, target.argmax(axis=1))
    grads = backward(params, trace, to_ends(dy_end / N, lengths, T))
    return loss / N, grads, trace


def next_step_loss(params: StackParams, x: np.ndarray, labels: np.ndarray, state=None):
    """Softmax cross-entropy of the next symbol at every step, per symbol, and its gradient.

    For a language model: ``y^t`` are logits over the vocabulary, ``labels[t]`` the symbol
    that follows step t.

    Parameters
    ----------
    params : StackParams
    x : ndarray of shape `(T, N, V)`
        One-hot inputs (or any encoding with I features).
    labels : integer ndarray of shape `(T, N)`
    state : tuple, optional
        Initial state (e.g. :func:`final_state` of the previous window).

    Returns
    -------
    loss : float
        Mean cross-entropy per symbol, in nats.
    grads : StackGrads
    trace : StackTrace
    """
    trace = forward(params, x, state)
    T, N, _ = trace.y.shape
    loss, dy = losses.softmax_cross_entropy(trace.y, labels)
    grads = backward(params, trace, dy / (T * N))
    return loss / (T * N), grads, trace


def generate(params: StackParams, prime: np.ndarray, n: int, *, rng=None,
             temperature: float = 1.0, state=None) -> np.ndarray:
    """Sample ``n`` symbols from a next-step model, one at a time, after reading ``prime``.

    The model reads one-hot symbols (``params.n_in`` of them) and outputs logits over the
    same symbols. It first reads the ``prime`` symbols, then, ``n`` times: draw the next
    symbol from ``softmax(y / temperature)``, feed it back in, carry the state.

    Parameters
    ----------
    params : StackParams
    prime : integer ndarray of shape `(P,)`, P >= 1
    n : int
        Number of symbols to draw.
    rng : numpy.random.Generator or int, optional
    temperature : float
        Below 1: more likely symbols get likelier (more conservative text); above 1: the
        opposite.
    state : tuple, optional
        Initial state (zeros if omitted).

    Returns
    -------
    integer ndarray of shape `(n,)`
    """
    check_type("params", params, StackParams)
    rng = check_rng(rng)
    n = check_positive_int("n", n)
    check_bytes("n", n * params.n_in, 8, f"{n} samples of {params.n_in} symbols")
    if not (isinstance(temperature, (int, float)) and not isinstance(temperature, bool)
            and 0 < temperature < float("inf")):
        raise ValueError(f"temperature: expected a positive number, got {temperature!r}")
    prime = np.asarray(prime)
    V = params.n_in
    if prime.ndim != 1 or prime.size == 0 or not np.issubdtype(prime.dtype, np.integer):
        raise ValueError(f"prime: expected a non-empty 1-D integer array, got {prime!r}")
    if prime.min() < 0 or prime.max() >= V or params.n_out != V:
        raise ValueError(f"prime: symbols must lie in [0, {V}) and the model must output {V}")
    eye = np.eye(V, dtype=params.out.W.dtype)
    tr = forward(params, eye[prime][:, None, :], state)  # (P, 1, V)
    state, logits = final_state(tr), tr.y[-1, 0]
    out = np.empty(n, dtype=np.int64)
    for k in range(n):
        p = losses.softmax(logits.astype(np.float64) / temperature)
        out[k] = rng.choice(V, p=p)
        tr = forward(params, eye[out[k]][None, None, :], state)  # one step
        state, logits = final_state(tr), tr.y[-1, 0]
    return out


def check_gradients(params: StackParams, x: np.ndarray, state=None, *, rng=None,
                    h: float = 1e-6) -> dict[str, float]:
    """Every gradient of :func:`backward` against central differences, one number per array.

    The loss is a random linear function of all outputs, ``L = Σ C ⊙ y`` with C drawn from
    ``rng`` (so that every output step and unit matters). Each parameter array, the input
    and each initial-state array is perturbed entry by entry
    (:func:`lstm_core.gradcheck.check_gradients`); use float64 and small sizes.

    Parameters
    ----------
    params : StackParams
    x : ndarray of shape `(T, N, I)`
    state : tuple, optional
        Initial state per layer (each ``(h, s)`` or ``(h,)``); checked too if given.
    rng : numpy.random.Generator or int, optional
    h : float
        The finite-difference step.

    Returns
    -------
    dict path -> relative error
        Paths as in :func:`lstm_core.train.leaves` (``"layers.0.W"``), plus ``"x"`` and
        ``"state.<layer>.<k>"``.
    """
    from . import gradcheck
    from .train import grad_leaves, leaves

    check_type("params", params, StackParams)
    rng = check_rng(rng)
    x = check_array("x", x, ["T", "N", params.n_in], dtype=np.float64)  # differences need float64
    T, N, _ = x.shape
    state = _check_state(params, state, N)
    C = rng.normal(size=(T, N, params.n_out))

    def loss():
        return float(np.sum(C * forward(params, x, state).y))

    g = backward(params, forward(params, x, state), C)
    arrays, analytic = dict(leaves(params)), dict(grad_leaves(params, g))
    arrays["x"], analytic["x"] = x, g.x
    for l, (st, dst) in enumerate(zip(state, g.state, strict=True)):
        for k, a in enumerate(st or ()):
            arrays[f"state.{l}.{k}"], analytic[f"state.{l}.{k}"] = a, dst[k]
    return gradcheck.check_gradients(loss, arrays, analytic, h=h)
