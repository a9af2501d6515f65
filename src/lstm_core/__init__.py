"""lstm_core: the numeric engine and the symbolic checks behind the book "LSTM, Derived".

Modules, each readable beside one chapter:

- :mod:`lstm_core.activations` -- sigmoid and tanh that never overflow, and their derivatives
- :mod:`lstm_core.dense` -- one layer of neurons (the ANN)
- :mod:`lstm_core.rnn` -- a vanilla RNN and backpropagation through time
- :mod:`lstm_core.lstm` -- the Graves peephole LSTM, equations (1)-(12)
- :mod:`lstm_core.losses` -- squared error and softmax cross-entropy, with gradients
- :mod:`lstm_core.gradcheck` -- central differences, one relative error per array
- :mod:`lstm_core.carousel` -- the constant error carousel measured: ε_s^t over time, LSTM vs RNN
- :mod:`lstm_core.lstm_fd` -- ε_c^t, ε_s^t and δ^t of the LSTM by finite differences, step by step
- :mod:`lstm_core.diagnostics` -- why RNNs forget: ‖∂L/∂h^k‖ by distance, growth per step
"""

from . import activations, carousel, dense, diagnostics, gradcheck, losses, lstm, lstm_fd, rnn

__all__ = [
    "activations",
    "carousel",
    "dense",
    "diagnostics",
    "gradcheck",
    "losses",
    "lstm",
    "lstm_fd",
    "rnn",
]
__version__ = "0.1.0"
