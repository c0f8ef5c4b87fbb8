"""Mutation testing (mutmut 2.5's mutations) of the modules where a silent wrong answer hurts.

Each module is mutated on its own, in a throw-away copy of the checkout, and
tested only against the test files that cover it (and its own doctests), so a
module takes minutes, not the whole suite per mutant. At most two modules run
at once (``--jobs 2``); the default is one, the machine is shared.

For each module it prints killed / survived / timed out and the score
``killed / (mutants - equivalent)``; every survivor is printed as a diff, and
the ones listed in ``EQUIVALENT`` below (mutants that change no behaviour a
test could observe) are named with the reason instead. Target: >= 90 % per
module.

    python bench/mutation.py                    # every module, one at a time
    python bench/mutation.py lockout precode    # some modules
    python bench/mutation.py --jobs 2 --list    # the modules and their tests
    python bench/mutation.py reading --sample 100   # an estimate from 100 mutants
    python bench/mutation.py radios._digits --only 27   # mutant #27 again, after a new test

Each mutant's tests run in a fork of one process that imported pytest, hypothesis,
numpy and the web stack once (radiocode itself is imported in the fork, from the
mutated file), and the quick test files come first: a run stops at its first
failure, so a killed mutant costs a few seconds and a survivor the whole list.

mutmut is installed into the running interpreter when missing (it is a bench
tool, not part of the test command). Pinned to 2.5: mutmut 3 mutates function
bodies only, so the CSP string and the lockout rules (module-level constants and
lambdas) would never be mutated. Its mutation operators are used, with a plain
loop here instead of `mutmut run` (whose result cache broke mid-run here).
"""

from __future__ import annotations

import argparse
import difflib
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = "mutmut==2.5.1"

#: module -> (source file, the test files (or classes) that cover it, in the order they run). The module's
#: own doctests always run too, first.
MODULES: dict[str, tuple[str, list[str]]] = {
    # The readings pinned in tests/cases/readings.json (the offline page's core.js must give the same) first:
    # hundreds of inputs of every kind, each compared whole, in a second.
    "reading": ("src/radiocode/reading.py", ["tests/offline/test_cases.py::test_every_stored_reading_is_the_core_reading", "tests/test_reading.py", "tests/test_properties.py"]),
    "lockout": ("src/radiocode/lockout.py", ["tests/test_lockout.py"]),
    "families": ("src/radiocode/families.py", ["tests/test_families.py"]),
    "headers": ("src/radiocode/web/middleware.py", ["tests/web/test_headers.py", "tests/web/test_security.py"]),
}
# The radio families (src/radiocode/radios/*.py), each with the tests that import it (grep). A run
# stops at its first failure, so the quick tests come first; of the whole-input-space walks (a million
# Ford and Visteon codes: most of the time) each module runs only those that use it, and last.
# src/radiocode/precode.py is only an alias of radios/renault.py (the same module object): the real
# module is mutated.
_ALGORITHMS, _RADIOS_READING = "tests/test_radios_algorithms.py", "tests/test_radios_reading.py"
_VECTORS, _FACES = f"{_ALGORITHMS}::TestFactVectors", f"{_ALGORITHMS}::TestModuleFaces"
_ANSWERS = "tests/test_radios_answers.py"  # word-for-word answers and records: plain and quick
_QUICK = [_VECTORS, _ANSWERS, _FACES, _RADIOS_READING]


def _whole(*names: str) -> list[str]:
    return [f"{_ALGORITHMS}::TestWholeInputSpace::test_all_{name}" for name in names]


_FORD = _whole("ford_serials_table", "ford_serials_one_at_a_time") + [f"{_ALGORITHMS}::TestWholeInputSpace::test_ford_csv_lines"]
MODULES.update({
    "radios.renault": ("src/radiocode/radios/renault.py", ["tests/test_precode.py", _VECTORS, _ANSWERS, _FACES]),
    "radios.ford_m": ("src/radiocode/radios/ford_m.py", _QUICK + _FORD),
    "radios.fiat_visteon": ("src/radiocode/radios/fiat_visteon.py", _QUICK + _whole("visteon_numbers")),
    # Their 10,000 numbers take a second: before the reading tests, which most mutants of the mapping pass.
    "radios.fiat_vp": ("src/radiocode/radios/fiat_vp.py", [_VECTORS, *_whole("vp_numbers"), _ANSWERS, _FACES, _RADIOS_READING]),
    "radios.fiat_daiichi": ("src/radiocode/radios/fiat_daiichi.py", [_VECTORS, *_whole("daiichi_numbers"), _ANSWERS, _FACES, _RADIOS_READING]),
    # The shared digit check and readings of the Fiat families, and the Ford arithmetic.
    "radios._digits": ("src/radiocode/radios/_digits.py", _QUICK),
    "radios._ford_algorithm": ("src/radiocode/radios/_ford_algorithm.py", [_VECTORS, *_FORD, *_whole("visteon_numbers")]),
    "radios.records": ("src/radiocode/radios/records.py", [_ANSWERS, _RADIOS_READING, "tests/test_families.py"]),
    # The registry: resolve a radio name, and read() without a radio.
    "radios.registry": ("src/radiocode/radios/__init__.py", [_ANSWERS, _RADIOS_READING, _VECTORS, _FACES]),
})  # fmt: skip

#: Survivors that change nothing a user or caller can observe: (module, original line, mutated line) -> why.
#: Lines are compared stripped of surrounding spaces.
_CACHE = "a cache's size, or no cache, changes the speed only: every answer is the same"
_RANKS = "_AFTER_KEYWORD, _WHOLE_INPUT, _AFTER_T, _TOKEN, _SUFFIX = "  # reading.py's ranks of a found precode
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("radios.renault", "@functools.lru_cache(maxsize=32_768)", "@functools.lru_cache(maxsize=32769)"): _CACHE,
    ("radios.renault", "@functools.lru_cache(maxsize=32_768)", ""): _CACHE,
    # The sum is never negative and "%04d" truncates a float: z / 10 formats as z // 10 does.
    (
        "radios.renault",
        'return "%04d" % (100 * ((259 % x) % 100) + 10 * (z % 10) + z // 10)',
        'return "%04d" % (100 * ((259 % x) % 100) + 10 * (z % 10) + z / 10)',
    ): "%d truncates the non-negative float to the same integer",
    # Guard: `if status: return` treats None as 0; AccessLog: Guard always sends a status, so `status or 500` never sees 0 or 1.
    ("headers", "status = 0", "status = None"): "None and 0 are both falsy where status is read",
    ("headers", "status = 0", "status = 1"): "Guard answers every request (its last resort included): the start message always sets status",
    (
        "headers",
        'self.allowed_hosts: frozenset[str] | None = site.settings["allowed_hosts"]',
        'self.allowed_hosts: frozenset[str] & None = site.settings["allowed_hosts"]',
    ): "an annotation (from __future__ import annotations): never evaluated",
    (
        "headers",
        'asked = f"/{scope[SCOPE_KEY]}{path}" if scope.get(SCOPE_KEY) else path',
        'asked = f"XX/{scope[SCOPE_KEY]}{path}XX" if scope.get(SCOPE_KEY) else path',
    ): "_relative reads only the segment after the first slash: XX/fr/guides/XX and /fr/guides/ both name fr",
    (
        "headers",
        'if language and language.group(1)[1:] in LANGUAGES and scope.get("route") is None:',
        'if language and language.group(1)[1:] in LANGUAGES and scope.get("XXrouteXX") is None:',
    ): "no route's path starts with a language code, so a path that does has no route in the scope (LanguagePrefix routes a copy of the scope without the prefix)",
    (
        "headers",
        "self.template: dict[str, Any] | None = None",
        "self.template: dict[str, Any] & None = None",
    ): "an annotation (from __future__ import annotations): never evaluated",
    ("headers", 'host = b""', "host = None"): "read only as a truth value (`if host and`, `host and`) until a Host header replaces it",
    (
        "headers",
        'elif len(scope.get("query_string", b"")) > self.max_query:',
        'elif len(scope.get("query_string", b"XXXX")) > self.max_query:',
    ): "ASGI puts query_string in every HTTP scope: the default is never read",
    (
        "headers",
        'language = path.split("/", 2)[1] if path.count("/") >= 2 else ""',
        'language = path.split("/", 3)[1] if path.count("/") >= 2 else ""',
    ): "the second piece is the same whether the rest is split once more or not",
    (
        "headers",
        'language = path.split("/", 2)[1] if path.count("/") >= 2 else ""',
        'language = path.split("/", 2)[1] if path.count("/") >= 2 else "XXXX"',
    ): "only looked up in the language codes: neither '' nor 'XXXX' is one",
    ("headers", "self.second = -1", "self.second = +1"): "compared with int(time.time()): never 1 (1970-01-01T00:00:01)",
    ("headers", "self.second = -1", "self.second = -2"): "compared with int(time.time()): never negative",
    ("headers", "self.second = -1", "self.second = None"): "compared with int(time.time()): never None",
    ("headers", 'self.stamp = ""', 'self.stamp = "XXXX"'): "the first line sets it: self.second starts at no real second",
    ("headers", 'self.stamp = ""', "self.stamp = None"): "the first line sets it: self.second starts at no real second",
    (
        "headers",
        'self.template = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "", None, None).__dict__',
        'self.template = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "XXXX", None, None).__dict__',
    ): "the template's msg is replaced by each record's line",
    (
        "headers",
        "record.msecs = int((now - second) * 1000) + 0.0",
        "record.msecs = int((now - second) * 1000) - 0.0",
    ): "an int plus or minus 0.0 is the same float",
    # Only two Fiat radios can fit one text at once: fiat-vp (4 digits, or the last 4 of more) with fiat-daiichi
    # (4 digits) or fiat-visteon (6 digits). The number an ambiguous answer names is 4 or 6 characters.
    (
        "radios.registry",
        "error = AmbiguousRadio(number=renault.compact(text)[:20], names=names)",
        "error = AmbiguousRadio(number=renault.compact(text)[:21], names=names)",
    ): "an ambiguous number is 4 or 6 digits: never cut at 20 or 21",
    ("radios.registry", "if len(fitting) > 1:", "if len(fitting) >= 1:"): "len(fitting) == 1 has returned on the line above",
    (
        "radios.registry",
        'QUICK_READERS = tuple((radio_id, m.quick_read) for radio_id, m in MODULES.items() if hasattr(m, "quick_read"))',
        'QUICK_READERS = tuple((radio_id, m.quick_read) for radio_id, m in MODULES.items() if hasattr(m, "XXquick_readXX"))',
    ): "no batch fast path: every row goes through radios.read, which gives the same cells (test_quick_read_is_read); speed only (bench/batch.py measures it)",
    (
        "radios.registry",
        'BULK_QUICK_READERS = tuple((radio_id, m.quick_reads) for radio_id, m in MODULES.items() if hasattr(m, "quick_read"))',
        'BULK_QUICK_READERS = tuple((radio_id, m.quick_reads) for radio_id, m in MODULES.items() if hasattr(m, "XXquick_readXX"))',
    ): "no bulk step: batch reads those rows one at a time with QUICK_READERS, whose answers are the same (test_quick_reads_are_quick_read); speed only",
    # A Daiichi number never starts with 0, so its reverse v is 1 to 9999 and 10000 - v is already 1 to 9999.
    (
        "radios.fiat_daiichi",
        'return "%04d" % ((10_000 - int(digits[::-1])) % 10_000)',
        'return "%04d" % ((10_000 - int(digits[::-1])) % 10001)',
    ): "10000 - v is 1 to 9999 for every number with a code: mod 10000 and mod 10001 leave it as it is",
    # table(): zip() stops at the shorter list, and each block of codes has 1,000.
    (
        "radios.fiat_visteon",
        'tails = ["%03d" % low for low in range(1000)]',
        'tails = ["%03d" % low for low in range(1001)]',
    ): "zip() pairs the tails with a block of 1,000 codes: a 1,001st tail is never used",
    (
        "radios.ford_m",
        'tails = ["%03d" % low for low in range(1000)]',
        'tails = ["%03d" % low for low in range(1001)]',
    ): "zip() pairs the tails with a block of 1,000 codes: a 1,001st tail is never used",
    (
        "radios.fiat_visteon",
        'tails = ["%03d," % low for low in range(1000)]',
        'tails = ["%03d," % low for low in range(1001)]',
    ): "map() pairs the tails with a block of 1,000 codes and stops there: a 1,001st tail is never used",
    (
        "radios.ford_m",
        'tails = ["%03d," % low for low in range(1000)]',
        'tails = ["%03d," % low for low in range(1001)]',
    ): "map() pairs the tails with a block of 1,000 codes and stops there: a 1,001st tail is never used",
    # read(): its last line is never reached (test_find_reads_every_serial_validate_accepts): find() reads
    # every text validate() accepts. It stays so that, were it ever reached, the answer is the code, not a crash.
    **{
        ("radios.ford_m", 'return _found(serial[0], serial[1:], "serial", serial)', mutated): "never reached: find() reads "
        "every serial validate() accepts (test_find_reads_every_serial_validate_accepts)"
        for mutated in (
            'return _found(serial[1], serial[1:], "serial", serial)',
            'return _found(serial[0], serial[2:], "serial", serial)',
            'return _found(serial[0], serial[1:], "XXserialXX", serial)',
        )
    },
    (
        "radios.ford_m",
        "found: list[tuple[str, str, str] | None] = [None] * len(texts)",
        "found: list[tuple[str, str, str] & None] = [None] * len(texts)",
    ): "a local variable's annotation: never evaluated",
    # find(): the model name in one or two words of the text, single words first.
    (
        "radios.ford_m",
        "for start in range(len(tokens) - size + 1):",
        "for start in range(len(tokens) + size + 1):",
    ): "the extra starts at the end give a slice of one word or none: every single word was tried at size 1",
    (
        "radios.ford_m",
        "for start in range(len(tokens) - size + 1):",
        "for start in range(len(tokens) - size + 2):",
    ): "the extra start at the end gives a slice of one word or none: every single word was tried at size 1",
    # code() looks a code up by its value, 0 to 9999: a 10,001st entry is never read.
    (
        "radios._ford_algorithm",
        '_CODES = ["%04d" % n for n in range(10_000)]',
        '_CODES = ["%04d" % n for n in range(10001)]',
    ): "the index is four digits' value, at most 9999: entry 10000 is never read",
    # _digit's result only goes through "%d": x / 10 adds a fraction below 1 that % 10 keeps and "%d" drops.
    (
        "radios._ford_algorithm",
        "return ((x // 10) % 10 + x % 10 + r1) % 10",
        "return ((x / 10) % 10 + x % 10 + r1) % 10",
    ): "_final formats each digit with %d, which truncates the non-negative float to the same integer",
    (
        "radios._ford_algorithm",
        "s4 = (a * U[r6 * 10 + r3] + U[r3 * 10 + R7] * U[r2 * 10 + r5] + U[r4 * 10 + r1] - 1) % 10",
        "s4 = (a * U[r6 * 10 + r3] + U[r3 * 10 - R7] * U[r2 * 10 + r5] + U[r4 * 10 + r1] - 1) % 10",
    ): "R7 is T[0][9], 0 (the facts' r7 for n7 = 0): r3 * 10 + 0 and r3 * 10 - 0 are the same index",
    (
        "radios._ford_algorithm",
        "[[_final(s1, s2, s3, s4, r1) for r1 in range(10) for s4 in range(10)] for s3 in range(10)]",
        "[[_final(s1, s2, s3, s4, r1) for r1 in range(11) for s4 in range(10)] for s3 in range(10)]",
    ): "codes() reads entry 10 r1 + s4, at most 99: the ten entries added after them are never read",
    ("radios._ford_algorithm", "@functools.cache", ""): "codes() calls _finals() once per table: " + _CACHE,
    # `from __future__ import annotations`: annotations are strings, never evaluated.
    ("families", "note: Message | None = None", "note: Message & None = None"): "an annotation, never evaluated",
    ("lockout", "then: int | None = None", "then: int & None = None"): "an annotation, never evaluated",
    ("lockout", "up_to: int | None = None", "up_to: int & None = None"): "an annotation, never evaluated",
    ("lockout", "up_to: int | None = None", 'up_to: int | None = ""'): "up_to is only read as `up_to or 0`: None and \"\" both give 0",
    # reading: the ranks only order the candidates of one label (max(), and == against the same constants);
    # a whole-input reading has no other candidates, so its rank is never compared.
    ("reading", _RANKS + "5, 4, 3, 2, 1", _RANKS + "6, 4, 3, 2, 1"): "keyword 6 > after T 3 > token 2 > suffix 1: the same order",
    ("reading", _RANKS + "5, 4, 3, 2, 1", _RANKS + "5, 5, 3, 2, 1"): "_WHOLE_INPUT is the rank of a reading with no others: never compared",
    ("reading", _RANKS + "5, 4, 3, 2, 1", _RANKS + "5, 4, 4, 2, 1"): "keyword 5 > after T 4 > token 2 > suffix 1: the same order",
    (
        "reading",
        '_SIMPLE = re.compile(r" *([A-Za-z])[ .-]?([0-9])([0-9])([0-9]) *")',
        '_SIMPLE = re.compile(r"XX *([A-Za-z])[ .-]?([0-9])([0-9])([0-9]) *XX")',
    ): "the quick path of a typed precode: unmatched, the token path squeezes the same four characters into _read_four",
    ("reading", "hint: Message | None = None", "hint: Message & None = None"): "an annotation, never evaluated",
    ("reading", "precode: str | None = None", "precode: str & None = None"): "an annotation, never evaluated",
    ("reading", "code: str | None = None", "code: str & None = None"): "an annotation, never evaluated",
    ("reading", "error: ValidationError | None = None", "error: ValidationError & None = None"): "an annotation, never evaluated",
    ("reading", 'radio: str | None = "renault"', 'radio: str & None = "renault"'): "an annotation, never evaluated",
    ("reading", "number: str | None = None", "number: str & None = None"): "an annotation, never evaluated",
    # Candidate and Reading: frozen either way (test_a_reading_cannot_be_changed_by_a_caller), slots save memory only.
    ("reading", "@dataclass(frozen=True, slots=True)", "@dataclass(frozen=True, slots=False)"): "slots change the memory a reading takes, not what it holds",
    # reading's caches of readings (immutable, so shared) and of batch keys.
    ("reading", "@functools.lru_cache(maxsize=65_536)", "@functools.lru_cache(maxsize=65537)"): _CACHE,
    ("reading", "# Readings are immutable, so the same four characters may share one. @functools.lru_cache(maxsize=65_536)", ""): _CACHE,
    ("reading", "# Readings are immutable, so the same text may share one. @functools.lru_cache(maxsize=65_536)", ""): _CACHE,
    ("reading", "# The reading of a barcode line does not depend on its serial: one per precode. @functools.lru_cache(maxsize=65_536)", ""): _CACHE,
    ("reading", "@functools.cache  # one ASCII letter and three digits: at most 52,000", "# one ASCII letter and three digits: at most 52,000"): _CACHE,
    (
        "reading",
        'previous = tokens[position - 1].upper() if position else ""',
        'previous = tokens[position - 1].upper() if position else "XXXX"',
    ): "at position 0, previous is only matched against _SERIAL_T, which needs a T: neither '' nor 'XXXX' matches",
    (
        "reading",
        "found.append(_Found(readings[0], rank, position, token[-5:], readings))",
        "found.append(_Found(readings[0], rank, position, token[-6:], readings))",
    ): "a doubled letter's typed text is 5 or 6 characters, never the 4 of its precode: corrected stays True; a label's message never shows it",
    # The keyword prefix is at least 4 characters (CODE): no token of 4 or 5 characters holds one before its last four.
    (
        "reading",
        "if len(token) > 4 and _KEYWORD_PREFIX.fullmatch(upper[:-4]):",
        "if len(token) >= 4 and _KEYWORD_PREFIX.fullmatch(upper[:-4]):",
    ): "a 4-character token leaves '' before its last four: no keyword",
    (
        "reading",
        "if len(token) > 4 and _KEYWORD_PREFIX.fullmatch(upper[:-4]):",
        "if len(token) > 5 and _KEYWORD_PREFIX.fullmatch(upper[:-4]):",
    ): "a 5-character token leaves one character before its last four: no keyword",
    (
        "reading",
        "elif len(token) > 4 and token[-5] not in _ASCII_DIGITS:",
        "elif len(token) >= 4 and token[-5] not in _ASCII_DIGITS:",
    ): "a 4-character token took the `if len(token) == 4` branch just above",
    (
        "reading",
        'return _success("precode", _Found(readings[0], _WHOLE_INPUT, 0, chars, readings), [])',
        'return _success("precode", _Found(readings[0], _WHOLE_INPUT, 1, chars, readings), [])',
    ): "the position only breaks ties between candidates of one label: a whole input has no others",
    # The same line in _read_four is killed (four characters would read as no precode); only this one survives.
    ("reading", "readings = _readings(chars)", "readings = None"): "_read_after_serial is the quick path of a barcode line: "
    "None sends the line through the tokens, which read it the same (test_barcode_lines_read_the_same_on_the_quick_path_and_the_token_path)",
    (
        "reading",
        'return _success("label", _Found(readings[0], _AFTER_T, 1, chars, readings), [])',
        'return _success("label", _Found(readings[0], _AFTER_T, 2, chars, readings), [])',
    ): "the position only breaks ties between candidates of one label: the quick path's line has no others",
    # The quick paths of _read_text: a text they do not take goes through the tokens, which read it the same.
    # reading_keys: a text over the limit sends the whole list to reading_key, text by text, which
    # gives the same keys (the property test): the bound only picks the quicker way.
    ("reading", "if max(map(len, texts), default=0) > MAX_INPUT_LENGTH:", "if max(map(len, texts), default=1) > MAX_INPUT_LENGTH:"): "an empty list is no longer than the limit either way",
    ("reading", "if max(map(len, texts), default=0) > MAX_INPUT_LENGTH:", "if max(map(len, texts), default=0) >= MAX_INPUT_LENGTH:"): "at exactly 500: reading_key's key, the same",
    ("reading", "keys: list[bytes | None] = [None] * len(texts)", "keys: list[bytes & None] = [None] * len(texts)"): "an annotation, never evaluated",
    ("reading", "simple = _SIMPLE.fullmatch(text)", "simple = None"): "a typed precode read by the token path instead: the same four characters",
    ("reading", "serial_line = _SERIAL_LINE.fullmatch(text)", "serial_line = None"): "a barcode line read by the token path instead (the quick-path test)",
    ("reading", "after = _read_after_serial(serial_line.group(1))", "after = None"): "a barcode line read by the token path instead (the quick-path test)",
    (
        "reading",
        "for start in range(len(tokens) - size + 1):",
        "for start in range(len(tokens) + size + 1):",
    ): "the extra starts give the last tokens alone or none: windows a smaller size already tried",
    (
        "reading",
        "for start in range(len(tokens) - size + 1):",
        "for start in range(len(tokens) - size + 2):",
    ): "the extra start gives the last size - 1 tokens: a window the smaller size already tried",
    ("radios.records", "advice: Message | None = None", "advice: Message & None = None"): "an annotation, never evaluated",
    (
        "radios.records",
        "unknown: Message | None = None  # what the sources leave open about the input",
        "unknown: Message & None = None  # what the sources leave open about the input",
    ): "an annotation, never evaluated",
    (
        "radios.records",
        "table_csv: Callable[[], Iterator[str]] | None = None  # a faster twin of table() as CSV text",
        "table_csv: Callable[[], Iterator[str]] & None = None  # a faster twin of table() as CSV text",
    ): "an annotation, never evaluated",
}

# The access log's JSON of the usual methods, written once: json.dumps(method[:16]) gives the same for each.
_METHODS_LINE = '_METHODS_JSON = {method: json.dumps(method) for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")}'
EQUIVALENT.update({
    ("headers", _METHODS_LINE, _METHODS_LINE.replace(f'"{m}"', f'"XX{m}XX"')): f"{m} is then dumped per line: the same JSON, a little slower"
    for m in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
})  # fmt: skip


def ensure_mutmut() -> None:
    try:
        import mutmut  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", MUTMUT], check=True)


def copy_checkout(into: Path) -> None:
    for name in ("src", "tests"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", into / "pyproject.toml")


def runner(source: str, tests: list[str]) -> list[str]:
    # Only the covering tests, stop at the first failure, no cache: one mutant, one quick verdict.
    return [
        sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
        "--import-mode=importlib", "--doctest-modules", source, *tests,
    ]  # fmt: skip


# Runs the module's tests once per request line, each time in a fork of itself: the test tools
# (pytest, hypothesis, numpy, click, fastapi...) are imported once, radiocode never (each fork imports
# the file as it is on disk, mutated or not). On the shared 2 cores, importing them took 2 s of CPU per
# mutant, more than most killed mutants need to fail.
_SERVER = r"""
import os, sys
for name in ("pytest", "_pytest.doctest", "hypothesis", "hypothesis.strategies", "numpy", "click", "click.testing",
             "fastapi", "starlette.testclient", "httpx", "jinja2", "babel.messages.pofile", "anyio"):
    try:
        __import__(name)
    except Exception:
        pass
assert not [m for m in sys.modules if m.split(".")[0] == "radiocode"], "radiocode imported before the fork"
import pytest
while sys.stdin.readline():
    pid = os.fork()
    if pid == 0:
        os.setsid()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            code = int(pytest.main(sys.argv[1:]))
        except BaseException:
            code = 99
        os._exit(code)
    print(pid, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


class Runner:
    """The module's tests, run on request in a fork of a warm process; killed, survived or timeout."""

    def __init__(self, command: list[str], work: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _SERVER, *command], cwd=work, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout], daemon=True).start()

    def run(self, timeout: float | None = None) -> str:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        child = int(self.lines.get(timeout=120))
        try:
            code = int(self.lines.get(timeout=timeout))
        except queue.Empty:
            os.killpg(child, signal.SIGKILL)
            self.lines.get()
            return "timeout"
        return "survived" if code == 0 else "killed"

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def baseline_seconds(runner: Runner, command: list[str], work: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    if runner.run() != "survived":
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
        raise RuntimeError("the tests fail without any mutation:\n" + (done.stdout + done.stderr)[-3000:])
    return time.monotonic() - started


def changed_lines(original: str, mutated: str) -> tuple[int, str, str]:
    """The first changed line's number, and the changed lines before and after (stripped, joined)."""
    old, new = original.splitlines(), mutated.splitlines()
    before: list[str] = []
    after: list[str] = []
    first = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            first = first or i1 + 1
            before += [line.strip() for line in old[i1:i2]]
            after += [line.strip() for line in new[j1:j2]]
    return first, " ".join(line for line in before if line), " ".join(line for line in after if line)


def run_module(name: str, keep: bool, sample: int = 0, only: list[int] | None = None) -> dict:
    """Every mutmut mutant of the module, one at a time, against the module's tests in a copy of the checkout.

    mutmut's own runner (`mutmut run`) keeps its verdicts in a pony/SQLite cache
    that broke twice mid-run here ("Attribute Mutant.line is required") and then
    hung; its mutation operators are used directly instead, with a plain loop.
    """
    from mutmut import Context, list_mutations, mutate

    source, tests = MODULES[name]
    missing = [t for t in tests if not (ROOT / t.split("::")[0]).exists()]
    if missing:
        return {"name": name, "error": f"test files missing: {', '.join(missing)}"}
    work = Path(tempfile.mkdtemp(prefix=f"mutation-{name}-"))
    started = time.monotonic()
    try:
        copy_checkout(work)
        # No plugin auto-loading (playwright, schemathesis, anyio...): a fifth of the CPU per mutant.
        # One BLAS thread: numpy is imported before the forks, and a fork keeps no other thread.
        env = {**os.environ, "PYTHONPATH": str(work / "src"), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "OPENBLAS_NUM_THREADS": "1"}  # fmt: skip
        command = runner(source, tests)
        tests_runner = Runner(command[3:], work, env)  # the arguments after "python -m pytest"
        # A slow run on a busy machine is not an endless loop: generous, and measured first.
        timeout = 4 * baseline_seconds(tests_runner, command, work, env) + 30
        target = work / source
        original = target.read_text()
        ids = list_mutations(Context(source=original, filename=source))
        every = len(ids)
        numbers = list(range(every))
        if only:
            # Some mutants again, by their number (#n in the report): a survivor after its new test.
            numbers = [n for n in only if n < every]
        elif sample and sample < len(ids):
            # Evenly spaced over the file: an estimate when there is no time for every mutant.
            numbers = [i * len(ids) // sample for i in range(sample)]
        ids = [ids[n] for n in numbers]
        counts = {"killed": 0, "survived": 0, "timeout": 0}
        survivors = []
        for number, mutation_id in enumerate(ids, start=1):
            mutated, _ = mutate(Context(source=original, mutation_id=mutation_id, filename=source))
            target.write_text(mutated)
            try:
                result = tests_runner.run(timeout)
            finally:
                target.write_text(original)
            counts[result] += 1
            if result == "survived":
                line, before, after = changed_lines(original, mutated)
                survivors.append({"number": numbers[number - 1], "line": line, "before": before, "after": after,
                                  "equivalent": EQUIVALENT.get((name, before, after))})  # fmt: skip
                # At once too: a run cut short still says what survived.
                print(f"[{name}] #{numbers[number - 1]} survived (line {line}): {before} -> {after}", file=sys.stderr, flush=True)
            if number % 10 == 0 or number == len(ids):
                print(f"[{name}] {number}/{len(ids)} {counts} {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        tests_runner.close()
        return {"name": name, "counts": counts, "survivors": survivors, "seconds": time.monotonic() - started, "of": every}
    except RuntimeError as failure:
        return {"name": name, "error": str(failure)}
    finally:
        if keep:
            print(f"[{name}] kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(result: dict) -> float | None:
    name = result["name"]
    if "error" in result:
        print(f"\n== {name}: could not run\n{result['error']}")
        return None
    counts = result["counts"]
    total = sum(counts.values())
    equivalent = sum(1 for s in result["survivors"] if s["equivalent"])
    # A timeout means the tests noticed (an endless loop): counted as caught.
    caught = counts["killed"] + counts["timeout"]
    score = 100 * caught / max(total - equivalent, 1)
    print(
        f"\n== {name} ({MODULES[name][0]}): {total} mutants, {counts['killed']} killed, {counts['timeout']} timed out, "
        f"{counts['survived']} survived ({equivalent} equivalent); score {score:.1f} % in {result['seconds']:.0f} s"
        + (f" (a sample of {total} of its {result['of']} mutants)" if result["of"] > total else "")
    )
    for s in result["survivors"]:
        tag = f"equivalent: {s['equivalent']}" if s["equivalent"] else "SURVIVED"
        print(f"  #{s['number']} line {s['line']} [{tag}]\n    - {s['before']}\n    + {s['after']}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help=f"any of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2), help="modules at once (at most 2)")
    parser.add_argument("--keep", action="store_true", help="keep each module's work folder")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="test only N mutants per module, evenly spread")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, run nothing")
    parser.add_argument("--only", default="", metavar="N,N", help="only these mutants of the module, by their #number")
    args = parser.parse_args()
    chosen = args.modules or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
    if args.list:
        for name in chosen:
            print(f"{name}: {MODULES[name][0]} <- {' '.join(MODULES[name][1])}")
        return 0
    ensure_mutmut()
    print(f"mutating {', '.join(chosen)} ({args.jobs} at a time, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    with ThreadPoolExecutor(args.jobs) as pool:
        only = [int(n) for n in args.only.split(",") if n.strip()]
        results = list(pool.map(lambda m: run_module(m, args.keep, args.sample, only), chosen))
    scores = {r["name"]: report(r) for r in results}
    print("\nmodule            score")
    for name, score in scores.items():
        print(f"{name:<17} {'error' if score is None else f'{score:5.1f} %'}")
    return 0 if all(s is not None and s >= 90 for s in scores.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
