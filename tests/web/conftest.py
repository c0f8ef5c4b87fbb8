"""Fixtures for the website: an app per test (the factory) and one real server for the browser."""

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


@pytest.fixture(scope="session")
def server(tmp_path_factory, launcher):
    """A real `radiocode serve` process on a free loopback port (live_server.Server)."""
    # The browser tests load pages faster than a person; the rate limit has tests of its own.
    running = launcher(tmp_path_factory.mktemp("server"), "--host", "127.0.0.1", "--rate-limit", "off")
    yield running
    running.stop()
