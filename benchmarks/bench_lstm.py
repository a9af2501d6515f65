"""Forward + backward speed of lstm_core.lstm, against torch.nn.LSTM where torch is importable.

Run:  make bench   (or .venv/bin/python benchmarks/bench_lstm.py [--quick])

Prints, per shape (B, T, I, H) = (batch, steps, inputs, blocks), float64, one BLAS thread:
the median time of one forward + backward pass without peepholes, µs per time step, the time
with peepholes and its ratio to the time without, and -- if torch is installed -- the time of
torch.nn.LSTM (CPU, float64, one thread, autograd) on the same shape in the same run and the
ratio numpy / torch (below 1: numpy is faster). torch is never a dependency of the project.

The three variants of a shape are timed in interleaved rounds (numpy, numpy with peepholes,
torch, numpy, ...), so that a load on the machine slows all of them alike.

This machine's environment pins OpenBLAS to its AVX2 ("Haswell") kernel through
OPENBLAS_CORETYPE; torch brings its own BLAS. When that variable is set, the script prints a
second table from a child process with the OPENBLAS_* variables removed, so OpenBLAS picks
its kernel for the CPU (AVX-512 here). Each table names the kernel it used.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from lstm_core import lstm

SHAPES = [(1, 100, 10, 32), (32, 100, 64, 128), (64, 200, 128, 256), (1, 1000, 1, 16)]


def median_times(fns, min_repeats: int, min_seconds: float) -> list[float]:
    """Median wall time of each function, timed in interleaved rounds."""
    for fn in fns:
        fn()  # warm-up: allocations, BLAS buffers, torch's dispatcher
    times = [[] for _ in fns]
    start = time.perf_counter()
    while len(times[0]) < min_repeats or time.perf_counter() - start < min_seconds:
        for fn, ts in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return [statistics.median(ts) for ts in times]


def numpy_case(B, T, I, H, peepholes, rng):
    params = lstm.init_params(I, H, rng=rng, peepholes=peepholes)
    x = rng.normal(size=(T, B, I))
    dh = rng.normal(size=(T, B, H))

    def run():
        lstm.backward(params, lstm.forward(params, x), dh)

    return run


def torch_case(B, T, I, H, rng):
    import torch

    model = torch.nn.LSTM(I, H).double()
    x = torch.tensor(rng.normal(size=(T, B, I)), requires_grad=True)
    dh = torch.tensor(rng.normal(size=(T, B, H)))

    def run():
        model.zero_grad(set_to_none=True)
        x.grad = None
        out, _ = model(x)
        out.backward(dh)

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (noisier)")
    ap.add_argument("--no-second-kernel", action="store_true",
                    help="do not rerun with OPENBLAS_CORETYPE unset")
    args = ap.parse_args()
    min_rep, min_sec = (3, 0.2) if args.quick else (7, 1.0)
    try:
        import torch

        torch.set_num_threads(1)
        have_torch = True
    except ImportError:
        have_torch = False

    rng = np.random.default_rng(0)
    with threadpool_limits(limits=1):
        blas = [
            f"{i['internal_api']} {i.get('version')} ({i.get('architecture')}, "
            f"{i['num_threads']} thread)"
            for i in threadpool_info()
            if i["user_api"] == "blas"
        ]
        cpu = platform.processor() or platform.machine()
        print(f"numpy {np.__version__}; BLAS: {'; '.join(blas)}; {cpu}")
        if have_torch:
            print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, float64")
        else:
            print("torch not importable: no comparison column (pip install torch to get one)")
        head = f"{'(B, T, I, H)':>20} {'fwd+bwd':>10} {'µs/step':>8} {'peephole':>10} {'peep/no':>8}"
        if have_torch:
            head += f" {'torch':>10} {'np/torch':>9}"
        print(head)
        for B, T, I, H in SHAPES:
            cases = [numpy_case(B, T, I, H, False, rng), numpy_case(B, T, I, H, True, rng)]
            if have_torch:
                cases.append(torch_case(B, T, I, H, rng))
            t_np, t_pp, *t_torch = median_times(cases, min_rep, min_sec)
            row = (
                f"{str((B, T, I, H)):>20} {t_np * 1e3:>8.2f}ms {t_np / T * 1e6:>8.1f} "
                f"{t_pp * 1e3:>8.2f}ms {t_pp / t_np:>8.2f}"
            )
            if have_torch:
                t_th = t_torch[0]
                row += f" {t_th * 1e3:>8.2f}ms {t_np / t_th:>9.2f}"
            print(row, flush=True)

    pinned = [k for k in os.environ if k.startswith("OPENBLAS_")]
    if "OPENBLAS_CORETYPE" in os.environ and not args.no_second_kernel:
        print(f"\nAgain with {', '.join(sorted(pinned))} unset (OpenBLAS picks its own kernel):",
              flush=True)
        env = {k: v for k, v in os.environ.items() if k not in pinned}
        cmd = [sys.executable, __file__, "--no-second-kernel"] + (["--quick"] if args.quick else [])
        subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
