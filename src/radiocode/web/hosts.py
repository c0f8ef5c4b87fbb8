"""Which address the site names itself by, and which ``Host`` headers it answers.

A request's ``Host`` header is written by the client, so the site never builds
an absolute URL from it: canonical links, hreflang links, ``sitemap.xml`` and
``robots.txt`` use the configured base URL (``RADIOCODE_BASE_URL``) or, without
one, no absolute URL at all. The allowed-hosts check (as Django's
``ALLOWED_HOSTS``) refuses requests for names the site is not served under,
which stops DNS rebinding and poisoned caches keyed on the host.

>>> base_url("https://Radiocode.example/")
'https://radiocode.example'
>>> base_url("radiocode.example")
Traceback (most recent call last):
    ...
ValueError: RADIOCODE_BASE_URL: 'radiocode.example' is not a site address; write it like https://radiocode.example.
>>> allowed = allowed_hosts("radiocode.example, *.radiocode.example")
>>> host_allowed("www.radiocode.example:443", allowed), host_allowed("evil.example", allowed)
(True, False)
>>> default_allowed_hosts("https://radiocode.example", "0.0.0.0")
'radiocode.example,localhost,127.0.0.1,[::1]'
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

__all__ = ["base_url", "allowed_hosts", "host_allowed", "hostname", "default_allowed_hosts", "LOOPBACK_HOSTS"]

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
# Addresses that mean "every interface": no host name to add for them.
_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}


def base_url(value: str | None) -> str:
    """The site's public address as ``scheme://host[:port]``, "" when not set; ValueError when unusable."""
    if value is None or not value.strip():
        return ""
    text = value.strip()
    problem = f"RADIOCODE_BASE_URL: {text!r} is not a site address; write it like https://radiocode.example."
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ValueError(problem) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise ValueError(problem)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(
            f"RADIOCODE_BASE_URL: {text!r} has a path; radiocode serves from the root of its address: write it like https://radiocode.example."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def allowed_hosts(value: str | None) -> frozenset[str] | None:
    """Host names, comma separated: ``radiocode.example``, ``*.radiocode.example`` (its subdomains), or ``*`` (any).

    None (any host) when `value` is None or ``*``.
    """
    if value is None:
        return None
    names = set()
    for item in (part.strip().lower().rstrip(".") for part in value.split(",")):
        if not item:
            continue
        if item == "*":
            return None
        if item.startswith("*."):
            check = item[2:]
        else:
            check = item[1:-1] if item.startswith("[") and item.endswith("]") else item
        if not check or any(c in check for c in "/@?#* ") or (":" in check and not item.startswith("[")):
            raise ValueError(
                f"RADIOCODE_ALLOWED_HOSTS: {item!r} is not a host name; write names like radiocode.example or *.radiocode.example, without a port."
            )
        names.add(item)
    if not names:
        raise ValueError("RADIOCODE_ALLOWED_HOSTS: no host name given; write names like radiocode.example, or * for any.")
    return frozenset(names)


def hostname(header: str) -> str:
    """The name in a ``Host`` header, lower case, without its port or a trailing dot."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end > 0 else header
    return header.partition(":")[0].rstrip(".")


@functools.lru_cache(maxsize=256)
def host_allowed(header: str, allowed: frozenset[str] | None) -> bool:
    """Whether a ``Host`` header names one of the `allowed` hosts (None: any)."""
    if allowed is None:
        return True
    name = hostname(header)
    if name in allowed:
        return True
    return any(pattern.startswith("*.") and name.endswith(pattern[1:]) for pattern in allowed)


def default_allowed_hosts(base: str, listen_host: str | None = None) -> str:
    """What ``radiocode serve`` answers to when not told: the base URL's host, the loopback names, the listening address."""
    names = []
    if base:
        names.append(hostname(urlsplit(base).netloc))
    names += LOOPBACK_HOSTS
    if listen_host is not None and listen_host.strip() not in _ANY_ADDRESS:
        listen = listen_host.strip().lower()
        names.append(f"[{listen}]" if ":" in listen and not listen.startswith("[") else listen)
    return ",".join(dict.fromkeys(names))
