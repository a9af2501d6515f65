"""The models of the variants chapter, end to end: stacked layers of every kind with a read-out.

Every variant the book compares (after Greff et al. 2017) -- the peephole LSTM with forget gate,
no peepholes, no forget gate (1997), coupled input-forget gate (CIFG), the GRU, and the vanilla
RNN as the baseline -- is gradient-checked as a one- and a two-layer stack: every parameter,
the input and every initial state against central differences, with non-zero random biases,
peepholes and states.
"""

import numpy as np
import pytest

from lstm_core import dense, gradcheck, gru, lstm, rnn, stack, train

TOL = 1e-7

VARIANTS = {
    "vanilla": dict(cell="lstm", peepholes=True, forget="gate"),
    "no peepholes": dict(cell="lstm", peepholes=False, forget="gate"),
    "no forget gate": dict(cell="lstm", peepholes=True, forget="none"),
    "CIFG": dict(cell="lstm", peepholes=True, forget="coupled"),
    "GRU": dict(cell="gru"),
    "RNN": dict(cell="rnn"),
}


def randomised(params: stack.StackParams, rng) -> stack.StackParams:
    """Every array of the stack replaced by N(0, 0.6) noise (biases and peepholes included)."""
    new = {k: rng.normal(0, 0.6, v.shape) for k, v in train.leaves(params).items()}
    return train.replace_leaves(params, new)


def n_state(layer):
    return 2 if isinstance(layer, lstm.LSTMParams) else 1


def random_state(params, N, rng):
    return tuple(
        tuple(rng.normal(size=(N, layer.n_hidden)) for _ in range(n_state(layer)))
        for layer in params.layers
    )


@pytest.mark.parametrize("n_layers", [1, 2])
@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_gradient_of_a_variant_stack_matches_finite_difference(name, n_layers):
    rng = np.random.default_rng(10 * list(VARIANTS).index(name) + n_layers)
    T, N, I, H, K = 4, 2, 3, 3, 2
    P = randomised(stack.init_params(I, H, K, n_layers=n_layers, rng=rng, **VARIANTS[name]), rng)
    x = rng.normal(size=(T, N, I))
    state = random_state(P, N, rng)
    C = rng.normal(size=(T, N, K))  # L = Σ C ⊙ y

    def loss():
        return float(np.sum(C * stack.forward(P, x, state).y))

    g = stack.backward(P, stack.forward(P, x, state), C)
    arrays = dict(train.leaves(P))
    analytic = dict(train.grad_leaves(P, g))
    arrays["x"], analytic["x"] = x, g.x
    for l, (st, dst) in enumerate(zip(state, g.state, strict=True)):
        for k, (a, da) in enumerate(zip(st, dst, strict=True)):
            arrays[f"state{l}.{k}"], analytic[f"state{l}.{k}"] = a, da
    errors = gradcheck.check_gradients(loss, arrays, analytic)
    assert max(errors.values()) < TOL, errors


def test_stacked_backward_passes_each_layers_grads_x_down_as_the_next_layers_dh():
    """Eq (6)'s first sum: ε_c of layer 1 gets Σ_k w_ck δ_k^t from layer 2's gates."""
    rng = np.random.default_rng(1)
    P = randomised(stack.init_params(3, [4, 2], 2, rng=rng), rng)
    x = rng.normal(size=(5, 2, 3))
    tr = stack.forward(P, x)
    g = stack.backward(P, tr, rng.normal(size=(5, 2, 2)))
    upper = g.layers[1]
    # ε_c^T of layer 1 has no t+1 term: it is exactly layer 2's grads.x at T
    np.testing.assert_allclose(g.layers[0].eps_c[-1], upper.x[-1], rtol=1e-15)
    # and layer 2's delta reaches layer 1 through W_2: grads.x = δ W_2
    np.testing.assert_allclose(upper.x, upper.delta @ P.layers[1].W, rtol=1e-13)


def test_variant_parameter_counts():
    I, H, K = 2, 8, 1
    counts = {name: train.n_params(stack.init_params(I, H, K, rng=0, **opts))
              for name, opts in VARIANTS.items()}
    lstm_core_count = 4 * H * (I + H + 1)
    assert counts["no peepholes"] == lstm_core_count + H + 1
    assert counts["vanilla"] == lstm_core_count + 3 * H + H + 1
    # no forget gate and CIFG keep the (unused, zero) φ rows in the arrays
    assert counts["no forget gate"] == counts["CIFG"] == counts["vanilla"]
    assert counts["GRU"] == 3 * H * (I + H + 1) + H + 1
    assert counts["RNN"] == H * (I + H + 1) + H + 1


def test_final_state_continues_a_sequence_exactly():
    """Running two halves with the carried state equals running the whole sequence."""
    rng = np.random.default_rng(2)
    for opts in VARIANTS.values():
        P = randomised(stack.init_params(3, [4, 3], 2, rng=rng, **opts), rng)
        x = rng.normal(size=(8, 2, 3))
        whole = stack.forward(P, x).y
        first = stack.forward(P, x[:5])
        second = stack.forward(P, x[5:], stack.final_state(first)).y
        np.testing.assert_allclose(np.concatenate([first.y, second]), whole, rtol=1e-12)


def test_stack_init_builds_the_requested_layers():
    P = stack.init_params(5, [6, 4], 3, cell="gru", rng=0)
    assert [type(layer) for layer in P.layers] == [gru.GRUParams, gru.GRUParams]
    assert (P.layers[0].n_in, P.layers[1].n_in, P.out.W.shape) == (5, 6, (3, 4))
    P = stack.init_params(5, 4, 3, cell="rnn", n_layers=3, rng=0)
    assert len(P.layers) == 3 and isinstance(P.layers[2], rnn.RNNParams)
    P = stack.init_params(5, 4, 3, rng=0, peepholes=False, forget="coupled")
    assert P.layers[0].p is None and P.layers[0].forget == "coupled"


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: stack.init_params(2, 3, 1, cell="lru"), ValueError, "cell"),
        (lambda: stack.init_params(2, [3, 4], 1, n_layers=3), ValueError, "n_hidden"),
        (lambda: stack.StackParams(
            layers=(lstm.init_params(2, 3, rng=0), lstm.init_params(4, 3, rng=0)),
            out=dense.init_params(3, 1, rng=0)), ValueError, "layer 1 expects 4 inputs"),
        (lambda: stack.StackParams(layers=(lstm.init_params(2, 3, rng=0),),
                                   out=dense.init_params(5, 1, rng=0)), ValueError, "out"),
        (lambda: stack.StackParams(layers=("lstm",), out=dense.init_params(5, 1, rng=0)),
         TypeError, "layers"),
        (lambda: stack.forward(stack.init_params(2, 3, 1, rng=0), np.zeros((4, 2, 3))),
         ValueError, "x"),
        (lambda: stack.forward(stack.init_params(2, 3, 1, rng=0), np.zeros((4, 2, 2)),
                               ((np.zeros((2, 3)),),)), ValueError, r"\(h, s\)"),
        (lambda: stack.forward(stack.init_params(2, 3, 1, rng=0, cell="gru"), np.zeros((4, 2, 2)),
                               ((np.zeros((2, 4)),),)), ValueError, "state"),
    ],
)
def test_stack_bad_input_is_reported_with_the_argument_name(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


@pytest.mark.parametrize("kind", ["squared", "xent"])
def test_end_loss_gradient_matches_finite_difference_with_ragged_lengths(kind):
    rng = np.random.default_rng(3)
    P = randomised(stack.init_params(3, 3, 4, rng=rng, out_activation="sigmoid"), rng)
    x = rng.normal(size=(6, 4, 3))
    lengths = np.array([6, 2, 4, 5])
    target = np.eye(4)[[0, 3, 1, 1]] if kind == "xent" else rng.uniform(size=(4, 4))
    _, g, _ = stack.end_loss(P, x, lengths, target, kind=kind)

    def loss():
        return stack.end_loss(P, x, lengths, target, kind=kind)[0]

    arrays = dict(train.leaves(P), x=x)
    analytic = dict(train.grad_leaves(P, g), x=g.x)
    errors = gradcheck.check_gradients(loss, arrays, analytic)
    assert max(errors.values()) < TOL, errors
    # steps after a sequence's end get no gradient: the padding cannot matter
    assert np.all(g.x[2:, 1] == 0) and np.all(g.x[4:, 2] == 0)


def test_next_step_loss_gradient_matches_finite_difference_from_a_carried_state():
    rng = np.random.default_rng(4)
    P = randomised(stack.init_params(5, [4, 3], 5, rng=rng), rng)
    ids = rng.integers(5, size=(6, 2))
    x = np.eye(5)[ids]
    labels = rng.integers(5, size=(6, 2))
    state = random_state(P, 2, rng)
    loss0, g, tr = stack.next_step_loss(P, x, labels, state)
    assert loss0 == pytest.approx(
        -np.mean(np.log(np.take_along_axis(
            np.exp(tr.y) / np.exp(tr.y).sum(-1, keepdims=True), labels[..., None], -1)))
    )
    errors = gradcheck.check_gradients(lambda: stack.next_step_loss(P, x, labels, state)[0],
                                       dict(train.leaves(P)), dict(train.grad_leaves(P, g)))
    assert max(errors.values()) < TOL, errors


def test_end_loss_rejects_an_unknown_kind_and_a_misshapen_target():
    P = stack.init_params(2, 3, 1, rng=0)
    x = np.zeros((4, 2, 2))
    with pytest.raises(ValueError, match="kind"):
        stack.end_loss(P, x, np.array([4, 4]), np.zeros((2, 1)), kind="hinge")
    with pytest.raises(ValueError, match="target"):
        stack.end_loss(P, x, np.array([4, 4]), np.zeros((3, 1)))


def test_forget_bias_starts_every_kind_of_memory_gate_at_the_same_value():
    """forget_bias = 5: b_φ = f(5) for the LSTM, 1 - b_ι = f(5) for CIFG, z = f(5) for the GRU."""
    x = np.zeros((1, 1, 2))
    want = 1 / (1 + np.exp(-5.0))
    lstm_tr = stack.forward(stack.init_params(2, 3, 1, rng=0, forget_bias=5.0), x).layers[0]
    cifg = stack.init_params(2, 3, 1, rng=0, forget="coupled", forget_bias=5.0)
    cifg_tr = stack.forward(cifg, x).layers[0]
    gru_tr = stack.forward(stack.init_params(2, 3, 1, cell="gru", rng=0, forget_bias=5.0,
                                             n_layers=2), x).layers[1]
    np.testing.assert_allclose(lstm_tr.b_f, want, rtol=1e-12)
    np.testing.assert_allclose(cifg_tr.b_f, want, rtol=1e-12)
    np.testing.assert_allclose(cifg.layers[0].b[:3], -5.0)
    np.testing.assert_allclose(gru_tr.z, want, rtol=1e-12)
    # without forget_bias the CIFG input gate and the GRU update gate start at 0.5
    plain = stack.init_params(2, 3, 1, cell="gru", rng=0)
    np.testing.assert_allclose(stack.forward(plain, x).layers[0].z, 0.5)


def test_stack_check_gradients_reports_every_array_and_catches_a_wrong_gradient(monkeypatch):
    rng = np.random.default_rng(5)
    P = randomised(stack.init_params(3, [3, 2], 2, rng=rng, cell="gru"), rng)
    state = random_state(P, 2, rng)
    errors = stack.check_gradients(P, rng.normal(size=(4, 2, 3)), state, rng=1)
    assert set(errors) == set(train.leaves(P)) | {"x", "state.0.0", "state.1.0"}
    assert max(errors.values()) < TOL
    real = stack.backward

    def broken(params, trace, dy):  # drop the top layer's gradient of its bias
        g = real(params, trace, dy)
        top = g.layers[-1]
        bad = type(top)(**{**top.__dict__, "b": top.b * 0.5})
        return stack.StackGrads(layers=g.layers[:-1] + (bad,), out=g.out, x=g.x, state=g.state)

    monkeypatch.setattr(stack, "backward", broken)
    errors = stack.check_gradients(P, rng.normal(size=(4, 2, 3)), state, rng=1)
    assert errors["layers.1.b"] > 0.1 and errors["layers.0.W"] < TOL


def test_generate_is_seeded_and_follows_a_model_that_always_predicts_one_symbol():
    P = stack.init_params(4, 3, 4, rng=0)
    b = np.zeros(4)
    b[2] = 50.0  # logits favour symbol 2 whatever the input
    P = stack.StackParams(layers=P.layers, out=type(P.out)(W=P.out.W * 0, b=b,
                                                           activation="identity"))
    assert stack.generate(P, np.array([0, 1]), 5, rng=0).tolist() == [2] * 5
    Q = randomised(stack.init_params(4, 3, 4, rng=0), np.random.default_rng(1))
    a = stack.generate(Q, np.array([1]), 20, rng=3, temperature=1.5)
    assert np.array_equal(a, stack.generate(Q, np.array([1]), 20, rng=3, temperature=1.5))
    assert a.min() >= 0 and a.max() < 4
    with pytest.raises(ValueError, match="prime"):
        stack.generate(Q, np.array([4]), 3, rng=0)
    with pytest.raises(ValueError, match="temperature"):
        stack.generate(Q, np.array([1]), 3, rng=0, temperature=0)
