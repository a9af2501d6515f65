"""Gradient checking by central differences.

The judge of every gradient in this book: perturb one entry of one array by ``±h``, rerun the
forward pass and the loss, and compare ``(L(θ+h) - L(θ-h)) / 2h`` with the analytic value.
The comparison is a *relative* error per array (CS231n's habit),

    rel = max |g_num - g_ana| / max(|g_num| + |g_ana|, tiny)

taken over the entries of the array, so that one number per parameter tensor is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import contextmanager

import numpy as np

from ._checks import check_array, check_number

__all__ = ["numerical_gradient", "relative_error", "check_gradients"]


def numerical_gradient(
    loss: Callable[[], float], array: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """Central-difference gradient of ``loss()`` with respect to ``array``, entry by entry.

    ``array`` is modified in place during the computation and restored afterwards;
    ``loss`` must read it (typically it closes over the parameters that own it).

    Parameters
    ----------
    loss : callable
        ``loss() -> float``, evaluated ``2 * array.size`` times.
    array : ndarray of float64
        The array to perturb; float64 is needed for the usual 1e-7 agreement.
    h : float
        The step.

    Returns
    -------
    ndarray of the shape of ``array``.
    """
    if not callable(loss):
        raise TypeError(f"loss: expected a callable loss() -> float, got {type(loss).__name__}")
    if not isinstance(array, np.ndarray) or array.dtype.type not in (np.float32, np.float64):
        got = f"dtype {array.dtype}" if isinstance(array, np.ndarray) else type(array).__name__
        raise TypeError(f"array: expected a float32 or float64 ndarray, got {got}")
    if isinstance(h, bool) or not isinstance(h, (int, float, np.integer, np.floating)) or not (
        0 < h < np.inf
    ):
        raise ValueError(f"h: expected a finite step > 0, got {h!r}")
    grad = np.zeros_like(array, dtype=np.float64)
    flat = array.reshape(-1)  # a view: perturbing it perturbs array
    if array.size and not np.shares_memory(flat, array):
        raise ValueError("array: must be contiguous so it can be perturbed in place")
    gflat = grad.reshape(-1)
    with _writeable(array, flat):
        for k in range(flat.size):
            old = flat[k]
            flat[k] = old + h
            lp = float(loss())
            flat[k] = old - h
            lm = float(loss())
            flat[k] = old
            gflat[k] = (lp - lm) / (2.0 * h)
    return grad


@contextmanager
def _writeable(*arrays: np.ndarray):
    """Let read-only arrays (the engine's parameters and traces) be perturbed, then lock them again.

    The parameters own read-only arrays so that no caller can change them by accident; the
    finite differences change them on purpose, one entry at a time, and restore every value.
    """
    chain = []  # (depth, array): each array and the arrays it views; depth 0 owns its memory
    for a in arrays:
        views = []
        while isinstance(a, np.ndarray):
            views.append(a)
            a = a.base
        for depth, v in enumerate(reversed(views)):
            if not any(v is c for _, c in chain):
                chain.append((depth, v))
    chain.sort(key=lambda dc: dc[0])  # owners first: a view can only be unlocked after its base
    locked = [a for _, a in chain if not a.flags.writeable]
    try:
        for a in locked:
            a.flags.writeable = True
    except ValueError:
        for a in locked:
            a.flags.writeable = False
        raise ValueError(
            "array: is read-only and its memory is not numpy's to unlock; pass a copy"
        ) from None
    try:
        yield
    finally:
        for a in locked:
            a.flags.writeable = False


def relative_error(numeric: np.ndarray, analytic: np.ndarray, tiny: float = 1e-12) -> float:
    """``max |a - b| / max(max(|a| + |b|), tiny)`` -- one number for a whole array.

    Normalising by the array's largest magnitude (not entry by entry) keeps entries that are
    legitimately near zero from inflating the error.
    """
    numeric = check_array("numeric", numeric, [None] * max(np.ndim(numeric), 0), dtype=np.float64)
    analytic = check_array("analytic", analytic, [None] * max(np.ndim(analytic), 0), dtype=np.float64)
    check_number("tiny", tiny, lo=0.0, lo_open=True)
    if numeric.shape != analytic.shape:
        raise ValueError(
            f"analytic: expected shape {numeric.shape} (that of numeric), got {analytic.shape}"
        )
    scale = max(float(np.max(np.abs(numeric) + np.abs(analytic), initial=0.0)), tiny)
    return float(np.max(np.abs(numeric - analytic), initial=0.0)) / scale


def check_gradients(
    loss: Callable[[], float],
    arrays: Mapping[str, np.ndarray],
    analytic: Mapping[str, np.ndarray],
    h: float = 1e-6,
) -> dict[str, float]:
    """Relative error of every analytic gradient against central differences.

    Parameters
    ----------
    loss : callable
        ``loss() -> float`` that reads the arrays in ``arrays``.
    arrays : mapping name -> ndarray
        The arrays to perturb (parameters, inputs, initial states).
    analytic : mapping name -> ndarray
        The analytic gradients, same names and shapes.

    Returns
    -------
    dict name -> relative error (see :func:`relative_error`).
    """
    for name, m in (("arrays", arrays), ("analytic", analytic)):
        if not isinstance(m, Mapping):
            raise TypeError(f"{name}: expected a dict name -> ndarray, got {type(m).__name__}")
    missing = set(arrays) - set(analytic)
    if missing:
        raise ValueError(f"analytic: no gradient given for {sorted(missing)}")
    out = {}
    for name, arr in arrays.items():
        num = numerical_gradient(loss, arr, h)
        ana = check_array(f"analytic[{name!r}]", analytic[name], list(num.shape), dtype=np.float64)
        out[name] = relative_error(num, ana)
    return out
