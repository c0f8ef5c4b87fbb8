"""Fixtures for the offline tests: a local static server and a real site (Chromium comes from tests/conftest.py)."""

from __future__ import annotations

import importlib.util
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "radiocode" / "web" / "static"
CASES = ROOT / "tests" / "cases"


def _load(name: str):
    # --import-mode=importlib: load the sibling module by path, not by package name.
    spec = importlib.util.spec_from_file_location(f"offline_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def make_cases():
    """tests/offline/make_cases.py, which writes the shared case file."""
    return _load("make_cases")

BLANK_PAGE = b"<!doctype html><meta charset=utf-8><title>core.js</title><script src=/static/core-data.js></script><script src=/static/core.js></script><script src=/static/radios.js></script>"


class _Handler(SimpleHTTPRequestHandler):
    """/static/ from the package, /cases/ from tests/cases, / a blank page that loads core.js."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        for prefix, folder in (("/static/", STATIC), ("/cases/", CASES)):
            if path.startswith(prefix):
                return str(folder / path[len(prefix):])
        return str(CASES / "__missing__")

    def do_GET(self) -> None:
        if self.path == "/":
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(BLANK_PAGE)))
            self.end_headers()
            self.wfile.write(BLANK_PAGE)
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def static_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def core_page(browser, static_server):
    """A page that has loaded core.js from a real HTTP server."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_server + "/")
    page.wait_for_function("() => self.radiocode !== undefined")
    yield page
    context.close()


SERVERS = {
    # The real site, able to publish a new worker (tests/offline/publishing_site.py).
    "publishing": "from radiocode.web.server import run; run(port={port}, app='tests.offline.publishing_site:publishing_app')",
    # Plain `radiocode serve`.
    "serve": "from radiocode.web import serve; serve(port={port})",
}
@pytest.fixture(scope="module", params=["publishing", "serve"])
def site(request, tmp_path_factory, launcher):
    """A real server in a subprocess; `site.worker_suffix` changes the served /sw.js (publishing only)."""
    suffix = tmp_path_factory.mktemp("sw") / "suffix.js"
    suffix.write_text("")
    # Each test is a first visit (the worker caches ~30 pages): more than 60 a minute, the default limit.
    env = {"RADIOCODE_TEST_SW_SUFFIX": str(suffix), "RADIOCODE_RATE_LIMIT": "off"}
    running = launcher(tmp_path_factory.mktemp("server"), env=env, code=SERVERS[request.param])
    yield Site(request.param, running.url, suffix)
    running.stop()


class Site:
    def __init__(self, name: str, base: str, worker_suffix: Path) -> None:
        self.name, self.base, self.worker_suffix = name, base, worker_suffix

    def __repr__(self) -> str:
        return f"Site({self.name!r}, {self.base!r})"
