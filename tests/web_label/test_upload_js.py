"""A phone-sized photo through Debian Chromium with JavaScript on: shrunk in the browser, measured at the server.

The server is the real app wrapped by measuring_site.py, which counts the
bytes of each POST /label it receives.
"""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from radiocode import read

MEASURE = "from radiocode.web.server import run; run(port={port}, app='tests.web_label.measuring_site:measuring_app')"
# Each state of the button, as the page shows it: recorded from the page's own console.
RECORD_BUTTON = """() => {
    const button = document.querySelector("form.photo-form button[type=submit]");
    new MutationObserver(() => console.log("button: " + button.disabled + " " + button.textContent))
        .observe(button, {attributes: true, childList: true, characterData: true, subtree: true});
}"""


@pytest.fixture(scope="module")
def phone_photo(clean_photo, tmp_path_factory):
    """The generated label as a phone camera gives it: 4032 x 3024, JPEG, about 2 MB."""
    label = Image.open(io.BytesIO(clean_photo.data)).convert("RGB")
    photo = Image.new("RGB", (4032, 3024), (60, 60, 64))
    scale = 3000 / label.width
    label = label.resize((3000, round(label.height * scale)), Image.Resampling.LANCZOS)
    photo.paste(label, (516, (3024 - label.height) // 2))
    # Sensor noise, as in a real photo: what makes phone JPEGs large.
    rng = random.Random(5)
    noise = Image.frombytes("L", (1008, 756), bytes(rng.randrange(0, 40) for _ in range(1008 * 756))).resize(photo.size)
    photo = Image.composite(photo, Image.new("RGB", photo.size, (128, 128, 128)), noise.point(lambda v: 255 - v))
    out = io.BytesIO()
    for quality in (96, 94, 92, 90, 88, 85):
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=quality)
        if out.tell() <= 2_300_000:
            break
    path = tmp_path_factory.mktemp("phone") / "IMG_0001.jpg"
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture(scope="module")
def measured(tmp_path_factory, launcher):
    log = tmp_path_factory.mktemp("upload") / "received"
    running = launcher(tmp_path_factory.mktemp("server"), env={"RADIOCODE_TEST_UPLOAD_LOG": str(log), "RADIOCODE_RATE_LIMIT": "off"}, code=MEASURE)
    running.log = log
    yield running
    running.stop()


def test_a_phone_photo_is_shrunk_before_it_is_sent(browser, measured, phone_photo, clean_photo):
    size = phone_photo.stat().st_size
    assert 1_900_000 <= size <= 2_300_000, size
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems, states = [], []
    page.on("console", lambda m: states.append(m.text) if m.text.startswith("button: ") else m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda req: req.url.startswith((measured.url, "data:", "blob:")) or problems.append("left the site: " + req.url))
    try:
        page.goto(measured.url + "/")
        if page.locator("form.photo-form").count() == 0:
            pytest.skip("this server reads no photos (no OCR extra)")
        form = page.locator("form.photo-form")
        uploading, reading_label = form.get_attribute("data-uploading"), form.get_attribute("data-reading")
        page.set_input_files("#photo", str(phone_photo))
        page.evaluate(RECORD_BUTTON)
        # Pressed twice in a row: one upload.
        page.evaluate("() => { const b = document.querySelector('form.photo-form button[type=submit]'); b.click(); b.click(); }")
        page.wait_for_selector("#the-code", timeout=120_000)
        assert page.locator("#the-code").inner_text() == read(clean_photo.precode).code
        assert page.url.endswith("/label")
        requests, received = map(int, measured.log.read_text().split())
        print(f"phone photo {size} bytes; the server received {received} bytes")
        assert requests == 1
        assert received < 400_000
        assert f"button: true {uploading}" in states and f"button: true {reading_label}" in states
        assert states.index(f"button: true {uploading}") < states.index(f"button: true {reading_label}")
        assert problems == []
    finally:
        context.close()
