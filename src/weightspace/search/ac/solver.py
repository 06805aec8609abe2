"""One entry point for every Andrews–Curtis method: what ``weightspace ac solve`` runs.

[`solve_with`][weightspace.search.ac.solver.solve_with] dispatches ``greedy`` and ``bfs``
([`solve`][weightspace.search.ac.search.solve]), ``cyclic`` and ``options-her``
([`cyclic_solve`][weightspace.search.ac.cyclic.cyclic_solve] with the goals and options of a learned
[`Library`][weightspace.search.ac.options_her.Library]) and ``ppo``
([`ppo_solve`][weightspace.search.ac.ppo.ppo_solve]), each on the move set ``moves`` (``"all"``, ``"paper"``, or
``None``: all, or a library's own set). Every returned path has been replayed.

Examples
--------
>>> from weightspace.search.ac.families import akbulut_kirby
>>> result = solve_with(akbulut_kirby(2), "cyclic", moves="paper")
>>> result.solved, result.method
(True, 'cyclic')
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from ...errors import InvalidInput
from .moves import MOVES, PAPER_MOVES, Presentation
from .search import SearchResult, solve

SOLVE_METHODS = ("greedy", "bfs", "cyclic", "options-her", "ppo")
"""The methods of ``weightspace ac solve``."""


def move_set(moves: str | None) -> tuple[str, ...]:
    """The moves ``--moves`` names: ``"paper"`` the paper's twelve, ``"all"`` (or ``None``) all 14.

    Parameters
    ----------
    moves
        ``"paper"``, ``"all"`` or ``None``.

    Returns
    -------
    tuple[str, ...]
        ``PAPER_MOVES`` or ``MOVES``.

    Raises
    ------
    InvalidInput
        For any other name.

    Examples
    --------
    >>> len(move_set("paper")), len(move_set(None))
    (12, 14)
    """
    if moves not in ("paper", "all", None):
        raise InvalidInput(f"unknown --moves {moves!r}: use paper or all")
    return PAPER_MOVES if moves == "paper" else MOVES


def presentation_of(text: str) -> Presentation:
    """The presentation ``text`` names: ``r1,r2`` relators, or a family spec of the registry (``ak:N``,
    ``ms:N:W``; [`weightspace.specs.resolve`][weightspace.specs.resolve] parses it).

    Parameters
    ----------
    text
        The value of ``--relators``.

    Returns
    -------
    Presentation
        Two freely reduced relators, balanced with unimodular exponent sums.

    Raises
    ------
    InvalidInput
        For bad letters, an unbalanced presentation or a bad spec.
    NotSupported
        For a spec of another kind (``threshold:2``).

    Examples
    --------
    >>> presentation_of("ak:2") == presentation_of("xxYYY,xyxYXY")
    True
    """
    if ":" not in text:
        from .families import parse_presentation
        return parse_presentation(text)
    from ...specs import resolve
    named = resolve(text)
    named.require("presentation")
    return named.presentation


def solve_with(start: Presentation, method: str = "greedy", max_nodes: int = 100_000, max_length: int | None = None,
               *, moves: str | None = None, library: str | None = None, checkpoint: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> SearchResult:
    """Search for a trivialisation of ``start`` with ``method`` (see the module docstring); ``library`` is a file
    written by ``ac benchmark --library`` (options-her only), ``checkpoint`` a file (greedy and bfs).

    Parameters
    ----------
    start
        The presentation to trivialise.
    method
        One of ``SOLVE_METHODS``.
    max_nodes
        The budget, in the method's own unit (presentations, classes, environment steps).
    max_length
        Cap on relator length (``None``: none; PPO's default is 18).
    moves
        ``"all"``, ``"paper"`` (the paper's twelve) or ``None`` (all, or the library's own set).
    library
        A library file (options-her).
    checkpoint
        A checkpoint file (greedy and bfs).
    progress
        Called with ``(done, total)`` (greedy and bfs).

    Returns
    -------
    SearchResult
        Solved or not, with the replayed path.

    Raises
    ------
    InvalidInput
        For an unknown method or move set, a library with another method, or a library learned with another move
        set than ``moves``.
    """
    if method not in SOLVE_METHODS:
        raise InvalidInput(f"unknown method {method!r}: use {', '.join(SOLVE_METHODS)}")
    moves_used = move_set(moves)
    if library and method != "options-her":
        raise InvalidInput("--library goes with --method options-her")
    if method == "ppo":
        from .ppo import ppo_solve
        return ppo_solve(start, max_nodes, max_length or 18, moves=moves_used)
    if method in ("cyclic", "options-her"):
        from .cyclic import cyclic_solve
        from .options_her import Library
        learned = Library.load(library) if library else Library(inversion=moves != "paper")
        if moves is not None and learned.inversion != (moves == "all"):
            raise InvalidInput(f"the library {library} was learned with --moves "
                               f"{'all' if learned.inversion else 'paper'}: give the same --moves")
        result = cyclic_solve(start, max_nodes, max_length, goals=learned.goals, macros=learned.macros,
                              moves=learned.moves)
        return dataclasses.replace(result, method=method)
    return solve(start, method, max_nodes, max_length, checkpoint, progress=progress, moves=moves_used)


__all__ = ["SOLVE_METHODS", "move_set", "presentation_of", "solve_with"]
