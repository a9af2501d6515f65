"""lstm_core: the numeric engine and the symbolic checks behind the book "LSTM, Derived".

Modules, each readable beside one chapter:

- :mod:`lstm_core.activations` -- sigmoid and tanh that never overflow, and their derivatives
- :mod:`lstm_core.dense` -- one layer of neurons (the ANN)
- :mod:`lstm_core.rnn` -- a vanilla RNN and backpropagation through time
- :mod:`lstm_core.lstm` -- the Graves peephole LSTM, equations (1)-(12)
- :mod:`lstm_core.gru` -- the GRU (Cho et al. 2014), forward and BPTT, for the variants chapter
- :mod:`lstm_core.stack` -- stacked recurrent layers with a dense read-out, and their losses
- :mod:`lstm_core.losses` -- squared error and softmax cross-entropy, with gradients
- :mod:`lstm_core.sequences` -- padded batches: the output at each sequence's end, and back
- :mod:`lstm_core.gradcheck` -- central differences, one relative error per array
- :mod:`lstm_core.symbolic` -- SymPy derivations of every equation, checked against the engine
- :mod:`lstm_core.measure` -- measurements: gradients inside a layer by finite differences,
  the constant error carousel, RNN gradient norms by distance, what trained units do
- :mod:`lstm_core.tasks` -- the adding and temporal-order problems (1997)
- :mod:`lstm_core.corpus` -- a character corpus from Python's standard library, its features
- :mod:`lstm_core.train` -- SGD, Adam, gradient clipping, truncated BPTT, the fit loop
- :mod:`lstm_core.experiments` -- one training run of a long-time-lag task, as the chapters run it
- :mod:`lstm_core.forecast` -- a measured series as n x 7 windows, a split in time, baselines, forecasters
- :mod:`lstm_core.tutor` -- checks the reader's own forward/backward code and names the wrong term
- :mod:`lstm_core.viz` -- figures, explorers and progress bars (imported on its own)
"""

from . import (
    activations,
    corpus,
    dense,
    experiments,
    forecast,
    gradcheck,
    gru,
    losses,
    lstm,
    measure,
    rnn,
    sequences,
    stack,
    tasks,
    train,
    tutor,
)

__all__ = [
    "activations",
    "corpus",
    "dense",
    "experiments",
    "forecast",
    "gradcheck",
    "gru",
    "losses",
    "lstm",
    "measure",
    "rnn",
    "sequences",
    "stack",
    "tasks",
    "train",
    "tutor",
]
__version__ = "0.1.0"
