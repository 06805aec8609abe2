"""The [`Architecture`][weightspace.arch.base.Architecture] protocol and the one answer to "is this function
realisable?": [`Realization`][weightspace.arch.base.Realization].

An architecture ``A`` maps each parameter ``Theta`` of its parameter space ``Par_A`` to a function ``A_Theta`` on a
finite domain. weightspace asks every architecture for the same few things:

* ``parameter_space``: a [`ParameterSpace`][weightspace.arch.base.ParameterSpace], i.e. named ambient coordinates
  ``Q^N`` and a linear constraint subspace ``L`` (symmetric weights, a zero diagonal, ...) given by an integer basis.
  Parameters are written in the coordinates of ``L``;
  [`ParameterSpace.embed()`][weightspace.arch.base.ParameterSpace.embed] returns the ambient vector.
* ``parse_function(f)``: the function as a tuple of exact values (a truth table, a map), validated.
* ``evaluate(parameters)``: the function computed at an ambient parameter vector, by exact simulation: the only
  simulator of the architecture.
* ``sign_system(f)`` (arrangement-type architectures): rows ``a_k`` (in coordinates of ``L``), signs ``s_k`` and labels
  such that ``Par_f = {phi : s_k a_k . phi > 0}`` up to its boundary; then ``f`` is realisable iff this open cone is
  nonempty, which [`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs] decides exactly (Gordan's alternative).
* optional capabilities, declared in one ``capabilities`` set ([`weightspace.capabilities`][weightspace.capabilities];
  a missing one is a [`NotSupported`][weightspace.errors.NotSupported] line): ``arrangement()`` (the hyperplanes
  of ``Par_A`` whose chambers are the ``Par_f``), ``symmetry_group()`` (a group permuting those hyperplanes, for
  orbit computations) and ``factors()`` (a product decomposition of ``Par_A``).
  Semi-algebraic architectures (polynomial networks) declare no arrangement.

[`realize()`][weightspace.arch.base.realize] returns one [`Realization`][weightspace.arch.base.Realization] for every
architecture: an exact [`Witness`][weightspace.arch.base.Witness] or a
[`Certificate`][weightspace.arch.base.Certificate] of impossibility (kinds ``gordan``, ``exhaustive``,
``exhaustive-square-root-search``), and [`Realization.verify()`][weightspace.arch.base.Realization.verify] re-checks it
in exact arithmetic, raising [`CertificationError`][weightspace.errors.CertificationError] on failure (never an
``assert``, which ``python -O`` removes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Hashable, Protocol, Sequence, runtime_checkable

from ..capabilities import Declared
from ..encoding import jsonable as _jsonable
from ..errors import CertificationError, NotSupported
from ..exact import rank, vecmat
from ..lp import solve_signs, verify_certificate


# ------------------------------------------------------------------------------------------------ parameter space
@dataclass(frozen=True)
class ParameterSpace:
    """Ambient coordinates ``Q^N`` with names, and the constraint subspace ``L = span(basis)``.

    ``basis`` holds integer column vectors of length ``N``; ``names`` name the coordinates of ``L`` (one per basis
    vector). A free parameter space has the standard basis.

    Examples
    --------
    >>> space = ParameterSpace.subspace(("a", "b", "c"), [(1, 1, 0), (0, 0, 1)], ("a=b", "c"))
    >>> space.dimension, space.embed((2, 5)), space.contains((3, 3, 1)), space.contains((1, 2, 0))
    (2, (2, 2, 5), True, False)
    """

    ambient_names: tuple[str, ...]
    basis: tuple[tuple[int, ...], ...]
    names: tuple[str, ...]

    @classmethod
    def free(cls, names: Sequence[str]) -> "ParameterSpace":
        names = tuple(names)
        identity = tuple(tuple(int(i == j) for i in range(len(names))) for j in range(len(names)))
        return cls(names, identity, names)

    @classmethod
    def subspace(cls, ambient_names: Sequence[str], basis: Sequence[Sequence[int]],
                 names: Sequence[str]) -> "ParameterSpace":
        return cls(tuple(ambient_names), tuple(tuple(int(v) for v in b) for b in basis), tuple(names))

    @property
    def dimension(self) -> int:
        """Dimension of ``L``."""
        return len(self.basis)

    @property
    def ambient_dimension(self) -> int:
        return len(self.ambient_names)

    def embed(self, coordinates: Sequence[int | Fraction]) -> tuple:
        """The ambient vector ``B phi`` of coordinates ``phi`` of ``L`` (exact)."""
        out = [0] * self.ambient_dimension
        for column, c in zip(self.basis, coordinates):
            if c:
                for i, b in enumerate(column):
                    if b:
                        out[i] += b * c
        return tuple(out)

    def restrict(self, ambient_row: Sequence[int]) -> tuple[int, ...]:
        """Coefficients of the linear form ``ambient_row`` in the coordinates of ``L`` (``row . B``)."""
        return tuple(vecmat(ambient_row, self.basis))

    def contains(self, vector: Sequence[int | Fraction]) -> bool:
        """Exact membership of an ambient vector in ``L`` (rank test)."""
        if not any(vector):
            return True
        return rank(list(self.basis) + [tuple(vector)]) == rank(self.basis)


# ------------------------------------------------------------------------------------------------ sign systems
@dataclass(frozen=True)
class SignSystem:
    """``Par_f = {phi in L : s_k (a_k . phi) > 0 for all k}`` (rows in coordinates of ``L``), with labels."""

    rows: tuple[tuple[int, ...], ...]
    signs: tuple[int, ...]
    labels: tuple[Hashable, ...]


# ------------------------------------------------------------------------------------------------ the protocol
@runtime_checkable
class Architecture(Protocol):
    """What every architecture provides (see the module docstring); capabilities are methods that may raise
    [`NotSupported`][weightspace.errors.NotSupported]."""

    spec: str
    parameter_space: ParameterSpace

    def parse_function(self, f: Any) -> tuple: ...

    def evaluate(self, parameters: Sequence[int | Fraction]) -> tuple: ...

    def witness_values(self, parameters: Sequence[int | Fraction]) -> dict[str, Any]: ...

    def function_dict(self, f: tuple) -> dict[str, Any]: ...


def capability(architecture: Any, name: str):
    """The bound method ``name`` of ``architecture`` when it declares that capability
    ([`weightspace.capabilities`][weightspace.capabilities]), else [`NotSupported`][weightspace.errors.NotSupported]
    naming what is missing.

    Parameters
    ----------
    architecture
        The object asked.
    name
        The capability (``"arrangement"``, ``"sign_system"``, ...).

    Returns
    -------
    Callable
        The bound method.

    Raises
    ------
    NotSupported
        When the architecture does not declare the capability ``name`` (for example ``factors`` for a threshold
        unit, or ``arrangement`` for a semi-algebraic network).

    Examples
    --------
    >>> from weightspace.arch.threshold import ThresholdUnit
    >>> capability(ThresholdUnit.on_cube(2), "factors")()
    Traceback (most recent call last):
    ...
    weightspace.errors.NotSupported: threshold:2 has no product structure (factors): it is a single unit
    """
    if not isinstance(architecture, Declared):
        raise NotSupported(f"{type(architecture).__name__} declares no capabilities")
    architecture.require(name)
    return getattr(architecture, name)


# ------------------------------------------------------------------------------------------------ answers
class _Fields:
    """Attribute access to the entries of ``values`` (``witness.W``, ``certificate.multipliers``)."""

    values: dict

    def __getattr__(self, name: str):
        values = self.__dict__.get("values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class Witness(_Fields):
    """Exact parameters realising the function: ``parameters`` in the ambient coordinates, ``values`` the same
    parameters by name as the architecture reports them (``{"w", "b"}``, ``{"W", "theta"}``, ...)."""

    parameters: tuple
    values: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in self.values.items()}


@dataclass(frozen=True)
class Certificate(_Fields):
    """Why no parameter realises the function.

    ``kind``: ``gordan`` (non-negative integer multipliers ``y_k`` with ``sum_k y_k s_k a_k = 0``: applying any
    parameter gives a positive number equal to zero), ``exhaustive`` (every chamber of an arrangement whose
    chambers cover ``Par_A`` was tried, and their number was checked against an independent count) or
    ``exhaustive-square-root-search`` (a complete search over one-step maps ``F`` with ``F o F = g``).
    ``values`` holds the data in the JSON shape of the command that reports it.
    """

    kind: str
    values: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.kind, **{k: _jsonable(v) for k, v in self.values.items()}}


@dataclass(frozen=True)
class Realization:
    """The answer of [`realize()`][weightspace.arch.base.realize]: the target, and a witness or a certificate (exactly
    one is set).

    ``method`` names the route that decided; ``context`` holds what the JSON output adds (nodes, steps, ...).
    """

    architecture: Any = field(repr=False, compare=False)
    target: tuple
    realizable: bool
    witness: Witness | None
    certificate: Certificate | None
    method: str
    context: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if (self.witness is None) == (self.certificate is None) or self.realizable != (self.witness is not None):
            raise CertificationError("a realisation carries exactly one of a witness and a certificate")

    def verify(self) -> "Realization":
        """Re-check the answer in exact arithmetic; raise [`CertificationError`][weightspace.errors.CertificationError]
        if it does not hold.

        A witness is simulated with the architecture's exact evaluator and must lie in the constraint subspace; a
        Gordan certificate is re-added over a freshly built sign system; an exhaustive certificate must have
        covered as many chambers as an independent count gives.

        Raises
        ------
        CertificationError
            When the witness violates the weight constraint or does not compute the target, when a Gordan certificate
            does not sum to the zero vector, or when an exhaustive certificate covers fewer cases than it claims.
        """
        arch = self.architecture
        if self.witness is not None:
            if not arch.parameter_space.contains(self.witness.parameters):
                raise CertificationError(f"the witness of {arch.spec} violates the weight constraint")
            if tuple(arch.evaluate(self.witness.parameters)) != tuple(self.target):
                raise CertificationError(f"the witness of {arch.spec} does not compute the target")
            return self
        certificate = self.certificate
        if certificate.kind == "gordan":
            system = arch.sign_system(self.target)
            y = [0] * len(system.labels)
            position = {label: k for k, label in enumerate(system.labels)}
            for label, multiplier in certificate.values["pairs"]:
                y[position[label]] = multiplier
            ones = sum(m for m, s in zip(y, system.signs) if s > 0)
            if not (verify_certificate(system.rows, system.signs, y) and ones > 0):
                raise CertificationError(f"the Gordan certificate of {arch.spec} does not sum to zero")
            return self
        checked, expected = certificate.values.get("checked"), certificate.values.get("expected")
        if not expected or checked != expected:
            raise CertificationError(f"the {certificate.kind} certificate covered {checked} of {expected} cases")
        return self

    def lines(self) -> list[str]:
        """The answer in words, as the architecture phrases it (``describe_realization``)."""
        describe = getattr(self.architecture, "describe_realization", None)
        if describe is not None:
            return describe(self)
        answer = self.to_dict()
        return [f"realisable: {answer['witness']}" if self.realizable else
                f"not realisable: certificate {answer['certificate']}"]

    def to_dict(self) -> dict[str, Any]:
        certificate = None
        if self.certificate is not None:
            certificate = {k: v for k, v in self.certificate.to_dict().items() if k not in ("pairs", "checked",
                                                                                           "expected")}
        return {**self.architecture.function_dict(self.target), "realizable": self.realizable,
                "witness": None if self.witness is None else self.witness.to_dict(),
                "certificate": certificate, "method": self.method, **self.context}


def gordan_realization(architecture: Any, target: tuple, system: SignSystem) -> Realization:
    """Decide ``s_k a_k . phi > 0`` exactly ([`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs]) and wrap the
    answer.

    Parameters
    ----------
    architecture
        The architecture, for the witness's and certificate's form.
    target
        The function asked for.
    system
        Its sign system.

    Returns
    -------
    Realization
        Witness or certificate, verified.
    """
    answer = solve_signs(system.rows, system.signs)
    if answer.feasible:
        parameters = architecture.parameter_space.embed(answer.witness)
        witness = Witness(parameters, architecture.witness_values(parameters))
        return Realization(architecture, target, True, witness, None, answer.method)
    pairs = tuple((label, y) for label, y in zip(system.labels, answer.certificate) if y)
    values = {"pairs": pairs, **architecture.certificate_values(target, system, answer.certificate)}
    return Realization(architecture, target, False, None, Certificate("gordan", values), answer.method)


_SEARCHES: dict[type, Any] = {}


def register_search(architecture_type: type, search) -> None:
    """Register ``search(architecture, target, **options) -> Realization`` for architectures whose ``Par_f`` is not
    one sign system (for instance a recurrent scheme: a union of chambers).

    Parameters
    ----------
    architecture_type
        The class whose instances the search serves.
    search
        The search function.
    """
    _SEARCHES[architecture_type] = search


def realize(architecture: Any, f: Any, **options: Any) -> Realization:
    """Decide exactly whether some admissible parameter of ``architecture`` computes ``f``; verified.

    Architectures with a sign system for ``f`` are decided by certified LP (witness or Gordan certificate);
    others (recurrent schemes, whose ``Par_f`` is a union of chambers) by the exhaustive search registered for their
    type ([`register_search()`][weightspace.arch.base.register_search]).
    ``options`` (``budget``, ``progress``, ``chambers``) are passed to the search.

    Parameters
    ----------
    architecture
        An object declaring ``sign_system`` or with a registered search.
    f
        The function, in any form ``architecture.parse_function`` reads.
    **options
        Passed to a registered search.

    Returns
    -------
    Realization
        A verified witness or certificate.

    Raises
    ------
    InvalidInput
        When ``f`` is not a function of the architecture (wrong length, bad entries).
    NotSupported
        When the architecture has neither a sign system for ``f`` nor a search registered for its type.
    TooLarge
        When the registered search would list more chambers than ``options["budget"]`` allows.
    CertificationError
        When the answer fails its exact re-check (it is never returned unverified).

    Examples
    --------
    >>> from weightspace import library
    >>> result = realize(library.hopfield(2), "0,1,1,0")
    >>> result.realizable, result.certificate.kind, result.verify() is result
    (False, 'gordan', True)
    """
    architecture.require("realize")
    target = architecture.parse_function(f)
    if not architecture.supports("sign_system"):
        search = _SEARCHES.get(type(architecture))
        if search is None:
            raise NotSupported(f"{architecture.spec} has neither a sign system nor a registered search")
        result = search(architecture, target, **options)
    else:
        result = gordan_realization(architecture, target, architecture.sign_system(target))
    return result.verify()


__all__ = ["Architecture", "ParameterSpace", "SignSystem", "Witness", "Certificate", "Realization", "realize",
           "gordan_realization", "capability", "register_search"]
