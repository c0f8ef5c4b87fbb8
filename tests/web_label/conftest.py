"""Fixtures for the photo pages: an app per test, generated label photos, a disk-write detector, a real server."""

import io
import os
import sys
import threading
from pathlib import Path
from typing import Self

import pytest
from PIL import Image
from starlette.testclient import TestClient

# The label-photo generator sits beside the OCR tests (pytest runs in importlib mode).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ocr"))

from label_images import make_photo

from radiocode.web import create_app


@pytest.fixture
def app():
    return create_app({"base_url": "https://radiocode.example"})


@pytest.fixture
def client(app):
    # Crashes must become the 500 page, as they would for a person.
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def shared_client():
    """One app for the tests that read real photos, so the OCR engine loads once."""
    return TestClient(create_app({"base_url": "https://radiocode.example"}), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def clean_photo():
    """A clean generated label of the "…RT M776" layout, as a camera's JPEG."""
    return make_photo(0, "clean", "rt")


@pytest.fixture(scope="session")
def big_png(clean_photo):
    """The same label as an uncompressed PNG of well over 1 MB.

    Starlette's form parser would spool a file part this large to a temporary file.
    """
    image = Image.open(io.BytesIO(clean_photo.data))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=0)
    data = out.getvalue()
    assert len(data) > 1024 * 1024
    return data


class DiskWrites:
    """Every file this process opens for writing while recording, seen through Python's audit hooks.

    ``tempfile.TemporaryFile`` opens an unnamed file (O_TMPFILE) that never shows
    in a directory listing; the audit hook still sees the open.
    """

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def __init__(self) -> None:
        self.recording = False
        self.seen: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        sys.addaudithook(self.hook)

    def hook(self, event, args) -> None:
        if not self.recording:
            return
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & self.WRITE_FLAGS)
            if writing:
                with self.lock:
                    self.seen.append((event, str(path)))
        elif event in ("tempfile.mkstemp", "tempfile.mkdtemp", "os.rename", "os.remove", "shutil.copyfile"):
            with self.lock:
                self.seen.append((event, str(args[0]) if args else ""))

    def __enter__(self) -> Self:
        self.seen = []
        self.recording = True
        return self

    def __exit__(self, *exc) -> None:
        self.recording = False


_DISK_WRITES = DiskWrites()


@pytest.fixture(scope="session")
def disk_writes():
    return _DISK_WRITES


@pytest.fixture(scope="session")
def server(tmp_path_factory, launcher):
    """A real `radiocode serve` process on a free loopback port, with its default limits (live_server.Server)."""
    running = launcher(tmp_path_factory.mktemp("server"), "--host", "127.0.0.1")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def text_label():
    return draw_text_label


def draw_text_label(*lines: str) -> bytes:
    """A plain label with `lines` printed on it, photographed on dark plastic, as JPEG."""
    from label_images import font_paths

    font_path = next(p for p in font_paths() if p.name == "DejaVuSans.ttf")
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), 34)
    photo = Image.new("RGB", (900, 120 + 60 * len(lines)), (50, 50, 55))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((40, 40, 860, 80 + 60 * len(lines)), fill=(240, 240, 235))
    for n, line in enumerate(lines):
        draw.text((70, 60 + 60 * n), line, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=90)
    return out.getvalue()
