"""Reading what people type and copy off labels (domain-facts §2)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radiocode import read
from radiocode.reading import KEY_CASE, KEY_DROP, MAX_INPUT_LENGTH, reading_key, reading_keys
from radiocode.precode import radio_code


@pytest.mark.parametrize(
    ("text", "precode"),
    [
        ("281150198RT A583", "A583"),
        ("7 649 190 391 28 115 9243RT S049", "S049"),
        ("PRE CODE: T728", "T728"),
        ("SECURITY Z546", "Z546"),
        ("281150198RTA583", "A583"),  # OCR lost the space
        ("PRE C0DE: T728", "T728"),  # OCR read the O of CODE as 0
        ("PRE CODE: T72B", "T728"),  # B where a digit belongs
        ("LAN5200WR3 SECURITY A583", "A583"),
        ("precode: s049", "S049"),
    ],
)
def test_label_strings(text, precode):
    reading = read(text)
    assert reading.ok, reading.message()
    assert (reading.precode, reading.code) == (precode, radio_code(precode))
    assert reading.kind == "label"


def test_a_typed_precode_is_kind_precode():
    reading = read("a123")
    assert (reading.kind, reading.precode, reading.code, reading.alternatives) == ("precode", "A123", "0086", ())
    assert reading.message() == "The precode A123 gives the code 0086."


def test_label_message_says_what_was_read():
    assert read("281150198RT A583").message() == "We read the precode A583 from your label. Its code is 0461."


class TestLookalikes:
    def test_zero_where_the_letter_belongs_offers_o_q_d(self):
        reading = read("0818")
        assert [(c.precode, c.code) for c in reading.candidates] == [
            ("O818", radio_code("O818")),
            ("Q818", radio_code("Q818")),
            ("D818", radio_code("D818")),
        ]
        assert reading.corrected
        assert "check which of these your label shows" in reading.message()

    def test_q_and_o_differ_and_both_are_shown(self):
        # domain-facts §2: Q818 and O818 give different codes.
        reading = read("Q818")
        assert reading.precode == "Q818"
        assert {c.precode for c in reading.alternatives} == {"O818", "D818"}
        assert radio_code("Q818") != radio_code("O818")

    @pytest.mark.parametrize(
        ("typed", "precode"),
        [("A1O2", "A102"), ("BI23", "B123"), ("Bl23", "B123"), ("B|23", "B123"),
         ("AS23", "A523"), ("AB12", "A812"), ("AZ12", "A212"), ("1123", "I123"), ("5053", "S053"),
         ("8100", "B100"), ("2999", "Z999"), ("S0S3", "S053")],
    )  # fmt: skip
    def test_single_correction(self, typed, precode):
        reading = read(typed)
        assert (reading.precode, reading.code) == (precode, radio_code(precode))
        assert reading.corrected
        assert reading.message().startswith(f"We read {typed} as the precode {precode}")

    def test_correction_to_a_nonexistent_precode_is_refused(self):
        reading = read("AO12")
        assert not reading.ok
        assert reading.error.type == "nonexistent_precode"
        assert "so A012 cannot be right" in reading.message()

    def test_lowercase_l_in_letter_place_may_be_i(self):
        reading = read("l123")
        assert [c.precode for c in reading.candidates] == ["L123", "I123"]

    def test_after_t_on_a_label_a_zero_letter_is_ambiguous(self):
        reading = read("281150198RT 0818")
        assert [c.precode for c in reading.candidates] == ["O818", "Q818", "D818"]

    @pytest.mark.parametrize("text", ["SMART 0818", "PRESET1234", "ALERT 5049"])
    def test_words_ending_in_t_are_no_serial(self, text):
        # Only a serial (digits, R, T) makes look-alikes after a T plausible.
        assert read(text).precode is None

    def test_serial_t_with_lost_space_keeps_alternatives(self):
        assert [c.precode for c in read("281150198RT0818").candidates] == ["O818", "Q818", "D818"]
        assert [c.precode for c in read("T 0818").candidates] == ["O818", "Q818", "D818"]

    @pytest.mark.parametrize("text", ["T0O818", "281150198RT0O818", "9243RT O0818", "T 0O818", "123TOO818"])
    def test_zero_and_o_typed_both_after_t(self, text):
        # domain-facts §2: T0O818-style confusions are the first complaint in forums. Five characters
        # read as four: the reading says it corrected what was typed.
        reading = read(text)
        assert [c.precode for c in reading.candidates] == ["O818", "Q818", "D818"]
        assert reading.corrected is True

    def test_doubled_letter_needs_the_t(self):
        assert read("0O818").precode is None

    @pytest.mark.parametrize("before", list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    def test_the_last_four_characters_after_any_letter_are_the_precode(self, before):
        # domain-facts §2: the last four characters, when a non-digit comes before them.
        reading = read(f"SERIAL{before}S049")
        assert (reading.kind, reading.precode, reading.code) == ("label", "S049", radio_code("S049"))

    @pytest.mark.parametrize("before", list("0123456789"))
    def test_the_last_four_characters_after_a_digit_are_not_read(self, before):
        # domain-facts §2: BP0490 holds P049 and is not a precode.
        assert read(f"SERIAL{before}S049").precode is None

    @pytest.mark.parametrize("text", ["C0DE 1382", "PRE C0DE: 1382", "PREC0DE 1382", "SECURITYC0DE 1382", "code- 1382"])
    def test_a_keyword_with_a_zero_for_its_o_still_names_the_precode(self, text):
        # OCR may read the O of CODE as 0 (issue 6): the 1 after it is still read as the letter I or T.
        assert [c.precode for c in read(text).candidates] == ["I382", "T382"]

    def test_security_and_code_run_together_still_name_the_precode(self):
        # OCR drops the space of "SECURITY CODE": the keyword still points at the precode after it.
        assert [c.precode for c in read("SECURITYCODE 1382").candidates] == ["I382", "T382"]
        reading = read("SECURITYCODE T728 9074RT S049")
        assert (reading.precode, reading.code) == ("T728", "6257")
        assert "We chose T728 because the label names it: it follows CODE or SECURITY. We also found S049 on the label." in reading.message()

    @pytest.mark.parametrize(
        ("text", "precode", "other"),
        [
            # A keyword names the precode; the four after a serial's T come next; then a precode standing
            # alone; the tail of a longer word last. Where each stands on the label changes nothing.
            ("CODE T728 9074RT S049", "T728", "S049"), ("9074RT S049 CODE T728", "T728", "S049"),
            ("9243RT S049 T728", "S049", "T728"), ("T728 9243RT S049", "S049", "T728"),
            ("A583 RADIOS049", "A583", "S049"), ("RADIOS049 A583", "A583", "S049"),
        ],
    )  # fmt: skip
    def test_which_of_two_precodes_on_a_label_is_chosen(self, text, precode, other):
        reading = read(text)
        assert (reading.precode, [c.precode for c in reading.alternatives]) == (precode, [other])
        assert f"We also found {other} on the label" in reading.message()

    @pytest.mark.parametrize(
        ("text", "precode", "alternatives"),
        [
            # The search goes on after a doubled letter: the keyword's precode further on is the one chosen.
            ("281150198RT0O818 SECURITY A583", "A583", ["O818", "Q818", "D818"]),
            ("SECURITY A583 281150198RT0O818", "A583", ["O818", "Q818", "D818"]),
            # I382 (after CODE) and l382 (after a T, L or I): each other precode once, never the chosen one again.
            ("CODE 1382 9243RT l382", "I382", ["T382", "L382"]),
        ],
    )
    def test_every_other_precode_on_a_label_is_offered_once(self, text, precode, alternatives):
        reading = read(text)
        assert (reading.precode, [c.precode for c in reading.alternatives]) == (precode, alternatives)

    def test_a_second_precode_with_look_alike_letters_says_so(self):
        # The chosen precode has no look-alike, the other one (l382: L or I) has: the warning is still given.
        reading = read("SECURITY A583 9243RT l382")
        assert (reading.precode, [c.precode for c in reading.alternatives]) == ("A583", ["L382", "I382"])
        assert reading.message().endswith(
            "We also found L382 on the label. Each gives a different code: check which one your label marks as the precode. "
            "Some characters look alike on labels. Before you enter a code, check which of these your label shows: each gives a different code."
        )

    def test_katakana_middle_dot_is_a_separator_in_labels_too(self):
        assert read("A1\u30fb23").precode == "A123"

    @pytest.mark.parametrize(
        ("text", "candidates"),
        [
            ("7 649 483 391 28 115 4068RT |731", ["I731", "J731"]),
            ("SECURITY 1382", ["I382", "T382"]),
            ("PRE CODE: 1728", ["I728", "T728"]),
            ("SECURITYWO43", ["W043"]),
            ("SECURITYOO05", ["O005", "Q005", "D005"]),
            ("PRECODE:T728", ["T728"]),
        ],
    )
    def test_ocr_misreadings(self, text, candidates):
        # Output of the OCR engine on generated labels (issue 6).
        assert [c.precode for c in read(text).candidates] == candidates

    def test_hints_tell_the_letters_apart(self):
        hints = {c.precode: str(c.hint) for c in read("O818").candidates}
        assert "tail" in hints["Q818"]
        assert "round" in hints["O818"]

    @pytest.mark.parametrize(
        ("text", "hints"),
        [
            ("O818", [("O818", "O is a plain round ring."), ("Q818", "Q has a small tail at the bottom right."), ("D818", "D has a straight left side.")]),
            ("l123", [("L123", "L has a foot to the right."), ("I123", "I is a single straight stroke.")]),
            ("1123", [("I123", "I is a single straight stroke."), ("T123", None)]),
            ("A123", [("A123", None)]),
        ],
    )
    def test_each_look_alike_letter_has_its_hint_word_for_word(self, text, hints):
        """The choice the page offers for a worn label: each letter with what tells it apart (T has none)."""
        assert [(c.precode, c.hint and str(c.hint)) for c in read(text).candidates] == hints


class TestNotAPrecode:
    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("7700 434 436", "renault_part_number"),
            ("8200 057 676", "renault_part_number"),
            ("281159243R", "renault_part_number"),
            ("2811 53168R", "renault_part_number"),
            ("7 649 159 391", "blaupunkt_part_number"),
            ("BP0490", "bp_type"),
            ("BP234631991366", "bp_serial"),
            ("22DC259/62T", "philips_model"),
            ("22DC449/62", "philips_model"),
            ("A2C80534001", "continental_part_number"),
            ("LAN5200WR3", "lg_media_nav_model"),
            ("VF1BB0A0H12345678", "vin_renault"),
            ("VF6MF000012345678", "vin_renault_trucks"),
            ("Part no: 8200 057 676", "renault_part_number"),
        ],
    )
    def test_kinds_are_named(self, text, kind):
        reading = read(text)
        assert not reading.ok
        assert (reading.kind, reading.precode, reading.code) == (kind, None, None)
        assert reading.error.type == "not_a_precode"
        assert "This is not the precode" in reading.message()
        assert "A123" in reading.message()  # says what a precode looks like

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("7 607 005 012", "renault_trucks_blaupunkt"),
            ("5010415658", "renault_trucks_part_number"),
            ("7421123456", "renault_trucks_part_number"),
            ("Carminat", "carminat"),
            ("R-Link 2", "r_link"),
            ("Radio Connect R&GO", "radio_connect"),
            ("cabasse", "cabasse"),
        ],
    )
    def test_not_computable_radios_get_the_dealer_route(self, text, kind):
        reading = read(text)
        assert (reading.kind, reading.computable, reading.error.type) == (kind, False, "not_computable")
        assert "dealer" in reading.message()

    def test_bp0490_does_not_hide_p049(self):
        # domain-facts §2: never search for the pattern inside a token.
        assert read("BP0490").precode is None
        assert read("XBP0490 Z").precode is None


class TestUnusable:
    @pytest.mark.parametrize(
        ("text", "error_type"),
        [
            ("", "empty_input"),
            ("   \t ", "empty_input"),
            ("A12", "invalid_length"),
            ("12345", "invalid_length"),
            ("A012", "nonexistent_precode"),
            ("A\u0661\u0662\u0663", "invalid_characters"),
            ("A12\u00b3", "invalid_characters"),
            ("hello there my friend", "no_precode_found"),
            ("x" * 501, "input_too_long"),
        ],
    )
    def test_error_types(self, text, error_type):
        reading = read(text)
        assert (reading.precode, reading.code) == (None, None)
        assert reading.error.type == error_type
        assert reading.to_dict()["message"] == str(reading.error)


def test_to_dict_shape():
    data = read("Q420").to_dict()
    assert data == {
        "precode": "Q420",
        "code": "9588",
        "kind": "precode",
        "alternatives": [
            {"precode": "O420", "code": radio_code("O420"), "hint": "O is a plain round ring."},
            {"precode": "D420", "code": radio_code("D420"), "hint": "D has a straight left side."},
        ],
        "corrected": False,
        "computable": True,
        "message": (
            "The precode Q420 gives the code 9588. Some characters look alike on labels. Before you "
            "enter a code, check which of these your label shows: each gives a different code."
        ),
    }


SERIAL_LINE_PARTS = st.tuples(
    st.text("0123456789", max_size=12),
    st.sampled_from(["", "R"]),
    st.text("AaBDIlLOoQqSTZ0123456789|", min_size=4, max_size=4),
    st.sampled_from([" ", "  "]),
)


@given(SERIAL_LINE_PARTS)
@settings(max_examples=500)
def test_barcode_lines_read_the_same_on_the_quick_path_and_the_token_path(parts):
    """'281150198RT A583' is read by one pattern; a tab sends the same line through the tokens."""
    digits, r, chars, space = parts
    serial = digits + (r if digits else "") + "T"
    quick, tokens = read(serial + space + chars), read(serial + "\t" + chars)
    assert (quick.precode, quick.code, quick.kind, quick.error and quick.error.type) == (
        tokens.precode, tokens.code, tokens.kind, tokens.error and tokens.error.type)
    assert quick.to_dict() == tokens.to_dict()


def _text_for(key):
    """A text with reading key `key`: the key itself, or a bare serial for a barcode key."""
    return key.decode()


# Typed precodes and near misses: a letter, three digits, separators of every kind around them.
_SEPARATOR = st.text(" -._/:\t\u00a0", max_size=2)
_TYPED = st.tuples(
    _SEPARATOR, st.sampled_from("AaBbDdIiLlOoQqSsTtZz|\u0131\u017f\uff21"), _SEPARATOR,
    *[st.sampled_from("0123456789OolIBSZ") for _ in range(3)], _SEPARATOR,
).map("".join)
KEY_TEXT = st.one_of(_TYPED, st.text("AaBbIiLlOoQqSsTtZz0123456789 -._/:\t|\u00a0\uff21\u0131\u017f", max_size=20))


@given(st.one_of(KEY_TEXT, SERIAL_LINE_PARTS.map("".join), st.text(max_size=30)))
@settings(max_examples=2000)
def test_texts_with_one_reading_key_read_the_same(text):
    """batch reads one text per key: every text with that key must read exactly as it does."""
    key = reading_key(text)
    if key is None:
        return
    assert read(text).to_dict() == read(_text_for(key)).to_dict()
    assert reading_key(_text_for(key)) == key


@given(st.one_of(KEY_TEXT, st.text(max_size=30)), st.integers(0, MAX_INPUT_LENGTH + 10))
@settings(max_examples=1000)
def test_a_four_byte_translation_is_the_key(text, padding):
    """batch looks rows up by the translated bytes alone: that must be the key, or no key's."""
    text = " " * padding + text
    translated = text.encode("utf-8", "surrogatepass").translate(KEY_CASE, KEY_DROP)
    key = reading_key(text)
    if len(text) <= MAX_INPUT_LENGTH and len(translated) == 4 and translated[:1].isalpha() and translated[1:].isdigit():
        assert key == translated
    elif key is not None:
        assert key != translated


@given(st.lists(st.one_of(KEY_TEXT, SERIAL_LINE_PARTS.map("".join), st.text(max_size=30)), max_size=20), st.booleans())
@settings(max_examples=500)
def test_reading_keys_are_each_texts_reading_key(texts, too_long):
    """batch takes a block's keys at once: the same keys, text by text (a text over the
    limit among them or not)."""
    if too_long:
        texts = [*texts, " " * MAX_INPUT_LENGTH + "A123"]
    assert reading_keys(texts) == [reading_key(text) for text in texts]


def test_reading_keys_of_a_lone_surrogate():
    """JSON may carry a lone surrogate: no key, and no error, as reading_key gives."""
    assert reading_keys(["A\ud800123", "a-123", "\udc80"]) == [None, b"A123", None]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("A123", b"A123"), ("a-123", b"A123"), (" a . 1 2-3 ", b"A123"), ("l123", b"l123"), ("L123", b"L123"),
        ("281150198RT A583", b"T A583"), ("9243RT s049", b"T S049"), ("7 649 190 391 28 115 9243RT S049", None),
        ("BP0490", None), ("A 12", None), ("281150198RT A012", None), ("A123 " + " " * MAX_INPUT_LENGTH, None),
        ("\u0131123", None), ("\uff21123", None), ("A\t123", None),
        # X is a letter like any other, not a separator; the limit is 500 characters, not 499.
        ("X 123", b"X123"), ("AX123", None), ("A123".rjust(MAX_INPUT_LENGTH), b"A123"),
        # A lone surrogate (JSON may carry one) is no key, and no error.
        ("A\ud800123", None), ("\ud800", None),
    ],
)  # fmt: skip
def test_reading_key_examples(text, key):
    assert reading_key(text) == key


def test_the_input_limit_is_500_characters_not_one_less():
    at_limit = " " * (MAX_INPUT_LENGTH - 4) + "A123"
    assert len(at_limit) == MAX_INPUT_LENGTH == 500
    assert read(at_limit).precode == "A123"
    assert read(at_limit + " ").error.type == "input_too_long"


def test_a_reading_cannot_be_changed_by_a_caller():
    """read() hands every caller of the same text the same Reading (it is cached): a caller that sets a
    field by mistake gets an error, never a wrong code for the next person who types that text."""
    from dataclasses import FrozenInstanceError

    reading = read("Q420")
    with pytest.raises(FrozenInstanceError):
        reading.code = "0000"
    with pytest.raises(FrozenInstanceError):
        reading.alternatives[0].code = "0000"
    assert (read("Q420").code, read("Q420").alternatives[0].code) == ("9588", "1584")
    assert len({reading, read("Q420"), *reading.alternatives}) == 3  # hashable: readings can be set members


def test_a_reading_built_by_a_radio_family_starts_empty():
    """The radio families (radiocode.radios) build their readings with these defaults: a Renault reading
    with no precode, no code, no error and nothing corrected, the shape the API and the CLI print."""
    from radiocode.reading import Candidate, Reading

    reading = Reading("empty")
    assert (reading.precode, reading.code, reading.alternatives, reading.messages, reading.error) == (None, None, (), (), None)
    assert (reading.corrected, reading.computable, reading.radio, reading.number, reading.by_radio) == (False, True, "renault", None, ())
    assert (reading.ok, reading.number_read, reading.letter_in_doubt, reading.candidates) == (True, None, False, ())
    assert reading.to_dict() == {"precode": None, "code": None, "kind": "empty", "alternatives": [], "corrected": False, "computable": True, "message": ""}
    assert Candidate("A123", "0086").hint is None
    assert Candidate("A123", "0086").to_dict() == {"precode": "A123", "code": "0086"}


def test_with_every_radio_a_reading_says_its_radio_number_error_and_the_other_radios():
    """The API and `radiocode code --json` give each reading in this shape when radios are asked for, and
    always for another radio family's reading: the radio, the number read, the error type, and how the
    radios that take bare digits read the same text (domain-facts-brands §3, §4)."""
    assert read("A123").to_dict(radios=True) == {
        "precode": "A123", "code": "0086", "kind": "precode", "alternatives": [], "corrected": False, "computable": True,
        "message": "The precode A123 gives the code 0086.", "radio": "renault", "number": "A123", "error": None, "by_radio": [],
    }  # fmt: skip
    assert read("A123").to_dict() == {key: value for key, value in read("A123").to_dict(radios=True).items()
                                      if key not in ("radio", "number", "error", "by_radio")}  # fmt: skip
    data = read("0818").to_dict(radios=True)
    assert (data["precode"], data["code"], data["number"]) == ("O818", "1126", "O818")
    assert data["by_radio"] == [
        {"precode": None, "code": "2111", "kind": "serial", "alternatives": [], "corrected": False, "computable": True,
         "message": "The number 0818 gives the code 2111.", "radio": "fiat-vp", "number": "0818", "error": None, "by_radio": []},
        {"precode": None, "code": None, "kind": "invalid", "alternatives": [], "corrected": False, "computable": True,
         "message": "The sources disagree on the code for numbers that start with 0, like 0818, and no owner has confirmed "
                    "either answer. We give no code we cannot stand behind.",
         "radio": "fiat-daiichi", "number": "0818", "error": "unsettled_input", "by_radio": []},
    ]  # fmt: skip
    ford = read("M140687")
    assert ford.to_dict() == {
        "precode": None, "code": "8593", "kind": "serial", "alternatives": [], "corrected": False, "computable": True,
        "message": "The serial M140687 gives the code 8593.", "radio": "ford-m", "number": "M140687", "error": None, "by_radio": [],
    }  # fmt: skip
    # A Ford code has no precode: nothing to choose between, and the number read is the serial.
    assert (ford.candidates, ford.number_read, ford.letter_in_doubt) == ((), "M140687", False)


def test_a_renault_reading_among_other_readings_still_says_its_radio():
    """Each reading listed in by_radio carries its radio and number, a Renault one too: a client tells them apart by it."""
    from radiocode.reading import Reading

    both = Reading("ambiguous", radio=None, by_radio=(read("A123"), read("M140687")))
    assert [(r["radio"], r["number"], r["code"]) for r in both.to_dict()["by_radio"]] == [("renault", "A123", "0086"), ("ford-m", "M140687", "8593")]


@pytest.mark.parametrize(
    ("text", "precode"),
    [
        ("281150198RT A012", "A012"), ("T A099", "A099"), ("9243RT a000", "A000"), ("PRECODE AO12", "A012"),
        ("SECURITYA050", "A050"), ("Code: a0l2", "A012"), ("label A012 here", "A012"), ("A012 7700434436", "A012"),
        ("281150198RTA012", "A012"),
    ],
)  # fmt: skip
def test_a_precode_that_does_not_exist_on_a_label_is_named(text, precode):
    """domain-facts §1: A000 to A099 do not exist, and such an input gets that clear, specific
    error: where a label has the precode (after a serial, a keyword, or alone) as well."""
    reading = read(text)
    assert (reading.precode, reading.code, reading.ok, reading.error.type) == (None, None, False, "nonexistent_precode")
    assert reading.message().startswith(f"Precodes A000 to A099 do not exist, so {precode} cannot be right.")


def test_a_precode_that_exists_on_a_label_wins_over_one_that_does_not():
    reading = read("281150198RT A012 B123")
    assert (reading.kind, reading.precode, reading.code) == ("label", "B123", "0683")


def test_a_label_line_ending_in_a100_gives_its_code():
    # domain-facts §1: A100 -> 0070, the first precode that exists.
    reading = read("281150198RT A100")
    assert (reading.kind, reading.precode, reading.code) == ("label", "A100", "0070")


@pytest.mark.parametrize(
    ("text", "kind"),
    [("part 7 649 190 391", "blaupunkt_part_number"), ("7 649 190 391 radio", "blaupunkt_part_number"), ("PN 8200 057 676 X", "renault_part_number")],
)
def test_a_part_number_in_groups_among_other_words_is_named(text, kind):
    """domain-facts §2: a part number is named for what it is, written in up to four groups with words around it."""
    reading = read(text)
    assert (reading.kind, reading.precode, reading.code, reading.error.type) == (kind, None, None, "not_a_precode")


def test_a_look_alike_of_the_chosen_precode_is_no_second_precode():
    # O818 after the T is Q818 misread, not another precode: offered as a look-alike, not "also found".
    reading = read("SECURITY Q818 9243RT O818")
    assert (reading.precode, [c.precode for c in reading.alternatives]) == ("Q818", ["O818", "D818"])
    assert "We also found" not in reading.message()
