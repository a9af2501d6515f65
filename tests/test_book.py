"""The HTML book builds clean, runs every chapter, and needs nothing from the network.

The build itself is the `built_book` fixture (tests/conftest.py): once per session,
`jupyter-book build . -W -n --keep-going` from a clean `_build/`.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from sphinx_external_toc.parsing import parse_toc_yaml

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
TOC_DOCS = list(parse_toc_yaml(ROOT / "_toc.yml"))  # e.g. "notebooks/04_lstm_forward"
TOC_NOTEBOOKS = [d for d in TOC_DOCS if (ROOT / f"{d}.ipynb").is_file()]
STORED_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Sphinx writes "path:line: WARNING: msg" (and ERROR/CRITICAL); a kernel's own logging
# ("[IPKernelApp] WARNING | ...") is not a build warning.
SPHINX_PROBLEM = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL|SEVERE): ")


def _problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if SPHINX_PROBLEM.search(line)]


def _summary(log: str, lines: int = 30) -> str:
    """The build's warnings and errors, then the end of its log."""
    return "\n".join(_problems(log) + ["...", *log.splitlines()[-lines:]])


def _pages(html: Path) -> list[Path]:
    """Every HTML page of the built book (not the theme's templates under _static/)."""
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts)


def test_book_build_exits_zero(built_book):
    assert built_book.returncode == 0, f"book build failed:\n{_summary(built_book.log)}"


def test_book_build_has_no_warnings(built_book):
    problems = _problems(built_book.log)
    assert not problems, "build warnings:\n" + "\n".join(problems)
    assert "build succeeded." in built_book.log


def test_every_toc_page_is_built(built_book):
    missing = [d for d in TOC_DOCS if not (built_book.html / f"{d}.html").is_file()]
    assert not missing, f"pages in _toc.yml but not in _build/html: {missing}"


def test_every_notebook_in_the_toc_executed_without_error(built_book):
    reports = built_book.html / "reports"
    logs = sorted(reports.rglob("*.log")) if reports.is_dir() else []
    assert not logs, "notebook tracebacks in _build/html/reports: " + ", ".join(
        f"{p.relative_to(reports)}:\n{p.read_text()}" for p in logs
    )
    for doc in TOC_NOTEBOOKS:
        executed = ROOT / "_build" / "jupyter_execute" / f"{doc}.ipynb"
        assert executed.is_file(), f"{doc} was not executed by the build"
        nb = nbformat.read(executed, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            assert cell.execution_count is not None, f"{doc}: code cell {i} did not run"
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"{doc}: code cell {i} raised {errors[0].ename}"


def test_every_notebook_is_listed_in_the_toc():
    unlisted = [
        p.name for p in STORED_NOTEBOOKS if p.relative_to(ROOT).with_suffix("").as_posix() not in TOC_DOCS
    ]
    assert not unlisted, f"add these chapters to _toc.yml: {unlisted}"


@pytest.mark.parametrize("path", STORED_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, (
        f"{path.name}: code cells {dirty} have outputs or execution counts; "
        "clear them (e.g. `jupyter nbconvert --clear-output --inplace`)"
    )
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: stored widget state"


class _Urls(HTMLParser):
    """Collects every URL a page would fetch by itself: scripts, stylesheets, media."""

    FETCHED = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "embed": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "object": "data",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        elif tag in self.FETCHED and a.get(self.FETCHED[tag]):
            self.urls.append(a[self.FETCHED[tag]])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def _parse(page: Path) -> _Urls:
    parser = _Urls()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def test_no_page_fetches_anything_from_another_host(built_book):
    remote = {}
    for page in _pages(built_book.html):
        urls = [u for u in _parse(page).urls if _is_remote(u)]
        if urls:
            remote[str(page.relative_to(built_book.html))] = urls
    assert not remote, f"pages load from other hosts: {remote}"


def test_no_stylesheet_imports_from_another_host(built_book):
    """Fonts included: the theme's icon fonts and MathJax's fonts are files in the book."""
    pattern = re.compile(r"(@import\s+(url\()?|url\()\s*['\"]?\s*(https?:)?//", re.IGNORECASE)
    offenders = [
        str(p.relative_to(built_book.html))
        for p in built_book.html.rglob("*.css")
        if pattern.search(p.read_text("utf-8"))
    ]
    assert not offenders, f"stylesheets pull remote resources: {offenders}"


def test_math_and_plotly_are_served_from_the_book(built_book):
    static = built_book.html / "_static"
    assert (static / "mathjax" / "tex-mml-chtml.js").is_file()
    assert (static / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()
    assert (static / "plotly" / "plotly.min.js").is_file()
    for doc in TOC_NOTEBOOKS:
        head = (built_book.html / f"{doc}.html").read_text("utf-8").split("</head>")[0]
        # a plain, synchronous <script> in <head>: `Plotly` exists before any output runs
        assert re.search(r'<script src="[./]*_static/plotly/plotly\.min\.js[^"]*"></script>', head), (
            f"{doc}: plotly.min.js is not loaded in <head>"
        )


def test_no_page_loads_thebe_or_a_widget_manager(built_book):
    for page in _pages(built_book.html):
        parsed = _parse(page)
        # data: URIs (a figure's images, base64) load nothing, and may spell anything
        urls = [u for u in parsed.urls if not u.startswith("data:")]
        text = " ".join(urls + parsed.inline_scripts).lower()
        name = page.relative_to(built_book.html)
        assert "thebe" not in text, f"{name} loads thebe"
        assert "require.js" not in text and "html-manager" not in text, f"{name} loads a widget manager"
        assert "widget-state+json" not in page.read_text("utf-8"), (
            f"{name} embeds ipywidgets state nothing reads"
        )


def test_chapter_pages_offer_the_notebook_download_and_launch_buttons(built_book):
    for doc in TOC_NOTEBOOKS:
        page = (built_book.html / f"{doc}.html").read_text("utf-8")
        assert f"_sources/{doc}.ipynb" in page, f"{doc}: no .ipynb download button"
        assert "mybinder.org/v2/gh/lstm-derived/lstm-derived/main" in page, f"{doc}: no Binder"
        assert "colab.research.google.com/github/lstm-derived/lstm-derived" in page, f"{doc}: no Colab button"
