"""The fast path for code look-ups (radiocode.web.fast) answers exactly as the full stack does.

Each request goes to two apps built alike: one as shipped (its fast path on) and
one with the fast path off, so every answer below is the full stack's. Status,
headers in order and body must be the same bytes; the counts, the access line
and the hand-over of everything that is not a code must be too.
"""

from __future__ import annotations

import io
import json
import logging

import pytest

from asgi_direct import messages

from radiocode.web import create_app
from radiocode.web.fast import CodeFastPath

HOSTS = "radiocode.example,127.0.0.1"


def build(fast: bool, monkeypatch, **env: str):
    monkeypatch.setenv("RADIOCODE_RATE_LIMIT", env.pop("rate_limit", "off"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app({"allowed_hosts": HOSTS})
    if not fast:
        app.fast_code = None  # never looked for: every request takes the full stack
    return app


def call(app, path: str, query: bytes = b"", headers=(), method: str = "GET", client: str = "192.0.2.7"):
    """One request straight into the ASGI app, as a server makes it: (status, raw headers, body)."""
    if not any(name == b"host" for name, _ in headers):
        headers = [(b"host", b"radiocode.example"), *headers]
    sent = messages(app, method, path, headers, query, client)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], list(start["headers"]), body


REQUESTS = [
    ("/api/v1/code", b"input=A123", ()),
    ("/api/v1/code", b"input=A123", ((b"accept-language", b"fr-FR,fr;q=0.9"),)),
    ("/api/v1/code", b"input=A123", ((b"accept-language", b"de-CH, en;q=0.5"), (b"accept-language", b"tr"))),
    ("/code.json", b"input=A123&family=stalk", ()),
    ("/api/v1/code", b"input=%20a%20123%20&tries=3", ((b"accept-language", b"es"),)),
    ("/api/v1/code", b"input=M140687", ()),
    ("/api/v1/code", b"input=A123&radio=renault", ((b"x-radiocode-offline-copy", b"1"),)),
    # Not a code: the full stack answers, through the fast path's hand-over.
    ("/api/v1/code", b"input=A012", ()),
    ("/api/v1/code", b"", ()),
    ("/api/v1/code", b"input=hello", ((b"accept-language", b"it"),)),
    ("/api/v1/code", b"input=A123&tries=0", ()),
    ("/api/v1/code", b"input=" + b"A" * 2100, ()),
    ("/api/v1/code", b"input=A123", ((b"x-junk", b"x" * 17000),)),
    ("/code.json", b"input=1234", ()),
]


@pytest.mark.parametrize(("path", "query", "headers"), REQUESTS, ids=[f"{p}?{q[:30].decode()}" for p, q, _ in REQUESTS])
def test_the_same_bytes_as_the_full_stack(monkeypatch, path, query, headers):
    fast, full = build(True, monkeypatch), build(False, monkeypatch)
    answer = call(fast, path, query, headers)
    assert answer == call(full, path, query, headers)
    assert isinstance(fast.fast_code, CodeFastPath)  # the fast path was on for this comparison
    assert full.fast_code is None


def test_a_host_not_allowed_is_refused_as_before(monkeypatch):
    fast, full = build(True, monkeypatch), build(False, monkeypatch)
    headers = ((b"host", b"evil.example"), (b"host", b"radiocode.example"))  # the first Host header is the one read
    status, _, body = answer = call(fast, "/api/v1/code", b"input=A123", headers)
    assert status == 400 and json.loads(body)["error"]["type"] == "unknown_host"
    assert answer == call(full, "/api/v1/code", b"input=A123", headers)


def test_head_and_other_methods_take_the_full_stack(monkeypatch):
    fast, full = build(True, monkeypatch), build(False, monkeypatch)
    for method in ("HEAD", "POST"):
        answer = call(fast, "/api/v1/code", b"input=A123", method=method)
        assert answer == call(full, "/api/v1/code", b"input=A123", method=method)
    assert call(fast, "/api/v1/code", b"input=A123", method="HEAD")[0] == 200


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "full stack"])
def test_each_request_is_counted_once_whichever_way_it_is_answered(monkeypatch, fast):
    """At 3 a minute: a code, a refused input, two codes: the fourth request is the one refused."""
    app = build(fast, monkeypatch, rate_limit="3/minute")
    statuses = [call(app, "/api/v1/code", query)[0] for query in (b"input=A123", b"input=A012", b"input=A123", b"input=A123")]
    assert statuses == [200, 422, 200, 429]
    status, headers, body = call(app, "/api/v1/code", b"input=A123")
    assert status == 429 and json.loads(body)["error"]["type"] == "rate_limited"
    assert 1 <= int(dict(headers)[b"retry-after"]) <= 60
    # Another client has its own count; the offline worker's copies count apart.
    assert call(app, "/api/v1/code", b"input=A123", client="192.0.2.8")[0] == 200
    copy = ((b"x-radiocode-offline-copy", b"1"),)
    assert call(app, "/api/v1/code", b"input=A123", copy)[0] == 200


def test_behind_a_declared_proxy_the_forwarded_client_is_counted(monkeypatch):
    app = build(True, monkeypatch, rate_limit="2/minute", RADIOCODE_FORWARDED_ALLOW_IPS="10.0.0.1")
    first = ((b"x-forwarded-for", b"198.51.100.1"),)
    second = ((b"x-forwarded-for", b"203.0.113.50, 198.51.100.2"),)
    assert [call(app, "/api/v1/code", b"input=A123", first, client="10.0.0.1")[0] for _ in range(3)] == [200, 200, 429]
    # A forged address left of the real client buys nothing; the real one has its own count.
    assert [call(app, "/api/v1/code", b"input=A123", second, client="10.0.0.1")[0] for _ in range(3)] == [200, 200, 429]
    # Not from the proxy: the header is the client's word and ignored; the peer is counted.
    assert [call(app, "/api/v1/code", b"input=A123", first, client="192.0.2.9")[0] for _ in range(3)] == [200, 200, 429]


def test_the_access_line_is_the_full_stacks(monkeypatch):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("radiocode.access")
    logger.addHandler(handler)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)  # setLevel, not the attribute: it clears isEnabledFor's cache
    logger.propagate = False
    try:
        for fast in (True, False):
            app = build(fast, monkeypatch)
            call(app, "/api/v1/code", b"input=A123")
            call(app, "/code.json", b"input=A123")
            call(app, "/api/v1/code", b"input=A012")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 6
    for line in lines:
        assert list(line) == ["time", "method", "path", "status", "duration_ms"]
        assert "A123" not in json.dumps(line) and "0086" not in json.dumps(line)
    without_time = [(line["method"], line["path"], line["status"]) for line in lines]
    expected = [("GET", "/api/v1/code", 200), ("GET", "/code.json", 200), ("GET", "/api/v1/code", 422)]
    assert without_time == expected * 2


def test_with_its_middlewares_changed_the_app_takes_the_full_stack(monkeypatch):
    app = build(True, monkeypatch)
    app.user_middleware[:] = [m for m in app.user_middleware if m.cls.__name__ != "AccessLog"]
    assert call(app, "/api/v1/code", b"input=A123")[0] == 200
    assert app.fast_code is None
