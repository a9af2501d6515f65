"""Plots, widgets and diagrams of the book, in one visual style.

- :mod:`lstm_core.viz.style` -- the palette and symbols: one colour per quantity, everywhere
- :mod:`lstm_core.viz.explorer` -- :func:`explore`: sliders over a computation, live in
  JupyterLab (ipywidgets + plotly ``FigureWidget``) and still interactive in the static HTML
  book (precomputed on the grid of slider values); :func:`show` for a static plotly figure
- :mod:`lstm_core.viz.diagram` -- the LSTM block diagram (one step or unrolled) and the
  RNN folded and unrolled, drawn by matplotlib

Chapter-specific figure builders live in their own modules ``viz/<topic>.py`` and add their
exports below.
"""

from . import diagram, explorer, style
from .diagram import lstm_diagram, rnn_diagram
from .explorer import Control, Explorer, Panel, StaticFigure, control, explore, panel, show

__all__ = [
    "style",
    "explorer",
    "diagram",
    "Control",
    "Explorer",
    "Panel",
    "StaticFigure",
    "control",
    "explore",
    "panel",
    "show",
    "lstm_diagram",
    "rnn_diagram",
]

# Chapters 1-3 (the layer, the RNN unrolled, gradients over distance): viz/rnn.py
from . import rnn  # noqa: E402
from .rnn import dense_layer_diagram, gradcheck_step_figure, gradient_norms_figure  # noqa: E402

__all__ += ["rnn", "dense_layer_diagram", "gradcheck_step_figure", "gradient_norms_figure"]

# Chapters 4-5 (the LSTM block forward and backward): viz/gates.py
from . import gates  # noqa: E402
from .gates import (  # noqa: E402
    eps_s_paths_figure,
    eps_s_terms_figure,
    error_flow_figure,
    gate_explorer,
)

__all__ += ["gates", "eps_s_paths_figure", "eps_s_terms_figure", "error_flow_figure",
            "gate_explorer"]

# Chapters 6 and 8 (training on long time lags, the variants): viz/training.py
from . import training  # noqa: E402
from .training import (  # noqa: E402
    adding_sequence_figure,
    gates_figure,
    learning_curves_figure,
    results_table,
    success_figure,
    variants_figure,
)

__all__ += [
    "training",
    "adding_sequence_figure",
    "gates_figure",
    "learning_curves_figure",
    "results_table",
    "success_figure",
    "variants_figure",
]

# Chapter 7 (a character-level language model): viz/text.py
from . import text  # noqa: E402
from .text import activation_html, char_loss_figure  # noqa: E402

__all__ += ["text", "activation_html", "char_loss_figure"]
