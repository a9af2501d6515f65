"""The language of the text the book's figures draw: ``LSTM_VIZ_LANG``, one catalogue per language.

Figure labels, slider labels, panel titles and table headings are written in English in the
chapters' code (and in the figure builders of :mod:`lstm_core.viz`); the English text is the
key (the *msgid*) into one catalogue per language: :mod:`lstm_core.viz.locales.zh_CN` maps
each English string to its Chinese. There is no second copy of any chapter's code.

``LSTM_VIZ_LANG`` names the languages, comma-separated (``zh_CN``, ``en,zh_CN``); unset, it is
``en``. The first language is the one the figures draw in (a live widget in JupyterLab, a
matplotlib figure). The static, kernel-free views of the book (:class:`lstm_core.viz.Explorer`)
also carry a table to every other listed language, and their script shows the language of the
page they are on (its ``<html lang>``); a displayed matplotlib figure is drawn once per listed
language (:mod:`lstm_core.viz.figures_i18n`). The book build sets ``LSTM_VIZ_LANG`` to the languages
of its editions for its kernels (``book/_ext/editions.py``), so that one execution serves every
edition.

To translate more: add the English string -> translation pairs to the language's module in
``locales/`` (tests/test_viz_i18n.py checks that every string of the translated figures is
there). To add a language: a new module ``locales/<lang>.py`` with a ``STRINGS`` dict.

A string with numbers in it (``"block 2"``, ``"tolerance 1e-07"``) is translated by a
pattern of the module's ``PATTERNS`` dict: ``"block {n:d}": "块 {n}"``. A field ``{name:d}``
matches an integer, ``{name:g}`` any number (``1e-07``, ``99.5%``), ``{name}`` any text, which
is translated in turn; ``{{`` and ``}}`` are literal braces. Exact strings come first.
A string that stays as it is in a language (a code name like ``indent``, a unit) is listed
with itself as its translation: listed, it counts as translated (:func:`lookup`).

A comma-separated list (``"indent, in_triple_string"``, a table's cell) whose every item is
translated (or has no words) is translated item by item, joined by the module's
``LIST_SEPARATOR`` (``"、"`` in Chinese; default ``", "``); a semicolon-separated one (the
tutor's cases, ``"one sample; a batch of 4"``) likewise, its items first, joined by
``SEMICOLON_SEPARATOR`` (``"；"``). A list with no words at all (a shape ``(2, 3)``, an index
``[0, 1]``, symbols ``w_cι, w_cφ``) is no list to translate: it stays as it is.
"""

from __future__ import annotations

import importlib
import os
import re
import string
from collections.abc import Iterable, Mapping
from functools import cache

__all__ = ["LANG_ENV", "SOURCE_LANGUAGE", "languages", "language", "catalogue", "patterns",
           "lookup", "translate", "translation_tables", "bcp47", "has_words"]

#: The environment variable that names the languages (comma-separated, first = drawn).
LANG_ENV = "LSTM_VIZ_LANG"
#: The language of the strings in the code: the catalogues' keys.
SOURCE_LANGUAGE = "en"

_TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def _normalise(tag: str) -> str:
    """``zh-cn`` / ``zh_CN`` -> ``zh_CN`` (gettext's spelling); ``EN`` -> ``en``."""
    parts = re.split(r"[_-]", tag.strip())
    return "_".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


def bcp47(lang: str) -> str:
    """The language as HTML's ``lang`` attribute spells it: ``zh_CN`` -> ``zh-CN``."""
    return _normalise(lang).replace("_", "-")


def languages() -> tuple[str, ...]:
    """The languages ``LSTM_VIZ_LANG`` names, first the one drawn; ``("en",)`` when unset.

    Raises ``ValueError`` for a name that is not a language tag (``zh_CN``, ``en``, ``de-AT``).
    """
    raw = os.environ.get(LANG_ENV, "")
    tags = [t for t in re.split(r"[,;:\s]+", raw) if t]
    for t in tags:
        if not _TAG.match(t):
            raise ValueError(f"{LANG_ENV}: expected language tags like 'en,zh_CN', got {raw!r}")
    out = tuple(dict.fromkeys(_normalise(t) for t in tags))
    return out or (SOURCE_LANGUAGE,)


def language() -> str:
    """The language the figures draw in: the first of :func:`languages`."""
    return languages()[0]


@cache
def _module(lang: str):
    """The catalogue module of ``lang`` (``xx_YY`` falls back to ``xx``), or None."""
    lang = _normalise(lang)
    if lang == SOURCE_LANGUAGE:
        return None
    for name in dict.fromkeys((lang, lang.split("_")[0])):
        try:
            return importlib.import_module(f"{__package__}.locales.{name}")
        except ModuleNotFoundError:
            continue
    return None


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """English string -> its translation into ``lang`` (empty for English or an unknown language).

    A language ``xx_YY`` without a catalogue of its own falls back to ``xx``'s.
    """
    module = _module(lang)
    return dict(module.STRINGS) if module is not None else {}


_NUMBER = r"[-+\u2212]?(?:\d+(?:[.,]\d+)*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?%?"
_FIELD = {"d": r"[-+\u2212]?\d+", "g": _NUMBER, "": r".+?"}


def _compile(key: str) -> tuple[re.Pattern, dict[str, bool]]:
    """A pattern key -> (its regex, field name -> whether its value is text to translate)."""
    regex, fields = [], {}
    for literal, name, spec, _ in string.Formatter().parse(key):
        regex.append(re.escape(literal))
        if name is None:
            continue
        if not name.isidentifier() or name in fields or spec not in _FIELD:
            raise ValueError(f"pattern {key!r}: fields are {{name}}, {{name:d}} or {{name:g}}, "
                             f"each name once; got {{{name}:{spec}}}")
        regex.append(f"(?P<{name}>{_FIELD[spec]})")
        fields[name] = spec == ""
    return re.compile("".join(regex), re.DOTALL), fields


@cache
def patterns(lang: str) -> tuple[tuple[re.Pattern, dict[str, bool], str], ...]:
    """The compiled ``PATTERNS`` of ``lang``'s catalogue: (regex, fields, translation)."""
    module = _module(lang)
    return tuple((*_compile(k), v) for k, v in getattr(module, "PATTERNS", {}).items())


#: List separators, the coarser first (``"a, b; c"`` is two items), each with the name of the
#: catalogue module's attribute that joins the translated items (default: the separator itself).
_LISTS = (("; ", "SEMICOLON_SEPARATOR"), (", ", "LIST_SEPARATOR"))


def lookup(text: str, lang: str | None = None) -> str | None:
    """``text`` in ``lang`` (default: :func:`language`), or None when the catalogue does not
    cover it: no exact entry, no pattern, not a list of covered items. English covers all."""
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    lang = lang or language()
    if _normalise(lang) == SOURCE_LANGUAGE:
        return text
    found = catalogue(lang).get(text)
    if found is not None:
        return found
    for regex, fields, target in patterns(lang):
        m = regex.fullmatch(text)
        if m:
            return target.format(**{k: translate(v, lang) if fields[k] else v
                                    for k, v in m.groupdict().items()})
    for sep, attr in _LISTS:
        items = text.split(sep)
        if len(items) > 1 and any(has_words(t) for t in items):
            done = [lookup(t, lang) if has_words(t) else t for t in items]
            if all(d is not None for d in done):
                return getattr(_module(lang), attr, sep).join(done)
    return None


def translate(text: str | None, lang: str | None = None) -> str | None:
    """``text`` in ``lang`` (default: :func:`language`); unchanged where the catalogue has none.

    ``None`` and the empty string pass through (an optional title left out).
    """
    if text is None or text == "":
        return text
    found = lookup(text, lang)
    return text if found is None else found


#: Names of functions that read as words but are maths (``log``, ``tanh``): no translation.
MATH_NAMES = frozenset({"log", "ln", "exp", "tanh", "sin", "cos", "max", "min", "corr", "sum"})


def has_words(text: str | None) -> bool:
    """True when ``text`` has words to translate: not only numbers, symbols, maths (``$...$``,
    ``s<sub>c</sub>``), function names (:data:`MATH_NAMES`), acronyms (``LSTM``, ``MAE``) or
    code names with ``_`` or ``.`` in them (``s_c``, ``in_string``, ``layers.0.R``)."""
    if not text:
        return False
    plain = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", " ", text, flags=re.DOTALL)
    plain = re.sub(r"<(sub|sup)>.*?</\1>|<[^>]+>", " ", plain)
    plain = re.sub(r"\w+(?:[_.]\w+)+", " ", plain)
    return any(not w.isupper() and w.lower() not in MATH_NAMES
               for w in re.findall(r"[A-Za-z]{2,}", plain))


def translation_tables(texts: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """For a static view: drawn text -> its translation, per other language of :func:`languages`.

    Keys are HTML ``lang`` tags (``zh-CN``); only strings that change are listed, and a
    language with nothing to change is left out (so a one-language run adds nothing).
    """
    drawn = language()
    texts = [t for t in dict.fromkeys(texts) if t]
    tables = {}
    for lang in languages():
        if lang == drawn:
            continue
        table = {translate(t, drawn): translate(t, lang) for t in texts}
        table = {k: v for k, v in table.items() if k != v}
        if table:
            tables[bcp47(lang)] = table
    return tables
