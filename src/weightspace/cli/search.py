"""``weightspace ac ...``: the Andrews–Curtis game (classical search with replayable paths)."""

from __future__ import annotations

from typing import Optional

import typer

from .app import app
from .common import JSON, command, emit, progress_bar

ac_app = typer.Typer(no_args_is_help=True, help="The Andrews-Curtis game: balanced presentations of the trivial "
                                                "group on x, y and paths of AC moves to the trivial presentation.")
app.add_typer(ac_app, name="ac")

LEARNED = ("options-her",)


@ac_app.command("solve")
@command
def solve_command(relators: str = typer.Option(..., "--relators", help="Two relators over x, y, X = x^-1, "
                                                                       "Y = y^-1 (powers allowed: x^2*Y^3), "
                                                                       "e.g. xxYYY,xyxYXY; or ak:N, ms:N:W."),
                  method: str = typer.Option("greedy", "--method", help="greedy (best-first by total length), "
                                                                        "bfs, or ppo (stable-baselines3; the budget "
                                                                        "is environment steps); options-her is not "
                                                                        "built yet."),
                  max_nodes: int = typer.Option(100_000, "--max-nodes", help="Node budget (expansions)."),
                  max_length: Optional[int] = typer.Option(None, "--max-length", help="Cap on relator length "
                                                                                      "(none by default)."),
                  checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="JSON file: saved every "
                                                                                      "20,000 expansions; a rerun "
                                                                                      "resumes from it."),
                  as_json: bool = JSON) -> None:
    """Search for a path of AC moves to a trivial presentation; the path is replayed exactly before it is
    printed."""
    from ..errors import NotSupported
    from ..search.ac import parse_presentation, solve

    if method in LEARNED:
        raise NotSupported(f"--method {method} is not built yet (options with hindsight experience replay are "
                           "the open part of the Andrews-Curtis issue); use greedy, bfs or ppo")
    start = parse_presentation(relators)
    if method == "ppo":
        from ..search.ac.ppo import ppo_solve
        result = ppo_solve(start, max_nodes, max_length or 18)
    else:
        with progress_bar(not as_json, "nodes") as progress:
            result = solve(start, method, max_nodes, max_length, checkpoint, progress=progress)
    lines = [f"<x, y | {start.r1}, {start.r2}>: "
             + (f"solved in {len(result.path)} moves" if result.solved else
                f"not solved within {result.nodes_expanded} expansions (shortest reached: total length "
                f"{len(result.final[0]) + len(result.final[1])})")
             + f" ({result.method}, {result.nodes_expanded} nodes expanded, {result.seconds:.2f} s)"]
    if result.solved:
        lines.append("path: " + " ".join(result.path))
        lines.append(f"final: {result.final[0]}, {result.final[1]}")
    emit(as_json, result.to_dict(), lines)


@ac_app.command("benchmark")
@command
def benchmark_command(family: str = typer.Option("ms", "--family", help="ms (Miller-Schupp, the paper's benchmark) "
                                                                         "or ak (Akbulut-Kirby AK(2..max-n))."),
                      max_n: int = typer.Option(7, "--max-n", help="Largest n."),
                      max_length: int = typer.Option(7, "--max-length", help="Largest length of w (ms)."),
                      methods: str = typer.Option("greedy,bfs", "--methods", help="Comma-separated: greedy, bfs, "
                                                                                  "ppo (options-her is not built "
                                                                                  "yet)."),
                      max_nodes: int = typer.Option(10_000, "--max-nodes", help="Equal node budget per "
                                                                                "presentation and method."),
                      checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="JSON file of finished "
                                                                                          "runs; a rerun skips "
                                                                                          "them."),
                      as_json: bool = JSON) -> None:
    """How many presentations of a benchmark family each method solves within equal node budgets (every path
    replayed)."""
    from ..errors import InvalidInput, NotSupported
    from ..search.ac.benchmark import run_benchmark
    from ..search.ac.families import akbulut_kirby, miller_schupp_benchmark

    chosen = [m.strip() for m in methods.split(",") if m.strip()]
    learned = [m for m in chosen if m in LEARNED]
    if learned:
        raise NotSupported(f"{', '.join(learned)} not built yet (options with hindsight experience replay are the "
                           "open part of the Andrews-Curtis issue); use greedy, bfs and ppo")
    if family == "ms":
        presentations = [p for _, _, p in miller_schupp_benchmark(max_n, max_length)]
    elif family == "ak":
        presentations = [akbulut_kirby(n) for n in range(2, max_n + 1)]
    else:
        raise InvalidInput(f"unknown family {family!r}: use ms or ak")
    with progress_bar(not as_json, "runs") as progress:
        result = run_benchmark(presentations, chosen, max_nodes, family, checkpoint, progress)
    lines = [f"{family}: {result.total} presentations, budget {max_nodes} nodes each"]
    for row in result.rows:
        lines.append(f"  {row['method']:<8} solved {row['solved']:>5} / {row['total']}  "
                     f"({row['nodes_expanded']} nodes, {row['seconds']:.1f} s)")
    emit(as_json, result.to_dict(), lines)
