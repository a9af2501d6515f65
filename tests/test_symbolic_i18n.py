"""The SymPy boxes of the chapters in every language (lstm_core.symbolic.i18n_tex).

Every cells.show / derivation box the chapters draw is built as the chapters build it
(tests/sympy_cells.py for the chapters' SymPy cells; the derivation cells by their calls),
then displayed under LSTM_VIZ_LANG=en,zh_CN: one rendition per language, no word without a
translation; unset, the display is exactly the LaTeX of before.
"""

from __future__ import annotations

import ast
import json

import pytest
import sympy_cells as sc

from lstm_core import symbolic
from lstm_core.symbolic import cells, i18n_tex
from lstm_core.viz import i18n
from lstm_core.viz.figures_i18n import UNTRANSLATED_KEY


def _shown(path, ns):
    """The boxes the chapter's cells.show(...) cells end with."""
    out = []
    for c in json.loads(path.read_text())["cells"]:
        src = "".join(c["source"])
        if c["cell_type"] != "code" or "cells.show(" not in src:
            continue
        tree = ast.parse(src)
        if not tree.body or not isinstance(tree.body[-1], ast.Expr):
            continue
        exec(compile(ast.Module(tree.body[:-1], []), "cell", "exec"), ns)  # noqa: S102
        out.append(eval(compile(ast.Expression(tree.body[-1].value), "cell", "eval"), ns))  # noqa: S307
    return out


@pytest.fixture(scope="module")
def boxes():
    out = []
    for path in sc.CHAPTERS.values():
        out += [b for b in _shown(path, sc.setup(path)) if isinstance(b, cells.Rows)]
    # the derivations, as the chapters call them (01, 02, 03, 05)
    out += [symbolic.derive_dense(n_in=3, n_out=2, activation="tanh"),
            symbolic.derive_rnn(t=2, T=3, n_in=2, n_hidden=2),
            symbolic.rnn_jacobian_product(t=3, k=1)]
    out += [symbolic.derive(eq) for eq in range(6, 13)]
    return out


def _bundle(obj):
    b = obj._repr_mimebundle_()
    return b if isinstance(b, tuple) else (b, {})


def test_every_box_of_the_chapters_is_drawn_in_both_languages(boxes, monkeypatch):
    assert sum(isinstance(b, cells.Rows) for b in boxes) >= 15
    monkeypatch.setenv(i18n.LANG_ENV, "en,zh_CN")
    for box in boxes:
        data, meta = _bundle(box)
        assert not meta.get(UNTRANSLATED_KEY), (meta, box.latex()[:200])
        assert data["text/latex"] == box._repr_latex_()
        html = data["text/html"]
        assert html.count('<div lang="en">') == 1 and html.count('<div lang="zh-CN"') == 1
        assert html.count('<div class="math notranslate nohighlight">') == 2
        assert "\\text{" in html


def test_one_language_keeps_the_latex_of_before(boxes, monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    for box in boxes:
        assert box._repr_mimebundle_() is None
        assert box._repr_latex_() == box.latex()


def test_a_removed_entry_is_reported(monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV, "en,zh_CN")
    full = i18n.catalogue("zh_CN")
    monkeypatch.setattr(i18n, "catalogue", lambda lang: {k: v for k, v in full.items()
                                                         if k != "the chain rule:"})
    data, meta = _bundle(cells.show("the chain rule:", ("x", "y")))
    assert meta[UNTRANSLATED_KEY] == ["the chain rule:"]


def test_words_in_text_are_translated_and_the_maths_kept():
    tex = r"&\textbf{Eq. (7): output gate} \\ &\quad\text{3 paths from }w_{1c}\text{ to }L"
    zh = i18n_tex.translate_tex(tex, lambda s: i18n.translate(s, "zh_CN"))
    assert zh == r"&\textbf{式 (7)：输出门} \\ &\quad\text{3 条路径：从 }w_{1c}\text{ 到 }L"
    # the derivations' "deck" is the lecture deck, not the gate explorer's sequence
    assert i18n_tex.translate_tex(r"\text{deck}", lambda s: i18n.translate(s, "zh_CN")) \
        == r"\text{课件}"
    assert i18n_tex.translate_tex(r"\text{deck}", lambda s: s) == r"\text{deck}"


def test_summary_table_in_both_languages(monkeypatch):
    from lstm_core.symbolic.summary import Row, Summary

    s = Summary([Row("(1)", "input gate a_ι, b_ι", 3, True, 1e-16, 0.0, 0.0)], 0.0)
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert s._repr_mimebundle_() == {"text/html": s._repr_html_()}
    monkeypatch.setenv(i18n.LANG_ENV, "en,zh_CN")
    data = s._repr_mimebundle_()
    assert isinstance(data, dict) and "输入门 a_ι, b_ι" in data["text/html"]
