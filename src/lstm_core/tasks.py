"""The long-time-lag tasks of chapters 6 and 8, seeded.

Two of the benchmark tasks of Hochreiter & Schmidhuber, "Long Short-Term Memory",
*Neural Computation* 9(8), 1997 -- the tasks the LSTM was invented to solve:

- :func:`adding_problem` -- Experiment 4, the adding problem;
- :func:`temporal_order` -- Experiment 6a, the temporal-order problem with two relevant symbols.

Every generator takes ``rng`` (a ``numpy.random.Generator`` or an int seed) and returns
sequences in the engine's layout, time first: ``x`` of shape `(T, N, I)`. Sequences of one
batch may have different lengths; each is stored from step 0 and followed by zero vectors up to
the batch's longest sequence, and ``lengths`` holds each one's true length (read the outputs at
the ends with :func:`lstm_core.sequences.at_ends`).

Positions in the paper count from 1; in the arrays here they count from 0 (the paper's pair 1
is step 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import check_array, check_bytes, check_float_dtype, check_positive_int, check_rng

__all__ = [
    "AddingBatch",
    "TemporalOrderBatch",
    "adding_problem",
    "adding_success",
    "ADDING_TOLERANCE",
    "temporal_order",
    "TEMPORAL_ORDER_SYMBOLS",
    "TEMPORAL_ORDER_CLASSES",
    "temporal_order_success",
]


def _lengths(rng: np.random.Generator, n: int, lo: int, hi: int) -> np.ndarray:
    """``n`` integer lengths drawn uniformly from ``[lo, hi]`` (both included)."""
    return rng.integers(lo, hi + 1, size=n)


# --------------------------------------------------------------------------------------------
# Experiment 4: the adding problem
# --------------------------------------------------------------------------------------------

#: The paper's success criterion for one sequence: absolute error at the end below 0.04.
ADDING_TOLERANCE = 0.04


@dataclass(frozen=True)
class AddingBatch:
    """A batch of the adding problem.

    Attributes
    ----------
    x : ndarray of shape `(T_max, N, 2)`
        Pairs (value in [-1, 1], marker in {-1, 0, 1}); zeros after each sequence's end.
    target : ndarray of shape `(N, 1)`
        0.5 + (X1 + X2) / 4, wanted at the last step of each sequence.
    lengths : integer ndarray of shape `(N,)`
        Sequence lengths, each in ``[T, T + T // 10]``.
    marked : integer ndarray of shape `(N, 2)`
        Steps (from 0) of the pairs that carry X1 and X2.
    """

    x: np.ndarray
    target: np.ndarray
    lengths: np.ndarray
    marked: np.ndarray


def adding_problem(n: int, T: int, *, rng=None, dtype=np.float64) -> AddingBatch:
    """The adding problem of Hochreiter & Schmidhuber (1997), Experiment 4.

    The paper's definition, followed step by step: each element of a sequence is a pair. The
    first component is a real value drawn uniformly from [-1, 1]; the second is a marker,
    1.0, 0.0 or -1.0. Sequences have random lengths between the minimal length T and
    T + T/10. Exactly two pairs are marked with 1.0: first one of the first ten pairs
    (its value is X1), then one of the first T/2 - 1 still unmarked pairs (its value is X2).
    All other markers are 0, except the first and the final pair's, which are -1. "In the
    rare case where the first pair of the sequence gets marked, we set X1 to zero." At the
    end of the sequence the target is 0.5 + (X1 + X2)/4.0, the sum scaled to [0, 1]; a
    sequence is processed correctly if the absolute error at the end is below 0.04
    (:func:`adding_success`). The minimal time lag is T/2.

    Choices where the paper leaves a gap, stated so they can be checked:

    - A length is an integer drawn uniformly from ``[T, T + T // 10]``.
    - The paper uses T >= 100, where "one of the first ten pairs" always lies in the first
      half of the sequence. For T < 20 we draw X1 from the first ``T // 2`` pairs instead,
      so that both marked pairs stay in the first half and the minimal lag stays T/2.
    - A marked first pair keeps its marker 1.0 (not -1) and its value is set to 0, in the
      input as well as in the target. X2 can land on the first pair too (it is drawn from
      the first T/2 - 1 unmarked pairs); it is treated the same way.

    Parameters
    ----------
    n : int
        Number of sequences N.
    T : int
        Minimal sequence length, T >= 4.
    rng : numpy.random.Generator or int, optional
    dtype : float32 or float64

    Returns
    -------
    AddingBatch
        ``x`` `(T_max, N, 2)`, ``target`` `(N, 1)`, ``lengths`` `(N,)`, ``marked`` `(N, 2)`.
    """
    n = check_positive_int("n", n)
    T = check_positive_int("T", T)
    if T < 4:
        raise ValueError(f"T: expected a minimal length of at least 4, got {T}")
    dtype = check_float_dtype("dtype", dtype)
    check_bytes("n, T", n * (T + T // 10) * 2, 8, f"{n} sequences of up to {T + T // 10} steps")
    rng = check_rng(rng)
    lengths = _lengths(rng, n, T, T + T // 10)
    T_max = int(lengths.max())
    x = np.zeros((T_max, n, 2))
    x[:, :, 0] = rng.uniform(-1.0, 1.0, size=(T_max, n))
    first_window = 10 if T >= 20 else T // 2
    marked = np.empty((n, 2), dtype=np.int64)
    for k in range(n):
        L = lengths[k]
        x[L:, k, 0] = 0.0  # padding
        i1 = rng.integers(first_window)
        unmarked = [t for t in range(T // 2) if t != i1][: T // 2 - 1]  # first T/2 - 1 unmarked
        i2 = unmarked[rng.integers(len(unmarked))]
        x[0, k, 1] = -1.0
        x[L - 1, k, 1] = -1.0
        x[[i1, i2], k, 1] = 1.0
        marked[k] = i1, i2
    x[0, (marked == 0).any(axis=1), 0] = 0.0  # a marked first pair carries the value 0
    values = x[marked, np.arange(n)[:, None], 0]  # (N, 2): X1, X2
    target = 0.5 + values.sum(axis=1, keepdims=True) / 4.0  # (N, 1)
    return AddingBatch(
        x=x.astype(dtype), target=target.astype(dtype), lengths=lengths, marked=marked
    )


def adding_success(y_end: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Which sequences are processed correctly: ``|y - target| < 0.04`` at the end.

    Parameters
    ----------
    y_end, target : ndarray of shape `(N, 1)`

    Returns
    -------
    bool ndarray of shape `(N,)`
    """
    y_end = check_array("y_end", y_end, ["N", 1])
    target = check_array("target", target, [y_end.shape[0], 1])
    return np.abs(y_end - target)[:, 0] < ADDING_TOLERANCE


# --------------------------------------------------------------------------------------------
# Experiment 6a: the temporal-order problem
# --------------------------------------------------------------------------------------------

#: The eight input symbols, in the order of the one-hot input units.
TEMPORAL_ORDER_SYMBOLS = ("E", "B", "a", "b", "c", "d", "X", "Y")
#: The four classes and the order of (first, second) relevant symbol that defines them.
TEMPORAL_ORDER_CLASSES = {"Q": "XX", "R": "XY", "S": "YX", "U": "YY"}


@dataclass(frozen=True)
class TemporalOrderBatch:
    """A batch of the temporal-order problem.

    Attributes
    ----------
    x : ndarray of shape `(T_max, N, 8)`
        One-hot symbols in the order of :data:`TEMPORAL_ORDER_SYMBOLS`; zeros after the end.
    labels : integer ndarray of shape `(N,)`
        The class, 0..3 for Q, R, S, U.
    target : ndarray of shape `(N, 4)`
        The class one-hot (the paper's local output code), wanted at the last step.
    lengths : integer ndarray of shape `(N,)`
    positions : integer ndarray of shape `(N, 2)`
        Steps (from 0) of the two relevant symbols, t1 and t2.
    """

    x: np.ndarray
    labels: np.ndarray
    target: np.ndarray
    lengths: np.ndarray
    positions: np.ndarray


def temporal_order(
    n: int,
    *,
    rng=None,
    length: tuple[int, int] = (100, 110),
    t1: tuple[int, int] = (10, 20),
    t2: tuple[int, int] = (50, 60),
    dtype=np.float64,
) -> TemporalOrderBatch:
    """The temporal-order problem of Hochreiter & Schmidhuber (1997), Experiment 6a.

    The paper's definition: a sequence starts with E, ends with B (the "trigger symbol") and
    otherwise consists of symbols drawn at random from {a, b, c, d}, except for two elements
    at positions t1 and t2 that are either X or Y. The length is drawn between 100 and 110,
    t1 between 10 and 20, t2 between 50 and 60. The class depends on the temporal order of X
    and Y: X,X -> Q; X,Y -> R; Y,X -> S; Y,Y -> U. Inputs and targets are local (one unit
    per symbol, one per class); the error signal comes only at the end, and a sequence is
    classified correctly if the final absolute error of every output unit is below 0.3
    (:func:`temporal_order_success`).

    Positions count from 1 as in the paper (position 1 is the leading E), so position t is
    step ``t - 1`` of ``x``. All draws are uniform over integers, ends included. The ranges
    are parameters (defaults: the paper's) so that shorter variants can be made.

    Parameters
    ----------
    n : int
        Number of sequences.
    rng : numpy.random.Generator or int, optional
    length, t1, t2 : (int, int)
        Inclusive ranges of the sequence length and of the two relevant positions; need
        ``1 < t1 < t2 < length[0]``.
    dtype : float32 or float64

    Returns
    -------
    TemporalOrderBatch
    """
    n = check_positive_int("n", n)
    dtype = check_float_dtype("dtype", dtype)
    rng = check_rng(rng)
    for name, pair in (("length", length), ("t1", t1), ("t2", t2)):
        if (
            not isinstance(pair, (tuple, list))
            or len(pair) != 2
            or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in pair)
        ):
            raise TypeError(f"{name}: expected a pair of ints (lo, hi), got {pair!r}")
    (l_lo, l_hi), (a_lo, a_hi), (b_lo, b_hi) = length, t1, t2
    if not (1 < a_lo <= a_hi < b_lo <= b_hi < l_lo <= l_hi):
        raise ValueError(
            "length, t1, t2: expected ranges with 1 < t1 < t2 < length, got "
            f"length={length}, t1={t1}, t2={t2}"
        )
    check_bytes("n, length", n * l_hi * 8, 8, f"{n} one-hot sequences of up to {l_hi} steps")
    lengths = _lengths(rng, n, l_lo, l_hi)
    T_max = int(lengths.max())
    sym = rng.integers(2, 6, size=(T_max, n))  # a, b, c, d
    pos = np.stack([_lengths(rng, n, a_lo, a_hi), _lengths(rng, n, b_lo, b_hi)], axis=1) - 1
    xy = rng.integers(2, size=(n, 2))  # 0 = X, 1 = Y
    cols = np.arange(n)
    sym[0] = 0  # E
    sym[pos[:, 0], cols] = 6 + xy[:, 0]
    sym[pos[:, 1], cols] = 6 + xy[:, 1]
    sym[lengths - 1, cols] = 1  # B, the trigger
    x = np.zeros((T_max, n, 8), dtype)
    x[np.arange(T_max)[:, None], cols, sym] = 1.0
    x[np.arange(T_max)[:, None] >= lengths] = 0.0  # padding
    labels = 2 * xy[:, 0] + xy[:, 1]  # XX=0 (Q), XY=1 (R), YX=2 (S), YY=3 (U)
    target = np.eye(4, dtype=dtype)[labels]
    return TemporalOrderBatch(x=x, labels=labels, target=target, lengths=lengths, positions=pos)


def temporal_order_success(y_end: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The paper's criterion: every output unit's absolute error at the end below 0.3.

    Parameters
    ----------
    y_end, target : ndarray of shape `(N, 4)`

    Returns
    -------
    bool ndarray of shape `(N,)`
    """
    y_end = check_array("y_end", y_end, ["N", 4])
    target = check_array("target", target, [y_end.shape[0], 4])
    return (np.abs(y_end - target) < 0.3).all(axis=1)
