"""Words in the free group on ``x, y``: letters ``x, y`` and their inverses ``X = x^-1, Y = y^-1``, free and cyclic
reduction, inverses, and the balanced two-relator presentations the Andrews–Curtis game is played on.

A word is a Python string over ``xXyY`` (the functions below work for any letters whose inverses are their other
case, so also over the ``xXyYzZ`` of three generators); the empty string is the identity. Free reduction deletes adjacent pairs
``xX, Xx, yY, Yy`` until none is left (one pass with a stack); cyclic reduction also deletes such a pair formed by
the last and the first letter, i.e. conjugates the word to its shortest cyclic form.
"""

from __future__ import annotations

from ...errors import InvalidInput, TooLarge

LETTERS = "xXyY"
MAX_WORD_LENGTH = 100_000       # letters of one relator (the searches here work with relators of length < 100)


def inverse(word: str) -> str:
    """``w^-1``: the letters reversed and inverted.

    Parameters
    ----------
    word
        A word over ``xXyY``.

    Returns
    -------
    str
        Its inverse.

    Examples
    --------
    >>> inverse("xyX")
    'xYX'
    """
    return word.swapcase()[::-1]


def free_reduce(word: str) -> str:
    """The freely reduced form of ``word``.

    Parameters
    ----------
    word
        A word over ``xXyY``.

    Returns
    -------
    str
        The freely reduced word.

    Examples
    --------
    >>> free_reduce("xyYXxy")
    'xy'
    """
    stack: list[str] = []
    for letter in word:
        if stack and stack[-1] == letter.swapcase():
            stack.pop()
        else:
            stack.append(letter)
    return "".join(stack)


def cyclic_reduce(word: str) -> str:
    """The cyclically reduced form: freely reduced, and the first letter not the inverse of the last.

    Parameters
    ----------
    word
        A word over ``xXyY``.

    Returns
    -------
    str
        The cyclically reduced word.

    Examples
    --------
    >>> cyclic_reduce("yxxY")
    'xx'
    """
    word = free_reduce(word)
    start, end = 0, len(word)
    while end - start >= 2 and word[start] == word[end - 1].swapcase():
        start, end = start + 1, end - 1
    return word[start:end]


def parse_word(text: str) -> str:
    """A relator as written: letters ``xXyY``, optionally with powers ``x^3``, ``y^-2`` and ``*``; freely reduced.

    Parameters
    ----------
    text
        The relator as written.

    Returns
    -------
    str
        The freely reduced word over ``xXyY``.

    Raises
    ------
    InvalidInput
        For any other letter or a malformed power.
    TooLarge
        For a relator of more than ``MAX_WORD_LENGTH`` letters (checked before it is written out).

    Examples
    --------
    >>> parse_word("x^2*Y^3")
    'xxYYY'
    >>> parse_word("x^-1 y")
    'Xy'
    """
    out: list[str] = []
    i, text = 0, text.replace("*", "").replace(" ", "")
    length = 0
    while i < len(text):
        letter = text[i]
        if letter not in LETTERS:
            raise InvalidInput(f"bad letter {letter!r} in {text!r}: relators use x, y and X = x^-1, Y = y^-1")
        i += 1
        power = 1
        if i < len(text) and text[i] == "^":
            j = i + 1
            if j < len(text) and text[j] == "-":
                j += 1
            k = j
            while k < len(text) and text[k].isdigit():
                k += 1
            if k == j:
                raise InvalidInput(f"malformed power in {text!r}")
            if k - j > 7:
                raise TooLarge(f"the power in {text[:40]!r} is beyond the {MAX_WORD_LENGTH}-letter limit of a "
                               f"relator", f"{k - j} digits")
            power = int(text[i + 1:k])
            i = k
        length += abs(power)
        if length > MAX_WORD_LENGTH:
            raise TooLarge(f"the relator {text[:40]!r} is longer than {MAX_WORD_LENGTH} letters", f"{length} letters")
        out.append(letter * power if power >= 0 else inverse(letter) * -power)
    return free_reduce("".join(out))


def exponent_sums(word: str) -> tuple[int, int]:
    """``(sum of x-exponents, sum of y-exponents)``: the image in ``Z^2`` (abelianisation).

    Parameters
    ----------
    word
        A word over ``xXyY``.

    Returns
    -------
    tuple of int
        The exponent sums of ``x`` and ``y``.

    Examples
    --------
    >>> exponent_sums("xxYYY")
    (2, -3)
    """
    return (word.count("x") - word.count("X"), word.count("y") - word.count("Y"))


def check_balanced(relators: list[str]) -> None:
    """A balanced presentation of the trivial group on ``x, y`` needs two relators whose exponent-sum matrix is
    unimodular (determinant ``+-1``); otherwise the group is not even perfect and no AC path exists.

    Parameters
    ----------
    relators
        The two relators.

    Raises
    ------
    InvalidInput
        When there are not exactly two relators, one is empty, or the determinant is not ``+-1``.
    """
    if len(relators) != 2:
        raise InvalidInput(f"a balanced presentation on x, y has 2 relators, got {len(relators)}")
    if any(not r for r in relators):
        raise InvalidInput("a relator reduces to the empty word")
    (a, b), (c, d) = exponent_sums(relators[0]), exponent_sums(relators[1])
    if abs(a * d - b * c) != 1:
        raise InvalidInput(f"the exponent sums {(a, b)}, {(c, d)} have determinant {a * d - b * c}, not +-1: the "
                           "presentation does not present the trivial group")
