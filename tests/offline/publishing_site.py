"""The real site, able to publish a new service worker on demand.

`radiocode serve` serves /sw.js from the package; a test of the "a fresh
version is ready" notice needs the worker to change while the site runs. This
app is create_app() with /sw.js answered first by a route that appends the
file named in RADIOCODE_TEST_SW_SUFFIX to the real worker.

    python -c "from radiocode.web.server import run; run(port=8001, app='tests.offline.publishing_site:publishing_app')"
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parents[2] / "src" / "radiocode" / "web" / "static"


def publishing_app() -> Any:
    """create_app() whose /sw.js can be changed by the test that runs it."""
    from starlette.responses import Response

    from radiocode.web import create_app

    app = create_app()

    @app.get("/sw.js", include_in_schema=False)
    async def service_worker() -> Response:
        script = (STATIC / "sw.js").read_bytes()
        suffix = os.environ.get("RADIOCODE_TEST_SW_SUFFIX")
        if suffix and os.path.exists(suffix):
            script += Path(suffix).read_bytes()
        return Response(script, media_type="text/javascript")

    # Routes are matched in order: this one must answer before the app's own /sw.js.
    app.router.routes.insert(0, app.router.routes.pop())
    return app
