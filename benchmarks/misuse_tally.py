"""How the public API takes misuse: cases tried and handled, by module.

Run:  PYTHONPATH=src python benchmarks/misuse_tally.py

Runs the catalogue of tests/misuse_cases.py (the same one tests/test_misuse.py asserts on):
for every public function and argument, hypothesis draws ways of getting the argument wrong
-- other dtypes, ranks and sizes, NaN and inf, empty arrays, scalars, lists, None, strings,
objects of another layer, traces of other params, optimizer states of another model, ids out
of range, absurd sizes -- derandomized, so the counts are the same on every run. A case is
handled when the call returns the right answer or raises the module's own ValueError/TypeError
whose message starts with the argument's name. Prints one row per module and every case that
is not handled.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from misuse_cases import run_all  # noqa: E402


def main() -> int:
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        tally = run_all()
    rows = tally.by_module()
    print(f"{'module':<12} {'cases':>7} {'handled':>8} {'examples':>9} {'handled':>8}")
    totals = [0, 0, 0, 0]
    for module, counts in rows.items():
        print(f"{module:<12} {counts[0]:>7} {counts[1]:>8} {counts[2]:>9} {counts[3]:>8}")
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    print(f"{'total':<12} {totals[0]:>7} {totals[1]:>8} {totals[2]:>9} {totals[3]:>8}")
    print("(cases: distinct function/argument/variant; examples: calls hypothesis made)")
    failures = tally.failures()
    for o in failures:
        print(f"NOT HANDLED {o.module}: {o.case}: {o.detail}")
    print(f"{time.perf_counter() - start:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
