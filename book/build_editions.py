"""Build every edition of the book from one source and one configuration (``make book``).

    python book/build_editions.py            # English, then every translation
    python book/build_editions.py zh_CN      # only the 中文 edition (reuses the last execution)
    python book/build_editions.py po         # `make po`: update the translation catalogues

1. English: ``jupyter-book build . -W -n --keep-going`` into ``_build/html/``, as before. It
   executes every chapter afresh (``book/_ext/execute_every_build.py``) and leaves the outputs
   in MyST-NB's execution cache, ``_build/.jupyter_cache``.
2. Each translation of ``book/_ext/editions.py``'s ``EDITIONS`` (中文: ``zh_CN``): the same
   ``_config.yml`` through Jupyter Book's own configuration code (its CLI has no ``-D``), with
   only these overrides: ``language``, ``lstm_reuse_execution`` (take every notebook's outputs
   from the cache, execute nothing that is cached) and the cache's path. Built in
   ``_build/editions/<language>/`` (its doctrees and ``jupyter_execute`` stay out of the
   English site), then copied to ``_build/html/<folder>/``. Warnings are errors here too.

Each edition is built in its own process (Sphinx keeps global state). Prints how long each took.

``po``: after the English text changed, Sphinx's ``gettext`` builder extracts every message of
every page into ``_build/gettext/<page>.pot`` (the same configuration, nothing executed; the
figure captions kept in code cells' metadata are added from the notebooks), then
``sphinx-intl update`` merges them into ``locales/<language>/LC_MESSAGES/<page>.po``: new
messages come in empty, changed ones are marked ``#, fuzzy`` with the old translation as a
hint, removed ones are kept as obsolete (``#~``). The format flags babel guesses from a
message's look are dropped (:data:`FALSE_FLAGS`). tests/test_i18n.py then lists what needs
translating.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

from editions import EDITIONS, SOURCE_LANGUAGE  # noqa: E402

BUILD = ROOT / "_build"
CACHE = BUILD / ".jupyter_cache"


def overrides(language: str) -> dict:
    """What a translated edition changes in the configuration of ``_config.yml``: nothing else."""
    return {
        "language": language,
        "lstm_reuse_execution": True,
        "nb_execution_cache_path": str(CACHE),
        "nitpicky": True,                 # -n, as the English build
        "latex_individualpages": False,   # what the CLI passes for a book build
    }


def build_source() -> int:
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return subprocess.call([str(jupyter_book), "build", ".", "-W", "-n", "--keep-going"], cwd=ROOT)


def build_translation(language: str) -> int:
    """Build one translated edition in this process; copy it into the English site."""
    from jupyter_book.sphinx import build_sphinx

    folder = EDITIONS[language][0]
    work = BUILD / "editions" / language
    result = build_sphinx(
        ROOT, work / "html", noconfig=True, path_config=str(ROOT / "_config.yml"),
        confoverrides=overrides(language), warningiserror=True, keep_going=True,
    )
    if result != 0:
        return 1
    target = BUILD / "html" / folder
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(work / "html", target)
    print(f"build_editions: {language} edition copied to {target.relative_to(ROOT)}/")
    return 0


def update_catalogues() -> int:
    """Extract the English messages (.pot) and merge them into every language's .po files."""
    from jupyter_book.sphinx import build_sphinx

    pot = BUILD / "gettext"
    shutil.rmtree(pot, ignore_errors=True)
    result = build_sphinx(
        ROOT, pot, noconfig=True, path_config=str(ROOT / "_config.yml"), builder="gettext",
        doctreedir=BUILD / ".doctrees-gettext",
        confoverrides={"nb_execution_mode": "off", "latex_individualpages": False},
    )
    if result != 0:
        return 1
    add_output_captions(pot)
    sphinx_intl = Path(sys.executable).with_name("sphinx-intl")
    languages = [arg for lang in EDITIONS if lang != SOURCE_LANGUAGE for arg in ("-l", lang)]
    result = subprocess.call([str(sphinx_intl), "update", "-p", str(pot), "-d", "locales",
                              "-w", "0", *languages], cwd=ROOT)
    for po in (ROOT / "locales").glob("*/LC_MESSAGES/**/*.po"):
        drop_format_flags(po)
    return result


def output_captions(notebook: Path) -> list[tuple[str, int]]:
    """(caption, cell number) of every figure a code cell's metadata captions.

    MyST-NB builds these captions (``metadata.mystnb.figure.caption``) around a cell's
    outputs, so the ``gettext`` builder, which executes nothing, never meets them; the
    translated edition, built from the executed outputs, translates them like any paragraph
    (the message is the caption's Markdown source, as Sphinx looks it up).
    """
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for number, cell in enumerate(cells, start=1):
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if cell["cell_type"] == "code" and isinstance(figure, dict) and figure.get("caption"):
            found.append((figure["caption"], number))
    return found


def add_output_captions(pot_dir: Path) -> None:
    """Add :func:`output_captions` of every chapter to its ``.pot`` (after the page's text)."""
    from babel.messages.pofile import read_po, write_po

    for pot in sorted(pot_dir.glob("**/*.pot")):
        notebook = ROOT / pot.relative_to(pot_dir).with_suffix(".ipynb")
        if not notebook.is_file():
            continue
        with pot.open("rb") as f:
            catalog = read_po(f)
        for caption, number in output_captions(notebook):
            if caption not in catalog:
                where = os.path.relpath(notebook, pot.parent).replace(os.sep, "/")
                catalog.add(caption, locations=[(f"{where}:cell {number}", None)])
        with pot.open("wb") as f:
            write_po(f, catalog, width=0, omit_header=False)


#: Flags babel adds by the look of a message: "99 % of" reads as printf's ``% o``, ``{glue}``
#: as ``str.format``. Sphinx formats no message, and the false flags make ``msgfmt -c`` and
#: PO editors reject correct translations ("99 % 的" has no ``% o``).
FALSE_FLAGS = ("python-format", "python-brace-format")


def drop_format_flags(po: Path) -> None:
    """Remove :data:`FALSE_FLAGS` from the ``#,`` lines of one catalogue, in place."""
    lines = []
    for line in po.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() not in FALSE_FLAGS]
            if not flags:
                continue
            line = "#, " + ", ".join(flags) + "\n"
        lines.append(line)
    po.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["po"]:
        os.chdir(ROOT)
        return update_catalogues()
    if len(argv) == 1 and argv[0] in EDITIONS and argv[0] != SOURCE_LANGUAGE:
        os.chdir(ROOT)
        return build_translation(argv[0])
    if argv:
        print(f"usage: build_editions.py [{'|'.join(e for e in EDITIONS if e != SOURCE_LANGUAGE)}]",
              file=sys.stderr)
        return 2
    times = {}
    start = time.perf_counter()
    print(f"build_editions: building the {SOURCE_LANGUAGE} edition", flush=True)
    status = build_source()
    times[SOURCE_LANGUAGE] = time.perf_counter() - start
    for language in EDITIONS:
        if status or language == SOURCE_LANGUAGE:
            continue
        t0 = time.perf_counter()
        print(f"build_editions: building the {language} edition", flush=True)
        status = subprocess.call([sys.executable, __file__, language], cwd=ROOT)
        times[language] = time.perf_counter() - t0
    total = time.perf_counter() - start
    print("build_editions: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items())
          + f"; all {total:.1f} s" + ("" if status == 0 else " (FAILED)"))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
