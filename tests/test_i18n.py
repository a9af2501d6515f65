"""The translation catalogues of the 中文 edition: complete where claimed, consistent, renderable.

Fast: reads `locales/` and the sources, builds nothing. The catalogues are
`locales/zh_CN/LC_MESSAGES/<docname>.po`, one per page (`make po` regenerates them after the
English text changed); `locales/zh_CN/untranslated.txt` lists the pages still waiting for
their translation. Every other page must be translated in full: no empty message, no fuzzy
one (what `sphinx-intl update` marks when the English changed), the same markup (roles, code,
math) as the English, and the glossary's Chinese term wherever the English uses its term.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
sys.path.insert(0, str(ROOT / "book"))

import cjk_font  # noqa: E402
import editions  # noqa: E402

LANGUAGES = [lang for lang in editions.EDITIONS if lang != editions.SOURCE_LANGUAGE]
TOC_DOCS = list(parse_toc_yaml(ROOT / "_toc.yml"))


def messages_dir(lang: str) -> Path:
    return ROOT / "locales" / lang / "LC_MESSAGES"


def catalogue(lang: str, doc: str):
    with (messages_dir(lang) / f"{doc}.po").open("rb") as f:
        return read_po(f)


def untranslated(lang: str) -> list[str]:
    path = ROOT / "locales" / lang / "untranslated.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


def translated_docs(lang: str) -> list[str]:
    return [d for d in TOC_DOCS if d not in untranslated(lang)]


CLAIMED = [(lang, doc) for lang in LANGUAGES for doc in translated_docs(lang)]


def _markup(text: str) -> list[str]:
    """Roles with their target, inline code and inline math: what a translation must keep.

    A link with a title of its own (`` {doc}`Chapter 3 <03_why_rnns_forget>` ``) keeps its role
    and target; its title is text, and is translated (``{doc}`第 3 章 <03_why_rnns_forget>```).
    """
    found = re.findall(r"(?:\{[\w:.-]+\})?`[^`]*`|\$[^$]+\$", text)
    return sorted(re.sub(r"^(\{[\w:.-]+\}`).*?(<[^<>`]+>`)$", r"\1…\2", m) for m in found)


def glossary_terms() -> list[tuple[str, str]]:
    """(English term, Chinese term) of every row of the glossary's tables, first variants."""
    return editions.glossary_terms()


# ---------------------------------------------------------------- the catalogues exist


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_catalogue(lang):
    missing = [d for d in TOC_DOCS if not (messages_dir(lang) / f"{d}.po").is_file()]
    assert not missing, f"no catalogue for {missing}: run `make po`"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_is_a_page_or_the_interface(lang):
    docs = {p.relative_to(messages_dir(lang)).with_suffix("").as_posix()
            for p in messages_dir(lang).rglob("*.po")}
    stray = docs - set(TOC_DOCS) - {editions.INTERFACE_CATALOGUE}
    assert not stray, f"catalogues of pages that are not in _toc.yml: {sorted(stray)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_untranslated_list_names_real_pages(lang):
    unknown = [d for d in untranslated(lang) if d not in TOC_DOCS]
    assert not unknown, f"locales/{lang}/untranslated.txt names pages not in _toc.yml: {unknown}"


# ---------------------------------------------------------------- translated pages are complete


@pytest.mark.parametrize(("lang", "doc"), CLAIMED, ids=[f"{lang}:{doc}" for lang, doc in CLAIMED])
def test_translated_page_has_no_empty_or_fuzzy_message(lang, doc):
    cat = catalogue(lang, doc)
    empty = [m.id for m in cat if m.id and not m.string]
    fuzzy = [m.id for m in cat if m.id and m.fuzzy]
    assert not empty, f"{doc}.po: {len(empty)} untranslated messages, e.g. {empty[:3]}"
    assert not fuzzy, (
        f"{doc}.po: {len(fuzzy)} fuzzy messages (the English changed; check the translation, "
        f"then remove the `#, fuzzy` line), e.g. {fuzzy[:3]}"
    )


@pytest.mark.parametrize(("lang", "doc"), CLAIMED, ids=[f"{lang}:{doc}" for lang, doc in CLAIMED])
def test_translation_keeps_roles_code_and_math(lang, doc):
    changed = [(m.id, m.string) for m in catalogue(lang, doc)
               if m.id and m.string and _markup(m.id) != _markup(m.string)]
    assert not changed, f"{doc}.po: markup differs from the English: {changed[:2]}"


@pytest.mark.parametrize(("lang", "doc"), CLAIMED, ids=[f"{lang}:{doc}" for lang, doc in CLAIMED])
def test_translation_uses_the_glossary_terms(lang, doc):
    """Where the English uses a glossary term, the translation has the glossary's Chinese.

    Longer terms first ("activation function" before "activation"); a term's occurrences are
    taken out of the English once checked, so a shorter term is checked only where it stands
    alone.
    """
    cat = [m for m in catalogue(lang, doc) if m.id]
    english = " ".join(m.id for m in cat).lower()
    chinese = " ".join(m.string for m in cat)
    missing = []
    for en, zh in sorted(glossary_terms(), key=lambda t: -len(t[0])):
        pattern = re.compile(rf"\b{re.escape(en)}(s|es)?\b")
        if pattern.search(english):
            if zh not in chinese:
                missing.append(f"{en} -> {zh}")
            english = pattern.sub(" ", english)
    assert not missing, f"{doc}: glossary terms not used in the translation: {missing}"


def test_glossary_is_parsed():
    terms = dict(glossary_terms())
    assert terms["input gate"] == "输入门" and terms["forget gate"] == "遗忘门"
    assert terms["output gate"] == "输出门" and terms["cell state"] == "细胞状态"
    assert terms["backpropagation"] == "反向传播"
    assert terms["constant error carousel"] == "恒定误差传送带"
    assert len(terms) >= 40


def test_search_dictionary_has_the_glossary_words(tmp_path):
    words = editions.search_dictionary(tmp_path / "dict.txt").read_text(encoding="utf-8").split("\n")
    words = {w.split(" ")[0] for w in words if w}
    assert {"遗忘门", "细胞状态", "恒定误差传送带", "随时间反向传播", "记忆单元", "细胞"} <= words


# ---------------------------------------------------------------- the book's own strings, the font


@pytest.mark.parametrize("lang", LANGUAGES)
def test_interface_strings_are_translated(lang):
    strings = editions.interface_catalogue(lang)
    author = _config_yml()["author"]
    for msgid in ("LSTM, Derived", editions.SEARCH_BAR_TEXT, author, *editions.CELL_PROMPTS):
        assert strings.get(msgid, msgid) != msgid, f"interface.po has no translation of {msgid!r}"


def _config_yml() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", [*LANGUAGES, editions.SOURCE_LANGUAGE])
def test_the_interface_overrides_translate_title_author_and_search_box(lang):
    from types import SimpleNamespace

    yml = _config_yml()
    config = SimpleNamespace(html_title=yml["title"], project=yml["title"], author=yml["author"],
                             html_theme_options={"home_page_in_toc": True})
    over = editions.interface_overrides(config, lang)
    strings = editions.interface_catalogue(lang)
    assert over["html_title"] == strings.get(yml["title"], yml["title"])
    assert over["author"] == strings.get(yml["author"], yml["author"])
    assert over["html_theme_options"]["home_page_in_toc"] is True
    if lang == editions.SOURCE_LANGUAGE:
        assert over["author"] == yml["author"] and over["html_title"] == yml["title"]
    else:
        assert cjk_font.cjk(over["author"]) and cjk_font.cjk(over["html_title"])
        assert cjk_font.cjk(over["html_theme_options"]["search_bar_text"])
        assert cjk_font.cjk(over["togglebutton_hint"]) and cjk_font.cjk(over["togglebutton_hint_hide"])
    import sphinx_togglebutton

    defaults = inspect.getsource(sphinx_togglebutton)  # the hints are sphinx-togglebutton's own
    assert all(f"\"{key}\", f\"{{translate('{text}')}}\"" in defaults
               for key, text in editions.TOGGLE_HINTS.items())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_interface_catalogue_goes_in_front_of_the_themes_and_sphinx(lang, monkeypatch):
    """Their strings that interface.po has come from it (sphinx-book-theme's own zh_CN says
    列印成 PDF, Traditional Chinese), the others still from their catalogues; also through the
    translator the HTML builder hands to its templates (``app.translator``)."""
    from collections import defaultdict
    from gettext import NullTranslations
    from types import SimpleNamespace

    import sphinx_book_theme
    from sphinx import locale, package_dir

    monkeypatch.setattr(locale, "translators", defaultdict(NullTranslations))
    theme_dir = Path(sphinx_book_theme.get_html_theme_path()) / "static" / "locales"
    locale.init([str(theme_dir)], lang, "booktheme")
    locale.init([str(Path(package_dir) / "locale")], lang)  # Sphinx's own
    booktheme = locale.get_translation("booktheme")
    assert booktheme("Print to PDF") == "列印成 PDF"  # what the theme says by itself
    app = SimpleNamespace(translator=None)
    editions._interface_first(app, SimpleNamespace(language=lang))
    strings = editions.interface_catalogue(lang)
    assert booktheme("Print to PDF") == strings["Print to PDF"] == "打印为 PDF"
    assert booktheme("Launch on") + " Binder" == "启动于 Binder"
    assert booktheme("Download source file") == "下载源文件"  # the theme's own, as before
    assert booktheme("Repository") == "源码库" and booktheme("Open issue") == "创建议题"
    sphinx_ = locale.get_translation("sphinx")
    assert sphinx_("Link to this heading") == app.translator.gettext("Link to this heading") == "链接到此标题"
    assert sphinx_("Search") == "搜索"  # Sphinx's own
    copyright_ = app.translator.gettext("© Copyright %(copyright)s.") % {"copyright": "2025"}
    assert copyright_ == "版权所有 © 2025"
    assert locale.get_translation("exercise")("Solution to") == "解答："
    locale.init([str(theme_dir)], lang, "booktheme")  # a catalogue added later stays behind it
    assert booktheme("Print to PDF") == "打印为 PDF"


def test_the_interface_catalogue_leaves_the_english_edition_alone(monkeypatch):
    from collections import defaultdict
    from gettext import NullTranslations
    from types import SimpleNamespace

    from sphinx import locale

    monkeypatch.setattr(locale, "translators", defaultdict(NullTranslations))
    app = SimpleNamespace(translator="unchanged")
    editions._interface_first(app, SimpleNamespace(language=editions.SOURCE_LANGUAGE))
    assert app.translator == "unchanged" and not locale.translators


def test_the_cell_prompts_are_the_ones_myst_nb_draws():
    """MyST-NB's default template and the words it puts in for {type} (its HideInputCells)."""
    import inspect

    from myst_nb.core.config import NbParserConfig
    from myst_nb.sphinx_ import HideInputCells

    source = inspect.getsource(HideInputCells)
    kinds = re.findall(r'replace\("\{type\}", "(\w+)"\)', source)
    show, hide = NbParserConfig().code_prompt_show, NbParserConfig().code_prompt_hide
    drawn = {t.replace("{type}", k) for t in (show, hide) for k in kinds}
    assert drawn == set(editions.CELL_PROMPTS)


def test_the_cjk_font_has_every_character_of_the_sources_and_catalogues():
    needed = cjk_font.source_characters()
    missing = needed - cjk_font.font_characters()
    assert needed, "no CJK character found in the sources: the collector is broken"
    assert not missing, (
        f"the CJK web font lacks {len(missing)} characters ({''.join(sorted(missing)[:40])}): "
        "run `make font`"
    )


def test_the_cjk_font_is_small_and_woff2():
    data = cjk_font.OUT.read_bytes()
    assert data[:4] == b"wOF2"
    assert len(data) <= 2 * 1024 * 1024, f"{len(data) / 1e6:.1f} MB: more than 2 MiB"
    assert (cjk_font.OUT.parent / "LICENSE-OFL.txt").is_file()


def test_the_css_unicode_range_is_the_fonts():
    css = (cjk_font.HERE / "static" / "lstm-cjk.css").read_text(encoding="utf-8")
    ranges = re.findall(r"U\+([0-9A-F]+)-([0-9A-F]+)", css)
    for lo, hi in ranges:
        assert cjk_font.CJK.match(chr(int(lo, 16))) and cjk_font.CJK.match(chr(int(hi, 16)))
    assert f'font-family: "{editions.CJK_FONT_FAMILY}"' in css


def test_the_determinism_test_draws_the_languages_the_build_draws():
    import test_determinism

    assert test_determinism.BOOK_LANGUAGES == ",".join(editions.EDITIONS)


def test_a_translation_changes_only_the_language_and_the_execution_it_reuses():
    """One _config.yml: a translated edition overrides nothing that could let the two drift."""
    sys.path.insert(0, str(ROOT / "book"))
    import build_editions

    for lang in LANGUAGES:
        over = build_editions.overrides(lang)
        assert set(over) == {"language", "lstm_reuse_execution", "nb_execution_cache_path",
                             "nitpicky", "latex_individualpages"}
        assert over["language"] == lang and over["lstm_reuse_execution"] is True
        assert Path(over["nb_execution_cache_path"]) == ROOT / "_build" / ".jupyter_cache"


def test_every_output_caption_is_a_message_of_its_page():
    """Figure captions in code cells' metadata reach the catalogues (``make po`` adds them:
    the ``gettext`` builder executes nothing, so it never meets them)."""
    import build_editions

    missing = []
    for doc in TOC_DOCS:
        notebook = ROOT / f"{doc}.ipynb"
        if not notebook.is_file():
            continue
        ids = {m.id for m in catalogue(LANGUAGES[0], doc) if m.id}
        missing += [f"{doc}: {c[:50]}" for c, _ in build_editions.output_captions(notebook)
                    if c not in ids]
    assert not missing, f"captions with no message (run `make po`): {missing}"


def test_each_edition_keeps_its_own_rendition_and_links_its_image():
    """book/_ext/editions.py cuts a figure's or table's renditions to the page's language (the
    first when it has none) and hands inline PNGs to be written as files."""
    png = b"\x89PNG fake"
    import base64

    data = base64.b64encode(png).decode()
    html = ('<p>a</p><div class="lstm-fig"><img lang="en" alt="x" src="data:image/png;base64,'
            f'{data}"><img lang="zh-CN" alt="y" style="display:none" src="data:image/png;base64,'
            f'{data}"></div><p>b</p><div class="lstm-fig"><div lang="en"><div>one</div></div>'
            '<div lang="zh-CN" style="display:none"><div>二</div></div></div><p>c</p>')
    saved = []
    zh = editions.edition_renditions(html, "zh-CN", lambda b: saved.append(b) or "_images/f.png")
    assert zh == ('<p>a</p><div class="lstm-fig"><img lang="zh-CN" alt="y" src="_images/f.png">'
                  '</div><p>b</p><div class="lstm-fig"><div lang="zh-CN"><div>二</div></div></div>'
                  "<p>c</p>")
    assert saved == [png]
    en = editions.edition_renditions(html, "en")
    assert 'lang="zh-CN"' not in en and "<div>one</div>" in en and en.count("data:image") == 1
    assert editions.edition_renditions(html, "fr") == en  # no rendition of its own: the first
    assert editions.edition_renditions("<p>no figure</p>", "en") == "<p>no figure</p>"
