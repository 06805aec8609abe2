"""Every invariant of one arrangement in one result: the answer of ``weightspace arrangement SPEC``.

The cheap properties (dimension, distinct hyperplanes, rank, central, linear, essential) are always computed. The
others are computed when they fit the [`Budget`][weightspace.budget.Budget] (by default), or exactly those named;
an invariant beyond the budget is listed in ``skipped`` with the reason and its estimated size instead.

* ``characteristic_polynomial``, ``regions``, ``bounded_regions``, ``betti_numbers``, ``whitney_first_kind``: from
  ``chi_A`` (one flat per orbit when a symmetry group is known, else the intersection lattice). Regions
  ``(-1)^d chi(-1)``, relatively bounded regions ``(-1)^rank chi(1)`` (Zaslavsky 1975), Betti numbers of the
  complement ``|coefficients|`` (Orlik–Solomon), Whitney numbers of the first kind ``w_k = sum_{rank X = k} mu(X)``
  (the coefficients of ``chi`` by rank).
* ``flats_per_rank``: Whitney numbers of the second kind, from the intersection lattice.
* ``f_vector``: faces by dimension ``0..d`` (SageMath's ``face_vector``), by enumerating every face.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..budget import DEFAULT_BUDGET, Budget
from ..capabilities import declared_capabilities
from ..errors import InvalidInput, TooLarge
from .arrangement import Arrangement, distinct_hyperplanes
from .faces import FaceEnumeration, f_vector_from_lattice, faces
from .invariants import charpoly_of, describe_arrangement
from .named import NamedArrangement
from .lattice import IntersectionLattice, characteristic_polynomial, intersection_lattice, region_counts
from .size import check_size

INVARIANTS = ("characteristic_polynomial", "regions", "bounded_regions", "betti_numbers", "whitney_first_kind",
              "flats_per_rank", "f_vector")
ALIASES = {"charpoly": "characteristic_polynomial", "chi": "characteristic_polynomial", "bounded": "bounded_regions",
           "betti": "betti_numbers", "whitney": "whitney_first_kind", "flats": "flats_per_rank",
           "fvector": "f_vector", "f-vector": "f_vector", "faces": "f_vector"}
_FROM_CHI = {"characteristic_polynomial", "regions", "bounded_regions", "betti_numbers", "whitney_first_kind"}


@dataclass(frozen=True)
class ArrangementSummary:
    """The invariants of one arrangement; ``None`` marks an invariant not computed (see ``skipped``)."""

    name: str
    dimension: int
    hyperplanes: int
    rank: int
    central: bool
    linear: bool
    essential: bool
    characteristic_polynomial: tuple[int, ...] | None = None
    regions: int | None = None
    bounded_regions: int | None = None
    betti_numbers: list[int] | None = None
    whitney_first_kind: list[int] | None = None
    flats_per_rank: list[int] | None = None
    f_vector: list[int] | None = None
    methods: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    subject: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    lattice: IntersectionLattice | None = field(default=None, repr=False, compare=False)
    face_enumeration: FaceEnumeration | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        # "hyperplanes" counts distinct hyperplanes, as the text says; the subject's count (with repeats, as a
        # file may list a hyperplane twice) is kept under its own name instead of overwriting it.
        subject = {("hyperplanes_with_repeats" if k == "hyperplanes" else k): v for k, v in self.subject.items()}
        out: dict[str, Any] = {"dimension": self.dimension, "hyperplanes": self.hyperplanes, "rank": self.rank,
                               "central": self.central, "linear": self.linear, "essential": self.essential}
        for name in INVARIANTS:
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, tuple) else value
        out.update({"methods": dict(self.methods), "skipped": dict(self.skipped), **subject,
                    "seconds": round(self.seconds, 4)})
        return out

    def lines(self) -> list[str]:
        flags = ", ".join(word for word, on in (("central", self.central), ("linear", self.linear),
                                                 ("essential", self.essential)) if on) or "not central"
        out = [f"{self.name}: {self.hyperplanes} distinct hyperplanes in dimension {self.dimension}, rank {self.rank} "
               f"({flags})"]
        if self.characteristic_polynomial is not None:
            from .lattice import CharacteristicPolynomial
            out.append(f"chi(t) = {CharacteristicPolynomial(self.characteristic_polynomial)}")
        counts = [f"{label}: {value}" for label, value in (("regions", self.regions),
                                                            ("relatively bounded", self.bounded_regions))
                  if value is not None]
        if counts:
            out.append(", ".join(counts))
        for label, value in (("Betti numbers", self.betti_numbers), ("Whitney numbers (first kind)",
                                                                       self.whitney_first_kind),
                             ("flats per rank", self.flats_per_rank), ("f-vector (dimension 0..d)", self.f_vector)):
            if value is not None:
                out.append(f"{label}: {value}")
        for name, reason in self.skipped.items():
            out.append(f"skipped {name}: {reason}")
        out.append(f"({self.seconds:.2f} s)")
        return out


def parse_invariants(text: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Invariant names from ``"charpoly,regions,f_vector"`` (aliases allowed); ``None`` means every cheap one.

    Parameters
    ----------
    text
        Comma-separated names, a list, or ``None``.

    Returns
    -------
    tuple of str or None
        The names (``None``: every invariant).

    Raises
    ------
    InvalidInput
        For an unknown name, or an empty list.

    Examples
    --------
    >>> parse_invariants("charpoly, fvector")
    ('characteristic_polynomial', 'f_vector')
    """
    if text is None:
        return None
    names = [n.strip() for n in (text.split(",") if isinstance(text, str) else text) if n.strip()]
    if not names:
        raise InvalidInput(f"--invariants names no invariant: use some of {', '.join(INVARIANTS)}")
    out = []
    for name in names:
        name = ALIASES.get(name, name)
        if name not in INVARIANTS:
            raise InvalidInput(f"unknown invariant {name!r}: use {', '.join(INVARIANTS)} (or charpoly, fvector, "
                               "flats, whitney, betti, bounded)")
        if name not in out:
            out.append(name)
    return tuple(out)


def arrangement_invariants(obj: Any, invariants: str | Iterable[str] | None = None,
                           budget: Budget = DEFAULT_BUDGET,
                           progress: Callable[[int, int], None] | None = None,
                           face_poset: bool = False) -> ArrangementSummary:
    """Every invariant of ``obj`` (an [`Arrangement`][weightspace.arrangement.arrangement.Arrangement] or anything
    with ``arrangement()``, such as a resolved spec) that fits ``budget``, or exactly those named in ``invariants``.

    ``bounded_regions`` counts the regions bounded in the essentialisation (relatively bounded), as SageMath does;
    ``central`` means the hyperplanes share a point, ``linear`` that they all pass through the origin. The
    f-vector comes from the intersection lattice
    ([`f_vector_from_lattice`][weightspace.arrangement.faces.f_vector_from_lattice]); with ``face_poset`` every face
    is enumerated instead and kept in ``face_enumeration`` (for the Hasse diagram).

    Parameters
    ----------
    obj
        An arrangement or an object with ``arrangement()``.
    invariants
        Names of the invariants to compute (all that fit the budget when ``None``).
    budget
        Size limits.
    progress
        Called with ``(done, total)``.
    face_poset
        Also build the face poset.

    Returns
    -------
    ArrangementSummary
        Each invariant computed, and those skipped with the reason.

    Raises
    ------
    InvalidInput
        For an unknown invariant name.
    TooLarge
        When an invariant named explicitly is beyond the budget (by default such invariants are skipped instead).

    Notes
    -----
    By default the lattice invariants (and the f-vector, which is read off the lattice) are computed when the
    general-position bound on chambers is within ``budget.max_chambers``; with a symmetry group the characteristic
    polynomial needs one flat per orbit only. Measured: every invariant of the Petersen graphical arrangement
    (15 hyperplanes in ``Q^10``, 8,581 flats) in about 1 s; of the threshold arrangement of 5 inputs in about 3 s.

    Examples
    --------
    >>> from weightspace import library
    >>> s = arrangement_invariants(library.shi(3))
    >>> s.characteristic_polynomial, s.regions, s.bounded_regions, s.f_vector
    ((1, -6, 9, 0), 16, 4, [0, 6, 21, 16])
    >>> s.central, s.linear, s.essential
    (False, False, False)
    """
    wanted = parse_invariants(invariants)
    explicit = wanted is not None
    wanted = wanted if explicit else INVARIANTS
    if isinstance(obj, Arrangement):
        A, name, subject = obj, "arrangement", {}
        target: Any = NamedArrangement(obj, "arrangement", "arrangement", subject={})
    else:
        A, target = obj.arrangement(), obj
        name, subject = describe_arrangement(obj)
    start = time.perf_counter()
    distinct = len(set(distinct_hyperplanes(A)))
    values: dict[str, Any] = {}
    methods: dict[str, str] = {}
    skipped: dict[str, str] = {}

    def attempt(names: set[str], compute: Callable[[], None]) -> None:
        try:
            compute()
        except TooLarge as error:
            if explicit:
                raise
            for n in sorted(names):
                skipped[n] = str(error)

    lattice: IntersectionLattice | None = None

    def build_lattice() -> IntersectionLattice:
        nonlocal lattice
        if lattice is None:
            check_size(A, "the intersection lattice", limit=budget.max_chambers)
            lattice = intersection_lattice(A, progress)
        return lattice

    has_group = "symmetry_group" in declared_capabilities(target)
    if _FROM_CHI & set(wanted):
        def from_chi() -> None:
            if has_group:         # one flat per orbit: no lattice needed
                result = charpoly_of(target, "auto", budget, progress)
                chi, method = result.polynomial, result.method
            else:
                chi, method = characteristic_polynomial(A, build_lattice()), "intersection-lattice"
            counts = region_counts(A, chi)
            coefficients = chi.coefficients
            values.update(characteristic_polynomial=coefficients, regions=counts.chambers,
                          bounded_regions=counts.bounded_chambers, betti_numbers=[abs(c) for c in coefficients],
                          whitney_first_kind=list(coefficients[:A.rank + 1]))
            for n in _FROM_CHI:
                methods[n] = method
        attempt(_FROM_CHI & set(wanted), from_chi)
    if "flats_per_rank" in wanted:
        def flats() -> None:
            values["flats_per_rank"] = build_lattice().whitney_numbers(2)
            methods["flats_per_rank"] = "intersection-lattice"
        attempt({"flats_per_rank"}, flats)
    enumeration = None
    if "f_vector" in wanted:
        def face_vector() -> None:
            nonlocal enumeration
            if face_poset:
                enumeration = faces(A, limit=None if explicit else budget.max_faces)
                values["f_vector"] = enumeration.f_vector()
                methods["f_vector"] = "face-enumeration"
            else:
                values["f_vector"] = f_vector_from_lattice(A, build_lattice())
                methods["f_vector"] = "intersection-lattice (Zaslavsky on every restriction)"
        attempt({"f_vector"}, face_vector)
    if explicit:                          # report exactly what was asked for
        values = {k: v for k, v in values.items() if k in wanted}
        methods = {k: v for k, v in methods.items() if k in wanted}
    return ArrangementSummary(name, A.dimension, distinct, A.rank, A.is_central, A.is_linear, A.is_essential,
                              methods=methods, skipped=skipped, subject=subject,
                              seconds=time.perf_counter() - start, lattice=lattice, face_enumeration=enumeration,
                              **values)


__all__ = ["ArrangementSummary", "arrangement_invariants", "parse_invariants", "INVARIANTS"]
