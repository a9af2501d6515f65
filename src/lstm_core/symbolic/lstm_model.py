"""One peephole LSTM block, unrolled over T steps, as a SymPy graph in the deck's symbols.

The model of the book's chapters 4-5 with one block (the deck's C = 1, H = 1), I inputs, and an
output layer of K linear units on top so that the first sum of eq. (6) is there too:

    (1)-(5)  the block, its forward definitions written exactly as the deck writes them
             (:func:`forward_terms`);
    y_k^t = w_ck b_c^t + β_k,        L = 1/2 Σ_t Σ_k (y_k^t - z_k^t)^2.

Symbols (LaTeX in brackets): inputs x_i^t; input weights w_iι, w_iφ, w_ic, w_iω
[``w_{1\\iota}``]; recurrent weights w_hι, ..., from the block's own output b_c^{t-1} (with one
block, the deck's h *is* c; written h to keep them apart from the peepholes w_cι, w_cφ, w_cω);
biases β_ι, β_φ, β_c, β_ω; initial states b_c^0 and s_c^0; output weights w_ck, biases β_k,
targets z_k^t. The squashes f, g, h stay abstract functions (so every identity proved holds for
any squashes); numbers use f = sigmoid and g = h = tanh, as ``lstm_core.lstm`` does.

Gate keys follow ``lstm_core``: ``"i"`` ι input gate, ``"f"`` φ forget gate, ``"c"`` cell
input, ``"o"`` ω output gate, in the engine's row-block order.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from .graph import Graph, Sym, squash

GATES = ("i", "f", "c", "o")  # row-block order of lstm_core (and PyTorch)
PEEPS = ("i", "f", "o")  # rows of lstm_core's p
GREEK = {"i": r"\iota", "f": r"\phi", "c": "c", "o": r"\omega"}


def _sigmoid(a):
    return 0.5 + 0.5 * np.tanh(0.5 * a)


def _sigmoid_prime(a):
    s = _sigmoid(a)
    return s * (1.0 - s)


def _tanh_prime(a):
    t = np.tanh(a)
    return 1.0 - t * t


f, fp, _impl_f = squash("f", "f", _sigmoid, _sigmoid_prime)
g, gp, _impl_g = squash("g", "g", np.tanh, _tanh_prime)
h, hp, _impl_h = squash("h", "h", np.tanh, _tanh_prime)
MODULES = [{**_impl_f, **_impl_g, **_impl_h}, "numpy"]


class LSTMModel:
    """The unrolled block: a :class:`~lstm_core.symbolic.graph.Graph` plus the deck's names.

    Parameters
    ----------
    T : int
        Sequence length (3 or more shows every path of the backward pass at an inner step).
    n_in : int
        I, the number of inputs.
    n_out : int
        K, the number of output units.

    Accessors return ``0`` for a quantity outside the sequence (t > T, or an output at t = 0):
    that is the deck's "all terms at t = T + 1 are zero", and it also gives the gradients of
    the initial states at t = 0.
    """

    f, fp, g, gp, h, hp = f, fp, g, gp, h, hp

    def __init__(self, T: int = 3, n_in: int = 2, n_out: int = 2):
        self.T, self.I, self.K = T, n_in, n_out
        G = self.graph = Graph()
        new = Sym.new
        self._x = {(i, t): G.leaf(new(f"x{i}_{t}", f"x_{{{i}}}^{{@}}", t))
                   for t in range(1, T + 1) for i in range(1, n_in + 1)}
        self._w_in = {(i, q): G.leaf(new(f"w_x{i}_{q}", f"w_{{{i}{GREEK[q]}}}"))
                      for q in GATES for i in range(1, n_in + 1)}
        self._w_rec = {q: G.leaf(new(f"w_h_{q}", f"w_{{h{GREEK[q]}}}")) for q in GATES}
        self._w_peep = {q: G.leaf(new(f"w_c_{q}", f"w_{{c{GREEK[q]}}}")) for q in PEEPS}
        self._bias = {q: G.leaf(new(f"beta_{q}", rf"\beta_{{{GREEK[q]}}}")) for q in GATES}
        self._w_out = {k: G.leaf(new(f"w_c_k{k}", f"w_{{c{k}}}")) for k in range(1, n_out + 1)}
        self._bias_out = {k: G.leaf(new(f"beta_k{k}", rf"\beta_{{{k}}}"))
                          for k in range(1, n_out + 1)}
        self._z = {(k, t): G.leaf(new(f"z{k}_{t}", f"z_{{{k}}}^{{@}}", t))
                   for t in range(1, T + 1) for k in range(1, n_out + 1)}
        self._b_c = {0: G.leaf(new("b_c_0", "b_{c}^{@}", 0))}
        self._s = {0: G.leaf(new("s_0", "s_{c}^{@}", 0))}
        self._a, self._b, self._y = {}, {}, {}

        # Named ∂L/∂v: the deck's ε and δ (and δ_k of the output layer).
        self._eps_c = {t: new(f"eps_c_{t}", r"\epsilon_{c}^{@}", t) for t in range(T + 1)}
        self._eps_s = {t: new(f"eps_s_{t}", r"\epsilon_{s}^{@}", t) for t in range(T + 1)}
        self._delta = {(q, t): new(f"delta_{q}_{t}", rf"\delta_{{{GREEK[q]}}}^{{@}}", t)
                       for q in GATES for t in range(1, T + 1)}
        self._delta_k = {(k, t): new(f"delta_k{k}_{t}", rf"\delta_{{{k}}}^{{@}}", t)
                         for k in range(1, n_out + 1) for t in range(1, T + 1)}
        self.grad_symbols = {}  # weight or input leaf -> symbol ∂L/∂w
        for w in self.weights() + list(self._x.values()):
            name = Sym._tex[w][0]
            template = rf"\frac{{\partial L}}{{\partial {name}}}"
            t = Sym._tex[w][1]
            self.grad_symbols[w] = new(f"dL_d{w.name}", template, t)

        G.name(self._b_c[0], self._eps_c[0])
        G.name(self._s[0], self._eps_s[0])
        for t in range(1, T + 1):
            for q in ("i", "f"):
                self._node_a(q, t)
                self._b[q, t] = G.node(new(f"b_{q}_{t}", rf"b_{{{GREEK[q]}}}^{{@}}", t),
                                       f(self._a[q, t]))
            self._node_a("c", t)
            self._s[t] = G.node(new(f"s_{t}", "s_{c}^{@}", t), _sum(forward_terms(self, "s", t)))
            self._node_a("o", t)
            self._b["o", t] = G.node(new(f"b_o_{t}", r"b_{\omega}^{@}", t), f(self._a["o", t]))
            self._b_c[t] = G.node(new(f"b_c_{t}", "b_{c}^{@}", t),
                                  _sum(forward_terms(self, "b_c", t)))
            for k in range(1, n_out + 1):
                self._y[k, t] = G.node(new(f"y{k}_{t}", f"y_{{{k}}}^{{@}}", t),
                                       self._w_out[k] * self._b_c[t] + self._bias_out[k])
            G.name(self._s[t], self._eps_s[t])
            G.name(self._b_c[t], self._eps_c[t])
            for q in GATES:
                G.name(self._a[q, t], self._delta[q, t])
            for k in range(1, n_out + 1):
                G.name(self._y[k, t], self._delta_k[k, t])
        L = sp.Rational(1, 2) * sp.Add(*((self._y[k, t] - self._z[k, t]) ** 2
                                         for t in range(1, T + 1) for k in range(1, n_out + 1)))
        G.loss = G.node(Sym.new("L", "L"), L)

    def _node_a(self, q, t):
        self._a[q, t] = self.graph.node(
            Sym.new(f"a_{q}_{t}", rf"a_{{{GREEK[q]}}}^{{@}}", t), _sum(forward_terms(self, q, t))
        )

    # -- accessors (0 outside the sequence) -------------------------------------------------
    def x(self, i, t):
        return self._x.get((i, t), sp.S.Zero)

    def w_in(self, i, q):
        return self._w_in[i, q]

    def w_rec(self, q):
        return self._w_rec[q]

    def w_peep(self, q):
        return self._w_peep[q]

    def bias(self, q):
        return self._bias[q]

    def w_out(self, k):
        return self._w_out[k]

    def bias_out(self, k):
        return self._bias_out[k]

    def z(self, k, t):
        return self._z.get((k, t), sp.S.Zero)

    def a(self, q, t):
        return self._a.get((q, t), sp.S.Zero)

    def b(self, q, t):
        """b_ι, b_φ, b_ω (``q`` in "i", "f", "o"); ``b("c", t)`` is the cell output b_c^t."""
        if q == "c":
            return self._b_c.get(t, sp.S.Zero)
        return self._b.get((q, t), sp.S.Zero)

    def s(self, t):
        return self._s.get(t, sp.S.Zero)

    def y(self, k, t):
        return self._y.get((k, t), sp.S.Zero)

    def eps_c(self, t):
        return self._eps_c.get(t, sp.S.Zero)

    def eps_s(self, t):
        return self._eps_s.get(t, sp.S.Zero)

    def delta(self, q, t):
        return self._delta.get((q, t), sp.S.Zero)

    def delta_k(self, k, t):
        return self._delta_k.get((k, t), sp.S.Zero)

    def weights(self) -> list[sp.Symbol]:
        """Every weight of the block, in lstm_core's layout order: W, R, b, p."""
        return ([self._w_in[i, q] for q in GATES for i in range(1, self.I + 1)]
                + [self._w_rec[q] for q in GATES] + [self._bias[q] for q in GATES]
                + [self._w_peep[q] for q in PEEPS])

    def source(self, w, t):
        """The source of weight ``w`` at step t in eq. (12): what it multiplies."""
        for (i, q), v in self._w_in.items():
            if v == w:
                return q, self.x(i, t)
        for q, v in self._w_rec.items():
            if v == w:
                return q, self.b("c", t - 1)
        for q, v in self._bias.items():
            if v == w:
                return q, sp.S.One
        for q, v in self._w_peep.items():
            if v == w:
                return q, self.s(t) if q == "o" else self.s(t - 1)
        raise KeyError(w)

    # -- numbers ------------------------------------------------------------------------------
    def leaf_values(self, params, x, h0, s0, out, z) -> dict:
        """Leaf symbol -> numpy array (over the batch) from lstm_core-shaped arrays.

        ``params``: :class:`lstm_core.lstm.LSTMParams` with H = 1; ``x`` `(T, N, I)`;
        ``h0, s0`` `(N, 1)`; ``out``: :class:`lstm_core.dense.DenseParams` `(K, 1)`;
        ``z`` `(T, N, K)`.
        """
        v = {}
        for (i, t), s in self._x.items():
            v[s] = x[t - 1, :, i - 1]
        for r, q in enumerate(GATES):
            for i in range(1, self.I + 1):
                v[self._w_in[i, q]] = params.W[r, i - 1]
            v[self._w_rec[q]] = params.R[r, 0]
            v[self._bias[q]] = params.b[r]
        for r, q in enumerate(PEEPS):
            v[self._w_peep[q]] = params.p[r, 0]
        for k in range(1, self.K + 1):
            v[self._w_out[k]] = out.W[k - 1, 0]
            v[self._bias_out[k]] = out.b[k - 1]
        for (k, t), s in self._z.items():
            v[s] = z[t - 1, :, k - 1]
        v[self._b_c[0]] = h0[:, 0]
        v[self._s[0]] = s0[:, 0]
        return v


def _sum(terms):
    return sp.Add(*(sp.Mul(*t) for t in terms))


def forward_terms(m: LSTMModel, q: str, t: int) -> list[tuple]:
    """The deck's forward equations (1)-(5), term by term (each term a tuple of factors).

    ``q``: ``"i"``, ``"f"``, ``"c"``, ``"o"`` for the net inputs a_q^t of eqs (1)-(4);
    ``"s"`` for the state of eq. (3); ``"b_c"`` for the cell output of eq. (5).
    """
    if q == "s":  # (3)
        return [(m.b("f", t), m.s(t - 1)), (m.b("i", t), m.g(m.a("c", t)))]
    if q == "b_c":  # (5)
        return [(m.b("o", t), m.h(m.s(t)))]
    terms = [(m.w_in(i, q), m.x(i, t)) for i in range(1, m.I + 1)]
    terms.append((m.w_rec(q), m.b("c", t - 1)))
    if q in ("i", "f"):  # (1), (2): peepholes from the previous state
        terms.append((m.w_peep(q), m.s(t - 1)))
    elif q == "o":  # (4): the output gate peeps at the NEW state
        terms.append((m.w_peep(q), m.s(t)))
    terms.append((m.bias(q),))
    return terms


@lru_cache(maxsize=4)
def lstm_model(T: int = 3, n_in: int = 2, n_out: int = 2) -> LSTMModel:
    """The shared, cached model (building it takes a few milliseconds; proofs reuse it)."""
    return LSTMModel(T, n_in, n_out)
