"""Graceful shutdown: on SIGTERM the server stops taking connections and finishes what it started."""

import importlib.util
import signal
import sys
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


def label_photo() -> tuple[str, bytes]:
    """A generated label photo from the OCR tests' generator (tests/ocr/label_images.py)."""
    path = Path(__file__).parents[1] / "ocr" / "label_images.py"
    spec = importlib.util.spec_from_file_location("label_images", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["label_images"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    photo = module.make_photo(1, "clean")
    return photo.precode, photo.data


def test_a_photo_being_read_finishes_after_sigterm(start_server):
    """The real `radiocode serve` and the real OCR: a label photo in flight when SIGTERM comes still gets its code."""
    pytest.importorskip("rapidocr", reason="the photo route needs the OCR extra: pip install 'radiocode[ocr]'")
    precode, data = label_photo()
    server = start_server()
    answers: list[httpx.Response] = []
    upload = threading.Thread(
        target=lambda: answers.append(httpx.post(server.url + "/api/v1/label", files={"photo": ("label.jpg", data, "image/jpeg")}, timeout=60))
    )
    upload.start()
    time.sleep(1.0)  # the photo is being read: OCR takes seconds
    assert upload.is_alive()
    server.process.send_signal(signal.SIGTERM)
    upload.join(timeout=60)
    assert answers[0].status_code == 200, answers[0].text
    assert answers[0].json()["precode"] == precode
    assert server.process.wait(timeout=30) in (0, -signal.SIGTERM)
