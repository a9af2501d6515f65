"""The vanilla RNN by machine: BPTT derived, and the Jacobian product behind vanishing gradients.

The model of ``lstm_core.rnn`` with H units and I inputs, unrolled over T steps, squared
error on the outputs:

    a_j^t = Σ_i W_ji x_i^t + Σ_l R_jl h_l^{t-1} + β_j,    h_j^t = tanh(a_j^t),
    L = 1/2 Σ_t Σ_j (h_j^t - z_j^t)^2.

BPTT, as ``lstm_core.rnn.backward`` computes it:

    ε_j^t = ∂L/∂h_j^t = (h_j^t - z_j^t) + Σ_l R_lj δ_l^{t+1},    δ_j^t = (1 - (h_j^t)^2) ε_j^t,
    ∂L/∂W_ji = Σ_t δ_j^t x_i^t,   ∂L/∂R_jl = Σ_t δ_j^t h_l^{t-1},   ∂L/∂β_j = Σ_t δ_j^t.

How far back an error reaches is governed by the Jacobian of the state,

    ∂h^t/∂h^k = ∏_{j=k+1}^{t} diag(1 - (h^j)^2) R      (the factor for j = t on the left),

whose norm is at most ||R||_2^{t-k}: it shrinks geometrically when ||R||_2 < 1 (Bengio,
Simard & Frasconi 1994; Pascanu, Mikolov & Bengio 2013). :func:`rnn_jacobian_product` proves
this product equal to the machine's Jacobian; :func:`rnn_jacobian` and
:func:`rnn_jacobian_norms` evaluate it for an RNN trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import sympy as sp

from .. import losses as _losses
from .. import rnn as _rnn
from .._checks import check_type
from ..gradcheck import relative_error
from .derivation import Derivation, backward_item, clean, deep_difference, sci_tex, total
from .graph import Graph, Sym, is_zero, lambdify_many, tex

__all__ = [
    "RNNModel",
    "derive_rnn",
    "rnn_jacobian_product",
    "rnn_jacobian",
    "rnn_jacobian_norms",
    "JacobianProduct",
]

MODULES = ["numpy"]


class RNNModel:
    """The unrolled RNN as a graph. Accessors return 0 outside the sequence."""

    def __init__(self, T: int = 3, n_in: int = 2, n_hidden: int = 2):
        self.T, self.I, self.H = T, n_in, n_hidden
        G = self.graph = Graph()
        new = Sym.new
        I, J, Ts = range(1, n_in + 1), range(1, n_hidden + 1), range(1, T + 1)
        self._x = {(i, t): G.leaf(new(f"rnn_x{i}_{t}", f"x_{{{i}}}^{{@}}", t)) for t in Ts for i in I}
        self._W = {(j, i): G.leaf(new(f"rnn_W{j}{i}", f"W_{{{j}{i}}}")) for j in J for i in I}
        self._R = {(j, l): G.leaf(new(f"rnn_R{j}{l}", f"R_{{{j}{l}}}")) for j in J for l in J}
        self._b = {j: G.leaf(new(f"rnn_b{j}", rf"\beta_{{{j}}}")) for j in J}  # the bias β_j (b in code)
        self._z = {(j, t): G.leaf(new(f"rnn_z{j}_{t}", f"z_{{{j}}}^{{@}}", t)) for t in Ts for j in J}
        self._h = {(j, 0): G.leaf(new(f"rnn_h{j}_0", f"h_{{{j}}}^{{@}}", 0)) for j in J}
        self._a = {}
        self._eps = {(j, t): new(f"rnn_eps{j}_{t}", rf"\epsilon_{{{j}}}^{{@}}", t)
                     for j in J for t in range(T + 1)}
        self._delta = {(j, t): new(f"rnn_delta{j}_{t}", rf"\delta_{{{j}}}^{{@}}", t)
                       for j in J for t in Ts}
        for j in J:
            G.name(self._h[j, 0], self._eps[j, 0])
        for t in Ts:
            for j in J:
                a = (sp.Add(*(self._W[j, i] * self._x[i, t] for i in I))
                     + sp.Add(*(self._R[j, l] * self._h[l, t - 1] for l in J)) + self._b[j])
                self._a[j, t] = G.node(new(f"rnn_a{j}_{t}", f"a_{{{j}}}^{{@}}", t), a)
                G.name(self._a[j, t], self._delta[j, t])
            for j in J:
                self._h[j, t] = G.node(new(f"rnn_h{j}_{t}", f"h_{{{j}}}^{{@}}", t),
                                       sp.tanh(self._a[j, t]))
                G.name(self._h[j, t], self._eps[j, t])
        G.loss = G.node(new("rnn_L", "L"), sp.Rational(1, 2) * sp.Add(
            *((self._h[j, t] - self._z[j, t]) ** 2 for t in Ts for j in J)))
        self.grad = {v: new(f"rnn_dL_d{v.name}", rf"\frac{{\partial L}}{{\partial {Sym._tex[v][0]}}}",
                            Sym._tex[v][1])
                     for v in [*self._W.values(), *self._R.values(), *self._b.values(),
                               *self._x.values()]}

    def x(self, i, t):
        return self._x.get((i, t), sp.S.Zero)

    def W(self, j, i):
        return self._W[j, i]

    def R(self, j, l):
        return self._R[j, l]

    def b(self, j):
        return self._b[j]

    def h(self, j, t):
        return self._h.get((j, t), sp.S.Zero)

    def a(self, j, t):
        return self._a.get((j, t), sp.S.Zero)

    def z(self, j, t):
        return self._z.get((j, t), sp.S.Zero)

    def eps(self, j, t):
        return self._eps.get((j, t), sp.S.Zero)

    def delta(self, j, t):
        return self._delta.get((j, t), sp.S.Zero)

    def h_vector(self, t) -> sp.Matrix:
        return sp.Matrix([self.h(j, t) for j in range(1, self.H + 1)])

    def R_matrix(self) -> sp.Matrix:
        J = range(1, self.H + 1)
        return sp.Matrix([[self.R(j, l) for l in J] for j in J])

    def leaf_values(self, params, x, h0, z) -> dict:
        v = {}
        for (i, t), s in self._x.items():
            v[s] = x[t - 1, :, i - 1]
        for (j, i), s in self._W.items():
            v[s] = params.W[j - 1, i - 1]
        for (j, l), s in self._R.items():
            v[s] = params.R[j - 1, l - 1]
        for j, s in self._b.items():
            v[s] = params.b[j - 1]
        for (j, t), s in self._z.items():
            v[s] = z[t - 1, :, j - 1]
        for j in range(1, self.H + 1):
            v[self._h[j, 0]] = h0[:, j - 1]
        return v


@lru_cache(maxsize=4)
def rnn_model(T: int = 3, n_in: int = 2, n_hidden: int = 2) -> RNNModel:
    return RNNModel(T, n_in, n_hidden)


# --------------------------------------------------------------------------------------------
# BPTT: closed forms


def eps_form(m: RNNModel, j: int, t: int) -> list[tuple]:
    """ε_j^t = (h_j^t - z_j^t) + Σ_l R_lj δ_l^{t+1} (no loss term at t = 0: h^0 is given)."""
    direct = [(m.h(j, t) - m.z(j, t),)] if t >= 1 else []
    return direct + [(m.R(l, j), m.delta(l, t + 1)) for l in range(1, m.H + 1)]


def delta_form(m: RNNModel, j: int, t: int) -> list[tuple]:
    """δ_j^t = (1 - (h_j^t)^2) ε_j^t."""
    return [(1 - m.h(j, t) ** 2, m.eps(j, t))]


def weight_form(m: RNNModel, v) -> list[tuple]:
    """∂L/∂W_ji = Σ_t δ_j^t x_i^t, ∂L/∂R_jl = Σ_t δ_j^t h_l^{t-1}, ∂L/∂β_j = Σ_t δ_j^t,
    ∂L/∂x_i^t = Σ_j W_ji δ_j^t."""
    Ts, J = range(1, m.T + 1), range(1, m.H + 1)
    for (j, i), s in m._W.items():
        if s == v:
            return [(m.delta(j, t), m.x(i, t)) for t in Ts]
    for (j, l), s in m._R.items():
        if s == v:
            return [(m.delta(j, t), m.h(l, t - 1)) for t in Ts]
    for j, s in m._b.items():
        if s == v:
            return [(m.delta(j, t),) for t in Ts]
    for (i, t), s in m._x.items():
        if s == v:
            return [(m.W(j, i), m.delta(j, t)) for j in J]
    raise KeyError(v)


def _random_rnn(m: RNNModel, rng, n: int):
    """Random RNN params (U(-1, 1), non-zero biases), inputs, h0, targets; lstm_core's BPTT."""
    params = _rnn.RNNParams(W=rng.uniform(-1, 1, (m.H, m.I)), R=rng.uniform(-1, 1, (m.H, m.H)),
                            b=rng.uniform(-1, 1, m.H))
    x, h0, z = rng.normal(size=(m.T, n, m.I)), rng.uniform(-1, 1, (n, m.H)), rng.uniform(
        -1, 1, (m.T, n, m.H))
    trace = _rnn.forward(params, x, h0)
    _, dh = _losses.squared_error(trace.h, z)
    return params, x, h0, z, trace, _rnn.backward(params, trace, dh)


def derive_rnn(*, t: int = 2, T: int = 3, n_in: int = 2, n_hidden: int = 2) -> Derivation:
    """Backpropagation through time for the vanilla RNN, derived, proved, ready to check.

    Returns
    -------
    Derivation
        Items ε_1^t, δ_1^t (shown at ``t``), ∂L/∂W_11, ∂L/∂R_12, ∂L/∂β_1; proofs for every
        unit at every step (t = 0 included: ∂L/∂h^0), every weight and every input; numbers
        against ``lstm_core.rnn.backward`` (``eps``, ``delta``, ``h0``, ``W``, ``R``, ``b``, ``x``).
    """
    if not 1 <= t <= T:
        raise ValueError(f"t: expected a step in 1..T = 1..{T}, got {t!r}")
    m = rnn_model(T, n_in, n_hidden)
    G = m.graph
    J, Ts = range(1, m.H + 1), range(1, m.T + 1)
    closed_terms = {}
    for j in J:
        for s in range(0, m.T + 1):
            closed_terms[m.eps(j, s)] = clean(eps_form(m, j, s))
        for s in Ts:
            closed_terms[m.delta(j, s)] = clean(delta_form(m, j, s))
    for v, g in m.grad.items():
        closed_terms[g] = clean(weight_form(m, v))
    closed = {k: total(v) for k, v in closed_terms.items()}

    targets = ([(m.eps(j, s), m.h(j, s)) for s in range(0, m.T + 1) for j in J]
               + [(m.delta(j, s), m.a(j, s)) for s in Ts for j in J]
               + [(g, v) for v, g in m.grad.items()])
    shown = [m.eps(1, t), m.delta(1, t), m.grad[m.W(1, 1)], m.grad[m.R(1, 2 if m.H > 1 else 1)],
             m.grad[m.b(1)]]
    items, proofs, memo = {}, {}, {}
    for adj, v in targets:
        t0 = t if adj in shown[:2] else None
        item = backward_item(G, adj, v, closed_terms[adj], t0)
        proofs[f"one step, {adj}"] = item.difference
        if adj in shown:
            items[adj] = item
        proofs[f"unrolled vs forward mode, {adj}"] = deep_difference(
            G.tangent(v) - Graph.unroll(adj, closed, memo))

    def numeric(rng, n):
        params, x, h0, z, trace, grads = _random_rnn(m, rng, n)
        values = G.evaluate_nodes(m.leaf_values(params, x, h0, z), MODULES)
        I = range(1, m.I + 1)
        blocks = {  # name: (graph symbols, engine array, sum over the batch?)
            "eps": ([m.h(j, s) for s in range(0, m.T + 1) for j in J],
                    np.concatenate([grads.h0[None], grads.eps]).transpose(0, 2, 1), False),
            "delta": ([m.a(j, s) for s in Ts for j in J], grads.delta.transpose(0, 2, 1), False),
            "W": ([m.W(j, i) for j in J for i in I], grads.W, True),
            "R": ([m.R(j, l) for j in J for l in J], grads.R, True),
            "b": ([m.b(j) for j in J], grads.b, True),
            "x": ([m.x(i, s) for s in Ts for i in I], grads.x.transpose(0, 2, 1), False),
        }
        adj_of = {v: a for a, v in targets}
        errors, memo2 = {}, {}
        for name, (vs, arr, reduce) in blocks.items():
            for side, exprs in (("machine", [G.tangent(v) for v in vs]),
                                ("deck", [Graph.unroll(adj_of[v], closed, memo2) for v in vs])):
                got = lambdify_many(exprs, values, MODULES, (n,))
                got = got.sum(axis=-1) if reduce else got
                errors[f"{name} {side}"] = relative_error(arr, got.reshape(arr.shape))
        return errors

    deck = (r"\epsilon_j^t = (h_j^t - z_j^t) + \sum_l R_{lj} \delta_l^{t+1},\quad"
            r"\delta_j^t = \left(1 - (h_j^t)^2\right) \epsilon_j^t \\ &\qquad"
            r"\frac{\partial L}{\partial W_{ji}} = \sum_t \delta_j^t x_i^t,\quad"
            r"\frac{\partial L}{\partial R_{jl}} = \sum_t \delta_j^t h_l^{t-1},\quad"
            r"\frac{\partial L}{\partial \beta_j} = \sum_t \delta_j^t")
    scope = (rf"H = {m.H}\text{{ units, }} I = {m.I}\text{{ inputs, }} T = {m.T}"
             r"\text{ steps, } h_j^t = \tanh(a_j^t),\ L = \tfrac12 \sum_t \sum_j (h_j^t - z_j^t)^2"
             rf" \\ &\text{{shown at }} t = {t}\text{{; proved for every unit at every }}"
             rf" t = 0,\dots,{m.T}\text{{, every weight and every input}}")
    return Derivation("rnn", ("The RNN: backpropagation through time", ""), deck,
                      [items[a] for a in shown], proofs, scope=scope,
                      engine_label=r"\mathtt{lstm\_core.rnn}", _numeric=numeric,
                      deck_label=r"\text{closed form}")  # the deck has no RNN backward pass


# --------------------------------------------------------------------------------------------
# The Jacobian product


def _check_trace(params, trace):
    check_type("params", params, _rnn.RNNParams)
    check_type("trace", trace, _rnn.RNNTrace)
    if trace.h.shape[2] != params.n_hidden:
        raise ValueError(f"trace: expected H = {params.n_hidden} (from params), "
                         f"got h of shape {trace.h.shape}")


def _check_step(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise ValueError(f"{name}: expected an integer in [{lo}, {hi}], got {value!r}")
    return int(value)


def rnn_jacobian(params, trace, t: int, k: int, n: int = 0) -> np.ndarray:
    """∂h^t/∂h^k = ∏_{j=k+1}^{t} diag(1 - (h^j)^2) R for sample ``n`` of an RNN trace.

    Parameters
    ----------
    params : lstm_core.rnn.RNNParams
    trace : lstm_core.rnn.RNNTrace
        From ``rnn.forward(params, x, h0)``; ``trace.h[t-1]`` is h^t, ``trace.h0`` is h^0.
    t, k : int
        Steps with 0 <= k <= t <= T.
    n : int
        The sample of the batch.

    Returns
    -------
    ndarray of shape `(H, H)`
        Entry [j, l] = ∂h_j^t/∂h_l^k; the identity when k = t.
    """
    _check_trace(params, trace)
    T, N, H = trace.h.shape
    t = _check_step("t", t, 0, T)
    k = _check_step("k", k, 0, t)
    n = _check_step("n", n, 0, N - 1)
    J = np.eye(H)
    for j in range(t, k, -1):  # left to right: j = t, t-1, ..., k+1
        hj = trace.h[j - 1, n]  # (H,)
        J = J @ ((1.0 - hj * hj)[:, None] * params.R)  # (H, H) @ diag(1 - h^2) R
    return J


def rnn_jacobian_norms(params, trace, t: int | None = None, n: int = 0, ord=2) -> np.ndarray:
    """‖∂h^t/∂h^{t-d}‖ for every distance d = 0, 1, ..., t: how fast the influence fades.

    Parameters
    ----------
    params, trace, n : see :func:`rnn_jacobian`
    t : int, optional
        The step looked back from (default: the last, T).
    ord : {2, "fro", ...}
        The matrix norm (``numpy.linalg.norm``'s ``ord``); 2 is the spectral norm.

    Returns
    -------
    ndarray of shape `(t + 1,)`
        Entry d is the norm of ∂h^t/∂h^{t-d}; entry 0 is the norm of the identity.
    """
    _check_trace(params, trace)
    T, N, H = trace.h.shape
    t = T if t is None else _check_step("t", t, 0, T)
    n = _check_step("n", n, 0, N - 1)
    out = np.empty(t + 1)
    J = np.eye(H)
    out[0] = np.linalg.norm(J, ord)
    for j in range(t, 0, -1):
        hj = trace.h[j - 1, n]
        J = J @ ((1.0 - hj * hj)[:, None] * params.R)  # now ∂h^t/∂h^{j-1}
        out[t - j + 1] = np.linalg.norm(J, ord)
    return out


def jacobian_by_bptt(params, trace, t: int, k: int) -> np.ndarray:
    """∂h^t/∂h^k for every sample, `(N, H, H)`, from ``lstm_core.rnn.backward``: with
    ∂L/∂h^t = e_j and nothing else, BPTT's ε^k is row j of the Jacobian."""
    T, N, H = trace.h.shape
    out = np.empty((N, H, H))
    for j in range(H):
        dh = np.zeros((T, N, H))
        dh[t - 1, :, j] = 1.0
        g = _rnn.backward(params, trace, dh)
        out[:, j, :] = g.h0 if k == 0 else g.eps[k - 1]
    return out


def jacobian_by_finite_differences(params, trace, t: int, k: int, n: int = 0,
                                   step: float = 1e-6) -> np.ndarray:
    """∂h^t/∂h^k of sample ``n`` by central differences: nudge h^k, rerun steps k+1..t."""
    H = params.n_hidden
    if t == k:
        return np.eye(H)
    hk = trace.h0[n] if k == 0 else trace.h[k - 1, n]
    x = trace.x[k:t, n : n + 1]  # (t-k, 1, I)
    out = np.empty((H, H))
    for l in range(H):
        e = np.zeros(H)
        e[l] = step
        hp = _rnn.forward(params, x, (hk + e)[None]).h[-1, 0]
        hm = _rnn.forward(params, x, (hk - e)[None]).h[-1, 0]
        out[:, l] = (hp - hm) / (2 * step)
    return out


@dataclass(repr=False)
class JacobianProduct(Derivation):
    """∂h^t/∂h^k: the product formula, proved against the machine's Jacobian.

    Attributes
    ----------
    t, k : int
    expr : sympy.MatMul
        The product diag(1 - (h^t)^2) R diag(1 - (h^{t-1})^2) R ... for these t, k,
        unevaluated: ``symbolic.tex(expr)`` shows it in the deck's symbols, ``expr.doit()``
        multiplies it out.
    machine_matrix : sympy.Matrix
        The machine's Jacobian (forward mode through the graph), `(H, H)`.
    step_machine, step_closed : sympy.Matrix
        One step, ∂h^j/∂h^{j-1}: ``sympy.Matrix.jacobian`` of tanh(W x + R h + b), and
        diag(1 - (h^j)^2) R.
    fd_error : float
        Relative error of the product against central differences (set by :meth:`check`).
    """

    t: int = 0
    k: int = 0
    expr: sp.Expr = None
    machine_matrix: sp.Matrix = None
    step_machine: sp.Matrix = None
    step_closed: sp.Matrix = None
    fd_error: float | None = None
    model: RNNModel = field(default=None, repr=False)

    generic_latex = (r"\frac{\partial h^t}{\partial h^k} = \prod_{j=k+1}^{t}"
                     r"\operatorname{diag}\!\left(1 - (h^j)^2\right) R")

    def latex(self, numeric: bool = True) -> str:
        m, j = self.model, self.t
        rows = [r"&\textbf{The RNN: how far back an error reaches}",
                rf"&{self.generic_latex}\qquad\text{{(the factor }}j = t\text{{ on the left)}}",
                r"&\text{machine, one step: }\mathtt{sympy.Matrix.jacobian}\text{ of }"
                r"h^j = \tanh(W x^j + R h^{j-1} + \beta)",
                rf"\frac{{\partial h^j}}{{\partial h^{{j-1}}}} &= {tex(self.step_machine, j, 'j')}",
                rf"&= {tex(self._step_product(), j, 'j')}"
                + (r" \;\checkmark" if self.proofs["one step"] == 0 else r"\;\text{(NOT proved)}")]
        d = self.t - self.k
        if 1 <= d <= 2:  # wider would overflow the page
            rows.append(rf"\frac{{\partial h^{{{self.t}}}}}{{\partial h^{{{self.k}}}}} &= "
                        + tex(self.expr))
        rows.append(rf"&\text{{for }} t = {self.t}, k = {self.k}\text{{: the product of {d} "
                    rf"factor{'s' if d != 1 else ''} minus the machine's Jacobian (forward mode, "
                    rf"{m.H * m.H} entries) }} = 0"
                    + (r"\;\checkmark" if self.proved else r"\;\text{(NOT proved)}"))
        rows.append(r"&\text{since } 0 < 1 - (h_i^j)^2 \le 1:\quad \left\|\frac{\partial h^t}"
                    r"{\partial h^k}\right\|_2 \le \|R\|_2^{\,t-k}")
        if numeric:
            err = self.numeric_error
            ok = r"\;\checkmark" if err < 1e-12 else r"\;\text{(TOO LARGE)}"
            rows.append(rf"&\text{{numbers vs BPTT in }}\mathtt{{lstm\_core.rnn}}\text{{: relative "
                        rf"error }}{sci_tex(err)}{ok}\text{{; vs central differences: }}"
                        rf"{sci_tex(self.fd_error)}")
        return "$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$"

    def _step_product(self) -> sp.Expr:
        m, j = self.model, self.t
        D = sp.ImmutableMatrix(sp.diag(*[1 - m.h(i, j) ** 2 for i in range(1, m.H + 1)]))
        return sp.MatMul(D, sp.ImmutableMatrix(m.R_matrix()), evaluate=False)

    def check(self, rng=None, n_samples: int = 3) -> float:
        """Largest relative error of the symbolic product, the machine's Jacobian and
        :func:`rnn_jacobian` against BPTT (``lstm_core.rnn.backward``); the error against
        central differences (about 1e-10, the differences' own error) goes to
        :attr:`fd_error`."""
        err = super().check(rng, n_samples)
        self.fd_error = self.numeric_errors.pop("finite differences")
        return max(self.numeric_errors.values()) if self.numeric_errors else err

    def __repr__(self) -> str:
        return (f"<JacobianProduct dh^{self.t}/dh^{self.k}: "
                f"{'proved' if self.proved else 'NOT proved'}>")


def rnn_jacobian_product(t: int = 3, k: int = 0, *, T: int | None = None, n_in: int = 2,
                         n_hidden: int = 2) -> JacobianProduct:
    """∂h^t/∂h^k = ∏_{j=k+1}^{t} diag(1 - (h^j)^2) R, proved against the machine's Jacobian.

    Parameters
    ----------
    t, k : int
        0 <= k <= t; the model is unrolled over ``T`` steps (default ``t``).
    n_in, n_hidden : int
        I and H of the symbolic RNN.

    Returns
    -------
    JacobianProduct
        Displays as LaTeX; ``.expr`` the SymPy product, ``.proved``, ``.check(rng)``;
        evaluate for a real trace with :func:`rnn_jacobian` / :func:`rnn_jacobian_norms`.
    """
    T = t if T is None else T
    if not 0 <= k <= t <= T or t < 1:
        raise ValueError(f"t, k: expected 0 <= k <= t <= T and t >= 1, got t={t}, k={k}, T={T}")
    m = rnn_model(T, n_in, n_hidden)
    G = m.graph
    H = range(1, m.H + 1)
    factors = [sp.diag(*[1 - m.h(i, j) ** 2 for i in H]) * m.R_matrix() for j in range(t, k, -1)]
    closed = sp.eye(m.H)
    for F in factors:
        closed = closed * F
    machine = sp.Matrix(m.H, m.H, lambda r, c: G.tangent(m.h(c + 1, k), m.h(r + 1, t)))
    proofs = {f"entry ({r + 1},{c + 1})": deep_difference(machine[r, c] - closed[r, c])
              for r in range(m.H) for c in range(m.H)}
    # One step, by SymPy's own Matrix.jacobian of the written-out step.
    j = t
    a = sp.Matrix([G.defs[m.a(i, j)] for i in H])
    step = a.applyfunc(sp.tanh).jacobian(m.h_vector(j - 1))
    step = step.xreplace({sp.tanh(G.defs[m.a(i, j)]): m.h(i, j) for i in H})
    step_closed = sp.diag(*[1 - m.h(i, j) ** 2 for i in H]) * m.R_matrix()
    proofs["one step"] = sp.S.Zero if all(is_zero(e) for e in step - step_closed) else (
        step - step_closed)
    R = sp.ImmutableMatrix(m.R_matrix())
    shown = []
    for j in range(t, k, -1):
        shown += [sp.ImmutableMatrix(sp.diag(*[1 - m.h(i, j) ** 2 for i in H])), R]
    expr = sp.MatMul(*shown, evaluate=False) if shown else sp.ImmutableMatrix(sp.eye(m.H))

    def numeric(rng, n):
        params, x, h0, z, trace, _ = _random_rnn(m, rng, n)
        values = G.evaluate_nodes(m.leaf_values(params, x, h0, z), MODULES)
        bptt = jacobian_by_bptt(params, trace, t, k)  # (N, H, H)
        flat = bptt.transpose(1, 2, 0).reshape(m.H * m.H, n)
        errors = {}
        for name, mat in (("product", closed), ("machine", machine)):
            got = lambdify_many(list(mat), values, MODULES, (n,))
            errors[name] = relative_error(flat, got)
        errors["rnn_jacobian"] = relative_error(
            bptt, np.stack([rnn_jacobian(params, trace, t, k, s) for s in range(n)]))
        errors["finite differences"] = relative_error(
            bptt, np.stack([jacobian_by_finite_differences(params, trace, t, k, s)
                            for s in range(n)]))
        return errors

    return JacobianProduct(
        number="rnn-jacobian", title=("The RNN Jacobian product", ""),
        deck_tex=JacobianProduct.generic_latex, items=[], proofs=proofs, _numeric=numeric,
        t=t, k=k, expr=expr, machine_matrix=machine, step_machine=step, step_closed=step_closed,
        model=m, engine_label=r"\mathtt{lstm\_core.rnn}",
    )
