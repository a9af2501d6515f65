"""Cut the book's CJK web font: Noto Sans SC, only the characters the book uses, as woff2.

    python book/_ext/cjk_font.py [--source NotoSansCJK-Regular.ttc] [--from-build _build/html]

(``make font`` runs it, and first fetches Debian's ``fonts-noto-cjk`` when no source font is
given or installed.) Writes ``book/_ext/static/fonts/lstm-noto-sans-sc.woff2``, which the
book serves on every page of both editions (``book/_ext/editions.py``, ``lstm-cjk.css``), and
the figures' font ``src/lstm_core/viz/fonts/lstm-noto-sans-sc-figures.otf``: the same face cut
to the characters of the figures' catalogues (``src/lstm_core/viz/locales/*.py``: their
translations, and printable ASCII), with which matplotlib draws the figures' Chinese labels
(``lstm_core.viz.figures_i18n``) on a machine with no CJK font.

The characters: every CJK character (the ranges of ``lstm-cjk.css``'s ``unicode-range``) in

* the book's sources: ``book/**/*.md``, the chapters' markdown (``notebooks/*.ipynb``), the
  translation catalogues ``locales/**/*.po`` and the figures' catalogues
  (``src/lstm_core/viz/locales/*.py``);
* the Chinese catalogues of Sphinx and of the extensions and themes the book loads (the
  interface strings they put on a page: "搜索", "上一页", ...);
* with ``--from-build``, every HTML, JS and JSON file of a built book (both editions).

The font is committed, so that a build needs neither the 19 MB source font nor this script;
tests/test_i18n.py fails when a catalogue uses a character the font lacks, and
tests/test_book_zh.py when a built zh page does: then run ``make font``. The source: Noto Sans
CJK (Adobe/Google, SIL Open Font License 1.1, ``static/fonts/LICENSE-OFL.txt``), the SC face
of Debian's ``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "static" / "fonts" / "lstm-noto-sans-sc.woff2"
FIGURE_CATALOGUES = ROOT / "src" / "lstm_core" / "viz" / "locales"
FIGURE_OUT = ROOT / "src" / "lstm_core" / "viz" / "fonts" / "lstm-noto-sans-sc-figures.otf"
SYSTEM_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_FACE = "Noto Sans CJK SC"
#: The code points lstm-cjk.css gives to this font (keep the two in step).
CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u31c0-\u31ef\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
#: Packages whose Chinese interface strings can appear on a page.
PACKAGES = ("sphinx", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_exercise",
            "sphinx_copybutton", "sphinx_togglebutton", "sphinx_design", "myst_nb",
            "jupyter_book", "sphinxcontrib.bibtex", "sphinx_comments")


def cjk(text: str) -> set[str]:
    """The CJK characters of ``text`` (the font's ranges)."""
    return set(CJK.findall(text))


def source_characters(root: Path = ROOT) -> set[str]:
    """CJK characters of the book's sources and catalogues."""
    chars: set[str] = set()
    for pattern in ("book/**/*.md", "locales/**/*.po", "src/lstm_core/viz/locales/*.py"):
        for path in root.glob(pattern):
            chars |= cjk(path.read_text(encoding="utf-8"))
    for path in root.glob("notebooks/*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            chars |= cjk("".join(cell["source"]))
    return chars


def figure_characters(folder: Path = FIGURE_CATALOGUES) -> set[str]:
    """Every character of the figures' translations (the values of each catalogue's
    ``STRINGS`` and ``PATTERNS``) and printable ASCII with the space; no other white space."""
    import importlib.util

    chars = {chr(c) for c in range(0x20, 0x7F)}
    for path in sorted(folder.glob("*.py")):
        if path.name == "__init__.py":
            continue
        spec = importlib.util.spec_from_file_location(f"_figure_catalogue_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for table in (getattr(module, "STRINGS", {}), getattr(module, "PATTERNS", {})):
            chars |= {c for v in table.values() for c in v if c == " " or not c.isspace()}
    return chars


def package_characters() -> set[str]:
    """CJK characters of the Chinese catalogues of the packages that draw the pages."""
    import importlib.util

    chars: set[str] = set()
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for base in spec.submodule_search_locations:
            for path in Path(base).rglob("*"):
                parts = {p.lower() for p in path.parts}
                if path.suffix in (".po", ".js", ".json") and parts & {"zh", "zh_cn", "zh-cn"}:
                    chars |= cjk(path.read_text(encoding="utf-8", errors="ignore"))
                elif path.suffix == ".json" and "translations" in parts:
                    for entry in _json_entries(path):
                        if str(entry.get("symbol", "")).lower() in ("zh", "zh_cn", "zh-cn"):
                            chars |= cjk(str(entry.get("text", "")))
    return chars


def _json_entries(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return []
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


def build_characters(html: Path) -> set[str]:
    """CJK characters of every page and script of a built book."""
    chars: set[str] = set()
    for path in html.rglob("*"):
        if path.suffix in (".html", ".js", ".json") and path.is_file():
            chars |= cjk(path.read_text(encoding="utf-8", errors="ignore"))
    return chars


def sc_face(source: Path):
    """The Simplified Chinese face of a Noto Sans CJK collection (or a single-face font)."""
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        for font in TTCollection(str(source)).fonts:
            if font["name"].getDebugName(1) == SC_FACE:
                return font
        raise ValueError(f"source: no {SC_FACE!r} face in {source}")
    return TTFont(str(source))


def cut(source: Path, chars: set[str], out: Path = OUT, flavor: str | None = "woff2") -> Path:
    """Subset ``source``'s SC face to ``chars`` and write it to ``out`` (woff2, or ``flavor=None``:
    OpenType, which matplotlib reads)."""
    from fontTools import subset

    font = sc_face(source)
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]  # vertical forms, proportional punctuation, ...
    options.name_IDs = ["*"]         # keep the copyright and licence records (OFL)
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = flavor
    font.recalcTimestamp = False  # keep the source's date: the same characters, the same bytes
    font.save(str(out))
    return out


def font_characters(path: Path = OUT) -> set[str]:
    """The characters the cut font has (its cmap)."""
    from fontTools.ttLib import TTFont

    return {chr(c) for c in TTFont(str(path)).getBestCmap()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=SYSTEM_SOURCE,
                        help=f"Noto Sans CJK .ttc/.otf (default {SYSTEM_SOURCE})")
    parser.add_argument("--from-build", type=Path, action="append", default=[],
                        help="also every character of this built book (repeatable)")
    parser.add_argument("--web-only", action="store_true",
                        help="cut only the web font, not the figures' font")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"cjk_font: no source font {args.source}; `make font` fetches Debian's "
              "fonts-noto-cjk", file=sys.stderr)
        return 2
    chars = source_characters() | package_characters()
    for html in args.from_build:
        chars |= build_characters(html)
    report(cut(args.source, chars), chars)
    if not args.web_only:
        chars = figure_characters()
        report(cut(args.source, chars, FIGURE_OUT, flavor=None), chars)
    return 0


def report(out: Path, chars: set[str]) -> None:
    missing = chars - font_characters(out)
    print(f"cjk_font: {len(chars)} characters, {out.stat().st_size / 1024:.0f} KiB -> "
          f"{out.relative_to(ROOT)}" + (f"; not in the source font: {''.join(sorted(missing))}"
                                       if missing else ""))


if __name__ == "__main__":
    sys.exit(main())
