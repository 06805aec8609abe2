"""Theory as computed curves beside measured ones: the stored fraction against the load, and the exponential
memory's capacity against its proven range.

* For ``classical``, ``poly`` and ``rectified`` memories,
  [`load_curve`][weightspace.memory.curves.load_curve] sets the measured stored fraction (the criterion of
  [`weightspace.memory.capacity`][weightspace.memory.capacity]) against the signal-to-noise prediction of Krotov and
  Hopfield 2016 ([`snr_stored_fraction`][weightspace.memory.theory.snr_stored_fraction]: the bit-error probability
  ``Phi(-Delta)``, and the capacity without errors that follows from it). The row also marks that capacity.
* For ``exp``, [`exp_bound_curve`][weightspace.memory.curves.exp_bound_curve] sets the measured capacity against
  ``exp(alpha N)`` at ``alpha = ln(2)/2``, the edge of the range in which Demircigil et al. 2017 (Theorem 3) prove
  that the patterns are stored. The theorem is a lower bound on the capacity, so the measured curve should lie above
  it once ``N`` is moderate. It is an asymptotic statement; at small ``N`` the comparison only shows the order of
  growth.

Examples
--------
>>> rows = load_curve("classical", 32, [2, 8], trials=10)
>>> [(r["load"], r["stored_fraction"] > 0.9, round(r["predicted"], 2)) for r in rows]
[(2, True, 1.0), (8, False, 0.59)]
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Sequence

from ..validation import check_numbers
from .capacity import capacity_row, stored_fraction
from .theory import snr_stored_fraction, theory_capacity


def load_curve(model: str, N: int, loads: Sequence[int], trials: int = 50, degree: int = 3, seed: int = 0,
               progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Measured and predicted stored fraction at each load.

    Parameters
    ----------
    model
        ``classical``, ``poly`` or ``rectified``.
    N
        Number of units.
    loads
        Numbers of patterns.
    trials
        Trials per load.
    degree
        The degree of ``poly`` and ``rectified``.
    seed
        The seed.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    list of dict
        ``{"model", "nodes", "load", "stored_fraction", "predicted", "no_error_capacity"}`` rows.

    Raises
    ------
    InvalidInput
        For another model or loads below 1.
    """
    check_numbers(loads, "--loads", minimum=1, integer=True)
    params = {} if model == "classical" else {"degree": degree}
    limit = theory_capacity(model, N, **params)[0]
    rows = []
    for k, M in enumerate(loads):
        predicted = snr_stored_fraction(model, N, M, degree)
        rows.append({"model": model, "nodes": N, "load": M, "stored_fraction":
                     stored_fraction(model, N, M, trials, seed, **params), "predicted": predicted,
                     "no_error_capacity": limit})
        if progress:
            progress(k + 1, len(loads))
    return rows


def exp_bound_curve(nodes: Sequence[int], trials: int = 20, seed: int = 0,
                    progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """The exponential memory's measured capacity beside Demircigil et al.'s ``2^(N/2)``.

    Parameters
    ----------
    nodes
        Numbers of units.
    trials
        Trials per load.
    seed
        The seed.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    list of dict
        ``{"model", "nodes", "capacity", "bound", "ratio"}`` rows (``ratio = capacity / bound``).

    Raises
    ------
    InvalidInput
        For fewer than 2 units.
    """
    check_numbers(nodes, "--nodes", minimum=2, maximum=24, integer=True)
    rows = []
    for k, N in enumerate(nodes):
        row = capacity_row("exp", N, trials, seed)
        bound = 2.0 ** (N / 2)
        rows.append({"model": "exp", "nodes": N, "capacity": row["capacity"], "bound": bound,
                     "ratio": None if row["capacity"] is None else row["capacity"] / bound})
        if progress:
            progress(k + 1, len(nodes))
    return rows


def plot_curves(rows: list[dict[str, Any]], path: str | Path) -> Path:
    """Measured (points) and predicted (line) curves: stored fraction against load, or capacity against ``N``.

    Parameters
    ----------
    rows
        Rows of [`load_curve`][weightspace.memory.curves.load_curve] or
        [`exp_bound_curve`][weightspace.memory.curves.exp_bound_curve].
    path
        The PNG file.

    Returns
    -------
    Path
        The file written.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    if rows and "load" in rows[0]:
        x = [r["load"] for r in rows]
        ax.plot(x, [r["stored_fraction"] for r in rows], "o", label="measured")
        ax.plot(x, [r["predicted"] for r in rows], "-", label="signal-to-noise (Krotov-Hopfield)")
        limit = rows[0]["no_error_capacity"]
        if limit and math.isfinite(limit):
            ax.axvline(limit, ls=":", color="grey", label="capacity without errors")
        ax.set_xscale("log")
        ax.set_xlabel("patterns M")
        ax.set_ylabel("stored fraction")
        ax.set_title(f"{rows[0]['model']}, N = {rows[0]['nodes']}")
    else:
        ax.semilogy([r["nodes"] for r in rows], [r["capacity"] or float("nan") for r in rows], "o-",
                    label="measured capacity")
        ax.semilogy([r["nodes"] for r in rows], [r["bound"] for r in rows], "--", label="2^(N/2) (Demircigil et al.)")
        ax.set_xlabel("N")
        ax.set_ylabel("patterns")
        ax.set_title("exponential memory")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)


__all__ = ["load_curve", "exp_bound_curve", "plot_curves"]
