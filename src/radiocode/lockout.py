"""How long a radio stays locked after wrong codes (domain facts, section 4).

The sources disagree, so an estimate gives every source's figure, and one
recommendation first: the longest wait a source gives for that many wrong
codes. No rule is carried past where its source stops: the workshop manual's
doubling ends at 32 minutes, and no source reports a wait past about 64
minutes, so medianav's 2^n stops there too. Past the count the sources
describe, the estimate says so and points to the dealer.

>>> estimate = lockout_waits(3)
>>> estimate.recommended, str(estimate.advice)
(60, 'Leave the radio switched on for 1 h 00 min before the next try.')
>>> [(wait.source, wait.minutes) for wait in estimate.waits]
[('workshop_manual', 4), ('medianav', 8), ('code_seller', 60), ('forum', None), ('seed_page', None)]
>>> lockout_waits(20).recommended, lockout_waits(20).past_sources
(64, True)
>>> str(duration(64)), str(duration(8))
('1 h 04 min', '8 min')

A radio family with rules of its own passes them as ``rules=`` (a :class:`Rules`).
"""

from __future__ import annotations

from dataclasses import dataclass

from radiocode.exceptions import InvalidFormat
from radiocode.i18n import Message, N_

__all__ = [
    "Source",
    "Rules",
    "SOURCES",
    "RENAULT",
    "Wait",
    "Estimate",
    "lockout_waits",
    "duration",
    "MAX_TRIES",
    "KEEP_ON",
]

#: The most wrong tries the site, the API and the CLI take; every count up to it is tested.
MAX_TRIES = 50

KEEP_ON = Message(
    N_(
        "Keep the radio switched on while you wait. Disconnecting the battery can "
        "start the wait again."
    )
)


@dataclass(frozen=True)
class Source:
    """One source's lockout rule, only as far as the source goes.

    `schedule` holds the minutes after the 1st, 2nd, ... wrong code; `then` the
    minutes the source gives for every later wrong code (None: it says nothing
    past its schedule); `up_to` the longest wait it reports when it gives no
    figure per try.
    """

    name: str
    title: Message
    rule: Message
    schedule: tuple[int, ...] = ()
    then: int | None = None
    up_to: int | None = None

    def minutes(self, tries: int) -> int | None:
        """The wait this source states after `tries` wrong codes, None when it states none."""
        if 1 <= tries <= len(self.schedule):
            return self.schedule[tries - 1]
        return self.then if self.schedule or self.then is not None else None

    @property
    def longest(self) -> int:
        """The longest wait this source states at all."""
        figures = [*self.schedule, self.then or 0, self.up_to or 0]
        return max(figures)


@dataclass(frozen=True)
class Rules:
    """What the sources say about one radio's lockout.

    `described_up_to` is the most wrong codes the sources' schedules describe:
    past it the estimate says it has left the sources' range.
    """

    sources: tuple[Source, ...]
    described_up_to: int

    @property
    def longest(self) -> int:
        return max(source.longest for source in self.sources)


SOURCES: tuple[Source, ...] = (
    Source(
        "workshop_manual",
        Message(N_("Renault workshop manual (Twingo II)")),
        Message(N_("1 minute after the first wrong code, 2 after the second, 4 after the third, doubling up to 32 minutes. It gives no wait past that. The radio must stay on.")),
        schedule=(1, 2, 4, 8, 16, 32),
    ),
    Source(
        "medianav",
        Message(N_("medianav.net, a Media Nav code website")),
        Message(N_("2 to the power n minutes after n wrong codes. No source reports a wait past about 64 minutes (the 6th wrong code), so we stop there.")),
        schedule=(2, 4, 8, 16, 32, 64),
    ),
    Source(
        "code_seller",
        Message(N_("A website that sells radio codes")),
        Message(N_("3 tries, then 60 minutes with the ignition on.")),
        schedule=(0, 0, 60),
        then=60,
    ),
    Source(
        "forum",
        Message(N_("Owners' reports on forums")),
        Message(N_("Waits that double each time, up to about 64 minutes. Leave the radio on.")),
        up_to=64,
    ),
    Source(
        "seed_page",
        Message(N_("A radio-code website's Midlum page")),
        Message(N_("A few tries, then SAFE; leave the radio on for about 60 minutes.")),
        up_to=60,
    ),
)

#: Renault and Dacia radios: the doubling schedules (workshop manual, medianav) end at the 6th wrong code.
RENAULT = Rules(SOURCES, described_up_to=6)


def duration(minutes: int) -> Message:
    """A wait in hours and minutes, as a person reads it: "1 h 04 min", "8 min"."""
    if minutes >= 60:
        return Message(N_("%(hours)d h %(minutes)02d min"), hours=minutes // 60, minutes=minutes % 60)
    return Message(N_("%(minutes)d min"), minutes=minutes)


@dataclass(frozen=True)
class Wait:
    source: str
    title: Message
    rule: Message
    minutes: int | None


@dataclass(frozen=True)
class Estimate:
    """Every source's wait after `tries` wrong codes, and the one wait to recommend.

    `shortest` and `longest` span the per-try figures the sources give for this
    count; `recommended` is the wait to advise (never more than a source states);
    `past_sources` is true past the count the sources describe.
    """

    tries: int
    waits: tuple[Wait, ...]
    shortest: int
    longest: int
    recommended: int
    past_sources: bool
    described_up_to: int

    @property
    def advice(self) -> Message:
        wait = duration(self.recommended)
        if self.past_sources:
            return Message(
                N_("The sources' schedules stop at %(last)d wrong codes: no source says whether the wait grows after that. The longest wait any source reports is about %(wait)s: leave the radio switched on that long before one more try. If it still refuses the code, stop and ask a dealer."),
                last=self.described_up_to,
                wait=wait,
            )
        return Message(N_("Leave the radio switched on for %(wait)s before the next try."), wait=wait)


def lockout_waits(tries: int, rules: Rules = RENAULT) -> Estimate:
    """What each source says to wait after `tries` wrong codes in a row, and the wait to advise."""
    if isinstance(tries, bool) or not isinstance(tries, int) or not 1 <= tries <= MAX_TRIES:
        raise InvalidFormat(
            N_("Give the number of wrong codes tried so far, from 1 to %(most)d."),
            most=MAX_TRIES,
        )
    waits = tuple(Wait(source.name, source.title, source.rule, source.minutes(tries)) for source in rules.sources)
    figures = [wait.minutes for wait in waits if wait.minutes is not None] or [rules.longest]
    past = tries > rules.described_up_to
    recommended = rules.longest if past else max(figures)
    return Estimate(tries, waits, min(figures), max(figures), recommended, past, rules.described_up_to)
