"""Validation at the public boundary of ``lstm_core``.

Every public function checks its arrays here, so that bad input fails loudly with an error
that names the argument, the shape it expected and the shape it got -- never a silent
broadcast three calls later.
"""

from __future__ import annotations

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

    Raises
    ------
    TypeError
        Not an array of float32/float64.
    ValueError
        Wrong rank, a size that disagrees, an empty dimension, or a NaN/inf entry.
    """
    if sizes is None:
        sizes = {}
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
    return arr


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
    if rng is None or isinstance(rng, (int, np.integer)):
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
