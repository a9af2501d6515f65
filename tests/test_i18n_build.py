"""A glued number inside a translated paragraph, and one execution for two editions.

Builds a tiny one-notebook book twice with the book's own extensions (book/_ext), the way
book/build_editions.py builds the real one: English (executes the notebook, fills the
execution cache), then Chinese from a .po catalogue with `lstm_reuse_execution` (takes the
outputs from the cache). The notebook glues a number and a paragraph pastes it with
{glue:text}; without book/_ext/glue_i18n.py the Chinese paragraph would lose it ("No key ...
found in glue data", MyST-NB's i18n gap). About 10-20 s: one kernel start.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

# It builds a (tiny) book with jupyter-book: part of `make test`, not of the fast `make check`.
pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "book" / "_ext"
SPHINX_PROBLEM = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE): ")  # as tests/test_book.py
GLUED = 0.123456  # shown as 0.123 ({glue:text}`ratio:.3g`)

CONFIG = f"""\
title: Tiny
only_build_toc_files: true
execute:
  execute_notebooks: cache
sphinx:
  local_extensions:
    execute_every_build: {EXT}
    glue_i18n: {EXT}
  config:
    locale_dirs: [locales]
    gettext_compact: false
"""
TOC = "format: jb-book\nroot: intro\nchapters:\n  - file: chapter\n"
PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "A chapter"
msgstr "一章"

msgid "The ratio is {glue:text}`ratio:.3g` on every run."
msgstr "每次运行的比值都是 {glue:text}`ratio:.3g`。"
"""
BUILD = """\
import sys
from pathlib import Path
from jupyter_book.sphinx import build_sphinx
root, out, overrides = Path(sys.argv[1]), Path(sys.argv[2]), eval(sys.argv[3])
sys.exit(build_sphinx(root, out, noconfig=True, path_config=str(root / "_config.yml"),
                      confoverrides={"latex_individualpages": False, **overrides},
                      warningiserror=True, keep_going=True))
"""


def _book(tmp: Path) -> Path:
    (tmp / "_config.yml").write_text(CONFIG)
    (tmp / "_toc.yml").write_text(TOC)
    (tmp / "intro.md").write_text("# Intro\n\nHello.\n")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chapter"),
        nbformat.v4.new_code_cell(f"from myst_nb import glue\nglue('ratio', {GLUED}, display=False)"),
        nbformat.v4.new_markdown_cell("The ratio is {glue:text}`ratio:.3g` on every run."),
    ]
    nbformat.write(nb, tmp / "chapter.ipynb")
    po = tmp / "locales" / "zh_CN" / "LC_MESSAGES" / "chapter.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    return tmp


def _build(root: Path, out: Path, overrides: dict) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", BUILD, str(root), str(out), repr(overrides)],
                          cwd=root, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = _book(tmp_path_factory.mktemp("tiny-book"))
    cache = root / "_build" / ".jupyter_cache"
    english = _build(root, root / "_build" / "html", {})
    chinese = _build(root, root / "_build" / "zh" / "html", {
        "language": "zh_CN", "lstm_reuse_execution": True, "nb_execution_cache_path": str(cache)})
    return root, english, chinese


def test_both_editions_build_without_warnings(tiny):
    _, english, chinese = tiny
    for proc in (english, chinese):
        log = proc.stdout + proc.stderr
        assert proc.returncode == 0, log[-3000:]
        problems = [line for line in log.splitlines() if SPHINX_PROBLEM.search(line)]
        assert not problems and "build succeeded." in log, "\n".join(problems) or log[-3000:]


def test_the_english_build_executes_and_the_chinese_reuses_it(tiny):
    _, english, chinese = tiny
    assert "Executing notebook" in english.stdout + english.stderr
    assert "Executing notebook" not in chinese.stdout + chinese.stderr
    assert "Using cached notebook" in chinese.stdout + chinese.stderr


def test_a_glued_number_appears_in_the_translated_paragraph(tiny):
    root, _, _ = tiny
    page = (root / "_build" / "zh" / "html" / "chapter.html").read_text("utf-8")
    assert "<h1>一章" in page
    assert '每次运行的比值都是 <span class="pasted-text">0.123</span>。' in page
    english = (root / "_build" / "html" / "chapter.html").read_text("utf-8")
    assert 'The ratio is <span class="pasted-text">0.123</span> on every run.' in english


def test_the_glue_data_is_the_executed_one(tiny):
    root, _, _ = tiny
    glue = json.loads((root / "_build" / "jupyter_execute" / "chapter.glue.json").read_text())
    assert glue["ratio"]["data"]["text/plain"] == repr(GLUED)


def test_the_extension_is_needed(tmp_path):
    """Without glue_i18n the translated paragraph loses its number: the test above tests it."""
    root = _book(tmp_path)
    (root / "_config.yml").write_text(CONFIG.replace(f"    glue_i18n: {EXT}\n", ""))
    proc = _build(root, root / "_build" / "html", {"language": "zh_CN", "nb_execution_mode": "off"})
    log = proc.stdout + proc.stderr
    assert "No key 'ratio' found in glue data" in log, textwrap.shorten(log, 2000)
