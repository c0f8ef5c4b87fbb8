"""The real site, counting the bytes of every photo upload it receives.

create_app() wrapped in an ASGI middleware that adds up the request body of
each POST /label and writes "<requests> <bytes>" to the file named in
RADIOCODE_TEST_UPLOAD_LOG, so a browser test can measure what reached the server.

    python -c "from radiocode.web.server import run; run(port=8001, app='tests.web_label.measuring_site:measuring_app')"
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def measuring_app() -> Any:
    from radiocode.web import create_app

    app = create_app()
    log = Path(os.environ["RADIOCODE_TEST_UPLOAD_LOG"])
    counted = {"requests": 0, "bytes": 0}

    async def measuring(scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].endswith("/label"):
            return await app(scope, receive, send)
        counted["requests"] += 1

        async def counting_receive():
            message = await receive()
            if message["type"] == "http.request":
                counted["bytes"] += len(message.get("body", b""))
                log.write_text(f"{counted['requests']} {counted['bytes']}")
            return message

        await app(scope, counting_receive, send)

    return measuring
