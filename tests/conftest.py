"""Shared fixtures: the book, built once per test session, and one headless chromium.

`built_book` runs what `make book` runs (`book/build_editions.py`: `jupyter-book build . -W -n
--keep-going` for the English edition, then the 中文 edition into `_build/html/zh/` from the
same execution) from a clean `_build/`, and hands the result to tests/test_book.py,
tests/test_book_zh.py and tests/test_browser.py, so the slow build (it executes every chapter)
happens once. LSTM_BOOK_REUSE_BUILD=1 takes the book already in `_build/` (and the log
`_build/build.log` its build left) instead: to rerun these tests without building again.

`chromium` is Debian's chromium driven by playwright's sync API, launched once for the
session: playwright allows one sync driver per thread, so every browser test shares it.
It skips when chromium is missing, except under CI=true, where it fails.
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
CHROMIUM = Path(os.environ.get("LSTM_BOOK_CHROMIUM", "/usr/bin/chromium"))  # override: any path
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class BuiltBook:
    returncode: int
    log: str  # stdout + stderr, ANSI colours removed
    seconds: float
    html: Path  # _build/html (English); the 中文 edition is html / "zh"
    editions: dict  # language -> seconds its build took, as book/build_editions.py printed them

    def edition_log(self, language: str) -> str:
        """The part of the log that one edition's build wrote."""
        marker = f"build_editions: building the {language} edition"
        parts = self.log.split("build_editions: building the ")
        for part in parts:
            if ("build_editions: building the " + part).startswith(marker):
                return part
        return ""


_FIGURES = pytest.StashKey[list]()


def report(config: pytest.Config, line: str) -> None:
    """Keep a measured figure for the summary at the end of the run (output capture would
    swallow it if printed from a fixture)."""
    config.stash.setdefault(_FIGURES, []).append(line)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(_FIGURES, [])
    if lines:
        terminalreporter.section("figures measured by this run")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def built_book(request: pytest.FixtureRequest) -> BuiltBook:
    """Build the HTML book from clean, once per session; the build's exit code and log."""
    saved = ROOT / "_build" / "build.log"
    if os.environ.get("LSTM_BOOK_REUSE_BUILD") == "1" and saved.is_file():
        log = saved.read_text(encoding="utf-8")
        returncode, seconds = (0 if "build_editions: " in log and "FAILED" not in log else 1), 0.0
    else:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        command = [sys.executable, str(ROOT / "book" / "build_editions.py")]
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
        returncode = proc.returncode
        log = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(log, encoding="utf-8")
    editions = {lang: float(sec) for lang, sec in re.findall(r"(?:^|, |: )(\w+) ([\d.]+) s(?=[,;])", (
        re.findall(r"^build_editions: .*all [\d.]+ s.*$", log, re.MULTILINE) or [""])[-1])}
    report(request.config, f"book built from clean in {seconds:.1f} s (exit {returncode}); editions: "
           + ", ".join(f"{k} {v:.1f} s" for k, v in editions.items()))
    return BuiltBook(returncode, log, seconds, ROOT / "_build" / "html", editions)


@pytest.fixture(scope="session")
def chromium():
    """Headless chromium (a playwright Browser), shared by every browser test."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: `apt-get install -y chromium` (make test does, as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # launch() starts chromium with a fresh, temporary --user-data-dir each time.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
