"""One Cache-Control per answer, as the route or the site's default says; /api/v1/wait's tries declared as it is read."""

import httpx
import pytest

from radiocode.lockout import MAX_TRIES

PHOTO = {"photo": ("label.jpg", b"\xff\xd8\xff not a photo", "image/jpeg")}
# Route, method, what is sent, the one Cache-Control it must answer with.
ANSWERS = [
    ("/label", "GET", {}, "no-store"),  # may hold a photo after a POST: never kept
    ("/fr/label", "GET", {}, "no-store"),
    ("/label", "POST", {"files": PHOTO}, "no-store"),
    ("/api/v1/label", "POST", {"files": PHOTO}, "no-store"),
    ("/api/v1/label", "POST", {"content": b"x", "headers": {"content-type": "text/plain"}}, "no-store"),
    ("/api/v1/code?input=A123", "GET", {}, "no-store"),
    ("/code?input=A123", "GET", {}, "no-cache"),
    ("/guides", "GET", {}, "no-cache"),
    ("/static/site.css", "GET", {}, "public, max-age=86400"),
    ("/healthz", "GET", {}, "no-store"),
    ("/nothing-here", "GET", {}, "no-cache"),
]


@pytest.fixture(scope="module")
def client(open_server):
    with httpx.Client(base_url=open_server.url, timeout=15) as client:
        yield client


@pytest.mark.parametrize(("path", "method", "sent", "cache"), ANSWERS, ids=[f"{a[1]} {a[0]}" for a in ANSWERS])
def test_one_cache_control_per_answer(client, path, method, sent, cache):
    response = client.request(method, path, **sent)
    assert response.status_code < 500
    assert response.headers.get_list("cache-control") == [cache]


def test_wait_declares_tries_as_the_whole_number_it_reads(client):
    parameters = client.get("/openapi.json").json()["paths"]["/api/v1/wait"]["get"]["parameters"]
    (tries,) = [p for p in parameters if p["name"] == "tries"]
    assert tries["required"] is True and tries["in"] == "query"
    assert tries["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_TRIES}


@pytest.mark.parametrize("tries", ["0", str(MAX_TRIES + 1), "-1", "abc", "1.5", "٣", "9999", ""])
def test_wait_refuses_what_the_schema_refuses_with_the_lockout_message(client, error_shape, tries):
    message = error_shape(client.get("/api/v1/wait", params={"tries": tries}), 422, "invalid_format")
    assert message == f"Give the number of wrong codes tried so far, from 1 to {MAX_TRIES}."


def test_wait_without_tries_names_the_parameter(client, error_shape):
    message = error_shape(client.get("/api/v1/wait"), 422, "invalid_parameter")
    assert message == "Some of the details sent are missing or not valid: tries."


@pytest.mark.parametrize("tries", ["1", str(MAX_TRIES), " 3 "])
def test_wait_takes_every_count_the_schema_allows(client, tries):
    response = client.get("/api/v1/wait", params={"tries": tries})
    assert response.status_code == 200 and response.json()["tries"] == int(tries)
