"""Commands on Hopfield networks only: ``estimate``, ``structure``, ``table`` (each takes the spec ``hopfield``
or ``hopfield:N[:CONSTRAINT]``), and ``dynamics`` of one given network."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import (HopfieldNetwork, analyse, cell_structure, coarsened_poset, estimate_two_step_maps,
                             expressivity_table, one_step_chambers, parse_matrix, parse_vector, table_constraints)
from ..errors import InvalidInput, NotSupported
from .app import app
from .common import JSON, NODES, ORDER, SPEC, STEPS, UPDATE, WEIGHTS, command, emit, progress_bar, resolve_spec


def _network(spec: str, nodes: Optional[int], weights: str) -> HopfieldNetwork:
    obj = resolve_spec(spec, nodes=nodes, weights=weights)
    if not isinstance(obj, HopfieldNetwork):
        raise NotSupported(f"this command works on Hopfield networks (hopfield:N[:CONSTRAINT]), not {obj.spec}")
    return obj


@app.command("estimate")
@command
def estimate_command(spec: str = SPEC, nodes: Optional[int] = NODES,
                     weights: str = typer.Option("free", "--weights", help="free or zero-diagonal."),
                     steps: int = typer.Option(2, "--steps", "-k", help="Synchronous steps (only 2)."),
                     samples: int = typer.Option(10_000, "--samples", help="Uniform one-step maps drawn."),
                     seed: int = typer.Option(0, "--seed"),
                     executor: str = typer.Option("local", help="local processes, or dask."),
                     scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address."),
                     workers: Optional[int] = typer.Option(None, help="Worker processes (default: cores)."),
                     checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint to and resume "
                                                                         "from."),
                     as_json: bool = JSON) -> None:
    """Estimate the number of two-step maps: sum over one-step maps F of 1/#(square roots of F o F), sampled.

    Each sample's square roots are counted exactly; the result is an estimate with a standard error, not a count.
    """
    network = _network(spec, nodes, weights)
    if steps != 2:
        raise InvalidInput("the estimate covers two synchronous steps (--steps 2); use `count hopfield` otherwise")
    with progress_bar(not as_json, "chunks of samples") as progress:
        result = estimate_two_step_maps(network.n, network.weights, samples, seed, workers, executor, scheduler,
                                        checkpoint, progress)
    payload = result.to_dict()
    low, high = payload["ci95"]
    emit(as_json, payload, [
        f"about {result.estimate:.6g} two-step maps (standard error {result.standard_error:.3g}, 95% interval "
        f"{low:.6g} .. {high:.6g}) for {network.n} nodes, {network.weights} weights",
        f"from {result.samples} uniform one-step maps out of {result.one_step_maps}; square roots counted exactly "
        f"({result.seconds:.1f} s). This is an estimate, not an exact count."])


@app.command("structure")
@command
def structure_command(spec: str = SPEC, nodes: Optional[int] = NODES, weights: str = WEIGHTS, steps: int = STEPS,
                      update: str = UPDATE, order: Optional[str] = ORDER,
                      csv_path: Optional[str] = typer.Option(None, "--csv", help="Write one row per map to this "
                                                                                 "CSV file."),
                      graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the coarsened face "
                                                                                    "poset (closure relation)."),
                      rows: bool = typer.Option(False, "--rows", help="Include every row in --json output."),
                      as_json: bool = JSON) -> None:
    """For every realised map f: one-step chambers in Par_f^k, facet-connectivity, exact convexity."""
    network = _network(spec, nodes, weights)
    chambers = one_step_chambers(network.n, network.weights)
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
    emit(as_json, payload, [
        f"{payload['maps']} maps from {payload['one_step_chambers']} one-step chambers; "
        f"{payload['connected']} cells connected through facets, {payload['disconnected']} not; "
        f"{payload['convex']} convex, {payload['non_convex']} not; largest cell {payload['largest_cell']} chambers"])


@app.command("table")
@command
def table_command(spec: str = SPEC, nodes: Optional[int] = NODES, max_steps: int = typer.Option(6, "--max-steps"),
                  weights: Optional[str] = typer.Option(
                      None, "--weights", help="Comma-separated weight constraints (default: all four; at 4 nodes "
                                              "zero-diagonal and symmetric-zero-diagonal, the ones in reach)."),
                  as_json: bool = JSON) -> None:
    """Maps realised for every weight constraint, k = 1..max-steps, sync / async in each order / any order.

    At 4 nodes the zero-diagonal table composes the 104^4 one-step chambers block by block (two passes, about
    15 minutes on one core), and the symmetric zero-diagonal table the 6,732,428 chambers listed by eliminating
    the thresholds (a few minutes); the other orders follow by relabelling symmetry.
    """
    if ":" in spec:
        network = _network(spec, None, "free")
        nodes, weights = network.n, weights or (spec.split(":")[2] if spec.count(":") >= 2 else None)
    elif spec != "hopfield":
        raise NotSupported(f"the expressivity table is made for Hopfield networks (hopfield), not {spec!r}")
    if nodes is None:
        raise InvalidInput("hopfield needs the number of nodes (--nodes N)")
    chosen, omitted = table_constraints(nodes, weights)
    if max_steps < 1 or max_steps > 64:
        raise InvalidInput("--max-steps must be between 1 and 64")
    with progress_bar(not as_json, "table") as progress:
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
    emit(as_json, payload, lines)


@app.command("dynamics")
@command
def dynamics_command(W: str = typer.Option(..., "--W", help="Weights as rows, e.g. '0,1;1,0' (rationals allowed)."),
                     theta: str = typer.Option(..., "--theta", help="Thresholds, e.g. '0,-1'."),
                     update: str = UPDATE, order: Optional[str] = ORDER, as_json: bool = JSON) -> None:
    """State-transition graph, fixed points, attractors and basins of one network; energy for symmetric W."""
    matrix = parse_matrix(W)
    result = analyse(matrix, parse_vector(theta, len(matrix)), update, order)
    payload = result.to_dict()
    n = result.n

    def bits(x: int) -> str:                # x_1 first
        return "".join(str((x >> i) & 1) for i in range(n))
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
    emit(as_json, payload, lines)
