"""The tutor: right solutions pass, every catalogued mistake is named, learner errors get one sentence."""

import threading
import time

import numpy as np
import pytest
import tutor_solutions as S
from tutor_mistakes import MISTAKES

from lstm_core import tutor

CHECKS = {
    "check_dense_backward": S.dense_backward,
    "check_rnn_step_backward": S.rnn_step_backward,
    "check_rnn_bptt": S.rnn_bptt,
    "check_lstm_step_forward": S.lstm_step_forward,
    "check_lstm_step_backward": S.lstm_step_backward,
    "check_lstm_weight_grads": S.lstm_weight_grads,
}


def test_the_catalogue_has_at_least_25_mistakes_in_every_exercise():
    assert len(MISTAKES) >= 25
    assert {check for _, _, check, _ in MISTAKES} == set(CHECKS)
    assert len({name for name, *_ in MISTAKES}) == len(MISTAKES)


@pytest.mark.parametrize("check", CHECKS)
def test_the_solution_passes(check):
    result = getattr(tutor, check)(CHECKS[check])
    assert result.ok, result.message
    assert "every output equals the engine's" in result.message


@pytest.mark.parametrize("name,wrong,check,phrase", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_diagnosed_by_name(name, wrong, check, phrase):
    result = getattr(tutor, check)(wrong)
    assert not result.ok
    assert phrase in result.message, result.message
    assert "cannot name" not in result.message


def _perturbed(fn, index):
    """fn with one output off by a small amount at one entry: a mistake no candidate explains."""

    def wrong(*args):
        out = list(fn(*args))
        out[index] = out[index].copy()
        out[index].flat[0] += 0.0123
        return tuple(out)

    return wrong


def test_an_unnamed_mistake_is_localised_with_both_values():
    result = tutor.check_rnn_bptt(_perturbed(S.rnn_bptt, 0))
    assert not result.ok
    assert "cannot name" in result.message
    assert "first at step t = 1, entry [0, 0]" in result.message
    assert "yours" in result.message and "expected" in result.message


def test_an_unnamed_lstm_backward_mistake_names_the_first_wrong_quantity_in_the_decks_order():
    result = tutor.check_lstm_step_backward(_perturbed(S.lstm_step_backward, 3))
    assert "`delta_i` (δ_ι^t, eq (9))" in result.message and "cannot name" in result.message


# --- learner errors: one sentence naming what was expected, never a traceback from lstm_core ----------


def assert_clear(result, *phrases):
    assert not result.ok
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert "Traceback" not in result.message and "lstm_core" not in result.message
    assert "\n" not in result.message


def test_a_function_that_raises_gets_its_exception_and_line():
    def raises(dy, x, W, y):
        delta = (1 - y**2) * dy
        return delta, delta @ x, delta.sum(0), delta @ W  # (N, m) @ (N, n): a shape error

    result = tutor.check_dense_backward(raises)
    assert_clear(
        result, "your function raised ValueError", "matmul", "`return delta, delta @ x", "needs `.T`"
    )


def test_the_skeleton_is_not_implemented_yet():
    def skeleton(dy, x, W, y):
        raise NotImplementedError

    assert_clear(tutor.check_dense_backward(skeleton), "not implemented yet")


def test_a_function_returning_none():
    def body_is_ellipsis(dy, x, W, y): ...

    assert_clear(tutor.check_dense_backward(body_is_ellipsis), "returned None", "(delta, dW, db, dx)")


def test_a_tuple_of_the_wrong_length():
    result = tutor.check_dense_backward(lambda dy, x, W, y: S.dense_backward(dy, x, W, y)[:3])
    assert_clear(result, "expected a tuple of 4 arrays (delta, dW, db, dx), got a tuple of 3")


def test_one_array_where_a_tuple_belongs():
    result = tutor.check_lstm_step_forward(lambda *a: S.lstm_step_forward(*a)[0])
    assert_clear(result, "expected a tuple of 2 arrays (h, s), got one ndarray")


def test_the_wrong_shape():
    def wrong_shape(dh, delta_next, x, h_prev, h, W, R):
        eps, delta, dW, dR, db = S.rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)
        return eps, delta[:, :1], dW, dR, db

    assert_clear(
        tutor.check_rnn_step_backward(wrong_shape), "`delta` (δ^t): expected shape (3, 2), got (3, 1)"
    )


def test_the_wrong_dtype():
    def integers(*args):
        out = S.lstm_weight_grads(*args)
        return (out[0].astype(int),) + out[1:]

    assert_clear(tutor.check_lstm_weight_grads(integers), "`dW`", "expected a float array, got dtype int64")


def test_float32_where_float64_belongs():
    def single(*args):
        delta, dW, db, dx = S.dense_backward(*args)
        return delta, dW.astype(np.float32), db, dx

    assert_clear(tutor.check_dense_backward(single), "`dW`", "expected float64 like the inputs, got float32")


def test_a_bad_time_limit_is_refused_naming_the_argument():
    for bad in (0, -1.0, "1", None, True):
        with pytest.raises(ValueError, match="time_limit: expected a positive number of seconds"):
            tutor.check_dense_backward(S.dense_backward, time_limit=bad)


def test_nan():
    def nan(*args):
        h, s = S.lstm_step_forward(*args)
        return h * np.nan, s

    assert_clear(tutor.check_lstm_step_forward(nan), "`h` (b_c^t) contains NaN or inf")


def test_a_list_instead_of_an_array():
    result = tutor.check_dense_backward(
        lambda *a: (S.dense_backward(*a)[0].tolist(),) + S.dense_backward(*a)[1:]
    )
    assert_clear(result, "`delta` (δ): expected an ndarray of shape (4, 2), got list")


def test_a_function_that_changes_its_input_in_place():
    def in_place(params, cache, dh, eps_s_next, delta_next, b_f_next):
        dh += delta_next @ params.R  # ε_c^t written into dh
        return (
            S.lstm_step_backward(params, cache, np.zeros_like(dh), eps_s_next, delta_next, b_f_next)[:0]
            + (dh,)
            + S.lstm_step_backward(params, cache, np.zeros_like(dh), eps_s_next, delta_next, b_f_next)[1:]
        )

    assert_clear(tutor.check_lstm_step_backward(in_place), "changed its input `dh` in place")


def test_a_function_that_changes_the_cache_in_place():
    def in_place(params, cache, dh, eps_s_next, delta_next, b_f_next):
        out = S.lstm_step_backward(params, cache, dh, eps_s_next, delta_next, b_f_next)
        cache.hs[...] = 0.0
        return out

    assert_clear(tutor.check_lstm_step_backward(in_place), "changed its input `cache` in place")


def _slow(*args):
    time.sleep(1.0)
    return S.rnn_bptt(*args)


def test_a_function_that_runs_too_long_is_stopped_on_the_main_thread():
    start = time.perf_counter()
    result = tutor.check_rnn_bptt(_slow, time_limit=0.2)
    assert_clear(result, "ran longer than the time limit of 0.2 s")
    assert time.perf_counter() - start < 0.9  # the alarm interrupted the sleep


def test_the_time_limit_holds_even_when_the_function_catches_every_exception():
    def stubborn(*args):
        deadline = time.perf_counter() + 1.0
        while time.perf_counter() < deadline:
            try:
                time.sleep(0.05)
            except Exception:
                pass
        return S.rnn_bptt(*args)

    assert_clear(tutor.check_rnn_bptt(stubborn, time_limit=0.2), "ran longer than the time limit")


def test_a_function_that_runs_too_long_is_reported_off_the_main_thread_too():
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("r", tutor.check_rnn_bptt(_slow, time_limit=0.2)))
    worker.start()
    worker.join(5)
    assert_clear(box["r"], "ran longer than the time limit of 0.2 s")


def test_passing_the_result_instead_of_the_function():
    assert_clear(tutor.check_dense_backward((1, 2)), "expected your function itself, got tuple")


# --- the answer displays in a notebook ---------------------------------------------------------------


def test_the_result_displays_as_text_and_html():
    good = tutor.check_dense_backward(S.dense_backward)
    bad = tutor.check_dense_backward(MISTAKES[0][1])
    assert str(good).startswith("✓ dense_backward: ") and str(bad).startswith("✗ dense_backward: ")
    assert "✓ right" in good._repr_html_() and "✗ not yet" in bad._repr_html_()
    assert "θ&#x27;(a)" in bad._repr_html_()  # escaped, not interpreted
    assert repr(bad) == str(bad)
