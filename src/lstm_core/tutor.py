"""The tutor: checks the reader's own forward or backward pass and names the wrong term.

One public function per exercise of the book; each takes the reader's function, runs it on a
few designed cases and compares every output -- and, for the LSTM's backward step, every ε and
δ of equations (6)-(11) in the deck's order -- with the engine:

========================== ======== ================================================
check                      chapter  the reader writes
========================== ======== ================================================
check_dense_backward       1        ``dense_backward(dy, x, W, y) -> (delta, dW, db, dx)``
check_rnn_step_backward    2        ``rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)
                                    -> (eps, delta, dW, dR, db)``
check_rnn_bptt             2        ``rnn_bptt(dh, x, h0, h, W, R) -> (delta, dW, dR, db)``
check_lstm_step_forward    4        ``lstm_step_forward(params, x_t, h_prev, s_prev) -> (h, s)``
check_lstm_step_backward   5        ``lstm_step_backward(params, cache, dh, eps_s_next,
                                    delta_next, b_f_next)
                                    -> (eps_c, delta_o, eps_s, delta_i, delta_f, delta_c)``
check_lstm_weight_grads    5        ``lstm_weight_grads(x, h0, h, s0, s, delta)
                                    -> (dW, dR, db, dp)``
========================== ======== ================================================

How it names a mistake: for the first output that differs (in the order the equations compute
them), it builds candidate wrong values from the equation's own structure -- each term of the
correct sum left out, its sign flipped, its time index shifted, f where f' belongs, a weight
transposed, a sum over the batch or the steps not taken -- from the engine's intermediate
values, and looks for the one that equals the reader's output on every case. The cases are
designed so that the candidates differ (random non-zero weights, inputs and errors; I ≠ H so
that a transposed weight has the wrong shape; a case with zero peepholes and one at the last
step). What it cannot name it localises: the first step and entry that differ, with both values.
The candidates are numbers from the engine's intermediate values, not SymPy expressions:
importing SymPy alone takes more than the second a check may take (1.3 s on the project's
machine).

The reader's function is called with copies of its inputs (a function that changes them in
place is told so), under a time limit, and anything it does wrong as a function -- raise,
return None or a tuple of the wrong length, an array of the wrong shape or dtype, NaN -- is
answered with one sentence that names what was expected, never a traceback from inside
``lstm_core``. Each check returns a :class:`CheckResult`, which a notebook displays.
"""

from __future__ import annotations

import html
import linecache
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import dense, lstm, rnn
from .activations import sigmoid

__all__ = [
    "CheckResult",
    "check_dense_backward",
    "check_rnn_step_backward",
    "check_rnn_bptt",
    "check_lstm_step_forward",
    "check_lstm_step_backward",
    "check_lstm_weight_grads",
]

TIME_LIMIT_S = 2.0  # per call of the reader's function
RTOL, ATOL = 1e-7, 1e-10  # "equal": far above rounding, far below any mistake on these cases
_PACKAGE = str(Path(__file__).resolve().parent)


# --- The answer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """The tutor's answer: ``ok`` and a one- or two-sentence ``message``.

    Displays as a coloured box in a notebook (``_repr_html_``) and as one line of text
    (``str``).
    """

    exercise: str
    ok: bool
    message: str
    seconds: float = 0.0

    def __str__(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.exercise}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, mark = ("#1b7837", "✓ right") if self.ok else ("#b2182b", "✗ not yet")
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; margin: 0.3em 0;">'
            f'<b style="color: {colour}">{mark}</b> &mdash; <code>{html.escape(self.exercise)}</code>'
            f"<br>{html.escape(self.message)}</div>"
        )


class _Fail(Exception):
    """A finding that ends a check: its message is the tutor's answer."""


class _TimeUp(BaseException):
    """The time limit: a BaseException, so that a reader's ``except Exception`` cannot swallow it."""


# --- Calling the reader's function safely ---------------------------------------------------------


def _copy(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (lstm.LSTMParams, lstm.StepCache)):
        fields = {k: _copy(v) for k, v in vars(value).items()}
        return replace(value, **fields)
    return value


def _changed(before, after) -> bool:
    if isinstance(before, np.ndarray):
        return not np.array_equal(before, after)
    if isinstance(before, (lstm.LSTMParams, lstm.StepCache)):
        return any(_changed(v, getattr(after, k)) for k, v in vars(before).items())
    return False


def _where_in_reader_code(exc: BaseException) -> str:
    """' (line 7: `eps_c = ...`)' for the deepest frame of the reader's own code, or ''."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)[1:] if not f.filename.startswith(_PACKAGE)]
    frames = [f for f in frames if "site-packages" not in f.filename and "/lib/python" not in f.filename]
    if not frames:
        return ""
    f = frames[-1]
    line = (f.line or linecache.getline(f.filename, f.lineno)).strip()
    return f" (line {f.lineno}: `{line}`)" if line else f" (line {f.lineno})"


def _run_with_limit(fn: Callable, args: tuple, limit: float):
    """fn(*args) under a time limit: SIGALRM on the main thread, else a watcher thread."""
    on_main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if on_main:

        def alarm(signum, frame):
            raise _TimeUp

        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    box: dict = {}

    def target():
        try:
            box["out"] = fn(*args)
        except BaseException as exc:  # handed to the caller below
            box["exc"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():  # it cannot be stopped from here; it is left to finish on its own
        raise _TimeUp
    if "exc" in box:
        raise box["exc"]
    return box.get("out")


def _call(fn: Callable, names: tuple[str, ...], args: tuple, limit: float):
    copies = tuple(_copy(a) for a in args)
    try:
        out = _run_with_limit(fn, copies, limit)
    except NotImplementedError:
        raise _Fail(
            "not implemented yet: fill in the body of the function and run the check again."
        ) from None
    except _TimeUp:
        raise _Fail(
            f"your function ran longer than the time limit of {limit:g} s on a case that the engine "
            "computes in well under a millisecond: look for a loop that does not end."
        ) from None
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else ""
        if isinstance(exc, ValueError) and "matmul" in message:
            message += " -- a matrix product whose shapes do not fit: check which factor needs `.T`"
        raise _Fail(
            f"your function raised {type(exc).__name__}: {message}{_where_in_reader_code(exc)}."
        ) from None
    for name, before, after in zip(names, args, copies, strict=True):
        if _changed(before, after):
            raise _Fail(
                f"your function changed its input `{name}` in place (with `+=`, `*=`, `out=` or an "
                f"assignment into it): compute new arrays instead; the caller still needs `{name}`."
            )
    return out


def _fmt_shape(shape) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _unpack(out, spec: list[tuple[str, str, tuple]], sizes: dict) -> dict[str, np.ndarray]:
    """Check the reader's return value against [(name, symbol, shape)] and return it by name."""
    names = ", ".join(n for n, _, _ in spec)
    if out is None:
        raise _Fail(
            f"your function returned None: not implemented yet, or a `return` is missing "
            f"(expected {'the tuple ' if len(spec) > 1 else ''}({names}))."
        )
    if len(spec) > 1:
        if not isinstance(out, (tuple, list)):
            raise _Fail(f"expected a tuple of {len(spec)} arrays ({names}), got one {type(out).__name__}.")
        if len(out) != len(spec):
            raise _Fail(f"expected a tuple of {len(spec)} arrays ({names}), got a tuple of {len(out)}.")
    else:
        out = (out,)
    result = {}
    for value, (name, symbol, shape) in zip(out, spec, strict=True):
        if not isinstance(value, np.ndarray):
            raise _Fail(
                f"`{name}` ({symbol}): expected an ndarray of shape {_fmt_shape(shape)}, "
                f"got {type(value).__name__}."
            )
        if value.dtype.kind != "f":
            raise _Fail(f"`{name}` ({symbol}): expected a float array, got dtype {value.dtype}.")
        if value.dtype != np.float64:
            raise _Fail(f"`{name}` ({symbol}): expected float64 like the inputs, got {value.dtype}.")
        if value.shape != shape:
            raise _Fail(
                f"`{name}` ({symbol}): expected shape {_fmt_shape(shape)}, got "
                f"{_fmt_shape(value.shape)}{_shape_hint(value.shape, shape, sizes)}."
            )
        if not np.isfinite(value).all():
            raise _Fail(f"`{name}` ({symbol}) contains NaN or inf.")
        result[name] = value
    return result


def _shape_hint(got: tuple, want: tuple, sizes: dict) -> str:
    """Why an output might have the shape it has (a transposed product, a sum not taken)."""
    if len(got) == len(want) == 2 and got == want[::-1]:
        return ": that is the shape of the transpose -- a gradient is shaped like its weight"
    if len(got) == len(want) + 1 and got[1:] == want:
        per = {sizes.get("T"): "step", sizes.get("N"): "sample"}.get(got[0], "step or sample")
        over = {"step": "the steps", "sample": "the batch"}.get(per, "the steps and the batch")
        return (
            f": one term per {per} -- sum them over {over} (axis 0), the gradient of a shared weight is a sum"
        )
    if len(got) == len(want) + 2 and got[2:] == want:
        return ": one term per step and sample -- sum over the steps and the batch"
    if len(want) == 1 and len(got) == 1:
        return ": summed over the wrong axis? The sum runs over the batch (axis 0)"
    return ""


# --- Comparing and naming ----------------------------------------------------------------------------


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.allclose(a, b, rtol=RTOL, atol=ATOL)


@dataclass
class _Case:
    name: str  # said in the answer, e.g. "the last step t = T"
    args: tuple  # what the reader's function is called with
    ctx: dict  # every intermediate value of the engine on this case
    expected: dict  # the right outputs, by name


def _check(
    exercise: str,
    fn,
    arg_names: tuple[str, ...],
    cases: list[_Case],
    spec: Callable[[_Case], list[tuple[str, str, tuple]]],
    candidates: Callable[[_Case, str], list[tuple[str, np.ndarray]]],
    limit: float,
    step_axis: bool = False,
    order: tuple[str, ...] | None = None,
) -> CheckResult:
    """Run ``fn`` on every case, compare outputs in order, and name the first wrong one."""
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not limit > 0:
        raise ValueError(f"time_limit: expected a positive number of seconds, got {limit!r}")
    start = time.perf_counter()
    try:
        if not callable(fn):
            raise _Fail(
                f"expected your function itself, got {type(fn).__name__} (pass it without calling it)."
            )
        found: list = [None] * len(cases)
        for i in reversed(range(len(cases))):  # the general case first: its shapes tell the most
            case = cases[i]
            found[i] = _unpack(_call(fn, arg_names, case.args, limit), spec(case), case.ctx)
        symbols = {name: symbol for name, symbol, _ in spec(cases[0])}
        for name in order or symbols:
            symbol = symbols[name]
            bad = [i for i, case in enumerate(cases) if not _same(found[i][name], case.expected[name])]
            if not bad:
                continue
            named = _name_mistake(name, symbol, cases, found, candidates)
            if named:
                raise _Fail(named)
            raise _Fail(_localise(name, symbol, cases[bad[0]], found[bad[0]][name], step_axis))
    except _Fail as fail:
        return CheckResult(exercise, False, str(fail), time.perf_counter() - start)
    n = len(cases)
    return CheckResult(
        exercise,
        True,
        f"every output equals the engine's on all {n} cases ({'; '.join(c.name for c in cases)}).",
        time.perf_counter() - start,
    )


def _name_mistake(name, symbol, cases, found, candidates) -> str | None:
    """The first candidate whose value equals the reader's output ``name`` on every case."""
    per_case = [dict(candidates(case, name)) for case in cases]
    for description in per_case[-1]:
        values = [c.get(description) for c in per_case]
        if all(v is not None and _same(found[i][name], v) for i, v in enumerate(values)):
            return description
    return None


def _localise(name, symbol, case, yours, step_axis) -> str:
    expected = case.expected[name]
    diff = np.abs(yours - expected) - (ATOL + RTOL * np.abs(expected))
    idx = np.unravel_index(int(np.argmax(diff > 0)), diff.shape)
    where = ""
    if step_axis and yours.ndim == 3:
        where = f" first at step t = {idx[0] + 1}, entry [{idx[1]}, {idx[2]}]"
    elif yours.ndim:
        where = f" first at entry {list(map(int, idx))}"
    return (
        f"`{name}` ({symbol}) differs on the case '{case.name}',{where}: yours {yours[idx]:.6g}, "
        f"expected {expected[idx]:.6g}. The tutor cannot name this mistake; compare that line "
        f"with the equation, term by term."
    )


def _generic(symbol: str, expected: np.ndarray, batch: int | None = None, steps: int | None = None):
    """Candidates every output can have: the wrong sign, a mean where a sum belongs."""
    out = [(f"{symbol} has the wrong sign: every term enters with +.", -expected)]
    if batch:
        out.append(
            (
                f"{symbol} is averaged over the batch (divided by N); the gradient "
                "of a shared weight is the sum over the batch.",
                expected / batch,
            )
        )
    if steps:
        out.append(
            (
                f"{symbol} is averaged over the steps (divided by T); the gradient "
                "of a shared weight is the sum over the steps.",
                expected / steps,
            )
        )
    return out


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- Chapter 1: the dense layer's backward pass --------------------------------------------------------

_DENSE_ARGS = ("dy", "x", "W", "y")


def _dense_case(name, N, n, m, seed) -> _Case:
    rng = _rng(seed)
    params = dense.DenseParams(W=rng.normal(size=(m, n)), b=rng.normal(size=m), activation="tanh")
    x, dy = rng.normal(size=(N, n)), rng.normal(size=(N, m))
    tr = dense.forward(params, x)
    g = dense.backward(params, tr, dy)
    ctx = {"dy": dy, "x": x, "W": params.W, "y": tr.y, "N": N}
    return _Case(name, (dy, x, params.W, tr.y), ctx, {"delta": g.delta, "dW": g.W, "db": g.b, "dx": g.x})


def _dense_spec(case):
    N, n = case.ctx["x"].shape
    m = case.ctx["W"].shape[0]
    return [("delta", "δ", (N, m)), ("dW", "∂L/∂W", (m, n)), ("db", "∂L/∂β", (m,)), ("dx", "∂L/∂x", (N, n))]


def _dense_candidates(case, name):
    c, e = case.ctx, case.expected
    dy, x, W, y, d = c["dy"], c["x"], c["W"], c["y"], e["delta"]
    if name == "delta":
        return [
            ("δ is missing the factor θ'(a) = 1 − y²: δ_j = θ'(a_j) ∂L/∂y_j, not ∂L/∂y_j.", dy),
            ("δ uses θ(a) = y where θ'(a) = 1 − y² belongs (tanh' = 1 − tanh²).", y * dy),
            ("δ uses 1 − y where θ'(a) = 1 − y² belongs: the square is missing.", (1 - y) * dy),
            (
                "δ uses the sigmoid's derivative y(1 − y); this layer squashes with tanh, θ'(a) = 1 − y².",
                y * (1 - y) * dy,
            ),
            *_generic("δ", d),
        ]
    src = {
        "dW": (d.T @ x, dy.T @ x, "δᵀ x"),
        "db": (d.sum(0), dy.sum(0), "Σ_batch δ"),
        "dx": (d @ W, dy @ W, "δ W"),
    }[name]
    symbol = {"dW": "∂L/∂W", "db": "∂L/∂β", "dx": "∂L/∂x"}[name]
    out = [(f"{symbol} is built from ∂L/∂y where it needs δ = θ'(a) ∂L/∂y: {src[2]}.", src[1])]
    if name == "dW":
        out.append(
            (
                "∂L/∂W keeps only the last sample's term: the gradient sums δ_j x_i over the batch.",
                np.outer(d[-1], x[-1]),
            )
        )
    return out + _generic(symbol, src[0], batch=None if name == "dx" else c["N"])


def check_dense_backward(fn, *, time_limit: float = TIME_LIMIT_S) -> CheckResult:
    """Check the reader's backward pass of chapter 1's dense layer ``y = tanh(x Wᵀ + β)``.

    The reader writes ``dense_backward(dy, x, W, y) -> (delta, dW, db, dx)`` with
    ``dy = ∂L/∂y`` `(N, m)`, ``x`` `(N, n)`, ``W`` `(m, n)`, ``y`` `(N, m)` (the layer's output),
    returning δ = ∂L/∂a `(N, m)`, ∂L/∂W `(m, n)`, ∂L/∂β `(m,)` and ∂L/∂x `(N, n)`.

    Parameters
    ----------
    fn : callable
        The reader's function.
    time_limit : float
        Seconds allowed per call.

    Returns
    -------
    CheckResult
    """
    cases = [_dense_case("one sample", 1, 3, 2, 1), _dense_case("a batch of 4", 4, 3, 2, 2)]
    return _check("dense_backward", fn, _DENSE_ARGS, cases, _dense_spec, _dense_candidates, time_limit)


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
    symbol = {n: s.split(",")[0] for n, s, _ in _grads_spec(case)}[name]
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
