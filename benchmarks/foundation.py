"""Foundation refactor (issue 13): the same commands on this tree and on an older checkout, in one run.

    git worktree add /tmp/old fbbf1f3      # the commit before the refactor
    python benchmarks/foundation.py --baseline /tmp/old/src

Each row runs the CLI in a fresh process (best of ``--repeat``) with ``PYTHONPATH`` set to this tree's ``src`` or to
the baseline's; the ratio is baseline / current (above 1: the refactored tree is faster). The answers must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = [
    ["--help"],
    ["count", "threshold", "--inputs", "6", "--json"],
    ["count", "threshold", "--inputs", "7", "--json"],
    ["count", "hopfield", "--nodes", "3", "--steps", "2", "--json"],
    ["count", "hopfield", "--nodes", "3", "--weights", "symmetric", "--update", "async", "--json"],
    ["realize", "hopfield", "--nodes", "3", "--map", "0,1,2,3,4,5,6,7", "--steps", "2", "--json"],
    ["charpoly", "threshold", "--inputs", "5", "--json"],
]


def timed(src: str, arguments: list[str], repeat: int) -> tuple[float, str]:
    environment = {**os.environ, "PYTHONPATH": src}
    best, out = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "weightspace.cli", *arguments], capture_output=True, text=True,
                             check=True, env=environment).stdout
        best = min(best, time.perf_counter() - start)
    return best, out


def answer(out: str):
    if not out.startswith("{"):
        return None
    payload = json.loads(out)
    return {k: payload.get(k) for k in ("chambers", "maps", "realizable", "coefficients")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="src directory of the older checkout")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    current = str(Path(__file__).resolve().parents[1] / "src")
    print(f"{'command':<80} {'current':>9} {'baseline':>9} {'ratio':>6}")
    for arguments in COMMANDS:
        now, out_now = timed(current, arguments, args.repeat)
        before, out_before = timed(args.baseline, arguments, args.repeat)
        if answer(out_now) != answer(out_before):
            raise SystemExit(f"answers differ for {arguments}: {answer(out_now)} vs {answer(out_before)}")
        print(f"{' '.join(arguments):<80} {now:>8.2f}s {before:>8.2f}s {before / now:>6.2f}")


if __name__ == "__main__":
    main()
