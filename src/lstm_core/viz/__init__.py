"""Plots, widgets and diagrams of the book, in one visual style.

- :mod:`lstm_core.viz.style` -- the palette and symbols: one colour per quantity, everywhere
- :mod:`lstm_core.viz.explorer` -- :func:`explore`: sliders over a computation, live in
  JupyterLab (ipywidgets + plotly ``FigureWidget``) and still interactive in the static HTML
  book (precomputed on the grid of slider values); :func:`show` for a static plotly figure
- :mod:`lstm_core.viz.diagram` -- the LSTM block diagram (and the ANN layer, the unrolled
  RNN) drawn by matplotlib

Chapter-specific figure builders live in their own modules ``viz/<topic>.py`` and add their
exports below.
"""

from . import explorer, style
from .explorer import Control, Explorer, Panel, StaticFigure, control, explore, panel, show

__all__ = [
    "style",
    "explorer",
    "Control",
    "Explorer",
    "Panel",
    "StaticFigure",
    "control",
    "explore",
    "panel",
    "show",
]
