"""The radio families radiocode knows, one module each, and the reader that asks them.

Like python-stdnum's number modules, every family module has the same face
(``compact``, ``validate``, ``is_valid``, ``format``, ``radio_code``, ``table``)
and a :class:`~radiocode.radios.records.Radio` record: its name, makes, input
rule, where to find the number, how to enter the code, what a lockout does and
how we know the codes are right. The CLI, the API and the pages ask this
registry; none of them names a brand.

>>> [radio.id for radio in RADIOS.values()]
['renault', 'ford-m', 'fiat-visteon', 'fiat-vp', 'fiat-daiichi']
>>> reading = read("M140687")
>>> reading.radio, reading.number, reading.code
('ford-m', 'M140687', '8593')
>>> read("2063", radio="fiat-vp").code
'1341'
>>> read("2063", radio="fiat").error.type
'ambiguous_radio'
>>> [(r.radio, r.code) for r in read("2063", radio="fiat").by_radio]
[('fiat-vp', '1341'), ('fiat-daiichi', '6398')]
>>> read("V123456").error.type
'not_computable'
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from radiocode import reading as _reading
from radiocode.exceptions import AmbiguousRadio, InvalidFormat, UnknownRadio, ValidationError
from radiocode.i18n import N_
from radiocode.radios import fiat_daiichi, fiat_visteon, fiat_vp, ford_m, renault
from radiocode.radios.records import Radio

__all__ = ["RADIOS", "MODULES", "MAKES", "QUICK_READERS", "BULK_QUICK_READERS", "KNOWN_QUICK_READERS", "radio", "module", "resolve", "read", "Choice"]

#: Every family module, by its id (part of the interface: CLI, API, batch).
MODULES: dict[str, ModuleType] = {m.RADIO.id: m for m in (renault, ford_m, fiat_visteon, fiat_vp, fiat_daiichi)}

#: Every family record, by its id, in the order lists show them.
RADIOS: dict[str, Radio] = {radio_id: m.RADIO for radio_id, m in MODULES.items()}

#: Makes as people name them (lower case, dashes for spaces), and the radios each may have.
MAKES: dict[str, tuple[str, ...]] = {}
for _radio in RADIOS.values():
    for _make in _radio.makes:
        MAKES.setdefault(_make.lower().replace(" ", "-"), ())
        MAKES[_make.lower().replace(" ", "-")] += (_radio.id,)

# Names that must keep answering: today's Renault families are entry variants of "renault".
_VARIANT_ALIASES = {alias: (radio_id, alias) for radio_id, radio in RADIOS.items() for alias in radio.aliases}

# The families whose input says which radio it is (an M serial): asked first, in this order.
_FINDERS = tuple(m.find for m in MODULES.values() if hasattr(m, "find"))

#: Cheap readers of the exact typed form of a family's number, (radio id, reader): each
#: gives (code, number, kind) as read() without a radio does, or None. For batch runs.
QUICK_READERS = tuple((radio_id, m.quick_read) for radio_id, m in MODULES.items() if hasattr(m, "quick_read"))

#: The same readers for many texts at once, (radio id, reader): each gives a list with
#: an answer or None for each text (a family with a quick reader has both).
BULK_QUICK_READERS = tuple((radio_id, m.quick_reads) for radio_id, m in MODULES.items() if hasattr(m, "quick_read"))


#: The same for a number read for a radio named (read(text, radio=id)), by radio id: a
#: Fiat family's exact digits, a Ford M serial as typed. For batch rows with a radio column.
KNOWN_QUICK_READERS = {
    radio_id: getattr(m, "quick_read_known", None) or m.quick_read
    for radio_id, m in MODULES.items()
    if hasattr(m, "quick_read_known") or hasattr(m, "quick_read")
}


class Choice:
    """What a radio name (an id, a make or an old family name) stands for."""

    __slots__ = ("radios", "variant")

    def __init__(self, radios: tuple[str, ...], variant: str | None = None) -> None:
        self.radios = radios
        self.variant = variant

    def __repr__(self) -> str:
        return f"Choice({self.radios!r}, variant={self.variant!r})"


def _names() -> str:
    return ", ".join([*RADIOS, *(make for make in MAKES if make not in RADIOS)])


def resolve(name: Any) -> Choice:
    """The radios (and entry variant) a name stands for; :class:`UnknownRadio` if none.

    >>> resolve("ford-m").radios, resolve("Fiat").radios, resolve("stalk").variant
    (('ford-m',), ('fiat-visteon', 'fiat-vp', 'fiat-daiichi'), 'stalk')
    >>> resolve("stalk")
    Choice(('renault',), variant='stalk')
    """
    key = name.strip().lower().replace(" ", "-").replace("_", "-") if isinstance(name, str) else None
    if key in RADIOS:
        return Choice((key,))
    if isinstance(name, str) and name.strip() in _VARIANT_ALIASES:
        radio_id, variant = _VARIANT_ALIASES[name.strip()]
        return Choice((radio_id,), variant)
    if key in MAKES:
        return Choice(MAKES[key])
    raise UnknownRadio(name=str(name)[:40], names=_names())


def radio(name: str) -> Radio:
    """The record of the radio `name` (an id or an old family name); :class:`UnknownRadio` if none."""
    choice = resolve(name)
    if len(choice.radios) != 1:
        raise UnknownRadio(
            N_("%(name)s has more than one kind of radio. Choose one of: %(names)s."),
            name=str(name)[:40],
            names=", ".join(choice.radios),
        )
    return RADIOS[choice.radios[0]]


def module(name: str) -> ModuleType:
    """The module of the radio `name`: its compact, validate, radio_code and table."""
    return MODULES[radio(name).id]


def _fits(radio_id: str, text: str) -> bool:
    """Whether `text` is exactly the bare digits that `radio_id` takes."""
    squeezed = renault.compact(text)
    length = RADIOS[radio_id].input_rule.length
    return squeezed.isascii() and squeezed.isdigit() and len(squeezed) == length


def _ambiguous(text: str, readings: tuple[_reading.Reading, ...]) -> _reading.Reading:
    names = ", ".join(f"{r.radio} ({RADIOS[r.radio].name})" for r in readings)
    error = AmbiguousRadio(number=renault.compact(text)[:20], names=names)
    return _reading.Reading("ambiguous", error=error, radio=None, by_radio=readings)


def read(text: Any, radio: str | None = None) -> _reading.Reading:
    """Read `text` for the radio `radio` (an id, a make or an old family name), or find the radio.

    Without `radio`, a text that says its radio (an M or V serial, a Ford model
    name, a precode, a label line) is read for that radio. Bare digits, which
    several radios read differently, keep the reading they always had (a look-alike
    precode, or an error) and list the other radios' readings in ``by_radio``:
    never one confident code. Never raises for any input.
    """
    if radio is None or radio == "":
        if not isinstance(text, str) or len(text) > _reading.MAX_INPUT_LENGTH:
            return _reading.read(text)
        for find in _FINDERS:
            found = find(text)
            if found is not None:
                return found
        reading = _reading.read(text)
        others = tuple(RADIOS[r].read(text) for r in RADIOS if not RADIOS[r].marked and _fits(r, text))
        if others:
            return _with_others(reading, others)
        return reading
    try:
        choice = resolve(radio)
    except ValidationError as error:
        return _reading.Reading("invalid", error=error, radio=None)  # no radio read it
    if not isinstance(text, str) or len(text) > _reading.MAX_INPUT_LENGTH:
        return _reading.read(text)
    if len(choice.radios) == 1:
        return RADIOS[choice.radios[0]].read(text)
    # A make with several radios: the ones whose input this is.
    readings = tuple(RADIOS[r].read(text) for r in choice.radios)
    fitting = tuple(r for r in readings if r.ok or r.number is not None)
    if len(fitting) == 1:
        return fitting[0]
    if len(fitting) > 1:
        return _ambiguous(text, fitting)
    error = InvalidFormat(
        N_("This is not the number of any %(make)s radio we know. Check the number, or choose the radio itself: %(names)s."),
        make=str(radio)[:40],
        names=", ".join(choice.radios),
    )
    return _reading.Reading("invalid", error=error, radio=None)


def _with_others(reading: _reading.Reading, others: tuple[_reading.Reading, ...]) -> _reading.Reading:
    # Readings are frozen dataclasses with slots: a copy with the other radios added.
    fields = {name: getattr(reading, name) for name in reading.__dataclass_fields__}
    fields["by_radio"] = others
    return _reading.Reading(**fields)
