"""The JSON API: ``/api/v1/code``, ``/api/v1/wait``, ``/api/v1/radios`` and the pages' ``.json`` twins.

Errors leave through :func:`radiocode.web.errors.respond` in the one error shape;
the OpenAPI description of each route comes from here (``/openapi.json``, ``/api``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.datastructures import QueryParams
from starlette.routing import request_response as starlette_request_response

from radiocode import families, lockout, radios
from radiocode.families import DEFAULT_FAMILY, FAMILIES
from radiocode.i18n import N_, translations
from radiocode.reading import MAX_INPUT_LENGTH
from radiocode.result import estimate_dict, family_dict, lookup, parse_tries, radio_dict
from radiocode.web.errors import INPUT_ERROR_TYPES, InvalidParameter, NotFound, api_error_types
from radiocode.web.site import SafeJSON, Site

__all__ = ["add_routes", "DirectRoute", "ERROR_SCHEMA", "CODE_EXAMPLE"]


class DirectRoute(APIRoute):
    """A documented API route whose endpoint takes the Request itself, with no dependency solving.

    FastAPI's per-request parameter machinery costs more than a cached lookup;
    the OpenAPI description still comes from the route's ``openapi_extra``.
    With no dependencies there is nothing for FastAPI's two per-request exit
    stacks to close either, so the endpoint is served the way Starlette serves
    a plain route (its exception handlers included).
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if self.dependencies or self.dependant.dependencies:
            raise ValueError(f"{path}: a DirectRoute takes no dependencies")
        if self.max_body_size is None:  # else FastAPI's wrapper enforces the body limit
            self.app = starlette_request_response(self.get_route_handler())

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return self.endpoint


ERROR_SCHEMA = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["type", "message"],
                        "properties": {
                            "type": {"type": "string", "enum": api_error_types(), "description": "What went wrong, for programs: one of these, never anything else."},
                            "message": {"type": "string", "description": "What went wrong and what to do next, for people, in the language of Accept-Language."},
                        },
                    }
                },
            },
            "example": {"error": {"type": "nonexistent_precode", "message": "Precodes A000 to A099 do not exist, so A012 cannot be right. ..."}},
        }
    },
    "description": "Unusable input: the error shape every API error uses. `type` is one of: "
    + "; ".join(f"`{type_}` ({meaning})" for type_, meaning in INPUT_ERROR_TYPES.items())
    + ".",
}

FAMILY_PARAMETER = {
    "name": "family", "in": "query", "required": False, "schema": {"type": "string", "enum": list(FAMILIES), "default": DEFAULT_FAMILY},
    "description": "Radio family for the entry steps.",
}

CODE_EXAMPLE = {
    "precode": "A583",
    "code": "0461",
    "kind": "label",
    "alternatives": [],
    "corrected": False,
    "computable": True,
    "message": "We read the precode A583 from your label. Its code is 0461.",
    "family": {"name": "preset6", "title": "Preset buttons, confirm with 6 (most Renault and Dacia radios)"},
    "entry_steps": ["Switch the radio on. The display shows CODE, then 0000.", "..."],
    "keep_on": "Keep the radio switched on while you wait. ...",
}


def add_routes(app: FastAPI, site: Site) -> None:
    """Add the API routes to `app`."""
    # Readings are immutable and the catalog fixed for the app, so the answer to
    # one query string is too: cache it by the raw bytes, before any parsing.
    @functools.lru_cache(maxsize=4096)
    def answer(query_string: bytes, language: str) -> bytes | None:
        """The reading as JSON bytes, None without `input`; raises the reading's error."""
        params = QueryParams(query_string)
        text = params.get("input")
        if text is None:
            return None
        result = lookup(text, params.get("family"), parse_tries(params.get("tries")), params.get("radio"))
        return SafeJSON(result.to_dict(translations(language))).body

    # The fast path (radiocode.web.fast) answers from the same cache.
    app.state.code_answer = answer

    async def api_code(request: Request) -> Response:
        # Parameters read by hand: FastAPI's per-request validation costs more than the lookup.
        language = site.language_of(request)
        body = answer(request.scope["query_string"], language)
        if body is None:
            raise InvalidParameter(names="input")
        return Response(body, media_type="application/json")

    app.router.add_api_route(
        "/api/v1/code",
        api_code,
        methods=["GET"],
        route_class_override=DirectRoute,
        tags=["codes"],
        summary="The code for a precode, a radio serial or label text",
        description=(
            "Reads `input` (a Renault precode like A123, a Ford serial like M140687, the digits of a Fiat radio, "
            "or text copied off the radio's label or display) and returns the code, the alternatives when "
            "characters look alike, and the entry steps. `radio` names the radio family (an id from "
            "`/api/v1/radios`, a make such as `fiat`, or one of today's Renault entry variants such as `stalk`); "
            "without it the input says its radio (an M serial, a precode) or the answer is a Renault reading as before. "
            "Bare digits that several radios read differently never get one confident code without `radio`: "
            "a Renault answer lists the other radios' readings in `by_radio`, and digits that are no precode get "
            "a 422 `ambiguous_radio` that names the radios to choose from. "
            "`family` (a Renault entry variant) keeps answering as before; it is the same as `radio=<variant>`. "
            "Input that gives no code (a part number, a VIN, a Ford V serial, a radio whose code cannot be computed, junk) "
            "gets a 422 with the error shape; `type` says which. Add `tries` (wrong codes so far) for a Renault wait estimate."
        ),
        responses={200: {"content": {"application/json": {"example": CODE_EXAMPLE}}, "description": "The reading"}, 422: ERROR_SCHEMA, 414: ERROR_SCHEMA},
        openapi_extra={
            "parameters": [
                {"name": "input", "in": "query", "required": True, "schema": {"type": "string", "maxLength": MAX_INPUT_LENGTH}, "description": "A precode (A123) or label text, at most 500 characters."},
                {"name": "radio", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 40}, "description": "The radio family: " + ", ".join(f"`{radio_id}`" for radio_id in radios.RADIOS) + "; or a make (" + ", ".join(radios.MAKES) + ") or a Renault entry variant."},
                {"name": "family", "in": "query", "required": False, "schema": {"type": "string", "enum": list(FAMILIES), "default": DEFAULT_FAMILY}, "description": "How a Renault radio takes the code (its entry variant), for the entry steps. Kept as it was; the same as `radio=<variant>`."},
                {"name": "tries", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": lockout.MAX_TRIES}, "description": "Wrong codes tried so far, for a wait estimate."},
            ]
        },
    )

    # The result page's JSON twin lives beside it too.
    app.add_api_route("/code.json", api_code, methods=["GET"], include_in_schema=False)

    async def api_wait(request: Request) -> Response:
        # Read by hand, as api_code: the schema below says what is taken, parse_tries refuses the rest.
        tries = request.query_params.get("tries")
        if tries is None:
            raise InvalidParameter(names="tries")
        count = parse_tries(tries)
        if count is None:
            count = 0  # empty: lockout_waits refuses it with the one message
        return SafeJSON(estimate_dict(lockout.lockout_waits(count), site.catalog_for(request)))

    app.router.add_api_route(
        "/api/v1/wait",
        api_wait,
        methods=["GET"],
        route_class_override=DirectRoute,
        tags=["lockout"],
        summary="How long to leave the radio on after wrong codes",
        description=(
            "Every source's wait after `tries` wrong codes, their range, and one recommended wait within what the sources state. "
            f"A `tries` that is not a whole number from 1 to {lockout.MAX_TRIES} gets a 422 with the error shape (`invalid_format`)."
        ),
        responses={422: ERROR_SCHEMA},
        openapi_extra={
            "parameters": [
                {
                    "name": "tries", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": lockout.MAX_TRIES},
                    "description": f"Wrong codes tried so far, 1 to {lockout.MAX_TRIES}.",
                },
            ]
        },
    )
    app.add_api_route("/wait.json", api_wait, methods=["GET"], include_in_schema=False)

    @app.get(
        "/api/v1/radios",
        tags=["radios"],
        summary="Radio families: input rules, where to find the number, entry, lockout and evidence",
        description=(
            "Every radio family (one algorithm each) with its id, name, makes, input rule (`pattern`, `length`, "
            "`example`), where to find the number, its entry variants, what a lockout does, where the sources "
            "disagree, and its evidence: which independent sources agree, on how many codes. "
            "Until this version this list held the Renault entry variants (preset6, stalk, ...): they are now the "
            "`entry_variants` of the `renault` radio, listed in today's shape at `/api/v1/radios/renault/variants`, "
            "and each still answers at `/api/v1/radios/{variant}` as before."
        ),
    )
    async def api_radios(request: Request) -> Response:
        catalog = site.catalog_for(request)
        return SafeJSON({"radios": [radio_dict(radio, catalog) for radio in radios.RADIOS.values()]})

    def unknown_radio(name: str) -> NotFound:
        return NotFound(N_("There is no radio family called %(name)s. Choose one of: %(names)s."), name=name[:40], names=", ".join([*radios.RADIOS, *FAMILIES]))

    @app.get(
        "/api/v1/radios/{radio}",
        tags=["radios"],
        summary="One radio family, or one of today's Renault entry variants",
        description="A radio family by its id (`ford-m`), as listed; a Renault entry variant's name (`stalk`) answers as it always did.",
        responses={404: ERROR_SCHEMA, 422: ERROR_SCHEMA},
    )
    async def api_radio(request: Request, radio: str) -> Response:
        if radio in radios.RADIOS:
            return SafeJSON(radio_dict(radios.RADIOS[radio], site.catalog_for(request)))
        if radio in FAMILIES:
            return SafeJSON(family_dict(families.family(radio), site.catalog_for(request)))
        raise unknown_radio(radio)

    @app.get(
        "/api/v1/radios/{radio}/variants",
        tags=["radios"],
        summary="How a radio family takes the code: its entry variants",
        description="For `renault`, the list `/api/v1/radios` gave until this version, item for item. Other radios list their variants with `name`, `title` and `entry_known`.",
        responses={404: ERROR_SCHEMA, 422: ERROR_SCHEMA},
    )
    async def api_radio_variants(request: Request, radio: str) -> Response:
        catalog = site.catalog_for(request)
        if radio not in radios.RADIOS:
            raise unknown_radio(radio)
        if radio == "renault":
            variants = [family_dict(f, catalog) for f in FAMILIES.values()]
        else:
            variants = [{"name": v.id, "title": v.title.render(catalog), "entry_known": v.known} for v in radios.RADIOS[radio].variants]
        return SafeJSON({"radio": radio, "entry_variants": variants})
