"""Training: optimizers, gradient clipping, truncated BPTT and a fit loop.

Everything here is a pure function of explicit data. Parameters are the engine's frozen
dataclasses (:class:`~lstm_core.lstm.LSTMParams`, ...), or dicts, tuples and dataclasses of
them: a *parameter tree*. Its leaves are the ndarray fields, named by their path, e.g.
``"layers.0.W"``; :func:`leaves` lists them, :func:`grad_leaves` picks the gradient of each
from the matching gradient tree (an ``LSTMGrads`` has a field ``W`` for ``LSTMParams.W``), and
:func:`replace_leaves` builds a new tree with new arrays. An optimizer step never changes its
inputs: it returns new parameters and a new optimizer state.

- :class:`SGD` -- stochastic gradient descent with (heavy-ball) momentum, PyTorch's form
  ``v ← μ v + g``, ``θ ← θ - η v``;
- :class:`Adam` -- Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
  Algorithm 1;
- :func:`clip_grad_norm` -- rescale all gradients together when their global L2 norm exceeds
  a threshold (Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent
  neural networks", Algorithm 1);
- :func:`tbptt_chunks` -- cut one long stream into a batch of parallel tracks and consecutive
  windows for truncated backpropagation through time (Williams & Peng 1990): the state is
  carried from one window to the next, the gradient is not;
- :func:`fit` -- the loop: batch → loss and gradients → clip → step, with a loss history,
  periodic evaluations and an optional progress bar (display code lives in
  :mod:`lstm_core.viz.progress`, not here).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from ._checks import check_array, check_positive_int, check_type, is_sealed, seal

__all__ = [
    "leaves",
    "grad_leaves",
    "replace_leaves",
    "n_params",
    "global_norm",
    "clip_grad_norm",
    "SGD",
    "SGDState",
    "Adam",
    "AdamState",
    "Chunk",
    "tbptt_chunks",
    "History",
    "FitResult",
    "fit",
]


# --------------------------------------------------------------------------------------------
# Parameter trees
# --------------------------------------------------------------------------------------------


def _children(node) -> list[tuple[str, Any]]:
    """(name, child) pairs of a tree node: dataclass fields, mapping items, sequence items."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [(f.name, getattr(node, f.name)) for f in dataclasses.fields(node)]
    if isinstance(node, Mapping):
        return [(str(k), v) for k, v in node.items()]
    if isinstance(node, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(node)]
    return []


def _get(node, name: str):
    """Child ``name`` of a gradient-tree node (attribute, key or index)."""
    if isinstance(node, Mapping):
        return node[name]
    if isinstance(node, (list, tuple)):
        return node[int(name)]
    return getattr(node, name)


def leaves(tree) -> dict[str, np.ndarray]:
    """The arrays of a parameter tree, by path.

    Parameters
    ----------
    tree : ndarray, dataclass, mapping, list or tuple (nested)
        Fields that are not arrays (``None``, strings such as ``forget="gate"``) are skipped.

    Returns
    -------
    dict path -> ndarray
        Paths join the field names, keys and indices with dots: ``"layers.0.W"``.

    Examples
    --------
    >>> from lstm_core import lstm
    >>> sorted(leaves({"lstm": lstm.init_params(2, 3, rng=0)}))
    ['lstm.R', 'lstm.W', 'lstm.b', 'lstm.p']
    """
    out: dict[str, np.ndarray] = {}

    def walk(node, prefix):
        if isinstance(node, np.ndarray):
            out[prefix] = node
            return
        for name, child in _children(node):
            walk(child, f"{prefix}.{name}" if prefix else name)

    walk(tree, "")
    return out


def grad_leaves(params, grads) -> dict[str, np.ndarray]:
    """The gradient of every leaf of ``params``, read from ``grads`` at the same path.

    ``grads`` is a tree of the same shape whose nodes have (at least) the same field names,
    keys or indices as ``params`` -- e.g. ``LSTMGrads`` for ``LSTMParams``, which also
    carries ``x``, ``eps_c``, ... that are ignored here. A flat dict keyed by the paths of
    :func:`leaves` is accepted too.

    Raises
    ------
    ValueError
        A gradient is missing or its shape differs from its parameter's.
    """
    p_leaves = leaves(params)
    if not p_leaves:
        raise ValueError(f"params: expected a parameter tree with arrays, got {type(params).__name__}")
    if isinstance(grads, Mapping) and set(grads) == set(p_leaves):
        flat = dict(grads)
    else:
        flat = {}
        for path in p_leaves:
            node = grads
            try:
                for name in path.split(".") if path else []:
                    node = _get(node, name)
            except (AttributeError, KeyError, IndexError, ValueError, TypeError):
                raise ValueError(
                    f"grads: no gradient for parameter {path!r} in a {type(grads).__name__}"
                ) from None
            flat[path] = node
    for path, p in p_leaves.items():
        g = flat[path]
        if not isinstance(g, np.ndarray) or g.shape != p.shape:
            got = g.shape if isinstance(g, np.ndarray) else type(g).__name__
            raise ValueError(f"grads: {path!r} expected shape {p.shape}, got {got}")
        # A float gradient, finite, in the parameter's dtype (so a step keeps float32 float32).
        flat[path] = check_array(f"grads[{path!r}]", g, p.shape, dtype=p.dtype)
    return flat


def replace_leaves(tree, new: Mapping[str, np.ndarray]):
    """A copy of ``tree`` with the arrays at the paths of ``new`` replaced.

    Dataclasses are rebuilt with :func:`dataclasses.replace` (so frozen parameter classes
    re-run their validation), mappings as dicts, sequences as their own type.
    """

    def build(node, prefix):
        if isinstance(node, np.ndarray):
            return new.get(prefix, node)
        kids = _children(node)
        if not kids:
            return node
        made = {n: build(c, f"{prefix}.{n}" if prefix else n) for n, c in kids}
        if dataclasses.is_dataclass(node):
            try:
                return dataclasses.replace(node, **made)
            except (ValueError, TypeError) as exc:  # the dataclass re-validates: say where
                raise type(exc)(f"new: at {prefix or 'the root'!r}: {exc}") from None
        if isinstance(node, Mapping):
            return dict(made)
        return type(node)(made[str(i)] for i in range(len(node)))

    if not isinstance(new, Mapping):
        raise TypeError(f"new: expected a dict path -> ndarray, got {type(new).__name__}")
    old = leaves(tree)
    unknown = set(new) - set(old)
    if unknown:
        raise ValueError(f"new: paths not in the tree: {sorted(unknown)}")
    for path, a in new.items():
        if not isinstance(a, np.ndarray):
            raise TypeError(f"new: expected an ndarray at {path!r}, got {type(a).__name__}")
    return build(tree, "")


def n_params(tree) -> int:
    """The number of scalar parameters in a tree."""
    return int(sum(a.size for a in leaves(tree).values()))


# --------------------------------------------------------------------------------------------
# Clipping
# --------------------------------------------------------------------------------------------


def global_norm(grads: Mapping[str, np.ndarray]) -> float:
    """``sqrt(Σ_k ‖g_k‖²)`` over all arrays of a flat gradient dict.

    Computed in float64 and scaled by the largest entry, so that no square overflows or
    underflows: a float32 gradient of finite norm 2e20 has norm 2e20 here, not inf. NaN or
    inf entries give a NaN or inf norm.
    """
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads: expected a dict path -> ndarray, got {type(grads).__name__}")
    arrays, total = [], 0.0
    for path, g in grads.items():
        if not isinstance(g, np.ndarray) or g.dtype.kind != "f":
            got = f"dtype {g.dtype}" if isinstance(g, np.ndarray) else type(g).__name__
            raise TypeError(f"grads: {path!r} expected a float array, got {got}")
        # float64 squares of float32 (or float16) entries neither overflow nor underflow.
        g64 = g if g.dtype == np.float64 else g.astype(np.float64)
        arrays.append(g64)
        total += float(np.vdot(g64, g64))
    if math.isfinite(total) and total > 1e-280:
        return math.sqrt(total)
    # Rare: float64 squares overflowed or underflowed (or there is a NaN/inf, or all is 0).
    # Scale every array by its largest entry, then the norms by the largest norm.
    norms = []
    for g64 in arrays:
        if g64.size == 0:
            continue
        top = float(np.max(np.abs(g64)))
        if not math.isfinite(top):
            return float("nan") if np.isnan(g64).any() else math.inf
        if top > 0.0:
            scaled = g64 / top
            norms.append(top * math.sqrt(float(np.vdot(scaled, scaled))))
    if not norms:
        return 0.0
    top = max(norms)
    return top * math.sqrt(sum((n / top) ** 2 for n in norms))


def clip_grad_norm(
    grads: Mapping[str, np.ndarray], max_norm: float
) -> tuple[dict[str, np.ndarray], float]:
    """Rescale all gradients together so that their global norm is at most ``max_norm``.

    ``g ← g · max_norm / ‖g‖`` if ``‖g‖ > max_norm`` (Pascanu et al. 2013): the direction is
    kept, only the step length is capped.

    Parameters
    ----------
    grads : dict path -> ndarray
    max_norm : float
        Positive threshold.

    Returns
    -------
    clipped : dict path -> ndarray
        New arrays (the inputs are not changed).
    norm : float
        The global norm *before* clipping.
    """
    if isinstance(max_norm, bool) or not (
        isinstance(max_norm, (int, float, np.integer, np.floating))
        and max_norm > 0
        and math.isfinite(max_norm)
    ):
        raise ValueError(f"max_norm: expected a positive finite number, got {max_norm!r}")
    norm = global_norm(grads)
    if not math.isfinite(norm):
        raise FloatingPointError(f"grads: the gradient norm is {norm} (NaN or inf)")
    scale = max_norm / norm if norm > max_norm else 1.0
    return {k: g * scale for k, g in grads.items()}, norm


# --------------------------------------------------------------------------------------------
# Optimizers
# --------------------------------------------------------------------------------------------


def _check_rate(name: str, value: float, lo: float = 0.0, hi: float = math.inf) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float, np.integer, np.floating))
        or not (lo <= value < hi)
        or math.isnan(value)
    ):
        raise ValueError(f"{name}: expected a number in [{lo}, {hi}), got {value!r}")
    return float(value)


def _owned_buffers(name: str, buffers) -> MappingProxyType:
    """A read-only mapping path -> read-only float array, owned by an optimizer state."""
    if not isinstance(buffers, Mapping):
        raise TypeError(f"{name}: expected a dict path -> ndarray, got {type(buffers).__name__}")
    out = {}
    for path, b in buffers.items():
        if isinstance(b, np.ndarray) and is_sealed(b):  # made by a step: checked, owned
            out[path] = b
            continue
        ndim = b.ndim if isinstance(b, np.ndarray) else np.ndim(b)
        out[path] = check_array(f"{name}[{path!r}]", b, [None] * ndim, own=True)
    return MappingProxyType(out)


def _check_buffers(name: str, buffers: Mapping, p_leaves: Mapping, arg: str = "state") -> None:
    """``ValueError`` unless ``buffers`` have one array per leaf (``p_leaves``), shaped like it."""
    if buffers.keys() != p_leaves.keys():
        raise ValueError(
            f"{arg}: {name} was made for parameters with leaves {sorted(buffers)}, got params "
            f"with leaves {sorted(p_leaves)} (make a state with optimizer.init(params))"
        )
    for path, p in p_leaves.items():
        b = buffers[path]
        if b.shape != p.shape or b.dtype != p.dtype:
            raise ValueError(
                f"{arg}: {name}[{path!r}] has shape {b.shape} ({b.dtype}), but the parameter "
                f"has shape {p.shape} ({p.dtype}) (make a state with optimizer.init(params))"
            )


@dataclass(frozen=True)
class SGDState:
    """Momentum buffers ``v`` (one per leaf) of :class:`SGD`: a read-only mapping of read-only arrays."""

    velocity: Mapping[str, np.ndarray]

    def __post_init__(self):
        object.__setattr__(self, "velocity", _owned_buffers("velocity", self.velocity))


@dataclass(frozen=True)
class SGD:
    """Stochastic gradient descent with momentum.

    ``v ← μ v + g`` and ``θ ← θ - η v`` (PyTorch's ``torch.optim.SGD``; with μ = 0 the
    plain step ``θ ← θ - η g``).

    Attributes
    ----------
    lr : float
        Learning rate η > 0.
    momentum : float
        μ in [0, 1).
    """

    lr: float
    momentum: float = 0.0

    def __post_init__(self):
        _check_rate("lr", self.lr, 1e-300)
        _check_rate("momentum", self.momentum, 0.0, 1.0)

    def check_state(self, params, state, name: str = "state") -> None:
        """``TypeError``/``ValueError`` unless ``state`` is an SGD state for these params."""
        check_type(name, state, SGDState)
        _check_buffers("velocity", state.velocity, leaves(params), name)

    def init(self, params) -> SGDState:
        """Zero momentum for every leaf of ``params``."""
        return SGDState({k: seal(np.zeros_like(v)) for k, v in leaves(params).items()})

    def step(self, params, grads, state: SGDState):
        """One update. Returns ``(new_params, new_state)``; the inputs are not changed.

        ``grads``: a gradient tree matching ``params`` or a flat dict (:func:`grad_leaves`).
        ``state``: from :meth:`init` of these params (or a previous step); refused if it was
        made for parameters with other leaves or shapes.
        """
        self.check_state(params, state)
        g = grad_leaves(params, grads)
        vel = {k: seal(self.momentum * state.velocity[k] + g[k]) for k in g}
        new = {k: seal(p - self.lr * vel[k]) for k, p in leaves(params).items()}
        return replace_leaves(params, new), SGDState(vel)


@dataclass(frozen=True)
class AdamState:
    """Adam's moment estimates ``m``, ``v`` (one per leaf; read-only) and the step count ``t``."""

    m: Mapping[str, np.ndarray]
    v: Mapping[str, np.ndarray]
    t: int

    def __post_init__(self):
        object.__setattr__(self, "m", _owned_buffers("m", self.m))
        object.__setattr__(self, "v", _owned_buffers("v", self.v))
        if isinstance(self.t, bool) or not isinstance(self.t, (int, np.integer)) or self.t < 0:
            raise ValueError(f"t: expected a step count >= 0, got {self.t!r}")
        if set(self.m) != set(self.v):
            raise ValueError(f"v: expected the leaves of m {sorted(self.m)}, got {sorted(self.v)}")


@dataclass(frozen=True)
class Adam:
    """Adam (Kingma & Ba 2015, Algorithm 1).

    With g the gradient at step t = 1, 2, ...::

        m ← β1 m + (1 - β1) g          v ← β2 v + (1 - β2) g²
        m̂ = m / (1 - β1^t)             v̂ = v / (1 - β2^t)
        θ ← θ - η m̂ / (√v̂ + ε)

    Attributes
    ----------
    lr : float
        η, default 1e-3.
    beta1, beta2 : float
        Decay rates of the moment estimates, in [0, 1).
    eps : float
        ε, added to √v̂.
    """

    lr: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self):
        _check_rate("lr", self.lr, 1e-300)
        _check_rate("beta1", self.beta1, 0.0, 1.0)
        _check_rate("beta2", self.beta2, 0.0, 1.0)
        _check_rate("eps", self.eps, 0.0)

    def check_state(self, params, state, name: str = "state") -> None:
        """``TypeError``/``ValueError`` unless ``state`` is an Adam state for these params."""
        check_type(name, state, AdamState)
        p_leaves = leaves(params)
        _check_buffers("m", state.m, p_leaves, name)
        _check_buffers("v", state.v, p_leaves, name)

    def init(self, params) -> AdamState:
        """Zero moments, step 0."""
        zeros = {k: seal(np.zeros_like(v)) for k, v in leaves(params).items()}
        return AdamState(m=zeros, v=zeros, t=0)

    def step(self, params, grads, state: AdamState):
        """One update. Returns ``(new_params, new_state)``; the inputs are not changed.

        ``state``: from :meth:`init` of these params (or a previous step); refused if it was
        made for parameters with other leaves or shapes.
        """
        self.check_state(params, state)
        g = grad_leaves(params, grads)
        t = state.t + 1
        b1, b2 = self.beta1, self.beta2
        m = {k: seal(b1 * state.m[k] + (1.0 - b1) * g[k]) for k in g}
        v = {k: seal(b2 * state.v[k] + (1.0 - b2) * g[k] * g[k]) for k in g}
        c1, c2 = 1.0 - b1**t, 1.0 - b2**t
        new = {
            k: seal(p - self.lr * (m[k] / c1) / (np.sqrt(v[k] / c2) + self.eps))
            for k, p in leaves(params).items()
        }
        return replace_leaves(params, new), AdamState(m=m, v=v, t=t)


# --------------------------------------------------------------------------------------------
# Truncated BPTT on a long stream
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One window of a stream for truncated BPTT.

    Attributes
    ----------
    inputs : integer ndarray of shape `(T, N)`
        Symbols at steps t of N parallel tracks.
    targets : integer ndarray of shape `(T, N)`
        The symbols that follow them (the inputs shifted by one).
    first : bool
        True for the first window of a pass over the stream: the carried state should be
        reset (the tracks jump back to their starts).
    """

    inputs: np.ndarray
    targets: np.ndarray
    first: bool


def tbptt_chunks(ids: np.ndarray, batch_size: int, seq_len: int) -> Iterator[Chunk]:
    """Consecutive windows of ``batch_size`` parallel tracks of a stream, forever.

    The stream is cut into ``batch_size`` contiguous tracks of equal length (the remainder
    is dropped); track n is column n of every chunk. Window k holds steps
    ``[k·seq_len, (k+1)·seq_len)`` of every track, so the state at the end of one window is
    the right initial state of the next: carry it over, but do not backpropagate into it
    (Williams & Peng 1990). After the last full window, the next pass starts again at the
    tracks' beginnings with ``first=True``.

    Parameters
    ----------
    ids : integer ndarray of shape `(L,)`
    batch_size : int
        N, the number of tracks.
    seq_len : int
        T, the truncation length.

    Yields
    ------
    Chunk
    """
    ids = np.asarray(ids)
    if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
        raise TypeError(f"ids: expected a 1-D integer array, got {ids.dtype} of shape {ids.shape}")
    N = check_positive_int("batch_size", batch_size)
    T = check_positive_int("seq_len", seq_len)
    track = (len(ids) - 1) // N  # each track needs one extra symbol for its last target
    n_windows = track // T
    if n_windows < 1:
        raise ValueError(
            f"ids: a stream of length {len(ids)} is too short for {N} tracks of at least "
            f"{T} + 1 symbols"
        )
    if ids.min() < 0:
        raise ValueError(f"ids: expected symbol ids >= 0, got {ids.min()}")
    # The checks above run now, not at the first next(): the windows come from a generator.
    return _windows(ids.copy(), N, T, track, n_windows)


def _windows(ids: np.ndarray, N: int, T: int, track: int, n_windows: int) -> Iterator[Chunk]:
    starts = np.arange(N) * track  # (N,)
    while True:
        for k in range(n_windows):
            steps = starts[None, :] + k * T + np.arange(T)[:, None]  # (T, N)
            yield Chunk(inputs=ids[steps], targets=ids[steps + 1], first=k == 0)


# --------------------------------------------------------------------------------------------
# The fit loop
# --------------------------------------------------------------------------------------------


@dataclass
class History:
    """What happened during :func:`fit`.

    Attributes
    ----------
    loss : list of float
        The loss of every step, as ``loss_fn`` returned it.
    grad_norm : list of float
        The global gradient norm of every step, before clipping.
    evals : list of dict
        The dicts returned by ``eval_fn``, each with its ``"step"`` added.
    seconds : float
        Wall-clock time of the loop, evaluations included.
    """

    loss: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def eval_series(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, values)`` of one quantity recorded by ``eval_fn``."""
        rows = [e for e in self.evals if key in e]
        return np.array([e["step"] for e in rows]), np.array([e[key] for e in rows])


@dataclass(frozen=True)
class FitResult:
    """The trained parameters, the optimizer state, the history and the final carry."""

    params: Any
    opt_state: Any
    history: History
    carry: Any = None


def fit(
    loss_fn: Callable,
    params,
    optimizer,
    batches: Iterable,
    *,
    steps: int,
    clip_norm: float | None = None,
    stateful: bool = False,
    opt_state=None,
    eval_fn: Callable | None = None,
    eval_every: int | None = None,
    stop: Callable[[dict], bool] | None = None,
    progress=None,
) -> FitResult:
    """Train: for each batch, loss and gradients, clip, one optimizer step.

    Parameters
    ----------
    loss_fn : callable
        ``loss_fn(params, batch) -> (loss, grads)``, or with ``stateful=True``
        ``loss_fn(params, batch, carry) -> (loss, grads, carry)``: the carry (e.g. the final
        (h, s) of each layer, for truncated BPTT) is handed to the next call; it is
        ``None`` on the first. ``grads`` is a gradient tree matching ``params`` (or a flat
        dict, :func:`grad_leaves`).
    params : parameter tree
    optimizer : SGD or Adam (anything with ``init`` and ``step``)
    batches : iterable
        Yields at least ``steps`` batches, passed to ``loss_fn`` unchanged.
    steps : int
        Number of updates.
    clip_norm : float, optional
        Clip the global gradient norm to this value (:func:`clip_grad_norm`).
    stateful : bool
        See ``loss_fn``.
    opt_state : optional
        Continue from this optimizer state instead of ``optimizer.init(params)``.
    eval_fn : callable, optional
        ``eval_fn(params) -> dict`` of measurements, called every ``eval_every`` steps and
        after the last step; stored in ``history.evals`` with the step number.
    eval_every : int, optional
        Default: ``steps`` (evaluate once, at the end).
    stop : callable, optional
        ``stop(evaluation) -> bool``: end training early when it returns True (e.g. when the
        success criterion of a task is met).
    progress : optional
        Anything with ``update(n)`` and ``set_postfix(**kw)`` (tqdm's interface), advanced once
        per step and shown the running loss, e.g. a
        :class:`lstm_core.viz.progress.ProgressBar` of ``steps`` (the caller opens and closes
        it; this module has no display code).

    Returns
    -------
    FitResult
        ``params``, ``opt_state``, ``history``, ``carry``.
    """
    steps = check_positive_int("steps", steps)
    eval_every = steps if eval_every is None else check_positive_int("eval_every", eval_every)
    if clip_norm is not None and (
        isinstance(clip_norm, bool)
        or not isinstance(clip_norm, (int, float, np.integer, np.floating))
        or not 0 < clip_norm < math.inf
    ):
        raise ValueError(f"clip_norm: expected a positive finite number or None, got {clip_norm!r}")
    for name, fn in (("loss_fn", loss_fn), ("eval_fn", eval_fn), ("stop", stop)):
        if fn is not None and not callable(fn) or (fn is None and name == "loss_fn"):
            raise TypeError(f"{name}: expected a callable, got {type(fn).__name__}")
    for name, obj, methods in (("optimizer", optimizer, ("init", "step")),
                               ("progress", progress, ("update", "set_postfix"))):
        missing = [m for m in methods if not callable(getattr(obj, m, None))]
        if obj is not None and missing or (obj is None and name == "optimizer"):
            raise TypeError(
                f"{name}: expected an object with methods {', '.join(methods)}, got "
                f"{type(obj).__name__}"
            )
    if not leaves(params):
        raise ValueError(f"params: expected a parameter tree with arrays, got {type(params).__name__}")
    try:
        it = iter(batches)
    except TypeError:
        raise TypeError(f"batches: expected an iterable of batches, got {type(batches).__name__}") from None
    if opt_state is None:
        state = optimizer.init(params)
    else:
        if callable(getattr(optimizer, "check_state", None)):
            optimizer.check_state(params, opt_state, "opt_state")
        state = opt_state
    history = History()
    carry = None
    bar = progress
    start = time.perf_counter()
    smooth = None
    try:
        for step in range(1, steps + 1):
            try:
                batch = next(it)
            except StopIteration:
                raise ValueError(f"batches: ran out after {step - 1} of {steps} steps") from None
            out = loss_fn(params, batch, carry) if stateful else loss_fn(params, batch)
            want = 3 if stateful else 2
            if not isinstance(out, tuple) or len(out) != want:
                got = type(out).__name__ + (f" of length {len(out)}" if isinstance(out, tuple) else "")
                names = "loss, grads, carry" if stateful else "loss, grads"
                raise ValueError(f"loss_fn: expected a tuple ({names}), got {got}")
            if stateful:
                loss, grads, carry = out
            else:
                loss, grads = out
            if isinstance(loss, np.ndarray) and loss.size == 1:
                loss = loss.item()
            if isinstance(loss, bool) or not isinstance(loss, (int, float, np.integer, np.floating)):
                raise TypeError(f"loss_fn: expected a number as the loss, got {type(loss).__name__}")
            loss = float(loss)
            if not math.isfinite(loss):
                raise FloatingPointError(f"loss_fn: the loss is {loss} at step {step}")
            try:
                g = grad_leaves(params, grads)
            except (ValueError, TypeError) as exc:
                raise type(exc)(f"loss_fn: returned gradients that do not fit params: {exc}") from None
            if clip_norm is not None:
                g, norm = clip_grad_norm(g, clip_norm)
            else:
                norm = global_norm(g)
            params, state = optimizer.step(params, g, state)
            history.loss.append(loss)
            history.grad_norm.append(norm)
            smooth = loss if smooth is None else 0.98 * smooth + 0.02 * loss
            if bar is not None:
                bar.update(1)
                if step % 50 == 0 or step == steps:
                    bar.set_postfix(loss=f"{smooth:.4g}", refresh=False)
            if eval_fn is not None and (step % eval_every == 0 or step == steps):
                measured = eval_fn(params)
                if not isinstance(measured, Mapping):
                    raise TypeError(
                        f"eval_fn: expected a dict of measurements, got {type(measured).__name__}"
                    )
                record = {"step": step, **measured}
                history.evals.append(record)
                if stop is not None and stop(record):
                    if bar is not None:
                        bar.set_postfix(loss=f"{smooth:.4g}", stopped="criterion met")
                    break
    finally:
        history.seconds = time.perf_counter() - start
    return FitResult(params=params, opt_state=state, history=history, carry=carry)
