"""How far each translated edition is: messages per catalogue, translated, fuzzy; the fonts.

    python benchmarks/i18n_status.py

Reads ``locales/<language>/LC_MESSAGES/**/*.po`` (what ``make po`` keeps in step with the
English), ``src/lstm_core/viz/locales/<language>.py`` (the figures' labels) and the CJK fonts
the book serves (``book/_ext/static/fonts``) and draws its figures with
(``src/lstm_core/viz/fonts``). Builds nothing.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def catalogue_rows(lang_dir: Path) -> list[tuple[str, int, int, int]]:
    """(catalogue, messages, translated, fuzzy) for every .po of one language."""
    rows = []
    for po in sorted((lang_dir / "LC_MESSAGES").glob("**/*.po")):
        with po.open("rb") as f:
            messages = [m for m in read_po(f) if m.id]
        fuzzy = sum(1 for m in messages if m.fuzzy)
        done = sum(1 for m in messages if m.string and not m.fuzzy)
        rows.append((str(po.relative_to(lang_dir / "LC_MESSAGES")), len(messages), done, fuzzy))
    return rows


def main() -> int:
    for lang_dir in sorted(p for p in (ROOT / "locales").iterdir() if p.is_dir()):
        lang = lang_dir.name
        rows = catalogue_rows(lang_dir)
        print(f"## {lang}\n")
        print("| catalogue | messages | translated | fuzzy |")
        print("| --- | ---: | ---: | ---: |")
        for name, n, done, fuzzy in rows:
            print(f"| {name} | {n} | {done} | {fuzzy} |")
        total = sum(r[1] for r in rows)
        done = sum(r[2] for r in rows)
        share = 100 * done / total if total else 0.0
        print(f"| **total** | **{total}** | **{done} ({share:.1f} %)** | **{sum(r[3] for r in rows)}** |")
        try:
            module = importlib.import_module(f"lstm_core.viz.locales.{lang}")
        except ModuleNotFoundError:
            module = None
        strings = len(getattr(module, "STRINGS", {}))
        patterns = len(getattr(module, "PATTERNS", {}))
        print(f"\nwhat the book's code draws (figures, explorers, tables, the tutor), in "
              f"lstm_core.viz.locales.{lang}: {strings} strings and {patterns} patterns\n")
    for font in sorted([*(ROOT / "book/_ext/static/fonts").glob("*"),
                        *(ROOT / "src/lstm_core/viz/fonts").glob("*")]):
        if font.suffix in {".woff2", ".otf", ".ttf"}:
            print(f"font {font.relative_to(ROOT)}: {font.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
