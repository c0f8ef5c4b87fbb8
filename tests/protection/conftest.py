"""Real processes for the protection tests: a redis-server and `radiocode serve` on free loopback ports."""

from __future__ import annotations

import itertools
import shutil
import socket
import subprocess
import time

import pytest
from live_server import free_port, launch


@pytest.fixture(scope="session")
def limited_server(tmp_path_factory):
    """One `radiocode serve --rate-limit 3/minute` behind a declared proxy (this test process).

    Each test speaks as clients of its own through X-Forwarded-For (see
    ``new_client``), so tests share the server but never each other's counts.
    """
    server = launch(tmp_path_factory.mktemp("server"), "--rate-limit", "3/minute", "--forwarded-allow-ips", "127.0.0.1")
    yield server
    server.stop()


_addresses = itertools.count(1)


@pytest.fixture
def new_client():
    """A header dict that makes the next requests come from an address no other test used."""

    def make() -> dict[str, str]:
        n = next(_addresses)
        return {"x-forwarded-for": f"198.51.{n // 250}.{n % 250 + 1}"}

    return make


@pytest.fixture(scope="module")
def open_server(tmp_path_factory):
    """One `radiocode serve --rate-limit off` shared by a module's tests."""
    server = launch(tmp_path_factory.mktemp("server"), "--rate-limit", "off")
    yield server
    server.stop()


PLAIN_STACK = "from radiocode.web.server import run; run(port={{port}}, rate_limit={limit!r}, fast=False)"


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    """The same server on uvicorn's pure-Python stack (asyncio, h11), as where uvloop and httptools have no wheel."""
    server = launch(tmp_path_factory.mktemp("server"), code=PLAIN_STACK.format(limit="off"))
    yield server
    server.stop()


@pytest.fixture(params=["fast", "plain"], ids=["uvloop+httptools", "asyncio+h11"])
def each_stack(request):
    """Both server stacks radiocode serve may run on: a test says the same on each."""
    return request.getfixturevalue("open_server" if request.param == "fast" else "plain_server")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free loopback port, nothing saved to disk."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed. scripts/test installs it; by hand: apt-get install redis-server", pytrace=False)
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"redis-server did not start on port {port}", pytrace=False)
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis(redis_url):
    """The session's Redis, emptied: every test starts with no requests counted."""
    host, port = redis_url.removeprefix("redis://").split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=2) as sock:
        sock.sendall(b"FLUSHALL\r\n")
        assert sock.recv(16).startswith(b"+OK")
    return redis_url


@pytest.fixture
def unused_port():
    """A loopback port nothing listens on."""
    return free_port()
