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


@pytest.fixture(scope="session")
def server(tmp_path_factory, launcher):
    """A real `radiocode serve` process on a free loopback port (live_server.Server)."""
    # The browser tests load pages faster than a person; the rate limit has tests of its own.
    running = launcher(tmp_path_factory.mktemp("server"), "--host", "127.0.0.1", "--rate-limit", "off")
    yield running
    running.stop()
