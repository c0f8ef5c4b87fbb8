"""What every browser test checks: no console error, page error or off-site request; what a phone shows first.

Chromium logs a console error for every answer of 400 or more, a page that is
meant to be an error page included: those lines are allowed for the document
statuses the page was actually loaded with, and nothing else is.
"""

from __future__ import annotations

#: What a 360 x 740 phone shows before any scrolling.
FOLD = 740


def watch(page, site: str):
    """Record on `page.problems` every console error or warning, page error and request off `site`."""
    page.problems = []
    page.document_statuses = set()
    page.on("console", lambda message: message.type in ("error", "warning") and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    # No request may leave the machine (the photo comes back as a data: URI).
    page.on("request", lambda req: req.url.startswith((site, "data:")) or page.problems.append("left the site: " + req.url))
    page.on("response", lambda res: res.request.resource_type == "document" and res.status >= 400 and page.document_statuses.add(res.status))
    return page


def problems(page) -> list[str]:
    """`page.problems`, less Chromium's line for an error document the test asked for."""
    allowed = tuple(f"Failed to load resource: the server responded with a status of {s} " for s in page.document_statuses)
    return [p for p in page.problems if not p.startswith(allowed)]


def assert_above_the_fold(page, *selectors: str) -> None:
    """Each selector's first element is visible and ends within the first 740 px of the page."""
    page.evaluate("window.scrollTo(0, 0)")
    for selector in selectors:
        element = page.locator(selector).first
        assert element.is_visible(), f"{selector} is not shown on {page.url}"
        box = element.bounding_box()
        bottom = box["y"] + box["height"] + page.evaluate("window.scrollY")
        assert bottom <= FOLD, f"{selector} ends at {bottom:.0f} px on {page.url}: a phone shows the first {FOLD}"
