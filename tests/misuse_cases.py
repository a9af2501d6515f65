"""Misuse of every public function of lstm_core, generated with hypothesis, and how it ended.

A *case* is one public function, one of its arguments, and one way of getting that argument
wrong (a *variant*: another dtype, rank or size, a NaN, an empty array, a scalar or a list
where an array goes, None, a string, an object of another layer, an absurd size, an id out of
range, ...), put into an otherwise valid call. hypothesis draws the variant and its details
(which axis, which entry, which value), derandomized, so every run tries the same cases.

A case is *handled* when the call

- returns the right answer: the variant means the same as the valid value (a list of the same
  numbers, the same int as ``np.int64``, float32 for float64) and the result equals the valid
  call's result, or the variant is a legitimate other input (a longer sequence); or
- raises ``ValueError`` or ``TypeError`` whose message begins with the name of an argument of
  the function (``"x: expected ..."``, ``"params.W: ..."``, ``"trace: ..."``): the module's
  own error, naming what was expected and what came.

Anything else -- a raw numpy or Python error (IndexError, AttributeError, numpy's
broadcasting text), any other exception, a success with a wrong or unverifiable result -- is
*unhandled*. ``tests/test_misuse.py`` requires every case to be handled;
``benchmarks/misuse_tally.py`` prints the counts by module.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lstm_core import corpus, dense, gradcheck, gru, losses, lstm, rnn, sequences, stack, tasks, train
from lstm_core.measure import activity, carousel, gradient_norms, internal_gradients

T, N, I, H, K = 3, 2, 2, 3, 2
EXAMPLES_PER_VARIANT = 1  # hypothesis examples per (argument, variant kind), derandomized


def _rng():
    return np.random.default_rng(0)


def arr(*shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape)


# --------------------------------------------------------------------------------------------
# Variants: ways to get an argument of each kind wrong
# --------------------------------------------------------------------------------------------

SAME, ERROR, FREE = "same", "error", "free"  # what a variant must give (see the docstring)


@dataclass(frozen=True)
class Variant:
    label: str
    value: object
    expect: str  # SAME: right answer or clear error; ERROR: clear error; FREE: success or clear error


class _Opaque:
    """An object of no kind the engine knows."""


def float_array_variants(v: np.ndarray, r: random.Random, free_axes=(), optional=False, any_rank=False):
    out = [
        Variant("list", v.tolist(), SAME),
        Variant("float32", v.astype(np.float32), SAME),
        Variant("int", v.astype(np.int64), ERROR),
        Variant("bool", v > 0, ERROR),
        Variant("complex", v.astype(np.complex128), ERROR),
        Variant("object", v.astype(object), ERROR),
        Variant("float16", v.astype(np.float16), ERROR),
        Variant("str", "abc", ERROR),
        Variant("opaque", _Opaque(), ERROR),
        Variant("None", None, FREE if optional else ERROR),
        Variant("scalar", float(v.flat[0]) if v.size else 1.0, ERROR),
    ]
    if v.size:
        bad = v.copy()
        bad.flat[r.randrange(v.size)] = r.choice([np.nan, np.inf, -np.inf])
        out.append(Variant("non-finite", bad, ERROR))
    rank = FREE if any_rank else ERROR
    out.append(Variant("extra axis", v[None], rank))
    if v.ndim >= 1:
        out.append(Variant("one axis less", v[0] if len(v) else v.sum(0), rank))
        axis = r.randrange(v.ndim)
        grown = np.concatenate(
            [
                v,
                v.take([0], axis=axis)
                if v.shape[axis]
                else np.ones_like(v.take([0], axis=axis, mode="clip")),
            ],
            axis=axis,
        )
        out.append(Variant(f"size+1 on axis {axis}", grown, FREE if axis in free_axes else ERROR))
        out.append(Variant(f"empty axis {axis}", v.take([], axis=axis), FREE if axis in free_axes else ERROR))
    return out


def int_array_variants(
    v: np.ndarray, r: random.Random, hi: int | None, free_axes=(), optional=False, empty_ok=False
):
    """For integer arrays of ids, labels or lengths in [lo, hi)."""
    out = [
        Variant("list", v.tolist(), SAME),
        Variant("int32", v.astype(np.int32), SAME),
        Variant("float", v.astype(np.float64), ERROR),
        Variant("bool", v > 0, ERROR),
        Variant("object", v.astype(object), ERROR),
        Variant("str", "abc", ERROR),
        Variant("None", None, FREE if optional else ERROR),
        Variant("opaque", _Opaque(), ERROR),
        Variant("extra axis", v[None], ERROR),
        Variant("empty", v[:0], FREE if empty_ok else ERROR),
    ]
    big, neg = v.copy(), v.copy()
    k = r.randrange(v.size)
    big.flat[k] = (hi or 0) + r.choice([0, 1, 10**12])
    neg.flat[k] = -r.choice([1, 2, 10**12])
    out += [
        Variant("id too large", big, ERROR if hi is not None else FREE),
        Variant("id negative", neg, ERROR),
    ]
    if v.ndim >= 1:
        out.append(Variant("size+1", np.concatenate([v, v[:1]]), FREE if 0 in free_axes else ERROR))
    return out


def pos_int_variants(v: int, r: random.Random, optional=False, absurd=True):
    out = [
        Variant("np.int64", np.int64(v), SAME),
        Variant("zero", 0, ERROR),
        Variant("negative", -r.randint(1, 10**6), ERROR),
        Variant("bool", True, ERROR),
        Variant("float", float(v) + 0.5, ERROR),
        Variant("str", str(v), ERROR),
        Variant("None", None, FREE if optional else ERROR),
        Variant("array", np.array([v]), ERROR),
    ]
    if absurd:
        out.append(Variant("absurd", 10 ** r.randint(9, 15), ERROR))
    return out


def float_variants(v: float, r: random.Random, optional=False, positive=True):
    default_none, v = v is None, 1.0 if v is None else v
    out = [
        Variant("np.float64", np.float64(v), FREE if default_none else SAME),
        Variant("nan", float("nan"), ERROR),
        Variant("inf", float("inf"), ERROR),
        Variant("str", "0.5", ERROR),
        Variant("None", None, FREE if optional else ERROR),
        Variant("array", np.array([v, v]), ERROR),
        Variant("complex", complex(v, 1), ERROR),
    ]
    if positive:
        out += [Variant("zero", 0.0, ERROR), Variant("negative", -r.uniform(0.1, 10), ERROR)]
    return out


def choice_variants(v: str, r: random.Random, optional=False):
    return [
        Variant("unknown", v + "x", ERROR),
        Variant("upper", v.upper() if v.upper() != v else v + "X", ERROR),
        Variant("None", None, FREE if optional else ERROR),
        Variant("int", 3, ERROR),
        Variant("list", [v], ERROR),
    ]


def rng_variants(v, r: random.Random):
    return [
        Variant("seed", 7, FREE),
        Variant("None", None, FREE),
        Variant("negative seed", -r.randint(1, 100), ERROR),
        Variant("float", 1.5, ERROR),
        Variant("str", "seed", ERROR),
        Variant("RandomState", np.random.RandomState(0), ERROR),
    ]


def dtype_variants(v, r: random.Random):
    return [
        Variant("float32", np.float32, FREE),
        Variant("'float64'", "float64", FREE),
        Variant("int", np.int64, ERROR),
        Variant("float16", np.float16, ERROR),
        Variant("complex", np.complex128, ERROR),
        Variant("str", "double-ish", ERROR),
        Variant("None", None, ERROR),
    ]


def object_variants(v, r: random.Random, others=(), optional=False):
    """For params, traces, batches: objects of another kind or another layer.

    An "other" object equal to the valid one (another LSTM of the same size where an LSTM
    goes) is no misuse and is left out.
    """
    out = [
        Variant("None", None, FREE if optional else ERROR),
        Variant("opaque", _Opaque(), ERROR),
        Variant("dict", {"W": np.zeros((2, 2))}, ERROR),
        Variant("array", np.zeros((2, 2)), ERROR),
    ]
    for label, make in others:
        obj = make()
        if not (type(obj) is type(v) and _equal(obj, v)):
            out.append(Variant(label, obj, ERROR))
    return out


def callable_variants(v, r: random.Random, optional=False):
    return [
        Variant("None", None, FREE if optional else ERROR),
        Variant("int", 3, ERROR),
        Variant("str", "loss", ERROR),
    ]


def text_variants(v: str, r: random.Random):
    return [
        Variant("bytes", v.encode(), ERROR),
        Variant("int", 3, ERROR),
        Variant("None", None, ERROR),
        Variant("list of chars", list(v), ERROR),
        Variant("array", np.array(list(v)), ERROR),
    ]


def bool_variants(v, r: random.Random):
    return [Variant("int", 1, ERROR), Variant("str", "yes", ERROR), Variant("None", None, ERROR)]


# --------------------------------------------------------------------------------------------
# Valid calls of every public function
# --------------------------------------------------------------------------------------------

LP = lambda **kw: lstm.init_params(I, H, rng=1, **kw)  # noqa: E731
GP = lambda: gru.init_params(I, H, rng=1)  # noqa: E731
RP = lambda: rnn.init_params(I, H, rng=1)  # noqa: E731
DP = lambda: dense.init_params(I, K, rng=1)  # noqa: E731
SP = lambda **kw: stack.init_params(I, H, K, rng=1, **kw)  # noqa: E731
VP = lambda: stack.init_params(4, H, 4, rng=1)  # noqa: E731  # a next-symbol model over 4 symbols
X = lambda: arr(T, N, I)  # noqa: E731
HS = lambda: arr(N, H, seed=1)  # noqa: E731
DH = lambda: arr(T, N, H, seed=2)  # noqa: E731
OTHER_LAYERS = [
    ("rnn params", RP),
    ("gru params", GP),
    ("lstm params", LP),
    ("dense params", DP),
    ("lstm params of other size", lambda: lstm.init_params(I + 1, H + 1, rng=0)),
]
OTHER_TRACES = [
    ("trace of other size", lambda: lstm.forward(lstm.init_params(I + 1, H, rng=0), arr(T, N, I + 1))),
    ("rnn trace", lambda: rnn.forward(RP(), X())),
    ("gru trace", lambda: gru.forward(GP(), X())),
    ("dense trace", lambda: dense.forward(DP(), arr(N, I))),
    ("trace without peepholes", lambda: lstm.forward(LP(peepholes=False), X())),
    ("trace of forget='none'", lambda: lstm.forward(LP(forget="none"), X())),
]


def _grads_dict(P):
    return {k: np.ones_like(v) for k, v in train.leaves(P).items()}


def _fit_call(**kw):
    P = {"w": np.array([1.0, -1.0])}

    def loss_fn(params, batch):
        return float(np.sum(params["w"] ** 2)), {"w": 2 * params["w"]}

    base = dict(loss_fn=loss_fn, params=P, optimizer=train.SGD(0.1), batches=iter([0] * 3), steps=3)
    base.update(kw)
    return base


def _fit_result(res):
    return res.params, res.history.loss


@dataclass(frozen=True)
class Spec:
    """A public function, a valid call of it, and the kind of each argument to get wrong."""

    module: str
    name: str
    fn: Callable
    call: Callable[[], dict]  # fresh valid keyword arguments
    args: dict  # argument -> variants(valid value, random.Random) -> list[Variant]
    post: Callable = lambda result: result  # what to compare of the result  # noqa: E731
    extra_names: tuple = ()  # other names an error may start with (e.g. a dataclass field)


def A(free_axes=(), optional=False, any_rank=False):
    return lambda v, r: float_array_variants(np.asarray(v, dtype=float), r, free_axes, optional, any_rank)


def IA(hi, free_axes=(), optional=False, empty_ok=False):
    return lambda v, r: int_array_variants(np.asarray(v), r, hi, free_axes, optional, empty_ok)


def PI(optional=False, absurd=True):
    return lambda v, r: pos_int_variants(v, r, optional, absurd)


def F(optional=False, positive=True):
    return lambda v, r: float_variants(v, r, optional, positive)


def CH(optional=False):
    return lambda v, r: choice_variants(v, r, optional)


def OBJ(others=(), optional=False):
    return lambda v, r: object_variants(v, r, others, optional)


RNG, DTYPE, CALL, TEXT, BOOL = rng_variants, dtype_variants, callable_variants, text_variants, bool_variants


def _layer_specs(mod, P, states):
    name = mod.__name__.split(".")[-1]
    Pcls = mod.Params
    fields = [f.name for f in dataclasses.fields(Pcls)]
    state_args = {s: A(optional=True) for s in states}
    fwd = lambda: dict(params=P(), x=X(), **{s: HS() for s in states})  # noqa: E731
    bwd = lambda: (lambda p: dict(params=p, trace=mod.forward(p, X()), dh=DH()))(P())  # noqa: E731
    others = [o for o in OTHER_LAYERS if o[0] != f"{name} params"]
    specs = [
        Spec(
            name,
            "init_params",
            mod.init_params,
            lambda: dict(n_in=I, n_hidden=H, rng=1),
            dict(n_in=PI(), n_hidden=PI(), rng=RNG, dtype=DTYPE),
        ),
        Spec(
            name,
            f"{Pcls.__name__}",
            Pcls,
            lambda: {k: v for k, v in dataclasses.asdict(P()).items() if v is not None},
            {"W": A(free_axes=(1,)), "R": A(), "b": A()},
            extra_names=("params",),
        ),
        Spec(name, "forward", mod.forward, fwd, dict(params=OBJ(others), x=A(free_axes=(0,)), **state_args)),
        Spec(
            name,
            "backward",
            mod.backward,
            bwd,
            dict(params=OBJ(others), trace=OBJ([o for o in OTHER_TRACES if name not in o[0]]), dh=A()),
        ),
    ]
    del fields
    return specs


def _step_call():
    return dict(params=LP(), x_t=arr(N, I), h_prev=HS(), s_prev=HS())


def _step_backward_call():
    P = LP()
    _, _, cache = lstm.step(P, arr(N, I), HS(), HS())
    return dict(params=P, cache=cache, dh=HS(), eps_s_next=HS(), delta_next=arr(N, 4 * H), b_f_next=HS())


def _other_caches():
    return [
        ("cache without peepholes", lambda: lstm.step(LP(peepholes=False), arr(N, I), HS(), HS())[2]),
        ("cache of forget='none'", lambda: lstm.step(LP(forget="none"), arr(N, I), HS(), HS())[2]),
        (
            "cache of other size",
            lambda: lstm.step(lstm.init_params(I, H + 1, rng=0), arr(N, I), arr(N, H + 1), arr(N, H + 1))[2],
        ),
        ("a trace", lambda: lstm.forward(LP(), X())),
    ]


def _lstm_extra():
    return [
        Spec(
            "lstm",
            "step",
            lstm.step,
            _step_call,
            dict(
                params=OBJ([o for o in OTHER_LAYERS if o[0] != "lstm params"]),
                x_t=A(),
                h_prev=A(),
                s_prev=A(),
            ),
        ),
        Spec(
            "lstm",
            "step_backward",
            lstm.step_backward,
            _step_backward_call,
            dict(
                params=OBJ([o for o in OTHER_LAYERS if o[0] != "lstm params"]),
                cache=OBJ(_other_caches()),
                dh=A(),
                eps_s_next=A(optional=True),
                delta_next=A(optional=True),
                b_f_next=A(optional=True),
            ),
        ),
        Spec(
            "lstm",
            "init_params(options)",
            lstm.init_params,
            lambda: dict(n_in=I, n_hidden=H, rng=1, peepholes=True, forget="gate", forget_bias=1.0),
            dict(peepholes=BOOL, forget=CH(), forget_bias=F(optional=True, positive=False)),
        ),
        Spec(
            "lstm",
            "LSTMParams(p, forget)",
            lstm.LSTMParams,
            lambda: {k: v for k, v in dataclasses.asdict(LP()).items()},
            dict(p=A(optional=True), forget=CH()),
            extra_names=("params",),
        ),
        Spec(
            "lstm",
            "backward(ds_T)",
            lstm.backward,
            lambda: (lambda p: dict(params=p, trace=lstm.forward(p, X()), dh=DH(), ds_T=HS()))(LP()),
            dict(ds_T=A(optional=True)),
        ),
    ]


def _stack_specs():
    def fwd():
        return dict(params=SP(), x=X(), state=((HS(), HS()),))

    def bwd():
        P = SP()
        return dict(params=P, trace=stack.forward(P, X()), dy=arr(T, N, K))

    def end():
        b = tasks.adding_problem(N, 4, rng=0)
        return dict(params=stack.init_params(2, H, 1, rng=1), x=b.x, lengths=b.lengths, target=b.target)

    def nxt():
        ids = np.random.default_rng(0).integers(0, 4, size=(T, N))
        return dict(params=VP(), x=np.eye(4)[ids], labels=ids)

    return [
        Spec(
            "stack",
            "init_params",
            stack.init_params,
            lambda: dict(n_in=I, n_hidden=[H, H], n_out=K, cell="lstm", rng=1),
            dict(
                n_in=PI(),
                n_out=PI(),
                cell=CH(),
                rng=RNG,
                dtype=DTYPE,
                n_hidden=lambda v, r: [
                    Variant("int", 3, FREE),
                    Variant("empty", [], ERROR),
                    Variant("float", 3.0, ERROR),
                    Variant("str", "33", ERROR),
                    Variant("zero layer", [H, 0], ERROR),
                    Variant("absurd", [10**7, 10**7], ERROR),
                    Variant("None", None, ERROR),
                ],
                out_activation=CH(),
            ),
        ),
        Spec(
            "stack",
            "forward",
            stack.forward,
            fwd,
            dict(
                params=OBJ(OTHER_LAYERS),
                x=A(free_axes=(0,)),
                state=lambda v, r: [
                    Variant("None", None, FREE),
                    Variant("array", HS(), ERROR),
                    Variant("too few", (), ERROR),
                    Variant("rnn state", ((HS(),),), ERROR),
                    Variant("list", [[HS(), HS()]], SAME),
                    Variant("wrong N", ((arr(N + 1, H), arr(N + 1, H)),), ERROR),
                    Variant("NaN", ((np.full((N, H), np.nan), HS()),), ERROR),
                    Variant("int", ((np.zeros((N, H), int), HS()),), ERROR),
                ],
            ),
        ),
        Spec(
            "stack",
            "backward",
            stack.backward,
            bwd,
            dict(
                params=OBJ(OTHER_LAYERS + [("other stack", lambda: SP(peepholes=False))]),
                trace=OBJ(
                    OTHER_TRACES + [("other stack's trace", lambda: stack.forward(SP(cell="gru"), X()))]
                ),
                dy=A(),
            ),
        ),
        Spec(
            "stack",
            "final_state",
            stack.final_state,
            lambda: dict(trace=stack.forward(SP(), X())),
            dict(trace=OBJ(OTHER_TRACES)),
        ),
        Spec(
            "stack",
            "end_loss",
            stack.end_loss,
            end,
            dict(
                params=OBJ(OTHER_LAYERS),
                x=A(free_axes=(0,)),
                lengths=IA(5),
                target=A(),
                kind=lambda v, r: choice_variants("squared", r),
            ),
        ),
        Spec(
            "stack",
            "next_step_loss",
            stack.next_step_loss,
            nxt,
            dict(params=OBJ(OTHER_LAYERS), x=A(), labels=IA(4)),
        ),
        Spec(
            "stack",
            "generate",
            stack.generate,
            lambda: dict(params=VP(), prime=np.array([0, 1]), n=3, rng=0, temperature=1.0),
            dict(
                params=OBJ(OTHER_LAYERS + [("stack with other in/out", lambda: stack.init_params(4, H, 3))]),
                prime=IA(4, free_axes=(0,)),
                n=PI(),
                rng=RNG,
                temperature=F(),
            ),
        ),
        Spec(
            "stack",
            "check_gradients",
            stack.check_gradients,
            lambda: dict(params=stack.init_params(1, 1, 1, rng=1), x=arr(2, 1, 1), rng=0, h=1e-6),
            dict(params=OBJ(OTHER_LAYERS), x=A(free_axes=(0, 1)), h=F()),
        ),
    ]


def _losses_specs():
    def sq():
        return dict(y=arr(N, K), target=arr(N, K, seed=1))

    def xe():
        return dict(logits=arr(T, N, K), labels=np.random.default_rng(0).integers(0, K, size=(T, N)))

    return [
        Spec("losses", "squared_error", losses.squared_error, sq, dict(y=A(), target=A())),
        Spec(
            "losses",
            "softmax",
            losses.softmax,
            lambda: dict(z=arr(N, K), axis=-1),
            dict(
                z=A(free_axes=(0, 1), any_rank=True),
                axis=lambda v, r: [
                    Variant("too large", 5, ERROR),
                    Variant("float", 1.5, ERROR),
                    Variant("str", "x", ERROR),
                    Variant("0", 0, FREE),
                    Variant("np.int64", np.int64(-1), SAME),
                ],
            ),
        ),
        Spec(
            "losses",
            "softmax_cross_entropy",
            losses.softmax_cross_entropy,
            xe,
            dict(logits=A(free_axes=(2,)), labels=IA(K)),
        ),
    ]


def _sequences_specs():
    def ends():
        return dict(y=arr(T, N, K), lengths=np.array([1, T]))

    def to():
        return dict(dy_end=arr(N, K), lengths=np.array([1, T]), T=T)

    return [
        Spec(
            "sequences",
            "at_ends",
            sequences.at_ends,
            ends,
            dict(y=A(free_axes=(0, 2), any_rank=False), lengths=IA(T + 1)),
        ),
        Spec(
            "sequences",
            "to_ends",
            sequences.to_ends,
            to,
            dict(dy_end=A(free_axes=(1,)), lengths=IA(T + 1), T=PI()),
        ),
    ]


def _train_specs():
    def tree():
        return dict(tree={"lstm": LP(), "out": DP()})

    def gl():
        P = LP()
        return dict(params=P, grads=lstm.backward(P, lstm.forward(P, X()), DH()))

    def gn():
        return dict(grads={"a": arr(3), "b": arr(2, 2)})

    def step(opt):
        def make():
            P = LP()
            return dict(self=opt, params=P, grads=_grads_dict(P), state=opt.init(P))

        return make

    def chunks_first(it):
        c = next(it)
        return c.inputs, c.targets, c.first

    grads_variants = (
        lambda v, r: [  # noqa: E731
            Variant("missing leaf", {k: g for k, g in list(v.items())[1:]}, ERROR),
            Variant("misshapen leaf", {k: g[..., :1] if k == "W" else g for k, g in v.items()}, ERROR),
            Variant("int leaf", {k: g.astype(int) if k == "W" else g for k, g in v.items()}, ERROR),
            Variant("NaN leaf", {k: g * np.nan if k == "W" else g for k, g in v.items()}, ERROR),
            Variant("list", list(v.values()), ERROR),
            Variant("None", None, ERROR),
            Variant("float32 leaves", {k: g.astype(np.float32) for k, g in v.items()}, SAME),
        ]
    )
    state_variants = lambda opt: (
        lambda v, r: [  # noqa: E731
            Variant("state of another model", opt.init(LP(peepholes=False)), ERROR),
            Variant("state of other size", opt.init(lstm.init_params(I, H + 1, rng=0)), ERROR),
            Variant(
                "other optimizer's state",
                (train.Adam() if isinstance(opt, train.SGD) else train.SGD(0.1)).init(LP()),
                ERROR,
            ),
            Variant("None", None, ERROR),
            Variant("dict", {"W": 0}, ERROR),
        ]
    )
    return [
        Spec(
            "train",
            "leaves",
            train.leaves,
            tree,
            dict(tree=lambda v, r: [Variant("None", None, FREE), Variant("int", 3, FREE)]),
        ),
        Spec("train", "grad_leaves", train.grad_leaves, gl, dict(params=OBJ(OTHER_LAYERS))),
        Spec(
            "train",
            "grad_leaves(flat)",
            train.grad_leaves,
            lambda: (lambda P: dict(params=P, grads=_grads_dict(P)))(LP()),
            dict(grads=grads_variants),
        ),
        Spec(
            "train",
            "replace_leaves",
            train.replace_leaves,
            lambda: dict(tree=LP(), new={"W": arr(4 * H, I)}),
            dict(
                new=lambda v, r: [
                    Variant("unknown path", {"Q": arr(2)}, ERROR),
                    Variant("misshapen", {"W": arr(2)}, ERROR),
                    Variant("NaN", {"W": np.full((4 * H, I), np.nan)}, ERROR),
                    Variant("int", {"W": np.zeros((4 * H, I), int)}, ERROR),
                    Variant("list value", {"W": arr(4 * H, I).tolist()}, ERROR),
                    Variant("None", None, ERROR),
                ]
            ),
        ),
        Spec(
            "train", "n_params", train.n_params, tree, dict(tree=lambda v, r: [Variant("None", None, FREE)])
        ),
        Spec(
            "train",
            "global_norm",
            train.global_norm,
            gn,
            dict(
                grads=lambda v, r: [
                    Variant("list", list(v.values()), ERROR),
                    Variant("int leaf", {"a": np.arange(3)}, ERROR),
                    Variant("object leaf", {"a": np.arange(3).astype(object)}, ERROR),
                    Variant("float32", {k: g.astype(np.float32) for k, g in v.items()}, SAME),
                    Variant("None", None, ERROR),
                ]
            ),
        ),
        Spec(
            "train",
            "clip_grad_norm",
            train.clip_grad_norm,
            lambda: dict(gn(), max_norm=1.0),
            dict(
                max_norm=F(),
                grads=lambda v, r: [
                    Variant("None", None, ERROR),
                    Variant("int leaf", {"a": np.arange(3)}, ERROR),
                    Variant("NaN", {"a": np.array([np.nan])}, ERROR),
                ],
            ),
        ),
        Spec(
            "train",
            "SGD",
            train.SGD,
            lambda: dict(lr=0.1, momentum=0.5),
            dict(
                lr=F(),
                momentum=lambda v, r: (
                    float_variants(v, r, positive=False)
                    + [Variant("one", 1.0, ERROR), Variant("negative", -0.5, ERROR)]
                ),
            ),
        ),
        Spec(
            "train",
            "Adam",
            train.Adam,
            lambda: dict(lr=0.01, beta1=0.9, beta2=0.99, eps=1e-8),
            dict(
                lr=F(),
                beta1=lambda v, r: [Variant("one", 1.0, ERROR), Variant("nan", math.nan, ERROR)],
                eps=lambda v, r: [Variant("negative", -1.0, ERROR), Variant("str", "e", ERROR)],
            ),
        ),
        Spec(
            "train",
            "SGD.step",
            train.SGD.step,
            step(train.SGD(0.1, 0.9)),
            dict(params=OBJ(OTHER_LAYERS), grads=grads_variants, state=state_variants(train.SGD(0.1))),
            extra_names=("new",),
        ),
        Spec(
            "train",
            "Adam.step",
            train.Adam.step,
            step(train.Adam()),
            dict(params=OBJ(OTHER_LAYERS), grads=grads_variants, state=state_variants(train.Adam())),
        ),
        Spec(
            "train",
            "tbptt_chunks",
            train.tbptt_chunks,
            lambda: dict(ids=np.arange(40) % 5, batch_size=2, seq_len=4),
            dict(ids=IA(None, free_axes=(0,)), batch_size=PI(), seq_len=PI()),
            post=chunks_first,
        ),
        Spec(
            "train",
            "fit",
            train.fit,
            _fit_call,
            dict(
                loss_fn=CALL,
                optimizer=OBJ(),
                batches=lambda v, r: [
                    Variant("int", 3, ERROR),
                    Variant("too few", iter([0]), ERROR),
                    Variant("None", None, ERROR),
                ],
                steps=PI(absurd=False),
                clip_norm=F(optional=True),
                eval_fn=lambda v, r: callable_variants(v, r, optional=True),
                stop=lambda v, r: callable_variants(v, r, optional=True),
                progress=OBJ(optional=True),
            ),
            post=_fit_result,
        ),
        Spec(
            "train",
            "fit(loss_fn output)",
            train.fit,
            _fit_call,
            dict(
                loss_fn=lambda v, r: [
                    Variant("returns a number", lambda p, b: 1.0, ERROR),
                    Variant("returns a triple", lambda p, b: (1.0, {"w": p["w"]}, None), ERROR),
                    Variant("returns NaN loss", lambda p, b: (math.nan, {"w": p["w"]}), ERROR),
                    Variant("returns a str loss", lambda p, b: ("x", {"w": p["w"]}), ERROR),
                    Variant("returns grads of another model", lambda p, b: (1.0, {"v": p["w"]}), ERROR),
                    Variant("returns int grads", lambda p, b: (1.0, {"w": np.array([1, 2])}), ERROR),
                ],
                opt_state=lambda v, r: [
                    Variant("other model's", train.SGD(0.1).init({"v": np.zeros(3)}), ERROR),
                    Variant("str", "state", ERROR),
                ],
            ),
            post=_fit_result,
        ),
    ]


def _tasks_specs():
    def succ(K_):
        return lambda: dict(y_end=arr(N, K_), target=arr(N, K_, seed=1))

    return [
        Spec(
            "tasks",
            "adding_problem",
            tasks.adding_problem,
            lambda: dict(n=N, T=8, rng=0),
            dict(n=PI(), T=PI(), rng=RNG, dtype=DTYPE),
        ),
        Spec(
            "tasks",
            "temporal_order",
            tasks.temporal_order,
            lambda: dict(n=N, rng=0, length=(12, 14), t1=(2, 4), t2=(6, 8)),
            dict(
                n=PI(),
                rng=RNG,
                dtype=DTYPE,
                length=lambda v, r: [
                    Variant("reversed", (14, 12), ERROR),
                    Variant("int", 12, ERROR),
                    Variant("floats", (12.5, 14.0), ERROR),
                    Variant("None", None, ERROR),
                    Variant("absurd", (10**12, 10**12), ERROR),
                    Variant("three", (12, 13, 14), ERROR),
                ],
                t1=lambda v, r: [Variant("after t2", (9, 10), ERROR), Variant("str", "ab", ERROR)],
            ),
        ),
        Spec("tasks", "adding_success", tasks.adding_success, succ(1), dict(y_end=A(), target=A())),
        Spec(
            "tasks",
            "temporal_order_success",
            tasks.temporal_order_success,
            succ(4),
            dict(y_end=A(), target=A()),
        ),
    ]


SRC = "def f(x):\n    return (x + 1)  # c\n"


def _corpus_specs():
    return [
        Spec(
            "corpus",
            "char_corpus",
            corpus.char_corpus,
            lambda: dict(modules=("colorsys",)),
            dict(
                modules=lambda v, r: [
                    Variant("str", "colorsys", ERROR),
                    Variant("None", None, ERROR),
                    Variant("unknown", ("no_such_module_x",), ERROR),
                    Variant("path", ("../etc/passwd",), ERROR),
                    Variant("int", (3,), ERROR),
                    Variant("list", ["colorsys"], SAME),
                ],
                stdlib=lambda v, r: [Variant("int", 3, ERROR), Variant("missing dir", "/no/such/dir", ERROR)],
            ),
        ),
        Spec(
            "corpus",
            "Vocab",
            corpus.Vocab,
            lambda: dict(chars="abc"),
            dict(
                chars=lambda v, r: [
                    Variant("repeated", "aab", ERROR),
                    Variant("empty", "", ERROR),
                    Variant("list", ["a", "b"], ERROR),
                    Variant("None", None, ERROR),
                    Variant("int", 3, ERROR),
                    Variant("bytes", b"abc", ERROR),
                ]
            ),
        ),
        Spec(
            "corpus",
            "Vocab.from_text",
            corpus.Vocab.from_text,
            lambda: dict(text="hello"),
            dict(text=lambda v, r: text_variants(v, r) + [Variant("empty", "", ERROR)]),
        ),
        Spec(
            "corpus",
            "Vocab.encode",
            corpus.Vocab.encode,
            lambda: dict(self=corpus.Vocab("abc"), text="cab"),
            dict(text=lambda v, r: text_variants(v, r) + [Variant("unknown char", "abz", ERROR)]),
        ),
        Spec(
            "corpus",
            "Vocab.decode",
            corpus.Vocab.decode,
            lambda: dict(self=corpus.Vocab("abc"), ids=np.array([2, 0, 1])),
            dict(ids=IA(3, free_axes=(0,), empty_ok=True)),
        ),
        Spec(
            "corpus",
            "python_char_features",
            corpus.python_char_features,
            lambda: dict(text=SRC),
            dict(
                text=lambda v, r: (
                    text_variants(v, r)
                    + [Variant("not python", "def (:\n", ERROR), Variant("unclosed", "x = (1,\n", ERROR)]
                )
            ),
        ),
    ]


def _gradcheck_specs():
    w = np.array([1.0, 2.0])

    def ng():
        a = w.copy()
        return dict(loss=lambda: float(np.sum(a**3)), array=a, h=1e-6)

    def re_():
        return dict(numeric=arr(3), analytic=arr(3, seed=1))

    def cg():
        a = w.copy()
        return dict(loss=lambda: float(np.sum(a**3)), arrays={"a": a}, analytic={"a": 3 * a**2}, h=1e-6)

    return [
        Spec(
            "gradcheck",
            "numerical_gradient",
            gradcheck.numerical_gradient,
            ng,
            dict(
                loss=CALL,
                h=F(),
                array=lambda v, r: [
                    Variant("list", v.tolist(), ERROR),
                    Variant("int", v.astype(int), ERROR),
                    Variant("None", None, ERROR),
                    Variant("non-contiguous", np.zeros((3, 3))[:2, :2], ERROR),
                ],
            ),
        ),
        Spec(
            "gradcheck",
            "relative_error",
            gradcheck.relative_error,
            re_,
            dict(numeric=A(), analytic=A(), tiny=F()),
        ),
        Spec(
            "gradcheck",
            "check_gradients",
            gradcheck.check_gradients,
            cg,
            dict(
                loss=CALL,
                h=F(),
                arrays=lambda v, r: [Variant("list", [np.zeros(2)], ERROR), Variant("None", None, ERROR)],
                analytic=lambda v, r: [
                    Variant("missing", {}, ERROR),
                    Variant("misshapen", {"a": np.ones(3)}, ERROR),
                    Variant("None", None, ERROR),
                    Variant("str", {"a": "x"}, ERROR),
                ],
            ),
        ),
    ]


def _measure_specs():
    def flow():
        return dict(params=LP(), x=X(), h0=HS(), s0=HS())

    def gain():
        P = LP()
        return dict(params=P, trace=lstm.forward(P, X()))

    def terms():
        P = LP()
        tr = lstm.forward(P, X())
        return dict(params=P, trace=tr, grads=lstm.backward(P, tr, DH()))

    def fd():
        return dict(params=LP(), x=X(), loss=lambda h: float(np.sum(h**2)), t=1)

    def gs():
        b = tasks.adding_problem(4, 8, rng=0)
        return dict(params=stack.init_params(2, H, 1, rng=1), batch=b)

    other_traces = [o for o in OTHER_TRACES if o[0] not in ("dense trace",)]
    return [
        Spec(
            "measure",
            "carousel.loss_at_last_step",
            carousel.loss_at_last_step,
            lambda: dict(h=DH()),
            dict(h=A(free_axes=(0, 1, 2))),
        ),
        Spec(
            "measure",
            "carousel.lstm_error_flow",
            carousel.lstm_error_flow,
            flow,
            dict(params=OBJ(OTHER_LAYERS), x=A(free_axes=(0,)), h0=A(optional=True), s0=A(optional=True)),
        ),
        Spec(
            "measure",
            "carousel.rnn_error_flow",
            carousel.rnn_error_flow,
            lambda: dict(params=RP(), x=X(), h0=HS()),
            dict(params=OBJ(OTHER_LAYERS), x=A(free_axes=(0,)), h0=A(optional=True)),
        ),
        Spec(
            "measure",
            "carousel.carousel_gain",
            carousel.carousel_gain,
            gain,
            dict(params=OBJ(OTHER_LAYERS), trace=OBJ(other_traces)),
        ),
        Spec(
            "measure",
            "carousel.eps_s_terms",
            carousel.eps_s_terms,
            terms,
            dict(
                params=OBJ(OTHER_LAYERS),
                trace=OBJ(other_traces),
                grads=OBJ(
                    [("rnn grads", lambda: rnn.backward(*(lambda p: (p, rnn.forward(p, X())))(RP()), DH()))]
                ),
            ),
        ),
        Spec(
            "measure",
            "gradient_norms.random_orthogonal",
            gradient_norms.random_orthogonal,
            lambda: dict(n=3, rng=0),
            dict(n=PI(), rng=RNG, dtype=DTYPE),
        ),
        Spec(
            "measure",
            "gradient_norms.spectral_radius",
            gradient_norms.spectral_radius,
            lambda: dict(R=arr(3, 3)),
            dict(R=A(free_axes=())),
        ),
        Spec(
            "measure",
            "gradient_norms.with_spectral_radius",
            gradient_norms.with_spectral_radius,
            lambda: dict(params=RP(), radius=1.1),
            dict(params=OBJ(OTHER_LAYERS), radius=F()),
        ),
        Spec(
            "measure",
            "gradient_norms.gradient_norms_by_distance",
            gradient_norms.gradient_norms_by_distance,
            lambda: dict(params=RP(), x=X(), h0=HS(), dh_T=HS()),
            dict(params=OBJ(OTHER_LAYERS), x=A(free_axes=(0,)), h0=A(optional=True), dh_T=A(optional=True)),
        ),
        Spec(
            "measure",
            "gradient_norms.growth_per_step",
            gradient_norms.growth_per_step,
            lambda: dict(norms=np.abs(arr(5, 2)) + 0.1, skip=1),
            dict(
                norms=A(free_axes=(0, 1)),
                skip=lambda v, r: [
                    Variant("too large", 10, ERROR),
                    Variant("negative", -1, ERROR),
                    Variant("float", 1.0, ERROR),
                    Variant("np.int64", np.int64(1), SAME),
                ],
            ),
        ),
        *[
            Spec(
                "measure",
                f"internal_gradients.{f.__name__}",
                f,
                fd,
                dict(
                    params=OBJ(OTHER_LAYERS),
                    x=A(free_axes=(0, 1)),
                    loss=CALL,
                    t=lambda v, r: [
                        Variant("too large", T, ERROR),
                        Variant("negative", -1, ERROR),
                        Variant("float", 1.0, ERROR),
                        Variant("np.int64", np.int64(1), SAME),
                    ],
                    step=F(),
                ),
            )
            for f in (
                internal_gradients.output_gradient_numeric,
                internal_gradients.state_gradient_numeric,
                internal_gradients.net_input_gradient_numeric,
            )
        ],
        Spec(
            "measure",
            "activity.gate_summary",
            activity.gate_summary,
            gs,
            dict(
                params=OBJ(
                    OTHER_LAYERS
                    + [
                        ("two-layer stack", lambda: stack.init_params(2, [H, H], 1, rng=0)),
                        ("gru stack", lambda: stack.init_params(2, H, 1, rng=0, cell="gru")),
                    ]
                ),
                batch=OBJ([("temporal-order batch", lambda: tasks.temporal_order(2, rng=0))]),
            ),
        ),
        Spec(
            "measure",
            "activity.cell_correlations",
            activity.cell_correlations,
            lambda: dict(activations=arr(6, H), features={"f": arr(6, seed=1)}),
            dict(
                activations=A(free_axes=(1,)),
                features=lambda v, r: [
                    Variant("misshapen", {"f": arr(5)}, ERROR),
                    Variant("list", [arr(6)], ERROR),
                    Variant("None", None, ERROR),
                    Variant("str values", {"f": "abcdef"}, ERROR),
                    Variant("NaN", {"f": np.full(6, np.nan)}, ERROR),
                ],
            ),
        ),
    ]


def all_specs() -> list[Spec]:
    specs = []
    for mod, P, states in ((dense, DP, ()), (rnn, RP, ("h0",)), (lstm, LP, ("h0", "s0")), (gru, GP, ("h0",))):
        if mod is dense:
            specs += [
                Spec(
                    "dense",
                    "init_params",
                    dense.init_params,
                    lambda: dict(n_in=I, n_out=K, rng=1),
                    dict(n_in=PI(), n_out=PI(), rng=RNG, dtype=DTYPE, activation=CH()),
                ),
                Spec(
                    "dense",
                    "DenseParams",
                    dense.DenseParams,
                    lambda: dict(W=arr(K, I), b=arr(K), activation="tanh"),
                    dict(W=A(free_axes=(1,)), b=A(), activation=CH()),
                    extra_names=("params",),
                ),
                Spec(
                    "dense",
                    "forward",
                    dense.forward,
                    lambda: dict(params=DP(), x=arr(N, I)),
                    dict(
                        params=OBJ([o for o in OTHER_LAYERS if o[0] != "dense params"]), x=A(free_axes=(0,))
                    ),
                ),
                Spec(
                    "dense",
                    "backward",
                    dense.backward,
                    lambda: (lambda p: dict(params=p, trace=dense.forward(p, arr(N, I)), dy=arr(N, K)))(DP()),
                    dict(
                        params=OBJ(
                            [o for o in OTHER_LAYERS if o[0] != "dense params"]
                            + [("dense of other size", lambda: dense.init_params(I + 1, K, rng=0))]
                        ),
                        trace=OBJ([o for o in OTHER_TRACES if o[0] != "dense trace"]),
                        dy=A(),
                    ),
                ),
            ]
        else:
            specs += _layer_specs(mod, P, states)
    specs += _lstm_extra() + _stack_specs() + _losses_specs() + _sequences_specs() + _train_specs()
    specs += _tasks_specs() + _corpus_specs() + _gradcheck_specs() + _measure_specs()
    return specs


# --------------------------------------------------------------------------------------------
# Running a case and judging it
# --------------------------------------------------------------------------------------------


def _equal(a, b) -> bool:
    """Results equal (float32 variants: to float32 precision)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fc" or b.dtype.kind in "fc":
            return bool(
                np.allclose(a.astype(np.float64), b.astype(np.float64), rtol=2e-3, atol=1e-5, equal_nan=True)
            )
        return bool(np.array_equal(a, b))
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(a) is not type(b):
            return False
        return all(_equal(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a) if f.compare)
    if isinstance(a, Mapping):
        return isinstance(b, Mapping) and set(a) == set(b) and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return (
            isinstance(b, (list, tuple))
            and len(a) == len(b)
            and all(_equal(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=2e-3, abs_tol=1e-6) or (math.isnan(a) and math.isnan(b))
    return a == b


def _arg_names(spec: Spec) -> set[str]:
    try:
        names = set(inspect.signature(spec.fn).parameters)
    except (TypeError, ValueError):
        names = set()
    return names | set(spec.args) | set(spec.extra_names)


def clear_error(spec: Spec, exc: BaseException) -> bool:
    """The module's own ValueError/TypeError whose message starts with an argument's name."""
    if not isinstance(exc, (ValueError, TypeError, FloatingPointError, FileNotFoundError)):
        return False
    msg = str(exc)
    head = re.match(r"^([A-Za-z_][\w]*)", msg)
    return bool(head) and head.group(1) in _arg_names(spec) and ":" in msg[:80]


@dataclass
class Outcome:
    module: str
    case: str
    handled: bool
    detail: str = ""


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_module(self) -> dict[str, tuple[int, int, int, int]]:
        """module -> (distinct cases, handled, examples run, examples handled)."""
        out: dict[str, list] = {}
        for o in self.outcomes:
            d = out.setdefault(o.module, [dict(), 0, 0])
            d[0][o.case] = d[0].get(o.case, True) and o.handled
            d[1] += 1
            d[2] += o.handled
        return {m: (len(c), sum(c.values()), n, h) for m, (c, n, h) in out.items()}

    def failures(self) -> list[Outcome]:
        seen, out = set(), []
        for o in self.outcomes:
            if not o.handled and (o.module, o.case) not in seen:
                seen.add((o.module, o.case))
                out.append(o)
        return out


def run_variant(spec: Spec, arg: str, variant: Variant, reference) -> Outcome:
    kwargs = spec.call()
    kwargs[arg] = variant.value
    case = f"{spec.name}({arg}={variant.label})"
    try:
        result = spec.post(spec.fn(**kwargs))
    except Exception as exc:  # noqa: BLE001 - judging every exception is the point
        ok = clear_error(spec, exc)
        return Outcome(spec.module, case, ok, "" if ok else f"{type(exc).__name__}: {str(exc)[:200]}")
    if variant.expect == SAME:
        ok = _equal(result, reference)
        return Outcome(spec.module, case, ok, "" if ok else "returned a different result")
    if variant.expect == FREE:
        return Outcome(spec.module, case, True)
    return Outcome(spec.module, case, False, "accepted silently")


def _valid(spec: Spec, arg: str):
    """The valid value of ``arg``: from the valid call, else the function's default."""
    kwargs = spec.call()
    if arg in kwargs:
        return kwargs[arg]
    return inspect.signature(spec.fn).parameters[arg].default


def reference_of(spec: Spec):
    return spec.post(spec.fn(**spec.call()))


def make_property(spec: Spec, arg: str, tally: Tally):
    """A hypothesis-driven function: draws a variant of ``arg`` and records its outcome."""
    reference = reference_of(spec)
    n_variants = len(spec.args[arg](_valid(spec, arg), random.Random(0)))

    @settings(
        max_examples=EXAMPLES_PER_VARIANT * n_variants,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(k=st.integers(0, n_variants - 1), seed=st.integers(0, 2**16))
    def prop(k, seed):
        variants = spec.args[arg](_valid(spec, arg), random.Random(seed))
        tally.outcomes.append(run_variant(spec, arg, variants[k], reference))

    for k in range(n_variants):  # every variant at least once, whatever hypothesis draws
        prop = example(k=k, seed=k)(prop)
    return prop


def run_all(tally: Tally | None = None, specs: list[Spec] | None = None) -> Tally:
    tally = Tally() if tally is None else tally
    for spec in all_specs() if specs is None else specs:
        for arg in spec.args:
            make_property(spec, arg, tally)()
    return tally
