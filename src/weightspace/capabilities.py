"""Declared capabilities: what an object a spec names can do, read from one declaration, never probed.

Every class a spec resolves to ([`weightspace.specs`][weightspace.specs]) derives from
[`Declared`][weightspace.capabilities.Declared] and lists its capabilities in one class attribute,
``capabilities``; an instance may narrow the set (a Hopfield network under a k-step scheme has no single sign
system, a threshold unit off the cube no cube group) by overriding
[`declared()`][weightspace.capabilities.Declared.declared]. Dispatch asks
[`supports()`][weightspace.capabilities.Declared.supports] or
[`require()`][weightspace.capabilities.Declared.require]; a missing capability is one
[`NotSupported`][weightspace.errors.NotSupported] line that says what to use instead (``instead``), never an
``AttributeError``.

The capabilities:

=====================  ====================================================================================
``evaluate``           ``parameter_space``, ``parse_function``, ``evaluate(parameters)`` (the protocol of
                       [`weightspace.arch.base`][weightspace.arch.base])
``sign_system``        ``Par_f`` is one open cone ``{s_k a_k . phi > 0}``: ``sign_system(f)``
``search``             ``Par_f`` is a union of chambers, decided by a search registered for the type
``arrangement``        ``arrangement()``: the hyperplanes whose chambers are the ``Par_f`` (``charpoly``,
                       ``faces``, ``arrangement``, ``chambers``)
``symmetry_group``     ``symmetry_group(budget)``: permutations of the hyperplanes (the symmetric route)
``factors``            ``factors()``: a product decomposition of ``Par_A``
``count``              the spec kind names a counting route (``weightspace count``)
``regions``            linear regions of the input space (ReLU networks)
``neuromanifold``      a semi-algebraic function space: dimension, membership, ED degree
``presentation``       a balanced presentation of the trivial group (``presentation``), for the Andrews–Curtis
                       search
=====================  ====================================================================================

A verb needs ([`VERB_NEEDS`][weightspace.capabilities.VERB_NEEDS]): ``count`` -> ``count``; ``charpoly``,
``faces``, ``arrangement`` -> ``arrangement``; ``realize`` -> ``sign_system`` or ``search``.

Examples
--------
>>> from weightspace.specs import resolve
>>> resolve("threshold:2").supports("realize"), resolve("braid:3").supports("realize")
(True, False)
>>> resolve("poly:2,2,1:3").require("realize")
Traceback (most recent call last):
...
weightspace.errors.NotSupported: poly:2,2,1:3 cannot realize: it is semi-algebraic (its functions form a continuum); use weightspace neuromanifold --arch poly --widths 2,2,1 --degree 3 --member F
"""

from __future__ import annotations

from typing import ClassVar

from .errors import NotSupported

CAPABILITIES = frozenset({"evaluate", "sign_system", "search", "arrangement", "symmetry_group", "factors", "count",
                          "regions", "neuromanifold", "presentation"})
"""Every capability an object may declare (see the module docstring)."""

VERB_NEEDS: dict[str, tuple[str, ...]] = {"count": ("count",), "charpoly": ("arrangement",),
                                          "faces": ("arrangement",), "arrangement": ("arrangement",),
                                          "chambers": ("arrangement",), "realize": ("sign_system", "search")}
"""For each generic verb, the capabilities any one of which lets it run."""

_WHAT = {"arrangement": "has no hyperplane arrangement", "symmetry_group": "has no known symmetry group",
         "factors": "has no product structure (factors)", "sign_system": "has no single sign system",
         "search": "has no registered search", "count": "has no counting route", "evaluate": "is not an architecture",
         "regions": "has no input-space regions", "neuromanifold": "is not semi-algebraic",
         "presentation": "is not a balanced presentation (ac solve takes r1,r2, ak:N or ms:N:W)",
         "realize": "cannot realize", "charpoly": "has no characteristic polynomial",
         "faces": "has no faces", "chambers": "has no chambers"}


class Declared:
    """The base of every object a spec names: one ``capabilities`` declaration and one ``instead`` hint per
    missing capability (``"*"``: the hint for all of them)."""

    spec: str
    capabilities: ClassVar[frozenset[str]] = frozenset()
    instead: ClassVar[dict[str, str]] = {}

    def declared(self) -> frozenset[str]:
        """The capabilities of this object (the class declaration, narrowed where an instance lacks one)."""
        return type(self).capabilities

    def supports(self, name: str) -> bool:
        """Whether this object has capability ``name``, or can run verb ``name`` (see ``VERB_NEEDS``).

        Raises
        ------
        ValueError
            For a name that is neither a capability nor a generic verb (a typo in the caller, never user input).
        """
        if name in VERB_NEEDS:
            return any(need in self.declared() for need in VERB_NEEDS[name])
        if name not in CAPABILITIES:
            raise ValueError(f"unknown capability {name!r}")
        return name in self.declared()

    def require(self, name: str) -> None:
        """Return if this object supports ``name``; otherwise one line saying what is missing and what to use.

        Raises
        ------
        NotSupported
            When the capability (or every capability the verb could use) is missing.
        """
        if self.supports(name):
            return
        hint = self.hint(name)
        raise NotSupported(f"{self.spec} {_WHAT.get(name, 'cannot ' + name)}" + (f": {hint}" if hint else ""))

    def hint(self, name: str) -> str:
        """What to use instead of the missing capability ``name`` (empty when there is nothing to say)."""
        return self.instead.get(name, self.instead.get("*", ""))


def declared_capabilities(obj: object) -> frozenset[str]:
    """The declared capabilities of ``obj`` (empty for an object outside the house).

    Parameters
    ----------
    obj
        Any object; those deriving from [`Declared`][weightspace.capabilities.Declared] answer for themselves.

    Returns
    -------
    frozenset[str]
        The capability names (a subset of ``CAPABILITIES``).

    Examples
    --------
    >>> from weightspace.specs import resolve
    >>> sorted(declared_capabilities(resolve("hopfield:2")))
    ['arrangement', 'count', 'evaluate', 'factors', 'sign_system', 'symmetry_group']
    """
    return obj.declared() if isinstance(obj, Declared) else frozenset()


__all__ = ["CAPABILITIES", "VERB_NEEDS", "Declared", "declared_capabilities"]
