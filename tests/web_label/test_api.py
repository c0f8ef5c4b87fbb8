"""POST /api/v1/label: the reading of a real generated label photo, and every bad upload refused cleanly."""

import io
import struct
import zlib

import pytest
from PIL import Image

from radiocode import read
from radiocode.ocr import MAX_BYTES

LABEL = "/api/v1/label"


@pytest.fixture(scope="module")
def answer(shared_client, clean_photo):
    return shared_client.post(LABEL, files={"photo": ("label.jpg", clean_photo.data, "image/jpeg")})


def test_clean_label_gives_its_precode_and_code(answer, clean_photo):
    assert answer.status_code == 200, answer.text
    body = answer.json()
    typed = read(clean_photo.precode)
    assert (body["precode"], body["code"], body["kind"]) == (clean_photo.precode, typed.code, "label")
    assert body["message"] == f"We read the precode {clean_photo.precode} from your label. Its code is {typed.code}."


def test_answer_is_the_code_json_plus_lines_box_and_size(answer, shared_client, clean_photo):
    body = answer.json()
    line = next(line for line in body["lines"] if body["precode"] in line["text"])
    # The same JSON /api/v1/code gives for the text read, and the photo's own keys.
    typed = shared_client.get("/api/v1/code", params={"input": line["text"]}).json()
    assert {key: body[key] for key in typed} == typed
    assert set(body) - set(typed) == {"lines", "precode_box", "candidates", "image"}
    assert body["precode_box"] == line["box"]
    width, height = body["image"]["width"], body["image"]["height"]
    assert (width, height) == Image.open(io.BytesIO(clean_photo.data)).size
    for line in body["lines"]:
        assert 0 <= line["confidence"] <= 1
        assert len(line["box"]) == 4 and all(0 <= x <= width and 0 <= y <= height for x, y in line["box"])
    assert answer.headers["cache-control"] == "no-store"


def test_family_is_taken_from_the_form_or_the_query(error_shape, client):
    # Checked before any photo is read: a wrong family costs no OCR.
    message = error_shape(client.post(LABEL + "?family=nope", files={"photo": ("l.jpg", b"\xff\xd8\xff", "image/jpeg")}), 422, "invalid_format")
    assert "nope" in message
    error_shape(client.post(LABEL, data={"family": "nope"}, files={"photo": ("l.jpg", b"\xff\xd8\xff", "image/jpeg")}), 422, "invalid_format")


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height`: a decompression bomb's shape."""
    out = io.BytesIO()
    Image.new("L", (8, 8), 255).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _animated_gif() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("RGB", (40, 20), colour) for colour in ("white", "black")]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


def _bad_uploads(photo: bytes):
    """(id, files, status, error type): every way an upload can be wrong."""
    return [
        ("text_file", {"photo": ("label.txt", b"281150198RT A583", "text/plain")}, 415, "not_an_image"),
        ("html_as_jpeg", {"photo": ("label.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")}, 415, "not_an_image"),
        ("jpeg_sent_as_png", {"photo": ("label.png", photo, "image/png")}, 415, "photo_type_mismatch"),
        ("heic", {"photo": ("label.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "image/heic")}, 415, "unsupported_photo_format"),
        ("truncated", {"photo": ("label.jpg", photo[: len(photo) // 3], "image/jpeg")}, 422, "photo_corrupt"),
        ("animated", {"photo": ("label.gif", _animated_gif(), "image/gif")}, 422, "photo_animated"),
        ("too_many_pixels", {"photo": ("label.png", _png_claiming(8000, 7000), "image/png")}, 413, "photo_too_many_pixels"),
        ("decompression_bomb", {"photo": ("label.png", _png_claiming(60000, 60000), "image/png")}, 413, "photo_too_many_pixels"),
        ("over_10_mb", {"photo": ("label.jpg", photo + b"\x00" * (MAX_BYTES + 1 - len(photo)), "image/jpeg")}, 413, "photo_too_large"),
        ("empty", {"photo": ("label.jpg", b"", "image/jpeg")}, 422, "missing_photo"),
        ("two_photos", [("photo", ("a.jpg", photo, "image/jpeg")), ("photo", ("b.jpg", photo, "image/jpeg"))], 422, "too_many_parts"),
    ]


BAD_IDS = [case[0] for case in _bad_uploads(b"")]


@pytest.mark.parametrize("case", BAD_IDS)
def test_bad_upload_gets_a_clean_4xx(client, error_shape, clean_photo, case):
    _, files, status, type_ = next(c for c in _bad_uploads(clean_photo.data) if c[0] == case)
    error_shape(client.post(LABEL, files=files), status, type_)
    # The form route refuses it with the same status, as a page.
    page = client.post("/label", files=files)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert "Traceback" not in page.text


class TestNotAnUpload:
    """Requests that carry no photo at all."""

    def test_no_photo_field(self, client, error_shape):
        """A form with only other fields."""
        error_shape(client.post(LABEL, data={"family": "preset6"}, files={"other": ("x.jpg", b"x", "image/jpeg")}), 422, "missing_photo")

    def test_raw_body_not_multipart(self, client, error_shape):
        """A photo sent as the raw body."""
        error_shape(client.post(LABEL, content=b"\xff\xd8\xff\xe0", headers={"content-type": "image/jpeg"}), 415, "unsupported_media_type")

    def test_damaged_multipart(self, client):
        """A boundary announced, then garbage."""
        response = client.post(LABEL, content=b"--xx\r\nnonsense\r\n\r\n" + b"\x00" * 100, headers={"content-type": "multipart/form-data; boundary=xx"})
        assert 400 <= response.status_code < 500 and set(response.json()) == {"error"}

    def test_cut_short(self, client, error_shape):
        """A part with no closing boundary: the photo in it may be cut short too."""
        body = b'--x\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8\xff\xe0'
        error_shape(client.post(LABEL, content=body, headers={"content-type": "multipart/form-data; boundary=x"}), 400, "bad_request")

    def test_over_the_servers_cap(self, client, error_shape):
        """Bigger than the protection's cap: refused before the app reads it."""
        error_shape(client.post(LABEL, content=b"x" * (11 * 1024 * 1024), headers={"content-type": "multipart/form-data; boundary=x"}), 413, "photo_too_large")

    def test_get(self, client, error_shape):
        """The API route takes POST only."""
        error_shape(client.get(LABEL), 405, "method_not_allowed")


def test_openapi_documents_the_upload(client):
    operation = client.get("/openapi.json").json()["paths"][LABEL]["post"]
    schema = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["required"] == ["photo"] and schema["properties"]["photo"]["format"] == "binary"
    assert {"413", "415", "422", "501"} <= set(operation["responses"])
