"""Debian Chromium, JavaScript off, uploads a generated label photo to a real `radiocode serve`.

The result page is checked by axe-core and photographed at phone and desktop
width (under /tmp/shots-label, outside the repository).
"""

import os
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_checks import assert_above_the_fold, problems, watch
from radiocode import read

SHOTS = Path(os.environ.get("RADIOCODE_SHOTS", "/tmp/shots-label"))



@pytest.fixture(scope="module")
def photo_file(clean_photo, tmp_path_factory):
    path = tmp_path_factory.mktemp("photo") / "label.jpg"
    path.write_bytes(clean_photo.data)
    return path


def upload(browser, server, photo_file, javascript):
    """The photo chosen in the home page's form and sent, at 360 px; the result page."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 360, "height": 740})
    page = watch(context.new_page(), server.url)
    page.goto(server.url + "/")
    page.get_by_label("Or take a photo of the label").set_input_files(photo_file)
    started = time.perf_counter()
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Read the photo").click()
    page.seconds = time.perf_counter() - started
    return page


@pytest.fixture(scope="module")
def uploaded(browser, server, photo_file):
    """JavaScript off: the page works as a plain form."""
    page = upload(browser, server, photo_file, javascript=False)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def uploaded_js(browser, server, photo_file):
    """JavaScript on, as most people have it: axe-core needs it to run."""
    page = upload(browser, server, photo_file, javascript=True)
    yield page
    page.context.close()


def test_upload_with_javascript_off_shows_the_code(uploaded, clean_photo):
    assert uploaded.url.endswith("/label")
    assert uploaded.locator("#the-code").inner_text() == read(clean_photo.precode).code
    assert uploaded.get_by_text(f"We read the precode {clean_photo.precode} from your label.").is_visible()
    assert uploaded.locator(".photo svg polygon.precode-box").count() == 1
    assert uploaded.locator(".precode-line .line-text").inner_text().endswith(clean_photo.precode)
    assert problems(uploaded) == []
    print(f"upload to result page: {uploaded.seconds:.2f} s")


def test_photo_result_page_has_no_axe_violations(uploaded_js):
    results = Axe().run(uploaded_js)
    assert results.violations_count == 0, results.generate_report()
    # A CSP violation (the data: photo, a style) shows as a console error: there must be none.
    assert problems(uploaded_js) == []
    assert uploaded_js.locator(".copy").is_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(uploaded_js, width):
    page = uploaded_js
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 740})
    page.screenshot(path=str(SHOTS / f"label-result-{width}.png"), full_page=True)
    if width == 360:
        assert_above_the_fold(page, "#the-code")
    assert problems(page) == []
    box = page.locator(".photo svg").bounding_box()
    # The photo fits the screen's width: no sideways scrolling on a phone.
    assert 0 < box["width"] <= width and page.evaluate("document.documentElement.scrollWidth") <= width
