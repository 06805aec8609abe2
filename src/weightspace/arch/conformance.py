"""The conformance checks every object a spec names must pass (the analogue of scikit-learn's ``estimator_checks``).

[`check_architecture`][weightspace.arch.conformance.check_architecture] reads the object's declared capabilities
([`weightspace.capabilities`][weightspace.capabilities]) and checks, for each capability, that it is there when
declared and a clean one-line [`NotSupported`][weightspace.errors.NotSupported] when not; and, for an architecture
(``evaluate``), the protocol's semantics at random integer parameters ``phi`` of the constraint subspace ``L``:

* ``parse_function(evaluate(B phi)) == evaluate(B phi)`` (the function is one the architecture accepts);
* with a sign system: ``s_k (a_k . phi) >= 0`` for the system of ``f = evaluate(B phi)``, i.e. ``phi`` lies in the
  closure of ``Par_f``, as the definition ``Par_f = {s_k a_k . phi > 0}`` demands;
* with ``realize``: the realisation of ``f`` is realisable, verified, and its witness evaluates to ``f``;
* with a symmetry group: each of its elements permutes the hyperplanes of ``arrangement()``.

Examples
--------
>>> from weightspace.specs import resolve
>>> check_architecture(resolve("threshold:2"))
['declared', 'missing-is-clean', 'function-roundtrip', 'sign-system-contains-phi', 'realize-witness', 'arrangement', 'symmetry-permutes']
"""

from __future__ import annotations

import random
from typing import Any

from ..capabilities import CAPABILITIES, Declared
from ..errors import CertificationError, NotSupported

_METHODS = {"evaluate": ("parse_function", "evaluate", "witness_values", "function_dict"),
            "sign_system": ("sign_system",), "arrangement": ("arrangement",), "symmetry_group": ("symmetry_group",),
            "factors": ("factors",), "neuromanifold": ("jacobian", "expected_dimension")}


def _fail(obj: Any, message: str) -> None:
    raise CertificationError(f"{getattr(obj, 'spec', type(obj).__name__)} does not conform: {message}")


def check_architecture(obj: Any, seed: int = 0, samples: int = 3, realize_it: bool = True) -> list[str]:
    """Run the conformance checks of the module docstring on ``obj``; returns the names of the checks run.

    ``samples`` random parameter points are tried (integers in ``[-3, 3]`` in the coordinates of ``L``);
    ``realize_it=False`` skips the realisation (for architectures whose search is slow).

    Parameters
    ----------
    obj
        What a spec names.
    seed
        Seed of the random parameters.
    samples
        How many random parameter points to try.
    realize_it
        Also realise each sampled function and check the witness.

    Returns
    -------
    list[str]
        The names of the checks that ran (and passed).

    Raises
    ------
    CertificationError
        Naming the first check that fails.
    """
    from .base import realize
    ran = ["declared"]
    if not isinstance(obj, Declared):
        _fail(obj, "it does not derive from weightspace.capabilities.Declared")
    declared = obj.declared()
    if not declared <= CAPABILITIES or not isinstance(obj.spec, str):
        _fail(obj, f"unknown capabilities {sorted(declared - CAPABILITIES)} or no spec")
    for name in sorted(CAPABILITIES):
        if name in declared:
            missing = [m for m in _METHODS.get(name, ()) if not callable(getattr(obj, m, None))
                       and not hasattr(type(obj), m)]
            if missing:
                _fail(obj, f"declares {name} but has no {', '.join(missing)}")
        else:
            try:
                obj.require(name)
            except NotSupported as error:
                if "\n" in str(error) or not str(error).startswith(obj.spec):
                    _fail(obj, f"the NotSupported message for {name} is not one line naming the spec")
            else:
                _fail(obj, f"require({name!r}) passed although it is not declared")
    ran.append("missing-is-clean")
    if "evaluate" in declared:
        rng = random.Random(seed)
        space = obj.parameter_space
        for _ in range(samples):
            phi = [rng.randint(-3, 3) for _ in range(space.dimension)]
            theta = space.embed(phi)
            f = tuple(obj.evaluate(theta))
            if tuple(obj.parse_function(f)) != f:
                _fail(obj, f"parse_function does not accept evaluate's answer {f}")
            if "sign_system" in declared:
                system = obj.sign_system(f)
                for row, sign in zip(system.rows, system.signs):
                    if sign * sum(a * x for a, x in zip(row, phi)) < 0:
                        _fail(obj, f"phi = {phi} lies outside the closure of Par_f of its own function")
            if realize_it and obj.supports("realize"):
                answer = realize(obj, f)
                if not answer.realizable or tuple(obj.evaluate(answer.witness.parameters)) != f:
                    _fail(obj, f"realize({f}) did not return a witness computing it")
        ran.append("function-roundtrip")
        if "sign_system" in declared:
            ran.append("sign-system-contains-phi")
        if realize_it and obj.supports("realize"):
            ran.append("realize-witness")
    if "arrangement" in declared:
        A = obj.arrangement()
        if len(A) < 1 or A.dimension < 1:
            _fail(obj, "its arrangement is empty")
        ran.append("arrangement")
        if "symmetry_group" in declared:
            group = obj.symmetry_group(None)
            rows = group.permutations(64) if hasattr(group, "permutations") else list(group)[:64]
            for row in rows:
                if sorted(int(i) for i in row) != list(range(len(A))):
                    _fail(obj, "a symmetry is not a permutation of the hyperplanes")
            ran.append("symmetry-permutes")
    return ran


__all__ = ["check_architecture"]
