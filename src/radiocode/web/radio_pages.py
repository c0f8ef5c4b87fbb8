"""The pages about radio families: one per family, one per make, the Ford V page and the index.

Every statement on them comes from the family records in :mod:`radiocode.radios`
(each a claim with its sources and how far they agree) or from :data:`FORD_V`,
which keeps to domain-facts-brands §1.2 and §8; where the facts are silent the
record says "the sources do not say" and so does the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from radiocode import radios
from radiocode.i18n import Message, N_
from radiocode.radios.records import AGREEMENT, EVIDENCE_KINDS, SOURCES, Claim, Radio
from radiocode.web.site import Site

__all__ = ["add_routes", "MAKE_NAMES", "FORD_V", "make_radios", "radio_title"]

#: Makes as people write them, by the slug of radiocode.radios.MAKES.
MAKE_NAMES = {slug: name for radio in radios.RADIOS.values() for name in radio.makes for slug in [name.lower().replace(" ", "-")]}

#: What the Ford V page says: each statement with its sources (domain-facts-brands §1.1, §1.2, §8).
FORD_V: tuple[Claim, ...] = (
    Claim(Message(N_("No public method works out the code of a V serial. Forum helpers, published programs and code sellers all say so.")), ("HJ1", "HJ2", "DO", "NR", "PL"), "two_or_more"),
    Claim(Message(N_("Look in the car's papers first: a Radio Passport, a Keycode label, a sticker in the service book or the audio booklet may hold the code.")), ("HAY", "FFRC-191", "TAB", "OCUK", "MSE"), "two_or_more"),
    Claim(Message(N_("Papers can belong to another radio. Check that the serial in the papers matches the label on the radio.")), ("FFRC-6367", "FIX-475400", "FFRC-191"), "two_or_more"),
    Claim(Message(N_("A Ford dealer can give the code, usually for a fee, when you prove that the car is yours. Owners in the UK report £20 to £25, some plus VAT.")), ("TAB", "FOC", "HJ2", "HAY"), "two_or_more"),
    Claim(Message(N_("Paid decoding services also sell V codes.")), ("HJ1", "HJ2", "PL"), "two_or_more"),
    Claim(Message(N_("If a dealer does not help, one magazine points owners to Ford Customer Relations.")), ("CM",), "one"),
)


@dataclass(frozen=True)
class Counted:
    """One kind of evidence and how many codes it confirms, for the page."""

    kind: str
    count: int
    meaning: str


def radio_title(radio_id: str) -> Message:
    return radios.RADIOS[radio_id].name


def radio_sources(radio: Radio) -> list[str]:
    """Every source id the record of `radio` cites, in the order of the source index."""
    claims = [*radio.vehicles, *radio.where_to_find, *radio.lockout, *radio.evidence.checks, *radio.evidence.caveats]
    claims += [side for disagreement in radio.disagreements for side in disagreement.sides]
    cited = {source for claim in claims for source in claim.sources}
    cited |= {source for vector in radio.evidence.vectors for source in vector.sources}
    return [source for source in SOURCES if source in cited]


def make_radios(slug: str) -> tuple[Radio, ...]:
    return tuple(radios.RADIOS[radio_id] for radio_id in radios.MAKES.get(slug, ()))


def add_routes(app: FastAPI, site: Site) -> None:
    """Add the radio and make pages to `app`."""
    site.share(
        agreement=AGREEMENT,
        source_names=SOURCES,
        evidence_kinds=EVIDENCE_KINDS,
        all_radios=radios.RADIOS,
        make_names=MAKE_NAMES,
        ford_v_claims=FORD_V,
        radio_sources=radio_sources,
    )

    @app.get("/radios", response_class=HTMLResponse, include_in_schema=False)
    async def radio_index(request: Request) -> Response:
        makes = [(slug, MAKE_NAMES[slug], make_radios(slug)) for slug in radios.MAKES]
        return site.page(request, "radios.html", makes=makes)

    @app.get("/radios/ford-v", response_class=HTMLResponse, include_in_schema=False)
    async def ford_v_page(request: Request) -> Response:
        return site.page(request, "ford_v.html", claims=FORD_V)

    @app.get("/radios/{radio_id}", response_class=HTMLResponse, include_in_schema=False)
    async def radio_page(request: Request, radio_id: str) -> Response:
        radio = radios.RADIOS.get(radio_id)
        if radio is None:
            raise StarletteHTTPException(404)
        counts = [Counted(kind, count, EVIDENCE_KINDS[kind]) for kind, count in radio.evidence.counts().items()]
        return site.page(request, "radio.html", radio=radio, counts=counts)

    @app.get("/makes/{slug}", response_class=HTMLResponse, include_in_schema=False)
    async def make_page(request: Request, slug: str) -> Response:
        if slug not in radios.MAKES:
            raise StarletteHTTPException(404)
        listed = make_radios(slug)
        return site.page(request, "make.html", slug=slug, make=MAKE_NAMES[slug], make_radio_list=listed)


def sitemap_paths() -> list[str]:
    """The pages this module serves, for the sitemap."""
    return ["/radios", "/radios/ford-v", *(f"/radios/{radio_id}" for radio_id in radios.RADIOS), *(f"/makes/{slug}" for slug in radios.MAKES)]
