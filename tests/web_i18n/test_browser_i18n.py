"""Debian Chromium against a real `radiocode serve`: the switcher by keyboard, axe in every language, phone-width screenshots."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_checks import assert_above_the_fold, problems, watch

from radiocode.web.languages import LANGUAGES

SHOTS = Path("/tmp/shots-i18n")
RESULT = "/code?input=0818&tries=3"



@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = watch(context.new_page(), server)
    yield page
    context.close()
    assert problems(page) == []


def no_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide at 360px"


def test_switch_to_polish_by_keyboard(page, server):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Polski":
            break
    else:
        pytest.fail("Tab never reached the Polski link")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "pl"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == server + "/pl/"
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("h1").inner_text() == "Zdobądź kod radia"
    # The choice is remembered: the unprefixed home goes to Polish.
    page.goto(server + "/")
    assert page.url == server + "/pl/"


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_axe_in_every_language(page, server, code):
    """Four kinds of page in each language, one after another in one browser page."""
    for path in ["/", RESULT, "/code?input=7700+434+436", "/guides/faq"]:
        page.goto(f"{server}/{code}{path}")
        assert page.locator("html").get_attribute("lang") == code, path
        results = Axe().run(page)
        assert results.violations_count == 0, (path, results.generate_report())
        no_overflow(page)


@pytest.mark.parametrize("code", ["fr", "de", "pl"])
def test_screenshots_at_phone_width(page, server, code):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path, first_screen in [("home", "/", ["h1", "#input", "form:has(#input) button"]), ("result", RESULT, ["#the-code"])]:
        page.goto(f"{server}/{code}{path}")
        assert page.locator("html").get_attribute("lang") == code
        no_overflow(page)
        page.screenshot(path=str(SHOTS / f"{code}-{name}.png"), full_page=True)
        assert_above_the_fold(page, *first_screen)
