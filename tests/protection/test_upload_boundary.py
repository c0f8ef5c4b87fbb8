"""Multipart boundaries python-multipart will not take: a clean 4xx in the one error shape, never a 500.

python-multipart refuses a boundary longer than 256 bytes while its parser is
built, before the body is read; RFC 2046 allows at most 70 characters anyway.
"""

import httpx
import pytest

LABEL_ROUTES = ["/api/v1/label", "/label", "/fr/label"]
# 256 bytes is the longest python-multipart builds a parser for; one more made it raise.
BOUNDARIES = {
    "257 bytes": b"b" * 257,
    "4,000 bytes": b"b" * 4000,
    "quoted, 300 bytes": b'"' + b"b" * 300 + b'"',
}


@pytest.fixture(scope="module")
def client(open_server):
    with httpx.Client(base_url=open_server.url, timeout=15) as client:
        yield client


def _post(client: httpx.Client, route: str, boundary: bytes) -> httpx.Response:
    bare = boundary.strip(b'"')
    return client.post(
        route,
        content=b"--" + bare + b"--\r\n",
        headers={"content-type": "multipart/form-data; boundary=" + boundary.decode()},
    )


@pytest.mark.parametrize("boundary", BOUNDARIES.values(), ids=BOUNDARIES.keys())
def test_api_answers_400_in_the_error_shape(client, error_shape, boundary, open_server):
    message = error_shape(_post(client, "/api/v1/label", boundary), 400, "bad_request")
    assert "Choose the photo again" in message
    assert "internal_error" not in open_server.output() and "500" not in open_server.output()


@pytest.mark.parametrize("route", ["/label", "/fr/label"])
@pytest.mark.parametrize("boundary", BOUNDARIES.values(), ids=BOUNDARIES.keys())
def test_people_get_the_upload_form_again_with_a_400(client, route, boundary):
    response = _post(client, route, boundary)
    assert response.status_code == 400, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    # The form is shown again, with what to do next, and the site's headers.
    assert 'enctype="multipart/form-data"' in response.text
    assert "content-security-policy" in response.headers
    assert "Traceback" not in response.text


def test_the_longest_boundary_still_works(client, error_shape):
    """256 bytes is read as a boundary: an empty form is "no photo", not an unreadable upload."""
    error_shape(_post(client, "/api/v1/label", b"b" * 256), 422, "missing_photo")
