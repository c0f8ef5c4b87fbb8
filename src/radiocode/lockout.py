"""How long a radio stays locked after wrong codes (domain facts, section 4).

The sources disagree, so an estimate gives every source's figure and the
range; the longest is the safe wait.

>>> estimate = lockout_waits(3)
>>> estimate.shortest, estimate.longest
(4, 60)
>>> [(wait.source, wait.minutes) for wait in estimate.waits]
[('workshop_manual', 4), ('medianav', 8), ('code_seller', 60), ('forum', None), ('seed_page', None)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from radiocode.exceptions import InvalidFormat
from radiocode.i18n import Message, N_

__all__ = ["Source", "SOURCES", "Wait", "Estimate", "lockout_waits", "MAX_TRIES", "KEEP_ON"]

#: More wrong tries than any schedule describes; past this we refuse to guess.
MAX_TRIES = 20

KEEP_ON = Message(
    N_(
        "Keep the radio switched on while you wait. Disconnecting the battery can "
        "start the wait again."
    )
)


@dataclass(frozen=True)
class Source:
    """One source's lockout rule; `minutes` is None when it gives no figure per try."""

    name: str
    title: Message
    rule: Message
    minutes: Callable[[int], int] | None


SOURCES: tuple[Source, ...] = (
    Source(
        "workshop_manual",
        Message(N_("Renault workshop manual (Twingo II)")),
        Message(N_("1 minute after the first wrong code, 2 after the second, 4 after the third, doubling up to 32 minutes. The radio must stay on.")),
        lambda tries: min(2 ** (tries - 1), 32),
    ),
    Source(
        "medianav",
        Message(N_("medianav.net (Media Nav)")),
        Message(N_("2 to the power n minutes between attempts, after n wrong codes.")),
        lambda tries: 2**tries,
    ),
    Source(
        "code_seller",
        Message(N_("A code-selling site")),
        Message(N_("3 tries, then 60 minutes with the ignition on.")),
        lambda tries: 60 if tries >= 3 else 0,
    ),
    Source(
        "forum",
        Message(N_("Owners' forum reports")),
        Message(N_("Waits that double each time, up to about 64 minutes. Leave the radio on.")),
        None,
    ),
    Source(
        "seed_page",
        Message(N_("The page this project started from")),
        Message(N_("A few tries, then SAFE; leave the radio on for about 60 minutes.")),
        None,
    ),
)


@dataclass(frozen=True)
class Wait:
    source: str
    title: Message
    rule: Message
    minutes: int | None


@dataclass(frozen=True)
class Estimate:
    """Every source's wait after `tries` wrong codes, and their range in minutes."""

    tries: int
    waits: tuple[Wait, ...]
    shortest: int
    longest: int

    @property
    def advice(self) -> Message:
        if self.longest == 0:
            return Message(N_("No source asks for a wait yet. Check the code carefully before the next try."))
        if self.shortest == self.longest:
            return Message(N_("Leave the radio switched on for %(longest)d minutes before the next try."), longest=self.longest)
        return Message(
            N_("The sources say %(shortest)d to %(longest)d minutes. To be safe, leave the radio switched on for %(longest)d minutes before the next try."),
            shortest=self.shortest,
            longest=self.longest,
        )


def lockout_waits(tries: int) -> Estimate:
    """What each source says to wait after `tries` wrong codes in a row."""
    if isinstance(tries, bool) or not isinstance(tries, int) or not 1 <= tries <= MAX_TRIES:
        raise InvalidFormat(
            N_("Give the number of wrong codes tried so far, from 1 to %(most)d."),
            most=MAX_TRIES,
        )
    waits = tuple(
        Wait(source.name, source.title, source.rule, source.minutes(tries) if source.minutes else None)
        for source in SOURCES
    )
    figures = [wait.minutes for wait in waits if wait.minutes is not None]
    return Estimate(tries, waits, min(figures), max(figures))
