"""``python -m lstm_core.symbolic``: run every derivation, proof and numeric check; time each.

Prints one row per equation -- seconds to derive and prove, seconds for the numeric check,
the number of proofs run, whether all hold, the relative error against lstm_core -- and the
total, which the project keeps under 30 s. Exit status 1 if anything is not proved or
disagrees with the engine by 1e-12 or more.
"""

from __future__ import annotations

import sys
import time

from . import (
    derive,
    derive_dense,
    derive_rnn,
    lstm_model,
    rnn_jacobian_product,
)
from .rnn_eqs import rnn_model


def run(out=sys.stdout) -> float:
    """Derive, prove and check everything, printing the table; return the total seconds."""
    start = time.perf_counter()
    rows = []

    def timed(label, build):
        t0 = time.perf_counter()
        d = build()
        t1 = time.perf_counter()
        err = d.check(0)
        t2 = time.perf_counter()
        rows.append((label, t1 - t0, t2 - t1, len(d.proofs), d.proved, err))

    t0 = time.perf_counter()
    lstm_model()
    rnn_model()
    setup = time.perf_counter() - t0
    for eq in range(1, 13):
        timed(f"({eq})", lambda eq=eq: derive(eq))
    timed("dense", derive_dense)
    timed("rnn BPTT", derive_rnn)
    timed("rnn dh^3/dh^0", lambda: rnn_jacobian_product(3, 0))
    total = time.perf_counter() - start

    print(f"{'equation':<15}{'derive+prove s':>15}{'check s':>10}{'proofs':>8}{'proved':>8}"
          f"{'rel. error':>12}", file=out)
    print(f"{'models built':<15}{setup:>15.3f}", file=out)
    for label, td, tc, n, ok, err in rows:
        print(f"{label:<15}{td:>15.3f}{tc:>10.3f}{n:>8}{'yes' if ok else 'NO':>8}{err:>12.1e}",
              file=out)
    print(f"{'total':<15}{total:>15.2f} s (import of sympy and lstm_core not included)", file=out)
    bad = [r[0] for r in rows if not r[4] or not r[5] < 1e-12]
    if bad:
        print(f"FAILED: {bad}", file=out)
    run.failed = bad
    return total


def main() -> int:
    run()
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
