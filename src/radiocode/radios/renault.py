"""Renault precode (one letter and three digits) and its radio code.

Most Renault, Dacia and many Renault Trucks radios show a precode such as
``A123`` (hold presets 1 and 6 while switching on) or carry it at the end of
the serial on their label. A public algorithm turns it into the 4-digit code.
Precodes A000 to A099 do not exist: the algorithm would divide by zero.

More information:

* https://lucasg.github.io/2019/01/02/Renault-radio-code/ (the algorithm)

>>> validate("a-123")
'A123'
>>> radio_code("A123")
'0086'
>>> radio_code("S053")
'7913'
>>> validate("A12")
Traceback (most recent call last):
    ...
radiocode.exceptions.InvalidLength: A precode has exactly four characters: one letter, then three digits, like A123. You typed 3.
>>> is_valid("A099")
False
>>> format(" q 420 ")
'Q420'
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator
from typing import Any

from radiocode.exceptions import (
    EmptyInput,
    InvalidCharacters,
    InvalidFormat,
    InvalidLength,
    NonexistentPrecode,
    ValidationError,
)
from radiocode.i18n import N_

__all__ = ["compact", "validate", "is_valid", "format", "radio_code", "table", "COUNT"]

#: How many precodes exist: 26 letters times 1,000, less A000 to A099.
COUNT = 25_900

# Separators people and labels put inside numbers: dashes of every kind,
# dots, underscores and every sort of space.
SEPARATORS = " \t\r\n\v\f-._\u00a0\u00ad\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u202f\u205f\u2060\u3000\ufe58\ufe63\ufeff\u00b7\u30fb"

# Full-width forms (U+FF01..U+FF5E) map one to one onto printable ASCII.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_UNICODE_CLEANUP = str.maketrans({**_FULL_WIDTH, **{ord(c): None for c in SEPARATORS}})

# ASCII only: \d and str.isdigit() also accept digits such as "³" and "١".
_PRECODE = re.compile(r"[A-Z][0-9]{3}")
_ALNUM = frozenset(string.ascii_uppercase + string.digits)


def _ascii_upper(text: str) -> str:
    # "ı".upper() is "I": only ASCII letters may become precode letters.
    if text.isascii():
        return text.upper()
    return "".join(c.upper() if c.isascii() else c for c in text)


def compact(number: str) -> str:
    """Strip separators, turn full-width forms into ASCII, upper-case; no checks."""
    return _ascii_upper(number.translate(_UNICODE_CLEANUP))


def validate(number: Any) -> str:
    """Return the canonical precode, or raise a :class:`ValidationError`."""
    if not isinstance(number, str):
        raise InvalidFormat(
            N_("Expected the precode as text, like A123, not %(type)s."),
            type=type(number).__name__,
        )
    number = compact(number)
    if not number:
        raise EmptyInput()
    bad = sorted(set(number) - _ALNUM)
    if bad:
        raise InvalidCharacters(chars=" ".join(bad[:10]))
    if len(number) != 4:
        raise InvalidLength(length=len(number))
    if not _PRECODE.fullmatch(number):
        raise InvalidFormat(
            N_(
                "A precode starts with a letter and ends with three digits, "
                "like A123. %(number)s does not: check each character on the label."
            ),
            number=number,
        )
    if number[0] == "A" and number[1] == "0":
        raise NonexistentPrecode(precode=number)
    return number


def is_valid(number: Any) -> bool:
    """Whether `number` is a valid precode; never raises."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    """The precode as printed: ``A123``."""
    return compact(number)


@functools.lru_cache(maxsize=32_768)
def _code(precode: str) -> str:
    x = 10 * (ord(precode[0]) - ord("A")) + int(precode[1])
    y = x + 10 * int(precode[2]) + int(precode[3])
    z = (7 * y) % 100
    return "%04d" % (100 * ((259 % x) % 100) + 10 * (z % 10) + z // 10)


def radio_code(number: Any) -> str:
    """The 4-digit radio code for a precode, as a zero-padded string."""
    return _code(validate(number))


def precodes() -> Iterator[str]:
    """Every valid precode, A100 to Z999, in order."""
    for letter in string.ascii_uppercase:
        for number in range(100 if letter == "A" else 0, 1000):
            yield "%s%03d" % (letter, number)


def table() -> Iterator[tuple[str, str]]:
    """Every (precode, code) pair, 25,900 of them, in precode order."""
    for precode in precodes():
        yield precode, _code(precode)
