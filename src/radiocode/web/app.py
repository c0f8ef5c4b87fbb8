"""The radiocode website and JSON API: ``create_app(settings=None)`` builds one.

Every result page is rendered from the same :class:`~radiocode.web.lookup.Result`
as its JSON twin, and one error path answers JSON to API callers and an HTML
page to people, with the one error shape ``{"error": {"type", "message"}}``.

>>> from starlette.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/v1/code", params={"input": "A123"}).json()["code"]
'0086'
>>> client.get("/api/v1/nothing").json()
{'error': {'type': 'not_found', 'message': 'There is nothing at this address.'}}
"""

import functools
import gettext
import inspect
import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup, escape
from collections.abc import Callable, Coroutine

from fastapi import FastAPI, Query, Request
from fastapi.routing import APIRoute
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import QueryParams
from starlette.routing import request_response as starlette_request_response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message as ASGIMessage, Receive, Scope, Send

from radiocode import __version__, families, lockout
from radiocode.exceptions import NotAPrecode, NotComputable, ValidationError
from radiocode.families import DEFAULT_FAMILY, FAMILIES
from radiocode.i18n import N_, Message, translations
from radiocode.kinds import kind_by_name
from radiocode.reading import MAX_INPUT_LENGTH
from radiocode.web import content
from radiocode.web.languages import COOKIE, COOKIE_MAX_AGE, LANGUAGES, SCOPE_KEY, LanguagePrefix, negotiate, safe_next, switch_href
from radiocode.web.lookup import Result, estimate_dict, family_dict, lookup, parse_tries
from radiocode.web.protection import install as install_protection

__all__ = ["create_app", "DEFAULT_SETTINGS", "SECURITY_HEADERS"]

HERE = Path(__file__).parent
log = logging.getLogger("radiocode.web")

DEFAULT_SETTINGS: dict[str, Any] = {
    # Absolute site address for canonical links and the sitemap; "" uses the request's.
    "base_url": "",
    "language": "en",
    # Longer query strings than any form here makes are refused before routing.
    "max_query_bytes": 2048,
}

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
# JSON is never a document with features to switch off or a window to isolate:
# it gets what applies to it (OWASP's REST headers), not the page-only ones. Each
# header costs the server time on every answer (about 0.1 of the API's requests/s).
API_SECURITY_HEADERS: dict[str, str] = {
    name: SECURITY_HEADERS[name] for name in ("content-security-policy", "x-content-type-options", "referrer-policy")
}
_RAW_HEADERS = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_RAW_API_HEADERS = [(k.encode(), v.encode()) for k, v in API_SECURITY_HEADERS.items()]
_STATIC_CACHE = (b"cache-control", b"public, max-age=86400")
_NO_STORE = (b"cache-control", b"no-store")
# What Guard appends to every response's headers, built once: a static file, JSON, a page.
_STATIC_HEADERS = [*_RAW_HEADERS, _STATIC_CACHE]
_JSON_HEADERS = [*_RAW_API_HEADERS, _NO_STORE, (b"vary", b"Accept-Language")]
_PAGE_HEADERS = [*_RAW_HEADERS, (b"cache-control", b"no-cache")]

# FastAPI's native OpenTelemetry (newer FastAPI) is off. Once an OpenTelemetry
# SDK is configured in the process it would export every request's query string
# (the precode, the label text) and unhandled exceptions with their text, which
# the site never logs; and even unconfigured it costs a provider check on every
# request. Older FastAPI has no such option.
_NO_NATIVE_TELEMETRY: dict[str, Any] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)

ERROR_TITLES = {
    400: N_("That request could not be read."),
    404: N_("There is nothing at this address."),
    405: N_("This address does not take that kind of request."),
    414: N_("That address is too long. Paste only the label text, at most 500 characters."),
    422: N_("Some of the details sent are missing or not valid."),
    500: N_("Something went wrong on our side. Please try again in a moment."),
}
ERROR_TYPES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 414: "request_too_long", 422: "invalid_parameter", 500: "internal_error"}


class SafeJSON(JSONResponse):
    """JSON with <, > and & escaped, so echoed text can never read as markup anywhere."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def wants_json(path: str) -> bool:
    """API callers get JSON errors; people get pages."""
    return path.startswith("/api/") or path.endswith(".json")


_TICKED = re.compile(r"`([^`<>&]+)`")


def _ticks(text: str) -> Markup:
    """OpenAPI descriptions mark names with backticks; show them as code, everything else escaped."""
    return Markup(_TICKED.sub(r"<code>\1</code>", str(escape(text))))


class Site:
    """What every page needs: settings, the catalog and the template environment."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.language: str = settings["language"]
        self.catalog: gettext.NullTranslations = translations(self.language)
        # Every other shipped language is served under its own prefix.
        self.prefixed = frozenset(code for code in LANGUAGES if code != self.language)
        self.env = self._environment(self.language)
        self._envs: dict[str, jinja2.Environment] = {self.language: self.env}

    def _environment(self, language: str) -> jinja2.Environment:
        catalog = translations(language)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        env.policies["ext.i18n.trimmed"] = True
        if language != self.language:
            # What other modules added to the default environment (read_photos) holds here too.
            env.globals.update(self.env.globals)
        env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
        env.filters["t"] = lambda message: self.text(message, catalog)
        env.filters["message"] = lambda reading: reading.message(catalog)
        env.filters["ticks"] = _ticks
        env.globals.update(
            version=__version__,
            language=language,
            prefix=self.prefix(language),
            guides=content.GUIDES,
            families=FAMILIES,
            max_input=500,
            max_tries=lockout.MAX_TRIES,
            sources=lockout.SOURCES,
        )
        return env

    def env_for(self, language: str) -> jinja2.Environment:
        env = self._envs.get(language)
        if env is None:
            env = self._envs[language] = self._environment(language)
        return env

    def prefix(self, language: str) -> str:
        return "" if language == self.language else "/" + language

    def language_of(self, request: Request | None) -> str:
        """A page's language comes from its prefix; an API answer's from Accept-Language."""
        if request is None:
            return self.language
        chosen = request.scope.get(SCOPE_KEY)
        if chosen:
            return chosen
        # The scope's path, not request.url.path: building the URL costs more than an API answer.
        if wants_json(request.scope["path"]):
            return negotiate(request.headers.get("accept-language"), self.language)
        return self.language

    def catalog_for(self, request: Request | None) -> gettext.NullTranslations:
        return translations(self.language_of(request))

    def text(self, message: Message | str | None, catalog: gettext.NullTranslations | None = None) -> str:
        catalog = catalog or self.catalog
        if message is None:
            return ""
        if isinstance(message, Message):
            return message.render(catalog)
        return catalog.gettext(message)

    def base_url(self, request: Request) -> str:
        return (self.settings["base_url"] or str(request.base_url)).rstrip("/")

    def page(self, request: Request, template: str, status: int = 200, canonical: str | None = None, **context: Any) -> HTMLResponse:
        base = self.base_url(request)
        language = self.language_of(request)
        if canonical is None:
            canonical = request.url.path
        # Error pages never echo what was typed, not even in the switcher's links.
        here = request.url.path + ("?" + request.url.query if request.url.query and canonical else "")
        alternates = [(code, base + self.prefix(code) + canonical) for code in LANGUAGES] if canonical else []
        html = self.env_for(language).get_template(template).render(
            request_path=request.url.path,
            canonical=base + self.prefix(language) + canonical if canonical else None,
            alternates=alternates,
            x_default=base + canonical if canonical else None,
            switcher=[(code, name, switch_href(code, here)) for code, name in LANGUAGES.items()],
            base_url=base,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request | None, path: str, status: int, type_: str, message: str, **context: Any) -> Response:
        """The one error rendering: JSON for API callers, a page for people."""
        if wants_json(path) or request is None:
            return SafeJSON({"error": {"type": type_, "message": message}}, status_code=status)
        template = "problem.html" if "error" in context else "error.html"
        return self.page(request, template, status, canonical="", http_status=status, error_type=type_, message=message, **context)


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


class Guard:
    """Security headers, a query-string limit, the last-resort 500 and a log line without the query."""

    def __init__(self, app: ASGIApp, site: Site) -> None:
        self.app = app
        self.site = site
        self.max_query = site.settings["max_query_bytes"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        static = path.startswith("/static/")
        added = _JSON_HEADERS if wants_json(path) else _PAGE_HEADERS
        status = 0
        # HEAD is GET without the body, for every page (FastAPI routes list GET only).
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: ASGIMessage) -> None:
            nonlocal status
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", ()), *(_STATIC_HEADERS if static and status == 200 else added)]
                message = {**message, "headers": headers}
            await send(message)

        if len(scope.get("query_string", b"")) > self.max_query:
            response = self.site.error(None if wants_json(path) else Request(scope), path, 414, ERROR_TYPES[414], self.site.text(ERROR_TITLES[414]))
            await response(scope, receive, send_with_headers)
        else:
            try:
                await self.app(scope, receive, send_with_headers)
            except Exception as crash:  # noqa: BLE001 - the one place a crash becomes a page
                # The exception's text may hold what was typed: log its type only.
                log.error("500 %s %s: %s", scope.get("method"), _route_name(scope), type(crash).__name__)
                if status:
                    return
                message = self.site.text(ERROR_TITLES[500])
                try:
                    response = self.site.error(None if wants_json(path) else Request(scope), path, 500, ERROR_TYPES[500], message)
                except Exception:  # noqa: BLE001 - the error page itself failed: plain text, still no trace
                    response = PlainTextResponse(message, status_code=500)
                await response(scope, receive, send_with_headers)
                return
        # The query string holds precodes and label text: log the route only.
        if log.isEnabledFor(logging.INFO):
            log.info("%s %s %d", scope.get("method"), _route_name(scope), status)


def _route_name(scope: Scope) -> str:
    route = scope.get("route")
    if route is not None and getattr(route, "path", None):
        return route.path
    endpoint = scope.get("endpoint")
    return getattr(endpoint, "__name__", "-") if endpoint is not None else "-"


def create_app(settings: dict[str, Any] | None = None) -> FastAPI:
    """A new radiocode web app; `settings` overrides :data:`DEFAULT_SETTINGS`."""
    unknown = set(settings or {}) - set(DEFAULT_SETTINGS)
    if unknown:
        raise ValueError(f"Unknown settings: {', '.join(sorted(unknown))}")
    site = Site({**DEFAULT_SETTINGS, **(settings or {})})
    app = FastAPI(
        title="radiocode",
        version=__version__,
        summary="Renault, Dacia and Renault Trucks radio codes from the precode, with entry steps and lockout waits.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        **_NO_NATIVE_TELEMETRY,
    )
    app.state.site = site
    _error_handlers(app, site)
    # The API first: it is the route that must answer fastest.
    _api(app, site)
    _pages(app, site)
    # Photo uploads live in their own module, imported here as flaskr imports its blueprints.
    from radiocode.web import label

    label.add_routes(app, site)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(LanguagePrefix, prefixed=site.prefixed)
    app.add_middleware(Guard, site=site)
    install_protection(app)
    return app


def _error_handlers(app: FastAPI, site: Site) -> None:
    @app.exception_handler(ValidationError)
    async def unusable_input(request: Request, error: ValidationError) -> Response:
        kind = None
        if isinstance(error, NotAPrecode):
            try:
                kind = kind_by_name(error.kind)
            except KeyError:
                kind = None
        return site.error(
            request,
            request.url.path,
            422,
            error.type,
            error.render(site.catalog_for(request)),
            error=error,
            kind=kind,
            computable=not isinstance(error, NotComputable),
            typed=request.query_params.get("input", "")[:500],
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        status = error.status_code if error.status_code in ERROR_TITLES else 400
        response = site.error(request, request.url.path, status, ERROR_TYPES[status], site.text(ERROR_TITLES[status], site.catalog_for(request)))
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
        return site.error(request, request.url.path, 422, "invalid_parameter", message.render(site.catalog_for(request)))


def _result_links(result: Result, tries: int | None, prefix: str = "") -> dict[str, Any]:
    precode = result.reading.precode
    query = {"input": precode}
    # Switching family keeps the wait estimate the person already asked for.
    kept = {"tries": str(tries)} if tries is not None else {}
    links = {
        name: prefix + "/code?" + urlencode({**query, "family": name, **kept}) + "#entry"
        for name in FAMILIES
    }
    json_query = {"input": precode, "family": result.family.name}
    if tries is not None:
        json_query["tries"] = str(tries)
    return {"family_links": links, "json_link": "/api/v1/code?" + urlencode(json_query), "canonical": "/code?" + urlencode(query)}


def _pages(app: FastAPI, site: Site) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request) -> Response:
        if request.scope.get(SCOPE_KEY):
            return site.page(request, "home.html")
        # The unprefixed home only: an explicit choice, else the browser's languages.
        choice = request.cookies.get(COOKIE)
        language = choice if choice in LANGUAGES else negotiate(request.headers.get("accept-language"), site.language)
        vary = {"vary": "Accept-Language, Cookie"}
        if language != site.language:
            return RedirectResponse(site.prefix(language) + "/", status_code=302, headers=vary)
        response = site.page(request, "home.html")
        response.headers.update(vary)
        return response

    @app.get("/language/{code}", include_in_schema=False)
    async def choose_language(request: Request, code: str) -> Response:
        """The switcher: remember the choice, then show the same page in that language."""
        if code not in LANGUAGES:
            raise StarletteHTTPException(404)
        target = site.prefix(code) + safe_next(request.query_params.get("next"))
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, code, max_age=COOKIE_MAX_AGE, path="/", samesite="lax", httponly=True)
        return response

    @app.get("/code", response_class=HTMLResponse, include_in_schema=False)
    async def result_page(
        request: Request,
        text: str = Query("", alias="input"),
        family: str | None = None,
        tries: str | None = None,
    ) -> Response:
        count = parse_tries(tries)
        result = lookup(text, family, count)
        links = _result_links(result, count, site.prefix(site.language_of(request)))
        canonical = links.pop("canonical")
        return site.page(request, "result.html", canonical=canonical, result=result, reading=result.reading, typed=text[:500], tries=count, **links)

    @app.get("/wait", response_class=HTMLResponse, include_in_schema=False)
    async def wait_page(request: Request, tries: str | None = None) -> Response:
        count = parse_tries(tries)
        estimate = lockout.lockout_waits(count) if count is not None else None
        json_link = "/api/v1/wait?" + urlencode({"tries": count}) if count is not None else None
        return site.page(request, "wait.html", canonical="/wait", estimate=estimate, tries=count, json_link=json_link)

    @app.get("/offline", response_class=HTMLResponse, include_in_schema=False)
    async def offline_page(request: Request) -> Response:
        # What the offline worker (static/sw.js) saves per language and shows for a page it has not saved.
        return site.page(request, "offline.html", canonical="")

    @app.get("/guides", response_class=HTMLResponse, include_in_schema=False)
    async def guide_index(request: Request) -> Response:
        return site.page(request, "guides.html")

    @app.get("/guides/{slug}", response_class=HTMLResponse, include_in_schema=False)
    async def guide_page(request: Request, slug: str) -> Response:
        guide = content.guide(slug)
        if guide is None:
            raise StarletteHTTPException(404)
        context: dict[str, Any] = {"guide": guide}
        if slug == "faq":
            context["faq"] = content.FAQ
            context["faq_json"] = _faq_json(site)
        return site.page(request, f"guides/{slug}.html", **context)

    @app.get("/vehicles", response_class=HTMLResponse, include_in_schema=False)
    async def vehicle_index(request: Request) -> Response:
        return site.page(request, "vehicles.html", vehicles=content.VEHICLES)

    @app.get("/vehicles/{slug}", response_class=HTMLResponse, include_in_schema=False)
    async def vehicle_page(request: Request, slug: str) -> Response:
        vehicle = content.vehicle(slug)
        if vehicle is None:
            raise StarletteHTTPException(404)
        return site.page(request, "vehicle.html", vehicle=vehicle)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs(request: Request) -> Response:
        return site.page(request, "api.html", schema=app.openapi(), families=FAMILIES)

    @app.get("/robots.txt", response_class=PlainTextResponse, include_in_schema=False)
    async def robots(request: Request) -> Response:
        return PlainTextResponse(f"User-agent: *\nDisallow: /api/\nAllow: /\n\nSitemap: {site.base_url(request)}/sitemap.xml\n")

    @app.get("/sitemap.xml", include_in_schema=False)
    async def sitemap(request: Request) -> Response:
        base = site.base_url(request)
        paths = ["/", "/guides", "/vehicles", "/wait", "/api"]
        paths += [f"/guides/{g.slug}" for g in content.GUIDES]
        paths += [f"/vehicles/{v.slug}" for v in content.VEHICLES]
        xml = site.env.get_template("sitemap.xml").render(urls=[base + site.prefix(code) + p for code in LANGUAGES for p in paths])
        return Response(xml, media_type="application/xml")

    @app.get("/sw.js", include_in_schema=False)
    async def service_worker() -> Response:
        # At the root so that its scope is the whole site.
        return Response((HERE / "static" / "sw.js").read_bytes(), media_type="text/javascript")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response((HERE / "static" / "icon.svg").read_bytes(), media_type="image/svg+xml")


def _faq_json(site: Site) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": site.text(q), "acceptedAnswer": {"@type": "Answer", "text": site.text(a)}}
            for q, a in content.FAQ
        ],
    }
    # "</" cannot close the script element from inside the JSON.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


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
                        "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
                    }
                },
            },
            "example": {"error": {"type": "nonexistent_precode", "message": "Precodes A000 to A099 do not exist, so A012 cannot be right. ..."}},
        }
    },
    "description": "Unusable input: the error shape every API error uses.",
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


def _api(app: FastAPI, site: Site) -> None:
    missing_input = Message(N_("Some of the details sent are missing or not valid: %(names)s."), names="input")

    # Readings are immutable and the catalog fixed for the app, so the answer to
    # one query string is too: cache it by the raw bytes, before any parsing.
    @functools.lru_cache(maxsize=4096)
    def answer(query_string: bytes, language: str) -> bytes | None:
        """The reading as JSON bytes, None without `input`; raises the reading's error."""
        params = QueryParams(query_string)
        text = params.get("input")
        if text is None:
            return None
        result = lookup(text, params.get("family") or DEFAULT_FAMILY, parse_tries(params.get("tries")))
        return SafeJSON(result.to_dict(translations(language))).body

    async def api_code(request: Request) -> Response:
        # Parameters read by hand: FastAPI's per-request validation costs more than the lookup.
        language = site.language_of(request)
        body = answer(request.scope["query_string"], language)
        if body is None:
            return site.error(None, "/api/", 422, "invalid_parameter", missing_input.render(translations(language)))
        return Response(body, media_type="application/json")

    app.router.add_api_route(
        "/api/v1/code",
        api_code,
        methods=["GET"],
        route_class_override=DirectRoute,
        tags=["codes"],
        summary="The code for a precode or label text",
        description=(
            "Reads `input` (a precode like A123, or text copied off the radio's label) and returns the code, "
            "the alternatives when characters look alike, and the entry steps for `family`. "
            "Input that gives no code (a part number, a VIN, a radio whose code cannot be computed, junk) "
            "gets a 422 with the error shape; `type` says which. Add `tries` (wrong codes so far) for a wait estimate."
        ),
        responses={200: {"content": {"application/json": {"example": CODE_EXAMPLE}}, "description": "The reading"}, 422: ERROR_SCHEMA, 414: ERROR_SCHEMA},
        openapi_extra={
            "parameters": [
                {"name": "input", "in": "query", "required": True, "schema": {"type": "string", "maxLength": MAX_INPUT_LENGTH}, "description": "A precode (A123) or label text, at most 500 characters."},
                {"name": "family", "in": "query", "required": False, "schema": {"type": "string", "enum": list(FAMILIES), "default": DEFAULT_FAMILY}, "description": "Radio family for the entry steps."},
                {"name": "tries", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": lockout.MAX_TRIES}, "description": "Wrong codes tried so far, for a wait estimate."},
            ]
        },
    )

    # The result page's JSON twin lives beside it too.
    app.add_api_route("/code.json", api_code, methods=["GET"], include_in_schema=False)

    @app.get(
        "/api/v1/wait",
        tags=["lockout"],
        summary="How long to leave the radio on after wrong codes",
        description="Every source's wait after `tries` wrong codes, and their range. The sources disagree: the longest is the safe wait.",
        responses={422: ERROR_SCHEMA},
    )
    async def api_wait(request: Request, tries: str = Query(..., description=f"Wrong codes tried so far, 1 to {lockout.MAX_TRIES}.")) -> Response:
        count = parse_tries(tries)
        if count is None:
            count = 0  # lockout_waits refuses it with the one message
        return SafeJSON(estimate_dict(lockout.lockout_waits(count), site.catalog_for(request)))

    app.add_api_route("/wait.json", api_wait, methods=["GET"], include_in_schema=False)

    @app.get(
        "/api/v1/radios",
        tags=["radios"],
        summary="Radio families and their input rules",
        description="Every family with its precode input rules (max length, pattern), how the precode shows, how the code is entered and the lockout facts, so a client can check input before calling.",
    )
    async def api_radios(request: Request) -> Response:
        return SafeJSON({"radios": [family_dict(f, site.catalog_for(request)) for f in FAMILIES.values()]})

    @app.get(
        "/api/v1/radios/{family}",
        tags=["radios"],
        summary="One radio family",
        responses={404: ERROR_SCHEMA},
    )
    async def api_radio(request: Request, family: str) -> Response:
        if family not in FAMILIES:
            error = Message(N_("There is no radio family called %(name)s. Choose one of: %(names)s."), name=family[:40], names=", ".join(FAMILIES))
            return site.error(None, "/api/", 404, "not_found", error.render(site.catalog_for(request)))
        return SafeJSON(family_dict(families.family(family), site.catalog_for(request)))
