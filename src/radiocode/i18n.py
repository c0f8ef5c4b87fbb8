"""Text that people read, marked for translation and rendered late.

The core never translates while it works: it keeps a :class:`Message` (the
English text as gettext msgid, plus its parameters) and the website, the API
or the command line renders it in the reader's language at the edge.

>>> str(Message(N_("Precode %(precode)s gives the code %(code)s."), precode="A123", code="0086"))
'Precode A123 gives the code 0086.'
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locales"
DOMAIN = "radiocode"
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark `message` for extraction by Babel without translating it now."""
    return message


@functools.cache
def translations(language: str = DEFAULT_LANGUAGE) -> gettext.NullTranslations:
    """The gettext catalog for `language`, or English when there is none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


class Message:
    """A msgid with its parameters; ``str()`` gives English."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = msgid
        self.params = params

    def render(self, catalog: gettext.NullTranslations | None = None) -> str:
        """The text in the language of `catalog` (English without one)."""
        text = catalog.gettext(self.msgid) if catalog else self.msgid
        if not self.params:
            return text
        params = {
            key: value.render(catalog) if isinstance(value, Message) else value
            for key, value in self.params.items()
        }
        return text % params

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash((self.msgid, tuple(sorted(self.params.items()))))
