"""Andrews–Curtis in depth (issue 39): three generators, the hard-case runner, and the learned agent. Every path is
replayed; the general presentation is checked against the two-generator one."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.cli import app
from weightspace.errors import InvalidInput
from weightspace.search.ac.benchmark import PAPER_COUNTS
from weightspace.search.ac.classes import class_key
from weightspace.search.ac.families import miller_schupp_benchmark
from weightspace.search.ac.generators import (GeneralPresentation, general_moves, parse_general,
                                              three_generator_family)
from weightspace.search.ac.hard import hard_items, hard_run, paper_unsolved_positions
from weightspace.search.ac.her_agent import OPTIONS, HERAgent, achieved, option_table, start_state
from weightspace.search.ac.moves import MOVES, Presentation, replay
from weightspace.search.ac.search import solve


def _random_word(rng, letters, n):
    return "".join(rng.choice(letters) for _ in range(n))


def test_general_presentation_agrees_with_the_two_generator_game():
    rng = random.Random(0)
    assert general_moves(2) == MOVES
    for _ in range(200):
        a, b = _random_word(rng, "xXyY", rng.randint(1, 8)), _random_word(rng, "xXyY", rng.randint(1, 8))
        p, g = Presentation.of(a, b), GeneralPresentation(tuple(Presentation.of(a, b).relators()))
        for move in MOVES:
            assert p.apply(move).relators() == g.apply(move).relators()
        assert p.is_trivial() == g.is_trivial()


def test_three_generator_moves_and_checks():
    p = parse_general("x^2*Y^3,xyxYXY,z", 3)
    assert p.relators() == ["xxYYY", "xyxYXY", "z"] and len(general_moves(3)) == 33
    assert p.apply("r3*r1^-1").relators()[2] == "zyyyXX"
    assert p.apply("Z.r1").relators()[0] == "ZxxYYYz"
    with pytest.raises(InvalidInput, match="determinant 2"):
        parse_general("xy,yz,zx", 3)
    with pytest.raises(InvalidInput, match="3 relators"):
        parse_general("xY,yZ", 3)
    with pytest.raises(InvalidInput, match="letters"):
        parse_general("xw,y,z", 3)
    for name, q in three_generator_family().items():    # every member is balanced with determinant +-1
        assert parse_general(",".join(q.relators()), 3) == q, name


def test_three_generator_search_replays_and_resumes(tmp_path):
    family = three_generator_family()
    result = solve(family["ak2+zc"], "greedy", 200_000)
    assert result.solved and replay(family["ak2+zc"], list(result.path)).is_trivial()
    checkpoint = str(tmp_path / "s.json")
    first = solve(family["higman3"], "greedy", 800, checkpoint=checkpoint, every=400)
    assert not first.solved
    state = json.load(open(checkpoint))
    assert state["expanded"] == 800
    state["expanded"] = 1500                                 # a resumed search has only 100 expansions left
    json.dump(state, open(checkpoint, "w"))
    more = solve(family["higman3"], "greedy", 1600, checkpoint=checkpoint, every=400)
    fresh = solve(family["higman3"], "greedy", 1600)
    assert more.nodes_expanded == fresh.nodes_expanded == 1600 and more.visited < fresh.visited   # resumed
    out = CliRunner().invoke(app, ["ac", "solve", "--generators", "3", "--relators", "xY,yZ,z", "--method", "bfs",
                                   "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["solved"] and replay(GeneralPresentation(("xY", "yZ", "z")), data["path"]).is_trivial()


def test_hard_runner_sets_checkpoint_and_paths(tmp_path):
    positions = paper_unsolved_positions()
    assert len(set(positions)) == len(positions) == 1190 - PAPER_COUNTS["greedy"]["solved"]
    assert max(positions) < len(miller_schupp_benchmark(7, 7))
    items = [("easy", "xyX,xYY"), ("AK(3)", hard_items("ak3")[0][1])]
    checkpoint = str(tmp_path / "hard.jsonl")
    out = hard_run(items, "cyclic", 2000, workers=1, checkpoint=checkpoint)
    assert [r["solved"] for r in out["rows"]] == [True, False] and out["rows"][1]["visited"] == 2000
    assert replay(Presentation.of("xyX", "xYY"), out["rows"][0]["path"]).is_trivial()
    again = hard_run(items, "cyclic", 2000, workers=1, checkpoint=checkpoint)
    assert again["rows"] == out["rows"] or [r["solved"] for r in again["rows"]] == [True, False]
    assert len(open(checkpoint).read().splitlines()) == 2      # nothing recomputed
    assert [r["exhausted"] for r in out["rows"]] == [False, False]
    capped = hard_run(hard_items("ak3"), "cyclic", 100_000, cap=8)          # the graph within the cap runs out
    assert capped["exhausted"] == 1 and capped["rows"][0]["visited"] < 100_000 and not capped["solved"]
    with pytest.raises(InvalidInput, match="greedy or bfs"):
        hard_run(hard_items("3gen"), "cyclic", 100)


def test_options_unfold_to_their_children_and_her_relabels_exactly():
    rng = random.Random(3)
    for _ in range(30):
        p = Presentation.of(_random_word(rng, "xXyY", rng.randint(2, 7)), _random_word(rng, "xXyY", rng.randint(2, 7)))
        rep, prefix = start_state(p)
        assert replay(p, prefix).relators() == list(rep)
        from weightspace.search.ac.cyclic import _unfold
        for entry in option_table(rep, 16):
            if entry is None:
                continue
            option, child, key = entry
            after = replay(Presentation(*rep), _unfold(rep, option))
            assert tuple(after.relators()) == child and class_key(*child, invert=False) == key
    assert len(OPTIONS) == 16 and achieved("X,y", None) and not achieved("xy,y", None) and achieved("a", "a")
    agent = HERAgent(cap=12, seed=0, hidden=16, horizon=4, her_goals=2)
    reached, steps = agent.episode(start_state(Presentation.of("XyxYY", "Xyy"))[0], None, 1.0)
    assert len(agent.buffer) == 3 * len(steps)                 # the goal and two hindsight goals per step
    for key, action, next_key, goal, reward, done, mask in agent.buffer:
        assert done == achieved(next_key, goal) and reward == (0.0 if done else -1.0)
        assert mask.shape == (16,)


def test_agent_solutions_are_replayed_and_the_comparison_runs():
    family = [p for _, _, p in miller_schupp_benchmark(1, 3)]
    agent = HERAgent(cap=12, seed=0, hidden=32, horizon=6).train(family, seconds=1e9, episodes=10)
    assert agent.stats["episodes"] == 10 and agent.updates > 0
    for p in family:
        result = agent.solve(p, 1e9, 1.0, episodes=20)
        if result.solved:
            assert replay(p, list(result.path)).is_trivial()
    out = CliRunner().invoke(app, ["ac", "learn", "--max-n", "1", "--max-length", "3", "--train-seconds", "1",
                                   "--solve-seconds", "0.05", "--methods", "her-agent,greedy,cyclic", "--json"])
    assert out.exit_code == 0, out.output
    rows = {r["method"]: r for r in json.loads(out.stdout)["rows"]}
    assert rows["greedy"]["solved"] == rows["cyclic"]["solved"] == 6 and rows["her-agent"]["total"] == 6
    assert np.isfinite(rows["her-agent"]["seconds"])


def test_equal_time_comparison_resumes_from_its_checkpoint(tmp_path, monkeypatch):
    from weightspace.search.ac import equal_time
    family = [p for _, _, p in miller_schupp_benchmark(1, 3)]
    checkpoint = str(tmp_path / "learn.jsonl")
    first = equal_time.compare_at_equal_time(family, 0.5, 0.05, ["her-agent", "greedy", "cyclic"], 12,
                                             groups=[1] * 6, checkpoint=checkpoint)
    assert first["by_group"] == {"1": {m: r["solved"] for m, r in zip(["her-agent", "greedy", "cyclic"],
                                                                       first["rows"])}}

    def no_more_work(*args):
        raise AssertionError("a finished pair was run again")
    monkeypatch.setattr(equal_time, "_run", no_more_work)
    monkeypatch.setattr(HERAgent, "train", no_more_work)
    again = equal_time.compare_at_equal_time(family, 0.5, 0.05, ["her-agent", "greedy", "cyclic"], 12,
                                             groups=[1] * 6, checkpoint=checkpoint)
    assert again["solved"] == first["solved"] and again["training"] == first["training"]
    with pytest.raises(InvalidInput, match="group"):
        equal_time.compare_at_equal_time(family, 0.0, 0.05, ["greedy"], 12, groups=[1])


def test_the_stored_hard_case_solutions_replay_within_their_caps():
    """Every path in benchmarks/results/ac_hard_solved.jsonl trivialises its presentation, move by move, with no
    relator longer than the paper's cap, and the presentation is one the paper left unsolved."""
    from pathlib import Path
    stored = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "ac_hard_solved.jsonl"
    unsolved = {relators for _, relators in hard_items("ms-paper-unsolved")}
    rows = [json.loads(line) for line in stored.read_text().splitlines() if line.strip()]
    assert len(rows) >= 34
    for row in rows:
        assert row["relators"] in unsolved
        state = Presentation.of(*row["relators"].split(","))
        for move in row["path"]:
            state = state.apply(move)
            assert max(len(state.r1), len(state.r2)) <= row["cap"], row["presentation"]
        assert state.is_trivial() and len(row["path"]) == row["moves"], row["presentation"]
