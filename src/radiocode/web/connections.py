"""uvicorn's HTTP connections, hardened for a server that faces clients directly.

uvicorn counts every open connection against its concurrency cap and has no
time limit for a client that never finishes its request headers, so 1,000
sockets that send nothing made every other request, ``/healthz`` included,
get ``503`` for as long as they stayed open (issue 14). These classes subclass
uvicorn's two HTTP protocols (httptools, and h11 where httptools has no wheel)
and add, the same on both:

- a header deadline: a connection that has not sent complete request headers
  :data:`HEADER_SECONDS` after it opened (or after its last answer) is closed;
- room for newcomers: past :data:`MAX_CONNECTIONS` open connections, the one
  that has waited longest without a request in progress is closed to make room
  (as nginx reuses idle keep-alive connections), so idle sockets cannot hold
  every slot; only when every connection has a request running does a new
  request get uvicorn's ``503``;
- the parser's own refusals (``400``, for bytes that are not HTTP) in the
  API's one error shape with the security headers, instead of uvicorn's plain
  ``Invalid HTTP request received.``;
- on h11 only: a request in absolute form (``GET http://host/path``, which
  HTTP/1.1 servers must accept) routed by its path, as httptools already does.

``radiocode serve`` passes one of these classes to uvicorn as its ``http``
protocol (:func:`radiocode.web.server.run`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from radiocode.i18n import N_

__all__ = ["HEADER_SECONDS", "MAX_CONNECTIONS", "H11Connection", "HttpToolsConnection", "bad_request_bytes"]

#: A connection must send its complete request headers within this many seconds.
HEADER_SECONDS = 10.0
#: Open connections per process before idle ones are closed to make room.
MAX_CONNECTIONS = 1000

NOT_HTTP = N_("This request is not valid HTTP, so it was not read.")


def bad_request_bytes() -> bytes:
    """The whole ``400`` answer for bytes the HTTP parser refused: the error shape, the API's headers."""
    from radiocode.web.middleware import API_SECURITY_HEADERS

    body = json.dumps({"error": {"type": "bad_request", "message": str(NOT_HTTP)}}).encode()
    headers = API_SECURITY_HEADERS
    lines = [
        "HTTP/1.1 400 Bad Request",
        "content-type: application/json",
        f"content-length: {len(body)}",
        "cache-control: no-store",
        *(f"{name}: {value}" for name, value in headers.items()),
        "connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _Guarded:
    """What both protocols add to uvicorn's; see the module's docstring."""

    # Set by uvicorn's protocol classes.
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    connections: set[Any]
    cycle: Any

    _waiting_since = 0.0
    _deadline: asyncio.TimerHandle | None = None
    _refusal: bytes | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[misc]
        self._wait_for_headers()
        if len(self.connections) > MAX_CONNECTIONS:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        super().connection_lost(exc)  # type: ignore[misc]

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if not self.transport.is_closing():
            self._wait_for_headers()

    def waiting_for_headers(self) -> bool:
        """No request in progress: the connection is idle, or its next request's headers are incomplete."""
        return self.cycle is None or self.cycle.response_complete

    def _wait_for_headers(self) -> None:
        self._waiting_since = self.loop.time()
        if self._deadline is None:
            self._deadline = self.loop.call_later(HEADER_SECONDS, self._header_deadline)

    def _header_deadline(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or not self.waiting_for_headers():
            return  # answering a request: its end starts a new wait
        left = self._waiting_since + HEADER_SECONDS - self.loop.time()
        if left > 0:
            self._deadline = self.loop.call_later(left, self._header_deadline)
            return
        self.transport.close()

    def _make_room(self) -> None:
        """Close the connection that has waited longest without a request in progress."""
        oldest = None
        for other in self.connections:
            if other is self or not isinstance(other, _Guarded) or other.transport.is_closing():
                continue
            if other.waiting_for_headers() and (oldest is None or other._waiting_since < oldest._waiting_since):
                oldest = other
        if oldest is not None:
            oldest.transport.close()
            # Counted out now, not when the loop gets to its connection_lost.
            self.connections.discard(oldest)

    def send_400_response(self, msg: str) -> None:
        if _Guarded._refusal is None:
            _Guarded._refusal = bad_request_bytes()
        self.transport.write(_Guarded._refusal)
        self.transport.close()


def _path_of_absolute_form(app: Any) -> Any:
    """Route ``GET http://host/path?q`` by its path, as uvicorn's httptools protocol does."""

    async def routed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        raw: bytes = scope.get("raw_path") or b""
        if scope["type"] == "http" and raw[:1] != b"/" and b"://" in raw[:10]:
            rest = raw.split(b"://", 1)[1]
            slash = rest.find(b"/")
            raw_path = rest[slash:] if slash >= 0 else b"/"
            from urllib.parse import unquote

            scope = {**scope, "raw_path": raw_path, "path": scope.get("root_path", "") + unquote(raw_path.decode("ascii"))}
        await app(scope, receive, send)

    return routed


class H11Connection(_Guarded, H11Protocol):
    """uvicorn's pure-Python HTTP/1.1 protocol (h11), hardened."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = _path_of_absolute_form(self.app)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # no httptools wheel for this platform: radiocode serve uses H11Connection
    HttpToolsConnection: Any = None
else:

    class HttpToolsConnection(_Guarded, HttpToolsProtocol):  # type: ignore[no-redef]
        """uvicorn's fast HTTP/1.1 protocol (httptools, llhttp), hardened."""
