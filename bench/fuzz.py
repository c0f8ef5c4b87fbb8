"""Fuzz the reading functions with atheris (libFuzzer, coverage-guided): 100,000 inputs, nothing but the documented errors.

Every input goes through ``read`` (must never raise; an error is one of the
documented ``ValidationError`` subclasses, with a message), ``validate`` and
``radio_code`` (return, or raise one of those, agreeing with ``is_valid``) and
``is_valid`` (a bool, never raises). A reading with a code agrees with
``radio_code`` on its precode and on every alternative. A text with a
``reading_key`` reads exactly as its key does (batch reads one text per key).
Any other exception stops the run and libFuzzer saves the input as ``crash-*``.

Inputs are the fuzzer's bytes decoded as text (UTF-8, UTF-16 and Latin-1 in
turn) and, one in eight, a non-text object; a dictionary of label pieces
steers the mutations toward what people paste.

    pip install atheris
    python bench/fuzz.py                    # 100,000 inputs
    python bench/fuzz.py -runs=1000000      # any libFuzzer option
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

try:
    import atheris
except ImportError:
    print("bench/fuzz.py needs atheris: pip install atheris", file=sys.stderr)
    sys.exit(1)

with atheris.instrument_imports():
    import radiocode
    from radiocode import exceptions
    from radiocode.reading import MAX_INPUT_LENGTH, reading_key

DOCUMENTED = tuple(getattr(exceptions, name) for name in exceptions.__all__)
TYPES = {cls.type for cls in DOCUMENTED}
RUNS = 100_000
target = RUNS

# Pieces of real labels and of the things people paste instead of a precode.
PIECES = [
    "A123", "a583", "S049", "Z999", "A012", "B0O1", "AI23", "A 1 2 3", "A-123", "Ａ１２３", "A١٢٣", "A¹²³",
    "PRE", "CODE", "PRECODE", "Pre-code:", "SN", "S/N", "BP", "VIN", "VF1", "7700", "8200", "281155",
    "7 649 190 391", "28 115 9243RT", "7649190391", "9243RT", "CD", "RADIOSAT", "Philips", "22DC259/62",
    "UPDATE LIST", "TUNER LIST", "CLARION", "VISTEON", "BLAUPUNKT", "Midlum", "0818",
    "\u00a0", "\u2011", "\u2013", "\u200b", "\ufeff", "\u202e", "🔒", "<script>", "İ", "ﬁ",
]
NOT_TEXT = [None, 0, 123, -1, 1.5, float("nan"), b"A123", ["A123"], ("A", "123"), {"input": "A123"}, object(), True]

count = 0
distinct: set[int] = set()
kinds: dict[str, int] = {}
started = time.perf_counter()


def check(value: object) -> None:
    reading = radiocode.read(value)
    if reading.error is not None:
        assert isinstance(reading.error, DOCUMENTED) and reading.error.type in TYPES, repr(reading.error)
        assert reading.message(), "an error without a message"
        kinds[reading.error.type] = kinds.get(reading.error.type, 0) + 1
    else:
        assert reading.precode is not None and reading.code == radiocode.radio_code(reading.precode), (value, reading)
        assert all(c.code == radiocode.radio_code(c.precode) for c in reading.alternatives), (value, reading)
        kinds["ok"] = kinds.get("ok", 0) + 1
    if isinstance(value, str) and (key := reading_key(value)) is not None:
        # batch reads one text per key for every text with that key
        assert radiocode.read(key.decode()).to_dict() == reading.to_dict(), (value, key)
    reading.to_dict()
    valid = radiocode.is_valid(value)
    assert valid is True or valid is False
    for function in (radiocode.validate, radiocode.radio_code):
        try:
            function(value)
        except DOCUMENTED as error:
            assert error.type in TYPES and str(error), repr(error)
            assert not valid, (value, function.__name__)
        else:
            assert valid, (value, function.__name__)


def one_input(data: bytes) -> None:
    global count
    count += 1
    if count == target:
        report()  # libFuzzer ends the process without running atexit handlers
    distinct.add(hash(data))
    if data[:1] == b"\x07":  # one byte value in 256 at the front, plus the fuzzer's own picks
        check(NOT_TEXT[len(data) % len(NOT_TEXT)])
        return
    encoding = ("utf-8", "utf-16", "latin-1")[count % 3]
    check(data.decode(encoding, "replace"))


def report() -> None:
    seconds = time.perf_counter() - started
    print(f"\n{count:,} inputs ({len(distinct):,} distinct) through read, reading_key, validate, radio_code and is_valid in {seconds:.1f} s ({count / seconds:,.0f}/s)")
    print(f"max input length {MAX_INPUT_LENGTH}; no exception outside the {len(DOCUMENTED)} documented error classes")
    for kind, n in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"  {kind:22} {n:>9,}")


def _dict_entry(piece: str) -> str:
    """libFuzzer's dictionary syntax: printable ASCII as is, every other byte as \\xNN."""
    return "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}" for b in piece.encode())


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="radiocode-fuzz-"))
    dictionary = workdir / "label.dict"
    dictionary.write_text("".join(f'"{_dict_entry(piece)}"\n' for piece in PIECES))
    corpus = workdir / "corpus"
    corpus.mkdir()
    for n, piece in enumerate(PIECES):
        (corpus / f"seed{n}").write_bytes(piece.encode())
    global target
    # Long inputs from the start (len_control=0): past MAX_INPUT_LENGTH too.
    args = [sys.argv[0], f"-dict={dictionary}", f"-max_len={MAX_INPUT_LENGTH * 2 + 64}", "-len_control=0"]
    runs = [a for a in sys.argv[1:] if a.startswith("-runs=")]
    if runs:
        target = int(runs[-1].split("=", 1)[1])
    else:
        args.append(f"-runs={RUNS}")
    args += sys.argv[1:] + [str(corpus)]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
