"""The photo form and its result page, rendered by the app factory from real generated label photos."""

import base64
import io
import logging
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from starlette.datastructures import Headers
from starlette.formparsers import MultiPartParser

from radiocode import read
from radiocode.ocr import INSTALL_LINE

SRC = str(Path(__file__).resolve().parents[2] / "src")
DATA_URI = re.compile(r'<image href="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"')
POLYGON = re.compile(r'<polygon class="precode-box" points="([0-9, ]+)"/>')
# Every element the photo pages may hold; anything else came from the input.
TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "nav", "main", "footer", "p", "h1", "h2",
    "h3", "div", "button", "section", "ul", "ol", "li", "span", "strong", "form", "label", "input", "figure", "svg",
    "image", "polygon", "figcaption", "code",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def listing(temporary: Path) -> set:
    """The files in this process's temporary folder and the working folder's visible ones.

    Not the whole of /tmp, nor dot-folders such as .hypothesis: other test processes
    (browsers, servers) write there at the same time.
    """
    return {p.name for p in temporary.iterdir()} | {p.name for p in Path.cwd().iterdir() if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def result_page(shared_client, big_png, disk_writes, caplog_module, tmp_path_factory):
    """The form posted with a >1 MB PNG of a clean label, recording disk writes, files and logs."""
    temporary, tempfile.tempdir = tempfile.tempdir, str(tmp_path_factory.mktemp("tempdir"))
    try:
        before = listing(Path(tempfile.tempdir))
        with disk_writes:
            page = shared_client.post("/label", files={"photo": ("M776 secret-name.png", big_png, "image/png")})
        after = listing(Path(tempfile.tempdir))
    finally:
        tempfile.tempdir = temporary
    return {"page": page, "writes": list(disk_writes.seen), "before": before, "after": after, "logs": caplog_module.text}


@pytest.fixture(scope="module")
def caplog_module():
    """Every log record, of every logger, while the module's uploads run."""
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)

    class Text:
        @property
        def text(self):
            return records.getvalue()

    yield Text()
    root.removeHandler(handler)
    root.setLevel(level)


def test_form_shows_the_code_read_from_the_photo(result_page, clean_photo):
    page = result_page["page"]
    assert page.status_code == 200, page.text[:500]
    code = read(clean_photo.precode).code
    assert f'<p class="code" id="the-code">{code}</p>' in page.text
    assert f"We read the precode {clean_photo.precode} from your label." in page.text
    # The text read, with the line the precode came from marked.
    line = re.search(r'<li class="precode-line"><span class="line-text">([^<]+)</span>', page.text)
    assert line and clean_photo.precode in line.group(1)


def test_photo_is_embedded_downscaled_with_the_precode_box(result_page, big_png):
    html = result_page["page"].text
    shown = Image.open(io.BytesIO(base64.b64decode(DATA_URI.search(html).group(1))))
    original = Image.open(io.BytesIO(big_png))
    assert shown.format == "JPEG" and max(shown.size) <= 1024 < max(original.size)
    assert not shown.getexif()
    # The box is drawn in the original photo's pixels, over the whole picture.
    assert f'viewBox="0 0 {original.width} {original.height}"' in html
    corners = [tuple(map(int, p.split(","))) for p in POLYGON.search(html).group(1).split()]
    assert len(corners) == 4 and all(0 <= x <= original.width and 0 <= y <= original.height for x, y in corners)
    # On the precode's line: in the upper part of this layout, not a corner of the photo.
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    assert max(xs) - min(xs) > 4 * (max(ys) - min(ys)) > 0


def test_nothing_written_to_disk_or_logged(result_page, clean_photo):
    assert result_page["page"].status_code == 200
    assert result_page["writes"] == []
    assert result_page["after"] == result_page["before"]
    logs = result_page["logs"]
    assert '"method": "POST", "path": "/label", "status": 200' in logs  # the route is logged ...
    for secret in (clean_photo.precode, "secret-name", "base64"):  # ... nothing of the photo
        assert secret not in logs
    assert result_page["page"].headers["cache-control"].startswith("no-store")


def test_the_disk_write_check_sees_starlettes_spooling(big_png, disk_writes):
    """Starlette's own form parser writes a part this large to a temporary file: the check catches it."""
    import asyncio

    boundary = "xyz"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n').encode() + big_png + f"\r\n--{boundary}--\r\n".encode()

    async def parse():
        async def stream():
            yield body

        form = await MultiPartParser(Headers({"content-type": f"multipart/form-data; boundary={boundary}"}), stream()).parse()
        await form.close()

    with disk_writes:
        asyncio.run(parse())
    assert disk_writes.seen


def test_home_and_label_pages_offer_the_camera(client):
    for path in ("/", "/label"):
        page = client.get(path)
        assert page.status_code == 200
        form = next(attrs for tag, attrs in Tags(page.text).tags if tag == "form" and attrs.get("action") == "/label")
        assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
        field = next(attrs for tag, attrs in Tags(page.text).tags if tag == "input" and attrs.get("type") == "file")
        assert (field["name"], field["accept"], field["capture"]) == ("photo", "image/*", "environment")
        assert '<label for="photo">' in page.text
    csp = page.headers["content-security-policy"]
    assert "img-src 'self' data:" in csp and "unsafe-inline" not in csp


def test_payloads_are_never_markup(shared_client, client, text_label):
    payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    # A label with markup printed on it: what the OCR reads is shown as text.
    photo = text_label("RENAULT", "<script>alert(1)</script>", "281150198RT A583")
    page = shared_client.post("/label", data={"family": "preset6", payload: payload}, files={"photo": (payload + ".jpg", photo, "image/jpeg")})
    assert page.status_code == 200
    assert '<p class="code" id="the-code">0461</p>' in page.text
    assert "&lt;" in page.text.split('<ol class="read-lines">')[1].split("</ol>")[0]
    # Refusals that name what was sent: the family, the file's claimed type.
    refusals = [
        client.post("/label", data={"family": payload}, files={"photo": (payload, photo, "image/jpeg")}),
        client.post("/label", files={"photo": (payload, b"<svg onload=alert(1)>", payload)}),
        client.post("/api/v1/label", data={"family": payload}, files={"photo": (payload, photo, "image/jpeg")}),
    ]
    assert [r.status_code for r in refusals] == [422, 415, 422]
    for response in [page, *refusals]:
        assert "<script>alert" not in response.text and "onerror=alert" not in response.text.replace("onerror=alert(2)&gt;", "")
        if response.headers["content-type"].startswith("text/html"):
            for tag, attrs in Tags(response.text).tags:
                assert tag in TAGS, tag
                if tag == "script":
                    assert attrs["src"].startswith("/static/")
                assert not any(name.startswith("on") for name in attrs)


def test_photo_without_a_precode_shows_what_was_read(shared_client, error_shape, text_label):
    photo = text_label("7700 434 436")
    page = shared_client.post("/label", files={"photo": ("label.jpg", photo, "image/jpeg")})
    assert page.status_code == 422
    assert "<h1>No precode found on this photo</h1>" in page.text
    assert "This is a Renault part number" in page.text
    assert DATA_URI.search(page.text) and not POLYGON.search(page.text)
    assert '<span class="line-text">7700 434 436</span>' in page.text
    # The API answers as /api/v1/code does for the same text.
    message = error_shape(shared_client.post("/api/v1/label", files={"photo": ("label.jpg", photo, "image/jpeg")}), 422, "not_a_precode")
    assert message == shared_client.get("/api/v1/code", params={"input": "7700 434 436"}).json()["error"]["message"]


def test_without_the_ocr_extra_the_site_says_how_to_install_it():
    """In a Python where the OCR engine cannot be imported: 501 with the install line, no photo form."""
    script = textwrap.dedent(
        """
        import json, sys
        for name in ("rapidocr", "onnxruntime"):
            sys.modules[name] = None
        from starlette.testclient import TestClient
        from radiocode.web import create_app
        client = TestClient(create_app(), raise_server_exceptions=False)
        files = {"photo": ("label.jpg", b"\\xff\\xd8\\xff\\xe0 a photo", "image/jpeg")}
        api = client.post("/api/v1/label", files=files)
        page = client.post("/label", files=files)
        home = client.get("/")
        print(json.dumps({"api": [api.status_code, api.json()], "page": [page.status_code, page.text], "home": 'type="file"' in home.text}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    import json

    answer = json.loads(done.stdout.strip().splitlines()[-1])
    status, body = answer["api"]
    assert status == 501 and body["error"]["type"] == "ocr_not_installed"
    assert INSTALL_LINE in body["error"]["message"] and "Type what the label says" in body["error"]["message"]
    status, html = answer["page"]
    assert status == 501 and "pip install &#39;radiocode[ocr]&#39;" in html and "Traceback" not in html
    assert answer["home"] is False


def test_sideways_phone_photo_is_shown_upright_under_its_box(shared_client, clean_photo):
    """A phone's photo stored a quarter turn round with EXIF orientation 6: box and photo both upright."""
    from label_images import sideways_with_exif

    stored = sideways_with_exif(clean_photo)
    assert Image.open(io.BytesIO(stored)).height > Image.open(io.BytesIO(stored)).width
    page = shared_client.post("/label", files={"photo": ("label.jpg", stored, "image/jpeg")})
    assert page.status_code == 200
    upright = Image.open(io.BytesIO(clean_photo.data)).size
    assert f'viewBox="0 0 {upright[0]} {upright[1]}"' in page.text
    shown = Image.open(io.BytesIO(base64.b64decode(DATA_URI.search(page.text).group(1))))
    assert shown.width > shown.height
    xs = [int(p.split(",")[0]) for p in POLYGON.search(page.text).group(1).split()]
    ys = [int(p.split(",")[1]) for p in POLYGON.search(page.text).group(1).split()]
    assert max(xs) - min(xs) > 4 * (max(ys) - min(ys))
