"""What each radio family answers, word for word: refusals, Ford answers, the registry's choices,
the records' JSON and their translations (domain-facts-brands §1 to §4 and the source index).

Plain unit tests, no server: the mutation bench (bench/mutation.py) runs them before the slower
property and CLI tests of test_radios_reading.py.
"""

from __future__ import annotations

import json

import pytest

import radiocode
from radiocode import radios
from radiocode.exceptions import UnknownRadio
from radiocode.radios import ford_m


def _messages(value):
    """Every Message a radio record holds (its claims, disagreements, input rule, evidence, entry steps)."""
    import dataclasses

    from radiocode.i18n import Message

    if isinstance(value, Message):
        yield value
        for param in value.params.values():
            yield from _messages(param)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _messages(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _messages(getattr(value, field.name))
        if hasattr(value, "steps_for"):
            yield from _messages(value.steps("1234"))


@pytest.mark.parametrize("radio_id", list(radios.RADIOS))
def test_every_statement_of_a_record_is_in_each_language(radio_id):
    """A French (or Turkish...) owner reads each radio's facts and steps in their language: a statement
    whose English is not in the catalogs would show in English, or not at all, on their page."""
    from babel.messages.pofile import read_po

    from radiocode.i18n import DOMAIN, LOCALE_DIR

    from radiocode.radios.records import AGREEMENT, EVIDENCE_KINDS

    radio = radios.RADIOS[radio_id]
    msgids = {message.msgid for message in _messages(radio)}
    assert len(msgids) >= 8, msgids  # the walk found the record's statements
    # How far sources agree and what kind of evidence a vector is: shown next to every claim and count.
    msgids |= set(AGREEMENT.values()) | set(EVIDENCE_KINDS.values())
    for language in ("fr", "tr"):
        with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        missing = sorted(m for m in msgids if m not in catalog or not catalog[m].string)
        assert not missing, f"{radio_id}: not in the {language} catalog: {missing}"


# Inputs a client might check against a radio's published input rule before it asks.
_PROBES = ["2063", "6461", "0461", "999999", "099999", "206", "20631", "A123", "A000", "M140687", "m140687",
           "V123456", "M87042", "1000", "9999", "0000", "12345678", "20 63", "Z999"]  # fmt: skip


@pytest.mark.parametrize("radio_id", list(radios.RADIOS))
def test_the_published_input_rule_agrees_with_the_reader(radio_id):
    """The API and pages publish each radio's input pattern, length and example for clients that check
    before they ask: every number the radio gives a code for fits them, and for bare-digit radios every
    number that fits gets a code (a client never refuses what the server reads, nor sends what it refuses)."""
    import itertools
    import re

    radio = radios.RADIOS[radio_id]
    module = radios.module(radio_id)
    rule = radio.input_rule
    assert len(rule.example) == rule.length and module.is_valid(rule.example)
    assert re.fullmatch(rule.pattern, rule.example)
    sample = [number for number, _ in itertools.islice(radio.table(), 300)]
    for text in _PROBES + sample:
        # The rule is for the number as the radio's reader compacts it (no spaces, upper case).
        fits = bool(re.fullmatch(rule.pattern, module.compact(text)))
        if module.is_valid(text):
            assert fits, (text, rule.pattern)
        if not radio.marked:
            assert fits == module.is_valid(text), (text, rule.pattern)


# What an owner reads when a bare-digit radio's number is typed wrong (the English, word for word).
_REFUSALS = [
    ("fiat-vp", "", "empty_input", "Type the 4 digits from your radio, like 2063."),
    ("fiat-vp", "206", "invalid_length", "This radio's number is 4 digits, like 2063. You typed 3."),
    ("fiat-vp", "20A3", "invalid_characters", "This radio's number is 4 digits, like 2063. These characters cannot be in it: A"),
    ("fiat-vp", "é2063", "invalid_characters", "This radio's number is 4 digits, like 2063. These characters cannot be in it: é"),
    # Junk: the first ten characters that cannot be in the number, not a page of them.
    ("fiat-daiichi", "zyxwvutsrqponm", "invalid_characters",
     "This radio's number is 4 digits, like 6461. These characters cannot be in it: M N O P Q R S T U V"),
    ("fiat-daiichi", "64610", "invalid_length", "This radio's number is 4 digits, like 6461. You typed 5."),
    ("fiat-visteon", "   ", "empty_input", "Type the 6 digits from your radio, like 999999."),
    ("fiat-visteon", "２０６３", "invalid_length", "This radio's number is 6 digits, like 999999. You typed 4."),
    # §2: the seller's rule allows letters that no source explains: said, A to Z, at most ten of them.
    ("fiat-visteon", "z99a99", "invalid_characters", "We take six digits for this radio, like 999999. One source's rule "
     "also allows letters, but no source says what a letter stands for. These characters cannot be read: A Z"),
    ("fiat-visteon", "LKJIHGFEDCBA", "invalid_characters", "We take six digits for this radio, like 999999. One source's rule "
     "also allows letters, but no source says what a letter stands for. These characters cannot be read: A B C D E F G H I J"),
    ("fiat-visteon", "99999é", "invalid_characters", "This radio's number is 6 digits, like 999999. These characters cannot be in it: é"),
]  # fmt: skip


@pytest.mark.parametrize(("radio_id", "text", "kind", "english"), _REFUSALS)
def test_each_refusal_says_what_to_type(radio_id, text, kind, english):
    from radiocode.i18n import translations

    reading = radiocode.read(text, radio=radio_id)
    assert (reading.kind, reading.code, reading.radio, reading.computable) == ("invalid", None, radio_id, True)
    assert (reading.error.type, reading.message()) == (kind, english)
    french = reading.message(translations("fr"))
    assert french != english and "%(" not in french


@pytest.mark.parametrize(("radio_id", "example"), [("fiat-vp", "2063"), ("fiat-daiichi", "6461"), ("fiat-visteon", "999999")])
def test_a_number_that_is_not_text_is_refused_with_the_example(radio_id, example):
    """A library caller that passes an int gets the reason, not a TypeError or a code for the wrong digits."""
    from radiocode.exceptions import InvalidFormat
    from radiocode.i18n import translations

    module = radios.module(radio_id)
    with pytest.raises(InvalidFormat) as refused:
        module.validate(int(example))
    assert refused.value.render() == f"Expected the number as text, like {example}, not int."
    assert refused.value.render(translations("fr")) != refused.value.render()
    assert module.is_valid(int(example)) is False


class TestRadioChoice:
    """What the registry answers for a radio name, and for a make whose radios read the number differently."""

    NAMES = "renault, ford-m, fiat-visteon, fiat-vp, fiat-daiichi, dacia, renault-trucks, ford, fiat, alfa-romeo"

    def test_unknown_radio_lists_every_name_it_takes(self):
        reading = radiocode.read("A123", radio="toyota")
        assert reading.message() == f"There is no radio called toyota. Choose one of: {self.NAMES}."

    def test_a_long_unknown_name_is_echoed_cut_to_forty_characters(self):
        reading = radiocode.read("A123", radio="y" * 60)
        assert reading.message() == f"There is no radio called {'y' * 40}. Choose one of: {self.NAMES}."

    def test_a_make_typed_with_trailing_spaces_is_echoed_cut_to_forty_characters(self):
        """A pasted make with a run of spaces after it still names the make; the message repeats at most 40 characters."""
        typed = "Fiat" + " " * 60
        with pytest.raises(UnknownRadio) as refused:
            radios.radio(typed)
        assert refused.value.render() == "Fiat" + " " * 36 + " has more than one kind of radio. Choose one of: fiat-visteon, fiat-vp, fiat-daiichi."
        reading = radiocode.read("12", radio=typed)
        assert reading.message().startswith("This is not the number of any Fiat" + " " * 36 + " radio we know.")

    def test_module_names_with_underscores_answer(self):
        """radiocode.radios.ford_m is the module: its name typed as such is the radio."""
        assert radiocode.read("M140687", radio="ford_m").code == "8593"
        assert radios.resolve("Alfa_Romeo").radios == ("fiat-vp",)
        assert radios.radio("FIAT_VP").id == "fiat-vp"

    def test_a_make_is_not_one_radio(self):
        with pytest.raises(UnknownRadio) as refused:
            radios.radio("Fiat")
        assert refused.value.render() == "Fiat has more than one kind of radio. Choose one of: fiat-visteon, fiat-vp, fiat-daiichi."

    def test_no_radio_given_is_the_same_as_none(self):
        """A form whose radio list was left on its empty choice sends radio=''."""
        for text in ("M140687", "2063", "A123"):
            assert radiocode.read(text, radio="").to_dict() == radiocode.read(text).to_dict()

    @pytest.mark.parametrize("radio", [None, "ford-m"])
    def test_input_up_to_the_limit_is_read(self, radio):
        from radiocode.reading import MAX_INPUT_LENGTH

        assert MAX_INPUT_LENGTH == 500
        assert radiocode.read("M140687".ljust(500), radio=radio).code == "8593"
        assert radiocode.read("M140687".ljust(501), radio=radio).error.type == "input_too_long"

    def test_other_radios_are_listed_only_for_their_own_digits(self):
        assert [(r.radio, r.code) for r in radiocode.read("999999").by_radio] == [("fiat-visteon", "4968")]
        for text in ("A123", "A 123", "20631", "M140687", "2O63"):
            assert radiocode.read(text).by_radio == (), text

    def test_ambiguous_names_each_radio(self):
        reading = radiocode.read("2063", radio="fiat")
        assert reading.message() == (
            "2063 fits more than one kind of radio, and each gives a different code. Choose your radio: "
            "fiat-vp (Fiat / Alfa Romeo VP1 and VP2 by Continental), fiat-daiichi (Fiat Daiichi (DAIICHI MOPAR))."
        )

    def test_a_refused_number_of_one_radio_still_counts_as_its_number(self):
        """0461 is a Daiichi number the sources disagree on: the owner is asked which radio, not handed the VP code."""
        reading = radiocode.read("0461", radio="fiat")
        assert reading.error.type == "ambiguous_radio"
        vp_code = radios.module("fiat-vp").radio_code("0461")
        assert [(r.radio, r.code, r.error.type if r.error else None) for r in reading.by_radio] == [
            ("fiat-vp", vp_code, None),
            ("fiat-daiichi", None, "unsettled_input"),
        ]

    def test_a_make_and_a_number_only_one_of_its_radios_takes(self):
        """A whole VP serial with the make: only the VP radio reads it, so that is the answer, not a question."""
        reading = radiocode.read("12345 2063", radio="Fiat")
        assert (reading.radio, reading.number, reading.code, reading.corrected, reading.error) == ("fiat-vp", "2063", "1341", True, None)

    def test_a_make_and_a_number_none_of_its_radios_takes(self):
        reading = radiocode.read("12", radio="fiat")
        assert (reading.kind, reading.code, reading.error.type, reading.radio) == ("invalid", None, "invalid_format", None)
        assert reading.message() == ("This is not the number of any fiat radio we know. Check the number, or choose the radio itself: fiat-visteon, fiat-vp, fiat-daiichi.")


def test_vp_says_which_digits_it_read():
    """Four digits are read as typed; a longer serial is cut to its last four, and the answer says so (§3)."""
    from radiocode.i18n import translations

    typed = radiocode.read("2063", radio="fiat-vp")
    assert (typed.corrected, typed.message()) == (False, "The number 2063 gives the code 1341.")
    whole = radiocode.read("12345 2063", radio="fiat-vp")
    assert (whole.corrected, whole.number, whole.code) == (True, "2063", "1341")
    assert whole.message() == "We took the last four digits of the serial, 2063. They give the code 1341."
    assert whole.message(translations("fr")) != whole.message()


_WHERE_SERIAL = (
    "This is not the serial. The serial is M or V and six digits, like M123456. It is on a white label on the radio's "
    "casing, and many radios show it when you hold presets 1 and 6 with the radio on: it is the M or V with six digits "
    "in the scroll, often the last."
)
# What a Ford owner reads for each kind of answer (domain-facts-brands §1.1, §1.5), word for word.
_FORD_ANSWERS = [
    ("m 14 06 87", "serial", "8593", False, None, "The serial M140687 gives the code 8593."),
    ("M0140687", "serial", "8593", True, None, "We read M0140687 as the serial M140687: a Ford serial has six digits, "
     "and one source says to drop the first 0 of a seven-digit one. Its code is 8593."),
    ("Unit FDC200 serial M140687 SW 01", "scroll", "8593", False, None,
     "We found the serial M140687 in your text: the last M or V with six digits. Its code is 8593."),
    # A seven-digit serial inside a scroll: the message names it as it was typed.
    ("Unit FDC200 serial M0140687 SW 01", "scroll", "8593", True, None, "We read M0140687 as the serial M140687: a Ford "
     "serial has six digits, and one source says to drop the first 0 of a seven-digit one. Its code is 8593."),
    ("V123456", "serial", None, False, "not_computable", "V serials have no public method to work out the code. A Ford "
     "dealer can give it to you (bring proof that the car is yours), or a paid decoding service."),
    ("M87042", "invalid", None, False, "invalid_length",
     "A Ford serial is M or V and six digits, like M123456. M87042 has 5 digits: check the label again."),
    ("M1234567", "invalid", None, False, "invalid_length",
     "A Ford serial is M or V and six digits, like M123456. M1234567 has 7 digits: check the label again."),
    ("140687", "invalid", None, False, "invalid_format", "A Ford serial starts with M or V, then six digits, like M123456. "
     "Type the letter too: only M serials have a public method."),
    ("M14#687", "invalid", None, False, "invalid_characters",
     "A Ford serial is M or V and six digits, like M123456. These characters cannot be in it: #"),
    ("M1#4$687", "invalid", None, False, "invalid_characters",
     "A Ford serial is M or V and six digits, like M123456. These characters cannot be in it: # $"),
    # Eleven characters that cannot be in a serial: the first ten are named, in order.
    ("M!#$%&*+<=>?@687", "invalid", None, False, "invalid_characters",
     "A Ford serial is M or V and six digits, like M123456. These characters cannot be in it: ! # $ % & * + < = >"),
    ("", "invalid", None, False, "empty_input", "Type the serial from your radio's label, like M123456."),
    ("M14068A", "invalid", None, False, "invalid_format",
     "A Ford serial is M or V and six digits, like M123456. M14068A is not: check each character on the label."),
    ("F4ZZ-6E086-A", "ford_part_number", None, False, "not_a_serial",
     "This looks like a Ford part number (like F4ZZ-6E086-A): it names a kind of part. " + _WHERE_SERIAL),
    ("6000CD", "ford_model_name", None, False, "not_a_serial", "This is the name of a Ford radio model. " + _WHERE_SERIAL),
    ("Unit Type FDC200 x", "ford_model_name", None, False, "not_a_serial",
     "This is the name of a Ford radio model. " + _WHERE_SERIAL),
    # The model name in two words, with other words on both sides (a year: no Renault precode either).
    ("Ford 6000 CD 2004 Focus", "ford_model_name", None, False, "not_a_serial",
     "This is the name of a Ford radio model. " + _WHERE_SERIAL),
    ("ACU CFG 820208", "ford_scroll_line", None, False, "not_a_serial",
     "This is a build or configuration line from the radio's display scroll. " + _WHERE_SERIAL),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "code", "corrected", "error", "english"), _FORD_ANSWERS)
def test_each_ford_answer_word_for_word(text, kind, code, corrected, error, english):
    from radiocode.i18n import translations

    reading = radiocode.read(text, radio="ford-m")
    assert (reading.kind, reading.code, reading.corrected, reading.error.type if reading.error else None) == (kind, code, corrected, error)
    assert reading.computable is (error != "not_computable")
    assert reading.message() == english
    assert reading.message(translations("fr")) != english


def test_a_v_serial_is_refused_as_a_ford_v_serial():
    """The web's problem page picks its dealer page ("Ford V serial: ask a dealer") by this kind."""
    from radiocode.exceptions import NotComputable

    with pytest.raises(NotComputable) as refused:
        ford_m.radio_code("V123456")
    assert refused.value.kind == "ford_v_serial"
    assert radiocode.read("FDMCAICV005067").error.kind == "ford_v_serial"


def test_a_ford_serial_that_is_not_text_is_refused():
    from radiocode.exceptions import InvalidFormat

    with pytest.raises(InvalidFormat) as refused:
        ford_m.validate(140687)
    assert refused.value.render() == "Expected the serial as text, like M123456, not int."
    assert ford_m.is_valid(140687) is False and ford_m.is_valid("M140687") is True and ford_m.is_valid("V123456") is False


# The site or repository of each source id, typed from the facts files' source indexes
# (domain-facts-brands "Source index", domain-facts.md for the Renault ones).
_SOURCE_SITES = {
    "HJ1": "honestjohn.co.uk", "HJ2": "honestjohn.co.uk", "HJ3": "honestjohn.co.uk", "HJ4": "honestjohn.co.uk",
    "FFRC": "freefordradiocode.co.uk", "FFRC-191": "freefordradiocode.co.uk", "FFRC-6367": "freefordradiocode.co.uk",
    "FFRC-20536": "freefordradiocode.co.uk", "HTM": "howtomendit.com", "MSE": "forums.moneysavingexpert.com",
    "FIX-382480": "fixfault.com", "FIX-475400": "fixfault.com", "SE": "mechanics.stackexchange.com",
    "FOC": "fordownersclub.com", "OCUK": "forums.overclockers.co.uk", "TAB": "theanswerbank.co.uk", "FN": "fordnews.org", "CM": "Car Mechanics (UK) magazine",
    "CMAX": "cmaxownersclub.co.uk", "VEL": "veloce.dk", "HAY": "Workshop manual", "RCF": "radiocodeford.com",
    "RCP": "radiocodepro.co.uk", "RCL": "radiocodelookup.com", "ARB": "autoradio-boutique.com",
    "DO": "erdesigns-eu/Delphi-OBD", "MB": "mark0wnik/VP1-VP2-Toolkit", "PL": "PELock", "MBRCC": "A C++ repository's README", "NR": "notiren/radio-code-calculators",
    "OS": "OlegSmelov/ford-radio-codes", "RTW": "Renault workshop manual", "DF": "domain-facts.md",
    "RADCODEREN": "radcoderen", "OJACQUEMART": "ojacquemart/renault-radio-code-list", "UNLOCKECU": "jglim/UnlockECU",
    "LUCASG": "lucasg.github.io",
}  # fmt: skip


def test_each_source_a_page_names_is_the_one_the_facts_index_lists():
    """A radio page's source list names each source by its site: a wrong site sends the reader to the wrong page."""
    from radiocode.radios.records import SOURCES
    from radiocode.web.radio_pages import FORD_V

    assert list(SOURCES) == list(_SOURCE_SITES)
    for source_id, site in _SOURCE_SITES.items():
        assert SOURCES[source_id].startswith(site), (source_id, SOURCES[source_id])
    # The Ford V page's claims too (it has no radio record).
    assert {source for claim in FORD_V for source in claim.sources} <= set(SOURCES)


def test_the_ford_v_page_says_what_its_source_names_stand_for():
    from starlette.testclient import TestClient

    from radiocode.web import create_app

    client = TestClient(create_app())
    for path in ("/radios/ford-v", "/code?input=V123456"):
        html = client.get(path).text
        start = html.index("What the source names stand for")
        index = html[start : html.index("</details>", start)]
        for source, name in [("HJ1", "honestjohn.co.uk forum, thread 103835"), ("CM", "Car Mechanics (UK) magazine")]:
            assert f"<strong>{source}</strong>: {name}" in index, (path, source)
        assert "<strong>FOC</strong>" in index and "<strong>RTW</strong>" not in index  # only the sources this page names


_CLAIM_KEYS = ["text", "sources", "agreement"]


@pytest.mark.parametrize("radio_id", list(radios.RADIOS))
def test_the_json_record_has_the_documented_shape(radio_id):
    """`radiocode radios --json` and /api/radios give each record in this shape (what clients read)."""
    data = json.loads(json.dumps(radios.RADIOS[radio_id].to_dict()))
    assert list(data) == ["id", "name", "makes", "input", "number_name", "vehicles", "where_to_find", "entry_variants",
                          "lockout", "disagreements", "evidence", "table_size", "aliases"]  # fmt: skip
    assert list(data["input"]) == ["pattern", "length", "example", "description", "unknown"]
    for claim in data["vehicles"] + data["where_to_find"] + data["lockout"] + data["evidence"]["checks"] + data["evidence"]["caveats"]:
        assert list(claim) == _CLAIM_KEYS
    for disagreement in data["disagreements"]:
        assert list(disagreement) == ["topic", "sides", "advice"]
        assert all(list(side) == _CLAIM_KEYS for side in disagreement["sides"])
    assert all(list(variant) == ["id", "title", "known"] for variant in data["entry_variants"])
    assert list(data["evidence"]) == ["summary", "counts", "vectors", "checks", "caveats"]
    assert all(list(v) == ["number", "code", "evidence", "sources", "note"] for v in data["evidence"]["vectors"])


def test_the_renault_record_says_what_the_facts_say():
    """domain-facts.md §1 to §4: the input rule, where the precode is, the lockout's conflict, and who states each pair."""
    radio = radios.RADIOS["renault"]
    data = radio.to_dict()
    assert (data["name"], data["makes"], data["number_name"], data["table_size"], radio.table_header) == (
        "Renault precode (one letter and three digits)", ["Renault", "Dacia", "Renault Trucks"], "precode", 25_900, "precode"
    )  # fmt: skip
    assert data["input"] == {
        "pattern": "^[A-Z][0-9]{3}$", "length": 4, "example": "A123",
        "description": "One letter and three digits, like A123. A000 to A099 do not exist.", "unknown": None,
    }  # fmt: skip
    # §2: the workshop manual and the labels; Media Nav from the labels alone.
    assert [(c["sources"], c["agreement"]) for c in data["where_to_find"]] == [(["DF", "RTW"], "two_or_more"), (["DF"], "one")]
    # §4: the sources disagree on the wait; all of them say to keep the radio on.
    assert [(c["text"], c["sources"], c["agreement"]) for c in data["lockout"]] == [
        ("A wrong code locks the radio for a while; the sources disagree on how long.", ["DF", "RTW"], "conflict"),
        ("Keep the radio switched on while you wait. Disconnecting the battery can start the wait again.", ["DF"], "two_or_more"),
    ]
    (disagreement,) = data["disagreements"]
    assert (disagreement["topic"], disagreement["advice"]) == (
        "How long the radio stays locked", "To be safe, wait the longest time any source gives, with the radio switched on."
    )  # fmt: skip
    # Each side is one source of §4's table, named before its rule.
    sides = disagreement["sides"]
    assert [side["text"].split(": ", 1)[0] for side in sides] == [
        "Renault workshop manual (Twingo II)", "medianav.net, a Media Nav code website", "A website that sells radio codes",
        "Owners' reports on forums", "A radio-code website's Midlum page",
    ]  # fmt: skip
    assert [(side["sources"], side["agreement"]) for side in sides] == [
        (["workshop_manual"], "one"), (["medianav"], "one"), (["code_seller"], "one"), (["forum"], "one"), (["seed_page"], "one"),
    ]  # fmt: skip
    evidence = data["evidence"]
    assert evidence["summary"] == ("Independent sources agree on 22 precode and code pairs: owners' pairs, a real label, published tables and other programs' tests.")
    assert evidence["counts"] == {"real_label": 1, "forum_pair": 3, "published_table": 13, "implementation_test": 4, "vendor_test": 1}
    # §1's table, row by row: who states each pair.
    table = [("A100", "0070"), ("A109", "0007"), ("A129", "0001"), ("A999", "0765"), ("B100", "0677"), ("I123", "1682"), ("O555", "1400"),
             ("Q100", "9872"), ("T903", "6041"), ("Z100", "0875"), ("Z546", "0470"), ("Z990", "0034"), ("Z998", "0099")]  # fmt: skip
    assert [(v["number"], v["code"], v["evidence"], v["sources"], v["note"]) for v in evidence["vectors"]] == [
        ("S053", "7913", "forum_pair", ["LUCASG"], ""),
        ("V188", "4839", "forum_pair", ["LUCASG"], ""),
        ("Q420", "9588", "forum_pair", ["LUCASG"], ""),
        ("S049", "7930", "real_label", ["DF"], "A real label: ... 28 115 9243RT S049"),
        ("Z999", "0060", "vendor_test", ["PL"], ""),
        ("A123", "0086", "implementation_test", ["RADCODEREN"], ""),
        ("B456", "0709", "implementation_test", ["RADCODEREN"], ""),
        ("C789", "1621", "implementation_test", ["RADCODEREN"], ""),
        *((p, c, "published_table", ["OJACQUEMART"], "") for p, c in table),
        ("Y020", "1902", "implementation_test", ["UNLOCKECU"], ""),
    ]
    assert evidence["checks"] == [{"text": "The method is public and gives a code for every one of the 25,900 precodes.", "sources": ["LUCASG"], "agreement": "two_or_more"}]
    assert evidence["caveats"] == []


def test_the_daiichi_record_says_what_the_facts_say():
    """domain-facts-brands §4, §7.2: one vendor test, one program's check, the leading-zero disagreement."""
    data = radios.RADIOS["fiat-daiichi"].to_dict()
    assert (data["makes"], data["number_name"], data["table_size"], data["aliases"]) == (["Fiat"], "number", 9000, [])
    assert data["input"] == {
        "pattern": "^[1-9][0-9]{3}$", "length": 4, "example": "6461", "description": "Four digits, like 6461.",
        "unknown": "The sources disagree on numbers that start with 0: we give no code for them.",
    }  # fmt: skip
    assert data["entry_variants"] == [{"id": "unknown", "title": "The sources do not say how this radio takes the code", "known": False}]
    assert data["evidence"]["counts"] == {"vendor_test": 1}
    assert data["evidence"]["vectors"] == [{"number": "6461", "code": "8354", "evidence": "vendor_test", "sources": ["PL"], "note": ""}]
    assert [(c["sources"], c["agreement"]) for c in data["evidence"]["checks"] + data["evidence"]["caveats"]] == [(["DO"], "one"), (["DO"], "conflict")]
    (disagreement,) = data["disagreements"]
    assert (disagreement["topic"], disagreement["advice"]) == ("Numbers that start with 0", "We give no code for these numbers.")
    assert [(s["sources"], s["agreement"]) for s in disagreement["sides"]] == [(["DO"], "one"), ([], "one")]


def test_the_ford_vectors_are_the_facts_table():
    """domain-facts-brands §7.1, row by row: serial, code, how strong, whose; and the note the page shows."""
    vectors = [(v.number, v.code, v.evidence, v.sources, v.note) for v in radios.RADIOS["ford-m"].evidence.vectors]
    assert vectors == [
        ("M140687", "8593", "paperwork", ("FFRC-191",), "Radio sticker in a 2005 Fiesta service book (FDC200). The radio in that car refused it: probably another unit."),
        ("M083988", "9557", "paperwork", ("FFRC-6367",), "Glovebox paperwork, 05/06 Focus (fdc200). The helper wrote 9577, probably a typo."),
        ("M030063", "0447", "paperwork", ("MSE",), "The owner's book says 0447; a helper gave 0447 independently."),
        ("M036972", "6471", "user_confirmed", ("FFRC-20536",), "The owner replied: it works."),
        ("M027154", "8049", "helper", ("FFRC-20536",), "Sony 132-6cd."),
        ("M087042", "9124", "helper", ("FN",), ""),
        ("M027078", "1810", "helper", ("FN",), ""),
        ("M011936", "3128", "helper", ("MSE",), "Typed as MO11936 by the owner."),
        ("M123456", "2487", "vendor_test", ("PL",), ""),
        ("M999999", "4968", "vendor_test", ("PL",), "PELock's test for the Fiat Stilo/Bravo Visteon, 999999."),
        ("M212365", "3633", "refused_by_radio", ("FIX-382480",), "The owner had this code, but the radio refused it."),
    ]  # fmt: skip


def test_the_ford_record_says_what_the_facts_say():
    """domain-facts-brands §1: the input rule, the entry variant and which sources back each lockout statement."""
    data = radios.RADIOS["ford-m"].to_dict()
    assert (data["makes"], data["number_name"], data["table_size"]) == (["Ford"], "serial", 1_000_000)
    assert data["input"] == {"pattern": "^[Mm][0-9]{6}$", "length": 7, "example": "M123456", "description": "M and six digits, like M123456.", "unknown": None}
    assert data["entry_variants"] == [{"id": "presets", "title": "Presets 1 to 4 set the digits, preset 5 enters the code", "known": True}]
    assert [(c["sources"], c["agreement"]) for c in data["lockout"]] == [
        (["RCF", "FFRC-191", "OCUK", "FOC"], "two_or_more"),
        (["FOC"], "one"),
        (["HJ3", "SE", "RCF", "HJ4", "TAB"], "two_or_more"),
        (["HJ3", "RCF", "SE", "FN"], "two_or_more"),
    ]
    assert [d["topic"] for d in data["disagreements"]] == ["How many tries in all", "How long to hold preset 6 for the LOCKED 10 reset", "How many tries the reset gives"]
    assert [d["advice"] for d in data["disagreements"]] == ["Stop trying at LOCKED 10 and get help.", None, None]
    assert radios.RADIOS["ford-m"].table_header == "serial"


def test_each_table_says_how_many_numbers_it_has():
    """The table page and `radiocode table` announce the size: every M serial and every Visteon number
    (§1, §2: six digits), every VP number (§3: four digits), the Daiichi numbers not starting with 0 (§4)."""
    sizes = {radio_id: radio.table_size for radio_id, radio in radios.RADIOS.items() if radio_id != "renault"}
    assert sizes == {"ford-m": 1_000_000, "fiat-visteon": 1_000_000, "fiat-vp": 10_000, "fiat-daiichi": 9_000}


def test_the_visteon_table_starts_with_the_numbers_in_order():
    import itertools

    from radiocode.radios import fiat_visteon

    rows = list(itertools.islice(fiat_visteon.table(), 1001))
    assert [number for number, _ in rows] == [f"{n:06d}" for n in range(1001)]
    assert all(code == fiat_visteon.radio_code(number) for number, code in rows[::50])


def test_the_records_cannot_be_changed_by_a_caller():
    """The records are shared by every page, the API and the CLI: a caller that sets a field by mistake
    gets an error, never a record changed for every later reader."""
    import dataclasses

    radio = radios.RADIOS["ford-m"]
    parts = [radio, radio.input_rule, radio.variants[0], radio.evidence, radio.evidence.vectors[0], radio.lockout[0],
             radio.disagreements[0]]  # fmt: skip
    assert [type(part).__name__ for part in parts] == ["Radio", "InputRule", "EntryVariant", "Evidence", "Vector", "Claim", "Disagreement"]
    for part in parts:
        field = dataclasses.fields(part)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(part, field, "changed")
    assert len({*radio.lockout, *radio.lockout}) == len(radio.lockout)  # hashable, so they can be set members


def test_a_claim_written_with_its_text_alone_says_two_or_more_sources_agree():
    """The defaults a record's author gets for a claim, a disagreement, an input rule, an entry variant
    and a vector (radiocode.radios.records is how a new radio family is written)."""
    from radiocode.i18n import Message
    from radiocode.radios.records import UNKNOWN, Claim, Disagreement, EntryVariant, Evidence, InputRule, Vector

    claim = Claim(Message("Hold preset 6."))
    assert (claim.sources, claim.agreement) == ((), "two_or_more")
    assert claim.to_dict() == {"text": "Hold preset 6.", "sources": [], "agreement": "two_or_more"}
    assert UNKNOWN.to_dict() == {"text": "The sources do not say.", "sources": [], "agreement": "none"}
    disagreement = Disagreement(Message("How long"), (claim,))
    assert disagreement.advice is None
    assert disagreement.to_dict() == {"topic": "How long", "sides": [claim.to_dict()], "advice": None}
    rule = InputRule("^[0-9]{4}$", 4, "2063", Message("Four digits."))
    assert rule.unknown is None
    assert rule.to_dict() == {"pattern": "^[0-9]{4}$", "length": 4, "example": "2063", "description": "Four digits.", "unknown": None}
    assert EntryVariant("presets", Message("Presets"), lambda code: []).known is True
    vector = Vector("2063", "1341", "vendor_test", ("PL",))
    assert vector.note == ""
    evidence = Evidence(Message("One seller's test."), (vector,))
    assert (evidence.checks, evidence.caveats) == ((), ())
    assert evidence.to_dict() == {
        "summary": "One seller's test.", "counts": {"vendor_test": 1},
        "vectors": [{"number": "2063", "code": "1341", "evidence": "vendor_test", "sources": ["PL"], "note": ""}],
        "checks": [], "caveats": [],
    }  # fmt: skip


def test_an_entry_variant_is_found_by_its_id():
    """`radiocode code --radio stalk` and the API's family= take the steps of the variant named, not another's."""
    renault = radios.RADIOS["renault"]
    assert [renault.variant(name).id for name in ("preset6", "preset5", "stalk", "philips", "media_nav")] == [
        "preset6", "preset5", "stalk", "philips", "media_nav"]  # fmt: skip
    assert renault.variant().id == renault.variant(None).id == renault.default_variant.id == "preset6"
    with pytest.raises(KeyError):
        renault.variant("presets")


def test_find_reads_every_serial_validate_accepts():
    """ford_m.read() asks find() first, then validate(): every text validate() accepts (a serial
    with any separator compact() drops, anywhere, or in full-width forms) is read by find(), so
    read()'s last line, which computes the code itself, is never reached (bench/mutation.py)."""
    import sys

    dropped = [chr(cp) for cp in range(sys.maxunicode + 1) if ford_m.compact(f"x{chr(cp)}x") == "XX"]
    assert " " in dropped and "-" in dropped and "\u00a0" in dropped
    texts = [t for c in dropped for t in (f"M{c}140687", f"{c}M140687{c}", f"M14{c}0687", f"m140{c}687")] + ["Ｍ１４０６８７", "ｍ140687"]
    valid = [t for t in texts if ford_m.is_valid(t)]
    assert len(valid) > len(dropped)
    for text in valid:
        found = ford_m.find(text)
        assert found is not None and found.code == "8593", repr(text)
