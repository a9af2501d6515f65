"""Static checks of the stored chapters (no kernel, no build): fast, part of `make check`.

- Every chapter opens with the cell that installs `lstm_core` where it is missing (Colab), from
  the repository that `_config.yml` names, hidden in the book.
- No chapter asserts a wall-clock time: under load such an assert fails and the book build
  dies with it. Measured times are glued or printed, never compared.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _code_cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def _install_requirement() -> str:
    repo = CONFIG["repository"]
    return f"lstm_core @ git+{repo['url']}@{repo.get('branch', 'main')}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_first_code_cell_installs_the_engine_where_it_is_missing(path):
    first = _code_cells(path)[0]
    src = first.source
    assert "remove-cell" in first.metadata.get("tags", []), "the install cell must be hidden in the book"
    assert 'importlib.util.find_spec("lstm_core") is None' in src, "install only where it is missing"
    strings = {n.value for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Constant)}
    assert _install_requirement() in strings, (
        f"the install cell must install {_install_requirement()!r}, the repository of _config.yml"
    )
    before = src.split("find_spec", 1)[0]
    assert not re.search(r"^\s*(import|from)\s+lstm_core", before, re.M), "it must not import lstm_core"


def test_the_install_cell_is_the_same_in_every_chapter():
    firsts = {_code_cells(p)[0].source for p in CHAPTERS}
    assert len(firsts) == 1, "one install cell, copied verbatim into every chapter"


# An assert whose expression reads a clock or a measured duration.
_CLOCKY = re.compile(r"perf_counter|monotonic|time\.time|elapsed|seconds|_ms\b|\bms\b|cost\[|timing")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_chapter_asserts_a_wall_clock_time(path):
    bad = []
    for k, cell in enumerate(_code_cells(path)):
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics: not asserts
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assert) and _CLOCKY.search(ast.unparse(node.test)):
                bad.append(f"code cell {k}: assert {ast.unparse(node.test)}")
    assert not bad, "asserts on measured time (glue the figure instead):\n" + "\n".join(bad)
