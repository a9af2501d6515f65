"""Plots, widgets and diagrams of the book, in one visual style.

- :mod:`lstm_core.viz.style` -- the palette and symbols: one colour per quantity, everywhere
- :mod:`lstm_core.viz.explorer` -- :func:`explore`: sliders over a computation, live in
  JupyterLab (ipywidgets + plotly ``FigureWidget``) and still interactive in the static HTML
  book (precomputed on the grid of slider values); :func:`show` for a static plotly figure
- :mod:`lstm_core.viz.diagram` -- every diagram: the layer, the RNN folded and unrolled, the
  LSTM block (one step or unrolled), drawn by matplotlib
- :mod:`lstm_core.viz.progress` -- progress bars for long jobs; :mod:`lstm_core.viz.mode` the
  one switch (``LSTM_VIZ_STATIC``) between live widgets and the static book
- :mod:`lstm_core.viz.i18n` -- the language of the figures' text (``LSTM_VIZ_LANG``) and its
  catalogues; :mod:`lstm_core.viz.figures_i18n` draws every matplotlib figure in each of those
  languages when it is displayed in IPython (registered on import)

Chapter-specific figure builders live in their own modules: ``viz/rnn.py`` (chapters 1-3:
gradient checks, sequences, gradients over distance), ``viz/gates.py`` (chapters 4-5: the gate
explorer, the paths into eps_s), ``viz/training.py`` (chapters 6 and 8: training on long time
lags, the variants), ``viz/text.py`` (chapter 7: text coloured by a cell's activation) and
``viz/forecast.py`` (chapter 9: a measured series, errors per horizon, the forecast explorer).
"""

from . import (
    diagram,
    explorer,
    figures_i18n,
    forecast,
    gates,
    i18n,
    mode,
    progress,
    rnn,
    style,
    text,
    training,
)
from .diagram import dense_layer_diagram, lstm_diagram, rnn_unrolled_diagram
from .explorer import Control, Explorer, Panel, StaticFigure, control, explore, panel, show
from .forecast import forecast_explorer, forecast_figure, horizon_figure, series_figure
from .gates import eps_s_paths_figure, eps_s_terms_figure, error_flow_figure, gate_explorer
from .progress import ProgressBar
from .rnn import gradcheck_step_figure, gradient_norms_figure
from .text import activation_html, char_loss_figure
from .training import (
    adding_sequence_figure,
    gates_figure,
    learning_curves_figure,
    results_table,
    success_figure,
    variants_figure,
)

__all__ = [
    # the mechanism, the style, the diagrams
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
    "mode",
    "i18n",
    "figures_i18n",
    "progress",
    "ProgressBar",
    "dense_layer_diagram",
    "lstm_diagram",
    "rnn_unrolled_diagram",
    # chapters 1-3
    "rnn",
    "gradcheck_step_figure",
    "gradient_norms_figure",
    # chapters 4-5
    "gates",
    "eps_s_paths_figure",
    "eps_s_terms_figure",
    "error_flow_figure",
    "gate_explorer",
    # chapters 6 and 8
    "training",
    "adding_sequence_figure",
    "gates_figure",
    "learning_curves_figure",
    "results_table",
    "success_figure",
    "variants_figure",
    # chapter 7
    "text",
    "activation_html",
    "char_loss_figure",
    # chapter 9
    "forecast",
    "forecast_explorer",
    "forecast_figure",
    "horizon_figure",
    "series_figure",
]

figures_i18n.register()  # inside IPython: every figure in every language of LSTM_VIZ_LANG
