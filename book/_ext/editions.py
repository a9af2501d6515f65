"""The book's editions: English at ``_build/html/``, 简体中文 at ``_build/html/zh/``, one source.

One ``_config.yml`` configures both. ``book/build_editions.py`` (``make book``) builds the
English edition with ``jupyter-book build`` and then each translated edition with the same
configuration and a few overrides (``language``, the shared execution cache, the output
folder): :data:`EDITIONS` is the list. The prose of a translated edition comes from the gettext
catalogues ``locales/<language>/LC_MESSAGES/**/*.po`` (Sphinx i18n); this extension does the
rest, for every edition:

* **kernels**: sets ``LSTM_VIZ_LANG`` to every edition's language (``en,zh_CN``), so that the
  figures the chapters draw carry their text in each language and one execution serves every
  edition (see :mod:`lstm_core.viz.i18n`);
* **language switch**: a link in every page's header to the same page in each other edition
  (template ``book/_templates/lang-switch.html``; the theme has none);
* **the book's own interface strings** (its title, the search box's placeholder, the footer's
  author, MyST-NB's "Show code cell output" toggles) from the catalogue
  ``locales/<language>/LC_MESSAGES/interface.po`` (:func:`interface_overrides`); the themes and
  Sphinx translate their own strings once ``language`` is set, and the same catalogue, put in
  front of theirs, supplies the ones they leave English or get wrong (:func:`_interface_first`);
* **CJK web font**: serves ``static/fonts/lstm-noto-sans-sc.woff2``, a subset of Noto Sans SC
  (SIL OFL 1.1) cut by ``book/_ext/cjk_font.py`` to the characters the book uses, and the
  ``@font-face`` of ``static/lstm-cjk.css`` that puts it in front of the theme's fonts for CJK
  code points only (``unicode-range``): Chinese renders on a machine with no CJK font, offline;
* ``<html lang>`` as HTML spells it (``zh-CN``, not Sphinx's ``zh_CN``);
* **figures in every language**: a matplotlib figure of a chapter carries one image per
  language (``<div class="lstm-fig"><img lang="en" ...><img lang="zh-CN" ...></div>``, see
  :mod:`lstm_core.viz.figures_i18n`); ``lstm-figures.css`` sizes them;
* **one language per page**: the executed notebooks carry every language's rendition of a figure
  or table (downloads keep them all), but each edition's page keeps only its own (the first
  when it has none) and writes a kept image to the build's ``_images/`` (named by its content's
  hash) instead of inlining it as base64 (:func:`edition_renditions`): pages weigh what they
  did before the figures were drawn twice;
* **search**: Sphinx's Chinese index segments words with jieba; the glossary's terms
  (``book/glossary.md``: 遗忘门, 细胞状态, 恒定误差传送带, ...) are added to its dictionary
  (``html_search_options["dict"]``), so that a reader's search for a term finds it whole.
"""

from __future__ import annotations

import base64
import gettext
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

#: language -> (folder under _build/html, the edition's name in its own language)
EDITIONS: dict[str, tuple[str, str]] = {
    "en": ("", "English"),
    "zh_CN": ("zh", "中文"),
}
SOURCE_LANGUAGE = "en"
#: The book's own interface strings, translated by locales/<lang>/LC_MESSAGES/interface.po.
INTERFACE_CATALOGUE = "interface"
SEARCH_BAR_TEXT = "Search this book..."
CJK_FONT_FAMILY = "LSTM Noto Sans SC"  # the name lstm-cjk.css and the explorers' script use


#: MyST-NB's toggles of a hidden cell, as drawn: its template ("Show code cell {type}") with an
#: English word for {type}; the drawn strings are the catalogue's keys (:class:`HiddenCellPrompts`).
CELL_PROMPTS = tuple(f"{verb} code cell {kind}" for kind in ("content", "source", "output",
                                                              "outputs") for verb in ("Show", "Hide"))


def edition_language(config: Config) -> str:
    """The edition's language, as a key of :data:`EDITIONS` (``en`` when unset)."""
    lang = (config.language or SOURCE_LANGUAGE).replace("-", "_")
    if lang not in EDITIONS:
        raise ValueError(f"language: expected one of {list(EDITIONS)}, got {config.language!r}")
    return lang


def interface_catalogue(lang: str) -> dict[str, str]:
    """English -> translation of the book's interface strings (empty for English)."""
    path = ROOT / "locales" / lang / "LC_MESSAGES" / f"{INTERFACE_CATALOGUE}.po"
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return {}
    with path.open("rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


#: The gettext domains of Sphinx, the themes and extensions that the interface catalogue goes in
#: front of: ``sphinx`` (Sphinx's own strings and pydata-sphinx-theme's), ``booktheme``
#: (sphinx-book-theme's), ``exercise`` (sphinx-exercise's).
THEME_DOMAINS = ("sphinx", "booktheme", "exercise")


class _InterfaceFirst(gettext.NullTranslations):
    """The interface catalogue's translation of a string, else its fallback's (the domain's
    own catalogues)."""

    def __init__(self, strings: dict[str, str]) -> None:
        super().__init__()
        self._strings = strings

    def gettext(self, message: str) -> str:
        if message in self._strings:
            return self._strings[message]
        return super().gettext(message)


def _interface_first(app: Sphinx, config: Config) -> None:
    """Put the interface catalogue in front of the catalogues of :data:`THEME_DOMAINS`, so that
    it supplies the strings they leave English ("Link to this heading") and corrects the ones
    they get wrong ("列印成 PDF" is Traditional Chinese). Runs at config-inited: the themes have
    registered their catalogues (extensions' setup) and the builder, which hands ``app.translator``
    to its templates, does not exist yet."""
    strings = interface_catalogue(edition_language(config))
    if not strings:
        return
    from sphinx import locale

    for domain in THEME_DOMAINS:
        ours = _InterfaceFirst(strings)
        theirs = locale.translators.get(("general", domain))
        if theirs is not None:
            ours.add_fallback(theirs)
        locale.translators[("general", domain)] = ours
    app.translator = locale.translators[("general", "sphinx")]


#: sphinx-togglebutton's hints, as it writes them in English (its config keys and defaults).
TOGGLE_HINTS = {"togglebutton_hint": "Click to show", "togglebutton_hint_hide": "Click to hide"}


def interface_overrides(config: Config, lang: str) -> dict[str, object]:
    """The configuration values the interface catalogue of ``lang`` translates: the title, the
    author (the footer), the search box's placeholder (a theme option) and the hint on the
    solutions' toggles (sphinx-togglebutton, which has no Chinese of its own)."""
    strings = interface_catalogue(lang)
    tr = lambda s: strings.get(s, s)  # noqa: E731
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = tr(SEARCH_BAR_TEXT)
    return {"html_title": tr(config.html_title or config.project),
            "author": tr(config.author) if config.author else config.author,
            "html_theme_options": options,
            **{key: tr(text) for key, text in TOGGLE_HINTS.items()}}


GLOSSARY = ROOT / "book" / "glossary.md"


def glossary_rows(path: Path = GLOSSARY) -> list[tuple[str, str]]:
    """(English, 中文) cells of every row of the glossary's tables, as written."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[0]) <= set("- :"):
            continue
        if cells[0] != "English":
            rows.append((cells[0], cells[1]))
    return rows


def glossary_terms(path: Path = GLOSSARY) -> list[tuple[str, str]]:
    """(English term, Chinese term) per glossary row: the first variant of each, without the
    parenthesised part ("long short-term memory (LSTM)" -> "long short-term memory", 长短期记忆)."""
    out = []
    for en, zh in glossary_rows(path):
        en = re.sub(r"\s*\(.*?\)", "", re.split(r"[;/]", en)[0]).strip().lower()
        zh = re.sub(r"（.*?）", "", re.split(r"[；/]", zh)[0]).strip()
        out.append((en, zh))
    return out


def search_dictionary(path: Path) -> Path:
    """A jieba user dictionary of every Chinese word of the glossary (all variants)."""
    words = []
    for _, zh in glossary_rows():
        for variant in re.split(r"[；/]", zh):
            inner = re.findall(r"（(.*?)）", variant)  # 记忆单元（细胞）: 记忆单元, 细胞, 记忆单元细胞
            for word in (re.sub(r"[（）]", "", variant), re.sub(r"（.*?）", "", variant), *inner):
                word = re.sub(r"\s+", "", word)
                if len(word) > 1 and re.search(r"[\u4e00-\u9fff]", word):
                    words.append(word)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w} 1000 n\n" for w in dict.fromkeys(words)), encoding="utf-8")
    return path


FIGURES_CSS = "lstm-figures.css"


def figures_css() -> str:
    """The layout of a figure or table drawn in every language. Which rendition shows needs no
    rule: each edition's page keeps only its own (:func:`edition_renditions`)."""
    return "\n".join([
        "/* Written by book/_ext/editions.py: a figure or table drawn in every language",
        "   (lstm_core.viz.figures_i18n); each page keeps the rendition of its own language. */",
        ".lstm-fig > img { max-width: 100%; height: auto; }",
        ".lstm-fig > div[lang] { overflow-x: auto; }",
    ]) + "\n"


WRAPPER = '<div class="lstm-fig">'
_CHILD_TAG = re.compile(r"<(/?)(div|img)\b[^>]*>")
_DATA_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')
_HIDDEN = ' style="display:none"'


def _children(html: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """The top-level elements (start, end) of the wrapper whose content begins at ``start``,
    and the end of its closing tag."""
    depth, children, child_start = 1, [], start
    for m in _CHILD_TAG.finditer(html, start):
        closing, name = m.group(1), m.group(2)
        if name == "img":
            if depth == 1:
                children.append((m.start(), m.end()))
        elif closing:
            depth -= 1
            if depth == 0:
                return children, m.end()
            if depth == 1:
                children.append((child_start, m.end()))
        else:
            if depth == 1:
                child_start = m.start()
            depth += 1
    raise ValueError("an lstm-fig wrapper without its closing </div>")


def edition_renditions(html: str, lang: str,
                       save_png: Callable[[bytes], str] | None = None) -> str:
    """``html`` with each figure's or table's renditions (``<div class="lstm-fig">``, one
    child per language, :mod:`lstm_core.viz.figures_i18n`) cut to the one of ``lang`` (an HTML
    tag, ``zh-CN``; the first when none is), shown. With ``save_png``, a kept image's inline
    PNG is handed to it (the bytes) and its ``src`` becomes what it returns (a file's URL)."""
    out, pos = [], 0
    while (at := html.find(WRAPPER, pos)) >= 0:
        children, end = _children(html, at + len(WRAPPER))
        tags = [re.match(r'<\w+[^>]*?\blang="([^"]+)"', html[a:b]) for a, b in children]
        langs = [m.group(1) if m else None for m in tags]
        pick = langs.index(lang) if lang in langs else 0
        kept = html[slice(*children[pick])] if children else ""
        head = kept.split(">", 1)[0].replace(_HIDDEN, "")
        kept = head + (">" + kept.split(">", 1)[1] if ">" in kept else "")
        if save_png is not None:
            kept = _DATA_PNG.sub(
                lambda m: f'src="{save_png(base64.b64decode(m.group(1)))}"', kept)
        out += [html[pos:at], WRAPPER, kept, "</div>"]
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _one_language_per_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                           doctree) -> None:
    body = context.get("body")
    if not body or WRAPPER not in body:
        return
    images = Path(app.builder.outdir) / app.builder.imagedir
    up = "../" * pagename.count("/")

    def save_png(data: bytes) -> str:
        name = f"lstm-{hashlib.sha256(data).hexdigest()[:20]}.png"
        images.mkdir(parents=True, exist_ok=True)
        if not (images / name).is_file():
            (images / name).write_bytes(data)
        return f"{up}{app.builder.imagedir}/{name}"

    tag = edition_language(app.config).replace("_", "-")
    context["body"] = edition_renditions(body, tag, save_png)


def _toggle_hints(app: Sphinx, config: Config) -> None:
    """sphinx-togglebutton writes its hints into the page's script at config-inited (priority
    500), so they are set before it."""
    overrides = interface_overrides(config, edition_language(config))
    for key in TOGGLE_HINTS:
        setattr(config, key, overrides[key])


def _configure(app: Sphinx, config: Config) -> None:
    # Every kernel of every edition draws every edition's language (first: the source's).
    os.environ["LSTM_VIZ_LANG"] = ",".join(EDITIONS)
    lang = edition_language(config)
    # Pages draw the interface catalogue's strings, so that a changed catalogue rewrites them all
    # (an "html" config value) and not only the pages whose source changed.
    config.lstm_interface_catalogue = interface_catalogue(lang)
    overrides = interface_overrides(config, lang)
    options = overrides.pop("html_theme_options")
    for name, value in overrides.items():
        setattr(config, name, value)
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [s.strip() for s in end.split(",")] if isinstance(end, str) else list(end)
    if "lang-switch.html" not in end:
        end.insert(0, "lang-switch.html")
    options["article_header_end"] = end
    config.html_theme_options = options
    if lang.startswith("zh"):
        words = search_dictionary(Path(app.doctreedir) / "search-dictionary-zh.txt")
        config.html_search_options = {**(config.html_search_options or {}), "dict": str(words)}
    config.templates_path = [*config.templates_path, str(HERE.parent / "_templates")]
    if str(HERE / "static") not in map(str, config.html_static_path):  # offline_assets adds it too
        config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    generated = Path(app.doctreedir) / "lstm-static"
    generated.mkdir(parents=True, exist_ok=True)
    (generated / FIGURES_CSS).write_text(figures_css(), encoding="utf-8")
    if str(generated) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(generated)]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    lang = edition_language(app.config)
    up = "../" * pagename.count("/")
    to_root = up + ("../" * len([p for p in EDITIONS[lang][0].split("/") if p]))
    context["lstm_editions"] = [
        {
            "lang": other.replace("_", "-"),
            "label": label,
            "url": to_root + (folder + "/" if folder else "") + pagename + ".html",
        }
        for other, (folder, label) in EDITIONS.items()
        if other != lang
    ]
    context["language"] = lang.replace("_", "-")  # <html lang="zh-CN">


def _translate_toctree_captions(app: Sphinx, doctree) -> None:
    """The part captions of _toc.yml ("Chapters", "Reference") from the root page's catalogue.

    sphinx-external-toc inserts the toctrees after Sphinx's ``Locale`` transform has run, so
    their captions stay English although ``make po`` extracts them; translate them here.
    """
    if edition_language(app.config) == SOURCE_LANGUAGE:
        return
    from sphinx import addnodes
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    dirs = [str(Path(app.srcdir) / d) for d in app.config.locale_dirs]
    catalog, found = init_locale(dirs, app.config.language, domain)
    if not found:
        return
    for node in doctree.findall(addnodes.toctree):
        raw = node.get("rawcaption") or node.get("caption")
        if raw and catalog.gettext(raw) != raw:
            node["caption"] = catalog.gettext(raw)


class HiddenCellPrompts(SphinxPostTransform):
    """MyST-NB's "Show code cell output" / "Hide code cell output" in the edition's language.

    MyST-NB fills its prompt template (``nb_code_prompt_show``) with an English word for the
    hidden part (content, source, output, outputs) when it wraps the cell (its post-transform
    ``HideInputCells``, priority 199); this one runs after it and translates the drawn strings
    (:data:`CELL_PROMPTS`) through the interface catalogue.
    """

    default_priority = 250
    formats = ("html",)

    def run(self, **kwargs) -> None:
        strings = interface_catalogue(edition_language(self.app.config))
        if not strings:
            return
        from myst_nb.sphinx_ import HideCodeCellNode

        for node in self.document.findall(HideCodeCellNode):
            for key in ("prompt_show", "prompt_hide"):
                node[key] = strings.get(node[key], node[key])


def setup(app: Sphinx) -> dict:
    app.add_config_value("lstm_interface_catalogue", {}, "html", types=[dict])
    app.connect("config-inited", _configure, priority=900)
    app.connect("config-inited", _toggle_hints, priority=400)  # before sphinx-togglebutton's (500)
    app.connect("config-inited", _interface_first)
    app.connect("doctree-read", _translate_toctree_captions)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _one_language_per_page)
    app.add_post_transform(HiddenCellPrompts)
    app.add_css_file("lstm-cjk.css")
    app.add_css_file(FIGURES_CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
