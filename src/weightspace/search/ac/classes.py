"""Classes of two-relator presentations up to cyclic permutation (and inversion) of each relator, and the word
operations the cyclic searches run in their inner loop.

A class is named by its key ``"c1,c2"``, each ``ci`` the least rotation of the cyclically reduced relator (or the
lesser of that and the least rotation of its inverse, when inversion is one of the moves). The names are memoised
(a bounded dictionary per move set): the searches meet the same relators again and again.
"""

from __future__ import annotations

from typing import Sequence

from ...errors import InvalidInput
from .moves import MOVES, PAPER_MOVES
from .words import cyclic_reduce, inverse

Macro = tuple[tuple[bool, bool], ...]
_INVERSE_LETTER = {"x": "X", "X": "x", "y": "Y", "Y": "y"}
_INVERSE = str.maketrans("xXyY", "XxYy")


def least_rotation(word: str) -> str:
    """The lexicographically least cyclic permutation of a cyclically reduced word.

    Parameters
    ----------
    word
        A cyclically reduced word.

    Returns
    -------
    str
        Its least rotation.

    Examples
    --------
    >>> least_rotation("yx"), least_rotation("YYxy")
    ('xy', 'YYxy')
    """
    if not word:
        return ""
    n, doubled, first = len(word), word + word, min(word)
    best, i = word, word.find(first)
    while i != -1:                       # the least rotation starts with the least letter: only those rotations
        candidate = doubled[i:i + n]
        if candidate < best:
            best = candidate
        i = word.find(first, i + 1)
    return best


def canonical_relator(word: str, invert: bool = True) -> str:
    """The lesser of the least rotations of ``word`` and of ``word^-1`` (cyclically reduced ``word``): relators
    equal up to conjugation and inversion get the same name; with ``invert=False`` the least rotation only
    (relators equal up to conjugation, the classes of the paper's twelve moves).

    Parameters
    ----------
    word
        A cyclically reduced word.
    invert
        Also identify ``word`` with its inverse.

    Returns
    -------
    str
        The relator's name.

    Examples
    --------
    >>> canonical_relator("yxx"), canonical_relator("XXY")      # xxy and its inverse YXX ~ XXY
    ('XXY', 'XXY')
    >>> canonical_relator("yxx", invert=False)
    'xxy'
    """
    memo = _NAMES[invert]
    hit = memo.get(word)
    if hit is None:
        least = least_rotation(word)
        hit = min(least, least_rotation(inverse(word))) if invert else least
        if len(memo) >= _CANONICAL_SIZE:                # a bounded memo: relators recur across a search
            memo.clear()
        memo[word] = hit
    return hit


_NAMES: dict[bool, dict[str, str]] = {False: {}, True: {}}      # relator names, up to rotation / and inversion
_CANONICAL_SIZE = 1 << 20


def clear_names() -> None:
    """Empty the memo of relator names (benchmarks clear it so that no method inherits another's)."""
    for memo in _NAMES.values():
        memo.clear()


def class_key(r1: str, r2: str, invert: bool = True) -> str:
    """The key of the class of ``<r1, r2>`` up to cyclic permutation and inversion of each relator: ``"c1,c2"``
    with ``ci`` the [`canonical_relator`][weightspace.search.ac.classes.canonical_relator] of ``ri`` cyclically
    reduced; ``invert=False``: up to cyclic permutation only.

    Parameters
    ----------
    r1
        The first relator.
    r2
        The second relator.
    invert
        Classes up to inversion of each relator too.

    Returns
    -------
    str
        ``"c1,c2"``.

    Examples
    --------
    >>> class_key("yxY", "xyyX") == class_key("X", "yy") == class_key("x", "YY")
    True
    >>> class_key("X", "yy", invert=False) == class_key("x", "YY", invert=False)
    False
    """
    return f"{canonical_relator(cyclic_reduce(r1), invert)},{canonical_relator(cyclic_reduce(r2), invert)}"


def inverts(moves: Sequence[str]) -> bool:
    """Whether a move set of the cyclic searches has the inversions ``ri^-1``: ``MOVES`` (all 14) does, the paper's
    twelve ``PAPER_MOVES`` do not; the classes are then up to rotation only.

    Parameters
    ----------
    moves
        The move set.

    Returns
    -------
    bool
        Whether it has the inversions.

    Raises
    ------
    InvalidInput
        For any other move set (the cyclic searches need every conjugation and concatenation).
    """
    if list(moves) == list(MOVES):
        return True
    if list(moves) == list(PAPER_MOVES):
        return False
    raise InvalidInput("the cyclic searches take all 14 moves or the paper's 12 (no inversion)")


def _rotations(word: str) -> list[str]:
    """The distinct rotations of ``word``, rotation ``p`` = ``word[p:] + word[:p]``."""
    out, seen = [], set()
    for p in range(max(1, len(word))):
        r = word[p:] + word[:p]
        if r in seen:
            break
        seen.add(r)
        out.append(r)
    return out


def _concatenate(u: str, w: str) -> str:
    """``free_reduce(u + w)`` for freely reduced ``u`` and ``w``: only the junction cancels."""
    if not u or not w or u[-1] != _INVERSE_LETTER[w[0]]:
        return u + w
    n = min(len(u), len(w))
    tail = u[len(u) - n:].translate(_INVERSE)[::-1]      # the inverse of u's last n letters, read from the junction
    k = 1
    while k < n and tail[k] == w[k]:
        k += 1
    return u[:len(u) - k] + w[k:]


def _cyclically_reduced(word: str) -> str:
    """``cyclic_reduce`` of a freely reduced word: only the two ends cancel."""
    k, n = 0, len(word)
    while n - 2 * k >= 2 and word[k] == _INVERSE_LETTER[word[n - 1 - k]]:
        k += 1
    return word[k:n - k]


def _trivial_class(key: str) -> bool:
    a, _, b = key.partition(",")
    return len(a) == len(b) == 1 and {a.lower(), b.lower()} == {"x", "y"}


__all__ = ["least_rotation", "canonical_relator", "class_key", "clear_names", "inverts", "Macro"]
