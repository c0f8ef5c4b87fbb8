"""Property tests whose inputs are what they are about: valid precodes, typed and on label lines, and look-alikes.

Each strategy builds the kind of input its test names (a valid precode, a label
line with the precode inside, a precode with look-alike characters swapped in),
so every example reaches the branch under test; ``hypothesis.event`` shows the
mix with ``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from radiocode import is_valid, radio_code, read, validate
from radiocode.exceptions import NonexistentPrecode, ValidationError

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# No deadline: the machine running the suite may be busy; the examples are what matter.
CHECKED = settings(deadline=None)


@st.composite
def precodes(draw, letters=LETTERS):
    """A precode that exists: a letter and three digits, not A000 to A099."""
    letter = draw(st.sampled_from(letters))
    number = draw(st.integers(100 if letter == "A" else 0, 999))
    return f"{letter}{number:03d}"


@CHECKED
@given(precodes())
def test_every_valid_precode_is_valid_reads_and_gives_a_four_digit_code(precode):
    assert is_valid(precode)
    assert validate(precode) == precode
    code = radio_code(precode)
    assert len(code) == 4 and code.isdigit()
    reading = read(precode)
    assert (reading.ok, reading.precode, reading.code, reading.kind) == (True, precode, code, "precode")


SEPARATORS = st.text(" -.", max_size=2)


@CHECKED
@given(precodes(letters=LETTERS.replace("L", "").replace("I", "")), st.data())
def test_a_precode_typed_any_case_with_separators_validates_to_itself(precode, data):
    # Lower-case l and i are look-alikes of each other and of 1: they have tests of their own.
    typed = data.draw(SEPARATORS)
    for char in precode:
        typed += data.draw(st.sampled_from([char, char.lower()])) + data.draw(SEPARATORS)
    event("separators" if len(typed.strip(" -.")) > 4 else "no separator inside")
    assert validate(typed) == precode
    assert validate(validate(typed)) == precode
    assert read(typed).precode == precode


@CHECKED
@given(st.sampled_from(LETTERS), st.integers(0, 999))
def test_is_valid_is_exactly_letter_three_digits_minus_a000_a099(letter, number):
    text = f"{letter}{number:03d}"
    exists = not (letter == "A" and number < 100)
    event("exists" if exists else "A000-A099")
    assert is_valid(text) is exists
    if exists:
        assert validate(text) == text
    else:
        with pytest.raises(NonexistentPrecode):
            validate(text)


# Serials printed before the precode on real labels (domain facts, section 2).
SERIAL = st.one_of(
    st.text("0123456789", min_size=6, max_size=10).map(lambda d: d + "RT"),
    st.just("7 649 190 391 28 115 9243RT"),
    st.just("281150198RT"),
)


@CHECKED
@given(SERIAL, st.sampled_from([" ", "  ", "\t"]), precodes(letters=LETTERS.replace("O", "").replace("Q", "").replace("D", "")))
def test_a_label_line_reads_the_precode_at_its_end(serial, space, precode):
    reading = read(serial + space + precode)
    assert (reading.ok, reading.precode, reading.code) == (True, precode, radio_code(precode))
    assert reading.alternatives == ()


@CHECKED
@given(SERIAL, precodes(letters="OQD"))
def test_a_label_line_with_o_q_or_d_shows_all_three(serial, precode):
    reading = read(f"{serial} {precode}")
    shown = {reading.precode, *(c.precode for c in reading.alternatives)}
    assert shown == {letter + precode[1:] for letter in "OQD"}
    assert reading.precode == precode


# Characters people and OCR put where a digit belongs.
DIGIT_LOOKALIKES = {"0": "Oo", "1": "Il", "2": "Z", "5": "S", "8": "B"}


@CHECKED
@given(precodes(letters=LETTERS.replace("T", "")), st.data())
def test_letters_typed_in_the_digits_read_as_those_digits(precode, data):
    typed = precode[0]
    for digit in precode[1:]:
        typed += data.draw(st.sampled_from(digit + DIGIT_LOOKALIKES.get(digit, "")))
    event("swapped" if typed != precode else "as printed")
    reading = read(typed)
    assert reading.precode == precode
    assert reading.code == radio_code(precode)


# Digits typed where the letter belongs, and the letters each one may stand for.
LETTER_LOOKALIKES = {"0": {"O", "Q", "D"}, "1": {"I"}, "5": {"S"}, "8": {"B"}, "2": {"Z"}}


@CHECKED
@given(st.sampled_from(sorted(LETTER_LOOKALIKES)), st.integers(0, 999))
def test_a_digit_where_the_letter_belongs_offers_the_letters_it_looks_like(digit, number):
    typed = f"{digit}{number:03d}"
    reading = read(typed)
    shown = {reading.precode, *(c.precode for c in reading.alternatives)}
    expected = {letter + typed[1:] for letter in LETTER_LOOKALIKES[digit]}
    assert expected <= shown
    assert all(is_valid(p) for p in shown)
    assert reading.code == radio_code(reading.precode)


@settings(deadline=None, max_examples=300)
@given(st.one_of(precodes(), st.text(max_size=12)))
def test_validate_is_idempotent_and_agrees_with_is_valid(text):
    try:
        canonical = validate(text)
    except ValidationError:
        event("refused")
        assert not is_valid(text)
        return
    event("valid")
    assert is_valid(text) and is_valid(canonical)
    assert validate(canonical) == canonical
