"""Activations, losses and the gradient checker itself."""

import numpy as np
import pytest

from lstm_core import activations, gradcheck, losses


def test_sigmoid_neither_overflows_nor_warns_up_to_1e4():
    a = np.array([-1e4, -800.0, -30.0, 0.0, 30.0, 800.0, 1e4])
    with np.errstate(all="raise"):
        y = activations.sigmoid(a)
    assert y[0] == 0.0 and y[-1] == 1.0 and y[3] == 0.5
    assert np.all(np.diff(y) >= 0)


def test_sigmoid_equals_the_logistic_function_to_double_precision():
    # 0.5 + 0.5 tanh(a/2) is exact to ~1e-16 absolute; in the far negative tail (values below
    # ~1e-8) the *relative* precision drops, which no gate or gradient here is sensitive to.
    a = np.linspace(-20, 20, 101)
    np.testing.assert_allclose(activations.sigmoid(a), 1 / (1 + np.exp(-a)), rtol=1e-13, atol=2e-16)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "identity"])
def test_derivatives_in_terms_of_the_activation(name):
    f, dfy = activations.ACTIVATIONS[name]
    a = np.linspace(-3, 3, 13)
    h = 1e-6
    np.testing.assert_allclose(dfy(f(a)), (f(a + h) - f(a - h)) / (2 * h), rtol=1e-7, atol=1e-9)


def test_squared_error_gradient():
    rng = np.random.default_rng(0)
    y, t = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    L, g = losses.squared_error(y, t)
    num = gradcheck.numerical_gradient(lambda: losses.squared_error(y, t)[0], y)
    assert gradcheck.relative_error(num, g) < 1e-8
    assert np.isclose(L, 0.5 * np.sum((y - t) ** 2))


def test_softmax_cross_entropy_gradient_and_stability():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 2, 7))
    labels = rng.integers(0, 7, size=(5, 2))
    L, g = losses.softmax_cross_entropy(z, labels)
    num = gradcheck.numerical_gradient(lambda: losses.softmax_cross_entropy(z, labels)[0], z)
    assert gradcheck.relative_error(num, g) < 1e-8
    L_big, _ = losses.softmax_cross_entropy(z + 1e4, labels)  # shift-invariant, no overflow
    assert np.isclose(L, L_big)


def test_gradcheck_catches_a_wrong_gradient():
    w = np.array([1.0, 2.0, 3.0])
    loss = lambda: float(np.sum(w**3))  # noqa: E731
    assert gradcheck.check_gradients(loss, {"w": w}, {"w": 3 * w**2})["w"] < 1e-9
    assert gradcheck.check_gradients(loss, {"w": w}, {"w": 3 * w**2 + 0.01})["w"] > 1e-4
    np.testing.assert_array_equal(w, [1.0, 2.0, 3.0])  # restored after perturbation
