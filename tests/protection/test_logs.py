"""The access log: one JSON line per request, and never what was typed or the code given."""

import httpx

# (what is sent, what must never be logged)
SECRETS = {
    "/api/v1/code?input=A583": ["A583", "0461"],
    "/code?input=7649190391+28+115+9243RT+S049": ["S049", "9243RT", "7649190391"],
    "/code.json?input=B123&family=preset6": ["B123"],
    "/code?input=A0PQ": ["A0PQ"],
    "/api/v1/radios/Z987": ["Z987"],
    "/Q456": ["Q456"],
    "/guides/K321": ["K321"],
    "/static/M654.css": ["M654"],
    "/wait?tries=7": ["tries"],
}


def test_every_request_is_one_json_line_without_query_input_or_code(start_server):
    server = start_server("--rate-limit", "5/minute")
    with httpx.Client(base_url=server.url) as client:
        answered = [client.get(path).status_code for path in SECRETS]
        answered.append(client.post("/api/v1/code?input=A583", content=b"A583").status_code)
    assert 429 in answered  # refusals are logged too
    server.stop()
    lines = server.access_lines()
    # The health checks made while starting are logged as well.
    lines = [line for line in lines if line["path"] != "/healthz"]
    assert len(lines) == len(SECRETS) + 1
    assert sorted(line["status"] for line in lines) == sorted(answered)
    for line in lines:
        assert set(line) == {"time", "method", "path", "status", "duration_ms"}
        assert line["path"] is None or "?" not in line["path"]
        assert isinstance(line["duration_ms"], float)
    output = server.output()
    for secrets in SECRETS.values():
        for secret in secrets:
            assert secret not in output, secret


def test_logged_paths_are_routes(start_server):
    server = start_server("--rate-limit", "off")
    with httpx.Client(base_url=server.url) as client:
        for path in ["/api/v1/code?input=A583", "/guides/faq", "/api/v1/radios/nothing", "/no/such/page", "/static/site.css", "/fr/code?input=A583", "/fr/guides/A583"]:
            client.get(path)
    server.stop()
    logged = [(line["method"], line["path"], line["status"]) for line in server.access_lines() if line["path"] != "/healthz"]
    # A line is written when its answer is done: a file sent in a thread may finish after the next request.
    assert sorted(logged, key=str) == sorted([
        ("GET", "/api/v1/code", 200),
        ("GET", "/guides/faq", 200),
        # A refused path parameter is logged as the route's pattern, not as typed.
        ("GET", "/api/v1/radios/{radio}", 404),
        # An unknown address may be anything typed: not logged.
        ("GET", None, 404),
        ("GET", "/static/site.css", 200),
        # Pages in another language are logged like the English ones, prefix and all.
        ("GET", "/fr/code", 200),
        ("GET", "/fr/guides/{slug}", 404),
    ], key=str)
    assert "A583" not in server.output()


def test_a_broken_upload_is_logged_without_its_bytes(start_server):
    """python-multipart's own lines quote bytes of the body ("Expected boundary character 34, got 97"): never logged."""
    server = start_server("--rate-limit", "off")
    body = b"--xyQ\r\nSECRETBYTES"  # the boundary's last byte is wrong: python-multipart names both bytes
    for _ in range(3):
        answer = httpx.post(server.url + "/api/v1/label", content=body, headers={"content-type": "multipart/form-data; boundary=xyz"})
        assert 400 <= answer.status_code < 500
    server.stop()
    log = server.stderr.read_text()
    assert "Expected boundary character" not in log and "SECRETBYTES" not in log and "got 81" not in log
    # Said once, without the parser's text, in the server's own log format.
    assert log.count("WARNING: python_multipart.multipart a malformed multipart upload was refused (its bytes are not logged)") == 1
