"""Fiat / Alfa Romeo VP1 and VP2 radios (Continental): the last 4 digits of the serial.

Each code digit is 1 plus a value taken from one digit of the input: 0 to 5
give themselves, 6 to 9 a fixed value per position, so every code digit is 1
to 6. Sources: ``../shared/domain-facts-brands.md`` §3 and §10.2 (two published
programs, MB and DO, compute the same mapping; PELock's test 2063 gives 1341).

>>> radio_code("2063")
'1341'
>>> validate("20 63")
'2063'
>>> validate("206")
Traceback (most recent call last):
    ...
radiocode.exceptions.InvalidLength: This radio's number is 4 digits, like 2063. You typed 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import ValidationError
from radiocode.i18n import Message, N_
from radiocode.radios import _digits
from radiocode.radios.records import Claim, Evidence, InputRule, Radio, Vector

__all__ = ["compact", "validate", "is_valid", "format", "radio_code", "table", "read", "quick_read_known", "RADIO", "COUNT", "VECTORS"]

RADIO_ID = "fiat-vp"
LENGTH = 4
EXAMPLE = "2063"
COUNT = 10_000

# For each code digit: which input digit it comes from (a b c d = 0 1 2 3), and the
# values of input digits 6, 7, 8 and 9 there. 0 to 5 stand for themselves.
_POSITIONS = ((2, (0, 0, 0, 1)), (0, (1, 1, 0, 1)), (3, (2, 2, 0, 1)), (1, (3, 3, 0, 1)))
# Per position, the code digit (as text) for each input digit.
_DIGIT_TABLES = tuple(
    (source, tuple(str(1 + (d if d <= 5 else high[d - 6])) for d in range(10))) for source, high in _POSITIONS
)


def compact(number: str) -> str:
    """Strip separators, turn full-width forms into ASCII; no checks."""
    return _digits.compact(number)


def validate(number: Any) -> str:
    """Return the 4 digits, or raise a :class:`ValidationError`."""
    return _digits.validate_digits(number, LENGTH, EXAMPLE)


def is_valid(number: Any) -> bool:
    """Whether `number` is 4 digits; never raises."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    return compact(number)


def _code(digits: str) -> str:
    return "".join(table[int(digits[source])] for source, table in _DIGIT_TABLES)


def radio_code(number: Any) -> str:
    """The 4-digit code (each digit 1 to 6) for the last 4 digits of the serial."""
    return _code(validate(number))


def table() -> Iterator[tuple[str, str]]:
    """Every (number, code) pair, 0000 to 9999, in order."""
    for value in range(COUNT):
        digits = "%04d" % value
        yield digits, _code(digits)


def read(text: str) -> _reading.Reading:
    """Read `text` as the number of a VP1/VP2 radio (the radio is known)."""
    squeezed = compact(text) if isinstance(text, str) else text
    if isinstance(squeezed, str) and len(squeezed) > LENGTH and _digits.is_digits(squeezed):
        # The whole serial typed: the source's tool takes its last four digits.
        number = squeezed[-LENGTH:]
        code = _code(number)
        message = Message(N_("We took the last four digits of the serial, %(number)s. They give the code %(code)s."), number=number, code=code)
        return _digits.found(RADIO_ID, number, code, message, corrected=True)
    try:
        number = validate(text)
    except ValidationError as error:
        return _digits.failed(RADIO_ID, error)
    return _digits.found(RADIO_ID, number, _code(number))


_TYPED = re.compile(r"[0-9]{4}")


def quick_read_known(text: str) -> tuple[str, str, str] | None:
    """(code, number, kind) when `text` is exactly four digits as typed, as :func:`read`
    gives them; else None. For batch rows that name this radio (the tests check it)."""
    if _TYPED.fullmatch(text) is None:
        return None
    return _code(text), text, "serial"


VECTORS = (Vector("2063", "1341", "vendor_test", ("PL",)),)

RADIO = Radio(
    id=RADIO_ID,
    name=Message(N_("Fiat / Alfa Romeo VP1 and VP2 by Continental")),
    makes=("Fiat", "Alfa Romeo"),
    input_rule=InputRule(
        pattern="^[0-9]{4}$",
        length=LENGTH,
        example=EXAMPLE,
        description=Message(N_("The last four digits of the radio's serial number, like 2063.")),
    ),
    number_name=Message(N_("last four digits of the serial")),
    vehicles=(
        Claim(Message(N_("A code seller names these radios Fiat Continental 250 and 500 VP1/VP2.")), ("PL",), "one"),
        Claim(Message(N_("A published program names them Fiat and Alfa Romeo VP1/VP2 radios.")), ("DO",), "one"),
        Claim(Message(N_("The sources do not give model years or trims.")), (), "none"),
    ),
    where_to_find=(
        Claim(Message(N_("The last four digits of the serial number at the top of the radio's sticker.")), ("MB",), "one"),
    ),
    variants=(_digits.UNKNOWN_ENTRY,),
    lockout=_digits.UNKNOWN_LOCKOUT,
    disagreements=(),
    evidence=Evidence(
        summary=Message(N_("Two published programs compute these codes the same way, and a code seller's test gives the same code. No owner in the sources confirms a code.")),
        vectors=VECTORS,
        checks=(
            Claim(Message(N_("Two published programs use the same mapping.")), ("MB", "DO"), "two_or_more"),
            Claim(Message(N_("The method gives the same codes as 299 entries of a published table.")), (), "one"),
        ),
        caveats=(
            Claim(Message(N_("Every code uses only the digits 1 to 6.")), ("MB", "DO"), "two_or_more"),
        ),
    ),
    read=read,
    table=table,
    table_size=COUNT,
    marked=False,
)
