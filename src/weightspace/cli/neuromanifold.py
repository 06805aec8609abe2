"""``weightspace neuromanifold``: dimension, membership and training geometry of polynomial, linear and
convolutional networks. ``weightspace edd``: Euclidean distance degrees."""

from __future__ import annotations

import json
from typing import Optional

import typer

from .app import app
from .common import JSON, command, emit


def _network(arch: str, widths: Optional[str], degree: Optional[int], kernels: Optional[str],
             strides: Optional[str], activation: Optional[str] = None, bias: bool = False):
    from ..algebraic import LCN, LinearNet, PolynomialNet
    from ..arch.polynomial.affine import AffineNet
    from ..errors import InvalidInput
    if degree is not None and activation is not None:
        raise InvalidInput("give --degree R (the activation t^R) or --activation POLY, not both")
    if (activation is not None or bias) and arch != "poly":
        raise InvalidInput("--activation and --bias are for --arch poly")
    if arch == "poly":
        if not widths:
            raise InvalidInput("--arch poly needs --widths (e.g. 2,2,1)")
        if activation is not None or bias:
            return AffineNet(widths, activation if activation is not None else (degree or 2), bias)
        return PolynomialNet(widths, degree or 2)
    if arch == "linear":
        if not widths:
            raise InvalidInput("--arch linear needs --widths (e.g. 3,2,3)")
        return LinearNet(widths)
    if arch == "lcn":
        if not kernels:
            raise InvalidInput("--arch lcn needs --kernels (e.g. 2,3)")
        return LCN(kernels, strides)
    if arch == "pcn":
        from ..arch.polynomial.convolutional import PCN
        if not kernels or not widths or not widths.isdigit():
            raise InvalidInput("--arch pcn needs --widths N (the input size) and --kernels (e.g. --widths 5 "
                               "--kernels 3,2)")
        return PCN(int(widths), kernels, strides, degree or 2)
    raise InvalidInput(f"unknown --arch {arch!r}: use poly, linear, lcn or pcn")


@app.command("neuromanifold")
@command
def neuromanifold_command(arch: str = typer.Option("poly", "--arch", help="poly, linear, lcn or pcn "
                                                                               "(polynomial convolutional)."),
                          widths: Optional[str] = typer.Option(None, "--widths", help="Layer widths d_0,...,d_L "
                                                                                      "(poly, linear)."),
                          degree: Optional[int] = typer.Option(None, "--degree", help="Activation degree r of "
                                                                                       "s(t) = t^r (poly; default "
                                                                                       "2)."),
                          activation: Optional[str] = typer.Option(None, "--activation", help="Any polynomial "
                                                                                              "activation, e.g. "
                                                                                              "'x^2+x' (poly)."),
                          bias: bool = typer.Option(False, "--bias", help="Affine layers: every layer has biases "
                                                                          "(poly)."),
                          kernels: Optional[str] = typer.Option(None, "--kernels", help="Filter sizes (lcn)."),
                          strides: Optional[str] = typer.Option(None, "--strides", help="Strides (lcn; default 1)."),
                          member: Optional[str] = typer.Option(None, "--member", help="Decide whether this function "
                                                                                      "is in the real neuromanifold: "
                                                                                      "a polynomial (poly), or comma-"
                                                                                      "separated coefficients."),
                          data: Optional[str] = typer.Option(None, "--data", help="CSV of data rows x_1..x_n,y "
                                                                                  "(y_1..y_m for m outputs): report "
                                                                                  "Q = A^T A of MSE training."),
                          on_image: Optional[str] = typer.Option(None, "--on-image", help="Is this function on "
                                                                                         "the Zariski closure of "
                                                                                         "the image? Exact where "
                                                                                         "equations are known, else "
                                                                                         "numerical (homotopy)."),
                          singular: bool = typer.Option(False, "--singular", help="The singular locus: Jacobian "
                                                                                  "rank of the parametrisation on "
                                                                                  "sparse subnetworks, and Sing(M) "
                                                                                  "from the equations where known."),
                          trials: int = typer.Option(2, "--trials", help="Random points for the modular rank."),
                          seed: int = typer.Option(0, "--seed", help="Random seed."),
                          as_json: bool = JSON) -> None:
    """The neuromanifold of a network: its dimension (generic Jacobian rank, exact), the ambient and expected
    dimension, whether it fills the ambient space; optionally real membership of a function and the geometry of
    MSE training on data."""
    from ..algebraic import membership, neuromanifold_dimension, training_geometry
    from ..errors import InvalidInput

    net = _network(arch, widths, degree, kernels, strides, activation, bias)
    facts = neuromanifold_dimension(net, trials, seed)
    payload = facts.to_dict()
    lines = [f"{net.spec}: dimension {facts.dimension} in an ambient space of dimension {facts.ambient_dimension} "
             f"({'Zariski dense: it fills' if facts.fills else 'does not fill'} the ambient space); "
             + (f"expected {facts.expected_dimension} = r (d_0 + d_L - r)"
                + (" + d_L" if getattr(net, "bias", False) else "")
                + " with r = min d_i (rank-bounded matrices)" if facts.known_dimension is not None else
                f"expected {facts.expected_dimension} = min({facts.parameter_count} parameters - "
                f"{facts.symmetry_dimension} symmetries, "
                + (f"{net.reachable_dimension} coefficients of degrees {_degrees(net.support_degrees)})"
                   if getattr(net, "reachable_dimension", net.ambient_dimension) != net.ambient_dimension
                   else "ambient)"))
             + ("; defective" if facts.defective else ""),
             f"certified: rank lower bound meets the upper bound {facts.upper_bound}" if facts.certified else
             f"not certified: error probability <= {facts.error_probability:.1e}",
             f"float rank {facts.float_rank}, rational rank {facts.rational_rank}, ranks mod 2^61-1 "
             f"{list(facts.modular_ranks)}, mod 2^31-1 {facts.second_prime_rank}"]
    if singular:
        _singular_report(net, seed, payload, lines)
    if on_image is not None:
        from fractions import Fraction

        from ..algebraic.implicitization import on_image as decide
        value = on_image if not _numeric(on_image) else [Fraction(v.strip()) for v in on_image.split(",") if v.strip()]
        answer = decide(net, value, seed)
        payload["on_image"] = answer.to_dict()
        lines.append(f"{on_image}: {answer.answer} on the closure of the image ({answer.route})"
                     + (f"; degree of M {answer.degree} by monodromy, trace test error {answer.trace_error:.1e}, "
                        f"distance {answer.distance:.1e}" if answer.degree is not None else ""))
    if member is not None:
        from fractions import Fraction
        value = member if not _numeric(member) else [Fraction(v.strip()) for v in member.split(",") if v.strip()]
        answer = membership(net, value)
        payload["membership"] = answer.to_dict()
        lines.append(f"{member}: {answer.answer} ({answer.reason})")
    if data is not None:
        if arch == "lcn":
            raise InvalidInput("--data is for polynomial and linear networks")
        points, values = _read_data(data, net.widths[0], net.widths[-1])
        geometry = training_geometry(net, points, values, seed)
        payload["training"] = geometry.to_dict()
        lines.append(f"MSE on {geometry.data_points} points = ||c - c*||_Q^2 + {geometry.constant}: rank Q = "
                     f"{geometry.rank_Q} of {geometry.ambient_dimension}"
                     + (f" (degenerate, kernel dimension {geometry.kernel_dimension})" if geometry.degenerate else "")
                     + f"; symbolic check {'passed' if geometry.symbolic_check else 'FAILED'}, numeric gap "
                       f"{geometry.numeric_gap:.1e}")
    emit(as_json, payload, lines)


def _singular_report(net, seed: int, payload: dict, lines: list[str]) -> None:
    from ..algebraic.singular import parametrisation_strata, singular_locus
    from ..errors import NotSupported
    from ..errors import TooLarge
    try:
        locus = singular_locus(net, seed)
    except (NotSupported, TooLarge) as error:
        locus, why = None, str(error).replace("; pass --equations", "")
    strata = parametrisation_strata(net, seed, singular_equations=locus["equations"] if locus else None)
    drops = [r for r in strata["strata"] if r["drop"] > 0]
    lines.append(f"sparse strata: {len(drops)} of {len(strata['strata'])} tried ({strata['strata_total']} in all) "
                 f"drop the Jacobian rank "
                 f"(generic rank {strata['generic_rank']})"
                 + (f"; every stratum with a drop maps to singular points: "
                    f"{_yes(all(r['singular_image'] for r in drops))}, every stratum without one to smooth points: "
                    f"{_yes(not any(r['singular_image'] for r in strata['strata'] if not r['drop']))}"
                    if locus else ""))
    for r in drops[:8]:
        lines.append(f"  {r['stratum']}: rank {r['jacobian_rank']} (drop {r['drop']}), image dimension "
                     f"{r['image_dimension']}" + (f", singular image: {_yes(r['singular_image'])}" if locus else ""))
    if locus:
        lines.append(f"Sing(M): dimension {locus['singular_dimension']}; the subnetwork {locus['subnetwork']} "
                     f"(dimension {locus['subnetwork_dimension']}): contained in Sing(M): "
                     f"{_yes(locus['subnetwork_in_singular'])}, contains Sing(M): "
                     f"{_yes(locus['singular_in_subnetwork'])}"
                     + (" -- the singular points are exactly its functions" if locus["equal"] else ""))
        locus = {k: v for k, v in locus.items() if k != "equations"}
    else:
        lines.append(f"Sing(M) from equations: not available ({why})")
    payload["singular"] = {"locus": locus, **strata}
    from ..arch.polynomial.network import LCN
    if isinstance(net, LCN) and all(v == 1 for v in net.strides):
        from ..algebraic.singular import lcn_boundary_strata
        roots = lcn_boundary_strata(net)
        payload["singular"]["root_strata"] = roots
        lines.append("real root strata of the filter (multiplicities of real roots + complex pairs):")
        for r in roots:
            lines.append(f"  {r['multiplicities']} + {r['complex_pairs']} pair(s): dimension {r['dimension']}, "
                         + ("in M_R" if r["in_neuromanifold"] else "outside M_R")
                         + (", on its boundary" if r["boundary"] else ""))


def _degrees(degrees) -> str:
    return ", ".join(map(str, sorted(degrees)))


def _numeric(text: str) -> bool:
    try:
        [float(v) for v in text.split(",")]
    except ValueError:
        return False
    return True


def _read_data(path: str, n: int, outputs: int | None = 1):
    from fractions import Fraction

    from ..errors import InvalidInput
    try:
        with open(path, encoding="utf-8") as handle:
            rows = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None
    points, values = [], []
    for k, row in enumerate(rows, 1):
        try:
            entries = [Fraction(v.strip()) for v in row.split(",")]
        except ValueError:
            raise InvalidInput(f"{path}:{k}: not a row of numbers") from None
        if (len(entries) < n) if outputs is None else len(entries) != n + outputs:
            raise InvalidInput(f"{path}:{k}: expected {n} coordinates"
                               + (f" and {outputs} value(s)" if outputs is not None else ""))
        points.append(entries[:n])
        values.append(entries[n] if outputs == 1 else tuple(entries[n:]))   # ignored when outputs is None
    if not points:
        raise InvalidInput(f"{path} has no data rows")
    return points, values


@app.command("edd")
@command
def edd_command(equations: Optional[str] = typer.Option(None, "--equations", help="Equations separated by ';', "
                                                                                  "e.g. 'x^2+y^2-1'."),
                variables: Optional[str] = typer.Option(None, "--vars", help="Variables, e.g. x,y."),
                variety: Optional[str] = typer.Option(None, "--variety", help="A named variety instead: circle, "
                                                                              "cusp, rank1, lightning."),
                net: Optional[str] = typer.Option(None, "--net", help="The neuromanifold of a spec instead "
                                                                      "(linear:..., poly:2,M,1:D)."),
                Q: str = typer.Option("identity", "--Q", help="identity, generic, or a file with a symmetric "
                                                              "matrix (JSON list of rows, or one row per line)."),
                kernel_dim: Optional[int] = typer.Option(None, "--kernel-dim", help="Use a random positive "
                                                                                    "semidefinite Q with this "
                                                                                    "kernel dimension."),
                data: Optional[str] = typer.Option(None, "--data", help="With --net: Q = A^T A of the data in this "
                                                                        "CSV (rows x_1..x_n, further columns "
                                                                        "ignored)."),
                sweep: Optional[str] = typer.Option(None, "--sweep", help="With --net: numbers of random data "
                                                                          "points, e.g. 1,2,3; the ED degree for "
                                                                          "each data Q against a generic Q with the "
                                                                          "same kernel dimension."),
                seed: int = typer.Option(0, "--seed", help="Seed of u and of the random Q."),
                field: str = typer.Option("prime", "--field", help="prime (GF(2^31-1), confirmed over a second "
                                                                   "prime) or rational (QQ)."),
                backend: str = typer.Option("auto", "--backend", help="auto (Singular when installed), sympy or "
                                                                      "singular."),
                numeric: bool = typer.Option(False, "--numeric", help="Add a homotopy-continuation count."),
                max_seconds: float = typer.Option(300.0, "--max-seconds", help="Stop (and kill Singular) after this "
                                                                               "many seconds."),
                as_json: bool = JSON) -> None:
    """The Euclidean distance degree: the number of complex critical points of (x-u)^T Q (x-u) on the smooth part
    of a variety, for a random data point u, with the critical set split into the zero-loss set and the rest."""
    from ..algebraic import ed_degree, named_variety, neuromanifold_equations
    from ..algebraic.polynomials import parse_polynomial, symbols
    from ..errors import InvalidInput
    from ..specs import resolve

    given = [x is not None for x in (equations, variety, net)]
    if sum(given) != 1:
        raise InvalidInput("give exactly one of --equations (with --vars), --variety or --net")
    if (data is not None or sweep is not None) and net is None:
        raise InvalidInput("--data and --sweep need --net")
    if (data is not None or sweep is not None) and (Q != "identity" or kernel_dim is not None):
        raise InvalidInput("--data and --sweep build Q from data: give them without --Q and --kernel-dim")
    if data is not None and sweep is not None:
        raise InvalidInput("give --data FILE or --sweep N1,N2,..., not both")
    if sweep is not None:
        _sweep(resolve(net), sweep, seed, backend, max_seconds, as_json)
        return
    structure = None
    if equations is not None:
        if not variables:
            raise InvalidInput("--equations needs --vars")
        symbols_ = symbols(variables)
        polys = [parse_polynomial(e, symbols_) for e in equations.split(";") if e.strip()]
    elif variety is not None:
        polys, symbols_ = named_variety(variety)
    else:
        polys, symbols_ = neuromanifold_equations(resolve(net))
    matrix = Q if Q in ("identity", "generic") else _read_matrix(Q)
    if data is not None:
        from ..algebraic.data_q import data_Q
        spec = resolve(net)
        points, _ = _read_data(data, spec.widths[0], None)
        matrix, structure = data_Q(spec, points)
    result = ed_degree(polys, symbols_, matrix, kernel_dimension=kernel_dim, seed=seed, field=field,
                       backend=backend, numeric=numeric, max_seconds=max_seconds)
    payload = result.to_dict()
    if structure is not None:
        payload["data_Q"] = structure
    count = "infinitely many (a positive-dimensional critical set)" if result.ed_degree is None else result.ed_degree
    lines = [f"ED degree {count} for Q = {result.Q_kind} at u = {list(result.data_point)}",
             f"method: {result.method}" + (f"; confirmed over {result.confirmation['field']}: "
                                           f"{'agrees' if result.confirmation['agrees'] else 'DISAGREES'}"
                                           if result.confirmation else "")]
    for part in result.components:
        lines.append(f"  {part['part']}: dimension {part['dimension']}, degree {part['degree']}"
                     + (f", {part['points']} distinct points" if part["points"] is not None else ""))
    if structure is not None:
        lines.insert(0, f"Q = A^T A of {structure['points']} data points: rank {structure['rank']}, kernel dimension "
                        f"{structure['kernel_dimension']}, moment matrix: {_yes(structure['moment'])}, Hankel: "
                        f"{_yes(structure['hankel'])}")
    if result.numeric:
        lines.append(f"numeric cross-check: {result.numeric['count']} critical points "
                     f"({result.numeric['real_points']} real) by {result.numeric['method']}")
    emit(as_json, payload, lines)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _sweep(net, sweep: str, seed: int, backend: str, max_seconds: float, as_json: bool) -> None:
    from ..algebraic.data_q import data_ed_sweep
    from ..errors import InvalidInput
    from .common import progress_bar
    try:
        counts = [int(v) for v in sweep.split(",") if v.strip()]
    except ValueError:
        raise InvalidInput("--sweep takes comma-separated numbers of data points, e.g. 1,2,3") from None
    if not counts or len(counts) > 50:
        raise InvalidInput("--sweep takes 1 to 50 numbers of data points")
    with progress_bar(not as_json, "data sizes") as progress:
        rows = data_ed_sweep(net, counts, seed, backend, max_seconds, progress)

    def text(part):
        count = "inf" if part["ed_degree"] is None else part["ed_degree"]
        zero = [c for c in part["components"] if c["part"] == "zero-loss"]
        return f"{count} (zero-loss: " + (f"dimension {zero[0]['dimension']}, degree {zero[0]['degree']}"
                                         if zero else "none") + ")"
    lines = [f"{net.spec}: ED degree for Q = A^T A of N random data points against a random PSD Q with the same "
             f"kernel dimension (same u)"]
    for r in rows:
        lines.append(f"  N = {r['points']}: rank Q {r['rank_Q']}, kernel {r['kernel_dimension']}; data Q: "
                     f"{text(r['data'])}; generic Q: {text(r['generic'])}")
    emit(as_json, {"spec": net.spec, "rows": rows}, lines)


def _read_matrix(path: str):
    from fractions import Fraction

    from ..errors import InvalidInput
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise InvalidInput(f"--Q {path}: {error.strerror} (use identity, generic or a matrix file)") from None
    try:
        rows = json.loads(text)
    except ValueError:
        rows = [line.replace(",", " ").split() for line in text.splitlines() if line.strip()]
    try:
        return [[Fraction(str(v)) for v in row] for row in rows]
    except (ValueError, TypeError):
        raise InvalidInput(f"--Q {path}: not a matrix of numbers") from None
