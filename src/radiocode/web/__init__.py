"""The radiocode website and JSON API.

``create_app()`` builds the app (see :mod:`radiocode.web.app`); ``serve()``
runs it under uvicorn, as ``radiocode serve`` does.
"""

from __future__ import annotations

import logging

__all__ = ["create_app", "serve"]


def create_app(settings=None):  # type: ignore[no-untyped-def]
    """A new app; imported late so that ``import radiocode.web`` stays cheap."""
    from radiocode.web.app import create_app as build

    return build(settings)


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the site with uvicorn until interrupted.

    uvicorn's own access log would print every query string, and query strings
    hold precodes and label text, so it is off: the app logs the route only.
    """
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(name)s %(message)s")
    uvicorn.run(create_app(), host=host, port=port, access_log=False, server_header=False, proxy_headers=False, log_level="info")
