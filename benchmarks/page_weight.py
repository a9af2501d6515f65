"""The weight of the book's chapter pages, per edition: the HTML, and the images it links.

    python benchmarks/page_weight.py [_build/html]

Prints, for every chapter page of each edition (English at the root, 中文 under ``zh/``), the
page's HTML size, the size of the local images it loads (``<img src>`` files under the
build; inline ``data:`` images are part of the HTML), and the number of inline images.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def weigh(page: Path) -> tuple[int, int, int]:
    html = page.read_text(encoding="utf-8")
    srcs = re.findall(r'<img\b[^>]*?\bsrc="([^"]+)"', html)
    files = {(page.parent / s).resolve() for s in srcs if not s.startswith(("data:", "http"))}
    linked = sum(f.stat().st_size for f in files if f.is_file())
    return len(html.encode()), linked, sum(s.startswith("data:") for s in srcs)


def main(argv: list[str]) -> int:
    html = Path(argv[0]) if argv else ROOT / "_build" / "html"
    for edition, folder in (("en", html), ("zh", html / "zh")):
        total = [0, 0]
        print(f"{edition:>2}  {'page':28s} {'HTML KB':>9} {'images KB':>10} {'inline':>7}")
        for page in sorted((folder / "notebooks").glob("*.html")):
            size, linked, inline = weigh(page)
            total[0] += size
            total[1] += linked
            print(f"    {page.stem:28s} {size / 1024:9.0f} {linked / 1024:10.0f} {inline:7d}")
        print(f"    {'all chapters':28s} {total[0] / 1024:9.0f} {total[1] / 1024:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
