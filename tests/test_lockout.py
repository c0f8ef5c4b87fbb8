"""Lockout waits written out from the facts (domain-facts.md section 4), for every try count the site takes.

The expected minutes are literal tables, not a formula: a changed ceiling, a
doubling off by one, a rule carried past its source or a source that goes quiet
must fail here, in Python, without the browser comparison with core.js.

Facts (section 4), and how each becomes a figure per wrong code:
- Renault workshop manual (Twingo II): 1 minute after the 1st wrong code, 2 after
  the 2nd, 4 after the 3rd ... up to 32 minutes: 1, 2, 4, 8, 16, 32 after the 1st
  to 6th, and no figure after that (the manual stops at 32).
- medianav.net: 2^n minutes after n wrong codes. No source reports a wait past
  about 64 minutes (forum reports), so the rule stops at 2^6 = 64 (issue 11):
  2, 4, 8, 16, 32, 64, then no figure.
- a code-selling site: 3 tries, then 60 minutes: no wait after the 1st and 2nd,
  60 after the 3rd and every later one.
- forum reports: doubling waits up to about 64 minutes: no figure per try, 64 at most.
- the seed page: a few tries, then about 60 minutes: no figure per try, 60 at most.
The two doubling schedules end at the 6th wrong code; past it the estimate says
the sources stop there, recommends the longest wait any source reports (64
minutes, "1 h 04 min") and points to a dealer. Up to it, the recommendation is
the longest figure a source gives for that count.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from radiocode.exceptions import InvalidFormat
from radiocode.lockout import KEEP_ON, MAX_TRIES, RENAULT, SOURCES, Rules, Source, duration, lockout_waits
from radiocode.i18n import Message

NAMES = ("workshop_manual", "medianav", "code_seller", "forum", "seed_page")

# tries: (workshop manual, medianav, code seller, forum, seed page,  shortest, longest, recommended, past the sources)
TABLE = {
     1: (   1,    2,  0, None, None,  0,  2,  2, False),
     2: (   2,    4,  0, None, None,  0,  4,  4, False),
     3: (   4,    8, 60, None, None,  4, 60, 60, False),
     4: (   8,   16, 60, None, None,  8, 60, 60, False),
     5: (  16,   32, 60, None, None, 16, 60, 60, False),
     6: (  32,   64, 60, None, None, 32, 64, 64, False),
     7: (None, None, 60, None, None, 60, 60, 64, True),
     8: (None, None, 60, None, None, 60, 60, 64, True),
     9: (None, None, 60, None, None, 60, 60, 64, True),
    10: (None, None, 60, None, None, 60, 60, 64, True),
    11: (None, None, 60, None, None, 60, 60, 64, True),
    12: (None, None, 60, None, None, 60, 60, 64, True),
    13: (None, None, 60, None, None, 60, 60, 64, True),
    14: (None, None, 60, None, None, 60, 60, 64, True),
    15: (None, None, 60, None, None, 60, 60, 64, True),
    16: (None, None, 60, None, None, 60, 60, 64, True),
    17: (None, None, 60, None, None, 60, 60, 64, True),
    18: (None, None, 60, None, None, 60, 60, 64, True),
    19: (None, None, 60, None, None, 60, 60, 64, True),
    20: (None, None, 60, None, None, 60, 60, 64, True),
    21: (None, None, 60, None, None, 60, 60, 64, True),
    22: (None, None, 60, None, None, 60, 60, 64, True),
    23: (None, None, 60, None, None, 60, 60, 64, True),
    24: (None, None, 60, None, None, 60, 60, 64, True),
    25: (None, None, 60, None, None, 60, 60, 64, True),
    26: (None, None, 60, None, None, 60, 60, 64, True),
    27: (None, None, 60, None, None, 60, 60, 64, True),
    28: (None, None, 60, None, None, 60, 60, 64, True),
    29: (None, None, 60, None, None, 60, 60, 64, True),
    30: (None, None, 60, None, None, 60, 60, 64, True),
    31: (None, None, 60, None, None, 60, 60, 64, True),
    32: (None, None, 60, None, None, 60, 60, 64, True),
    33: (None, None, 60, None, None, 60, 60, 64, True),
    34: (None, None, 60, None, None, 60, 60, 64, True),
    35: (None, None, 60, None, None, 60, 60, 64, True),
    36: (None, None, 60, None, None, 60, 60, 64, True),
    37: (None, None, 60, None, None, 60, 60, 64, True),
    38: (None, None, 60, None, None, 60, 60, 64, True),
    39: (None, None, 60, None, None, 60, 60, 64, True),
    40: (None, None, 60, None, None, 60, 60, 64, True),
    41: (None, None, 60, None, None, 60, 60, 64, True),
    42: (None, None, 60, None, None, 60, 60, 64, True),
    43: (None, None, 60, None, None, 60, 60, 64, True),
    44: (None, None, 60, None, None, 60, 60, 64, True),
    45: (None, None, 60, None, None, 60, 60, 64, True),
    46: (None, None, 60, None, None, 60, 60, 64, True),
    47: (None, None, 60, None, None, 60, 60, 64, True),
    48: (None, None, 60, None, None, 60, 60, 64, True),
    49: (None, None, 60, None, None, 60, 60, 64, True),
    50: (None, None, 60, None, None, 60, 60, 64, True),
}  # fmt: skip

STAY_ON = "Leave the radio switched on for {} before the next try."
PAST = (
    "The sources' schedules stop at 6 wrong codes: no source says whether the wait grows after that. "
    "The longest wait any source reports is about 1 h 04 min: leave the radio switched on that long "
    "before one more try. If it still refuses the code, stop and ask a dealer."
)
ADVICE = {
    1: STAY_ON.format("2 min"),
    2: STAY_ON.format("4 min"),
    3: STAY_ON.format("1 h 00 min"),
    4: STAY_ON.format("1 h 00 min"),
    5: STAY_ON.format("1 h 00 min"),
    6: STAY_ON.format("1 h 04 min"),
    **{tries: PAST for tries in range(7, 51)},
}
REFUSED = "Give the number of wrong codes tried so far, from 1 to 50."


def test_the_site_takes_1_to_50_tries_and_the_table_covers_them():
    assert MAX_TRIES == 50
    assert sorted(TABLE) == sorted(ADVICE) == list(range(1, MAX_TRIES + 1))
    assert [lockout_waits(n).tries for n in TABLE] == list(TABLE)


@pytest.mark.parametrize("tries", sorted(TABLE))
def test_each_source_says_what_the_facts_say(tries):
    estimate = lockout_waits(tries)
    assert [wait.source for wait in estimate.waits] == list(NAMES)
    assert tuple(wait.minutes for wait in estimate.waits) == TABLE[tries][:5]


@pytest.mark.parametrize("tries", sorted(TABLE))
def test_range_recommendation_and_past_the_sources(tries):
    estimate = lockout_waits(tries)
    expected = TABLE[tries][5:]
    assert (estimate.shortest, estimate.longest, estimate.recommended, estimate.past_sources) == expected
    assert estimate.described_up_to == 6


@pytest.mark.parametrize("tries", sorted(ADVICE))
def test_advice_word_for_word(tries):
    assert str(lockout_waits(tries).advice) == ADVICE[tries]


def test_what_each_source_states_at_most():
    assert {source.name: source.longest for source in SOURCES} == {
        "workshop_manual": 32, "medianav": 64, "code_seller": 60, "forum": 64, "seed_page": 60,
    }  # fmt: skip
    assert RENAULT.longest == 64
    assert RENAULT.described_up_to == 6
    assert RENAULT.sources is SOURCES


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 min"), (1, "1 min"), (8, "8 min"), (59, "59 min"), (60, "1 h 00 min"), (64, "1 h 04 min"),
     (119, "1 h 59 min"), (120, "2 h 00 min"), (605, "10 h 05 min")],
)  # fmt: skip
def test_duration_reads_as_hours_and_minutes(minutes, text):
    assert str(duration(minutes)) == text


# Word for word: what the site says each source says (facts section 4, the names issue 11 asked for).
TITLES_AND_RULES = {
    "workshop_manual": ("Renault workshop manual (Twingo II)", "1 minute after the first wrong code, 2 after the second, 4 after the third, doubling up to 32 minutes. It gives no wait past that. The radio must stay on."),
    "medianav": ("medianav.net, a Media Nav code website", "2 to the power n minutes after n wrong codes. No source reports a wait past about 64 minutes (the 6th wrong code), so we stop there."),
    "code_seller": ("A website that sells radio codes", "3 tries, then 60 minutes with the ignition on."),
    "forum": ("Owners' reports on forums", "Waits that double each time, up to about 64 minutes. Leave the radio on."),
    "seed_page": ("A radio-code website's Midlum page", "A few tries, then SAFE; leave the radio on for about 60 minutes."),
}  # fmt: skip


def test_every_source_is_listed_in_order_with_its_rule():
    assert [s.name for s in SOURCES] == list(TITLES_AND_RULES) == list(NAMES)
    assert {s.name: (str(s.title), str(s.rule)) for s in SOURCES} == TITLES_AND_RULES
    for tries in (1, 6, 7, 50):
        waits = lockout_waits(tries).waits
        assert [w.source for w in waits] == list(TITLES_AND_RULES)
        assert {w.source: (str(w.title), str(w.rule)) for w in waits} == TITLES_AND_RULES


def test_keep_the_radio_on():
    assert str(KEEP_ON) == "Keep the radio switched on while you wait. Disconnecting the battery can start the wait again."


def test_a_family_with_rules_of_its_own_gets_its_own_figures_and_range():
    """`rules=` replaces the Renault sources entirely: its figures, its longest wait, its last described count.

    These rules are made up for the test (a 3-try schedule and a 30-minute ceiling); no radio has them.
    """
    rules = Rules(
        (
            Source("listed", Message("Listed"), Message("5, 10, 15."), schedule=(5, 10, 15)),
            Source("ceiling", Message("Ceiling"), Message("Up to 30."), up_to=30),
        ),
        described_up_to=3,
    )
    assert [(w.source, w.minutes) for w in lockout_waits(2, rules).waits] == [("listed", 10), ("ceiling", None)]
    within = lockout_waits(3, rules)
    assert (within.shortest, within.longest, within.recommended, within.past_sources) == (15, 15, 15, False)
    assert str(within.advice) == "Leave the radio switched on for 15 min before the next try."
    past = lockout_waits(4, rules)
    assert [w.minutes for w in past.waits] == [None, None]
    assert (past.shortest, past.longest, past.recommended, past.past_sources) == (30, 30, 30, True)
    assert str(past.advice) == (
        "The sources' schedules stop at 3 wrong codes: no source says whether the wait grows after that. "
        "The longest wait any source reports is about 30 min: leave the radio switched on that long "
        "before one more try. If it still refuses the code, stop and ask a dealer."
    )


@pytest.mark.parametrize("junk", [0, 51, -1, 1000, True, False, 1.0, 3.0, "3", "", None, [3]], ids=repr)
def test_try_counts_outside_1_to_50_are_refused(junk):
    with pytest.raises(InvalidFormat) as refused:
        lockout_waits(junk)
    assert str(refused.value) == REFUSED


def test_sources_and_estimates_cannot_be_changed_by_a_caller():
    """SOURCES is shared by every request: a caller must not be able to change a rule or a result."""
    estimate = lockout_waits(3)
    for thing, field in ((SOURCES[0], "schedule"), (RENAULT, "described_up_to"), (estimate.waits[0], "minutes"), (estimate, "recommended")):
        with pytest.raises(FrozenInstanceError):
            setattr(thing, field, 0)
        hash(thing)  # frozen dataclasses are hashable; mutable ones are not


def test_a_source_only_as_far_as_it_goes():
    """A rule built from other sources' words: a figure for every try, only a longest wait, or nothing."""
    title, rule = Message("A source"), Message("Its rule")
    every_try = Source("every", title, rule, then=30)
    assert [every_try.minutes(n) for n in (1, 2, 9)] == [30, 30, 30] and every_try.longest == 30
    scheduled = Source("scheduled", title, rule, schedule=(1, 2))
    assert [scheduled.minutes(n) for n in (1, 2, 3)] == [1, 2, None] and scheduled.longest == 2
    longest_only = Source("longest", title, rule, up_to=64)
    assert [longest_only.minutes(n) for n in (1, 5)] == [None, None] and longest_only.longest == 64
    silent = Source("silent", title, rule)
    assert silent.minutes(1) is None and silent.longest == 0


def test_a_duration_holds_whole_hours():
    """Messages compare by their values (a caller may keep or compare them): whole hours, not 1.0666."""
    assert duration(64) == Message("%(hours)d h %(minutes)02d min", hours=1, minutes=4)
    assert duration(64).params == {"hours": 1, "minutes": 4}
    assert duration(8) == Message("%(minutes)d min", minutes=8)
