"""SymPy derivations of every equation of the book, proved and checked against lstm_core.

Each derivation is done by the machine (the chain rule over a graph of SymPy symbols, see
:mod:`.graph`), compared with the deck's closed form (difference simplified to zero), and
evaluated at random numbers against the numpy engine.

- :func:`derive` -- equations (1)-(12) of the book (chapters 4-5) for one peephole LSTM block
- :func:`derive_dense` -- the dense layer's gradients (the deck's ANN)
- :func:`derive_rnn` -- backpropagation through time for a vanilla RNN
- :func:`rnn_jacobian_product`, :func:`rnn_jacobian`, :func:`rnn_jacobian_norms` --
  ∂h^t/∂h^k = ∏ diag(1 - (h^j)^2) R, the product behind vanishing gradients
- :func:`summary` -- all of them at once: proofs run, all zero, error against lstm_core
- :func:`tex` -- LaTeX of any of their SymPy expressions in the deck's symbols
- :mod:`.cells` -- small helpers for the chapters' visible SymPy cells (symbols named as the
  deck names them, one block's net inputs, values on an engine trace, a display); the cells
  themselves do the differentiating and the comparing

Reference: A. Graves, *Supervised Sequence Labelling with Recurrent Neural Networks*,
Springer 2012, ch. 4 (the deck's notation and equations).
"""

from .dense_eqs import DenseModel, derive_dense
from .derivation import Derivation, Item
from .graph import tex
from .lstm_eqs import derive
from .lstm_model import LSTMModel, lstm_model
from .rnn_eqs import (
    JacobianProduct,
    RNNModel,
    derive_rnn,
    rnn_jacobian,
    rnn_jacobian_norms,
    rnn_jacobian_product,
)
from .summary import Summary, summary

__all__ = [
    "Derivation",
    "DenseModel",
    "Item",
    "JacobianProduct",
    "LSTMModel",
    "RNNModel",
    "derive",
    "derive_dense",
    "derive_rnn",
    "lstm_model",
    "rnn_jacobian",
    "rnn_jacobian_norms",
    "rnn_jacobian_product",
    "Summary",
    "summary",
    "tex",
]
