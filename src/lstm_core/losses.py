"""Losses with their gradients: ``value, grad = loss(prediction, target)``.

Both are *sums* over every element (over time and batch, too), which is what the deck's
``L`` is: the gradient of a sum is what BPTT accumulates. Divide by the batch size yourself
for a mean.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_array

__all__ = ["squared_error", "softmax", "softmax_cross_entropy"]


def squared_error(y: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """``L = 1/2 Σ (y - target)^2`` and ``∂L/∂y = y - target``.

    Parameters
    ----------
    y, target : ndarray, same shape (any rank)
    """
    y = check_array("y", y, [None] * np.ndim(y))
    target = check_array("target", target, list(y.shape))
    diff = y - target
    return 0.5 * float(np.sum(diff * diff)), diff


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis``, shifted by the max so that it never overflows.

    ``z``: a finite float array of any rank >= 1; ``axis``: one of its axes.
    """
    z = check_array("z", z, [None] * max(np.ndim(z), 1))
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)) or not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis: expected an axis of z (an int in [{-z.ndim}, {z.ndim})), got {axis!r}")
    if z.shape[axis] == 0:
        raise ValueError(f"z: expected at least one entry along axis {axis}, got shape {z.shape}")
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Cross-entropy of integer class labels under ``softmax(logits)``, and its gradient.

    Parameters
    ----------
    logits : ndarray of shape `(..., K)`
    labels : integer ndarray of shape `(...)`, values in ``[0, K)``

    Returns
    -------
    loss : float
        ``-Σ log softmax(logits)[label]`` summed over all leading positions.
    grad : ndarray of shape `(..., K)`
        ``softmax(logits) - onehot(labels)``.
    """
    logits = check_array("logits", logits, [None] * max(np.ndim(logits), 1))
    labels = np.asarray(labels)
    if not np.issubdtype(labels.dtype, np.integer):
        raise TypeError(f"labels: expected an integer array, got dtype {labels.dtype}")
    if labels.shape != logits.shape[:-1]:
        raise ValueError(
            f"labels: expected shape {logits.shape[:-1]} (logits without its last axis), "
            f"got {labels.shape}"
        )
    k = logits.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"labels: values must lie in [0, {k}), got [{labels.min()}, {labels.max()}]")
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    logsumexp = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    logp = shifted - logsumexp
    picked = np.take_along_axis(logp, labels[..., None], axis=-1)
    grad = np.exp(logp)
    np.put_along_axis(grad, labels[..., None], np.take_along_axis(grad, labels[..., None], -1) - 1.0, -1)
    return -float(np.sum(picked)), grad
