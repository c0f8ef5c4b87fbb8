"""One lookup, one result: what the website's result page, the JSON API and ``radiocode code --json`` render.

A :class:`Result` is a usable reading with the entry steps of one way of
entering the code (a Renault entry family such as ``preset6``, or another
radio's entry variant), and a wait estimate when asked; :meth:`Result.to_dict`
is its JSON, the same keys and values from the API and the command line.

>>> result = lookup("A123")
>>> result.reading.code, result.family.name, len(result.steps)
('0086', 'preset6', 7)
>>> ford = lookup("M140687")
>>> ford.reading.radio, ford.reading.code, ford.family.name
('ford-m', '8593', 'presets')
>>> result.to_dict()["entry_steps"][1]
'Leave preset 1 alone: the first digit stays 0.'
>>> lookup("7700 434 436")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
radiocode.exceptions.NotAPrecode: This is a Renault part number: it names the model of radio, not your unit. This is not the precode. ...
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Any

from radiocode import families, lockout, radios
from radiocode.exceptions import InvalidFormat
from radiocode.families import DEFAULT_FAMILY, PRECODE_RULES, Family
from radiocode.i18n import Message, N_
from radiocode.radios.records import EntryVariant
from radiocode.reading import Reading

__all__ = ["Result", "lookup", "result_of", "parse_tries", "estimate_dict", "family_dict"]

# Longer than any count of tries a person types; refused before int() sees it.
_MAX_TRIES_CHARS = 3


@dataclass(frozen=True)
class Entry:
    """How a radio other than Renault takes the code: its entry variant, named like a Renault family."""

    name: str
    title: Message
    entry_known: bool


@dataclass(frozen=True)
class Result:
    """A usable reading with the entry steps for one way of entering it and, if asked, a wait estimate."""

    reading: Reading
    family: Family | Entry
    steps: tuple[Message, ...]
    estimate: lockout.Estimate | None = None

    @property
    def radio(self) -> radios.Radio:
        """The radio family whose algorithm gave the code."""
        return radios.RADIOS[self.reading.radio or radios.renault.RADIO_ID]

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        # A Renault reading keeps its old keys unless other radios read the same input.
        data = self.reading.to_dict(catalog, radios=bool(self.reading.by_radio))
        data["family"] = {"name": self.family.name, "title": self.family.title.render(catalog)}
        data["entry_steps"] = [step.render(catalog) for step in self.steps]
        if self.reading.radio in (None, radios.renault.RADIO_ID):
            data["keep_on"] = lockout.KEEP_ON.render(catalog)
        else:
            # KEEP_ON rests on the Renault sources; another radio's lockout is in its own record.
            data["keep_on"] = None
            data["lockout"] = [claim.to_dict(catalog) for claim in self.radio.lockout]
            data["evidence"] = self.radio.evidence.to_dict(catalog)
        if self.estimate is not None:
            data["wait"] = estimate_dict(self.estimate, catalog)
        return data


def parse_tries(text: str | None) -> int | None:
    """The number of wrong tries typed in a form, None when the field is empty."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    # ASCII digits only: int() would also take "١٢" and "1_0".
    if len(text) > _MAX_TRIES_CHARS or not (text.isascii() and text.isdigit()):
        raise InvalidFormat(
            N_("Give the number of wrong codes tried so far, from 1 to %(most)d."),
            most=lockout.MAX_TRIES,
        )
    return int(text)


def lookup(text: Any, family_name: str | None = None, tries: int | None = None, radio: str | None = None) -> Result:
    """Read `text` (for the radio `radio`, or the radio it names); raise the reading's error when it gives no code."""
    return result_of(None, family_name, tries, text=text, radio=radio)


def result_of(
    reading: Reading | None,
    family_name: str | None = None,
    tries: int | None = None,
    *,
    text: Any = None,
    radio: str | None = None,
) -> Result:
    """The result of `reading` (or of reading `text`); raise the reading's error when it gives no code.

    The family, the radio and the count of tries are checked first, before any reading.
    An old family name given as the radio (``stalk``) chooses that family.
    """
    choice = radios.resolve(radio) if radio else None
    if choice is not None and choice.variant is not None:
        family_name = choice.variant
    chosen = families.family(family_name or DEFAULT_FAMILY)
    estimate = lockout.lockout_waits(tries) if tries is not None else None
    if reading is None:
        reading = radios.read(text, radio)
    if reading.error is not None:
        raise reading.error
    assert reading.code is not None
    if reading.radio in (None, radios.renault.RADIO_ID):
        return Result(reading, chosen, tuple(families.entry_steps(reading.code, chosen.name)), estimate)
    variant: EntryVariant = radios.RADIOS[reading.radio].default_variant
    entry = Entry(variant.id, variant.title, variant.known)
    return Result(reading, entry, tuple(variant.steps(reading.code)), estimate)


def estimate_dict(estimate: lockout.Estimate, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
    """A wait estimate as JSON-ready data."""
    return {
        "tries": estimate.tries,
        "shortest_minutes": estimate.shortest,
        "longest_minutes": estimate.longest,
        "recommended_minutes": estimate.recommended,
        "past_sources": estimate.past_sources,
        "advice": estimate.advice.render(catalog),
        "keep_on": lockout.KEEP_ON.render(catalog),
        "sources": [
            {
                "source": wait.source,
                "title": wait.title.render(catalog),
                "rule": wait.rule.render(catalog),
                "minutes": wait.minutes,
            }
            for wait in estimate.waits
        ],
    }


def family_dict(chosen: Family, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
    """A radio family with its input rules, entry and lockout facts (like PELock's `info`)."""

    def text(message: Message | None) -> str | None:
        return message.render(catalog) if message is not None else None

    return {
        "name": chosen.name,
        "title": text(chosen.title),
        "computable": chosen.computable,
        "input": dict(PRECODE_RULES),
        "shows_precode": text(chosen.shows_precode),
        "confirm": text(chosen.confirm),
        "note": text(chosen.note),
        "entry_known": chosen.entry_known,
        "example_steps": [step.render(catalog) for step in families.entry_steps("0086", chosen.name)],
        "lockout": {
            "keep_on": lockout.KEEP_ON.render(catalog),
            "max_tries": lockout.MAX_TRIES,
            "sources": [
                {"source": source.name, "title": source.title.render(catalog), "rule": source.rule.render(catalog)}
                for source in lockout.SOURCES
            ],
        },
    }

