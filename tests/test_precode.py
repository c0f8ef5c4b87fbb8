"""The precode algorithm against independent vectors and an independent computation."""

import string

import pytest

from radiocode import precode
from radiocode.exceptions import (
    EmptyInput,
    InvalidCharacters,
    InvalidFormat,
    InvalidLength,
    NonexistentPrecode,
    ValidationError,
)

# domain-facts §1: each pair stated by a public source, not by an implementation.
VECTORS = {
    "S053": "7913", "V188": "4839", "Q420": "9588", "S049": "7930",
    "Z999": "0060", "A123": "0086", "B456": "0709", "C789": "1621",
    "A100": "0070", "A109": "0007", "A129": "0001", "A999": "0765",
    "B100": "0677", "I123": "1682", "O555": "1400", "Q100": "9872",
    "T903": "6041", "Z100": "0875", "Z546": "0470", "Z990": "0034",
    "Z998": "0099", "Y020": "1902",
}  # fmt: skip


def independent_code(text: str) -> str:
    """The published formula, written another way: string pieces, divmod."""
    letter = string.ascii_uppercase.index(text[0])
    first = letter * 10 + int(text[1])
    second = first + int(text[2:])
    seven = second * 7 % 100
    _, remainder = divmod(259, first)
    return "{:02d}{}{}".format(remainder % 100, seven % 10, seven // 10)


@pytest.mark.parametrize(("given", "expected"), VECTORS.items())
def test_public_vectors(given, expected):
    assert precode.radio_code(given) == expected


def test_the_shifted_letter_bug_is_not_ours():
    # One known wrong implementation gives B123's code for A123.
    assert precode.radio_code("A123") != "0683"
    assert precode.radio_code("B123") == "0683"


def test_all_precodes_against_independent_computation():
    rows = list(precode.table())
    assert len(rows) == precode.COUNT == 25_900
    assert len({p for p, _ in rows}) == 25_900
    for given, code in rows:
        assert code == independent_code(given), given


def test_every_code_occurs():
    assert {code for _, code in precode.table()} == {"%04d" % n for n in range(10_000)}


@pytest.mark.parametrize("given", ["A%03d" % n for n in range(100)])
def test_a000_to_a099_do_not_exist(given):
    with pytest.raises(NonexistentPrecode, match="A000 to A099 do not exist"):
        precode.radio_code(given)
    assert not precode.is_valid(given)


@pytest.mark.parametrize("given", ["B000", "B099", "S053", "Z000"])
def test_first_digit_zero_is_valid_for_other_letters(given):
    assert precode.is_valid(given)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("a123", "A123"),
        (" A 123 ", "A123"),
        ("A-123", "A123"),
        ("A\u2013123", "A123"),  # en dash
        ("A\u2212123", "A123"),  # minus sign
        ("A.123", "A123"),
        ("A\u00a0123", "A123"),  # no-break space
        ("\uff21\uff11\uff12\uff13", "A123"),  # full-width
        ("q_420", "Q420"),
    ],
)
def test_validate_cleans_what_people_type(given, expected):
    assert precode.validate(given) == expected


class TestValidateErrors:
    def test_cheapest_check_first_characters(self):
        """Characters are checked before length."""
        with pytest.raises(InvalidCharacters, match=r"cannot be in a precode: \?"):
            precode.validate("A12?45")

    @pytest.mark.parametrize("given", ["A\u0661\u0662\u0663", "A12\u00b3", "\u0131123"])
    def test_non_ascii_digits_and_letters_are_refused(self, given):
        """Arabic-Indic digits, superscripts and the dotless i are not precode characters."""
        with pytest.raises(InvalidCharacters):
            precode.validate(given)

    def test_length(self):
        """Three characters say how many were typed."""
        with pytest.raises(InvalidLength, match="You typed 3"):
            precode.validate("A12")

    def test_empty(self):
        """Nothing given says what to type."""
        with pytest.raises(EmptyInput, match="Type the precode"):
            precode.validate("  ")

    def test_shape(self):
        """Four characters in the wrong order."""
        with pytest.raises(InvalidFormat, match="1A23 does not"):
            precode.validate("1A23")

    @pytest.mark.parametrize("given", [None, 123, b"A123", ["A123"], object()])
    def test_non_text(self, given):
        """Anything but text is a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError, match="Expected the precode as text"):
            precode.validate(given)


def test_errors_are_value_errors_with_a_type():
    for error_class in (InvalidCharacters, InvalidLength, NonexistentPrecode, InvalidFormat, EmptyInput):
        assert issubclass(error_class, ValueError)
        assert error_class.type != ValidationError.type
