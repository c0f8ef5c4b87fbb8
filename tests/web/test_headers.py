"""Every security header and every CSP directive, written out (what Mozilla Observatory grades).

The expected values are literals, never the app's own SECURITY_HEADERS: deleting
a header, loosening a directive (`form-action *`) or dropping one (`base-uri`)
fails here. Pages, JSON, static files and every kind of error answer are checked.
"""

from __future__ import annotations

import json
import logging
import time

import pytest
from starlette.testclient import TestClient

from asgi_direct import messages
from expected_headers import CSP, JSON, PAGE, PAGE_ONLY, STATIC, assert_headers, directives
from radiocode.web import create_app


@pytest.fixture(scope="module")
def shared():
    """One app for the tests that only read (the crash tests add routes to their own)."""
    return TestClient(create_app({"base_url": "https://radiocode.example"}), raise_server_exceptions=False)


PAGES = ["/", "/code?input=A123", "/code?input=O555", "/wait?tries=3", "/guides", "/guides/faq", "/vehicles", "/api", "/fr/", "/fr/code?input=A123", "/robots.txt", "/sitemap.xml"]
# /healthz chooses its own cache-control (no-store): the other JSON headers still come with it.
JSON_ANSWERS = ["/api/v1/code?input=A123", "/api/v1/wait?tries=2", "/code.json?input=A123", "/wait.json?tries=5", "/api/v1/radios/preset6", "/openapi.json", "/healthz"]


def test_csp_string_is_exactly_the_nine_directives():
    from radiocode.web.middleware import CSP as app_csp

    assert directives(app_csp) == CSP
    assert "unsafe" not in app_csp and "*" not in app_csp and "http" not in app_csp


@pytest.mark.parametrize("path", PAGES)
def test_pages(shared, path):
    response = shared.get(path)
    assert response.status_code == 200
    assert_headers(response, PAGE)


@pytest.mark.parametrize("path", JSON_ANSWERS)
def test_json(shared, path):
    response = shared.get(path)
    assert response.status_code == 200
    assert_headers(response, JSON)
    for name in PAGE_ONLY:
        assert name not in response.headers


@pytest.mark.parametrize("path", ["/static/site.css", "/static/core.js"])
def test_static_files(shared, path):
    response = shared.get(path)
    assert response.status_code == 200
    assert_headers(response, STATIC)


@pytest.mark.parametrize(
    ("method", "path", "status", "expected"),
    [
        ("GET", "/nope", 404, PAGE),
        ("GET", "/static/nope.css", 404, PAGE),  # a missing file is a page, not cached for a day
        ("GET", "/guides/A583", 404, PAGE),
        ("GET", "/code?input=A012", 422, PAGE),
        ("GET", "/wait?tries=99", 422, PAGE),
        ("POST", "/", 405, PAGE),
        ("GET", "/code?input=" + "x" * 3000, 414, PAGE),
        ("GET", "/api/v1/nothing", 404, JSON),
        ("GET", "/api/v1/code?input=A012", 422, JSON),
        ("GET", "/api/v1/wait?tries=0", 422, JSON),
        ("POST", "/api/v1/code?input=A123", 405, JSON),
        ("GET", "/api/v1/code?input=" + "x" * 3000, 414, JSON),
    ],
)
def test_error_answers(shared, method, path, status, expected):
    response = shared.request(method, path)
    assert response.status_code == status
    assert_headers(response, expected)


def test_query_limit_is_the_setting_not_a_byte_more(shared):
    # 2048 bytes of query string pass; 2049 do not.
    query = "input=A123&pad=" + "x" * (2048 - len("input=A123&pad="))
    assert shared.get("/code?" + query).status_code == 200
    assert shared.get("/code?" + query + "x").status_code == 414
    assert "too long" in shared.get("/code?" + query + "x").text


def test_crash_page_and_crash_json_keep_every_header(app, client, caplog):
    @app.get("/boom")
    async def boom():
        raise ValueError("A583")

    @app.get("/api/v1/boom")
    async def api_boom():
        raise ValueError("A583")

    with caplog.at_level(logging.ERROR, logger="radiocode.web"):
        page = client.get("/boom")
        api = client.get("/api/v1/boom")
    assert page.status_code == 500 and "<html" in page.text and "Something went wrong" in page.text
    assert_headers(page, PAGE)
    assert api.status_code == 500
    assert api.json() == {"error": {"type": "internal_error", "message": "Something went wrong on our side. Please try again in a moment."}}
    assert_headers(api, JSON)
    errors = [r.getMessage() for r in caplog.records if r.name == "radiocode.web"]
    assert errors == ["500 GET /boom: ValueError", "500 GET /api/v1/boom: ValueError"]


def test_crash_after_the_answer_started_is_not_answered_twice(app, client):
    from starlette.responses import StreamingResponse

    def chunks():
        yield b"first"
        raise RuntimeError("A583")

    @app.get("/half")
    async def half():
        return StreamingResponse(chunks(), media_type="text/plain")

    response = client.get("/half")
    assert response.status_code == 200
    assert response.text == "first"  # the status line was sent: no error page glued after it


def test_head_is_get_without_the_body(shared):
    head = shared.head("/code?input=A123")
    assert head.status_code == 200 and head.content == b""
    assert_headers(head, PAGE)
    assert shared.head("/api/v1/code?input=A123").content == b""
    assert shared.get("/code?input=A123").content  # GET still has one


def access_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "radiocode.access"]


@pytest.mark.parametrize(
    ("path", "logged", "status"),
    [
        ("/api/v1/code?input=A583", "/api/v1/code", 200),
        ("/guides/faq", "/guides/faq", 200),
        ("/api/v1/radios/nothing", "/api/v1/radios/{radio}", 404),
        ("/no/such/page", None, 404),
        ("/static/site.css", "/static/site.css", 200),
        ("/static/A583.css", None, 404),
        ("/fr/code?input=A583", "/fr/code", 200),
        ("/fr/guides/A583", "/fr/guides/{slug}", 404),
        ("/healthz", "/healthz", 200),
    ],
)
def test_access_log_line(shared, caplog, path, logged, status):
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        shared.get(path)
    [line] = access_lines(caplog)
    assert list(line) == ["time", "method", "path", "status", "duration_ms"]
    assert (line["method"], line["path"], line["status"]) == ("GET", logged, status)
    assert line["time"].endswith("Z") and len(line["time"]) == 20
    assert isinstance(line["duration_ms"], float) and 0 <= line["duration_ms"] < 60_000
    assert "A583" not in json.dumps(line)


def test_access_log_keeps_a_crash_as_500(app, client, caplog):
    @app.get("/boom")
    async def boom():
        raise ValueError("A583")

    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        client.get("/boom")
    [line] = access_lines(caplog)
    assert (line["path"], line["status"]) == ("/boom", 500)


def test_access_log_cuts_an_absurd_method(shared, caplog):
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        shared.request("X" * 40, "/")
    [line] = access_lines(caplog)
    assert line["method"] == "X" * 16


def test_no_access_line_when_the_log_is_off(shared, caplog):
    with caplog.at_level(logging.WARNING, logger="radiocode.access"):
        assert shared.get("/").status_code == 200
    assert access_lines(caplog) == []


def test_when_the_error_page_itself_fails_the_answer_is_plain_text(app, client, monkeypatch):
    @app.get("/boom")
    async def boom():
        raise ValueError("A583")

    def broken_template(*args, **kwargs):
        raise RuntimeError("template missing")

    # The one way to reach the last fallback: the error page's own rendering fails.
    monkeypatch.setattr(app.state.site, "page", broken_template)
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Something went wrong on our side. Please try again in a moment."
    assert_headers(response, PAGE)


def test_access_log_duration_has_two_decimals(shared, caplog):
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        for _ in range(5):
            shared.get("/healthz")
    durations = [line["duration_ms"] for line in access_lines(caplog)]
    assert len(durations) == 5 and all(d == round(d, 2) for d in durations)
    assert any(d != round(d, 1) for d in durations)  # not rounded coarser either (5 tries: 1 in 10 each)


def test_head_answers_cleanly_without_a_logged_crash(shared, caplog):
    with caplog.at_level(logging.ERROR, logger="radiocode.web"):
        assert shared.head("/guides/faq").status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name == "radiocode.web"] == []


def test_logged_path_at_the_400_boundary():
    """A 400 is a refusal: the route's pattern is logged (or nothing), never the path as typed."""
    from radiocode.web.middleware import _logged_path, _route_name

    app = create_app()
    guide = next(r for r in app.router.routes if getattr(r, "path", "") == "/guides/{slug}")
    assert _logged_path({"path": "/guides/A583", "route": guide}, 399) == "/guides/A583"
    assert _logged_path({"path": "/guides/A583", "route": guide}, 400) == "/guides/{slug}"
    assert _logged_path({"path": "/static/A583.css", "app": app}, 399) == "/static/A583.css"
    assert _logged_path({"path": "/static/A583.css", "app": app}, 400) is None

    def handler():
        pass

    assert _route_name({"endpoint": handler}) == "handler"
    assert _route_name({}) == "-"


@pytest.mark.parametrize(
    ("path", "location"),
    [("/guides/", "/guides"), ("/fr/guides/", "/fr/guides"), ("/guides/faq/", "/guides/faq"), ("/fr/vehicles/?x=1", "/fr/vehicles?x=1")],
)
def test_trailing_slash_redirects_are_relative_and_keep_the_language(shared, path, location):
    """Starlette builds the redirect from the client's Host, after the language prefix was taken off: the guard mends both."""
    response = shared.get(path, headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code in (307, 308)
    assert response.headers["location"] == location


HOST_WARNING = "refused requests for a host name not in the allowed hosts: set --base-url or --allowed-hosts if it is this site's"


@pytest.fixture(scope="module")
def hosted():
    """A site that names its host: any other Host header is refused."""
    return TestClient(create_app({"base_url": "https://radiocode.example", "allowed_hosts": "radiocode.example"}), raise_server_exceptions=False)


def test_a_host_not_allowed_is_refused_with_every_header_and_warned_once(hosted, caplog):
    with caplog.at_level(logging.WARNING, logger="radiocode.web"):
        for _ in range(3):
            refused = hosted.get("/code?input=A123", headers={"host": "evil.example"})
            assert refused.status_code == 400
            assert "This site is not served at that address. Check the address you typed." in refused.text
            assert "evil.example" not in refused.text
            assert_headers(refused, PAGE)
        api = hosted.get("/api/v1/wait?tries=2", headers={"host": "evil.example"})
    assert api.status_code == 400 and api.json()["error"]["type"] == "unknown_host"
    assert_headers(api, JSON)
    # Once for the four refusals (a minute apart at most), and without the name itself.
    assert [r.getMessage() for r in caplog.records if r.name == "radiocode.web"] == [HOST_WARNING]


def test_the_allowed_host_and_the_health_check_are_answered(hosted):
    assert hosted.get("/code?input=A123", headers={"host": "radiocode.example"}).status_code == 200
    # A load balancer probes by the instance's address, which no setting names.
    health = hosted.get("/healthz", headers={"host": "10.1.2.3:8000"})
    assert health.status_code == 200 and health.json()["status"] == "ok"


def asgi(app, method: str, path: str, headers: list[tuple[bytes, bytes]]) -> list[dict]:
    """The messages the app sends for one request, as a server receives them (no client in between)."""
    return messages(app, method, path, headers)


def test_head_sends_no_body_to_the_server(shared):
    """The server is handed the GET answer's start with every header, and empty bodies (some servers would send them)."""
    start, *bodies = asgi(shared.app, "HEAD", "/guides/faq", [(b"host", b"radiocode.example")])
    assert start["type"] == "http.response.start" and start["status"] == 200
    assert "body" not in start
    assert bodies and all(m["type"] == "http.response.body" and m["body"] == b"" for m in bodies)


def test_a_request_without_a_host_header_is_answered(hosted):
    """HTTP/1.0 needs no Host: nothing to check it against, so nothing refused."""
    start, *_ = asgi(hosted.app, "GET", "/guides/faq", [])
    assert start["status"] == 200


def test_the_first_host_header_is_the_one_checked(hosted):
    """Starlette builds URLs from the first Host header: that one decides, not a second one."""
    first_allowed = asgi(hosted.app, "GET", "/guides/faq", [(b"accept", b"*/*"), (b"host", b"radiocode.example"), (b"host", b"evil.example")])
    assert first_allowed[0]["status"] == 200
    first_unknown = asgi(hosted.app, "GET", "/guides/faq", [(b"host", b"evil.example"), (b"host", b"radiocode.example")])
    assert first_unknown[0]["status"] == 400


class _Clock:
    """time as the guard reads it, with monotonic() set by the test."""

    def __init__(self, now: float) -> None:
        self.now = now

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name):
        return getattr(time, name)


def test_the_host_warning_is_logged_at_most_once_a_minute(caplog, monkeypatch):
    from radiocode.web import middleware

    clock = _Clock(1000.0)
    monkeypatch.setattr(middleware, "time", clock)
    client = TestClient(create_app({"allowed_hosts": "radiocode.example"}), raise_server_exceptions=False)
    warned = []
    for now in (1000.0, 1030.0, 1060.0, 1060.5, 1120.5, 1120.75):
        clock.now = now
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="radiocode.web"):
            assert client.get("/guides", headers={"host": "evil.example"}).status_code == 400
        warned.append([r.getMessage() for r in caplog.records if r.name == "radiocode.web"] == [HOST_WARNING])
    # A minute after the last warning is not more than a minute: the next one waits for 60.5 s.
    assert warned == [True, False, False, True, False, True]


def test_every_3xx_location_is_made_relative_and_only_a_3xx(app, client):
    """Status 300 to 399 are redirects: their Location loses the Host; any other answer's header is left as sent."""
    from starlette.responses import Response

    def route(status: int) -> None:
        @app.get(f"/answer{status}")
        async def answer():
            return Response(status_code=status, headers={"location": "http://testserver/guides?x=1"})

    for status in (300, 399, 299, 400):
        route(status)
    locations = {status: client.get(f"/answer{status}", follow_redirects=False).headers["location"] for status in (300, 399, 299, 400)}
    assert locations == {300: "/guides?x=1", 399: "/guides?x=1", 299: "http://testserver/guides?x=1", 400: "http://testserver/guides?x=1"}


class _FrozenTime:
    """time as the access log reads it: the wall clock and the duration's counter set by the test."""

    def __init__(self, now: float, counter: float) -> None:
        self.now, self.counter = now, counter

    def time(self) -> float:
        return self.now

    def perf_counter(self) -> float:
        return self.counter

    def __getattr__(self, name):
        return getattr(time, name)


def test_access_line_and_record_written_out(caplog, monkeypatch):
    """The line word for word, and a record any other handler can format (created, msecs, relativeCreated) as logging's own."""
    from radiocode.web import middleware

    frozen = _FrozenTime(1_700_000_000.25, 10.25)
    monkeypatch.setattr(middleware, "time", frozen)
    access = middleware.AccessLog(app=None)
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        access.write("GET", '"/guides/{slug}"', 404, 10.0)
        frozen.now, frozen.counter = 1_700_000_061.9995, 20.0
        access.write("PROPFIND", "null", 0, 19.99)  # no status sent: the server answered 500
    first, second = [r for r in caplog.records if r.name == "radiocode.access"]
    assert first.getMessage() == '{"time": "2023-11-14T22:13:20Z", "method": "GET", "path": "/guides/{slug}", "status": 404, "duration_ms": 250.0}'
    assert (first.levelname, first.created, first.msecs) == ("INFO", 1_700_000_000.25, 250.0)
    assert first.relativeCreated == (1_700_000_000.25 - logging._startTime) * 1000
    # No caller is looked up: the record names the middleware's file and no line.
    assert (first.pathname, first.lineno) == (middleware.__file__, 0)
    # A minute later: the time stamp follows the clock.
    assert json.loads(second.getMessage()) == {"time": "2023-11-14T22:14:21Z", "method": "PROPFIND", "path": None, "status": 500, "duration_ms": 10.0}
    assert (second.created, second.msecs) == (1_700_000_061.9995, 999.0)  # milliseconds cut, never rounded up


@pytest.mark.parametrize(
    ("method", "path", "logged", "status"),
    [
        ("GET", "/fr", "/fr", 200),  # the language's home, without its slash
        ("POST", "/guides/A583", "/guides/{slug}", 405),  # a route with another method: its pattern
        ("GET", "/guides/A583/", None, 307),  # the slash redirect of an unknown guide: what was typed, so not logged
        ("GET", "/code?input=" + "x" * 3000, "/code", 414),  # refused before the router: the route it was for
    ],
)
def test_access_log_path_of_redirects_and_refusals(shared, caplog, method, path, logged, status):
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        assert shared.request(method, path, follow_redirects=False).status_code == status
    [line] = access_lines(caplog)
    assert (line["method"], line["path"], line["status"]) == (method, logged, status)


def test_access_log_path_of_a_refused_host_on_a_static_file(hosted, caplog):
    """A refusal (400) logs the route's pattern, the static files' mount included: never the file name as typed."""
    with caplog.at_level(logging.INFO, logger="radiocode.access"):
        assert hosted.get("/static/A583.css", headers={"host": "evil.example"}).status_code == 400
    [line] = access_lines(caplog)
    assert (line["path"], line["status"]) == ("/static", 400)


def test_no_access_record_at_all_when_the_log_is_off(shared):
    """Off means no record, not a record every handler then drops: a handler of any level sees nothing."""
    seen = []

    class Everything(logging.Handler):
        def emit(self, record):
            seen.append(record)

    access = logging.getLogger("radiocode.access")
    handler, level = Everything(logging.NOTSET), access.level
    access.addHandler(handler)
    access.setLevel(logging.WARNING)
    try:
        assert shared.get("/guides").status_code == 200
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    assert seen == []


@pytest.mark.parametrize(
    ("location", "host", "asked", "relative"),
    [
        (b"https://radiocode.example/guides", b"radiocode.example", "/guides/", b"/guides"),  # behind a TLS proxy
        (b"http://RadioCode.Example/guides", b"radiocode.example", "/guides/", b"/guides"),  # host names ignore case
        (b"http://radiocode.example/XM-guides", b"radiocode.example", "/XM-guides/", b"/XM-guides"),
        (b"ftp://radiocode.example/guides", b"radiocode.example", "/guides/", b"ftp://radiocode.example/guides"),
        (b"http://radiocode.example/guides", b"", "/guides/", b"/guides"),  # no Host header: this site's all the same
        (b"http://radiocode.example/guides", b"radiocode.example", "/fr/x", b"/fr/guides"),
        (b"http://radiocode.example/fr", b"radiocode.example", "/fr/", b"/fr"),  # the language already there: not twice
        (b"http://radiocode.example/fr/guides", b"radiocode.example", "/fr/guides/", b"/fr/guides"),
        (b"http://radiocode.example/guides", b"radiocode.example", "/old-guides/", b"/guides"),  # another first segment
        (b"http://radiocode.example/guides", b"radiocode.example", "/", b"/guides"),
    ],
)
def test_relative_location(location, host, asked, relative):
    from radiocode.web.middleware import _relative

    assert _relative(location, host, asked, frozenset({"fr", "de"})) == relative


def test_route_name_of_routes_without_a_path_and_endpoints_without_a_name():
    """The 500 line names what it can: a Host route has no path, a partial has no name."""
    import functools

    from starlette.routing import Host, Router

    from radiocode.web.middleware import _route_name

    def handler():
        pass

    assert _route_name({"route": Host("radiocode.example", Router()), "endpoint": handler}) == "handler"
    assert _route_name({"endpoint": functools.partial(handler)}) == "-"


def test_logged_path_of_a_route_without_a_path_is_nothing():
    """A Host route has no pattern to log: nothing is logged rather than the path as typed."""
    from starlette.routing import Host, Router

    from radiocode.web.middleware import _logged_path

    assert _logged_path({"path": "/A583", "route": Host("radiocode.example", Router())}, 404) is None


def test_a_route_that_fails_to_match_does_not_hide_the_next_one():
    """A route that raises on a hostile path is passed over: the refusal still logs the pattern that matches."""
    from starlette.applications import Starlette
    from starlette.convertors import CONVERTOR_TYPES, Convertor, register_url_convertor
    from starlette.routing import Route

    from radiocode.web.middleware import _logged_path

    class Refusing(Convertor):
        regex = "[0-9]+"

        def convert(self, value):
            raise ValueError(value)

        def to_string(self, value):
            return str(value)

    def endpoint(request):
        pass

    register_url_convertor("refusing", Refusing())
    try:
        routes = [Route("/n/{n:refusing}", endpoint), Route("/n/{text}", endpoint)]
    finally:
        del CONVERTOR_TYPES["refusing"]
    app = Starlette(routes=routes)
    assert _logged_path({"type": "http", "method": "GET", "path": "/n/583", "root_path": "", "app": app}, 429) == "/n/{text}"
