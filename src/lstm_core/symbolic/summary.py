"""Every derivation at once: a table of what was proved and how well the numbers agree.

``symbolic.summary()`` runs all of them -- (1)-(12), the dense layer, the RNN's BPTT and its
Jacobian product -- and returns a :class:`Summary` that displays as an HTML table in a
notebook and prints as text (``python -m lstm_core.symbolic`` prints it with timings).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .dense_eqs import derive_dense
from .lstm_eqs import derive
from .lstm_model import lstm_model
from .rnn_eqs import derive_rnn, rnn_jacobian_product, rnn_model

__all__ = ["Summary", "summary"]

LABELS = {
    1: "input gate a_ι, b_ι",
    2: "forget gate a_φ, b_φ",
    3: "cell input a_c, state s_c",
    4: "output gate a_ω, b_ω",
    5: "cell output b_c",
    6: "ε_c = ∂L/∂b_c",
    7: "δ_ω = ∂L/∂a_ω",
    8: "ε_s = ∂L/∂s_c",
    9: "δ_ι = ∂L/∂a_ι",
    10: "δ_φ = ∂L/∂a_φ",
    11: "δ_c = ∂L/∂a_c",
    12: "∂L/∂w: W, R, b, p, x",
}


@dataclass
class Row:
    label: str
    what: str
    proofs: int
    proved: bool
    error: float
    seconds_derive: float
    seconds_check: float


@dataclass
class Summary:
    """One :class:`Row` per derivation, plus the seconds spent building the models."""

    rows: list[Row]
    seconds_setup: float

    @property
    def all_hold(self) -> bool:
        """Everything proved and every relative error below 1e-12."""
        return all(r.proved and r.error < 1e-12 for r in self.rows)

    @property
    def seconds(self) -> float:
        return self.seconds_setup + sum(r.seconds_derive + r.seconds_check for r in self.rows)

    def __str__(self) -> str:
        out = [f"{'equation':<15}{'derive+prove s':>15}{'check s':>10}{'proofs':>8}"
               f"{'proved':>8}{'rel. error':>12}  quantity",
               f"{'models built':<15}{self.seconds_setup:>15.3f}"]
        for r in self.rows:
            out.append(f"{r.label:<15}{r.seconds_derive:>15.3f}{r.seconds_check:>10.3f}"
                       f"{r.proofs:>8}{'yes' if r.proved else 'NO':>8}{r.error:>12.1e}  {r.what}")
        out.append(f"{'total':<15}{self.seconds:>15.2f} s")
        return "\n".join(out)

    def _html(self, tr=lambda s: s) -> str:
        """The table, its words passed through ``tr`` (a translation into one language)."""
        head = "".join(f"<th>{tr(c)}</th>" for c in
                       ("equation", "quantity", "proofs run", "all zero",
                        "relative error vs lstm_core"))
        body = "".join(
            f"<tr><td>{tr(r.label)}</td><td>{tr(r.what)}</td><td>{r.proofs}</td>"
            f"<td>{'✓' if r.proved else '✗'}</td><td>{r.error:.1e}</td></tr>"
            for r in self.rows
        )
        return f"<table><tr>{head}</tr>{body}</table>"

    def _repr_html_(self) -> str:
        return self._html()

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """The table in every language of ``LSTM_VIZ_LANG`` (with one, as ``_repr_html_``)."""
        from ..viz.figures_i18n import html_bundle

        return html_bundle(self._html)

    def __repr__(self) -> str:
        return str(self)


def summary(rng=0) -> Summary:
    """Derive, prove and check every equation; time each.

    Parameters
    ----------
    rng : int or numpy.random.Generator
        The random point of the numeric checks (each derivation gets the same seed if an int).
    """
    t0 = time.perf_counter()
    lstm_model()
    rnn_model()
    setup = time.perf_counter() - t0
    jobs = [(f"({eq})", LABELS[eq], lambda eq=eq: derive(eq)) for eq in range(1, 13)]
    jobs += [("dense", "δ_j, ∂L/∂w_ij, ∂L/∂β_j, ∂L/∂x_i", derive_dense),
             ("rnn BPTT", "ε^t, δ^t, ∂L/∂W, R, b, x", derive_rnn),
             ("rnn Jacobian", "∂h³/∂h⁰ = ∏ diag(1−h²) R", lambda: rnn_jacobian_product(3, 0))]
    rows = []
    for label, what, build in jobs:
        t1 = time.perf_counter()
        d = build()
        t2 = time.perf_counter()
        err = d.check(rng)
        t3 = time.perf_counter()
        rows.append(Row(label, what, len(d.proofs), d.proved, err, t2 - t1, t3 - t2))
    return Summary(rows, setup)
