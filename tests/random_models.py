"""Random test models: non-zero random everything (a zero bias would hide bias bugs)."""

from __future__ import annotations

import numpy as np

from lstm_core import lstm


def random_lstm(T, N, I, H, *, peepholes=True, forget="gate", seed=0):
    """An LSTM layer and its inputs with random weights, biases, peepholes and initial states.

    Returns ``(params, x (T, N, I), h0 (N, H), s0 (N, H), rng)``; draw more from ``rng``.
    """
    rng = np.random.default_rng(seed)
    P = lstm.LSTMParams(
        W=rng.normal(0, 0.7, (4 * H, I)),
        R=rng.normal(0, 0.7, (4 * H, H)),
        b=rng.normal(0, 0.7, 4 * H),
        p=rng.normal(0, 0.7, (3, H)) if peepholes else None,
        forget=forget,
    )
    x = rng.normal(size=(T, N, I))
    h0, s0 = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return P, x, h0, s0, rng
