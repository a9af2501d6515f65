"""Gradient checking by central differences.

The judge of every gradient in this book: perturb one entry of one array by ``±h``, rerun the
forward pass and the loss, and compare ``(L(θ+h) - L(θ-h)) / 2h`` with the analytic value.
The comparison is a *relative* error per array (CS231n's habit),

    rel = max |g_num - g_ana| / max(|g_num| + |g_ana|, tiny)

taken over the entries of the array, so that one number per parameter tensor is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

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
    if not isinstance(array, np.ndarray) or array.dtype.type not in (np.float32, np.float64):
        raise TypeError(f"array: expected a float ndarray, got {type(array).__name__}")
    grad = np.zeros_like(array, dtype=np.float64)
    flat = array.reshape(-1)  # a view: perturbing it perturbs array
    if not np.shares_memory(flat, array):
        raise ValueError("array: must be contiguous so it can be perturbed in place")
    gflat = grad.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + h
        lp = float(loss())
        flat[k] = old - h
        lm = float(loss())
        flat[k] = old
        gflat[k] = (lp - lm) / (2.0 * h)
    return grad


def relative_error(numeric: np.ndarray, analytic: np.ndarray, tiny: float = 1e-12) -> float:
    """``max |a - b| / max(max(|a| + |b|), tiny)`` -- one number for a whole array.

    Normalising by the array's largest magnitude (not entry by entry) keeps entries that are
    legitimately near zero from inflating the error.
    """
    numeric = np.asarray(numeric, dtype=np.float64)
    analytic = np.asarray(analytic, dtype=np.float64)
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
    missing = set(arrays) - set(analytic)
    if missing:
        raise ValueError(f"analytic: no gradient given for {sorted(missing)}")
    return {
        name: relative_error(numerical_gradient(loss, arr, h), analytic[name])
        for name, arr in arrays.items()
    }
