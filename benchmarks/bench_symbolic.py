"""Time every SymPy derivation, proof and numeric check of lstm_core.symbolic.

Run:  .venv/bin/python benchmarks/bench_symbolic.py     (same as python -m lstm_core.symbolic)

One row per equation (1)-(12), the dense layer, the RNN's BPTT and its Jacobian product:
seconds to derive and prove (one-step chain rule at every step, the unrolled recursion against
forward-mode differentiation), seconds for the numeric check against lstm_core, the number of
proofs, whether all hold, and the relative error. Budget: the total under 30 s on the
project's 2-core machine. Each run starts in a fresh process, so nothing is cached.
"""

from __future__ import annotations

import sys
import time

t0 = time.perf_counter()
from lstm_core.symbolic.__main__ import run  # noqa: E402

print(f"import lstm_core.symbolic (and sympy): {time.perf_counter() - t0:.2f} s")
total = run()
sys.exit(1 if run.failed else 0)
