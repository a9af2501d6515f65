"""A character corpus with no download, and what a reader tracks in it (chapter 7).

:func:`char_corpus` reads the source of a fixed list of modules of Python's own standard
library (:data:`STDLIB_MODULES`); :class:`Vocab` maps characters to ids and back;
:func:`python_char_features` labels every character with what Python's tokenizer knows about
it (inside a string, a comment, bracket depth, indentation), to correlate with the cells of a
trained character model.
"""

from __future__ import annotations

import os
import re
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._checks import check_int_array

__all__ = ["STDLIB_MODULES", "STDLIB_HELD_OUT", "char_corpus", "Vocab", "python_char_features"]


#: The modules whose source makes the corpus, in this order. Pure-Python modules of CPython
#: 3.11 whose files are plain ASCII; about 550 kB together.
STDLIB_MODULES = (
    "textwrap", "difflib", "dataclasses", "random", "calendar", "pprint", "contextlib",
    "queue", "bisect", "colorsys", "glob", "graphlib", "sched", "abc", "string",
    "reprlib", "csv", "copy", "operator", "shutil", "base64", "tokenize", "argparse",
)
#: A module kept out of :data:`STDLIB_MODULES`, to test a model on code it has not read.
STDLIB_HELD_OUT = ("fnmatch",)


def char_corpus(modules: tuple[str, ...] = STDLIB_MODULES, *, stdlib: str | None = None) -> str:
    """The source text of standard-library modules, concatenated: a corpus with no download.

    Reads ``<stdlib>/<module>.py`` for each module, in the given order, from the running
    Python's standard library (``sysconfig.get_paths()["stdlib"]``). The text is the same
    on every machine with the same Python version (the book used CPython 3.11.7); nothing
    is fetched from the network.

    Parameters
    ----------
    modules : tuple of str
        Module names (top-level, single-file modules).
    stdlib : str, optional
        The library directory; default: the running interpreter's.

    Returns
    -------
    str
    """
    if not isinstance(modules, (tuple, list)) or not all(isinstance(m, str) for m in modules):
        raise TypeError(f"modules: expected a tuple of module names (str), got {modules!r}")
    if stdlib is not None and not isinstance(stdlib, (str, os.PathLike)):
        raise TypeError(f"stdlib: expected a directory path or None, got {type(stdlib).__name__}")
    root = Path(stdlib if stdlib is not None else sysconfig.get_paths()["stdlib"])
    if not root.is_dir():
        raise ValueError(f"stdlib: expected the standard library's directory, {root} is not a directory")
    parts = []
    for name in modules:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"modules: expected top-level module names, got {name!r}")
        path = root / f"{name}.py"
        if not path.is_file():
            raise FileNotFoundError(f"modules: {name!r} has no source file at {path}")
        parts.append(path.read_text(encoding="utf-8"))
    return "".join(parts)


@dataclass(frozen=True)
class Vocab:
    """A character vocabulary: characters <-> integer ids.

    Attributes
    ----------
    chars : str
        The characters, sorted; id k is ``chars[k]``.
    """

    chars: str

    def __post_init__(self):
        if not isinstance(self.chars, str):
            raise TypeError(f"chars: expected a str of distinct characters, got {type(self.chars).__name__}")
        if len(set(self.chars)) != len(self.chars) or not self.chars:
            raise ValueError("chars: expected a non-empty string of distinct characters")

    @classmethod
    def from_text(cls, text: str) -> Vocab:
        """The sorted set of characters of ``text`` (a non-empty str)."""
        if not _check_text(text):
            raise ValueError("text: expected a non-empty str")
        return cls("".join(sorted(set(text))))

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> np.ndarray:
        """Integer ids of shape `(len(text),)`; ``ValueError`` for an unknown character."""
        _check_text(text)
        lookup = {c: i for i, c in enumerate(self.chars)}
        try:
            return np.fromiter((lookup[c] for c in text), dtype=np.int64, count=len(text))
        except KeyError as exc:
            raise ValueError(f"text: character {exc.args[0]!r} is not in the vocabulary") from None

    def decode(self, ids) -> str:
        """The text of a 1-D sequence of integer ids, each in ``[0, len(self))``."""
        ids = check_int_array("ids", ids, lo=0, hi=len(self.chars), nonempty=False)
        if ids.ndim != 1:
            raise ValueError(f"ids: expected a 1-D sequence of ids, got shape {ids.shape}")
        return "".join(self.chars[i] for i in ids.tolist())


def _check_text(text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    return text


def python_char_features(text: str) -> dict[str, np.ndarray]:
    """Readable properties of every character of a Python source text, from its tokens.

    The quantities a person tracks when reading code, computed exactly with the standard
    library's tokenizer, to compare with what the cells of a character model track
    (Karpathy, Johnson & Fei-Fei 2015):

    - ``"in_string"``: 1 inside a string literal (quotes included), else 0;
    - ``"in_triple_string"``: 1 inside a triple-quoted string (docstrings, mostly);
    - ``"in_comment"``: 1 inside a ``#`` comment;
    - ``"bracket_depth"``: how many ``(``, ``[``, ``{`` are open at this character (outside
      strings and comments; a bracket counts as inside itself);
    - ``"column"``: the position in the line, from 0 (the newline has the line's length);
    - ``"indent"``: the number of leading spaces of the line.

    Parameters
    ----------
    text : str
        Complete Python source (it must tokenize).

    Returns
    -------
    dict of str to ndarray of shape `(len(text),)`
    """
    import io
    import tokenize

    _check_text(text)
    lines = text.splitlines(keepends=True)
    starts = np.concatenate([[0], np.cumsum([len(line) for line in lines])]).astype(np.int64)

    def offset(pos):
        row, col = pos
        return int(starts[row - 1]) + col

    n = len(text)
    in_string = np.zeros(n)
    in_triple = np.zeros(n)
    in_comment = np.zeros(n)
    depth_step = np.zeros(n + 1)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            a, b = offset(tok.start), offset(tok.end)
            if tok.type == tokenize.STRING:
                in_string[a:b] = 1.0
                if tok.string.lstrip("rRbBuUfF")[:3] in ('"""', "'''"):
                    in_triple[a:b] = 1.0
            elif tok.type == tokenize.COMMENT:
                in_comment[a:b] = 1.0
            elif tok.type == tokenize.OP and tok.string in "([{":
                depth_step[a] += 1.0
            elif tok.type == tokenize.OP and tok.string in ")]}":
                depth_step[b] -= 1.0
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        raise ValueError(f"text: expected complete Python source, tokenizing failed: {exc}") from None
    column = np.zeros(n)
    indent = np.zeros(n)
    for k, line in enumerate(lines):
        s = int(starts[k])
        column[s : s + len(line)] = np.arange(len(line))
        indent[s : s + len(line)] = len(line) - len(line.lstrip(" "))
    return {
        "in_string": in_string,
        "in_triple_string": in_triple,
        "in_comment": in_comment,
        "bracket_depth": np.cumsum(depth_step)[:n],
        "column": column,
        "indent": indent,
    }
