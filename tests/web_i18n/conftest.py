"""Fixtures for the site in every language: an app per test and one real server per module."""

import pytest
from starlette.testclient import TestClient

from radiocode.web import create_app


@pytest.fixture
def client():
    return TestClient(create_app({"base_url": "https://radiocode.example"}), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory, launcher):
    """A real `radiocode serve` process on a free loopback port; yields its base URL."""
    running = launcher(tmp_path_factory.mktemp("server"), "--host", "127.0.0.1", "--rate-limit", "off")
    yield running.url
    running.stop()
