"""``weightspace relu ...``: exact regions, bounds, the tropical form and activation arrangements on data."""

from __future__ import annotations

from typing import Optional

import typer

from ..errors import InvalidInput
from ..paths import output_file, output_plot
from .app import app
from .common import JSON, command, emit, progress_bar

relu_app = typer.Typer(no_args_is_help=True, help="ReLU networks: exact linear regions, bounds, tropical form, "
                                                  "activation arrangements on data.")
app.add_typer(relu_app, name="relu")


NET = typer.Option(..., "--net", help="The network: an .npz with W0, b0, W1, b1, ... (W_i of shape (out, in)) or a "
                                      "PyTorch .pt file (nn.Sequential of Linear/ReLU, or its state_dict).")


def _load(net: str, slice_: Optional[str]):
    from ..arch.relu import ReLUNet
    from ..errors import InvalidInput

    network = ReLUNet.load(net)
    if slice_:
        parts = slice_.split(":")
        if len(parts) != 3:
            raise InvalidInput("--slice takes ORIGIN:U:V, three comma-separated vectors, e.g. 0,0,0:1,0,0:0,1,0")
        network = network.restricted_to_plane(*(p.split(",") for p in parts))
    return network


@relu_app.command("regions")
@command
def regions_command(net: str = NET,
                    box: Optional[str] = typer.Option(None, "--box", help="LO,HI: count in the box [LO,HI]^d "
                                                                          "(default: all of R^d)."),
                    slice_: Optional[str] = typer.Option(None, "--slice", help="ORIGIN:U:V: the 2-D slice "
                                                                               "origin + s U + t V of the input space."),
                    cells: bool = typer.Option(False, "--cells", help="List every activation region (pattern, "
                                                                      "vertices, inequalities, affine map)."),
                    plot: Optional[str] = typer.Option(None, "--plot", help="Write a PNG of the regions (2 inputs "
                                                                            "or a slice, with --box)."),
                    graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the face poset of the "
                                                                                  "subdivision as GraphML."),
                    check: bool = typer.Option(False, "--check", help="Recount by certified LP enumeration (slow; "
                                                                      "small networks)."),
                    as_json: bool = JSON) -> None:
    """Exact linear regions and activation regions of a ReLU network, with the architecture bounds."""
    from ..arch.relu import parse_box
    from ..arch.relu.summary import region_summary

    graphml = graphml and str(output_file(graphml, "--graphml"))
    plot = plot and str(output_plot(plot))
    network = _load(net, slice_)
    box_value = parse_box(box, network.input_dimension) if box else None
    with progress_bar(not as_json, "units") as progress:
        summary = region_summary(network, box_value, cells=cells, check=check, progress=progress)
    result, payload, lines = summary.result, summary.payload, summary.lines
    if slice_:
        payload["slice"] = slice_
    if graphml:
        from ..arch.relu.complex import face_poset
        poset = face_poset(result)
        poset.write_graphml(graphml)
        payload["f_vector"] = poset.rank_sizes()
        lines.append(f"face poset (f-vector {poset.rank_sizes()}) written to {graphml}")
    if plot:
        from ..report.figures import relu_regions
        relu_regions(result, plot)
        payload["plot"] = plot
        lines.append(f"picture written to {plot}")
    emit(as_json, payload, lines)


@relu_app.command("bounds")
@command
def bounds_command(widths: str = typer.Option(..., "--widths", help="Input, hidden and output widths, e.g. "
                                                                      "2,8,8,1."),
                   as_json: bool = JSON) -> None:
    """Upper bounds on linear regions for an architecture (Montúfar et al. 2014/2017, Serra et al. 2018, 2^N)."""
    from ..arch.relu.bounds import region_bounds
    from ..learn.capacity import parse_range

    values = parse_range(widths, "--widths")
    bounds = region_bounds(values)
    emit(as_json, {"widths": values, **bounds}, [f"{k}: {v}" for k, v in bounds.items()])


@relu_app.command("tropical")
@command
def tropical_command(net: str = NET, as_json: bool = JSON) -> None:
    """The tropical form F - G of the network (max-plus monomials), checked exactly at random points, with the
    Newton polytope vertices and the Newton-polytope bound on linear regions."""
    from ..arch.relu.tropical import tropical_form

    network = _load(net, None)
    form = tropical_form(network)
    payload = form.to_dict()
    payload["verified"] = form.verify()
    payload["newton_bound"] = [form.region_bound(i) for i in range(len(form.numerators))]
    lines = []
    for i, (f, g) in enumerate(zip(form.numerators, form.denominators)):
        lines.append(f"output {i + 1}: F has {len(f)} monomials, G has {len(g)}; Newton-polytope bound "
                     f"{payload['newton_bound'][i]} linear regions")
    lines.append("F - G equals the network at 201 rational points: " + ("yes" if payload["verified"] else "NO"))
    emit(as_json, payload, lines)


@relu_app.command("data")
@command
def data_command(points: str = typer.Option(..., "--points", help="CSV file of rational data points."),
                 width: int = typer.Option(1, "--width", help="Hidden width m."),
                 labels: Optional[str] = typer.Option(None, "--labels", help="0/1 labels in point order: is this "
                                                                             "labelling realisable?"),
                 as_json: bool = JSON) -> None:
    """The activation arrangement of a width-m hidden layer on data points (count of realisable activation
    patterns), and whether a width-m network realises a labelling (exact witness or exhaustive certificate)."""
    from ..arch.base import realize
    from ..arch.relu.data import ReLUOnData, activation_patterns
    from ..arrangement.counting import count_arrangement_chambers
    from ..domain import from_csv

    arch = ReLUOnData(from_csv(points), width, spec=f"relu-data:{points}:{width}")
    counts = activation_patterns(arch)
    arrangement = arch.arrangement()
    payload = {"spec": arch.spec, "points": len(arch.domain), "dimension": arch.domain.dimension, "width": width,
               "hyperplanes": len(arrangement), **counts,
               "patterns_by_charpoly": count_arrangement_chambers(arrangement, "charpoly").count}
    lines = [f"{counts['per_unit']} dichotomies per unit, {counts['patterns']} activation patterns of width {width} "
             f"(Zaslavsky: {payload['patterns_by_charpoly']})"]
    if labels is not None:
        with progress_bar(not as_json, "systems") as progress:
            answer = realize(arch, labels, progress=progress)
        payload["realization"] = answer.to_dict()
        lines += answer.lines()
    emit(as_json, payload, lines)


@relu_app.command("example")
@command
def example_command(name: str = typer.Argument(..., help="sawtooth:DEPTH, or random:WIDTHS:SEED (integer weights "
                                                         "in [-8, 8]), e.g. random:2,16,16,1:3"),
                    out: str = typer.Option(..., "--out", help="The .npz file to write."),
                    as_json: bool = JSON) -> None:
    """Write a named example network to an .npz file (W0, b0, W1, b1, ...)."""
    from ..errors import InvalidInput
    from ..specs import resolve

    out = str(output_file(out, "--out", ".npz"))
    if name.partition(":")[0] not in ("sawtooth", "random"):
        raise InvalidInput(f"unknown example {name!r}: use sawtooth:DEPTH or random:WIDTHS:SEED")
    net = resolve(name)                      # the registry parses the spec
    if len(net.widths) < 3:
        raise InvalidInput("an example network needs a hidden layer")
    net.save(out)
    emit(as_json, {"example": name, "file": out, "widths": list(net.widths)},
         [f"{name} (widths {', '.join(map(str, net.widths))}) written to {out}"])


@relu_app.command("types")
@command
def types_command(widths: str = typer.Option(..., "--widths", help="1,M,1 (M <= 6) or 2,M,1 (M <= 4)."),
                  samples: int = typer.Option(20000, "--samples", help="Parameter points sampled (the second route "
                                                                        "in 1-D, the only one in 2-D)."),
                  seed: int = typer.Option(0, "--seed", help="Seed of the samples."),
                  as_json: bool = JSON) -> None:
    """How the input-space subdivision of a one-hidden-layer network changes over parameter space: the types
    (1-D: order of the breakpoints -b_i/w_i with the signs of w_i and a_i; 2-D: the oriented matroid of the lines,
    with the signs of a_i; up to relabelling units), the discriminant where they change, and sampling as the
    second route."""
    from ..arch.relu.types import relu_types
    from ..validation import check_number
    check_number(samples, "--samples", minimum=1, maximum=10_000_000, integer=True)
    parts = [p.strip() for p in widths.split(",")]
    if not all(p.isdigit() for p in parts):
        raise InvalidInput(f"--widths must be integers such as 1,3,1, got {widths!r}")
    result = relu_types([int(p) for p in parts], samples, seed)
    if result["input_dimension"] == 1:
        s = result["sampling"]
        lines = [f"1 -> {result['width']} -> 1: {result['types']} types (every stratum), {result['open_types']} open "
                 f"types in {result['open_regions']} open regions",
                 f"discriminant: {', '.join(result['discriminant'])}",
                 f"sampling ({s['samples']} points): integer grid {{-1,0,1}} met {s['integer_grid_types_met']} types, "
                 f"Gaussian met {s['gaussian_types_met']} (all open: {s['gaussian_types_all_open']})"]
    else:
        lines = [f"2 -> {result['width']} -> 1: {result['types']} types ({result['generic_types']} generic), by "
                 "enumerating oriented matroids",
                 f"sampling ({result['samples']} integer points in [-{result['grid']}, {result['grid']}]): met "
                 f"{result['types_met_by_sampling']} types, all enumerated: {result['sampled_types_all_enumerated']}"]
    emit(as_json, result, lines)
