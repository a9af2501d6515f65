"""A computational graph of SymPy symbols: the chain rule done by the machine.

Every intermediate quantity of a network (a net input a_ι^t, a state s_c^t, ...) is a SymPy
``Symbol`` with a *definition* -- an expression in earlier symbols and in leaves (inputs,
weights, initial states, targets). Keeping the intermediate quantities as symbols, instead of
substituting their definitions, is what keeps the expressions small: a derivative through
three time steps of an LSTM stays a sum of a few hundred products of symbols instead of a
tower of nested sigmoids.

The graph differentiates the loss L in two independent ways:

- **reverse, one step** (:meth:`Graph.paths`): ∂L/∂v = Σ over the children u of v of
  ∂L/∂u · ∂u/∂v. The children are found from the definitions (every node whose definition
  mentions v), the local partials ∂u/∂v by ``sympy.diff``; the ∂L/∂u of the quantities the
  deck names (ε_c, ε_s, δ) stay symbols, the others (b_ι, b_ω, ...) are expanded until a named
  one is reached. This is the derivation each slide of the deck does by hand.
- **forward, all the way** (:meth:`Graph.tangent`): nudge v, carry the nudge forward through
  every later definition (forward-mode differentiation) and read off the change of L. No
  recursion of the deck is used, so it is an independent judge of the deck's recursion
  unrolled to the end of the sequence (:meth:`Graph.unroll`).

References: A. Graves, *Supervised Sequence Labelling with Recurrent Neural Networks*,
Springer 2012, ch. 4 (the deck's notation); A. Griewank & A. Walther, *Evaluating
Derivatives*, SIAM 2008 (forward and reverse mode).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

__all__ = ["Graph", "Path", "Sym", "squash", "tex", "time_label"]


# --------------------------------------------------------------------------------------------
# Symbols that know how the deck writes them


class Sym:
    """A registry of SymPy symbols with their LaTeX, so that printing needs no name mangling.

    ``Sym.new("a_i_2", r"a_{\\iota}^{@}", 2)`` makes the Symbol ``a_i_2`` whose LaTeX is
    ``a_{\\iota}^{2}`` -- or ``a_{\\iota}^{t}`` when printed relative to t = 2 (``@`` is the
    slot for the time label).
    """

    _tex: dict[sp.Symbol, tuple[str, int | None]] = {}

    @classmethod
    def new(cls, name: str, template: str, t: int | None = None) -> sp.Symbol:
        s = sp.Symbol(name)
        cls._tex[s] = (template, t)
        return s

    @classmethod
    def names(cls, expr, t0: int | None = None, var: str = "t") -> dict[sp.Symbol, str]:
        """The ``symbol_names`` mapping for ``sympy.latex`` of ``expr``."""
        out = {}
        for s in expr.free_symbols:
            template, t = cls._tex.get(s, (None, None))
            if template is None:
                continue
            out[s] = template.replace("@", time_label(t, t0, var)) if t is not None else template
        return out


def time_label(t: int | None, t0: int | None, var: str = "t") -> str:
    """``t`` itself, or relative to ``t0``: ``"t"``, ``"t+1"``, ``"t-1"`` (``var`` for t)."""
    if t is None:
        return ""
    if t0 is None:
        return str(t)
    d = t - t0
    return var if d == 0 else f"{var}{d:+d}"


def tex(expr, t0: int | None = None, var: str = "t") -> str:
    """LaTeX of a SymPy expression in the deck's symbols (times relative to ``t0`` if given,
    written ``var``, ``var+1``, ...)."""
    expr = sp.sympify(expr)
    return sp.latex(expr, symbol_names=Sym.names(expr, t0, var))


def tex_product(factors, t0: int | None = None) -> str:
    """A product written factor by factor, in the order given (SymPy would sort them)."""
    parts = []
    factors = [f for f in map(sp.sympify, factors) if f != 1] or [sp.S.One]
    for f in factors:
        s = tex(f, t0)
        if isinstance(f, sp.Add) and len(factors) > 1:
            s = rf"\left({s}\right)"
        parts.append(s)
    return r"\,".join(parts) if parts else "1"


# --------------------------------------------------------------------------------------------
# Squashing functions: abstract, as the deck writes them (f, g, h and f', g', h')


class _Squash(sp.Function):
    """A one-argument function printed as ``name(arg)`` and lambdified by its class name."""

    nargs = 1
    _tex_name = "?"

    def _latex(self, printer, exp=None):
        s = rf"{self._tex_name}\!\left({printer._print(self.args[0])}\right)"
        return s if exp is None else rf"{s}^{{{exp}}}"


def squash(name: str, tex_name: str, numeric, numeric_prime):
    """A pair of SymPy functions (θ, θ') with ``diff(θ(a), a) = θ'(a)``.

    Returns ``(theta, theta_prime, implementations)``, the last a dict for ``lambdify``'s
    ``modules`` mapping the class names to numpy callables.
    """
    prime = type(f"{name}p", (_Squash,), {"_tex_name": tex_name + "'"})
    fn = type(
        name,
        (_Squash,),
        {"_tex_name": tex_name, "fdiff": lambda self, argindex=1: prime(self.args[0])},
    )
    return fn, prime, {name: numeric, f"{name}p": numeric_prime}


# --------------------------------------------------------------------------------------------
# The graph


@dataclass(frozen=True)
class Path:
    """One term of the one-step chain rule: v -> u1 -> ... -> end, with end's ∂L/∂end named.

    ``nodes`` = (v, u1, ..., end); ``factors`` = (∂u1/∂v, ∂u2/∂u1, ...); ``adjoint`` is the
    symbol for ∂L/∂end (ε, δ, ...) or 1 when end is L itself.
    """

    nodes: tuple
    factors: tuple
    adjoint: sp.Expr

    @property
    def expr(self) -> sp.Expr:
        return sp.Mul(self.adjoint, *self.factors)

    def tex_chain(self, t0=None) -> str:
        """∂L/∂end ∂end/∂... ∂u1/∂v: the chain rule as the deck writes it."""
        out = []
        if self.adjoint != 1:
            out.append(rf"\frac{{\partial L}}{{\partial {tex(self.nodes[-1], t0)}}}")
        for lo, hi in zip(reversed(self.nodes[:-1]), reversed(self.nodes[1:]), strict=True):
            if hi == self.nodes[-1] and self.adjoint == 1:  # ∂L/∂v directly
                out.append(rf"\frac{{\partial L}}{{\partial {tex(lo, t0)}}}")
            else:
                out.append(rf"\frac{{\partial {tex(hi, t0)}}}{{\partial {tex(lo, t0)}}}")
        return "".join(out)

    def tex_value(self, t0=None) -> str:
        """The same term evaluated: the named ∂L/∂end times the local partials."""
        return tex_product((self.adjoint, *reversed(self.factors)), t0)


class Graph:
    """Nodes defined by SymPy expressions, in topological (definition) order.

    Build it with :meth:`leaf` and :meth:`node`, name the deck's ∂L/∂v with :meth:`name`,
    and set :attr:`loss`.
    """

    def __init__(self):
        self.order: list[sp.Symbol] = []  # nodes, topologically
        self.defs: dict[sp.Symbol, sp.Expr] = {}
        self.args: dict[sp.Symbol, tuple[sp.Symbol, ...]] = {}
        self.leaves: list[sp.Symbol] = []
        self._known: set[sp.Symbol] = set()
        self.children: dict[sp.Symbol, list[sp.Symbol]] = {}
        self.adjoint: dict[sp.Symbol, sp.Symbol] = {}  # v -> symbol of ∂L/∂v (deck's name)
        self.loss: sp.Symbol | None = None
        self._fn_nodes: dict[sp.Expr, sp.Symbol] = {}  # f(a) -> b where b := f(a)
        self._partials: dict[tuple, sp.Expr] = {}
        self._tangents: dict[tuple, dict] = {}
        self._node_fns: dict[sp.Symbol, object] = {}

    # -- building ---------------------------------------------------------------------------
    def leaf(self, s: sp.Symbol) -> sp.Symbol:
        self.leaves.append(s)
        self._known.add(s)
        self.children[s] = []
        return s

    def node(self, s: sp.Symbol, definition) -> sp.Symbol:
        definition = sp.sympify(definition)
        unknown = {a for a in definition.free_symbols if a not in self._known}
        if unknown:
            raise ValueError(f"node {s}: definition uses undefined symbols {unknown}")
        pos = {v: k for k, v in enumerate(self.leaves)}
        pos.update({v: len(pos) + k for k, v in enumerate(self.order)})
        args = tuple(sorted(definition.free_symbols, key=pos.__getitem__))
        self.order.append(s)
        self.defs[s] = definition
        self.args[s] = args
        self.children[s] = []
        self._known.add(s)
        for a in args:
            self.children[a].append(s)
        if isinstance(definition, sp.Function) and len(definition.args) == 1:
            self._fn_nodes[definition] = s  # so that tanh'(a) = 1 - tanh(a)^2 reads 1 - h^2
        return s

    def name(self, v: sp.Symbol, adjoint: sp.Symbol) -> sp.Symbol:
        """Declare ``adjoint`` the deck's symbol for ∂L/∂v."""
        self.adjoint[v] = adjoint
        return adjoint

    # -- the chain rule -----------------------------------------------------------------------
    def partial(self, u: sp.Symbol, v: sp.Symbol) -> sp.Expr:
        """∂u/∂v of u's own definition (v held as a symbol), by ``sympy.diff``."""
        key = (u, v)
        if key not in self._partials:
            d = sp.diff(self.defs[u], v)
            self._partials[key] = d.xreplace(self._fn_nodes) if self._fn_nodes else d
        return self._partials[key]

    def paths(self, v: sp.Symbol) -> list[Path]:
        """The one-step chain rule for ∂L/∂v: one :class:`Path` per route to a named quantity.

        Children whose ∂L/∂u the deck does not name (the gate activations b_ι, b_φ, b_ω) are
        passed through, so every path ends at L or at a node with a named adjoint.
        """
        out = []
        for u in self.children[v]:
            d = self.partial(u, v)
            if d == 0:
                continue
            if u == self.loss:
                out.append(Path((v, u), (d,), sp.S.One))
            elif u in self.adjoint:
                out.append(Path((v, u), (d,), self.adjoint[u]))
            else:
                for p in self.paths(u):
                    out.append(Path((v, *p.nodes), (d, *p.factors), p.adjoint))
        return out

    def chain(self, v: sp.Symbol) -> sp.Expr:
        """∂L/∂v by the one-step chain rule, in the deck's named ε and δ."""
        return sp.Add(*(p.expr for p in self.paths(v)))

    def tangent(self, v: sp.Symbol, target: sp.Symbol | None = None) -> sp.Expr:
        """∂target/∂v (default target: L) by forward mode through every later definition.

        The result is an expression in forward quantities only (node and leaf symbols); no
        ε or δ and no recursion of the deck enter it.
        """
        target = self.loss if target is None else target
        key = (v,)
        if key not in self._tangents:
            dot = {v: sp.S.One}
            for u in self.order:
                terms = [self.partial(u, a) * dot[a] for a in self.args[u] if a in dot]
                if terms:
                    dot[u] = sp.Add(*terms)
            self._tangents[key] = dot
        return self._tangents[key].get(target, sp.S.Zero)

    @staticmethod
    def unroll(adjoint: sp.Symbol, closed: dict, memo: dict | None = None) -> sp.Expr:
        """A recursion ``closed`` (adjoint symbol -> expression) unrolled to forward quantities.

        Every adjoint symbol in ``closed[adjoint]`` is replaced by its own unrolled
        expression, until none is left. Symbols without an entry (beyond the last step) are
        zero.
        """
        memo = {} if memo is None else memo
        if adjoint in memo:
            return memo[adjoint]
        expr = closed.get(adjoint, sp.S.Zero)
        sub = {a: Graph.unroll(a, closed, memo) for a in expr.free_symbols if a in closed}
        memo[adjoint] = out = expr.xreplace(sub) if sub else expr
        return out

    # -- numbers ------------------------------------------------------------------------------
    def evaluate_nodes(self, values: dict, modules, key: str = "") -> dict:
        """Every node's value from the leaves' values (numpy arrays), in definition order.

        ``modules`` are lambdify's (the numeric squashes); the compiled definitions are
        cached under ``key``, so pass a different key with different modules.
        """
        values = dict(values)
        for u in self.order:
            if (key, u) not in self._node_fns:
                fn = sp.lambdify(self.args[u], self.defs[u], modules=modules)
                self._node_fns[key, u] = fn
            values[u] = self._node_fns[key, u](*(values[a] for a in self.args[u]))
        return values


def lambdify_many(exprs, values: dict, modules, shape) -> np.ndarray:
    """Evaluate a list of expressions at ``values`` (symbol -> array); one lambdify, with cse."""
    exprs = [sp.sympify(e) for e in exprs]
    atoms = sorted(set().union(*(e.free_symbols for e in exprs)), key=str)
    fn = sp.lambdify(atoms, exprs, modules=modules, cse=True)
    out = fn(*(values[a] for a in atoms))
    return np.array([np.broadcast_to(np.asarray(o, dtype=np.float64), shape) for o in out])


def is_zero(expr) -> bool:
    """Whether ``expr`` -- a polynomial in symbols and function values such as f'(a_ι^2) --
    is identically zero.

    Each symbol and each function value is a variable; the expression is multiplied out in
    SymPy's sparse polynomial ring (exact rational coefficients), visiting every shared
    subexpression once. That is ``sympy.expand(expr) == 0`` without its cost: the unrolled
    gradients are sums of hundreds of products, shared between steps.
    """
    expr = sp.sympify(expr)
    gens = sorted(_variables(expr), key=sp.default_sort_key)
    if not gens:
        return expr == 0
    R, *_ = sp.ring(gens, sp.QQ)
    index = {g: k for k, g in enumerate(gens)}
    try:
        return _to_poly(expr, R, index, {}) == 0
    except _NotPolynomial:
        return sp.expand(expr) == 0


class _NotPolynomial(Exception):
    pass


def _variables(expr) -> set:
    """The polynomial variables of ``expr``: symbols and applied functions (not Add/Mul/Pow)."""
    out, stack, seen = set(), [expr], set()
    while stack:
        e = stack.pop()
        if e in seen:
            continue
        seen.add(e)
        if e.is_Number:
            continue
        if e.is_Add or e.is_Mul or (e.is_Pow and e.exp.is_Integer and e.exp >= 0):
            stack.extend(e.args)
        else:
            out.add(e)
    return out


def _to_poly(e, R, index, memo):
    if e in memo:
        return memo[e]
    if e.is_Number:
        if not e.is_Rational:
            raise _NotPolynomial(e)
        out = R(e)
    elif e in index:
        out = R.gens[index[e]]
    elif e.is_Add:
        out = R.zero
        for a in e.args:
            out += _to_poly(a, R, index, memo)
    elif e.is_Mul:
        out = R.one
        for a in e.args:
            out *= _to_poly(a, R, index, memo)
    elif e.is_Pow and e.exp.is_Integer and e.exp >= 0:
        out = _to_poly(e.base, R, index, memo) ** int(e.exp)
    else:
        raise _NotPolynomial(e)
    memo[e] = out
    return out
