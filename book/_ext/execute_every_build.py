"""Re-execute every notebook on every build, not only the notebooks that changed.

With ``execute_notebooks: force`` myst-nb executes a notebook whenever Sphinx reads it, but
an incremental Sphinx build reads only the sources that changed: after an edit to
``src/lstm_core`` alone, ``make book`` would keep every chapter's old outputs. This
extension reports every notebook as outdated, so that each build runs the code as it is now.
Prose pages (.md) stay incremental.

It also sets ``LSTM_VIZ_STATIC=1`` for the kernels the build starts (they inherit this
process's environment): no reader will ever talk to those kernels, so ``lstm_core.viz``
explorers emit only their static, kernel-free view. The same call in JupyterLab still gives
the live widget; without the flag every explorer would store plotly's ~5 MB widget bundle in
the executed notebook and cost seconds per chapter.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx


def every_notebook(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    if app.config.nb_execution_mode != "force":
        return []
    return sorted(
        doc
        for doc in env.found_docs
        if doc not in removed and str(env.doc2path(doc)).endswith(".ipynb")
    )


def setup(app: Sphinx) -> dict:
    os.environ["LSTM_VIZ_STATIC"] = "1"
    app.connect("env-get-outdated", every_notebook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
