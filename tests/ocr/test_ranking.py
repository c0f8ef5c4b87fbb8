"""How OCR lines become one reading: rows, confidence, ambiguities, the precode's box.

These feed made-up engine output to the step after the OCR, so they run
without the engine.
"""

from radiocode.ocr import TextLine, _photo_reading


def line(text, confidence=0.99, x=100, y=100, width=300, height=40):
    return TextLine(text, confidence, [(x, y), (x + width, y), (x + width, y + height), (x, y + height)])


def reading_of(*lines):
    return _photo_reading(list(lines), 1200, 900)


def test_lost_space_is_read_as_on_the_label():
    result = reading_of(line("RENAULT", y=50), line("281150198RTA583", y=150), line("7700 434 436", y=250))
    assert result.reading.precode == "A583"
    assert result.precode_box == line("281150198RTA583", y=150).box


def test_keyword_read_with_a_zero():
    result = reading_of(line("PRE C0DE: T728", y=150), line("8200 057 676", y=250))
    assert result.reading.precode == "T728"


def test_row_split_into_two_boxes_is_joined():
    serial = line("7 649 190 391 28 115 9243RT", x=50, y=300, width=500)
    precode = line("S049", x=570, y=302, width=90)
    result = reading_of(line("BLAUPUNKT", y=100), serial, precode)
    assert result.reading.precode == "S049"
    assert result.precode_box == precode.box


def test_keyword_and_precode_in_separate_boxes_of_one_row():
    keyword = line("SECURITY", x=50, y=300, width=200)
    precode = line("V188", x=270, y=305, width=90)
    result = reading_of(precode, keyword)  # the engine's order is not the label's
    assert result.reading.precode == "V188"
    assert result.precode_box == precode.box


def test_slanted_row_is_still_one_row():
    # Rotated 12 degrees: the second box sits lower on the image, on the same text line.
    serial = TextLine("281150198RT", 0.98, [(100, 300), (400, 236), (408, 275), (108, 339)])
    precode = TextLine("A583", 0.97, [(420, 232), (520, 211), (528, 250), (428, 271)])
    result = reading_of(line("RENAULT", y=100, x=80), serial, precode, line("7700 434 436", y=420))
    assert result.reading.precode == "A583"
    assert result.precode_box == precode.box


def test_surer_line_ranks_first_and_the_other_stays_an_alternative():
    # Two lines that the label rules rank alike: OCR confidence decides the order.
    result = reading_of(line("B456", 0.97, y=100), line("C789", 0.71, y=300))
    assert result.reading.precode == "B456"
    assert "C789" in [c.precode for c in result.reading.alternatives]
    result = reading_of(line("B456", 0.71, y=100), line("C789", 0.97, y=300))
    assert result.reading.precode == "C789"
    assert "B456" in [c.precode for c in result.reading.alternatives]


def test_label_rules_outrank_confidence():
    # A precode after RT is the label's precode even if a stray token is read more surely.
    result = reading_of(line("K123", 0.99, y=100), line("281150198RT A583", 0.8, y=300))
    assert result.reading.precode == "A583"


def test_look_alike_letters_stay_alternatives():
    result = reading_of(line("281150198RT 0818", y=200))
    assert result.reading.precode == "O818"
    assert [c.precode for c in result.reading.alternatives] == ["Q818", "D818"]
    assert result.reading.to_dict()["alternatives"]


def test_doubtful_lines_are_read_when_nothing_surer_holds_a_precode():
    result = reading_of(line("RENAULT", 0.99, y=50), line("281150198RT A583", 0.45, y=150))
    assert result.reading.precode == "A583"


def test_doubtful_lines_do_not_outvote_sure_ones():
    result = reading_of(line("281150198RT A583", 0.95, y=150), line("RT I111", 0.4, y=300))
    assert result.reading.precode == "A583"
    assert "I111" not in [c.precode for c in result.reading.candidates]


def test_part_number_alone_says_what_it_is():
    result = reading_of(line("8200 057 676", y=100))
    assert result.reading.error.type == "not_a_precode"
    assert result.precode_box is None


def test_nothing_read():
    result = reading_of()
    assert result.reading.precode is None
    assert result.lines == []


def test_very_long_text_keeps_the_surest_lines():
    filler = [line("LOREM IPSUM DOLOR SIT AMET " * 3, 0.9, y=50 * i) for i in range(10)]
    result = reading_of(*filler, line("281150198RT A583", 0.99, y=600))
    assert result.reading.precode == "A583"


def test_two_precodes_on_one_label_say_why_and_never_point_at_the_other():
    # Issue 10: "PRE CODE T728" and a serial ending in S049. T728 is chosen as the label names it;
    # the advice must not be "the precode is usually after a T", which points at S049.
    keyword = line("PRE CODE T728", y=150)
    serial = line("7 649 190 391 28 115 9243RT S049", y=300, width=600)
    result = reading_of(line("RENAULT", y=50), keyword, serial)
    message = result.reading.message()
    assert result.reading.precode == "T728"
    assert "We chose T728 because the label names it" in message
    assert "after a T" not in message
    assert "look alike" not in message
    assert [(c["precode"], c["chosen"], c["box"]) for c in result.candidates] == [
        ("T728", True, [list(p) for p in keyword.box]),
        ("S049", False, [list(p) for p in serial.box]),
    ]
    assert result.to_dict()["candidates"] == result.candidates


def test_precode_after_t_keeps_its_advice_and_the_other_candidate():
    result = reading_of(line("K123", y=100), line("281150198RT A583", y=300))
    assert result.reading.precode == "A583"
    assert "after a T" in result.reading.message()
    assert [c["precode"] for c in result.candidates] == ["A583", "K123"]


def test_look_alikes_share_the_line_they_were_read_on():
    result = reading_of(line("281150198RT 0818", y=200))
    assert [c["precode"] for c in result.candidates] == ["O818", "Q818", "D818"]
    assert len({str(c["box"]) for c in result.candidates}) == 1
