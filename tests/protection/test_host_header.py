"""A forged ``Host`` header appears in no answer: allowed hosts, a configured base URL, relative redirects.

Every test speaks to a real ``radiocode serve`` with ``Host: evil.example``
(what a cache-poisoning or DNS-rebinding attacker sends) and reads every header
and body that comes back.
"""

import subprocess
import sys

import httpx
import pytest

EVIL = "evil.example"
BASE = "https://radiocode.example"
# Every answer that once carried the Host: pages (canonical, hreflang), the
# trailing-slash redirects, robots.txt and the sitemap; and the API.
PATHS = ["/", "/guides", "/guides/", "/fr/guides/", "/guides/faq/", "/code?input=A123", "/robots.txt", "/sitemap.xml", "/api/v1/code?input=A123", "/api/v1/radios/"]


def _get(server, path: str, host: str) -> httpx.Response:
    return httpx.get(server.url + path, headers={"host": host}, follow_redirects=False, timeout=10)


def _assert_not_echoed(response: httpx.Response, host: str = EVIL) -> None:
    for name, value in response.headers.multi_items():
        assert host not in value, (response.request.url, name, value)
    assert host not in response.text, response.request.url


@pytest.fixture(scope="module")
def default_server(tmp_path_factory, launcher):
    """`radiocode serve` as shipped: no base URL, so only the loopback names are allowed."""
    server = launcher(tmp_path_factory.mktemp("server"), "--rate-limit", "off")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def any_host_server(tmp_path_factory, launcher):
    """Every host let in, no base URL: nothing may still be built from the Host."""
    server = launcher(tmp_path_factory.mktemp("server"), "--rate-limit", "off", "--allowed-hosts", "*")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def based_server(tmp_path_factory, launcher):
    """A base URL given through the environment, as in a systemd unit."""
    server = launcher(tmp_path_factory.mktemp("server"), "--rate-limit", "off", env={"RADIOCODE_BASE_URL": BASE + "/"})
    yield server
    server.stop()


@pytest.mark.parametrize("path", PATHS)
def test_unknown_host_is_refused_in_the_error_shape(default_server, error_shape, path):
    response = _get(default_server, path, EVIL)
    assert response.status_code == 400, response.text[:300]
    _assert_not_echoed(response)
    assert "content-security-policy" in response.headers
    if path.startswith("/api/"):
        error_shape(response, 400, "unknown_host")
    else:
        assert response.headers["content-type"].startswith("text/html")
        # In the page's language: the refusal takes the one path every message takes (issue 10).
        expected = "pas servi à cette adresse" if path.startswith("/fr/") else "This site is not served at that address."
        assert expected in response.text


def test_the_refusal_is_logged_once_without_the_path_or_query(default_server):
    for _ in range(3):
        _get(default_server, "/code?input=A123", EVIL)
    warnings = [line for line in default_server.output().splitlines() if "allowed hosts" in line]
    assert len(warnings) == 1, warnings
    # No header is ever logged, the Host included; nor the query.
    assert EVIL not in default_server.output() and "A123" not in default_server.output()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST.", "[::1]"])
def test_loopback_names_work_out_of_the_box(default_server, host):
    port = default_server.url.rsplit(":", 1)[1]
    for value in (host, f"{host}:{port}"):
        assert _get(default_server, "/code?input=A123", value).status_code == 200


def test_health_answers_any_host(default_server):
    """A load balancer probes by the instance's address, which no setting names."""
    response = _get(default_server, "/healthz", "10.1.2.3:8000")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.parametrize("path", PATHS)
def test_without_a_base_url_no_absolute_url_is_built(any_host_server, path):
    response = _get(any_host_server, path, EVIL)
    assert response.status_code < 500
    _assert_not_echoed(response)
    assert "http://" not in response.headers.get("location", "")


@pytest.mark.parametrize(
    ("path", "location"),
    [("/guides/", "/guides"), ("/fr/guides/", "/fr/guides"), ("/guides/faq/", "/guides/faq"), ("/api/v1/radios/", "/api/v1/radios"), ("/fr/vehicles/?x=1", "/fr/vehicles?x=1")],
)
def test_trailing_slash_redirects_are_relative_and_keep_the_language(any_host_server, path, location):
    response = _get(any_host_server, path, EVIL)
    assert response.status_code in (307, 308), response.status_code
    assert response.headers["location"] == location


def test_a_doubled_slash_never_redirects_to_another_host(any_host_server):
    # The path names another site (the 404 page's language links may carry the path, as a next= the switcher checks).
    for path in ["//other.example/", "//other.example/guides/", "/%2Fother.example/", "///guides/", "//guides/"]:
        response = _get(any_host_server, path, EVIL)
        assert not response.headers.get("location", "/").startswith("//"), (path, response.headers.get("location"))
        _assert_not_echoed(response)


def test_without_a_base_url_pages_have_a_relative_canonical_and_no_hreflang(any_host_server):
    html = _get(any_host_server, "/fr/guides/faq", "127.0.0.1").text
    assert '<link rel="canonical" href="/fr/guides/faq">' in html
    assert "hreflang=\"x-default\"" not in html and '<link rel="alternate" hreflang' not in html


def test_without_a_base_url_there_is_no_sitemap(any_host_server, error_shape):
    assert _get(any_host_server, "/sitemap.xml", "127.0.0.1").status_code == 404
    robots = _get(any_host_server, "/robots.txt", "127.0.0.1")
    assert robots.status_code == 200 and "Disallow: /api/" in robots.text
    assert "Sitemap" not in robots.text


def test_with_a_base_url_its_host_and_loopback_are_allowed(based_server):
    assert _get(based_server, "/", "radiocode.example").status_code == 200
    assert _get(based_server, "/", "radiocode.example:443").status_code == 200
    assert _get(based_server, "/", "127.0.0.1").status_code == 200
    for host in [EVIL, "www.radiocode.example", "radiocode.example.evil.example"]:
        response = _get(based_server, "/", host)
        assert response.status_code == 400
        _assert_not_echoed(response, host)


def test_with_a_base_url_every_absolute_url_uses_it(based_server):
    html = _get(based_server, "/fr/guides/faq", "127.0.0.1").text
    assert f'<link rel="canonical" href="{BASE}/fr/guides/faq">' in html
    assert f'<link rel="alternate" hreflang="de" href="{BASE}/de/guides/faq">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}/guides/faq">' in html
    sitemap = _get(based_server, "/sitemap.xml", "radiocode.example")
    assert sitemap.status_code == 200 and f"<loc>{BASE}/fr/guides</loc>" in sitemap.text
    assert "127.0.0.1" not in sitemap.text
    assert f"Sitemap: {BASE}/sitemap.xml" in _get(based_server, "/robots.txt", "127.0.0.1").text
    # Redirects stay relative: behind a TLS proxy, http:// + the Host would be wrong twice.
    assert _get(based_server, "/guides/", "radiocode.example").headers["location"] == "/guides"


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--base-url", "radiocode.example", "is not a site address"),
        ("--base-url", "ftp://radiocode.example", "is not a site address"),
        ("--base-url", "https://radiocode.example/radio", "has a path"),
        ("--allowed-hosts", "radiocode.example:443", "without a port"),
        ("--allowed-hosts", " , ", "no host name given"),
    ],
)
def test_bad_settings_stop_serve_with_a_clear_message(option, value, says):
    done = subprocess.run([sys.executable, "-m", "radiocode", "serve", option, value], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert says in done.stderr and "Traceback" not in done.stderr
