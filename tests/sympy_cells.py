"""Run a chapter's visible SymPy cells without a kernel, and time them.

The chapters tag the cells of their SymPy derivations (issue 14):

- ``sympy-setup``: what the derivations need (imports, the running example, the engine's
  trace and gradients) -- existing cells of the chapter and a few of its own;
- ``sympy-cell``: a visible SymPy cell (a derivation, or its numbers against the engine);
- ``sympy-check``: the hidden cell after them that asserts the difference is zero and the
  numbers agree (tagged ``remove-cell`` too);
- ``sympy-exercise``: the solution of an exercise that edits a SymPy cell, and its hidden
  check (``remove-cell``), at the end of the chapter.

:func:`setup` runs the setup cells in a fresh namespace; :func:`run` then runs the SymPy and
check cells in order, optionally with one cell's source edited (a deliberately wrong deck
form), and returns how long each SymPy cell took. Used by tests/test_symbolic_cells.py and
benchmarks/bench_symbolic.py.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {
    1: ROOT / "notebooks" / "01_neuron_and_layer.ipynb",
    2: ROOT / "notebooks" / "02_ann_to_rnn.ipynb",
    4: ROOT / "notebooks" / "04_lstm_forward.ipynb",
    5: ROOT / "notebooks" / "05_lstm_backward.ipynb",
}


@dataclass(frozen=True)
class Cell:
    id: str
    tags: tuple[str, ...]
    source: str


class CellFailed(Exception):
    """A cell raised; ``cell_id`` names it, ``__cause__`` is what it raised."""

    def __init__(self, cell_id: str, exc: BaseException):
        super().__init__(f"cell {cell_id}: {type(exc).__name__}: {exc}")
        self.cell_id = cell_id
        self.error = exc


def cells(path: Path, *tags: str) -> list[Cell]:
    """The code cells of a notebook that carry one of ``tags``, in order."""
    nb = json.loads(Path(path).read_text())
    out = []
    for c in nb["cells"]:
        own = tuple(c.get("metadata", {}).get("tags", ()))
        if c["cell_type"] == "code" and set(tags) & set(own):
            out.append(Cell(c["id"], own, "".join(c["source"])))
    return out


def _exec(cell: Cell, source: str, ns: dict) -> None:
    try:
        exec(compile(source, f"<cell {cell.id}>", "exec"), ns)  # noqa: S102 - the book's own cells
    except Exception as exc:
        raise CellFailed(cell.id, exc) from exc


def setup(path: Path) -> dict:
    """A namespace after the chapter's ``sympy-setup`` cells."""
    import matplotlib
    import myst_nb.ext.glue  # noqa: F401 - glue's own imports (seconds on a cold disk), not a cell's time

    matplotlib.use("Agg")
    ns: dict = {"__name__": "__sympy_cells__"}
    for cell in cells(path, "sympy-setup"):
        _exec(cell, cell.source, ns)
    return ns


def run(path: Path, ns: dict | None = None, *, edit: tuple[str, str, str] | None = None,
        stop_after: str | None = None, exercises: bool = False) -> dict[str, float]:
    """Run the ``sympy-cell`` and ``sympy-check`` cells in order; seconds per visible cell.

    Parameters
    ----------
    ns : dict, optional
        A namespace from :func:`setup`, run in (pass a copy to keep it); a fresh one if omitted.
    edit : (cell id, old, new), optional
        Run that cell with ``old`` replaced by ``new`` in its source (``old`` must occur).
    stop_after : str, optional
        Stop after this cell id.
    exercises : bool
        Also run the ``sympy-exercise`` cells (in notebook order, after the others they follow).
    """
    ns = setup(path) if ns is None else ns
    seconds = {}
    tags = ("sympy-cell", "sympy-check") + (("sympy-exercise",) if exercises else ())
    for cell in cells(path, *tags):
        source = cell.source
        if edit is not None and edit[0] == cell.id:
            if edit[1] not in source:
                raise ValueError(f"edit: {edit[1]!r} is not in cell {cell.id}")
            source = source.replace(edit[1], edit[2])
        t0 = time.perf_counter()
        _exec(cell, source, ns)
        if "remove-cell" not in cell.tags:  # a cell the reader sees
            seconds[cell.id] = time.perf_counter() - t0
        if cell.id == stop_after:
            break
    return seconds
