"""radiocode batch in parts: a large file read by several processes gives the output,
the counts and the errors that one process gives."""

import csv
import io
import os
import random
import subprocess
import sys
import tempfile

import pytest

from radiocode import batch
from radiocode.batch import BatchError, annotate


def fleet(rows, seed=1, line_end="\n", radio=False):
    """A fleet file's text: typed precodes, label lines, Ford serials, bad cells, accents."""
    rng = random.Random(seed)
    header = "vehicle,registration,radio,number" if radio else "vehicle,registration,precode"
    lines = [header]
    for number in range(rows):
        cell = rng.choice(["A123", "b 456", "z-999", "281150198RT C%03d" % rng.randrange(1000), "M%06d" % rng.randrange(10**6), "0818", "", "A012", "hello"])
        vehicle = rng.choice(["Clio", "Mégane", "Trafic 🚐", "Master"])
        if radio:
            name = rng.choice(["", "", "fiat-vp", "fiat-daiichi", "toyota"])
            cell = "%04d" % rng.randrange(10_000) if name.startswith("fiat") else cell
            lines.append(f"{vehicle} {number},AB-{number % 1000:03d}-CD,{name},{cell}")
        else:
            lines.append(f"{vehicle} {number},AB-{number % 1000:03d}-CD,{cell}")
    return line_end.join(lines) + line_end


def run(path, jobs, encoding="utf-8-sig", newline="", **options):
    """annotate() on the file at `path`: its output, its summary, and the error it raised."""
    out = io.StringIO()
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline=newline)
        try:
            summary = annotate(text, out, jobs=jobs, path=str(path), **options)
        except BatchError as error:
            return out.getvalue(), None, str(error)
    return out.getvalue(), (summary.rows, summary.failed, summary.column), None


def forked(path, jobs, **options):
    """run() with `jobs`, and how many processes it started for parts."""
    starts = []
    fork_part = batch._Rows.fork_part

    def counted(self, *args):
        starts.append(1)
        return fork_part(self, *args)

    batch._Rows.fork_part = counted
    try:
        return run(path, jobs, **options), len(starts)
    finally:
        batch._Rows.fork_part = fork_part


@pytest.fixture
def small_parts(monkeypatch):
    """Files of any size are cut, into pieces of a few bytes when counted: the cuts and the
    counting cross multi-byte characters and line ends."""
    monkeypatch.setattr(batch, "SPLIT_SIZE", 0)
    monkeypatch.setattr(batch, "_SPLIT_PIECE", 7)


def cuts(path, jobs, encoding="utf-8-sig", newline=""):
    """Where _parts cuts the file (after reading its first line), or None."""
    with open(path, "rb") as raw:
        budget = batch._Budget(io.TextIOWrapper(raw, encoding=encoding, newline=newline))
        head = budget.readline()
        parts = batch._parts(str(path), budget, csv.excel, jobs, head)
    return None if parts is None else [part.start for part in parts]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_parts_write_what_one_process_writes(tmp_path, small_parts, line_end, bom, jobs):
    path = tmp_path / "fleet.csv"
    data = bom + fleet(15_000, line_end=line_end).encode("utf-8")
    path.write_bytes(data)
    starts = cuts(path, jobs)
    assert starts is not None and len(starts) == jobs - 1
    assert all(data[start - 1 : start] == b"\n" for start in starts)
    parts, forks = forked(path, jobs)
    assert forks == jobs - 1
    assert parts == run(path, 1)
    output, (count, failed, _), _ = parts
    assert count == 15_000 and failed > 0
    assert output.count("\r\n") == 15_001


def test_a_mixed_fleet_in_parts(tmp_path, small_parts):
    path = tmp_path / "mixed.csv"
    path.write_text(fleet(10_000, seed=7, radio=True), encoding="utf-8")
    assert forked(path, 2) == (run(path, 1), 1)
    assert forked(path, 2, radio="renault") == (run(path, 1, radio="renault"), 1)


def test_a_byte_order_mark_inside_the_file_stays_a_character(tmp_path, small_parts):
    # The second part may start with U+FEFF: only the file's first one is dropped.
    lines = ["vehicle,precode"] + ["\ufeffvan %d,A123" % number for number in range(30_000)]
    path = tmp_path / "fleet.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8") + b"\n")
    assert forked(path, 4) == (run(path, 1), 3)
    assert run(path, 4)[0].count("\ufeffvan") == 30_000


def test_latin_1_files_are_cut_too(tmp_path, small_parts):
    path = tmp_path / "fleet.csv"
    path.write_bytes(fleet(10_000).replace("🚐", "").encode("latin-1"))
    assert forked(path, 2, encoding="latin-1") == (run(path, 1, encoding="latin-1"), 1)


@pytest.mark.parametrize(
    "text, why",
    [
        ('vehicle,precode\nvan,"A123"\n' * 50, "a quote: a cell may hold a line end"),
        ("vehicle,precode\n" + "van,A123\r" * 50, "no line feed to cut at"),
    ],
)
def test_files_that_are_not_cut(tmp_path, small_parts, text, why):
    path = tmp_path / "fleet.csv"
    path.write_text(text, encoding="utf-8")
    assert cuts(path, 2) is None, why
    assert run(path, 2) == run(path, 1)


def test_a_reader_that_turns_line_ends_into_line_feeds_does_not_cut(tmp_path, small_parts):
    # Its characters are not the file's: cut by the file's count, rows would be read twice.
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(10_000, line_end="\r\n"), encoding="utf-8")
    assert cuts(path, 2, newline=None) is None
    assert cuts(path, 2, newline="") is not None
    assert forked(path, 2, newline=None) == (run(path, 1, newline=None), 0)


def test_a_file_whose_sample_reaches_past_a_cut_is_read_by_one_process(tmp_path, small_parts):
    # 100 rows: the sample (the head and 200 rows) holds them all, and the first part would
    # start inside what was read already.
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(100), encoding="utf-8")
    with open(path, "rb") as raw:
        budget = batch._Budget(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
        head = budget.read(65_536)
        assert batch._parts(str(path), budget, csv.excel, 4, head) is None
    assert forked(path, 4) == (run(path, 1), 0)


def test_a_cut_inside_the_sample_is_left_out_and_the_others_kept(tmp_path, small_parts):
    # About 300 KB cut in five: the first cut (at about 60 KB) is inside the head (64 KB).
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(10_000), encoding="utf-8")
    assert len(cuts(path, 5)) == 4
    assert forked(path, 5) == (run(path, 1), 3)


def test_a_file_that_does_not_decode_is_not_cut(tmp_path, small_parts):
    # Its error comes where one process meets it, not early, from a part's reader reading ahead.
    path = tmp_path / "fleet.csv"
    path.write_bytes(b"vehicle,precode\n" + b"van,A123\n" * 5_000 + b"van,\xff\n")
    assert cuts(path, 2) is None


def test_a_part_is_at_least_half_the_smallest_file_cut(tmp_path, monkeypatch):
    # About 600 KB: with SPLIT_SIZE at 300 KB, in parts of 150 KB or more, however many CPUs there are.
    monkeypatch.setattr(batch, "SPLIT_SIZE", 300_000)
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(20_000), encoding="utf-8")
    size = path.stat().st_size
    assert 450_000 <= size < 600_000
    assert len(cuts(path, 64)) == size // 150_000 - 1
    assert forked(path, 64) == (run(path, 1), size // 150_000 - 1)


def test_small_files_and_utf_16_are_read_by_one_process(tmp_path):
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(100), encoding="utf-8")
    assert cuts(path, 2) is None  # under SPLIT_SIZE
    path.write_text(fleet(100), encoding="utf-16")
    assert cuts(path, 2, encoding="utf-16") is None


def test_an_error_in_a_later_part_is_the_error_one_process_gives(tmp_path, small_parts):
    # A short row (no precode cell) goes the parsed way, where a cell over csv's field limit
    # stops the run: the part's process fails, and its part is read again by the parent.
    lines = ["vehicle,registration,precode"] + ["van %d,AB-123-CD,A123" % number for number in range(20_000)]
    lines[19_000] = "x" * (csv.field_size_limit() + 10)
    path = tmp_path / "fleet.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    starts = cuts(path, 3)
    assert starts is not None and len(starts) == 2 and starts[-1] < path.read_bytes().index(b"xxxx")
    one, (parts, forks) = run(path, 1), forked(path, 3)
    assert forks == 2
    assert one[2] is not None and "line 19001" in one[2]
    assert parts[2] == one[2]
    # The rows written before the error: those of whole blocks, which end elsewhere in parts.
    written = parts[0].split("\r\n")[:-1]
    assert 0 < len(written) <= 19_000
    assert one[0].startswith(parts[0]) or parts[0].startswith(one[0])


def test_no_process_or_file_is_left_behind(tmp_path, small_parts):
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(10_000), encoding="utf-8")
    folder = tempfile.gettempdir()
    before = set(os.listdir(folder))
    assert forked(path, 4)[1] == 3
    assert not [name for name in set(os.listdir(folder)) - before if name.startswith("radiocode-")]
    try:
        ended = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        ended = (0, 0)  # no child at all
    assert ended == (0, 0)  # no part's process left unwaited for


def test_the_command_line_reads_a_large_file_in_parts(tmp_path):
    # A real file over SPLIT_SIZE, through the installed command: --jobs 2 and --jobs 1 agree.
    path = tmp_path / "fleet.csv"
    text = fleet(20_000, seed=3, radio=True)
    path.write_text(text * (batch.SPLIT_SIZE // len(text) + 1), encoding="utf-8")
    outputs = []
    for jobs in ("2", "1"):
        out = tmp_path / f"out{jobs}.csv"
        done = subprocess.run([sys.executable, "-m", "radiocode", "batch", str(path), "-o", str(out), "--jobs", jobs], capture_output=True, text=True)
        assert done.returncode == 1  # bad rows in the fleet
        outputs.append((out.read_bytes(), done.stderr))
    assert outputs[0] == outputs[1]
    lines = text.count("\n") * (batch.SPLIT_SIZE // len(text) + 1)
    assert outputs[0][0].count(b"\r\n") == lines
    assert outputs[0][1].startswith(f"{lines - 1} rows read from column 'number'")


def test_when_no_process_can_be_started_one_reads_it_all(tmp_path, small_parts, monkeypatch):
    path = tmp_path / "fleet.csv"
    path.write_text(fleet(10_000), encoding="utf-8")
    one = run(path, 1)
    forks = []

    def fork():
        # The second fork fails, as it does at a limit on processes: the first child is stopped.
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(real_fork())
        return forks[-1]

    real_fork = os.fork
    monkeypatch.setattr(os, "fork", fork)
    assert run(path, 3) == one
    assert len(forks) == 1
