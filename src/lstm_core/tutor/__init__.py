"""The tutor: checks the reader's own forward or backward pass and names the wrong term.

One public function per exercise of the book; each takes the reader's function, runs it on a
few designed cases and compares every output -- and, for the LSTM's backward step, every ε and
δ of equations (6)-(11) in the deck's order -- with the engine:

========================== ======== ================================================
check                      chapter  the reader writes
========================== ======== ================================================
check_dense_backward       1        ``dense_backward(dy, x, W, y) -> (delta, dW, db, dx)``
check_rnn_step_backward    2        ``rnn_step_backward(dh, delta_next, x, h_prev, h, W, R)
                                    -> (eps, delta, dW, dR, db)``
check_rnn_bptt             2        ``rnn_bptt(dh, x, h0, h, W, R) -> (delta, dW, dR, db)``
check_lstm_step_forward    4        ``lstm_step_forward(params, x_t, h_prev, s_prev) -> (h, s)``
check_lstm_step_backward   5        ``lstm_step_backward(params, cache, dh, eps_s_next,
                                    delta_next, b_f_next)
                                    -> (eps_c, delta_o, eps_s, delta_i, delta_f, delta_c)``
check_lstm_weight_grads    5        ``lstm_weight_grads(x, h0, h, s0, s, delta)
                                    -> (dW, dR, db, dp)``
========================== ======== ================================================

How it names a mistake: for the first output that differs (in the order the equations compute
them), it builds candidate wrong values from the equation's own structure -- each term of the
correct sum left out, its sign flipped, its time index shifted, f where f' belongs, a weight
transposed, a sum over the batch or the steps not taken -- from the engine's intermediate
values, and looks for the one that equals the reader's output on every case. The cases are
designed so that the candidates differ (random non-zero weights, inputs and errors; I ≠ H so
that a transposed weight has the wrong shape; a case with zero peepholes and one at the last
step). What it cannot name it localises: the first step and entry that differ, with both values.
The candidates are numbers from the engine's intermediate values, not SymPy expressions:
importing SymPy alone takes more than the second a check may take (1.3 s on the project's
machine).

The reader's function is called with copies of its inputs (a function that changes them in
place is told so), under a time limit, and anything it does wrong as a function -- raise,
return None or a tuple of the wrong length, an array of the wrong shape or dtype, NaN -- is
answered with one sentence that names what was expected, never a traceback from inside
``lstm_core``. Each check returns a :class:`CheckResult`, which a notebook displays.
"""


from .dense_checks import check_dense_backward
from .lstm_checks import check_lstm_step_backward, check_lstm_step_forward, check_lstm_weight_grads
from .rnn_checks import check_rnn_bptt, check_rnn_step_backward
from .runner import TIME_LIMIT_S, CheckResult

__all__ = [
    "CheckResult",
    "TIME_LIMIT_S",
    "check_dense_backward",
    "check_rnn_step_backward",
    "check_rnn_bptt",
    "check_lstm_step_forward",
    "check_lstm_step_backward",
    "check_lstm_weight_grads",
]
