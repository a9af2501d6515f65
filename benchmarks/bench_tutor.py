"""Time every check of lstm_core.tutor, on the right solution and on one typical mistake.

Run:  .venv/bin/python benchmarks/bench_tutor.py

A check runs the reader's function on its designed cases and, when an output is wrong, builds
and compares the candidate wrong terms; the second column is that slower path. Budget: well
under a second per check (issue 10). Median of 20 calls, after one warm-up call.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the solutions and the catalogue

import tutor_solutions as S  # noqa: E402
from tutor_mistakes import MISTAKES  # noqa: E402

from lstm_core import tutor  # noqa: E402

REPEATS = 20


def median_ms(check, fn) -> float:
    check(fn)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        check(fn)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


print(f"{'check':<26} {'solution':>10} {'a mistake':>10}   the mistake")
worst = 0.0
for name in ["dense_backward", "rnn_step_backward", "rnn_bptt", "lstm_step_forward", "lstm_step_backward",
             "lstm_weight_grads"]:
    check = getattr(tutor, f"check_{name}")
    mistakes = [m for m in MISTAKES if m[2] == f"check_{name}"]
    # the mistake whose diagnosis builds the most candidates: the last in the equations' order
    label, wrong, _, _ = mistakes[-1]
    right_ms, wrong_ms = median_ms(check, getattr(S, name)), median_ms(check, wrong)
    worst = max(worst, right_ms, wrong_ms)
    print(f"check_{name:<20} {right_ms:>7.1f} ms {wrong_ms:>7.1f} ms   {label}")
all_ms = []
for _label, wrong, check, _ in MISTAKES:
    start = time.perf_counter()
    getattr(tutor, check)(wrong)
    all_ms.append((time.perf_counter() - start) * 1e3)
print(f"all {len(MISTAKES)} catalogued mistakes, one call each: slowest {max(all_ms):.1f} ms, "
      f"total {sum(all_ms):.0f} ms")
print(f"slowest median: {worst:.1f} ms per check (budget: well under 1000 ms)")
sys.exit(0 if max(worst, max(all_ms)) < 1000 else 1)
