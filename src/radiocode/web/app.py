"""The radiocode web app: ``create_app(settings=None)`` assembles one from its parts.

- :mod:`~radiocode.web.site`: settings, catalogs and templates (:class:`Site`);
- :mod:`~radiocode.web.errors`: the one place an error becomes a response;
- :mod:`~radiocode.web.api`, :mod:`~radiocode.web.pages`, :mod:`~radiocode.web.photos`: the routes;
- :mod:`~radiocode.web.middleware` (access log, security headers),
  :mod:`~radiocode.web.languages` (the ``/fr`` prefix) and
  :mod:`~radiocode.web.protection` (rate limits, upload bounds): the middlewares.

>>> from starlette.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/v1/code", params={"input": "A123"}).json()["code"]
'0086'
>>> client.get("/api/v1/nothing").json()
{'error': {'type': 'not_found', 'message': 'There is nothing at this address.'}}
"""

from __future__ import annotations

import inspect
import logging
import os
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware import Middleware
from starlette.types import Receive, Scope, Send

from radiocode import __version__
from radiocode.web import api, errors, hosts, pages, photos, protection, radio_pages
from radiocode.web.fast import FAST_PATHS, CodeFastPath
from radiocode.web.languages import LanguagePrefix
from radiocode.web.middleware import AccessLog, Guard
from radiocode.web.site import HERE, Site

__all__ = ["create_app", "DEFAULT_SETTINGS"]

DEFAULT_SETTINGS: dict[str, Any] = {
    # The site's public address (https://radiocode.example) for canonical and hreflang
    # links, robots.txt and the sitemap. None reads RADIOCODE_BASE_URL; "" names no
    # absolute address at all (never the request's Host, which the client writes).
    "base_url": None,
    # Host names the site answers to (see radiocode.web.hosts). None reads
    # RADIOCODE_ALLOWED_HOSTS; unset there, any host (radiocode serve always sets it).
    "allowed_hosts": None,
    "language": "en",
    # Longer query strings than any form here makes are refused before routing.
    "max_query_bytes": 2048,
}

# FastAPI's native OpenTelemetry (newer FastAPI) is off. Once an OpenTelemetry
# SDK is configured in the process it would export every request's query string
# (the precode, the label text) and unhandled exceptions with their text, which
# the site never logs; and even unconfigured it costs a provider check on every
# request. Older FastAPI has no such option.
_NO_NATIVE_TELEMETRY: dict[str, Any] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)


class RadiocodeApp(FastAPI):
    """FastAPI with the fast path (:mod:`radiocode.web.fast`) in front for code look-ups."""

    fast_code: CodeFastPath | None | bool = False  # False: not looked for yet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in FAST_PATHS:
            fast = self.fast_code
            if fast is False:
                if self.middleware_stack is None:
                    self.middleware_stack = self.build_middleware_stack()
                fast = self.fast_code = CodeFastPath.for_app(self)
            if fast is not None and await fast(scope, receive, send):  # type: ignore[operator]
                return
        await super().__call__(scope, receive, send)


def create_app(settings: dict[str, Any] | None = None) -> FastAPI:
    """A new radiocode web app; `settings` overrides :data:`DEFAULT_SETTINGS`."""
    unknown = set(settings or {}) - set(DEFAULT_SETTINGS)
    if unknown:
        raise ValueError(f"Unknown settings: {', '.join(sorted(unknown))}")
    chosen = {**DEFAULT_SETTINGS, **(settings or {})}
    if chosen["base_url"] is None:
        chosen["base_url"] = os.environ.get("RADIOCODE_BASE_URL")
    chosen["base_url"] = hosts.base_url(chosen["base_url"])
    if not chosen["base_url"]:
        logging.getLogger("radiocode.web").info(
            "No base URL (--base-url, RADIOCODE_BASE_URL): pages carry no absolute links and there is no /sitemap.xml."
        )
    if chosen["allowed_hosts"] is None:
        chosen["allowed_hosts"] = os.environ.get("RADIOCODE_ALLOWED_HOSTS")
    if chosen["allowed_hosts"] is not None:
        given = chosen["allowed_hosts"]
        chosen["allowed_hosts"] = hosts.allowed_hosts(given if isinstance(given, str) else ",".join(given))
    site = Site(chosen)
    app = RadiocodeApp(
        title="radiocode",
        version=__version__,
        summary="Radio codes for Renault and Dacia radios (from the precode), Ford M-series radios (from the serial) and three Fiat radio families, with entry steps and lockout waits.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        **_NO_NATIVE_TELEMETRY,
    )
    app.state.site = site
    errors.add_handlers(app, site)
    # The API first: it is the route that must answer fastest.
    api.add_routes(app, site)
    pages.add_routes(app, site)
    radio_pages.add_routes(app, site)
    photos.add_routes(app, site)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Outermost first: the access log sees every answer as sent; the language is
    # known before the guard answers (its 414 and 500 pages) and the guard's
    # headers go on every answer, the protection's refusals too.
    app.user_middleware[:0] = [
        Middleware(AccessLog),
        Middleware(LanguagePrefix, prefixed=site.prefixed),
        Middleware(Guard, site=site),
    ]
    protection.install(app)
    return app
