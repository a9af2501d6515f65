"""The tutor's machinery: call the reader's function safely, compare, name or localise."""

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

from .. import lstm

TIME_LIMIT_S = 2.0  # per call of the reader's function
RTOL, ATOL = 1e-7, 1e-10  # "equal": far above rounding, far below any mistake on these cases
_PACKAGE = str(Path(__file__).resolve().parents[1])  # lstm_core/


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

    def _html(self, tr: Callable[[str], str] = str) -> str:
        """The box, its words through ``tr`` (a translation; unchanged by default)."""
        colour, mark = ("#1b7837", "✓ right") if self.ok else ("#b2182b", "✗ not yet")
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; margin: 0.3em 0;">'
            f'<b style="color: {colour}">{html.escape(tr(mark))}</b> &mdash; '
            f"<code>{html.escape(self.exercise)}</code><br>{html.escape(tr(self.message))}</div>"
        )

    def _repr_html_(self) -> str:
        return self._html()

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """In a notebook: the box in every language of ``LSTM_VIZ_LANG`` (the book's editions),
        through the figures' catalogue, as the book's figures and tables are."""
        from ..viz.figures_i18n import html_bundle

        return html_bundle(self._html, **{"text/plain": str(self)})


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
        new = replace(value, **fields)
        for v in vars(new).values():
            if isinstance(v, np.ndarray):  # the engine's objects are read-only; this copy is the
                v.flags.writeable = True  # reader's, so that a change in place is explained below
        return new
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


