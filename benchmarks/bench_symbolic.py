"""Time the chapters' visible SymPy cells, then every derivation of lstm_core.symbolic.

Run:  .venv/bin/python benchmarks/bench_symbolic.py     (the second part alone: python -m lstm_core.symbolic)

1. The visible SymPy cells of chapters 1, 2, 4 and 5 (issue 14), and the exercise solutions
   that edit them, run outside a kernel by tests/sympy_cells.py: each chapter's set-up cells
   (imports, running example, engine) are not timed; each visible cell is, in chapter order,
   with its hidden check run after it. Budget:
   under 2 s per cell on the project's 2-core machine. Printed, never asserted.
2. One row per equation (1)-(12), the dense layer, the RNN's BPTT and its Jacobian product:
   seconds to derive and prove (one-step chain rule at every step, the unrolled recursion
   against forward-mode differentiation), seconds for the numeric check against lstm_core, the
   number of proofs, whether all hold, and the relative error. Budget: the total, import
   included, under 30 s.

Each run is a fresh process; within it the chapters run one after the other.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the cell runner

CELL_BUDGET_S = 2.0
WHAT = {
    "sympy-ann-diff": "dense: δ_j, ∂L/∂w_ij, ∂L/∂β_j, ∂L/∂x_i by sympy.diff",
    "sympy-ann-closed": "dense: closed forms, difference simplified",
    "sympy-ann-numbers": "dense: lambdify vs dense.backward",
    "sympy-rnn-eps": "RNN: ε^t, δ^t by jacobian / diff",
    "sympy-rnn-closed": "RNN: (BPTT ε), (BPTT δ), differences",
    "sympy-rnn-numbers": "RNN: lambdify vs rnn.backward (ε, δ)",
    "sympy-rnn-grads": "RNN: one step's share of ∂L/∂W, R, β, h^0",
    "sympy-rnn-grads-numbers": "RNN: shares summed vs rnn.backward",
    "sympy-fwd": "LSTM forward (1)-(5) as SymPy expressions",
    "sympy-fwd-numbers": "LSTM forward: lambdify vs lstm.forward",
    **{f"sympy-bwd-{n}": f"LSTM ({n}): chain rule, deck form, difference" for n in range(6, 13)},
    **{f"sympy-bwd-{n}-numbers": f"LSTM ({n}): on the trace vs lstm.backward" for n in range(6, 13)},
    "sympy-ann-relu": "exercise: the dense layer with a ReLU",
    "sympy-ann-relu-numbers": "exercise: ReLU gradient vs central differences",
    "sympy-rnn-sigmoid": "exercise: sigmoid hidden units",
    "sympy-fwd-coupled": "exercise: (1)-(5) with a coupled forget gate",
    "sympy-fwd-coupled-numbers": "exercise: coupled, vs lstm.forward(forget='coupled')",
    "sympy-bwd-coupled": "exercise: (8), (9) for the CIFG",
    "sympy-bwd-coupled-numbers": "exercise: CIFG, vs lstm.backward(forget='coupled')",
}


def time_cells() -> None:
    import sympy_cells

    print(f"{'chapter':<8}{'cell':<26}{'seconds':>8}  quantity")
    for chapter, path in sympy_cells.CHAPTERS.items():
        with contextlib.redirect_stdout(io.StringIO()):  # the cells' own prints
            ns = sympy_cells.setup(path)
            seconds = sympy_cells.run(path, ns, exercises=True)
        for cell, s in seconds.items():
            flag = "" if s < CELL_BUDGET_S else f"  OVER the {CELL_BUDGET_S:g} s budget"
            print(f"{chapter:<8}{cell:<26}{s:>8.3f}  {WHAT.get(cell, '')}{flag}")


t0 = time.perf_counter()
from lstm_core.symbolic.summary import summary  # noqa: E402

t_import = time.perf_counter() - t0
t1 = time.perf_counter()
time_cells()  # a cell that fails its hidden check raises here
print(f"visible SymPy cells: {time.perf_counter() - t1:.2f} s with the chapters' set-up\n")

t1 = time.perf_counter()
s = summary()
print(s)
print(f"import of sympy + lstm_core: {t_import:.2f} s; the derivations: {time.perf_counter() - t1:.2f} s; "
      f"everything: {time.perf_counter() - t0:.2f} s")
sys.exit(0 if s.all_hold else 1)
