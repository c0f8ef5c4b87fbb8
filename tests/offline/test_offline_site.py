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
from radiocode.i18n import translations
from radiocode.lockout import MAX_TRIES, lockout_waits

LABEL = "281150198RT A583"
# What the worker caches after activation (ICONS in sw.js), and the one wait page it fills in for any count.
LATER = ["/static/icons/icon-192.png", "/static/icons/icon-512.png", "/static/icons/maskable-512.png", "/wait?tries=1"]
CACHED = "async urls => (await Promise.all(urls.map(u => caches.match(u)))).every(r => r !== undefined)"


def texts(page, selector):
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


# What a comparison of two pages reads, in one round trip a page: the words of every element a
# selector finds, an attribute of others, the form fields' values, the title and the heading, and
# everything <main> says once the offline note (a notice, not the page) is hidden.
SNAPSHOT = """([textSelectors, attributeSelectors]) => {
    const words = text => text.split(/\\s+/).filter(Boolean).join(" ");
    const all = selector => [...document.querySelectorAll(selector)];
    const seen = {title: document.title, h1: all("h1").map(e => e.innerText),
                  values: all("input[name=input]").map(e => e.value)};
    for (const selector of textSelectors) seen[selector] = all(selector).map(e => words(e.innerText));
    for (const [selector, name] of attributeSelectors) seen[selector + " @" + name] = all(selector).map(e => e.getAttribute(name));
    const status = document.getElementById("offline-status");
    if (status) status.hidden = true;
    seen.main = all("main").map(e => e.innerText);
    return seen;
}"""


def assert_same(page, plain, what, texts=(), attributes=()):
    """`page` (built by the worker) shows what `plain` (the server's page) shows, key by key."""
    got, want = (p.evaluate(SNAPSHOT, [list(texts), [list(a) for a in attributes]]) for p in (page, plain))
    assert want["main"] and want["main"][0].strip(), (what, "the server's page says nothing")
    for key in want:
        assert got[key] == want[key], (what, key)


@pytest.fixture()
def plain(browser):
    """A page with no worker: what the server itself answers, to compare with."""
    server = browser.new_context(service_workers="block")
    yield server.new_page()
    server.close()


def steps(code, family="preset6"):
    return [str(step) for step in entry_steps(code, family)]


@pytest.fixture()
def context(browser, site):
    """A browser context whose pages may log no error and fetch nothing from another site."""
    context = browser.new_context()
    problems = []

    def watch(page):
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))

    context.on("page", watch)
    context.on("request", lambda req: req.url.startswith((site.base, "data:", "blob:")) or problems.append("left the site: " + req.url))
    context.problems = problems
    yield context
    context.close()
    assert problems == []


def first_visit(context, site, prefix=""):
    """Load the home page (in the language of `prefix`) and wait until the worker controls it and has saved its pages."""
    page = context.new_page()
    response = page.goto(site.base + prefix + "/")
    assert response.ok and not response.from_service_worker
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
    # wait_for_function does not await a promise: poll with evaluate.
    later = LATER if not prefix else [u if u.startswith("/static/") else prefix + u for u in LATER]
    deadline = time.monotonic() + 30
    while not page.evaluate(CACHED, later):
        assert time.monotonic() < deadline, "the worker did not cache the wait page and icons"
        time.sleep(0.2)
    return page


def hold(page, selector):
    """Hold a preset down until the drawn radio beeps, as the steps say."""
    page.locator(selector).hover()
    page.mouse.down()
    page.wait_for_timeout(1200)
    page.mouse.up()


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
    page.click(".preset[data-preset='5']")  # a short press does not confirm
    assert page.locator(".practice").get_attribute("data-state") == "entering"
    hold(page, ".preset[data-preset='5']")
    assert page.locator(".practice").get_attribute("data-state") == "unlocked"
    assert page.locator("#practice-display").inner_text() == code


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
    # The wait started on the other page runs on here (one radio, one wait).
    assert page.locator("#countdown-time").inner_text().startswith("59:")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    assert page.locator("#countdown-time").inner_text() == "60:00"
    page.click("#countdown-start")
    page.wait_for_function("() => document.getElementById('countdown-time').textContent !== '60:00'", timeout=5_000)
    assert page.locator("#countdown-time").inner_text().startswith("59:")

    # Problem pages: the server's heading for each kind, this input's message.
    page.goto(site.base + "/code?input=7700+434+436")
    assert page.locator("h1").inner_text() == "That is not the precode"
    assert page.locator(".lead").inner_text() == str(read("7700 434 436").error.params["what"])
    # The heading names the precode as the core reads it; the box keeps what was typed.
    page.goto(site.base + "/code?input=a015")
    assert page.locator("h1").inner_text() == "A015 does not exist"
    assert page.locator("#problem").inner_text() == read("a015").message()
    assert page.locator("#input").input_value() == "a015"
    page.goto(site.base + "/code?input=B45")
    assert page.locator("h1").inner_text() == "We could not read that"
    assert page.locator("#problem").inner_text() == read("B45").message()
    assert read("B45").message().endswith("You typed 3 characters.")
    assert page.locator("#input").input_value() == "B45"
    page.goto(site.base + "/code?input=")
    assert page.locator("h1").inner_text() == "Type the precode first"


def test_second_visit_is_served_from_the_cache(context, site):
    first_visit(context, site).close()
    page = context.new_page()
    response = page.goto(site.base + "/code?input=" + "Z999")
    assert response.from_service_worker  # built from the cached page: the input never left the browser
    assert page.locator("#the-code").inner_text() == "0060"
    context.set_offline(True)
    response = context.new_page().goto(site.base + "/")
    assert response.ok and response.from_service_worker


# Inputs with no code: each kind of problem page, built offline from the one the server rendered for another input.
PROBLEMS = [("A012", ""), ("A099", ""), ("PRECODE A012", ""), ("281150198RT a0l2", ""), ("7700 434 436", ""), ("LAN1234", ""), ("CARMINAT", ""), ("R-Link", ""), ("7607005123", ""),
            ("zzz!!", ""), ("", ""), ("%E2%80%8B", "")]  # fmt: skip


# Read on the worker's page and on the server's, and compared.
COMPARED_TEXTS = [".code", ".code-label", ".reading", ".alternatives li", "ol.steps li", ".families a", "h3", ".note:not(#offline-status)",
                  "#wait .advice", "#countdown-time", ".sources li"]  # fmt: skip
COMPARED_ATTRIBUTES = [(".families a", "href"), (".alternatives a", "href"), ("[data-code]", "data-code"), ("[data-copy]", "data-copy"),
                       ("input[name=input]", "value"), (".countdown", "data-minutes"), ("input[name=tries]", "value")]  # fmt: skip


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_page_built_in_the_browser_equals_the_server_page(context, site, plain, family):
    """The worker's result pages show what the server's show, for every family."""
    if site.name == "publishing" and family != "preset6":
        pytest.skip("one server is enough for the other families")
    page = first_visit(context, site)
    # Offline: online, the worker hands longer text to the server.
    context.set_offline(True)
    for text, tries in ([("A123", ""), ("0818", ""), ("q420", ""), (LABEL, ""), ("SECURITY: S049", ""), ("l123", ""),
                        ("PRE CODE: T72B", ""), ("PRE CODE T728 9074RT S049", ""), ("Z999", ""), ("A123", "1"), ("0818", "3"), ("S053", "7"), ("B456", "20")]
                        + (PROBLEMS if family == "preset6" else [])):  # fmt: skip
        url = f"{site.base}/code?input={text}&family={family}" + (f"&tries={tries}" if tries else "")
        assert page.goto(url).from_service_worker
        plain.goto(url)
        assert_same(page, plain, text, COMPARED_TEXTS, COMPARED_ATTRIBUTES)


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


def same_page(page, plain, site, path):
    """The page the worker built shows what the server's page shows: headings, texts, the form's value."""
    plain.goto(site.base + path)
    assert_same(page, plain, path)


@pytest.mark.parametrize("language", ["fr", "de", "pl"])
def test_offline_in_the_visitors_language(context, site, plain, language):
    if site.name != "serve":
        pytest.skip("one server is enough for the languages")
    catalog = translations(language)
    prefix = "/" + language
    page = first_visit(context, site, prefix)
    context.set_offline(True)

    # A result, built on this device in this language.
    response = page.goto(site.base + prefix + "/code?input=B456")
    assert response.from_service_worker
    reading = read("B456")
    assert page.locator("#the-code").inner_text() == reading.code == "0709"
    assert page.locator(".reading").inner_text() == reading.message(catalog) != reading.message()
    assert texts(page, "ol.steps li") == [" ".join(step.render(catalog).split()) for step in entry_steps("0709")]
    assert page.evaluate("document.documentElement.lang") == language
    # Focus goes to the result's heading.
    assert page.evaluate("document.activeElement.tagName") == "H1"
    for path in ["/code?input=B456", "/code?input=0818&tries=7", "/code?input=A012", "/code?input=7700+434+436", "/code?input=Carminat"]:
        page.goto(site.base + prefix + path)
        same_page(page, plain, site, prefix + path)

    # The wait page and the guides, in this language, from the cache.
    for path in ["/wait?tries=3", "/guides/lockout", "/guides/show-precode", "/wait"]:
        response = page.goto(site.base + prefix + path)
        assert response.from_service_worker and page.evaluate("document.documentElement.lang") == language, path
        same_page(page, plain, site, prefix + path)

    # A page never saved: the "not saved" page in this language, with a code form that works.
    response = page.goto(site.base + prefix + "/vehicles/renault-trucks-midlum")
    assert response.from_service_worker
    assert page.url.endswith("/vehicles/renault-trucks-midlum")
    assert page.locator("h1").inner_text() == catalog.gettext("Not saved for offline use")
    assert page.evaluate("document.documentElement.lang") == language
    page.fill("#input", "B456")
    page.click("form.lookup button[type=submit]")
    page.wait_for_url("**" + prefix + "/code?input=B456")
    assert page.locator("#the-code").inner_text() == "0709"
    assert page.locator(".reading").inner_text() == reading.message(catalog)


def test_the_photo_form_offline_offers_the_text_field(context, site, tmp_path):
    if site.name != "serve":
        pytest.skip("one server is enough")
    photo = tmp_path / "label.jpg"
    from PIL import Image

    Image.new("RGB", (64, 48), (200, 200, 200)).save(photo, "JPEG")
    page = first_visit(context, site, "/fr")
    if page.locator("form.photo-form").count() == 0:
        pytest.skip("this server reads no photos (no OCR extra)")
    context.set_offline(True)
    page.reload()
    page.set_input_files("#photo", str(photo))
    page.click("form.photo-form button[type=submit]")
    status = page.locator(".photo-status")
    assert status.inner_text() == page.locator("form.photo-form").get_attribute("data-offline")
    assert page.evaluate("document.activeElement.id") == "input"
    # The banner stands aside while the field has the focus: it never covers what is typed.
    assert not page.locator("#offline-status").is_visible()
    # Sent without the script's check (the network gone with the browser still "online"): the worker answers.
    page.evaluate("() => HTMLFormElement.prototype.submit.call(document.querySelector('form.photo-form'))")
    page.wait_for_selector("#offline-photo", state="visible")
    assert page.locator("h1").inner_text() == translations("fr").gettext("Not saved for offline use")
    assert page.locator("#input").is_visible()


@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_wait_pages_for_every_count_are_built_from_one_page(context, site, plain, prefix):
    """One cached wait page answers every count offline, with the server's words and figures."""
    if site.name != "serve":
        pytest.skip("one server is enough")
    page = first_visit(context, site, prefix)
    cached = page.evaluate("async urls => (await Promise.all(urls.map(u => caches.match(u)))).filter(r => r).length",
                           [f"{prefix}/wait?tries={n}" for n in range(2, MAX_TRIES + 1)])  # fmt: skip
    assert cached == 0, "the worker saves one wait page, not one per count"
    context.set_offline(True)
    # Singular and plural words (Polish has three forms), each source's figure or none, past the sources' range.
    for tries in [1, 2, 3, 5, 6, 7, 22, MAX_TRIES]:
        path = f"{prefix}/wait?tries={tries}"
        assert page.goto(site.base + path).from_service_worker, path
        same_page(page, plain, site, path)
        assert page.locator("#countdown-time").inner_text() == "%02d:00" % lockout_waits(tries).recommended
        assert page.locator("input[name=tries]").input_value() == str(tries)
