"""Squashing functions and their derivatives, written so that they never overflow.

The deck (and Graves 2012, ch. 4) names three squashes: the gate function ``f`` (logistic
sigmoid), the cell-input squash ``g`` and the cell-output squash ``h`` (both tanh).

Derivatives are given *in terms of the activation* as well as of the net input, because the
backward pass already holds the activations: ``f'(a) = f(a) (1 - f(a))`` and
``tanh'(a) = 1 - tanh(a)**2``.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "tanh",
    "tanh_prime",
    "identity",
    "identity_prime",
    "ACTIVATIONS",
]


def sigmoid(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic sigmoid ``f(a) = 1 / (1 + exp(-a))``, the deck's gate function ``f``.

    Computed as ``0.5 + 0.5 tanh(a / 2)``, which is the same function but cannot overflow
    (``exp(-a)`` overflows for ``a < -709``) and emits no warning for any finite input.
    Its absolute error is about 1e-16 everywhere; in the far negative tail, where
    ``f(a) < 1e-8``, the *relative* precision is lower than that of ``1 / (1 + exp(-a))``.
    One tanh call can then squash all four gate blocks of an LSTM at once.
    """
    out = np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def sigmoid_prime(a: np.ndarray) -> np.ndarray:
    """``f'(a) = f(a) (1 - f(a))``."""
    s = sigmoid(a)
    return s * (1.0 - s)


def tanh(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Hyperbolic tangent, the deck's ``g`` (cell input) and ``h`` (cell output)."""
    return np.tanh(a, out=out)


def tanh_prime(a: np.ndarray) -> np.ndarray:
    """``tanh'(a) = 1 - tanh(a)**2``."""
    t = np.tanh(a)
    return 1.0 - t * t


def identity(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a`` itself: a linear unit."""
    if out is None:
        return np.array(a, copy=True)
    out[...] = a
    return out


def identity_prime(a: np.ndarray) -> np.ndarray:
    """Derivative of the identity: ones."""
    return np.ones_like(a)


#: name -> (function, derivative as a function of the *activation* y = function(a)).
ACTIVATIONS = {
    "sigmoid": (sigmoid, lambda y: y * (1.0 - y)),
    "tanh": (tanh, lambda y: 1.0 - y * y),
    "identity": (identity, lambda y: np.ones_like(y)),
}
