"""Fiat Daiichi (DAIICHI MOPAR) radios: 4 digits.

Reverse the 4 digits, read them as a number v: the code is 10000 - v, with 4
digits. For numbers that start with 0 the sources do not agree and no radio
confirms either answer, so no code is given for them. Sources:
``../shared/domain-facts-brands.md`` §4 and §10.3 (PELock's test 6461 gives 8354).

>>> radio_code("6461")
'8354'
>>> radio_code("0461")
Traceback (most recent call last):
    ...
radiocode.exceptions.UnsettledInput: The sources disagree on the code for numbers that start with 0, like 0461, and no owner has confirmed either answer. We give no code we cannot stand behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import UnsettledInput, ValidationError
from radiocode.i18n import Message, N_
from radiocode.radios import _digits
from radiocode.radios.records import Claim, Disagreement, Evidence, InputRule, Radio, Vector

__all__ = ["compact", "validate", "is_valid", "format", "radio_code", "table", "read", "quick_read_known", "RADIO", "COUNT", "VECTORS"]

RADIO_ID = "fiat-daiichi"
LENGTH = 4
EXAMPLE = "6461"
#: Numbers with a code: 1000 to 9999 (those starting with 0 are refused).
COUNT = 9_000

LEADING_ZERO = N_(
    "The sources disagree on the code for numbers that start with 0, like %(number)s, "
    "and no owner has confirmed either answer. We give no code we cannot stand behind."
)


def compact(number: str) -> str:
    """Strip separators, turn full-width forms into ASCII; no checks."""
    return _digits.compact(number)


def validate(number: Any) -> str:
    """Return the 4 digits, or raise a :class:`ValidationError` (also for a leading 0)."""
    number = _digits.validate_digits(number, LENGTH, EXAMPLE)
    if number[0] == "0":
        raise UnsettledInput(LEADING_ZERO, number=number)
    return number


def is_valid(number: Any) -> bool:
    """Whether `number` is 4 digits that do not start with 0; never raises."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    return compact(number)


def _code(digits: str) -> str:
    return "%04d" % ((10_000 - int(digits[::-1])) % 10_000)


def radio_code(number: Any) -> str:
    """The 4-digit code for a Daiichi number."""
    return _code(validate(number))


def table() -> Iterator[tuple[str, str]]:
    """Every (number, code) pair with a code, 1000 to 9999, in order."""
    for value in range(1000, 10_000):
        digits = "%04d" % value
        yield digits, _code(digits)


def read(text: str) -> _reading.Reading:
    """Read `text` as the number of a Daiichi radio (the radio is known)."""
    try:
        number = validate(text)
    except UnsettledInput as error:
        return _digits.failed(RADIO_ID, error, error.params["number"])
    except ValidationError as error:
        return _digits.failed(RADIO_ID, error)
    return _digits.found(RADIO_ID, number, _code(number))


_TYPED = re.compile(r"[1-9][0-9]{3}")


def quick_read_known(text: str) -> tuple[str, str, str] | None:
    """(code, number, kind) when `text` is exactly four digits that do not start with 0 as typed, as :func:`read`
    gives them; else None. For batch rows that name this radio (the tests check it)."""
    if _TYPED.fullmatch(text) is None:
        return None
    return _code(text), text, "serial"


VECTORS = (Vector("6461", "8354", "vendor_test", ("PL",)),)

RADIO = Radio(
    id=RADIO_ID,
    name=Message(N_("Fiat Daiichi (DAIICHI MOPAR)")),
    makes=("Fiat",),
    input_rule=InputRule(
        pattern="^[1-9][0-9]{3}$",
        length=LENGTH,
        example=EXAMPLE,
        description=Message(N_("Four digits, like 6461.")),
        unknown=Message(N_("The sources disagree on numbers that start with 0: we give no code for them.")),
    ),
    number_name=Message(N_("number")),
    vehicles=(
        Claim(Message(N_("A code seller names this radio Fiat DAIICHI MOPAR.")), ("PL",), "one"),
        Claim(Message(N_("A C++ program's README lists it as Fiat/Lancia Daiichi Mopar.")), ("MBRCC",), "one"),
        Claim(Message(N_("The sources do not give model names or years.")), (), "none"),
    ),
    where_to_find=(
        Claim(Message(N_("The sources do not say which number on the radio these four digits come from.")), (), "none"),
    ),
    variants=(_digits.UNKNOWN_ENTRY,),
    lockout=_digits.UNKNOWN_LOCKOUT,
    disagreements=(
        Disagreement(
            Message(N_("Numbers that start with 0")),
            (
                Claim(Message(N_("One published program gives a five-character answer for them (0000 gives 99910): a fault.")), ("DO",), "one"),
                Claim(Message(N_("A table gives 0000 the code 9990, where this method gives 0000.")), (), "one"),
            ),
            Message(N_("We give no code for these numbers.")),
        ),
    ),
    evidence=Evidence(
        summary=Message(N_("A published program and this method agree on all 9,000 numbers that do not start with 0, and a code seller's test gives the same code. No owner in the sources confirms a code.")),
        vectors=VECTORS,
        checks=(
            Claim(Message(N_("A published program and this method agree on all 9,000 numbers that do not start with 0.")), ("DO",), "one"),
        ),
        caveats=(
            Claim(Message(N_("Numbers that start with 0: the sources disagree, so no code is given.")), ("DO",), "conflict"),
        ),
    ),
    read=read,
    table=table,
    table_size=COUNT,
    marked=False,
)
