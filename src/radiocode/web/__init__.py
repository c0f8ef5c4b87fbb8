"""The radiocode website and JSON API.

``create_app()`` builds the app (see :mod:`radiocode.web.app`); ``serve()``
runs it under uvicorn, as ``radiocode serve`` does.
"""

from __future__ import annotations

__all__ = ["create_app", "serve"]


def create_app(settings=None):  # type: ignore[no-untyped-def]
    """A new app; imported late so that ``import radiocode.web`` stays cheap."""
    from radiocode.web.app import create_app as build

    return build(settings)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 1,
    rate_limit: str | None = None,
    redis_url: str | None = None,
    forwarded_allow_ips: str | None = None,
    base_url: str | None = None,
    allowed_hosts: str | None = None,
) -> None:
    """Serve the site with uvicorn until interrupted.

    uvicorn's own access log would print every query string, and query strings
    hold precodes and label text, so it is off: the app logs the route only.
    Rate limits, Redis, trusted proxies, workers, the base URL and allowed hosts:
    see :func:`radiocode.web.server.run`.
    """
    from radiocode.web.server import run

    run(
        host,
        port,
        workers=workers,
        rate_limit=rate_limit,
        redis_url=redis_url,
        forwarded_allow_ips=forwarded_allow_ips,
        base_url=base_url,
        allowed_hosts=allowed_hosts,
    )
