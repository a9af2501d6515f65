"""What the units of a trained network do: gate and cell statistics (chapters 6 and 7).

- :func:`gate_summary` -- for a one-layer LSTM trained on the adding problem, the input gate at
  the marked and the other steps, the forget gate, and how well each cell's final state holds
  the answer X1 + X2;
- :func:`cell_correlations` -- the correlation of every cell's activation with every feature of
  a text (e.g. :func:`lstm_core.corpus.python_char_features`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .. import lstm, sequences, stack, tasks
from .._checks import check_array, check_type

__all__ = ["gate_summary", "cell_correlations"]


def gate_summary(params: stack.StackParams, batch: tasks.AddingBatch) -> dict[str, np.ndarray]:
    """What each block of a trained one-layer LSTM does on the adding problem.

    Averages over the steps of every sequence of ``batch`` (padding excluded):

    - ``b_i_marked``, ``b_i_other``: the input gate b_ι at the two marked steps, and at the
      steps that are neither marked nor first nor last;
    - ``b_f_other``: the forget gate b_φ at those other steps;
    - ``corr_sum``: the correlation, over the sequences, of the block's final cell state
      s_c^{T_n} with X1 + X2 -- how well the block's memory holds the answer.

    Returns
    -------
    dict of str to ndarray of shape `(H,)`
    """
    check_type("params", params, stack.StackParams)
    check_type("batch", batch, tasks.AddingBatch)
    layer = params.layers[0]
    if len(params.layers) != 1 or not isinstance(layer, lstm.LSTMParams):
        raise ValueError("params: expected a one-layer LSTM stack")
    tr = stack.forward(params, batch.x).layers[0]
    T, N, _ = batch.x.shape
    cols = np.arange(N)
    marked = np.zeros((T, N), bool)
    marked[batch.marked.T, cols] = True  # (T, N)
    inside = np.arange(T)[:, None] < batch.lengths[None, :]
    ends = np.zeros((T, N), bool)
    ends[0] = True
    ends[batch.lengths - 1, cols] = True
    other = inside & ~marked & ~ends
    xsum = batch.x[batch.marked.T, cols, 0].sum(axis=0)  # (N,): X1 + X2
    s_end = sequences.at_ends(tr.s, batch.lengths)  # (N, H)
    corr = np.array([np.corrcoef(s_end[:, j], xsum)[0, 1] for j in range(layer.n_hidden)])
    return {
        "b_i_marked": tr.b_i[marked].mean(axis=0),
        "b_i_other": tr.b_i[other].mean(axis=0),
        "b_f_other": tr.b_f[other].mean(axis=0),
        "corr_sum": corr,
    }


def cell_correlations(activations: np.ndarray, features: dict) -> dict[str, np.ndarray]:
    """The correlation of every cell's activation with every feature, over the characters.

    Parameters
    ----------
    activations : ndarray of shape `(L, H)`
        One row per character: e.g. tanh(s_c) of a layer after reading it.
    features : dict of str to ndarray of shape `(L,)`
        E.g. :func:`lstm_core.corpus.python_char_features`.

    Returns
    -------
    dict of str to ndarray of shape `(H,)`
        Pearson correlations (0 where a cell or a feature is constant).
    """
    A = check_array("activations", activations, ["L", "H"], dtype=np.float64)
    if not isinstance(features, Mapping):
        raise TypeError(f"features: expected a dict name -> array, got {type(features).__name__}")
    Ac = A - A.mean(axis=0)
    a_norm = np.sqrt((Ac * Ac).sum(axis=0))  # (H,)
    out = {}
    for name, f in features.items():
        f = np.asarray(f)
        if f.dtype.kind in "biu":  # counts and flags are features too
            f = f.astype(np.float64)
        f = check_array(f"features[{name!r}]", f, [A.shape[0]], dtype=np.float64)
        fc = f - f.mean()
        denom = a_norm * np.sqrt(fc @ fc)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(denom > 0, (fc @ Ac) / np.where(denom > 0, denom, 1.0), 0.0)
    return out
