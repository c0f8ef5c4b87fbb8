"""The page people see over the limit, in Debian Chromium: readable, accessible, no CSP violation."""

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe


@pytest.mark.parametrize("width", [360, 1280])
def test_the_429_page_has_no_accessibility_violations(browser, limited_server, new_client, width):
    client = new_client()
    with httpx.Client(headers=client) as session:
        for _ in range(3):
            session.get(limited_server.url + "/code?input=A123")
    context = browser.new_context(viewport={"width": width, "height": 800}, extra_http_headers=client)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    response = page.goto(limited_server.url + "/code?input=A123")
    assert response.status == 429
    assert page.locator("h1").inner_text() == "Please wait a moment"
    results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()
    # The 429 itself is a console error; anything else (a CSP violation) is not allowed.
    assert [p for p in problems if "429" not in p] == []
