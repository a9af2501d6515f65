"""Re-execute every notebook on every build of the English edition; translations reuse it.

The book executes with MyST-NB's execution cache (``execute_notebooks: cache``, in
``_build/.jupyter_cache``), so that the translated editions (``book/_ext/editions.py``) take
the outputs of the English build's execution instead of running every chapter again: the cache
is keyed on the notebooks' code, which translation does not touch.

"Every build executes every chapter" still holds for the English edition: when a build does
not set ``lstm_reuse_execution`` (the English one; ``book/build_editions.py`` sets it for the
translations), this extension empties the execution cache before anything is read, so every
notebook runs afresh, from a fresh kernel, exactly as with ``execute_notebooks: force``.

And an incremental Sphinx build reads only the sources that changed: after an edit to
``src/lstm_core`` alone, ``make book`` would keep every chapter's old outputs. This extension
reports every notebook as outdated (in every edition: a translation then re-reads the new
outputs from the cache), so that each build shows the code as it is now. Prose pages (.md)
stay incremental.

It also sets ``LSTM_VIZ_STATIC=1`` for the kernels the build starts (they inherit this
process's environment): no reader will ever talk to those kernels, so ``lstm_core.viz``
explorers emit only their static, kernel-free view. The same call in JupyterLab still gives
the live widget; without the flag every explorer would store plotly's ~5 MB widget bundle in
the executed notebook and cost seconds per chapter.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


def cache_path(app: Sphinx) -> Path:
    """Where MyST-NB keeps the execution cache (its own default: beside the output folder)."""
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def empty_the_cache(app: Sphinx, config: Config) -> None:
    """The English edition: forget every cached execution, so that every notebook runs now."""
    if config.nb_execution_mode == "cache" and not config.lstm_reuse_execution:
        path = cache_path(app)
        if path.exists():
            LOGGER.info(f"execute_every_build: emptying the execution cache {path}")
            shutil.rmtree(path)


def every_notebook(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    if app.config.nb_execution_mode not in ("force", "cache"):
        return []
    return sorted(
        doc
        for doc in env.found_docs
        if doc not in removed and str(env.doc2path(doc)).endswith(".ipynb")
    )


def setup(app: Sphinx) -> dict:
    os.environ["LSTM_VIZ_STATIC"] = "1"
    # True for a translated edition: take every notebook's outputs from the cache
    app.add_config_value("lstm_reuse_execution", False, "env", [bool])
    app.connect("config-inited", empty_the_cache)
    app.connect("env-get-outdated", every_notebook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
