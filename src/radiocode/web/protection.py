"""Holding up on the public internet: rate limits, trusted proxies, /healthz and the access log.

:func:`install` adds two ASGI middlewares to an app built by ``create_app``:

- :class:`AccessLog`, outermost: one JSON line per request on the
  ``radiocode.access`` logger with the method, the path without its query
  string, the status and the duration. Never the query, the body, the client's
  address or anything typed: query strings hold precodes and label text.
- :class:`Protection`, inside the app's security-header guard so its answers
  carry the same headers: finds the client's address (``X-Forwarded-For`` only
  from a declared trusted proxy), answers ``/healthz``, counts requests per
  client with the `limits <https://limits.readthedocs.io>`_ library (one
  counter per client and fixed window, in memory or in a Redis shared by every
  process and instance) and bounds the heavy routes (photo uploads): a tighter
  limit, a size cap and a few running at once.

Over the limit, API callers get ``429`` with ``Retry-After`` and the one error
shape; people get a page saying when to come back.

>>> settings = ProtectionSettings.from_env({"RADIOCODE_RATE_LIMIT": "30/minute"})
>>> settings.rate_limit, settings.redis_url
('30/minute', None)
>>> ProtectionSettings.from_env({"RADIOCODE_RATE_LIMIT": "off"}).rate_limit is None
True
>>> ProtectionSettings.from_env({}).rate_limit is None  # radiocode serve sets 60/minute
True
>>> ProtectionSettings.from_env({"RADIOCODE_RATE_LIMIT": "lots"})
Traceback (most recent call last):
    ...
ValueError: RADIOCODE_RATE_LIMIT: 'lots' is not a rate limit; write it like 60/minute, 1000/hour;20/minute or off.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
import math
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from radiocode import __version__
from radiocode.i18n import N_
from radiocode.exceptions import Refusal
from radiocode.web.errors import Busy, HeadersTooLarge, MethodNotAllowed, RateLimited, UploadTooLarge, UploadTooSlow, refuse

__all__ = ["ProtectionSettings", "Protection", "WindowCounter", "install", "client_address", "DEFAULT_RATE_LIMIT", "COUNTED_KEY"]

log = logging.getLogger("radiocode.protection")

DEFAULT_RATE_LIMIT = "60/minute"
DEFAULT_HEAVY_RATE_LIMIT = "10/minute"

# Cheap, cacheable answers that a page load pulls in: never counted.
_UNCOUNTED_PREFIXES = ("/static/",)
_UNCOUNTED_PATHS = frozenset({"/healthz", "/favicon.ico", "/robots.txt", "/sitemap.xml", "/sw.js"})
# The offline worker saves a language's pages (about fifty) when a visitor first comes: those copies
# are counted apart, with this many times the limit, so saving them never uses up the visitor's own.
_OFFLINE_COPY_HEADER = b"x-radiocode-offline-copy"
OFFLINE_COPY_FACTOR = 10
# Where the fast path (radiocode.web.fast) leaves the wait it counted, when it hands a request on.
COUNTED_KEY = "radiocode.counted"
# After Redis fails, requests go uncounted this long before it is tried again.
_STORAGE_PAUSE = 5.0
# Photo uploads run OCR: seconds of CPU each.
_HEAVY_PATHS = ("/api/v1/label", "/label")
_PHOTO_FORM = "/label"
# Refusals of an upload itself (too large, too slow, server busy), answered on the photo form.
_UPLOAD_PROBLEMS = frozenset({408, 413, 503})

HEALTH_METHODS = N_("This address only answers GET and HEAD.")


def _limit(name: str, value: str | None, default: str | None) -> str | None:
    """A rate limit setting: None when off; refused early when `limits` cannot read it."""
    if value is None or not value.strip():
        return default
    value = value.strip()
    if value.lower() in {"off", "none", "0", "false", "no"}:
        return None
    try:
        parse_many(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a rate limit; write it like 60/minute, 1000/hour;20/minute or off.") from None
    return value


def _positive(name: str, value: str | None, default: int) -> int:
    if value is None or not value.strip():
        return default
    if not (value.strip().isascii() and value.strip().isdigit()) or int(value) < 1:
        raise ValueError(f"{name}: {value!r} is not a whole number of at least 1.")
    return int(value)


def _networks(value: str | None) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Trusted proxies, comma separated: addresses, networks (10.0.0.0/8) or * for any."""
    if value is None:
        return ()
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        if item == "*":
            networks += [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"RADIOCODE_FORWARDED_ALLOW_IPS: {item!r} is not an IP address or network (like 10.0.0.1 or 10.0.0.0/8).") from None
    return tuple(networks)


@dataclass(frozen=True)
class ProtectionSettings:
    """How hard the site pushes back; :meth:`from_env` reads the ``RADIOCODE_*`` variables."""

    rate_limit: str | None = DEFAULT_RATE_LIMIT
    heavy_rate_limit: str | None = DEFAULT_HEAVY_RATE_LIMIT
    heavy_concurrency: int = 2
    heavy_wait_seconds: float = 5.0
    # radiocode.ocr takes photos up to 10 MiB; the form around one adds a little.
    max_upload_bytes: int = 10 * 1024 * 1024 + 64 * 1024
    upload_seconds: float = 30.0
    # More header bytes than any browser sends (nginx refuses past 32 KB).
    max_header_bytes: int = 16 * 1024
    redis_url: str | None = None
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(default=())

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ProtectionSettings:
        """Without ``RADIOCODE_RATE_LIMIT`` nothing is limited: ``radiocode serve`` sets it to 60/minute."""
        env = os.environ if env is None else env
        redis_url = (env.get("RADIOCODE_REDIS_URL") or "").strip() or None
        if redis_url is not None and not redis_url.startswith(("redis://", "rediss://", "redis+unix://")):
            raise ValueError(f"RADIOCODE_REDIS_URL: {redis_url!r} is not a Redis URL; write it like redis://127.0.0.1:6379/0.")
        rate_limit = _limit("RADIOCODE_RATE_LIMIT", env.get("RADIOCODE_RATE_LIMIT"), None)
        heavy_rate_limit = _limit("RADIOCODE_HEAVY_RATE_LIMIT", env.get("RADIOCODE_HEAVY_RATE_LIMIT"), DEFAULT_HEAVY_RATE_LIMIT)
        return cls(
            rate_limit=rate_limit,
            # "off" stops all counting per client; the bound on uploads running at once stays.
            heavy_rate_limit=heavy_rate_limit if rate_limit else None,
            heavy_concurrency=_positive("RADIOCODE_HEAVY_CONCURRENCY", env.get("RADIOCODE_HEAVY_CONCURRENCY"), cls.heavy_concurrency),
            max_upload_bytes=_positive("RADIOCODE_MAX_UPLOAD_BYTES", env.get("RADIOCODE_MAX_UPLOAD_BYTES"), cls.max_upload_bytes),
            redis_url=redis_url,
            trusted_proxies=_networks(env.get("RADIOCODE_FORWARDED_ALLOW_IPS")),
        )


def install(app: Any, settings: ProtectionSettings | None = None) -> None:
    """Add the protection as the innermost middleware of an app not yet started.

    Called at the end of ``create_app``, after the app's own middlewares, so that
    the protection's answers carry the security headers and the access log sees them.
    """
    settings = settings if settings is not None else ProtectionSettings.from_env()
    app.user_middleware.append(Middleware(Protection, settings=settings))
    app.state.protection = settings


def _trusted(address: str, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip.version == net.version and ip in net for net in networks)


def client_address(scope: Scope, trusted: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> str:
    """The client's address: the peer's, or from ``X-Forwarded-For`` when the peer is a trusted proxy.

    The header is read from the right, skipping trusted proxies: everything left
    of the first untrusted address was written by the client and may be forged.

    >>> scope = {"client": ("10.0.0.2", 5000), "headers": [(b"x-forwarded-for", b"1.2.3.4, 203.0.113.9")]}
    >>> client_address(scope, ())
    '10.0.0.2'
    >>> client_address(scope, _networks("10.0.0.0/8"))
    '203.0.113.9'
    """
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops: list[str] = []
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            hops += [hop.strip() for hop in value.decode("latin-1").split(",")]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # garbage where an address should be: count it against the proxy
    return peer


# Clients come back: parsing an address costs more than counting it.
@functools.lru_cache(maxsize=4096)
def _limit_key(address: str) -> str:
    """IPv6 users get a whole /64 each, so they are counted by it."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address) + "/64"
    return str(ip)


class WindowCounter:
    """Fixed windows counted in this process's memory, as ``limits``' fixed window counts them.

    A client's window starts with its first request and lasts the limit's period;
    each request in it adds one, refused ones too. One small list per client and
    limit, dropped once its window has passed. ``limits``' own memory storage did
    the same at about five times the cost per request.

    >>> counter, per_minute = WindowCounter(), WindowCounter.windows_of(parse_many("2/minute"))
    >>> [counter.hit(per_minute, "all", "192.0.2.1") for _ in range(3)]
    [0, 0, 60]
    >>> counter.hit(per_minute, "all", "192.0.2.2")
    0
    """

    # How often windows that have passed are dropped, in seconds.
    SWEEP_SECONDS = 10.0

    def __init__(self) -> None:
        # (kind, which limit, client) -> [monotonic time the window ends, requests in it]
        self.windows: dict[tuple[str, int, str], list[float]] = {}
        self.next_sweep = time.monotonic() + self.SWEEP_SECONDS

    @staticmethod
    def windows_of(items: list[RateLimitItem]) -> tuple[tuple[int, int, int], ...]:
        """Each limit as (which, amount, seconds): read once, not on every request."""
        return tuple((which, item.amount, item.get_expiry()) for which, item in enumerate(items))

    def hit(self, limits: tuple[tuple[int, int, int], ...], kind: str, key: str) -> int:
        """Count one request against each of `limits` (from :meth:`windows_of`): the seconds to wait, or 0."""
        now = time.monotonic()
        if now >= self.next_sweep:
            self.sweep(now)
        windows = self.windows
        wait = 0
        for which, amount, seconds in limits:
            window = windows.get((kind, which, key))
            if window is None or window[0] <= now:
                window = windows[(kind, which, key)] = [now + seconds, 0]
            window[1] += 1
            if window[1] > amount:
                wait = max(wait, math.ceil(window[0] - now), 1)
        return wait

    def sweep(self, now: float) -> None:
        self.next_sweep = now + self.SWEEP_SECONDS
        for name in [name for name, window in self.windows.items() if window[0] <= now]:
            del self.windows[name]


class Protection:
    """Client address, /healthz, rate limits and the bound on heavy routes."""

    def __init__(self, app: ASGIApp, settings: ProtectionSettings) -> None:
        self.app = app
        self.settings = settings
        self.limits: list[RateLimitItem] = parse_many(settings.rate_limit) if settings.rate_limit else []
        self.heavy_limits: list[RateLimitItem] = parse_many(settings.heavy_rate_limit) if settings.heavy_rate_limit else []
        self.copy_limits: list[RateLimitItem] = [
            type(item)(item.amount * OFFLINE_COPY_FACTOR, item.multiples, namespace="OFFLINE") for item in self.limits
        ]
        # Every request is counted in this process's memory: the counts that decide without
        # Redis, and, with Redis, while it cannot be reached: no client gets more than the
        # limit from each process then, instead of no limit at all (issue 14).
        self.memory = WindowCounter()
        self.items = {"all": self.limits, "offline": self.copy_limits, "heavy": self.heavy_limits}
        self.windows = {kind: WindowCounter.windows_of(items) for kind, items in self.items.items()}
        self.storage: Storage | None = None
        self.limiter: FixedWindowRateLimiter | None = None
        if settings.redis_url:
            # Short timeouts: a slow Redis must not make every page slow.
            self.storage = storage_from_string(
                "async+" + settings.redis_url,
                implementation="redispy",
                wrap_exceptions=True,
                socket_timeout=0.5,
                socket_connect_timeout=0.5,
            )
            # One counter per client: a moving window keeps every timestamp and costs far more.
            self.limiter = FixedWindowRateLimiter(self.storage)
        self.heavy_slots: asyncio.Semaphore | None = None  # made in the serving loop
        self.storage_failed_at = self.storage_warned_at = -math.inf
        self.storage_down = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        size = 0
        for name, value in scope.get("headers", ()):
            size += len(name) + len(value)
        if size > self.settings.max_header_bytes:
            await self.refuse(scope, receive, send, HeadersTooLarge())
            return
        peer = scope.get("client")
        address = client_address(scope, self.settings.trusted_proxies)
        if peer is None or peer[0] != address:
            scope["client"] = (address, peer[1] if peer else 0)
        path: str = scope["path"]
        if path == "/healthz":
            if scope["method"] in ("GET", "HEAD"):
                await self.health(scope, receive, send)
            else:
                await self.refuse(scope, receive, send, MethodNotAllowed(HEALTH_METHODS, allow="GET, HEAD"))
            return
        heavy = scope["method"] == "POST" and any(path == p or path.startswith(p + "/") for p in _HEAVY_PATHS)
        if path in _UNCOUNTED_PATHS or path.startswith(_UNCOUNTED_PREFIXES):
            await self.app(scope, receive, send)
            return
        # Counted already when the fast path (radiocode.web.fast) handed the request on.
        wait = scope.get(COUNTED_KEY)
        if wait is None:
            wait = 0
            if self.limits or (heavy and self.heavy_limits):  # with counting off, nothing to key or count
                key = _limit_key(address)
                copy = not heavy and any(name == _OFFLINE_COPY_HEADER for name, _ in scope["headers"])
                wait = await self.hit("offline" if copy else "all", key)
                if heavy and not wait:
                    wait = await self.hit("heavy", key)
        if wait:
            await self.refuse(scope, receive, send, RateLimited(seconds=wait))
            return
        if heavy:
            await self.heavy(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def hit(self, kind: str, key: str) -> int:
        """Count one request of `kind` (all, offline, heavy); the seconds until the client may come back, or 0."""
        items = self.items[kind]
        if not items:
            return 0
        here = self.memory.hit(self.windows[kind], kind, key)
        if self.limiter is None:
            return here
        if time.monotonic() - self.storage_failed_at < _STORAGE_PAUSE:
            return here  # Redis failed just now: do not make every request wait for it
        try:
            wait = await self._count(self.limiter, items, kind, key)
        except Exception as error:  # noqa: BLE001 - Redis down: count in this process until it is back
            self.storage_failed(error)
            return here
        if self.storage_down:
            self.storage_down = False
            log.warning("rate limit storage reachable again: counting in Redis, shared by every process")
        return wait

    @staticmethod
    async def _count(limiter: FixedWindowRateLimiter, items: list[RateLimitItem], kind: str, key: str) -> int:
        wait = 0
        for item in items:
            if not await limiter.hit(item, "radiocode", kind, key):
                stats = await limiter.get_window_stats(item, "radiocode", kind, key)
                wait = max(wait, math.ceil(stats.reset_time - time.time()), 1)
        return wait

    def storage_failed(self, error: Exception) -> None:
        """Count in memory for a while; say so when it starts, every minute it lasts, and when it ends."""
        now = time.monotonic()
        self.storage_failed_at = now
        if not self.storage_down or now - self.storage_warned_at > 60:
            again = "still " if self.storage_down else ""
            log.warning(
                "rate limit storage %sunreachable (%s): counting in each process's memory until it answers, so a client may make the limit times the number of processes",
                again, type(error).__name__,
            )
            self.storage_warned_at = now
        self.storage_down = True

    async def heavy(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the upload (capped in size and time), then run it when one of the few slots is free."""
        most = self.settings.max_upload_bytes
        too_large = UploadTooLarge(megabytes=max(1, most // (1024 * 1024)))
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > most):
                await self.refuse(scope, receive, send, too_large)
                return
        # The whole body is read here, so a chunked upload past the cap is refused
        # before the app sees any of it, and a slow one does not hold a slot.
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.settings.upload_seconds):
                more = True
                while more:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunks.append(message.get("body", b""))
                    size += len(chunks[-1])
                    if size > most:
                        await self.refuse(scope, receive, send, too_large)
                        return
                    more = message.get("more_body", False)
        except TimeoutError:
            await self.refuse(scope, receive, send, UploadTooSlow())
            return
        body = b"".join(chunks)
        del chunks
        if self.heavy_slots is None:
            self.heavy_slots = asyncio.Semaphore(self.settings.heavy_concurrency)
        try:
            await asyncio.wait_for(self.heavy_slots.acquire(), self.settings.heavy_wait_seconds)
        except TimeoutError:
            seconds = math.ceil(self.settings.heavy_wait_seconds)
            await self.refuse(scope, receive, send, Busy(seconds=seconds))
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        try:
            await self.app(scope, replay, send)
        finally:
            self.heavy_slots.release()

    async def health(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Up as long as this process answers; Redis trouble is reported, not fatal (limits fail open)."""
        storage = counting = "memory"
        if self.storage is not None:
            try:
                storage = "ok" if await asyncio.wait_for(self.storage.check(), 1.0) else "unreachable"
            except Exception:  # noqa: BLE001 - any failure to answer is "unreachable"
                storage = "unreachable"
            # Where this process counts now: Redis, or its own memory until Redis answers a count again.
            counting = "memory_fallback" if self.storage_down or storage != "ok" else "redis"
        body = {
            "status": "ok", "version": __version__, "rate_limit": self.settings.rate_limit or "off",
            "rate_limit_storage": storage, "rate_limit_counting": counting,
        }  # fmt: skip
        await JSONResponse(body, headers={"cache-control": "no-store"})(scope, receive, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send, error: Refusal) -> None:
        """The refusal in the request's language: the error shape for API callers, a page for people."""
        site = getattr(getattr(scope.get("app"), "state", None), "site", None)
        if scope["path"] == _PHOTO_FORM and error.status in _UPLOAD_PROBLEMS:
            # A refused upload: the photo form again, with what to do and the text field beside it.
            response = refuse(site, scope, error, template="label.html", photo=None)
            response.headers["cache-control"] = "no-store"
        else:
            response = refuse(site, scope, error, template="refused.html")
        await response(scope, receive, send)
