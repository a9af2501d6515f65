"""Measurements of a network, each module named for what it measures.

- :mod:`lstm_core.measure.internal_gradients` -- ε_c^t, ε_s^t and δ^t inside an LSTM layer by
  finite differences, step by step (chapter 5), independent of ``lstm.backward``;
- :mod:`lstm_core.measure.carousel` -- the constant error carousel: ε_s^t over time, LSTM
  against RNN, the carousel gain, the five terms of eq (8) (chapter 5);
- :mod:`lstm_core.measure.gradient_norms` -- why RNNs forget: ‖∂L/∂h^k‖ by distance and its
  growth per step, spectral-radius tools (chapter 3);
- :mod:`lstm_core.measure.activity` -- what trained units do: gate statistics on the adding
  problem, cell–feature correlations on text (chapters 6 and 7).
"""

from . import activity, carousel, gradient_norms, internal_gradients

__all__ = ["activity", "carousel", "gradient_norms", "internal_gradients"]
