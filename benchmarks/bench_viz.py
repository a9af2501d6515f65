"""How fast an explorer redraws, and how big its static page is.

A representative chapter-4 explorer: an LSTM layer of H blocks (H = 1..4) over T = 30 steps
of a pulse train, with sliders for the forget- and input-gate biases and the input's
amplitude. For each H it prints the median time of one live redraw (``lstm.forward`` plus
the plotly ``FigureWidget`` update, :meth:`Explorer.time_redraw`), the time to compute the
whole grid for the static book, and the bytes of static HTML.

Run: ``.venv/bin/python benchmarks/bench_viz.py``
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from lstm_core import lstm, viz

T = 30


def gate_compute(n_hidden: int, seed: int = 0):
    """compute(b_f, b_i, amp) -> gate activations, cell state and output of every block."""
    H = n_hidden
    base = lstm.init_params(1, H, rng=seed)
    pulses = np.zeros((T, 1, 1))
    pulses[[2, 3, 12, 21], 0, 0] = 1.0

    def compute(b_f, b_i, amp):
        b = base.b.copy()
        b[:H] = b_i  # rows (ι, φ, c, ω): input gate
        b[H : 2 * H] = b_f  # forget gate
        params = dataclasses.replace(base, b=b)
        tr = lstm.forward(params, amp * pulses)  # x: (T, 1, 1)
        return {"x": amp * pulses[:, 0, 0], "b_i": tr.b_i[:, 0], "b_f": tr.b_f[:, 0],
                "b_o": tr.b_o[:, 0], "g": tr.g[:, 0], "s": tr.s[:, 0], "b_c": tr.h[:, 0]}

    return compute


CONTROLS = {
    "b_f": viz.control([-3, -2, -1, 0, 1, 2, 3, 4], default=1, label="bias b<sub>φ</sub>"),
    "b_i": viz.control([-2, -1, 0, 1, 2], default=0, label="bias b<sub>ι</sub>"),
    "amp": viz.control([0.5, 1.0, 2.0, 4.0], default=1.0, label="input amplitude"),
}
PANELS = [
    viz.panel("x", title="input", ylabel="x<sup>t</sup>", kind="bar"),
    viz.panel("b_i", "b_f", "b_o", title="gates", yrange=(0, 1)),
    viz.panel("g", "s", "b_c", title="cell"),
]


def gate_explorer(n_hidden: int = 1) -> viz.Explorer:
    return viz.explore(gate_compute(n_hidden), CONTROLS, panels=PANELS,
                       title=f"An LSTM layer of {n_hidden} block(s)")


def main() -> None:
    print(f"T={T}; grid {' x '.join(str(len(c.values)) for c in CONTROLS.values())}")
    print(f"{'H':>2} {'redraw median ms':>17} {'compute ms':>11} {'grid s':>7} {'HTML kB':>8}")
    for H in (1, 2, 3, 4):
        t0 = time.perf_counter()
        ex = gate_explorer(H)
        build = time.perf_counter() - t0
        red = ex.time_redraw(n=40)
        comp = gate_compute(H)
        t0 = time.perf_counter()
        for _ in range(50):
            comp(b_f=1, b_i=0, amp=1.0)
        c_ms = (time.perf_counter() - t0) / 50 * 1e3
        size = len(ex.static_html().encode()) / 1e3
        print(f"{H:>2} {red * 1e3:>17.2f} {c_ms:>11.2f} {build:>7.2f} {size:>8.0f}")


if __name__ == "__main__":
    main()
