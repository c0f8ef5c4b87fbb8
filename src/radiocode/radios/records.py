"""What each radio family carries besides its algorithm: data, ready to render.

Every statement is a :class:`~radiocode.i18n.Message` (rendered late, in the
reader's language) with the ids of the sources behind it and how far they
agree, so a page, the API and the CLI show the same facts and the same
disagreements. Source ids are those of ``../shared/domain-facts-brands.md``;
:data:`SOURCES` names them.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from radiocode.i18n import Message, N_

if TYPE_CHECKING:
    from radiocode.reading import Reading

__all__ = [
    "AGREEMENT",
    "SOURCES",
    "Claim",
    "Disagreement",
    "EntryVariant",
    "Evidence",
    "InputRule",
    "Radio",
    "Vector",
    "UNKNOWN",
]

#: How far the sources behind a claim agree (the facts file's [2+], [1], [conflict], [none]).
AGREEMENT = {
    "two_or_more": N_("Two or more independent sources agree."),
    "one": N_("Only one source says this."),
    "conflict": N_("The sources disagree."),
    "none": N_("The sources do not say."),
}

#: Source ids used by the records, with what each one is (the facts file's source index).
SOURCES: dict[str, str] = {
    "HJ1": "honestjohn.co.uk forum, thread 103835",
    "HJ2": "honestjohn.co.uk forum, thread 107436 (Ford Ka)",
    "HJ3": "honestjohn.co.uk Ask HJ: how do I get my radio off LOCK10",
    "HJ4": "honestjohn.co.uk FAQ: Ford radio codes",
    "FFRC": "freefordradiocode.co.uk forum (one helper, counted once)",
    "FFRC-191": "freefordradiocode.co.uk forum, thread 191 (2005 Fiesta, FDC200)",
    "FFRC-6367": "freefordradiocode.co.uk forum, thread 6367 (05/06 Focus, FDC200)",
    "FFRC-20536": "freefordradiocode.co.uk forum, thread 20536 (CD 6000, Sony 132-6cd)",
    "HTM": "howtomendit.com answers (helper hay88)",
    "MSE": "forums.moneysavingexpert.com: car radio unlocking (helper hay88)",
    "FIX-382480": "fixfault.com, answer 382480",
    "FIX-475400": "fixfault.com, answer 475400",
    "SE": "mechanics.stackexchange.com, question 16574",
    "FOC": "fordownersclub.com forum",
    "OCUK": "forums.overclockers.co.uk (Ford 6000; Focus Mk1 cassette)",
    "TAB": "theanswerbank.co.uk",
    "FN": "fordnews.org (6000CD RDS EON, Fiesta)",
    "CM": "Car Mechanics (UK) magazine, \"Missing radio code\" (2018, a 2009 Fiesta)",
    "CMAX": "cmaxownersclub.co.uk (6000CD)",
    "VEL": "veloce.dk blog (Ford Mondeo)",
    "HAY": "Workshop manual text for the Ford Mondeo (Haynes style)",
    "RCF": "radiocodeford.com (a code seller)",
    "RCP": "radiocodepro.co.uk (a code seller)",
    "RCL": "radiocodelookup.com (a code seller)",
    "ARB": "autoradio-boutique.com (a code seller)",
    "DO": "erdesigns-eu/Delphi-OBD (radio code units)",
    "MB": "mark0wnik/VP1-VP2-Toolkit (anti-theft code tool, MIT)",
    "PL": "PELock Radio Code Calculator SDK (test vectors, input rules)",
    "MBRCC": "A C++ repository's README, \"Multi-Brand Radio Code Calculator\" (no source id in the facts file)",
    "NR": "notiren/radio-code-calculators (README, published Ford table)",
    "OS": "OlegSmelov/ford-radio-codes (checking port only)",
    "RTW": "Renault workshop manual, section 86A (Twingo RS radio)",
    "DF": "domain-facts.md: the Renault facts (forum pairs, labels, tables, manuals)",
    "RADCODEREN": "radcoderen go-code-autoradio-renault (tests)",
    "OJACQUEMART": "ojacquemart/renault-radio-code-list (2014 table)",
    "UNLOCKECU": "jglim/UnlockECU, pull request 68",
    "LUCASG": "lucasg.github.io: the Renault radio code algorithm",
}


@dataclass(frozen=True)
class Claim:
    """One statement, the sources behind it and how far they agree (a key of AGREEMENT)."""

    text: Message
    sources: tuple[str, ...] = ()
    agreement: str = "two_or_more"

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        return {"text": self.text.render(catalog), "sources": list(self.sources), "agreement": self.agreement}


#: What a record says where the facts files are silent.
UNKNOWN = Claim(Message(N_("The sources do not say.")), (), "none")


@dataclass(frozen=True)
class Disagreement:
    """A point the sources disagree on: each side as a claim, and what to do meanwhile."""

    topic: Message
    sides: tuple[Claim, ...]
    advice: Message | None = None

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        return {
            "topic": self.topic.render(catalog),
            "sides": [side.to_dict(catalog) for side in self.sides],
            "advice": self.advice.render(catalog) if self.advice else None,
        }


@dataclass(frozen=True)
class InputRule:
    """What a client may check before it asks: the typed input's shape."""

    pattern: str
    length: int
    example: str
    description: Message
    unknown: Message | None = None  # what the sources leave open about the input

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "length": self.length,
            "example": self.example,
            "description": self.description.render(catalog),
            "unknown": self.unknown.render(catalog) if self.unknown else None,
        }


@dataclass(frozen=True)
class EntryVariant:
    """One way a radio of the family takes the code (a Renault radio has several)."""

    id: str
    title: Message
    steps_for: Callable[[str], list[Message]]
    known: bool = True  # False: the sources do not say how the code is entered

    def steps(self, code: str) -> list[Message]:
        """The steps that enter `code` on this variant."""
        return self.steps_for(code)


@dataclass(frozen=True)
class Vector:
    """A number and its code from a source, and how strong that evidence is."""

    number: str
    code: str
    evidence: str  # paperwork, user_confirmed, helper, vendor_test, refused_by_radio
    sources: tuple[str, ...]
    note: str = ""


#: Evidence kinds of a vector, strongest first, with what each one means.
EVIDENCE_KINDS = {
    "paperwork": N_("the code printed in the maker's own paperwork for that serial"),
    "real_label": N_("a real radio label with its code"),
    "user_confirmed": N_("an owner said the code worked"),
    "forum_pair": N_("a number and code pair posted by an owner"),
    "helper": N_("a forum helper's answer"),
    "published_table": N_("a published table of codes"),
    "implementation_test": N_("another program's tests"),
    "vendor_test": N_("a code seller's published test"),
    "refused_by_radio": N_("the same code, but that owner's radio refused it"),
}


@dataclass(frozen=True)
class Evidence:
    """How we know the codes are right: which independent sources agree, on how many codes."""

    summary: Message
    vectors: tuple[Vector, ...]
    checks: tuple[Claim, ...] = ()  # whole-table or implementation checks
    caveats: tuple[Claim, ...] = ()

    def counts(self) -> dict[str, int]:
        """How many codes each kind of evidence confirms, strongest kind first."""
        counts = {kind: 0 for kind in EVIDENCE_KINDS}
        for vector in self.vectors:
            counts[vector.evidence] += 1
        return {kind: count for kind, count in counts.items() if count}

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        return {
            "summary": self.summary.render(catalog),
            "counts": self.counts(),
            "vectors": [
                {"number": v.number, "code": v.code, "evidence": v.evidence, "sources": list(v.sources), "note": v.note}
                for v in self.vectors
            ],
            "checks": [claim.to_dict(catalog) for claim in self.checks],
            "caveats": [claim.to_dict(catalog) for claim in self.caveats],
        }


@dataclass(frozen=True)
class Radio:
    """A radio family: one algorithm, its input, and the facts an owner needs around it."""

    id: str
    name: Message
    makes: tuple[str, ...]
    input_rule: InputRule
    where_to_find: tuple[Claim, ...]
    variants: tuple[EntryVariant, ...]
    lockout: tuple[Claim, ...]
    disagreements: tuple[Disagreement, ...]
    evidence: Evidence
    read: Callable[[str], Reading]
    table: Callable[[], Iterator[tuple[str, str]]]
    table_size: int
    number_name: Message  # what the input is called: "precode", "serial"
    aliases: tuple[str, ...] = ()  # older names that must keep answering
    vehicles: tuple[Claim, ...] = ()
    table_csv: Callable[[], Iterator[str]] | None = None  # a faster twin of table() as CSV text
    marked: bool = True  # False: its input carries no mark of the radio (bare digits)
    table_header: str = "number"  # the first column's name in the table's CSV

    def csv_lines(self) -> Iterator[str]:
        """The whole table as CSV text without its header, in blocks of lines."""
        if self.table_csv is not None:
            yield from self.table_csv()
            return
        yield from (f"{number},{code}\n" for number, code in self.table())

    @property
    def default_variant(self) -> EntryVariant:
        return self.variants[0]

    def variant(self, variant_id: str | None = None) -> EntryVariant:
        """The entry variant `variant_id` (the first when None); KeyError when unknown."""
        if variant_id is None:
            return self.variants[0]
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        raise KeyError(variant_id)

    def to_dict(self, catalog: gettext.NullTranslations | None = None) -> dict[str, Any]:
        """The record as JSON-ready data (what ``radiocode radios --json`` and the API list)."""
        return {
            "id": self.id,
            "name": self.name.render(catalog),
            "makes": list(self.makes),
            "input": self.input_rule.to_dict(catalog),
            "number_name": self.number_name.render(catalog),
            "vehicles": [claim.to_dict(catalog) for claim in self.vehicles],
            "where_to_find": [claim.to_dict(catalog) for claim in self.where_to_find],
            "entry_variants": [
                {"id": v.id, "title": v.title.render(catalog), "known": v.known} for v in self.variants
            ],
            "lockout": [claim.to_dict(catalog) for claim in self.lockout],
            "disagreements": [d.to_dict(catalog) for d in self.disagreements],
            "evidence": self.evidence.to_dict(catalog),
            "table_size": self.table_size,
            "aliases": list(self.aliases),
        }
