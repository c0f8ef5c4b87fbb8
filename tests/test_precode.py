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


# Every separator people and labels put inside a precode, written out (not read from the module).
SEPARATOR_CHARS = [
    " ", "\t", "\r", "\n", "\v", "\f", "-", ".", "_", "\u00a0", "\u00ad", "\u1680", "\u2000", "\u2001",
    "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u200b",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u202f", "\u205f", "\u2060",
    "\u3000", "\ufe58", "\ufe63", "\ufeff", "\u00b7", "\u30fb",
]  # fmt: skip


@pytest.mark.parametrize("separator", SEPARATOR_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_separator_is_dropped(separator):
    assert precode.validate(f"{separator}B{separator}1{separator}23{separator}") == "B123"


@pytest.mark.parametrize("letter", "XABZ")
def test_letters_are_never_separators(letter):
    assert precode.validate(f"{letter}123") == f"{letter}123"
    assert precode.compact(f"B1{letter}3") == f"B1{letter}3"


class TestFullWidth:
    def test_letters_and_digits_become_ascii(self):
        assert precode.validate("\uff21\uff11\uff12\uff13") == "A123"
        assert precode.validate("\uff4a\uff19\uff19\uff19") == "J999"

    @pytest.mark.parametrize(("wide", "ascii"), [("\uff01", "!"), ("\uff5e", "~"), ("\uff1f", "?")])
    def test_the_first_and_last_full_width_forms_are_named_in_ascii(self, wide, ascii):
        with pytest.raises(InvalidCharacters) as refused:
            precode.validate(f"A{wide}123")
        assert str(refused.value).endswith(f"cannot be in a precode: {ascii}")

    def test_next_to_the_range_is_not_translated(self):
        assert precode.compact("B\uff00123\uff5f") == "B\uff00123\uff5f"


def test_compact_upper_cases_ascii_only_and_keeps_everything_else():
    assert precode.compact("a-1\u01313") == "A1\u01313"
    assert precode.compact("b 12 3") == "B123"
    assert precode.format(" q 420 ") == "Q420"


class TestMessagesWordForWord:
    def test_not_text(self):
        with pytest.raises(ValidationError) as refused:
            precode.validate(123)
        assert str(refused.value) == "Expected the precode as text, like A123, not int."

    def test_bad_characters_are_listed_sorted_with_spaces(self):
        with pytest.raises(InvalidCharacters) as refused:
            precode.validate("A?1!23")
        assert str(refused.value) == (
            "Use only the letters A to Z and the digits 0 to 9, like A123. These characters cannot be in a precode: ! ?"
        )

    def test_at_most_ten_bad_characters_are_listed(self):
        with pytest.raises(InvalidCharacters) as refused:
            precode.validate("A" + "!\"#$%&'()*+,")
        assert str(refused.value).endswith("cannot be in a precode: ! \" # $ % & ' ( ) *")

    def test_shape(self):
        with pytest.raises(InvalidFormat) as refused:
            precode.validate("1A23")
        assert str(refused.value) == (
            "A precode starts with a letter and ends with three digits, like A123. "
            "1A23 does not: check each character on the label."
        )
