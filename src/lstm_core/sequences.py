"""Batches of sequences of different lengths: the output at each sequence's end, and back.

A padded batch stores each sequence from step 0 and fills the rest with zero vectors up to
the batch's longest sequence; ``lengths`` holds each one's true length. Because the networks
are causal, the padding never changes an output at or before a sequence's end. A task scored
at the end of each sequence (the adding and temporal-order problems of chapter 6) reads the
outputs with :func:`at_ends` and puts the error back with :func:`to_ends`, its adjoint.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_array, check_bytes, check_positive_int

__all__ = ["at_ends", "to_ends"]


def _check_lengths(lengths, N: int, T: int) -> np.ndarray:
    lengths = np.asarray(lengths)
    if not np.issubdtype(lengths.dtype, np.integer):
        raise TypeError(
            f"lengths: expected an integer array of shape ({N},), got dtype {lengths.dtype}"
        )
    if lengths.shape != (N,):
        raise ValueError(f"lengths: expected shape ({N},), got shape {lengths.shape}")
    if lengths.min() < 1 or lengths.max() > T:
        raise ValueError(
            f"lengths: values must lie in [1, T = {T}], got [{lengths.min()}, {lengths.max()}]"
        )
    return lengths


def at_ends(y: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The output of every sequence at its last step: ``y[lengths[n] - 1, n]``.

    Parameters
    ----------
    y : ndarray of shape `(T, N, K)`
        Outputs at every step of a padded batch.
    lengths : integer ndarray of shape `(N,)`
        True lengths, in ``[1, T]``.

    Returns
    -------
    ndarray of shape `(N, K)`
    """
    y = check_array("y", y, ["T", "N", None])
    T, N, _ = y.shape
    lengths = _check_lengths(lengths, N, T)
    return y[lengths - 1, np.arange(N)]  # (N, K)


def to_ends(dy_end: np.ndarray, lengths: np.ndarray, T: int) -> np.ndarray:
    """The adjoint of :func:`at_ends`: ``dy_end`` put at each sequence's last step, 0 elsewhere.

    Parameters
    ----------
    dy_end : ndarray of shape `(N, K)`
        ∂L/∂(output at the end) for each sequence.
    lengths : integer ndarray of shape `(N,)`
    T : int
        Number of steps of the padded batch.

    Returns
    -------
    ndarray of shape `(T, N, K)`
    """
    dy_end = check_array("dy_end", dy_end, ["N", "K"])
    T = check_positive_int("T", T)
    N, K = dy_end.shape
    check_bytes("T", T * N * K, dy_end.itemsize, f"a ({T}, {N}, {K}) gradient")
    lengths = _check_lengths(lengths, N, T)
    dy = np.zeros((T, N, K), dy_end.dtype)
    dy[lengths - 1, np.arange(N)] = dy_end
    return dy
