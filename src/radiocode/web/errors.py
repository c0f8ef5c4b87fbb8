"""The one place an error becomes a response, with the site's error vocabulary.

Every refusal (unusable input, a bad upload, an unknown address, a rate limit)
reaches :func:`respond`, which answers API callers (``/api/…`` and ``*.json``)
with the one JSON shape ``{"error": {"type", "message"}}`` and people with a page.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from radiocode.exceptions import NotAPrecode, NotComputable, ValidationError
from radiocode.i18n import N_, Message
from radiocode.kinds import kind_by_name
from radiocode.web.site import SafeJSON, Site, wants_json

__all__ = ["ERROR_TITLES", "ERROR_TYPES", "INPUT_ERROR_TYPES", "error_body", "respond", "add_handlers"]

ERROR_TITLES = {
    400: N_("That request could not be read."),
    404: N_("There is nothing at this address."),
    405: N_("This address does not take that kind of request."),
    414: N_("That address is too long. Paste only the label text, at most 500 characters."),
    422: N_("Some of the details sent are missing or not valid."),
    500: N_("Something went wrong on our side. Please try again in a moment."),
}
ERROR_TYPES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 414: "request_too_long", 422: "invalid_parameter", 500: "internal_error"}


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


def add_handlers(app: FastAPI, site: Site) -> None:
    """Route errors (unusable input, HTTP errors, bad parameters) through :func:`respond`."""

    @app.exception_handler(ValidationError)
    async def unusable_input(request: Request, error: ValidationError) -> Response:
        kind = None
        if isinstance(error, NotAPrecode):
            try:
                kind = kind_by_name(error.kind)
            except KeyError:
                kind = None
        return respond(
            site,
            request.scope,
            422,
            error.type,
            error.render(site.catalog_for(request)),
            template="problem.html",
            error=error,
            kind=kind,
            computable=not isinstance(error, NotComputable),
            typed=request.query_params.get("input", "")[:500],
            radio=request.query_params.get("radio", "")[:40],
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        status = error.status_code if error.status_code in ERROR_TITLES else 400
        response = respond(site, request.scope, status, ERROR_TYPES[status], site.text(ERROR_TITLES[status], site.catalog_for(request)))
        if status == 405 and error.headers and "Allow" in error.headers:
            # RFC 9110: a 405 names the methods the address does take (HEAD wherever GET is, see Guard).
            allowed = [method.strip() for method in error.headers["Allow"].split(",")]
            if "GET" in allowed and "HEAD" not in allowed:
                allowed.append("HEAD")
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        # Name the parameters only: the values may be what the person typed.
        names = sorted({str(e["loc"][-1]) for e in error.errors() if e.get("loc")})
        message = Message(N_("Some of the details sent are missing or not valid: %(names)s."), names=", ".join(names) or "-")
        return respond(site, request.scope, 422, "invalid_parameter", message.render(site.catalog_for(request)))

