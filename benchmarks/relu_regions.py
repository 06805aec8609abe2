"""Exact ReLU regions (issue 15) against regioncam and dense grid sampling, in one run.

    pip install regioncam          # baseline only; not a weightspace dependency
    python3 benchmarks/relu_regions.py [--quick]

For each network (Gaussian weights, He scaling, float64, so the weights are generic and exact as binary rationals)
on the square [-1, 1]^2 it prints:

* weightspace: exact activation and linear regions (rational vertices, integer arithmetic), seconds;
* regioncam (Rust, float32): its face count and seconds;
* grid: distinct activation patterns at the centres of a G x G grid (numpy float64), seconds, and how many regions
  it misses;
* a last row with small integer weights on [-4, 4]^2, where many kinks pass through common points: exact
  arithmetic counts what is there, float32 splitting need not;
* ratios of seconds, regioncam / weightspace and grid / weightspace (larger is better for weightspace).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from weightspace.arch.relu import ReLUNet, linear_regions, random_net

NETS = [(2, 16, 16, 1), (2, 32, 32, 1), (2, 16, 16, 16, 1), (2, 32, 32, 32, 1), (2, 64, 64, 64, 1)]


def gaussian_net(widths, seed):
    rng = np.random.default_rng(seed)
    arrays = []
    for a, b in zip(widths[:-1], widths[1:]):
        arrays += [rng.normal(size=(b, a)) * np.sqrt(2 / a), rng.normal(size=b) * 0.1]
    return arrays


def grid_patterns(arrays, side, half=1.0):
    centres = ((np.arange(side) + 0.5) / side * 2 - 1) * half
    x = np.stack(np.meshgrid(centres, centres), axis=-1).reshape(-1, 2)
    bits = []
    h = x
    inside = np.ones(len(x), dtype=bool)
    for i in range(0, len(arrays) - 2, 2):
        z = h @ arrays[i].T + arrays[i + 1]
        inside &= np.all(np.abs(z) > 1e-9, axis=1)         # drop points on (or within rounding of) a kink
        bits.append(z > 0)
        h = np.maximum(z, 0)
    codes = np.packbits(np.concatenate(bits, axis=1)[inside], axis=1)
    return len(np.unique(codes, axis=0))


def regioncam_faces(arrays, half=1.0):
    import regioncam

    camera = regioncam.Regioncam(half)                      # the square [-half, half]^2
    layers = len(arrays) // 2
    for i in range(layers):
        camera.linear(np.asarray(arrays[2 * i].T, dtype=np.float32), np.asarray(arrays[2 * i + 1], dtype=np.float32))
        if i < layers - 1:
            camera.relu()
    return camera.num_faces, sorted(float(face.area) for face in camera.faces)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only the three smallest networks")
    parser.add_argument("--grid", type=int, default=1000, help="grid side G (G^2 points)")
    args = parser.parse_args()
    print(f"{'network':<20}{'exact act.':>11}{'linear':>8}{'ws s':>8}{'regioncam':>10}{'rc s':>8}"
          f"{'grid':>8}{'grid s':>8}{'rc/ws':>8}{'grid/ws':>8}")
    cases = [(str(list(w)), gaussian_net(w, seed=sum(w)), 1) for w in (NETS[:3] if args.quick else NETS)]
    # integer weights in [-8, 8] on [-4, 4]^2: many lines through common points (degenerate on purpose)
    integer = random_net((2, 16, 16, 1), seed=3)
    cases.append(("[2, 16, 16, 1] int", [np.array(a, dtype=float) for w, b in zip(integer.weights, integer.biases)
                                         for a in (w, b)], 4))
    for label, arrays, half in cases:
        net = ReLUNet.from_arrays(arrays)
        start = time.perf_counter()
        exact = linear_regions(net, box=([-half, -half], [half, half]), volumes=False)
        ws = time.perf_counter() - start
        start = time.perf_counter()
        faces, areas = regioncam_faces(arrays, half)
        slivers = [a for a in areas if a < 1e-9]
        rc = time.perf_counter() - start
        start = time.perf_counter()
        sampled = grid_patterns(arrays, args.grid, half)
        grid = time.perf_counter() - start
        print(f"{label:<20}{exact.activation_regions:>11}{exact.regions:>8}{ws:>8.2f}{faces:>10}{rc:>8.3f}"
              f"{sampled:>8}{grid:>8.2f}{rc / ws:>8.3f}{grid / ws:>8.2f}", flush=True)
        if slivers:                 # float32 faces of (near) zero area where several kinks meet
            print(f"{'':<20}regioncam: {len(slivers)} faces of area < 1e-9 (largest {max(slivers):.2g}; next "
                  f"smallest face {areas[len(slivers)]:.2g}), so {faces - len(slivers)} faces of positive area",
                  flush=True)


if __name__ == "__main__":
    main()
