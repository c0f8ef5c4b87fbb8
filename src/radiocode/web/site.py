"""What every page and answer needs: the :class:`Site` (settings, catalogs, templates) and JSON rendering.

The site renders pages in the request's language: a page's language comes from
its prefix (``/fr/…``, see :mod:`radiocode.web.languages`), an API answer's from
``Accept-Language``. Nothing here knows a route.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup, escape
from starlette.types import Scope

from radiocode import __version__, lockout
from radiocode.families import FAMILIES
from radiocode.i18n import Message, translations
from radiocode.web import content
from radiocode.web.languages import LANGUAGES, SCOPE_KEY, negotiate, switch_href

__all__ = ["Site", "SafeJSON", "wants_json", "HERE"]

HERE = Path(__file__).parent


def _header(scope: Scope, name: bytes) -> str | None:
    """One request header from the ASGI scope, without building a Request."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


class SafeJSON(JSONResponse):
    """JSON with <, > and & escaped, so echoed text can never read as markup anywhere."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def wants_json(path: str) -> bool:
    """API callers (the API, the pages' JSON twins, the health check) get JSON errors; people get pages."""
    return path.startswith("/api/") or path.endswith(".json") or path == "/healthz"


_TICKED = re.compile(r"`([^`<>&]+)`")


def _ticks(text: str) -> Markup:
    """OpenAPI descriptions mark names with backticks; show them as code, everything else escaped."""
    return Markup(_TICKED.sub(r"<code>\1</code>", str(escape(text))))


class Site:
    """What every page needs: settings, the language of each request and a template environment per language.

    There is no site-wide catalog: every text is rendered with the catalog of
    the request it answers (:meth:`catalog_for`).
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.language: str = settings["language"]
        # Every other shipped language is served under its own prefix.
        self.prefixed = frozenset(code for code in LANGUAGES if code != self.language)
        # What the routes tell every template (read_photos), in every language.
        self.shared: dict[str, Any] = {}
        self.env = self._environment(self.language)
        self._envs: dict[str, jinja2.Environment] = {self.language: self.env}

    def share(self, **values: Any) -> None:
        """Make `values` template globals in every language."""
        self.shared.update(values)
        for env in self._envs.values():
            env.globals.update(values)

    def _environment(self, language: str) -> jinja2.Environment:
        catalog = translations(language)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.policies["ext.i18n.trimmed"] = True
        env.globals.update(self.shared)
        env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
        env.filters["t"] = lambda message: self.text(message, catalog)
        env.filters["message"] = lambda reading: reading.message(catalog)
        env.filters["ticks"] = _ticks
        # str.capitalize() would lower the rest ("der Seriennummer"): only the first letter.
        env.filters["first_upper"] = lambda text: text[:1].upper() + text[1:]
        env.globals.update(
            version=__version__,
            language=language,
            prefix=self.prefix(language),
            guides=content.GUIDES,
            families=FAMILIES,
            max_input=500,
            max_tries=lockout.MAX_TRIES,
            sources=lockout.SOURCES,
        )
        return env

    def env_for(self, language: str) -> jinja2.Environment:
        env = self._envs.get(language)
        if env is None:
            env = self._envs[language] = self._environment(language)
        return env

    def prefix(self, language: str) -> str:
        return "" if language == self.language else "/" + language

    def language_of(self, request: Request | Scope | None) -> str:
        """A page's language comes from its prefix; an API answer's from Accept-Language."""
        if request is None:
            return self.language
        scope = request.scope if isinstance(request, Request) else request
        chosen = scope.get(SCOPE_KEY)
        if chosen:
            return chosen
        # The scope's path, not request.url.path: building the URL costs more than an API answer.
        if wants_json(scope["path"]):
            return negotiate(_header(scope, b"accept-language"), self.language)
        return self.language

    def catalog_for(self, request: Request | Scope | None) -> gettext.NullTranslations:
        return translations(self.language_of(request))

    def text(self, message: Message | str | None, catalog: gettext.NullTranslations) -> str:
        """`message` in the language of `catalog` (from :meth:`catalog_for`)."""
        if message is None:
            return ""
        if isinstance(message, Message):
            return message.render(catalog)
        return catalog.gettext(message)

    @property
    def base_url(self) -> str:
        """The configured public address (``https://radiocode.example``), "" when none: never the request's Host."""
        return self.settings["base_url"]

    def page(self, request: Request, template: str, status: int = 200, canonical: str | None = None, **context: Any) -> HTMLResponse:
        base = self.base_url
        language = self.language_of(request)
        if canonical is None:
            canonical = request.url.path
        # Error pages never echo what was typed, not even in the switcher's links.
        here = request.url.path + ("?" + request.url.query if request.url.query and canonical else "")
        # Search engines take hreflang links absolute only: without a base URL there are none,
        # and the canonical link is a path (RFC 6596 allows a relative one).
        alternates = [(code, base + self.prefix(code) + canonical) for code in LANGUAGES] if canonical and base else []
        html = self.env_for(language).get_template(template).render(
            request_path=request.url.path,
            canonical=base + self.prefix(language) + canonical if canonical else None,
            alternates=alternates,
            x_default=base + canonical if canonical else None,
            switcher=[(code, name, switch_href(code, here)) for code, name in LANGUAGES.items()],
            base_url=base,
            **context,
        )
        return HTMLResponse(html, status_code=status)
