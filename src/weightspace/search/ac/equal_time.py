"""The learned agent against PPO and the searches at equal wall time, checkpointed per presentation.

The agent ([`HERAgent`][weightspace.search.ac.her_agent.HERAgent]) trains once for ``train_seconds`` on the
whole family, then gets ``solve_seconds`` per presentation. Every other method gets the same total,
``solve_seconds + train_seconds / N`` of wall time per presentation (the training amortised over the ``N``
presentations):

* ``greedy``: greedy search with the paper's twelve moves;
* ``cyclic``: the cyclic search with the same moves;
* ``ppo``: PPO (stable-baselines3), trained per presentation, the paper's baseline;
* ``random-options``: the agent's own rollouts with uniformly random options, nothing learned.

The methods take turns on each presentation (all methods on the first, then all on the second, ...), so that a
machine busy with other work slows every method alike rather than the one that happens to run then. Every
finished (presentation, method) pair is one line of a JSON-lines checkpoint, and the trained agent is stored next to
it (``CHECKPOINT.agent.pt``), so a rerun resumes; rows of the agent are keyed by the identity of the trained network,
so a retrained agent never mixes with rows of another. Every path counted was replayed.

Examples
--------
>>> from weightspace.search.ac.families import miller_schupp_benchmark
>>> family = [p for _, _, p in miller_schupp_benchmark(1, 2)]
>>> out = compare_at_equal_time(family, 0.0, 0.2, ["greedy", "cyclic"])
>>> [(r["method"], r["solved"], r["total"]) for r in out["rows"]]
[('greedy', 4, 4), ('cyclic', 4, 4)]
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Callable, Sequence

from ...errors import InvalidInput
from ...parallel import JsonLinesCheckpoint, config_key
from .moves import Presentation

LEARNED_METHODS = ("her-agent", "random-options", "greedy", "cyclic", "ppo")


def _trained_agent(presentations: Sequence[Presentation], train_seconds: float, cap: int, seed: int,
                   checkpoint: str | None):
    """The agent trained under this configuration: restored from ``checkpoint.agent.pt`` or trained and saved."""
    from .her_agent import HERAgent
    agent = HERAgent(cap=cap, seed=seed)
    training = config_key(family=[p.relators() for p in presentations], train_seconds=train_seconds, cap=cap,
                          seed=seed)
    path = f"{checkpoint}.agent.pt" if checkpoint else None
    if path and agent.restore(path, training):
        return agent
    agent.train(presentations, train_seconds)
    agent.stats["id"] = uuid.uuid4().hex
    if path:
        agent.save(path, training)
    return agent


def _run(method: str, p: Presentation, agent, untrained, solve_seconds: float, per: float, cap: int, seed: int):
    from .cyclic import cyclic_solve
    from .moves import PAPER_MOVES
    from .ppo import ppo_solve
    from .search import solve
    if method == "her-agent":
        return agent.solve(p, solve_seconds, 0.1)
    if method == "random-options":
        return untrained.solve(p, per, 1.0)
    if method == "greedy":
        return solve(p, "greedy", 20_000_000, cap, moves=PAPER_MOVES, max_seconds=per)
    if method == "cyclic":
        return cyclic_solve(p, 20_000_000, cap, moves=PAPER_MOVES, max_seconds=per)
    return ppo_solve(p, 20_000_000, cap, moves=PAPER_MOVES, seed=seed, max_seconds=per)


def compare_at_equal_time(presentations: Sequence[Presentation], train_seconds: float = 60.0,
                          solve_seconds: float = 1.0, methods: Sequence[str] = LEARNED_METHODS, cap: int = 18,
                          seed: int = 0, progress: Callable[[int, int], None] | None = None,
                          groups: Sequence[Any] | None = None, checkpoint: str | None = None) -> dict[str, Any]:
    """The learned agent against PPO and the searches at equal wall time on a family (module docstring).

    Parameters
    ----------
    presentations
        The family.
    train_seconds
        The agent's training time.
    solve_seconds
        The agent's time per presentation.
    methods
        Among ``LEARNED_METHODS``.
    cap
        Relator length cap (every method).
    seed
        The seed.
    progress
        Called with ``(done, total)``.
    groups
        A label per presentation (e.g. its ``n``); the solved counts are also given per label.
    checkpoint
        A JSON-lines file of finished (presentation, method) pairs; the agent is stored beside it.

    Returns
    -------
    dict
        ``rows`` (``method``, ``solved``, ``total``, ``seconds``, ``seconds_per_presentation``; the agent's seconds
        include its training), ``solved`` (per presentation, a list of the methods that solved it), ``by_group``
        (label -> method -> solved) with ``groups``, the agent's training statistics and the settings.

    Raises
    ------
    InvalidInput
        For an unknown method, an empty family or groups of the wrong length.
    """
    unknown = [m for m in methods if m not in LEARNED_METHODS]
    if unknown or not presentations:
        raise InvalidInput(f"methods are {', '.join(LEARNED_METHODS)}, on a non-empty family")
    if groups is not None and len(groups) != len(presentations):
        raise InvalidInput("one group label per presentation")
    n = len(presentations)
    per = solve_seconds + train_seconds / n
    total_work, done = len(methods) * n + (1 if "her-agent" in methods else 0), 0
    agent = untrained = None
    stats: dict[str, Any] = {}
    if "her-agent" in methods:
        agent = _trained_agent(presentations, train_seconds, cap, seed, checkpoint)
        stats = dict(agent.stats)
        done += 1
    if "random-options" in methods:
        from .her_agent import HERAgent
        untrained = HERAgent(cap=cap, seed=seed + 1)
    store = JsonLinesCheckpoint(checkpoint)
    stored = store.keyed()
    seconds = {m: 0.0 for m in methods}
    solved: list[list[str]] = [[] for _ in presentations]
    with store.appender() as append:
        for i, p in enumerate(presentations):
            for method in methods:
                key = config_key(relators=p.relators(), method=method, per=per, solve_seconds=solve_seconds,
                                 cap=cap, seed=seed, agent=stats.get("id") if method == "her-agent" else None)
                row = stored.get(key)
                if row is None:
                    begin = time.perf_counter()
                    result = _run(method, p, agent, untrained, solve_seconds, per, cap, seed)
                    row = {"key": key, "index": i, "method": method, "solved": bool(result.solved),
                           "seconds": time.perf_counter() - begin, "moves": len(result.path)}
                    append(row)
                seconds[method] += row["seconds"]
                if row["solved"]:
                    solved[i].append(method)
                done += 1
                if progress:
                    progress(done, total_work)
    rows = []
    for method in methods:
        spent = seconds[method] + (stats.get("training_seconds", 0.0) if method == "her-agent" else 0.0)
        rows.append({"method": method, "solved": sum(method in s for s in solved), "total": n, "seconds": spent,
                     "seconds_per_presentation": spent / n})
    out = {"rows": rows, "solved": solved, "training": stats, "train_seconds": train_seconds,
           "solve_seconds": solve_seconds, "budget_per_presentation": per, "cap": cap}
    if groups is not None:
        out["by_group"] = {str(g): {m: sum(m in solved[i] for i in range(n) if groups[i] == g) for m in methods}
                           for g in dict.fromkeys(groups)}
    return out


__all__ = ["LEARNED_METHODS", "compare_at_equal_time"]
