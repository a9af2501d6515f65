"""The tutor's checks for chapters 4 and 5: the LSTM step forward (1)-(5), backward (6)-(11), (12)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .. import lstm
from ..activations import sigmoid
from .runner import (
    TIME_LIMIT_S,
    CheckResult,
    _call,
    _Case,
    _check,
    _Fail,
    _generic,
    _rng,
    _same,
)

# --- Chapter 4: the LSTM step forward, (1)-(5) ----------------------------------------------------------

_FWD_ARGS = ("params", "x_t", "h_prev", "s_prev")


def _lstm_step_variant(
    P,
    x,
    h_prev,
    s_prev,
    *,
    order="ifco",
    squash_gates="f",
    squash_cell="g",
    bias=True,
    recurrent="RT",
    peep="all",
    peep_o_source="s",
    cell="right",
    out_squash=True,
    out_state="s",
):
    """(1)-(5) as the reader might write them; the defaults are the right ones."""
    blocks = dict(zip(order, range(4), strict=True))  # which row block the reader takes for each gate
    H = P.n_hidden
    p_i, p_f, p_o = P.p
    if peep == "none":
        p_i = p_f = p_o = np.zeros(H)
    elif peep == "if_swapped":
        p_i, p_f = p_f, p_i

    def net(k):
        rows = slice(blocks[k] * H, (blocks[k] + 1) * H)
        W, R, b = P.W[rows], P.R[rows], P.b[rows]
        return (
            x @ W.T
            + (h_prev @ R.T if recurrent == "RT" else h_prev @ R if recurrent == "R" else 0.0)
            + (b if bias else 0.0)
        )

    f = sigmoid if squash_gates == "f" else np.tanh
    g = np.tanh if squash_cell == "g" else (sigmoid if squash_cell == "f" else (lambda a: a))
    b_i = f(net("i") + p_i * s_prev)
    b_f = f(net("f") + p_f * s_prev)
    gc = g(net("c"))
    s = {
        "right": b_f * s_prev + b_i * gc,
        "gates_swapped": b_i * s_prev + b_f * gc,
        "h_prev": b_f * h_prev + b_i * gc,
        "one_minus": (1 - b_f) * s_prev + b_i * gc,
    }[cell]
    b_o = f(net("o") + p_o * (s if peep_o_source == "s" else s_prev))
    state = s if out_state == "s" else s_prev
    return {"h": b_o * (np.tanh(state) if out_squash else state), "s": s}


_FWD_MISTAKES = [
    (
        "the output gate's peephole reads s_c^{t−1}; (4) needs the new state s_c^t: "
        "a_ω^t = … + w_cω s_c^t, computed after (3).",
        {"peep_o_source": "s_prev"},
    ),
    ("b_c^t is missing the squash h: (5) is b_c^t = b_ω^t h(s_c^t), not b_ω^t s_c^t.", {"out_squash": False}),
    ("b_c^t uses h(s_c^{t−1}); (5) needs the new state: b_c^t = b_ω^t h(s_c^t).", {"out_state": "s_prev"}),
    (
        "s_c^t adds b_ι^t a_c^t: the cell input must be squashed first, (3) adds b_ι^t g(a_c^t).",
        {"squash_cell": "none"},
    ),
    (
        "the cell input is squashed with the sigmoid f; in (3) g is tanh: g(a_c^t) ∈ (−1, 1).",
        {"squash_cell": "f"},
    ),
    (
        "the gates are squashed with tanh; (1), (2) and (4) squash with the sigmoid f, so that each "
        "gate lies in (0, 1).",
        {"squash_gates": "tanh"},
    ),
    (
        "(3) has the gates swapped: s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t) -- the forget gate keeps the "
        "old state, the input gate admits the new input.",
        {"cell": "gates_swapped"},
    ),
    (
        "(3) keeps (1 − b_φ^t) s_c^{t−1}; b_φ^t is the fraction kept: "
        "s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t).",
        {"cell": "one_minus"},
    ),
    ("(3) carries b_c^{t−1} (h_prev) where it needs the cell state s_c^{t−1} (s_prev).", {"cell": "h_prev"}),
    (
        "the input and forget gates are read from each other's rows: W, R and β are stacked in the "
        "order (ι, φ, c, ω).",
        {"order": "fico"},
    ),
    (
        "the blocks are read in the order (ι, φ, ω, c); W, R and β are stacked (ι, φ, c, ω), "
        "PyTorch's order.",
        {"order": "ifoc"},
    ),
    ("the biases β are missing from the net inputs (1)-(4).", {"bias": False}),
    (
        "the recurrent sums Σ_h w_hj b_h^{t−1} are missing from (1)-(4): `h_prev @ R_j.T`.",
        {"recurrent": "none"},
    ),
    (
        "the recurrent sums use R_j where R_jᵀ belongs: Σ_h w_hj b_h^{t−1} is `h_prev @ R_j.T`.",
        {"recurrent": "R"},
    ),
    (
        "the peephole terms w_cι s_c^{t−1}, w_cφ s_c^{t−1} and w_cω s_c^t are missing from (1), (2) and (4).",
        {"peep": "none"},
    ),
    ("the peepholes w_cι and w_cφ are swapped: `params.p` has the rows (ι, φ, ω).", {"peep": "if_swapped"}),
]


def _fwd_case(name, N, I, H, seed, *, zero_peepholes=False) -> _Case:
    rng = _rng(seed)
    P = lstm.LSTMParams(
        W=rng.normal(0, 0.8, (4 * H, I)),
        R=rng.normal(0, 0.8, (4 * H, H)),
        b=rng.normal(0, 0.8, 4 * H),
        p=np.zeros((3, H)) if zero_peepholes else rng.normal(0, 0.8, (3, H)),
    )
    x, h_prev, s_prev = rng.normal(size=(N, I)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    h, s, _ = lstm.step(P, x, h_prev, s_prev)
    ctx = {"params": P, "x_t": x, "h_prev": h_prev, "s_prev": s_prev}
    return _Case(name, (P, x, h_prev, s_prev), ctx, {"h": h, "s": s})


def _fwd_spec(case):
    N, H = case.ctx["h_prev"].shape
    return [("h", "b_c^t", (N, H)), ("s", "s_c^t", (N, H))]


def _fwd_candidates(case, name):
    args = [case.ctx[k] for k in _FWD_ARGS]
    return [(d, _lstm_step_variant(*args, **k)[name]) for d, k in _FWD_MISTAKES] + _generic(
        dict((n, s) for n, s, _ in _fwd_spec(case))[name], case.expected[name]
    )


def check_lstm_step_forward(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's LSTM step forward, equations (1)-(5) (forget gate and peepholes on).

    The reader writes ``lstm_step_forward(params, x_t, h_prev, s_prev) -> (h, s)`` with
    ``params`` an :class:`~lstm_core.lstm.LSTMParams` (``W`` `(4H, I)`, ``R`` `(4H, H)`, ``b``
    `(4H,)` stacked (ι, φ, c, ω); ``p`` `(3, H)` with rows (ι, φ, ω)), ``x_t`` `(N, I)`,
    ``h_prev`` `(N, H)` b_c^{t-1}, ``s_prev`` `(N, H)` s_c^{t-1}; it returns b_c^t and s_c^t,
    both `(N, H)`.
    """
    cases = [
        _fwd_case("one block, zero peepholes", 1, 3, 1, 7, zero_peepholes=True),
        _fwd_case("H = 3 blocks with peepholes, a batch of 2", 2, 4, 3, 8),
    ]
    result = _check(
        "lstm_step_forward", fn, _FWD_ARGS, cases, _fwd_spec, _fwd_candidates, time_limit, order=("s", "h")
    )
    if not result.ok and result.message.startswith("`"):  # a wrong value: perhaps (s, h) for (h, s)
        swapped = [_unpack_quiet(fn, case, time_limit) for case in cases]
        if all(
            o is not None and _same(o[0], c.expected["s"]) and _same(o[1], c.expected["h"])
            for o, c in zip(swapped, cases, strict=True)
        ):
            return replace(
                result,
                message="the outputs come in the wrong order: return (h, s), "
                "the cell output b_c^t first, then the state s_c^t.",
            )
    return result


def _unpack_quiet(fn, case, limit):
    try:
        out = _call(fn, _FWD_ARGS, case.args, limit)
        return tuple(np.asarray(o, float) for o in out) if len(out) == 2 else None
    except (_Fail, TypeError, ValueError):
        return None


# --- Chapter 5: the LSTM step backward, (6)-(11), and the weight gradients (12) ---------------------------

_BWD_ARGS = ("params", "cache", "dh", "eps_s_next", "delta_next", "b_f_next")
_BWD_SYMBOLS = {
    "eps_c": ("ε_c^t", 6),
    "delta_o": ("δ_ω^t", 7),
    "eps_s": ("ε_s^t", 8),
    "delta_i": ("δ_ι^t", 9),
    "delta_f": ("δ_φ^t", 10),
    "delta_c": ("δ_c^t", 11),
}


def _random_layer(rng, I, H, zero_peepholes=False):
    return lstm.LSTMParams(
        W=rng.normal(0, 0.7, (4 * H, I)),
        R=rng.normal(0, 0.7, (4 * H, H)),
        b=rng.normal(0, 0.7, 4 * H),
        p=np.zeros((3, H)) if zero_peepholes else rng.normal(0, 0.7, (3, H)),
    )


def _bwd_case(name, T, t, N, I, H, seed, *, zero_peepholes=False) -> _Case:
    rng = _rng(seed)
    P = _random_layer(rng, I, H, zero_peepholes)
    x, h0, s0, dh = (rng.normal(size=s) for s in ((T, N, I), (N, H), (N, H), (T, N, H)))
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, dh)
    _, _, cache = lstm.step(P, x[t], tr.h_prev[t], tr.s_prev[t])
    last = t + 1 == T
    zeros = np.zeros((N, H))
    ctx = {
        "params": P,
        "cache": cache,
        "dh": dh[t],
        "eps_s_next": zeros if last else g.eps_s[t + 1],
        "delta_next": np.zeros((N, 4 * H)) if last else g.delta[t + 1],
        "b_f_next": zeros if last else tr.b_f[t + 1],
    }
    expected = {k: getattr(g, k)[t] for k in _BWD_SYMBOLS}
    return _Case(name, tuple(ctx[k] for k in _BWD_ARGS), ctx, expected)


def _bwd_spec(case):
    shape = case.ctx["dh"].shape
    return [(k, f"{s}, eq ({n})", shape) for k, (s, n) in _BWD_SYMBOLS.items()]


def _gate_derivative_candidates(symbol, eq, b, a, rest, right, gate):
    """f instead of f', f' from the net input, f' left out, for a gate's δ = f'(a) · rest."""
    return [
        (
            f"{symbol} uses f(a_{gate}^t) = b_{gate}^t where ({eq}) needs f'(a_{gate}^t) = "
            f"b_{gate}^t (1 − b_{gate}^t).",
            b * rest,
        ),
        (
            f"{symbol} computes f'(a_{gate}^t) as a_{gate}^t (1 − a_{gate}^t): "
            f"f'(a) = f(a)(1 − f(a)) takes the "
            f"activation b_{gate}^t, not the net input.",
            a * (1 - a) * rest,
        ),
        (f"{symbol} is missing the factor f'(a_{gate}^t) = b_{gate}^t (1 − b_{gate}^t) of ({eq}).", rest),
        (
            f"{symbol} uses the tanh derivative 1 − (b_{gate}^t)²; the gate is a sigmoid: "
            f"f'(a_{gate}^t) = b_{gate}^t (1 − b_{gate}^t).",
            (1 - b**2) * rest,
        ),
        *_generic(symbol, right),
    ]


def _bwd_candidates(case, name):
    c, e = case.ctx, case.expected
    P, k = c["params"], c["cache"]
    H = P.n_hidden
    p_i, p_f, p_o = P.p
    dn = c["delta_next"]
    di_n, df_n, do_n = dn[:, :H], dn[:, H : 2 * H], dn[:, 3 * H :]
    eps_c, eps_s = e["eps_c"], e["eps_s"]
    dfp = lambda b: b * (1 - b)  # f'(a) from the activation
    if name == "eps_c":
        rec = dn @ P.R
        return [
            (
                "ε_c^t is missing the second sum of (6), Σ_g w_cg δ_g^{t+1}: the error from this layer's "
                "gates at step t+1 (`delta_next @ params.R`).",
                c["dh"],
            ),
            (
                "ε_c^t is missing the first sum of (6), Σ_k w_ck δ_k^t: "
                "the error from the layer above (`dh`).",
                rec,
            ),
            ("ε_c^t subtracts Σ_g w_cg δ_g^{t+1}; both sums of (6) enter with +.", c["dh"] - rec),
            (
                "ε_c^t takes Σ_g w_cg δ_g^{t+1} over the output gate only; g runs over all four "
                "(ι, φ, c, ω): `delta_next @ params.R`.",
                c["dh"] + do_n @ P.R[3 * H :],
            ),
            *_generic("ε_c^t", eps_c),
        ]
    if name == "delta_o":
        rest = k.hs * eps_c
        return [
            (
                "δ_ω^t uses s_c^t where (7) needs h(s_c^t): δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.",
                dfp(k.b_o) * k.s * eps_c,
            ),
            (
                "δ_ω^t uses h(s_c^{t−1}); (7) needs the new state: δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.",
                dfp(k.b_o) * np.tanh(k.s_prev) * eps_c,
            ),
            (
                "δ_ω^t uses h'(s_c^t) where (7) needs h(s_c^t): the output gate multiplies h(s_c^t) in (5).",
                dfp(k.b_o) * (1 - k.hs**2) * eps_c,
            ),
            (
                "δ_ω^t is missing the factor h(s_c^t) of (7): δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.",
                dfp(k.b_o) * eps_c,
            ),
            *_gate_derivative_candidates("δ_ω^t", 7, k.b_o, k.a_o, rest, e["delta_o"], "ω"),
        ]
    if name == "eps_s":
        terms = {
            "path 1 through the cell output, b_ω^t h'(s_c^t) ε_c^t": k.b_o * (1 - k.hs**2) * eps_c,
            "the carousel b_φ^{t+1} ε_s^{t+1} (the carry from step t+1)": c["b_f_next"] * c["eps_s_next"],
            "the path through the input gate's peephole at t+1, w_cι δ_ι^{t+1}": p_i * di_n,
            "the path through the forget gate's peephole at t+1, w_cφ δ_φ^{t+1}": p_f * df_n,
            "the path through the output gate's peephole, w_cω δ_ω^t": p_o * e["delta_o"],
        }
        names = list(terms)
        out = [(f"ε_s^t is missing {n}.", eps_s - v) for n, v in terms.items()]
        out += [(f"ε_s^t has the wrong sign on {n}.", eps_s - 2 * v) for n, v in terms.items()]
        out += [
            (f"ε_s^t is missing {names[a]}, and {names[b]}.", eps_s - terms[names[a]] - terms[names[b]])
            for a in range(5)
            for b in range(a + 1, 5)
        ]
        out += [
            (
                "ε_s^t is missing all three peephole paths, w_cι δ_ι^{t+1}, w_cφ δ_φ^{t+1} and w_cω δ_ω^t.",
                eps_s - sum(terms[n] for n in names[2:]),
            ),
            (
                "ε_s^t's carousel uses b_φ^t where (8) needs b_φ^{t+1}: the forget gate that carries s_c^t "
                "into s_c^{t+1} is the one of step t+1.",
                eps_s - terms[names[1]] + k.b_f * c["eps_s_next"],
            ),
            (
                "ε_s^t's path through the output gate's peephole uses δ_ω^{t+1} where (8) needs δ_ω^t: the "
                "output gate peeps at the new state s_c^t, in the same step.",
                eps_s - terms[names[4]] + p_o * do_n,
            ),
            (
                "ε_s^t has an extra term w_cω δ_ω^{t+1}: the output gate of step t+1 peeps at s_c^{t+1}, "
                "not at s_c^t.",
                eps_s + p_o * do_n,
            ),
            (
                "ε_s^t's path 1 uses h(s_c^t) where (8) needs h'(s_c^t) = 1 − h(s_c^t)².",
                eps_s - terms[names[0]] + k.b_o * k.hs * eps_c,
            ),
            (
                "ε_s^t's path 1 is missing the factor b_ω^t: b_c^t = b_ω^t h(s_c^t), so ∂b_c^t/∂s_c^t = "
                "b_ω^t h'(s_c^t).",
                eps_s - terms[names[0]] + (1 - k.hs**2) * eps_c,
            ),
            (
                "ε_s^t swaps the peepholes w_cι and w_cφ: `params.p` has the rows (ι, φ, ω).",
                eps_s - terms[names[2]] - terms[names[3]] + p_f * di_n + p_i * df_n,
            ),
            *_generic("ε_s^t", eps_s),
        ]
        return out
    if name == "delta_i":
        return [
            (
                "δ_ι^t uses a_c^t where (9) needs g(a_c^t): δ_ι^t = f'(a_ι^t) g(a_c^t) ε_s^t.",
                dfp(k.b_i) * k.a_c * eps_s,
            ),
            (
                "δ_ι^t uses ε_c^t where (9) needs ε_s^t: the input gate reaches the loss through s_c^t.",
                dfp(k.b_i) * k.g * eps_c,
            ),
            (
                "δ_ι^t uses s_c^{t−1} where (9) needs g(a_c^t): the input gate scales the cell input.",
                dfp(k.b_i) * k.s_prev * eps_s,
            ),
            *_gate_derivative_candidates("δ_ι^t", 9, k.b_i, k.a_i, k.g * eps_s, e["delta_i"], "ι"),
        ]
    if name == "delta_f":
        return [
            (
                "δ_φ^t uses s_c^t where (10) needs s_c^{t−1}: "
                "δ_φ^t = f'(a_φ^t) s_c^{t−1} ε_s^t -- the forget "
                "gate scales the old state.",
                dfp(k.b_f) * k.s * eps_s,
            ),
            ("δ_φ^t uses ε_c^t where (10) needs ε_s^t.", dfp(k.b_f) * k.s_prev * eps_c),
            (
                "δ_φ^t uses g(a_c^t) where (10) needs s_c^{t−1}: the forget gate scales the old state.",
                dfp(k.b_f) * k.g * eps_s,
            ),
            ("δ_φ^t uses ε_s^{t+1} where (10) needs ε_s^t.", dfp(k.b_f) * k.s_prev * c["eps_s_next"]),
            *_gate_derivative_candidates("δ_φ^t", 10, k.b_f, k.a_f, k.s_prev * eps_s, e["delta_f"], "φ"),
        ]
    g, gp = k.g, 1 - k.g**2
    return [
        (
            "δ_c^t uses g(a_c^t) where (11) needs g'(a_c^t) = 1 − g(a_c^t)²: δ_c^t = b_ι^t g'(a_c^t) ε_s^t.",
            k.b_i * g * eps_s,
        ),
        (
            "δ_c^t computes g'(a_c^t) as 1 − (a_c^t)²: tanh' = 1 − tanh², take g(a_c^t), not the net input.",
            k.b_i * (1 - k.a_c**2) * eps_s,
        ),
        (
            "δ_c^t uses the sigmoid's derivative g(1 − g); the cell input squashes with tanh: g' = 1 − g².",
            k.b_i * g * (1 - g) * eps_s,
        ),
        (
            "δ_c^t uses f'(a_ι^t) where (11) needs b_ι^t = f(a_ι^t): "
            "the input gate multiplies g(a_c^t) in (3).",
            dfp(k.b_i) * gp * eps_s,
        ),
        ("δ_c^t is missing the factor b_ι^t of (11): δ_c^t = b_ι^t g'(a_c^t) ε_s^t.", gp * eps_s),
        ("δ_c^t is missing the factor g'(a_c^t) = 1 − g(a_c^t)² of (11).", k.b_i * eps_s),
        (
            "δ_c^t uses ε_c^t where (11) needs ε_s^t: the cell input reaches the loss through s_c^t.",
            k.b_i * gp * eps_c,
        ),
        *_generic("δ_c^t", e["delta_c"]),
    ]


def check_lstm_step_backward(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's LSTM step backward, equations (6)-(11), every ε and δ in the deck's order.

    The reader writes ``lstm_step_backward(params, cache, dh, eps_s_next, delta_next, b_f_next)
    -> (eps_c, delta_o, eps_s, delta_i, delta_f, delta_c)``, the signature of
    :func:`lstm_core.lstm.step_backward`: ``cache`` from :func:`lstm_core.lstm.step` at step t;
    ``dh`` `(N, H)` the first sum of (6); ``eps_s_next`` `(N, H)` ε_s^{t+1}; ``delta_next``
    `(N, 4H)` δ^{t+1} with blocks (ι, φ, c, ω); ``b_f_next`` `(N, H)` b_φ^{t+1} (all zero at the
    last step). It returns the six `(N, H)` arrays ε_c^t, δ_ω^t, ε_s^t, δ_ι^t, δ_φ^t, δ_c^t.
    The layer has a learned forget gate and peepholes.
    """
    cases = [
        _bwd_case("the last step t = T (nothing from t+1), one block", 1, 0, 1, 2, 1, 11),
        _bwd_case("a middle step with zero peepholes", 3, 1, 2, 3, 2, 12, zero_peepholes=True),
        _bwd_case("a middle step with peepholes, H = 3, a batch of 2", 3, 1, 2, 3, 3, 13),
    ]
    return _check("lstm_step_backward", fn, _BWD_ARGS, cases, _bwd_spec, _bwd_candidates, time_limit)


_GRADS_ARGS = ("x", "h0", "h", "s0", "s", "delta")


def _weight_grads_variant(
    x,
    h0,
    h,
    s0,
    s,
    delta,
    *,
    R_source="h_prev",
    p_if_source="s_prev",
    p_o_source="s",
    p_o_block=3,
    keep="all",
):
    """(12) as the reader might write it; the defaults are the right one."""
    T, N, H = h.shape
    h_prev = {
        "h_prev": np.concatenate([h0[None], h[:-1]]),
        "h": h,
        "no_h0": np.concatenate([np.zeros_like(h0)[None], h[:-1]]),
    }[R_source]
    s_prev = np.concatenate([s0[None], s[:-1]])
    ts = {"all": slice(None), "first": slice(0, 1), "last": slice(T - 1, T)}[keep]
    d = delta[ts]
    block = lambda k: d[..., k * H : (k + 1) * H]
    src_if = s_prev if p_if_source == "s_prev" else s
    src_o = s if p_o_source == "s" else s_prev
    dp = np.stack(
        [
            (block(0) * src_if[ts]).sum((0, 1)),
            (block(1) * src_if[ts]).sum((0, 1)),
            (block(p_o_block) * src_o[ts]).sum((0, 1)),
        ]
    )
    return {
        "dW": np.einsum("tnk,tni->ki", d, x[ts]),
        "dR": np.einsum("tnk,tnh->kh", d, h_prev[ts]),
        "db": d.sum((0, 1)),
        "dp": dp,
    }


_GRADS_MISTAKES = [
    (
        "∂L/∂R uses b^t where (12) needs b^{t−1}: ∂L/∂R = Σ_t δ^t (b^{t−1})ᵀ -- R carries the previous "
        "output into step t.",
        {"R_source": "h"},
    ),
    ("∂L/∂R is missing step 1's term δ^1 (b^0)ᵀ: b^0 is h0, the initial output.", {"R_source": "no_h0"}),
    (
        "∂L/∂w_cι and ∂L/∂w_cφ use s_c^t where (12) needs s_c^{t−1}: the input and forget gates peep at "
        "the old state.",
        {"p_if_source": "s"},
    ),
    (
        "∂L/∂w_cω uses s_c^{t−1} where (12) needs s_c^t: the output gate peeps at the new state.",
        {"p_o_source": "s_prev"},
    ),
    (
        "∂L/∂w_cω uses δ_c (block 2 of δ) where it needs δ_ω (block 3): the blocks of δ are (ι, φ, c, ω), "
        "the rows of p are (ι, φ, ω).",
        {"p_o_block": 2},
    ),
    (
        "the gradients keep only step 1's term (the last a backward loop visits): (12) sums over all "
        "steps, accumulate with +=.",
        {"keep": "first"},
    ),
    (
        "the gradients keep only step T's term: (12) sums over all steps, accumulate with +=.",
        {"keep": "last"},
    ),
]


def _grads_case(name, T, N, I, H, seed) -> _Case:
    rng = _rng(seed)
    P = _random_layer(rng, I, H)
    x, h0, s0, dh = (rng.normal(size=s) for s in ((T, N, I), (N, H), (N, H), (T, N, H)))
    tr = lstm.forward(P, x, h0, s0)
    g = lstm.backward(P, tr, dh)
    ctx = {"x": x, "h0": h0, "h": tr.h, "s0": s0, "s": tr.s, "delta": g.delta, "N": N, "T": T}
    return _Case(name, tuple(ctx[k] for k in _GRADS_ARGS), ctx, {"dW": g.W, "dR": g.R, "db": g.b, "dp": g.p})


def _grads_spec(case):
    T, N, I = case.ctx["x"].shape
    H = case.ctx["h"].shape[2]
    return [
        ("dW", "∂L/∂W, eq (12)", (4 * H, I)),
        ("dR", "∂L/∂R, eq (12)", (4 * H, H)),
        ("db", "∂L/∂β, eq (12)", (4 * H,)),
        ("dp", "∂L/∂p (w_cι, w_cφ, w_cω), eq (12)", (3, H)),
    ]


def _grads_candidates(case, name):
    args = [case.ctx[k] for k in _GRADS_ARGS]
    symbol = {n: s.rsplit(", eq", 1)[0] for n, s, _ in _grads_spec(case)}[name]  # drop ", eq (12)"
    return [(d, _weight_grads_variant(*args, **k)[name]) for d, k in _GRADS_MISTAKES] + _generic(
        symbol, case.expected[name], batch=case.ctx["N"], steps=case.ctx["T"]
    )


def check_lstm_weight_grads(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's weight gradients of the LSTM layer, equation (12).

    The reader writes ``lstm_weight_grads(x, h0, h, s0, s, delta) -> (dW, dR, db, dp)`` from
    the forward pass's ``x`` `(T, N, I)`, ``h0``, ``s0`` `(N, H)`, ``h`` (b_c^t), ``s``
    (s_c^t), both `(T, N, H)`, and the backward pass's ``delta`` `(T, N, 4H)` (blocks ι, φ, c, ω);
    it returns ∂L/∂W `(4H, I)`, ∂L/∂R `(4H, H)`, ∂L/∂β `(4H,)` and the peepholes' ∂L/∂p `(3, H)`
    (rows ι, φ, ω), each summed over the steps and the batch.
    """
    cases = [
        _grads_case("a single step T = 1, one sequence", 1, 1, 3, 2, 21),
        _grads_case("T = 4 steps, a batch of 3, H = 2", 4, 3, 3, 2, 22),
    ]
    return _check("lstm_weight_grads", fn, _GRADS_ARGS, cases, _grads_spec, _grads_candidates, time_limit)
