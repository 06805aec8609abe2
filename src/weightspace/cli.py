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
                            method: str = typer.Option("auto", help="auto (classes on cube01, else enumeration), "
                                                                    "classes, enumeration, charpoly or lp "
                                                                    "(brute force, n <= 4)."),
                            executor: str = typer.Option("local", help="local processes, or dask."),
                            scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address "
                                                                               "(default: a local cluster)."),
                            workers: Optional[int] = typer.Option(None, help="Worker processes (default: cores)."),
                            checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint to and "
                                                                                "resume from."),
                            as_json: bool = JSON) -> None:
    """Number of threshold functions on the domain (chambers of the threshold arrangement)."""
    from .count import count_threshold
    points = _domain(domain, inputs)
    options = {}
    if method in ("auto", "classes") and points.name == "cube01":
        options = {"executor": executor, "scheduler": scheduler, "workers": workers, "checkpoint": checkpoint}
        if points.dimension <= 6 and workers is None and executor == "local":
            options["workers"] = 1  # process start-up costs more than the work
    with _progress(not as_json, "layers" if options else "chambers") as progress:
        result = count_threshold(points, method, progress, **options)
    payload = {"chambers": result.count, "method": result.method, "seconds": round(result.seconds, 4),
               "inputs": points.dimension, "domain": points.name, "points": len(points), **result.details}
    lines = [f"{result.count} threshold functions on {points.name} (n = {points.dimension}), "
             f"by {result.method} in {result.seconds:.2f} s"]
    if "classes" in result.details:
        lines.append(f"classes under permuting and negating inputs: {result.details['classes']['np']} (NP), "
                     f"{result.details['classes']['npn']} (NPN, also negating the output)")
    _emit(as_json, payload, lines)


STEPS = typer.Option(1, "--steps", "-k", help="Number of synchronous steps, or of asynchronous sweeps.")
UPDATE = typer.Option("sync", "--update", help="sync, or async (sweeps; see --order).")
ORDER = typer.Option(None, "--order", help="Unit order of an asynchronous sweep, e.g. 2,1,3 (default: any order).")


@count_app.command("hopfield")
@command
def count_hopfield_command(nodes: int = NODES, weights: str = WEIGHTS, steps: int = STEPS, update: str = UPDATE,
                           order: Optional[str] = ORDER,
                           method: str = typer.Option("auto", help="auto, enumeration or charpoly (one sync step)."),
                           as_json: bool = JSON) -> None:
    """Number of maps {0,1}^n -> {0,1}^n realised by k synchronous steps or asynchronous sweeps."""
    total = (2 ** nodes) ** (2 ** nodes)
    if steps == 1 and update == "sync" and not order:
        from .count import count_hopfield
        with _progress(not as_json, "chambers") as progress:
            result = count_hopfield(nodes, weights, method, progress)
        payload = {"maps": result.count, "total_maps": total, "nodes": nodes, "weights": weights, "steps": 1,
                   "update": "sync", "method": result.method, "seconds": round(result.seconds, 4), **result.details}
    else:
        from .arch.recurrent import count_dynamics
        with _progress(not as_json, "composing blocks of one-step chambers") as progress:
            payload = count_dynamics(nodes, steps, update, order, weights, progress=progress).to_dict()
    scheme = f"{steps} synchronous step(s)" if update == "sync" else \
        f"{steps} asynchronous sweep(s) in order {payload.get('order') or 'any'}"
    _emit(as_json, payload, [f"{payload['maps']} of {total} maps are realisable by a {nodes}-node network, "
                             f"{scheme}, {weights} weights ({payload['method']}, {payload['seconds']:.2f} s)"])


estimate_app = typer.Typer(no_args_is_help=True, help="Unbiased estimates where exact enumeration is out of reach.")
app.add_typer(estimate_app, name="estimate")


@estimate_app.command("hopfield")
@command
def estimate_hopfield_command(nodes: int = NODES,
                              weights: str = typer.Option("free", "--weights", help="free or zero-diagonal."),
                              steps: int = typer.Option(2, "--steps", "-k", help="Synchronous steps (only 2)."),
                              samples: int = typer.Option(10_000, "--samples", help="Uniform one-step maps drawn."),
                              seed: int = typer.Option(0, "--seed"),
                              executor: str = typer.Option("local", help="local processes, or dask."),
                              scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address."),
                              workers: Optional[int] = typer.Option(None, help="Worker processes (default: cores)."),
                              checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint to and "
                                                                                  "resume from."),
                              as_json: bool = JSON) -> None:
    """Estimate the number of two-step maps: sum over one-step maps F of 1/#(square roots of F o F), sampled.

    Each sample's square roots are counted exactly; the result is an estimate with a standard error, not a count.
    """
    from .arch.roots import estimate_two_step_maps
    if steps != 2:
        raise InvalidInput("the estimate covers two synchronous steps (--steps 2); use `count hopfield` otherwise")
    with _progress(not as_json, "chunks of samples") as progress:
        result = estimate_two_step_maps(nodes, weights, samples, seed, workers, executor, scheduler, checkpoint,
                                        progress)
    payload = result.to_dict()
    low, high = payload["ci95"]
    _emit(as_json, payload, [
        f"about {result.estimate:.6g} two-step maps (standard error {result.standard_error:.3g}, 95% interval "
        f"{low:.6g} .. {high:.6g}) for {nodes} nodes, {weights} weights",
        f"from {result.samples} uniform one-step maps out of {result.one_step_maps}; square roots counted exactly "
        f"({result.seconds:.1f} s). This is an estimate, not an exact count."])


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
                             weights: str = WEIGHTS, steps: int = STEPS, update: str = UPDATE,
                             order: Optional[str] = ORDER, as_json: bool = JSON) -> None:
    """Is the map realised by the network (k steps / sweeps)? Exact witness (W, theta) or proof of impossibility."""
    if steps == 1 and update == "sync" and not order:
        network = library.hopfield(nodes, weights)
        result = network.realize(mapping)
        if not network.verify(result):  # pragma: no cover
            raise WeightspaceError("exact re-verification failed")
        payload = result.to_dict()
        payload["verified"] = True
        if result.realizable:
            lines = [f"realisable: W = {[list(r) for r in result.W]}, theta = {list(result.theta)} "
                     "(simulated exactly)"]
        else:
            terms = ", ".join(f"{y}*[unit {i + 1}, input {x}]" for i, x, y in result.multipliers)
            lines = [f"not realisable ({weights} weights): certificate {terms}"]
        _emit(as_json, payload, lines)
        return
    from .arch.recurrent import realize_dynamics
    with _progress(not as_json, "one-step chambers") as progress:
        result = realize_dynamics(nodes, mapping, steps, update, order, weights, progress=progress)
    payload = result.to_dict()
    if result.realizable:
        lines = [f"realisable: W = {[list(r) for r in result.W]}, theta = {list(result.theta)}"
                 + (f", order {[u + 1 for u in result.witness_order]}" if result.witness_order else "")
                 + " (simulated exactly)"]
    elif result.method == "square-root-search":
        lines = [f"not realisable: an exhaustive search finds no one-step map F (of {result.chambers_checked}) "
                 "with F o F equal to this map"]
    else:
        lines = [f"not realisable: none of the {result.chambers_checked} one-step chambers composes to this map"]
    _emit(as_json, payload, lines)


# ------------------------------------------------------------------------------------------------ charpoly
def _charpoly_report(A, as_json: bool, name: str, extra: dict[str, Any], group=None) -> None:
    from .arrangement import characteristic_polynomial, check_size, region_counts
    start = time.perf_counter()
    if group is not None:
        from .arrangement.symmetric import symmetric_characteristic_polynomial
        with _progress(not as_json, "flat orbits") as progress:
            chi, stats = symmetric_characteristic_polynomial(A, group(),
                                                             (lambda k, _: progress(k, 0)) if progress else None)
        extra = {**extra, "method": "symmetric-flats", "orbits": stats["orbits"], "flats": stats["flats"],
                 "group_order": stats["group_order"]}
    else:
        check_size(A, "the intersection lattice")
        with _progress(not as_json, "flats") as progress:
            chi = characteristic_polynomial(A, progress=(lambda k: progress(k, 0)) if progress else None)
        extra = {**extra, "method": "intersection-lattice"}
    counts = region_counts(A, chi)
    seconds = time.perf_counter() - start
    payload = {"coefficients": list(chi.coefficients), "chambers": counts.chambers,
               "bounded_chambers": counts.bounded_chambers, "betti_numbers": [abs(c) for c in chi.coefficients],
               "polynomial": str(chi), "dimension": A.dimension, "hyperplanes": len(A),
               "distinct_hyperplanes": -chi.coefficients[1] if len(chi.coefficients) > 1 else 0, "rank": A.rank,
               "seconds": round(seconds, 4), **extra}
    distinct = "" if payload["distinct_hyperplanes"] == len(A) else f" ({payload['distinct_hyperplanes']} distinct)"
    _emit(as_json, payload, [f"chi(t) = {chi}", f"{counts.chambers} chambers, {counts.bounded_chambers} bounded "
                             f"({name}; {len(A)} hyperplanes{distinct} in dimension {A.dimension}; "
                             f"{extra['method']}; {seconds:.2f} s)"])


MAX_SYMMETRIC = 7


@charpoly_app.command("threshold")
@command
def charpoly_threshold(inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                       method: str = typer.Option("auto", help="auto (symmetric on the cubes), symmetric or "
                                                               "lattice."),
                       as_json: bool = JSON) -> None:
    """Characteristic polynomial of the threshold arrangement on a domain."""
    from .errors import TooLarge
    points = _domain(domain, inputs)
    if method not in ("auto", "symmetric", "lattice"):
        raise InvalidInput(f"unknown method {method!r}: use auto, symmetric or lattice")
    cube = points.name in ("cube01", "cubepm1")
    if method == "symmetric" and not cube:
        raise InvalidInput("the symmetric method uses the symmetries of the cube (--domain cube01 or cubepm1)")
    group = None
    if cube and method in ("auto", "symmetric"):
        if points.dimension > MAX_SYMMETRIC:
            raise TooLarge(f"the symmetric characteristic polynomial is supported up to n = {MAX_SYMMETRIC}",
                           f"{2 ** points.dimension} hyperplanes, a group of order "
                           f"{2 ** points.dimension * __import__('math').factorial(points.dimension)}")
        from .arrangement.symmetric import CubeSymmetry
        group = lambda: CubeSymmetry(points.dimension)  # noqa: E731
    _charpoly_report(library.threshold(domain=points), as_json, f"threshold arrangement on {points.name}",
                     {"inputs": points.dimension, "domain": points.name}, group)


@charpoly_app.command("resonance")
@command
def charpoly_resonance(inputs: int = typer.Option(..., "--inputs", "-n"),
                       method: str = typer.Option("auto", help="auto (= symmetric) or lattice."),
                       as_json: bool = JSON) -> None:
    """Characteristic polynomial and Betti numbers of the resonance arrangement (all nonzero 0/1 normals)."""
    from .errors import TooLarge
    if inputs < 1:
        raise InvalidInput("--inputs must be at least 1")
    if method not in ("auto", "symmetric", "lattice"):
        raise InvalidInput(f"unknown method {method!r}: use auto, symmetric or lattice")
    group = None
    if method != "lattice":
        if inputs > MAX_SYMMETRIC:
            raise TooLarge(f"the resonance arrangement is supported up to n = {MAX_SYMMETRIC}",
                           f"{2 ** inputs - 1} hyperplanes")
        from .arrangement.symmetric import resonance_group
        group = lambda: resonance_group(inputs)  # noqa: E731
    _charpoly_report(library.resonance(inputs), as_json, "resonance arrangement", {"inputs": inputs}, group)


@charpoly_app.command("hopfield")
@command
def charpoly_hopfield(nodes: int = NODES, weights: str = WEIGHTS, as_json: bool = JSON) -> None:
    """Characteristic polynomial of the one-step Hopfield arrangement in the constrained parameter space."""
    from .arrangement.symmetric import hopfield_group
    network = library.hopfield(nodes, weights)
    _charpoly_report(network.arrangement(), as_json, f"Hopfield, {weights} weights",
                     {"nodes": nodes, "weights": weights}, lambda: hopfield_group(network))


def _threshold_arrangement(domain: str, inputs: Optional[int], what: str, limit: int):
    """The domain and its threshold arrangement, refusing sizes beyond ``limit`` chambers (one line on stderr)."""
    from .arrangement import check_size
    points = _domain(domain, inputs)
    A = library.threshold(domain=points)
    check_size(A, what, limit=limit)
    return points, A


# ------------------------------------------------------------------------------------------------ faces
@faces_app.command("threshold")
@command
def faces_threshold(inputs: Optional[int] = INPUTS, domain: str = DOMAIN,
                    graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the face poset's Hasse "
                                                                                  "diagram to this GraphML file."),
                    as_json: bool = JSON) -> None:
    """Faces of the threshold arrangement: f-vector (index = dimension) and face poset."""
    from .arrangement import faces
    points, A = _threshold_arrangement(domain, inputs, "face enumeration", 500_000)
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
    from .arrangement import chamber_complex
    import networkx as nx
    points, A = _threshold_arrangement(domain, inputs, "chamber listing", 200_000)
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


# ------------------------------------------------------------------------------------------------ recurrent
structure_app = typer.Typer(no_args_is_help=True, help="Shape of Par_f for recurrent schemes (cells of chambers).")
table_app = typer.Typer(no_args_is_help=True, help="Expressivity tables.")
app.add_typer(structure_app, name="structure")
app.add_typer(table_app, name="table")


@structure_app.command("hopfield")
@command
def structure_hopfield(nodes: int = NODES, weights: str = WEIGHTS, steps: int = STEPS, update: str = UPDATE,
                       order: Optional[str] = ORDER,
                       csv_path: Optional[str] = typer.Option(None, "--csv", help="Write one row per map to this "
                                                                                   "CSV file."),
                       graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the coarsened face "
                                                                                     "poset (closure relation)."),
                       rows: bool = typer.Option(False, "--rows", help="Include every row in --json output."),
                       as_json: bool = JSON) -> None:
    """For every realised map f: one-step chambers in Par_f^k, facet-connectivity, exact convexity."""
    from .arch.cells import cell_structure, coarsened_poset
    from .arch.recurrent import one_step_chambers
    chambers = one_step_chambers(nodes, weights)
    structure = cell_structure(chambers, steps, update, order)
    payload = structure.summary()
    if csv_path:
        import csv
        with open(csv_path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["map", "chambers", "components", "connected", "convex"])
            for row in structure.rows:
                writer.writerow([",".join(map(str, row.mapping)), row.chambers, row.components,
                                 row.components == 1, row.convex])
        payload["csv"] = csv_path
    if graphml:
        poset = coarsened_poset(chambers, steps, update, order)
        poset.write_graphml(graphml)
        payload["graphml"] = graphml
        payload["closure_relation_is_partial_order"] = bool(poset.labels[0]["acyclic"]) if len(poset) else True
    if rows:
        payload["rows"] = [r.to_dict() for r in structure.rows]
    _emit(as_json, payload, [
        f"{payload['maps']} maps from {payload['one_step_chambers']} one-step chambers; "
        f"{payload['connected']} cells connected through facets, {payload['disconnected']} not; "
        f"{payload['convex']} convex, {payload['non_convex']} not; largest cell {payload['largest_cell']} chambers"])


@table_app.command("hopfield")
@command
def table_hopfield(nodes: int = NODES, max_steps: int = typer.Option(6, "--max-steps"),
                   weights: Optional[str] = typer.Option(
                       None, "--weights", help="Comma-separated weight constraints (default: all four; at 4 nodes "
                                               "zero-diagonal and symmetric-zero-diagonal, the ones in reach)."),
                   as_json: bool = JSON) -> None:
    """Maps realised for every weight constraint, k = 1..max-steps, sync / async in each order / any order.

    At 4 nodes the zero-diagonal table composes the 104^4 one-step chambers block by block (two passes, about
    15 minutes on one core), and the symmetric zero-diagonal table the 6,732,428 chambers listed by eliminating
    the thresholds (a few minutes); the other orders follow by relabelling symmetry.
    """
    from .arch.hopfield import WEIGHT_CONSTRAINTS
    from .arch.recurrent import expressivity_table
    if nodes < 1 or nodes > 4:
        raise InvalidInput("the expressivity table is computed for 1 to 4 nodes")
    if max_steps < 1 or max_steps > 64:
        raise InvalidInput("--max-steps must be between 1 and 64")
    omitted = {}
    if weights is None:
        chosen = list(WEIGHT_CONSTRAINTS) if nodes <= 3 else ["zero-diagonal", "symmetric-zero-diagonal"]
        if nodes == 4:
            from .arch.product import chambers_per_unit
            omitted = {"free": f"{chambers_per_unit(4)}^4 one-step chambers; `weightspace estimate hopfield "
                               "--nodes 4` estimates the two-step count",
                       "symmetric": "the coupled one-step arrangement has too many chambers to enumerate, even "
                                    "with the thresholds eliminated (`weightspace charpoly hopfield --nodes 4 "
                                    "--weights symmetric` counts them)"}
    else:
        chosen = [w.strip() for w in weights.split(",") if w.strip()]
        unknown = [w for w in chosen if w not in WEIGHT_CONSTRAINTS]
        if unknown or not chosen:
            raise InvalidInput(f"unknown weight constraint(s) {unknown or weights!r}: "
                               f"use {', '.join(WEIGHT_CONSTRAINTS)}")
    with _progress(not as_json, "table") as progress:
        rows = expressivity_table(nodes, max_steps, weights=chosen, progress=progress)
    payload = {"nodes": nodes, "rows": rows, "omitted": omitted}
    lines = [f"{'weights':<24} {'update':<12} " + " ".join(f"k={k:<8}" for k in range(1, max_steps + 1))]
    grouped: dict = {}
    for row in rows:
        order = row["order"]
        name = row["update"] + ("" if order is None else " " + (order if order == "any" else
                                                                 "".join(map(str, order))))
        grouped.setdefault((row["weights"], name), []).append(row["maps"])
    for (constraint, name), counts in grouped.items():
        lines.append(f"{constraint:<24} {name:<12} " + " ".join(f"{c:<10}" for c in counts))
    if any(row["method"].startswith("relabelled") for row in rows):
        lines.append("(orders other than 1..n: the relabelled conjugates of order 1..n's maps, hence the same count)")
    for constraint, reason in omitted.items():
        lines.append(f"{constraint}: not tabulated ({reason})")
    _emit(as_json, payload, lines)


@app.command("claims")
@command
def claims_command(nodes: int = typer.Option(2, "--nodes", help="n for prop1 / prop3 (2 or 3)."),
                   as_json: bool = JSON) -> None:
    """Check the claims of the source documents; print HOLDS or FAILS with verified evidence."""
    from .claims import evaluate_claims
    if nodes not in (2, 3):
        raise InvalidInput("claims are evaluated for 2 or 3 nodes")
    with _progress(not as_json, "claims") as progress:
        claims = evaluate_claims(nodes, (lambda name: progress(0, 0)) if progress else None)
    payload = {"claims": [c.to_dict() for c in claims]}
    lines = []
    for c in claims:
        lines.append(f"{c.status.upper():<6} {c.id:<17} {c.statement}")
        if c.status == "fails":
            evidence = c.evidence
            if "network" in evidence:
                lines.append(f"       counterexample W = {evidence['network']['W']}, "
                             f"theta = {evidence['network']['theta']}")
            for t in evidence.get("trajectories", []):
                states = t.get("trajectory") or t.get("states_after_each_unit")
                lines.append(f"         input {t['input']}: states {states}")
            for key in ("first", "second"):
                if key in evidence:
                    lines.append(f"       {key} point in the cell: W = {evidence[key]['W']}, "
                                 f"theta = {evidence[key]['theta']}")
            for key in ("map", "async_map", "k_step_map", "map_of_midpoint", "computes"):
                if key in evidence:
                    lines.append(f"       {key}: {evidence[key]}")
    _emit(as_json, payload, lines)


@app.command("dynamics")
@command
def dynamics_command(W: str = typer.Option(..., "--W", help="Weights as rows, e.g. '0,1;1,0' (rationals allowed)."),
                     theta: str = typer.Option(..., "--theta", help="Thresholds, e.g. '0,-1'."),
                     update: str = UPDATE, order: Optional[str] = ORDER, as_json: bool = JSON) -> None:
    """State-transition graph, fixed points, attractors and basins of one network; energy for symmetric W."""
    from .arch.dynamics import analyse, parse_matrix, parse_vector
    matrix = parse_matrix(W)
    result = analyse(matrix, parse_vector(theta, len(matrix)), update, order)
    payload = result.to_dict()
    n = result.n
    bits = lambda x: "".join(str((x >> i) & 1) for i in range(n))  # noqa: E731  (x_1 first)
    lines = [f"states written x_1..x_{n}; update {update}" + (f", order {order}" if order else "")]
    for x, ys in result.transitions.items():
        energy = f"   E = {result.energy[x]}" if result.energy is not None else ""
        lines.append(f"  {bits(x)} -> {', '.join(bits(y) for y in ys)}{energy}")
    lines.append("fixed points: " + (", ".join(bits(x) for x in result.fixed_points) or "none"))
    for a, b in zip(result.attractors, result.basins):
        lines.append(f"attractor {' -> '.join(bits(x) for x in a)} (length {len(a)}), basin {b} states")
    if result.energy_check is not None:
        check = result.energy_check
        lines.append(f"energy under asynchronous single-unit updates: "
                     f"{'never increases' if check['non_increasing'] else 'INCREASES'}"
                     f"{', strictly decreases' if check['strictly_decreasing'] else ''}"
                     f" (zero diagonal: {check['zero_diagonal']})")
    _emit(as_json, payload, lines)


# ------------------------------------------------------------------------------------------------ learning
learn_app = typer.Typer(no_args_is_help=True, help="Learning rules, trajectories through chambers, capacity.")
app.add_typer(learn_app, name="learn")


@learn_app.command("path")
@command
def learn_path_command(nodes: int = NODES,
                       mapping: str = typer.Option(..., "--map", help="Target one-step map, e.g. 1,0,0,2."),
                       rule: str = typer.Option("mpf", "--rule", help="mpf (surrogate descent) or perceptron."),
                       weights: str = WEIGHTS, steps: int = typer.Option(5000, "--steps", help="Maximum steps."),
                       as_json: bool = JSON) -> None:
    """Learn a map from parameters 0: the chambers visited, and whether / when Par_f is entered."""
    from .learn.paths import learn_path
    path = learn_path(nodes, mapping, rule, weights, steps)
    payload = path.to_dict()
    lines = [f"{'entered' if path.entered else 'did not enter'} Par_f"
             + (f" at step {path.entered_at}" if path.entered else f" within {path.steps} steps")
             + f" ({rule}, {weights} weights); chambers visited:"]
    for point in path.trajectory:
        lines.append(f"  step {point['step']:>6}: map {','.join(map(str, point['map']))}  distance {point['distance']}")
    _emit(as_json, payload, lines)


@learn_app.command("capacity")
@command
def learn_capacity_command(nodes: int = typer.Option(64, "--nodes"),
                           rule: list[str] = typer.Option(["mpf"], "--rule", help="mpf, mpf-adam, hebb, storkey, "
                                                                                  "perceptron or lp (repeatable)."),
                           patterns: str = typer.Option("10:120:10", "--patterns", help="START:STOP:STEP or a list."),
                           trials: int = typer.Option(5, "--trials"),
                           noise: float = typer.Option(0.1, "--noise", help="Fraction of bits flipped for recall."),
                           seed: int = typer.Option(0, "--seed"),
                           executor: str = typer.Option("local", help="local or dask."),
                           scheduler: Optional[str] = typer.Option(None),
                           workers: Optional[int] = typer.Option(None),
                           checkpoint: Optional[str] = typer.Option(None, help="Directory for resumable sweeps."),
                           plot: Optional[str] = typer.Option(None, "--plot", help="Write the curve to this PNG."),
                           as_json: bool = JSON) -> None:
    """Fraction of random patterns stored as exact fixed points (and recalled from noisy cues) per rule."""
    from .learn.capacity import capacity_curve, parse_range, plot_capacity
    counts = parse_range(patterns)
    if not 0 <= noise < 1:
        raise InvalidInput("--noise must be in [0, 1)")
    with _progress(not as_json, "tasks") as progress:
        curve = capacity_curve(rule, nodes, counts, trials, noise, seed, executor, workers, scheduler, checkpoint,
                               progress)
    payload = curve.to_dict()
    if plot:
        plot_capacity(curve, plot)
        payload["plot"] = plot
    lines = [f"{'rule':<12}{'patterns':>9}{'stored':>9}{'all stored':>12}{'recalled':>10}"]
    for row in curve.rows:
        lines.append(f"{row['rule']:<12}{row['patterns']:>9}{row['fraction_stored']:>9.3f}"
                     f"{row['all_stored_fraction']:>12.3f}{row['recall_fraction']:>10.3f}")
    _emit(as_json, payload, lines)


# ------------------------------------------------------------------------------------------------ atlas
catalog_app = typer.Typer(no_args_is_help=True, help="The results catalog of an atlas directory.")
app.add_typer(catalog_app, name="catalog")


@app.command("atlas")
@command
def atlas_command(out: str = typer.Option("atlas", "--out", help="Output directory."),
                  max_inputs: int = typer.Option(6, "--max-inputs", help="Threshold sections for n = 1..N (<= 7)."),
                  resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run in --out."),
                  recompute: bool = typer.Option(False, "--recompute", help="Recompute results already stored."),
                  four_nodes: int = typer.Option(0, "--four-nodes", help="Also the 4-node Hopfield results: exact "
                                                 "zero-diagonal and symmetric zero-diagonal k = 1, 2 and a free "
                                                 "two-step estimate from this "
                                                 "many samples (e.g. 2000; about 8 minutes)."),
                  as_json: bool = JSON) -> None:
    """Compute the standard tables and figures into OUT/index.html, OUT/catalog.sqlite and OUT/results.json."""
    from .report.atlas import SECTIONS, build_atlas
    if not as_json and sys.stderr.isatty():
        from rich.console import Console
        console = Console(stderr=True)
        with console.status("atlas") as status:
            run = build_atlas(out, max_inputs, recompute, resume,
                              lambda message, index, total: status.update(
                                  f"[{index + 1}/{total}] {SECTIONS[index]}: {message}"), four_nodes=four_nodes)
    else:
        run = build_atlas(out, max_inputs, recompute, resume, four_nodes=four_nodes)
    payload = run.to_dict()
    _emit(as_json, payload, [f"atlas written to {payload['index']} in {payload['seconds']:.0f} s",
                             f"catalog: {payload['catalog']}  results: {payload['results']}"])


def _existing_catalog(directory: str):
    """The catalog of an atlas directory, or one line saying there is none."""
    from pathlib import Path
    from .catalog import open_catalog
    if not (Path(directory) / "catalog.sqlite").exists():
        raise InvalidInput(f"no catalog in {directory} (run `weightspace atlas --out {directory}` first)")
    return open_catalog(directory)


@catalog_app.command("list")
@command
def catalog_list(directory: str = typer.Option("atlas", "--dir", help="Atlas directory."),
                 as_json: bool = JSON) -> None:
    """Every stored result: key, section, command, version, seconds."""
    entries = _existing_catalog(directory).entries()
    payload = {"results": [{"key": e.key, "section": e.section, "command": e.command, "version": e.version,
                            "created": e.created, "seconds": e.seconds} for e in entries]}
    _emit(as_json, payload, [f"{e.key:<40} {e.seconds:8.2f} s  {e.command}" for e in entries])


@catalog_app.command("query")
@command
def catalog_query(sql: str = typer.Argument(..., help="A read-only SQL query on tables results / sections."),
                  directory: str = typer.Option("atlas", "--dir", help="Atlas directory."),
                  as_json: bool = JSON) -> None:
    """Run SQL on the catalog, e.g. "SELECT key, json_extract(value, '$.chambers') FROM results"."""
    columns, rows = _existing_catalog(directory).query(sql)
    payload = {"columns": columns, "rows": [list(r) for r in rows]}
    _emit(as_json, payload, ["\t".join(columns)] + ["\t".join(map(str, r)) for r in rows])


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
