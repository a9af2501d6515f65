"""One catalogue per language for the text the figures draw: ``<lang>.py`` holds ``STRINGS``,
a dict from the English string (as the code writes it, HTML included) to its translation.
See :mod:`lstm_core.viz.i18n`."""
