"""Radio families and how a code is entered on each (domain facts, section 3).

>>> [str(step) for step in entry_steps("0709", "preset6")][1:4]
['Leave preset 1 alone: the first digit stays 0.', 'Press preset 2 seven times: the second digit shows 7.', 'Leave preset 3 alone: the third digit stays 0.']
>>> str(entry_steps("0709", "preset5")[-1])
'Hold preset 5 until you hear a beep.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiocode.exceptions import InvalidFormat
from radiocode.i18n import Message, N_

__all__ = ["Family", "FAMILIES", "DEFAULT_FAMILY", "family", "entry_steps", "PRECODE_RULES"]

DEFAULT_FAMILY = "preset6"

#: What a client may check before it asks (like PELock's per-model input rules).
PRECODE_RULES = {
    "max_length": 4,
    "pattern": "^[A-Z][0-9]{3}$",
    "example": "A123",
    "excluded": "A000-A099",
}

_TIMES = {
    1: N_("once"),
    2: N_("twice"),
    3: N_("three times"),
    4: N_("four times"),
    5: N_("five times"),
    6: N_("six times"),
    7: N_("seven times"),
    8: N_("eight times"),
    9: N_("nine times"),
}
_ORDINAL = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth")}


@dataclass(frozen=True)
class Family:
    """A radio family: how it shows the precode and how it takes the code."""

    name: str
    title: Message
    shows_precode: Message
    confirm: Message | None
    note: Message | None = None
    computable: bool = True

    @property
    def entry_known(self) -> bool:
        return self.confirm is not None


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family(
            "preset6",
            Message(N_("Preset buttons, confirm with 6 (most Renault and Dacia radios)")),
            Message(N_("Switch the radio on while holding presets 1 and 6 for about two seconds (on some: 1 and 5).")),
            Message(N_("Hold preset %(button)d until you hear a beep."), button=6),
            Message(N_("If holding 6 does nothing, hold 5.")),
        ),
        Family(
            "preset5",
            Message(N_("Preset buttons, confirm with 5")),
            Message(N_("Switch the radio on while holding presets 1 and 6 for about two seconds (on some: 1 and 5).")),
            Message(N_("Hold preset %(button)d until you hear a beep."), button=5),
            Message(N_("Some units confirm with preset 5 instead of 6. If holding 6 does nothing, use 5.")),
        ),
        Family(
            "stalk",
            Message(N_("Controlled from the steering-column stalk (Megane, Espace and others)")),
            Message(N_("Switch the radio on while holding presets 1 and 6 for about two seconds (on some: 1 and 5).")),
            Message(N_("Hold the key on the stalk until the code is stored. This can take up to about 10 seconds.")),
        ),
        Family(
            "philips",
            Message(N_("Philips 22DC449/62 style")),
            Message(N_("The precode is printed on the unit's label.")),
            Message(N_("Press button 1 to store the code.")),
        ),
        Family(
            "media_nav",
            Message(N_("Media Nav")),
            Message(N_("The precode is the last four characters of the serial number under the barcode, sometimes next to the word SECURITY.")),
            None,
            Message(N_("Our sources do not say how a Media Nav unit takes the code. Follow what its screen asks for.")),
        ),
    )
}

_CODE = re.compile(r"[0-9]{4}")


def family(name: str) -> Family:
    """The family called `name`, or an error that lists the known names."""
    try:
        return FAMILIES[name]
    except (KeyError, TypeError):
        raise InvalidFormat(
            N_("There is no radio family called %(name)s. Choose one of: %(names)s."),
            name=str(name)[:40],
            names=", ".join(FAMILIES),
        ) from None


def _times(count: int) -> Message:
    return Message(_TIMES[count])


def entry_steps(code: str, family_name: str = DEFAULT_FAMILY) -> list[Message]:
    """The steps that enter `code` on a radio of the family `family_name`."""
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise InvalidFormat(N_("A radio code is four digits, like 0086."))
    chosen = family(family_name)
    digits = [int(c) for c in code]
    if chosen.name in ("preset6", "preset5"):
        steps = [Message(N_("Switch the radio on. The display shows CODE, then 0000."))]
        for position, digit in enumerate(digits, start=1):
            ordinal = Message(_ORDINAL[position])
            if digit == 0:
                steps.append(Message(N_("Leave preset %(button)d alone: the %(ordinal)s digit stays 0."), button=position, ordinal=ordinal))
            else:
                steps.append(Message(N_("Press preset %(button)d %(times)s: the %(ordinal)s digit shows %(digit)d."), button=position, times=_times(digit), ordinal=ordinal, digit=digit))
        steps.append(Message(N_("Check that the display shows %(code)s."), code=code))
    elif chosen.name == "stalk":
        steps = [
            Message(N_("Switch the radio on. The display shows CODE, then 0000.")),
            Message(N_("Press the key on the steering-column stalk.")),
            # The facts say how to set a digit, not how to move on to the next one.
            Message(N_("Our sources do not say how to move on to the next digit. Follow what the display shows.")),
        ]
        for position, digit in enumerate(digits, start=1):
            steps.append(Message(N_("Roll the thumbwheel until the %(ordinal)s digit shows %(digit)d."), ordinal=Message(_ORDINAL[position]), digit=digit))
    elif chosen.name == "philips":
        steps = []
        for position, digit in enumerate(digits, start=1):
            steps.append(Message(N_("Press preset %(button)d, then the < or > station keys until that digit shows %(digit)d."), button=position, digit=digit))
    else:
        return [chosen.note] if chosen.note else []
    steps.append(chosen.confirm)
    return steps
