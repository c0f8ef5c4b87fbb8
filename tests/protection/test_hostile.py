"""Hostile input on every route of a real server: a clean 4xx, never a 5xx, nothing reflected unescaped."""

import json
import socket
from urllib.parse import quote, urlsplit

import httpx
import pytest

# Each is sent raw in every parameter and path segment a route reads.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(1)//",
    "{{7*7}}${7*7}<%= 7*7 %>",
    "A1\x0023",
    "\x00" * 50,
    "../../../../etc/passwd",
    "' OR 1=1 -- ",
    "A" * 5000,
    "\u202eA123\u202d\ufeff",
    "🔒" * 300,
    "\r\nSet-Cookie: hacked=1",
]
# Label text with a precode in it gets its code (200), with the rest escaped.
CARRYING = ["A123<script>alert(1)</script>", "A123\"><img src=x onerror=alert(1)>"]
# What must never come back as is: markup a browser would run.
RAW = ["<script>alert(1)", "<img src=x", "<svg/onload"]

# Route, the parameters it reads with a usable value each, and the path parameter if any.
ROUTES = [
    ("/code", {"input": "A123", "family": "preset6", "tries": "2"}),
    ("/code.json", {"input": "A123", "family": "preset6", "tries": "2"}),
    ("/api/v1/code", {"input": "A123", "family": "preset6", "tries": "2"}),
    ("/wait", {"tries": "2"}),
    ("/wait.json", {"tries": "2"}),
    ("/api/v1/wait", {"tries": "2"}),
]
PATH_ROUTES = ["/api/v1/radios/{}", "/guides/{}", "/vehicles/{}", "/{}", "/static/{}"]
PAGES = ["/", "/guides", "/vehicles", "/api", "/api/v1/radios", "/robots.txt", "/sitemap.xml", "/healthz", "/openapi.json"]


def assert_clean(response: httpx.Response, refused: bool = True) -> None:
    assert response.status_code < 500, (response.request.url, response.status_code)
    if refused:
        assert 400 <= response.status_code < 500, (response.request.url, response.status_code)
    body = response.text
    for raw in RAW:
        assert raw not in body, (response.request.url, raw)
    # Line breaks in a value stay in the body, inside an escaped attribute, never become a header.
    assert "set-cookie" not in response.headers
    assert "Traceback" not in body
    assert "content-security-policy" in response.headers


@pytest.fixture(scope="module")
def client(open_server):
    with httpx.Client(base_url=open_server.url, timeout=10) as client:
        yield client


@pytest.mark.parametrize(("route", "usable"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_parameter(client, route, usable):
    assert client.get(route, params=usable).status_code == 200
    for name in usable:
        for payload in PAYLOADS:
            assert_clean(client.get(route, params={**usable, name: payload}))
    if "input" in usable:
        for payload in CARRYING:
            response = client.get(route, params={**usable, "input": payload})
            assert response.status_code == 200
            assert_clean(response, refused=False)


@pytest.mark.parametrize("route", PATH_ROUTES)
def test_every_path_parameter(client, route):
    for payload in PAYLOADS:
        response = client.get(route.format(quote(payload, safe="")))
        if response.is_redirect:
            # A trailing slash (%2F decodes to /) is dropped by a redirect that stays on this site: a path, never //host.
            location = response.headers["location"]
            assert response.status_code == 307 and location.startswith("/") and not location.startswith("//"), location
            response = client.get(response.headers["location"])
        assert_clean(response)


@pytest.mark.parametrize("page", PAGES)
def test_pages_ignore_what_they_do_not_read(client, page):
    for payload in PAYLOADS[:6]:
        assert_clean(client.get(page, params={"q": payload, "input": payload}), refused=False)


def test_odd_methods_on_every_route(each_stack):
    # Methods the parser does not know (BREW) are refused by it, the others by the app: both look alike.
    with httpx.Client(base_url=each_stack.url, timeout=10) as client:
        routes = [r for r, _ in ROUTES] + PAGES + ["/static/site.css", "/api/v1/label"]
        for route in routes:
            for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW"]:
                response = client.request(method, route, content=b"<script>alert(1)</script>")
                if route == "/api/v1/label" and method == "POST":
                    continue  # the upload route, if there, answers its own way; never a 5xx
                assert_clean(response)
            assert client.request("POST", "/api/v1/label", content=b"<script>alert(1)</script>").status_code < 500


def test_headers_past_the_cap_get_431(client, error_shape):
    error_shape(client.get("/api/v1/code?input=A123", headers={"x-padding": "a" * 20000}), 431, "headers_too_large")
    page = client.get("/code?input=A123", headers={"cookie": "; ".join(["c=1"] * 4000)})
    assert page.status_code == 431 and "Clear this site" in page.text
    # Ordinary headers, many of them, pass.
    assert client.get("/api/v1/code?input=A123", headers={f"x-{n}": "y" for n in range(50)}).status_code == 200


def raw_request(url: str, request: bytes) -> bytes:
    """Send bytes no HTTP client would, and read the answer (empty when the server hung up)."""
    parts = urlsplit(url)
    answer = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        try:
            sock.sendall(request)
            while chunk := sock.recv(65536):
                answer += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass  # refused mid-request: the server stopped reading
    return answer


RAW_REQUESTS = {
    "invalid UTF-8 percent-escapes": b"GET /code?input=%ff%fe%c3%28B%ff HTTP/1.1",
    "invalid UTF-8 in the API": b"GET /api/v1/code?input=%ff%fe&family=%c0%af HTTP/1.1",
    "invalid UTF-8 in the path": b"GET /guides/%ff%fe HTTP/1.1",
    "NUL escaped in the input": b"GET /api/v1/code?input=A1%0023 HTTP/1.1",
    "NUL in the path": b"GET /gu\x00ides HTTP/1.1",
    "encoded dot-dot": b"GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1",
    "encoded dot-dot under static": b"GET /static/..%2f..%2fapp.py HTTP/1.1",
    "dot-dot under static": b"GET /static/../app.py HTTP/1.1",
    "dotted escapes under static": b"GET /static/%2e%2e/%2e%2e/__init__.py HTTP/1.1",
    "double slash": b"GET //etc/passwd HTTP/1.1",
    "backslashes": b"GET /static/..\\..\\app.py HTTP/1.1",
    "CONNECT": b"CONNECT 127.0.0.1:22 HTTP/1.1",
    "very long path": b"GET /" + b"A" * 60000 + b" HTTP/1.1",
    "very long query": b"GET /code?input=" + b"A" * 60000 + b" HTTP/1.1",
    "repeated parameters": b"GET /api/v1/code?input=A123&input=%3Cscript%3E&family=x&family=%ff HTTP/1.1",
}


@pytest.mark.parametrize("request_line", RAW_REQUESTS.values(), ids=RAW_REQUESTS.keys())
def test_raw_requests(each_stack, request_line):
    if not request_line.endswith(b"HTTP/1.1"):
        request_line += b" HTTP/1.1"
    # A loopback name: radiocode serve answers only the hosts it is told (and these), so each line reaches the app.
    answer = raw_request(each_stack.url, request_line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500, answer[:200]
    assert b"Traceback" not in answer and b"<script>" not in answer
    # Nothing outside the static folder is ever served.
    assert b"root:" not in answer and b"import " not in answer


def test_a_request_in_absolute_form_is_routed_by_its_path(each_stack):
    """HTTP/1.1 servers must accept ``GET http://host/path``; both parsers answer it as the path alone."""
    answer = raw_request(each_stack.url, b"GET http://evil.example/code?input=A123 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    assert b"0086" in answer and b"content-security-policy" in answer.lower()
    # The URL's host is no more believed than a forged Host header would be.
    assert b"evil.example" not in answer
    api = raw_request(each_stack.url, b"GET https://evil.example/api/v1/code?input=A123 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert api.startswith(b"HTTP/1.1 200") and b'"code":"0086"' in api.replace(b" ", b"")


MALFORMED = {
    "NUL in a header": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Nul: a\x00b\r\n\r\n",
    "garbage": b"GARBAGE\r\n\r\n",
    "both Content-Length and chunked": b"POST /api/v1/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
    "header without a colon": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nnot a header\r\n\r\n",
    "a 200 KB header": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
}


@pytest.mark.parametrize("request_bytes", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_http_is_refused_by_the_server(each_stack, request_bytes):
    answer = raw_request(each_stack.url, request_bytes)
    # The HTTP layer answers 400 or hangs up; it never reaches the app, never a 5xx.
    assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer[:200]
    if answer.startswith(b"HTTP/1.1 400"):
        # The parser's refusal looks like the app's: the one error shape, the security headers.
        head, _, body = answer.partition(b"\r\n\r\n")
        assert b"content-type: application/json" in head.lower() and b"content-security-policy" in head.lower()
        assert json.loads(body)["error"]["type"] == "bad_request"
    assert httpx.get(each_stack.url + "/healthz").status_code == 200


def test_malformed_requests_are_logged_once_a_minute_not_each(start_server):
    server = start_server("--rate-limit", "off")
    for _ in range(20):
        assert raw_request(server.url, b"GARBAGE\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert httpx.get(server.url + "/healthz").status_code == 200
    assert server.stderr.read_text().count("Invalid HTTP request received.") == 1


UPLOADS = {
    "script as the photo": {"files": {"photo": ("label.jpg", b"<script>alert(1)</script>", "image/jpeg")}},
    "script in the file name": {"files": {"photo": ("<script>alert(1)</script>.jpg", b"\xff\xd8\xff\x00", "image/jpeg")}},
    "script in the media type": {"files": {"photo": ("label.jpg", b"\xff\xd8\xff", '<img src=x onerror=alert(1)>')}},
    "script as the family": {"files": {"photo": ("label.jpg", b"\xff\xd8\xff", "image/jpeg")}, "data": {"family": "<script>alert(1)</script>"}},
    "NUL bytes everywhere": {"files": {"photo": ("la\x00bel.jpg", b"\x00" * 100, "image/jpeg")}, "data": {"family": "\x00"}},
    "no photo field": {"files": {"picture": ("label.jpg", b"\xff\xd8\xff", "image/jpeg")}},
    "a hundred fields": {"data": {f"f{n}": "x" * 100 for n in range(100)}},
    "not multipart": {"content": b"<script>alert(1)</script>", "headers": {"content-type": "text/html"}},
    "broken multipart": {"content": b"--x\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n<script>", "headers": {"content-type": "multipart/form-data; boundary=x"}},
    "invalid UTF-8 in the form": {"content": b"--x\r\nContent-Disposition: form-data; name=\"\xff\xfe\"\r\n\r\n\xc3\x28\r\n--x--\r\n", "headers": {"content-type": "multipart/form-data; boundary=x"}},
}


@pytest.mark.parametrize("route", ["/api/v1/label", "/label"])
@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
def test_hostile_uploads(client, route, upload):
    assert_clean(client.post(route, **upload))


def test_hostile_parameters_on_the_upload_form(client):
    for payload in PAYLOADS:
        assert_clean(client.get("/label", params={"family": payload, "input": payload}), refused=False)
        assert_clean(client.post("/api/v1/label", params={"family": payload}, files={"photo": ("a.jpg", b"\xff\xd8", "image/jpeg")}))


def test_slow_clients_do_not_block_others(open_server):
    """Two hundred connections that never finish their headers; a normal request still goes through."""
    parts = urlsplit(open_server.url)
    stalled = []
    try:
        for _ in range(200):
            sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
            sock.sendall(b"GET /code?input=A123 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            stalled.append(sock)
        response = httpx.get(open_server.url + "/api/v1/code?input=A123", timeout=5)
        assert response.status_code == 200 and response.json()["code"] == "0086"
    finally:
        for sock in stalled:
            sock.close()
