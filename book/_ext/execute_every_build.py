"""Re-execute every notebook on every build, not only the notebooks that changed.

With ``execute_notebooks: force`` myst-nb executes a notebook whenever Sphinx reads it, but
an incremental Sphinx build reads only the sources that changed: after an edit to
``src/lstm_core`` alone, ``make book`` would keep every chapter's old outputs. This
extension reports every notebook as outdated, so that each build runs the code as it is now.
Prose pages (.md) stay incremental.
"""

from __future__ import annotations

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
    app.connect("env-get-outdated", every_notebook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
