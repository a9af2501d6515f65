"""How long each chapter takes to execute, as the book build executes it.

Run:  .venv/bin/python benchmarks/time_chapters.py [notebooks/NN_name.ipynb ...]

Executes every chapter listed in _toc.yml (or the ones named) top to bottom in a fresh
kernel, from notebooks/, with LSTM_VIZ_STATIC=1 and LSTM_VIZ_LANG as the book build sets them, and prints the
wall time of each (kernel start included) and the total. Outputs are not written anywhere.
Budgets (issues 4 and 5): chapters 1-5 under 60 s each, chapters 6-8 under 3 minutes each.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    if argv:
        chapters = [Path(a).resolve() for a in argv]
    else:
        docs = [d for d in parse_toc_yaml(ROOT / "_toc.yml") if d.startswith("notebooks/")]
        chapters = [ROOT / f"{d}.ipynb" for d in docs]
    os.environ["LSTM_VIZ_STATIC"] = "1"  # the kernels inherit it, as in the book build
    os.environ["LSTM_VIZ_LANG"] = "en,zh_CN"  # every edition's language (book/_ext/editions.py)
    print(f"{'chapter':<32} {'seconds':>8}")
    total = 0.0
    for path in chapters:
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
        total += seconds
        print(f"{path.stem:<32} {seconds:>8.1f}", flush=True)
    print(f"{'total':<32} {total:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
