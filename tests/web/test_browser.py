"""Debian Chromium, driven by Playwright, against a real `radiocode serve` process.

Each page type is used as a person would: with JavaScript on and off, by
keyboard, and checked by axe-core for accessibility violations.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_checks import assert_above_the_fold, problems, watch

# Screenshots of every page type at phone and desktop width, to look at after a run.
SHOTS = Path(os.environ.get("RADIOCODE_SHOTS", "/tmp/shots"))

PAGE_TYPES = {
    "home": "/",
    "result": "/code?input=0818&tries=3",
    "not_a_precode": "/code?input=7700+434+436",
    "not_computable": "/code?input=R-Link",
    "unreadable": "/code?input=A012",
    "wait": "/wait?tries=2",
    "guides": "/guides",
    "guide": "/guides/precode-serial-part-number",
    "faq": "/guides/faq",
    "vehicles": "/vehicles",
    "vehicle": "/vehicles/renault-trucks-midlum",
    "api_docs": "/api",
    "not_found": "/no/such/page",
    "radios": "/radios",
    "radio_ford_m": "/radios/ford-m",
    "radio_renault": "/radios/renault",
    "radio_fiat_daiichi": "/radios/fiat-daiichi",
    "make_fiat": "/makes/fiat",
    "ford_v": "/radios/ford-v",
    "ford_result": "/code?input=M140687",
    "ford_v_refused": "/code?input=V123456",
    "not_a_serial": "/code?input=FDC200",
    "choose_radio": "/code?input=6461",
    "renault_or_fiat": "/code?input=2063",
}
# What a person must see on a 360 px phone without scrolling: the code, or the error and the box to retype.
FIRST_SCREEN = {
    "home": ["h1", "#input", "form:has(#input) button"],
    "result": ["#the-code"],
    "not_a_precode": ["h1", "#input"],
    "not_computable": ["h1", "#input"],
    "unreadable": ["h1", "#problem", "#input"],
    "wait": ["h1", "#wait .advice"],
    "guides": ["h1"],
    "guide": ["h1"],
    "faq": ["h1"],
    "vehicles": ["h1"],
    "vehicle": ["h1"],
    "api_docs": ["h1"],
    "not_found": ["h1"],
    # The radio families' pages (issue 12): the heading, or the code with it, or the error with the input.
    "radios": ["h1"],
    "radio_ford_m": ["h1"],
    "radio_renault": ["h1"],
    "radio_fiat_daiichi": ["h1"],
    "make_fiat": ["h1"],
    "ford_v": ["h1"],
    "ford_result": ["#the-code"],
    "ford_v_refused": ["h1", "#input"],  # the reason, then the box with what was typed; the dealer steps after
    "not_a_serial": ["h1", "#input"],
    "choose_radio": ["h1"],
    "renault_or_fiat": ["#the-code"],
}



@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def page(request, browser, server):
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 360, "height": 740})
    page = watch(context.new_page(), server.url)
    page.js = request.param
    page.base = server.url
    yield page
    context.close()
    assert problems(page) == []


@pytest.fixture
def js_page(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = watch(context.new_page(), server.url)
    page.base = server.url
    yield page
    context.close()
    assert problems(page) == []


def submit(page, text):
    page.goto(page.base + "/")
    page.get_by_label("Precode or label text").fill(text)
    page.get_by_role("button", name="Get the code").click()
    page.wait_for_load_state()


def test_submit_precode(page):
    submit(page, "a123")
    assert page.locator("#the-code").inner_text() == "0086"
    assert_above_the_fold(page, "#the-code")
    assert page.get_by_text("The precode A123 gives the code 0086.").is_visible()
    assert page.locator(".copy").is_visible() == page.js
    assert page.locator("#practice").is_visible() == page.js
    assert page.problems == []


def test_submit_label_text(page):
    submit(page, "281150198RT A583")
    assert page.locator("#the-code").inner_text() == "0461"
    assert page.get_by_text("We read the precode A583 from your label.").is_visible()
    assert page.problems == []


def test_submit_part_number(page):
    submit(page, "7700 434 436")
    assert page.get_by_role("heading", level=1).inner_text() == "That is not the precode"
    assert page.get_by_text("This is a Renault part number").is_visible()


def test_submit_junk(page):
    submit(page, "zzz!!")
    assert page.get_by_role("heading", level=1).inner_text() == "We could not read that"
    assert page.get_by_label("Precode or label text").input_value() == "zzz!!"
    assert_above_the_fold(page, "h1", "#problem", "#input")


def test_family_switch(page):
    submit(page, "A123")
    page.get_by_role("link", name="Controlled from the steering-column stalk").click()
    page.wait_for_load_state()
    assert page.url.endswith("family=stalk#entry")
    current = page.locator(".families a[aria-current]")
    assert current.inner_text().startswith("Controlled from the steering-column stalk")
    assert page.get_by_text("Roll the thumbwheel until the fourth digit shows 6.").is_visible()


def test_wait_estimator_form(page):
    submit(page, "A123")
    page.get_by_label("Wrong codes tried so far").fill("3")
    page.get_by_role("button", name="How long to wait").click()
    page.wait_for_load_state()
    assert page.get_by_text("Leave the radio switched on for 1 h 00 min before the next try.").is_visible()
    assert page.locator(".countdown").is_visible() == page.js


def test_countdown_runs(js_page):
    js_page.goto(js_page.base + "/code?input=A123&tries=3#wait")
    timer = js_page.locator("#countdown-time")
    assert timer.inner_text() == "60:00"
    js_page.get_by_role("button", name="Start the countdown").click()
    js_page.wait_for_timeout(2200)
    minutes, seconds = map(int, timer.inner_text().split(":"))
    assert 59 * 60 + 55 <= minutes * 60 + seconds <= 59 * 60 + 58


def press(page, *presets):
    for preset in presets:
        page.get_by_role("button", name=f"Preset {preset}", exact=True).click()


def hold(page, preset, keyboard=False):
    """Hold a preset until the drawn radio beeps, as the steps say (by mouse, or Space held down)."""
    button = page.get_by_role("button", name=f"Preset {preset}", exact=True)
    if keyboard:
        button.focus()
        page.keyboard.down(" ")
        page.wait_for_timeout(1200)
        page.keyboard.up(" ")
    else:
        button.hover()
        page.mouse.down()
        page.wait_for_timeout(1200)
        page.mouse.up()


def test_practice_unlocks_when_the_confirm_preset_is_held(js_page):
    js_page.goto(js_page.base + "/code?input=A123")  # code 0086
    panel = js_page.locator("#practice")
    assert "hold 6 until you hear a beep" in panel.inner_text()
    press(js_page, *[3] * 8, *[4] * 6)
    assert js_page.locator("#practice-display").inner_text() == "0086"
    press(js_page, 6)  # a short press does not confirm, and says so
    assert panel.get_attribute("data-state") == "entering"
    assert "Keep holding 6 until you hear a beep" in js_page.locator("#practice-status").inner_text()
    hold(js_page, 6)
    assert panel.get_attribute("data-state") == "unlocked"
    # Only what a radio shows, per the sources: the digits, never an invented word.
    assert js_page.locator("#practice-display").inner_text() == "0086"
    assert js_page.get_by_text("Right code. Do the same presses on your radio, then hold 6 until you hear a beep.").is_visible()


def test_practice_stays_locked_with_wrong_presses(js_page):
    js_page.goto(js_page.base + "/code?input=A123")
    panel = js_page.locator("#practice")
    press(js_page, *[3] * 8, *[4] * 5)  # 0085
    hold(js_page, 6, keyboard=True)
    assert panel.get_attribute("data-state") == "wrong"
    assert js_page.locator("#practice-display").inner_text() == "CODE"
    # Confirming with the wrong button does nothing; starting again clears it.
    js_page.get_by_role("button", name="Start again").click()
    press(js_page, *[3] * 8, *[4] * 6)
    hold(js_page, 5)
    assert panel.get_attribute("data-state") == "entering"
    assert js_page.locator("#practice-display").inner_text() == "0086"


def test_practice_confirms_with_5_on_preset5_radios(js_page):
    js_page.goto(js_page.base + "/code?input=A123&family=preset5")
    press(js_page, *[3] * 8, *[4] * 6)
    hold(js_page, 6)
    assert js_page.locator("#practice").get_attribute("data-state") == "entering"
    hold(js_page, 5)
    assert js_page.locator("#practice").get_attribute("data-state") == "unlocked"


def test_focus_goes_to_the_result_heading(js_page):
    submit(js_page, "A123")
    assert js_page.evaluate("document.activeElement.tagName") == "H1"
    submit(js_page, "zzz!!")
    assert js_page.evaluate("document.activeElement.textContent") == "We could not read that"
    # An address that points into the page keeps its place.
    js_page.goto(js_page.base + "/code?input=A123&tries=3#wait")
    assert js_page.evaluate("document.activeElement.tagName") != "H1"


def test_the_countdown_survives_a_reload(js_page):
    js_page.goto(js_page.base + "/wait?tries=3")
    js_page.get_by_role("button", name="Start the countdown").click()
    js_page.wait_for_timeout(2200)
    js_page.reload()
    timer = js_page.locator("#countdown-time")
    js_page.wait_for_function("() => document.getElementById('countdown-time').textContent.startsWith('59:')")
    minutes, seconds = map(int, timer.inner_text().split(":"))
    assert 59 * 60 + 50 <= minutes * 60 + seconds <= 59 * 60 + 58


def test_keyboard_only(js_page):
    js_page.goto(js_page.base + "/")
    js_page.keyboard.press("Tab")
    assert js_page.evaluate("document.activeElement.textContent") == "Skip to the main content"
    js_page.keyboard.press("Enter")
    for _ in range(12):
        js_page.keyboard.press("Tab")
        if js_page.evaluate("document.activeElement.id") == "input":
            break
    assert js_page.evaluate("document.activeElement.id") == "input"
    outline = js_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "focus must be visible"
    js_page.keyboard.type("S053")
    js_page.keyboard.press("Enter")
    js_page.wait_for_load_state()
    assert js_page.locator("#the-code").inner_text() == "7913"


ERROR_PAGES = ["not_a_precode", "not_computable", "unreadable", "ford_v_refused", "not_a_serial", "choose_radio"]


@pytest.mark.parametrize("name", ERROR_PAGES)
def test_every_error_page_keeps_what_was_typed(browser, server, name):
    """Issue 11: a refusal shows what was typed in its box, so the owner can correct it."""
    typed = PAGE_TYPES[name].partition("input=")[2].replace("+", " ")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        assert page.goto(server.url + PAGE_TYPES[name]).status == 422
        assert page.locator("#input").input_value() == typed
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_violations_and_nothing_overflows(browser, server, name):
    """At phone width, then at desktop width, in one browser page."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = watch(context.new_page(), server.url)
    try:
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 740})
            page.goto(server.url + PAGE_TYPES[name])
            results = Axe().run(page)
            # Nothing may stick out sideways, at 360 px least of all.
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            assert scroll_width <= width, f"{name} is {scroll_width}px wide at {width}px"
            assert results.violations_count == 0, (width, results.generate_report())
            # A CSP violation shows as a console error: there must be none, nor a script error or an off-site request.
            assert problems(page) == [], width
            if width == 360:
                assert_above_the_fold(page, *FIRST_SCREEN[name])
    finally:
        context.close()


def test_server_log_holds_no_precodes(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/code?input=" + "K777")
    page.goto(server.url + "/api/v1/code?input=" + "281150198RT%20W321")
    context.close()
    log = server.output()
    # The access log is one JSON line per request (web/middleware.py), no longer uvicorn's "GET /code 200".
    assert {"method": "GET", "path": "/code", "status": 200} in [
        {k: line[k] for k in ("method", "path", "status")} for line in server.access_lines()
    ]
    for secret in ("K777", "W321", "281150198"):
        assert secret not in log


def test_choose_a_radio_on_the_home_form(page):
    page.goto(page.base + "/")
    page.get_by_label("Radio", exact=True).select_option("fiat-vp")
    page.get_by_label("Precode or label text").fill("2063")
    page.get_by_role("button", name="Get the code").click()
    page.wait_for_load_state()
    assert page.locator("#the-code").inner_text() == "1341"
    assert page.problems == []


def test_ford_serial_is_found_without_choosing(page):
    submit(page, "M140687")
    assert page.locator("#the-code").inner_text() == "8593"
    assert page.problems == []


def test_four_digits_ask_which_radio_then_give_its_code(page):
    submit(page, "6461")
    assert page.get_by_role("heading", level=1).inner_text() == "Which radio do you have?"
    page.get_by_role("link", name=re.compile("Fiat Daiichi")).click()
    page.wait_for_load_state()
    assert page.locator("#the-code").inner_text() == "8354"
    # The choice page is a 422 (no code given), which the console reports.
    assert [p for p in page.problems if "status of 422" not in p] == []
