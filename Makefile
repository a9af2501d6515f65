# Every target bootstraps .venv from the requirements on a machine that has only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
JB_FLAGS := -W -n --keep-going

.PHONY: book po font check test lab bench clean chromium

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-test.txt pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

## make book: build the HTML book into _build/html (English) and _build/html/zh (中文),
## executing every chapter afresh, once: the 中文 edition reuses the English build's execution.
book: $(VENV)/.installed
	$(BIN)/python book/build_editions.py

## make po: after the English text changed, update the translation catalogues
## locales/zh_CN/LC_MESSAGES/**/*.po (new messages empty, changed ones marked fuzzy).
po: $(VENV)/.installed
	$(BIN)/python book/build_editions.py po

## make font: re-cut the CJK web font (book/_ext/static/fonts) to the characters the book
## uses, and the figures' font (src/lstm_core/viz/fonts, matplotlib's Chinese labels) to the
## characters of the figures' catalogues, from Debian's fonts-noto-cjk (downloaded into
## _build/font-source when not installed).
FONT_TTC := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
FONT_SRC := _build/font-source
font: $(VENV)/.installed
	@if [ -f $(FONT_TTC) ]; then src=$(FONT_TTC); else \
	  src=$(FONT_SRC)/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; \
	  if [ ! -f $$src ]; then mkdir -p $(FONT_SRC) && cd $(FONT_SRC) && \
	    { apt-get download fonts-noto-cjk 2>/dev/null || { apt-get update -qq && apt-get download fonts-noto-cjk; }; } && \
	    dpkg-deb -x fonts-noto-cjk_*.deb . && cd - >/dev/null; fi; \
	fi; \
	$(BIN)/python book/_ext/cjk_font.py --source $$src $$([ -d _build/html ] && echo --from-build _build/html)

## make check: the fast loop (under a minute): ruff on the code and the chapters, one format for
## every chapter, and every test that needs neither the book build nor the browser.
check: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check notebooks
	$(BIN)/python -m pytest -q -n 2 -m "not book and not browser"

## make test: every test: engine, gradients, symbolic proofs, notebooks, book build, browser.
test: $(VENV)/.installed chromium
	$(BIN)/python -m pytest

# The browser test drives Debian's chromium; as root, install it when it is missing.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium for tests/test_browser.py (apt-get)"; \
	  apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

## make lab: JupyterLab on the chapters.
lab: $(VENV)/.installed
	$(BIN)/jupyter lab notebooks/

## make bench: the speed table of the README.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_lstm.py

clean:
	rm -rf _build
