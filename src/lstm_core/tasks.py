"""Data for the training chapters: long-time-lag tasks and a character corpus, all seeded.

Three of the benchmark tasks of Hochreiter & Schmidhuber, "Long Short-Term Memory",
*Neural Computation* 9(8), 1997 -- the tasks the LSTM was invented to solve:

- :func:`adding_problem` -- Experiment 4, the adding problem;
- :func:`temporal_order` -- Experiment 6a, the temporal-order problem with two relevant symbols;
- :func:`embedded_reber` -- Experiment 1, the embedded Reber grammar (after Cleeremans,
  Servan-Schreiber & McClelland 1989 and Fahlman 1991);

and a character corpus that needs no download: :func:`char_corpus` reads the source of a fixed
list of modules of Python's own standard library (:data:`STDLIB_MODULES`).

Every generator takes ``rng`` (a ``numpy.random.Generator`` or an int seed) and returns
sequences in the engine's layout, time first: ``x`` of shape `(T, N, I)`. Sequences of one
batch may have different lengths; each is stored from step 0 and followed by zero vectors up to
the batch's longest sequence, and ``lengths`` holds each one's true length. Because the
networks are causal, the padding never changes an output at or before a sequence's end:
read the outputs with :func:`at_ends` and put the error back with :func:`to_ends`.

Positions in the paper count from 1; in the arrays here they count from 0 (the paper's pair 1
is step 0).
"""

from __future__ import annotations

import re
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._checks import check_array, check_positive_int, check_rng

__all__ = [
    "AddingBatch",
    "TemporalOrderBatch",
    "ReberBatch",
    "adding_problem",
    "adding_success",
    "ADDING_TOLERANCE",
    "temporal_order",
    "TEMPORAL_ORDER_SYMBOLS",
    "TEMPORAL_ORDER_CLASSES",
    "temporal_order_success",
    "REBER_SYMBOLS",
    "REBER_TRANSITIONS",
    "reber_string",
    "embedded_reber_string",
    "is_reber",
    "is_embedded_reber",
    "embedded_reber_next",
    "embedded_reber",
    "reber_success",
    "at_ends",
    "to_ends",
    "STDLIB_MODULES",
    "STDLIB_HELD_OUT",
    "char_corpus",
    "Vocab",
    "python_char_features",
]


# --------------------------------------------------------------------------------------------
# Reading a batch at its sequence ends
# --------------------------------------------------------------------------------------------


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
    lengths = _check_lengths(lengths, N, T)
    dy = np.zeros((T, N, K), dy_end.dtype)
    dy[lengths - 1, np.arange(N)] = dy_end
    return dy


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
    rng = check_rng(rng)
    (l_lo, l_hi), (a_lo, a_hi), (b_lo, b_hi) = length, t1, t2
    if not (1 < a_lo <= a_hi < b_lo <= b_hi < l_lo <= l_hi):
        raise ValueError(
            "length, t1, t2: expected ranges with 1 < t1 < t2 < length, got "
            f"length={length}, t1={t1}, t2={t2}"
        )
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


# --------------------------------------------------------------------------------------------
# Experiment 1: the embedded Reber grammar
# --------------------------------------------------------------------------------------------

#: The seven symbols, in the order of the one-hot units.
REBER_SYMBOLS = "BTSXPVE"

#: The Reber grammar as a finite automaton: state -> ((symbol, next state), ...). State 0
#: reads the leading B; every state has two outgoing arcs, each taken with probability 1/2,
#: except state 6, which reads the final E (next state None).
REBER_TRANSITIONS: dict[int, tuple[tuple[str, int | None], ...]] = {
    0: (("B", 1),),
    1: (("T", 2), ("P", 3)),
    2: (("S", 2), ("X", 4)),
    3: (("T", 3), ("V", 5)),
    4: (("X", 3), ("S", 6)),
    5: (("P", 4), ("V", 6)),
    6: (("E", None),),
}


def reber_string(rng=None) -> str:
    """A random string of the Reber grammar, e.g. ``"BTSSXXTVVE"``.

    Walks :data:`REBER_TRANSITIONS` from state 0, choosing between two arcs with probability
    1/2 each.
    """
    rng = check_rng(rng)
    out, state = [], 0
    while state is not None:
        arcs = REBER_TRANSITIONS[state]
        sym, state = arcs[rng.integers(len(arcs))] if len(arcs) > 1 else arcs[0]
        out.append(sym)
    return "".join(out)


def embedded_reber_string(rng=None) -> str:
    """A random string of the embedded Reber grammar: ``B T <reber> T E`` or ``B P <reber> P E``.

    The second symbol (T or P, probability 1/2) must be remembered across the whole inner
    Reber string to predict the second-to-last one: the long time lag of Experiment 1.
    """
    rng = check_rng(rng)
    branch = "TP"[rng.integers(2)]
    return "B" + branch + reber_string(rng) + branch + "E"


def _reber_walk(s: str, state: int = 0) -> list[int | None] | None:
    """The states visited while reading ``s`` from ``state``; None if a symbol has no arc."""
    states: list[int | None] = [state]
    for ch in s:
        if state is None:
            return None
        nxt = dict(REBER_TRANSITIONS[state]).get(ch, -1)
        if nxt == -1:
            return None
        state = nxt
        states.append(state)
    return states


def is_reber(s: str) -> bool:
    """Whether ``s`` is a complete string of the Reber grammar."""
    states = _reber_walk(s)
    return states is not None and states[-1] is None


def is_embedded_reber(s: str) -> bool:
    """Whether ``s`` is a complete string of the embedded Reber grammar."""
    return (
        len(s) >= 4 and s[0] == "B" and s[-1] == "E" and s[1] in "TP" and s[-2] == s[1]
        and is_reber(s[2:-2])
    )


def embedded_reber_next(s: str) -> list[str]:
    """For each prefix ``s[:t+1]`` of an embedded Reber string, the symbols that may follow.

    This is the target of Experiment 1: after reading symbol t the network must predict
    every possible next symbol (there are one or two).

    Returns
    -------
    list of str, one per symbol of ``s`` (the last is ``""``: nothing follows E).
    """
    if not is_embedded_reber(s):
        raise ValueError(f"s: expected a string of the embedded Reber grammar, got {s!r}")
    inner = s[2:-2]
    states = _reber_walk(inner)
    nxt = ["TP", "B"]  # after the first B: T or P; after T/P: the inner B
    for st in states[1:-1]:  # after each inner symbol except the inner E
        nxt.append("".join(sym for sym, _ in REBER_TRANSITIONS[st]))
    nxt.append(s[1])  # after the inner E: the remembered branch symbol
    nxt.append("E")
    nxt.append("")
    return nxt


@dataclass(frozen=True)
class ReberBatch:
    """A batch of embedded Reber strings.

    Attributes
    ----------
    x : ndarray of shape `(T_max, N, 7)`
        One-hot symbols (order :data:`REBER_SYMBOLS`), zeros after the end.
    target : ndarray of shape `(T_max, N, 7)`
        At step t, ones at every symbol that may follow the prefix up to t (zeros at the
        final E and in the padding).
    lengths : integer ndarray of shape `(N,)`
    strings : tuple of str
    """

    x: np.ndarray
    target: np.ndarray
    lengths: np.ndarray
    strings: tuple[str, ...]


def embedded_reber(n: int, *, rng=None, dtype=np.float64) -> ReberBatch:
    """A batch for Experiment 1 of Hochreiter & Schmidhuber (1997): next-symbol prediction.

    Strings come from :func:`embedded_reber_string`; inputs and targets are local (seven
    units). A string is processed correctly if, at every step, the units of the possible
    next symbols are the most active ones (:func:`reber_success`).

    Parameters
    ----------
    n : int
    rng : numpy.random.Generator or int, optional
    dtype : float32 or float64
    """
    n = check_positive_int("n", n)
    rng = check_rng(rng)
    strings = tuple(embedded_reber_string(rng) for _ in range(n))
    lengths = np.array([len(s) for s in strings])
    T_max = int(lengths.max())
    x = np.zeros((T_max, n, 7), dtype)
    target = np.zeros((T_max, n, 7), dtype)
    index = {c: i for i, c in enumerate(REBER_SYMBOLS)}
    for k, s in enumerate(strings):
        for t, (ch, nxt) in enumerate(zip(s, embedded_reber_next(s), strict=True)):
            x[t, k, index[ch]] = 1.0
            for c in nxt:
                target[t, k, index[c]] = 1.0
    return ReberBatch(x=x, target=target, lengths=lengths, strings=strings)


def reber_success(y: np.ndarray, batch: ReberBatch) -> np.ndarray:
    """Which strings are predicted correctly: at every step before the final E, the k units
    of the k possible next symbols are the k most active ones.

    Parameters
    ----------
    y : ndarray of shape `(T_max, N, 7)`
        The network's outputs on ``batch.x``.
    batch : ReberBatch

    Returns
    -------
    bool ndarray of shape `(N,)`
    """
    T_max, N, _ = batch.x.shape
    y = check_array("y", y, [T_max, N, 7])
    ok = np.ones(N, dtype=bool)
    for k in range(N):
        for t in range(batch.lengths[k] - 1):
            want = batch.target[t, k] > 0.5
            m = int(want.sum())
            top = np.argsort(-y[t, k], kind="stable")[:m]
            if not want[top].all():
                ok[k] = False
                break
    return ok


# --------------------------------------------------------------------------------------------
# A character corpus from Python's own standard library
# --------------------------------------------------------------------------------------------

#: The modules whose source makes the corpus, in this order. Pure-Python modules of CPython
#: 3.11 whose files are plain ASCII; about 550 kB together.
STDLIB_MODULES = (
    "textwrap", "difflib", "dataclasses", "random", "calendar", "pprint", "contextlib",
    "queue", "bisect", "colorsys", "glob", "graphlib", "sched", "abc", "string",
    "reprlib", "csv", "copy", "operator", "shutil", "base64", "tokenize", "argparse",
)
#: A module kept out of :data:`STDLIB_MODULES`, to test a model on code it has not read.
STDLIB_HELD_OUT = ("fnmatch",)


def char_corpus(modules: tuple[str, ...] = STDLIB_MODULES, *, stdlib: str | None = None) -> str:
    """The source text of standard-library modules, concatenated: a corpus with no download.

    Reads ``<stdlib>/<module>.py`` for each module, in the given order, from the running
    Python's standard library (``sysconfig.get_paths()["stdlib"]``). The text is the same
    on every machine with the same Python version (the book used CPython 3.11.7); nothing
    is fetched from the network.

    Parameters
    ----------
    modules : tuple of str
        Module names (top-level, single-file modules).
    stdlib : str, optional
        The library directory; default: the running interpreter's.

    Returns
    -------
    str
    """
    root = Path(stdlib if stdlib is not None else sysconfig.get_paths()["stdlib"])
    parts = []
    for name in modules:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"modules: expected top-level module names, got {name!r}")
        path = root / f"{name}.py"
        if not path.is_file():
            raise FileNotFoundError(f"modules: {name!r} has no source file at {path}")
        parts.append(path.read_text(encoding="utf-8"))
    return "".join(parts)


@dataclass(frozen=True)
class Vocab:
    """A character vocabulary: characters <-> integer ids.

    Attributes
    ----------
    chars : str
        The characters, sorted; id k is ``chars[k]``.
    """

    chars: str

    def __post_init__(self):
        if len(set(self.chars)) != len(self.chars) or not self.chars:
            raise ValueError("chars: expected a non-empty string of distinct characters")

    @classmethod
    def from_text(cls, text: str) -> Vocab:
        """The sorted set of characters of ``text``."""
        return cls("".join(sorted(set(text))))

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> np.ndarray:
        """Integer ids of shape `(len(text),)`; ``ValueError`` for an unknown character."""
        lookup = {c: i for i, c in enumerate(self.chars)}
        try:
            return np.fromiter((lookup[c] for c in text), dtype=np.int64, count=len(text))
        except KeyError as exc:
            raise ValueError(f"text: character {exc.args[0]!r} is not in the vocabulary") from None

    def decode(self, ids) -> str:
        """The text of a sequence of ids."""
        return "".join(self.chars[int(i)] for i in np.asarray(ids).ravel())


def python_char_features(text: str) -> dict[str, np.ndarray]:
    """Readable properties of every character of a Python source text, from its tokens.

    The quantities a person tracks when reading code, computed exactly with the standard
    library's tokenizer, to compare with what the cells of a character model track
    (Karpathy, Johnson & Fei-Fei 2015):

    - ``"in_string"``: 1 inside a string literal (quotes included), else 0;
    - ``"in_triple_string"``: 1 inside a triple-quoted string (docstrings, mostly);
    - ``"in_comment"``: 1 inside a ``#`` comment;
    - ``"bracket_depth"``: how many ``(``, ``[``, ``{`` are open at this character (outside
      strings and comments; a bracket counts as inside itself);
    - ``"column"``: the position in the line, from 0 (the newline has the line's length);
    - ``"indent"``: the number of leading spaces of the line.

    Parameters
    ----------
    text : str
        Complete Python source (it must tokenize).

    Returns
    -------
    dict of str to ndarray of shape `(len(text),)`
    """
    import io
    import tokenize

    lines = text.splitlines(keepends=True)
    starts = np.concatenate([[0], np.cumsum([len(line) for line in lines])]).astype(np.int64)

    def offset(pos):
        row, col = pos
        return int(starts[row - 1]) + col

    n = len(text)
    in_string = np.zeros(n)
    in_triple = np.zeros(n)
    in_comment = np.zeros(n)
    depth_step = np.zeros(n + 1)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            a, b = offset(tok.start), offset(tok.end)
            if tok.type == tokenize.STRING:
                in_string[a:b] = 1.0
                if tok.string.lstrip("rRbBuUfF")[:3] in ('"""', "'''"):
                    in_triple[a:b] = 1.0
            elif tok.type == tokenize.COMMENT:
                in_comment[a:b] = 1.0
            elif tok.type == tokenize.OP and tok.string in "([{":
                depth_step[a] += 1.0
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth_step[b] -= 1.0
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        raise ValueError(f"text: expected complete Python source, tokenizing failed: {exc}") from None
    column = np.zeros(n)
    indent = np.zeros(n)
    for k, line in enumerate(lines):
        s = int(starts[k])
        column[s : s + len(line)] = np.arange(len(line))
        indent[s : s + len(line)] = len(line) - len(line.lstrip(" "))
    return {
        "in_string": in_string,
        "in_triple_string": in_triple,
        "in_comment": in_comment,
        "bracket_depth": np.cumsum(depth_step)[:n],
        "column": column,
        "indent": indent,
    }
