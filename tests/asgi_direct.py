"""One request straight into an ASGI app, as a server hands it over: no HTTP client in between
(TestClient adds a Host header, drops a HEAD's bodies and cannot send two Hosts)."""

from __future__ import annotations

import asyncio


def messages(app, method: str, path: str, headers, query: bytes = b"", client: str = "127.0.0.1") -> list[dict]:
    """Every message the app sends for one request, in order."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query, "headers": [*headers],
        "client": (client, 50000), "server": ("127.0.0.1", 8000), "state": {},
    }  # fmt: skip
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent
