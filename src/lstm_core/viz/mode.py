"""The one switch between live widgets and the static book: ``LSTM_VIZ_STATIC``.

The book build sets ``LSTM_VIZ_STATIC=1`` for its kernels (``book/_ext/execute_every_build.py``):
no reader ever talks to those kernels, so explorers emit only their static HTML view and
progress bars only their final text. In JupyterLab the variable is unset and everything is live.
"""

from __future__ import annotations

import os

__all__ = ["static_only"]


def static_only() -> bool:
    """True when ``LSTM_VIZ_STATIC`` is ``1``, ``true`` or ``yes``: show static views only."""
    return os.environ.get("LSTM_VIZ_STATIC", "").strip().lower() in ("1", "true", "yes")
