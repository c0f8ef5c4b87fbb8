"""Read a whole CSV of precodes or label texts: for fleets and garages.

Every input column and row is kept in order; five columns are added. One bad
row never stops the run: its ``error`` column says what was wrong.

>>> import io
>>> out = io.StringIO()
>>> summary = annotate(io.StringIO("vehicle,precode\\nvan 1,A123\\nvan 2,A012\\n"), out)
>>> print(out.getvalue().replace("\\r", ""), end="")
vehicle,precode,code,precode_read,kind,alternatives,error
van 1,A123,0086,A123,precode,,
van 2,A012,,,invalid,,"Precodes A000 to A099 do not exist, so A012 cannot be right. Check the label again: the letter may not be an A, or the first digit may not be a 0."
>>> summary.rows, summary.failed
(2, 1)
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TextIO

from radiocode.exceptions import ValidationError
from radiocode.i18n import Message, N_
from radiocode.reading import Reading, read

__all__ = ["annotate", "Summary", "BatchError", "ADDED_COLUMNS", "BINARY"]

ADDED_COLUMNS = ("code", "precode_read", "kind", "alternatives", "error")

# Header names that point at the column to read (compared without case,
# spaces, dashes or underscores).
_HEADER_NAMES = ("precode", "radiocode", "precodes", "label", "labeltext", "security", "securitycode", "serial", "serialnumber", "input")
_HEADER_CLEAN = re.compile(r"[\s_\-./]+")
_SAMPLE_ROWS = 200
_CACHE_LIMIT = 200_000
BINARY = N_("it contains binary data. Save the sheet as CSV (comma or semicolon separated) and try again.")
_EMPTY_ROW = N_("Nothing to read: the precode cell of this row is empty.")


class BatchError(ValidationError):
    """The file as a whole cannot be read as CSV."""

    type = "invalid_csv"
    message = N_("This file cannot be read as CSV: %(reason)s")


@dataclass
class Summary:
    """How a batch run went."""

    rows: int = 0
    failed: int = 0
    column: str = ""
    header: bool = True


def _header_score(cell: str) -> int:
    name = _HEADER_CLEAN.sub("", cell.casefold())
    if name in _HEADER_NAMES:
        return 2
    if "precode" in name or "radiocode" in name:
        return 1
    return 0


def _choose_column(first: list[str], sample: list[list[str]]) -> tuple[int, bool]:
    """Which column to read, and whether the first row is a header."""
    scores = [_header_score(cell) for cell in first]
    if scores and max(scores) > 0:
        return scores.index(max(scores)), True
    width = max((len(row) for row in chain([first], sample)), default=0)

    def hits(column: int, rows: Iterable[list[str]]) -> int:
        return sum(1 for row in rows if column < len(row) and read(row[column]).ok)

    best = max(range(width), key=lambda column: hits(column, sample), default=0) if width else 0
    # The first row is data when it reads like the rows below it.
    header = bool(sample) and not (best < len(first) and read(first[best]).ok)
    return best, header


def _records(lines: Iterator[str], dialect: Any) -> Iterator[list[str]]:
    reader = csv.reader(lines, dialect)
    try:
        yield from reader
    except csv.Error as error:
        raise BatchError(reason=Message(N_("line %(line)d: %(detail)s"), line=reader.line_num, detail=str(error))) from None


def _sniff(head: str) -> Any:
    if "\x00" in head:
        raise BatchError(reason=Message(BINARY))
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def annotate(
    source: TextIO,
    target: TextIO,
    column: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Read each row of CSV `source`, write it with the added columns to `target`."""
    head = source.read(65_536)
    dialect = _sniff(head)
    lines = chain(_split_keep(head, source), source)
    records = _records(lines, dialect)
    first = next(records, None)
    summary = Summary()
    if first is None:
        raise BatchError(reason=Message(N_("it is empty. Give a CSV file with one precode or label text per row.")))
    sample = list(islice(records, _SAMPLE_ROWS))
    if column is not None:
        names = [cell.strip().casefold() for cell in first]
        if column.strip().casefold() not in names:
            raise BatchError(reason=Message(N_("there is no column called %(column)s. The columns are: %(names)s"), column=column, names=", ".join(first)))
        index, summary.header = names.index(column.strip().casefold()), True
    else:
        index, summary.header = _choose_column(first, sample)
    summary.column = first[index] if summary.header and index < len(first) else "column %d" % (index + 1)

    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect, lineterminator="\r\n")
    if summary.header:
        taken = set(first)
        writer.writerow(first + [name if name not in taken else "radiocode_" + name for name in ADDED_COLUMNS])
        parsed: list[list[str]] = sample
    else:
        parsed = [first, *sample]
    rows = _Rows(index, len(first), dialect, writer, buffer)
    for row in parsed:
        rows.write_record(row)
    target.write(buffer.getvalue())
    # Cyclic garbage collection only slows a run that creates no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows.write_lines(lines, target, progress)
    finally:
        if collecting:
            gc.enable()
    summary.rows, summary.failed = rows.count, rows.failed
    return summary


class _Rows:
    """Writes rows with their added columns; counts rows and failures."""

    def __init__(self, index: int, width: int, dialect: Any, writer: Any, buffer: io.StringIO) -> None:
        self.index, self.width = index, width
        self.writer, self.buffer = writer, buffer
        self.delimiter = writer.dialect.delimiter
        self.quotechar = writer.dialect.quotechar or '"'
        self.dialect = dialect
        # Cells spelt differently often give the very same Reading (read() caches them): annotate each once.
        self.by_reading: dict[int, tuple[Reading | None, tuple[tuple[str, ...], str]]] = {}
        self.cell_buffer = io.StringIO()
        self.cell_writer = csv.writer(self.cell_buffer, dialect, lineterminator="\r\n")
        self.count = self.failed = 0

    def added(self, cell: str) -> tuple[tuple[str, ...], str]:
        """The added cells for `cell`, and the same as CSV text after a delimiter, with the line end."""
        reading = read(cell) if cell.strip() else None
        shared = self.by_reading.get(id(reading))
        if shared is not None and shared[0] is reading:
            return shared[1]
        cells = _annotation(reading)
        self.cell_buffer.seek(0)
        self.cell_buffer.truncate()
        self.cell_writer.writerow(("",) + cells)
        found = (cells, self.cell_buffer.getvalue())
        if len(self.by_reading) < _CACHE_LIMIT:
            # Holding the reading keeps its id from being reused by another object.
            self.by_reading[id(reading)] = (reading, found)
        return found

    def write_record(self, row: list[str]) -> None:
        cells, _ = self.added(row[self.index] if self.index < len(row) else "")
        self.count += 1
        self.failed += bool(cells[4])
        if len(row) < self.width:
            # Short rows are padded so the added columns stay under their names.
            row = row + [""] * (self.width - len(row))
        self.writer.writerow(row + list(cells))

    def write_lines(self, lines: Iterator[str], target: TextIO, progress: Callable[[int], None] | None) -> None:
        """The rest of the file. A line with no quote character is one record whose
        fields csv.writer would write back unchanged, so it is copied as text."""
        delimiter, quotechar, index, width = self.delimiter, self.quotechar, self.index, self.width
        # cell -> the added text with the line end. Only the text is kept, so that a
        # look-up in a large table touches as little memory as it can.
        texts: dict[str, str] = {}
        added = self.added
        count = failed = 0
        out: list[str] = []
        for line in lines:
            if quotechar in line:
                self.buffer.seek(0)
                self.buffer.truncate()
                self.write_record(next(_records(chain([line], lines), self.dialect), []))
                out.append(self.buffer.getvalue())
                continue
            count += 1
            body = line.rstrip("\r\n")
            fields = body.split(delimiter) if body else []
            cell = fields[index] if index < len(fields) else ""
            text = texts.get(cell)
            if text is None:
                # One text object for every spelling of the same reading: less memory to walk.
                text = added(cell)[1]
                if len(texts) < _CACHE_LIMIT:
                    # Bounded memory; the cells seen first are the common ones.
                    texts[cell] = text
            # The error cell is the last: empty exactly when the text ends in a bare delimiter.
            if text[-3] != delimiter:
                failed += 1
            if len(fields) < width:
                body += delimiter * (width - len(fields) - (not fields))
            out.append(body + text)
            if len(out) >= 4096:
                target.writelines(out)
                out.clear()
                if progress is not None:
                    progress(self.count + count)
        target.writelines(out)
        self.count += count
        self.failed += failed


def _annotation(reading: Reading | None) -> tuple[str, ...]:
    """The added cells for a reading; None stands for an empty cell."""
    if reading is None:
        return ("", "", "empty", "", str(_EMPTY_ROW))
    alternatives = " ".join(f"{c.precode}={c.code}" for c in reading.alternatives)
    return (reading.code or "", reading.precode or "", reading.kind, alternatives, "" if reading.ok else reading.message())


def _split_keep(head: str, source: TextIO) -> Iterator[str]:
    """The lines of `head` as the source itself would give them, the last one completed from the source."""
    # A head ending in "\r" may have cut a "\r\n" in two: take the rest of the line end.
    while head.endswith("\r"):
        more = source.read(1)
        head += more
        if more != "\r":
            break
    # Split where csv does (\r\n, \r, \n), not where str.splitlines does (also \f, \x1c, \u2028...).
    lines = io.StringIO(head, newline="").readlines()
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += source.readline()
    return iter(lines)
