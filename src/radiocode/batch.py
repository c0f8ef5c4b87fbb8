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

import codecs
import contextlib
import csv
import functools
import gc
import io
import mmap
import os
import re
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, islice, repeat, starmap
from operator import itemgetter, not_
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from radiocode import radios
from radiocode.exceptions import ValidationError
from radiocode.i18n import Message, N_
from radiocode.radios.renault import _code
from radiocode.reading import KEY_CASE, KEY_DROP, MAX_INPUT_LENGTH, Reading, _readings, reading_key, reading_keys

__all__ = ["annotate", "Summary", "BatchError", "ADDED_COLUMNS", "BINARY"]

ADDED_COLUMNS = ("code", "precode_read", "kind", "alternatives", "error")
#: Added after ADDED_COLUMNS when a fleet names its radios (a radio column or --radio):
#: the radio family that read each row.
RADIO_COLUMN = "radio"

# Header names that point at the column to read (compared without case,
# spaces, dashes or underscores).
_HEADER_NAMES = ("precode", "radiocode", "precodes", "label", "labeltext", "security", "securitycode", "serial", "serialnumber", "input")
# Header names of the column that says which radio a row is (an id, a make or an old family name).
_RADIO_HEADER_NAMES = ("radio", "radiotype", "radiofamily", "radioid", "make", "brand")
_HEADER_CLEAN = re.compile(r"[\s_\-./]+")
_SAMPLE_ROWS = 200
_CACHE_LIMIT = 200_000
# Characters sniffed for the dialect, then read at a time: about 10,000 rows of a fleet file.
_HEAD = 65_536
_CHUNK = 262_144
# Lines read at a time when a file has no line feeds.
_LINES = 10_000
# KEY_CASE, with each character KEY_DROP holds made _MARK: deleting the marks then drops them.
_MARK = KEY_DROP[:1]
_KEY_MARK = KEY_CASE.translate(bytes.maketrans(KEY_DROP, _MARK * len(KEY_DROP)))
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
        return sum(1 for row in rows if column < len(row) and radios.read(row[column]).ok)

    best = max(range(width), key=lambda column: hits(column, sample), default=0) if width else 0
    # The first row is data when it reads like the rows below it.
    header = bool(sample) and not (best < len(first) and radios.read(first[best]).ok)
    return best, header


def _sniff(head: str) -> Any:
    if "\x00" in head:
        raise BatchError(reason=Message(BINARY))
    try:
        dialect = csv.Sniffer().sniff(head, delimiters=",;\t|")
    except csv.Error:
        return csv.excel
    # The sniffer says "no doubled quotes" when the head has none; a quote inside a
    # cell further on is doubled all the same, as in every CSV file (and it is written so).
    dialect.doublequote = True
    return dialect


def _writer(target: TextIO, dialect: Any) -> Any:
    return csv.writer(target, dialect, lineterminator="\r\n")


def _csv_error(lines: Iterable[str], dialect: Any, error: csv.Error, before: int = 0) -> BatchError:
    """The error for `lines` (after `before` lines), on the line of the record csv cannot read:
    where a quote that is never closed opens, rather than where its cell grows too long."""
    reader = csv.reader(lines, dialect)
    start = line = 1
    try:
        while True:
            line = reader.line_num + 1
            next(reader)
            start = line
    except StopIteration:
        line = start  # the last record: csv reads a quote left open at the end as closed
    except csv.Error:
        pass
    return BatchError(reason=Message(N_("line %(line)d: %(detail)s"), line=before + line, detail=str(error)))


def annotate(
    source: TextIO,
    target: TextIO,
    column: str | None = None,
    progress: Callable[[int], None] | None = None,
    radio: str | None = None,
    radio_column: str | None = None,
    jobs: int = 1,
    path: str | None = None,
) -> Summary:
    """Read each row of CSV `source`, write it with the added columns to `target`.

    A mixed fleet names each row's radio in a column (`radio_column`, or a header
    such as radio or make) or gives one `radio` for rows that name none; then a
    radio column is added. Without either, each cell is read for the radio it says.

    `jobs` above 1, with `path` the file `source` reads from its start: a large file
    that can be cut safely (see _parts) is cut at line ends into up to that many parts
    of half SPLIT_SIZE or more, and each part after the first is read by a process of
    its own (see _Rows.write_parts). The output is the one a single process writes.
    """
    if radio is not None:
        radios.resolve(radio)  # UnknownRadio, before any output
    budget = None
    if jobs > 1 and path is not None:
        source = budget = _Budget(source)
    head = source.read(_HEAD)
    dialect = _sniff(head)
    head_lines = _split_keep(head, source)
    reader = csv.reader(chain(head_lines, source), dialect)
    try:
        first = next(reader, None)
        sample = list(islice(reader, _SAMPLE_ROWS))
    except csv.Error as error:
        raise _csv_error(io.StringIO(head, newline=""), dialect, error) from None
    summary = Summary()
    if first is None:
        raise BatchError(reason=Message(N_("it is empty. Give a CSV file with one precode or label text per row.")))
    if column is not None:
        names = [cell.strip().casefold() for cell in first]
        if column.strip().casefold() not in names:
            raise BatchError(reason=Message(N_("there is no column called %(column)s. The columns are: %(names)s"), column=column, names=", ".join(first)))
        index, summary.header = names.index(column.strip().casefold()), True
    else:
        index, summary.header = _choose_column(first, sample)
    summary.column = first[index] if summary.header and index < len(first) else "column %d" % (index + 1)
    radio_index = _radio_column(first, radio_column, index, sample) if summary.header or radio_column is not None else None

    # Rows are padded to the widest row of the sample, so that the added columns line up.
    width = max(len(row) for row in chain([first], sample))
    if summary.header:
        taken = set(first)
        added = ADDED_COLUMNS + (RADIO_COLUMN,) if radio_index is not None or radio is not None else ADDED_COLUMNS
        names = first + [""] * (width - len(first)) + [name if name not in taken else "radiocode_" + name for name in added]
        _writer(target, dialect).writerow(names)
    else:
        sample.insert(0, first)
    rows = _Rows(index, width, dialect, reader.line_num, radio_index, radio)
    # Cyclic garbage collection only slows a run that creates no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows.write_records(sample, target)
        parts = _parts(path, budget, dialect, jobs, head) if budget is not None and path is not None else None
        if parts:
            rows.write_parts(head_lines, budget, parts, target, progress)  # type: ignore[arg-type]
        else:
            rows.write_rest(head_lines, source, target, progress)
    finally:
        if collecting:
            gc.enable()
    summary.rows, summary.failed = rows.count, rows.failed
    return summary


def _names_radios(cell: str) -> bool:
    try:
        radios.resolve(cell)
    except ValidationError:
        return False
    return True


def _radio_column(first: list[str], name: str | None, index: int, sample: list[list[str]]) -> int | None:
    """The index of the column that names each row's radio: the one called `name`, or a
    column with a radio header (not the one read), unless the sample's cells in it name
    things but no radio we know (a fleet's makes, none of them ours). One name we do not
    know among radios we do (a typo, a dash for none) does not set the column aside: its
    rows would be read as Renault precodes, a Fiat VP serial 2063 as Z063. That row says
    instead that no radio has that name."""
    names = [_HEADER_CLEAN.sub("", cell.casefold()) for cell in first]
    if name is not None:
        wanted = _HEADER_CLEAN.sub("", name.casefold())
        if wanted not in names:
            raise BatchError(reason=Message(N_("there is no column called %(column)s. The columns are: %(names)s"), column=name, names=", ".join(first)))
        return names.index(wanted)
    for wanted in _RADIO_HEADER_NAMES:
        found = names.index(wanted) if wanted in names else None
        if found is not None and found != index:
            cells = [row[found] for row in sample if found < len(row) and row[found].strip()]
            if not cells or any(map(_names_radios, cells)):
                return found
    return None


class _Rows:
    """Writes rows with their added columns; counts lines, rows and failures."""

    def __init__(self, index: int, width: int, dialect: Any, line: int, radio_index: int | None = None, radio: str | None = None) -> None:
        # The precode column is inside the width: a column of the header or of the sample.
        self.index, self.width, self.dialect = index, width, dialect
        # A fleet that names its radios: a column (inside the width, from the header) or one for all.
        self.radio_index, self.default_radio = radio_index, radio or ""
        self.mixed = radio_index is not None or radio is not None
        # The added text by (radio cell, cell).
        self.by_radio_cell: dict[tuple[str, str], str] = {}
        self.delimiter = dialect.delimiter
        self.quotechar = dialect.quotechar or '"'
        self.line = line  # lines read so far, for messages
        self.cell_buffer = io.StringIO()
        self.cell_writer = _writer(self.cell_buffer, dialect)
        # The added text (with the line end) by reading key: typed precodes, barcode lines;
        # then by cell for the rest. And the texts that hold an error.
        self.by_key: dict[bytes, str] = {}
        self.by_serial: dict[bytes, str] = {}
        self.by_any_key: dict[bytes | None, str] = {}  # both of them, for look-ups of many keys at once
        self.by_cell: dict[str, str] = {}
        self.failing: set[str] = set()
        self.count = self.failed = 0
        # Whether the text new_text() gave is worth keeping by pair: not a unique serial's.
        self.keep = True
        # The radio a radio cell names, when it names one (a make with several names none).
        self.radio_ids: dict[str, str | None] = {}
        # A quick reading's cells (ASCII letters and digits) go out as they are when the
        # dialect writes them so: checked once, on cells of the same shape.
        sample = ("0000", "M000000", "serial", "", "", "ford-m") if self.mixed else ("0000", "M000000", "serial", "", "")
        self.plain_quick = self.text_of(sample) == self.delimiter + self.delimiter.join(sample) + "\r\n"
        # Typed precodes found in a block's bytes (keyed_texts): when the precode cell is the
        # last column, a line's tail after `tail_at` delimiters is its cell, or its empty radio
        # cell and its cell when the radio column comes just before. By that tail, translated
        # as reading keys are: the 4-byte keys of by_key, after the delimiter in a mixed fleet.
        self.tail_at: int | None = None
        self.tail_prefix = b""
        self.by_tail = self.by_key
        self.delimiter_bytes = delimiter = self.delimiter.encode("utf-8", "surrogatepass")
        if len(delimiter) == 1 and delimiter.translate(KEY_CASE, KEY_DROP) == delimiter and index == width - 1 and not self.default_radio:
            if radio_index is None:
                self.tail_at = index
            elif radio_index == index - 1:
                self.tail_at, self.tail_prefix, self.by_tail = radio_index, delimiter, {}

    def text_of(self, cells: tuple[str, ...]) -> str:
        """The added cells as CSV text after a delimiter, with the line end."""
        self.cell_buffer.seek(0)
        self.cell_buffer.truncate()
        self.cell_writer.writerow(("",) + cells)
        text = self.cell_buffer.getvalue()
        if cells[4]:
            self.failing.add(text)
        return text

    def quick_text(self, found: tuple[str, str, str], radio_id: str) -> str:
        """The added text for a quick reading (code, number, kind) of the radio `radio_id`."""
        code, number, kind = found
        cells = (code, number, kind, "", "", radio_id) if self.mixed else (code, number, kind, "", "")
        if self.plain_quick:
            return self.delimiter + self.delimiter.join(cells) + "\r\n"
        return self.text_of(cells)

    def quick_texts(self, found: list[tuple[str, str, str]], radio_id: str) -> list[str]:
        """quick_text of each quick reading (code, number, kind) of the radio `radio_id`."""
        if not self.plain_quick:
            return list(map(self.quick_text, found, repeat(radio_id)))
        delimiter = self.delimiter.replace("{", "{{").replace("}", "}}")
        after = delimiter * 2 + (delimiter + radio_id.replace("{", "{{").replace("}", "}}") if self.mixed else "") + "\r\n"
        return list(starmap(((delimiter + "{}") * 3 + after).format, found))

    def new_text(self, cell: str) -> str:
        """The added text for a cell that is not in by_cell."""
        for radio_id, quick_read in radios.QUICK_READERS:
            # Another radio's number as typed (M123456; it has no reading key): its cells
            # without a Reading.
            found = quick_read(cell)
            if found is not None:
                text = self.quick_text(found, radio_id)
                self.keep = False  # a serial: fleets seldom repeat one
                if len(self.by_cell) < _CACHE_LIMIT:
                    self.by_cell[cell] = text
                return text
        key = reading_key(cell)
        if key is not None:
            self.keep = len(key) == 4  # a barcode line holds a serial: seldom repeated
            text = self.key_text(key)
            if text is not None:
                return text
        text = self.text_of(_cells(cell, None, self.mixed))
        if len(self.by_cell) < _CACHE_LIMIT:
            # Bounded memory; the cells seen first are the common ones.
            self.by_cell[cell] = text
        return text

    def key_text(self, key: bytes) -> str | None:
        """The added text of every cell with reading key `key`; None when they read as an error."""
        # Typed keys (four bytes) apart from barcode keys: the table looked up for
        # every row stays small. Each holds at most 27,000 keys.
        table = self.by_key if len(key) == 4 else self.by_serial
        text = table.get(key)
        if text is None:
            cells = _key_cells(key)
            if cells is None:
                return None
            if self.mixed:
                cells += (radios.renault.RADIO_ID,)
            # Only readings without an error: a row found by key has not failed.
            text = table[key] = self.by_any_key[key] = self.text_of(cells)
            if self.tail_prefix and len(key) == 4:
                self.by_tail[self.tail_prefix + key] = text
        return text

    def key_texts(self, cells: list[str]) -> list[str | None]:
        """The added text of each cell found by its reading key; None for the others."""
        if max(map(len, cells), default=0) > MAX_INPUT_LENGTH:
            # Too long a cell gets its own message: looked up by its bytes, it might not.
            return [None] * len(cells)
        # A cell that translates to a key of four bytes reads as that key does (see
        # reading_key), and by_key holds no reading with an error.
        keys = map(bytes.translate, map(str.encode, cells, repeat("utf-8"), repeat("surrogatepass")), repeat(KEY_CASE), repeat(KEY_DROP))
        return list(map(self.by_key.get, keys))

    def texts(self, cells: list[str], keyed: bool = False) -> list[str]:
        """The added text for each cell; counts the failures. `keyed`: the cells were looked
        up by reading key already (keyed_texts). Rows found by key never fail."""
        texts = [None] * len(cells) if keyed else self.key_texts(cells)
        if None in texts:
            misses = list(compress(range(len(cells)), map(not_, texts)))
            list(map(texts.__setitem__, misses, map(self.by_cell.get, map(cells.__getitem__, misses))))
            left = list(compress(misses, map(not_, map(texts.__getitem__, misses))))
            if left:
                self.fill_free(texts, left, list(map(cells.__getitem__, left)), keyed=True)
            by_cell, new_text = self.by_cell.get, self.new_text
            for number in compress(left, map(not_, map(texts.__getitem__, left))):
                cell = cells[number]
                texts[number] = by_cell(cell) or new_text(cell)  # new_text keeps what repeats
            self.failed += sum(map(self.failing.__contains__, map(texts.__getitem__, misses)))
        return texts  # type: ignore[return-value]

    def texts_for_radios(self, radio_cells: list[str], cells: list[str], keyed: bool = False) -> list[str]:
        """The added text for each row's cell, read for the radio its radio cell names, or for
        the radio the cell says when the row names none; counts the failures. A fleet repeats
        its cells: one look-up each, by cell for rows that name no radio (most of a fleet),
        by (radio cell, cell) for the others and for every row when a radio is given for all.
        `keyed`: the cells were looked up by reading key already (keyed_texts)."""
        pairs_cache, default = self.by_radio_cell, self.default_radio
        if default:
            texts: list[str | None] = list(map(pairs_cache.get, zip(radio_cells, cells)))
        else:
            texts = list(map(self.by_cell.get, cells))
            named = list(compress(range(len(cells)), radio_cells))
            if named:
                found = map(pairs_cache.get, zip(map(radio_cells.__getitem__, named), map(cells.__getitem__, named)))
                list(map(texts.__setitem__, named, found))
        if None in texts:
            misses = list(compress(range(len(texts)), map(not_, texts)))
            if not default:
                # Rows that name no radio, all at once: most are found without a Reading.
                free = list(compress(misses, map(not_, map(radio_cells.__getitem__, misses))))
                if free:
                    self.fill_free(texts, free, list(map(cells.__getitem__, free)), keyed)
                    misses = list(compress(misses, map(not_, map(texts.__getitem__, misses))))
            text_for, by_cell, new_text = self.text_for, self.by_cell.get, self.new_text
            for number in misses:
                radio_cell, cell = radio_cells[number], cells[number]
                if not radio_cell and not default:
                    texts[number] = by_cell(cell) or new_text(cell)  # new_text keeps what repeats
                    continue
                pair = (radio_cell, cell)
                text = pairs_cache.get(pair)  # a row above in this block
                if text is None:
                    self.keep = True
                    text = text_for(radio_cell, cell)
                    if self.keep and len(pairs_cache) < _CACHE_LIMIT:
                        pairs_cache[pair] = text
                texts[number] = text
        done: list[str] = texts  # type: ignore[assignment]
        self.failed += sum(map(self.failing.__contains__, done))
        return done

    def fill_free(self, texts: list[str | None], numbers: list[int], cells: list[str], keyed: bool = False) -> None:
        """Set texts[numbers[i]] to the added text of cells[i], a cell in a row that names no
        radio, where it is found without a Reading: a precode found by its reading key (as
        typed before), a number a quick reader reads (a Ford serial), any other text with a
        reading key (a precode typed for the first time, a barcode line). The others
        stay None. Each step goes over the cells the one before left, in C where it can: a
        mixed fleet's unique serials and label lines, a third of its rows, cost little more
        than a repeated cell. `keyed`: the cells were looked up by reading key already."""
        if keyed:
            left = list(range(len(cells)))
        else:
            found = self.key_texts(cells)
            list(map(texts.__setitem__, map(numbers.__getitem__, compress(range(len(cells)), found)), filter(None, found)))
            left = list(compress(range(len(cells)), map(not_, found)))
        for radio_id, quick_reads in radios.BULK_QUICK_READERS:
            if not left:
                return
            readings = quick_reads(list(map(cells.__getitem__, left)))
            hits = list(compress(range(len(left)), readings))
            if hits:
                quick = self.quick_texts(list(map(readings.__getitem__, hits)), radio_id)
                list(map(texts.__setitem__, map(numbers.__getitem__, map(left.__getitem__, hits)), quick))
                left = list(compress(left, map(not_, readings)))
        if left:
            keys = reading_keys(list(map(cells.__getitem__, left)))
            known = list(map(self.by_any_key.get, keys))
            hits = list(compress(range(len(left)), known))
            list(map(texts.__setitem__, map(numbers.__getitem__, map(left.__getitem__, hits)), map(known.__getitem__, hits)))
            key_text = self.key_text
            for number in compress(range(len(left)), map(not_, known)):
                key = keys[number]
                if key is not None:
                    texts[numbers[left[number]]] = key_text(key)

    def text_for(self, radio_cell: str, cell: str) -> str:
        """The added text for `cell` in a row whose radio cell is `radio_cell`."""
        radio = radio_cell.strip() or self.default_radio
        if not radio:
            return self.by_cell.get(cell) or self.new_text(cell)
        radio_id = self.radio_ids.get(radio, "")
        if radio_id == "":
            radio_id = self.radio_ids[radio] = _single_radio(radio)
        quick_read = radios.KNOWN_QUICK_READERS.get(radio_id) if radio_id else None
        if quick_read is not None:
            found = quick_read(cell)
            if found is not None:
                return self.quick_text(found, radio_id)  # type: ignore[arg-type]
        return self.text_of(_cells(cell, radio, True))

    def keyed_texts(self, block: str, bodies: list[str]) -> list[str | None] | None:
        """The added text of each line of `block` (its `bodies`) whose cell is a typed precode
        seen before, found by its tail in the block's bytes translated as reading keys are,
        with no per-line work in Python; None for the other lines. None for the whole block
        when its lines cannot be read so: a line short of the tail; a run of 100 characters
        that keys drop (a cell over MAX_INPUT_LENGTH whose key looks typed has one: 497 or
        more of them around at most 4 others); in a mixed fleet, a cell that ends in one of
        them (a radio cell of dashes would look empty)."""
        # Translated as keys are, the characters keys drop marked first, one mark for all.
        data = block.encode("utf-8", "surrogatepass").translate(_KEY_MARK)
        if _MARK * 100 in data or (self.tail_prefix and _MARK + self.delimiter_bytes in data):
            return None
        data = data.translate(None, _MARK)
        lines = data.split(b"\n") if "\r" not in block else data.split(b"\r\n")
        del lines[len(bodies) :]  # after the last line end
        try:
            return list(map(self.by_tail.get, map(itemgetter(self.tail_at), map(bytes.split, lines, repeat(self.delimiter_bytes), repeat(self.tail_at)))))
        except IndexError:
            return None

    def write_parts(self, head: Iterator[str], source: _Budget, parts: list[_Part], target: TextIO, progress: Callable[[int], None] | None) -> None:
        """The rest of the file: up to the first of `parts` here, as write_rest writes it
        (`source` stops there); each part at the same time by a forked process, into a file
        of its own that is then copied to `target` in order. A part whose process failed (a
        row that stops the run, say) is read here instead, with the rest of the file after
        it: the error is the one a single process gives, on the same line. The rows written
        before it end with a block, as they always do, and blocks start elsewhere in parts."""
        source.limit = parts[0].start_chars
        ends = [part.start_chars for part in parts[1:]] + [None]
        children: list[list[int]] = []
        with tempfile.TemporaryDirectory(prefix="radiocode-") as folder:
            names = [str(Path(folder) / f"part{number}.csv") for number in range(len(parts))]
            try:
                try:
                    children.extend(map(self.fork_part, parts, ends, names))
                except OSError:  # no process to be had (a limit on them, or on memory): one does it all
                    for child in children:
                        _child_counts(child, kill=True)
                    source.limit = None
                    self.write_rest(head, source, target, progress)
                    return
                self.write_rest(head, source, target, progress)
                for part, child, name in zip(parts, children, names):
                    counts = _child_counts(child)
                    if counts is None:
                        with open(part.path, "rb") as raw:
                            self.write_rest(iter(()), part.text(raw), target, progress)
                        return
                    with open(name, encoding="utf-8", newline="") as written:
                        shutil.copyfileobj(written, target, _CHUNK)
                    self.count += counts[0]
                    self.failed += counts[1]
                    self.line += counts[2]
                    if progress is not None:
                        progress(self.count)
            finally:
                for child in children:
                    _child_counts(child, kill=True)

    def fork_part(self, part: _Part, end_chars: int | None, name: str) -> list[int]:
        """Start a process that writes the rows of `part`, up to `end_chars` characters into
        the file's text (or to its end), with their added text to the file `name`, and says
        its counts of rows, failures and lines on a pipe. Its pid and the pipe's end to read."""
        reader, writer = os.pipe()
        pid = os.fork()
        if pid:
            os.close(writer)
            return [pid, reader]
        # The child ends with os._exit only: the parent's buffers are not flushed twice.
        status = 1
        try:
            os.close(reader)
            # Counted from the part's start: a part that fails is read again by the parent,
            # which knows the lines before it, and says the error's line.
            self.count = self.failed = self.line = 0
            with open(part.path, "rb") as raw, open(name, "w", encoding="utf-8", newline="") as out:
                text = _Budget(part.text(raw))
                text.limit = None if end_chars is None else end_chars - part.start_chars
                self.write_rest(iter(()), text, out, None)  # type: ignore[arg-type]
            os.write(writer, b"%d %d %d" % (self.count, self.failed, self.line))
            status = 0
        finally:
            os._exit(status)

    def write_rest(self, head: Iterator[str], source: TextIO, target: TextIO, progress: Callable[[int], None] | None) -> None:
        """The lines left of the head, then the rest of `source`, a block of whole lines at a time."""
        carry = "".join(head)
        while True:
            chunk = source.read(_CHUNK)
            data = carry + chunk
            end = data.rfind("\n") + 1 if chunk else len(data)
            if not end and chunk:
                # Not one line feed in a whole chunk: lines end in a bare \r (or are huge).
                lines = chain(_split_keep(data, source), source)
                while block := list(islice(lines, _LINES)):
                    self.write_parsed(block, lines, target)
                    if progress is not None:
                        progress(self.count)
                break
            block, carry = data[:end], data[end:]
            if self.quotechar in block:
                # A quoted cell may hold line ends: csv reads on from the source when it does.
                block, carry = block + carry + (source.readline() if carry else ""), ""
                self.write_parsed(io.StringIO(block, newline="").readlines(), source, target)
            elif block:
                self.write_plain(block, target)
            if progress is not None:
                progress(self.count)
            if not chunk:
                break

    def write_plain(self, block: str, target: TextIO) -> None:
        """Whole lines with no quote character: each is one record whose fields csv.writer
        would write back unchanged, so they are copied as text, all at once."""
        if "\r" not in block:
            bodies = block.split("\n")
        else:
            bodies = block.split("\r\n")
            if block.count("\r") != len(bodies) - 1 or block.count("\n") != len(bodies) - 1:
                bodies = []  # line ends of more than one kind
        if bodies and not bodies[-1]:
            bodies.pop()  # after the last line end
        if bodies and self.tail_at is not None:
            texts = self.keyed_texts(block, bodies)
            if texts is not None and self.write_misses(bodies, texts):
                self.line += len(bodies)
                self.write_out(bodies, texts, target)  # type: ignore[arg-type]
                return
        delimiter, index, width = self.delimiter, self.index, self.width
        cells: list[str] = []
        # A short row needs padding. When the precode cell is the last, a short row is
        # one that does not reach it.
        radio_index = self.radio_index
        if radio_index is not None:
            # Each row's (radio cell, cell); a row short of the width goes the parsed way.
            # When one of the two is the last column, a row that reaches it is not short.
            last = max(index, radio_index)
            if bodies and (last == width - 1 or min(map(str.count, bodies, repeat(delimiter))) >= width - 1):
                fields = list(map(str.split, bodies, repeat(delimiter), repeat(last + 1)))
                try:
                    radio_cells, cells = list(map(itemgetter(radio_index), fields)), list(map(itemgetter(index), fields))
                except IndexError:
                    pass
                else:
                    self.line += len(bodies)
                    self.write_out(bodies, self.texts_for_radios(radio_cells, cells), target)
                    return
        elif bodies and (index == width - 1 or min(map(str.count, bodies, repeat(delimiter))) >= width - 1):
            try:
                cells = list(map(itemgetter(index), map(str.split, bodies, repeat(delimiter), repeat(index + 1))))
            except IndexError:
                pass
        if not cells:
            self.write_parsed(io.StringIO(block, newline="").readlines(), iter(()), target)
            return
        self.line += len(bodies)
        texts = self.texts_for_radios([""] * len(cells), cells) if self.mixed else self.texts(cells)
        self.write_out(bodies, texts, target)

    def write_misses(self, bodies: list[str], texts: list[str | None]) -> bool:
        """Fill in the texts keyed_texts left None, from the cells of those lines; False,
        with nothing changed, when a line is short of the precode or radio cell."""
        misses = list(compress(range(len(texts)), map(not_, texts)))
        if not misses:
            return True
        index, radio_index = self.index, self.radio_index
        last = index if radio_index is None else max(index, radio_index)
        fields = list(map(str.split, map(bodies.__getitem__, misses), repeat(self.delimiter), repeat(last + 1)))
        try:
            cells = list(map(itemgetter(index), fields))
            radio_cells = list(map(itemgetter(radio_index), fields)) if radio_index is not None else [""] * len(cells)
        except IndexError:
            return False
        found = self.texts_for_radios(radio_cells, cells, keyed=True) if self.mixed else self.texts(cells, keyed=True)
        list(map(texts.__setitem__, misses, found))
        return True

    def write_parsed(self, lines: list[str], more: Iterator[str], target: TextIO) -> None:
        """`lines` read as csv reads them: as many records as lines. A quoted cell may hold
        line ends, so the records may go on past `lines`, in `more`; the caller reads on
        where they end."""
        reader = csv.reader(chain(lines, more), self.dialect)
        try:
            records = list(islice(reader, len(lines)))
        except csv.Error as error:
            raise _csv_error(lines, self.dialect, error, self.line) from None
        self.line += reader.line_num
        if reader.line_num == len(records):
            # One line a record: each is copied as it is. Not the last: csv reads a quote
            # that the file never closes as closed at its end, a copy would leave it open.
            self.write_records(records, target, list(map(str.rstrip, lines[:-1], repeat("\r\n"))))
        else:
            self.write_records(records, target)

    def write_records(self, records: list[list[str]], target: TextIO, lines: Sequence[str] = ()) -> None:
        """Parsed records with their added cells: the first as `lines` give them, the rest as csv.writer writes them."""
        if not records:
            return
        width, delimiter = self.width, self.delimiter
        if min(map(len, records)) < width:
            # Short rows are padded so the added columns stay under their names.
            lines = [line + delimiter * (width - max(len(record), 1)) for line, record in zip(lines, records)]
            records = [record + [""] * (width - len(record)) if len(record) < width else record for record in records]
        cells = list(map(itemgetter(self.index), records))
        if self.mixed:
            radio_cells = list(map(itemgetter(self.radio_index), records)) if self.radio_index is not None else [""] * len(cells)
            texts = self.texts_for_radios(radio_cells, cells)
        else:
            texts = self.texts(cells)
        if len(lines) < len(records):
            # Written with their line ends (csv quotes a cell that holds one), then cut apart without them.
            buffer = io.StringIO()
            ends = list(accumulate(map(_writer(buffer, self.dialect).writerow, records[len(lines) :])))
            written = buffer.getvalue()
            lines = [*lines, *map(written.__getitem__, map(slice, [0, *ends[:-1]], [end - 2 for end in ends]))]
        self.write_out(lines, texts, target)

    def write_out(self, rows: Sequence[str], texts: list[str], target: TextIO) -> None:
        """Each row's text, then its added text."""
        lines: list[str] = [""] * (2 * len(texts))
        lines[::2], lines[1::2] = rows, texts
        target.write("".join(lines))
        self.count += len(texts)


class _Budget:
    """A text source that gives at most `limit` characters in all (any number while it is
    None), and counts the characters it gave."""

    def __init__(self, source: TextIO) -> None:
        self.source, self.given = source, 0
        self.limit: int | None = None

    def _size(self, size: int | None) -> int:
        if self.limit is None:
            return -1 if size is None else size
        left = max(self.limit - self.given, 0)
        return left if size is None or size < 0 else min(size, left)

    def read(self, size: int | None = -1) -> str:
        text = self.source.read(self._size(size))
        self.given += len(text)
        return text

    def readline(self, size: int | None = -1) -> str:
        text = self.source.readline(self._size(size))
        self.given += len(text)
        return text

    def __iter__(self) -> _Budget:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line


@dataclass
class _Part:
    """Where a part of a file starts: its byte and its character (counted from the start
    of the file's text), and how to read it from there."""

    path: str
    start: int
    start_chars: int
    encoding: str

    def text(self, raw: BinaryIO) -> TextIO:
        """The text of the file open as `raw`, from the part's start on."""
        raw.seek(self.start)
        return io.TextIOWrapper(raw, encoding=self.encoding, errors="strict", newline="")


# Files smaller than this are read by one process: a fork costs more than it saves.
SPLIT_SIZE = 8_000_000
# Bytes counted at a time when finding where the parts start.
_SPLIT_PIECE = 1 << 20
# Encodings in which every byte 0x0A or 0x0D is a line end, and nothing else is.
_SPLIT_ENCODINGS = {"utf-8", "utf-8-sig", "latin-1", "iso8859-1", "iso8859-15", "cp1252", "ascii"}


def _parts(path: str, budget: _Budget, dialect: Any, jobs: int, head: str = "") -> list[_Part] | None:
    """Where to cut the file at `path` (read through `budget` so far, the first characters
    `head`) into `jobs` parts, each starting at a line; None when it cannot be cut safely
    or is not worth it. It can be cut when no record spans lines (the file holds no quote
    character and the dialect no escape character); when all of it decodes (the first
    part's reader decodes a little past its end, and an error there would come early);
    and when `budget` reads characters as they are in the file: a reader that turns \r\n
    into \n counts fewer, and its head holds no \r where the file has one."""
    encoding = getattr(budget.source, "encoding", None)
    try:
        name = codecs.lookup(encoding).name if encoding else ""
        status = os.stat(path)
    except (LookupError, OSError):
        return None
    size = status.st_size
    if not hasattr(os, "fork") or name not in _SPLIT_ENCODINGS or not stat.S_ISREG(status.st_mode) or size < SPLIT_SIZE or dialect.escapechar is not None:
        return None
    # A part after the first starts inside the text: a byte order mark there is a character.
    plain = "utf-8" if name == "utf-8-sig" else name
    quote = (dialect.quotechar or '"').encode(plain)
    with open(path, "rb") as raw, mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data.find(quote) >= 0 or (data.find(b"\r") >= 0 and "\r" not in head):
            return None
        starts = [0]
        # Parts of half SPLIT_SIZE or more: a smaller one is not worth its process.
        jobs = min(jobs, size // max(SPLIT_SIZE // 2, 1))
        for number in range(1, jobs):
            start = data.find(b"\n", size * number // jobs) + 1
            if start <= starts[-1] or start >= size:
                break
            starts.append(start)
        starts.append(size)
        # The characters before each start, counted as the text reader counts them.
        decoder = codecs.getincrementaldecoder(name)(errors="strict")
        chars = 0
        parts = []
        try:
            for start, end in zip(starts, starts[1:]):
                if start:
                    parts.append(_Part(path, start, chars, plain))
                for at in range(start, end, _SPLIT_PIECE):
                    piece = data[at : min(at + _SPLIT_PIECE, end)]
                    # ASCII, with no character begun before it: as many characters as bytes.
                    # Not the first piece: a utf-8-sig decoder drops a byte order mark there.
                    if at and piece.isascii() and not decoder.getstate()[0]:
                        chars += len(piece)
                    else:
                        chars += len(decoder.decode(piece))
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    # The first part holds all that was read before the cut was chosen (the sample).
    parts = [part for part in parts if part.start_chars > budget.given]
    return parts or None



def _child_counts(child: list[int], kill: bool = False) -> tuple[int, int, int] | None:
    """The rows, failures and lines the process of a part counted, once it ended; None when
    it failed. `child` is its pid and the pipe's end to read, emptied once waited for. `kill`:
    stop it first (the run stopped; its part is not needed)."""
    if not child:
        return None
    pid, reader = child
    child.clear()
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    try:
        _, status = os.waitpid(pid, 0)
        said = os.read(reader, 64)  # written before it ended: still in the pipe
    finally:
        os.close(reader)
    counts = said.split()
    if kill or status != 0 or len(counts) != 3:
        return None
    return int(counts[0]), int(counts[1]), int(counts[2])


def _single_radio(name: str) -> str | None:
    """The one radio `name` stands for; None for an unknown name or a make with several."""
    try:
        choice = radios.resolve(name)
    except ValidationError:
        return None
    return choice.radios[0] if len(choice.radios) == 1 else None


def _cells(cell: str, radio: str | None = None, mixed: bool = False) -> tuple[str, ...]:
    """The added cells for a cell of the precode column, read for `radio` (found from the
    text when None); with the radio column when the fleet is `mixed`."""
    reading = radios.read(cell, radio) if cell.strip() else None
    cells = _annotation(reading)
    return cells + ((reading.radio or "") if reading is not None else "",) if mixed else cells


def _key_cells(key: bytes) -> tuple[str, ...] | None:
    """The added cells for every text with reading key `key`, without building a Reading;
    None when they read as an error. The same cells as _cells() gives: the tests check
    every key there is. Reading each key costs several times more."""
    found = _found(key[-4:].decode())
    if found is None:
        return None
    code, precode, alternatives = found
    return (code, precode, "precode" if len(key) == 4 else "label", alternatives, "")


@functools.cache  # at most 27,000 entries: one letter or l, three digits
def _found(chars: str) -> tuple[str, str, str] | None:
    """The code, precode and alternatives read() finds in four typed characters or after
    a barcode serial: the first reading is the precode, the others its look-alikes."""
    readings = _readings(chars)
    if not readings:
        return None
    return _code(readings[0]), readings[0], " ".join([f"{p}={_code(p)}" for p in readings[1:]])


def _annotation(reading: Reading | None) -> tuple[str, ...]:
    """The added cells for a reading; None stands for an empty cell."""
    if reading is None:
        return ("", "", "empty", "", str(_EMPTY_ROW))
    # The look-alike readings, then each other radio's reading of the same number (bare
    # digits: a Fiat number as well as a precode read with look-alikes), for the person to
    # choose from: four digits never get one code with nothing said of the others.
    alternatives = [f"{c.precode}={c.code}" for c in reading.alternatives]
    alternatives += [f"{r.radio}:{r.number_read}={r.code or ''}" for r in reading.by_radio]
    return (reading.code or "", reading.number_read or "", reading.kind, " ".join(alternatives), "" if reading.ok else reading.message())


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
