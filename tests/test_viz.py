"""lstm_core.viz: the explorer (live widget + static page), the style, the diagrams.

The static page is checked twice: without a browser (its JSON holds exactly what compute
returns at every grid point) and in headless chromium (every slider moves the plotted data
to the right grid point, no page or console error, from a file:// URL). The chromium test
skips when /usr/bin/chromium is missing, unless CI=true.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from lstm_core import lstm, viz
from lstm_core.viz import style

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# ---------------------------------------------------------------- small explorers


def sigmoid_compute(w, b):
    a = w * np.linspace(-4, 4, 25) + b
    return {"a_i": a, "b_i": 1 / (1 + np.exp(-a))}


def small_explorer(**kw):
    return viz.explore(sigmoid_compute,
                       {"w": [0.5, 1.0, 2.0, 4.0], "b": viz.control([-2, 0, 2], default=2)},
                       panels=[viz.panel("b_i", yrange=(0, 1)), viz.panel("a_i")],
                       title="a gate", **kw)


def mixed_compute(mode, k):
    """A 2-D series (three lines), a bar series and a categorical control."""
    t = np.arange(1, 11, dtype=float)
    sign = {"up": 1.0, "down": -1.0, "flat": 0.0}[mode]
    lines = np.stack([np.sin(k * t / 3 + j) for j in range(3)], axis=1)  # (T, 3)
    return {"s": lines, "x": sign * t / 10, "eps_s": np.cos(k * t)}


def mixed_explorer():
    return viz.explore(mixed_compute, {"mode": ["up", "down", "flat"], "k": [1, 2, 3]},
                       panels=[viz.panel("s", "eps_s"), viz.panel("x", kind="bar")])


def heatmap_explorer():
    """Cell states of an LSTM layer of 3 blocks as a heatmap (time across, blocks down)."""
    return viz.explore(lstm_gate_compute(3, T=12), {"b_f": [-2, 0, 2], "amp": [1.0, 3.0]},
                       panels=[viz.panel("s", kind="heatmap")])


def lstm_gate_compute(n_hidden, T=30, seed=0):
    """The chapter-4 kind of explorer: gate activations of an LSTM layer over time."""
    H = n_hidden
    base = lstm.init_params(1, H, rng=seed)
    pulses = np.zeros((T, 1, 1))
    pulses[[2, 3, T // 2], 0, 0] = 1.0

    def compute(b_f, amp):
        b = base.b.copy()
        b[H : 2 * H] = b_f  # forget-gate rows of (ι, φ, c, ω)
        tr = lstm.forward(dataclasses.replace(base, b=b), amp * pulses)
        return {"b_i": tr.b_i[:, 0], "b_f": tr.b_f[:, 0], "b_o": tr.b_o[:, 0],
                "g": tr.g[:, 0], "s": tr.s[:, 0], "b_c": tr.h[:, 0]}

    return compute


def static_spec(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    assert m, "no JSON data block in the static HTML"
    return json.loads(m.group(1).replace("<\\/", "</"))


def point_data(spec: dict, flat: int) -> list[dict]:
    """Every trace's data at grid point ``flat``, as the page's JS assembles it."""
    data = [dict(t) for t in spec["figure"]["data"]]
    for (t, attr), arr in zip(spec["varying"], spec["values"][flat], strict=True):
        data[t][attr] = arr
    return data


# ---------------------------------------------------------------- controls and grid


def test_empty_value_list_is_refused_naming_the_control():
    with pytest.raises(ValueError, match=r"controls\['w'\].*non-empty"):
        viz.explore(sigmoid_compute, {"w": [], "b": [0]})


def test_bad_control_name_is_refused():
    with pytest.raises(ValueError, match="controls: names must be Python identifiers"):
        viz.explore(sigmoid_compute, {"not a name": [1, 2]})


def test_default_outside_the_values_is_refused():
    with pytest.raises(ValueError, match=r"controls\['b'\]: default 5"):
        viz.explore(sigmoid_compute, {"w": [1.0], "b": viz.control([0, 1], default=5)})


def test_non_list_controls_are_refused():
    with pytest.raises(TypeError, match="controls: expected a dict"):
        viz.explore(sigmoid_compute, [("w", [1])])
    with pytest.raises(TypeError, match=r"controls\['w'\]: expected a list"):
        viz.explore(sigmoid_compute, {"w": "abc", "b": [0]})
    with pytest.raises(ValueError, match=r"controls\['w'\]: values must be distinct"):
        viz.explore(sigmoid_compute, {"w": [1, 1], "b": [0]})


def test_controls_that_compute_does_not_take_are_refused():
    with pytest.raises(ValueError, match="compute: cannot be called"):
        viz.explore(sigmoid_compute, {"w": [1.0], "bias": [0.0]})


def test_panel_naming_a_missing_series_is_refused():
    with pytest.raises(ValueError, match=r"panels\[1\]: compute returned no series 'b_o'"):
        viz.explore(sigmoid_compute, {"w": [1.0], "b": [0.0]}, panels=["b_i", "b_o"])


def test_compute_returning_a_non_dict_is_refused():
    with pytest.raises(TypeError, match="compute: expected it to return a dict"):
        viz.explore(lambda w: [w], {"w": [1.0]})


def test_number_of_lines_may_not_depend_on_the_controls():
    with pytest.raises(ValueError, match="'s' has 2 columns"):
        viz.explore(lambda h: {"s": np.zeros((5, h))}, {"h": [1, 2]}, panels=["s"])


def test_default_is_the_middle_value():
    ex = viz.explore(sigmoid_compute, {"w": [1.0, 2.0, 3.0, 4.0], "b": [-1, 0, 1]})
    assert ex.defaults == {"w": 2.0, "b": 0}


def test_grid_is_the_cartesian_product_of_the_controls():
    ex = small_explorer()
    assert ex.grid_shape == (4, 3) and ex.grid_size == 12
    points = list(ex.grid_points())
    assert len(points) == 12 and points[0] == {"w": 0.5, "b": -2} and points[1]["b"] == 0


def test_too_big_a_grid_is_refused_before_computing_anything():
    calls = []

    def compute(**kw):
        calls.append(kw)
        return {"y": np.zeros(3)}

    controls = {f"c{k}": list(range(5)) for k in range(6)}  # 5**6 = 15625 points
    with pytest.raises(ValueError, match="15625 points, more than max_points=5000"):
        viz.explore(compute, controls)
    assert calls == []


def test_too_many_bytes_are_refused():
    with pytest.raises(ValueError, match="more than max_bytes=1000"):
        small_explorer(max_bytes=1000)


# ---------------------------------------------------------------- the static page's data


@pytest.mark.parametrize("make", [small_explorer, mixed_explorer, heatmap_explorer])
def test_static_json_equals_compute_at_every_grid_point(make):
    ex = make()
    spec = static_spec(ex.static_html())
    assert spec["shape"] == list(ex.grid_shape)
    assert len(spec["values"]) == ex.grid_size
    for flat, values in enumerate(ex.grid_points()):  # C order, as the JS indexes
        want = ex._attrs(ex.compute_at(**values))
        got = point_data(spec, flat)
        for trace_want, trace_got in zip(want, got, strict=True):
            for attr, arr in trace_want.items():
                top = np.abs(arr).max()
                tol = 0.5 * 10.0 ** (np.floor(np.log10(top)) - (ex.digits - 1)) if top else 0
                np.testing.assert_allclose(np.asarray(trace_got[attr], float), arr,
                                           rtol=0, atol=tol * 1.0001, err_msg=f"{values} {attr}")


def test_only_data_that_changes_over_the_grid_is_stored_per_point():
    spec = static_spec(small_explorer().static_html())
    attrs = {attr for _, attr in spec["varying"]}
    assert attrs == {"y"}, "x (the time steps) is the same everywhere: stored once"


def test_static_html_is_deterministic_and_self_contained():
    a, b = small_explorer().static_html(), small_explorer().static_html()
    assert a == b
    assert "<script src" not in a and "http" not in a, "fetches nothing"
    assert "Plotly.newPlot" in a and a.count('type="range"') == 2


def test_numbers_are_rounded_to_the_requested_digits():
    spec = static_spec(small_explorer(digits=3).static_html())
    numbers = re.findall(r"-?\d+\.(\d+)", json.dumps(spec["values"]))
    assert max(len(d) for d in numbers) <= 3  # b_i < 1: 3 significant digits = 3 decimals


# ---------------------------------------------------------------- the live widget


def test_mimebundle_offers_the_live_widget_and_the_static_html():
    import ipywidgets

    ex = small_explorer()
    bundle = ex._repr_mimebundle_()
    assert set(bundle) >= {WIDGET_VIEW, "text/html", "text/plain"}
    view = bundle[WIDGET_VIEW]
    assert view["version_major"] == 2
    assert view["model_id"] == ex.widget.model_id
    assert isinstance(ex.widget, ipywidgets.VBox)
    sliders = [c for c in ex.widget.children if isinstance(c, ipywidgets.SelectionSlider)]
    assert [s.description for s in sliders] == ["w", "b"]
    assert [s.value for s in sliders] == [1, 2], "the defaults' indices"
    assert bundle["text/html"] == ex.static_html()


def test_live_explorer_without_static_view_has_no_html():
    ex = small_explorer(static=False)
    assert "text/html" not in ex._repr_mimebundle_()


def test_moving_a_live_slider_redraws_with_compute_at_the_new_values():
    ex = small_explorer()
    fig = ex.widget.children[-1]
    ex.widget.children[0].value = 3  # w = 4.0
    want = sigmoid_compute(w=4.0, b=2)
    np.testing.assert_allclose(fig.data[0].y, want["b_i"])
    np.testing.assert_allclose(fig.data[1].y, want["a_i"])
    assert len(ex.redraw_times) == 1


@pytest.mark.parametrize("n_hidden", [1, 4])
def test_time_redraw_times_n_live_redraws_and_leaves_the_defaults_drawn(n_hidden):
    """The redraw figure itself is measured by benchmarks/bench_viz.py and printed by the
    chapters, not asserted here: a timed test would only measure the machine's load."""
    import statistics

    ex = viz.explore(lstm_gate_compute(n_hidden),
                     {"b_f": [-2, -1, 0, 1, 2, 3], "amp": [0.5, 1.0, 2.0]},
                     panels=[viz.panel("b_i", "b_f", "b_o", yrange=(0, 1)),
                             viz.panel("g", "s", "b_c")])
    seconds = ex.time_redraw(n=20)
    assert len(ex.redraw_times) == 21  # 20 timed redraws, then back to the defaults
    assert seconds == statistics.median(ex.redraw_times[:20]) > 0
    fig = ex.widget.children[-1]
    want = ex.compute_at(**ex.defaults)
    np.testing.assert_allclose(fig.data[0].y, want["b_i"][:, 0], rtol=1e-12)


def test_static_figure_shows_as_html_and_as_widget():
    import plotly.graph_objects as go

    sf = viz.show(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])))
    bundle = sf._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html and "cdn" not in html.lower()
    assert html == sf._repr_html_(), "a deterministic div id"


# ---------------------------------------------------------------- style


def test_every_lstm_quantity_has_its_own_colour():
    families = ["i", "f", "o", "g", "s", "b_c", "eps", "delta"]
    colors = [style.FAMILIES[k].color for k in families]
    assert len(set(colors)) == len(colors)


def test_a_series_takes_its_family_colour_and_errors_are_dashed():
    assert style.color("b_i") == style.color("a_i") == style.color("delta_i")
    assert style.series_style("delta_i").dash == "dash"
    assert style.series_style("eps_s").color == style.color("s")
    assert style.series_style("b_f").tex == r"$b_\varphi$"
    assert style.series_style("b_o").html == "b<sub>ω</sub>"
    unknown = {style.series_style("foo", k).color for k in range(3)}
    assert len(unknown) == 3 and not unknown & {f.color for f in style.FAMILIES.values()}


def test_explorer_traces_use_the_book_colours():
    ex = viz.explore(lstm_gate_compute(1), {"b_f": [0, 1], "amp": [1.0]})
    fig = ex.figure()
    by_name = {t.legendgroup: t.line.color for t in fig.data}
    assert by_name["b_i"] == style.color("i") and by_name["b_f"] == style.color("f")


# ---------------------------------------------------------------- in a browser


def _page(tmp_path: Path, body: str) -> Path:
    import plotly

    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    shutil.copy(js, tmp_path / "plotly.min.js")
    page = tmp_path / "explorer.html"
    page.write_text('<!doctype html><html><head><meta charset="utf-8">'
                    '<script src="plotly.min.js"></script></head><body>'
                    f"{body}</body></html>", encoding="utf-8")
    return page


@pytest.mark.browser
def test_static_explorer_sliders_move_the_plotted_data_in_chromium(tmp_path, chromium):
    import plotly.graph_objects as go

    explorers = [small_explorer(), mixed_explorer(), heatmap_explorer()]
    figure = viz.show(go.Figure(go.Scatter(y=[1, 3, 2])))
    page_file = _page(tmp_path, "".join(e.static_html() for e in explorers)
                      + figure._repr_html_())
    page = chromium.new_page()
    try:
        errors = []
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("request", lambda r: errors.append(f"request: {r.url}")
                if not r.url.startswith("file://") else None)
        page.goto(page_file.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot').length === 4", timeout=20_000)
        roots = page.locator(".lstm-explorer")
        for e, ex in enumerate(explorers):
            root = roots.nth(e)
            spec = static_spec(ex.static_html())
            sliders = root.locator("input[type=range]")
            index = [c.default_index for c in ex.controls.values()]

            def plotted(root=root):
                return root.locator(".lstm-explorer-plot").evaluate(
                    "gd => gd.data.map(t => ({x: Array.from(t.x || []),"
                    " y: t.type === 'heatmap' ? null : Array.from(t.y || []),"
                    " z: t.z ? t.z.map(r => Array.from(r)) : null}))")

            for c, ctl in enumerate(ex.controls.values()):
                before = plotted()
                index[c] = (index[c] + 1) % len(ctl.values)  # one step, by keyboard
                sliders.nth(c).focus()
                page.keyboard.press("ArrowRight" if index[c] else "Home")
                page.wait_for_timeout(50)
                after = plotted()
                assert after != before, f"slider {c} of explorer {e} changed nothing"
                flat = int(np.ravel_multi_index(index, ex.grid_shape))
                want = point_data(spec, flat)
                for t, trace in enumerate(after):
                    key = "z" if trace["z"] is not None else "y"
                    got = np.asarray(trace[key], float)
                    assert got == pytest.approx(np.asarray(want[t][key], float)), (e, c, t)
                readout = root.locator("output").nth(c).inner_text()
                assert readout == ctl.readouts[index[c]]
    finally:
        page.close()
    assert errors == []


# ---------------------------------------------------------------- diagrams


def _dashed_lines(fig):
    return [ln for ln in fig.axes[0].lines if ln.get_linestyle() not in ("-", "None")]


def test_peepholes_are_drawn_dashed_and_only_when_asked():
    from lstm_core.viz import diagram

    assert len(_dashed_lines(diagram.lstm_diagram(peepholes=True))) == 3 + 1  # + the key
    assert _dashed_lines(diagram.lstm_diagram(peepholes=False)) == []


def test_unrolled_diagram_draws_one_block_per_step():
    from matplotlib.patches import FancyBboxPatch

    from lstm_core.viz import diagram

    for steps in (2, 3):
        fig = diagram.lstm_diagram(unrolled=True, steps=steps)
        backgrounds = [p for p in fig.axes[0].patches
                       if isinstance(p, FancyBboxPatch) and p.get_facecolor()[:3] == (
                           0xF3 / 255, 0xF3 / 255, 0xF3 / 255)]
        assert len(backgrounds) == steps
        texts = {t.get_text() for t in fig.axes[0].texts}
        assert "$s_c^{t+1}$" in texts or steps == 2


def test_eps_s_highlight_numbers_the_five_terms_of_eq_8():
    from lstm_core.viz import diagram

    fig = diagram.lstm_diagram(unrolled=True, steps=2, highlight="eps_s")
    badges = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit())
    assert badges == ["1", "2", "3", "4", "5"]
    widths = {round(ln.get_linewidth(), 2) for ln in fig.axes[0].lines}
    assert max(widths) > 2.6 * 1.5, "highlighted paths are drawn thicker"


def test_diagram_labels_use_the_deck_symbols():
    from lstm_core.viz import diagram

    texts = {t.get_text() for t in diagram.lstm_diagram().axes[0].texts}
    for label in (r"$b_\iota^{t}$", r"$b_\varphi^{t}$", r"$b_\omega^{t}$", "$s_c^{t}$",
                  "$s_c^{t-1}$", "$b_c^{t}$", "$x^{t}$", "$b^{t-1}$", r"$\iota$", r"$\omega$"):
        assert label in texts, label


def test_diagram_refuses_unknown_paths_and_bad_step_counts():
    from lstm_core.viz import diagram

    with pytest.raises(ValueError, match="highlight: unknown paths"):
        diagram.lstm_diagram(highlight={"carousel_of_doom"})
    with pytest.raises(ValueError, match="highlight: expected one of"):
        diagram.lstm_diagram(highlight="everything")
    with pytest.raises(ValueError, match="steps"):
        diagram.lstm_diagram(unrolled=True, steps=7)


def test_diagrams_render_to_png(tmp_path):
    from lstm_core.viz import diagram

    for name, fig in {"lstm": diagram.lstm_diagram(), "rnn": diagram.rnn_unrolled_diagram(),
                      "nof": diagram.lstm_diagram(forget_gate=False, peepholes=False)}.items():
        fig.savefig(tmp_path / f"{name}.png")
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000


def test_static_only_environment_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_STATIC", "1")
    import plotly.graph_objects as go

    ex = small_explorer()
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"} and ex._widget is None
    assert set(viz.show(go.Figure())._repr_mimebundle_()) == {"text/html", "text/plain"}


# ---------------------------------------------------------------- in JupyterLab (opt-in)


@pytest.mark.browser
@pytest.mark.skipif(os.environ.get("LSTM_TEST_JUPYTERLAB") != "1",
                    reason="set LSTM_TEST_JUPYTERLAB=1: starts JupyterLab (~40 s)")
def test_live_explorer_moves_its_figure_in_jupyterlab(tmp_path, chromium):
    """A real JupyterLab renders the widget view; moving a slider redraws via the kernel."""
    import signal
    import socket
    import subprocess
    import sys
    import time

    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from lstm_core import viz\n"
        "import numpy as np\n"
        "def compute(w, b):\n"
        "    a = w * np.linspace(-4, 4, 25) + b\n"
        "    return {'a_i': a, 'b_i': 1 / (1 + np.exp(-a))}\n"
        "viz.explore(compute, {'w': [0.5, 1, 2, 4], 'b': [-2, 0, 2]})")]
    nbformat.write(nb, tmp_path / "live.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    env.pop("LSTM_VIZ_STATIC", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
         "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={tmp_path}",
         "--allow-root", "--LabApp.news_url=", "--ServerApp.ip=127.0.0.1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        page = chromium.new_page(viewport={"width": 1300, "height": 1000})
        try:
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"http://127.0.0.1:{port}/lab/tree/live.ipynb?reset")
            page.wait_for_selector(".jp-Cell", timeout=60_000)
            page.wait_for_timeout(6000)  # the kernel starts
            while page.locator(".jp-Dialog").count():
                page.locator(".jp-Dialog .jp-mod-accept").click()
                page.wait_for_timeout(2000)
            page.locator(".jp-Cell:visible").first.click()
            page.keyboard.press("Escape")
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".jp-OutputArea .js-plotly-plot", timeout=60_000)
            assert page.locator(".jp-OutputArea .lstm-explorer").count() == 0, "widget, not HTML"
            ys = ("() => document.querySelector('.jp-OutputArea .js-plotly-plot')"
                  ".data.map(t => Array.from(t.y))")

            def wait_for(want, what):
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    got = page.evaluate(ys)
                    if len(got) == 2 and np.allclose(got[0], want["a_i"]) and np.allclose(
                            got[1], want["b_i"]):
                        return
                    page.wait_for_timeout(250)
                raise AssertionError(f"{what}: the plot shows {got}")

            wait_for(sigmoid_compute(w=1, b=0), "at the defaults")
            page.locator(".jp-OutputArea .widget-slider .noUi-handle").first.focus()
            page.keyboard.press("ArrowRight")
            wait_for(sigmoid_compute(w=2, b=0), "after w -> 2")  # computed by the kernel
        finally:
            page.close()
        assert errors == []
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_explore_takes_a_fixed_array_as_x():
    # x given as an array (not the name of a series): compared with names, it once raised
    # "truth value of an array is ambiguous"
    ex = viz.explore(lambda a: {"y": a * np.arange(4.0)}, {"a": [1.0, 2.0]},
                     x=np.array([-3.0, -2.0, -1.0, 0.0]))
    assert ex._x_for(ex._call({"a": 1.0}), 4).tolist() == [-3.0, -2.0, -1.0, 0.0]
    assert "y" in [t.series for t in ex.traces]
