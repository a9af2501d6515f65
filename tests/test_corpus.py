"""lstm_core.corpus: the stdlib character corpus, the vocabulary, the token features."""

import numpy as np
import pytest

from lstm_core import corpus


def test_char_corpus_reads_the_listed_stdlib_files_deterministically():
    text = corpus.char_corpus(("bisect", "colorsys"))
    assert text == corpus.char_corpus(("bisect", "colorsys"))
    assert text.startswith('"""Bisection algorithms."""')
    assert "def bisect_right(" in text and "def rgb_to_hsv(" in text
    full = corpus.char_corpus()
    assert len(full) > 400_000 and full.isascii()
    with pytest.raises(FileNotFoundError, match="modules"):
        corpus.char_corpus(("no_such_module_here",))
    with pytest.raises(ValueError, match="modules"):
        corpus.char_corpus(("../etc/passwd",))


def test_vocab_round_trips_and_rejects_unknown_characters():
    v = corpus.Vocab.from_text("hello world")
    assert v.chars == " dehlorw" and len(v) == 8
    ids = v.encode("hello")
    assert ids.dtype == np.int64 and v.decode(ids) == "hello"
    with pytest.raises(ValueError, match="'z'"):
        v.encode("zebra")


def test_python_char_features_mark_strings_comments_brackets_and_layout():
    text = 'def f(a, b=(1, 2)):  # c\n    """D (s)."""\n    return [a,\n            \'x(\']\n'
    F = corpus.python_char_features(text)
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
        corpus.python_char_features('x = """never closed\n')
