"""The text the figures draw comes from one catalogue per language, chosen by LSTM_VIZ_LANG."""

from __future__ import annotations

import json
import re

import pytest

from lstm_core.viz import gate_explorer, i18n
from lstm_core.viz.locales import zh_CN


@pytest.fixture
def lang(monkeypatch):
    def set_lang(value: str | None):
        if value is None:
            monkeypatch.delenv(i18n.LANG_ENV, raising=False)
        else:
            monkeypatch.setenv(i18n.LANG_ENV, value)

    return set_lang


def _words(text: str) -> bool:
    """True when the text has words to translate (not only symbols like s<sub>c</sub>, numbers)."""
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"<(sub|sup)>.*?</\1>|<[^>]+>", "", text)))


def test_languages_default_to_english(lang):
    lang(None)
    assert i18n.languages() == ("en",) and i18n.language() == "en"
    assert i18n.translate("input x") == "input x"


def test_languages_are_read_in_order_and_normalised(lang):
    lang("zh-cn, en")
    assert i18n.languages() == ("zh_CN", "en")
    assert i18n.translate("input x") == "输入 x"
    assert i18n.translate("input x", "en") == "input x"
    assert i18n.translate("no such label") == "no such label"
    assert i18n.translate(None) is None


def test_a_bad_language_list_is_refused(lang):
    lang("zh_CN,<script>")
    with pytest.raises(ValueError, match="LSTM_VIZ_LANG"):
        i18n.languages()


def test_translate_refuses_a_non_string():
    with pytest.raises(TypeError, match="text"):
        i18n.translate(3)


def test_catalogue_keeps_every_html_tag_and_symbol():
    for en, zh in zh_CN.STRINGS.items():
        assert re.findall(r"<[^>]+>", en) == re.findall(r"<[^>]+>", zh), en
        assert re.findall(r"\(\d+\)", en) == re.findall(r"\(\d+\)", zh), en


def test_every_word_the_gate_explorer_draws_is_in_the_chinese_catalogue():
    words = [t for t in gate_explorer().texts() if _words(t)]
    missing = [t for t in words if t not in zh_CN.STRINGS]
    assert len(words) >= 10
    assert not missing, f"add to lstm_core/viz/locales/zh_CN.py: {missing}"


def test_static_explorer_carries_the_other_languages_and_draws_the_first(lang, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_STATIC", "1")
    lang("en,zh_CN")
    spec = gate_explorer().grid_data()
    table = spec["i18n"]["zh-CN"]
    assert spec["controls"][1]["label"] == "input-gate bias β<sub>ι</sub>"
    assert table["input-gate bias β<sub>ι</sub>"] == "输入门偏置 β<sub>ι</sub>"
    assert table["pulse"] == "脉冲"
    assert table["One LSTM block, step by step"] == "一个 LSTM 块，逐步展开"
    # the page's script finds the table and the font fallback
    html = gate_explorer().static_html()
    data = json.loads(re.search(r'-data">(.*?)</script>', html).group(1).replace("<\\/", "</"))
    assert data["i18n"] == spec["i18n"]
    assert "documentElement.lang" in html and "LSTM Noto Sans SC" in html


def test_one_language_adds_no_table(lang, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_STATIC", "1")
    lang(None)
    assert "i18n" not in gate_explorer().grid_data()


def test_chinese_first_draws_chinese_everywhere(lang, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_STATIC", "1")
    lang("zh_CN")
    explorer = gate_explorer()
    fig = explorer.figure()
    assert fig.layout.title.text == "一个 LSTM 块，逐步展开"
    assert "细胞状态 (3) 与细胞输出 (5)" in [a.text for a in fig.layout.annotations]
    assert '<label for="' in explorer.static_html() and ">输入门偏置 β<sub>ι</sub></label>" in (
        explorer.static_html())
    assert "<output" in explorer.static_html() and ">脉冲</output>" in explorer.static_html()
    assert "i18n" not in explorer.grid_data()  # one language: nothing else to carry


def test_live_widget_labels_follow_the_language(lang, monkeypatch):
    monkeypatch.delenv("LSTM_VIZ_STATIC", raising=False)
    lang("zh_CN")
    sliders = gate_explorer().widget.children[:-1]
    assert sliders[0].description == "输入 x"
    assert [label for label, _ in sliders[0].options] == ["脉冲", "阶跃", "噪声", "课件序列"]
