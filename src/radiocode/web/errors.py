"""The website's error vocabulary, and the one place an error becomes a response.

Every refusal is a :class:`~radiocode.exceptions.Refusal`: the core's
:class:`~radiocode.exceptions.ValidationError` tree (input that gives no code,
a photo that cannot be read) and the edge's own refusals defined here (an
unknown address, a rate limit, an upload that is too large). Each has a
``type``, a message and an HTTP ``status``. :func:`refuse` answers API callers
(``/api/…``, ``*.json``, ``/healthz``) with the one JSON shape
``{"error": {"type", "message"}}`` and people with a page, in the request's language.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from radiocode import ocr  # noqa: F401 - its photo errors belong to the vocabulary
from radiocode.exceptions import NotAPrecode, NotComputable, Refusal, ValidationError
from radiocode.i18n import N_
from radiocode.kinds import kind_by_name
from radiocode.web.site import SafeJSON, Site, wants_json

__all__ = [
    "refuse", "respond", "error_body", "add_handlers", "api_error_types", "INPUT_ERROR_TYPES",
    "NotFound", "MethodNotAllowed", "BadRequest", "UnknownHost", "UnreadableUpload", "RequestTooLong", "InvalidParameter",
    "InternalError", "HeadersTooLarge", "RateLimited", "Busy", "UploadTooSlow", "UploadTooLarge",
    "UnsupportedMediaType", "TooManyParts", "MissingPhoto", "OcrMissing",
]  # fmt: skip


class _Waiting(Refusal):
    """A refusal that says how long to wait, and sends it as ``Retry-After``."""

    @property
    def headers(self) -> dict[str, str]:
        return {"retry-after": str(self.params["seconds"])}


class NotFound(Refusal):
    type, status = "not_found", 404
    message = N_("There is nothing at this address.")


class MethodNotAllowed(Refusal):
    """Give ``allow`` (like ``"GET, HEAD"``): RFC 9110 has a 405 name the methods the address takes."""

    type, status = "method_not_allowed", 405
    message = N_("This address does not take that kind of request.")

    @property
    def headers(self) -> dict[str, str]:
        return {"allow": self.params["allow"]} if self.params.get("allow") else {}


class BadRequest(Refusal):
    type, status = "bad_request", 400
    message = N_("That request could not be read.")


class UnknownHost(BadRequest):
    """A Host header that is not one of this site's names (``--base-url``, ``--allowed-hosts``)."""

    type = "unknown_host"
    message = N_("This site is not served at that address. Check the address you typed.")


class UnreadableUpload(BadRequest):
    message = N_("This upload could not be read. Choose the photo again and send it.")


class RequestTooLong(Refusal):
    type, status = "request_too_long", 414
    message = N_("That address is too long. Paste only the label text, at most 500 characters.")


class InvalidParameter(Refusal):
    """Give ``names``, the parameters at fault; never their values, which may be what was typed."""

    type, status = "invalid_parameter", 422
    message = N_("Some of the details sent are missing or not valid: %(names)s.")


class InternalError(Refusal):
    type, status = "internal_error", 500
    message = N_("Something went wrong on our side. Please try again in a moment.")


class HeadersTooLarge(Refusal):
    type, status = "headers_too_large", 431
    message = N_("The request's headers are too large. Clear this site's cookies and try again.")


class RateLimited(_Waiting):
    type, status = "rate_limited", 429
    message = N_("Too many requests from your address. Please wait %(seconds)d seconds and try again. Nothing you typed was kept.")


class Busy(_Waiting):
    type, status = "busy", 503
    message = N_("The server is busy reading other photos. Please try again in %(seconds)d seconds.")


class UploadTooSlow(Refusal):
    type, status = "upload_too_slow", 408
    message = N_("The upload took too long. Please try again, or type what the label says instead.")


class UploadTooLarge(Refusal):
    """Refused before it is read, unlike :class:`radiocode.ocr.PhotoTooLarge` (same type)."""

    type, status = "photo_too_large", 413
    message = N_("That file is too large. Send a photo of at most %(megabytes)d MB.")


class UnsupportedMediaType(Refusal):
    type, status = "unsupported_media_type", 415
    message = N_("Send the photo as multipart/form-data, in a field named photo.")


class TooManyParts(Refusal):
    type, status = "too_many_parts", 422
    message = N_("This upload holds more than one photo or too many fields. Send one photo of the label.")


class MissingPhoto(Refusal):
    type, status = "missing_photo", 422
    message = N_("Choose a photo of the radio's label first, then send it.")


class OcrMissing(Refusal):
    """501, not 503: this server cannot read photos until it is reinstalled, so retrying cannot help."""

    type, status = "ocr_not_installed", 501
    message = N_(
        "This server cannot read photos: its OCR part is not installed. Type what the label says instead. "
        "The server's owner can install it with: %(install)s"
    )


# Starlette's own HTTP errors (no route, wrong method), by status.
_BY_STATUS: dict[int, type[Refusal]] = {
    400: BadRequest, 404: NotFound, 405: MethodNotAllowed, 414: RequestTooLong, 422: InvalidParameter, 500: InternalError,
}  # fmt: skip


# Where the refusals the API can answer are defined; others (batch's invalid_csv) never reach it.
_API_MODULES = frozenset({"radiocode.exceptions", "radiocode.ocr", __name__})


def api_error_types() -> list[str]:
    """Every error ``type`` the API may answer, sorted: the ``type`` of every refusal class it can raise."""
    found: set[str] = set()
    todo: list[type[Refusal]] = [Refusal]
    while todo:
        cls = todo.pop()
        if cls.__module__ in _API_MODULES:
            found.add(cls.type)
        todo += cls.__subclasses__()
    return sorted(found)


#: The `type` of a 422 for unusable input, and what it means (the OpenAPI description lists them).
INPUT_ERROR_TYPES = {
    "invalid_format": "not shaped like the number the radio takes",
    "invalid_length": "too few or too many characters",
    "empty_input": "nothing was typed",
    "input_too_long": "longer than any label",
    "invalid_characters": "characters no number of that radio holds",
    "nonexistent_precode": "Renault A000 to A099, which do not exist",
    "not_a_precode": "another kind of number: a part number, a VIN, a model name",
    "no_precode_found": "label text with no precode in it",
    "not_a_serial": "Ford text that is not the serial: a model name, a part number, a display-scroll line",
    "not_computable": "a radio whose code no public method works out (a Ford V serial, Carminat): a dealer gives it",
    "ambiguous_radio": "digits that several radios read, each with another code: send `radio`",
    "unknown_radio": "`radio` names no radio family, make or entry variant",
    "unsettled_input": "the sources disagree on this input's code (Fiat Daiichi numbers starting with 0): no code is given",
    "invalid_parameter": "a parameter is missing or not valid",
}


def error_body(type_: str, message: str) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"type": type_, "message": message}}


def respond(
    site: Site | None,
    scope: Scope,
    status: int,
    type_: str,
    message: str,
    /,
    *,
    headers: dict[str, str] | None = None,
    template: str = "error.html",
    as_json: bool | None = None,
    **context: Any,
) -> Response:
    """The error as JSON for API callers (or with no site), else as a page for people."""
    if as_json is None:
        as_json = wants_json(scope["path"])
    if as_json or site is None:
        return SafeJSON(error_body(type_, message), status_code=status, headers=headers)
    response = site.page(Request(scope), template, status, canonical="", http_status=status, error_type=type_, message=message, **context)
    if headers:
        response.headers.update(headers)
    return response


def refuse(site: Site | None, scope: Scope, error: Refusal, /, *, template: str = "error.html", **context: Any) -> Response:
    """`error` in the request's language: JSON for API callers (or with no site), else `template`."""
    catalog = site.catalog_for(scope) if site is not None else None
    return respond(site, scope, error.status, error.type, error.render(catalog), headers=error.headers, template=template, **context)


def add_handlers(app: FastAPI, site: Site) -> None:
    """Route every error a route raises or Starlette finds through :func:`refuse`."""

    @app.exception_handler(Refusal)
    async def refused(request: Request, error: Refusal) -> Response:
        if not isinstance(error, ValidationError) or wants_json(request.scope["path"]):
            return refuse(site, request.scope, error)
        kind = None
        if isinstance(error, NotAPrecode):
            try:
                kind = kind_by_name(error.kind)
            except KeyError:
                kind = None
        return refuse(
            site,
            request.scope,
            error,
            template="problem.html",
            error=error,
            kind=kind,
            computable=not isinstance(error, NotComputable),
            typed=request.query_params.get("input", "")[:500],
            radio=request.query_params.get("radio", "")[:40],
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        cls = _BY_STATUS.get(error.status_code, BadRequest)
        params: dict[str, Any] = {}
        if cls is MethodNotAllowed and error.headers and "Allow" in error.headers:
            # The methods the address takes, with HEAD wherever GET is (see Guard).
            allowed = [method.strip() for method in error.headers["Allow"].split(",")]
            if "GET" in allowed and "HEAD" not in allowed:
                allowed.append("HEAD")
            params["allow"] = ", ".join(allowed)
        if cls is InvalidParameter:
            return refuse(site, request.scope, InvalidParameter(N_("Some of the details sent are missing or not valid.")))
        return refuse(site, request.scope, cls(**params))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        # Name the parameters only: the values may be what the person typed.
        names = sorted({str(e["loc"][-1]) for e in error.errors() if e.get("loc")})
        return refuse(site, request.scope, InvalidParameter(names=", ".join(names) or "-"))
