"""The Andrews–Curtis game: words, moves against their definitions, families, search, the Gymnasium env, CLI."""

from __future__ import annotations

import json
import random
import re

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.cli import app
from weightspace.errors import CertificationError, InvalidInput
from weightspace.search.ac import MOVES, Presentation, akbulut_kirby, miller_schupp, parse_presentation, replay, solve
from weightspace.search.ac.env import ACEnv, encode
from weightspace.search.ac.moves import PAPER_MOVES
from weightspace.search.ac.words import cyclic_reduce, free_reduce, inverse, parse_word

runner = CliRunner()
# Sanov's faithful representation of the free group F(x, y) in SL(2, Z): two words are equal in F iff their
# matrices are equal, an independent check of free reduction and of every move
MATRIX = {"x": np.array([[1, 2], [0, 1]], dtype=object), "X": np.array([[1, -2], [0, 1]], dtype=object),
          "y": np.array([[1, 0], [2, 1]], dtype=object), "Y": np.array([[1, 0], [-2, 1]], dtype=object)}


def matrix(word: str) -> np.ndarray:
    out = np.array([[1, 0], [0, 1]], dtype=object)
    for letter in word:
        out = out.dot(MATRIX[letter])
    return out


def random_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("xXyY") for _ in range(length))


def naive_reduce(word: str) -> str:
    while True:
        reduced = re.sub("xX|Xx|yY|Yy", "", word, count=1)
        if reduced == word:
            return word
        word = reduced


def test_free_reduction_and_inverse_two_ways():
    rng = random.Random(0)
    for _ in range(300):
        w = random_word(rng, rng.randint(0, 14))
        r = free_reduce(w)
        assert r == naive_reduce(w)
        assert (matrix(r) == matrix(w)).all()
        assert not re.search("xX|Xx|yY|Yy", r)
        assert free_reduce(w + inverse(w)) == ""
        assert inverse(inverse(w)) == w
        c = cyclic_reduce(w)
        assert c in (r + r) or c == ""           # a cyclic conjugate's core sits inside r r
        assert not (len(c) >= 2 and c[0] == inverse(c[-1]))


def test_every_move_against_its_definition():
    rng = random.Random(1)
    for _ in range(100):
        p = Presentation.of(random_word(rng, 7), random_word(rng, 6))
        definitions = {"r1*r2": (p.r1 + p.r2, p.r2), "r1*r2^-1": (p.r1 + inverse(p.r2), p.r2),
                       "r2*r1": (p.r1, p.r2 + p.r1), "r2*r1^-1": (p.r1, p.r2 + inverse(p.r1)),
                       "r1^-1": (inverse(p.r1), p.r2), "r2^-1": (p.r1, inverse(p.r2))}
        for g in "xXyY":
            definitions[f"{g}.r1"] = (g + p.r1 + inverse(g), p.r2)
            definitions[f"{g}.r2"] = (p.r1, g + p.r2 + inverse(g))
        assert set(definitions) == set(MOVES)
        for move, (a, b) in definitions.items():
            after = p.apply(move)
            assert (after.r1, after.r2) == (free_reduce(a), free_reduce(b))
            assert (matrix(after.r1) == matrix(a)).all() and (matrix(after.r2) == matrix(b)).all()
    with pytest.raises(InvalidInput):
        Presentation("x", "y").apply("z.r1")


def test_trivial_presentations():
    assert Presentation("x", "y").is_trivial() and Presentation("Y", "X").is_trivial()
    assert Presentation("yxY", "y").is_trivial()           # cyclically reduced: x
    assert not Presentation("x", "X").is_trivial() and not Presentation("xy", "y").is_trivial()


def test_families_and_parsing():
    from weightspace.specs import resolve
    assert akbulut_kirby(2) == parse_presentation("xxYYY,xyxYXY") == resolve("ak:2").presentation
    assert miller_schupp(2, "yxYX") == resolve("ms:2:yxYX").presentation
    assert parse_word("x^-2 y^3") == "XXyyy"
    for bad in ["xxYYY", "xxYYY,xyz", "xx,yy", "x^,y", "ak:2"]:
        with pytest.raises(InvalidInput):
            parse_presentation(bad)
    for bad in ["ms:2:x", "ak:x", "ms:2", "ak:2:3"]:
        with pytest.raises(InvalidInput):
            resolve(bad)
    out = runner.invoke(app, ["ac", "solve", "--relators", "threshold:2"])
    assert out.exit_code == 2 and "not a balanced presentation" in out.stderr


@pytest.mark.parametrize("seed", range(8))
def test_random_walks_from_the_trivial_presentation_are_solved_back(seed):
    rng = random.Random(seed)
    start = Presentation("x", "y")
    for _ in range(6):
        start = start.apply(rng.choice(MOVES))
    from weightspace.search.ac.cyclic import cyclic_solve
    for result in (solve(start, "greedy", 50_000), solve(start, "bfs", 50_000), cyclic_solve(start, 20_000)):
        assert result.solved
        assert replay(start, list(result.path)).is_trivial()
    assert len(solve(start, "bfs").path) <= 6               # breadth-first: no longer than the walk


def test_ak2_is_solved_and_the_path_replays():
    result = solve(akbulut_kirby(2), "greedy", max_nodes=100_000)
    assert result.solved
    final = replay(akbulut_kirby(2), list(result.path))
    assert final.is_trivial() and (final.r1, final.r2) == result.final


def test_checkpoint_resume_continues_the_same_search(tmp_path):
    start = akbulut_kirby(2)
    whole = solve(start, "greedy", max_nodes=100_000)
    path = tmp_path / "ak2.json"
    first = solve(start, "greedy", max_nodes=3_000, checkpoint=str(path), every=1_000)
    assert not first.solved and path.exists()
    resumed = solve(start, "greedy", max_nodes=100_000, checkpoint=str(path))
    assert resumed.solved and resumed.path == whole.path and resumed.nodes_expanded == whole.nodes_expanded
    with pytest.raises(InvalidInput):
        solve(start, "bfs", max_nodes=10, checkpoint=str(path))


def test_length_cap_is_respected():
    result = solve(akbulut_kirby(3), "greedy", max_nodes=2_000, max_length=9)
    lengths = [max(len(p.r1), len(p.r2)) for p in _states(akbulut_kirby(3), result.path)]
    assert max(lengths[1:], default=0) <= 9


def _states(start, path):
    out = [start]
    for move in path:
        out.append(out[-1].apply(move))
    return out


def test_gymnasium_env():
    from gymnasium.utils.env_checker import check_env
    env = ACEnv([akbulut_kirby(2), miller_schupp(1, "y")], max_length=12, horizon=30)
    check_env(env, skip_render_check=True)
    obs, info = env.reset(options={"presentation": Presentation("xyX", "xYY")})
    assert (obs == encode(Presentation("xyX", "xYY"), 12)).all()
    _, reward, terminated, truncated, _ = env.step(MOVES.index("r2*r1"))
    assert (reward, terminated) == (-9.0, False)        # total length 3 + 6
    _, reward, terminated, _, info = env.step(MOVES.index("r2*r1"))
    assert (reward, terminated) == (1000.0, True)
    # seeded episodes reproduce exactly
    runs = []
    for _ in range(2):
        env.reset(seed=5)
        env.action_space.seed(5)
        runs.append([env.step(env.action_space.sample())[1] for _ in range(20)])
    assert runs[0] == runs[1]


def test_cli_contract():
    out = runner.invoke(app, ["ac", "solve", "--relators", "xxYYY,xyxYXY", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert {"solved", "path", "final", "nodes_expanded", "seconds"} <= set(payload)
    assert payload["solved"] and replay(akbulut_kirby(2), payload["path"]).is_trivial()


@pytest.mark.parametrize("relators", ["xxYYY,xyz", "xxYYY", "xx,yy"])
def test_cli_errors_are_one_line(relators):
    out = runner.invoke(app, ["ac", "solve", "--relators", relators])
    assert out.exit_code == 2 and out.output.startswith("error:") and out.output.count("\n") == 1


def test_miller_schupp_benchmark_has_the_papers_1190_presentations():
    from collections import Counter

    from weightspace.search.ac.families import miller_schupp_benchmark
    family = miller_schupp_benchmark(7, 7)
    assert len(family) == 1190                                  # Shehper et al. 2024
    assert set(Counter(n for n, _, _ in family).values()) == {170}
    for n, length, p in family[:50]:
        assert p.r1 == "X" + "y" * n + "x" + "Y" * (n + 1) and len(p.r2) == length + 1
        assert p.r2.count("X") - p.r2.count("x") == 1          # x^-1 w with w of x-exponent sum 0


def test_benchmark_resumes_from_its_checkpoint(tmp_path):
    from weightspace.search.ac.benchmark import paper_cap, run_benchmark
    from weightspace.search.ac.families import miller_schupp_benchmark
    family = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(1, 4)]
    path = tmp_path / "bench.json"
    first = run_benchmark(family, ["greedy", "bfs"], 500, "ms", str(path))
    stored = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(stored) == 2 * len(family)
    again = run_benchmark(family, ["greedy", "bfs"], 500, "ms", str(path))
    assert again.rows == first.rows and first.rows[0]["solved"] >= first.rows[1]["solved"]


def test_options_her_resumes_to_the_same_library(tmp_path):
    from weightspace.search.ac.benchmark import paper_cap, run_benchmark
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.options_her import Library
    family = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(3, 5)]
    log, whole, resumed = tmp_path / "log.jsonl", tmp_path / "a.json", tmp_path / "b.json"
    first = run_benchmark(family, ["options-her"], 1000, checkpoint=str(log), library=str(whole))
    lines = log.read_text().splitlines()
    log.write_text("\n".join(lines[:len(lines) // 2]) + "\n" + lines[len(lines) // 2][:10])   # cut mid-line
    again = run_benchmark(family, ["options-her"], 1000, checkpoint=str(log), library=str(resumed))
    assert again.rows[0]["solved"] == first.rows[0]["solved"] and again.rows[0]["nodes"] == first.rows[0]["nodes"]
    assert Library.load(str(whole)).goals == Library.load(str(resumed)).goals


def test_cli_benchmark():
    out = runner.invoke(app, ["ac", "benchmark", "--family", "ms", "--max-n", "1", "--max-length", "3",
                              "--max-nodes", "500", "--methods", "greedy,bfs,cyclic,options-her", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["total"] == 6 and [m["method"] for m in payload["methods"]] == ["greedy", "bfs", "cyclic",
                                                                                   "options-her"]
    assert payload["paper"] is None                  # the paper's counts belong to the full benchmark only
    for flags in (["--methods", "greedy,alphazero"], ["--count", "seen"], ["--moves", "some"], ["--cap", "3"]):
        out = runner.invoke(app, ["ac", "benchmark", "--max-n", "1", "--max-length", "2"] + flags)
        assert out.exit_code == 2 and out.output.startswith("error:"), flags


def test_ppo_baseline_solves_a_short_presentation_reproducibly():
    from weightspace.search.ac.ppo import ppo_solve
    start = Presentation("xy", "y")
    runs = [ppo_solve(start, 4000, seed=1) for _ in range(2)]
    assert runs[0].solved and runs[0].path == runs[1].path and runs[0].nodes_expanded == runs[1].nodes_expanded
    assert replay(start, list(runs[0].path)).is_trivial()
    out = runner.invoke(app, ["ac", "solve", "--relators", "xy,y", "--method", "ppo", "--max-nodes", "4000",
                              "--json"])
    assert out.exit_code == 0 and json.loads(out.output)["solved"]
    paper = ppo_solve(start, 4000, seed=1, moves=PAPER_MOVES)
    assert paper.solved and set(paper.path) <= set(PAPER_MOVES)
    assert ACEnv([start], moves=PAPER_MOVES).action_space.n == 12


# -- the cyclic search and options-her ------------------------------------------------------------------------

def test_least_rotation_and_class_key_are_rotation_and_inversion_invariant():
    from weightspace.search.ac.cyclic import class_key, least_rotation
    rng = random.Random(3)
    for _ in range(200):
        word = cyclic_reduce("".join(rng.choice("xXyY") for _ in range(rng.randint(1, 9)))) or "y"
        rotations = [word[i:] + word[:i] for i in range(len(word))]
        assert least_rotation(word) == min(rotations, default="")        # the obvious way: all rotations
        other = cyclic_reduce("".join(rng.choice("xXyY") for _ in range(5)))
        keys = {class_key(r, other[2:] + other[:2]) for r in rotations}
        assert keys == {class_key(word, other)}
        g = rng.choice("xXyY")                                            # conjugates share the class
        assert class_key(free_reduce(g + word + inverse(g)), other) == class_key(word, other)
        assert class_key(inverse(word), other) == class_key(word, inverse(other)) == class_key(word, other)


def test_every_option_unfolds_into_moves_that_reach_the_child_within_the_cap():
    from weightspace.search.ac.cyclic import _rotations, _unfold
    rng = random.Random(11)
    for _ in range(60):
        rep = tuple(cyclic_reduce("".join(rng.choice("xXyY") for _ in range(rng.randint(1, 7)))) or "x"
                    for _ in range(2))
        i, sign = rng.randint(0, 1), rng.choice((1, -1))
        p, q = rng.randrange(len(_rotations(rep[i]))), rng.randrange(len(_rotations(rep[1 - i])))
        u, v = _rotations(rep[i])[p], _rotations(rep[1 - i])[q]
        expected = cyclic_reduce(u + (v if sign > 0 else inverse(v)))
        state, longest = Presentation(*rep), 0
        for move in _unfold(rep, (i, p, q, sign)):
            state = state.apply(move)
            longest = max(longest, len(state.r1), len(state.r2))
        assert state.relators()[i] == expected and state.relators()[1 - i] == v
        assert longest == max(len(rep[0]), len(rep[1]), len(free_reduce(u + (v if sign > 0 else inverse(v)))))


def test_every_mined_option_unfolds_into_moves_that_reach_its_class_within_the_cap():
    from itertools import product
    from weightspace.search.ac.cyclic import _children, _unfold, class_key
    steps = [(swap, flip) for swap in (False, True) for flip in (False, True)]
    macros = [(s,) for s in steps] + list(product(steps, repeat=2))
    rng = random.Random(12)
    checked = 0
    for _ in range(12):
        rep = tuple(cyclic_reduce("".join(rng.choice("xXyY") for _ in range(rng.randint(1, 6)))) or "x"
                    for _ in range(2))
        cap = max(map(len, rep)) + rng.randint(0, 4)
        for option, child, key in _children(rep, cap, macros):
            if len(option) == 4:
                first = child                        # the option a mined option starts with comes just before it
                continue
            state, longest = Presentation(*rep), 0
            for move in _unfold(rep, option):
                state = state.apply(move)
                longest = max(longest, len(state.r1), len(state.r2))
            assert (state.r1, state.r2) == child and class_key(*child) == key and longest <= cap
            assert len(child[0]) + len(child[1]) < len(first[0]) + len(first[1])    # the way down a hill
            checked += 1
    assert checked > 100


def test_cyclic_search_agrees_with_greedy_search_on_the_easy_presentations():
    from weightspace.search.ac.benchmark import paper_cap
    from weightspace.search.ac.cyclic import cyclic_solve
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.moves import PAPER_MOVES
    family = [p for _, _, p in miller_schupp_benchmark(1, 5)]
    for p in family:                       # MS(1, w), |w| <= 5: both solve all, each path replays on its own
        a = solve(p, "greedy", 20_000, paper_cap(p), count="visited", moves=PAPER_MOVES)
        b = cyclic_solve(p, 20_000, paper_cap(p))
        assert a.solved and b.solved and replay(p, list(b.path)).is_trivial()
        assert all(m in PAPER_MOVES for m in b.path)                 # no inversion needed
    p = miller_schupp(3, "yxyyX")          # and beats it at equal budget where greedy sits on rotation plateaus
    assert cyclic_solve(p, 10_000, 20).solved and not solve(p, "greedy", 10_000, 20, count="visited",
                                                             moves=PAPER_MOVES).solved


def test_options_her_propagates_a_solution_to_an_earlier_failed_search():
    from weightspace.search.ac.cyclic import cyclic_solve
    from weightspace.search.ac.options_her import options_her
    hard = miller_schupp(3, "yxyyX")
    alone = cyclic_solve(hard, 3000, 20, keep=64)
    assert not alone.solved
    reached = (replay(hard, list(q)) for _, q in alone.achieved)
    easy = next(p for p in reached if cyclic_solve(p, 3000, 20).solved)   # reached by the failed search, and
    result = options_her([(hard, 20), (easy, 20)], 3000)                 # solvable on its own
    assert result.propagated == 1 and result.solved == 2
    assert replay(hard, list(result.results[0].path)).is_trivial()
    assert result.results[0].visited == alone.visited             # no search beyond its own budget


def test_options_her_solves_more_than_the_cyclic_search_at_equal_budget():
    from weightspace.search.ac.benchmark import paper_cap
    from weightspace.search.ac.cyclic import cyclic_solve
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.options_her import options_her
    items = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(3, 5)]
    alone = [cyclic_solve(p, 1000, cap) for p, cap in items]
    learned = options_her(items, 1000)
    assert all(b.solved for a, b in zip(alone, learned.results) if a.solved)
    assert learned.solved > sum(a.solved for a in alone) and max(r.visited for r in learned.results) <= 1000
    for (p, _), r in zip(items, learned.results):
        assert not r.solved or replay(p, list(r.path)).is_trivial()


def test_mined_options_solve_more_at_equal_budget():
    from weightspace.search.ac.benchmark import paper_cap
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.options_her import options_her
    items = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(3, 5)]
    plain, mined = options_her(items, 3000), options_her(items, 3000, mine=4)
    assert mined.solved > plain.solved and max(r.visited for r in mined.results) <= 3000
    assert len(mined.library.macros) == 4 and not plain.library.macros
    for (p, _), r in zip(items, mined.results):
        assert not r.solved or replay(p, list(r.path)).is_trivial()


def test_library_round_trip_and_a_tampered_library_is_refused(tmp_path):
    from weightspace.search.ac.options_her import Library
    library = Library()
    library.add_solution(akbulut_kirby(2), list(solve(akbulut_kirby(2)).path))
    path = tmp_path / "lib.json"
    library.macros = (((False, False),), ((True, False), (False, True)))
    library.save(str(path))
    assert Library.load(str(path)).goals == library.goals and Library.load(str(path)).macros == library.macros
    data = json.loads(path.read_text())
    key = next(iter(data["goals"]))
    data["goals"][key][1] = data["goals"][key][1][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(InvalidInput, match="does not replay"):
        Library.load(str(path))
    path.write_text("[1, 2]")
    with pytest.raises(InvalidInput, match="not a library"):
        Library.load(str(path))


def test_cli_options_her_with_a_learned_library(tmp_path):
    library = tmp_path / "lib.json"
    out = runner.invoke(app, ["ac", "benchmark", "--max-n", "3", "--max-length", "5", "--methods", "options-her",
                              "--max-nodes", "1000", "--library", str(library), "--json"])
    assert out.exit_code == 0, out.output
    start = ["--relators", "XyyxYYY,XyxyXY", "--max-nodes", "1000", "--json"]     # MS(2, yxyXY) of the family
    out = runner.invoke(app, ["ac", "solve", "--method", "cyclic"] + start)
    assert out.exit_code == 0 and not json.loads(out.output)["solved"]          # alone: not within 1000 classes
    out = runner.invoke(app, ["ac", "solve", "--method", "options-her", "--library", str(library)] + start)
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["method"] == "options-her" and payload["solved"]
    assert replay(Presentation("XyyxYYY", "XyxyXY"), payload["path"]).is_trivial()
    out = runner.invoke(app, ["ac", "solve", "--relators", "xy,y", "--library", str(library)])
    assert out.exit_code == 2 and out.output.startswith("error:")


def test_junction_reduction_equals_free_and_cyclic_reduction():
    from weightspace.search.ac.cyclic import _concatenate, _cyclically_reduced
    rng = random.Random(5)
    for _ in range(2000):
        u, w = (free_reduce("".join(rng.choice("xXyY") for _ in range(rng.randint(0, 9)))) for _ in range(2))
        assert _concatenate(u, w) == free_reduce(u + w)
        assert _cyclically_reduced(_concatenate(u, w)) == cyclic_reduce(u + w)


def test_benchmark_rows_state_their_units_and_settings():
    """Issue 32: every row names its budget unit, nodes, elementary moves, seconds and moves; options-her says
    whether it shares goals, and without sharing its search is the cyclic search (same solved count)."""
    from weightspace.search.ac.benchmark import PAPER_COUNTS, paper_cap, run_benchmark
    from weightspace.search.ac.families import miller_schupp_benchmark
    items = [(p, paper_cap(p, 4)) for _, _, p in miller_schupp_benchmark(2, 4)]
    result = run_benchmark(items, ["greedy", "cyclic", "options-her"], 3000, share_goals=False)
    rows = {r["method"]: r for r in result.rows}
    for row in rows.values():
        assert {"budget_unit", "nodes", "elementary_moves", "seconds", "moves"} <= set(row)
        assert row["elementary_moves"] >= row["solved"] - 1       # a solved path has moves (unless already trivial)
    assert rows["greedy"]["budget_unit"] == "presentations visited" and rows["greedy"]["moves"] == "paper's 12"
    assert rows["options-her"]["shares_goals"] is False and rows["options-her"]["propagated"] == 0
    assert rows["options-her"]["solved"] == rows["cyclic"]["solved"]
    shared = {r["method"]: r for r in run_benchmark(items, ["options-her"], 3000).rows}
    assert shared["options-her"]["shares_goals"] is True and shared["options-her"]["solved"] >= rows["cyclic"]["solved"]
    assert PAPER_COUNTS["ppo"]["unit"] == "environment steps" and "budget" not in PAPER_COUNTS["ppo"]
    assert PAPER_COUNTS["greedy"] == {"solved": 533, "budget": 1_000_000, "unit": "presentations"}


def test_match_time_gives_every_method_greedys_time():
    from weightspace.search.ac.benchmark import paper_cap, run_benchmark
    from weightspace.search.ac.families import miller_schupp_benchmark
    items = [(p, paper_cap(p, 3)) for _, _, p in miller_schupp_benchmark(1, 3)]
    rows = run_benchmark(items, ["cyclic", "greedy"], 2000, match_time=True).rows
    assert [r["method"] for r in rows] == ["greedy", "cyclic"]             # greedy first: it sets the budgets
    assert rows[0]["budget_unit"] == "presentations visited" and "wall seconds" in rows[1]["budget_unit"]
    with pytest.raises(InvalidInput):
        run_benchmark(items, ["cyclic"], 2000, match_time=True)


def test_ac_solve_moves_paper():
    out = runner.invoke(app, ["ac", "solve", "--relators", "ak:2", "--moves", "paper", "--max-nodes", "20000",
                              "--json"])
    payload = json.loads(out.stdout)
    assert payload["solved"] and not any("^-1" in m and m.startswith("r") and "*" not in m for m in payload["path"])
    for method in ("cyclic", "options-her"):
        out = runner.invoke(app, ["ac", "solve", "--relators", "ms:3:yxyyX", "--moves", "paper", "--method", method,
                                  "--max-nodes", "10000", "--max-length", "20", "--json"])
        payload = json.loads(out.stdout)
        assert payload["solved"] and set(payload["path"]) <= set(PAPER_MOVES)
        final = replay(Presentation("XyyyxYYYY", "xxYYXY"), payload["path"])
        assert final.is_trivial()


def test_paper_moves_classes_are_up_to_rotation_only():
    """Under the paper's moves a relator and its inverse are different classes, and every path of cyclic,
    options-her (goals and propagated paths included) and PPO stays in the twelve moves."""
    from weightspace.search.ac.cyclic import canonical_relator, class_key, cyclic_solve
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.options_her import Library, options_her
    assert canonical_relator("xxy") == canonical_relator("XYX") and canonical_relator("xxy", False) != \
        canonical_relator("XYX", False)
    assert class_key("yxx", "xy", False) == class_key("xyx", "yx", False)
    items = [(p, 14) for _, _, p in miller_schupp_benchmark(2, 3)]
    learned = options_her(items, 1500, moves=PAPER_MOVES, mine=2)
    assert learned.solved >= 10 and not learned.library.inversion
    for (start, _), result in zip(items, learned.results):
        assert set(result.path) <= set(PAPER_MOVES)
        if result.solved:
            assert replay(start, result.path).is_trivial()
    for key, (rep, path) in learned.library.goals.items():
        assert set(path) <= set(PAPER_MOVES) and class_key(*rep, invert=False) == key
    with pytest.raises(InvalidInput):                       # a paper library with the 14 moves: refused
        options_her(items, 100, library=learned.library)
    with pytest.raises(InvalidInput):
        cyclic_solve(items[0][0], 100, moves=PAPER_MOVES[:4])
    with pytest.raises(CertificationError):
        Library(inversion=False).add_solution(Presentation("X", "y"), ["r1^-1"])


def test_paper_library_round_trip_and_cli_mismatch(tmp_path):
    from weightspace.search.ac.families import miller_schupp_benchmark
    from weightspace.search.ac.options_her import Library, options_her
    items = [(p, 14) for _, _, p in miller_schupp_benchmark(1, 3)]
    learned = options_her(items, 1000, moves=PAPER_MOVES)
    path = tmp_path / "paper.json"
    learned.library.save(str(path))
    loaded = Library.load(str(path))
    assert not loaded.inversion and loaded.goals == learned.library.goals
    out = runner.invoke(app, ["ac", "solve", "--relators", "ak:2", "--method", "options-her", "--library", str(path),
                              "--json"])                      # the library's own move set by default
    assert out.exit_code == 0 and set(json.loads(out.stdout)["path"]) <= set(PAPER_MOVES)
    out = runner.invoke(app, ["ac", "solve", "--relators", "ak:2", "--method", "options-her", "--library", str(path),
                              "--moves", "all"])
    assert out.exit_code == 2 and "--moves paper" in out.stderr and len(out.stderr.strip().splitlines()) == 1
