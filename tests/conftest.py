"""Fixtures every suite shares: real servers and Debian's Chromium."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# live_server.py is imported as a plain module (pytest runs in importlib mode).
sys.path.insert(0, str(Path(__file__).parent))

from live_server import launch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="session")
def launcher():
    """:func:`live_server.launch`: start a real server, for fixtures of any scope."""
    return launch


@pytest.fixture
def start_server(tmp_path):
    """Start servers like :func:`live_server.launch`; every one is stopped after the test."""
    started = []

    def start(*args: str, env: dict[str, str] | None = None, code: str | None = None):
        started.append(launch(tmp_path, *args, env=env, code=code))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def assert_error(response, status: int, type_: str) -> str:
    """The one API error shape: exactly {"error": {"type", "message"}}; returns the message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == type_
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]["message"]


@pytest.fixture(scope="session")
def error_shape():
    """:func:`assert_error`, for every suite's API tests."""
    return assert_error


# Module scope: a live sync Playwright keeps its asyncio loop running in this
# thread, which breaks asyncio.run() and Playwright in the suites run after it.
@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download does not work here)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does)", pytrace=False)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
