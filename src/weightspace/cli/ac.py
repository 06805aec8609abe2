"""``weightspace ac ...``: the Andrews–Curtis game (classical search with replayable paths)."""

from __future__ import annotations

from typing import Optional

import typer

from ..paths import checkpoint_file, output_file
from .app import app
from .common import JSON, command, emit, progress_bar

ac_app = typer.Typer(no_args_is_help=True, help="The Andrews-Curtis game: balanced presentations of the trivial "
                                                "group on x, y (or x, y, z) and paths of AC moves to the trivial "
                                                "presentation.")
app.add_typer(ac_app, name="ac")


@ac_app.command("solve")
@command
def solve_command(relators: str = typer.Option(..., "--relators", help="Two relators over x, y, X = x^-1, "
                                                                       "Y = y^-1 (powers allowed: x^2*Y^3), "
                                                                       "e.g. xxYYY,xyxYXY; or ak:N, ms:N:W."),
                  method: str = typer.Option("greedy", "--method", help="greedy (best-first by total length), "
                                                                        "bfs, ppo (stable-baselines3; the budget "
                                                                        "is environment steps), cyclic (greedy "
                                                                        "over classes up to cyclic permutation "
                                                                        "with rotate-concatenate-reduce options) "
                                                                        "or options-her (cyclic with the goals of "
                                                                        "a --library learned by ac benchmark)."),
                  max_nodes: int = typer.Option(100_000, "--max-nodes", help="Node budget (expansions; classes "
                                                                             "visited for cyclic and "
                                                                             "options-her)."),
                  max_length: Optional[int] = typer.Option(None, "--max-length", help="Cap on relator length "
                                                                                      "(none by default)."),
                  checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="Directory (or a .json "
                                                                                      "file): saved every "
                                                                                      "20,000 expansions; a rerun "
                                                                                      "resumes from it."),
                  library: Optional[str] = typer.Option(None, "--library", help="options-her: goals learned by "
                                                                                "'ac benchmark --library FILE' "
                                                                                "(every goal is replayed on "
                                                                                "loading)."),
                  moves: Optional[str] = typer.Option(None, "--moves", help="all (14, with ri^-1; the default) or "
                                                                            "paper (the paper's 12: every method, "
                                                                            "options-her's goals included; a "
                                                                            "--library's own set by default)."),
                  generators: int = typer.Option(2, "--generators", help="2, or 3: relators r1,r2,r3 over x, y, "
                                                                         "z (X, Y, Z inverses) or a name of the "
                                                                         "three-generator family (ak2+z, ak2+zc, "
                                                                         "ak3+z, ak3+zc, higman3); greedy or bfs."),
                  as_json: bool = JSON) -> None:
    """Search for a path of AC moves to a trivial presentation; the path is replayed exactly before it is
    printed."""
    from ..search.ac.solver import presentation_of, solve_with

    checkpoint = checkpoint and str(checkpoint_file(checkpoint, "ac-solve.json"))
    if generators != 2:
        return _solve_general(relators, generators, method, max_nodes, max_length, checkpoint, as_json)
    start = presentation_of(relators)       # r1,r2 or a family spec of the registry (ak:N, ms:N:W)
    with progress_bar(not as_json and method in ("greedy", "bfs"), "nodes") as progress:
        result = solve_with(start, method, max_nodes, max_length, moves=moves, library=library,
                            checkpoint=checkpoint, progress=progress)
    lines = [f"<x, y | {start.r1}, {start.r2}>: "
             + (f"solved in {len(result.path)} moves" if result.solved else
                f"not solved within {result.nodes_expanded} expansions (shortest reached: total length "
                f"{len(result.final[0]) + len(result.final[1])})")
             + f" ({result.method}, {result.nodes_expanded} nodes expanded"
             + (f", {result.visited} classes visited" if method in ("cyclic", "options-her") else "")
             + f", {result.seconds:.2f} s)"]
    if result.solved:
        lines.append("path: " + " ".join(result.path))
        lines.append(f"final: {result.final[0]}, {result.final[1]}")
    emit(as_json, result.to_dict(), lines)


def _solve_general(relators: str, generators: int, method: str, max_nodes: int, max_length: Optional[int],
                   checkpoint: Optional[str], as_json: bool) -> None:
    from ..errors import InvalidInput
    from ..search.ac.generators import letters, parse_general, three_generator_family
    from ..search.ac.search import solve

    letters(generators)                          # 2 or 3, checked
    if method not in ("greedy", "bfs"):
        raise InvalidInput("--generators 3 is searched with --method greedy or bfs")
    family = three_generator_family()
    start = family[relators] if relators in family else parse_general(relators, generators)
    with progress_bar(not as_json, "nodes") as progress:
        result = solve(start, method, max_nodes, max_length, checkpoint, progress=progress)
    names = "x, y, z"[:3 * generators - 2]
    lines = [f"<{names} | {', '.join(start.relators())}>: "
             + (f"solved in {len(result.path)} moves" if result.solved else
                f"not solved within {result.nodes_expanded} expansions (shortest reached: total length "
                f"{sum(map(len, result.final))})")
             + f" ({method}, {result.nodes_expanded} nodes expanded, {result.visited} presentations generated, "
               f"{result.seconds:.2f} s)"]
    if result.solved:
        lines.append("path: " + " ".join(result.path))
        lines.append("final: " + ", ".join(result.final))
    emit(as_json, {**result.to_dict(), "generators": generators}, lines)


@ac_app.command("hard")
@command
def hard_command(set_name: str = typer.Option("ak3", "--set", help="ms-paper-unsolved (the 657 Miller-Schupp "
                                                                    "presentations the paper's greedy search left "
                                                                    "unsolved), ak3, 3gen, or a file of "
                                                                    "presentations (one per line)."),
                 method: str = typer.Option("cyclic", "--method", help="cyclic (the default), options-her (with a "
                                                                       "--library), greedy or bfs."),
                 max_nodes: int = typer.Option(1_000_000, "--max-nodes", help="Budget per presentation, in the "
                                                                              "method's unit."),
                 cap: Optional[int] = typer.Option(None, "--cap", help="Relator length cap (default: the paper's "
                                                                       "for two generators, none for three)."),
                 moves: str = typer.Option("paper", "--moves", help="paper or all (two generators)."),
                 library: Optional[str] = typer.Option(None, "--library", help="options-her: a library from "
                                                                               "'ac benchmark --library'."),
                 generators: int = typer.Option(2, "--generators", help="For a file: 2 or 3."),
                 limit: Optional[int] = typer.Option(None, "--limit", help="Only the first K presentations."),
                 executor: str = typer.Option("local", "--executor", help="local (processes) or dask."),
                 workers: int = typer.Option(1, "--workers", help="Worker processes."),
                 scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address."),
                 checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="Directory (or a .jsonl "
                                                                                     "file) of finished "
                                                                                     "presentations; a rerun "
                                                                                     "resumes."),
                 as_json: bool = JSON) -> None:
    """The hard cases with a large budget: one method over a set of presentations, one task per presentation
    (checkpointed, on local processes or a Dask cluster); what was solved (paths replayed) and, for the rest, the
    nodes explored."""
    from ..errors import InvalidInput
    from ..search.ac.hard import hard_items, hard_run
    from ..search.ac.solver import move_set

    checkpoint = checkpoint and str(checkpoint_file(checkpoint, "ac-hard.jsonl"))
    move_set(moves)
    items = hard_items(set_name, 3 if set_name == "3gen" else generators)
    if limit is not None:
        if limit < 1:
            raise InvalidInput("--limit must be at least 1")
        items = items[:limit]
    with progress_bar(not as_json, "presentations") as progress:
        out = hard_run(items, method, max_nodes, cap, moves, library, executor, workers, scheduler, checkpoint,
                       progress)
    lines = [f"{set_name}: {out['solved']} of {out['total']} solved by {method} with {max_nodes} nodes each "
             f"({out['nodes']} nodes in all)" + (f"; {out['exhausted']} exhausted (every node within the cap "
                                                  f"explored)" if out["exhausted"] else "")]
    for r in out["rows"]:
        if r["solved"] or len(out["rows"]) <= 12:
            lines.append(f"  {r['label']} <{r['relators']}>: " + (f"solved in {len(r['path'])} moves: "
                                                                   f"{' '.join(r['path'])}" if r["solved"] else
                                                                   f"not solved ({r['visited']} nodes"
                                                                   f"{', exhausted' if r['exhausted'] else ''}, "
                                                                   f"shortest total length {r['shortest']})"))
    emit(as_json, out, lines)


@ac_app.command("learn")
@command
def learn_command(max_n: int = typer.Option(2, "--max-n", help="Miller-Schupp family: largest n."),
                  max_length: int = typer.Option(5, "--max-length", help="Largest length of w."),
                  train_seconds: float = typer.Option(60.0, "--train-seconds", help="The agent's training time."),
                  solve_seconds: float = typer.Option(1.0, "--solve-seconds", help="The agent's time per "
                                                                                   "presentation; every other "
                                                                                   "method gets this plus the "
                                                                                   "training time / N."),
                  methods: str = typer.Option("her-agent,random-options,greedy,cyclic,ppo", "--methods",
                                              help="Comma-separated: her-agent, random-options, greedy, cyclic, "
                                                   "ppo."),
                  cap: int = typer.Option(18, "--cap", help="Relator length cap (every method)."),
                  seed: int = typer.Option(0, "--seed", help="Random seed."),
                  checkpoint: str = typer.Option("", "--checkpoint", help="Directory (or .jsonl file) of finished "
                                                                         "(presentation, method) pairs, the trained "
                                                                         "agent beside them; a rerun resumes."),
                  as_json: bool = JSON) -> None:
    """A learned agent (a goal-conditioned policy over options, trained with hindsight experience replay) against
    PPO, greedy search, the cyclic search and random options at equal wall time on a Miller-Schupp family; every
    path counted was replayed."""
    from ..errors import InvalidInput
    from ..search.ac.families import miller_schupp_benchmark
    from ..search.ac.equal_time import compare_at_equal_time
    from ..search.ac.hard import hard_items
    from ..validation import check_number

    check_number(train_seconds, "--train-seconds", minimum=0)
    check_number(solve_seconds, "--solve-seconds", positive=True)
    check_number(cap, "--cap", minimum=4, maximum=64, integer=True)
    checkpoint = checkpoint and str(checkpoint_file(checkpoint, "ac-learn.jsonl"))
    bench = miller_schupp_benchmark(max_n, max_length)
    family = [p for _, _, p in bench]
    if any(max(len(p.r1), len(p.r2)) > cap for p in family):
        raise InvalidInput(f"--cap {cap} is shorter than a relator of the family")
    chosen = [m.strip() for m in methods.split(",") if m.strip()]
    with progress_bar(not as_json, "presentations") as progress:
        out = compare_at_equal_time(family, train_seconds, solve_seconds, chosen, cap, seed, progress,
                                    [n for n, _, _ in bench], checkpoint or None)
    unsolved = {relators for _, relators in hard_items("ms-paper-unsolved")}
    hard = [i for i, p in enumerate(family) if f"{p.r1},{p.r2}" in unsolved]
    out["paper_unsolved"] = {"total": len(hard), **{m: sum(m in out["solved"][i] for i in hard) for m in chosen}}
    lines = [f"MS(n <= {max_n}, |w| <= {max_length}): {len(family)} presentations, "
             f"{out['budget_per_presentation']:.2f} s of wall time per presentation for every method "
             f"(the agent: {train_seconds:g} s of training shared, then {solve_seconds:g} s each)"]
    for r in out["rows"]:
        lines.append(f"  {r['method']:<15} solved {r['solved']:>4} / {r['total']}  ({r['seconds']:.1f} s)"
                     + (f", {out['paper_unsolved'][r['method']]} of the {len(hard)} the paper left unsolved"
                        if hard else ""))
    if out["training"]:
        t = out["training"]
        lines.append(f"  training: {t['episodes']} episodes, {t['training_solved_episodes']} reached the trivial "
                     f"class, {t['updates']} updates")
    emit(as_json, out, lines)


@ac_app.command("benchmark")
@command
def benchmark_command(family: str = typer.Option("ms", "--family", help="ms (Miller-Schupp, the paper's benchmark) "
                                                                         "or ak (Akbulut-Kirby AK(2..max-n))."),
                      max_n: int = typer.Option(7, "--max-n", help="Largest n."),
                      max_length: int = typer.Option(7, "--max-length", help="Largest length of w (ms)."),
                      methods: str = typer.Option("greedy,options-her", "--methods", help="Comma-separated: "
                                                                                          "greedy, bfs, cyclic, "
                                                                                          "options-her, ppo."),
                      max_nodes: int = typer.Option(10_000, "--max-nodes", help="Equal node budget per "
                                                                                "presentation and method."),
                      count: str = typer.Option("visited", "--count", help="Budget unit of greedy and bfs: "
                                                                           "visited (distinct presentations "
                                                                           "generated, as the paper) or expanded."),
                      moves: str = typer.Option("paper", "--moves", help="Moves of every method: paper (the "
                                                                         "twelve without inversion; cyclic and "
                                                                         "options-her on classes up to rotation) "
                                                                         "or all (14)."),
                      cap: Optional[int] = typer.Option(None, "--cap", help="Relator length cap (default the "
                                                                            "paper's 2*max(|r1|, max-length+1)+2)."),
                      library: Optional[str] = typer.Option(None, "--library", help="Save the goals options-her "
                                                                                    "learned (JSON) for 'ac solve "
                                                                                    "--method options-her'."),
                      mine: int = typer.Option(4, "--mine", help="options-her: add the K options mined from "
                                                                 "the unrotated runs of its solved searches "
                                                                 "(0: the structural options only)."),
                      checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="Directory (or a .jsonl "
                                                                                          "file) of "
                                                                                          "finished runs; a rerun "
                                                                                          "resumes from it."),
                      match_time: bool = typer.Option(False, "--match-time", help="Compute-matched: every method "
                                                      "gets, per presentation, the wall time greedy used."),
                      share_goals: bool = typer.Option(True, "--share-goals/--no-share-goals", help="options-her: "
                                                       "reuse goals, achieved classes and mined options learned on "
                                                       "earlier presentations (cross-presentation learning)."),
                      as_json: bool = JSON) -> None:
    """How many presentations of a benchmark family each method solves within equal node budgets (every path
    replayed), next to the counts the paper reports for its full Miller-Schupp benchmark."""
    from ..errors import InvalidInput
    from ..search.ac.benchmark import PAPER_BUDGET, PAPER_COUNTS, paper_cap, run_benchmark
    from ..search.ac.families import akbulut_kirby_family, miller_schupp_benchmark
    from ..search.ac.solver import move_set

    checkpoint = checkpoint and str(checkpoint_file(checkpoint, "ac-benchmark.jsonl"))
    library = library and str(output_file(library, "--library"))
    chosen = [m.strip() for m in methods.split(",") if m.strip()]
    if mine < 0:
        raise InvalidInput("--mine must be 0 or more")
    moves_used = move_set(moves)
    if family == "ms":
        presentations = [p for _, _, p in miller_schupp_benchmark(max_n, max_length)]
    elif family == "ak":
        presentations = akbulut_kirby_family(max_n)
    else:
        raise InvalidInput(f"unknown family {family!r}: use ms or ak")
    if cap is not None and cap < max(max(len(p.r1), len(p.r2)) for p in presentations):
        raise InvalidInput(f"--cap {cap} is shorter than a relator of the family")
    items = [(p, cap or max(paper_cap(p, max_length), len(p.r2))) for p in presentations]
    paper = ({"source": "Shehper et al. 2024, arXiv:2408.15332", **PAPER_COUNTS}
             if family == "ms" and max_n == 7 and max_length == 7 else None)
    with progress_bar(not as_json, "runs") as progress:
        result = run_benchmark(items, chosen, max_nodes, family, checkpoint, progress, count=count,
                               moves=moves_used, library=library, paper=paper,
                               mine=mine, share_goals=share_goals, match_time=match_time)
    lines = [f"{family}: {result.total} presentations, "
             + ("each method given greedy's wall time per presentation" if match_time else
                f"a nominal budget of {max_nodes} nodes each, in each method's own unit")]
    for row in result.rows:
        extra = f", {row['propagated']} by propagation" if "propagated" in row else ""
        extra += "" if row.get("shares_goals", True) else ", no shared goals"
        lines.append(f"  {row['method']:<11} solved {row['solved']:>5} / {row['total']}  "
                     f"({row['nodes']} {row['budget_unit']}{extra}, {row['elementary_moves']} moves in the replayed "
                     f"paths, {row['seconds']:.1f} s; moves: {row['moves']})")
        if row.get("mined_options"):
            lines.append(f"              mined options: {', '.join(row['mined_options'])}")
    if paper:
        lines.append(f"  paper ({paper['source']}), each in its own unit: greedy {paper['greedy']['solved']} at "
                     f"{PAPER_BUDGET} presentations, bfs {paper['bfs']['solved']} at {PAPER_BUDGET} presentations, "
                     f"ppo {paper['ppo']['solved']} (environment steps)")
    emit(as_json, result.to_dict(), lines)
