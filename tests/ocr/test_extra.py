"""The OCR extra: nothing downloaded at run time, and a clear word when it is missing.

Each test runs Python in a subprocess, so the engine starts there from nothing.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from label_images import make_photo

SRC = str(Path(__file__).resolve().parents[2] / "src")

NO_NETWORK = """
import socket

class NetworkUsed(AssertionError):
    pass

def refuse(*args, **kwargs):
    raise NetworkUsed(f"network use at run time: {args!r}")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""

HIDE_ENGINE = """
import sys
# As if the extra were not installed: importing these fails, find_spec finds nothing.
for name in ("rapidocr", "onnxruntime"):
    sys.modules[name] = None
"""


def run(script, photo=b"", env=None):
    environment = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        input=photo,
        capture_output=True,
        check=False,
        env=environment,
        timeout=300,
    )


def test_read_photo_uses_no_network(tmp_path):
    """With every socket refused and an empty home and cache, the engine starts and reads the photo."""
    photo = make_photo(3, "clean")
    script = NO_NETWORK + """
import json, sys
from radiocode.ocr import read_photo
result = read_photo(sys.stdin.buffer.read())
print(json.dumps(result.to_dict()))
"""
    empty = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "HF_HUB_OFFLINE": "1"}
    out = run(script, photo.data, env=empty)
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["precode"] == photo.precode
    written = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    # onnxruntime records an anonymous device id when imported; nothing else may appear (no model).
    assert [p for p in written if p.parts[:4] != ("cache", "Microsoft", "DeveloperTools", ".onnxruntime")] == []


def test_the_guard_does_catch_network_use():
    """The guard above is real: a connection attempt under it fails."""
    out = run(NO_NETWORK + "import socket\nsocket.create_connection(('127.0.0.1', 9))\n")
    assert out.returncode != 0
    assert b"NetworkUsed" in out.stderr


def test_import_works_without_the_extra_and_loads_nothing_heavy():
    """`import radiocode.ocr` neither needs nor loads the engine, numpy or Pillow."""
    out = run(HIDE_ENGINE + """
import sys
import radiocode, radiocode.ocr
from radiocode.ocr import read_photo, PhotoReading, OcrNotInstalled
print(sorted(m for m in ("rapidocr", "onnxruntime", "numpy", "PIL", "cv2") if sys.modules.get(m) is not None))
print(radiocode.read("281150198RT A583").precode)
""")
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().split() == ["[]", "A583"]


def test_read_photo_without_the_extra_says_how_to_install_it():
    """The message gives the exact install line."""
    out = run(HIDE_ENGINE + """
import sys
from radiocode.ocr import OcrNotInstalled, read_photo
try:
    read_photo(sys.stdin.buffer.read())
except OcrNotInstalled as error:
    print(error)
""", make_photo(3, "clean").data)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().strip() == (
        "Reading photos needs the OCR extra (rapidocr is not installed). "
        "Install it with: pip install 'radiocode[ocr]'"
    )


def test_not_installed_is_a_runtime_error_not_an_input_error():
    """Callers tell a server problem (500, install) from a bad photo (4xx)."""
    from radiocode.exceptions import ValidationError
    from radiocode.ocr import OcrNotInstalled

    assert issubclass(OcrNotInstalled, RuntimeError)
    assert not issubclass(OcrNotInstalled, ValidationError)


def test_cli_without_the_extra_prints_the_install_line(tmp_path):
    """`radiocode label PHOTO` exits 1 with the install line when the extra is missing."""
    photo = tmp_path / "label.jpg"
    photo.write_bytes(make_photo(3, "clean").data)
    out = run(HIDE_ENGINE + f"""
import sys
from radiocode.cli import main
sys.argv = ["radiocode", "label", {str(photo)!r}]
main()
""")
    assert out.returncode == 1
    assert "pip install 'radiocode[ocr]'" in out.stderr.decode()
