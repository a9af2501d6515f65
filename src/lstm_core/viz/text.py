"""Text coloured by a cell's activation, after Karpathy, Johnson & Fei-Fei (2015).

"Visualizing and Understanding Recurrent Networks" (ICLR 2016 workshop; arXiv 1506.02078)
found cells of character-level LSTMs that track quotes, brackets and line length by colouring
each character of a text with one cell's activation after reading it. :func:`activation_html`
does that for any sequence of values: blue for negative, vermillion for positive (the book's
palette, :mod:`lstm_core.viz.style`), white for zero. The result is plain HTML with inline
styles, so it displays the same in JupyterLab and in the static book, without scripts. Its
title is drawn in every language of ``LSTM_VIZ_LANG``, as a figure's labels
(:func:`lstm_core.viz.figures_i18n.html_in_languages`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np

from .style import PALETTE

__all__ = ["ColouredText", "activation_html", "activation_rows", "char_loss_figure"]

_LEVELS = 10  # colour levels per sign: consecutive characters of one level share a span


def _blend(hex_color: str, alpha: float) -> str:
    """``hex_color`` at opacity ``alpha`` over white, as ``#rrggbb``."""
    rgb = [int(hex_color[k : k + 2], 16) for k in (1, 3, 5)]
    mixed = [round(255 + alpha * (c - 255)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


class ColouredText:
    """HTML that IPython displays (``_repr_html_``); ``str()`` gives the markup (English).

    ``render(tr)`` draws the markup with ``tr`` translating its titles (the identity: English).
    """

    def __init__(self, render: Callable[[Callable[[str], str]], str]):
        self.render = render

    @property
    def markup(self) -> str:
        return self.render(lambda s: s)

    def _repr_html_(self) -> str:
        from .figures_i18n import html_in_languages

        return html_in_languages(self.render)[0]

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        from .figures_i18n import html_bundle

        return html_bundle(self.render)

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # no memory address: outputs are the same on every run
        return f"<coloured text, {len(self.markup)} characters of HTML>"


def _spans(text: str, values: np.ndarray, vmax: float) -> str:
    levels = np.clip(np.round(values / vmax * _LEVELS), -_LEVELS, _LEVELS).astype(int)
    out, start = [], 0
    for k in range(1, len(text) + 1):
        if k == len(text) or levels[k] != levels[start]:
            lv = levels[start]
            chunk = html.escape(text[start:k])
            if lv == 0:
                out.append(chunk)
            else:
                color = PALETTE["vermillion"] if lv > 0 else PALETTE["blue"]
                bg = _blend(color, 0.8 * abs(lv) / _LEVELS)
                out.append(f'<span style="background:{bg}">{chunk}</span>')
            start = k
    return "".join(out)


def activation_html(text: str, values: Sequence[float], *, vmax: float | None = None,
                    title: str | None = None) -> ColouredText:
    """``text`` with every character's background coloured by ``values``.

    Parameters
    ----------
    text : str
    values : array of shape `(len(text),)`
        One number per character, e.g. tanh(s_c) of one cell after reading it.
    vmax : float, optional
        The value drawn in full colour (default: the largest absolute value).
    title : str, optional
        A line above the text (plain text, escaped).

    Returns
    -------
    ColouredText
        Displays as the coloured text.
    """
    values = np.asarray(values, dtype=float)
    if values.shape != (len(text),):
        raise ValueError(f"values: expected shape ({len(text)},), got {values.shape}")
    if not np.isfinite(values).all():
        raise ValueError("values: contains NaN or inf")
    vmax = float(np.abs(values).max()) if vmax is None else float(vmax)
    vmax = vmax if vmax > 0 else 1.0
    head = (lambda tr: f'<div style="font-size:0.9em;margin:0.2em 0">{html.escape(tr(title))}'
            "</div>") if title else (lambda tr: "")
    legend = (
        '<div style="font-size:0.8em;color:#4D4D4D;margin-top:0.2em">'
        f'<span style="background:{_blend(PALETTE["blue"], 0.8)}">&nbsp;&minus;{vmax:.2g}'
        f'&nbsp;</span> &hellip; 0 &hellip; <span style="background:'
        f'{_blend(PALETTE["vermillion"], 0.8)}">&nbsp;+{vmax:.2g}&nbsp;</span></div>'
    )
    body = (
        '<pre style="white-space:pre-wrap;line-height:1.35;font-size:0.85em;'
        'padding:0.4em;border:1px solid #E6E6E6;margin:0">'
        + _spans(text, values, vmax) + "</pre>"
    )
    return ColouredText(
        lambda tr: f'<div class="lstm-activation-text">{head(tr)}{body}{legend}</div>')


def activation_rows(text: str, rows: Sequence[tuple[str, Sequence[float]]], *,
                    vmax: float | None = None) -> ColouredText:
    """Several colourings of the same text, one below the other, each with its title.

    Parameters
    ----------
    text : str
    rows : sequence of (title, values)
    vmax : float, optional
        Shared full-colour value (default: each row its own).
    """
    parts = [activation_html(text, v, vmax=vmax, title=t) for t, v in rows]
    return ColouredText(lambda tr: "".join(p.render(tr) for p in parts))


def char_loss_figure(loss: Sequence[float], eval_steps: Sequence[int],
                     eval_loss: Sequence[float], *, vocab_size: int, window: int = 50,
                     unigram_bits: float | None = None):
    """A language model's loss in bits per character, training and held out (matplotlib).

    Parameters
    ----------
    loss : sequence of float
        Training loss per update, in nats per character.
    eval_steps, eval_loss : sequences
        Updates at which the held-out loss (nats per character) was measured.
    vocab_size : int
        For the line of the uniform guess, log2(V) bits.
    window : int
        Moving average of the training loss.
    unigram_bits : float, optional
        The entropy of the character frequencies, drawn as a second reference line.
    """
    import matplotlib.pyplot as plt

    from .style import color, mpl_context
    from .training import moving_average

    bits = np.asarray(loss, dtype=float) / np.log(2)
    with mpl_context():
        fig, ax = plt.subplots(figsize=(7.2, 3.6))
        ax.plot(np.arange(1, len(bits) + 1), moving_average(bits, window), color=color("b_c"),
                label=f"training windows (mean of {window})")
        ax.plot(eval_steps, np.asarray(eval_loss) / np.log(2), "o-", color=color("s"),
                label="held-out text")
        refs = [(np.log2(vocab_size), "uniform guess")]
        if unigram_bits is not None:
            refs.append((unigram_bits, "character frequencies"))
        for y, label in refs:
            ax.axhline(y, color=PALETTE["grey"], linestyle=":", linewidth=1)
            ax.text(len(bits), y, label, ha="right", va="bottom", fontsize=9)
        ax.set_xlabel("updates")
        ax.set_ylabel("bits per character")
        ax.set_ylim(0, np.log2(vocab_size) + 0.5)
        ax.legend(loc="upper right", fontsize=9, bbox_to_anchor=(1.0, 0.85))
        fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's value
    return fig
