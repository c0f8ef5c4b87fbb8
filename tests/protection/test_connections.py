"""Idle and slow sockets against a real server (issue 14): they cannot take the site down.

Real `radiocode serve` processes and real TCP sockets on 127.0.0.1, bounded in
number (1,010) and time (under 20 s each).
"""

import socket
import time
from urllib.parse import urlsplit

import httpx
import pytest

from radiocode.web.connections import HEADER_SECONDS, MAX_CONNECTIONS

IDLE = MAX_CONNECTIONS + 10


def open_idle(url: str, count: int, first_bytes: bytes = b"") -> list[socket.socket]:
    parts = urlsplit(url)
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
        if first_bytes:
            sock.sendall(first_bytes)
        sockets.append(sock)
    return sockets


def closed_by_server(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True  # reset
    finally:
        sock.setblocking(True)


@pytest.fixture(params=["fast", "plain"], ids=["uvloop+httptools", "asyncio+h11"])
def fresh_server(request, start_server):
    """A server of its own per test: these tests fill its connection slots."""
    if request.param == "fast":
        return start_server("--rate-limit", "off")
    return start_server(code="from radiocode.web.server import run; run(port={port}, rate_limit='off', fast=False)")


def test_idle_connections_past_the_cap_do_not_lock_out_others_and_are_closed(fresh_server):
    sockets = open_idle(fresh_server.url, IDLE)
    opened = time.monotonic()
    try:
        # With more idle sockets open than the cap, others are still served: idle ones make room.
        for _ in range(3):
            assert httpx.get(fresh_server.url + "/healthz", timeout=5).status_code == 200
        assert httpx.get(fresh_server.url + "/api/v1/code?input=A123", timeout=5).json()["code"] == "0086"
        # The server closes what never sent a request, within the header deadline.
        deadline = opened + 15
        while time.monotonic() < deadline and not all(closed_by_server(s) for s in sockets):
            time.sleep(0.5)
        still_open = sum(not closed_by_server(s) for s in sockets)
        assert still_open == 0, f"{still_open} idle connections still open after {time.monotonic() - opened:.1f} s"
        assert time.monotonic() - opened >= HEADER_SECONDS - 1 or still_open == 0
    finally:
        for sock in sockets:
            sock.close()
    assert httpx.get(fresh_server.url + "/healthz", timeout=5).status_code == 200


def test_headers_sent_too_slowly_are_cut_off(fresh_server):
    """A slow-loris client that sends a header line now and then is closed at the header deadline."""
    parts = urlsplit(fresh_server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: radiocode.test\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < HEADER_SECONDS + 5:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed = True
                break
            if closed_by_server(sock):
                closed = True
                break
            time.sleep(1)
        assert closed, "the server kept a connection whose headers never ended"
        assert HEADER_SECONDS - 1 <= time.monotonic() - started <= HEADER_SECONDS + 3


def test_a_keep_alive_connection_that_asks_in_time_is_served(fresh_server):
    """The deadline is for headers only: a client that asks promptly, again and again, keeps its connection."""
    with httpx.Client(base_url=fresh_server.url, timeout=5) as client:
        for _ in range(4):
            assert client.get("/healthz").status_code == 200
            time.sleep(1)
