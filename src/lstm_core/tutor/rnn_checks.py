"""The tutor's checks for chapter 2: an RNN step's backward pass, and BPTT."""

from __future__ import annotations

import numpy as np

from .. import rnn
from .runner import (
    TIME_LIMIT_S,
    CheckResult,
    _Case,
    _check,
    _generic,
    _rng,
)

# --- Chapter 2: an RNN step's backward pass, and BPTT -------------------------------------------------

_RNN_STEP_ARGS = ("dh", "delta_next", "x", "h_prev", "h", "W", "R")


def _rnn_sequence(T, N, I, H, seed):
    rng = _rng(seed)
    params = rnn.RNNParams(W=rng.normal(size=(H, I)), R=rng.normal(size=(H, H)) * 0.6, b=rng.normal(size=H))
    x, h0, dh = rng.normal(size=(T, N, I)), rng.normal(size=(N, H)), rng.normal(size=(T, N, H))
    trace = rnn.forward(params, x, h0)
    return params, x, h0, dh, trace, rnn.backward(params, trace, dh)


def _rnn_step_case(name, T, t, N, I, H, seed) -> _Case:
    params, x, h0, dh, tr, g = _rnn_sequence(T, N, I, H, seed)
    delta_next = g.delta[t + 1] if t + 1 < T else np.zeros((N, H))
    h_prev = tr.h[t - 1] if t else h0
    d = g.delta[t]
    ctx = {
        "dh": dh[t],
        "delta_next": delta_next,
        "x": x[t],
        "h_prev": h_prev,
        "h": tr.h[t],
        "W": params.W,
        "R": params.R,
        "eps": g.eps[t],
        "N": N,
    }
    expected = {"eps": g.eps[t], "delta": d, "dW": d.T @ x[t], "dR": d.T @ h_prev, "db": d.sum(0)}
    return _Case(name, tuple(ctx[k] for k in _RNN_STEP_ARGS), ctx, expected)


def _rnn_step_spec(case):
    N, I = case.ctx["x"].shape
    H = case.ctx["h"].shape[1]
    return [
        ("eps", "ε^t", (N, H)),
        ("delta", "δ^t", (N, H)),
        ("dW", "∂L/∂W at step t", (H, I)),
        ("dR", "∂L/∂R at step t", (H, H)),
        ("db", "∂L/∂β at step t", (H,)),
    ]


def _delta_candidates(symbol, eps, h, h_prev, expected, where="δ^t = (1 − (h^t)²) ⊙ ε^t"):
    return [
        (f"{symbol} is missing the factor tanh'(a^t) = 1 − (h^t)²: {where}.", eps),
        (f"{symbol} uses tanh(a^t) = h^t where tanh'(a^t) = 1 − (h^t)² belongs: {where}.", h * eps),
        (
            f"{symbol} uses 1 − (h^{{t−1}})², the derivative at step t−1; {where} needs 1 − (h^t)².",
            (1 - h_prev**2) * eps,
        ),
        (
            f"{symbol} uses the sigmoid's derivative h(1 − h); the RNN squashes with tanh: {where}.",
            h * (1 - h) * eps,
        ),
        (f"{symbol} uses 1 − h^t where 1 − (h^t)² belongs: the square is missing.", (1 - h) * eps),
        *_generic(symbol, expected),
    ]


def _rnn_step_candidates(case, name):
    c, e = case.ctx, case.expected
    dh, dn, x, hp, h, R = c["dh"], c["delta_next"], c["x"], c["h_prev"], c["h"], c["R"]
    d, eps = e["delta"], e["eps"]
    if name == "eps":
        return [
            (
                "ε^t is missing Rᵀ δ^{t+1}, the error carried back from step t+1: "
                "ε^t = dh^t + Rᵀ δ^{t+1} (`delta_next @ R`).",
                dh,
            ),
            (
                "ε^t uses R where Rᵀ belongs: for a batch of row vectors Rᵀ δ^{t+1} is `delta_next @ R`, "
                "not `delta_next @ R.T`.",
                dh + dn @ R.T,
            ),
            (
                "ε^t is missing dh^t, the error from the output layer at step t: ε^t = dh^t + Rᵀ δ^{t+1}.",
                dn @ R,
            ),
            (
                "ε^t subtracts the carry Rᵀ δ^{t+1}; both terms of ε^t = dh^t + Rᵀ δ^{t+1} enter with +.",
                dh - dn @ R,
            ),
            *_generic("ε^t", eps),
        ]
    if name == "delta":
        return [
            (
                "δ^t is built from dh^t alone: δ^t = (1 − (h^t)²) ⊙ ε^t needs all of "
                "ε^t = dh^t + Rᵀ δ^{t+1}.",
                (1 - h**2) * dh,
            ),
            *_delta_candidates("δ^t", eps, h, hp, d),
        ]
    if name == "dW":
        return [
            ("∂L/∂W is built from ε^t where it needs δ^t: δ^t (x^t)ᵀ.", eps.T @ x),
            *_generic("∂L/∂W at step t", e["dW"], batch=c["N"]),
        ]
    if name == "dR":
        return [
            (
                "∂L/∂R uses h^t where it needs h^{t−1}: δ^t (h^{t−1})ᵀ -- R carries h^{t−1} into step t.",
                d.T @ h,
            ),
            (
                "∂L/∂R is transposed: (h^{t−1}) (δ^t)ᵀ is ∂L/∂Rᵀ; "
                "∂L/∂R = δ^t (h^{t−1})ᵀ, `delta.T @ h_prev`.",
                hp.T @ d,
            ),
            ("∂L/∂R is built from ε^t where it needs δ^t: δ^t (h^{t−1})ᵀ.", eps.T @ hp),
            *_generic("∂L/∂R at step t", e["dR"], batch=c["N"]),
        ]
    return [
        ("∂L/∂β sums ε^t where it needs δ^t.", eps.sum(0)),
        *_generic("∂L/∂β at step t", e["db"], batch=c["N"]),
    ]


def check_rnn_step_backward(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's backward pass of one step of chapter 2's RNN, ``h^t = tanh(a^t)``.

    The reader writes ``rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)`` with
    ``dh`` `(N, H)` the error from the output layer at step t, ``delta_next`` `(N, H)` δ^{t+1}
    (zeros at t = T), ``x`` `(N, I)` x^t, ``h_prev`` `(N, H)` h^{t-1}, ``h`` `(N, H)` h^t,
    ``W`` `(H, I)`, ``R`` `(H, H)`; it returns ``(eps, delta, dW, dR, db)``: ε^t, δ^t `(N, H)`
    and step t's terms of the weight gradients, δ^t (x^t)ᵀ `(H, I)`, δ^t (h^{t-1})ᵀ `(H, H)`,
    Σ_batch δ^t `(H,)`.
    """
    cases = [
        _rnn_step_case("the last step t = T (δ^{T+1} = 0), one sequence", 1, 0, 1, 3, 2, 3),
        _rnn_step_case("a middle step, a batch of 3", 3, 1, 3, 3, 2, 4),
    ]
    return _check(
        "rnn_step_backward", fn, _RNN_STEP_ARGS, cases, _rnn_step_spec, _rnn_step_candidates, time_limit
    )


_BPTT_ARGS = ("dh", "x", "h0", "h", "W", "R")


def _bptt_variant(
    dh, x, h0, h, W, R, *, carry="delta", order="backward", deriv="tanh", dR_source="h_prev", keep="all"
):
    """BPTT as the reader might write it; the defaults are the right one."""
    T, N, H = h.shape
    h_prev = np.concatenate([h0[None], h[:-1]])
    delta = np.zeros_like(h)
    back = np.zeros((N, H))
    steps = range(T - 1, -1, -1) if order == "backward" else range(T)
    for t in steps:
        eps = dh[t] + back
        prime = {"tanh": 1 - h[t] ** 2, "prev": 1 - h_prev[t] ** 2, "value": h[t]}[deriv]
        delta[t] = prime * eps
        back = {"delta": delta[t] @ R, "none": 0.0, "RT": delta[t] @ R.T, "eps": eps @ R}[carry]
    src = {"h_prev": h_prev, "h": h, "no_h0": np.concatenate([np.zeros_like(h0)[None], h[:-1]])}[dR_source]
    ts = {"all": slice(None), "first": slice(0, 1), "last": slice(T - 1, T)}[keep]
    dW = np.einsum("tnh,tni->hi", delta[ts], x[ts])
    dR = np.einsum("tnh,tnk->hk", delta[ts], src[ts])
    return {"delta": delta, "dW": dW, "dR": dR, "db": delta[ts].sum((0, 1))}


_BPTT_MISTAKES = [
    (
        "δ^t has no carry from step t+1: ε^t = dh^t + Rᵀ δ^{t+1}, so pass `delta[t] @ R` back to step t−1.",
        {"carry": "none"},
    ),
    (
        "the carry Rᵀ δ^{t+1} uses R where Rᵀ belongs: for rows of a batch it is `delta[t+1] @ R`, "
        "not `@ R.T`.",
        {"carry": "RT"},
    ),
    (
        "the carry passes Rᵀ ε^{t+1} back where ε^t = dh^t + Rᵀ δ^{t+1} needs δ^{t+1}: "
        "the factor 1 − (h^{t+1})² of step t+1 is missing.",
        {"carry": "eps"},
    ),
    (
        "the loop runs forward in time: δ^t needs δ^{t+1}, so go from t = T down to t = 1.",
        {"order": "forward"},
    ),
    (
        "δ^t uses 1 − (h^{t−1})², the derivative at the previous step; δ^t = (1 − (h^t)²) ⊙ ε^t.",
        {"deriv": "prev"},
    ),
    ("δ^t uses tanh(a^t) = h^t where tanh'(a^t) = 1 − (h^t)² belongs.", {"deriv": "value"}),
    ("∂L/∂R uses h^t where it needs h^{t−1}: ∂L/∂R = Σ_t δ^t (h^{t−1})ᵀ.", {"dR_source": "h"}),
    (
        "∂L/∂R is missing step 1's term δ^1 (h^0)ᵀ: h^0 is h0, the initial state, not zero.",
        {"dR_source": "no_h0"},
    ),
    (
        "the weight gradients keep only step 1's term (the last the loop visits): the gradient of a "
        "shared weight is the sum over all steps, accumulate with +=.",
        {"keep": "first"},
    ),
    (
        "the weight gradients keep only step T's term: the gradient of a shared weight is the sum over "
        "all steps, accumulate with +=.",
        {"keep": "last"},
    ),
]


def _bptt_case(name, T, N, I, H, seed) -> _Case:
    params, x, h0, dh, tr, g = _rnn_sequence(T, N, I, H, seed)
    ctx = {"dh": dh, "x": x, "h0": h0, "h": tr.h, "W": params.W, "R": params.R, "N": N, "T": T}
    expected = {"delta": g.delta, "dW": g.W, "dR": g.R, "db": g.b}
    return _Case(name, tuple(ctx[k] for k in _BPTT_ARGS), ctx, expected)


def _bptt_spec(case):
    T, N, I = case.ctx["x"].shape
    H = case.ctx["h"].shape[2]
    return [
        ("delta", "δ^t", (T, N, H)),
        ("dW", "∂L/∂W", (H, I)),
        ("dR", "∂L/∂R", (H, H)),
        ("db", "∂L/∂β", (H,)),
    ]


def _bptt_candidates(case, name):
    c = case.ctx
    args = [c[k] for k in _BPTT_ARGS]
    symbol = dict((n, s) for n, s, _ in _bptt_spec(case))[name]
    out = [(d, _bptt_variant(*args, **k)[name]) for d, k in _BPTT_MISTAKES]
    return out + _generic(
        symbol,
        case.expected[name],
        batch=None if name == "delta" else c["N"],
        steps=None if name == "delta" else c["T"],
    )


def check_rnn_bptt(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's backpropagation through time for chapter 2's RNN.

    The reader writes ``rnn_bptt(dh, x, h0, h, W, R) -> (delta, dW, dR, db)`` with ``dh``
    `(T, N, H)` the error from the output layer at every step, ``x`` `(T, N, I)`, ``h0``
    `(N, H)`, ``h`` `(T, N, H)` (the forward pass's outputs), ``W`` `(H, I)`, ``R`` `(H, H)`;
    it returns δ^t for every step `(T, N, H)` and ∂L/∂W `(H, I)`, ∂L/∂R `(H, H)`, ∂L/∂β `(H,)`,
    each summed over the steps and the batch.
    """
    cases = [
        _bptt_case("a single step T = 1", 1, 2, 3, 2, 5),
        _bptt_case("T = 4 steps, a batch of 3", 4, 3, 3, 2, 6),
    ]
    return _check("rnn_bptt", fn, _BPTT_ARGS, cases, _bptt_spec, _bptt_candidates, time_limit, step_axis=True)


