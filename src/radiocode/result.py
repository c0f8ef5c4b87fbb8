"""One lookup, one result: what the website's result page, the JSON API and ``radiocode code --json`` render.

A :class:`Result` is a usable reading with the entry steps of one way of
entering the code (a Renault radio's entry family such as ``preset6``, or
another radio's entry variant), and a wait estimate when asked;
:meth:`Result.to_dict` is its JSON, the same keys and values from the API and
the command line.

>>> result = lookup("A123")
>>> result.reading.code, result.family.name, len(result.steps)
('0086', 'preset6', 7)
>>> ford = lookup("M140687")
>>> ford.reading.radio, ford.reading.code, ford.variant.id
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
from radiocode.exceptions import AmbiguousRadio, InvalidFormat
from radiocode.families import DEFAULT_FAMILY, FAMILIES, PRECODE_RULES, Family
from radiocode.i18n import Message, N_
from radiocode.radios.records import EntryVariant, Radio
from radiocode.reading import Reading

__all__ = ["Result", "lookup", "result_of", "parse_tries", "estimate_dict", "family_dict", "radio_dict", "choices"]

# Longer than any count of tries a person types; refused before int() sees it.
_MAX_TRIES_CHARS = 3


@dataclass(frozen=True)
class Result:
    """A usable reading with the entry steps for one family and, if asked, a wait estimate."""

    reading: Reading
    family: Family | None  # a Renault radio's entry variant as today's Family; None for other radios
    steps: tuple[Message, ...]
    estimate: lockout.Estimate | None = None
    #: Whether the radio was asked for (``radio=``): the answer then names it, whatever it is.
    radio_asked: bool = False

    @property
    def radio(self) -> Radio:
        return radios.RADIOS[self.reading.radio or "renault"]

    @property
    def variant(self) -> EntryVariant:
        return self.radio.variant(self.family.name if self.family is not None else None)

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        # A Renault answer keeps today's shape; other radios (or radio=) add what names the radio.
        data = self.reading.to_dict(catalog, radios=self.radio_asked or bool(self.reading.by_radio))
        if self.family is not None:
            data["family"] = {"name": self.family.name, "title": self.family.title.render(catalog)}
        data["entry_steps"] = [step.render(catalog) for step in self.steps]
        if self.reading.radio == "renault":
            data["keep_on"] = lockout.KEEP_ON.render(catalog)
        else:
            radio = self.radio
            data["radio_name"] = radio.name.render(catalog)
            data["entry_variant"] = {"id": self.variant.id, "title": self.variant.title.render(catalog), "known": self.variant.known}
            data["lockout"] = [claim.to_dict(catalog) for claim in radio.lockout]
            data["evidence"] = {"summary": radio.evidence.summary.render(catalog), "counts": radio.evidence.counts()}
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


_FAMILY_FOR_RENAULT = N_("The family parameter names how a Renault radio takes the code (%(names)s); %(radio)s is not a Renault radio. Leave family out.")
_TRIES_FOR_RENAULT = N_("The wait estimate is for Renault radios. What the %(radio)s radio does after wrong codes is in its lockout facts.")
_ONE_OTHER = N_("%(number)s is not a Renault precode. It fits one other kind of radio: %(names)s. Choose your radio to get its code.")


def choices(reading: Reading) -> tuple[Reading, ...]:
    """The other radios' readings of `reading`'s input that give a code (bare digits fit several)."""
    return tuple(other for other in reading.by_radio if other.ok)


def lookup(text: Any, family_name: str | None = None, tries: int | None = None, radio_name: str | None = None) -> Result:
    """Read `text` for the radio `radio_name` (or the one it says); raise the reading's error when it gives no code.

    `radio_name` is anything :func:`radiocode.radios.resolve` takes: an id, a make or
    an old family name (``stalk`` is the Renault radio, stalk variant). Without it,
    bare digits that are no Renault precode but fit other radios raise
    :class:`AmbiguousRadio`: never one confident code for a radio nobody named.
    """
    return result_of(None, family_name, tries, text=text, radio_name=radio_name)


def result_of(
    reading: Reading | None,
    family_name: str | None = None,
    tries: int | None = None,
    *,
    text: Any = None,
    radio_name: str | None = None,
) -> Result:
    """The result of `reading` (or of reading `text`, as :func:`lookup` does); raise its error when it gives no code."""
    radio_asked = bool(radio_name)
    if radio_asked:
        choice = radios.resolve(radio_name)
        if choice.variant is not None:
            if family_name and family_name != choice.variant:
                raise InvalidFormat(N_("radio=%(radio)s already names how the radio takes the code; family=%(family)s says otherwise. Send one of them."), radio=choice.variant, family=family_name[:40])
            family_name = choice.variant
    if reading is None:
        reading = radios.read(text, radio_name or None)
    if reading.error is not None:
        others = choices(reading)
        if not radio_asked and reading.radio == "renault" and others:
            names = ", ".join(f"{other.radio} ({radios.RADIOS[other.radio].name})" for other in others)
            number = radios.renault.compact(text if text is not None else reading.number_read or "")[:20]
            if len(others) == 1:
                raise AmbiguousRadio(_ONE_OTHER, number=number, names=names)
            raise AmbiguousRadio(number=number, names=names)
        raise reading.error
    assert reading.code is not None
    if reading.radio != "renault":
        if family_name:
            raise InvalidFormat(_FAMILY_FOR_RENAULT, names=", ".join(FAMILIES), radio=reading.radio)
        if tries is not None:
            raise InvalidFormat(_TRIES_FOR_RENAULT, radio=reading.radio)
        variant = radios.RADIOS[reading.radio].default_variant
        return Result(reading, None, tuple(variant.steps(reading.code)), None, radio_asked)
    chosen = families.family(family_name or DEFAULT_FAMILY)
    estimate = lockout.lockout_waits(tries) if tries is not None else None
    return Result(reading, chosen, tuple(families.entry_steps(reading.code, chosen.name)), estimate, radio_asked)


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


def radio_dict(radio: Radio, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
    """A radio family as the API lists it: the record, with where its page and variants are."""
    data = radio.to_dict(catalog)
    data["links"] = {"page": f"/radios/{radio.id}", "entry_variants": f"/api/v1/radios/{radio.id}/variants"}
    return data


def all_families() -> list[Family]:
    return list(FAMILIES.values())
