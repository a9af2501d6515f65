"""Shared fixtures. One only: the book, built once per test session.

`built_book` runs the README's build command (`jupyter-book build . -W -n --keep-going`)
from a clean `_build/`, and hands the result to tests/test_book.py and
tests/test_browser.py, so the slow build (it executes every chapter) happens once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_S = 3600


@dataclass(frozen=True)
class BuiltBook:
    returncode: int
    log: str  # stdout + stderr, ANSI colours removed
    seconds: float
    html: Path  # _build/html


@pytest.fixture(scope="session")
def built_book(request: pytest.FixtureRequest) -> BuiltBook:
    """Build the HTML book from clean, once per session; the build's exit code and log."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", ".", "-W", "-n", "--keep-going"]
    start = time.perf_counter()
    proc = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        env={**os.environ, "NO_COLOR": "1"},
    )
    seconds = time.perf_counter() - start
    log = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\nbook built in {seconds:.1f} s (exit {proc.returncode})")
    return BuiltBook(proc.returncode, log, seconds, ROOT / "_build" / "html")
