"""Fuzz the reading functions with Hypothesis: at least 100,000 inputs, nothing but the documented errors.

Every input goes through ``read`` (must never raise; an error is one of the
documented ``ValidationError`` subclasses with a message), ``validate`` and
``radio_code`` (return, or raise one of those), and ``is_valid`` (a bool, never
raises). A reading with a code must agree with ``radio_code`` on its precode.

    python bench/fuzz.py                # 100,000 inputs
    python bench/fuzz.py --inputs 20000 --seed 7
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import radiocode
from radiocode import exceptions
from radiocode.reading import MAX_INPUT_LENGTH

DOCUMENTED = tuple(getattr(exceptions, name) for name in exceptions.__all__)
TYPES = {cls.type for cls in DOCUMENTED}

# Pieces of real labels and of the things people paste instead of a precode.
PIECES = [
    "A123", "a583", "S049", "Z999", "A012", "B0O1", "AI23", "A 1 2 3", "A-123", "Ａ１２３", "A١٢٣", "A¹²³",
    "PRE", "CODE", "PRECODE", "Pre-code:", "SN", "S/N", "BP", "VIN", "VF1", "7700", "8200", "281155",
    "7 649 190 391", "28 115 9243RT", "7649190391", "9243RT", "CD", "RADIOSAT", "Philips", "22DC259/62",
    "UPDATE LIST", "TUNER LIST", "CLARION", "VISTEON", "BLAUPUNKT", "Midlum", "Trucks",
    " ", "  ", "\t", "\n", "\r\n", "-", "/", ".", ":", "#", "\u00a0", "\u2011", "\u2013", "\u200b", "\ufeff",
    "\x00", "\u202e", "🔒", "<script>", "%41%31%32%33", "é", "ß", "İ", "ﬁ",
]

label_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=30).map("".join)
anything = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="ascii"), max_size=20),
    st.from_regex(r"[A-Za-z][0-9OoIlSsBZ ]{2,5}", fullmatch=True),
    label_text,
    st.binary(max_size=40).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.text(max_size=8).map(lambda t: t * 80),  # around and past MAX_INPUT_LENGTH
    st.integers().map(str),
)
# read() takes Any: non-text must be refused the documented way too.
not_text = st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=8), st.lists(st.integers(), max_size=3), st.just(object()))

BATCH = 20
count = 0
distinct: set[str] = set()
kinds: dict[str, int] = {}


def check(value: object) -> None:
    global count
    count += 1
    if isinstance(value, str):
        distinct.add(value)
    reading = radiocode.read(value)
    if reading.error is not None:
        assert isinstance(reading.error, DOCUMENTED) and reading.error.type in TYPES, repr(reading.error)
        assert reading.message(), "an error without a message"
        kinds[reading.error.type] = kinds.get(reading.error.type, 0) + 1
    else:
        assert reading.precode is not None and reading.code == radiocode.radio_code(reading.precode), (value, reading)
        assert all(c.code == radiocode.radio_code(c.precode) for c in reading.alternatives)
        kinds["ok"] = kinds.get("ok", 0) + 1
    reading.to_dict()
    valid = radiocode.is_valid(value)
    assert valid is True or valid is False
    for function in (radiocode.validate, radiocode.radio_code):
        try:
            function(value)
        except DOCUMENTED as error:
            assert error.type in TYPES and str(error)
            assert not valid, (value, function.__name__)
        else:
            assert valid, (value, function.__name__)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261125)
    arguments = parser.parse_args()

    # Hypothesis spends more per example than read() per input: draw a batch per example.
    @seed(arguments.seed)
    @settings(max_examples=-(-arguments.inputs // BATCH), deadline=None, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.lists(st.one_of(anything, anything, anything, not_text), min_size=BATCH, max_size=BATCH))
    def fuzz(values: list[object]) -> None:
        for value in values:
            check(value)

    started = time.perf_counter()
    fuzz()
    seconds = time.perf_counter() - started
    print(f"{count:,} inputs ({len(distinct):,} distinct strings) through read, validate, radio_code and is_valid in {seconds:.1f} s ({count / seconds:,.0f}/s)")
    print(f"max input length {MAX_INPUT_LENGTH}; no exception outside {len(DOCUMENTED)} documented error classes")
    for kind, n in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"  {kind:22} {n:>8,}")
    if count < arguments.inputs:
        print(f"FAILED: only {count:,} inputs were generated, {arguments.inputs:,} asked", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
