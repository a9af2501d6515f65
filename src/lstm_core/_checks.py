"""Validation at the public boundary of ``lstm_core``.

Every public function checks its arrays here, so that bad input fails loudly with an error
that names the argument, the shape it expected and the shape it got -- never a silent
broadcast three calls later.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence

import numpy as np

FLOATS = (np.float32, np.float64)


def _fmt(spec: Sequence[int | str | None]) -> str:
    parts = ["?" if d is None else str(d) for d in spec]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def check_array(
    name: str,
    arr,
    spec: Sequence[int | str | None],
    *,
    dtype: np.dtype | type | None = None,
    sizes: dict[str, int] | None = None,
    own: bool = False,
) -> np.ndarray:
    """Check ``arr`` and return it as an ndarray.

    Parameters
    ----------
    name : str
        The argument's name, used in the error message.
    arr : array_like
        The value to check. Must already be a floating numpy array (or a float array-like);
        integer, boolean, complex and object arrays are refused with ``TypeError``.
    spec : sequence of int, str or None
        The expected shape. An int must match exactly; a str names a size that must agree
        across arguments (recorded in ``sizes`` on first sight, e.g. ``"T"``, ``"N"``);
        ``None`` matches anything.
    dtype : numpy dtype, optional
        If given, the array is converted to this floating dtype (float32 <-> float64 only).
    sizes : dict, optional
        Named sizes seen so far; updated in place.
    own : bool
        Return an array no caller can write (:func:`owned`): a read-only copy, made only when
        the array is not already one the engine sealed or a fresh conversion.

    Raises
    ------
    TypeError
        Not an array of float32/float64.
    ValueError
        Wrong rank, a size that disagrees, an empty dimension, or a NaN/inf entry.
    """
    if sizes is None:
        sizes = {}
    source = arr
    if not isinstance(arr, np.ndarray):
        try:
            arr = np.asarray(arr)
        except Exception as exc:  # pragma: no cover - exotic inputs
            raise TypeError(f"{name}: expected a float array, got {type(arr).__name__}") from exc
    if arr.dtype.type not in FLOATS:
        raise TypeError(
            f"{name}: expected a float32 or float64 array of shape {_fmt_named(spec, sizes)}, "
            f"got dtype {arr.dtype} (convert with .astype(np.float64))"
        )
    if arr.ndim != len(spec):
        raise ValueError(
            f"{name}: expected {len(spec)} dimensions, shape {_fmt_named(spec, sizes)}, "
            f"got shape {tuple(arr.shape)}"
        )
    for axis, (want, got) in enumerate(zip(spec, arr.shape, strict=True)):
        if want is None:
            continue
        if isinstance(want, str):
            if want in sizes:
                if sizes[want] != got:
                    raise ValueError(
                        f"{name}: expected shape {_fmt_named(spec, sizes)}, got shape "
                        f"{tuple(arr.shape)} (axis {axis} is {want} = {sizes[want]})"
                    )
            else:
                if got == 0:
                    raise ValueError(
                        f"{name}: expected shape {_fmt_named(spec, sizes)} with {want} >= 1, "
                        f"got shape {tuple(arr.shape)} (empty)"
                    )
                sizes[want] = got
        elif want != got:
            raise ValueError(
                f"{name}: expected shape {_fmt_named(spec, sizes)}, got shape {tuple(arr.shape)}"
            )
    if dtype is not None and arr.dtype != dtype:
        arr = arr.astype(dtype)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: contains NaN or inf (shape {tuple(arr.shape)})")
    return owned(arr, source) if own else arr


def _fmt_named(spec, sizes) -> str:
    parts = []
    for d in spec:
        if isinstance(d, str):
            parts.append(f"{d}={sizes[d]}" if d in sizes else d)
        else:
            parts.append("?" if d is None else str(d))
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def common_float_dtype(name: str, *arrays: np.ndarray) -> np.dtype:
    """The one floating dtype shared by a parameter set; ``TypeError`` if they differ."""
    dtypes = {a.dtype for a in arrays if a is not None}
    if len(dtypes) != 1:
        raise TypeError(
            f"{name}: all arrays must share one dtype (float32 or float64), got "
            + ", ".join(sorted(str(d) for d in dtypes))
        )
    return dtypes.pop()


def check_rng(rng) -> np.random.Generator:
    """A ``numpy.random.Generator``: ``None`` gives a fresh default one, an int seeds one."""
    if rng is None or (isinstance(rng, (int, np.integer)) and not isinstance(rng, bool)):
        if rng is not None and rng < 0:
            raise ValueError(f"rng: expected a seed >= 0, got {rng}")
        return np.random.default_rng(rng)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng: expected a numpy.random.Generator, an int seed or None, got {type(rng).__name__}"
        )
    return rng


def check_positive_int(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name}: expected a positive integer, got {value!r}")
    return int(value)


def check_type(name: str, obj, cls: type):
    """``obj`` itself if it is a ``cls``; else ``TypeError`` naming the argument and both types."""
    if not isinstance(obj, cls):
        raise TypeError(f"{name}: expected {cls.__name__}, got {type(obj).__name__}")
    return obj


# --------------------------------------------------------------------------------------------
# Ownership: parameters and traces hold arrays nobody else can write
# --------------------------------------------------------------------------------------------

#: Arrays the engine has sealed (made read-only itself): id -> weak reference, so they die
#: normally (a plain dict of weakrefs, pruned now and then: a WeakValueDictionary costs more
#: per entry than the small arrays of a training step are worth).
_SEALED: dict[int, weakref.ref] = {}
_prune_at = 4096


def seal(arr: np.ndarray) -> np.ndarray:
    """Mark an array the engine has just made (and nobody else holds) read-only; return it."""
    global _prune_at
    arr.flags.writeable = False
    _SEALED[id(arr)] = weakref.ref(arr)
    if len(_SEALED) > _prune_at:
        for key in [k for k, ref in _SEALED.items() if ref() is None]:
            del _SEALED[key]
        _prune_at = max(4096, 2 * len(_SEALED))
    return arr


def is_sealed(arr: np.ndarray) -> bool:
    """True if ``arr`` is a read-only array sealed by the engine, or a read-only view of one."""
    if arr.flags.writeable:
        return False
    root = arr
    while isinstance(root.base, np.ndarray):
        root = root.base
        if root.flags.writeable:
            return False
    ref = _SEALED.get(id(root))
    return root.base is None and ref is not None and ref() is root


def owned(arr: np.ndarray, source=None) -> np.ndarray:
    """``arr`` as an array no caller can write: itself if the engine sealed it, else a sealed copy.

    ``source`` is what the caller passed (before any dtype conversion): if ``arr`` is a new
    array made from it by a conversion, nobody else holds ``arr`` and it is sealed without a
    second copy.
    """
    if is_sealed(arr):
        return arr
    fresh = (
        source is not None
        and isinstance(source, np.ndarray)
        and arr is not source
        and arr.base is None
    )
    return seal(arr if fresh else arr.copy())


def check_made_with(name: str, made_with, params) -> None:
    """``ValueError`` unless ``params`` are the parameters ``made_with`` (what a trace was made with).

    The same object passes at once; otherwise the two must be of one class with equal
    settings and equal arrays (shape, dtype and every value), field by field and down
    nested dataclasses and tuples. The error names ``name``, the sizes of both and the
    first field that differs.
    """
    if made_with is params:
        return
    diff = _first_difference(made_with, params, "params")
    if diff is not None:
        raise ValueError(
            f"{name}: was made with other params ({_summary(made_with)}) than these "
            f"({_summary(params)}): {diff}; run forward with these params"
        )


_SIZE_NAMES = (("n_in", "I"), ("n_hidden", "H"), ("n_out", "K"))


def _summary(params) -> str:
    parts = [type(params).__name__]
    parts += [f"{sym} = {getattr(params, attr)}" for attr, sym in _SIZE_NAMES if hasattr(params, attr)]
    return ", ".join(parts)


def _first_difference(a, b, path: str) -> str | None:
    """Where ``a`` and ``b`` (parameter objects) first differ, in words; None if they do not."""
    if a is b:
        return None
    if type(a) is not type(b):
        return f"{path} made with {_describe(a)}, got {_describe(b)}"
    if isinstance(b, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return f"{path} made with {_describe(a)}, got {_describe(b)}"
        return None if np.array_equal(a, b) else f"{path} made with other values"
    if isinstance(b, tuple):
        if len(a) != len(b):
            return f"{path} made with {len(a)} entries, got {len(b)}"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            diff = _first_difference(x, y, f"{path}[{k}]")
            if diff is not None:
                return diff
        return None
    if dataclasses.is_dataclass(b):
        # Settings (forget mode, activation, ...) before arrays: they explain the arrays.
        fields = sorted(dataclasses.fields(b), key=lambda f: isinstance(getattr(b, f.name), np.ndarray))
        for f in fields:
            diff = _first_difference(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
            if diff is not None:
                return diff
        return None
    return None if a == b else f"{path} made with {a!r}, got {b!r}"


def _describe(v) -> str:
    if isinstance(v, np.ndarray):
        return f"an array of shape {tuple(v.shape)} ({v.dtype})"
    if v is None or isinstance(v, (str, int, float)):
        return repr(v)
    return f"a {type(v).__name__}"


# --------------------------------------------------------------------------------------------
# Sizes: fail fast instead of taking all the memory
# --------------------------------------------------------------------------------------------

#: The largest array (in bytes) the engine agrees to allocate for one call; a request above it
#: is refused at once with ``ValueError`` instead of swapping or running for hours.
MAX_BYTES = 2**31


def check_bytes(name: str, n_items, itemsize: int, what: str) -> None:
    """``ValueError`` naming ``name`` if ``n_items`` entries of ``itemsize`` bytes exceed the cap."""
    n_bytes = int(n_items) * int(itemsize)
    if n_bytes > MAX_BYTES:
        raise ValueError(
            f"{name}: {what} would need {n_bytes / 2**30:.3g} GiB (limit "
            f"lstm_core._checks.MAX_BYTES = {MAX_BYTES / 2**30:.3g} GiB); use smaller sizes"
        )


def check_float_dtype(name: str, dtype) -> np.dtype:
    """``np.dtype(dtype)`` if it is float32 or float64; else ``TypeError`` naming the argument."""
    try:
        dt = np.dtype(dtype) if dtype is not None else None
    except TypeError:
        dt = None
    if dt is None or dt.type not in FLOATS:
        raise TypeError(f"{name}: expected np.float32 or np.float64, got {dtype!r}")
    return dt


def check_number(name: str, value, *, lo: float = -np.inf, hi: float = np.inf,
                 lo_open: bool = False) -> float:
    """A finite real number (not a bool) in ``[lo, hi]`` (``(lo, hi]`` if ``lo_open``), as float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: expected a real number, got {type(value).__name__}")
    v = float(value)
    if not np.isfinite(v) or v < lo or v > hi or (lo_open and v == lo):
        interval = f"{'(' if lo_open else '['}{lo}, {hi}]"
        raise ValueError(f"{name}: expected a finite number in {interval}, got {value!r}")
    return v


def check_int_array(name: str, arr, shape=None, *, lo: int | None = None, hi: int | None = None,
                    nonempty: bool = True) -> np.ndarray:
    """An integer array (not bool) of the given shape with values in ``[lo, hi)``."""
    if not isinstance(arr, np.ndarray):
        try:
            arr = np.asarray(arr)
        except Exception:
            raise TypeError(f"{name}: expected an integer array, got {type(arr).__name__}") from None
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name}: expected an integer array, got dtype {arr.dtype}")
    if shape is not None and tuple(arr.shape) != tuple(shape):
        raise ValueError(f"{name}: expected shape {tuple(shape)}, got shape {tuple(arr.shape)}")
    if nonempty and arr.size == 0:
        raise ValueError(f"{name}: expected at least one entry, got shape {tuple(arr.shape)}")
    if arr.size and ((lo is not None and arr.min() < lo) or (hi is not None and arr.max() >= hi)):
        raise ValueError(
            f"{name}: values must lie in [{lo if lo is not None else '-inf'}, "
            f"{hi if hi is not None else 'inf'}), got [{arr.min()}, {arr.max()}]"
        )
    return arr
