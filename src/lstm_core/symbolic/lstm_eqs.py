"""Equations (1)-(12) of the book: the deck's closed forms, their proofs and numeric checks.

For the backward pass, (6)-(12), each equation is derived three ways:

1. the machine's one-step chain rule (:meth:`Graph.paths`) from the forward definitions,
   in the deck's ε and δ, compared with the deck's closed form at every step t = 0..T;
2. the deck's recursion (all of (6)-(11) and the output layer) unrolled to the end of the
   sequence, compared with forward-mode differentiation of the loss (:meth:`Graph.tangent`),
   which uses no recursion at all;
3. both evaluated at random numbers and compared with ``lstm_core.lstm.backward``.

For the forward pass, (1)-(5), the deck's per-unit sums are compared with the matrix form
``lstm_core`` computes (row blocks ι, φ, c, ω of W, R, b; peepholes p), the deck's
f = 1/(1 + e^{-a}) with the engine's ½ + ½ tanh(a/2), and the values with ``lstm.forward``.

The closed forms are functions ``form(m, t) -> list of terms`` (each term a tuple of factors)
so that a reader can pass a different one -- e.g. eq. (8) without the w_cω δ_ω^t path -- and
watch the proof fail (``derive(8, closed_form=...)``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from .. import dense as _dense
from .. import losses as _losses
from .. import lstm as _lstm
from ..gradcheck import relative_error
from .derivation import Derivation, Item, backward_item, clean, deep_difference, total
from .graph import Graph, is_zero, lambdify_many
from .lstm_model import GATES, MODULES, PEEPS, LSTMModel, forward_terms, lstm_model

__all__ = ["derive", "BACKWARD_FORMS", "FORWARD_FORMS", "random_point"]


# --------------------------------------------------------------------------------------------
# The deck's closed forms (chapters 4-5 of the book), term by term


def eq06(m: LSTMModel, t: int) -> list[tuple]:
    """(6) ε_c^t = Σ_k w_ck δ_k^t + Σ_g w_hg δ_g^{t+1} (g: the four gates/cell at t+1)."""
    return ([(m.w_out(k), m.delta_k(k, t)) for k in range(1, m.K + 1)]
            + [(m.w_rec(q), m.delta(q, t + 1)) for q in GATES])


def eq_output(m: LSTMModel, k: int, t: int) -> list[tuple]:
    """δ_k^t = ∂L/∂y_k^t = y_k^t - z_k^t: the output layer under squared error."""
    return [(m.y(k, t) - m.z(k, t),)]


def eq07(m: LSTMModel, t: int) -> list[tuple]:
    """(7) δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t."""
    return [(m.fp(m.a("o", t)), m.h(m.s(t)), m.eps_c(t))]


def eq08(m: LSTMModel, t: int) -> list[tuple]:
    """(8) ε_s^t = b_ω^t h'(s_c^t) ε_c^t + b_φ^{t+1} ε_s^{t+1} + w_cι δ_ι^{t+1} + w_cφ δ_φ^{t+1}
    + w_cω δ_ω^t."""
    return [
        (m.b("o", t), m.hp(m.s(t)), m.eps_c(t)),
        (m.b("f", t + 1), m.eps_s(t + 1)),
        (m.w_peep("i"), m.delta("i", t + 1)),
        (m.w_peep("f"), m.delta("f", t + 1)),
        (m.w_peep("o"), m.delta("o", t)),
    ]


def eq09(m: LSTMModel, t: int) -> list[tuple]:
    """(9) δ_ι^t = f'(a_ι^t) g(a_c^t) ε_s^t."""
    return [(m.fp(m.a("i", t)), m.g(m.a("c", t)), m.eps_s(t))]


def eq10(m: LSTMModel, t: int) -> list[tuple]:
    """(10) δ_φ^t = f'(a_φ^t) s_c^{t-1} ε_s^t."""
    return [(m.fp(m.a("f", t)), m.s(t - 1), m.eps_s(t))]


def eq11(m: LSTMModel, t: int) -> list[tuple]:
    """(11) δ_c^t = b_ι^t g'(a_c^t) ε_s^t."""
    return [(m.b("i", t), m.gp(m.a("c", t)), m.eps_s(t))]


def eq12(m: LSTMModel, w: sp.Symbol) -> list[tuple]:
    """(12) ∂L/∂w = Σ_t δ_j^t (source of w at t): x_i^t, b_c^{t-1}, s_c^{t-1} (w_cι, w_cφ),
    s_c^t (w_cω), 1 (bias)."""
    out = []
    for t in range(1, m.T + 1):
        q, src = m.source(w, t)
        out.append((m.delta(q, t), src))
    return out


def eq12_input(m: LSTMModel, i: int, t: int) -> list[tuple]:
    """∂L/∂x_i^t = Σ_j w_ij δ_j^t: what the layer passes down (eq. 12's weights, read back)."""
    return [(m.w_in(i, q), m.delta(q, t)) for q in GATES]


#: eq -> (adjoint symbol accessor, graph symbol accessor, closed form, steps)
BACKWARD_FORMS = {
    6: (lambda m, t: m.eps_c(t), lambda m, t: m.b("c", t), eq06, "0..T"),
    7: (lambda m, t: m.delta("o", t), lambda m, t: m.a("o", t), eq07, "1..T"),
    8: (lambda m, t: m.eps_s(t), lambda m, t: m.s(t), eq08, "0..T"),
    9: (lambda m, t: m.delta("i", t), lambda m, t: m.a("i", t), eq09, "1..T"),
    10: (lambda m, t: m.delta("f", t), lambda m, t: m.a("f", t), eq10, "1..T"),
    11: (lambda m, t: m.delta("c", t), lambda m, t: m.a("c", t), eq11, "1..T"),
}

FORWARD_FORMS = {  # eq -> the quantities it defines, in lstm_core's trace names
    1: ("i",),
    2: ("f",),
    3: ("c", "s"),
    4: ("o",),
    5: ("b_c",),
}

TITLES = {  # (text, math)
    1: ("input gate", ""),
    2: ("forget gate", ""),
    3: ("cell input and cell state", ""),
    4: ("output gate", ""),
    5: ("cell output", ""),
    6: ("cell output", r"\epsilon_c^t = \partial L/\partial b_c^t"),
    7: ("output gate", r"\delta_\omega^t = \partial L/\partial a_\omega^t"),
    8: ("cell state", r"\epsilon_s^t = \partial L/\partial s_c^t"),
    9: ("input gate", r"\delta_\iota^t = \partial L/\partial a_\iota^t"),
    10: ("forget gate", r"\delta_\phi^t = \partial L/\partial a_\phi^t"),
    11: ("cell input", r"\delta_c^t = \partial L/\partial a_c^t"),
    12: ("weight gradients", r"\partial L/\partial w_{ij}"),
}


DECK_TEX = {
    1: r"a_\iota^t = \sum_i w_{i\iota} x_i^t + \sum_h w_{h\iota} b_h^{t-1} + w_{c\iota} s_c^{t-1},"
       r"\quad b_\iota^t = f(a_\iota^t)",
    2: r"a_\phi^t = \sum_i w_{i\phi} x_i^t + \sum_h w_{h\phi} b_h^{t-1} + w_{c\phi} s_c^{t-1},"
       r"\quad b_\phi^t = f(a_\phi^t)",
    3: r"a_c^t = \sum_i w_{ic} x_i^t + \sum_h w_{hc} b_h^{t-1},"
       r"\quad s_c^t = b_\phi^t s_c^{t-1} + b_\iota^t g(a_c^t)",
    4: r"a_\omega^t = \sum_i w_{i\omega} x_i^t + \sum_h w_{h\omega} b_h^{t-1} + w_{c\omega} s_c^t,"
       r"\quad b_\omega^t = f(a_\omega^t)",
    5: r"b_c^t = b_\omega^t h(s_c^t)",
    6: r"\epsilon_c^t = \sum_k w_{ck} \delta_k^t + \sum_g w_{cg} \delta_g^{t+1}",
    7: r"\delta_\omega^t = f'(a_\omega^t)\, h(s_c^t)\, \epsilon_c^t",
    # (8) and (12) on two rows of the display, for a phone's width
    8: r"\epsilon_s^t = b_\omega^t h'(s_c^t) \epsilon_c^t + b_\phi^{t+1} \epsilon_s^{t+1} \\ &\qquad"
       r" + w_{c\iota} \delta_\iota^{t+1} + w_{c\phi} \delta_\phi^{t+1} + w_{c\omega} \delta_\omega^t",
    9: r"\delta_\iota^t = f'(a_\iota^t)\, g(a_c^t)\, \epsilon_s^t",
    10: r"\delta_\phi^t = f'(a_\phi^t)\, s_c^{t-1}\, \epsilon_s^t",
    11: r"\delta_c^t = b_\iota^t\, g'(a_c^t)\, \epsilon_s^t",
    12: r"\frac{\partial L}{\partial w_{ij}} = \sum_{t} \delta_j^t \cdot {} \\ &\qquad "
        r"(\text{source of } w_{ij} \text{ at } t)",
}


# --------------------------------------------------------------------------------------------
# Machinery


def _steps(m: LSTMModel, spec: str) -> range:
    return range(0 if spec == "0..T" else 1, m.T + 1)


def closed_forms(m: LSTMModel, overrides: dict[int, Callable] | None = None) -> dict:
    """adjoint symbol -> the deck's closed form, for every ε and δ at every step."""
    overrides = overrides or {}
    closed = {}
    for k in range(1, m.K + 1):
        for t in range(1, m.T + 1):
            closed[m.delta_k(k, t)] = total(clean(eq_output(m, k, t)))
    for eq, (adj, _, form, steps) in BACKWARD_FORMS.items():
        form = overrides.get(eq, form)
        for t in _steps(m, steps):
            closed[adj(m, t)] = total(clean(form(m, t)))
    return closed


def random_point(m: LSTMModel, rng, n_samples: int = 3):
    """A random point and lstm_core's forward and backward pass at it.

    Everything non-zero and random: weights, recurrent weights, biases, peepholes (U(-1, 1)),
    inputs, initial states b_c^0 and s_c^0, output weights and biases, targets.

    Returns
    -------
    values : dict
        leaf symbol -> array `(n_samples,)` or scalar, every node's value added (computed
        from the SymPy definitions with f = sigmoid, g = h = tanh -- not from the engine).
    trace : lstm_core.lstm.LSTMTrace
    grads : lstm_core.lstm.LSTMGrads
    """
    T, I, K, N = m.T, m.I, m.K, n_samples
    u = lambda *shape: rng.uniform(-1.0, 1.0, shape)  # noqa: E731
    params = _lstm.LSTMParams(W=u(4, I), R=u(4, 1), b=u(4), p=u(3, 1))
    out = _dense.DenseParams(W=u(K, 1), b=u(K), activation="identity")
    x, h0, s0, z = rng.normal(size=(T, N, I)), u(N, 1), rng.normal(size=(N, 1)), u(T, N, K)
    trace = _lstm.forward(params, x, h0, s0)
    top = _dense.forward(out, trace.h.reshape(T * N, 1))  # y_k^t = w_ck b_c^t + β_k
    _, dy = _losses.squared_error(top.y, z.reshape(T * N, K))  # δ_k^t = y_k^t - z_k^t
    dh = _dense.backward(out, top, dy).x.reshape(T, N, 1)  # Σ_k w_ck δ_k^t
    grads = _lstm.backward(params, trace, dh)
    values = m.graph.evaluate_nodes(m.leaf_values(params, x, h0, s0, out, z), MODULES)
    return values, trace, grads


def _compare(exprs_by_name: dict, engine: dict, values: dict, n: int) -> dict:
    """name -> relative error of every expression list against the engine's array."""
    errors = {}
    for name, (exprs, reduce) in exprs_by_name.items():
        got = lambdify_many(exprs, values, MODULES, (n,))
        if reduce:
            got = got.sum(axis=-1)
        errors[name] = relative_error(engine[name], got.reshape(engine[name].shape))
    return errors


# --------------------------------------------------------------------------------------------
# Backward: (6)-(11)


def _derive_backward(eq: int, m: LSTMModel, t0: int, overrides: dict) -> Derivation:
    adj, node, form, steps = BACKWARD_FORMS[eq]
    form = overrides.get(eq, form)
    closed = closed_forms(m, overrides)
    G = m.graph
    proofs, memo = {}, {}
    items = []
    for t in _steps(m, steps):
        terms = clean(form(m, t))
        item = backward_item(m.graph, adj(m, t), node(m, t), terms, t0)
        proofs[f"one step, t={t}"] = item.difference
        if t == t0:
            items.append(item)
        deep = G.tangent(node(m, t)) - Graph.unroll(adj(m, t), closed, memo)
        proofs[f"unrolled vs forward mode, t={t}"] = deep_difference(deep)
    if eq == 6:  # the output layer's δ_k^t, which (6) consumes
        for k in range(1, m.K + 1):
            item = backward_item(m.graph, m.delta_k(k, t0), m.y(k, t0), clean(eq_output(m, k, t0)), t0)
            items.append(item)
            proofs[f"output layer delta_{k}, t={t0}"] = item.difference

    engine_name = {6: "eps_c", 7: "delta_o", 8: "eps_s", 9: "delta_i", 10: "delta_f",
                   11: "delta_c"}[eq]
    ts = list(_steps(m, steps))

    def numeric(rng, n):
        values, _, grads = random_point(m, rng, n)
        arr = getattr(grads, engine_name)[..., 0]  # (T, N)
        if steps == "0..T":
            arr = np.concatenate([(grads.h0 if eq == 6 else grads.s0)[None, :, 0], arr])
        memo2 = {}
        exprs = {
            "machine": ([G.tangent(node(m, t)) for t in ts], False),
            "deck": ([Graph.unroll(adj(m, t), closed, memo2) for t in ts], False),
        }
        return _compare(exprs, {"machine": arr, "deck": arr}, values, n)

    first = 0 if steps == "0..T" else 1
    note = (r" \\ &\text{the deck's recurrent } w_{cg} \\ &\quad\text{is written } w_{hg}"
            r" \\ &\quad\text{(one block: } h = c\text{),}"
            r" \\ &\quad\text{apart from the peepholes}"
            r" \\ &\quad w_{c\iota}, w_{c\phi}, w_{c\omega}" if eq == 6 else "")
    scope = (rf"\text{{one block, }} I = {m.I}\text{{ inputs,}} \\ &K = {m.K}\text{{ outputs, }}"
             rf"T = {m.T}\text{{ steps}} \\ &\text{{shown at }} t = {t0}\text{{;}}"
             rf" \\ &\text{{proved at every }}t = {first},\dots,{m.T}" + note)
    return Derivation(eq, TITLES[eq], DECK_TEX[eq], items, proofs, scope=scope, _numeric=numeric)


# --------------------------------------------------------------------------------------------
# Weight gradients: (12)


def _derive_weights(m: LSTMModel, overrides: dict) -> Derivation:
    form = overrides.get(12, eq12)
    closed = closed_forms(m, overrides)
    G = m.graph
    proofs, items, memo = {}, [], {}
    shown = {m.w_in(1, "c"), m.w_rec("o"), m.bias("f"), m.w_peep("i"), m.w_peep("f"),
             m.w_peep("o")}
    for w in m.weights():
        terms = clean(form(m, w))
        item = backward_item(m.graph, m.grad_symbols[w], w, terms, None)
        proofs[f"one step, {w}"] = item.difference
        if w in shown:
            items.append(item)
        closed[m.grad_symbols[w]] = total(terms)
        deep = G.tangent(w) - Graph.unroll(m.grad_symbols[w], closed, memo)
        proofs[f"unrolled vs forward mode, {w}"] = deep_difference(deep)
    xs = [(i, t) for t in range(1, m.T + 1) for i in range(1, m.I + 1)]
    for i, t in xs:
        leaf = m.x(i, t)
        terms = clean(eq12_input(m, i, t))
        item = backward_item(m.graph, m.grad_symbols[leaf], leaf, terms, None)
        proofs[f"one step, {leaf}"] = item.difference
        if (i, t) == (1, 2):
            items.append(item)
        closed[m.grad_symbols[leaf]] = total(terms)
        deep = G.tangent(leaf) - Graph.unroll(m.grad_symbols[leaf], closed, memo)
        proofs[f"unrolled vs forward mode, {leaf}"] = deep_difference(deep)

    W, R, b, p = (m.weights()[: 4 * m.I], m.weights()[4 * m.I : 4 * m.I + 4],
                  m.weights()[4 * m.I + 4 : 4 * m.I + 8], m.weights()[4 * m.I + 8 :])

    def numeric(rng, n):
        values, _, grads = random_point(m, rng, n)
        memo2 = {}
        exprs, engine = {}, {}
        for name, ws, arr in (("W", W, grads.W), ("R", R, grads.R), ("b", b, grads.b),
                              ("p", p, grads.p)):
            # W[r, i] is w_{i, gate r}: m.weights() lists W gate-major, inputs inner.
            exprs[f"{name} machine"] = ([G.tangent(w) for w in ws], True)
            exprs[f"{name} deck"] = ([Graph.unroll(m.grad_symbols[w], closed, memo2) for w in ws],
                                     True)
            engine[f"{name} machine"] = engine[f"{name} deck"] = arr
        xs_leaves = [m.x(i, t) for i, t in xs]
        exprs["x machine"] = ([G.tangent(v) for v in xs_leaves], False)
        exprs["x deck"] = ([Graph.unroll(m.grad_symbols[v], closed, memo2) for v in xs_leaves],
                           False)
        # rows of (T*I, N) in order (t, i) -> engine (T, N, I)
        gx = np.transpose(grads.x, (0, 2, 1))
        engine["x machine"] = engine["x deck"] = gx
        return _compare(exprs, engine, values, n)

    # two rows, so that neither runs off a phone's screen
    scope = (rf"\text{{proved for all {len(m.weights())} weights}} \\ &\quad W, R, b, p"
             rf"\text{{ and all {len(xs)} inputs }}x_i^t \\ &\text{{six weights and one input shown}}")
    # (12) is numbered by the book, its closed form written after Graves: not labelled 'deck'
    return Derivation(12, TITLES[12], DECK_TEX[12], items, proofs, scope=scope, _numeric=numeric,
                      deck_label=r"\text{book's (12)}")


# --------------------------------------------------------------------------------------------
# Forward: (1)-(5)


def _engine_forms(m: LSTMModel, t: int) -> dict:
    """What lstm_core computes at step t, as SymPy: [a_ι; a_φ; a_c; a_ω] = W x + R b + bias
    (+ peepholes p ⊙ s), sigmoid as ½ + ½ tanh(a/2), g = h = tanh."""
    W = sp.Matrix([[m.w_in(i, q) for i in range(1, m.I + 1)] for q in GATES])  # (4, I)
    R = sp.Matrix([[m.w_rec(q)] for q in GATES])  # (4, 1)
    bias = sp.Matrix([m.bias(q) for q in GATES])  # (4,)
    P = sp.Matrix([m.w_peep(q) for q in PEEPS])  # (3,) rows ι, φ, ω
    x = sp.Matrix([m.x(i, t) for i in range(1, m.I + 1)])
    pre = W * x + R * sp.Matrix([m.b("c", t - 1)]) + bias  # (4,)
    sig = lambda a: sp.Rational(1, 2) + sp.tanh(a / 2) / 2  # noqa: E731
    return {
        "a_i": pre[0] + P[0] * m.s(t - 1),
        "a_f": pre[1] + P[1] * m.s(t - 1),
        "a_c": pre[2],
        "a_o": pre[3] + P[2] * m.s(t),  # p_ω ⊙ s^t: the new state
        "b_i": sig(m.a("i", t)),
        "b_f": sig(m.a("f", t)),
        "b_o": sig(m.a("o", t)),
        "s": m.b("f", t) * m.s(t - 1) + m.b("i", t) * sp.tanh(m.a("c", t)),
        "h": m.b("o", t) * sp.tanh(m.s(t)),
    }


def _concrete(expr, m: LSTMModel):
    """The deck's f, g, h made concrete: f = logistic sigmoid, g = h = tanh."""
    return (sp.sympify(expr).replace(m.f, lambda a: 1 / (1 + sp.exp(-a)))
            .replace(m.g, sp.tanh).replace(m.h, sp.tanh))


def _in_order(expr, terms) -> list[tuple]:
    """The terms of ``expr`` in the order of the deck's ``terms`` where they match."""
    order = {sp.Mul(*t): k for k, t in enumerate(terms)}
    args = sorted(sp.Add.make_args(sp.expand(expr)), key=lambda a: order.get(a, len(order)))
    return [tuple(terms[order[a]]) if a in order else (a,) for a in args]


def _vanishes(expr) -> bool:
    if is_zero(expr):
        return True
    return sp.simplify(sp.sympify(expr).rewrite(sp.exp)) == 0


def _derive_forward(eq: int, m: LSTMModel, t0: int, overrides: dict) -> Derivation:
    """(1)-(5): the deck's definitions against lstm_core's matrix form and its numbers."""
    quantities = []  # (lhs symbol, deck terms fn, engine key, trace field)
    for q in FORWARD_FORMS[eq]:
        if q in ("i", "f", "c", "o"):
            quantities.append((lambda t, q=q: m.a(q, t), lambda t, q=q: forward_terms(m, q, t),
                               f"a_{q}", f"a_{q}"))
            if q != "c":
                quantities.append((lambda t, q=q: m.b(q, t),
                                   lambda t, q=q: [(m.f(m.a(q, t)),)], f"b_{q}", f"b_{q}"))
        elif q == "s":
            quantities.append((m.s, lambda t: forward_terms(m, "s", t), "s", "s"))
        else:
            quantities.append((lambda t: m.b("c", t), lambda t: forward_terms(m, "b_c", t),
                               "h", "h"))
    if eq in overrides:  # a reader's closed form replaces the first quantity's
        lhs0, _, key0, field0 = quantities[0]
        quantities[0] = (lhs0, lambda t: overrides[eq](m, t), key0, field0)

    proofs, items = {}, []
    for t in range(1, m.T + 1):
        engine = _engine_forms(m, t)
        for lhs, deck, key, _ in quantities:
            terms = clean(deck(t))
            diff = engine[key] - _concrete(total(terms), m)  # machine - deck
            diff = sp.S.Zero if _vanishes(diff) else sp.simplify(diff)
            proofs[f"{key}, t={t}"] = diff
            if t == t0:
                eng = engine[key]
                items.append(Item(lhs=lhs(t), machine=eng, closed_terms=terms, difference=diff,
                                  machine_terms=_in_order(eng, terms), t0=t0))

    def numeric(rng, n):
        values, trace, _ = random_point(m, rng, n)
        exprs, engine = {}, {}
        steps = range(1, m.T + 1)
        for lhs, deck, key, fld in quantities:
            arr = getattr(trace, fld)[..., 0]  # (T, N)
            # the model's own values, lstm_core's form and the deck's, all at the model's values
            exprs[f"{key} model"] = ([lhs(t) for t in steps], False)
            exprs[f"{key} machine"] = ([_engine_forms(m, t)[key] for t in steps], False)
            exprs[f"{key} deck"] = ([total(clean(deck(t))) for t in steps], False)
            for side in ("model", "machine", "deck"):
                engine[f"{key} {side}"] = arr
        return _compare(exprs, engine, values, n)

    scope = (rf"\text{{shown at }} t = {t0}\text{{; proved at every }} t = 1,\dots,{m.T}"
             r"\text{; numbers with } f(a) = 1/(1+e^{-a}),\ g = h = \tanh")
    return Derivation(eq, TITLES[eq], DECK_TEX[eq], items, proofs, scope=scope,
                      machine_label=r"\mathtt{lstm\_core}\text{ (rows of } W, R, b, p\text{)}",
                      _numeric=numeric)


# --------------------------------------------------------------------------------------------
# The entry point


def derive(eq: int, *, t: int = 2, T: int = 3, n_in: int = 2, n_out: int = 2,
           closed_form: Callable | None = None) -> Derivation:
    """Derive equation ``eq`` (1-12 of the book, chapters 4-5) by machine, prove it, ready to check.

    Parameters
    ----------
    eq : int
        1-5 forward, 6-11 backward, 12 weight gradients.
    t : int
        The step shown (an inner step: every path of the backward pass exists there).
    T, n_in, n_out : int
        The unrolled model: sequence length, inputs I, output units K.
    closed_form : callable, optional
        ``closed_form(m, t) -> list of terms`` (``closed_form(m, w)`` for eq 12) replacing
        the deck's form, with ``m`` the :class:`LSTMModel`: prove your own version.

    Returns
    -------
    Derivation
        Displays as LaTeX; ``.proved``, ``.difference``, ``.check(rng)``, ``.numeric_error``.

    Examples
    --------
    >>> from lstm_core import symbolic
    >>> d = symbolic.derive(8)
    >>> d.proved
    True
    >>> d.check(0) < 1e-12
    True
    """
    if eq not in range(1, 13):
        raise ValueError(f"eq: expected an equation number 1-12, got {eq!r}")
    if not 1 <= t <= T:
        raise ValueError(f"t: expected a step in 1..T = 1..{T}, got {t!r}")
    m = lstm_model(T, n_in, n_out)
    overrides = {eq: closed_form} if closed_form is not None else {}
    if eq <= 5:
        return _derive_forward(eq, m, t, overrides)
    if eq == 12:
        return _derive_weights(m, overrides)
    return _derive_backward(eq, m, t, overrides)
