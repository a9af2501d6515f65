"""Training runs of chapters 6 and 8: the protocol, the seeds, the checkpoints, the stopping rule."""

import numpy as np
import pytest

from lstm_core import experiments, sequences, stack, tasks
from lstm_core.measure import activity


def test_a_run_is_deterministic_and_reports_what_happened():
    task = experiments.adding_task(6)
    kw = dict(cell="lstm", n_hidden=4, seed=3, steps=40, lr=0.02, eval_every=20,
              checkpoint_at=(0, 20, 40), stop_at=None, forget_bias=5.0)
    a, b = experiments.train_end_task(task, **kw), experiments.train_end_task(task, **kw)
    assert a.history.loss == b.history.loss and a.test_success == b.test_success
    assert a.steps == 40 and not a.solved and a.n_params == 4 * 4 * (2 + 4 + 1) + 12 + 5
    assert [s for s, _ in a.checkpoints] == [0, 20, 40]
    assert all(isinstance(p, stack.StackParams) for _, p in a.checkpoints)
    steps, valid = a.history.eval_series("valid")
    assert steps.tolist() == [20, 40] and np.all((0 <= valid) & (valid <= 1))
    assert "params" not in a.history.evals[0]
    # the test success is the paper's criterion on the task's fixed test set
    test = task.test_set()
    y = sequences.at_ends(stack.forward(a.params, test.x).y, test.lengths)
    assert a.test_success == pytest.approx(tasks.adding_success(y, test.target).mean())


def test_a_run_stops_when_the_validation_criterion_is_met():
    task = experiments.adding_task(6)
    run = experiments.train_end_task(task, n_hidden=4, seed=0, steps=200, lr=0.02,
                                     eval_every=10, stop_at=0.0)
    assert run.steps == 10 and run.solved


def test_different_seeds_give_different_runs_on_the_same_test_set():
    task = experiments.temporal_order_task(length=(12, 14), t1=(2, 4), t2=(6, 8))
    a = experiments.train_end_task(task, cell="gru", n_hidden=3, seed=0, steps=5, eval_every=5)
    b = experiments.train_end_task(task, cell="gru", n_hidden=3, seed=1, steps=5, eval_every=5)
    assert a.history.loss != b.history.loss
    assert np.array_equal(task.test_set().x, task.test_set().x)
    assert a.params.out.activation == "sigmoid" and a.params.n_out == 4


def test_checkpoints_must_fall_on_evaluations():
    with pytest.raises(ValueError, match="checkpoint_at"):
        experiments.train_end_task(experiments.adding_task(6), steps=10, eval_every=10,
                                   checkpoint_at=(5,))


def test_time_update_is_the_median_of_the_timed_updates_after_a_warm_up(monkeypatch):
    # No assert on the real clock (a loaded machine reorders any two timings): a fake clock
    # that makes the warm-up take 1 s and update k take k ms shows what is measured.
    ticks = iter([0.0, 1.0] + [x for k in range(1, 6) for x in (10.0, 10.0 + k / 1e3)])
    monkeypatch.setattr(experiments.time, "perf_counter", lambda: next(ticks))
    task = experiments.adding_task(20)
    assert experiments.time_update(task, n_hidden=(4, 4), repeats=5) == pytest.approx(3e-3)
    assert next(ticks, None) is None  # one warm-up and five timed updates, nothing else


def test_cell_correlations_match_numpy_corrcoef_and_zero_constant_cells():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(50, 3))
    A[:, 2] = 1.0  # a constant cell
    f = {"a": A[:, 0] * 2 + rng.normal(size=50) * 0.1, "b": rng.normal(size=50)}
    c = activity.cell_correlations(A, f)
    assert c["a"][0] == pytest.approx(np.corrcoef(A[:, 0], f["a"])[0, 1])
    assert c["b"][1] == pytest.approx(np.corrcoef(A[:, 1], f["b"])[0, 1])
    assert c["a"][2] == 0.0 and c["a"][0] > 0.99
    with pytest.raises(ValueError, match="features"):
        activity.cell_correlations(A, {"x": np.zeros(3)})
