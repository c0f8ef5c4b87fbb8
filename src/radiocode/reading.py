"""Read whatever a person typed or copied off a radio label.

:func:`read` takes a precode (``A123``, ``a-123``, ``Ａ１２３``), a whole label
line (``281150198RT A583``) or a mistaken number (a part number, a VIN) and
returns one :class:`Reading`: the precode it found and its code, what kind of
input it was, every plausible alternative when characters look alike, and a
message for the person. It never raises for text; an unusable input gives a
reading whose ``error`` says what was wrong and what to try.

>>> reading = read("281150198RT A583")
>>> reading.precode, reading.code, reading.kind
('A583', '0461', 'label')
>>> [(c.precode, c.code) for c in read("0818").candidates]
[('O818', '1126'), ('Q818', '9120'), ('D818', '3129')]
>>> read("7700 434 436").error.type
'not_a_precode'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, product, repeat
from operator import not_
from typing import Any

from radiocode import kinds
from radiocode.exceptions import (
    EmptyInput,
    InputTooLong,
    InvalidFormat,
    NonexistentPrecode,
    NoPrecodeFound,
    NotAPrecode,
    NotComputable,
    ValidationError,
)
from radiocode.i18n import Message, N_
from radiocode.radios.renault import _FULL_WIDTH, _code, validate

__all__ = ["Candidate", "Reading", "read", "reading_key", "reading_keys", "KEY_CASE", "KEY_DROP", "MAX_INPUT_LENGTH"]

#: Longer than any label; longer input is refused before it is read.
MAX_INPUT_LENGTH = 500

# Where a digit belongs, these letters are misreadings of one digit.
DIGIT_LOOKALIKES = {
    "O": "0", "o": "0", "Q": "0", "D": "0",
    "I": "1", "i": "1", "l": "1", "|": "1", "!": "1",
    "Z": "2", "z": "2",
    "S": "5", "s": "5",
    "G": "6", "b": "6",
    "B": "8",
    "g": "9", "q": "9",
}  # fmt: skip

# Where the letter belongs, a digit is a misreading of these letters, most likely first.
# OCR reads T as 1 (T728 -> 1728) and J as | on labels.
LETTER_LOOKALIKES = {"0": "OQD", "1": "IT", "|": "IJ", "2": "Z", "5": "S", "8": "B"}

# Letters that are easy to confuse with each other on a worn label.
LETTER_GROUPS = {"O": "OQD", "Q": "QOD", "D": "DOQ", "l": "LI"}

HINTS = {
    "O": N_("O is a plain round ring."),
    "Q": N_("Q has a small tail at the bottom right."),
    "D": N_("D has a straight left side."),
    "I": N_("I is a single straight stroke."),
    "L": N_("L has a foot to the right."),
}

# Words printed before the precode on labels (OCR may read O as 0).
KEYWORDS = frozenset({"CODE", "PRECODE", "SECURITY", "SECURITYCODE"})

# Split label text into tokens; "/" stays inside tokens (22DC449/62).
_TOKEN_SPLIT = re.compile(r"[\s:;,()\[\]{}#=*\"'<>]+")
_TOKEN_JOINERS = str.maketrans("", "", "-._\u00b7\u30fb")
_STRICT = re.compile(r"[A-Z][0-9]{3}")
_SIMPLE = re.compile(r" *([A-Za-z])[ .-]?([0-9])([0-9])([0-9]) *")
# The serial before the precode on barcode labels: digits, R, then T (281150198RT).
_SERIAL_T = re.compile(r"(?:[0-9]+R?)?T")
# A whole barcode line, serial then precode: the common label input, read without tokenising.
_SERIAL_LINE = re.compile(r" *(?:[0-9]+R?)?T +([A-Za-z][0-9]{3}) *")
# A keyword with the precode stuck to it, as OCR gives it: SECURITYW043.
_KEYWORD_PREFIX = re.compile(r"(?:PRE)?C[O0]DE|SECURITY(?:C[O0]DE)?")
# "T0O818": unsure whether the letter is 0 or O, people type both (domain facts §2).
_DOUBLED_LETTER = re.compile(r"((?:[0-9]+R?)?T)?[0OQD]{2}([0-9]{3})")
_ASCII_DIGITS = frozenset("0123456789")
_CLEANUP = str.maketrans(
    {
        **_FULL_WIDTH,
        **{ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\v\f"},
        **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"},
        **{ord(c): None for c in "\u00ad\u200b\u2060\ufeff"},
    }
)

# How much a candidate is to be believed, by where it was found.
_AFTER_KEYWORD, _WHOLE_INPUT, _AFTER_T, _TOKEN, _SUFFIX = 5, 4, 3, 2, 1


@dataclass(frozen=True, slots=True)
class Candidate:
    """One plausible precode, its code, and how to tell it from the others."""

    precode: str
    code: str
    hint: Message | None = None

    def to_dict(self, catalog: Any = None) -> dict[str, Any]:
        data: dict[str, Any] = {"precode": self.precode, "code": self.code}
        if self.hint is not None:
            data["hint"] = self.hint.render(catalog)
        return data


@dataclass(frozen=True, slots=True)
class Reading:
    """What radiocode made of one input."""

    kind: str
    precode: str | None = None
    code: str | None = None
    alternatives: tuple[Candidate, ...] = ()
    messages: tuple[Message, ...] = ()
    error: ValidationError | None = None
    corrected: bool = False
    computable: bool = True
    #: The radio family that read the input (an id of radiocode.radios.RADIOS); None when
    #: the input fits several and the person has to choose (see by_radio).
    radio: str | None = "renault"
    #: What was read, for radios whose input is not a precode: a serial such as M140687.
    number: str | None = None
    #: How other radio families read the same input, when it carries no mark of its radio
    #: (four digits: a Fiat VP or Daiichi number as well as a look-alike precode).
    by_radio: tuple[Reading, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def number_read(self) -> str | None:
        """The number the code comes from: the precode, or the serial of another radio."""
        return self.number if self.number is not None else self.precode

    @property
    def letter_in_doubt(self) -> bool:
        """Whether an alternative differs from the precode by its letter only (a look-alike), not a second precode found elsewhere.

        >>> read("Q555").letter_in_doubt, read("CODE T728 9074RT S049").letter_in_doubt
        (True, False)
        """
        return self.precode is not None and any(c.precode[1:] == self.precode[1:] for c in self.alternatives)

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        """The chosen reading first, then the alternatives."""
        if self.precode is None or self.code is None:
            return ()
        return (Candidate(self.precode, self.code, _hint(self.precode) if self.alternatives else None), *self.alternatives)

    def message(self, catalog: Any = None) -> str:
        """Everything the person should read, in the language of `catalog`."""
        if self.error is not None:
            return self.error.render(catalog)
        return " ".join(message.render(catalog) for message in self.messages)

    def to_dict(self, catalog: Any = None, *, radios: bool = False) -> dict[str, Any]:
        """The reading as JSON-ready data (the API's and the CLI's shape).

        A Renault reading keeps the shape it always had (tests/cases/readings.json and
        core.js pin it); a reading by another radio, or `radios=True`, adds the radio,
        the number read, the error type and the other radios' readings.
        """
        data = {
            "precode": self.precode,
            "code": self.code,
            "kind": self.kind,
            "alternatives": [candidate.to_dict(catalog) for candidate in self.alternatives],
            "corrected": self.corrected,
            "computable": self.computable,
            "message": self.message(catalog),
        }
        if radios or self.radio != "renault":
            data["radio"] = self.radio
            data["number"] = self.number_read
            data["error"] = self.error.type if self.error is not None else None
            data["by_radio"] = [reading.to_dict(catalog, radios=True) for reading in self.by_radio]
        return data


def _hint(precode: str) -> Message | None:
    hint = HINTS.get(precode[0])
    return Message(hint) if hint else None


def _readings(chars: str, nonexistent: bool = False) -> list[str]:
    """Every precode that four typed characters may stand for, most likely first.

    A000 to A099 are left out, unless `nonexistent` asks for them.
    """
    first = chars[0]
    if _STRICT.fullmatch(chars) and first not in LETTER_GROUPS:
        # Nothing to correct and no look-alike letter: the common case.
        return [chars] if nonexistent or chars[0] != "A" or chars[1] != "0" else []
    if first in LETTER_GROUPS:
        letters = LETTER_GROUPS[first]
    elif first in "oqd":
        letters = LETTER_GROUPS[first.upper()]
    elif first.isascii() and first.isalpha():
        letters = first.upper()
    else:
        letters = LETTER_LOOKALIKES.get(first, "")
    digits = []
    for char in chars[1:]:
        if "0" <= char <= "9":
            digits.append(char)
        elif char in DIGIT_LOOKALIKES:
            digits.append(DIGIT_LOOKALIKES[char])
        else:
            return []
    found = []
    for letter, *rest in product(letters, *digits):
        precode = letter + "".join(rest)
        if (nonexistent or not (letter == "A" and rest[0] == "0")) and precode not in found:
            found.append(precode)
    return found


@dataclass
class _Found:
    precode: str
    rank: int
    position: int
    typed: str
    group: list[str]


def _error(error: ValidationError, kind: str = "invalid", computable: bool = True) -> Reading:
    return Reading(kind=kind, error=error, computable=computable)


def _clean(text: str) -> str:
    return text.translate(_CLEANUP).strip()


def _tokens(text: str) -> list[str]:
    # Joiners are never split characters, so dropping them first is the same.
    return [token for token in _TOKEN_SPLIT.split(text.translate(_TOKEN_JOINERS)) if token]


def _is_keyword(token: str) -> bool:
    # Tokens hold no dash: _tokens drops them as joiners.
    return token.upper().replace("0", "O") in KEYWORDS


def _search_label(tokens: list[str], impossible: list[str]) -> list[_Found]:
    """Precode candidates in label tokens, by the rules that hold on real labels; adds to
    `impossible` what stands where a precode would and reads only as one that does not
    exist (A000 to A099)."""
    found: list[_Found] = []
    for position, token in enumerate(tokens):
        upper = token.upper()
        if kinds.identify(upper):  # None for a token shorter than any kind
            continue
        previous = tokens[position - 1].upper() if position else ""
        after_keyword = bool(position) and _is_keyword(previous)
        doubled = _DOUBLED_LETTER.fullmatch(upper)
        if doubled and (doubled.group(1) or _SERIAL_T.fullmatch(previous)):
            readings, rank = _readings("O" + doubled.group(2)), _AFTER_T
            found.append(_Found(readings[0], rank, position, token[-5:], readings))
            continue
        if len(token) > 4 and _KEYWORD_PREFIX.fullmatch(upper[:-4]):
            readings = _readings(token[-4:])
            if readings:
                found.append(_Found(readings[0], _AFTER_KEYWORD, position, token[-4:], readings))
            else:
                impossible += _readings(token[-4:], nonexistent=True)
            continue
        if len(token) == 4:
            if after_keyword:
                readings, rank = _readings(token), _AFTER_KEYWORD
            elif _SERIAL_T.fullmatch(previous):
                readings, rank = _readings(token), _AFTER_T
            elif _STRICT.fullmatch(token):
                readings, rank = _readings(token), _TOKEN
            else:
                continue
        elif len(token) > 4 and token[-5] not in _ASCII_DIGITS:
            # The last four characters of a longer token, never its middle:
            # BP0490 holds P049 and is not a precode.
            tail = token[-4:]
            if _SERIAL_T.fullmatch(upper[:-4]):
                readings, rank = _readings(tail), _AFTER_T
            elif _STRICT.fullmatch(tail):
                readings, rank = _readings(tail), _SUFFIX
            else:
                continue
        else:
            continue
        if readings:
            found.append(_Found(readings[0], rank, position, token[-4:], readings))
        else:
            impossible += _readings(token[-4:], nonexistent=True)
    return found


def _success(kind: str, found: _Found, others: list[_Found]) -> Reading:
    precode = found.precode
    alternatives = found.group[1:]
    for other in others:
        for p in other.group:
            if p != precode and p not in alternatives:
                alternatives.append(p)
    corrected = found.typed.upper() != precode
    code = _code(precode)
    if kind == "label":
        messages = [Message(N_("We read the precode %(precode)s from your label. Its code is %(code)s."), precode=precode, code=code)]
    elif corrected:
        messages = [Message(N_("We read %(typed)s as the precode %(precode)s: a precode is one letter, then three digits. Its code is %(code)s."), typed=found.typed, precode=precode, code=code)]
    else:
        messages = [Message(N_("The precode %(precode)s gives the code %(code)s."), precode=precode, code=code)]
    if others:
        # Why this one, in words that point at it and never at one of the others.
        names = ", ".join(o.precode for o in others)
        if found.rank == _AFTER_KEYWORD:
            chosen = N_(
                "We chose %(precode)s because the label names it: it follows CODE or SECURITY. We also found %(others)s "
                "on the label. Each gives a different code: check which one your label marks as the precode."
            )
            messages.append(Message(chosen, precode=precode, others=names))
        elif found.rank == _AFTER_T:
            messages.append(Message(N_("We also found %(others)s on the label. The precode is usually the last four characters of the serial, after a T."), others=names))
        else:
            messages.append(Message(N_("We also found %(others)s on the label, and nothing on it says which one is the precode. Each gives a different code: check your label."), others=names))
    if len(found.group) > 1 or any(len(other.group) > 1 for other in others):
        # Only when a letter may be misread: a second precode elsewhere on the label is no look-alike.
        messages.append(Message(N_("Some characters look alike on labels. Before you enter a code, check which of these your label shows: each gives a different code.")))
    candidates = tuple([Candidate(p, _code(p), _hint(p)) for p in alternatives])
    return Reading(kind, precode, code, candidates, tuple(messages), None, corrected)


def _not_a_precode(kind: kinds.NumberKind) -> Reading:
    error_class = NotAPrecode if kind.computable else NotComputable
    return _error(error_class(kind.kind, what=kind.what, where=kind.where), kind.kind, kind.computable)


def read(text: Any) -> Reading:
    """Read `text` as typed or copied off a label; never raises for any input."""
    if not isinstance(text, str):
        return _error(InvalidFormat(N_("Expected the precode as text, like A123, not %(type)s."), type=type(text).__name__))
    if len(text) > MAX_INPUT_LENGTH:
        return _error(InputTooLong(length=len(text), limit=MAX_INPUT_LENGTH))
    return _read_text(text)


# What read() ignores around a typed precode: spaces, dashes and dots, and the case of
# its letter, except "l", which may stand for an I. As tables for the text's UTF-8
# bytes, which translate fast: they change ASCII characters only.
KEY_CASE = bytes.maketrans(b"abcdefghijkmnopqrstuvwxyz", b"ABCDEFGHIJKMNOPQRSTUVWXYZ")
KEY_DROP = b" -."
_TYPED_KEY = re.compile(rb"[A-Zl][0-9]{3}")


def reading_key(text: str) -> bytes | None:
    """A key for `text`: texts with the same key read exactly the same. None for most texts.

    Every spelling of a typed precode has one key, and so has every barcode line
    with the same precode: batch reads once per key, however many rows there are.

    >>> reading_key("a-123") == reading_key("A 123"), reading_key("BP0490")
    (True, None)

    A key of four bytes is the text's UTF-8 bytes translated with KEY_CASE and
    KEY_DROP, for any text up to MAX_INPUT_LENGTH; a barcode line's key holds a
    space, which KEY_DROP drops, so no text translates to it.
    """
    if len(text) > MAX_INPUT_LENGTH:
        return None
    serial = _SERIAL_LINE.fullmatch(text)
    if serial:
        # Never a typed precode as well: the line holds a T and a letter.
        return _serial_key(serial.group(1))
    key = text.encode("utf-8", "surrogatepass").translate(KEY_CASE, KEY_DROP)
    # One letter and three digits among spaces, dashes and dots: _SIMPLE or the token
    # path reads these four characters, and a lower-case letter as its capital.
    return key if _TYPED_KEY.fullmatch(key) else None


def reading_keys(texts: Sequence[str]) -> list[bytes | None]:
    """:func:`reading_key` of each text, for many texts at once: the same keys, the
    per-text work done in C (for batch runs, where a third of a mixed fleet's cells
    are barcode lines and serials seen once).

    >>> reading_keys(["a-123", "281150198RT A583", "BP0490"])
    [b'A123', b'T A583', None]
    """
    if max(map(len, texts), default=0) > MAX_INPUT_LENGTH:
        return list(map(reading_key, texts))
    keys: list[bytes | None] = [None] * len(texts)
    lines = list(map(_SERIAL_LINE.fullmatch, texts))
    found = list(compress(range(len(texts)), lines))
    if found:
        chars = map(re.Match.group, map(lines.__getitem__, found), repeat(1))
        list(map(keys.__setitem__, found, map(_serial_key, chars)))
    others = list(compress(range(len(texts)), map(not_, lines)))
    translated = list(map(bytes.translate, map(str.encode, map(texts.__getitem__, others), repeat("utf-8"), repeat("surrogatepass")), repeat(KEY_CASE), repeat(KEY_DROP)))
    typed = list(compress(range(len(others)), map(_TYPED_KEY.fullmatch, translated)))
    list(map(keys.__setitem__, map(others.__getitem__, typed), map(translated.__getitem__, typed)))
    return keys


@functools.cache  # one ASCII letter and three digits: at most 52,000
def _serial_key(chars: str) -> bytes | None:
    """The key of the barcode lines that end in `chars`: _read_text reads them all as
    _read_after_serial(chars), unless that is None (`chars` read as no precode)."""
    return b"T " + chars.encode().translate(KEY_CASE) if _readings(chars) else None


# Readings are immutable, so the same four characters may share one.
@functools.lru_cache(maxsize=65_536)
def _read_four(chars: str) -> Reading | None:
    """Four characters typed as the whole input; None when they are no precode at all."""
    readings = _readings(chars)
    if readings:
        return _success("precode", _Found(readings[0], _WHOLE_INPUT, 0, chars, readings), [])
    impossible = _readings(chars, nonexistent=True)
    if impossible:
        return _error(NonexistentPrecode(precode=impossible[0]))
    return None


# The reading of a barcode line does not depend on its serial: one per precode.
@functools.lru_cache(maxsize=65_536)
def _read_after_serial(chars: str) -> Reading | None:
    """The four characters after a serial ending in T; None when they read as no precode."""
    readings = _readings(chars)
    if not readings:
        return None
    return _success("label", _Found(readings[0], _AFTER_T, 1, chars, readings), [])


# Readings are immutable, so the same text may share one.
@functools.lru_cache(maxsize=65_536)
def _read_text(text: str) -> Reading:
    simple = _SIMPLE.fullmatch(text)
    if simple:
        # Cheapest first: the same four characters the token path would squeeze. An ASCII
        # letter and three digits always read, as a precode or as one that does not exist.
        return _read_four("".join(simple.groups()))
    serial_line = _SERIAL_LINE.fullmatch(text)
    if serial_line:
        # What the token path finds on such a line: the serial holds no candidate.
        after = _read_after_serial(serial_line.group(1))
        if after is not None:
            return after
    text = _clean(text)
    if not text:
        return _error(EmptyInput(), "empty")
    written = kinds.identify_written_part_number(text)
    if written is not None:
        return _not_a_precode(written)

    tokens = _tokens(text)
    squeezed = "".join(tokens)
    # The whole input is one precode, perhaps with separators or look-alikes. (No keyword
    # is shorter than four characters, so four characters are never a keyword and more.)
    if len(squeezed) == 4:
        whole = _read_four(squeezed)
        if whole is not None:
            return whole

    impossible: list[str] = []
    found = _search_label(tokens, impossible)
    if found:
        best = max(found, key=lambda f: (f.rank, f.position))
        others = [f for f in found if f.precode != best.precode and f.precode not in best.group]
        return _success("label", best, others)
    if impossible:
        # Where the precode would be, one that cannot exist: most likely misread.
        return _error(NonexistentPrecode(precode=impossible[0]))

    whole = kinds.identify(squeezed)
    if whole is not None:
        return _not_a_precode(whole)

    for size in (1, 2, 3, 4):
        for start in range(len(tokens) - size + 1):
            kind = kinds.identify("".join(tokens[start : start + size]))
            if kind is not None:
                return _not_a_precode(kind)
    named = kinds.identify_radio_name(text)
    if named is not None:
        return _not_a_precode(named)

    if len(tokens) == 1 or len(squeezed) <= 6:
        # One word: the person meant a precode; say what is wrong with it.
        try:
            validate(squeezed)
        except ValidationError as error:
            return _error(error)
    return _error(NoPrecodeFound(), "unknown")
