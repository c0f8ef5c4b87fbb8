"""The pages people read: home, results, waits, guides, vehicles, the API's own page and the site files.

Every page is served in every language: :class:`~radiocode.web.languages.LanguagePrefix`
takes ``/fr`` off the path before these routes see it.
"""

from __future__ import annotations

import gettext
import json
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from radiocode import lockout, radios
from radiocode.exceptions import AmbiguousRadio
from radiocode.families import FAMILIES
from radiocode.web import content, radio_pages
from radiocode.web.api import DirectRoute
from radiocode.web.languages import COOKIE, COOKIE_MAX_AGE, LANGUAGES, SCOPE_KEY, negotiate, safe_next
from radiocode.result import Result, choices, lookup, parse_tries
from radiocode.web.site import HERE, Site

__all__ = ["add_routes"]


def _radio_result_links(result: Result) -> dict[str, Any]:
    query = {"input": result.reading.number_read, "radio": result.reading.radio}
    return {"json_link": "/api/v1/code?" + urlencode(query), "canonical": "/code?" + urlencode(query)}


def _choice_links(text: str, readings: Any, prefix: str = "") -> list[tuple[Any, str]]:
    """Each other radio's reading of `text`, with the address of its result page."""
    return [(reading, prefix + "/code?" + urlencode({"input": text, "radio": reading.radio})) for reading in readings]


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


def add_routes(app: FastAPI, site: Site) -> None:
    """Add the pages to `app`."""
    _add_reading_pages(app, site)
    _add_content_pages(app, site)
    _add_site_files(app, site)


def _add_reading_pages(app: FastAPI, site: Site) -> None:
    """The home page, the language switcher, the result page and the wait page."""

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

    async def result_page(request: Request) -> Response:
        # Parameters read by hand, as the API's: all four are text, so FastAPI's per-request
        # validation could refuse nothing and cost more than the rest of the page but its template.
        params = request.query_params
        text, family, tries, radio = params.get("input", ""), params.get("family"), params.get("tries"), params.get("radio")
        count = parse_tries(tries)
        prefix = site.prefix(site.language_of(request))
        try:
            result = lookup(text, family, count, radio)
        except AmbiguousRadio as error:
            # Digits that several radios read: offer the choice, each with its own page.
            offered = choices(radios.read(text, radio or None))
            return site.page(request, "choose_radio.html", 422, canonical="", message=error.render(site.catalog_for(request)), offered=_choice_links(text[:40], offered, prefix), typed=text[:500])
        if result.reading.radio != "renault":
            links = _radio_result_links(result)
            canonical = links.pop("canonical")
            return site.page(request, "radio_result.html", canonical=canonical, result=result, reading=result.reading, radio=result.radio, typed=text[:500], **links)
        links = _result_links(result, count, prefix)
        canonical = links.pop("canonical")
        fitting = {other.radio for other in choices(result.reading)}
        # Every radio that bare digits may belong to, the ones that do not fit hidden: a page
        # the offline worker builds from this one's shell unhides the ones that fit (shell.js).
        others = [(radio, prefix + "/code?" + urlencode({"input": text[:40], "radio": radio.id}), radio.id in fitting) for radio in radios.RADIOS.values() if not radio.marked]
        return site.page(request, "result.html", canonical=canonical, result=result, reading=result.reading, typed=text[:500], tries=count, others=others, any_other=bool(fitting), **links)

    app.router.add_api_route("/code", result_page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False, route_class_override=DirectRoute)

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


def _add_content_pages(app: FastAPI, site: Site) -> None:
    """The guides and the vehicle pages."""

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
            context["faq_json"] = _faq_json(site.catalog_for(request))
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


def _add_site_files(app: FastAPI, site: Site) -> None:
    """The API's page, robots.txt, the sitemap, the service worker and the icon."""

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs(request: Request) -> Response:
        return site.page(request, "api.html", schema=app.openapi(), families=FAMILIES)

    # The sitemap protocol takes absolute URLs only, and the request's Host is the
    # client's word: without a base URL there is no sitemap and robots.txt names none.
    robots_txt = "User-agent: *\nDisallow: /api/\nAllow: /\n"
    if site.base_url:
        robots_txt += f"\nSitemap: {site.base_url}/sitemap.xml\n"

    @app.get("/robots.txt", response_class=PlainTextResponse, include_in_schema=False)
    async def robots() -> Response:
        return PlainTextResponse(robots_txt)

    @app.get("/sitemap.xml", include_in_schema=False)
    async def sitemap() -> Response:
        base = site.base_url
        if not base:
            raise StarletteHTTPException(404)
        paths = ["/", "/guides", "/vehicles", "/wait", "/api"]
        paths += [f"/guides/{g.slug}" for g in content.GUIDES]
        paths += [f"/vehicles/{v.slug}" for v in content.VEHICLES]
        paths += radio_pages.sitemap_paths()
        xml = site.env.get_template("sitemap.xml").render(urls=[base + site.prefix(code) + p for code in LANGUAGES for p in paths])
        return Response(xml, media_type="application/xml")

    @app.get("/sw.js", include_in_schema=False)
    async def service_worker() -> Response:
        # At the root so that its scope is the whole site.
        return Response((HERE / "static" / "sw.js").read_bytes(), media_type="text/javascript")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response((HERE / "static" / "icon.svg").read_bytes(), media_type="image/svg+xml")


def _faq_json(catalog: gettext.NullTranslations) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q.render(catalog), "acceptedAnswer": {"@type": "Answer", "text": a.render(catalog)}}
            for q, a in content.FAQ
        ],
    }
    # "</" cannot close the script element from inside the JSON.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")

