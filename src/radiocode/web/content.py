"""The site's guides, FAQ and vehicle pages: what they are called and what they may say.

Every sentence here comes from the project's domain facts; the vehicle pages
are built from ``data/vehicles.json``, which names statements kept here so
that each stays translatable.

>>> [guide.slug for guide in GUIDES][:3]
['why-it-locked', 'where-to-look', 'show-precode']
>>> vehicle("renault-trucks-midlum").name
'Renault Trucks Midlum'
>>> vehicle("nope") is None
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from radiocode.i18n import Message, N_

__all__ = ["Guide", "GUIDES", "guide", "FAQ", "Vehicle", "VEHICLES", "vehicle", "STATEMENTS"]


@dataclass(frozen=True)
class Guide:
    slug: str
    title: Message
    summary: Message


GUIDES: tuple[Guide, ...] = (
    Guide("why-it-locked", Message(N_("Why the radio locked")), Message(N_("A lost battery supply makes the radio ask for its code."))),
    Guide("where-to-look", Message(N_("Where to look first")), Message(N_("The code may already be written down in the vehicle."))),
    Guide("show-precode", Message(N_("Show the precode on the display")), Message(N_("Hold presets 1 and 6 (or 1 and 5) while you switch on."))),
    Guide("remove-radio", Message(N_("Taking the radio out")), Message(N_("Only if the display will not show the precode: the label is on the unit."))),
    Guide("precode-serial-part-number", Message(N_("Precode, serial or part number?")), Message(N_("Which number on the label is the one you need."))),
    Guide("enter-code", Message(N_("Entering the code")), Message(N_("Step the digits with the preset buttons, then confirm."))),
    Guide("lockout", Message(N_("Locked out after wrong codes")), Message(N_("How long to wait, and why the radio must stay on."))),
    Guide("dealer", Message(N_("The dealer route")), Message(N_("When no method can work out the code: what to bring and ask."))),
    Guide("faq", Message(N_("Questions owners ask")), Message(N_("Short answers to the common questions."))),
)

_GUIDES = {g.slug: g for g in GUIDES}


def guide(slug: str) -> Guide | None:
    return _GUIDES.get(slug)


#: Question and answer pairs, shown on the FAQ page and given as FAQPage data.
FAQ: tuple[tuple[Message, Message], ...] = (
    (
        Message(N_("Why does my radio show CODE?")),
        Message(N_("It lost its power supply: a battery change, a jump start, a removed fuse or wiring work. It now asks for its 4-digit code before it plays again.")),
    ),
    (
        Message(N_("What is the precode?")),
        Message(N_("One letter and three digits, like A123. Many radios show it when you switch them on while holding presets 1 and 6 (on some: 1 and 5). It is also printed on the radio's label, often as the last four characters of the serial number.")),
    ),
    (
        Message(N_("Is the part number the precode?")),
        Message(N_("No. Numbers like 7700 434 436, 8200 057 676 or 281159243R are Renault part numbers: they name the model of radio. The precode is one letter and three digits.")),
    ),
    (
        Message(N_("I can't tell O from 0 or Q on the label. What now?")),
        Message(N_("Type what you see. We show every reading that fits, side by side, with its code. Look again at the letter: Q has a small tail, O is a plain ring, D has a straight side.")),
    ),
    (
        Message(N_("I entered a wrong code. What happens?")),
        Message(N_("The radio makes you wait before the next try. Sources disagree on how long: from 1 minute after the first wrong code to 60 to 64 minutes after several. Keep the radio switched on while you wait: disconnecting the battery can start the wait again.")),
    ),
    (
        Message(N_("The display says SAFE. Is that the lockout?")),
        Message(N_("Possibly. One page says so, but other sources put SAFE on radios of other makes. The Renault workshop manual says the radio shows CODE again once the wait is over.")),
    ),
    (
        Message(N_("Can every Renault radio code be worked out?")),
        Message(N_("No. Carminat, R-Link, Radio Connect R&GO and Cabasse units, Renault Trucks 24 V Blaupunkt and Delphi radios without a precode, aftermarket radios and units paired to the vehicle have no public method. A dealer can give their code.")),
    ),
    (
        Message(N_("How do I avoid this next time?")),
        Message(N_("Write the code down and keep it in the vehicle's papers. When you change the battery, a memory saver on the diagnostic (OBD) port keeps the radio powered.")),
    ),
    (
        Message(N_("Does this site keep what I type?")),
        Message(N_("No. The code is worked out on this server and nothing you type is written to its logs.")),
    ),
)


#: Sentences that vehicle pages may use; each stays within the domain facts.
STATEMENTS: dict[str, Message] = {
    "midlum_no_source": Message(N_("No public source ties the Midlum to one particular radio family.")),
    "midlum_seed_show": Message(N_("A radio-code website's Midlum page says Midlum radios show their number when you switch them on while holding presets 1 and 6, or 1 and 5, and that they carry a label on the back.")),
    "midlum_seed_precode": Message(N_("It says the number is a 4-character precode such as A123. If your Midlum radio shows a precode like that, the precode method works: type it in the box above.")),
    "midlum_step_show": Message(N_("Switch the radio on while holding presets 1 and 6 (on some: 1 and 5). The precode shows: one letter and three digits, like A123.")),
    "midlum_step_label": Message(N_("Nothing shows? Read the label on the back of the radio.")),
    "midlum_step_type": Message(N_("Type the precode in the box below. You get the 4-digit code.")),
    "midlum_step_enter": Message(N_("Enter the code: presets 1 to 4 step the four digits, then hold 6 (on some: 5) until you hear a beep.")),
    "midlum_step_dealer": Message(N_("No precode on the display or the label? Then ask a Renault Trucks dealer.")),
    "midlum_footnote": Message(N_("Sources: no public source ties the Midlum to one radio family. Steps 1 and 2 come from a radio-code website's Midlum page; step 4 is how preset-button Renault radios take the code. Where your radio differs, follow its display.")),
    "midlum_q_code": Message(N_("Does every Midlum radio need a code?")),
    "midlum_a_code": Message(N_("The sources do not say. A radio-code website's Midlum page says Midlum radios use a 4-character precode such as A123.")),
    "midlum_q_which": Message(N_("Which radio is in my Midlum?")),
    "midlum_a_which": Message(N_("The sources do not say. Read the numbers on the label on the back of the radio and compare them with our list of label numbers.")),
    "midlum_q_wait": Message(N_("How long do I wait after a wrong code?")),
    "midlum_a_wait": Message(N_("A radio-code website's Midlum page says: a few tries, then SAFE, and leave the radio on for about 60 minutes. Other sources report 60 to 64 minutes after several wrong codes.")),
    "trucks_24v": Message(N_("Renault Trucks also fitted 24 V Blaupunkt and Delphi radios, with part numbers like 7 607 005 0xx, 5010xxxxxx or 7421xxxxxx. Unless such a radio shows a precode, no public method works out its code: then ask a Renault Trucks dealer.")),
    "trucks_precode": Message(N_("If the radio shows a precode like A123 when you switch it on while holding presets 1 and 6 (or 1 and 5), type that precode in the box above.")),
    "preset_common": Message(N_("Most Renault and Dacia radios have preset buttons. Switch the radio on while holding presets 1 and 6 for about two seconds (on some: 1 and 5) and the precode shows.")),
    "stalk_models": Message(N_("Our sources name the Megane and the Espace among cars whose radio can be worked from the steering-column stalk. If you enter the code with the stalk, choose the stalk steps on the result page.")),
    "twingo_manual": Message(N_("The Renault workshop manual for the Twingo II gives the wait after wrong codes: 1 minute after the first, 2 after the second, 4 after the third, doubling up to 32 minutes, with the radio left on.")),
    "no_precode_units": Message(N_("Carminat (Becker), R-Link, Radio Connect R&GO and Cabasse units use no precode. Their code comes from a dealer or from the original documents.")),
    "media_nav": Message(N_("If the vehicle has a Media Nav unit, its precode is the last four characters of the serial number under the barcode, sometimes next to the word SECURITY.")),
    "aftermarket": Message(N_("A radio that did not come with the vehicle (an aftermarket radio) has no public method here. Its original documents may hold its code.")),
}


@dataclass(frozen=True)
class Vehicle:
    slug: str
    name: str
    maker: str
    statements: tuple[str, ...]
    guides: tuple[str, ...]
    #: A numbered procedure shown first, its footnote (where sources are thin) and question/answer pairs.
    procedure: tuple[str, ...] = ()
    footnote: str | None = None
    faq: tuple[tuple[str, str], ...] = ()
    #: How many procedure steps come before the code form.
    form_after: int = 0

    def sentences(self) -> list[Message]:
        return [STATEMENTS[key] for key in self.statements]

    def steps(self) -> list[Message]:
        return [STATEMENTS[key] for key in self.procedure]

    def note(self) -> Message | None:
        return STATEMENTS[self.footnote] if self.footnote else None

    def questions(self) -> list[tuple[Message, Message]]:
        return [(STATEMENTS[q], STATEMENTS[a]) for q, a in self.faq]

    def guide_links(self) -> list[Guide]:
        return [_GUIDES[slug] for slug in self.guides]


def _load(path: Path) -> tuple[Vehicle, ...]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    vehicles = []
    for row in rows["vehicles"]:
        procedure = tuple(row.get("procedure", ()))
        faq = tuple((q, a) for q, a in row.get("faq", ()))
        keys = [*row["statements"], *procedure, *[key for pair in faq for key in pair], *([row["footnote"]] if row.get("footnote") else [])]
        unknown = [key for key in keys if key not in STATEMENTS] + [g for g in row["guides"] if g not in _GUIDES]
        if unknown:
            raise ValueError(f"{path.name}: {row['slug']} names unknown statements or guides: {unknown}")
        vehicles.append(Vehicle(row["slug"], row["name"], row["maker"], tuple(row["statements"]), tuple(row["guides"]), procedure, row.get("footnote"), faq, int(row.get("form_after", len(procedure)))))
    return tuple(vehicles)


VEHICLES: tuple[Vehicle, ...] = _load(Path(__file__).parent / "data" / "vehicles.json")
_VEHICLES = {v.slug: v for v in VEHICLES}


def vehicle(slug: str) -> Vehicle | None:
    return _VEHICLES.get(slug)
