"""Fiat Stilo / Bravo Visteon radios: 6 digits, coded by the Ford M-series method.

The only source for this radio is a code seller's product name, test and input
rule; its one test (999999 gives 4968) equals the Ford M method's code for
M999999. One matching test is not proof for every number, and the seller's rule
also allows letters, whose meaning no source gives: we take six digits and say
so. Sources: ``../shared/domain-facts-brands.md`` §2, §7.2, §10.1.

>>> radio_code("999999")
'4968'
>>> validate("99999A")
Traceback (most recent call last):
    ...
radiocode.exceptions.InvalidCharacters: We take six digits for this radio, like 999999. One source's rule also allows letters, but no source says what a letter stands for. These characters cannot be read: A
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import InvalidCharacters, ValidationError
from radiocode.i18n import Message, N_
from radiocode.radios import _digits, _ford_algorithm
from radiocode.radios.records import Claim, Evidence, InputRule, Radio, Vector

__all__ = ["compact", "validate", "is_valid", "format", "radio_code", "table", "read", "quick_read_known", "RADIO", "COUNT", "VECTORS"]

RADIO_ID = "fiat-visteon"
LENGTH = 6
EXAMPLE = "999999"
COUNT = 1_000_000

LETTERS_UNKNOWN = Message(N_("One source's rule also allows letters in the six characters, but no source says what a letter stands for. We take six digits only."))


def compact(number: str) -> str:
    """Strip separators, turn full-width forms into ASCII, upper-case; no checks."""
    return _digits.compact(number)


def validate(number: Any) -> str:
    """Return the 6 digits, or raise a :class:`ValidationError`."""
    if isinstance(number, str):
        letters = sorted({c for c in compact(number) if "A" <= c <= "Z"})
        if letters:
            raise InvalidCharacters(
                N_("We take six digits for this radio, like 999999. One source's rule also allows letters, but no source says what a letter stands for. These characters cannot be read: %(chars)s"),
                chars=" ".join(letters[:10]),
            )
    return _digits.validate_digits(number, LENGTH, EXAMPLE)


def is_valid(number: Any) -> bool:
    """Whether `number` is 6 digits; never raises."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    return compact(number)


def radio_code(number: Any) -> str:
    """The 4-digit code for six digits, by the Ford M-series method."""
    return _ford_algorithm.code(validate(number))


def table() -> Iterator[tuple[str, str]]:
    """Every (number, code) pair, 000000 to 999999, in order."""
    tails = ["%03d" % low for low in range(1000)]
    for high, codes in enumerate(_ford_algorithm.codes()):
        prefix = "%03d" % high
        yield from zip([prefix + tail for tail in tails], codes)


def table_lines() -> Iterator[str]:
    """The table as CSV text, 1,000 lines at a time."""
    tails = ["%03d," % low for low in range(1000)]
    for high, codes in enumerate(_ford_algorithm.codes()):
        prefix = "%03d" % high
        yield prefix + ("\n" + prefix).join(map(str.__add__, tails, codes)) + "\n"


def read(text: str) -> _reading.Reading:
    """Read `text` as the number of a Stilo/Bravo Visteon radio (the radio is known)."""
    try:
        number = validate(text)
    except ValidationError as error:
        return _digits.failed(RADIO_ID, error)
    return _digits.found(RADIO_ID, number, _ford_algorithm.code(number))


_TYPED = re.compile(r"[0-9]{6}")


def quick_read_known(text: str) -> tuple[str, str, str] | None:
    """(code, number, kind) when `text` is exactly six digits as typed, as :func:`read`
    gives them; else None. For batch rows that name this radio (the tests check it)."""
    if _TYPED.fullmatch(text) is None:
        return None
    return _ford_algorithm.code(text), text, "serial"


VECTORS = (Vector("999999", "4968", "vendor_test", ("PL",)),)

RADIO = Radio(
    id=RADIO_ID,
    name=Message(N_("Fiat Stilo / Bravo Visteon")),
    makes=("Fiat",),
    input_rule=InputRule(
        pattern="^[0-9]{6}$",
        length=LENGTH,
        example=EXAMPLE,
        description=Message(N_("Six digits, like 999999.")),
        unknown=LETTERS_UNKNOWN,
    ),
    number_name=Message(N_("number")),
    vehicles=(
        Claim(Message(N_("Fiat Stilo and Bravo with a Visteon radio: the only source is a code seller's product name.")), ("PL",), "one"),
        Claim(Message(N_("The sources do not say which Stilo or Bravo radios, or which years.")), (), "none"),
    ),
    where_to_find=(
        Claim(Message(N_("The sources do not say where this radio shows or carries the six digits.")), (), "none"),
    ),
    variants=(_digits.UNKNOWN_ENTRY,),
    lockout=_digits.UNKNOWN_LOCKOUT,
    disagreements=(),
    evidence=Evidence(
        summary=Message(N_("A code seller's one test for this radio gives the same code as the Ford M-series method. One test is not proof for every number, and no owner in the sources confirms a code.")),
        vectors=VECTORS,
        checks=(
            Claim(Message(N_("The code seller's test 999999 gives 4968, as the Ford M-series method does for M999999.")), ("PL",), "one"),
        ),
        caveats=(
            Claim(LETTERS_UNKNOWN, ("PL",), "one"),
        ),
    ),
    read=read,
    table=table,
    table_size=COUNT,
    table_csv=table_lines,
    marked=False,
)
