"""What a chapter cell displays: a derivation, its proof, and its numeric check.

A :class:`Derivation` holds, for one equation of the book, one or more :class:`Item` s (the
quantity, the machine's result, the deck's closed form, their difference), the outcome of
every proof that was run (at every time step, and unrolled to the end of the sequence), and
a function that compares the derivation's numbers with ``lstm_core``'s.

Displayed in a notebook it renders as one block of LaTeX (``_repr_latex_``, a string
``$$\\begin{aligned} ... \\end{aligned}$$`` that MathJax 3 typesets; the book prefers
text/latex over markdown) -- and as the same block under a bold title in markdown for
front-ends that prefer that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .graph import Graph, Path, is_zero, tex, tex_product
from .i18n_tex import LatexInLanguages

__all__ = ["Item", "Derivation", "sci_tex", "clean", "total", "backward_item", "deep_difference"]


def sci_tex(x: float) -> str:
    """``1.2e-16`` as ``1.2\\times10^{-16}``."""
    if x == 0:
        return "0"
    mant, exp = f"{x:.1e}".split("e")
    return rf"{mant}\times10^{{{int(exp)}}}"


def _lines(parts: list[str], per_line: int) -> str:
    """Join terms with ``+``, ``per_line`` of them per row of an ``aligned``."""
    rows = [" + ".join(parts[k : k + per_line]) for k in range(0, len(parts), per_line)]
    return r" \\ &\quad + ".join(rows) if rows else "0"


def clean(terms) -> list[tuple]:
    """Drop the terms with a zero factor (quantities beyond the sequence)."""
    return [tuple(t) for t in terms if all(sp.sympify(f) != 0 for f in t)]


def total(terms) -> sp.Expr:
    """The sum of the products: a closed form's value."""
    return sp.Add(*(sp.Mul(*t) for t in terms))


def deep_difference(deep: sp.Expr) -> sp.Expr:
    """0 if ``deep`` vanishes identically, else ``deep`` as it stands (expanding the
    difference of a wrong recursion would only cost time)."""
    return sp.S.Zero if is_zero(deep) else deep


def backward_item(graph: Graph, adj, v, terms, t0) -> Item:
    """The machine's one-step chain rule for ∂L/∂v against the closed form ``terms``."""
    paths = graph.paths(v)
    machine = sp.Add(*(p.expr for p in paths))
    diff = sp.expand(machine - total(terms))
    return Item(lhs=adj, machine=machine, closed_terms=terms, difference=diff, paths=paths, t0=t0)


@dataclass
class Item:
    """One quantity of a derivation.

    Attributes
    ----------
    lhs : sympy.Expr
        The quantity (ε_s^t, a_ι^t, ∂L/∂w_{1ι}, ...).
    machine : sympy.Expr
        What the machine derived: the one-step chain rule (backward) or lstm_core's form
        (forward).
    closed_terms : list of tuple
        The deck's closed form, term by term, each term a tuple of factors.
    difference : sympy.Expr
        ``machine - closed form``, simplified: 0 when the deck is right.
    paths : list of Path, optional
        The chain-rule terms, for backward items.
    machine_terms : list of tuple, optional
        The machine's form term by term, for forward items.
    t0 : int or None
        The step the item is shown at (symbols are labelled t, t+1, t-1 relative to it).
    """

    lhs: sp.Expr
    machine: sp.Expr
    closed_terms: list
    difference: sp.Expr
    paths: list[Path] | None = None
    machine_terms: list | None = None
    t0: int | None = None
    note: str = ""

    @property
    def closed_form(self) -> sp.Expr:
        return sp.Add(*(sp.Mul(*t) for t in self.closed_terms))

    @property
    def proved(self) -> bool:
        return self.difference == 0

    def latex_rows(self, deck_label: str, machine_label: str) -> list[str]:
        t0 = self.t0
        lhs = tex(self.lhs, t0)
        rows = []
        if self.paths is not None:
            n = len(self.paths)
            rows.append(rf"&{machine_label}\text{{:}}")
            rows.append(rf"&\quad\text{{{n} path{'s' if n != 1 else ''} from }}"
                        rf"{tex(self.paths[0].nodes[0], t0) if n else lhs}\text{{ to }}L")
            rows.append(rf"{lhs} &= " + _lines([p.tex_chain(t0) for p in self.paths], 3))
            rows.append(r"&= " + _lines([p.tex_value(t0) for p in self.paths], 3))
        else:
            rows.append(rf"&{machine_label}")
            terms = self.machine_terms or [(self.machine,)]
            rows.append(rf"{lhs} &= " + _lines([tex_product(t, t0) for t in terms], 4))
        rows.append(rf"&{deck_label}")
        closed = [tex_product(t, t0) for t in self.closed_terms] or ["0"]
        rows.append(rf"{lhs} &= " + _lines(closed, 3))
        if self.proved:
            rows.append(rf"&\text{{machine}} - {deck_label} = 0 \;\checkmark")
        else:
            rows.append(
                rf"&\text{{machine}} - {deck_label} = {tex(self.difference, t0)} \neq 0"
                r"\;\text{(NOT proved)}"
            )
        return rows


@dataclass
class Derivation(LatexInLanguages):
    """One equation, derived by the machine, compared with the deck, checked against numbers.

    Attributes
    ----------
    number : int or str
        The equation number of the book (1-12), or ``"dense"``, ``"rnn"``.
    title : tuple of str
        (text, LaTeX math) for the heading.
    deck_tex : str
        The equation as the deck writes it (generic t, sums).
    items : list of Item
        The quantities shown (at one step ``t0``).
    proofs : dict
        label -> difference, for every proof that was run: the one-step identity at every
        step and the unrolled recursion against forward-mode differentiation.
    machine_label, deck_label : str
        How the two sides are described in the display (LaTeX, math mode). ``deck_label`` is
        ``\text{deck}`` for the LSTM's equations; the dense layer and the RNN, whose backward
        pass the deck does not derive, say ``\text{closed form}``.
    scope : str
        A line of LaTeX (math mode) saying what was proved where.
    """

    number: int | str
    title: tuple[str, str]
    deck_tex: str
    items: list[Item]
    proofs: dict = field(default_factory=dict)
    machine_label: str = r"\text{machine (chain rule)}"
    deck_label: str = r"\text{deck}"
    scope: str = ""
    _numeric: Callable | None = field(default=None, repr=False)
    _numeric_error: float | None = field(default=None, repr=False)
    numeric_errors: dict = field(default_factory=dict, repr=False)
    engine_label: str = r"\mathtt{lstm\_core}"

    # -- the proof ----------------------------------------------------------------------------
    @property
    def proved(self) -> bool:
        """Every displayed item and every proof run: difference identically zero."""
        return all(i.proved for i in self.items) and all(d == 0 for d in self.proofs.values())

    @property
    def failures(self) -> dict:
        """label -> non-zero difference, for the proofs that failed."""
        return {k: d for k, d in self.proofs.items() if d != 0}

    @property
    def machine(self) -> sp.Expr:
        """The machine's result for the first item."""
        return self.items[0].machine

    @property
    def closed_form(self) -> sp.Expr:
        """The deck's closed form for the first item."""
        return self.items[0].closed_form

    @property
    def difference(self) -> sp.Expr:
        """``machine - closed_form`` for the first item."""
        return self.items[0].difference

    # -- the numbers --------------------------------------------------------------------------
    def check(self, rng=None, n_samples: int = 3) -> float:
        """Largest relative error between the derivation's numbers and ``lstm_core``'s.

        Both the machine's derivative and the deck's closed form are evaluated (lambdified,
        f = sigmoid, g = h = tanh) at a random point -- non-zero random weights, biases,
        peepholes, initial states, inputs and targets, ``n_samples`` sequences at once -- and
        compared with the engine's arrays. Per-array errors land in :attr:`numeric_errors`.

        Parameters
        ----------
        rng : numpy.random.Generator or int, optional
            The random point (default: seed 0).
        """
        if self._numeric is None:
            raise NotImplementedError(f"no numeric check for {self.number!r}")
        rng = np.random.default_rng(0 if rng is None else rng)
        self.numeric_errors = dict(self._numeric(rng, n_samples))
        return max(self.numeric_errors.values())

    @property
    def numeric_error(self) -> float:
        """:meth:`check` at seed 0, computed once."""
        if self._numeric_error is None:
            self._numeric_error = self.check(0)
        return self._numeric_error

    # -- display ------------------------------------------------------------------------------
    def latex(self, numeric: bool = True) -> str:
        """The whole derivation as one ``$$\\begin{aligned}...\\end{aligned}$$`` block."""
        text, math = self.title
        if not isinstance(self.number, str):
            text = f"Eq. ({self.number}): {text}"
        # Every row short enough for a 360 px phone (about 30 characters of text): the
        # heading's formula and the closed form each on a row of their own.
        rows = [rf"&\textbf{{{text}}}"]
        if math:
            rows.append(rf"&\quad {math}")
        rows += [rf"&{self.deck_label}\text{{:}}", rf"&\quad {self.deck_tex}"]
        if self.scope:
            rows.append(rf"&{self.scope}")
        for item in self.items:
            rows.extend(item.latex_rows(self.deck_label, self.machine_label))
        n_ok = sum(d == 0 for d in self.proofs.values())
        if self.proofs:
            mark = r"\;\checkmark" if n_ok == len(self.proofs) else r"\;\text{(FAILED)}"
            rows.append(rf"&\text{{proofs run: {len(self.proofs)}}}")
            rows.append(rf"&\text{{differences 0: {n_ok} of {len(self.proofs)}}}{mark}")
        if numeric and self._numeric is not None:
            err = self.numeric_error
            ok = r"\;\checkmark" if err < 1e-12 else r"\;\text{(TOO LARGE)}"
            rows.append(
                rf"&\text{{numbers vs }}{self.engine_label}\text{{:}} \\ "
                rf"&\quad\text{{relative error }}{sci_tex(err)}{ok}"
            )
        return "$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$"

    def _repr_latex_(self) -> str:
        return self.latex()

    def _repr_markdown_(self) -> str:
        return self.latex()

    def __repr__(self) -> str:
        status = "proved" if self.proved else f"NOT proved ({len(self.failures)} failures)"
        return (f"<Derivation ({self.number}) {self.title[0]}: {status}, "
                f"{len(self.proofs)} proofs, {len(self.items)} item(s) shown>")
