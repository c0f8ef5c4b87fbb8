"""Junk in, documented errors out: nothing else ever escapes."""

import string

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from radiocode import is_valid, radio_code, read, validate
from radiocode.exceptions import ValidationError
from radiocode.families import entry_steps
from radiocode.lockout import lockout_waits

JUNK = [
    None, 0, 1.5, b"A123", bytearray(b"A123"), ["A123"], {"A123": 1}, object(), True,
    "", " ", "\x00", "\x00A123", "A123\x00", "\ud800", "🚗", "A🚗12", "🚗" * 1000,
    "A" * 10_000, "\u202eA123", "A\u0301123", "Ａ０１２", "ＡＢＣＤ", "\ufeffA123",
    "<script>alert(1)</script>", "' OR 1=1 --", "%s%s%n", "{0}", "A1 23 45 67", "\n\n\n",
    "ı123", "A١٢٣", "A12³", "Ⅸ123", "ＴＥＳＴ",
]  # fmt: skip


# The one junk string that is a precode: a byte-order mark is not a character anyone typed.
VALID_JUNK = "\ufeffA123"


def junk_id(junk) -> str:
    """A test id that is the same in every process: an object()'s repr holds its address."""
    return "object()" if type(junk) is object else repr(junk)


@pytest.mark.parametrize("junk", JUNK, ids=junk_id)
def test_is_valid_never_raises_and_says_no_to_junk(junk):
    assert is_valid(junk) is (isinstance(junk, str) and junk == VALID_JUNK)


@pytest.mark.parametrize("junk", JUNK, ids=junk_id)
def test_read_never_raises_and_explains(junk):
    reading = read(junk)
    assert reading.ok == (reading.code is not None)
    assert reading.message()


@pytest.mark.parametrize("junk", [j for j in JUNK if not isinstance(j, str)], ids=junk_id)
def test_validate_raises_only_validation_errors(junk):
    with pytest.raises(ValidationError):
        validate(junk)


@pytest.mark.parametrize("junk", [0, 51, -1, True, "3", 2.0, None])
def test_lockout_waits_refuses_junk(junk):
    with pytest.raises(ValidationError, match="from 1 to 50"):
        lockout_waits(junk)


@pytest.mark.parametrize("junk", ["008", "00860", "abcd", None, "٠٠٨٦"])
def test_entry_steps_refuses_junk(junk):
    with pytest.raises(ValidationError, match="four digits"):
        entry_steps(junk)


def test_entry_steps_refuses_unknown_family():
    with pytest.raises(ValidationError, match="no radio family called bogus"):
        entry_steps("0086", "bogus")


LABELISH = st.text(alphabet=string.ascii_letters + string.digits + " -.:/|!", max_size=40)
# A precode that exists, and the same typed as people type it or printed at the end of a label line.
PRECODE = st.builds("{}{:03d}".format, st.sampled_from(string.ascii_uppercase[1:]), st.integers(0, 999))
TYPED_OR_LABEL = st.one_of(
    PRECODE,
    st.builds("{} {}".format, st.text(string.digits, min_size=6, max_size=10).map(lambda d: d + "RT"), PRECODE),
    st.builds("{}{}{}".format, st.text(" -.", max_size=2), PRECODE.map(str.lower), st.text(" -.", max_size=2)),
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(max_size=600), LABELISH, TYPED_OR_LABEL))
def test_read_any_text(text):
    reading = read(text)
    event("reads a code" if reading.ok else "explains why not")
    if reading.ok and reading.radio != "renault":
        # Another radio's number found in the text (an M serial): its own module agrees.
        from radiocode.radios import module

        assert reading.precode is None
        assert reading.code == module(reading.radio).radio_code(reading.number)
    elif reading.ok:
        assert is_valid(reading.precode)
        assert reading.code == radio_code(reading.precode)
        for candidate in reading.alternatives:
            assert is_valid(candidate.precode) and candidate.precode != reading.precode
    else:
        assert isinstance(reading.error, ValidationError)
        assert reading.precode is None and reading.code is None


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(max_size=30), TYPED_OR_LABEL))
def test_validate_any_text(text):
    try:
        canonical = validate(text)
    except ValidationError:
        event("refused")
        assert not is_valid(text)
        return
    event("valid")
    assert is_valid(text)
    assert validate(canonical) == canonical


@given(st.sampled_from(string.ascii_uppercase), st.integers(0, 999))
def test_any_valid_precode_reads_as_itself(letter, number):
    text = "%s%03d" % (letter, number)
    reading = read(text)
    if letter == "A" and number < 100:
        assert reading.error.type == "nonexistent_precode"
    else:
        assert reading.precode == text
