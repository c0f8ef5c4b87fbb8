"""What the families whose input is a few bare digits share: the check and the reading."""

from __future__ import annotations

import re
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import EmptyInput, InvalidCharacters, InvalidFormat, InvalidLength, NotComputable, ValidationError
from radiocode.i18n import Message, N_
from radiocode.radios.records import Claim, EntryVariant
from radiocode.radios.renault import compact

__all__ = ["compact", "validate_digits", "found", "failed", "UNKNOWN_ENTRY", "UNKNOWN_LOCKOUT"]

# ASCII only: str.isdigit() also accepts "³" and "١".
_DIGITS = re.compile(r"[0-9]+")


def validate_digits(number: Any, length: int, example: str) -> str:
    """`number` compacted, when it is `length` ASCII digits; else the error that says so."""
    if not isinstance(number, str):
        raise InvalidFormat(N_("Expected the number as text, like %(example)s, not %(type)s."), example=example, type=type(number).__name__)
    number = compact(number)
    if not number:
        raise EmptyInput(N_("Type the %(length)d digits from your radio, like %(example)s."), length=length, example=example)
    bad = sorted({c for c in number if not ("0" <= c <= "9")})
    if bad:
        raise InvalidCharacters(N_("This radio's number is %(length)d digits, like %(example)s. These characters cannot be in it: %(chars)s"), length=length, example=example, chars=" ".join(bad[:10]))
    if len(number) != length:
        raise InvalidLength(N_("This radio's number is %(length)d digits, like %(example)s. You typed %(typed)d."), length=length, example=example, typed=len(number))
    return number


def is_digits(text: str) -> bool:
    return bool(_DIGITS.fullmatch(text))


def found(radio: str, number: str, code: str, message: Message | None = None, corrected: bool = False) -> _reading.Reading:
    """A reading that gives `code` for `number` on the radio `radio`."""
    if message is None:
        message = Message(N_("The number %(number)s gives the code %(code)s."), number=number, code=code)
    return _reading.Reading("serial", code=code, messages=(message,), corrected=corrected, radio=radio, number=number)


def failed(radio: str, error: ValidationError, number: str | None = None) -> _reading.Reading:
    """A reading that gives no code, and says why."""
    return _reading.Reading("invalid", error=error, computable=not isinstance(error, NotComputable), radio=radio, number=number)


NOT_SAID_ENTRY = Message(N_("The sources do not say how this radio takes the code. Follow what its display asks for."))

UNKNOWN_ENTRY = EntryVariant(
    "unknown",
    Message(N_("The sources do not say how this radio takes the code")),
    lambda code: [NOT_SAID_ENTRY],
    known=False,
)

UNKNOWN_LOCKOUT = (Claim(Message(N_("The sources do not say what this radio does after wrong codes. Check each digit before you enter the code.")), (), "none"),)
