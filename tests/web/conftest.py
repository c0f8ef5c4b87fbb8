"""Fixtures for the website: an app per test (the factory) and one real server for the browser."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from radiocode.web import create_app


@pytest.fixture
def app():
    return create_app({"base_url": "https://radiocode.example"})


@pytest.fixture
def client(app):
    # Crashes must become the 500 page, as they would for a person.
    return TestClient(app, raise_server_exceptions=False)


def assert_error(response, status, type_):
    """The one API error shape: exactly {"error": {"type", "message"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == type_
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]["message"]


@pytest.fixture
def error_shape():
    return assert_error


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A real `radiocode serve` process on a free loopback port; yields its base URL and log file."""
    port = _free_port()
    log_path: Path = tmp_path_factory.mktemp("server") / "server.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        # The browser tests load pages faster than a person; the rate limit has tests of its own.
        [sys.executable, "-m", "radiocode", "serve", "--host", "127.0.0.1", "--port", str(port), "--rate-limit", "off"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/robots.txt", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("radiocode serve did not start:\n" + log_path.read_text(errors="replace"))
        time.sleep(0.1)
    yield {"url": base, "log": log_path}
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
