"""Hyperplane arrangements over Q: the data class and the algorithms on it."""

from .arrangement import Arrangement, hyperplane_classes
from .chambers import (Chamber, ChamberComplex, chamber_complex, chambers, count_chambers, count_relatively_bounded,
                       is_relatively_bounded, sign_vector, verify_chamber)
from .lattice import (CharacteristicPolynomial, Flat, IntersectionLattice, RegionCounts, characteristic_polynomial,
                      intersection_lattice, region_counts, whitney_characteristic_polynomial)
from .size import check_size, general_position_bound

__all__ = [
    "Arrangement", "hyperplane_classes", "Chamber", "ChamberComplex", "CharacteristicPolynomial", "Flat", "IntersectionLattice",
    "RegionCounts", "chamber_complex", "check_size", "general_position_bound", "chambers", "characteristic_polynomial",
    "count_chambers", "count_relatively_bounded", "is_relatively_bounded",
    "intersection_lattice", "region_counts", "sign_vector", "verify_chamber", "whitney_characteristic_polynomial",
]
from .faces import Face, FaceEnumeration, f_vector, f_vector_by_flats, f_vector_from_lattice, faces  # noqa: E402

__all__ += ["Face", "FaceEnumeration", "f_vector", "f_vector_by_flats", "f_vector_from_lattice", "faces"]
from .counting import CountResult, count_arrangement_chambers  # noqa: E402

__all__ += ["CountResult", "count_arrangement_chambers"]
from .isomorphism import LatticeIsomorphism, lattice_isomorphism  # noqa: E402
from .summary import ArrangementSummary, arrangement_invariants  # noqa: E402

__all__ += ["LatticeIsomorphism", "lattice_isomorphism", "ArrangementSummary", "arrangement_invariants"]
