"""Small helpers for the chapters' visible SymPy cells: the deck's symbols, and a display.

The chapters derive every gradient in a short SymPy cell the reader can read and change:
the forward equations written as SymPy expressions, ``sympy.diff`` along the chain rule, the
deck's closed form, their difference simplified to zero, and ``sympy.lambdify`` evaluated on
the engine's trace. This module only keeps those cells short. It does no differentiation and
no comparison; the cells do.

- :func:`sym` -- SymPy symbols written as the deck writes them: ``sym("s_c^{t-1} w_cω")``
- :func:`vec`, :func:`mat` -- a column of symbols ``x_1 ... x_n``, a matrix ``w_ij``
- ``f, g, h`` and ``fp, gp, hp`` -- the deck's squashes, abstract, with
  ``sympy.diff(f(a), a) == fp(a)``, printed f'(a); :data:`NUMPY` makes ``lambdify`` evaluate
  them as the engine does (f = sigmoid, g = h = tanh)
- :func:`evaluate` -- ``sympy.lambdify`` of an expression (or a matrix of them) at the engine's
  numbers, given as ``{symbol: array}``
- :func:`net_inputs`, :func:`on_trace` -- one LSTM block's net inputs (1)-(4) in the deck's
  symbols, and any expression in those symbols at every step of an engine trace
  (:mod:`.one_block`)
- :func:`bind` -- the symbols of a :func:`vec` or :func:`mat` with the engine's numbers
- :func:`at_next` -- an engine array at t+1 for t = 1..T, zero beyond the sequence
- :func:`show` -- rows of words and formulas as one LaTeX block, long sums broken into short
  lines (typeset by MathJax, readable on a phone)

The notation is that of the book's notation page (``book/notation.md``), after
A. Graves, *Supervised Sequence Labelling with Recurrent Neural Networks*, Springer 2012, ch. 4.
"""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from .i18n_tex import LatexInLanguages
from .lstm_model import MODULES, f, fp, g, gp, h, hp
from .one_block import net_inputs, on_trace

__all__ = ["DeckSymbol", "NUMPY", "sym", "vec", "mat", "bind", "evaluate", "at_next", "show",
           "Rows", "net_inputs", "on_trace",
           "f", "fp", "g", "gp", "h", "hp"]

NUMPY = MODULES
"""``modules`` for ``sympy.lambdify``: f, f' = sigmoid and its derivative, g, h = tanh."""

_GREEK = {
    "ι": r"\iota", "φ": r"\phi", "ω": r"\omega", "ε": r"\epsilon", "δ": r"\delta",
    "β": r"\beta", "θ": r"\theta", "ℓ": r"\ell",
}
_NAME = re.compile(r"^(?P<base>[^_^\s{}]+)(?:_(?P<sub>\{[^{}]*\}|[^_^\s{}]+))?"
                   r"(?:\^(?P<sup>\{[^{}]*\}|[^_^\s{}]+))?$")


def _tex_part(s: str) -> str:
    s = s[1:-1] if s.startswith("{") and s.endswith("}") else s
    out = []
    for ch in s:
        if ch in _GREEK:
            out.append(_GREEK[ch] + " ")
        elif ch == "ā":
            out.append(r"\bar{a}")
        else:
            out.append(ch)
    return "".join(out).strip()


class DeckSymbol(sp.Symbol):
    """A SymPy symbol named as the deck writes it (``"b_ω^{t+1}"``), printed in LaTeX as
    ``b_{\\omega}^{t+1}``. Its ``str`` is the name itself."""

    def _latex(self, printer):
        m = _NAME.match(self.name)
        out = _tex_part(m["base"])
        if m["sub"]:
            out += "_{" + _tex_part(m["sub"]) + "}"
        if m["sup"]:
            out += "^{" + _tex_part(m["sup"]) + "}"
        return out


def _canonical(name: str) -> str:
    """One spelling per symbol: ``s_c^{t}`` and ``s_c^t`` are the same; braces only around a
    sub- or superscript that holds ``+``, ``-`` or ``,``."""
    m = _NAME.match(name)
    if m is None:
        raise ValueError(f"names: expected each name as base[_sub][^sup] (e.g. 's_c^{{t-1}}'), "
                         f"got {name!r}")
    out = m["base"]
    for mark, part in (("_", m["sub"]), ("^", m["sup"])):
        if part:
            part = part[1:-1] if part.startswith("{") else part
            out += mark + (f"{{{part}}}" if any(c in part for c in "+-,") else part)
    return out


def sym(names: str):
    """Symbols named as the deck writes them, separated by spaces.

    Parameters
    ----------
    names : str
        E.g. ``"s_c^t s_c^{t+1} w_cω ε_s^{t+1} β_1"``: a base, an optional subscript after
        ``_`` and an optional superscript after ``^`` (either may be braced). Greek letters
        as Unicode (ι, φ, ω, ε, δ, β, θ); ``ā`` prints as a-bar.

    Returns
    -------
    DeckSymbol or tuple of DeckSymbol
        One symbol for one name, else a tuple in the order given.

    Raises
    ------
    TypeError
        ``names`` is not a string.
    ValueError
        No name, or a name that is not ``base[_sub][^sup]``.
    """
    if not isinstance(names, str):
        raise TypeError(f"names: expected a str of space-separated symbol names, got "
                        f"{type(names).__name__}")
    parts = names.split()
    if not parts:
        raise ValueError("names: expected at least one symbol name, got an empty string")
    out = tuple(DeckSymbol(_canonical(p)) for p in parts)
    return out[0] if len(out) == 1 else out


def _check_size(name: str, n) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"{name}: expected a positive integer, got {n!r}")
    return int(n)


def _indexed(base: str, index: str, sup: str = "") -> DeckSymbol:
    stem, _, sub = base.partition("_")
    sub = f"{{{sub},{index}}}" if sub else f"{{{index}}}"
    return DeckSymbol(_canonical(f"{stem}_{sub}" + (f"^{{{sup}}}" if sup else "")))


def vec(base: str, n: int, sup: str = "") -> sp.Matrix:
    """The column ``(base_1, ..., base_n)``, with superscript ``sup`` if given (``vec("h", 3,
    "t-1")`` is h_1^{t-1}, h_2^{t-1}, h_3^{t-1}). A base with a subscript, ``"δ_y"``, gives
    ``δ_{y,1}, ...``."""
    if not isinstance(base, str) or not isinstance(sup, str):
        raise TypeError(f"base, sup: expected str, got {type(base).__name__}, {type(sup).__name__}")
    n = _check_size("n", n)
    return sp.Matrix([_indexed(base, str(k), sup) for k in range(1, n + 1)])


def mat(base: str, rows: int, cols: int) -> sp.Matrix:
    """The matrix with entry ``[i-1, j-1] = base_ij`` (``mat("w", n, m)``: w_ij from input i to
    unit j, the transpose of the engine's ``W``). A base with a subscript, ``"W_y"``, gives
    entries ``W_{y,ij}``."""
    if not isinstance(base, str):
        raise TypeError(f"base: expected str, got {type(base).__name__}")
    rows, cols = _check_size("rows", rows), _check_size("cols", cols)
    return sp.Matrix(rows, cols, lambda i, j: _indexed(base, f"{i + 1}{j + 1}"))


def bind(symbols: sp.Matrix, values) -> dict:
    """``{symbol: value}`` for a :func:`vec` or :func:`mat` of symbols and the engine's array.

    Parameters
    ----------
    symbols : sympy.Matrix
        A column of n symbols, or an r x c matrix of them.
    values : array_like
        For a column: shape `(..., n)`, units on the last axis (``trace.a`` of shape
        `(N, m)` gives a_j the array ``trace.a[:, j - 1]``). For a matrix: shape `(r, c)`.

    Raises
    ------
    TypeError
        ``symbols`` is not a SymPy matrix of symbols.
    ValueError
        The shapes do not match.
    """
    if not isinstance(symbols, sp.MatrixBase) or not all(isinstance(s, sp.Symbol) for s in symbols):
        raise TypeError(f"symbols: expected a sympy Matrix of symbols (cells.vec, cells.mat), got "
                        f"{type(symbols).__name__}")
    values = np.asarray(values, dtype=np.float64)
    if symbols.cols == 1:
        if values.ndim < 1 or values.shape[-1] != symbols.rows:
            raise ValueError(f"values: expected shape (..., {symbols.rows}) for a column of "
                             f"{symbols.rows} symbols, got shape {values.shape}")
        return dict(zip(symbols, np.moveaxis(values, -1, 0), strict=True))
    if values.shape != symbols.shape:
        raise ValueError(f"values: expected shape {symbols.shape} for a matrix of symbols, got "
                         f"shape {values.shape}")
    return dict(zip(symbols, values.ravel(), strict=True))


def evaluate(expr, at: dict) -> np.ndarray:
    """``sympy.lambdify(list(at), expr, NUMPY)(*at.values())``: ``expr`` at the given numbers.

    Parameters
    ----------
    expr : sympy.Expr or sympy.Matrix
        What to evaluate. Every symbol in it must be a key of ``at``.
    at : dict
        ``{symbol: value}``, values numbers or arrays that broadcast together (e.g. a trace
        field of shape `(T, N, H)` and a weight of shape `(H,)`).

    Returns
    -------
    ndarray
        The value, broadcast over the arrays' shape; a matrix's entries are stacked on the
        last axes, `(..., rows, cols)`, a column's on the last axis, `(..., rows)`.

    Raises
    ------
    TypeError
        ``at`` is not a dict of SymPy symbols.
    ValueError
        ``expr`` has a symbol that ``at`` does not give a value.
    """
    if not isinstance(at, dict) or not all(isinstance(k, sp.Symbol) for k in at):
        raise TypeError(f"at: expected a dict {{sympy symbol: number or array}}, got "
                        f"{type(at).__name__}")
    missing = sp.sympify(expr).free_symbols - set(at)
    if missing:
        raise ValueError(f"at: expected a value for every symbol of expr, missing "
                         f"{sorted(map(str, missing))}")
    values = [np.asarray(v, dtype=np.float64) for v in at.values()]
    if not isinstance(expr, sp.MatrixBase):
        return np.asarray(sp.lambdify(list(at), expr, NUMPY)(*values), dtype=np.float64)
    entries = sp.lambdify(list(at), list(expr), NUMPY)(*values)
    entries = np.broadcast_arrays(*(np.asarray(e, dtype=np.float64) for e in entries))
    shape = (expr.rows,) if expr.cols == 1 else expr.shape
    return np.stack(entries, axis=-1).reshape(entries[0].shape + shape)


def at_next(values: np.ndarray) -> np.ndarray:
    """``values`` one step later: entry t holds step t+1, and the last step gets 0 (all terms
    at T+1 are zero). ``values`` has time on its first axis, shape `(T, ...)`."""
    values = np.asarray(values)
    if values.ndim < 1 or values.shape[0] < 1 or not np.issubdtype(values.dtype, np.floating):
        raise TypeError(f"values: expected a float array of shape (T, ...) with T >= 1, got "
                        f"dtype {values.dtype} and shape {values.shape}")
    return np.concatenate([values[1:], np.zeros_like(values[:1])])


def _terms_tex(expr, per_line: int) -> str:
    """LaTeX of ``expr``, a sum broken after every ``per_line`` terms."""
    expr = sp.sympify(expr)
    if not isinstance(expr, sp.Add):
        return sp.latex(expr)
    parts = []
    for k, term in enumerate(expr.as_ordered_terms()):
        s = sp.latex(term)
        if k == 0:
            parts.append(s)
            continue
        sign, s = ("-", s[1:].lstrip()) if s.startswith("-") else ("+", s)
        brk = r" \\ &\quad " if k % per_line == 0 else " "
        parts.append(f"{brk}{sign} {s}")
    return "".join(parts)


class Rows(LatexInLanguages):
    """A block of display rows; shows as LaTeX (``$$\\begin{aligned}...``) in a notebook."""

    def __init__(self, latex_rows: list[str]):
        self.rows = latex_rows

    def latex(self) -> str:
        return "$$\n\\begin{aligned}\n" + " \\\\\n".join(self.rows) + "\n\\end{aligned}\n$$"

    def _repr_latex_(self) -> str:
        return self.latex()

    def __repr__(self) -> str:
        return "\n".join(self.rows)


def show(*rows, per_line: int = 2) -> Rows:
    """Rows of words and formulas, one aligned LaTeX block.

    Parameters
    ----------
    *rows : str or tuple
        A str is a line of words (typeset as text); ``(lhs, rhs)`` is the formula
        ``lhs = rhs``; ``(words, lhs, rhs)`` is a line of words followed by that formula.
        ``lhs`` and ``rhs`` are SymPy expressions (or LaTeX strings); a sum on the right is
        broken after every ``per_line`` terms, so that each line fits a phone's width.
    per_line : int
        Terms per line of a long sum.

    Returns
    -------
    Rows
        Displays as LaTeX (MathJax); its ``repr`` is the LaTeX rows.
    """
    per_line = _check_size("per_line", per_line)
    out = []
    for row in rows:
        if isinstance(row, str):
            out.append(rf"&\text{{{row}}}")
            continue
        if not isinstance(row, tuple) or len(row) not in (2, 3):
            raise TypeError(f"rows: expected a str or a tuple (lhs, rhs) or (words, lhs, rhs), "
                            f"got {row!r}")
        if len(row) == 3:
            out.append(rf"&\text{{{row[0]}}}")
            row = row[1:]
        lhs, rhs = (r if isinstance(r, str) else None for r in row)
        lhs = lhs if lhs is not None else sp.latex(row[0])
        rhs = rhs if rhs is not None else _terms_tex(row[1], per_line)
        out.append(f"{lhs} &= {rhs}")
    return Rows(out)
