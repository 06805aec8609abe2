"""Command-line interface: a thin typer layer over the library. Every command has ``--json``.

Errors from the library (:class:`~weightspace.errors.WeightspaceError`) become one line on stderr and exit code 2.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Optional

import typer

from . import __version__, library
from .errors import InvalidInput, WeightspaceError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Exact geometry of neural-network parameter spaces.")
count_app = typer.Typer(no_args_is_help=True, help="Count realisable functions (chambers).")
realize_app = typer.Typer(no_args_is_help=True, help="Realise a function: exact witness or certificate.")
charpoly_app = typer.Typer(no_args_is_help=True, help="Characteristic polynomial and Zaslavsky counts.")
faces_app = typer.Typer(no_args_is_help=True, help="Faces, f-vector and face poset.")
chambers_app = typer.Typer(no_args_is_help=True, help="List chambers with interior points and facets.")
app.add_typer(count_app, name="count")
app.add_typer(realize_app, name="realize")
app.add_typer(charpoly_app, name="charpoly")
app.add_typer(faces_app, name="faces")
app.add_typer(chambers_app, name="chambers")

JSON = typer.Option(False, "--json", help="Print one JSON object on stdout (no progress bar).")
INPUTS = typer.Option(None, "--inputs", "-n", help="Number of inputs n (cube domains).")
DOMAIN = typer.Option("cube01", "--domain", help="cube01, cubepm1 or points:FILE (CSV of rationals).")
NODES = typer.Option(..., "--nodes", help="Number of nodes n.")
WEIGHTS = typer.Option("free", "--weights", help="free, symmetric, zero-diagonal or symmetric-zero-diagonal.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def command(function: Callable) -> Callable:
    """Turn library errors into one line on stderr; never show a traceback."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except WeightspaceError as error:
            _fail(str(error))
        except KeyboardInterrupt:
            _fail("interrupted")
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as error:  # pragma: no cover - a bug; still one line
            _fail(f"internal error ({type(error).__name__}): {error}")
    return wrapper


@contextmanager
def _progress(enabled: bool, description: str):
    """A rich progress bar on a terminal; a no-op callback under --json or when stderr is not a TTY."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)
        yield update


def _emit(as_json: bool, payload: dict[str, Any], lines: list[str]) -> None:
    if as_json:
        typer.echo(json.dumps(payload))
    else:
        for line in lines:
            typer.echo(line)


def _domain(spec: str, n: Optional[int]):
    from .domain import parse_domain
    if n is not None and n < 0:
        raise InvalidInput("--inputs must be non-negative")
    return parse_domain(spec, n)


# ------------------------------------------------------------------------------------------------ count
@count_app.command("threshold")
@command
def count_threshold_command(inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                            method: str = typer.Option("auto", help="auto (= enumeration), enumeration, charpoly "
                                                                    "or lp (brute force, n <= 4)."),
                            as_json: bool = JSON) -> None:
    """Number of threshold functions on the domain (chambers of the threshold arrangement)."""
    from .count import count_threshold
    points = _domain(domain, inputs)
    with _progress(not as_json, "chambers") as progress:
        result = count_threshold(points, method, progress)
    payload = {"chambers": result.count, "method": result.method, "seconds": round(result.seconds, 4),
               "inputs": points.dimension, "domain": points.name, "points": len(points)}
    _emit(as_json, payload, [f"{result.count} threshold functions on {points.name} (n = {points.dimension}), "
                             f"by {result.method} in {result.seconds:.2f} s"])


@count_app.command("hopfield")
@command
def count_hopfield_command(nodes: int = NODES, weights: str = WEIGHTS,
                           method: str = typer.Option("auto", help="auto, enumeration or charpoly."),
                           as_json: bool = JSON) -> None:
    """Number of maps {0,1}^n -> {0,1}^n realised by one synchronous Hopfield step."""
    from .count import count_hopfield
    with _progress(not as_json, "chambers") as progress:
        result = count_hopfield(nodes, weights, method, progress)
    total = (2 ** nodes) ** (2 ** nodes)
    payload = {"maps": result.count, "total_maps": total, "nodes": nodes, "weights": weights,
               "method": result.method, "seconds": round(result.seconds, 4), **result.details}
    _emit(as_json, payload, [f"{result.count} of {total} maps are realisable by a {nodes}-node Hopfield step "
                             f"({weights} weights), by {result.method} in {result.seconds:.2f} s"])


# ------------------------------------------------------------------------------------------------ realize
@realize_app.command("threshold")
@command
def realize_threshold_command(table: str = typer.Option(..., "--table", help="Truth table in code order, "
                                                                               "e.g. 0110."),
                              inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                              minimal: bool = typer.Option(False, "--minimal", help="Also find minimal integer "
                                                                                    "weights (n <= 6)."),
                              as_json: bool = JSON) -> None:
    """Is the truth table a threshold function? Exact witness (w, b) or certificate of impossibility."""
    from .arch.threshold import minimal_weights, realize_threshold, verify_threshold
    if inputs is None and domain in ("cube01", "cubepm1"):
        bits = len(table.strip()).bit_length() - 1
        if 2 ** bits != len(table.strip()):
            raise InvalidInput(f"truth table has {len(table.strip())} entries, which is not a power of two")
        inputs = bits
    points = _domain(domain, inputs)
    result = realize_threshold(table, points)
    if not verify_threshold(result):  # pragma: no cover - realize_threshold verifies already
        raise WeightspaceError("exact re-verification failed")
    payload = result.to_dict()
    payload["verified"] = True
    lines = []
    if result.realizable:
        lines.append(f"realisable: H(w.x + b) with w = {list(result.w)}, b = {result.b} (checked exactly)")
    else:
        cert = result.certificate_dict()
        lines.append("not realisable: certificate " + " ".join(map(str, cert["multipliers"])) +
                     f" (both sides sum to {cert['combination']}; checked exactly)")
    if minimal and result.realizable:
        best = minimal_weights(result.table, domain=points)
        payload["minimal"] = best.to_dict()
        lines.append(f"minimal integer weights: w = {list(best.w)}, b = {best.b}, |w|+|b| = {best.total}")
    _emit(as_json, payload, lines)


@realize_app.command("hopfield")
@command
def realize_hopfield_command(nodes: int = NODES,
                             mapping: str = typer.Option(..., "--map", help="Output codes in input-code order, "
                                                                             "e.g. 1,0,0,2."),
                             weights: str = WEIGHTS, as_json: bool = JSON) -> None:
    """Is the map realised by one synchronous Hopfield step? Exact witness (W, theta) or certificate."""
    network = library.hopfield(nodes, weights)
    result = network.realize(mapping)
    if not network.verify(result):  # pragma: no cover
        raise WeightspaceError("exact re-verification failed")
    payload = result.to_dict()
    payload["verified"] = True
    if result.realizable:
        lines = [f"realisable: W = {[list(r) for r in result.W]}, theta = {list(result.theta)} (simulated exactly)"]
    else:
        terms = ", ".join(f"{y}*[unit {i + 1}, input {x}]" for i, x, y in result.multipliers)
        lines = [f"not realisable ({weights} weights): certificate {terms}"]
    _emit(as_json, payload, lines)


# ------------------------------------------------------------------------------------------------ charpoly
def _charpoly_report(A, as_json: bool, name: str, extra: dict[str, Any]) -> None:
    from .arrangement import characteristic_polynomial, check_size, region_counts
    check_size(A, "the intersection lattice")
    start = time.perf_counter()
    with _progress(not as_json, "flats") as progress:
        chi = characteristic_polynomial(A, progress=(lambda k: progress(k, 0)) if progress else None)
    counts = region_counts(A, chi)
    seconds = time.perf_counter() - start
    payload = {"coefficients": list(chi.coefficients), "chambers": counts.chambers,
               "bounded_chambers": counts.bounded_chambers, "polynomial": str(chi), "dimension": A.dimension,
               "hyperplanes": len(A), "rank": A.rank, "seconds": round(seconds, 4), **extra}
    _emit(as_json, payload, [f"chi(t) = {chi}", f"{counts.chambers} chambers, {counts.bounded_chambers} bounded "
                             f"({name}; {len(A)} hyperplanes in dimension {A.dimension}; {seconds:.2f} s)"])


@charpoly_app.command("threshold")
@command
def charpoly_threshold(inputs: Optional[int] = INPUTS, domain: str = DOMAIN, as_json: bool = JSON) -> None:
    """Characteristic polynomial of the threshold arrangement on a domain."""
    points = _domain(domain, inputs)
    _charpoly_report(library.threshold(domain=points), as_json, f"threshold arrangement on {points.name}",
                     {"inputs": points.dimension, "domain": points.name})


@charpoly_app.command("resonance")
@command
def charpoly_resonance(inputs: int = typer.Option(..., "--inputs", "-n"), as_json: bool = JSON) -> None:
    """Characteristic polynomial of the resonance arrangement (all nonzero 0/1 normals in R^n)."""
    _charpoly_report(library.resonance(inputs), as_json, "resonance arrangement", {"inputs": inputs})


@charpoly_app.command("hopfield")
@command
def charpoly_hopfield(nodes: int = NODES, weights: str = WEIGHTS, as_json: bool = JSON) -> None:
    """Characteristic polynomial of the one-step Hopfield arrangement in the constrained parameter space."""
    _charpoly_report(library.hopfield(nodes, weights).arrangement(), as_json, f"Hopfield, {weights} weights",
                     {"nodes": nodes, "weights": weights})


# ------------------------------------------------------------------------------------------------ faces
@faces_app.command("threshold")
@command
def faces_threshold(inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                    graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the face poset's Hasse "
                                                                                  "diagram to this GraphML file."),
                    as_json: bool = JSON) -> None:
    """Faces of the threshold arrangement: f-vector (index = dimension) and face poset."""
    from .arrangement import check_size, faces
    points = _domain(domain, inputs)
    A = library.threshold(domain=points)
    check_size(A, "face enumeration", limit=500_000)
    start = time.perf_counter()
    with _progress(not as_json, "flats") as progress:
        enumeration = faces(A, progress=progress)
    f = enumeration.f_vector()
    euler = sum((-1) ** k * x for k, x in enumerate(f))
    payload = {"f_vector": f, "faces": sum(f), "euler_characteristic": euler, "inputs": points.dimension,
               "domain": points.name, "seconds": round(time.perf_counter() - start, 4)}
    if graphml:
        poset = enumeration.face_poset()
        poset.write_graphml(graphml)
        payload["graphml"] = graphml
        payload["covers"] = len(poset.covers)
    _emit(as_json, payload, [f"f-vector (dimension 0..{A.dimension}): {f}",
                             f"sum (-1)^k f_k = {euler} (Euler relation: (-1)^{A.dimension})"])


# ------------------------------------------------------------------------------------------------ chambers
@chambers_app.command("threshold")
@command
def chambers_threshold(inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                       graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the chamber adjacency "
                                                                                     "graph to this GraphML file."),
                       as_json: bool = JSON) -> None:
    """Every chamber (threshold function) with an exact integer point (w, b) and its facet hyperplanes."""
    from .arrangement import chamber_complex, check_size
    import networkx as nx
    points = _domain(domain, inputs)
    A = library.threshold(domain=points)
    check_size(A, "chamber listing", limit=200_000)
    complex_ = chamber_complex(A)
    rows = []
    for k in range(len(complex_)):
        chamber = complex_.chamber(k)
        rows.append({"table": "".join("1" if s > 0 else "0" for s in chamber.signs),
                     "w": [int(x) for x in chamber.witness[:-1]], "b": int(chamber.witness[-1]),
                     "facets": complex_.facets(k)})
    payload = {"chambers": len(rows), "list": rows}
    if graphml:
        nx.write_graphml(complex_.adjacency_graph(), graphml)
        payload["graphml"] = graphml
    _emit(as_json, payload, [f"{r['table']}  w={r['w']} b={r['b']}  facets at inputs {r['facets']}" for r in rows]
          + [f"{len(rows)} chambers"])


# ------------------------------------------------------------------------------------------------ demo
@app.command("demo")
@command
def demo(as_json: bool = JSON) -> None:
    """The two-node Hopfield example of the source documents, computed afresh (Example 4, Corollary 1.1)."""
    from itertools import product
    network = library.hopfield(2)
    results = [network.realize(m) for m in product(range(4), repeat=4)]
    assert all(network.verify(r) for r in results)
    realizable = [r for r in results if r.realizable]
    xor_unit = [r for r in results if not r.realizable]
    from .count import count_threshold
    from .domain import cube01
    g2 = count_threshold(cube01(2)).count
    example = network.realize("1,0,0,2")
    impossible = network.realize("0,1,1,0")
    payload = {"threshold_functions_2_inputs": g2, "maps": len(results), "realizable": len(realizable),
               "certified_impossible": len(xor_unit), "example_witness": example.to_dict()["witness"],
               "xor_certificate": impossible.to_dict()["certificate"]}
    lines = [
        "weightspace demo: a 2-node Hopfield network x -> H(W x + theta) on {0,1}^2",
        f"  threshold functions of 2 inputs: g(2) = {g2} (chambers of 4 planes in R^3)",
        f"  maps {{0,1}}^2 -> {{0,1}}^2: {len(results)}; realisable: {len(realizable)} = {g2}^2; "
        f"certified impossible: {len(xor_unit)}",
        f"  map 1,0,0,2 is realised by W = {[list(r) for r in example.W]}, theta = {list(example.theta)}",
        "  map 0,1,1,0 (unit 1 computes XOR) is impossible: "
        + ", ".join(f"{y}*[unit {i + 1}, input {x}]" for i, x, y in impossible.multipliers)
        + " sums to zero for every (W, theta)",
    ]
    _emit(as_json, payload, lines)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """Entry point of the ``weightspace`` command."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        typer.echo("error: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
