"""Ford and Fiat results with the network cut: built by the worker, equal to the server's.

One real server, one Chromium context: a first visit in English and in French
saves each radio's page; then, offline, every look-up below must come from
the worker and show what the server shows for the same address (the server's
page is fetched while online, past the worker, for the comparison).
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest

import radiocode
from radiocode.radios import RADIOS

# Numbers that are not the radios' examples: the pages saved for offline use are.
LOOKUPS = [
    "/code?input=M140687",
    "/code?input=m%20083988",
    "/code?input=M0030063",
    "/code?input=M140687&radio=ford",
    "/code?input=2063&radio=fiat-vp",
    "/code?input=12345678&radio=fiat-vp",
    "/code?input=123456&radio=fiat-visteon",
    "/code?input=1234&radio=fiat-daiichi",
    "/code?input=4321&radio=fiat",
    "/code?input=654321&radio=fiat",
    "/code?input=V654321",
]
# What the page says, part by part.
PARTS = ["main h1", ".code-label", "#the-code", ".reading", "ol.steps li", ".lead", ".choices a"]
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


@pytest.fixture(scope="module")
def visited(browser, tmp_path_factory, launcher):
    """The site visited once in English and once in French (online), in one browser context."""
    running = launcher(tmp_path_factory.mktemp("server"), env={"RADIOCODE_RATE_LIMIT": "off"}, code="from radiocode.web import serve; serve(port={port})")
    context = browser.new_context()
    problems = []
    context.on("request", lambda req: req.url.startswith((running.url, "data:", "blob:")) or problems.append("left the site: " + req.url))
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(str(error)))
    saved = ["/code?input=" + quote(radio.input_rule.example) + "&radio=" + radio_id for radio_id, radio in RADIOS.items() if radio_id != "renault"]
    saved += ["/code?input=V123456", "/code?input=2063&radio=fiat", "/code?input=999999&radio=fiat"]
    for prefix in ("", "/fr"):
        assert page.goto(running.url + prefix + "/").ok
        page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=30_000)
        deadline = time.monotonic() + 60
        wanted = [prefix + url for url in saved]
        while not page.evaluate("async urls => (await Promise.all(urls.map(u => caches.match(u)))).every(r => r !== undefined)", wanted):
            assert time.monotonic() < deadline, "the worker did not save the radio pages"
            time.sleep(0.3)
    yield running.url, context, page, problems
    context.close()
    running.stop()


def parts(page) -> dict[str, object]:
    found: dict[str, object] = {part: [" ".join(t.split()) for t in page.locator(part).all_inner_texts()] for part in PARTS}
    found["links"] = [page.locator(".choices a").nth(n).get_attribute("href") for n in range(page.locator(".choices a").count())]
    found["input"] = [page.locator("input[name=input]").nth(n).input_value() for n in range(page.locator("input[name=input]").count())]
    found["title"] = page.title()
    found["copy"] = [page.locator("[data-copy]").nth(n).get_attribute("data-copy") for n in range(page.locator("[data-copy]").count())]
    return found


def test_ford_and_fiat_results_offline_equal_the_servers(visited):
    base, context, page, problems = visited
    expected = {}
    server_page = context.new_page()
    for prefix in ("", "/fr"):
        for url in LOOKUPS:
            # The server's own page, fetched past the worker; read with its scripts left out.
            html = context.request.get(base + prefix + url).text()
            server_page.set_content(SCRIPT.sub("", html))
            expected[prefix + url] = parts(server_page)
    server_page.close()

    context.set_offline(True)
    for address, want in expected.items():
        response = page.goto(base + address)
        assert response.from_service_worker, address
        page.wait_for_load_state("load")
        got = parts(page)
        assert got == want, address
    assert problems == []

    # The codes are radiocode's, in French too (not only equal to a page that might be wrong).
    page.goto(base + "/fr/code?input=M140687")
    assert page.locator("#the-code").inner_text() == radiocode.read("M140687").code == "8593"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "8593" in page.locator(".reading").inner_text() and "gives" not in page.locator(".reading").inner_text()
    page.goto(base + "/code?input=2063&radio=fiat-vp")
    assert page.locator("#the-code").inner_text() == radiocode.read("2063", "fiat-vp").code == "1341"


@pytest.mark.parametrize("text", ["FDC200", "6000CD", "Unit FDC200 M140687", "7700 434 436"])
def test_online_the_server_answers_text_only_it_can_read(visited, text):
    """After a first visit the worker builds answers in the browser; text longer than a precode goes to the server
    while there is a network, so a Ford model name never gets a Renault code from the browser's reader."""
    base, context, page, problems = visited
    context.set_offline(False)
    response = page.goto(base + "/code?input=" + quote(text))
    want = context.request.get(base + "/code?input=" + quote(text))
    assert response.status == want.status
    page.wait_for_load_state("load")
    assert " ".join(page.locator("main h1").inner_text().split()) in want.text()
    expected = radiocode.read(text)
    if expected.code is None:
        assert page.locator("#the-code").count() == 0
    else:
        assert page.locator("#the-code").inner_text() == expected.code
    assert problems == []


@pytest.mark.parametrize("text", ["FDC200", "Unit FDC200 M140687", "ACU CFG 820208"])
def test_offline_text_only_the_server_can_read_is_not_guessed(visited, text):
    """Offline, text in which the server's Ford reader finds a model name or a serial gets the
    "not saved for offline use" page (with its code form), never a Renault code read by the browser."""
    base, context, page, problems = visited
    context.set_offline(True)
    try:
        response = page.goto(base + "/code?input=" + quote(text))
        assert response.from_service_worker
        page.wait_for_load_state("load")
        assert page.locator("#the-code").count() == 0
        assert page.locator("main h1").inner_text() == "Not saved for offline use"
        assert page.locator("input[name=input]").count() == 1
    finally:
        context.set_offline(False)
    assert problems == []
