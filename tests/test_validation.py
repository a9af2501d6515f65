"""Bad input fails loudly at the public API, naming the argument and both shapes."""

import re

import numpy as np
import pytest

from lstm_core import dense, losses, lstm, rnn

rng = np.random.default_rng(0)
LP = lstm.init_params(3, 4, rng=rng)
RP = rnn.init_params(3, 4, rng=rng)
DP = dense.init_params(3, 4, rng=rng)
X = rng.normal(size=(5, 2, 3))


def raises(exc, *words):
    """pytest.raises whose message must contain every word (argument name, shapes)."""
    return pytest.raises(exc, match="(?s)" + "".join(f"(?=.*{re.escape(w)})" for w in words))


# --- wrong rank -------------------------------------------------------------------------
def test_lstm_forward_rejects_wrong_rank():
    with raises(ValueError, "x", "3 dimensions", "(2, 3)"):
        lstm.forward(LP, X[0])


def test_rnn_forward_rejects_wrong_rank():
    with raises(ValueError, "x", "(5, 2, 3, 1)"):
        rnn.forward(RP, X[..., None])


def test_dense_forward_rejects_wrong_rank():
    with raises(ValueError, "x", "(5, 2, 3)"):
        dense.forward(DP, X)


# --- mismatched sizes -------------------------------------------------------------------
def test_lstm_forward_rejects_wrong_feature_size():
    with raises(ValueError, "x", "(T=5, N=2, 3)", "(5, 2, 7)"):
        lstm.forward(LP, rng.normal(size=(5, 2, 7)))


def test_lstm_forward_rejects_initial_state_of_wrong_batch():
    with raises(ValueError, "h0", "(2, 4)", "(3, 4)"):
        lstm.forward(LP, X, h0=np.zeros((3, 4)))
    with raises(ValueError, "s0", "(2, 4)", "(2, 5)"):
        lstm.forward(LP, X, s0=np.zeros((2, 5)))


def test_lstm_backward_rejects_dh_of_wrong_shape_instead_of_broadcasting():
    tr = lstm.forward(LP, X)
    with raises(ValueError, "dh", "(5, 2, 4)", "(2, 4)"):
        lstm.backward(LP, tr, np.ones((2, 4)))  # would broadcast silently
    with raises(ValueError, "dh", "(5, 2, 4)", "(5, 1, 4)"):
        lstm.backward(LP, tr, np.ones((5, 1, 4)))
    with raises(ValueError, "ds_T", "(2, 4)"):
        lstm.backward(LP, tr, np.ones((5, 2, 4)), ds_T=np.ones(4))


def test_rnn_backward_rejects_dh_of_wrong_shape():
    tr = rnn.forward(RP, X)
    with raises(ValueError, "dh", "(5, 2, 4)", "(5, 2, 1)"):
        rnn.backward(RP, tr, np.ones((5, 2, 1)))


def test_dense_backward_rejects_dy_of_wrong_shape():
    tr = dense.forward(DP, X[0])
    with raises(ValueError, "dy", "(2, 4)", "(4,)"):
        dense.backward(DP, tr, np.ones(4))


def test_params_of_another_layers_size_are_rejected():
    other = lstm.init_params(3, 6, rng=0)  # H = 6
    tr = lstm.forward(LP, X)
    with raises(ValueError, "trace", "H = 4", "H = 6", "params.W", "(16, 3)", "(24, 3)"):
        lstm.backward(other, tr, np.ones((5, 2, 4)))
    with raises(ValueError, "params.W", "(16, ?)", "(24, 3)"):
        lstm.LSTMParams(W=other.W, R=LP.R, b=LP.b, p=LP.p)
    with raises(ValueError, "params.p", "(3, 4)", "(3, 6)"):
        lstm.LSTMParams(W=LP.W, R=LP.R, b=LP.b, p=other.p)
    with raises(ValueError, "params.R", "(H=4, H=4)", "(6, 4)"):
        rnn.RNNParams(W=RP.W, R=np.zeros((6, 4)), b=RP.b)


def test_params_with_a_wrong_bias_length_are_rejected():
    with raises(ValueError, "params.b", "(16,)", "(15,)"):
        lstm.LSTMParams(W=LP.W, R=LP.R, b=LP.b[:-1], p=LP.p)
    with raises(ValueError, "params.b", "(m=4,)", "(3,)"):
        dense.DenseParams(W=DP.W, b=DP.b[:3])


# --- NaN / inf --------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_inputs_are_rejected(bad):
    x = X.copy()
    x[2, 1, 0] = bad
    with raises(ValueError, "x", "NaN or inf"):
        lstm.forward(LP, x)
    with raises(ValueError, "x", "NaN or inf"):
        rnn.forward(RP, x)
    with raises(ValueError, "x", "NaN or inf"):
        dense.forward(DP, x[2])


def test_non_finite_params_are_rejected():
    b = LP.b.copy()
    b[0] = np.nan
    with raises(ValueError, "params.b", "NaN or inf"):
        lstm.LSTMParams(W=LP.W, R=LP.R, b=b, p=LP.p)


def test_non_finite_gradient_seed_is_rejected():
    tr = lstm.forward(LP, X)
    dh = np.ones((5, 2, 4))
    dh[0, 0, 0] = np.inf
    with raises(ValueError, "dh", "NaN or inf"):
        lstm.backward(LP, tr, dh)


# --- empty sequences --------------------------------------------------------------------
def test_empty_sequence_is_rejected():
    with raises(ValueError, "x", "T >= 1", "(0, 2, 3)"):
        lstm.forward(LP, np.zeros((0, 2, 3)))
    with raises(ValueError, "x", "T >= 1", "(0, 2, 3)"):
        rnn.forward(RP, np.zeros((0, 2, 3)))


def test_empty_batch_is_rejected():
    with raises(ValueError, "x", "N >= 1", "(5, 0, 3)"):
        lstm.forward(LP, np.zeros((5, 0, 3)))


# --- dtypes -----------------------------------------------------------------------------
def test_integer_arrays_are_rejected_with_type_error():
    with raises(TypeError, "x", "int64", "float"):
        lstm.forward(LP, np.ones((5, 2, 3), dtype=np.int64))
    with raises(TypeError, "x", "int64"):
        rnn.forward(RP, np.ones((5, 2, 3), dtype=np.int64))
    with raises(TypeError, "x", "bool"):
        dense.forward(DP, np.ones((2, 3), dtype=bool))
    with raises(TypeError, "params.W", "int64"):
        lstm.LSTMParams(W=np.ones((16, 3), dtype=np.int64), R=LP.R, b=LP.b)


def test_mixed_precision_params_are_rejected():
    with raises(TypeError, "params", "float32", "float64"):
        lstm.LSTMParams(W=LP.W.astype(np.float32), R=LP.R, b=LP.b, p=LP.p)


def test_wrong_object_types_are_rejected():
    with raises(TypeError, "params", "LSTMParams", "RNNParams"):
        lstm.forward(RP, X)
    with raises(TypeError, "trace", "LSTMTrace", "RNNTrace"):
        lstm.backward(LP, rnn.forward(RP, X), np.ones((5, 2, 4)))


def test_bad_options_are_rejected():
    with raises(ValueError, "forget", "gate"):
        lstm.init_params(3, 4, forget="sometimes")
    with raises(ValueError, "n_hidden", "0"):
        lstm.init_params(3, 0)
    with raises(ValueError, "activation", "relu"):
        dense.DenseParams(W=DP.W, b=DP.b, activation="relu")
    with raises(TypeError, "rng", "Generator"):
        lstm.init_params(3, 4, rng="seed")


def test_losses_validate_their_arguments():
    with raises(ValueError, "target", "(2, 3)", "(3, 2)"):
        losses.squared_error(np.zeros((2, 3)), np.zeros((3, 2)))
    with raises(TypeError, "labels", "float"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), np.zeros(2))
    with raises(ValueError, "labels", "[0, 3)"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
