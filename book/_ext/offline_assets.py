"""Serve every script the book needs from the book itself: no CDN at read time.

A tiny Sphinx extension, loaded by ``_config.yml`` (``sphinx.local_extensions``). For HTML
builders it

* copies MathJax 3 (the ``es5/`` build shipped by the PyPI package
  ``django-static-mathjax``, which is MathJax 3.2.2 as a wheel) to ``_static/mathjax/``;
  ``_config.yml`` points Sphinx's ``mathjax_path`` at ``mathjax/tex-mml-chtml.js``;
* copies ``plotly.min.js`` from the installed ``plotly`` wheel to
  ``_static/plotly/plotly.min.js`` and loads it, synchronously and before the page
  content, on every page: the global ``Plotly`` exists when a notebook output's inline
  ``<script>`` runs (outputs made with ``fig.to_html(include_plotlyjs=False,
  full_html=False)``);
* serves ``static/lstm-math.css``, which lets a display equation wider than a phone's page
  scroll sideways instead of losing its left side (MathJax centres it in a container as
  wide as the equation, and the theme hides what overflows);
* drops the ipywidgets state that myst-nb would embed in a page when no widget manager
  is configured (``nb_ipywidgets_js: {}``): nothing could read it;
* warns (``lstm_book.widget``; ``-W`` makes it an error) when an output is an ipywidget
  without a ``text/html`` fallback: in the static book it would render as its plain-text
  repr (``IntSlider(value=0)``). Give the object a ``text/html`` view as well, or tag the
  cell ``remove-output``.

Why copy at build time rather than commit the files: the project's own files must install
everything, and a reader may have only ``python3``; ``pip install -r requirements.txt``
brings both packages. The folder names avoid ``_static`` in the *source* tree on purpose:
Jupyter Book adds every ``*.js`` under a source ``_static/`` folder to every page.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

MATHJAX_URI = "mathjax/tex-mml-chtml.js"  # relative to _static/, as mathjax_path wants
PLOTLY_URI = "plotly/plotly.min.js"

# What tex-mml-chtml.js loads at run time (menu, assistive MathML, the speech/explorer
# options of the menu, TeX extensions autoloaded by macros, the CHTML fonts). The other
# combined builds (SVG output, node) are left out: about 9 MB instead of 24 MB.
MATHJAX_PARTS = (
    "tex-mml-chtml.js",
    "input",
    "output/chtml.js",
    "output/chtml",
    "ui",
    "a11y",
    "adaptors",
    "sre",
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _package_dir(module: str, pip_name: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ExtensionError(
            f"offline_assets: the Python package {pip_name!r} is not installed; "
            "run `pip install -r requirements.txt` (or `make book`)."
        )
    return Path(spec.origin).parent


def mathjax_es5_dir() -> Path:
    """The es5/ folder of the MathJax 3 shipped by django-static-mathjax."""
    es5 = _package_dir("mathjax", "django-static-mathjax") / "static" / "mathjax" / "es5"
    if not (es5 / "tex-mml-chtml.js").is_file():
        raise ExtensionError(f"offline_assets: no MathJax 3 es5 build in {es5}")
    return es5


def plotly_js_file() -> Path:
    js = _package_dir("plotly", "plotly") / "package_data" / "plotly.min.js"
    if not js.is_file():
        raise ExtensionError(f"offline_assets: no plotly.min.js in {js.parent}")
    return js


def _copy(src: Path, dst: Path) -> None:
    """Copy a file or a tree, skipping files already there with the same size and mtime."""
    files = [src] if src.is_file() else sorted(p for p in src.rglob("*") if p.is_file())
    for f in files:
        target = dst if src.is_file() else dst / f.relative_to(src)
        st = f.stat()
        if target.is_file():
            tt = target.stat()
            if tt.st_size == st.st_size and int(tt.st_mtime) == int(st.st_mtime):
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, target)


def copy_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    es5 = mathjax_es5_dir()
    for part in MATHJAX_PARTS:
        _copy(es5 / part, static / "mathjax" / part)
    _copy(es5.parent / "LICENSE", static / "mathjax" / "LICENSE")
    _copy(plotly_js_file(), static / PLOTLY_URI)


def drop_unused_widget_state(app: Sphinx, pagename: str, *args) -> None:
    """Remove the embedded widget state when no widget manager is loaded to use it."""
    if app.config.nb_ipywidgets_js:
        return
    page = getattr(app.env, "nb_metadata", {}).get(pagename, {})
    page.get("js_files", {}).pop("ipywidgets_state", None)


class WarnOnWidgetWithoutHtml(SphinxPostTransform):
    """Warn for an ipywidget output that has no text/html view for the static book."""

    default_priority = 3  # before myst-nb's SelectMimeType (4) picks one mime type
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for bundle in self.document.findall(nodes.container):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            mimes = {child.get("mime_type") for child in bundle.children}
            if WIDGET_VIEW in mimes and "text/html" not in mimes:
                LOGGER.warning(
                    "an ipywidget output has no text/html view: the HTML book would show "
                    "its plain-text repr. Give it a static text/html representation "
                    "(see book/_ext/offline_assets.py) or tag the cell remove-output.",
                    type="lstm_book",
                    subtype="widget",
                    location=bundle,
                )


STATIC = Path(__file__).resolve().parent / "static"


def add_static_path(app: Sphinx, config) -> None:
    if str(STATIC) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static_path)
    app.add_css_file("lstm-math.css")
    app.connect("builder-inited", copy_assets)
    # before myst-nb's own html-page-context handler (priority 500) adds the page's JS
    app.connect("html-page-context", drop_unused_widget_state, priority=400)
    app.add_post_transform(WarnOnWidgetWithoutHtml)
    # Plain <script src> in <head>, no defer: `Plotly` is global before the body parses.
    app.add_js_file(PLOTLY_URI, priority=300)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
