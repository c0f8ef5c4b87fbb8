"""The security headers every answer must carry, written out as Mozilla Observatory grades them.

Literals, never the app's own SECURITY_HEADERS: a test that compares the app
with itself cannot notice a deleted header or a loosened directive.
"""

from __future__ import annotations

# Directive -> its sources, exactly. Observatory: no unsafe-inline/eval, default-src 'none',
# frame-ancestors, base-uri and form-action restricted.
CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
PAGE = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-cache",
}
STATIC = {**PAGE, "cache-control": "public, max-age=86400"}
# JSON is not a document: the headers that apply to it, and never kept in a cache.
JSON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "vary": "Accept-Language",
}
PAGE_ONLY = ("x-frame-options", "permissions-policy", "cross-origin-opener-policy", "cross-origin-resource-policy")


def directives(header: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = sources
    return parsed


def assert_headers(response, expected: dict[str, str]) -> None:
    for name, value in expected.items():
        assert response.headers.get_list(name) == [value], (name, response.headers.get_list(name))
    assert len(response.headers.get_list("content-security-policy")) == 1
    assert directives(response.headers["content-security-policy"]) == CSP
