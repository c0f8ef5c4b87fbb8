"""The fast path: ``GET /api/v1/code`` (and ``/code.json``) answered in one pass when the answer is a code.

The full stack (FastAPI's own middlewares, the access log, the language
prefix, the guard, the protection, the exception handlers, the router) costs
several times the look-up itself. For the one route that must answer fastest,
:class:`CodeFastPath` does the same checks in the same order, reading the
request's headers once:

1. the guard's allowed-hosts check and query-string limit;
2. the protection's header size limit, client address (``X-Forwarded-For``
   from declared proxies only) and counting, in the very counters and Redis
   the protection uses;
3. the cached answer for the query string in the ``Accept-Language`` language;

then sends the same bytes and headers the full stack sends, and the same
access line. Anything else (a refused host, a long query, an over-the-limit
client, input that gives no code, an unexpected error) is handed to the full
stack, which answers it as always: when the request was counted already, the
wait is left in the scope under :data:`~radiocode.web.protection.COUNTED_KEY`
so that it is not counted twice.

The fast path only runs on an app as ``create_app`` builds it: if its
middlewares were changed (a benchmark dropping one, a test replacing one with
other settings, which it may), the path finds the protection it must use in the
built stack, and with any other list of middlewares it stays off.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from radiocode.web.hosts import host_allowed
from radiocode.web.languages import LanguagePrefix, negotiate
from radiocode.web.middleware import _JSON_HEADERS, AccessLog, Guard, access_log
from radiocode.web.protection import _OFFLINE_COPY_HEADER, COUNTED_KEY, Protection, _limit_key, client_address

__all__ = ["CodeFastPath", "FAST_PATHS", "SHIPPED_MIDDLEWARE"]

log = logging.getLogger("radiocode.web")

# The routes the fast path answers: the API's look-up and the result page's JSON twin (the same endpoint).
FAST_PATHS = frozenset({"/api/v1/code", "/code.json"})
# The middlewares create_app installs, outermost first: the fast path does their work for these routes.
SHIPPED_MIDDLEWARE = (AccessLog, LanguagePrefix, Guard, Protection)
# What the full stack sends with a 200 from /api/v1/code after its length: the Response's
# content type, then what the guard appends to JSON (security headers, no-store, vary).
_AFTER_LENGTH = [(b"content-type", b"application/json"), *_JSON_HEADERS[0]]
_PATH_JSON = {path: f'"{path}"' for path in FAST_PATHS}


class CodeFastPath:
    """Answers a code look-up in one pass, or hands the request to the full stack (returns False)."""

    def __init__(self, access: AccessLog, guard: Guard, protection: Protection, answer: Callable[[bytes, str], bytes | None]) -> None:
        self.access = access
        self.protection = protection
        self.answer = answer
        self.default_language: str = guard.site.language
        self.allowed_hosts = guard.allowed_hosts
        self.max_query: int = guard.max_query
        self.max_header_bytes = protection.settings.max_header_bytes
        self.trusted = protection.settings.trusted_proxies

    @classmethod
    def for_app(cls, app: Any) -> CodeFastPath | None:
        """The fast path for `app` once its middleware stack is built; None when its middlewares are not the shipped ones."""
        answer = getattr(app.state, "code_answer", None)
        if answer is None or tuple(m.cls for m in app.user_middleware) != SHIPPED_MIDDLEWARE:
            return None
        found: dict[type, Any] = {}
        layer: ASGIApp | None = app.middleware_stack
        while layer is not None and len(found) < len(SHIPPED_MIDDLEWARE):
            if type(layer) in SHIPPED_MIDDLEWARE:
                found[type(layer)] = layer
            layer = getattr(layer, "app", None)
        if len(found) < len(SHIPPED_MIDDLEWARE):
            return None
        return cls(found[AccessLog], found[Guard], found[Protection], answer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer a ``GET`` of one of :data:`FAST_PATHS`: True when answered, False to hand it on."""
        logging_on = access_log.isEnabledFor(logging.INFO)
        started = time.perf_counter() if logging_on else 0.0
        try:
            body = await self._look_up(scope)
        except Exception:  # noqa: BLE001 - the full stack answers it, with its 500 if it crashes there too
            body = None
        if body is None:
            return False
        headers = [(b"content-length", str(len(body)).encode()), *_AFTER_LENGTH]
        try:
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
        except Exception as crash:  # noqa: BLE001 - as the guard: the type only, never the text
            log.error("500 GET %s: %s", scope["path"], type(crash).__name__)
        finally:
            if logging_on:
                self.access.write("GET", _PATH_JSON[scope["path"]], 200, started)
        return True

    async def _look_up(self, scope: Scope) -> bytes | None:
        """The answer's bytes, or None to hand the request on (with the wait, once counted)."""
        size = 0
        host = accept = None
        copy = False
        for name, value in scope["headers"]:
            size += len(name) + len(value)
            if name == b"host":
                if host is None:
                    host = value
            elif name == b"accept-language":
                if accept is None:
                    accept = value
            elif name == _OFFLINE_COPY_HEADER:
                copy = True
        # The guard's checks, then the protection's, in the full stack's order.
        if host and self.allowed_hosts is not None and not host_allowed(host.decode("latin-1"), self.allowed_hosts):
            return None
        if len(scope["query_string"]) > self.max_query or size > self.max_header_bytes:
            return None
        protection = self.protection
        wait = 0
        if protection.limits:
            peer = scope.get("client")
            address = client_address(scope, self.trusted) if self.trusted else (peer[0] if peer else "unknown")
            kind, key = "offline" if copy else "all", _limit_key(address)
            if protection.limiter is None:  # memory only: no coroutine to make
                wait = protection.memory.hit(protection.windows[kind], kind, key)
            else:
                wait = await protection.hit(kind, key)
            scope[COUNTED_KEY] = wait
        if wait:
            return None
        language = negotiate(accept.decode("latin-1") if accept else None, self.default_language)
        return self.answer(scope["query_string"], language)
