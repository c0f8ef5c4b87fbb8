"""The largest accepted photo keeps a real server under 700 MB resident (issue 14), one upload or two at once."""

import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

# The OCR tests' label generator, a plain module (pytest runs in importlib mode).
sys.path.insert(0, str(Path(__file__).parents[1] / "ocr"))

from label_images import largest_accepted

pytest.importorskip("rapidocr", reason="the photo route needs the OCR extra: pip install 'radiocode[ocr]'")

LIMIT_MIB = 700


def rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_while(pid: int, uploads: list) -> tuple[float, list[httpx.Response]]:
    """Run the uploads at once; the server's highest resident memory meanwhile, sampled every 20 ms."""
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda upload=upload: answers.append(upload())) for upload in uploads]
    peak = rss_mib(pid)
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        peak = max(peak, rss_mib(pid))
        time.sleep(0.02)
    return peak, answers


@pytest.fixture(scope="module")
def photo_server(tmp_path_factory, launcher):
    server = launcher(tmp_path_factory.mktemp("server"), "--rate-limit", "off")
    yield server
    server.stop()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_the_largest_accepted_photo_one_and_two_at_once(photo_server, fmt):
    precode, data = largest_accepted(fmt)
    pid = photo_server.process.pid

    def upload() -> httpx.Response:
        return httpx.post(photo_server.url + "/api/v1/label", files={"photo": (f"label.{fmt.lower()}", data, f"image/{fmt.lower()}")}, timeout=120)

    for at_once in (1, 2):
        peak, answers = peak_while(pid, [upload] * at_once)
        assert [a.status_code for a in answers] == [200] * at_once, answers[0].text
        assert [a.json()["precode"] for a in answers] == [precode] * at_once
        size = (7000, 7000) if fmt == "PNG" else (8160, 6120)
        assert answers[0].json()["image"] == {"width": size[0], "height": size[1]}
        assert peak < LIMIT_MIB, f"{at_once} x {fmt}: {peak:.0f} MiB resident"
