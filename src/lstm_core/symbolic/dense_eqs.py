"""The dense layer (the deck's ANN), derived by machine: δ_j, ∂L/∂w_ij, ∂L/∂β_j, ∂L/∂x_i.

One layer of m neurons on an n-vector, squared error against targets z:

    a_j = Σ_i w_ij x_i + β_j,     y_j = θ(a_j),     L = 1/2 Σ_j (y_j - z_j)^2

with θ an abstract squash (the identities hold for any θ; numbers use ``lstm_core.dense``'s
tanh, sigmoid or identity). The closed forms are those of ``lstm_core.dense.backward``:

    δ_j = θ'(a_j) (y_j - z_j),   ∂L/∂w_ij = δ_j x_i,   ∂L/∂β_j = δ_j,   ∂L/∂x_i = Σ_j w_ij δ_j.

Besides the graph's one-step chain rule and forward mode, the layer is small enough for a
third, entirely independent proof: ``sympy.diff`` of L written out in full (every definition
substituted), which checks the graph machinery itself.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from .. import dense as _dense
from .. import losses as _losses
from ..activations import ACTIVATIONS
from ..gradcheck import relative_error
from .derivation import Derivation, backward_item, clean, deep_difference, total
from .graph import Graph, Sym, is_zero, lambdify_many, squash

__all__ = ["DenseModel", "derive_dense"]

_PRIME = {
    "tanh": lambda a: 1.0 - np.tanh(a) ** 2,
    "sigmoid": lambda a: ACTIVATIONS["sigmoid"][0](a) * (1.0 - ACTIVATIONS["sigmoid"][0](a)),
    "identity": lambda a: np.ones_like(a),
}
theta, theta_p, _ = squash("theta", r"\theta", None, None)


def _modules(activation: str):
    fn = ACTIVATIONS[activation][0]
    return [{"theta": lambda a: fn(np.asarray(a, dtype=float)), "thetap": _PRIME[activation]},
            "numpy"]


class DenseModel:
    """The layer as a graph: ``n_in`` inputs x_i, ``n_out`` units, bias β_j, targets z_j."""

    def __init__(self, n_in: int = 3, n_out: int = 2):
        self.n, self.m = n_in, n_out
        G = self.graph = Graph()
        new = Sym.new
        I, J = range(1, n_in + 1), range(1, n_out + 1)
        self.x = {i: G.leaf(new(f"dense_x{i}", f"x_{{{i}}}")) for i in I}
        self.w = {(i, j): G.leaf(new(f"dense_w{i}{j}", f"w_{{{i}{j}}}")) for j in J for i in I}
        self.beta = {j: G.leaf(new(f"dense_beta{j}", rf"\beta_{{{j}}}")) for j in J}
        self.z = {j: G.leaf(new(f"dense_z{j}", f"z_{{{j}}}")) for j in J}
        self.a, self.y, self.delta = {}, {}, {}
        for j in J:
            self.a[j] = G.node(new(f"dense_a{j}", f"a_{{{j}}}"),
                               sp.Add(*(self.w[i, j] * self.x[i] for i in I)) + self.beta[j])
            self.y[j] = G.node(new(f"dense_y{j}", f"y_{{{j}}}"), theta(self.a[j]))
            self.delta[j] = G.name(self.a[j], new(f"dense_delta{j}", rf"\delta_{{{j}}}"))
        G.loss = G.node(new("dense_L", "L"),
                        sp.Rational(1, 2) * sp.Add(*((self.y[j] - self.z[j]) ** 2 for j in J)))
        self.grad = {v: new(f"dense_dL_d{v.name}", rf"\frac{{\partial L}}{{\partial {Sym._tex[v][0]}}}")
                     for v in [*self.w.values(), *self.beta.values(), *self.x.values()]}

    def closed(self) -> dict:
        """adjoint symbol -> closed form terms (lstm_core.dense.backward's formulas)."""
        J = range(1, self.m + 1)
        c = {self.delta[j]: [(theta_p(self.a[j]), self.y[j] - self.z[j])] for j in J}
        for (i, j), w in self.w.items():
            c[self.grad[w]] = [(self.delta[j], self.x[i])]
        for j, b in self.beta.items():
            c[self.grad[b]] = [(self.delta[j],)]
        for i, x in self.x.items():
            c[self.grad[x]] = [(self.w[i, j], self.delta[j]) for j in J]
        return c

    def explicit_loss(self) -> sp.Expr:
        """L with every definition substituted: a function of x, w, β, z only."""
        sub = {}
        for u in self.graph.order:
            sub[u] = self.graph.defs[u].xreplace(sub)
        return sub[self.graph.loss]


@lru_cache(maxsize=4)
def _model(n_in, n_out) -> DenseModel:
    return DenseModel(n_in, n_out)


def derive_dense(*, n_in: int = 3, n_out: int = 2, activation: str = "tanh") -> Derivation:
    """The dense layer's gradients, derived, proved and ready to check against lstm_core.dense.

    Parameters
    ----------
    n_in, n_out : int
        n inputs, m units.
    activation : {"tanh", "sigmoid", "identity"}
        θ for the numbers (the proofs hold for any θ).

    Returns
    -------
    Derivation
        Items δ_1, ∂L/∂w_11, ∂L/∂β_1, ∂L/∂x_1; proofs for every unit, weight and input:
        one-step chain rule, forward mode, and ``sympy.diff`` of the fully written-out L.
    """
    if activation not in _PRIME:
        raise ValueError(f"activation: expected one of {sorted(_PRIME)}, got {activation!r}")
    m = _model(n_in, n_out)
    G = m.graph
    closed_terms = m.closed()
    closed = {k: total(v) for k, v in closed_terms.items()}
    L_explicit = m.explicit_loss()
    expand_defs = {}
    for u in G.order:
        expand_defs[u] = G.defs[u].xreplace(expand_defs)

    targets = ([(m.delta[j], m.a[j]) for j in m.delta]
               + [(m.grad[v], v) for v in [*m.w.values(), *m.beta.values(), *m.x.values()]])
    shown = {m.delta[1], m.grad[m.w[1, 1]], m.grad[m.beta[1]], m.grad[m.x[1]]}
    items, proofs, memo = [], {}, {}
    for adj, v in targets:
        item = backward_item(G, adj, v, clean(closed_terms[adj]), None)
        proofs[f"one step, {v}"] = item.difference
        if adj in shown:
            items.append(item)
        unrolled = Graph.unroll(adj, closed, memo)
        proofs[f"forward mode, {v}"] = deep_difference(G.tangent(v) - unrolled)
        if v in G.leaves:  # the explicit L can only be differentiated by its leaves
            explicit = sp.diff(L_explicit, v) - unrolled.xreplace(expand_defs)
            ok = is_zero(explicit)  # θ(Σ w x + β), θ'(...) are variables of the polynomial
            proofs[f"sympy.diff of explicit L, {v}"] = sp.S.Zero if ok else explicit

    def numeric(rng, n):
        params = _dense.DenseParams(W=rng.uniform(-1, 1, (n_out, n_in)),
                                    b=rng.uniform(-1, 1, n_out), activation=activation)
        x, z = rng.normal(size=(n, n_in)), rng.uniform(-1, 1, (n, n_out))
        trace = _dense.forward(params, x)
        _, dy = _losses.squared_error(trace.y, z)
        grads = _dense.backward(params, trace, dy)
        values = {}
        for i, s in m.x.items():
            values[s] = x[:, i - 1]
        for (i, j), s in m.w.items():
            values[s] = params.W[j - 1, i - 1]
        for j in m.beta:
            values[m.beta[j]], values[m.z[j]] = params.b[j - 1], z[:, j - 1]
        mods = _modules(activation)
        values = G.evaluate_nodes(values, mods, key=activation)
        errors, memo2 = {}, {}
        J, I = range(1, n_out + 1), range(1, n_in + 1)
        blocks = {  # name: (leaf or node per entry, engine array, sum over the batch?)
            "delta": ([m.a[j] for j in J], grads.delta.T, False),
            "W": ([m.w[i, j] for j in J for i in I], grads.W.reshape(-1), True),
            "b": ([m.beta[j] for j in J], grads.b, True),
            "x": ([m.x[i] for i in I], grads.x.T, False),
        }
        adj_of = {v: a for a, v in targets}
        for name, (vs, arr, reduce) in blocks.items():
            for side, exprs in (("machine", [G.tangent(v) for v in vs]),
                                ("deck", [Graph.unroll(adj_of[v], closed, memo2) for v in vs])):
                got = lambdify_many(exprs, values, mods, (n,))
                got = got.sum(axis=-1) if reduce else got
                errors[f"{name} {side}"] = relative_error(arr, got.reshape(arr.shape))
        return errors

    scope = (rf"n = {n_in}\text{{ inputs, }} m = {n_out}\text{{ units, }}"
             r"L = \tfrac12 \sum_j (y_j - z_j)^2\text{; numbers with }"
             rf"\theta = \mathrm{{{activation}}} \\ &\text{{proved for every unit, weight and "
             r"input, also against }\mathtt{sympy.diff}\text{ of } L \text{ written out}")
    deck = (r"a_j = \sum_i w_{ij} x_i + \beta_j,\quad y_j = \theta(a_j) \\ &\qquad"
            r"\delta_j = \theta'(a_j) \frac{\partial L}{\partial y_j},\ "
            r"\frac{\partial L}{\partial w_{ij}} = \delta_j x_i,\ "
            r"\frac{\partial L}{\partial \beta_j} = \delta_j,\ "
            r"\frac{\partial L}{\partial x_i} = \sum_j w_{ij} \delta_j")
    return Derivation("dense", ("The dense layer (ANN)", ""), deck, items, proofs, scope=scope,
                      engine_label=r"\mathtt{lstm\_core.dense}", _numeric=numeric,
                      deck_label=r"\text{closed form}")  # the deck has no ANN backward pass
