"""Fixtures for the offline tests: a local static server, Debian Chromium, a real site."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "radiocode" / "web" / "static"
CASES = ROOT / "tests" / "cases"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


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

BLANK_PAGE = b"<!doctype html><meta charset=utf-8><title>core.js</title><script src=/static/core.js></script>"


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def static_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Module scope: a live sync Playwright keeps its asyncio loop running in this
# thread, which breaks asyncio.run() and Playwright in the suites run after it.
@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def core_page(browser, static_server):
    """A page that has loaded core.js from a real HTTP server."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_server + "/")
    page.wait_for_function("() => self.radiocode !== undefined")
    yield page
    context.close()


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start_site(code: str, env: dict[str, str] | None = None):
    """Run `code` (which serves the site on {port}) in a subprocess; yield the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", code.format(port=port)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


SERVERS = {
    # The real site, able to publish a new worker (tests/offline/publishing_site.py).
    "publishing": "from radiocode.web.server import run; run(port={port}, app='tests.offline.publishing_site:publishing_app')",
    # Plain `radiocode serve`.
    "serve": "from radiocode.web import serve; serve(port={port})",
}
@pytest.fixture(scope="module", params=["publishing", "serve"])
def site(request, tmp_path_factory):
    """A real server in a subprocess; `site.worker_suffix` changes the served /sw.js (publishing only)."""
    suffix = tmp_path_factory.mktemp("sw") / "suffix.js"
    suffix.write_text("")
    # Each test is a first visit (the worker caches ~30 pages): more than 60 a minute, the default limit.
    env = {"RADIOCODE_TEST_SW_SUFFIX": str(suffix), "RADIOCODE_RATE_LIMIT": "off"}
    for base in start_site(SERVERS[request.param], env):
        yield Site(request.param, base, suffix)


class Site:
    def __init__(self, name: str, base: str, worker_suffix: Path) -> None:
        self.name, self.base, self.worker_suffix = name, base, worker_suffix

    def __repr__(self) -> str:
        return f"Site({self.name!r}, {self.base!r})"
