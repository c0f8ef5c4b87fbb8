"""radiocode.read(text, radio=None) across radio families (domain-facts-brands §1.2, §1.5)."""

from __future__ import annotations

import json
import random
import string
from collections import Counter

import pytest
from batch_spy import keyed_blocks
from click.testing import CliRunner
from hypothesis import event, given, settings
from hypothesis import strategies as st

import radiocode
from radiocode import radios
from radiocode.cli import main
from radiocode.radios import ford_m
from radiocode.reading import MAX_INPUT_LENGTH
from radiocode.reading import read as read_precode


def summary(reading):
    return (reading.radio, reading.kind, reading.number_read, reading.code, reading.error.type if reading.error else None)


class TestFindsTheRadio:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("M140687", ("ford-m", "serial", "M140687", "8593", None)),
            ("m 140687", ("ford-m", "serial", "M140687", "8593", None)),
            ("M-140687", ("ford-m", "serial", "M140687", "8593", None)),
            ("M 14 06 87", ("ford-m", "serial", "M140687", "8593", None)),
            ("M.140.687", ("ford-m", "serial", "M140687", "8593", None)),
            # §1.2: the serial inside a display scroll, the last M/V with six digits
            ("OFMM2 090000 50702000 M140687", ("ford-m", "scroll", "M140687", "8593", None)),
            ("Serial Number M140687 Key Code", ("ford-m", "scroll", "M140687", "8593", None)),
            ("M036972 then M140687", ("ford-m", "scroll", "M140687", "8593", None)),
            ("FDMCAICV005067", ("ford-m", "scroll", "V005067", None, "not_computable")),
            # §1.2: a 7-digit serial with a leading 0 (one program's instructions)
            ("M0140687", ("ford-m", "serial", "M140687", "8593", None)),
            # §1.1: V serials, no public method
            ("V123456", ("ford-m", "serial", "V123456", None, "not_computable")),
            ("V0001602", ("ford-m", "serial", "V001602", None, "not_computable")),
            # §1.5: typing errors
            ("MO11936", ("ford-m", "serial", "M011936", "3128", None)),
            ("M87042", ("ford-m", "invalid", None, None, "invalid_length")),
            ("M00857", ("ford-m", "invalid", None, None, "invalid_length")),
            ("M1406870", ("ford-m", "invalid", None, None, "invalid_length")),
            # §1.5: look-alikes from the scroll, model names, part numbers: never a code
            ("50702000", ("ford-m", "ford_scroll_line", None, None, "not_a_serial")),
            ("MV 50702000", ("ford-m", "ford_scroll_line", None, None, "not_a_serial")),
            ("ACU CFG 820208", ("ford-m", "ford_scroll_line", None, None, "not_a_serial")),
            ("DPMV5H255", ("ford-m", "ford_scroll_line", None, None, "not_a_serial")),
            ("FDC200", ("ford-m", "ford_model_name", None, None, "not_a_serial")),
            ("6000CD", ("ford-m", "ford_model_name", None, None, "not_a_serial")),
            ("6000 CD", ("ford-m", "ford_model_name", None, None, "not_a_serial")),
            ("4500 RDS", ("ford-m", "ford_model_name", None, None, "not_a_serial")),
            ("F4ZZ-6E086-A", ("ford-m", "ford_part_number", None, None, "not_a_serial")),
            # Renault, as it always was
            ("A123", ("renault", "precode", "A123", "0086", None)),
            ("281150198RT A583", ("renault", "label", "A583", "0461", None)),
        ],
    )
    def test_detected(self, text, expected):
        assert summary(radiocode.read(text)) == expected

    def test_seven_digits_say_what_was_dropped(self):
        reading = radiocode.read("M0140687")
        assert reading.corrected
        assert "drop the first 0" in reading.message()

    def test_o_for_zero_offers_the_reading_the_facts_show(self):
        reading = radiocode.read("MO11936")
        assert reading.corrected
        assert reading.message() == "We read MO11936 as the serial M011936: a Ford serial is M and six digits, and O is not a digit. Its code is 3128."

    def test_v_serial_says_what_to_do(self):
        assert radiocode.read("V123456").message() == (
            "V serials have no public method to work out the code. A Ford dealer can give it to you "
            "(bring proof that the car is yours), or a paid decoding service."
        )

    def test_lookalike_says_where_the_serial_is(self):
        message = radiocode.read("ACU CFG 820208").message()
        assert message.startswith("This is a build or configuration line from the radio's display scroll. This is not the serial.")
        assert "M or V and six digits" in message


class TestBareDigits:
    def test_four_digits_keep_their_renault_reading_and_list_the_fiat_ones(self):
        """Four digits without a radio: the look-alike precode as before, never a lone Fiat code."""
        reading = radiocode.read("2063")
        before = read_precode("2063")
        assert reading.to_dict() == before.to_dict()
        assert reading.corrected
        assert [(r.radio, r.code) for r in reading.by_radio] == [("fiat-vp", "1341"), ("fiat-daiichi", "6398")]

    def test_four_digits_with_a_make_ask_which_radio(self):
        reading = radiocode.read("2063", radio="fiat")
        assert (reading.code, reading.error.type, reading.radio) == (None, "ambiguous_radio", None)
        assert [(r.radio, r.code) for r in reading.by_radio] == [("fiat-vp", "1341"), ("fiat-daiichi", "6398")]
        assert reading.to_dict()["by_radio"][0]["code"] == "1341"

    def test_a_radio_gives_one_code(self):
        assert summary(radiocode.read("2063", radio="fiat-vp")) == ("fiat-vp", "serial", "2063", "1341", None)
        assert summary(radiocode.read("6461", radio="fiat-daiichi")) == ("fiat-daiichi", "serial", "6461", "8354", None)
        assert summary(radiocode.read("999999", radio="fiat-visteon")) == ("fiat-visteon", "serial", "999999", "4968", None)

    def test_daiichi_leading_zero_is_refused_with_the_reason(self):
        reading = radiocode.read("0461", radio="fiat-daiichi")
        assert (reading.code, reading.error.type) == (None, "unsettled_input")
        assert "disagree" in reading.message()

    def test_visteon_letters_are_said_to_be_unknown(self):
        reading = radiocode.read("99999A", radio="fiat-visteon")
        assert reading.error.type == "invalid_characters"
        assert "no source says what a letter stands for" in reading.message()

    def test_vp_whole_serial_takes_the_last_four(self):
        reading = radiocode.read("123452063", radio="fiat-vp")
        assert (reading.number, reading.code, reading.corrected) == ("2063", "1341", True)

    def test_six_digits_do_not_become_a_ford_serial(self):
        """§1.5: a 6-digit number without M or V is not a Ford serial."""
        reading = radiocode.read("090724", radio="ford-m")
        assert reading.error.type == "invalid_format"
        assert "Type the letter too" in reading.message()


class TestRadioNames:
    def test_old_family_names_still_answer(self):
        for name in ("preset6", "preset5", "stalk", "philips", "media_nav"):
            assert radiocode.read("A123", radio=name).code == "0086"
            assert radios.resolve(name).variant == name
        assert [v.id for v in radios.RADIOS["renault"].variants] == ["preset6", "preset5", "stalk", "philips", "media_nav"]

    def test_makes(self):
        assert radios.resolve("Ford").radios == ("ford-m",)
        assert radios.resolve("alfa romeo").radios == ("fiat-vp",)
        assert radios.resolve("Dacia").radios == ("renault",)

    def test_unknown_radio(self):
        reading = radiocode.read("A123", radio="toyota")
        assert reading.error.type == "unknown_radio"
        assert reading.message().startswith("There is no radio called toyota. Choose one of: renault, ford-m,")
        # No radio read it: not Renault's, whose precode it may look like.
        assert reading.radio is None
        assert radiocode.read("A123", radio="ford").radio == "ford-m"


# Lines of a 1+6 display scroll that are not the serial (§1.5), as the facts show them.
SCROLL_LINES = ["DPMV5H255", "090000", "50702000", "DO MV 5H", "50700012", "70-02-00", "ACU CFG 820208", "HLA 11/JUL/05-0",
                "S.W 6.1.4", "CD SW 01 09 02", "BEZEL SW 1.1", "BOOT 01.0B.03", "OFMM2", "FDC200", "6000 CD"]  # fmt: skip
serials = st.integers(0, 999_999).map(lambda n: f"{n:06d}")


class TestProperties:
    @settings(max_examples=400, deadline=None)
    @given(serials, st.sampled_from(["M", "m"]), st.sampled_from(["", " ", "-", "."]), st.sampled_from(["", " ", "\t"]), st.booleans(), st.sampled_from([None, "ford-m", "ford"]))
    def test_any_typed_m_serial(self, digits, letter, separator, around, split, radio):
        """Typed with separators after the M, and between digit groups too."""
        event(f"separator {separator!r}, digits split {split}")
        event(f"radio {radio}")
        body = f"{digits[:2]}{separator}{digits[2:4]}{separator}{digits[4:]}" if split else digits
        reading = radiocode.read(f"{around}{letter}{separator}{body}{around}", radio=radio)
        assert summary(reading) == ("ford-m", "serial", "M" + digits, ford_m.radio_code("M" + digits), None)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(SCROLL_LINES), max_size=6), serials, st.sampled_from("MV"), st.data())
    def test_serial_inside_a_pasted_scroll(self, lines, digits, letter, data):
        """The serial is found wherever the scroll puts it; with an earlier serial, the last wins."""
        lines = list(lines)
        position = data.draw(st.integers(0, len(lines)))
        lines.insert(position, letter + digits)
        earlier = data.draw(st.booleans())
        if earlier and position > 0:
            lines.insert(0, "M000001")
        event("at the end" if position == len(lines) - 1 else "inside")
        event(f"{letter} serial")
        event(f"earlier serial {earlier and position > 0}")
        reading = radiocode.read("\n".join(lines))
        assert reading.radio == "ford-m" and reading.number_read == letter + digits
        if letter == "M":
            assert reading.code == ford_m.radio_code("M" + digits)
        else:
            assert reading.error.type == "not_computable" and reading.code is None

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(SCROLL_LINES), min_size=1, max_size=6))
    def test_scroll_without_a_serial_gives_no_ford_code(self, lines):
        """DPMV5H255, MV 50702000 and the rest never yield a serial by a partial match."""
        reading = radiocode.read(" ".join(lines))
        event(reading.error.type)
        assert reading.code is None  # nor a Renault precode read out of FDC200

    @settings(max_examples=300, deadline=None)
    @given(serials, st.data())
    def test_o_for_zero_typos(self, digits, data):
        """MO11936: each 0 typed as the letter O; the reading offered is the one with zeros."""
        zeros = [i for i, c in enumerate(digits) if c == "0"]
        if not zeros:
            digits = "0" + digits[1:]
            zeros = [0]
        chosen = data.draw(st.lists(st.sampled_from(zeros), min_size=1, unique=True))
        typed = "M" + "".join("O" if i in chosen else c for i, c in enumerate(digits))
        event(f"{len(chosen)} letter O")
        reading = radiocode.read(typed)
        assert (reading.number_read, reading.code, reading.corrected) == ("M" + digits, ford_m.radio_code("M" + digits), True)

    @settings(max_examples=300, deadline=None)
    @given(serials, st.sampled_from(list("0123456789ABCDEFXYZ")), st.sampled_from(["before", "after"]))
    def test_never_a_partial_match(self, digits, extra, where):
        """A serial glued to a digit before, or to a letter or digit after, is not that serial."""
        if where == "before" and not extra.isdigit():
            extra = "7"
        text = f"{extra}M{digits}" if where == "before" else f"M{digits}{extra}"
        reading = radiocode.read(text)
        if where == "after" and extra.isdigit() and digits[0] == "0":
            # M, a 0 and six digits: the documented 7-digit serial, read without its 0.
            event("seven digits with a leading 0")
            assert (reading.number_read, reading.corrected) == ("M" + digits[1:] + extra, True)
            return
        event(f"{where} {'digit' if extra.isdigit() else 'letter'}")
        assert reading.code is None or reading.radio != "ford-m"


@settings(max_examples=500, deadline=None)
@given(serials, st.sampled_from(["M", "m", "V", " M", "M "]))
def test_quick_read_is_read(digits, prefix):
    """batch's shortcut for typed serials answers as read() does, or stands aside."""
    text = prefix + digits
    quick = ford_m.quick_read(text)
    event("quick" if quick else "stands aside")
    reading = radiocode.read(text)
    if quick is not None:
        assert quick == (reading.code, reading.number_read, reading.kind)
    else:
        assert prefix not in ("M", "m")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(serials, st.sampled_from(["M", "m", "V", " M", "M ", ""])).map("".join), max_size=30))
def test_quick_reads_are_quick_read(texts):
    """batch reads a block's serials at once: the same answers, text by text."""
    assert ford_m.quick_reads(texts) == [ford_m.quick_read(text) for text in texts]


def test_every_branch_of_the_reader_is_met():
    """A counted run over the documented inputs: each kind of answer occurs."""
    rng = random.Random(12)
    texts = [f"M{rng.randrange(10**6):06d}" for _ in range(50)] + SCROLL_LINES + ["V123456", "MO11936", "M87042", "2063", "A123", "F4ZZ-6E086-A"]
    kinds = Counter(summary(radiocode.read(text))[1] for text in texts)
    assert {"serial", "ford_scroll_line", "ford_model_name", "ford_part_number", "invalid", "precode"} <= set(kinds)
    assert kinds["serial"] >= 52


class TestRecords:
    def test_ids_are_the_interface(self):
        assert list(radios.RADIOS) == ["renault", "ford-m", "fiat-visteon", "fiat-vp", "fiat-daiichi"]

    @pytest.mark.parametrize("radio_id", list(radios.RADIOS))
    def test_record_renders_and_cites_known_sources(self, radio_id):
        from radiocode.lockout import SOURCES as LOCKOUT_SOURCES
        from radiocode.radios.records import AGREEMENT, SOURCES

        radio = radios.RADIOS[radio_id]
        data = json.loads(json.dumps(radio.to_dict()))
        assert data["id"] == radio_id and data["evidence"]["summary"] and data["input"]["pattern"]
        known = set(SOURCES) | {source.name for source in LOCKOUT_SOURCES}
        claims = [*radio.where_to_find, *radio.lockout, *radio.vehicles, *radio.evidence.checks, *radio.evidence.caveats]
        claims += [side for d in radio.disagreements for side in d.sides]
        for claim in claims:
            assert claim.agreement in AGREEMENT
            assert set(claim.sources) <= known, claim
            assert claim.sources or claim.agreement in ("none", "one"), claim
        for vector in radio.evidence.vectors:
            assert set(vector.sources) <= known

    def test_ford_evidence_counts(self):
        """Ford M: 3 sets of Ford paperwork, 1 user-confirmed, helpers and vendor vectors (§7.1)."""
        assert radios.RADIOS["ford-m"].evidence.counts() == {"paperwork": 3, "user_confirmed": 1, "helper": 4, "vendor_test": 2, "refused_by_radio": 1}

    def test_ford_lockout_shows_the_disagreements(self):
        radio = radios.RADIOS["ford-m"]
        text = " ".join(str(c.text) for c in radio.lockout)
        assert "WAIT" in text and "30 minutes" in text and "LOCKED 10" in text and "LOCKED 13" in text
        sides = {str(d.topic): [str(s.text) for s in d.sides] for d in radio.disagreements}
        assert any("ten attempts" in side for side in sides["How many tries in all"])
        assert sides["How long to hold preset 6 for the LOCKED 10 reset"] == ["10 seconds.", "15 to 20 seconds."]

    def test_ford_entry_steps(self):
        steps = [str(step) for step in radios.RADIOS["ford-m"].default_variant.steps("8593")]
        assert steps == [
            "Switch the radio on. The display shows CODE.",
            "Press preset 1 until the first digit shows 8.",
            "Press preset 2 until the second digit shows 5.",
            "Press preset 3 until the third digit shows 9.",
            "Press preset 4 until the fourth digit shows 3.",
            "Press preset 5 to enter the code.",
        ]

    @pytest.mark.parametrize("radio_id", ["fiat-visteon", "fiat-vp", "fiat-daiichi"])
    def test_fiat_says_the_sources_do_not_say(self, radio_id):
        radio = radios.RADIOS[radio_id]
        assert not radio.default_variant.known
        assert [str(step) for step in radio.default_variant.steps("1341")] == ["The sources do not say how this radio takes the code. Follow what its display asks for."]
        assert all(claim.agreement == "none" for claim in radio.lockout)


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


class TestCli:
    def test_code_ford(self, run):
        result = run("code", "M140687")
        assert result.exit_code == 0
        assert result.stdout.startswith("Code: 8593\nThe serial M140687 gives the code 8593.\n\nHow to enter it (Presets 1 to 4 set the digits, preset 5 enters the code):\n")
        assert "How we know this code is right: Three sets of Ford's own paperwork" in result.stdout

    def test_code_fiat_vp(self, run):
        result = run("code", "2063", "--radio", "fiat-vp")
        assert result.exit_code == 0
        assert result.stdout.startswith("Code: 1341\n")
        assert "The sources do not say how this radio takes the code." in result.stdout

    def test_code_ford_json(self, run):
        data = json.loads(run("code", "M140687", "--json").stdout)
        assert (data["radio"], data["number"], data["code"], data["error"]) == ("ford-m", "M140687", "8593", None)
        assert data["entry_steps"][-1] == "Press preset 5 to enter the code."
        assert data["evidence"]["counts"]["paperwork"] == 3

    def test_v_serial_exit_1(self, run):
        result = run("code", "V123456")
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "Error: V serials have no public method to work out the code. A Ford dealer can give it to you "
            "(bring proof that the car is yours), or a paid decoding service.\n"
        )

    def test_ambiguous_exit_1_lists_each_radio(self, run):
        result = run("code", "2063", "--radio", "fiat")
        assert result.exit_code == 1
        assert "fiat-vp (Fiat / Alfa Romeo VP1 and VP2 by Continental): 1341\n" in result.stderr
        assert "fiat-daiichi (Fiat Daiichi (DAIICHI MOPAR)): 6398\n" in result.stderr
        data = json.loads(run("code", "2063", "--radio", "fiat", "--json").stdout)
        # The one error shape, as the API answers: the message names the radios to choose from.
        assert set(data) == {"error"} and data["error"]["type"] == "ambiguous_radio"
        assert "fiat-vp" in data["error"]["message"] and "fiat-daiichi" in data["error"]["message"]

    def test_four_digits_say_other_radios(self, run):
        result = run("code", "2063")
        assert result.exit_code == 0
        assert "2063 may also be the number of another radio, with another code. Give --radio to choose:\n" in result.stdout

    def test_unknown_radio_is_a_usage_error(self, run):
        result = run("code", "A123", "--radio", "toyota")
        assert result.exit_code == 1
        assert "There is no radio called toyota." in result.stderr

    def test_table_ford(self, run, tmp_path):
        target = tmp_path / "ford.csv"
        result = run("table", "--radio", "ford-m", "-o", str(target))
        assert result.exit_code == 0
        lines = target.read_text().splitlines()
        assert len(lines) == 1_000_001
        assert lines[:2] == ["serial,code", "M000000,1558"]
        assert "M140687,8593" in lines and lines[-1] == "M999999,4968"

    def test_table_fiat_vp(self, run):
        lines = run("table", "--radio", "fiat-vp").stdout.splitlines()
        assert len(lines) == 10_001 and lines[0] == "number,code" and "2063,1341" in lines

    def test_radios(self, run):
        result = run("radios")
        assert result.exit_code == 0
        for radio_id in radios.RADIOS:
            assert f"{radio_id}: " in result.stdout
        assert "3 paperwork, 1 user confirmed" in result.stdout
        assert result.stdout.endswith("Ford V serials: no public method. A Ford dealer or a paid decoding service gives the code.\n")
        data = json.loads(run("radios", "--json").stdout)
        assert [r["id"] for r in data] == list(radios.RADIOS)


class TestBatch:
    FLEET = (
        "vehicle,radio,number\n"
        "van 1,,A123\n"
        "van 2,ford,M140687\n"
        "van 3,fiat-vp,2063\n"
        "van 4,fiat,2063\n"
        "van 5,,V123456\n"
        "van 6,fiat-daiichi,0461\n"
        "van 7,stalk,S049\n"
    )

    def test_mixed_fleet_with_a_radio_column(self, run):
        result = run("batch", "-", input=self.FLEET)
        assert result.exit_code == 1
        rows = result.stdout.replace("\r", "").splitlines()
        assert rows[0] == "vehicle,radio,number,code,precode_read,kind,alternatives,error,radiocode_radio"
        assert rows[1] == "van 1,,A123,0086,A123,precode,,,renault"
        assert rows[2] == "van 2,ford,M140687,8593,M140687,serial,,,ford-m"
        assert rows[3] == "van 3,fiat-vp,2063,1341,2063,serial,,,fiat-vp"
        assert rows[4].startswith("van 4,fiat,2063,,,ambiguous,fiat-vp:2063=1341 fiat-daiichi:2063=6398,")
        assert rows[5].startswith("van 5,,V123456,,V123456,serial,,\"V serials have no public method")
        assert rows[6].startswith("van 6,fiat-daiichi,0461,,0461,invalid,,")
        assert rows[7] == "van 7,stalk,S049,7930,S049,precode,,,renault"
        assert result.stderr == "7 rows read from column 'number', 3 failed.\n"

    def test_radio_column_by_name_and_an_unknown_radio(self, run):
        """--radio-column names the column; a radio nobody knows fails that row, with the names to use."""
        result = run("batch", "-", "--radio-column", "unit", input="unit;code\nford;M140687\ntoyota;M140687\n")
        assert result.exit_code == 1
        rows = result.stdout.replace("\r", "").splitlines()
        assert rows[1] == "ford;M140687;8593;M140687;serial;;;ford-m"
        assert rows[2].startswith("toyota;M140687;;;invalid;;There is no radio called toyota. Choose one of: renault, ford-m")
        assert rows[2].endswith("alfa-romeo.;")  # and no radio in the radio column
        assert run("batch", "-", "--radio-column", "nope", input="unit;code\nford;M140687\n").stderr.startswith("Error: -: This file cannot be read as CSV: there is no column called nope.")

    @pytest.mark.parametrize("odd", ["-", "toyota", "fiat-vpp"])
    def test_a_radio_column_with_one_name_we_do_not_know(self, run, odd):
        """One radio cell nobody knows (a dash for none, another make, a typo) fails its own row;
        the column still names the others' radios: 2063 is read for the Fiat VP, never as Z063."""
        result = run("batch", "-", input=f"vehicle,radio,number\nv0,fiat-vp,2063\nv1,{odd},A123\nv2,fiat-daiichi,6461\nv3,,A123\n")
        rows = result.stdout.replace("\r", "").splitlines()
        assert rows[0].endswith(",radiocode_radio")
        assert rows[1] == "v0,fiat-vp,2063,1341,2063,serial,,,fiat-vp"
        assert rows[2].startswith(f"v1,{odd},A123,,,invalid,,\"There is no radio called {odd}.")
        assert rows[3] == "v2,fiat-daiichi,6461,8354,6461,serial,,,fiat-daiichi"
        assert rows[4] == "v3,,A123,0086,A123,precode,,,renault"
        assert result.exit_code == 1

    def test_a_make_column_with_no_radio_we_know_is_not_the_radio_column(self, run):
        """A fleet's makes, none of them a radio we know: the rows are read for the radio their number says."""
        result = run("batch", "-", input="vehicle,make,number\nv0,Nissan,A123\nv1,Opel,M140687\n")
        assert result.stdout.replace("\r", "").splitlines() == [
            "vehicle,make,number,code,precode_read,kind,alternatives,error", "v0,Nissan,A123,0086,A123,precode,,", "v1,Opel,M140687,8593,M140687,serial,,"
        ]

    def test_one_radio_for_all_rows(self, run):
        result = run("batch", "-", "--radio", "fiat-vp", input="number\n2063\n1234\n")
        assert result.exit_code == 0
        assert result.stdout.replace("\r", "").splitlines()[1:] == ["2063,1341,2063,serial,,,fiat-vp", "1234,4253,1234,serial,,,fiat-vp"]

    def test_without_radios_a_serial_is_still_read(self, run):
        result = run("batch", "-", input="precode\nA123\nM140687\n")
        assert result.stdout.replace("\r", "").splitlines() == [
            "precode,code,precode_read,kind,alternatives,error", "A123,0086,A123,precode,,", "M140687,8593,M140687,serial,,"
        ]

    def test_many_rows_take_the_fast_paths(self, run):
        rng = random.Random(3)
        lines = ["radio,number"]
        expected = []
        for _ in range(3_000):
            if rng.random() < 0.5:
                serial = f"M{rng.randrange(10**6):06d}"
                lines.append(f",{serial}")
                expected.append(ford_m.radio_code(serial))
            else:
                number = f"{rng.randrange(10_000):04d}"
                lines.append(f"fiat-vp,{number}")
                expected.append(radios.module("fiat-vp").radio_code(number))
        result = run("batch", "-", input="\n".join(lines) + "\n")
        assert result.exit_code == 0
        assert [row.split(",")[2] for row in result.stdout.replace("\r", "").splitlines()[1:]] == expected


def _expected_added(cell, radio_cell, default=None):
    """The cells batch adds for one row, straight from radiocode.read: never from batch's code."""
    if not cell.strip():
        return ["", "", "empty", "", "Nothing to read: the precode cell of this row is empty.", ""]
    reading = radiocode.read(cell, radio_cell.strip() or default)
    alternatives = " ".join([f"{c.precode}={c.code}" for c in reading.alternatives] + [f"{r.radio}:{r.number_read}={r.code or ''}" for r in reading.by_radio])
    return [reading.code or "", reading.number_read or "", reading.kind, alternatives, "" if reading.ok else reading.message(), reading.radio or ""]


def _mixed_fleet(rng, rows):
    """(radio cell, number cell) pairs of every kind a mixed fleet holds, many of them repeated."""
    letters = string.ascii_uppercase + "l"
    pairs = []
    for _ in range(rows):
        roll = rng.random()
        precode = rng.choice(letters) + f"{rng.randrange(1000):03d}"
        if roll < 0.3:
            pair = ("", rng.choice([precode, precode.lower(), f"{precode[0]} {precode[1:]}", f"{precode[0]}-{precode[1:]}", f" {precode} "]))
        elif roll < 0.4:
            pair = ("", f"2811{rng.randrange(10**5):05d}RT {precode}")
        elif roll < 0.55:
            pair = (rng.choice(["", "", "ford", "ford-m", "Ford", " ford-m "]), rng.choice(["M", "m", "V", "M ", "MO"]) + f"{rng.randrange(10**6):06d}")
        elif roll < 0.75:
            radio = rng.choice(["fiat-vp", "fiat-daiichi", "fiat", "Alfa Romeo", "", "toyota", " "])
            pair = (radio, rng.choice([f"{rng.randrange(10**4):04d}", f"{rng.randrange(10**3):03d}", "２０６３", "20 63", f"{rng.randrange(10**8):08d}"]))
        elif roll < 0.85:
            pair = (rng.choice(["fiat-visteon", ""]), f"{rng.randrange(10**6):06d}")
        elif roll < 0.92:
            pair = (rng.choice(["stalk", "renault", "preset6", ""]), precode)
        else:
            pair = (rng.choice(["", "ford"]), rng.choice(["", " ", "FDC200", "ACU CFG 820208", "DPMV5H255", "7700 434 436", "O818", "hello", "6000CD", "M87042", "V123456"]))
        pairs.append(pair)
    return pairs


@pytest.mark.parametrize("quoted", [False, True])
def test_mixed_fleet_is_row_by_row_read(monkeypatch, quoted):
    """A mixed fleet (every family, named by id, make, old family name or not at all; bad
    rows) gives exactly the bytes of writing each row's radiocode.read() answer: through
    the caches (kept small here, so that they fill), the quick readers and both block paths."""
    import csv
    import io

    from radiocode import batch

    monkeypatch.setattr(batch, "_CACHE_LIMIT", 300)
    monkeypatch.setattr(batch, "_CHUNK", 4096)
    pairs = _mixed_fleet(random.Random(2026), 6_000)
    source = io.StringIO(newline="")
    csv.writer(source, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL).writerows(
        [["vehicle", "radio", "number"], *([f"V{n}", radio, cell] for n, (radio, cell) in enumerate(pairs))]
    )
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(["vehicle", "radio", "number", "code", "precode_read", "kind", "alternatives", "error", "radiocode_radio"])
    failed = 0
    for n, (radio, cell) in enumerate(pairs):
        added = _expected_added(cell, radio)
        failed += bool(added[4])
        writer.writerow([f"V{n}", radio, cell, *added])
    target = io.StringIO(newline="")
    source.seek(0)
    # A radio no one knows (toyota) is among the rows: the column is named.
    summary = batch.annotate(source, target, radio_column="radio")
    got, want = target.getvalue().split("\r\n"), expected.getvalue().split("\r\n")
    if quoted:
        # The input rows come back as they were written (quoted); the added cells as csv writes them.
        got_rows = list(csv.reader(io.StringIO(target.getvalue(), newline="")))
        want_rows = list(csv.reader(io.StringIO(expected.getvalue(), newline="")))
        assert got_rows == want_rows
    else:
        assert got == want
    assert (summary.rows, summary.failed) == (len(pairs), failed)


@pytest.mark.parametrize("number_last", [True, False])
def test_mixed_fleet_rows_short_or_long(number_last):
    """A row of a mixed fleet that stops before its number (padded, read as empty) or has a cell
    more (kept): each block of plain lines still lines its added cells up under their names."""
    import csv
    import io

    from radiocode import batch

    header = ["vehicle", "radio", "number"] if number_last else ["vehicle", "number", "radio"]
    rows = [[f"V{n}", "", f"A{n % 900 + 100:03d}"] for n in range(300)] + [["V300", "ford"], ["V301", "ford-m", "M140687", "spare"], ["V302", "", "M140687"]]
    if not number_last:
        rows = [[row[0], *row[2:3], *row[1:2], *row[3:]] for row in rows]
    source = "\r\n".join(",".join(row) for row in [header, *rows]) + "\r\n"
    target = io.StringIO(newline="")
    batch.annotate(io.StringIO(source, newline=""), target)
    got = list(csv.reader(io.StringIO(target.getvalue(), newline="")))
    number, radio = header.index("number"), header.index("radio")
    for row, written in zip(rows, got[1:], strict=True):
        cells = row + [""] * (3 - len(row))
        assert written == cells + _expected_added(cells[number], cells[radio]), row
    # The long row keeps its fourth cell, and its added cells come after it; the short row is padded.
    assert got[302][3:6] == ["spare", "8593", "M140687"] and got[303][3:5] == ["8593", "M140687"]
    # "V300,ford": with the number last, a row with no number; with it first, "ford" typed as the number.
    assert got[301][3:6] == (["", "", "empty"] if number_last else ["", "", "invalid"])


# Radio cells that keys would read as empty (dashes and dots are dropped from keys), or
# that are spaces only; and cells typed with what keys drop or fold, a line too long.
_DROPPED_RADIOS = ["-", ".", " - ", "-.", " ", "  "]
_KEYED_CELLS = ["A123", "a-123", "b 456", "C.789", "l123", " D 012 ", "M140687", "281150198RT A583", "0818", "hello"]


@pytest.mark.parametrize("radio_column", [True, False])
@pytest.mark.parametrize("dropped", [None, *_DROPPED_RADIOS])
def test_typed_precodes_found_by_key_in_plain_blocks(monkeypatch, radio_column, dropped):
    """A plain block whose number is the last column (after the radio column, or alone) is
    looked up by its lines' translated bytes: each row still gives read()'s answer. A radio
    cell that keys would read as empty (a dash) keeps its own answer, and so does a cell
    longer than read() takes, whose key looks typed."""
    import csv
    import io

    from radiocode import batch

    monkeypatch.setattr(batch, "_HEAD", 4096)
    monkeypatch.setattr(batch, "_CHUNK", 2048)
    rng = random.Random(7)
    rows = []
    for n in range(3_000):
        radio = "fiat-vp" if n % 11 == 0 else ""
        cell = "2063" if radio else rng.choice(_KEYED_CELLS) if n % 3 else f"{rng.choice('ABCDEFGHIJKl')}{n % 1000:03d}"
        if dropped is not None and n % 500 == 250:
            radio = dropped
        if n == 1_000:
            # One character over the limit, with the characters keys drop spread as thin as
            # they go: its key (A123) looks typed, and read() refuses it.
            cell = "-" * 100 + "a" + " " * 100 + "1" + "." * 99 + "2" + " " * 99 + "3" + "-" * 99
            assert len(cell) == MAX_INPUT_LENGTH + 1
        rows.append([f"V{n}", radio, cell] if radio_column else [f"V{n}", cell])
    header = ["vehicle", "radio", "number"] if radio_column else ["vehicle", "number"]
    source = "\r\n".join(",".join(row) for row in [header, *rows]) + "\r\n"
    target = io.StringIO(newline="")
    with keyed_blocks() as calls:
        summary = batch.annotate(io.StringIO(source, newline=""), target, radio_column="radio" if radio_column else None)
    got = list(csv.reader(io.StringIO(target.getvalue(), newline="")))
    failed = 0
    for row, written in zip(rows, got[1:], strict=True):
        added = _expected_added(row[-1], row[1] if radio_column else "")
        added = added if radio_column else added[:5]
        failed += bool(added[4])
        assert written == row + added, row
    assert (summary.rows, summary.failed) == (len(rows), failed)
    # Blocks were found by key, and a block with a dropped radio cell was not.
    assert any(calls)
    if dropped is not None and radio_column and dropped.strip():
        assert not all(calls)


@pytest.mark.parametrize("radio_id", ["fiat-vp", "fiat-daiichi", "fiat-visteon", "ford-m"])
def test_known_quick_reader_is_read_for_that_radio(radio_id):
    """batch's shortcut for rows that name their radio: on every input of the family and
    its near misses, it answers as read(text, radio) does, or stands aside."""
    quick = radios.KNOWN_QUICK_READERS[radio_id]
    length = radios.RADIOS[radio_id].input_rule.length
    digits = length - 1 if radio_id == "ford-m" else length
    step = 1 if digits == 4 else 97
    prefix = "M" if radio_id == "ford-m" else ""
    texts = [f"{prefix}{n:0{digits}d}" for n in range(0, 10**digits, step)]
    texts += [" 2063", "2063 ", "206", "20630", "２０６３", "m123456", "M12345", "V123456", "123456\n", "0461"]
    for text in texts:
        found = quick(text)
        reading = radiocode.read(text, radio_id)
        if found is not None:
            assert reading.ok and found == (reading.code, reading.number_read, reading.kind), text
        else:
            # It stands aside only where the number is not typed exactly as the family writes it.
            assert not (reading.ok and reading.number_read == text), text
