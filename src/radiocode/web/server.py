"""Running the site under uvicorn: one process or several, with the settings passed on to each.

Settings travel as ``RADIOCODE_*`` environment variables because uvicorn starts
each worker as a fresh process that builds its own app with ``create_app()``.

uvicorn runs on uvloop and httptools (the ``web`` extra brings both) where they
install, else on asyncio and h11 with one logged note; either way through the
hardened connections of :mod:`radiocode.web.connections`.
"""

from __future__ import annotations

import importlib.util
import logging
import logging.config
import os
import time
from typing import Any

from radiocode.web import hosts
from radiocode.web.connections import HEADER_SECONDS, MAX_CONNECTIONS
from radiocode.web.protection import DEFAULT_RATE_LIMIT, ProtectionSettings

__all__ = ["run", "logging_config", "server_stack", "GRACEFUL_SECONDS", "HEADER_SECONDS", "MAX_CONNECTIONS", "Throttle"]

log = logging.getLogger("radiocode.server")

# On SIGTERM uvicorn stops accepting and lets running requests finish for this long.
GRACEFUL_SECONDS = 30
# A worker that answers no ping for this long is replaced.
WORKER_PING_SECONDS = 30

# Server messages that any client can cause with one bad request: logged at most once a minute each.
_NOISY = ("Invalid HTTP request received.", "Exceeded concurrency limit.", "Unsupported upgrade request.")
_THROTTLE_SECONDS = 60.0


class Throttle(logging.Filter):
    """Lets a message that clients can cause through once a minute, then says how many it held back.

    Records of python-multipart (refusing a broken upload) are rewritten: their
    text quotes bytes of the uploaded body (``Expected boundary character 34,
    got 97``), which may be part of a photo, so only that an upload was refused
    is kept.
    """

    def __init__(self) -> None:
        super().__init__()
        self.last: dict[str, float] = {}
        self.held: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(("python_multipart", "multipart")):
            record.msg, record.args = "a malformed multipart upload was refused (its bytes are not logged)", ()
        elif record.getMessage() not in _NOISY:
            return True
        key = record.msg
        now = time.monotonic()
        if now - self.last.get(key, -_THROTTLE_SECONDS) < _THROTTLE_SECONDS:
            self.held[key] = self.held.get(key, 0) + 1
            return False
        held = self.held.pop(key, 0)
        self.last[key] = now
        if held:
            record.msg, record.args = f"{record.msg} ({held} more in the last minute not logged)", ()
        return True


def logging_config() -> dict[str, Any]:
    """Access lines as bare JSON on stdout; everything else as ``LEVEL: logger message`` on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"throttle": {"()": "radiocode.web.server.Throttle"}},
        "formatters": {
            "plain": {"format": "%(levelname)s: %(name)s %(message)s"},
            "json_line": {"format": "%(message)s"},
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr", "filters": ["throttle"]},
            "access": {"class": "logging.StreamHandler", "formatter": "json_line", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            # uvicorn's access log prints query strings, which hold precodes: never on.
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "radiocode": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "radiocode.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            # Without a handler of its own it printed to stderr with bytes of the body (issue 14).
            "python_multipart": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "multipart": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }


def server_stack(fast: bool = True) -> tuple[str, str]:
    """uvicorn's event loop and HTTP protocol: uvloop and httptools when installed, else asyncio and h11.

    >>> server_stack(fast=False)
    ('asyncio', 'radiocode.web.connections:H11Connection')
    """
    missing = [name for name in ("uvloop", "httptools") if importlib.util.find_spec(name) is None] if fast else []
    if fast and missing:
        log.info(
            "%s not installed on this platform: serving with the slower pure-Python %s.",
            " and ".join(missing), " and ".join({"uvloop": "asyncio loop", "httptools": "h11 parser"}[m] for m in missing),
        )
    loop = "uvloop" if fast and "uvloop" not in missing else "asyncio"
    http = "HttpToolsConnection" if fast and "httptools" not in missing else "H11Connection"
    return loop, f"radiocode.web.connections:{http}"


def _enough_file_descriptors() -> None:
    """Room for every connection the cap allows, where the hard limit permits (the soft one is often 1,024)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        if new > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))


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
    fast: bool = True,
) -> None:
    """Serve `app` (an import path to an app factory) until SIGINT or SIGTERM.

    Options left as None keep the environment's ``RADIOCODE_*`` value; the
    rate limit is on (60/minute, in memory) unless set to ``off``; the allowed
    hosts are the base URL's, the loopback names and `host` unless given.
    ``fast=False`` serves on asyncio and h11 even where uvloop and httptools are
    installed (the tests compare both).
    """
    import uvicorn

    logging.config.dictConfig(logging_config())  # the notes below go where the server's own go
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
    # Each process loads the OCR engine as it starts, so the first photo reads as fast as the next.
    os.environ.setdefault("RADIOCODE_WARM_UP_OCR", "1")
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
    loop, http = server_stack(fast)
    _enough_file_descriptors()
    uvicorn.run(
        app,
        loop=loop,
        http=http,
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
        # uvicorn kills a worker that does not answer its ping within this many seconds
        # (default 5): on a busy 2-core machine workers still importing were killed and
        # respawned over and over, and the server never came up.
        timeout_worker_healthcheck=WORKER_PING_SECONDS,
        # Past MAX_CONNECTIONS the connections close an idle one to make room; a request
        # that finds every connection busy gets 503 at once rather than run out of memory.
        limit_concurrency=MAX_CONNECTIONS + 1,
    )
