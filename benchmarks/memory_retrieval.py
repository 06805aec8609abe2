"""Batched softmax retrieval (issue 17): NumPy against PyTorch (CPU here, CUDA when present), in one run.

    python3 benchmarks/memory_retrieval.py

hopfield-layers (the reference implementation of Ramsauer et al.) is not on PyPI, so it is not in the comparison;
the PyTorch path computes the same step as its ``Hopfield`` layer without projections. Prints queries per second of
each path and the ratio torch / numpy for N = 64 units, M stored patterns and a batch of 4096 queries.
"""

from __future__ import annotations

import time

import numpy as np

from weightspace.memory.batched import retrieve_numpy, retrieve_torch, torch_device


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"device: {torch_device()}")
    print(f"{'M':>6}{'numpy q/s':>14}{'torch q/s':>14}{'torch/numpy':>13}{'max diff':>11}")
    for M in (100, 1000, 10000):
        X = rng.integers(0, 2, size=(M, 64)) * 2 - 1
        Q = rng.integers(0, 2, size=(4096, 64)) * 2 - 1
        timings = {}
        for name, fn in (("numpy", retrieve_numpy), ("torch", retrieve_torch)):
            fn(X, Q[:16], 0.1)
            start = time.perf_counter()
            out = fn(X, Q, 0.1)
            timings[name] = (time.perf_counter() - start, out)
        rate = {k: 4096 / v[0] for k, v in timings.items()}
        diff = float(np.abs(timings["numpy"][1] - timings["torch"][1]).max())
        print(f"{M:>6}{rate['numpy']:>14.0f}{rate['torch']:>14.0f}{rate['torch'] / rate['numpy']:>13.2f}{diff:>11.1e}")


if __name__ == "__main__":
    main()
