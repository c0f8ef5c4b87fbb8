"""The site after one visit, with the network cut: Debian Chromium against a real server.

Runs against two servers (the `site` fixture in conftest.py): plain
`radiocode serve`, and "publishing", the same app able to change its worker
while it runs (publishing_site.py), for the fresh-version notice.
"""

from __future__ import annotations

import time

import pytest

from radiocode import read
from radiocode.families import FAMILIES, entry_steps
from radiocode.lockout import lockout_waits

LABEL = "281150198RT A583"
# What the worker caches after activation (LATER in sw.js).
LATER = ["/static/icons/icon-192.png", "/static/icons/icon-512.png", "/static/icons/maskable-512.png"]
LATER += [f"/wait?tries={n}" for n in range(1, 21)]
CACHED = "async urls => (await Promise.all(urls.map(u => caches.match(u)))).every(r => r !== undefined)"


def texts(page, selector):
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def steps(code, family="preset6"):
    return [str(step) for step in entry_steps(code, family)]


@pytest.fixture()
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def first_visit(context, site):
    """Load the home page and wait until the worker controls it and the later pages are cached."""
    page = context.new_page()
    response = page.goto(site.base + "/")
    assert response.ok and not response.from_service_worker
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    # wait_for_function does not await a promise: poll with evaluate.
    deadline = time.monotonic() + 20
    while not page.evaluate(CACHED, LATER):
        assert time.monotonic() < deadline, "the worker did not cache the wait pages and icons"
        time.sleep(0.2)
    return page


def test_offline_reload_then_a_code_and_its_entry_steps(context, site):
    page = first_visit(context, site)
    page.wait_for_selector("#offline-status[data-state=ready]", timeout=5_000)
    assert "works offline" in page.locator("#offline-status").inner_text()
    context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    assert page.locator("#offline-status").is_visible()
    assert page.locator("#offline-status").get_attribute("data-state") == "offline"

    page.fill("#input", LABEL)
    page.click("form.lookup button[type=submit]")
    page.wait_for_url("**/code?input=*")
    reading = read(LABEL)
    assert page.locator("#the-code").inner_text() == reading.code == "0461"
    assert texts(page, ".code-label") == [f"Code for {reading.precode}"]
    assert page.locator(".reading").inner_text() == reading.message()
    assert texts(page, "ol.steps li") == steps("0461")
    assert page.locator("ul.alternatives").count() == 0
    assert page.title().startswith("Precode A583: radio code 0461")


def test_offline_ambiguity_family_switch_and_practice(context, site):
    page = first_visit(context, site)
    context.set_offline(True)
    page.goto(site.base + "/code?input=0818")
    reading = read("0818")
    assert texts(page, ".alternatives .alt-precode") == [c.precode for c in reading.candidates]
    assert texts(page, ".alternatives .alt-code") == [c.code for c in reading.candidates]
    assert texts(page, ".alternatives .alt-hint") == [str(c.hint) for c in reading.candidates]

    page.click(".alternatives a >> nth=0")  # "Use Q818"
    assert page.locator("#the-code").inner_text() == read("Q818").code

    page.click(".families a >> text=steering-column stalk")
    assert "family=stalk" in page.url
    assert texts(page, "ol.steps li") == steps(read("Q818").code, "stalk")

    page.click(".families a >> text=confirm with 5")
    code = read("Q818").code
    for digit, preset in zip(code, "1234"):
        for _ in range(int(digit)):
            page.click(f".preset[data-preset='{preset}']")
    page.click(".preset[data-preset='5']")
    assert page.locator(".practice").get_attribute("data-state") == "unlocked"


def test_offline_countdown_and_not_a_precode(context, site):
    page = first_visit(context, site)
    context.set_offline(True)
    response = page.goto(site.base + "/wait?tries=3")
    assert response.from_service_worker
    page.click("#countdown-start")
    page.wait_for_function("() => document.getElementById('countdown-time').textContent !== '60:00'", timeout=5_000)
    assert page.locator("#countdown-time").inner_text().startswith("59:")

    page.goto(site.base + "/code?input=A123&tries=3#wait")
    assert page.locator("#wait .advice").inner_text() == str(lockout_waits(3).advice)
    assert page.locator("#wait input[name=tries]").input_value() == "3"
    assert page.locator("#countdown-time").inner_text() == "60:00"
    page.click("#countdown-start")
    page.wait_for_function("() => document.getElementById('countdown-time').textContent !== '60:00'", timeout=5_000)
    assert page.locator("#countdown-time").inner_text().startswith("59:")

    page.goto(site.base + "/code?input=7700+434+436")
    assert page.locator("#problem-message").inner_text() == read("7700 434 436").message()
    page.goto(site.base + "/code?input=A012")
    assert page.locator("#problem-message").inner_text() == read("A012").message()


def test_second_visit_is_served_from_the_cache(context, site):
    first_visit(context, site).close()
    page = context.new_page()
    response = page.goto(site.base + "/code?input=" + "Z999")
    assert response.from_service_worker  # built from the cached page: the input never left the browser
    assert page.locator("#the-code").inner_text() == "0060"
    context.set_offline(True)
    response = context.new_page().goto(site.base + "/")
    assert response.ok and response.from_service_worker


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_page_built_in_the_browser_equals_the_server_page(browser, context, site, family):
    """The worker's result pages show what the server's show, for every family."""
    page = first_visit(context, site)
    server = browser.new_context(service_workers="block")
    try:
        plain = server.new_page()
        for text, tries in [("A123", ""), ("0818", ""), ("q420", ""), (LABEL, ""), ("SECURITY: S049", ""), ("l123", ""),
                            ("PRE CODE: T72B", ""), ("Z999", ""), ("A123", "1"), ("0818", "3"), ("S053", "7"), ("B456", "20")]:  # fmt: skip
            url = f"{site.base}/code?input={text}&family={family}" + (f"&tries={tries}" if tries else "")
            assert page.goto(url).from_service_worker
            plain.goto(url)
            for selector in [".code", ".code-label", ".reading", ".alternatives li", "ol.steps li", ".families a", "h3", ".note",
                             "#wait .advice", "#countdown-time", ".sources li"]:  # fmt: skip
                assert texts(page, selector) == texts(plain, selector), (text, selector)
            for selector, attribute in [(".families a", "href"), (".alternatives a", "href"), ("[data-code]", "data-code"),
                                        ("[data-copy]", "data-copy"), ("input[name=input]", "value"),
                                        (".countdown", "data-minutes"), ("input[name=tries]", "value")]:  # fmt: skip
                got = [page.locator(selector).nth(i).get_attribute(attribute) for i in range(page.locator(selector).count())]
                want = [plain.locator(selector).nth(i).get_attribute(attribute) for i in range(plain.locator(selector).count())]
                assert got == want, (text, selector)
            assert page.title() == plain.title()
            # Everything a person reads in <main>, whatever the template adds later; not the notices.
            page.evaluate("() => { const s = document.getElementById('offline-status'); if (s) s.hidden = true; }")
            assert page.locator("main").inner_text() == plain.locator("main").inner_text(), text
    finally:
        server.close()


def test_a_fresh_version_is_announced(context, site):
    if site.name != "publishing":
        pytest.skip("only the publishing test server can change its worker")
    page = first_visit(context, site)
    site.worker_suffix.write_text("\n// a new version\n")
    try:
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("() => document.getElementById('offline-status').dataset.state === 'fresh'", timeout=20_000)
        status = page.locator("#offline-status")
        assert status.is_visible() and "fresh version" in status.inner_text()
        with page.expect_navigation():
            status.locator("button").click()
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    finally:
        site.worker_suffix.write_text("")


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const entry of list.getEntries()) total += entry.value; })
        .observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


def test_nothing_moves_when_scripts_start_or_the_offline_note_shows(context, site):
    """The copy button, practice radio and countdown are there from the first paint; the note floats."""
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.base + "/code?input=0818&tries=2")
    page.wait_for_selector("#offline-status[data-state=ready]", timeout=20_000)
    assert page.locator(".copy").is_visible() and page.locator("#practice").is_visible()
    assert page.locator(".countdown").is_visible()
    assert page.evaluate("getComputedStyle(document.getElementById('offline-status')).position") == "fixed"
    assert page.evaluate(LAYOUT_SHIFT) == 0
