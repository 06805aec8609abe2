"""Reading a polynomial from text with a grammar that cannot execute anything.

User text is data, never code: sympy's ``parse_expr`` evaluates Python (``__import__('os').system(...)`` runs),
so polynomials are read here by a small tokenizer and a recursive-descent parser over the grammar

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/")? factor)*        (juxtaposition multiplies: 2x, x y, (x+1)(x-1))
    factor     := ("+" | "-") factor | power
    power      := atom (("^" | "**") factor)?           (right associative: 2^3^2 = 2^9)
    atom       := NUMBER | VARIABLE | "(" expression ")"

where NUMBER is a decimal literal (``3``, ``0.5``, ``.25``; read as the exact fraction it denotes) and VARIABLE one
of the names the caller allows. The value is a sparse polynomial ``{exponent vector: Fraction}``. Every operation
is bounded before it is carried out (text length, nesting depth, degree, number of terms, size of the
coefficients), so ``9^9^9`` or ``(x+y+z)^1000`` is refused at once instead of filling memory.
"""

from __future__ import annotations

import re
from fractions import Fraction
from math import comb
from typing import Sequence

from ..errors import InvalidInput, TooLarge

MAX_TEXT = 20_000          # characters
MAX_DEPTH = 100            # nested parentheses and signs
MAX_DEGREE = 1_000         # total degree of any intermediate polynomial
MAX_TERMS = 200_000        # terms of any intermediate polynomial
MAX_COEFFICIENT_BITS = 100_000

Polynomial = dict[tuple[int, ...], Fraction]

_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d*)?|\.\d+)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|"
                    r"(?P<operator>\*\*|[-+*/^()]))")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, position = [], 0
    stripped = text.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None:
            character = stripped[position:].lstrip()[:1]
            raise InvalidInput(f"cannot read the polynomial {_short(text)}: unexpected character {character!r} "
                               f"(use numbers, the variables, + - * / ^ and parentheses)")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind), match.start(kind)))
        position = match.end()
    return out


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _degree(p: Polynomial) -> int:
    return max((sum(e) for e in p), default=0)


def _bits(p: Polynomial) -> int:
    return max((max(c.numerator.bit_length(), c.denominator.bit_length()) for c in p.values()), default=0)


def _add(p: Polynomial, q: Polynomial, sign: int = 1) -> Polynomial:
    out = dict(p)
    for e, c in q.items():
        value = out.get(e, Fraction(0)) + sign * c
        if value:
            out[e] = value
        else:
            out.pop(e, None)
    return out


def _multiply(p: Polynomial, q: Polynomial, text: str) -> Polynomial:
    if _degree(p) + _degree(q) > MAX_DEGREE:
        raise TooLarge(f"the polynomial {_short(text)} has degree above {MAX_DEGREE}",
                       f"degree {_degree(p) + _degree(q)}")
    if len(p) * len(q) > MAX_TERMS * 10 or _bits(p) + _bits(q) > MAX_COEFFICIENT_BITS:
        raise TooLarge(f"the polynomial {_short(text)} is too large to expand",
                       f"{len(p) * len(q)} products of terms, coefficients of {_bits(p) + _bits(q)} bits")
    out: Polynomial = {}
    for e, c in p.items():
        for f, d in q.items():
            key = tuple(a + b for a, b in zip(e, f))
            value = out.get(key, Fraction(0)) + c * d
            if value:
                out[key] = value
            else:
                out.pop(key, None)
    if len(out) > MAX_TERMS:
        raise TooLarge(f"the polynomial {_short(text)} has more than {MAX_TERMS} terms", f"{len(out)} terms")
    return out


def _power(p: Polynomial, exponent: int, variables: int, text: str) -> Polynomial:
    """``p ** exponent``, refused before any work when the degree, the number of terms or the coefficients of the
    result would exceed the limits (the number of terms is at most min(C(k+e-1, e), C(n+D, n)) for k terms in n
    variables and result degree D)."""
    degree = _degree(p) * exponent
    if degree > MAX_DEGREE:
        raise TooLarge(f"the polynomial {_short(text)} has degree above {MAX_DEGREE}", f"degree {degree}")
    terms = min(comb(len(p) + exponent - 1, exponent), comb(variables + degree, variables)) if p else 0
    if terms > MAX_TERMS:
        raise TooLarge(f"the polynomial {_short(text)} has too many terms to expand", f"up to {terms} terms")
    if _bits(p) * exponent > MAX_COEFFICIENT_BITS:
        raise TooLarge(f"the polynomial {_short(text)} has coefficients too large to expand",
                       f"about {_bits(p) * exponent} bits")
    out: Polynomial = {(0,) * variables: Fraction(1)}
    for _ in range(exponent):
        out = _multiply(out, p, text)
    return out


class _Parser:
    def __init__(self, text: str, names: Sequence[str]):
        self.text, self.names = text, list(names)
        self.tokens = _tokens(text)
        self.at = 0
        self.depth = 0

    # -- token helpers
    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise InvalidInput(f"cannot read the polynomial {_short(self.text)}: it ends too early")
        self.at += 1
        return token

    def fail(self, token: tuple[str, str, int]) -> InvalidInput:
        return InvalidInput(f"cannot read the polynomial {_short(self.text)}: unexpected {token[1]!r} at "
                            f"position {token[2] + 1}")

    def constant(self, value: Fraction) -> Polynomial:
        return {(0,) * len(self.names): value} if value else {}

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InvalidInput(f"cannot read the polynomial {_short(self.text)}: nested more than {MAX_DEPTH} deep")

    # -- grammar
    def parse(self) -> Polynomial:
        if not self.tokens:
            raise InvalidInput("empty polynomial")
        value = self.expression()
        token = self.peek()
        if token is not None:
            raise self.fail(token)
        return value

    def expression(self) -> Polynomial:
        value = self.term()
        while (token := self.peek()) is not None and token[1] in "+-" and token[0] == "operator":
            self.take()
            value = _add(value, self.term(), 1 if token[1] == "+" else -1)
        return value

    def term(self) -> Polynomial:
        value = self.factor()
        while (token := self.peek()) is not None:
            if token[0] == "operator" and token[1] in ("*", "/"):
                self.take()
                right = self.factor()
                if token[1] == "*":
                    value = _multiply(value, right, self.text)
                else:
                    value = self.divide(value, right, token)
            elif token[0] in ("number", "name") or token[1] == "(":
                value = _multiply(value, self.factor(), self.text)      # juxtaposition: 2x, x y, (x+1)(x-1)
            else:
                break
        return value

    def divide(self, value: Polynomial, divisor: Polynomial, token) -> Polynomial:
        if not divisor:
            raise InvalidInput(f"cannot read the polynomial {_short(self.text)}: division by zero")
        if set(divisor) != {(0,) * len(self.names)}:
            raise InvalidInput(f"{_short(self.text)} is not a polynomial (it divides by a non-constant at position "
                               f"{token[2] + 1})")
        d = divisor[(0,) * len(self.names)]
        return {e: c / d for e, c in value.items()}

    def factor(self) -> Polynomial:
        token = self.peek()
        if token is not None and token[0] == "operator" and token[1] in "+-":
            self.take()
            self.enter()
            value = self.factor()
            self.depth -= 1
            return value if token[1] == "+" else {e: -c for e, c in value.items()}
        return self.power()

    def power(self) -> Polynomial:
        base = self.atom()
        token = self.peek()
        if token is not None and token[1] in ("^", "**"):
            self.take()
            self.enter()
            exponent = self.factor()
            self.depth -= 1
            return _power(base, self.exponent(exponent, token), len(self.names), self.text)
        return base

    def exponent(self, value: Polynomial, token) -> int:
        zero = (0,) * len(self.names)
        if not value:
            return 0
        if set(value) != {zero} or value[zero].denominator != 1 or value[zero] < 0:
            raise InvalidInput(f"{_short(self.text)} is not a polynomial (the exponent at position {token[2] + 1} "
                               f"is not a non-negative integer)")
        e = int(value[zero])
        if e > MAX_DEGREE:
            raise TooLarge(f"the polynomial {_short(self.text)} has an exponent above {MAX_DEGREE}",
                           f"exponent {e if e < 10 ** 12 else 'above 10^12'}")
        return e

    def atom(self) -> Polynomial:
        token = self.take()
        kind, text, _ = token
        if kind == "number":
            if len(text) > 1000:
                raise TooLarge(f"the polynomial {_short(self.text)} has a number of more than 1000 digits",
                               f"{len(text)} digits")
            return self.constant(Fraction(text))
        if kind == "name":
            if text not in self.names:
                raise InvalidInput(f"{_short(self.text)} uses {text}, which is not among the variables "
                                   f"{', '.join(self.names)}")
            exponents = [0] * len(self.names)
            exponents[self.names.index(text)] = 1
            return {tuple(exponents): Fraction(1)}
        if text == "(":
            self.enter()
            value = self.expression()
            self.depth -= 1
            closing = self.take()
            if closing[1] != ")":
                raise self.fail(closing)
            return value
        raise self.fail(token)


def read_polynomial(text: str, names: Sequence[str]) -> Polynomial:
    """The polynomial written in ``text`` in the variables ``names``, as ``{exponent vector: Fraction}`` (zero
    coefficients omitted); nothing in ``text`` is ever evaluated as code.

    Parameters
    ----------
    text
        The polynomial as written.
    names
        The variable names it may use.

    Returns
    -------
    Polynomial
        Its exact coefficients by monomial.

    Raises
    ------
    InvalidInput
        For text outside the grammar of the module docstring, an unknown name, a division by a non-constant or a
        negative or fractional exponent.
    TooLarge
        When the text, the nesting, the degree (above 1000), the number of terms or the coefficients would exceed
        the limits; checked before each operation is carried out.

    Examples
    --------
    >>> read_polynomial("2x^2 - x y/2 + 1", ["x", "y"]) == {(2, 0): 2, (1, 1): Fraction(-1, 2), (0, 0): 1}
    True
    >>> read_polynomial("(x+1)(x-1)", ["x"]) == {(2,): 1, (0,): -1}
    True
    >>> read_polynomial("__import__('os').system('true')", ["x"])
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: cannot read the polynomial "__import__('os').system('true')": unexpected character "'" (use numbers, the variables, + - * / ^ and parentheses)
    """
    if not isinstance(text, str):
        raise InvalidInput("a polynomial must be given as text")
    if len(text) > MAX_TEXT:
        raise TooLarge(f"the polynomial text is longer than {MAX_TEXT} characters", f"{len(text)} characters")
    return _Parser(text, names).parse()


__all__ = ["read_polynomial", "MAX_DEGREE", "MAX_TERMS"]
