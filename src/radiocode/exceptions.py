"""The errors radiocode raises: one tree, all of them ``ValueError``.

Each class carries a default message that tells a person what to try next,
and a short ``type`` that programs (the JSON API, batch output) can rely on.

>>> from radiocode import precode
>>> precode.validate("A012")
Traceback (most recent call last):
    ...
radiocode.exceptions.NonexistentPrecode: Precodes A000 to A099 do not exist, so A012 cannot be right. Check the label again: the letter may not be an A, or the first digit may not be a 0.
"""

from __future__ import annotations

import gettext
from typing import Any

from radiocode.i18n import Message, N_

__all__ = [
    "ValidationError",
    "InvalidFormat",
    "InvalidLength",
    "EmptyInput",
    "InputTooLong",
    "InvalidCharacters",
    "InvalidComponent",
    "NonexistentPrecode",
    "NotAPrecode",
    "NotComputable",
    "NoPrecodeFound",
    "NotASerial",
    "AmbiguousRadio",
    "UnknownRadio",
    "UnsettledInput",
]


class ValidationError(ValueError):
    """Top of the tree; never raised itself."""

    type = "invalid_input"
    message = N_("This is not a precode we can read.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        self.msg = Message(message or self.message, **params)
        super().__init__(str(self.msg))

    @property
    def params(self) -> dict[str, Any]:
        return self.msg.params

    def render(self, catalog: gettext.NullTranslations | None = None) -> str:
        """The message in the language of `catalog`."""
        return self.msg.render(catalog)

    def __str__(self) -> str:
        return str(self.msg)


class InvalidFormat(ValidationError):
    """The text is not shaped like a precode."""

    type = "invalid_format"
    message = N_(
        "A precode is one letter followed by three digits, like A123. "
        "Check the label and type the four characters you see."
    )


class InvalidLength(InvalidFormat):
    """The text has too few or too many characters for a precode."""

    type = "invalid_length"
    message = N_(
        "A precode has exactly four characters: one letter, then three digits, "
        "like A123. You typed %(length)d."
    )


class EmptyInput(InvalidLength):
    """Nothing was given."""

    type = "empty_input"
    message = N_(
        "Type the precode from your radio, like A123, or paste what the label says."
    )


class InputTooLong(InvalidLength):
    """More text than any radio label holds."""

    type = "input_too_long"
    message = N_(
        "That is too long for a radio label (%(length)d characters). "
        "Paste only the label text, at most %(limit)d characters."
    )


class InvalidCharacters(InvalidFormat):
    """Characters that no precode or label contains."""

    type = "invalid_characters"
    message = N_(
        "Use only the letters A to Z and the digits 0 to 9, like A123. "
        "These characters cannot be in a precode: %(chars)s"
    )


class InvalidComponent(ValidationError):
    """Shaped like a precode, but a part of it cannot be."""

    type = "invalid_component"


class NonexistentPrecode(InvalidComponent):
    """A000 to A099: the algorithm divides by zero, no radio has them."""

    type = "nonexistent_precode"
    message = N_(
        "Precodes A000 to A099 do not exist, so %(precode)s cannot be right. "
        "Check the label again: the letter may not be an A, "
        "or the first digit may not be a 0."
    )


class NotAPrecode(ValidationError):
    """A number of another kind: a part number, a VIN, a model name."""

    type = "not_a_precode"
    message = N_("%(what)s This is not the precode. %(where)s")

    def __init__(self, kind: str, message: str | None = None, **params: Any) -> None:
        self.kind = kind
        super().__init__(message, **params)


class NotComputable(NotAPrecode):
    """A radio whose code no public method computes."""

    type = "not_computable"
    message = N_("%(what)s %(where)s")


class NoPrecodeFound(ValidationError):
    """Label text with nothing in it that reads as a precode."""

    type = "no_precode_found"
    message = N_(
        "We could not find a precode in this text. A precode is one letter and "
        "three digits, like A123. Look at the end of the serial number on the "
        "radio's label, or switch the radio on while holding presets 1 and 6."
    )


class NotASerial(NotAPrecode):
    """Text from another radio's label or display that is not its serial: a model name,
    a part number, a build line of the display scroll."""

    type = "not_a_serial"
    message = N_("%(what)s This is not the serial. %(where)s")


class AmbiguousRadio(ValidationError):
    """Input that several radio families read, each with a different code."""

    type = "ambiguous_radio"
    message = N_(
        "%(number)s fits more than one kind of radio, and each gives a different code. "
        "Choose your radio: %(names)s."
    )


class UnknownRadio(InvalidFormat):
    """A radio (or make) name that radiocode does not know."""

    type = "unknown_radio"
    message = N_("There is no radio called %(name)s. Choose one of: %(names)s.")


class UnsettledInput(InvalidComponent):
    """Input whose code the sources do not agree on: no code is given for it."""

    type = "unsettled_input"
