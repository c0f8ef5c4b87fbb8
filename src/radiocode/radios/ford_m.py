"""Ford M-series serial (M and six digits) and its radio code.

Ford radios such as the 6000CD, the 4500 RDS (FDC200) and Sony units carry a
serial of M or V and six digits on a white label on the casing; many also show
it in the display scroll of presets 1 and 6 (or 6, then 2). A public method turns
an M serial into the 4-digit code. V serials have none: a Ford dealer or a paid
decoding service gives their code.

Sources: ``../shared/domain-facts-brands.md`` §1 (serials, entry, lockout),
§7.1 (test vectors: three sets of Ford paperwork agree), §10.1 (the method).

>>> validate("m 140687")
'M140687'
>>> radio_code("M140687")
'8593'
>>> radio_code("V123456")
Traceback (most recent call last):
    ...
radiocode.exceptions.NotComputable: V serials have no public method to work out the code. A Ford dealer can give it to you (bring proof that the car is yours), or a paid decoding service.
>>> validate("M87042")
Traceback (most recent call last):
    ...
radiocode.exceptions.InvalidLength: A Ford serial is M or V and six digits, like M123456. M87042 has 5 digits: check the label again.
>>> format("m140687")
'M140687'
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import (
    EmptyInput,
    InvalidCharacters,
    InvalidFormat,
    InvalidLength,
    NotASerial,
    NotComputable,
    ValidationError,
)
from radiocode.i18n import Message, N_
from radiocode.kinds import NumberKind
from radiocode.radios import _ford_algorithm
from radiocode.radios.records import (
    Claim,
    Disagreement,
    EntryVariant,
    Evidence,
    InputRule,
    Radio,
    Vector,
)
from radiocode.radios.renault import compact as _compact_text

__all__ = ["compact", "validate", "is_valid", "format", "radio_code", "table", "find", "quick_read", "quick_reads", "read", "RADIO", "COUNT", "VECTORS"]

#: How many M serials exist: M000000 to M999999.
COUNT = 1_000_000

_ALNUM = frozenset(string.ascii_uppercase + string.digits)
# ASCII only: \d also accepts digits such as "³" and "١".
_SERIAL = re.compile(r"([MV])(0?)([0-9]{6})")
# In pasted text: M or V, perhaps a space or dash, an optional leading 0, six digits, and
# nothing more of the word after them (DPMV5H255 and "MV 50702000" hold no serial).
_IN_TEXT = re.compile(r"(?<![0-9])([MV])[ -]?(0?)([0-9]{6})(?![0-9A-Z])")
# "MO11936": the letter O typed for a zero (domain-facts-brands §1.5).
_O_FOR_ZERO = re.compile(r"(?<![0-9A-Z])([MV])[ -]?((?=[0-9O]*O)[0-9O]{6})(?![0-9A-Z])")
# M or V with too few or too many digits, typed as the whole input.
_WRONG_LENGTH = re.compile(r"([MV])([0-9]{1,5}|[0-9]{7,9})")

WHERE_SERIAL = Message(
    N_(
        "The serial is M or V and six digits, like M123456. It is on a white label on the "
        "radio's casing, and many radios show it when you hold presets 1 and 6 with the "
        "radio on: it is the M or V with six digits in the scroll, often the last."
    )
)
DEALER = Message(
    N_(
        "V serials have no public method to work out the code. A Ford dealer can give it to "
        "you (bring proof that the car is yours), or a paid decoding service."
    )
)


# Their `computable` stays at its default: a Ford reading takes it from its error (see _error).
def _kind(kind: str, what: str, pattern: str) -> NumberKind:
    return NumberKind(kind, Message(what), WHERE_SERIAL, re.compile(pattern))


# Text that people take for the serial (domain-facts-brands §1.5). Patterns run on the
# compacted text: upper case, no spaces, dashes or dots.
LOOKALIKES: tuple[NumberKind, ...] = (
    _kind("ford_model_name", N_("This is the name of a Ford radio model."),
          r"FDC200|FD600A|FD5000|CD6000|6000(?:CD|NE)[A-Z]*|4500RDS[A-Z]*|(?:SONY)?1326CD"),
    _kind("ford_scroll_line", N_("This is a build or configuration line from the radio's display scroll."),
          r"(?:MV)?507[0-9]{5}|ACUCFG[0-9]{6}|D[OP]MV5H[0-9]*|HLA[0-9]{2}/?[A-Z]{3}/?[0-9]{2,}|BEZELSW[0-9]*|BOOT[0-9A-Z]+|CDSW[0-9]+|SW[0-9]{3}"),
)  # fmt: skip
# Ford part numbers keep their dashes: prefix, basic part number, suffix (F4ZZ-6E086-A).
# The shape is documented; reading it as "not the serial" is our inference.
_PART_NUMBER = NumberKind(
    "ford_part_number",
    Message(N_("This looks like a Ford part number (like F4ZZ-6E086-A): it names a kind of part.")),
    WHERE_SERIAL,
    re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{5,6}-[A-Z]{1,2}"),
)
_ANY_LOOKALIKE = re.compile("|".join(f"(?P<{k.kind}>{k.pattern.pattern})" for k in LOOKALIKES))
_BY_KIND = {k.kind: k for k in LOOKALIKES}
_MODEL_NAME = _BY_KIND["ford_model_name"].pattern
_WORDS = re.compile(r"[\s,;:()]+")


def compact(number: str) -> str:
    """Strip separators, turn full-width forms into ASCII, upper-case; no checks."""
    return _compact_text(number)


def _not_computable(serial: str) -> NotComputable:
    return NotComputable("ford_v_serial", DEALER.msgid, serial=serial)


def validate(number: Any) -> str:
    """Return the serial as M and six digits, or raise a :class:`ValidationError`.

    A V serial raises :class:`NotComputable`; M with a 0 and six digits (a 7-digit
    serial) is read without that 0, as one program's instructions say.
    """
    if not isinstance(number, str):
        raise InvalidFormat(N_("Expected the serial as text, like M123456, not %(type)s."), type=type(number).__name__)
    number = compact(number)
    if not number:
        raise EmptyInput(N_("Type the serial from your radio's label, like M123456."))
    bad = sorted(set(number) - _ALNUM)
    if bad:
        raise InvalidCharacters(N_("A Ford serial is M or V and six digits, like M123456. These characters cannot be in it: %(chars)s"), chars=" ".join(bad[:10]))
    serial = _SERIAL.fullmatch(number)
    if serial:
        letter, _, digits = serial.groups()
        if letter == "V":
            raise _not_computable(letter + digits)
        return letter + digits
    wrong = _WRONG_LENGTH.fullmatch(number)
    if wrong:
        raise InvalidLength(
            N_("A Ford serial is M or V and six digits, like M123456. %(number)s has %(digits)d digits: check the label again."),
            number=number,
            digits=len(wrong.group(2)),
        )
    if number.isdigit():
        raise InvalidFormat(
            N_("A Ford serial starts with M or V, then six digits, like M123456. Type the letter too: only M serials have a public method."),
        )
    raise InvalidFormat(N_("A Ford serial is M or V and six digits, like M123456. %(number)s is not: check each character on the label."), number=number)


def is_valid(number: Any) -> bool:
    """Whether `number` is an M serial whose code can be worked out; never raises."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    """The serial as printed: ``M123456``."""
    return compact(number)


def radio_code(number: Any) -> str:
    """The 4-digit radio code for an M serial, as a zero-padded string."""
    return _ford_algorithm.code(validate(number)[1:])


def table() -> Iterator[tuple[str, str]]:
    """Every (serial, code) pair, M000000 to M999999, in order."""
    tails = ["%03d" % low for low in range(1000)]
    for high, codes in enumerate(_ford_algorithm.codes()):
        prefix = "M%03d" % high
        yield from zip([prefix + tail for tail in tails], codes)


def table_lines() -> Iterator[str]:
    """The table as CSV text, a block of 1,000 lines at a time (for the CLI: fast)."""
    tails = ["%03d," % low for low in range(1000)]
    for high, codes in enumerate(_ford_algorithm.codes()):
        prefix = "M%03d" % high
        yield prefix + ("\n" + prefix).join(map(str.__add__, tails, codes)) + "\n"


def _found(letter: str, digits: str, kind: str, typed: str, corrected: bool = False, dropped_zero: bool = False) -> _reading.Reading:
    serial = letter + digits
    if letter == "V":
        return _reading.Reading(kind, error=_not_computable(serial), computable=False, radio=RADIO_ID, number=serial)
    code = _ford_algorithm.code(digits)
    if dropped_zero:
        # One program's instructions (a single source): for 7 digits, drop the first 0.
        message = Message(N_("We read %(typed)s as the serial %(serial)s: a Ford serial has six digits, and one source says to drop the first 0 of a seven-digit one. Its code is %(code)s."), typed=typed, serial=serial, code=code)
        return _reading.Reading(kind, code=code, messages=(message,), corrected=True, radio=RADIO_ID, number=serial)
    if corrected:
        message = Message(N_("We read %(typed)s as the serial %(serial)s: a Ford serial is M and six digits, and O is not a digit. Its code is %(code)s."), typed=typed, serial=serial, code=code)
    elif kind == "scroll":
        message = Message(N_("We found the serial %(serial)s in your text: the last M or V with six digits. Its code is %(code)s."), serial=serial, code=code)
    else:
        message = Message(N_("The serial %(serial)s gives the code %(code)s."), serial=serial, code=code)
    return _reading.Reading(kind, code=code, messages=(message,), corrected=corrected, radio=RADIO_ID, number=serial)


def _error(error: ValidationError, kind: str = "invalid") -> _reading.Reading:
    return _reading.Reading(kind, error=error, computable=not isinstance(error, NotComputable), radio=RADIO_ID)


def _lookalike(kind: NumberKind) -> _reading.Reading:
    return _error(NotASerial(kind.kind, what=kind.what, where=kind.where), kind.kind)


def find(text: str) -> _reading.Reading | None:
    """The reading of `text` when it says it is a Ford serial or a Ford look-alike; else None.

    The serial is the last M or V with six digits that stands as a whole (a display
    scroll ends with it); never part of a longer word or number.
    """
    upper = text.upper()
    squeezed = compact(upper)
    whole = _SERIAL.fullmatch(squeezed)
    if whole:
        # The whole input is one serial, whatever separators it holds (M 14 06 87).
        letter, zero, digits = whole.groups()
        return _found(letter, digits, "serial", text.strip(), dropped_zero=bool(zero))
    matches = list(_IN_TEXT.finditer(upper))
    if matches:
        last = matches[-1]
        letter, zero, digits = last.groups()
        # Never the whole text: a serial with only separators around it has returned above.
        return _found(letter, digits, "scroll", last.group(0), dropped_zero=bool(zero))
    typo = _O_FOR_ZERO.search(upper)
    if typo:
        letter, digits = typo.group(1), typo.group(2).replace("O", "0")
        return _found(letter, digits, "serial", typo.group(0), corrected=True)
    if _WRONG_LENGTH.fullmatch(squeezed) and len(squeezed) >= 6:
        # M87042, M1234567: a serial with digits missing or extra; refused, never guessed.
        try:
            validate(squeezed)
        except ValidationError as error:
            return _error(error)
    if _PART_NUMBER.pattern.fullmatch(upper.strip()):
        return _lookalike(_PART_NUMBER)
    lookalike = _ANY_LOOKALIKE.fullmatch(squeezed)
    if lookalike and lookalike.lastgroup:
        return _lookalike(_BY_KIND[lookalike.lastgroup])
    # A Ford model name among other words (Unit Type FDC200 ...): Ford text with no serial
    # in it, where the Renault reader would take C200 for a precode.
    tokens = [compact(token) for token in _WORDS.split(upper) if token]
    for size in (1, 2):
        for start in range(len(tokens) - size + 1):
            if _MODEL_NAME.fullmatch("".join(tokens[start : start + size])):
                return _lookalike(_BY_KIND["ford_model_name"])
    return None


_TYPED_SERIAL = re.compile(r"[Mm]([0-9]{6})")


def quick_read(text: str) -> tuple[str, str, str] | None:
    """(code, serial, kind) when `text` is exactly an M serial as typed (M123456), else None.

    The same answer as :func:`find` gives such a text, without building a reading: for
    batch runs over fleets with many serials (the tests check it on every serial form).
    """
    serial = _TYPED_SERIAL.fullmatch(text)
    if serial is None:
        return None
    digits = serial.group(1)
    return _ford_algorithm.code(digits), "M" + digits, "serial"


def quick_reads(texts: Sequence[str]) -> list[tuple[str, str, str] | None]:
    """:func:`quick_read` of each text, for many texts at once (a fleet's column):
    the same answers, with the pattern and the look-ups done in C.

    >>> quick_reads(["M140687", "V123456", "m083988"])
    [('8593', 'M140687', 'serial'), None, ('9557', 'M083988', 'serial')]
    """
    serials = list(map(_TYPED_SERIAL.fullmatch, texts))
    found: list[tuple[str, str, str] | None] = [None] * len(texts)
    hits = list(compress(range(len(texts)), serials))
    digits = list(map(re.Match.group, map(serials.__getitem__, hits), repeat(1)))
    list(map(found.__setitem__, hits, zip(map(_ford_algorithm.code, digits), map("M".__add__, digits), repeat("serial"))))
    return found


def read(text: str) -> _reading.Reading:
    """Read `text` as the serial of a Ford M-series radio (the radio is known)."""
    found = find(text) if isinstance(text, str) else None
    if found is not None:
        return found
    # find() has read every text that validate() accepts (the same pattern on the same compacted
    # text): what is left is refused, and validate() says why. The last line is never reached;
    # if it ever were, the serial's code is still the right answer (never a crash).
    try:
        serial = validate(text)
    except ValidationError as error:
        return _error(error)
    return _found(serial[0], serial[1:], "serial", serial)


RADIO_ID = "ford-m"

_ORDINAL = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth")}


def entry_steps(code: str) -> list[Message]:
    """Presets 1 to 4 set the digits, preset 5 enters the code (domain-facts-brands §1.3)."""
    steps = [Message(N_("Switch the radio on. The display shows CODE."))]
    for position, digit in enumerate(map(int, code), start=1):
        steps.append(Message(N_("Press preset %(button)d until the %(ordinal)s digit shows %(digit)d."), button=position, ordinal=Message(_ORDINAL[position]), digit=digit))
    steps.append(Message(N_("Press preset 5 to enter the code.")))
    return steps


#: Serial and code pairs from the sources (domain-facts-brands §7.1), strongest first.
VECTORS: tuple[Vector, ...] = (
    Vector("M140687", "8593", "paperwork", ("FFRC-191",), "Radio sticker in a 2005 Fiesta service book (FDC200). The radio in that car refused it: probably another unit."),
    Vector("M083988", "9557", "paperwork", ("FFRC-6367",), "Glovebox paperwork, 05/06 Focus (fdc200). The helper wrote 9577, probably a typo."),
    Vector("M030063", "0447", "paperwork", ("MSE",), "The owner's book says 0447; a helper gave 0447 independently."),
    Vector("M036972", "6471", "user_confirmed", ("FFRC-20536",), "The owner replied: it works."),
    Vector("M027154", "8049", "helper", ("FFRC-20536",), "Sony 132-6cd."),
    Vector("M087042", "9124", "helper", ("FN",)),
    Vector("M027078", "1810", "helper", ("FN",)),
    Vector("M011936", "3128", "helper", ("MSE",), "Typed as MO11936 by the owner."),
    Vector("M123456", "2487", "vendor_test", ("PL",)),
    Vector("M999999", "4968", "vendor_test", ("PL",), "PELock's test for the Fiat Stilo/Bravo Visteon, 999999."),
    Vector("M212365", "3633", "refused_by_radio", ("FIX-382480",), "The owner had this code, but the radio refused it."),
)

RADIO = Radio(
    id=RADIO_ID,
    name=Message(N_("Ford M-series (serial M and six digits)")),
    makes=("Ford",),
    input_rule=InputRule(
        pattern="^[Mm][0-9]{6}$",
        length=7,
        example="M123456",
        description=Message(N_("M and six digits, like M123456.")),
    ),
    number_name=Message(N_("serial")),
    vehicles=(
        Claim(Message(N_("M serials have been reported on 6000CD, 4500 RDS (FDC200), FD 600A and Sony units in the Fiesta, Focus, Focus C-Max, Ka, Mondeo and Escort.")), ("FFRC", "MSE", "FN", "HJ3", "FIX-475400", "HJ2", "FOC"), "two_or_more"),
        Claim(Message(N_("No source gives an official list of which models and years have M or V serials.")), (), "none"),
    ),
    where_to_find=(
        Claim(Message(N_("A white label on the radio's metal casing. Its place varies: side, top or bottom. The radio has to be pulled out to see it.")), ("HJ1", "HJ2", "FFRC", "RCP"), "two_or_more"),
        Claim(Message(N_("With the radio on, hold presets 1 and 6 (on some radios 2 and 6). The display scrolls through several numbers: the serial is the M or V with six digits, often the last.")), ("HJ1", "HJ2", "RCP", "RCL", "ARB", "CMAX"), "two_or_more"),
        Claim(Message(N_("Or hold preset 6, then press preset 2. On some radios this works even while they ask for the code.")), ("FFRC", "HTM", "FOC"), "two_or_more"),
        Claim(Message(N_("In the scroll the serial can sit at the end of a longer word. Lines such as 50702000 or ACU CFG 820208 are not the serial.")), ("CMAX", "FFRC", "FOC", "FFRC-20536"), "two_or_more"),
        Claim(Message(N_("These display methods do not work on every radio. If yours shows no serial, take the radio out and read its label.")), ("FOC", "FFRC-20536"), "two_or_more"),
        Claim(Message(N_("The code may be in the car's papers: a Radio Passport, a Keycode label, a sticker in the service book or the audio booklet.")), ("HAY", "FFRC-191", "TAB", "OCUK", "MSE"), "two_or_more"),
        Claim(Message(N_("Papers can belong to another radio. Check that the serial in the papers matches the label on the radio.")), ("FFRC-6367", "FIX-475400", "FFRC-191"), "two_or_more"),
        Claim(Message(N_("Some previous owners wrote the code on the radio casing.")), ("SE", "FFRC-6367"), "two_or_more"),
    ),
    variants=(
        EntryVariant("presets", Message(N_("Presets 1 to 4 set the digits, preset 5 enters the code")), entry_steps),
    ),
    lockout=(
        Claim(Message(N_("After wrong codes the display shows WAIT and counts down 30 minutes. Leave the radio switched on until it ends.")), ("RCF", "FFRC-191", "OCUK", "FOC"), "two_or_more"),
        Claim(Message(N_("On one radio the countdown only moved while the radio was on; leaving the engine off for long started it again at 30 minutes.")), ("FOC",), "one"),
        Claim(Message(N_("LOCKED 10: switch the radio off, hold preset 6, switch the radio on and keep holding until the display shows CODE again.")), ("HJ3", "SE", "RCF", "HJ4", "TAB"), "two_or_more"),
        Claim(Message(N_("LOCKED 13 is final for an owner: a Ford dealer or a radio specialist has to unlock the radio.")), ("HJ3", "RCF", "SE", "FN"), "two_or_more"),
    ),
    disagreements=(
        Disagreement(
            Message(N_("How many tries in all")),
            (
                Claim(Message(N_("A workshop manual: only ten attempts; after ten the radio stays dead until Ford reprograms it.")), ("HAY", "TAB"), "one"),
                Claim(Message(N_("Owners' forums: LOCKED 10 can be cleared with preset 6; the radio is final only at LOCKED 13.")), ("HJ3", "SE", "RCF", "HJ4", "FFRC-191"), "two_or_more"),
            ),
            Message(N_("Stop trying at LOCKED 10 and get help.")),
        ),
        Disagreement(
            Message(N_("How long to hold preset 6 for the LOCKED 10 reset")),
            (
                Claim(Message(N_("10 seconds.")), ("RCF",), "one"),
                Claim(Message(N_("15 to 20 seconds.")), ("HJ4", "TAB"), "two_or_more"),
            ),
        ),
        Disagreement(
            Message(N_("How many tries the reset gives")),
            (
                Claim(Message(N_("Three more tries, then LOCKED 13.")), ("HJ3", "FFRC-191"), "two_or_more"),
                Claim(Message(N_("One more try.")), ("HJ4",), "one"),
            ),
        ),
    ),
    evidence=Evidence(
        summary=Message(N_("Three sets of Ford's own paperwork print the code this method gives for their serial. One owner said a code worked. Forum helpers' answers and a code seller's tests give the same codes.")),
        vectors=VECTORS,
        checks=(
            Claim(Message(N_("The method was checked against a published table of all 1,000,000 M serials: they agree.")), ("NR",), "one"),
        ),
        caveats=(
            Claim(Message(N_("A right code can still be refused: the radio may have been swapped or recoded. Check the serial on the radio itself.")), ("FIX-382480", "FFRC-6367"), "one"),
            Claim(Message(N_("V serials have no public method: a Ford dealer or a decoding service gives their code.")), ("HJ1", "HJ2", "DO", "NR", "PL"), "two_or_more"),
        ),
    ),
    read=read,
    table=table,
    table_size=COUNT,
    table_csv=table_lines,
    table_header="serial",
)
