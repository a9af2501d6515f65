"""Two builds of the book show the same numbers: every chapter is seeded.

Each chapter is executed once more in a fresh kernel and its outputs are compared with the
ones the `built_book` fixture's build produced (`_build/jupyter_execute/`), text and images
alike. Wall-clock figures (a redraw in ms, a progress bar's rate) may differ, and so may the
random model id of a live widget's view (a progress bar's; the HTML book never shows those
views): they are masked before the comparison, and nothing else is.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# The languages the book build's kernels draw in (book/_ext/editions.py sets LSTM_VIZ_LANG).
BOOK_LANGUAGES = "en,zh_CN"
CHAPTERS = [doc for doc in parse_toc_yaml(ROOT / "_toc.yml") if doc.startswith("notebooks/")]

# A number followed by a unit of time or rate, and tqdm's "elapsed<remaining", "00:12<00:00"
# (also HTML-escaped, "&lt;", in a progress bar's text/html view).
_CLOCK = re.compile(
    r"\d+:\d+(?::\d+)?(?:<|&lt;)(?:\d+:\d+(?::\d+)?|\?)"
    r"|\d+(?:\.\d+)?(?:e[-+]?\d+)?\s*(?:s/it|it/s|ms|µs|us|ns|sec|seconds|min|s)\b"
)


def _mask(text: str) -> str:
    # tqdm pads its rate to a fixed width, so the spaces before it vary with the rate too
    return re.sub(r"[ ]+<clock>", " <clock>", _CLOCK.sub("<clock>", text))


# Glued values that are wall-clock measurements (a chapter's run time, ms per update): their
# names say so. Every other glued value must be the same in two executions.
_CLOCK_GLUE = re.compile(r"time|secs|seconds|_ms$|cost_")


def _is_glue(o) -> bool:
    return "scrapbook" in o.get("metadata", {})


def _glue_text(o) -> str:
    # a kernel's glue output keys its data "application/papermill.record/<mime>"; the build's
    # glue.json has the plain mime type
    data = {k.removeprefix("application/papermill.record/"): v for k, v in o.get("data", {}).items()}
    return _mask(str(data.get("text/plain", data)))


def _glued(nb, build_json: Path | None = None) -> dict[str, str]:
    """Name -> masked value of every glued value (MyST-NB keeps them inline in a kernel's
    notebook; the build moves them to ``<chapter>.glue.json`` beside the executed notebook)."""
    out = {}
    if build_json is not None and build_json.is_file():
        out.update({k: _glue_text(v) for k, v in json.loads(build_json.read_text("utf-8")).items()})
    for cell in nb.cells:
        for o in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if _is_glue(o):
                out[o["metadata"]["scrapbook"]["name"]] = _glue_text(o)
    return {k: ("<clock>" if _CLOCK_GLUE.search(k) else v) for k, v in out.items()}


def _fingerprint(nb) -> list[tuple[int, str]]:
    """(cell index, masked text or image hash) for every output of every code cell.

    Consecutive stream outputs of one cell are joined first: how a kernel's stdout is cut
    into messages depends on when it was flushed, not on what was printed.
    """
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        stream = None  # (name, text) of the stream being joined
        for o in cell.get("outputs", []) + [None]:
            if o is not None and _is_glue(o):  # compared by name, see _glued
                continue
            if o is not None and o.output_type == "stream" and stream and stream[0] == o.name:
                stream = (o.name, stream[1] + o.text)
                continue
            if stream:
                out.append((i, f"{stream[0]} {_mask(stream[1])}"))
                stream = None
            if o is None:
                break
            if o.output_type == "stream":
                stream = (o.name, o.text)
            elif o.output_type in ("display_data", "execute_result"):
                for mime, data in sorted(o.get("data", {}).items()):
                    if mime == WIDGET_VIEW:
                        continue
                    if mime.startswith("image/"):
                        blob = data if isinstance(data, str) else "".join(data)
                        out.append((i, f"{mime} {hashlib.sha256(blob.encode()).hexdigest()}"))
                    else:
                        text = data if isinstance(data, str) else str(data)
                        out.append((i, f"{mime} {_mask(text)}"))
            elif o.output_type == "error":
                out.append((i, f"error {o.ename}"))
    return out


@pytest.mark.book
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_second_execution_shows_the_same_numbers(built_book, chapter, monkeypatch):
    if built_book.returncode != 0:
        pytest.skip("the book did not build; tests/test_book.py says why")
    first = nbformat.read(ROOT / "_build" / "jupyter_execute" / f"{chapter}.ipynb", as_version=4)
    again = nbformat.read(ROOT / f"{chapter}.ipynb", as_version=4)
    # as in the book build (book/_ext/execute_every_build.py); the kernel inherits it
    monkeypatch.setenv("LSTM_VIZ_STATIC", "1")
    monkeypatch.setenv("LSTM_VIZ_LANG", BOOK_LANGUAGES)  # book/_ext/editions.py: every edition's
    NotebookClient(again, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    glue_json = ROOT / "_build" / "jupyter_execute" / f"{chapter}.glue.json"
    assert _glued(first, glue_json) == _glued(again), f"{chapter}: a glued value differs between executions"
    a, b = _fingerprint(first), _fingerprint(again)
    assert len(a) == len(b), f"{chapter}: {len(a)} outputs in the build, {len(b)} now"
    for (cell_a, out_a), (_, out_b) in zip(a, b, strict=True):
        assert out_a == out_b, f"{chapter}, cell {cell_a}: the output differs between executions"
