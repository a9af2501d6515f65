"""The text the figures draw comes from one catalogue per language, chosen by LSTM_VIZ_LANG.

Explorers carry a table per language; matplotlib figures, results tables and coloured text are
drawn once per language when displayed (lstm_core.viz.figures_i18n). Every figure, explorer
and table the book builds (tests/book_figures.py) must have every word it draws in the
catalogue.
"""

from __future__ import annotations

import base64
import json
import re
import string
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from lstm_core.viz import figures_i18n, gate_explorer, i18n  # noqa: E402
from lstm_core.viz.locales import zh_CN  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import book_figures  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import cjk_font  # noqa: E402

MATPLOTLIB_FIGURES = book_figures.matplotlib_figures()
EXPLORERS = book_figures.explorers()
TABLES = book_figures.tables()


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


def _fields(pattern: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(pattern) if name)


def _maths(text: str) -> list[str]:
    return re.findall(r"\$.*?\$", re.sub(r"\{(\w+):\w\}", r"{\1}", text))


def test_catalogue_keeps_every_html_tag_symbol_and_formula():
    for en, zh in [*zh_CN.STRINGS.items(), *zh_CN.PATTERNS.items()]:
        assert re.findall(r"<[^>]+>", en) == re.findall(r"<[^>]+>", zh), en
        assert re.findall(r"\(\d+\)", en) == re.findall(r"\(\d+\)", zh), en
        assert sorted(_maths(en)) == sorted(_maths(zh)), en  # word order may change


def test_patterns_fill_numbers_and_translate_text():
    assert all(_fields(en) == _fields(zh) for en, zh in zh_CN.PATTERNS.items())
    assert i18n.translate("block 3", "zh_CN") == "记忆块 3"
    assert i18n.translate("tolerance 1e-07", "zh_CN") == "容差 1e-07"
    assert i18n.translate("constant guess (12.3%)", "zh_CN") == "常数猜测（12.3%）"
    assert i18n.translate("LSTM (seed 0)", "zh_CN") == "LSTM（种子 0）"
    assert i18n.translate("1 Nov, 07:00", "zh_CN") == "11月1日 07:00"
    assert i18n.translate("block three", "zh_CN") == "block three"  # {n:d}: digits only
    with pytest.raises(ValueError, match="fields"):
        i18n._compile("block {n:x}")


def test_words_are_told_from_symbols_maths_and_acronyms():
    assert i18n.has_words("time step $t$") and i18n.has_words("no peepholes (NP)")
    for text in ("LSTM", "ρ = 0.5", r"$\|\Delta h^t\|$", "log<sub>10</sub> ‖∂L/∂h<sup>k</sup>‖",
                 "T = 10", "", None):
        assert not i18n.has_words(text), text


def test_every_word_the_gate_explorer_draws_is_in_the_chinese_catalogue():
    words = [t for t in gate_explorer().texts() if _words(t)]
    missing = [t for t in words if t not in zh_CN.STRINGS]
    assert len(words) >= 10
    assert not missing, f"add to lstm_core/viz/locales/zh_CN.py: {missing}"


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_word_every_explorer_of_the_book_draws_is_translated(name, lang):
    lang("en,zh_CN")
    texts = EXPLORERS[name]().texts()
    words = [t for t in texts if i18n.has_words(t)]
    missing = [t for t in words if i18n.translate(t, "zh_CN") == t]
    assert len(words) >= 5
    assert not missing, f"add to lstm_core/viz/locales/zh_CN.py: {missing}"


def _untranslated(fig) -> set[str]:
    seen: set[str] = set()
    figures_i18n.render_png(fig, "zh_CN", seen)
    return seen


@pytest.mark.parametrize("name", MATPLOTLIB_FIGURES)
def test_every_word_every_matplotlib_figure_of_the_book_draws_is_translated(name):
    missing = _untranslated(MATPLOTLIB_FIGURES[name]())
    assert not missing, f"add to lstm_core/viz/locales/zh_CN.py: {sorted(missing)}"


def test_the_figure_check_fails_without_a_catalogue_entry(monkeypatch):
    fig = MATPLOTLIB_FIGURES["variants_figure"]()
    assert not _untranslated(fig)
    strings = dict(zh_CN.STRINGS)
    del strings["not solved"], strings["no peepholes (NP)"]  # a text() and a tick label
    monkeypatch.setattr(zh_CN, "STRINGS", strings)
    i18n.catalogue.cache_clear()
    try:
        assert _untranslated(fig) == {"not solved", "no peepholes (NP)"}
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


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


# ---------------------------------------------------------------- matplotlib figures at display


def _figure(title="test success rate"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2], [1, 2], label="measured")
    ax.set_title(title)
    ax.set_xlabel("time step $t$")
    ax.set_xticks([1, 2], ["train", "test"])
    ax.legend()
    ax.text(1.5, 1.5, "not solved")
    plt.close(fig)
    return fig


def _labels(fig) -> list[str]:
    ax = fig.axes[0]
    return [ax.get_title(), ax.get_xlabel(), *(t.get_text() for t in ax.texts),
            *(t.get_text() for t in ax.get_legend().get_texts())]


def _imgs(html: str) -> dict[str, bytes]:
    return {lang: base64.b64decode(data) for lang, data in
            re.findall(r'<img lang="([^"]+)"[^>]*src="data:image/png;base64,([^"]+)"', html)}


def test_two_languages_give_one_image_each_and_the_first_as_png(lang):
    lang("en,zh_CN")
    fig = _figure()
    before = _labels(fig)
    data = figures_i18n.figure_bundle(fig)
    assert _labels(fig) == before  # the figure is left as it was
    html = data["text/html"]
    assert html.startswith('<div class="lstm-fig">') and html.count("<img") == 2
    imgs = _imgs(html)
    assert list(imgs) == ["en", "zh-CN"] and imgs["en"] != imgs["zh-CN"]
    assert 'alt="测试成功率"' in html and 'alt="test success rate"' in html
    assert base64.b64decode(data["image/png"]) == imgs["en"]
    assert imgs["en"] == figures_i18n.render_png(_figure(), "en")
    assert imgs["zh-CN"] == figures_i18n.render_png(_figure(), "zh_CN")
    assert data["text/plain"].startswith("<Figure size")


def test_a_figure_without_a_title_is_described_by_its_axes_labels(lang):
    """Its alt text in each language: the y and x labels, mathtext in plain characters."""
    lang("en,zh_CN")
    fig = _figure(title="")
    fig.axes[0].set_ylabel(r"$\|\epsilon_s\|$")
    html = figures_i18n.figure_bundle(fig)["text/html"]
    alts = dict(re.findall(r'<img lang="([^"]+)" alt="([^"]*)"', html))
    assert alts == {"en": "‖ε_s‖; time step t", "zh-CN": "‖ε_s‖；时间步 t"}


def test_a_labelled_figure_keeps_its_only_title_and_drops_its_panels_titles():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    fig.set_label("forecasts against the truth")
    ax.set_title("6 hours ahead")
    assert figures_i18n._alt_english(fig) == "forecasts against the truth; 6 hours ahead"
    fig, (ax, bx) = plt.subplots(1, 2)
    ax.set_title("in full")
    bx.set_title("simplified")
    assert figures_i18n._alt_english(fig) == "in full"  # no label: the first panel's, as before
    fig.set_label("diagram of a layer of neurons, in full and simplified")
    assert figures_i18n._alt_english(fig) == "diagram of a layer of neurons, in full and simplified"
    plt.close("all")


def test_a_diagram_is_described_by_its_label_and_an_untranslated_one_is_reported(lang):
    lang("en,zh_CN")
    fig = _figure(title="")
    fig.set_label("diagram of the LSTM block")
    html = figures_i18n.figure_bundle(fig)["text/html"]
    assert 'alt="LSTM 块示意图"' in html and 'alt="diagram of the LSTM block"' in html
    fig.set_label("a diagram nobody translated")
    data, meta = figures_i18n.figure_bundle(fig)
    assert 'alt="a diagram nobody translated"' in data["text/html"]
    assert "a diagram nobody translated" in meta[figures_i18n.UNTRANSLATED_KEY]


def test_rendering_is_deterministic_and_restores_every_label(lang):
    fig = _figure()
    before = _labels(fig)
    families = [t.get_fontfamily() for t in fig.axes[0].texts]
    zh1, en1 = figures_i18n.render_png(fig, "zh_CN"), figures_i18n.render_png(fig, "en")
    zh2, en2 = figures_i18n.render_png(fig, "zh_CN"), figures_i18n.render_png(fig, "en")
    assert zh1 == zh2 and en1 == en2 and zh1 != en1
    assert _labels(fig) == before
    assert [t.get_fontfamily() for t in fig.axes[0].texts] == families
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["train", "test"]


def test_one_language_changes_nothing_and_chinese_alone_draws_chinese(lang):
    lang(None)
    assert figures_i18n.figure_bundle(_figure()) is None  # the inline backend's PNG, as before
    lang("en")
    assert figures_i18n.figure_bundle(_figure()) is None
    lang("zh_CN")
    data = figures_i18n.figure_bundle(_figure())
    assert "text/html" not in data
    assert base64.b64decode(data["image/png"]) == figures_i18n.render_png(_figure(), "zh_CN")


def test_a_figure_without_words_keeps_one_png(lang):
    import matplotlib.pyplot as plt

    lang("en,zh_CN")
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("$t$")
    plt.close(fig)
    data = figures_i18n.figure_bundle(fig)
    assert "text/html" not in data and "image/png" in data


def test_an_untranslated_label_is_listed_in_the_outputs_metadata(lang):
    lang("en,zh_CN")
    fig = _figure(title="a title nobody translated")
    data, metadata = figures_i18n.figure_bundle(fig)
    assert metadata == {figures_i18n.UNTRANSLATED_KEY: ["a title nobody translated"]}
    assert "a title nobody translated" in figures_i18n.untranslated("zh_CN")


def test_every_way_ipython_shows_a_figure_goes_through_the_formatter(lang):
    """The cell's value and display() (the display formatter), the inline backend's flush
    (display()), and myst_nb.glue (format_display_data) all format with the same shell."""
    from IPython.core.formatters import format_display_data
    from IPython.core.interactiveshell import InteractiveShell

    lang("en,zh_CN")
    shell = InteractiveShell.instance()
    assert figures_i18n.register(shell)
    data, _ = shell.display_formatter.format(_figure())
    assert set(data) >= {"text/html", "image/png", "text/plain"}
    data, _ = format_display_data(_figure())
    assert 'lang="zh-CN"' in data["text/html"]
    # the inline backend's select_figure_formats drops Figure from the mime formatters, not
    # from the mime-bundle formatter
    from IPython.core.pylabtools import select_figure_formats

    select_figure_formats(shell, {"png"})
    assert "text/html" in shell.display_formatter.format(_figure())[0]


# ---------------------------------------------------------------- tables and coloured text


def _html_untranslated(obj) -> list[str]:
    from lstm_core.viz.figures_i18n import html_in_languages

    return html_in_languages(obj.render if hasattr(obj, "render") else obj._html)[1]


@pytest.mark.parametrize("name", TABLES)
def test_every_word_every_table_of_the_book_draws_is_translated(name, lang):
    lang("en,zh_CN")
    missing = _html_untranslated(TABLES[name]())
    assert not missing, f"add to lstm_core/viz/locales/zh_CN.py: {missing}"


def test_the_table_check_fails_without_a_catalogue_entry(lang, monkeypatch):
    lang("en,zh_CN")
    table = TABLES["lags_table"]()
    strings = dict(zh_CN.STRINGS)
    del strings["minimal lag"]
    monkeypatch.setattr(zh_CN, "STRINGS", strings)
    i18n.catalogue.cache_clear()
    try:
        assert _html_untranslated(table) == ["minimal lag"]
        assert "minimal lag" in figures_i18n.untranslated("zh_CN")
        data, metadata = table._repr_mimebundle_()
        assert metadata == {figures_i18n.UNTRANSLATED_KEY: ["minimal lag"]}
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_a_table_in_two_languages_holds_one_rendition_each(lang):
    lang("en,zh_CN")
    html = TABLES["lags_table"]()._repr_mimebundle_()["text/html"]
    assert html.startswith('<div class="lstm-fig"><div lang="en"><table')
    assert html.count("<table") == 2 and '<div lang="zh-CN" style="display:none"><table' in html
    en, zh = html.split('<div lang="zh-CN"')
    assert "<th>minimal lag</th>" in en and "<td>3 of 3</td>" in en
    assert "<th>最小时间间隔</th>" in zh and "<td>3/3</td>" in zh and "minimal lag" not in zh
    means = TABLES["means_table"]()._repr_html_()
    assert "<td>第 1 层第 82 个单元</td><td>indent、in_triple_string</td>" in means


def test_a_table_in_one_language_is_as_before(lang):
    from lstm_core.viz import results_table

    table = results_table([{"minimal lag": 5, "LSTM solved": "3 of 3"}])
    english = ('<table class="table lstm-results"><thead><tr><th>minimal lag</th>'
               "<th>LSTM solved</th></tr></thead><tbody><tr><td>5</td><td>3 of 3</td></tr>"
               "</tbody></table>")
    lang(None)
    assert table._repr_html_() == english and table._repr_mimebundle_() == {"text/html": english}
    lang("zh_CN")
    assert "<th>最小时间间隔</th>" in table._repr_html_() and "lstm-fig" not in table._repr_html_()


def test_coloured_text_translates_its_title_only(lang):
    lang("en,zh_CN")
    text = TABLES["coloured_text_two"]()
    html = text._repr_html_()
    assert html.count('class="lstm-activation-text"') == 2 and 'lang="zh-CN"' in html
    assert "与 indent 和 in_triple_string 最相关的单元" in html
    assert str(text) == text.markup and "the best cell for indent" in str(text)
    lang(None)
    assert text._repr_html_() == str(text)


def test_words_in_code_names_are_not_words_to_translate():
    for code in ("in_triple_string", "layers.0.R", "b_ι", "s_c, X1 + X2"):
        assert not i18n.has_words(code), code
    assert i18n.has_words("b_ι at marked steps") and i18n.has_words("indent, in_triple_string")
    assert i18n.lookup("indent, no such word", "zh_CN") is None  # a list: every item or none
    assert i18n.lookup("indent", "zh_CN") == "indent"  # listed as itself: kept, and known


# ---------------------------------------------------------------- the figures' font


def test_the_figure_font_has_every_character_of_the_catalogue():
    have = cjk_font.font_characters(Path(str(figures_i18n.FONT)))
    values = [*zh_CN.STRINGS.values(), *zh_CN.PATTERNS.values()]
    # symbols the English has too (ᵀ, ✗ of the tutor's HTML) are the figure's own font's to draw
    english = {c for k in [*zh_CN.STRINGS, *zh_CN.PATTERNS] for c in k}
    lacking = {c for v in values for c in v if not c.isspace() and c not in have and c not in english}
    assert not lacking, f"run `make font`: the figures' font lacks {''.join(sorted(lacking))}"
    assert cjk_font.figure_characters() - english <= have


def test_the_figure_font_is_small_and_drawn_by_matplotlib():
    size = Path(str(figures_i18n.FONT)).stat().st_size
    assert size < 400_000, f"the figures' font is {size / 1024:.0f} KiB"
    from matplotlib import font_manager

    family = figures_i18n.font_family()
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    assert Path(path).name == figures_i18n.FONT.name
