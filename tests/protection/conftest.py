"""Real processes for the protection tests: a redis-server and `radiocode serve` on free loopback ports."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One running `radiocode serve`: its address, process and the files its stdout and stderr go to."""

    url: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def access_lines(self) -> list[dict]:
        """The JSON access log lines written so far."""
        return [json.loads(line) for line in self.stdout.read_text().splitlines() if line.strip()]

    def output(self) -> str:
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def wait_until_up(url: str, process: subprocess.Popen, describe, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server did not start:\n{describe()}")
        time.sleep(0.1)


def launch(directory: Path, *args: str, env: dict[str, str] | None = None, code: str | None = None) -> Server:
    """Start `radiocode serve ARGS...` (or `python -c CODE`, where {port} is filled in) and wait for /healthz."""
    port = free_port()
    number = len(list(directory.glob("server*.out")))
    stdout, stderr = directory / f"server{number}.out", directory / f"server{number}.err"
    # Settings come from the arguments only, never from the caller's environment.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RADIOCODE_")}
    command = [sys.executable, "-c", code.format(port=port)] if code else [sys.executable, "-m", "radiocode", "serve", "--port", str(port), *args]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env={**clean, "PYTHONUNBUFFERED": "1", **(env or {})})
    server = Server(f"http://127.0.0.1:{port}", process, stdout, stderr)
    try:
        wait_until_up(server.url, process, server.output)
    except RuntimeError:
        server.stop()
        raise
    return server


@pytest.fixture
def start_server(tmp_path):
    """Start servers like :func:`launch`; every one is stopped after the test."""
    started: list[Server] = []

    def start(*args: str, env: dict[str, str] | None = None, code: str | None = None) -> Server:
        started.append(launch(tmp_path, *args, env=env, code=code))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def launcher():
    """:func:`launch`, for module-scoped servers in test modules."""
    return launch


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


@pytest.fixture
def error_shape():
    return assert_error


def assert_error(response: httpx.Response, status: int, type_: str) -> str:
    """The one API error shape: exactly {"error": {"type", "message"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == type_
    assert body["error"]["message"]
    return body["error"]["message"]
