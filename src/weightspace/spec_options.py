"""The legacy option spelling beside a full spec: ``count hopfield:2 --weights symmetric`` names the weights twice.

A full spec names everything it computes on, so an option given with it either agrees (and is harmless) or
contradicts it. [`check_options_agree()`][weightspace.spec_options.check_options_agree] makes the contradiction an
error that names both, so that neither silently wins (which once printed the free count 196 for the symmetric
network, whose count is 146).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .budget import DEFAULT_BUDGET, Budget
from .domain import parse_domain
from .errors import InvalidInput
from .validation import check_number

# Which argument of a full spec each legacy option names (position, default when the spec leaves it out).
_OPTION_ARGUMENTS: dict[str, dict[str, tuple[int, str | None]]] = {
    "threshold": {"--inputs": (0, None), "--domain": (1, "cube01")},
    "hopfield": {"--nodes": (0, None), "--weights": (1, "free")},
    "resonance": {"--inputs": (0, None)},
    "braid": {"--inputs": (0, None)},
    "coordinate": {"--inputs": (0, None)},
}


def check_options_agree(spec: str, inputs: int | None = None, domain: str | None = None, nodes: int | None = None,
                        weights: str | None = None) -> None:
    """Refuse an option that contradicts a full spec or does not apply to its kind; an option that agrees is fine.

    A full spec names everything it computes on, so an option beside it is either redundant (it agrees) or a
    conflict, which is an error naming both rather than one of them silently winning.

    Parameters
    ----------
    spec
        The spec given.
    inputs
        ``--inputs``.
    domain
        ``--domain``.
    nodes
        ``--nodes``.
    weights
        ``--weights``.

    Raises
    ------
    InvalidInput
        Naming the spec and the option that disagree.

    Examples
    --------
    >>> check_options_agree("threshold:3:cubepm1", inputs=3, domain="cubepm1")
    >>> check_options_agree("threshold:3", domain="cubepm1")
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: the spec threshold:3 says domain cube01 but --domain says cubepm1: give it once, e.g. threshold:3:cubepm1
    """
    kind, _, rest = spec.strip().partition(":")
    arguments = rest.split(":")
    positions = _OPTION_ARGUMENTS.get(kind, {})
    given = {"--inputs": inputs, "--domain": domain, "--nodes": nodes, "--weights": weights}
    for option, value in given.items():
        if value is None:
            continue
        if kind == "points" and option == "--domain" and str(value).strip() == spec.strip():
            continue
        if option not in positions:
            raise InvalidInput(f"{option} does not apply to the spec {spec} (a full spec names what it computes "
                               f"on: drop {option})")
        index, default = positions[option]
        said = arguments[index] if index < len(arguments) and arguments[index] != "" else default
        if str(value).strip() != str(said):
            fixed = arguments + [""] * (index + 1 - len(arguments))
            fixed[index] = str(value).strip()
            raise InvalidInput(f"the spec {spec} says {option[2:]} {said} but {option} says {value}: give it once, "
                               f"e.g. {kind}:{':'.join(fixed)}")


def spec_from_options(name: str, inputs: int | None = None, domain: str | None = None, nodes: int | None = None,
                      weights: str | None = None) -> str:
    """The spec meant by the command-line spelling ``threshold --inputs N [--domain D]``, ``hopfield --nodes N
    --weights C`` or ``resonance --inputs N``; a full spec (with ``:``) is returned as it is, after checking that
    every option given with it agrees with it (``None`` means "not given"; the defaults are ``cube01`` and
    ``free``).

    Any other name is returned as it is, for [`resolve()`][weightspace.specs.resolve] to name its syntax.

    Parameters
    ----------
    name
        ``threshold`` or ``hopfield`` (the legacy spelling).
    inputs
        ``--inputs``.
    domain
        ``--domain``.
    nodes
        ``--nodes``.
    weights
        ``--weights``.

    Returns
    -------
    str
        The spec.

    Raises
    ------
    InvalidInput
        For an unknown domain, a missing ``--inputs`` / ``--nodes``, or an option that contradicts the full spec
        (``hopfield:2 --weights symmetric``) or does not apply to it.

    Examples
    --------
    >>> spec_from_options("hopfield:2:symmetric", weights="symmetric")
    'hopfield:2:symmetric'
    >>> spec_from_options("hopfield:2", weights="symmetric")
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: the spec hopfield:2 says weights free but --weights says symmetric: give it once, e.g. hopfield:2:symmetric
    """
    if ":" in name:
        check_options_agree(name, inputs=inputs, domain=domain, nodes=nodes, weights=weights)
        return name
    domain = "cube01" if domain is None else domain
    weights = "free" if weights is None else weights
    if inputs is not None and inputs < 0:
        raise InvalidInput("--inputs must be non-negative")
    if name == "threshold":
        if nodes is not None:
            raise InvalidInput("--nodes does not apply to threshold (use --inputs N)")
        if domain.startswith("points:"):
            parse_domain(domain, inputs)            # checks the file against --inputs
            return domain
        if domain not in ("cube01", "cubepm1"):
            raise InvalidInput(f"unknown domain {domain!r}: use cube01, cubepm1 or points:FILE")
        if inputs is None:
            raise InvalidInput(f"domain {domain} needs the number of inputs (--inputs N)")
        return f"threshold:{inputs}:{domain}"
    if name == "hopfield":
        if inputs is not None:
            raise InvalidInput("--inputs does not apply to hopfield (use --nodes N)")
        if nodes is None:
            raise InvalidInput("hopfield needs the number of nodes (--nodes N)")
        return f"hopfield:{nodes}:{weights}"
    if name in ("resonance", "braid", "coordinate"):
        if nodes is not None:
            raise InvalidInput(f"--nodes does not apply to {name} (use --inputs N)")
        if inputs is None:
            raise InvalidInput(f"{name} needs --inputs N")
        return f"{name}:{inputs}"
    return name          # another kind or an unknown name: resolve() names its syntax or the known kinds


@dataclass
class CountOptions:
    """How to count: method, budget, progress callback, executor settings and (for recurrent networks) the
    scheme given as ``steps`` / ``update`` / ``order`` (1-based, or ``any``)."""

    method: str = "auto"
    budget: Budget = DEFAULT_BUDGET
    progress: Callable[[int, int], None] | None = None
    executor: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    checkpoint: str | None = None
    steps: int = 1
    update: str = "sync"
    order: str | None = None

    def __post_init__(self) -> None:
        if self.workers is not None:
            check_number(self.workers, "--workers", minimum=1, maximum=1024, integer=True)
        check_number(self.steps, "--steps", minimum=1, integer=True)


__all__ = ["check_options_agree", "spec_from_options", "CountOptions"]
