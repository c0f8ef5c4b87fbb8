"""Numbers found on radios and vehicles that are NOT the precode.

People type the part number, the VIN or the model name off a label when they
look for the precode. Each kind here says what such a number is and where the
precode is instead (domain facts, section 2).

>>> identify("7700 434 436").kind
'renault_part_number'
>>> identify("VF1BB0A0H12345678").kind
'vin_renault'
>>> identify("A123") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiocode.i18n import Message, N_

__all__ = ["NumberKind", "KINDS", "RADIO_NAMES", "identify", "identify_radio_name", "identify_written_part_number", "kind_by_name"]

WHERE_PRECODE = Message(
    N_(
        "The precode is one letter and three digits, like A123. It is usually the "
        "last four characters of the serial number on the radio's label, often "
        "right after a T (281150198RT A583 gives A583). Many radios also show it "
        "when you switch them on while holding presets 1 and 6 for about two "
        "seconds (on some: 1 and 5)."
    )
)

WHERE_PRECODE_MEDIA_NAV = Message(
    N_(
        "On Media Nav units the precode is the last four characters of the serial "
        "number under the barcode, sometimes next to the word SECURITY: one letter "
        "and three digits, like A123."
    )
)

WHERE_NO_PRECODE_TRUCKS = Message(
    N_(
        "If this radio shows a precode like A123 when you switch it on while "
        "holding presets 1 and 6 (or 1 and 5), type that precode. If it shows "
        "none, no public method can work out its code: a Renault Trucks dealer can "
        "give it to you, with proof that the vehicle is yours."
    )
)

WHERE_DEALER = Message(
    N_(
        "No public method can work out the code for this kind of radio. A Renault "
        "dealer can give it to you: bring proof that the vehicle is yours and the "
        "details from the radio's label. Look first in the vehicle's papers: "
        "the code is sometimes on a card there."
    )
)


@dataclass(frozen=True)
class NumberKind:
    """One kind of number that people mistake for the precode."""

    kind: str
    what: Message
    where: Message
    pattern: re.Pattern[str]
    computable: bool = True  # whether the radio behind it may still have a precode


def _kind(kind: str, what: str, where: Message, pattern: str, computable: bool = True) -> NumberKind:
    return NumberKind(kind, Message(what), where, re.compile(pattern), computable)


# Order matters: the more specific pattern comes first. Patterns run on the
# compacted text (upper case, no spaces, dashes or dots; "/" kept).
KINDS: tuple[NumberKind, ...] = (
    _kind("vin_renault", N_("This is a Renault car's vehicle identification number (VIN)."), WHERE_PRECODE, r"VF1[A-HJ-NPR-Z0-9]{14}"),
    _kind("vin_renault_trucks", N_("This is a Renault Trucks vehicle identification number (VIN)."), WHERE_NO_PRECODE_TRUCKS, r"VF6[A-HJ-NPR-Z0-9]{14}"),
    _kind("vin", N_("This is a vehicle identification number (VIN)."), WHERE_PRECODE, r"(?=.*[A-Z])(?=.*[0-9])[A-HJ-NPR-Z0-9]{17}"),
    _kind("renault_trucks_blaupunkt", N_("This is the part number of a Renault Trucks 24 V Blaupunkt radio."), WHERE_NO_PRECODE_TRUCKS, r"7607005[0-9]{3}", computable=False),
    _kind("blaupunkt_part_number", N_("This is a Blaupunkt or Bosch part number: it names the model of radio, not your unit."), WHERE_PRECODE, r"76[0-9]{8}"),
    _kind("renault_part_number", N_("This is a Renault part number: it names the model of radio, not your unit."), WHERE_PRECODE, r"(?:7700|8200)[0-9]{6}|[0-9]{9}R"),
    _kind("renault_trucks_part_number", N_("This is a Renault Trucks part number (Blaupunkt or Delphi radio)."), WHERE_NO_PRECODE_TRUCKS, r"(?:5010|7421)[0-9]{6}", computable=False),
    _kind("bp_serial", N_("This is a Blaupunkt serial number (BP and 12 digits)."), WHERE_PRECODE, r"BP[0-9]{12}"),
    _kind("bp_type", N_("This is a Blaupunkt type number (BP and 4 digits): it names the model of radio."), WHERE_PRECODE, r"BP[0-9]{4}"),
    _kind("philips_model", N_("This is a Philips radio model number."), WHERE_PRECODE, r"[0-9]{2}DC[0-9]{3}(?:/[0-9]{2}[A-Z]?)?"),
    _kind("continental_part_number", N_("This is a Continental part number: it names the model of radio."), WHERE_PRECODE, r"A2C[0-9]{8}"),
    _kind("lg_media_nav_model", N_("This is the model number of an LG Media Nav unit."), WHERE_PRECODE_MEDIA_NAV, r"LAN[0-9]{4}[A-Z]{0,3}[0-9]?"),
)

# Radios recognised by name: those whose code cannot be computed (domain facts, section 5), and Media Nav.
RADIO_NAMES: tuple[NumberKind, ...] = (
    _kind("carminat", N_("Carminat navigation units (made by Becker) do not use a precode."), WHERE_DEALER, r"\bCARMINAT\b|\bBECKER\b", computable=False),
    _kind("r_link", N_("R-Link units do not use a precode."), WHERE_DEALER, r"\bR\s*-?\s*LINK\b", computable=False),
    _kind("radio_connect", N_("Radio Connect R&GO units do not use a precode."), WHERE_DEALER, r"\bR\s*&\s*GO\b|\bRADIO\s*CONNECT\b", computable=False),
    _kind("cabasse", N_("Cabasse audio units do not use a precode."), WHERE_DEALER, r"\bCABASSE\b", computable=False),
    # Named, but not beyond reach: a Media Nav unit carries a precode on its label.
    _kind("media_nav_name", N_("Media Nav is the name of the unit, not its precode. Media Nav units do have a precode."), WHERE_PRECODE_MEDIA_NAV, r"\bMEDIA\s*-?\s*NAV\b"),
)

# The seed page lists 8200####, 2811#### and 7700#### as "serial formats": they are
# Renault part numbers (domain facts, section 2), typed as written or with 4 digits.
_WRITTEN_PART_NUMBER = re.compile(r"(?:7700|8200|2811)(?:[0-9]{4}|[#X*]{4})")

_BY_NAME = {kind.kind: kind for kind in KINDS + RADIO_NAMES}

# One regex for all kinds: alternatives are tried in order, as the list says.
_ANY_KIND = re.compile("|".join(f"(?P<{kind.kind}>{kind.pattern.pattern})" for kind in KINDS))
SHORTEST = 6  # BP and 4 digits: no kind is shorter
_SEPARATORS = str.maketrans("", "", " -.")


def kind_by_name(name: str) -> NumberKind:
    """The :class:`NumberKind` called `name`; ``KeyError`` if there is none."""
    return _BY_NAME[name]


def identify(compacted: str) -> NumberKind | None:
    """The kind of a whole compacted number, or None when it is none we know."""
    if len(compacted) < SHORTEST:
        return None
    match = _ANY_KIND.fullmatch(compacted.upper().translate(_SEPARATORS))
    return _BY_NAME[match.lastgroup] if match and match.lastgroup else None


def identify_written_part_number(text: str) -> NumberKind | None:
    """A Renault part number typed as the seed page writes it (``8200####``, ``2811 1234``)."""
    if _WRITTEN_PART_NUMBER.fullmatch(text.upper().translate(_SEPARATORS)):
        return _BY_NAME["renault_part_number"]
    return None


def identify_radio_name(text: str) -> NumberKind | None:
    """A radio named in free text whose code cannot be computed, if any."""
    text = text.upper()
    for kind in RADIO_NAMES:
        if kind.pattern.search(text):
            return kind
    return None
