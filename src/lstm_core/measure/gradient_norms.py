"""Why plain RNNs forget, measured: gradient norms against distance, and the Jacobian product.

For the vanilla RNN of :mod:`lstm_core.rnn`, ``h^t = tanh(W x^t + R h^{t-1} + b)``, the
gradient that reaches an early state from a loss at step ``t`` passes through

    ∂h^t/∂h^k = ∏_{j=k+1}^{t} diag(1 - (h^j)²) R          (t ≥ k; the identity if t = k)

so its size is roughly a product of ``t - k`` factors: it shrinks geometrically when those
factors are small (vanishing gradients) and grows when they are large (exploding gradients).
Bengio, Simard & Frasconi (1994) showed the dilemma; Pascanu, Mikolov & Bengio (2013) gave
the conditions in terms of the largest singular value of ``R``.

This module holds the few computations the chapter "Why RNNs forget" needs beyond
``rnn.forward``/``rnn.backward``: rescaling ``R`` to a chosen spectral radius, a random
orthogonal matrix to rescale, the norm of ``∂L/∂h^k`` for every distance ``t - k``, and the
per-step factor by which that norm changes. The Jacobian product itself, derived and
evaluated, is :func:`lstm_core.symbolic.rnn_jacobian`. Time indices follow the book:
``h^0`` is the initial state (``trace.h0``) and ``h^t`` for ``t = 1..T`` is
``trace.h[t - 1]``.
"""

from __future__ import annotations

import numpy as np

from .. import rnn
from .._checks import check_array, check_bytes, check_float_dtype, check_positive_int, check_rng, check_type

__all__ = [
    "random_orthogonal",
    "spectral_radius",
    "with_spectral_radius",
    "gradient_norms_by_distance",
    "growth_per_step",
]


def random_orthogonal(n: int, *, rng=None, dtype=np.float64) -> np.ndarray:
    """A random orthogonal matrix, uniform (Haar) over the orthogonal group.

    Every singular value and every eigenvalue modulus of ``ρ Q`` is ``ρ``, so for a scaled
    orthogonal recurrent matrix the spectral radius and the largest singular value -- the
    two numbers the vanishing-gradient argument uses -- are the same knob.

    Parameters
    ----------
    n : int
        The size.
    rng : numpy.random.Generator or int or None

    Returns
    -------
    ndarray of shape `(n, n)`
    """
    n = check_positive_int("n", n)
    check_bytes("n", 2 * n * n, 8, f"a ({n}, {n}) matrix")
    dtype = check_float_dtype("dtype", dtype)
    rng = check_rng(rng)
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    q *= np.sign(np.diag(r))  # fix the signs so that the distribution is Haar
    return q.astype(dtype)


def spectral_radius(R: np.ndarray) -> float:
    """``max |λ|`` over the eigenvalues λ of the square matrix ``R`` `(H, H)`."""
    R = check_array("R", R, ["H", "H"])
    return float(np.max(np.abs(np.linalg.eigvals(R))))


def with_spectral_radius(params: rnn.RNNParams, radius: float) -> rnn.RNNParams:
    """The same RNN with ``R`` rescaled so that its spectral radius is ``radius``.

    Parameters
    ----------
    params : RNNParams
    radius : float
        The new spectral radius, ``> 0``.

    Returns
    -------
    RNNParams
        New parameters (``W`` and ``b`` shared with ``params``, a new ``R``).
    """
    check_type("params", params, rnn.RNNParams)
    if isinstance(radius, bool) or not isinstance(radius, (int, float, np.floating, np.integer)):
        raise TypeError(f"radius: expected a positive float, got {type(radius).__name__}")
    if not (np.isfinite(radius) and radius > 0):
        raise ValueError(f"radius: expected a finite value > 0, got {radius!r}")
    current = spectral_radius(params.R)
    if current == 0.0:
        raise ValueError("params.R: has spectral radius 0 (nilpotent), it cannot be rescaled")
    R = params.R * (radius / current)  # (H, H)
    return rnn.RNNParams(W=params.W, R=R.astype(params.R.dtype), b=params.b)


def gradient_norms_by_distance(
    params: rnn.RNNParams,
    x: np.ndarray,
    h0: np.ndarray | None = None,
    dh_T: np.ndarray | None = None,
) -> np.ndarray:
    """``‖∂L/∂h^k‖`` for every ``k``, ordered by the distance ``T - k``, for a loss at step T.

    The loss is the linear ``L = Σ_n dh_T[n] · h^T[n]``: it depends on the last state only,
    so every ``∂L/∂h^k`` is the gradient carried back ``T - k`` steps, and nothing else is
    added on the way (``∂L/∂h^k = (∂h^T/∂h^k)ᵀ dh_T``). Computed by ``rnn.backward``.

    Parameters
    ----------
    params : RNNParams
    x : ndarray of shape `(T, N, I)`
    h0 : ndarray of shape `(N, H)`, optional
        Initial state; zeros if omitted.
    dh_T : ndarray of shape `(N, H)`, optional
        ``∂L/∂h^T``. Default: the unit vector ``(1, …, 1)/√H`` for every sequence, so that
        the norm at distance 0 is 1 and every other value is a ratio to it.

    Returns
    -------
    ndarray of shape `(T + 1, N)`
        Row ``d`` holds ``‖∂L/∂h^{T-d}‖`` (Euclidean norm over the H units) for each
        sequence; row ``T`` is the initial state ``h^0``.
    """
    check_type("params", params, rnn.RNNParams)
    x = check_array("x", x, [None, None, params.n_in], dtype=params.W.dtype)
    T, N, _ = x.shape
    H = params.n_hidden
    if dh_T is None:
        dh_T = np.full((N, H), 1.0 / np.sqrt(H), dtype=params.W.dtype)
    else:
        dh_T = check_array("dh_T", dh_T, [N, H], dtype=params.W.dtype)
    trace = rnn.forward(params, x, h0)
    dh = np.zeros_like(trace.h)  # (T, N, H): the loss reads only the last step
    dh[-1] = dh_T
    grads = rnn.backward(params, trace, dh)
    eps = np.concatenate([grads.h0[None], grads.eps])  # (T+1, N, H): ∂L/∂h^k, k = 0..T
    return np.linalg.norm(eps, axis=2)[::-1].copy()  # (T+1, N), row d is k = T - d


def growth_per_step(norms: np.ndarray, *, skip: int = 0) -> float:
    """The factor by which a gradient norm grows (> 1) or shrinks (< 1) per step back in time.

    Fits ``log ‖∂L/∂h^{T-d}‖ ≈ c + d log r`` by least squares over the distances
    ``d = skip, …, D - 1`` (the logarithm averaged over the batch first: a geometric mean)
    and returns ``r``. Skipping the first steps leaves out the transient before the
    per-step factor settles.

    Parameters
    ----------
    norms : ndarray of shape `(D,)` or `(D, N)`
        Gradient norms by distance, as returned by :func:`gradient_norms_by_distance`;
        every entry finite and > 0.
    skip : int
        Distances to leave out at the start, ``0 <= skip <= D - 2``.

    Returns
    -------
    float
        ``r``: ``r < 1`` the gradient vanishes as ``r^d``, ``r > 1`` it explodes.
    """
    if np.ndim(norms) not in (1, 2):
        raise ValueError(f"norms: expected shape (D,) or (D, N), got shape {np.shape(norms)}")
    norms = check_array("norms", norms, ["D", "N"][: np.ndim(norms)])
    if isinstance(skip, bool) or not isinstance(skip, (int, np.integer)):
        raise TypeError(f"skip: expected an int, got {type(skip).__name__}")
    D = norms.shape[0]
    if not 0 <= skip <= D - 2:
        raise ValueError(f"skip: expected 0 <= skip <= D - 2 = {D - 2} (two points to fit), got {skip}")
    if np.any(norms <= 0):
        raise ValueError("norms: expected every entry > 0 (a logarithm is taken)")
    logs = np.log(norms).reshape(D, -1).mean(axis=1)[skip:]  # (D - skip,)
    d = np.arange(skip, D, dtype=np.float64)
    slope = np.polyfit(d, logs, 1)[0]
    return float(np.exp(slope))
