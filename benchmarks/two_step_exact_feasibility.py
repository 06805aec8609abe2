"""How much work an exact count of the 4-node free two-step maps would take (issue 4), measured by sampling.

    python benchmarks/two_step_exact_feasibility.py [--samples 200000] [--seed 1]

The exact count N = #{F o F} (about 2.8e12 by `weightspace estimate hopfield --nodes 4`) needs every two-step map
produced and deduplicated, or at least one per orbit of the 384 relabel/flip symmetries (N / 384 ~ 7e9 classes).
The best partition found: by the first output component g = G_1 = f_1 o F (a 16-bit truth table), whose class
under the 96 symmetries fixing unit 1 (permute units 2..4, flip any unit; flipping unit 1 also negates g) is an
invariant of G, so N = sum over classes |class| N(g_rep) and only the F with G_1 = g_rep need composing. The
work is then  sum_rep #{F : G_1 = g_rep} = 1882^4 * E_F[1 / |class(G_1)|]  compositions, and the largest class
(G_1 constant) must be deduplicated as one piece unless split further. This script estimates both from uniform
samples of F; it prints numbers, it asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np

from weightspace.arch.hopfield import product_chambers


def class_sizes() -> np.ndarray:
    """|class(g)| for every 16-bit truth table g under the stabiliser of unit 1 (96 elements)."""
    g = np.arange(2 ** 16, dtype=np.int64)
    bits = (g[:, None] >> np.arange(16)) & 1
    images = []
    for perm in itertools.permutations(range(1, 4)):
        perm = (0,) + perm
        for flip in range(16):
            sigma = np.zeros(16, dtype=np.int64)          # state x -> permuted and flipped state
            for x in range(16):
                y = sum(((x >> i) & 1) << perm[i] for i in range(4))
                sigma[x] = y ^ flip
            moved = np.empty_like(bits)
            moved[:, sigma] = bits                        # g'(sigma x) = g(x), negated if unit 1 flips
            moved ^= flip & 1
            images.append((moved << np.arange(16)).sum(axis=1))
    images = np.sort(np.array(images), axis=0)
    return 1 + (np.diff(images, axis=0) != 0).sum(axis=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tables = product_chambers(4).tables[0]
    t = len(tables)
    total = t ** 4
    sizes = class_sizes()
    rng = np.random.default_rng(args.seed)
    cells = rng.integers(0, t, (args.samples, 4))
    F = np.zeros((args.samples, 16), dtype=np.int64)
    for i in range(4):
        F |= tables[cells[:, i]].astype(np.int64) << i
    first = np.take_along_axis(tables[cells[:, 0]].astype(np.int64), F, axis=1)      # G_1(x) = f_1(F(x))
    g = (first << np.arange(16)).sum(axis=1)
    inverse = 1.0 / sizes[g]
    constant = np.isin(g, [0, 2 ** 16 - 1]).mean()
    print(f"one-step maps F: {t}^4 = {total:.4g}; classes of 16-bit G_1 under the 96 symmetries fixing unit 1: "
          f"{round(float((1.0 / sizes).sum()))}")
    print(f"E[1/|class(G_1)|] = {inverse.mean():.4f} +- {inverse.std() / np.sqrt(args.samples):.4f}  ->  "
          f"{inverse.mean() * total:.3g} compositions for an exact count by G_1 classes "
          f"(vs. {total / 384:.3g} if every orbit were free)")
    print(f"F with G_1 constant: {constant:.4f} of all ->  the class G_1 = 0 alone holds {constant / 2 * total:.3g} "
          f"one-step maps, {8 * constant / 2 * total / 1e12:.3g} TB of 64-bit keys to deduplicate")


if __name__ == "__main__":
    main()
