"""Time every SymPy derivation, proof and numeric check of lstm_core.symbolic.

Run:  .venv/bin/python benchmarks/bench_symbolic.py     (or: python -m lstm_core.symbolic)

One row per equation (1)-(12), the dense layer, the RNN's BPTT and its Jacobian product:
seconds to derive and prove (one-step chain rule at every step, the unrolled recursion against
forward-mode differentiation), seconds for the numeric check against lstm_core, the number of
proofs, whether all hold, and the relative error. Budget: the total, import included, under
30 s on the project's 2-core machine. Each run is a fresh process, so nothing is cached.
"""

from __future__ import annotations

import sys
import time

t0 = time.perf_counter()
from lstm_core.symbolic.summary import summary  # noqa: E402

t_import = time.perf_counter() - t0
s = summary()
print(s)
print(f"import of sympy + lstm_core: {t_import:.2f} s; everything: {time.perf_counter() - t0:.2f} s")
sys.exit(0 if s.all_hold else 1)
