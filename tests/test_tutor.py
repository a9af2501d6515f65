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


# --- The answer in Chinese: every message the tutor can give is in the figures' catalogue ------------

import html as _html  # noqa: E402
import re  # noqa: E402

from lstm_core.tutor import dense_checks, lstm_checks, rnn_checks  # noqa: E402
from lstm_core.tutor.runner import CheckResult  # noqa: E402
from lstm_core.viz import i18n  # noqa: E402
from lstm_core.viz.locales import zh_CN  # noqa: E402

_ZH = re.compile(r'<div lang="zh-CN"[^>]*>(.*?)</div></div>', re.DOTALL)
# English words a Chinese answer must not keep (code in `...` and Python's own messages aside)
_ENGLISH = re.compile(r"\b(the|is|of|where|needs|uses|missing|step|sum|expected|your|case|batch)\b")


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_LANG", "en,zh_CN")


def _zh_text(result: CheckResult, english_inside: bool = False) -> str:
    """The Chinese box of ``result``'s display; it fails on an untranslated string."""
    bundle = result._repr_mimebundle_()
    data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
    assert "lstm_untranslated" not in meta, (result.message, meta)
    assert '<div lang="zh-CN"' in data["text/html"], data["text/html"]
    text = _html.unescape(_ZH.search(data["text/html"]).group(1))
    if not english_inside:  # a field left in English (a case name, a term of (8)) shows here
        assert not _ENGLISH.search(re.sub(r"`[^`]*`", "", text)), text
    return text


@pytest.mark.parametrize("check", CHECKS)
def test_the_right_answer_is_in_chinese(zh, check):
    text = _zh_text(getattr(tutor, check)(CHECKS[check]))
    assert "✓ 正确" in text and "每个输出都与引擎的结果一致" in text and "；" in text, text


@pytest.mark.parametrize("name, wrong, check, phrase", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_every_mistake_is_named_in_chinese(zh, name, wrong, check, phrase):
    text = _zh_text(getattr(tutor, check)(wrong))
    assert "✗ 还不对" in text, text


def _candidate_messages():
    """Every mistake the checks can name: the candidates of every output on every case."""
    D, R, L = dense_checks, rnn_checks, lstm_checks
    groups = [
        (D._dense_spec, D._dense_candidates, [D._dense_case("a", 4, 3, 2, 2)]),
        (R._rnn_step_spec, R._rnn_step_candidates, [R._rnn_step_case("a", 3, 1, 3, 3, 2, 4)]),
        (R._bptt_spec, R._bptt_candidates, [R._bptt_case("a", 4, 3, 3, 2, 6)]),
        (L._fwd_spec, L._fwd_candidates, [L._fwd_case("a", 2, 4, 3, 8)]),
        (L._bwd_spec, L._bwd_candidates, [L._bwd_case("a", 3, 1, 2, 3, 3, 13)]),
        (L._grads_spec, L._grads_candidates, [L._grads_case("a", 4, 3, 3, 2, 22)]),
    ]
    out = {}
    for spec, candidates, cases in groups:
        for case in cases:
            for name, _, _ in spec(case):
                out.update(dict.fromkeys(d for d, _ in candidates(case, name)))
    return list(out)


def test_every_mistake_the_checks_can_name_is_in_the_catalogue(zh):
    messages = _candidate_messages()
    assert len(messages) > 140
    for message in messages:
        _zh_text(CheckResult("x", False, message))


def _right_but(check, edit):
    return lambda *a: edit(CHECKS[check](*a))


def _body_is_ellipsis(dy, x, W, y): ...


def _raises_index_error(dy, x, W, y):
    return [][0]


def _raises_bare(dy, x, W, y):
    raise RuntimeError


@pytest.mark.parametrize(
    "run, phrase",
    [
        (lambda: tutor.check_dense_backward(_body_is_ellipsis), "返回了 None"),
        (lambda: tutor.check_lstm_step_forward(lambda *a: None), "返回了 None"),
        (lambda: tutor.check_lstm_weight_grads(_not_implemented), "尚未实现"),
        (lambda: tutor.check_rnn_bptt(_not_implemented), "尚未实现"),
        (lambda: tutor.check_dense_backward(_raises_index_error), "抛出了 IndexError"),
        (lambda: tutor.check_dense_backward(_raises_bare), "抛出了 RuntimeError"),
        (lambda: tutor.check_dense_backward(lambda dy, x, W, y: dy @ x), "抛出了 ValueError"),
        (lambda: tutor.check_dense_backward(lambda *a: S.dense_backward(*a)[:3]), "含 3 个元素的元组"),
        (lambda: tutor.check_lstm_step_forward(lambda *a: S.lstm_step_forward(*a)[0]), "只得到了一个"),
        (lambda: tutor.check_dense_backward((1, 2)), "应传入你的函数本身"),
        (lambda: tutor.check_rnn_bptt(_right_but("check_rnn_bptt", lambda o: (o[0], o[1], o[2], o[0]))),
         "却得到了 (4, 3, 2)"),
        (lambda: tutor.check_lstm_step_forward(_right_but("check_lstm_step_forward",
                                                          lambda o: (o[0] * np.nan, o[1]))), "NaN 或 inf"),
        (lambda: tutor.check_lstm_weight_grads(_right_but("check_lstm_weight_grads",
                                                          lambda o: (o[0].astype(int),) + o[1:])), "dtype int"),  # noqa: E501
        (lambda: tutor.check_dense_backward(_right_but("check_dense_backward",
                                                       lambda o: (o[0].astype(np.float32),) + o[1:])), "float64"),  # noqa: E501
        (lambda: tutor.check_dense_backward(_right_but("check_dense_backward",
                                                       lambda o: (o[0].tolist(),) + o[1:])), "ndarray"),
        (lambda: tutor.check_rnn_bptt(_right_but("check_rnn_bptt", lambda o: (o[0] * 1.5,) + o[1:])),
         "首次出现在时间步 t = "),
        (lambda: tutor.check_dense_backward(_right_but("check_dense_backward", lambda o: (o[0] * 1.5,) + o[1:])),  # noqa: E501
         "首次出现在元素 ["),
        (lambda: tutor.check_rnn_bptt(_slow, time_limit=0.2), "0.2 s 的时间限制"),
    ],
)
def test_every_generic_failure_is_in_chinese(zh, run, phrase):
    result = run()
    assert not result.ok, result
    text = _zh_text(result, english_inside="抛出了" in phrase)
    assert phrase in text, text


def _not_implemented(*args):
    raise NotImplementedError


def test_a_change_in_place_is_in_chinese(zh):
    def in_place(params, cache, dh, eps_s_next, delta_next, b_f_next):
        out = S.lstm_step_backward(params, cache, dh, eps_s_next, delta_next, b_f_next)
        cache.hs[...] = 0.0
        return out

    assert "原地修改了它的输入 `cache`" in _zh_text(tutor.check_lstm_step_backward(in_place))


def test_the_shape_hints_are_in_chinese(zh):
    dW_transposed = _right_but("check_dense_backward", lambda o: (o[0], o[1].T, o[2], o[3]))
    db_per_sample = _right_but("check_dense_backward", lambda o: (o[0], o[1], o[0], o[3]))
    assert "转置的形状" in _zh_text(tutor.check_dense_backward(dW_transposed))
    assert "每个样本一项" in _zh_text(tutor.check_dense_backward(db_per_sample))


def test_lists_of_cases_and_of_symbols(zh):
    cases = "a single step T = 1; T = 4 steps, a batch of 3"
    assert i18n.lookup(cases, "zh_CN") == "单个时间步 T = 1；T = 4 个时间步，3 个样本的批量"
    assert i18n.lookup("one sample; not a case", "zh_CN") is None  # every item, or none
    for no_words in ("(2, 3)", "[0, 1]", "w_cι, w_cφ, w_cω", "h, s"):  # code, not a list to translate
        assert i18n.translate(no_words, "zh_CN") == no_words


@pytest.fixture
def fresh_catalogue():
    yield
    i18n.catalogue.cache_clear()
    i18n.patterns.cache_clear()


@pytest.mark.parametrize(
    "attr, key, message",
    [
        ("STRINGS", "the biases β are missing from the net inputs (1)-(4).",
         "the biases β are missing from the net inputs (1)-(4)."),
        ("STRINGS", "✗ not yet", "the biases β are missing from the net inputs (1)-(4)."),
        ("PATTERNS", "`{name}` ({symbol}) contains NaN or inf.", "`h` (b_c^t) contains NaN or inf."),
    ],
)
def test_a_missing_entry_is_listed(zh, monkeypatch, fresh_catalogue, attr, key, message):
    table = dict(getattr(zh_CN, attr))
    del table[key]
    monkeypatch.setattr(zh_CN, attr, table)
    i18n.catalogue.cache_clear()
    i18n.patterns.cache_clear()
    data, meta = CheckResult("x", False, message)._repr_mimebundle_()
    assert key.replace("`{name}` ({symbol})", "`h` (b_c^t)") in meta["lstm_untranslated"]
