"""A 360 x 740 phone, in English and French: what the person must see is on the first screen (issue 11).

Screenshots go to /tmp/shots-phone (RADIOCODE_SHOTS) to look at after a run.
Each page: nothing sticks out sideways, axe finds nothing, and the code (or the
error and the input) lies inside the first 740 px.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

SHOTS = Path(os.environ.get("RADIOCODE_SHOTS", "/tmp/shots-phone"))
WIDTH, HEIGHT = 360, 740

#: name -> (path, selectors that must lie wholly inside the first screen)
PAGES = {
    "result": ("/code?input=A123", ["#the-code", "ol.steps li:first-child", "ol.steps li:last-child", "#entry .note"]),
    "lookalike": ("/code?input=O555", ["#the-code", ".alts-count", ".alternatives li:nth-child(1) .alt-code", ".alternatives li:nth-child(2) .alt-code", ".alternatives li:nth-child(3) .alt-code"]),
    "wait": ("/wait?tries=6", [".advice", ".countdown"]),
    "wait_past": ("/wait?tries=20", [".advice"]),
    "midlum": ("/vehicles/renault-trucks-midlum", ["ol.procedure li:first-child", "#input"]),
    "removal": ("/guides/remove-radio", ["h1", ".lead"]),
    "error": ("/code?input=A012", ["h1", ".lead", "#input"]),
    "error_length": ("/code?input=ABCDE", ["h1", ".lead", "#input"]),
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and "status of 4" not in message.text and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def inside_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH


@pytest.mark.parametrize("language", ["", "/fr"], ids=["en", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_first_screen(phone, server, name, language):
    path, must_see = PAGES[name]
    phone.goto(server + language + path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"{name}-{language.strip('/') or 'en'}.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH
    for selector in must_see:
        assert inside_first_screen(phone, selector), f"{name}: {selector} is not inside the first {HEIGHT} px"
    if name.startswith("error"):
        assert phone.locator("#input").input_value() == path.split("=", 1)[1]
    results = Axe().run(phone)
    assert results.violations_count == 0, results.generate_report()
    assert phone.problems == []


@pytest.mark.parametrize("language", ["de", "es", "it", "nl", "pl", "pt", "tr"])
def test_result_steps_and_note_fit_in_every_language(phone, server, language):
    """The code, every entry step and the 'hold 5' note on the first screen in the other languages too."""
    phone.goto(f"{server}/{language}/code?input=A123")
    for selector in PAGES["result"][1]:
        assert inside_first_screen(phone, selector), f"{language}: {selector} is not inside the first {HEIGHT} px"
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH


@pytest.mark.parametrize("language", ["fr", "de", "en", "pl", "es", "nl", "it", "pt", "tr"])
def test_menu_fits_on_one_line(phone, server, language):
    phone.goto(f"{server}/{language}/guides" if language != "en" else f"{server}/guides")
    tops = phone.evaluate("[...document.querySelectorAll('.top nav a')].map(a => Math.round(a.getBoundingClientRect().top))")
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH


def _luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _rgb(css):
    return [int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


def test_focus_ring_on_the_dark_header_reaches_3_to_1(phone, server):
    phone.goto(server + "/")
    phone.keyboard.press("Tab")  # the skip link
    phone.keyboard.press("Tab")  # the brand, on the header
    assert phone.evaluate("document.activeElement.className") == "brand"
    ring = _rgb(phone.evaluate("getComputedStyle(document.activeElement).outlineColor"))
    header = _rgb(phone.evaluate("getComputedStyle(document.querySelector('.top')).backgroundColor"))
    lighter, darker = sorted([_luminance(ring), _luminance(header)], reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 3
