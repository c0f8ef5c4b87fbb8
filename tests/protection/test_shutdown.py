"""Graceful shutdown: on SIGTERM the server stops taking connections and finishes what it started."""

import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

RUN = "import sys; sys.path.insert(0, {here!r}); from radiocode.web.server import run; run(port={{port}}, workers={workers}, app='slow_app:create_app')"


@pytest.mark.parametrize("workers", [1, 2])
def test_in_flight_requests_finish_after_sigterm(start_server, workers):
    server = start_server(code=RUN.format(here=str(Path(__file__).parent), workers=workers))
    answers: list[httpx.Response] = []
    requests = [threading.Thread(target=lambda: answers.append(httpx.get(server.url + "/slow", timeout=15))) for _ in range(2)]
    for request in requests:
        request.start()
    time.sleep(0.7)  # both requests are now being answered
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    # New connections are refused (one process) or reset (workers): none is served.
    with pytest.raises((httpx.ConnectError, httpx.ReadError)):
        httpx.get(server.url + "/healthz", timeout=2)
    for request in requests:
        request.join(timeout=15)
    assert [(a.status_code, a.json()) for a in answers] == [(200, {"finished": True})] * 2
    # uvicorn re-raises SIGTERM once it has shut down cleanly, as service managers expect.
    assert server.process.wait(timeout=15) in (0, -signal.SIGTERM)
    assert time.monotonic() - started < 10
    assert "Finished server process" in server.stderr.read_text()
