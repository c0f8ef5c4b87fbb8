"""Photo uploads: the precode read from a photo of the radio's label.

``POST /api/v1/label`` (multipart, field ``photo``) answers the JSON of
``/api/v1/code`` plus every line of text read with its box, the precode's box
and the image size. ``POST /label`` is the same reading for people, a result
page that shows the photo with the precode's box drawn on it so the owner can
check it against the label; ``GET /label`` is the upload form on its own.

A photo is only ever held in memory. The multipart body is parsed here, not by
Starlette, whose form parser spools file parts over 1 MB to a temporary file;
the copy shown back is downscaled and embedded in the page as a ``data:`` URI;
nothing about it (not even its file name) is logged.

>>> from starlette.testclient import TestClient
>>> from radiocode.web import create_app
>>> client = TestClient(create_app())
>>> client.post("/api/v1/label", files={"photo": ("label.txt", b"not a photo", "text/plain")}).json()["error"]["type"]
'not_an_image'
"""

from __future__ import annotations

import base64
import importlib.util
import io
import math
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from radiocode import families
from radiocode.families import DEFAULT_FAMILY, FAMILIES
from radiocode.exceptions import Refusal
from radiocode.ocr import (
    INSTALL_LINE,
    OcrNotInstalled,
    PhotoReading,
    load_photo,
    read_photo,
    warm_up,
)
from radiocode.web.api import CODE_EXAMPLE, ERROR_SCHEMA, FAMILY_PARAMETER
from radiocode.web.errors import MissingPhoto, OcrMissing, TooManyParts, UnreadableUpload, UnsupportedMediaType, refuse
from radiocode.web.site import SafeJSON, Site
from radiocode.result import Result, result_of

__all__ = ["add_routes", "ocr_available", "read_upload"]

# The photo shown back is scaled to fit this many pixels: enough to check the
# label against, small enough that the page stays light on a phone.
SHOWN_SIZE = 1024
SHOWN_QUALITY = 72
# A form from this site has one file and a family; more parts are not a form from here.
MAX_PARTS = 8
MAX_FIELD_CHARS = 200

# Set by radiocode serve: warm the OCR engine up when the app starts.
WARM_UP_VARIABLE = "RADIOCODE_WARM_UP_OCR"
OCR_MODULES = ("rapidocr", "onnxruntime", "PIL", "numpy")


def ocr_available() -> bool:
    """Whether the OCR extra is installed, so the photo form is worth showing."""
    return all(importlib.util.find_spec(name) is not None for name in OCR_MODULES)


@dataclass
class Upload:
    """The parts of a multipart body, in memory."""

    photo: bytes | None = None
    media_type: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    chunks: list[bytes] = field(default_factory=list)
    header_name: bytes = b""
    header_value: bytes = b""


def read_upload(body: bytes, content_type: str | None) -> Upload:
    """The photo and fields of a multipart/form-data `body`, never touching the disk.

    >>> body = b'--b\\r\\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\\r\\n\\r\\nJPEG\\r\\n--b--\\r\\n'
    >>> read_upload(body, "multipart/form-data; boundary=b").photo
    b'JPEG'
    """
    kind, options = parse_options_header(content_type or "")
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UnsupportedMediaType()
    parts: list[_Part] = []
    ended: list[bool] = []

    def begin() -> None:
        if len(parts) >= MAX_PARTS:
            raise TooManyParts()
        parts.append(_Part())

    def header_field(data: bytes, start: int, end: int) -> None:
        parts[-1].header_name += data[start:end]

    def header_value(data: bytes, start: int, end: int) -> None:
        parts[-1].header_value += data[start:end]

    def header_end() -> None:
        part = parts[-1]
        part.headers[part.header_name.lower()] = part.header_value
        part.header_name = part.header_value = b""

    def part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].chunks.append(data[start:end])

    callbacks = {
        "on_part_begin": begin,
        "on_header_field": header_field,
        "on_header_value": header_value,
        "on_header_end": header_end,
        "on_part_data": part_data,
        "on_end": lambda: ended.append(True),
    }
    try:
        # Built inside the try: python-multipart refuses some boundaries (over 256 bytes) right here.
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except TooManyParts:
        raise
    except Exception:  # noqa: BLE001 - python-multipart raises several kinds on a damaged body
        raise UnreadableUpload() from None
    if parts and not ended:
        # No closing boundary: the upload was cut short, and so may be the photo in it.
        raise UnreadableUpload()
    upload = Upload()
    for part in parts:
        _, disposition = parse_options_header(part.headers.get(b"content-disposition", b""))
        name = disposition.get(b"name", b"").decode("utf-8", "replace")
        data = b"".join(part.chunks)
        if name == "photo":
            if upload.photo is not None:
                raise TooManyParts()
            upload.photo = data
            upload.media_type = part.headers.get(b"content-type", b"").decode("latin-1") or None
        elif name:
            upload.fields[name] = data[: MAX_FIELD_CHARS * 4].decode("utf-8", "replace")[:MAX_FIELD_CHARS]
    return upload


def shown_copy(data: bytes, media_type: str | None = None) -> str:
    """A downscaled JPEG of the upright photo, as a data: URI for the result page.

    Re-encoding also drops the photo's EXIF block (where a phone keeps its GPS position).
    """
    image = load_photo(data, media_type=media_type)
    image.thumbnail((SHOWN_SIZE, SHOWN_SIZE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=SHOWN_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def points(box: list[tuple[int, int]] | None) -> str:
    """An SVG polygon's points for a box of four corners."""
    return " ".join(f"{x},{y}" for x, y in box or ())


def around(box: list[tuple[int, int]], width: int, height: int) -> list[tuple[int, int]]:
    """`box` grown by a quarter of its height on every side, so the drawn line does not hide the text.

    >>> around([(10, 10), (50, 10), (50, 30), (10, 30)], 100, 100)
    [(5, 5), (55, 5), (55, 35), (5, 35)]
    """
    (x0, y0), (x1, y1), _, (x3, y3) = box
    along, across = math.hypot(x1 - x0, y1 - y0) or 1.0, math.hypot(x3 - x0, y3 - y0) or 1.0
    pad = max(4.0, across / 4)
    # Unit vectors along the text and down across it: the box may be slanted.
    ux, uy = (x1 - x0) / along, (y1 - y0) / along
    vx, vy = (x3 - x0) / across, (y3 - y0) / across
    signs = ((-1, -1), (1, -1), (1, 1), (-1, 1))
    return [
        (min(max(round(x + a * pad * ux + b * pad * vx), 0), width), min(max(round(y + a * pad * uy + b * pad * vy), 0), height))
        for (x, y), (a, b) in zip(box, signs)
    ]


def _family_name(request: Request, upload: Upload | None) -> str:
    if upload is not None and upload.fields.get("family"):
        return upload.fields["family"]
    return request.query_params.get("family") or DEFAULT_FAMILY


LABEL_EXAMPLE = {
    **CODE_EXAMPLE,
    "lines": [
        {"text": "RENAULT", "confidence": 0.9981, "box": [[125, 60], [330, 60], [330, 104], [125, 104]]},
        {"text": "281150198RT A583", "confidence": 0.9957, "box": [[125, 266], [455, 268], [454, 299], [125, 298]]},
    ],
    "precode_box": [[125, 266], [455, 268], [454, 299], [125, 298]],
    "candidates": [{"precode": "A583", "code": "0461", "chosen": True, "box": [[125, 266], [455, 268], [454, 299], [125, 298]]}],
    "image": {"width": 1079, "height": 496},
}


def add_routes(app: FastAPI, site: Site) -> None:
    """Add the upload form, the form's result page and the API route to `app`."""
    available = ocr_available()
    # The home page shows the photo form only where photos can be read.
    site.share(read_photos=available)
    if available and os.environ.get(WARM_UP_VARIABLE) == "1":
        # Served for real (radiocode serve): load the engine now, not on the first photo.
        app.router.on_startup.append(warm_up)

    def form_page(request: Request, error: Refusal | None = None, photo: dict[str, Any] | None = None) -> Response:
        """The upload form, with what went wrong (and the photo, when it was read) above it."""
        if error is None:
            response: Response = site.page(request, "label.html", canonical="/label", message=None, photo=None)
        else:
            response = refuse(site, request.scope, error, template="label.html", photo=photo)
        # The page may hold the person's photo: no cache keeps it.
        response.headers["cache-control"] = "no-store"
        return response

    async def read(request: Request) -> tuple[Upload, PhotoReading, str]:
        """The upload read; raises a Refusal (a bad upload, a photo it cannot read, no OCR, an unknown family)."""
        body = await request.body()
        upload = read_upload(body, request.headers.get("content-type"))
        family = families.family(_family_name(request, upload)).name
        if not upload.photo:
            raise MissingPhoto()
        if not available:
            raise OcrMissing(install=INSTALL_LINE)
        try:
            photo = await run_in_threadpool(read_photo, upload.photo, media_type=upload.media_type)
        except OcrNotInstalled:
            raise OcrMissing(install=INSTALL_LINE) from None
        return upload, photo, family

    async def api_label(request: Request) -> Response:
        # A refusal raised here leaves through the app's one error path, as JSON.
        _, photo, family = await read(request)
        reading = photo.reading
        if reading.error is not None:
            # As /api/v1/code answers the same text: the one error shape, with the reading's type.
            raise reading.error
        result = result_of(reading, family)
        catalog = site.catalog_for(request)
        data = result.to_dict(catalog)
        photo_data = photo.to_dict(catalog)
        data.update({key: photo_data[key] for key in ("lines", "precode_box", "candidates", "image")})
        return SafeJSON(data)

    app.add_api_route(
        "/api/v1/label",
        api_label,
        methods=["POST"],
        tags=["codes"],
        summary="The code read from a photo of the radio's label",
        description=(
            "Send a photo of the label as multipart/form-data in the field `photo` (JPEG or PNG; WebP, GIF, BMP "
            "and TIFF work too; at most 10 MB and 50 megapixels). The answer is the JSON of `/api/v1/code` plus "
            "`lines` (every piece of text read, with its confidence and its four corners in pixels of the upright "
            "photo), `precode_box` (the corners of the text the precode was read from), `candidates` (every precode "
            "the label may hold, the chosen one first, each with its code, `chosen` and the corners of the text it "
            "was read from) and `image` (its size). "
            "Add `family` as a query parameter or form field for the entry steps. A bad upload gets the error shape "
            "with 400 (a multipart body that cannot be parsed), 413 (too large), 415 (not an image we read) or 422 (damaged, animated, or no precode on it); "
            "a server without the OCR extra answers 501. The photo is never stored or logged."
        ),
        responses={
            200: {"content": {"application/json": {"example": LABEL_EXAMPLE}}, "description": "The reading"},
            **{status: ERROR_SCHEMA for status in (400, 413, 415, 422, 501)},
        },
        openapi_extra={
            "parameters": [
                FAMILY_PARAMETER,
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["photo"],
                            "properties": {
                                "photo": {"type": "string", "format": "binary", "description": "The photo of the radio's label."},
                                "family": {"type": "string", "enum": list(FAMILIES), "description": "Radio family for the entry steps."},
                            },
                        }
                    }
                },
            },
        },
    )

    @app.get("/label", response_class=HTMLResponse, include_in_schema=False)
    async def label_form(request: Request) -> Response:
        return form_page(request)

    @app.post("/label", response_class=HTMLResponse, include_in_schema=False)
    async def label_page(request: Request) -> Response:
        try:
            upload, photo, family = await read(request)
        except Refusal as error:
            return form_page(request, error)
        assert upload.photo is not None
        shown = await run_in_threadpool(shown_copy, upload.photo, upload.media_type)
        reading = photo.reading
        if reading.error is not None:
            # No precode on it: show what was read, so the person can see why.
            return form_page(request, reading.error, photo=_photo_context(photo, shown))
        result = result_of(reading, family)
        links = _links(result, site.prefix(site.language_of(request)))
        response = site.page(
            request,
            "label_result.html",
            canonical="",
            result=result,
            reading=reading,
            tries=None,
            photo=_photo_context(photo, shown),
            **links,
        )
        response.headers["cache-control"] = "no-store"
        return response


def _links(result: Result, prefix: str) -> dict[str, Any]:
    """The result page's links, to the typed-code pages of the precode read (the photo is not kept)."""
    precode = result.reading.precode
    return {
        "family_links": {name: prefix + "/code?" + urlencode({"input": precode, "family": name}) + "#entry" for name in FAMILIES},
        "json_link": "/api/v1/code?" + urlencode({"input": precode, "family": result.family.name}),
    }


def _photo_context(photo: PhotoReading, shown: str) -> dict[str, Any]:
    box = photo.precode_box
    # The other precodes read elsewhere on the label (not a look-alike of the chosen one, read on its line).
    elsewhere = [
        {"precode": c["precode"], "code": c["code"], "points": points(around(c["box"], photo.width, photo.height))}
        for c in photo.candidates
        if not c["chosen"] and c["box"] is not None and [list(p) for p in box or ()] != c["box"]
    ]
    return {
        "elsewhere": elsewhere,
        "code": photo.reading.code,
        "src": shown,
        "precode": photo.reading.precode,
        "width": photo.width,
        "height": photo.height,
        "box": points(around(box, photo.width, photo.height)) if box else None,
        "lines": [
            {"text": line.text, "percent": math.floor(line.confidence * 100), "points": points(line.box), "precode": box is not None and line.box == box}
            for line in photo.lines
        ],
    }
