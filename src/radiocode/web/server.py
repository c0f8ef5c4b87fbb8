"""Running the site under uvicorn: one process or several, with the settings passed on to each.

Settings travel as ``RADIOCODE_*`` environment variables because uvicorn starts
each worker as a fresh process that builds its own app with ``create_app()``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from typing import Any

from radiocode.web import hosts
from radiocode.web.protection import DEFAULT_RATE_LIMIT, ProtectionSettings

__all__ = ["run", "logging_config", "GRACEFUL_SECONDS", "MAX_CONNECTIONS"]

# On SIGTERM uvicorn stops accepting and lets running requests finish for this long.
GRACEFUL_SECONDS = 30
MAX_CONNECTIONS = 1000


def logging_config() -> dict[str, Any]:
    """Access lines as bare JSON on stdout; everything else as ``LEVEL: logger message`` on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(levelname)s: %(name)s %(message)s"},
            "json_line": {"format": "%(message)s"},
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "json_line", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            # uvicorn's access log prints query strings, which hold precodes: never on.
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "radiocode": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "radiocode.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    workers: int = 1,
    rate_limit: str | None = None,
    redis_url: str | None = None,
    forwarded_allow_ips: str | None = None,
    base_url: str | None = None,
    allowed_hosts: str | None = None,
    app: str = "radiocode.web.app:create_app",
) -> None:
    """Serve `app` (an import path to an app factory) until SIGINT or SIGTERM.

    Options left as None keep the environment's ``RADIOCODE_*`` value; the
    rate limit is on (60/minute, in memory) unless set to ``off``; the allowed
    hosts are the base URL's, the loopback names and `host` unless given.
    """
    import uvicorn

    given = {
        "RADIOCODE_RATE_LIMIT": rate_limit,
        "RADIOCODE_REDIS_URL": redis_url,
        "RADIOCODE_FORWARDED_ALLOW_IPS": forwarded_allow_ips,
        "RADIOCODE_BASE_URL": base_url,
        "RADIOCODE_ALLOWED_HOSTS": allowed_hosts,
    }
    for name, value in given.items():
        if value is not None:
            os.environ[name] = value
    os.environ.setdefault("RADIOCODE_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    settings = ProtectionSettings.from_env()  # refuse bad settings before any process starts
    base = hosts.base_url(os.environ.get("RADIOCODE_BASE_URL"))
    os.environ.setdefault("RADIOCODE_ALLOWED_HOSTS", hosts.default_allowed_hosts(base, host))
    hosts.allowed_hosts(os.environ["RADIOCODE_ALLOWED_HOSTS"])
    if settings.redis_url and importlib.util.find_spec("redis") is None:
        raise SystemExit("Counting in Redis needs the redis package: pip install 'radiocode[redis]'")
    if workers > 1 and settings.rate_limit and not settings.redis_url:
        logging.getLogger("radiocode.protection").warning(
            "%d workers count requests each on their own: a client may make %d times %s. Share the count with --redis.",
            workers, workers, settings.rate_limit,
        )
    uvicorn.run(
        app,
        factory=True,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        log_config=logging_config(),
        access_log=False,
        server_header=False,
        # Forwarded headers are read by the app, and only from declared proxies.
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
        # Past this many connections per process, answer 503 at once rather than run out of memory.
        limit_concurrency=MAX_CONNECTIONS,
    )
