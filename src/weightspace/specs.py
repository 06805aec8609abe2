"""One registry of specs: the names by which every command (and a notebook) refers to what it computes on.

A spec is ``KIND:ARG[:ARG...]``. [`resolve()`][weightspace.specs.resolve] turns it into an object that implements the
architecture protocol ([`weightspace.arch.base`][weightspace.arch.base]) or, for plain arrangements, the arrangement
capability. The kinds of the registry each have a syntax and a one-line help; ``weightspace specs`` lists them
(threshold units, points, Hopfield networks, polynomial threshold units ``ptf:N:D``, simplicial Hopfield networks
``simplicial-hopfield:N:D``, ReLU networks, the named arrangement families of [`weightspace.library`][weightspace.library], presentations and
polynomial networks).

Each kind also names how its objects are counted ([`count()`][weightspace.specs.count]) and a small ``example`` that
the conformance suite checks. Spec strings are parsed here and nowhere else. Adding an architecture is one module and
one [`register()`][weightspace.specs.register] call here.

Examples
--------
>>> resolve("hopfield:3:symmetric").spec, resolve("threshold:2:cubepm1").domain.name
('hopfield:3:symmetric', 'cubepm1')
>>> spec_from_options("threshold", inputs=4)
'threshold:4:cube01'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import factorial
from typing import Any, Callable

from . import library
from .arch.hopfield import HopfieldNetwork, Scheme, count_dynamics, count_hopfield
from .arch.threshold import ThresholdUnit, count_threshold
from .arrangement import count_arrangement_chambers
from .arrangement.graph_symmetry import GraphSymmetry
from .arrangement.named import NamedArrangement, read_hyperplanes
from .budget import Budget
from .domain import from_csv, parse_domain
from .errors import InvalidInput, NotSupported, TooLarge
from .results import Count
from .spec_options import CountOptions, check_options_agree, spec_from_options
from .validation import check_number


@dataclass(frozen=True)
class SpecKind:
    """A kind of spec: its syntax, a one-line help, how to build the object and how to count it."""

    name: str
    syntax: str
    help: str
    build: Callable[[list[str]], Any]
    count: Callable[[Any, CountOptions], Any] | None = field(default=None, compare=False)
    unit: str = "chambers"
    """What [`count()`][weightspace.specs.count] counts, in words (the ``unit`` key of its answer)."""
    count_key: str = "chambers"
    """The key under which the counting route's own answer holds the number (kept as a legacy key)."""
    example: str = ""
    """A small spec of this kind (the conformance suite's instance); ``FILE`` stands for a file it writes."""


REGISTRY: dict[str, SpecKind] = {}


def register(kind: SpecKind) -> SpecKind:
    """Add a kind of spec to the registry (the one line an architecture module needs).

    Parameters
    ----------
    kind
        The kind: name, syntax, builder and counting route.

    Returns
    -------
    SpecKind
        ``kind``.
    """
    REGISTRY[kind.name] = kind
    return kind


def resolve(spec: str) -> Any:
    """The object a spec names (see the module docstring); bad specs raise
    [`InvalidInput`][weightspace.errors.InvalidInput].

    Parameters
    ----------
    spec
        ``KIND:ARG[:ARG...]``.

    Returns
    -------
    Any
        The architecture or arrangement.

    Raises
    ------
    InvalidInput
        For an empty or unknown spec, or arguments the spec kind does not accept (the message lists the syntaxes).
    """
    if not isinstance(spec, str) or not spec.strip():
        raise InvalidInput("empty spec: use for example threshold:3 or hopfield:2:symmetric")
    name, _, rest = spec.strip().partition(":")
    kind = REGISTRY.get(name)
    if kind is None:
        raise InvalidInput(f"unknown spec {spec!r}: use one of {', '.join(k.syntax for k in REGISTRY.values())}")
    arguments = [rest] if name in ("points", "hyperplanes", "relu", "relu-data") else ([] if rest == "" else rest.split(":"))
    return kind.build(arguments)


def kind_of(obj: Any) -> SpecKind:
    """The registered kind of a resolved object (by its spec's prefix).

    Parameters
    ----------
    obj
        An object that ``resolve`` returned.

    Returns
    -------
    SpecKind
        Its kind.
    """
    return REGISTRY[obj.spec.partition(":")[0]]


def count(obj: Any, options: CountOptions | None = None) -> Count:
    """Count the functions (chambers) of ``obj`` by the route its kind names: a
    [`Count`][weightspace.results.Count] with ``count``, ``unit`` and the route's own answer.

    Parameters
    ----------
    obj
        An object that ``resolve`` returned.
    options
        Method, budget, progress and executor settings.

    Returns
    -------
    Count
        ``count``, ``unit`` and the route's own answer.

    Raises
    ------
    NotSupported
        When ``obj`` declares no counting route.
    TooLarge
        When the chosen route is beyond ``options.budget``.

    Examples
    --------
    >>> answer = count(resolve("hopfield:2")).to_dict()
    >>> answer["count"], answer["unit"], answer["maps"]
    (196, 'maps', 196)
    """
    options = options or CountOptions()
    obj.require("count")
    kind = kind_of(obj)
    if kind.count is None:
        raise NotSupported(f"{obj.spec} has no counting route")
    result = kind.count(obj, options)
    return Count(int(result.to_dict()[kind.count_key]), kind.unit, result)


def _integer(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} must be an integer, got {text!r}") from None


def _arguments(arguments: list[str], low: int, high: int, syntax: str) -> None:
    if not low <= len(arguments) <= high:
        raise InvalidInput(f"spec needs the form {syntax}")


# ------------------------------------------------------------------------------------------------ threshold
def _threshold(arguments: list[str]) -> ThresholdUnit:
    _arguments(arguments, 1, 2, "threshold:N[:cube01|cubepm1]")
    n = _integer(arguments[0], "the number of inputs")
    return ThresholdUnit(parse_domain(arguments[1] if len(arguments) > 1 else "cube01", n))


def _points(arguments: list[str]) -> ThresholdUnit:
    if not arguments or not arguments[0]:
        raise InvalidInput("spec needs the form points:FILE")
    return ThresholdUnit(from_csv(arguments[0]))


def _count_threshold(unit: ThresholdUnit, options: CountOptions):
    executor: dict[str, Any] = {}
    if options.method in ("auto", "classes") and unit.domain.name == "cube01":
        executor = {"executor": options.executor, "scheduler": options.scheduler, "workers": options.workers,
                    "checkpoint": options.checkpoint}
        if unit.domain.dimension <= 6 and options.workers is None and options.executor == "local":
            executor["workers"] = 1          # process start-up costs more than the work
    elif options.method == "orbits":
        executor = {"executor": options.executor, "scheduler": options.scheduler, "workers": options.workers,
                    "checkpoint": options.checkpoint}
    return count_threshold(unit.domain, options.method, options.progress, options.budget, **executor)


register(SpecKind("threshold", "threshold:N[:cube01|cubepm1]", "one threshold unit on a cube", _threshold,
                  _count_threshold, "threshold functions", example="threshold:2"))
register(SpecKind("points", "points:FILE", "one threshold unit on the rational points of a CSV file", _points,
                  _count_threshold, "threshold functions", example="points:FILE"))


# ------------------------------------------------------------------------------------------------ hopfield
def _hopfield(arguments: list[str]) -> HopfieldNetwork:
    _arguments(arguments, 1, 2, "hopfield:N[:free|symmetric|zero-diagonal|symmetric-zero-diagonal]")
    return HopfieldNetwork(_integer(arguments[0], "the number of nodes"),
                           arguments[1] if len(arguments) > 1 else "free")


def _count_hopfield(network: HopfieldNetwork, options: CountOptions):
    scheme = Scheme.parse(network.n, options.steps, options.update, options.order)
    if scheme.is_one_step:
        return count_hopfield(network.n, network.weights, options.method, options.progress, options.budget)
    return count_dynamics(network.n, options.steps, options.update, scheme.order_json(), network.weights,
                          progress=options.progress, budget=options.budget)


register(SpecKind("hopfield", "hopfield:N[:CONSTRAINT]", "a Hopfield network x -> H(Wx + theta) on {0,1}^N",
                  _hopfield, _count_hopfield, "maps", "maps", "hopfield:2:symmetric"))


# ------------------------------------------------------------------------------------------------ higher order
def _ptf(arguments: list[str]):
    from .arch.threshold.polynomial import PolynomialThresholdUnit
    _arguments(arguments, 2, 3, "ptf:N:D[:cube01|cubepm1] (e.g. ptf:3:2)")
    return PolynomialThresholdUnit(_integer(arguments[0], "the number of inputs"), _integer(arguments[1], "the degree"),
                                   *arguments[2:])


def _simplicial(arguments: list[str]):
    from .arch.hopfield.simplicial import SimplicialHopfield
    _arguments(arguments, 2, 2, "simplicial-hopfield:N:D (e.g. simplicial-hopfield:3:2)")
    return SimplicialHopfield(*(_integer(a, "the number of nodes and the simplex dimension") for a in arguments))


register(SpecKind("ptf", "ptf:N:D[:CUBE]", "a polynomial threshold unit x -> H(p(x)), deg p <= D, on {0,1}^N",
                  _ptf, lambda obj, options: _count_arrangement(obj, options), "polynomial threshold functions",
                  example="ptf:2:2"))
register(SpecKind("simplicial-hopfield", "simplicial-hopfield:N:D", "one step of the simplicial Hopfield network "
                  "(setwise weights on simplices of dimension <= D)", _simplicial,
                  lambda obj, options: _count_arrangement(obj, options), "maps", example="simplicial-hopfield:3:2"))


# ------------------------------------------------------------------------------------------------ arrangements
def _count_arrangement(named: Any, options: CountOptions):
    method = "enumeration" if options.method == "auto" else options.method
    return count_arrangement_chambers(named.arrangement(), method, options.progress, options.budget)


def _symmetric_limit(n: int, hyperplanes: int, group_order: int):
    def check(budget: Budget) -> None:
        if n > budget.max_symmetric_inputs:
            raise TooLarge(f"the symmetric characteristic polynomial is supported up to n = "
                           f"{budget.max_symmetric_inputs}", f"{hyperplanes} hyperplanes, a group of order "
                                                            f"{group_order}")
    return check


def _resonance(arguments: list[str]) -> NamedArrangement:
    _arguments(arguments, 1, 1, "resonance:N")
    n = _integer(arguments[0], "the dimension")
    if n < 1:
        raise InvalidInput("--inputs must be at least 1")
    return NamedArrangement(library.resonance(n), f"resonance:{n}", "resonance arrangement",
                            lambda: GraphSymmetry.resonance(n) if n >= 7 else library.resonance_group(n), {"inputs": n},
                            _symmetric_limit(n, 2 ** n - 1, factorial(n + 1)))


def _family(name: str, builder: Callable, count_arguments: int, syntax: str):
    def build(arguments: list[str]) -> NamedArrangement:
        _arguments(arguments, count_arguments, count_arguments, syntax)
        values = [_integer(a, "an argument") for a in arguments]
        return NamedArrangement(builder(*values), f"{name}:{':'.join(arguments)}", f"{name} arrangement")
    return build


def _hyperplanes(arguments: list[str]) -> NamedArrangement:
    if not arguments or not arguments[0]:
        raise InvalidInput("spec needs the form hyperplanes:FILE")
    return NamedArrangement(read_hyperplanes(arguments[0]), f"hyperplanes:{arguments[0]}",
                            f"arrangement of {arguments[0]}")


register(SpecKind("resonance", "resonance:N", "the resonance arrangement in Q^N", _resonance, _count_arrangement,
                  example="resonance:3"))
register(SpecKind("hyperplanes", "hyperplanes:FILE", "hyperplanes a.x = c from a CSV file (a_1..a_d, c per line)",
                  _hyperplanes, _count_arrangement, example="hyperplanes:FILE"))
for _name, _builder, _count, _help, _example in (
        ("braid", library.braid, 1, "the braid arrangement x_i = x_j in Q^N", "braid:3"),
        ("coordinate", library.coordinate, 1, "the coordinate hyperplanes x_i = 0 in Q^N", "coordinate:2"),
        ("generic", library.generic, 2, "M central hyperplanes in general position in Q^N", "generic:3:4"),
        ("shi", library.shi, 1, "the shi arrangement x_i - x_j = 0, 1 (i < j) in Q^N", "shi:3"),
        ("catalan", library.catalan, 1, "the catalan arrangement x_i - x_j = -1, 0, 1 (i < j) in Q^N", "catalan:3"),
        ("semiorder", library.semiorder, 1, "the semiorder arrangement x_i - x_j = -1, 1 (i < j) in Q^N",
         "semiorder:3"),
        ("linial", library.linial, 1, "the linial arrangement x_i - x_j = 1 (i < j) in Q^N", "linial:3")):
    _syntax = f"{_name}:N" + (":M" if _count == 2 else "")
    register(SpecKind(_name, _syntax, _help, _family(_name, _builder, _count, _syntax), _count_arrangement,
                      example=_example))


def _graphical(arguments: list[str]) -> NamedArrangement:
    _arguments(arguments, 1, 1, "graphical:EDGES (e.g. graphical:0-1,1-2,2-0)")
    return NamedArrangement(library.graphical(arguments[0]), f"graphical:{arguments[0]}", "graphical arrangement")


register(SpecKind("graphical", "graphical:EDGES", "x_u = x_v for each edge u-v (vertices from 0), e.g. 0-1,1-2,2-0",
                  _graphical, _count_arrangement, example="graphical:0-1,1-2,2-0"))


# ------------------------------------------------------------------------------------------------ relu
def _relu(arguments: list[str]):
    from .arch.relu import ReLUNet
    if not arguments or not arguments[0]:
        raise InvalidInput("spec needs the form relu:FILE (an .npz with W0, b0, W1, ... or a PyTorch .pt file)")
    return ReLUNet.load(arguments[0])


def _count_relu(net, options: CountOptions):
    from .arch.relu import linear_regions
    return linear_regions(net, progress=options.progress, max_cells=options.budget.max_chambers)


def _relu_data(arguments: list[str]):
    from .arch.relu.data import ReLUOnData
    if not arguments or not arguments[0]:
        raise InvalidInput("spec needs the form relu-data:FILE[:WIDTH]")
    path, width = arguments[0], "1"
    head, _, tail = path.rpartition(":")
    if head and tail.isdigit():
        path, width = head, tail
    return ReLUOnData(from_csv(path), _integer(width, "the width"), spec=f"relu-data:{path}:{width}")


register(SpecKind("relu", "relu:FILE", "a ReLU network (.npz W0,b0,W1,... or PyTorch .pt); counts its linear regions",
                  _relu, _count_relu, "linear regions", "regions", "relu:FILE"))
register(SpecKind("relu-data", "relu-data:FILE[:WIDTH]", "a one-hidden-layer ReLU network of width WIDTH on the "
                  "points of a CSV file; counts its activation patterns", _relu_data, _count_arrangement,
                  "activation patterns", example="relu-data:FILE:2"))


def _sawtooth(arguments: list[str]):
    from .arch.relu import sawtooth
    _arguments(arguments, 1, 1, "sawtooth:DEPTH")
    depth = _integer(arguments[0], "the depth")
    check_number(depth, "the depth", minimum=1, maximum=64, integer=True)
    return sawtooth(depth)


def _random(arguments: list[str]):
    from .arch.relu import random_net
    _arguments(arguments, 1, 2, "random:WIDTHS[:SEED] (e.g. random:2,16,16,1:3)")
    widths = [_integer(w, "a width") for w in arguments[0].split(",")]
    return random_net(widths, seed=_integer(arguments[1], "the seed") if len(arguments) > 1 else 0)


register(SpecKind("sawtooth", "sawtooth:DEPTH", "the sawtooth ReLU network (2^DEPTH pieces on [0, 1])", _sawtooth,
                  _count_relu, "linear regions", "regions", "sawtooth:2"))
register(SpecKind("random", "random:WIDTHS[:SEED]", "a ReLU network with seeded integer weights in [-8, 8]", _random,
                  _count_relu, "linear regions", "regions", "random:2,3,1:1"))


# ------------------------------------------------------------------------------------------------ presentations
def _presentation(name: str):
    def build(arguments: list[str]):
        from .search.ac.families import NamedPresentation, akbulut_kirby, miller_schupp
        if name == "ak":
            _arguments(arguments, 1, 1, "ak:N (e.g. ak:3)")
            return NamedPresentation(akbulut_kirby(_integer(arguments[0], "n")), f"ak:{arguments[0]}")
        _arguments(arguments, 2, 2, "ms:N:W (e.g. ms:2:xyXY)")
        return NamedPresentation(miller_schupp(_integer(arguments[0], "n"), arguments[1]), f"ms:{':'.join(arguments)}")
    return build


register(SpecKind("ak", "ak:N", "the Akbulut-Kirby presentation AK(N) (Andrews-Curtis search)", _presentation("ak"),
                  example="ak:2"))
register(SpecKind("ms", "ms:N:W", "the Miller-Schupp presentation MS(N, W) (Andrews-Curtis search)",
                  _presentation("ms"), example="ms:2:yxYX"))


# ------------------------------------------------------------------------------------------------ algebraic
def _algebraic(name: str):
    def build(arguments: list[str]):
        from .arch.polynomial.spec import from_spec
        return from_spec(name, arguments)
    return build


register(SpecKind("poly", "poly:WIDTHS:R[:bias]", "a polynomial network x -> W_L s(...s(W_1 x)), s(t) = t^R or any "
                  "polynomial SIGMA in t, with biases when :bias (semi-algebraic)", _algebraic("poly"),
                  example="poly:2,2,1:3"))
register(SpecKind("pcn", "pcn:INPUT:KERNELS:STRIDES:R", "a polynomial convolutional network: 1-D convolutions "
                  "with t^R between them (semi-algebraic)", _algebraic("pcn"), example="pcn:5:3,2:1,1:2"))
register(SpecKind("linear", "linear:WIDTHS", "a linear network x -> W_L ... W_1 x (semi-algebraic)",
                  _algebraic("linear"), example="linear:2,2,2"))
register(SpecKind("lcn", "lcn:KERNELS[:STRIDES]", "a 1-D linear convolutional network (semi-algebraic)",
                  _algebraic("lcn"), example="lcn:2,3"))


__all__ = ["REGISTRY", "SpecKind", "Count", "CountOptions", "register", "resolve", "count", "spec_from_options", "check_options_agree", "kind_of"]
