"""The SymPy displays in every language of ``LSTM_VIZ_LANG``: the words of their LaTeX.

The chapters' derivation boxes (:func:`.cells.show`, a :class:`.derivation.Derivation`) are
one LaTeX block, ``$$\\begin{aligned}...\\end{aligned}$$``, whose words are the contents of
``\\text{...}`` and ``\\textbf{...}``. Each such content is looked up in the catalogue of
:mod:`lstm_core.viz.i18n` (leading and trailing spaces kept, the maths left as it is), so
that one execution draws the box in every language, through the same road as the library's
HTML (:func:`lstm_core.viz.figures_i18n.html_bundle`).

With ``LSTM_VIZ_LANG`` unset (or one language) a box shows as before, ``text/latex`` only.
With several languages (the book build) it also has a ``text/html`` view: one
``<div lang>`` per language, each holding the block as the book's HTML writes a
``text/latex`` output (``<div class="math notranslate nohighlight">\\[\\begin{split}...
\\end{split}\\]</div>``, Sphinx's ``wrap_displaymath``), so MathJax typesets every rendition.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

__all__ = ["translate_tex", "display_html", "latex_bundle", "LatexInLanguages"]

_TEXT = re.compile(r"\\text(?:bf)?\{")
#: Words of the boxes whose catalogue key says more than they do: the derivations' ``deck``
#: (the lecture deck) is not the gate explorer's ``deck`` sequence of the same catalogue.
ALIASES = {"deck": "the deck"}


def _closing(tex: str, start: int) -> int:
    """The index of the ``}`` that closes the group opened just before ``start``."""
    depth = 1
    k = start
    while k < len(tex):
        c = tex[k]
        if c == "\\":
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    raise ValueError(f"unbalanced braces in {tex!r}")


def translate_tex(tex: str, tr: Callable[[str], str]) -> str:
    """``tex`` with the content of every ``\\text{..}`` / ``\\textbf{..}`` passed through ``tr``
    (its surrounding spaces kept)."""
    out, k = [], 0
    for m in _TEXT.finditer(tex):
        if m.start() < k:
            continue
        end = _closing(tex, m.end())
        words = tex[m.end():end]
        core = words.strip()
        new = tr(ALIASES.get(core, core)) if core else core
        new = core if new == ALIASES.get(core) else new
        lead = words[: len(words) - len(words.lstrip())]
        trail = words[len(words.rstrip()):]
        out.append(tex[k:m.end()] + lead + new + trail + "}")
        k = end + 1
    out.append(tex[k:])
    return "".join(out)


def display_html(latex: str) -> str:
    """A ``$$...$$`` block as the book's HTML writes a text/latex output (MathJax typesets it)."""
    body = latex.strip()
    if body.startswith("$$") and body.endswith("$$"):
        body = body[2:-2]
    return ('<div class="math notranslate nohighlight">\n\\[\\begin{split}'
            f"{html.escape(body, quote=False)}\\end{{split}}\\]</div>")


def latex_bundle(latex: str, **extra):
    """A ``_repr_mimebundle_`` value for a LaTeX block: None with one language (the object's
    ``_repr_latex_`` shows, as always); with several, ``text/latex`` in the first language and
    a ``text/html`` view per language, the untranslated words in the metadata."""
    from ..viz.figures_i18n import html_bundle
    from ..viz.i18n import languages

    langs = languages()
    if len(langs) < 2:
        return None
    first = []

    def render(tr):
        tex = translate_tex(latex, tr)
        first.append(tex)
        return display_html(tex)

    bundle = html_bundle(render, **extra)
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    data["text/latex"] = first[0]
    return bundle


class LatexInLanguages:
    """For a display with a ``latex()`` block (:class:`.cells.Rows`, a
    :class:`.derivation.Derivation`): with several languages in ``LSTM_VIZ_LANG`` (the book
    build), the block's words in each (:func:`latex_bundle`); else None, and the object's
    ``_repr_latex_`` shows it as always."""

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        return latex_bundle(self.latex())
