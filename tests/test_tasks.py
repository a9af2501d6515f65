"""The task generators against their definitions in Hochreiter & Schmidhuber (1997).

Every target is recomputed here from the inputs alone, by an independent reading of the paper,
and the Reber strings are checked with a regular expression written from the grammar's figure
rather than with the module's own automaton.
"""

import re

import numpy as np
import pytest

from lstm_core import tasks

# --------------------------------------------------------------------------------------------
# Adding problem (Experiment 4)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("T", [10, 20, 100])
def test_adding_problem_markers_values_and_target_follow_the_paper(T):
    batch = tasks.adding_problem(400, T, rng=0)
    x, L = batch.x, batch.lengths
    assert x.shape == (L.max(), 400, 2) and batch.target.shape == (400, 1)
    assert L.min() >= T and L.max() <= T + T // 10
    for k in range(400):
        seq = x[: L[k], k]
        marks = seq[:, 1]
        ones = np.flatnonzero(marks == 1.0)
        assert len(ones) == 2, "exactly two marked pairs"
        # first and last pair carry -1 unless marked; all others 0
        rest = np.setdiff1d(np.arange(L[k]), ones)
        ends = [t for t in (0, L[k] - 1) if t not in ones]
        assert np.all(marks[ends] == -1.0)
        assert np.all(marks[np.setdiff1d(rest, ends)] == 0.0)
        # both marked pairs lie in the first half: the minimal lag is T/2
        assert ones.max() < T // 2
        assert np.all(np.abs(seq[:, 0]) <= 1.0)
        if 0 in ones:
            assert seq[0, 0] == 0.0, "a marked first pair carries the value 0"
        expected = 0.5 + (seq[ones[0], 0] + seq[ones[1], 0]) / 4.0
        assert batch.target[k, 0] == pytest.approx(expected, abs=1e-12)
        # padding is zero
        assert np.all(x[L[k] :, k] == 0.0)


def test_adding_problem_draws_x1_from_the_first_ten_pairs_and_x2_from_the_first_half():
    T = 100
    batch = tasks.adding_problem(3000, T, rng=1)
    i1, i2 = batch.marked[:, 0], batch.marked[:, 1]
    assert i1.min() == 0 and i1.max() == 9
    assert set(np.unique(i1)) == set(range(10))
    assert i2.min() == 0 and i2.max() == T // 2 - 1
    assert np.all(i1 != i2)
    # the marked steps are where the markers are 1
    cols = np.arange(3000)
    assert np.all(batch.x[i1, cols, 1] == 1.0) and np.all(batch.x[i2, cols, 1] == 1.0)
    # the lengths cover the whole range [T, T + T/10]
    assert set(np.unique(batch.lengths)) == set(range(T, T + T // 10 + 1))


def test_adding_problem_is_deterministic_given_the_seed():
    a, b = tasks.adding_problem(16, 30, rng=5), tasks.adding_problem(16, 30, rng=5)
    c = tasks.adding_problem(16, 30, rng=6)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.target, b.target)
    assert not np.array_equal(a.target, c.target)


def test_adding_success_uses_the_0_04_threshold():
    target = np.array([[0.5], [0.5], [0.5]])
    y = np.array([[0.539], [0.461], [0.541]])
    assert tasks.adding_success(y, target).tolist() == [True, True, False]


def test_adding_problem_rejects_too_short_sequences():
    with pytest.raises(ValueError, match="T"):
        tasks.adding_problem(4, 3, rng=0)


# --------------------------------------------------------------------------------------------
# Temporal order (Experiment 6a)
# --------------------------------------------------------------------------------------------


def test_temporal_order_sequences_follow_the_paper():
    batch = tasks.temporal_order(500, rng=2)
    sym = tasks.TEMPORAL_ORDER_SYMBOLS
    x, L = batch.x, batch.lengths
    assert x.shape[1:] == (500, 8)
    assert L.min() >= 100 and L.max() <= 110
    classes = list(tasks.TEMPORAL_ORDER_CLASSES.values())  # "XX", "XY", "YX", "YY"
    for k in range(500):
        seq = x[: L[k], k]
        assert np.all(seq.sum(axis=1) == 1.0), "one-hot inputs"
        s = "".join(sym[i] for i in seq.argmax(axis=1))
        assert s[0] == "E" and s[-1] == "B"
        assert set(s[1:-1]) <= set("abcdXY")
        rel = [t for t, c in enumerate(s) if c in "XY"]
        assert len(rel) == 2
        # paper positions count from 1: t1 in [10, 20], t2 in [50, 60]
        assert 10 <= rel[0] + 1 <= 20 and 50 <= rel[1] + 1 <= 60
        order = s[rel[0]] + s[rel[1]]
        assert classes[batch.labels[k]] == order
        assert np.array_equal(batch.target[k], np.eye(4)[classes.index(order)])
        assert np.all(x[L[k] :, k] == 0.0)
    assert set(np.unique(batch.labels)) == {0, 1, 2, 3}


def test_temporal_order_success_needs_every_unit_within_0_3():
    target = np.eye(4)[[0, 1]]
    y = np.array([[0.75, 0.2, 0.1, 0.0], [0.0, 0.69, 0.0, 0.0]])
    assert tasks.temporal_order_success(y, target).tolist() == [True, False]


def test_temporal_order_rejects_overlapping_ranges():
    with pytest.raises(ValueError, match="t1"):
        tasks.temporal_order(3, rng=0, t1=(10, 60))


# --------------------------------------------------------------------------------------------
# Embedded Reber grammar (Experiment 1)
# --------------------------------------------------------------------------------------------

# Written from the grammar's figure: from the state after "BT" the path is S* X, after "BP" it
# is T* V; the two middle states loop through X T* V P; the string leaves by S or by V V.
REBER_RE = re.compile(r"B(?:(?:TS*X|PT*VP)(?:XT*VP)*(?:S|XT*VV)|PT*VV)E")
EMBEDDED_RE = re.compile(r"B(T" + REBER_RE.pattern + r"T|P" + REBER_RE.pattern + r"P)E")


def test_reber_regex_accepts_the_textbook_examples():
    for s in ["BTXSE", "BPVVE", "BTSSXXTVVE", "BPTVPSE", "BPTTVPXTVVE"]:
        assert REBER_RE.fullmatch(s), s
    for s in ["BTXE", "BPVE", "BTSSE", "BPTVVPE"]:
        assert not REBER_RE.fullmatch(s), s


def test_reber_strings_are_accepted_by_an_independent_grammar_checker():
    rng = np.random.default_rng(3)
    for _ in range(500):
        s = tasks.reber_string(rng)
        assert REBER_RE.fullmatch(s), s
        assert tasks.is_reber(s)
        e = tasks.embedded_reber_string(rng)
        assert EMBEDDED_RE.fullmatch(e), e
        assert tasks.is_embedded_reber(e)


def test_grammar_checkers_reject_broken_strings():
    assert not tasks.is_reber("BTXXE")
    assert not tasks.is_embedded_reber("BTBTXSEPE")  # branch symbols disagree
    assert tasks.is_embedded_reber("BTBTXSETE")


def test_embedded_reber_next_symbols_match_a_worked_example():
    nxt = tasks.embedded_reber_next("BTBTXSETE")
    assert [set(n) for n in nxt] == [
        {"T", "P"}, {"B"}, {"T", "P"}, {"S", "X"}, {"X", "S"}, {"E"}, {"T"}, {"E"}, set(),
    ]


def test_embedded_reber_next_symbols_are_the_continuations_seen_in_many_strings():
    # Every generated string is checked by the regex, so every continuation seen in the sample
    # is legal; a prefix seen 30 times misses a legal 50 % branch with probability 2**-30.
    rng = np.random.default_rng(4)
    sample = [tasks.embedded_reber_string(rng) for _ in range(4000)]
    assert all(EMBEDDED_RE.fullmatch(s) for s in sample)
    seen: dict[str, set] = {}
    count: dict[str, int] = {}
    for s in sample:
        for t in range(len(s) - 1):
            seen.setdefault(s[: t + 1], set()).add(s[t + 1])
            count[s[: t + 1]] = count.get(s[: t + 1], 0) + 1
    checked = 0
    for s in sample[:300]:
        for t, nxt in enumerate(tasks.embedded_reber_next(s)[:-1]):
            p = s[: t + 1]
            assert seen[p] <= set(nxt), (s, t)
            if count[p] >= 30:
                assert seen[p] == set(nxt), (s, t)
                checked += 1
    assert checked > 1000


def test_embedded_reber_batch_targets_are_the_next_symbol_sets():
    batch = tasks.embedded_reber(50, rng=5)
    idx = {c: i for i, c in enumerate(tasks.REBER_SYMBOLS)}
    for k, s in enumerate(batch.strings):
        assert batch.lengths[k] == len(s)
        for t, c in enumerate(s):
            assert batch.x[t, k].argmax() == idx[c] and batch.x[t, k].sum() == 1
        for t, nxt in enumerate(tasks.embedded_reber_next(s)):
            assert set(np.flatnonzero(batch.target[t, k])) == {idx[c] for c in nxt}
    # perfect predictions pass, predictions that forget the branch symbol fail
    assert tasks.reber_success(batch.target.copy(), batch).all()
    wrong = batch.target.copy()
    for k, L in enumerate(batch.lengths):
        wrong[L - 3, k] = 0.5 * (np.eye(7)[idx["T"]] + np.eye(7)[idx["P"]])
        wrong[L - 3, k, idx["T" if batch.strings[k][1] == "P" else "P"]] += 0.1
    assert not tasks.reber_success(wrong, batch).any()


# --------------------------------------------------------------------------------------------
# Sequence ends, corpus, vocabulary
# --------------------------------------------------------------------------------------------


def test_at_ends_and_to_ends_are_adjoint():
    rng = np.random.default_rng(6)
    y = rng.normal(size=(7, 5, 3))
    lengths = np.array([7, 1, 3, 5, 2])
    d = rng.normal(size=(5, 3))
    assert np.array_equal(tasks.at_ends(y, lengths)[1], y[0, 1])
    assert np.sum(tasks.at_ends(y, lengths) * d) == pytest.approx(
        np.sum(y * tasks.to_ends(d, lengths, 7))
    )
    with pytest.raises(ValueError, match="lengths"):
        tasks.at_ends(y, np.array([8, 1, 1, 1, 1]))
    with pytest.raises(TypeError, match="lengths"):
        tasks.at_ends(y, np.ones(5))


def test_char_corpus_reads_the_listed_stdlib_files_deterministically():
    text = tasks.char_corpus(("bisect", "colorsys"))
    assert text == tasks.char_corpus(("bisect", "colorsys"))
    assert text.startswith('"""Bisection algorithms."""')
    assert "def bisect_right(" in text and "def rgb_to_hsv(" in text
    full = tasks.char_corpus()
    assert len(full) > 400_000 and full.isascii()
    with pytest.raises(FileNotFoundError, match="modules"):
        tasks.char_corpus(("no_such_module_here",))
    with pytest.raises(ValueError, match="modules"):
        tasks.char_corpus(("../etc/passwd",))


def test_vocab_round_trips_and_rejects_unknown_characters():
    v = tasks.Vocab.from_text("hello world")
    assert v.chars == " dehlorw" and len(v) == 8
    ids = v.encode("hello")
    assert ids.dtype == np.int64 and v.decode(ids) == "hello"
    with pytest.raises(ValueError, match="'z'"):
        v.encode("zebra")


def test_python_char_features_mark_strings_comments_brackets_and_layout():
    text = 'def f(a, b=(1, 2)):  # c\n    """D (s)."""\n    return [a,\n            \'x(\']\n'
    F = tasks.python_char_features(text)
    assert all(v.shape == (len(text),) for v in F.values())

    def span(feature, sub):
        i = text.index(sub)
        return F[feature][i : i + len(sub)]

    assert np.all(span("in_comment", "# c") == 1) and F["in_comment"].sum() == 3
    assert np.all(span("in_triple_string", '"""D (s)."""') == 1)
    assert np.all(span("in_string", "'x('") == 1) and F["in_triple_string"].sum() == 12
    assert span("bracket_depth", "(1, 2)").tolist() == [2, 2, 2, 2, 2, 2]
    assert F["bracket_depth"][text.index("D (s)")] == 0, "brackets in strings do not count"
    assert F["bracket_depth"][text.index("'x(")] == 1, "the list stays open across lines"
    assert F["bracket_depth"][-1] == 0
    assert F["column"][text.index("return")] == 4 and F["indent"][text.index("'x(")] == 12
    with pytest.raises(ValueError, match="tokeniz"):
        tasks.python_char_features('x = """never closed\n')
