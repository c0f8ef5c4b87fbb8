"""The real site with the offline wiring applied from outside the templates.

Until base.html, result.html and app.py carry it, this is the wiring, exactly:
a manifest link and offline.js in every <head>, core.js and shell.js in result
pages' <head>, all before site.js; a status line at the top of <main>; /sw.js
served at the site root. The same patch, made in the website's own
files, lets tests/offline/test_offline_site.py run against `radiocode serve`.

    python -c "from radiocode.web.server import run; run(port=8001, app='tests.offline.wired_site:wired_app')"
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[2] / "src" / "radiocode" / "web" / "static"

# base.html, before site.js: offline.js on every page.
SITE_JS = '<script src="/static/site.js" defer></script>'
HEAD = (
    '<link rel="manifest" href="/static/manifest.webmanifest">\n'
    '<meta name="theme-color" content="#0b3d5c">\n'
    '<script src="/static/offline.js" defer></script>\n'
)
# result.html, also before site.js (a block in base.html): shell.js fills the page before site.js reads it.
RESULT_HEAD = '<script src="/static/core.js" defer></script>\n<script src="/static/shell.js" defer></script>\n'
# Goes right after <main id="main" tabindex="-1"> in base.html; each data-* text through gettext.
STATUS = (
    '<p id="offline-status" class="note" role="status" hidden'
    ' data-ready="This site now works offline: after this visit you can get a code with no network."'
    ' data-offline="You are offline. Codes are worked out on this device, nothing is sent."'
    ' data-fresh="A fresh version of radiocode is ready."'
    ' data-reload="Reload"'
    ' data-problem="No code from this"></p>\n'
)
_MAIN = re.compile(rb"<main[^>]*>\n?")


def wire(html: bytes) -> bytes:
    assert SITE_JS.encode() in html, "base.html no longer loads site.js as the wiring expects"
    head = HEAD + (RESULT_HEAD if b'id="the-code"' in html else "")
    html = html.replace(SITE_JS.encode(), head.encode() + SITE_JS.encode(), 1)
    return _MAIN.sub(lambda m: m.group(0) + STATUS.encode(), html, count=1)


class WireTemplates:
    """ASGI middleware: the HEAD and STATUS lines put into every HTML page."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    start["passthrough"] = True
                    await send(message)
                    return
                start.update(message)
                return
            if start.get("passthrough"):
                await send(message)
                return
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                html = wire(b"".join(body))
                headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
                headers.append((b"content-length", str(len(html)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, capture)


def wired_app() -> Any:
    """create_app() with /sw.js at the root and the tags in every page."""
    from starlette.responses import Response

    from radiocode.web import create_app

    app = create_app()

    # At the root so that its scope is the whole site; the app's guard adds "cache-control: no-cache".
    @app.get("/sw.js", include_in_schema=False)
    async def service_worker() -> Response:
        script = (STATIC / "sw.js").read_bytes()
        # Tests append to the worker to publish "a new version" (see test_a_fresh_version_is_announced).
        suffix = os.environ.get("RADIOCODE_TEST_SW_SUFFIX")
        if suffix and os.path.exists(suffix):
            script += Path(suffix).read_bytes()
        return Response(script, media_type="text/javascript")

    # Routes are matched in order: the new one must come before any catch-all.
    app.router.routes.insert(0, app.router.routes.pop())
    return WireTemplates(app)
