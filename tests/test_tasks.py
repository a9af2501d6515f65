"""The task generators against their definitions in Hochreiter & Schmidhuber (1997).

Every target is recomputed here from the inputs alone, by an independent reading of the paper.
"""


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
