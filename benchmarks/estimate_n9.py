"""Measure shard costs for T(9) on this machine and extrapolate the full cost (issue 3, item 4).

    python benchmarks/estimate_n9.py --checkpoint /tmp/t9 --layers 60 [--sample 2000]

1. Runs (or resumes) the n = 9 class enumeration for the first LAYERS layers with a checkpoint, exactly as
   `weightspace count threshold --inputs 9 --checkpoint DIR` would, and reads the measured seconds per layer.
2. Times `expand_shard` single-core on a fixed sample of parents of the last built layer (a real shard).
3. Measures, on n = 8, how the per-parent cost grows from the same relative depth to the middle layer
   (the largest layers), and applies that growth to n = 9.
4. Extrapolates: parents = (number of NP classes) / 2; core-hours = parents x mean per-parent cost.
   The number of NP classes of 9 inputs is not computed here (that is the job); the published value
   989,913,346 (OEIS A000617) is used only to size the estimate, as stated in the output.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from weightspace.arch.threshold import count_threshold_classes
from weightspace.arch.threshold.classes import expand_shard

PUBLISHED_NP_CLASSES_9 = 989_913_346  # OEIS A000617(9): used only to size the estimate


def per_parent_seconds(n: int, tables: np.ndarray, thetas: np.ndarray, sample: int, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(tables), size=min(sample, len(tables)), replace=False)
    start = time.perf_counter()
    expand_shard(n, tables[chosen], thetas[chosen])
    return (time.perf_counter() - start) / len(chosen)


def layer_files(directory: Path):
    state = json.loads((directory / "state.json").read_text())
    data = np.load(directory / f"layer_{state['layer']}.npz")
    return state, data["tables"], data["thetas"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", default="/tmp/t9")
    parser.add_argument("--layers", type=int, default=60)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    directory = Path(args.checkpoint)
    start = time.perf_counter()
    count_threshold_classes(9, workers=args.workers, checkpoint=directory, stop_after_layer=args.layers)
    state, tables, thetas = layer_files(directory)
    layer = state["layer"]
    cost9 = per_parent_seconds(9, tables, thetas, args.sample)
    # growth of the per-parent cost from the same relative depth to the middle, measured on n = 8
    relative = layer / 256
    shallow = round(relative * 128)
    eight = Path(str(directory) + "-n8")
    count_threshold_classes(8, workers=args.workers, checkpoint=eight, stop_after_layer=shallow)
    _, t8, th8 = layer_files(eight)
    cost8_shallow = per_parent_seconds(8, t8, th8, args.sample)
    count_threshold_classes(8, workers=args.workers, checkpoint=eight, stop_after_layer=120)
    _, t8m, th8m = layer_files(eight)
    cost8_middle = per_parent_seconds(8, t8m, th8m, args.sample)
    growth = cost8_middle / cost8_shallow
    parents = PUBLISHED_NP_CLASSES_9 // 2
    mean_cost = cost9 * growth
    core_hours = parents * mean_cost / 3600
    report = {
        "layers_built": layer, "classes_built": sum(state["sizes"]), "layer_seconds_last": state["layer_seconds"][-5:],
        "per_parent_seconds_n9_layer": round(cost9, 6), "n8_growth_to_middle": round(growth, 3),
        "estimated_mean_per_parent_seconds": round(mean_cost, 6), "parents": parents,
        "estimated_core_hours": round(core_hours, 1),
        "estimated_hours_on_64_cores": round(core_hours / 64, 1),
        "largest_layer_estimate": int(parents * 29536 / (2730166 // 2)),
        "measurement_seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
