"""Balanced presentations of the trivial group from the literature, as specs.

* ``ak:N``: Akbulut–Kirby ``AK(N) = <x, y | x^N = y^(N+1), xyx = yxy>``, relators ``x^N y^-(N+1)`` and
  ``xyx (yxy)^-1`` (``N >= 2``; AK(2) is known to be AC-trivial, AK(3) was open for decades);
* ``ms:N:W``: Miller–Schupp ``MS(N, W) = <x, y | x^-1 y^N x = y^(N+1), x = W>``, relators ``x^-1 y^N x y^-(N+1)`` and
  ``x W^-1``; it presents the trivial group when ``W`` has exponent sum 0 in ``x`` (Miller and Schupp 1999);
* ``acfile:FILE``: one presentation per line, two relators separated by a comma.
"""

from __future__ import annotations

import itertools

from ...capabilities import Declared
from ...errors import InvalidInput, TooLarge
from ...validation import check_number
from .moves import Presentation
from .words import check_balanced, cyclic_reduce, exponent_sums, inverse, parse_word


def akbulut_kirby(n: int) -> Presentation:
    """``AK(n)``.

    Parameters
    ----------
    n
        The index, ``n >= 1``.

    Returns
    -------
    Presentation
        ``<x, y | x^n y^-(n+1), xyx y^-1 x^-1 y^-1>``.

    Raises
    ------
    InvalidInput
        For ``n < 1``.

    Examples
    --------
    >>> akbulut_kirby(2)
    Presentation(r1='xxYYY', r2='xyxYXY')
    """
    if n < 1:
        raise InvalidInput("AK(N) needs N >= 1")
    return Presentation.of("x" * n + "Y" * (n + 1), "xyx" + inverse("yxy"))


def akbulut_kirby_family(max_n: int) -> list[Presentation]:
    """``AK(2), ..., AK(max_n)``.

    Parameters
    ----------
    max_n
        The last index.

    Returns
    -------
    list of Presentation
        The presentations.

    Raises
    ------
    InvalidInput
        For ``max_n`` outside ``2..1000`` (AK(1) is trivial; AK(1000) has relators of 2001 letters).

    Examples
    --------
    >>> len(akbulut_kirby_family(4))
    3
    """
    check_number(max_n, "--max-n", minimum=2, maximum=1000, integer=True)
    return [akbulut_kirby(n) for n in range(2, max_n + 1)]


def miller_schupp(n: int, w: str) -> Presentation:
    """``MS(n, w)``.

    Parameters
    ----------
    n
        The exponent, ``n >= 1``.
    w
        A word in ``x, y`` with exponent sum 0 in ``x``.

    Returns
    -------
    Presentation
        ``<x, y | x^-1 y^n x y^-(n+1), x w^-1>``.

    Raises
    ------
    InvalidInput
        For ``n < 1``, a bad word, or ``w`` with nonzero exponent sum in ``x``.

    Examples
    --------
    >>> miller_schupp(1, "y")
    Presentation(r1='XyxYY', r2='xY')
    """
    if n < 1:
        raise InvalidInput("MS(N, W) needs N >= 1")
    w = parse_word(w)
    if exponent_sums(w)[0] != 0:
        raise InvalidInput(f"MS(N, W) needs W with exponent sum 0 in x; {w!r} has {exponent_sums(w)[0]}")
    return Presentation.of("X" + "y" * n + "x" + "Y" * (n + 1), "x" + inverse(w))


class NamedPresentation(Declared):
    """A presentation a spec names (``ak:N``, ``ms:N:W``; the registry of [`weightspace.specs`][weightspace.specs]
    parses the spec), checked to be balanced with unimodular exponent sums.

    Raises
    ------
    InvalidInput
        When the presentation is not balanced or its exponent sums are not unimodular.

    Examples
    --------
    >>> NamedPresentation(akbulut_kirby(2), "ak:2").presentation
    Presentation(r1='xxYYY', r2='xyxYXY')
    """

    capabilities = frozenset({"presentation"})
    instead = {"*": "an Andrews-Curtis presentation: use weightspace ac solve --relators SPEC"}

    def __init__(self, presentation: Presentation, spec: str):
        check_balanced(presentation.relators())
        self.presentation, self.spec = presentation, spec


def parse_presentation(text: str) -> Presentation:
    """``"r1,r2"`` (letters ``xXyY`` with optional powers), checked to be balanced with unimodular exponent sums.
    The family specs ``ak:N`` and ``ms:N:W`` are specs of the registry
    ([`weightspace.specs.resolve`][weightspace.specs.resolve] gives a
    [`NamedPresentation`][weightspace.search.ac.families.NamedPresentation]).

    Parameters
    ----------
    text
        ``"r1,r2"``.

    Returns
    -------
    Presentation
        The balanced presentation.

    Raises
    ------
    InvalidInput
        For bad letters, a number of relators other than two, or exponent sums of determinant other than +-1.

    Examples
    --------
    >>> parse_presentation("x^2*Y^3, xyxYXY") == akbulut_kirby(2)
    True
    """
    relators = [parse_word(r) for r in text.strip().split(",")]
    check_balanced(relators)
    return Presentation(*relators)


def read_presentations(path: str) -> list[Presentation]:
    """One presentation per non-empty line (``r1,r2``); ``#`` starts a comment.

    Parameters
    ----------
    path
        The text file.

    Returns
    -------
    list of Presentation
        The presentations in file order.

    Raises
    ------
    InvalidInput
        When the file cannot be read or a line is not a balanced presentation (the message names the line).
    """
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None
    out = []
    for number, line in enumerate(lines, 1):
        line = line.split("#")[0].strip()
        if line:
            try:
                out.append(parse_presentation(line))
            except InvalidInput as error:
                raise InvalidInput(f"{path}:{number}: {error}") from None
    return out


def miller_schupp_benchmark(max_n: int = 7, max_w_length: int = 7) -> list[tuple[int, int, Presentation]]:
    """The Miller–Schupp benchmark of Shehper et al. 2024: ``(n, length, presentation)`` for ``1 <= n <= max_n``
    and words ``w`` of length at most ``max_w_length`` with exponent sum 0 in ``x``. The second relator is
    ``x^-1 w`` cyclically reduced (``w = x`` excluded), ``length`` is its length minus one, and of relators that
    are cyclic permutations of each other only the first met is kept (words in order of length, then
    lexicographically in ``x, y, X, Y``). For ``max_n = max_w_length = 7`` there are 1190 presentations, 170 per
    ``n``, the benchmark of the paper.

    Parameters
    ----------
    max_n
        The largest ``n``.
    max_w_length
        The longest word ``w``.

    Returns
    -------
    list of tuple
        ``(n, length, presentation)``.

    Raises
    ------
    InvalidInput
        For a bound below 1.
    TooLarge
        For words longer than 10 letters or ``max_n > 1000`` (about ``4 * 3^(L-1)`` words of length ``L``).

    Examples
    --------
    >>> len(miller_schupp_benchmark(1, 3)), len(miller_schupp_benchmark(7, 7))
    (6, 1190)
    """
    if max_n < 1 or max_w_length < 1:
        raise InvalidInput("the Miller-Schupp benchmark needs max n and max word length >= 1")
    if max_w_length > 10 or max_n > 1000:
        raise TooLarge("the Miller-Schupp benchmark is built for max n <= 1000 and word length <= 10",
                       f"about {max_n * 4 * 3 ** (max_w_length - 1):.2g} presentations")
    out = []
    for n in range(1, max_n + 1):
        r1 = "X" + "y" * n + "x" + "Y" * (n + 1)
        seen: set[str] = set()
        for length in range(1, max_w_length + 1):
            for letters in itertools.product("xyXY", repeat=length):
                w = "".join(letters)
                if exponent_sums(w)[0] != 0:
                    continue
                r2 = cyclic_reduce("X" + w)
                if r2 == "X" or r2 in seen:
                    continue
                seen.update(r2[i:] + r2[:i] for i in range(len(r2)))
                out.append((n, len(r2) - 1, Presentation(r1, r2)))
    return sorted(out, key=lambda t: (t[0], t[1]))
