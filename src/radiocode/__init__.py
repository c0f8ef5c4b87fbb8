"""radiocode: get a locked car radio working again (Renault, Dacia, Ford M-series, Fiat).

>>> import radiocode
>>> radiocode.radio_code("A123")
'0086'
>>> reading = radiocode.read("7 649 190 391 28 115 9243RT S049")
>>> reading.precode, reading.code
('S049', '7930')
>>> radiocode.read("M140687").code
'8593'
>>> radiocode.read("2063", radio="fiat-vp").code
'1341'
"""

from radiocode.exceptions import (
    AmbiguousRadio,
    EmptyInput,
    InputTooLong,
    InvalidCharacters,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    NoPrecodeFound,
    NonexistentPrecode,
    NotAPrecode,
    NotASerial,
    NotComputable,
    UnknownRadio,
    UnsettledInput,
    ValidationError,
)
from radiocode.families import DEFAULT_FAMILY, FAMILIES, entry_steps
from radiocode.lockout import lockout_waits
from radiocode.precode import is_valid, radio_code, table, validate
from radiocode.radios import RADIOS, read
from radiocode.reading import Candidate, Reading

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "read",
    "Reading",
    "Candidate",
    "radio_code",
    "validate",
    "is_valid",
    "table",
    "entry_steps",
    "FAMILIES",
    "DEFAULT_FAMILY",
    "lockout_waits",
    "ValidationError",
    "InvalidFormat",
    "InvalidLength",
    "EmptyInput",
    "InputTooLong",
    "InvalidCharacters",
    "InvalidComponent",
    "NonexistentPrecode",
    "NotAPrecode",
    "NotComputable",
    "NoPrecodeFound",
    "RADIOS",
    "NotASerial",
    "AmbiguousRadio",
    "UnknownRadio",
    "UnsettledInput",
]
