"""Progress bars for long jobs in a chapter, live in JupyterLab and finished in the book.

:class:`ProgressBar` wraps ``tqdm.auto``; pass one to :func:`lstm_core.train.fit` as
``progress=`` or advance it yourself over a loop of runs.
"""

from __future__ import annotations

import html
import io

from .mode import static_only

__all__ = ["ProgressBar"]


class _BarView:
    """tqdm's notebook widget, plus a ``text/html`` view of the bar's text for the static book."""

    def __init__(self, container):
        self.container = container

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        data = self.container._repr_mimebundle_(include=include, exclude=exclude, **kwargs)
        text = repr(self.container)  # tqdm's text meter: "desc: 100%|##| 5/5 [00:01<...]"
        data["text/plain"] = text
        data["text/html"] = f'<pre class="lstm-progress">{html.escape(text)}</pre>'
        return data


class _TextView:
    """A progress bar's text, as plain text only (the book build's static mode)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class ProgressBar:
    """A ``tqdm.auto`` progress bar whose *final* state is what an executed notebook keeps.

    In a kernel, tqdm draws an ipywidget and records its text form once, at 0 %; a book
    built from the executed notebook (which shows no widgets) would show that stale
    "0/total". So the widget is displayed with a display id and displayed again when the
    bar closes: the live widget moves in JupyterLab, and the stored text is the finished
    bar ("100% 2000/2000 [00:03<00:00, ...]"). With ``LSTM_VIZ_STATIC=1`` -- the book
    build sets it for its kernels -- there is no widget at all, only that text. Outside a
    kernel it is tqdm's text bar on stderr.

    Use as a context manager::

        with ProgressBar(len(jobs), desc="runs") as bar:
            for job in jobs:
                ...
                bar.update(1)

    Parameters
    ----------
    total : int
    desc : str, optional
    """

    def __init__(self, total: int, desc: str | None = None):
        from tqdm.auto import tqdm
        from tqdm.notebook import tqdm_notebook

        self.handle = None
        self.text_only = False
        if issubclass(tqdm, tqdm_notebook):
            from IPython.display import display

            if static_only():
                from tqdm.std import tqdm as text_tqdm

                self.text_only = True
                self.bar = text_tqdm(total=total, desc=desc, leave=True, mininterval=0.5,
                                     file=io.StringIO(), ascii=True)
                self.handle = display(_TextView(str(self.bar)), display_id=True)
            else:
                self.bar = tqdm(total=total, desc=desc, leave=True, mininterval=0.5,
                                display=False)
                self.handle = display(_BarView(self.bar.container), display_id=True)
        else:
            self.bar = tqdm(total=total, desc=desc, leave=True, mininterval=0.5)

    def update(self, n: int = 1) -> None:
        """Advance by ``n``."""
        self.bar.update(n)

    def set_postfix(self, **kw) -> None:
        """Show ``key=value`` pairs after the bar (tqdm's ``set_postfix``)."""
        self.bar.set_postfix(**kw)

    def close(self) -> None:
        """Finish the bar and store its final state in the notebook's output."""
        final = str(self.bar) if self.text_only else None
        self.bar.close()
        if self.handle is not None:
            view = _TextView(final) if self.text_only else _BarView(self.bar.container)
            self.handle.update(view)
            self.handle = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


