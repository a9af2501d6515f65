"""Matplotlib figures in every language of ``LSTM_VIZ_LANG``, from one figure and one execution.

The chapters and the figure builders of :mod:`lstm_core.viz` write their labels in English.
When :mod:`lstm_core.viz` is imported inside IPython, :func:`register` gives matplotlib's
``Figure`` a display formatter (IPython's mime-bundle formatter, ahead of the inline backend's
PNG one), so that every way a figure reaches the page goes through it: the figure as a
cell's value, ``display(fig)``, the inline backend's display of open figures at the end of
a cell, and ``myst_nb.glue(name, fig)``. At display time it

* with the languages ``en`` only (``LSTM_VIZ_LANG`` unset: a reader's JupyterLab), does
  nothing: the inline backend's PNG, as always;
* with one other language (``zh_CN``), draws the PNG in it;
* with several (the book build: ``en,zh_CN``), draws the figure once per language and returns
  the first language's PNG (``image/png``) and a ``text/html`` view: a
  ``<div class="lstm-fig">`` with one ``<img lang="..">`` per language. The book's CSS shows the
  image whose ``lang`` is the page's ``<html lang>``; without it, only the first is shown.
  A figure with no words to translate keeps its single PNG.

Drawing a figure in a language (:func:`translated`) translates the text of every
``Text`` artist (titles, axis labels, legend entries, annotations, ``text()``, table cells,
colorbar labels) and of the tick labels through :func:`lstm_core.viz.i18n.translate`, with the
figures' CJK font (a subset of Noto Sans CJK SC, :data:`FONT`) as a per-glyph fallback, then
puts everything back: the figure object is left as it was, and renders to the same bytes.
Every drawn string with words and no translation is recorded (:func:`untranslated`), and
listed in the output's metadata (``lstm_untranslated``), where the book's tests look for it.

HTML the library draws (a results table, coloured text with its title) takes the same road:
:func:`html_in_languages` renders it once per language and wraps the renditions the same way,
``<div class="lstm-fig"><div lang="en">..</div><div lang="zh-CN" style="display:none">..</div>
</div>``; with the languages ``en`` only, the HTML is the English one, unwrapped, as before.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from importlib import resources

from .i18n import SOURCE_LANGUAGE, bcp47, catalogue, has_words, languages, lookup

__all__ = ["FONT", "WRAPPER_CLASS", "register", "figure_bundle", "render_png", "translated",
           "untranslated", "font_family", "html_in_languages", "html_bundle"]

#: The figures' CJK font: Noto Sans CJK SC (SIL OFL 1.1), cut to the catalogues' characters.
FONT = resources.files(__package__) / "fonts" / "lstm-noto-sans-sc-figures.otf"
#: The class of the element that holds one image per language.
WRAPPER_CLASS = "lstm-fig"
#: The metadata key of an output that lists the strings drawn without a translation.
UNTRANSLATED_KEY = "lstm_untranslated"

_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$", re.DOTALL)
_UNTRANSLATED: dict[str, set[str]] = {}


def untranslated(lang: str | None = None) -> set[str]:
    """Strings with words drawn so far without a translation into ``lang`` (default: all)."""
    if lang is not None:
        return set(_UNTRANSLATED.get(lang, ()))
    return set().union(*_UNTRANSLATED.values()) if _UNTRANSLATED else set()


@cache
def font_family() -> str:
    """Register :data:`FONT` with matplotlib (once); its family name."""
    from matplotlib import font_manager

    with resources.as_file(FONT) as path:
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()


def _translate(text: str, lang: str, seen: set[str]) -> str:
    new = lookup(text, lang)
    if new is None:
        if has_words(text):
            seen.add(text)
        return text
    return new


def _families(text: str, family: list[str]) -> list[str]:
    """The font list for a translated string: the CJK font as fallback after the figure's own;
    first when the string has maths (mathtext draws the text around it from the first font)."""
    cjk = font_family()
    if _MATH.search(text):
        return [cjk, *family]
    return [*family, cjk]


def _tick_labels(inner, lang: str, seen: set[str]):
    """A tick formatter that translates the labels of ``inner`` (words: categorical ticks)."""
    from matplotlib.ticker import Formatter

    class TickLabels(Formatter):
        def __init__(self):
            self.axis = inner.axis

        def set_locs(self, locs):
            inner.set_locs(locs)

        def __call__(self, x, pos=None):
            return _translate(inner(x, pos), lang, seen)

        def format_ticks(self, values):
            return [_translate(s, lang, seen) for s in inner.format_ticks(values)]

        def get_offset(self):
            return inner.get_offset()

        def format_data(self, value):
            return inner.format_data(value)

        def format_data_short(self, value):
            return inner.format_data_short(value)

    return TickLabels()


def _text_artists(fig) -> list:
    from matplotlib.table import Table
    from matplotlib.text import Text

    texts = list(fig.findobj(Text))
    for table in fig.findobj(Table):
        texts += [cell.get_text() for cell in table.get_celld().values()]
    return list(dict.fromkeys(texts))


@contextmanager
def translated(fig, lang: str, seen: set[str] | None = None) -> Iterator[None]:
    """Inside the block, ``fig``'s text is in ``lang``; afterwards it is as it was.

    The strings drawn with words and no translation are added to ``seen`` (and recorded for
    :func:`untranslated`) when the block ends.
    """
    if lang == SOURCE_LANGUAGE or not catalogue(lang):
        yield
        return
    seen = set() if seen is None else seen
    undo = []
    try:
        for t in _text_artists(fig):
            text = t.get_text()
            new = _translate(text, lang, seen) if text else text
            if new != text:
                undo.append((t.set_fontfamily, t.get_fontfamily()))
                undo.append((t.set_text, text))
                t.set_fontfamily(_families(new, list(t.get_fontfamily())))
                t.set_text(new)
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                for level in (axis.major, axis.minor):
                    undo.append((lambda f, lv=level: setattr(lv, "formatter", f), level.formatter))
                    level.formatter = _tick_labels(level.formatter, lang, seen)
                ticks = axis.get_major_ticks() + axis.get_minor_ticks()
                for label in [lb for tick in ticks for lb in (tick.label1, tick.label2)]:
                    undo.append((label.set_fontfamily, label.get_fontfamily()))
                    label.set_fontfamily(_families("", list(label.get_fontfamily())))
        yield
    finally:
        for setter, value in reversed(undo):
            setter(value)
        fig.stale = True
        _UNTRANSLATED.setdefault(lang, set()).update(seen)


def _print_kwargs() -> dict:
    """The inline backend's ``print_figure`` options (``bbox_inches="tight"`` by default)."""
    kw = {"bbox_inches": "tight"}
    with suppress(Exception):
        from matplotlib_inline.config import InlineBackend

        if InlineBackend.initialized():
            kw.update(InlineBackend.instance().print_figure_kwargs)
    return kw


def render_png(fig, lang: str, seen: set[str] | None = None) -> bytes | None:
    """``fig`` as PNG bytes, its text in ``lang`` (None for a figure with nothing drawn);
    strings drawn without a translation are added to ``seen``."""
    from IPython.core.pylabtools import print_figure

    with translated(fig, lang, seen):
        return print_figure(fig, "png", base64=False, **_print_kwargs())


def _alt_english(fig) -> str:
    """The image's alt text before translation, a "; " list: the figure's label
    (``fig.set_label``: what it shows, for a figure whose panels' titles do not say) and its
    title (the suptitle, or the title of its only titled axes); with neither, the first
    labelled axes' y and x labels."""
    titles = [t for ax in fig.axes for t in (ax.get_title(), ax.get_title("left")) if t]
    title = fig._suptitle.get_text() if fig._suptitle is not None else ""
    if not title and titles and (len(titles) == 1 or not fig.get_label()):
        title = titles[0]
    parts = [p for p in (fig.get_label(), title) if p]
    for ax in fig.axes:
        parts = parts or [label for label in (ax.get_ylabel(), ax.get_xlabel()) if label]
    return "; ".join(parts)


#: mathtext commands an alt text spells as the character they draw (a screen reader reads it).
_TEX_CHARS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ", "epsilon": "ε",
    "varepsilon": "ε", "theta": "θ", "iota": "ι", "lambda": "λ", "mu": "μ", "rho": "ρ",
    "sigma": "σ", "phi": "φ", "omega": "ω", "partial": "∂", "|": "‖", "times": "×",
    "cdot": "·", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ldots": "…",
}


def _plain(text: str) -> str:
    """``text`` without mathtext's markup: the commands of :data:`_TEX_CHARS` as their
    characters, other commands as their names, no ``$`` or braces."""
    text = re.sub(r"\\([A-Za-z]+|\|)", lambda m: _TEX_CHARS.get(m.group(1), m.group(1)), text)
    return re.sub(r"[$\\{}]", "", text).strip()


def _alt(fig, lang: str, seen: set[str]) -> str:
    """:func:`_alt_english` in ``lang`` (a list item by item, joined as the catalogue joins
    lists), in plain characters (:func:`_plain`: "$\\|\\epsilon_s\\|$" -> "‖ε_s‖"): a screen
    reader reads the words, not TeX. "figure" when the figure has no words."""
    english = _alt_english(fig)
    return _plain(_translate(english, lang, seen) if english else english) or "figure"


def figure_bundle(fig):
    """The display of ``fig`` in the languages of ``LSTM_VIZ_LANG`` (see the module's doc).

    Returns None (the usual formatters draw it) when the only language is the source's.
    """
    langs = languages()
    if langs == (SOURCE_LANGUAGE,):
        return None
    missing: set[str] = set()
    pngs = {lang: render_png(fig, lang, missing) for lang in langs}
    if pngs[langs[0]] is None:
        return None
    data = {"text/plain": repr(fig),
            "image/png": base64.b64encode(pngs[langs[0]]).decode("ascii")}
    if len(set(pngs.values())) > 1:
        imgs = []
        for k, (lang, png) in enumerate(pngs.items()):
            alt = html.escape(_alt(fig, lang, missing), quote=True)
            hidden = ' style="display:none"' if k else ""
            imgs.append(f'<img lang="{bcp47(lang)}" alt="{alt}"{hidden} '
                        f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')
        data["text/html"] = f'<div class="{WRAPPER_CLASS}">{"".join(imgs)}</div>'
    return (data, {UNTRANSLATED_KEY: sorted(missing)}) if missing else data


def html_in_languages(render: Callable[[Callable[[str], str]], str]) -> tuple[str, list[str]]:
    """HTML in every language of ``LSTM_VIZ_LANG``: ``render(tr)`` draws it with ``tr`` (the
    translation of a string into one language: headings, cells, titles; not yet escaped).

    Returns the HTML to show and the strings with words drawn without a translation. One
    language: its rendition as it is (English: exactly what ``render`` draws untranslated).
    Several: one ``<div lang>`` per language in a ``<div class="lstm-fig">``, the first shown
    (the book's CSS shows the page's), unless every language draws the same.
    """
    langs = languages()
    seen: dict[str, set[str]] = {lang: set() for lang in langs}

    def tr_for(lang: str) -> Callable[[str], str]:
        if lang == SOURCE_LANGUAGE:
            return lambda s: s
        return lambda s: _translate(s, lang, seen[lang]) if s else s

    renditions = {lang: render(tr_for(lang)) for lang in langs}
    for lang, strings in seen.items():
        _UNTRANSLATED.setdefault(lang, set()).update(strings)
    missing = sorted(set().union(*seen.values()))
    first = renditions[langs[0]]
    if len(set(renditions.values())) == 1:
        return first, missing
    hidden = ' style="display:none"'
    parts = [f'<div lang="{bcp47(lang)}"{hidden if k else ""}>{h}</div>'
             for k, (lang, h) in enumerate(renditions.items())]
    return f'<div class="{WRAPPER_CLASS}">{"".join(parts)}</div>', missing


def html_bundle(render: Callable[[Callable[[str], str]], str], **extra):
    """A ``_repr_mimebundle_`` value for :func:`html_in_languages`: ``text/html`` (and ``extra``
    mime types), with the untranslated strings in the metadata, as a figure's."""
    html_text, missing = html_in_languages(render)
    data = {"text/html": html_text, **extra}
    return (data, {UNTRANSLATED_KEY: missing}) if missing else data


def register(shell=None) -> bool:
    """Give matplotlib's ``Figure`` the display of :func:`figure_bundle` in IPython (``shell``,
    default the running one). False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    shell.display_formatter.mimebundle_formatter.for_type_by_name(
        "matplotlib.figure", "Figure", figure_bundle)
    return True
