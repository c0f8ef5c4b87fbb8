"""Language choice for the website: URL prefixes (``/fr/…``), the switcher's cookie, ``Accept-Language``.

English lives at the unprefixed addresses; every other shipped language at
``/<code>/…``. The prefix is taken off the path before routing, so one set of
routes serves every language; the page then renders with that language's catalog.

>>> negotiate("de-CH, fr;q=0.9, en;q=0.8")
'de'
>>> negotiate("xx, *;q=0.5")
'en'
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["LANGUAGES", "COOKIE", "SCOPE_KEY", "negotiate", "LanguagePrefix", "safe_next", "switch_href"]

# Each language named in itself, as the switcher shows it.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "tr": "Türkçe",
}
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Where the prefix language travels in the ASGI scope.
SCOPE_KEY = "radiocode.language"

# Paths that are never pages, so never served under a language prefix.
_NOT_PAGES = ("/static/", "/api/", "/language/")
_NOT_PAGE_FILES = {"/sw.js", "/favicon.ico", "/robots.txt", "/sitemap.xml", "/openapi.json"}


# Browsers send a handful of distinct headers: remember the answer for each.
@functools.lru_cache(maxsize=512)
def negotiate(header: str | None, default: str = "en") -> str:
    """The best shipped language for an ``Accept-Language`` header, `default` when none fits."""
    if not header:
        return default
    best, best_q = default, 0.0
    for part in header[:500].split(","):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def is_page(path: str) -> bool:
    return not path.startswith(_NOT_PAGES) and path not in _NOT_PAGE_FILES and not path.endswith(".json")


class LanguagePrefix:
    """Takes a known language prefix off a page's path and records the language in the scope.

    Unknown prefixes, and prefixes before what is not a page, are left alone: no route, a 404.
    """

    def __init__(self, app: ASGIApp, prefixed: frozenset[str]) -> None:
        self.app = app
        self.prefixed = prefixed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            parts = path.split("/", 2)
            if len(parts) >= 2 and parts[1] in self.prefixed:
                rest = "/" + (parts[2] if len(parts) > 2 else "")
                if is_page(rest):
                    scope = {**scope, "path": rest, "raw_path": rest.encode(), SCOPE_KEY: parts[1]}
        await self.app(scope, receive, send)


def safe_next(value: str | None) -> str:
    """A local path to go back to after switching: never another site."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 1000:
        return "/"
    if any(ord(c) < 32 for c in value):
        return "/"
    return value


def switch_href(code: str, here: str) -> str:
    """The switcher's link for `code`: remembers the choice, then goes to `here` in that language."""
    return f"/language/{code}?" + urlencode({"next": here})
