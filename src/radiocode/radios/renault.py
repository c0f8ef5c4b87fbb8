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


# The radio family record (radiocode.radios lists it). Below the moved module, which is
# unchanged: today's Renault "families" are the entry variants of this one radio.
from radiocode import families as _families  # noqa: E402
from radiocode import kinds as _kinds  # noqa: E402
from radiocode import lockout as _lockout  # noqa: E402
from radiocode.i18n import Message  # noqa: E402
from radiocode.radios.records import Claim, Disagreement, EntryVariant, Evidence, InputRule, Radio, Vector  # noqa: E402

RADIO_ID = "renault"


def read(text: Any) -> Any:
    """Read `text` as a precode or a Renault label: :func:`radiocode.reading.read`."""
    from radiocode.reading import read as read_precode

    return read_precode(text)


def _variant(name: str) -> EntryVariant:
    family = _families.FAMILIES[name]
    return EntryVariant(name, family.title, functools.partial(_families.entry_steps, family_name=name), family.entry_known)


#: Precode and code pairs, each stated by a public source (domain-facts.md §1).
VECTORS: tuple[Vector, ...] = (
    *(Vector(p, c, "forum_pair", ("LUCASG",)) for p, c in (("S053", "7913"), ("V188", "4839"), ("Q420", "9588"))),
    Vector("S049", "7930", "real_label", ("DF",), "A real label: ... 28 115 9243RT S049"),
    Vector("Z999", "0060", "vendor_test", ("PL",)),
    *(Vector(p, c, "implementation_test", ("RADCODEREN",)) for p, c in (("A123", "0086"), ("B456", "0709"), ("C789", "1621"))),
    *(
        Vector(p, c, "published_table", ("OJACQUEMART",))
        for p, c in (
            ("A100", "0070"), ("A109", "0007"), ("A129", "0001"), ("A999", "0765"), ("B100", "0677"),
            ("I123", "1682"), ("O555", "1400"), ("Q100", "9872"), ("T903", "6041"), ("Z100", "0875"),
            ("Z546", "0470"), ("Z990", "0034"), ("Z998", "0099"),
        )
    ),  # fmt: skip
    Vector("Y020", "1902", "implementation_test", ("UNLOCKECU",)),
)

RADIO = Radio(
    id=RADIO_ID,
    name=Message(N_("Renault precode (one letter and three digits)")),
    makes=("Renault", "Dacia", "Renault Trucks"),
    input_rule=InputRule(
        pattern=_families.PRECODE_RULES["pattern"],
        length=_families.PRECODE_RULES["max_length"],
        example=_families.PRECODE_RULES["example"],
        description=Message(N_("One letter and three digits, like A123. A000 to A099 do not exist.")),
    ),
    number_name=Message(N_("precode")),
    where_to_find=(
        Claim(_kinds.WHERE_PRECODE, ("DF", "RTW"), "two_or_more"),
        Claim(_kinds.WHERE_PRECODE_MEDIA_NAV, ("DF",), "one"),
    ),
    variants=tuple(_variant(name) for name in _families.FAMILIES),
    lockout=(
        Claim(Message(N_("A wrong code locks the radio for a while; the sources disagree on how long.")), ("DF", "RTW"), "conflict"),
        Claim(_lockout.KEEP_ON, ("DF",), "two_or_more"),
    ),
    disagreements=(
        Disagreement(
            Message(N_("How long the radio stays locked")),
            tuple(Claim(Message(N_("%(source)s: %(rule)s"), source=source.title, rule=source.rule), (source.name,), "one") for source in _lockout.SOURCES),
            Message(N_("To be safe, wait the longest time any source gives, with the radio switched on.")),
        ),
    ),
    evidence=Evidence(
        summary=Message(N_("Independent sources agree on 22 precode and code pairs: owners' pairs, a real label, published tables and other programs' tests.")),
        vectors=VECTORS,
        checks=(Claim(Message(N_("The method is public and gives a code for every one of the 25,900 precodes.")), ("LUCASG",), "two_or_more"),),
    ),
    read=read,
    table=table,
    table_size=COUNT,
    aliases=tuple(_families.FAMILIES),
    table_header="precode",
)
