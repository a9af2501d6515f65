"""One LSTM block in the deck's symbols, and those symbols' numbers on an engine trace.

For the chapters' visible SymPy cells (through :mod:`.cells`):

- :func:`net_inputs` -- the net inputs (1)-(4) of one block at one step, written as the deck
  writes them, as SymPy expressions;
- :func:`on_trace` -- any expression in the deck's symbols of one block evaluated at every step
  of ``lstm_core.lstm.forward``/``backward`` (s_c^t is ``trace.s``, δ_ι^{t+1} is
  ``grads.delta_i`` one step later, w_cω is ``params.p[2]``, ...).

Symbols are named as on the book's notation page (``book/notation.md``): gates ι, φ, ω and the
cell c; a time label t-1, t or t+1; input weights w_iι (i = 1..I), recurrent weights w_hι
(from the block's own output b_c^{t-1}: with one block the deck's h is c, written h to keep
them apart from the peepholes w_cι, w_cφ, w_cω), biases β_ι, ....
"""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .._checks import check_positive_int, check_type

__all__ = ["GATES", "net_inputs", "on_trace"]

GATES = ("ι", "φ", "c", "ω")  # the row blocks of W, R, b in lstm_core's order
_ROW = {q: k for k, q in enumerate(GATES)}
_PEEP = {"ι": 0, "φ": 1, "ω": 2}  # rows of p
_FIELD = {"ι": "i", "φ": "f", "c": "c", "ω": "o"}
_OFFSET = {"t-1": -1, "t": 0, "t+1": 1}
_PARTS = re.compile(r"^(?P<base>[^_^]+)(?:_\{?(?P<sub>[^_^{}]+)\}?)?(?:\^\{?(?P<sup>[^{}]+)\}?)?$")


def _label(offset: int) -> str:
    return {-1: "t-1", 0: "t", 1: "t+1"}[offset]


def net_inputs(step: str = "t", n_in: int = 2) -> dict:
    """The net inputs a_ι, a_φ, a_c, a_ω of one block at ``step``, equations (1)-(4).

    Parameters
    ----------
    step : {"t", "t+1"}
        The step; the block reads its own output and state of the step before.
    n_in : int
        I, the number of inputs x_1 ... x_I.

    Returns
    -------
    dict
        ``{"ι": a_ι, "φ": a_φ, "c": a_c, "ω": a_ω}``, SymPy expressions, e.g. for step t
        ``a_ι^t = w_1ι x_1^t + ... + w_hι b_c^{t-1} + β_ι + w_cι s_c^{t-1}``; the output
        gate peeps at the new state s_c^t.
    """
    from .cells import sym  # here, not at the top: cells imports this module

    if step not in ("t", "t+1"):
        raise ValueError(f"step: expected 't' or 't+1', got {step!r}")
    n_in = check_positive_int("n_in", n_in)
    prev = _label(_OFFSET[step] - 1)
    b_prev, s_prev, s_now = sym(f"b_c^{{{prev}}} s_c^{{{prev}}} s_c^{{{step}}}")
    out = {}
    for q in GATES:
        a = sum(sym(f"w_{i}{q}") * sym(f"x_{i}^{{{step}}}") for i in range(1, n_in + 1))
        a += sym(f"w_h{q}") * b_prev + sym(f"β_{q}")
        if q in ("ι", "φ"):
            a += sym(f"w_c{q}") * s_prev
        elif q == "ω":
            a += sym(f"w_c{q}") * s_now
        out[q] = a
    return out


def _shift(arr: np.ndarray, offset: int, before: np.ndarray | None, name: str) -> np.ndarray:
    if offset == 0:
        return arr
    if offset == 1:  # t+1: the last step gets 0 (all terms at T+1 are zero)
        return np.concatenate([arr[1:], np.zeros_like(arr[:1])])
    if before is None:
        raise ValueError(f"expr: {name} -- only s_c and b_c are known one step back (s0, h0)")
    return np.concatenate([before[None], arr[:-1]])


def _value(name: str, params, trace, grads):
    m = _PARTS.match(name)
    if m is None:
        raise ValueError(f"expr: no engine value for the symbol {name!r}")
    base, sub, sup = m["base"], m["sub"] or "", m["sup"]
    H = trace.h.shape[-1]

    def rows(arr, q):
        return arr[_ROW[q] * H : (_ROW[q] + 1) * H]

    if sup is None:  # a parameter
        if base == "β" and sub in _ROW:
            return rows(params.b, sub)  # (H,)
        if base == "w" and len(sub) == 2 and sub[1] in _ROW:
            src, q = sub
            if src == "c" and q in _PEEP and params.p is not None:
                return params.p[_PEEP[q]]  # (H,)
            if src == "h":
                if H != 1:
                    raise ValueError(f"expr: {name} is one block's recurrent weight; the layer has H = {H}")
                return rows(params.R, q)[:, 0]  # (1,)
            if src.isdigit() and 1 <= int(src) <= params.n_in:
                return rows(params.W, q)[:, int(src) - 1]  # (H,)
        raise ValueError(f"expr: no engine value for the parameter {name!r}")
    if sup not in _OFFSET:
        raise ValueError(f"expr: {name}: expected a time label t-1, t or t+1")
    offset = _OFFSET[sup]
    if base == "x" and sub.isdigit() and 1 <= int(sub) <= params.n_in:
        return _shift(trace.x[..., int(sub) - 1 : int(sub)], offset, None, name)  # (T, N, 1)
    if base == "s" and sub == "c":
        return _shift(trace.s, offset, trace.s0, name)
    if base == "b" and sub == "c":
        return _shift(trace.h, offset, trace.h0, name)
    if base in ("a", "b") and sub in _FIELD and (base, sub) != ("b", "c"):
        return _shift(getattr(trace, f"{base}_{_FIELD[sub]}"), offset, None, name)
    if grads is not None and base == "ε" and sub in ("c", "s"):
        return _shift(getattr(grads, f"eps_{sub}"), offset, None, name)
    if grads is not None and base == "δ" and sub in _FIELD:
        return _shift(getattr(grads, f"delta_{_FIELD[sub]}"), offset, None, name)
    raise ValueError(f"expr: no engine value for {name!r}" + ("" if grads else " (no grads given)"))


def on_trace(expr, params, trace, grads=None, extra: dict | None = None) -> np.ndarray:
    """``expr``, in the deck's symbols of one block, at every step of an engine trace.

    Parameters
    ----------
    expr : sympy.Expr
        Symbols named as :func:`~lstm_core.symbolic.cells.sym` writes them: trace quantities
        a_ι, b_ι, a_φ, b_φ, a_c, a_ω, b_ω, s_c, b_c and errors ε_c, ε_s, δ_ι, δ_φ, δ_c, δ_ω
        at t or t+1 (zero beyond T), s_c and b_c also at t-1 (``s0``, ``h0`` at the first
        step), inputs x_i^t, and parameters w_iq, w_hq (one block only), w_cι, w_cφ, w_cω, β_q.
        f, g, h are the sigmoid and tanh.
    params : lstm_core.lstm.LSTMParams
    trace : lstm_core.lstm.LSTMTrace
        From ``lstm.forward(params, ...)``.
    grads : lstm_core.lstm.LSTMGrads, optional
        From ``lstm.backward``; needed for ε and δ.
    extra : dict, optional
        ``{symbol: value}`` for symbols outside the block (the next layer's weights, ...).

    Returns
    -------
    ndarray of shape `(T, N, H)`
        Entry ``[t - 1]`` is the expression at step t, for every sequence and block.
    """
    from .. import lstm
    from .cells import evaluate

    check_type("params", params, lstm.LSTMParams)
    check_type("trace", trace, lstm.LSTMTrace)
    if grads is not None:
        check_type("grads", grads, lstm.LSTMGrads)
    extra = dict(extra or {})
    at = {s: extra[s] if s in extra else _value(s.name, params, trace, grads)
          for s in sorted(sp.sympify(expr).free_symbols, key=str)}
    value = evaluate(expr, at)
    return np.broadcast_to(value, trace.h.shape).copy() if value.ndim < 3 else value
