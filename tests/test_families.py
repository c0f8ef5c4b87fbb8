"""Entry steps word for word, per radio family (domain facts, section 3).

Preset units: preset 1 steps digit 1 ... preset 4 digit 4, from 0; hold 6 (some
units 5) until a beep. Stalk units: the stalk key, the thumbwheel per digit, hold
the key up to about 10 s; the sources do not say how to move to the next digit
(issue 11), and the steps say so. Philips 22DC449/62: presets 1-4 pick the digit, the
< > station keys change it, button 1 stores. Media Nav: the sources do not say.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from radiocode.exceptions import InvalidFormat
from radiocode.families import DEFAULT_FAMILY, FAMILIES, PRECODE_RULES, entry_steps, family

ON = "Switch the radio on. The display shows CODE, then 0000."
TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
         7: "seven times", 8: "eight times", 9: "nine times"}  # fmt: skip
ORDINALS = ["first", "second", "third", "fourth"]


def steps(code, name=DEFAULT_FAMILY):
    return [str(step) for step in entry_steps(code, name)]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0709", [ON, "Leave preset 1 alone: the first digit stays 0.", "Press preset 2 seven times: the second digit shows 7.",
                  "Leave preset 3 alone: the third digit stays 0.", "Press preset 4 nine times: the fourth digit shows 9.",
                  "Check that the display shows 0709.", "Hold preset 6 until you hear a beep."]),
        ("1234", [ON, "Press preset 1 once: the first digit shows 1.", "Press preset 2 twice: the second digit shows 2.",
                  "Press preset 3 three times: the third digit shows 3.", "Press preset 4 four times: the fourth digit shows 4.",
                  "Check that the display shows 1234.", "Hold preset 6 until you hear a beep."]),
        ("5678", [ON, "Press preset 1 five times: the first digit shows 5.", "Press preset 2 six times: the second digit shows 6.",
                  "Press preset 3 seven times: the third digit shows 7.", "Press preset 4 eight times: the fourth digit shows 8.",
                  "Check that the display shows 5678.", "Hold preset 6 until you hear a beep."]),
    ],
)  # fmt: skip
def test_preset6_word_for_word(code, expected):
    assert steps(code) == expected
    assert steps(code, "preset6") == expected


def test_preset5_confirms_with_5():
    assert steps("9000", "preset5") == [
        ON, "Press preset 1 nine times: the first digit shows 9.", "Leave preset 2 alone: the second digit stays 0.",
        "Leave preset 3 alone: the third digit stays 0.", "Leave preset 4 alone: the fourth digit stays 0.",
        "Check that the display shows 9000.", "Hold preset 5 until you hear a beep.",
    ]  # fmt: skip


@pytest.mark.parametrize("digit", range(10))
@pytest.mark.parametrize("position", range(4))
def test_every_digit_in_every_place(position, digit):
    code = "".join(str(digit) if i == position else "0" for i in range(4))
    step = steps(code)[1 + position]
    if digit == 0:
        assert step == f"Leave preset {position + 1} alone: the {ORDINALS[position]} digit stays 0."
    else:
        assert step == f"Press preset {position + 1} {TIMES[digit]}: the {ORDINALS[position]} digit shows {digit}."


def test_stalk():
    assert steps("1204", "stalk") == [
        ON, "Press the key on the steering-column stalk.",
        "Our sources do not say how to move on to the next digit. Follow what the display shows.",
        "Roll the thumbwheel until the first digit shows 1.", "Roll the thumbwheel until the second digit shows 2.",
        "Roll the thumbwheel until the third digit shows 0.", "Roll the thumbwheel until the fourth digit shows 4.",
        "Hold the key on the stalk until the code is stored. This can take up to about 10 seconds.",
    ]  # fmt: skip


def test_philips():
    assert steps("0709", "philips") == [
        "Press preset 1, then the < or > station keys until that digit shows 0.",
        "Press preset 2, then the < or > station keys until that digit shows 7.",
        "Press preset 3, then the < or > station keys until that digit shows 0.",
        "Press preset 4, then the < or > station keys until that digit shows 9.",
        "Press button 1 to store the code.",
    ]


def test_media_nav_says_the_sources_do_not_say():
    assert steps("0709", "media_nav") == [
        "Our sources do not say how a Media Nav unit takes the code. Follow what its screen asks for."
    ]
    assert not family("media_nav").entry_known
    assert all(FAMILIES[name].entry_known for name in ("preset6", "preset5", "stalk", "philips"))


def test_families_and_what_they_show():
    assert list(FAMILIES) == ["preset6", "preset5", "stalk", "philips", "media_nav"]
    assert DEFAULT_FAMILY == "preset6"
    both = "Switch the radio on while holding presets 1 and 6 for about two seconds (on some: 1 and 5)."
    shows = {name: str(f.shows_precode) for name, f in FAMILIES.items()}
    assert shows == {
        "preset6": both, "preset5": both, "stalk": both,
        "philips": "The precode is printed on the unit's label.",
        "media_nav": "The precode is the last four characters of the serial number under the barcode, sometimes next to the word SECURITY.",
    }  # fmt: skip
    titles = {name: str(f.title) for name, f in FAMILIES.items()}
    assert titles == {
        "preset6": "Preset buttons, confirm with 6 (most Renault and Dacia radios)",
        "preset5": "Preset buttons, confirm with 5",
        "stalk": "Controlled from the steering-column stalk (Megane, Espace and others)",
        "philips": "Philips 22DC449/62 style",
        "media_nav": "Media Nav",
    }
    notes = {name: None if f.note is None else str(f.note) for name, f in FAMILIES.items()}
    assert notes == {
        "preset6": "If holding 6 does nothing, hold 5.",
        "preset5": "Some units confirm with preset 5 instead of 6. If holding 6 does nothing, use 5.",
        "stalk": None,
        "philips": None,
        "media_nav": "Our sources do not say how a Media Nav unit takes the code. Follow what its screen asks for.",
    }
    assert all(f.computable for f in FAMILIES.values())


def test_precode_rules():
    assert PRECODE_RULES == {"max_length": 4, "pattern": "^[A-Z][0-9]{3}$", "example": "A123", "excluded": "A000-A099"}


@pytest.mark.parametrize("code", ["008", "00860", "abcd", None, "\u0660\u0660\u0668\u0666", "0086\n", 86, " 0086"])
def test_a_code_is_four_ascii_digits(code):
    with pytest.raises(InvalidFormat) as refused:
        entry_steps(code)
    assert str(refused.value) == "A radio code is four digits, like 0086."


@pytest.mark.parametrize("name", ["bogus", None, ["preset6"], "x" * 50, "PRESET6"])
def test_unknown_family_lists_the_known_ones(name):
    with pytest.raises(InvalidFormat) as refused:
        entry_steps("0086", name)
    assert str(refused.value) == (
        f"There is no radio family called {str(name)[:40]}. Choose one of: preset6, preset5, stalk, philips, media_nav."
    )


def test_families_cannot_be_changed_by_a_caller():
    """FAMILIES is shared by every request: a caller must not be able to change one."""
    with pytest.raises(FrozenInstanceError):
        FAMILIES["preset6"].confirm = None
    assert len({FAMILIES["preset6"], FAMILIES["preset6"]}) == 1  # frozen: hashable
