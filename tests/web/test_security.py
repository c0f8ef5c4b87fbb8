"""Headers, escaping, length limits, no stack traces, and nothing typed in the logs."""

import logging
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expected_headers import CSP, JSON, PAGE, STATIC, assert_headers, directives
from radiocode.web.content import GUIDES, VEHICLES

PAGES = ["/", "/code?input=A123", "/code?input=0818&tries=3", "/code?input=7700+434+436", "/code?input=carminat", "/code?input=A012", "/wait?tries=2", "/guides", "/vehicles", "/api", "/nope"]
PAGES += [f"/guides/{g.slug}" for g in GUIDES] + [f"/vehicles/{v.slug}" for v in VEHICLES]

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "A123<script>alert(1)</script>",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_not_reflected_raw(text, payload):
    """The payload never becomes markup: no new element, no handler, no javascript: link."""
    if any(c in payload for c in "<>\"'"):
        assert payload not in text
    assert_no_injected_markup(text)


def assert_no_injected_markup(text):
    parser = _Tags()
    parser.feed(text)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "svg", "iframe"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/ld+json", attrs
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), attrs


def assert_secure_headers(response):
    """Pages and files get every security header; JSON the ones that apply to it, and never a cache."""
    if response.headers.get("content-type", "").startswith("application/json"):
        assert_headers(response, JSON)
    elif response.request.url.path.startswith("/static/") and response.status_code == 200:
        assert_headers(response, STATIC)
    else:
        assert_headers(response, PAGE)


def test_csp_is_strict():
    from radiocode.web.middleware import CSP as app_csp

    assert "unsafe-inline" not in app_csp and "unsafe-eval" not in app_csp
    assert directives(app_csp) == CSP


@pytest.mark.parametrize("path", PAGES + ["/api/v1/code?input=A123", "/api/v1/nothing", "/static/site.css", "/robots.txt", "/sitemap.xml", "/openapi.json"])
def test_headers_on_every_response(client, path):
    assert_secure_headers(client.get(path))


def test_headers_on_refusals_and_crashes(app, client):
    @app.get("/boom")
    async def boom():
        raise ValueError("A583")

    assert_secure_headers(client.post("/"))
    assert_secure_headers(client.get("/code?input=" + "x" * 5000))
    crash = client.get("/boom")
    assert crash.status_code == 500
    assert_secure_headers(crash)


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_script_or_style(client, path):
    html = client.get(path).text
    for script in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in script or 'type="application/ld+json"' in script, script
    assert "<style" not in html
    assert not re.search(r"\sstyle\s*=", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", ["input", "family", "tries"])
@pytest.mark.parametrize("path", ["/code", "/wait", "/api/v1/code", "/code.json", "/api/v1/wait", "/"])
def test_payloads_in_parameters_are_never_reflected_raw(client, path, param, payload):
    params = {"input": "A123", param: payload}
    response = client.get(path, params=params)
    assert response.status_code < 500
    assert_not_reflected_raw(response.text, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("prefix", ["/guides/", "/vehicles/", "/api/v1/radios/", "/"])
def test_payloads_in_paths_are_never_reflected_raw(client, prefix, payload):
    response = client.get(prefix + quote(payload, safe=""))
    assert response.status_code == 404
    assert_not_reflected_raw(response.text, payload)


def test_typed_text_is_escaped_where_it_is_echoed(client):
    html = client.get("/code", params={"input": '"><b>A012'}).text
    assert 'value="&#34;&gt;&lt;b&gt;A012"' in html


def test_json_api_answers_json_not_html(client):
    response = client.get("/api/v1/code", params={"input": "<script>alert(1)</script>"})
    assert response.headers["content-type"] == "application/json"
    assert response.status_code == 422


def test_over_long_input_is_refused(client):
    assert client.get("/code", params={"input": "A123 " * 101}).status_code == 422
    assert client.get("/api/v1/code", params={"input": "x" * 501}).json()["error"]["type"] == "input_too_long"
    huge = client.get("/code?input=" + "x" * 20000)
    assert huge.status_code == 414
    assert "too long" in huge.text


def test_crash_shows_no_trace(app, client):
    @app.get("/api/v1/boom")
    async def boom():
        raise KeyError("A583 secret")

    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json() == {"error": {"type": "internal_error", "message": "Something went wrong on our side. Please try again in a moment."}}


def test_logs_hold_routes_not_what_was_typed(app, client, caplog):
    @app.get("/boom")
    async def boom():
        raise RuntimeError("Q818 inside the error")

    with caplog.at_level(logging.DEBUG):
        client.get("/code", params={"input": "Q818"})
        client.get("/api/v1/code", params={"input": "281150198RT A583"})
        client.get("/code", params={"input": "7700 434 436"})
        client.get("/boom", params={"input": "Q818"})
    # httpx is the test's own client: the server side is everything else.
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records if not r.name.startswith(("httpx", "httpcore", "asyncio")))
    assert 'radiocode.access {"time"' in logged
    assert '"method": "GET", "path": "/code", "status": 200' in logged
    assert '"method": "GET", "path": "/api/v1/code", "status": 200' in logged
    # One line per request, from the access log alone (the crash adds its own error line).
    assert [r.name for r in caplog.records if r.name.startswith("radiocode")].count("radiocode.access") == 4
    assert [r.levelname for r in caplog.records if r.name == "radiocode.web"] == ["ERROR"]
    for secret in ("Q818", "A583", "281150198", "7700", "9120", "0461"):
        assert secret not in logged


def test_json_escapes_markup_characters_but_keeps_the_text(client):
    response = client.get("/api/v1/code", params={"input": "A123", "family": "<b>&"})
    assert "<b>" not in response.text and "\\u003cb\\u003e\\u0026" in response.text
    assert "called <b>&." in response.json()["error"]["message"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.sampled_from(PAYLOADS))
def test_any_text_gives_a_page_not_a_crash_or_markup(client, text):
    response = client.get("/code", params={"input": text, "family": text[:10] or "preset6"})
    assert response.status_code in (200, 422)
    assert_no_injected_markup(response.text)
