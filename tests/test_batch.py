"""radiocode batch: CSV in, CSV out, one bad row never stops the run."""

import csv
import functools
import io
import random
import string

import pytest
from batch_spy import keyed_blocks
from click.testing import CliRunner
from hypothesis import event, given, settings
from hypothesis import strategies as st

import radiocode
from radiocode import batch
from radiocode.batch import ADDED_COLUMNS, annotate
from radiocode.cli import main
from radiocode.reading import MAX_INPUT_LENGTH, read, reading_key


def run_batch(*args, input=None):
    return CliRunner().invoke(main, ["batch", *args], input=input, catch_exceptions=False)


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_mix_of_good_bad_and_empty_rows(tmp_path):
    source = tmp_path / "fleet.csv"
    source.write_text(
        "vehicle,reg,precode\n"
        "van 1,AB-123-CD,A123\n"
        "van 2,EF-456-GH,a012\n"
        "van 3,IJ-789-KL,\n"
        "\n"
        "truck,MN-012-OP,281150198RT A583\n"
        "car,QR-345-ST,0818\n"
        "car 2,UV-678-WX,7700 434 436\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = run_batch(str(source), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == "7 rows read from column 'precode', 4 failed.\n"
    table = rows(out.read_text(encoding="utf-8"))
    assert table[0] == ["vehicle", "reg", "precode", "code", "precode_read", "kind", "alternatives", "error"]
    assert table[1] == ["van 1", "AB-123-CD", "A123", "0086", "A123", "precode", "", ""]
    assert table[2][:6] == ["van 2", "EF-456-GH", "a012", "", "", "invalid"]
    assert "A000 to A099 do not exist" in table[2][7]
    assert table[3][:6] == ["van 3", "IJ-789-KL", "", "", "", "empty"]
    assert table[4][:3] == ["", "", ""] and table[4][5] == "empty"
    assert table[5][:6] == ["truck", "MN-012-OP", "281150198RT A583", "0461", "A583", "label"]
    # Four digits: the look-alike precodes, then each radio that reads them otherwise (no code: 0818 is no Daiichi number).
    assert table[6][3:7] == ["1126", "O818", "precode", "Q818=9120 D818=3129 fiat-vp:0818=2111 fiat-daiichi:0818="]
    assert table[7][5] == "renault_part_number" and table[7][3] == ""
    assert len(table) == 8
    assert all(len(row) == 8 for row in table)


def test_stdin_to_stdout_without_header_all_good():
    result = run_batch("-", input="A123\nS053\nZ999\n")
    assert result.exit_code == 0
    assert rows(result.stdout) == [
        ["A123", "0086", "A123", "precode", "", ""],
        ["S053", "7913", "S053", "precode", "", ""],
        ["Z999", "0060", "Z999", "precode", "", ""],
    ]
    assert result.stderr == "3 rows read from column 'column 1', 0 failed.\n"


def test_column_found_by_content_with_semicolons():
    result = run_batch("-", input="id;notes;radio\n1;blue van;B456\n2;white;C789\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id;notes;radio;code;precode_read;kind;alternatives;error",
        "1;blue van;B456;0709;B456;precode;;",
        "2;white;C789;1621;C789;precode;;",
    ]


def test_named_column_and_clashing_names():
    result = run_batch("-", "--column", "Label", input="label,code\n281150198RT A583,old\n")
    assert result.exit_code == 0
    assert rows(result.stdout)[0] == ["label", "code", "radiocode_code", "precode_read", "kind", "alternatives", "error"]
    assert rows(result.stdout)[1][:3] == ["281150198RT A583", "old", "0461"]


def test_latin1_with_encoding_option():
    data = "véhicule,precode\nCamion à benne,S049\n".encode("latin-1")
    result = CliRunner().invoke(main, ["batch", "-", "--encoding", "latin-1"], input=data)
    assert result.exit_code == 0
    assert rows(result.stdout)[1] == ["Camion à benne", "S049", "7930", "S049", "precode", "", ""]


@pytest.mark.parametrize("cut", range(-2, 3))
def test_crlf_file_cut_between_cr_and_lf(tmp_path, cut):
    """A Windows file longer than the sniffed head keeps every row, wherever the head ends."""
    header = "vehicle,precode\r\n"
    # The second row's \r is the head's last character when cut is 0 (65,536 characters are sniffed).
    padding = "y" * (65_535 + cut - len(header) - len("pad,A123"))
    text = header + "pad" + padding + ",A123\r\n" + "van,S053\r\n" * 50
    source = tmp_path / "windows.csv"
    source.write_bytes(text.encode())
    out = tmp_path / "out.csv"
    result = run_batch(str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    table = rows(out.read_text(encoding="utf-8"))
    assert [row[2] for row in table[1:]] == ["0086"] + ["7913"] * 50


def test_form_feed_and_line_separator_stay_inside_their_cell():
    """Only \\r and \\n end a CSV row; \\f or U+2028 inside a cell do not split it."""
    result = run_batch("-", input="vehicle,precode\nvan\x0cblue,A123\nvan\u2028red,S053\n")
    assert result.exit_code == 0, result.stderr
    assert rows(result.stdout)[1:] == [
        ["van\x0cblue", "A123", "0086", "A123", "precode", "", ""],
        ["van\u2028red", "S053", "7913", "S053", "precode", "", ""],
    ]


def test_rows_copied_as_text_equal_what_csv_writes(tmp_path):
    """The fast path (unquoted lines copied as text) writes what csv.writer would, row for row."""
    cells = ["A123", "a-123", "0818", "", "A012", "281150198RT A583", "7700 434 436", "l123", "hello", "S 053"]
    lines = ["id,precode,extra"] + [f"{n},{cells[n % len(cells)]},{n % 3}" for n in range(400)] + ["short"]
    result = run_batch("-", input="\n".join(lines) + "\n")
    written = rows(result.stdout)
    assert written[0] == ["id", "precode", "extra", *ADDED_COLUMNS]
    for number, row in enumerate(written[1:401]):
        cell = cells[number % len(cells)]
        assert row == [str(number), cell, str(number % 3), *expected_cells(cell)]
    assert written[401][:3] == ["short", "", ""] and written[401][5] == "empty"
    failed = sum(1 for row in written[1:] if row[7])
    assert result.stderr == f"401 rows read from column 'precode', {failed} failed.\n"


def expected_cells(cell):
    """The added cells for one cell, straight from radiocode.read()."""
    return list(_radio_cells(cell))


@pytest.mark.parametrize("letter", [*string.ascii_uppercase, "l"])
def test_every_reading_key_gives_the_cells_read_gives(letter):
    """batch writes the cells of a reading key without reading it: for every key there is, they are read()'s."""
    for number in range(1000):
        for text in (f"{letter}{number:03d}", f"281150198RT {letter}{number:03d}"):
            key = reading_key(text)
            cells = batch._key_cells(key) if key is not None else None
            if cells is None:  # A000 to A099: batch reads those cells one by one
                assert (letter, number // 100) == ("A", 0) and not read(text).ok, text
            else:
                assert list(cells) == expected_cells(text), text


def _messy_fleet(rows, seed, line_end):
    """Rows of every kind batch meets, some quoted across lines, some short, in random order;
    `line_end` ends every line ("mixed": any of the three, line by line)."""
    rng = random.Random(seed)
    ends = [line_end] if line_end in ("\n", "\r\n", "\r") else ["\n", "\r\n", "\r"]
    cells = [
        "A123", "a-123", "b 456", "l123", "0818", "", "   ", "A012", "281150198RT A583", "281150199RT o818",
        "7700 434 436", "BP0490", "hello", "S 053", "Ａ１２３", "\u0131123", "A\u2028123",
    ]  # fmt: skip
    too_long = ["A" * (MAX_INPUT_LENGTH + 1), " " * MAX_INPUT_LENGTH + "A123"]
    text = "id,precode,note"
    for number in range(rows):
        end = rng.choice(ends)
        roll = rng.random()
        cell = rng.choice(cells) if roll < 0.9 else rng.choice(too_long) if roll < 0.903 else f"{rng.choice('BCDEFG')}{rng.randrange(1000):03d}"
        if roll < 0.01:
            text += f'{end}{number},"{cell}","two{end}lines, and a comma"'
        elif roll < 0.02:
            text += f'{end}{number},"{cell}{end}","two{end}lines"'
        elif roll < 0.03:
            text += f"{end}{number},{cell}"  # short
        elif roll < 0.035:
            text += end
        else:
            text += f"{end}{number},{cell},n{number % 7}"
    # A quote that is never closed, on the last line: csv reads it as closed there.
    return text + rng.choice(ends) + rng.choice(['', 'x,"A123', 'x,"A123\n', 'x,"\n'])


def assert_written_as_csv_would_write_it(text):
    """Every row of `text` (a _messy_fleet) comes out as csv.writer writes it, with read()'s cells added."""
    out = io.StringIO(newline="")
    summary = annotate(io.StringIO(text, newline=""), out)
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    writer.writerow(records[0] + list(ADDED_COLUMNS))
    for record in records[1:]:
        cell = record[1] if len(record) > 1 else ""
        writer.writerow(record + [""] * (3 - len(record)) + expected_cells(cell))
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == list(csv.reader(io.StringIO(expected.getvalue(), newline="")))
    assert summary.rows == len(records) - 1
    assert summary.failed == sum(1 for record in records[1:] if expected_cells(record[1] if len(record) > 1 else "")[4])


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("chunk", [97, 4_096, batch._CHUNK])
def test_written_as_csv_would_write_it(monkeypatch, line_end, chunk):
    """Whatever the line ends, quotes and short rows, and wherever a chunk ends, every row
    comes out as csv.writer writes it with read()'s cells added."""
    monkeypatch.setattr(batch, "_CHUNK", chunk)
    assert_written_as_csv_would_write_it(_messy_fleet(3_000 if chunk < batch._CHUNK else 25_000, seed=chunk, line_end=line_end))


@given(st.integers(500, 5_000), st.integers(1, 5_000), st.integers(0, 10**6), st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
@settings(max_examples=150, deadline=None)
def test_written_as_csv_would_write_it_for_any_head_and_chunk(head, chunk, seed, line_end):
    sizes = batch._HEAD, batch._CHUNK
    batch._HEAD, batch._CHUNK = head, chunk
    try:
        assert_written_as_csv_would_write_it(_messy_fleet(1_000, seed=seed, line_end=line_end))
    finally:
        batch._HEAD, batch._CHUNK = sizes


_ANY_CELL = st.one_of(
    st.sampled_from(["A123", "a-123", "l123", "281150198RT A583", "0818", "", "A012", "hello", "7700 434 436"]),
    st.text('AaBlOT0123 -."\r\n,;|\t', max_size=8),
)
_ANY_LINE = st.tuples(st.lists(_ANY_CELL, max_size=4), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))


@given(st.lists(_ANY_LINE, min_size=10, max_size=300), st.floats(0.02, 1.0), st.floats(0.001, 1.0))
@settings(max_examples=300, deadline=None)
def test_any_rows_come_out_as_csv_reads_them(lines, head_share, chunk_share):
    """Rows of any cells, written by csv.writer or joined by hand (stray quotes, line ends
    inside cells and all): batch writes every record csv reads, in the sniffed dialect,
    with read()'s cells added, or says which line it cannot read."""
    text = "id,precode,note\n"
    for cells, by_hand, end in lines:
        if by_hand:
            text += ",".join(cells) + end
        else:
            line = io.StringIO(newline="")
            csv.writer(line, lineterminator=end).writerow(cells)
            text += line.getvalue()
    head, chunk = max(20, int(len(text) * head_share)), max(1, int(len(text) * chunk_share))
    sizes = batch._HEAD, batch._CHUNK
    batch._HEAD, batch._CHUNK = head, chunk
    try:
        dialect = batch._sniff(text[:head])
        out = io.StringIO(newline="")
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), dialect))
        except csv.Error:
            event("csv cannot read it")
            with pytest.raises(batch.BatchError):
                annotate(io.StringIO(text, newline=""), out, column="precode")
            return
        names = [cell.strip().casefold() for cell in records[0]]
        if "precode" not in names:
            event("another delimiter")
            with pytest.raises(batch.BatchError, match="no column called precode"):
                annotate(io.StringIO(text, newline=""), out, column="precode")
            return
        summary = annotate(io.StringIO(text, newline=""), out, column="precode")
        event(f"annotated, {'more' if len(text) > head else 'less'} than the head")
    finally:
        batch._HEAD, batch._CHUNK = sizes
    index = names.index("precode")
    width = max(len(record) for record in records[:201])
    taken = set(records[0])
    expected = [records[0] + [""] * (width - len(records[0])) + [n if n not in taken else "radiocode_" + n for n in ADDED_COLUMNS]]
    for record in records[1:]:
        record = record + [""] * (width - len(record))
        expected.append(record + expected_cells(record[index]))
    written = io.StringIO(newline="")
    csv.writer(written, dialect).writerows(expected)
    def reparse(text):
        return list(csv.reader(io.StringIO(text, newline=""), dialect))

    assert reparse(out.getvalue()) == reparse(written.getvalue())
    assert (summary.rows, summary.failed) == (len(records) - 1, sum(1 for row in expected[1:] if row[-1]))


@functools.cache
def _radio_cells(cell):
    """The added cells for one cell of a fleet that names no radio, straight from radiocode.read."""
    if not cell.strip():
        return ("", "", "empty", "", "Nothing to read: the precode cell of this row is empty.")
    reading = radiocode.read(cell)
    alternatives = " ".join([f"{c.precode}={c.code}" for c in reading.alternatives] + [f"{r.radio}:{r.number_read}={r.code or ''}" for r in reading.by_radio])
    return (reading.code or "", reading.number_read or "", reading.kind, alternatives, "" if reading.ok else reading.message())


# Cells a key reads (spellings of typed precodes, barcode lines) and cells it must not,
# with what keys drop (space, dash, dot) before, after and around them.
_KEYED_CELL = st.one_of(
    st.sampled_from(["A123", "a-123", "b 456", "l123", "L123", "281150198RT A583", "0818", "A012", "M140687", "", "hello"]),
    st.text("AaBlOT0123 -.", max_size=8),
    st.tuples(st.text(" -.", max_size=3), st.sampled_from(["A123", "q420"]), st.text(" -.", max_size=3)).map("".join),
)


@given(st.lists(st.tuples(st.text("ab-. ", max_size=4), _KEYED_CELL, st.sampled_from(["", "", "", ",x", ",,"])), min_size=210, max_size=600), st.integers(16, 2_000))
@settings(max_examples=100, deadline=None)
def test_precode_cell_last_is_looked_up_by_key(rows, chunk):
    """With the precode cell last, plain blocks are looked up by their lines' bytes: every
    row still gets read()'s cells, whatever else its line holds (commas, spaces and dashes
    in the other cells, a cell more or less than the header's)."""
    sizes = batch._HEAD, batch._CHUNK
    batch._HEAD, batch._CHUNK = 64, chunk
    # More cells than the header only after the 200 rows that set the width.
    text = "id,note,precode\n" + "".join(f"{n},{note},{cell}{more if n > 200 else ''}\n" for n, (note, cell, more) in enumerate(rows))
    out = io.StringIO(newline="")
    try:
        with keyed_blocks() as keyed:
            summary = annotate(io.StringIO(text, newline=""), out)
    finally:
        batch._HEAD, batch._CHUNK = sizes
    records = list(csv.reader(io.StringIO(text, newline="")))
    width = max(len(record) for record in records[:201])
    expected = []
    for record in records[1:]:
        record = record + [""] * (width - len(record))
        expected.append(record + list(_radio_cells(record[2])))
    assert list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:] == expected
    assert (summary.rows, summary.failed) == (len(rows), sum(1 for row in expected if row[-1]))
    event("some rows found by key" if any(keyed) else "none found by key")


def test_a_quote_inside_a_cell_after_a_head_without_doubled_quotes():
    """The sniffer reads "no doubled quotes" from the head; a later cell with a quote is written all the same."""
    lines = ["id,precode,note"] + [f'{n},"A123","x"' for n in range(300)] + ['300,A123,12" wheel']
    lines[100] = '99,A123,12" wheel'  # in the sample, which csv.writer writes
    result = run_batch("-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    table = rows(result.stdout)
    assert table[100][:4] == ["99", "A123", '12" wheel', "0086"]
    assert table[301][:4] == ["300", "A123", '12" wheel', "0086"]
    assert len(table) == 302


def test_precode_column_right_of_the_header():
    """Found by content in a column the header does not name: the header is padded so the
    added columns line up, and a row too short to reach the precode cell is empty."""
    lines = ["a,b"] + [f"x{n},y{n},B{n % 1000:03d}" for n in range(300)] + ["short,row", "x,y,C123"]
    result = run_batch("-", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    table = rows(result.stdout)
    assert table[0] == ["a", "b", "", *ADDED_COLUMNS]
    assert table[1] == ["x0", "y0", "B000", read("B000").code, "B000", "precode", "", ""]
    assert table[301][:6] == ["short", "row", "", "", "", "empty"]
    assert table[302][:5] == ["x", "y", "C123", read("C123").code, "C123"]
    assert {len(row) for row in table} == {8}
    assert result.stderr == "302 rows read from column 'column 3', 1 failed.\n"


class TestBadFiles:
    def test_not_utf8(self):
        """A latin-1 file read as UTF-8 says how to fix it."""
        result = CliRunner().invoke(main, ["batch", "-"], input="véhicule,precode\nx,A123\n".encode("latin-1"))
        assert result.exit_code == 1
        assert result.stderr == (
            "Error: - is not utf-8-sig text (byte 0xe9 at position 1). Save it as 'CSV UTF-8' from your "
            "spreadsheet, or give its encoding, e.g. --encoding latin-1.\n"
        )

    def test_binary(self):
        """A binary file is named as not CSV."""
        result = CliRunner().invoke(main, ["batch", "-"], input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: -: This file cannot be read as CSV: it contains binary data.")

    def test_empty_file(self):
        """An empty file says what to give."""
        result = run_batch("-", input="")
        assert result.exit_code == 1
        assert result.stderr == "Error: -: This file cannot be read as CSV: it is empty. Give a CSV file with one precode or label text per row.\n"

    def test_unknown_column(self):
        """--column names the columns that exist."""
        result = run_batch("-", "--column", "nope", input="a,b\n1,2\n")
        assert result.exit_code == 1
        assert "there is no column called nope. The columns are: a, b" in result.stderr

    def test_unknown_encoding(self):
        """A made-up encoding is named."""
        result = run_batch("-", "--encoding", "klingon", input="a\n")
        assert result.exit_code == 1
        assert result.stderr == "Error: Unknown encoding 'klingon'. Try utf-8, latin-1 or cp1252.\n"

    @pytest.mark.parametrize("row", [102, 4_001])
    def test_quote_never_closed(self, tmp_path, row):
        """A stray quote swallows the rest of the file: the message names the line where it opens."""
        lines = ["vehicle,precode"] + [f"van {n},A123" for n in range(5_000)] + [f"truck {n},B456" for n in range(20_000)]
        lines[row - 1] = 'van,"A123'
        source = tmp_path / "stray.csv"
        source.write_text("\n".join(lines) + "\n")
        result = run_batch(str(source), "-o", str(tmp_path / "out.csv"))
        assert result.exit_code == 1
        assert result.stderr == f"Error: {source}: This file cannot be read as CSV: line {row}: field larger than field limit (131072)\n"

    @pytest.mark.parametrize("cell", ["\x00A123"])
    def test_nul_inside(self, cell):
        """NUL bytes are binary data, not a crash."""
        result = run_batch("-", input=f"precode\n{cell}\n")
        assert result.exit_code == 1
        assert "binary data" in result.stderr


def _fleet(path, rows):
    with path.open("w", encoding="utf-8") as handle:
        handle.write("vehicle,precode\n")
        for number in range(rows):
            handle.write("V%07d,281150%03dRT %s%03d\n" % (number, number % 1000, "BCDEFGH"[number % 7], number % 1000))


def test_progress_bar_on_a_terminal(tmp_path):
    """A long file shows a progress bar when stderr is a terminal."""
    import os
    import pty
    import subprocess
    import sys

    source = tmp_path / "fleet.csv"
    _fleet(source, 60_000)
    assert source.stat().st_size > 1_000_000
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "radiocode", "batch", str(source), "-o", str(tmp_path / "out.csv")],
        stdin=terminal, stdout=terminal, stderr=terminal, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65_536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert child.wait(timeout=60) == 0
    assert b"Reading " in seen and b"%" in seen
    assert b"60000 rows read from column 'precode', 0 failed." in seen


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    source = tmp_path / "fleet.csv"
    _fleet(source, 60_000)
    result = run_batch(str(source), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0
    assert result.stderr == "60000 rows read from column 'precode', 0 failed.\n"
