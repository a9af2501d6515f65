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
- :mod:`lstm_core.gru` -- the GRU (Cho et al. 2014), forward and BPTT, for the variants chapter
- :mod:`lstm_core.stack` -- stacked recurrent layers with a dense read-out, and their losses
- :mod:`lstm_core.tasks` -- the adding, temporal-order and embedded-Reber tasks (1997), a text corpus
- :mod:`lstm_core.train` -- SGD, Adam, gradient clipping, truncated BPTT, the fit loop
- :mod:`lstm_core.experiments` -- one training run of a long-time-lag task, as the chapters run it
"""

from . import (
    activations,
    carousel,
    dense,
    diagnostics,
    experiments,
    gradcheck,
    gru,
    losses,
    lstm,
    lstm_fd,
    rnn,
    stack,
    tasks,
    train,
)

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
    "experiments",
    "gru",
    "stack",
    "tasks",
    "train",
]
__version__ = "0.1.0"
