"""The two middlewares around every request: :class:`AccessLog` (outermost) and :class:`Guard`.

- :class:`AccessLog`: one JSON line per request on the ``radiocode.access``
  logger with the method, the path without its query string, the status and the
  duration. Never the query, the body, the client's address or anything typed:
  query strings hold precodes and label text.
- :class:`Guard`: the allowed-hosts check (see :mod:`radiocode.web.hosts`),
  security headers, HEAD as GET, the query-string limit, redirects made
  relative (never to the client's Host) and the last-resort 500 (logged with
  the route and the exception's type only).
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import PlainTextResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Message as ASGIMessage, Receive, Scope, Send

from radiocode.web.errors import InternalError, RequestTooLong, UnknownHost, refuse
from radiocode.web.hosts import host_allowed
from radiocode.web.languages import LANGUAGES, SCOPE_KEY
from radiocode.web.site import Site, wants_json

__all__ = ["AccessLog", "Guard", "SECURITY_HEADERS", "API_SECURITY_HEADERS", "CSP"]

log = logging.getLogger("radiocode.web")
access_log = logging.getLogger("radiocode.access")

_LANGUAGE_PREFIX = re.compile(r"^(/[a-z]{2})(/.*)?$")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
# JSON is never a document with features to switch off or a window to isolate:
# it gets what applies to it (OWASP's REST headers), not the page-only ones. Each
# header costs the server time on every answer (about 0.1 of the API's requests/s).
API_SECURITY_HEADERS: dict[str, str] = {
    name: SECURITY_HEADERS[name] for name in ("content-security-policy", "x-content-type-options", "referrer-policy")
}
_RAW_HEADERS = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_RAW_API_HEADERS = [(k.encode(), v.encode()) for k, v in API_SECURITY_HEADERS.items()]
_STATIC_CACHE = (b"cache-control", b"public, max-age=86400")
_NO_STORE = (b"cache-control", b"no-store")
# What Guard appends to every response's headers, built once: a static file, JSON, a
# page; each with its default cache-control and without (the route chose its own).
_STATIC_HEADERS = ([*_RAW_HEADERS, _STATIC_CACHE], _RAW_HEADERS)
_JSON_HEADERS = ([*_RAW_API_HEADERS, _NO_STORE, (b"vary", b"Accept-Language")], [*_RAW_API_HEADERS, (b"vary", b"Accept-Language")])
_PAGE_HEADERS = ([*_RAW_HEADERS, (b"cache-control", b"no-cache")], _RAW_HEADERS)


class Guard:
    """Allowed hosts, security headers, HEAD as GET, a query-string limit, relative redirects and the last-resort 500."""

    def __init__(self, app: ASGIApp, site: Site) -> None:
        self.app = app
        self.site = site
        self.max_query = site.settings["max_query_bytes"]
        self.allowed_hosts: frozenset[str] | None = site.settings["allowed_hosts"]
        self.prefixed = site.prefixed
        self.host_warned_at = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        host = b""
        for key, value in scope["headers"]:
            if key == b"host":
                host = value
                break
        static = path.startswith("/static/")
        added = _JSON_HEADERS if wants_json(path) else _PAGE_HEADERS
        status = 0
        # HEAD is GET without the body, for every page (FastAPI routes list GET only).
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: ASGIMessage) -> None:
            nonlocal status
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                if 300 <= status < 400:
                    # The language prefix was taken off the path outside this guard: name it again.
                    asked = f"/{scope[SCOPE_KEY]}{path}" if scope.get(SCOPE_KEY) else path
                    headers = [(k, _relative(v, host, asked, self.prefixed) if k == b"location" else v) for k, v in headers]
                with_cache, without_cache = _STATIC_HEADERS if static and status == 200 else added
                chose = any(k == b"cache-control" for k, _ in headers)
                message = {**message, "headers": [*headers, *(without_cache if chose else with_cache)]}
            await send(message)

        # /healthz answers whatever name a load balancer probes it by; it names no host.
        if host and self.allowed_hosts is not None and path != "/healthz" and not host_allowed(host.decode("latin-1"), self.allowed_hosts):
            now = time.monotonic()
            if now - self.host_warned_at > 60:
                self.host_warned_at = now
                # Not the name itself: no header is ever logged (SECURITY.md).
                log.warning("refused requests for a host name not in the allowed hosts: set --base-url or --allowed-hosts if it is this site's")
            response = refuse(self.site, scope, UnknownHost())
            await response(scope, receive, send_with_headers)
        elif len(scope.get("query_string", b"")) > self.max_query:
            response = refuse(self.site, scope, RequestTooLong())
            await response(scope, receive, send_with_headers)
        else:
            try:
                await self.app(scope, receive, send_with_headers)
            except Exception as crash:  # noqa: BLE001 - the one place a crash becomes a page
                # The exception's text may hold what was typed: log its type only.
                log.error("500 %s %s: %s", scope.get("method"), _route_name(scope), type(crash).__name__)
                if status:
                    return
                try:
                    response = refuse(self.site, scope, InternalError())
                except Exception:  # noqa: BLE001 - the error page itself failed: plain text, still no trace
                    response = PlainTextResponse(InternalError().render(self.site.catalog_for(scope)), status_code=500)
                await response(scope, receive, send_with_headers)
                return


def _relative(location: bytes, host: bytes, path: str, prefixed: frozenset[str]) -> bytes:
    """A redirect to this site as a path: Starlette's slash redirect builds it from the client's Host.

    The language prefix, taken off the path before routing, is put back; a path
    that starts with // would be read as another host, so it gets one slash.

    >>> _relative(b"http://evil.example/guides?x=1", b"evil.example", "/fr/guides/", frozenset({"fr"}))
    b'/fr/guides?x=1'
    >>> _relative(b"https://elsewhere.example/", b"radiocode.example", "/", frozenset())
    b'https://elsewhere.example/'
    """
    parts = urlsplit(location.decode("latin-1"))
    if parts.scheme not in ("http", "https") or (host and parts.netloc.encode("latin-1").lower() != host.lower()):
        return location
    target = "/" + parts.path.lstrip("/")
    language = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    if language in prefixed and not (target + "/").startswith(f"/{language}/"):
        target = f"/{language}{target}"
    if parts.query:
        target += "?" + parts.query
    return target.encode("latin-1")


def _route_name(scope: Scope) -> str:
    route = scope.get("route")
    if route is not None and getattr(route, "path", None):
        return route.path
    endpoint = scope.get("endpoint")
    return getattr(endpoint, "__name__", "-") if endpoint is not None else "-"


def _logged_path(scope: Scope, status: int) -> str | None:
    """The path to log: the real one for answered routes, the route pattern otherwise.

    No route takes a precode or label text in its path; the query string is
    never logged. An unknown path (a 404) may be anything typed, so it is not
    logged at all.
    """
    path: str = scope["path"]
    if path.startswith("/static/") and status < 400:
        return path  # a static file that exists
    # Pages in another language (/fr/code) are routed on a copy of the scope without the prefix.
    prefix, rest = "", path
    language = _LANGUAGE_PREFIX.match(path)
    if language and language.group(1)[1:] in LANGUAGES and scope.get("route") is None:
        prefix, rest = language.group(1), language.group(2) or "/"
    route = scope.get("route") or _matching_route({**scope, "path": rest})
    if route is None or not getattr(route, "path", None):
        return path if path == "/healthz" else None
    if status < 400:
        return path
    return prefix + str(route.path)


def _matching_route(scope: Scope) -> Any:
    """The route a refused request (429, 413) was for; it never reached the router."""
    router = getattr(scope.get("app"), "router", None)
    for route in getattr(router, "routes", ()):
        try:
            match, _ = route.matches(scope)
        except Exception:  # noqa: BLE001 - a hostile path must not break the log line
            continue
        if match is Match.FULL:
            return route
    return None


# The JSON of the methods a site sees, written once; any other is cut to 16 characters and quoted then.
_METHODS_JSON = {method: json.dumps(method) for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")}


class AccessLog:
    """One JSON line per request: method, path (no query), status, duration in ms."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # The time stamp changes once a second: formatted once a second.
        self.second = -1
        self.stamp = ""
        # What every access record holds but its line and time, filled in on the first line
        # (in the serving process: a worker's pid and thread are its own).
        self.template: dict[str, Any] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # With the access log off (no handler at INFO), no timing or status watching either.
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_status(message: ASGIMessage) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            path = _logged_path(scope, status)
            self.write(scope["method"], "null" if path is None else json.dumps(path), status, started)

    def write(self, method: str, path_json: str, status: int, started: float) -> None:
        """Log the line for one answered request; `path_json` is the logged path already as JSON."""
        now = time.time()
        second = int(now)
        if second != self.second:
            self.second, self.stamp = second, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))
        method_json = _METHODS_JSON.get(method) or json.dumps(method[:16])
        duration = round((time.perf_counter() - started) * 1000, 2)
        # The line json.dumps would write for these five keys, without building the dict.
        line = f'{{"time": "{self.stamp}", "method": {method_json}, "path": {path_json}, "status": {status or 500}, "duration_ms": {duration}}}'
        # Logger.info would walk the stack for a file and line the access line never shows, and
        # makeRecord looks up the process, thread and task anew each time: copied from a first record.
        if self.template is None:
            self.template = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "", None, None).__dict__
        record = logging.LogRecord.__new__(logging.LogRecord)
        record.__dict__.update(self.template)
        record.msg = line
        record.created = now
        record.msecs = int((now - second) * 1000) + 0.0
        record.relativeCreated = (now - logging._startTime) * 1000  # type: ignore[attr-defined]
        access_log.handle(record)
