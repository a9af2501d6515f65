"""``python -m lstm_core.symbolic``: run every derivation, proof and numeric check; time each.

Prints one row per equation -- seconds to derive and prove, seconds for the numeric check,
the number of proofs run, whether all hold, the relative error against lstm_core -- and the
total, which the project keeps under 30 s. Exit status 1 if anything is not proved or
disagrees with the engine by 1e-12 or more.
"""

from __future__ import annotations

import sys

from .summary import summary


def main() -> int:
    s = summary()
    print(s)
    if not s.all_hold:
        print("FAILED:", [r.label for r in s.rows if not (r.proved and r.error < 1e-12)])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
