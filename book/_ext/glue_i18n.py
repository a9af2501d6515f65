"""Glued values inside translated paragraphs of a notebook (the Chinese edition).

The problem. A chapter glues its measured numbers (``glue("name", value)`` in a code cell,
``{glue:text}`name:.3g``` in the prose). When Sphinx builds a translated edition, its
``Locale`` transform replaces each paragraph by its translation from the ``.po`` catalogue
and parses that translated snippet on its own, as a fresh document. MyST-NB's glue roles
read the notebook's glue data from the document being parsed (``document["nb_renderer"]``),
which only the notebook's own parse has; the snippet's document has none, so every glued
value in a translated paragraph comes out empty, with the warning "No key ... found in glue
data for this document" (an error under ``-W``).

The fix. While MyST-NB parses a notebook it creates one element renderer for it (which holds
the executed notebook's glue data) and removes it from the document when the parse ends,
before the ``Locale`` transform runs. This extension

1. keeps the renderer of the notebook being read (it wraps the factory MyST-NB's parser uses
   to create it, ``myst_nb.sphinx_.load_renderer``), and
2. registers a source parser for notebooks that, when it is handed a translated snippet
   (its source path ends in ``<translated>``, as Sphinx names it), puts that renderer on the
   snippet's document for the duration of the parse, so that ``{glue}``, ``{glue:text}``
   and the other glue roles find the notebook's data exactly as in the English edition.

The renderer is dropped when the document is read (``doctree-read``). Nothing changes for
an edition without translations, nor for Markdown pages (they have no glue data of their
own). Tested by tests/test_i18n_build.py, which builds a one-notebook book in Chinese.
"""

from __future__ import annotations

from typing import Any

import myst_nb.sphinx_ as nb_sphinx
from sphinx.application import Sphinx

# docname -> the element renderer of that notebook's parse (it holds the glue data)
_RENDERERS: dict[str, Any] = {}
_ENV: list[Any] = []  # the build environment, to know which document is being read


def _recording(load_renderer):
    """Wrap MyST-NB's renderer factory: remember the renderer each notebook parse creates."""

    def load(name: str):
        cls = load_renderer(name)

        def create(*args, **kwargs):
            renderer = cls(*args, **kwargs)
            if _ENV and _ENV[0].docname:
                _RENDERERS[_ENV[0].docname] = renderer
            return renderer

        return create

    return load


class TranslatedGlueParser(nb_sphinx.Parser):
    """MyST-NB's parser; a translated snippet of a notebook gets the notebook's glue data."""

    def parse(self, inputstring: str, document) -> None:
        env = getattr(document.settings, "env", None)
        renderer = _RENDERERS.get(env.docname) if env is not None else None
        translated = str(document.current_source or "").endswith("<translated>")
        if not translated or renderer is None or "nb_renderer" in document:
            return super().parse(inputstring, document)
        document["nb_renderer"] = renderer
        try:
            return super().parse(inputstring, document)
        finally:
            del document["nb_renderer"]


def _remember_env(app: Sphinx, env) -> None:
    _ENV[:] = [env]


def _forget(app: Sphinx, doctree) -> None:
    _RENDERERS.pop(app.env.docname, None)


def setup(app: Sphinx) -> dict:
    if not getattr(nb_sphinx.load_renderer, "_lstm_recording", False):
        nb_sphinx.load_renderer = _recording(nb_sphinx.load_renderer)
        nb_sphinx.load_renderer._lstm_recording = True
    app.add_source_parser(TranslatedGlueParser, override=True)
    app.connect("env-before-read-docs", lambda app, env, docnames: _remember_env(app, env))
    app.connect("doctree-read", _forget)
    return {"parallel_read_safe": False, "parallel_write_safe": True}
