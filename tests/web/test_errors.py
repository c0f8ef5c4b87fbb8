"""One error vocabulary: every error type the API may answer, pinned and documented."""

import pytest

from radiocode.exceptions import Refusal, ValidationError
from radiocode.web import errors

# Adding a type is a change to the API: add it here and to the OpenAPI description together.
API_ERROR_TYPES = [
    "ambiguous_radio", "bad_request", "busy", "empty_input", "headers_too_large", "input_too_long", "internal_error",
    "invalid_characters", "invalid_component", "invalid_format", "invalid_input", "invalid_length",
    "invalid_parameter", "invalid_photo", "method_not_allowed", "missing_photo", "no_precode_found",
    "nonexistent_precode", "not_a_precode", "not_a_serial", "not_an_image", "not_computable", "not_found",
    "ocr_not_installed", "photo_animated", "photo_corrupt", "photo_too_large", "photo_too_many_pixels",
    "photo_type_mismatch", "rate_limited", "request_too_long", "too_many_parts", "unknown_host", "unknown_radio",
    "unsettled_input", "unsupported_media_type", "unsupported_photo_format", "upload_too_slow",
]  # fmt: skip


def every_refusal():
    import radiocode.batch  # noqa: F401 - its file error is a refusal too, the same with or without other tests

    todo, found = [Refusal], []
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return found


def test_the_error_types_are_pinned():
    assert errors.api_error_types() == API_ERROR_TYPES


def test_every_error_response_in_the_openapi_description_lists_them(client):
    schema = client.get("/openapi.json").json()
    documented = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    body = response["content"]["application/json"]["schema"]
                    documented.append((path, method, status))
                    assert body["properties"]["error"]["properties"]["type"]["enum"] == API_ERROR_TYPES, (path, status)
    assert ("/api/v1/code", "get", "422") in documented and ("/api/v1/label", "post", "413") in documented


@pytest.mark.parametrize("cls", every_refusal(), ids=lambda cls: cls.__name__)
def test_every_refusal_has_the_same_face(cls):
    """A type, a message that renders, an HTTP status that is an error; input errors are 4xx ValueErrors."""
    assert cls.type in API_ERROR_TYPES or cls.__module__ == "radiocode.batch"
    assert 400 <= cls.status < 600
    assert isinstance(cls.message, str) and cls.message.strip()
    if issubclass(cls, ValidationError):
        assert issubclass(cls, ValueError) and cls.status < 500


def test_a_refusal_answers_api_callers_and_people_the_same_way(client):
    api = client.get("/api/v1/radios/nope", headers={"accept-language": "fr"})
    assert api.status_code == 404 and api.json()["error"]["type"] == "not_found"
    assert "nope" in api.json()["error"]["message"]
    page = client.get("/fr/nothing-here")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    head = client.request("HEAD", "/api/v1/code")  # HEAD is GET without the body: missing input
    assert head.status_code == 422
    wrong = client.post("/api/v1/code")
    assert wrong.status_code == 405 and wrong.headers["allow"] == "GET, HEAD"
