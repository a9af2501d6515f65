"""The built book, both editions, in a real browser: math typeset, sliders move figures,
nothing leaves, Chinese drawn with the book's own font, a language switch on every page.

Headless Debian chromium (`apt-get install chromium`; `make test` installs it when run
as root) driven by Python playwright, against the book the `built_book` fixture built
(tests/conftest.py), served on 127.0.0.1. Every request is routed: one that leaves
127.0.0.1 is aborted and counted. Skips when chromium is missing, unless CI=true
(then it fails); LSTM_BOOK_CHROMIUM names another chromium binary.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from pathlib import Path

import pytest
from conftest import report
from sphinx_external_toc.parsing import parse_toc_yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [f"{doc}.html" for doc in parse_toc_yaml(ROOT / "_toc.yml")] + ["genindex.html", "search.html"]
ZH = "zh/"  # the 中文 edition's folder (book/_ext/editions.py)
BOTH_EDITIONS = PAGES + [ZH + name for name in PAGES]
CJK_FAMILY = "LSTM Noto Sans SC"  # book/_ext/static/lstm-cjk.css
GATE_EXPLORER_PAGE = "notebooks/04_lstm_forward.html"
GATE_EXPLORER_PNG = ROOT / "book" / "figures" / "gate-explorer.png"
FIGURE_CHANGE_TIMEOUT_S = 5.0
# What the run saw, printed at the end of the module: the figures of the closing note.
TALLY = {"pages checked": set(), "sliders moved": 0, "requests blocked": 0, "page errors": 0}


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def book(built_book):
    if built_book.returncode != 0:
        pytest.skip("the book did not build; tests/test_book.py says why")
    return built_book.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser hanging up mid-response (BrokenPipeError) is not our concern


@pytest.fixture(scope="session")
def origin(book):
    """The built book over http on 127.0.0.1, a random free port."""
    handler = functools.partial(_QuietHandler, directory=str(book))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium  # tests/conftest.py: skips without chromium, fails so under CI=true


class Visit:
    """One page in a fresh context, with every request, console error and page error seen."""

    def __init__(self, browser, local_prefixes: tuple[str, ...]):
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.left_the_machine: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.errors.append(f"console.error: {m.text} ({m.location.get('url', '')})")
            ),
        )
        self.page.route("**/*", functools.partial(self._route, local_prefixes))

    def _route(self, local_prefixes, route):
        url = route.request.url
        if url.startswith(local_prefixes):
            route.continue_()
        else:
            self.left_the_machine.append(url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        wait_for_math(self.page)
        return self.page

    def close(self):
        TALLY["requests blocked"] += len(self.left_the_machine)
        TALLY["page errors"] += len(self.errors)
        self.context.close()


@pytest.fixture(scope="module", autouse=True)
def report_tally(request):
    yield
    if TALLY["pages checked"]:
        report(
            request.config,
            f"browser: {len(TALLY['pages checked'])} pages checked, "
            f"{TALLY['sliders moved']} sliders moved, {TALLY['requests blocked']} requests "
            f"blocked, {TALLY['page errors']} page errors"
        )


@pytest.fixture
def visit(browser, origin):
    visits = []

    def _visit(url, local_prefixes=(origin + "/", "data:", "blob:", "about:")):
        v = Visit(browser, local_prefixes)
        visits.append(v)
        return v, v.open(url)

    yield _visit
    for v in visits:
        v.close()


# ---------------------------------------------------------------- helpers


def wait_for_math(page):
    """Wait until MathJax, on the pages that load it, has finished its first typeset."""
    if page.locator('script[src*="mathjax"]').count():
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000
        )
        page.evaluate("() => MathJax.startup.promise.then(() => null)")


def untypeset_tex(page) -> list[str]:
    """Raw TeX left in the visible text (code blocks aside)."""
    return page.evaluate(
        """() => {
        const body = document.body.cloneNode(true);
        body.querySelectorAll('pre, code, script, style, textarea, mjx-assistive-mml')
            .forEach(e => e.remove());
        const text = body.innerText;
        return ['\\\\(', '\\\\[', '$$', '\\\\begin', '\\\\frac'].filter(t => text.includes(t));
    }"""
    )


# Every figure a slider can drive: plotly graphs, canvases, images, top-level SVGs.
FIGURES_JS = """
(el) => {
  const box = el.closest('.cell_output, .output, .lstm-viz') || el.parentElement;
  const sel = '.js-plotly-plot, canvas, img, svg';
  return [...box.querySelectorAll(sel)].filter(f =>
      !f.parentElement.closest(sel) && !f.contains(el) && f.getBoundingClientRect().width > 0);
}
"""
# Hidden while shooting: plotly's sliders, buttons and readouts, and its toolbar (shown on
# hover), so that only the plot itself is compared.
HIDE_CONTROLS_CSS = (
    ".slider-container, .updatemenu-container, .modebar-container, .hoverlayer"
    " { visibility: hidden !important; }"
)


def figure_screenshots(page, figures) -> list[bytes]:
    """Screenshots of the figures, their controls hidden."""
    page.mouse.move(0, 0)
    style = page.add_style_tag(content=HIDE_CONTROLS_CSS)
    try:
        return [f.screenshot(animations="disabled") for f in figures]
    finally:
        style.evaluate("s => s.remove()")


def wait_until_figures_change(page, figures, before) -> bool:
    deadline = time.monotonic() + FIGURE_CHANGE_TIMEOUT_S
    while time.monotonic() < deadline:
        page.wait_for_timeout(200)
        if figure_screenshots(page, figures) != before:
            return True
    return False


def html_sliders(page):
    return page.locator("input[type=range]").all()


def plotly_sliders(page):
    """[graph element, index in layout.sliders, index among drawn sliders] per plotly slider."""
    return page.evaluate_handle(
        """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd =>
            ((gd._fullLayout || {}).sliders || []).map((s, i) => [gd, i, s.visible])
              .filter(t => t[2] !== false).map((t, drawn) => [t[0], t[1], drawn]))"""
    )


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_page_typesets_math_logs_no_error_and_stays_on_the_machine(visit, origin, name):
    v, page = visit(f"{origin}/{name}")
    math_nodes = page.locator(".math").count()
    if math_nodes:
        assert page.locator("mjx-container").count() >= math_nodes, "some math not typeset"
    assert page.locator("mjx-merror, .MathJax_Error, merror").count() == 0, "TeX errors"
    assert untypeset_tex(page) == [], "raw TeX visible in the page"
    page.wait_for_timeout(300)  # late async errors (deferred scripts, fonts)
    assert v.left_the_machine == [], f"requests left 127.0.0.1: {v.left_the_machine}"
    assert v.errors == [], "\n".join(v.errors)
    TALLY["pages checked"].add(name)


@pytest.mark.parametrize("name", BOTH_EDITIONS)
def test_every_slider_changes_its_figure(visit, origin, name):
    v, page = visit(f"{origin}/{name}")
    moved = 0
    for slider in html_sliders(page):
        slider.scroll_into_view_if_needed()
        figures = slider.evaluate_handle(FIGURES_JS)
        figures = [
            figures.get_property(str(i)).as_element() for i in range(figures.evaluate("a => a.length"))
        ]
        assert figures, f"a slider with no figure beside it: {slider.evaluate('e => e.outerHTML')}"
        before = figure_screenshots(page, figures)
        lo, hi, value = (slider.evaluate(f"e => Number(e.{k})") for k in ("min", "max", "value"))
        slider.fill(str(hi if value != hi else lo))
        assert wait_until_figures_change(page, figures, before), (
            f"moving {slider.evaluate('e => e.outerHTML')} did not change its figure"
        )
        moved += 1
    pairs = plotly_sliders(page)
    for i in range(pairs.evaluate("a => a.length")):
        gd = pairs.evaluate_handle(f"a => a[{i}][0]").as_element()
        index, drawn = pairs.evaluate(f"a => [a[{i}][1], a[{i}][2]]")
        gd.scroll_into_view_if_needed()
        before = figure_screenshots(page, [gd])
        active, steps = gd.evaluate(
            f"gd => [gd._fullLayout.sliders[{index}].active, gd._fullLayout.sliders[{index}].steps.length]"
        )
        rail = gd.query_selector_all(".slider-container .slider-rail-touch-rect")[drawn]
        box = rail.bounding_box()
        fraction = 0.98 if active < steps - 1 else 0.02  # to the last step, or the first
        page.mouse.click(box["x"] + fraction * box["width"], box["y"] + box["height"] / 2)
        assert wait_until_figures_change(page, [gd], before), (
            f"plotly slider {index} of #{gd.get_attribute('id')} did not change its figure"
        )
        moved += 1
    TALLY["sliders moved"] += moved
    assert v.left_the_machine == [], f"requests left 127.0.0.1: {v.left_the_machine}"
    assert v.errors == [], "\n".join(v.errors)


@pytest.mark.parametrize("edition", ["", ZH])
def test_math_typesets_from_file_url(visit, book, edition):
    v, page = visit((book / edition / "book" / "notation.html").as_uri(), local_prefixes=("file://",))
    assert page.locator("mjx-container").count() > 0
    assert untypeset_tex(page) == []
    assert v.left_the_machine == []


def test_gate_explorer_screenshot_for_the_readme(visit, origin, book):
    """Rewrites book/figures/gate-explorer.png, once chapter 4 exists."""
    if not (book / GATE_EXPLORER_PAGE).is_file():
        pytest.skip(f"{GATE_EXPLORER_PAGE} is not built yet: keeping {GATE_EXPLORER_PNG.name}")
    v, page = visit(f"{origin}/{GATE_EXPLORER_PAGE}")
    explorer = page.locator(".gate-explorer, #gate-explorer, .lstm-explorer")
    if explorer.count() == 0:  # the first output holding a slider
        explorer = page.locator(".cell_output").filter(
            has=page.locator("input[type=range], .slider-container")
        )
    assert explorer.count() > 0, f"no explorer on {GATE_EXPLORER_PAGE}"
    # the theme's sticky header would cover the top of a tall element
    page.add_style_tag(content=".bd-header, .bd-header-article { display: none !important; }")
    explorer.first.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    png = explorer.first.screenshot(animations="disabled")
    if not GATE_EXPLORER_PNG.is_file() or GATE_EXPLORER_PNG.read_bytes() != png:
        GATE_EXPLORER_PNG.write_bytes(png)


# ---------------------------------------------------------------- the 中文 edition


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts chromium really drew a node's text with (CDP CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector}"
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


@pytest.mark.parametrize(("name", "tag", "text"), [
    ("book/glossary.html", "td", "遗忘门"),
    (ZH + "book/glossary.html", "td", "遗忘门"),
    (ZH + "book/intro.html", "h2", "本书的由来"),
])
def test_chinese_is_drawn_with_the_books_web_font(visit, origin, name, tag, text):
    """No fallback: every glyph of a Chinese text node comes from the book's own font."""
    v, page = visit(f"{origin}/{name}")
    page.evaluate("() => document.fonts.ready.then(() => null)")
    loaded = page.evaluate(
        f"() => [...document.fonts].filter(f => f.family.includes('{CJK_FAMILY}'))"
        ".map(f => f.status)"
    )
    assert "loaded" in loaded, f"the CJK web font was not loaded: {loaded}"
    cell = page.locator(tag, has_text=text).first
    cell.evaluate("e => e.id = 'lstm-cjk-probe'")
    fonts = platform_fonts(page, "#lstm-cjk-probe")
    content = cell.evaluate("e => e.textContent.replace(/\\s/g, '')")
    n_cjk = len(re.findall(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]", content))
    ours = sum(f["glyphCount"] for f in fonts if f["isCustomFont"] and "Noto Sans CJK SC" in f["familyName"])
    others = sum(f["glyphCount"] for f in fonts if not f["isCustomFont"])
    assert n_cjk and ours >= n_cjk, f"{n_cjk} CJK characters in {content!r}, drawn with {fonts}"
    assert others <= len(content) - n_cjk, f"a system font drew CJK glyphs: {fonts}"
    assert v.errors == [] and v.left_the_machine == []


@pytest.mark.parametrize("name", ["book/intro.html", "book/glossary.html", "notebooks/04_lstm_forward.html",
                                  "search.html"])
def test_the_language_switch_leads_to_the_same_page(visit, origin, name):
    v, page = visit(f"{origin}/{name}")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator("a.lstm-lang-switch").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0] == f"{origin}/{ZH}{name}"
    assert page.evaluate("() => document.documentElement.lang") == "zh-CN"
    page.locator("a.lstm-lang-switch").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0] == f"{origin}/{name}"
    assert v.errors == [] and v.left_the_machine == []


def test_the_gate_explorer_speaks_chinese_in_the_zh_edition(visit, origin):
    v, page = visit(f"{origin}/{ZH}{GATE_EXPLORER_PAGE}")
    explorer = page.locator(".lstm-explorer").first
    explorer.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.lstm-explorer .gtitle')", timeout=10_000)
    assert "输入门偏置" in explorer.locator("label").all_inner_texts()[1]
    assert explorer.locator("output").first.inner_text() == "脉冲"
    assert "一个 LSTM 块" in explorer.locator(".gtitle").first.text_content()
    family = explorer.locator(".gtitle").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert CJK_FAMILY in family, family
    assert v.errors == [] and v.left_the_machine == []


def test_search_finds_a_chinese_word(visit, origin):
    v, page = visit(f"{origin}/{ZH}search.html?q=%E9%81%97%E5%BF%98%E9%97%A8")  # 遗忘门
    # Sphinx lists the hits one every 5 ms and then writes the count into the summary
    # ("搜索完成，匹配到 N 页。"): wait for that count, or the test reads a partial list.
    page.wait_for_function(
        "() => /\\d/.test(document.querySelector('p.search-summary')?.innerText ?? '')",
        timeout=20_000,
    )
    summary = page.locator("p.search-summary").inner_text()
    hits = page.locator("#search-results li, ul.search li").all_inner_texts()
    assert str(len(hits)) in summary, (summary, len(hits))
    assert any("术语表" in h or "记号" in h for h in hits), hits
    assert v.errors == [] and v.left_the_machine == []


@pytest.mark.parametrize(("edition", "lang"), [("", "en"), (ZH, "zh-CN")])
def test_each_edition_shows_only_the_figure_image_of_its_language(visit, origin, edition, lang):
    """A matplotlib figure carries one image per language (lstm_core.viz.figures_i18n); each
    edition's page keeps the one of its own <html lang> (book/_ext/editions.py), as a file,
    and shows it (lstm-figures.css) at its full size."""
    v, page = visit(f"{origin}/{edition}notebooks/03_why_rnns_forget.html")
    shown = page.evaluate("""() => [...document.querySelectorAll('.lstm-fig > img')].map(
        i => [i.lang, getComputedStyle(i).display !== 'none', i.complete && i.naturalWidth > 0])""")
    assert len(shown) >= 2, shown  # two figures with words, the page's image of each
    assert all(img_lang == lang and visible for img_lang, visible, _ in shown), shown
    assert all(loaded for _, _, loaded in shown)
    assert v.errors == [] and v.left_the_machine == []
