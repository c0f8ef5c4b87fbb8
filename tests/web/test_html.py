"""The pages, rendered by the app factory: what a person reads, and that each result has a JSON twin."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from radiocode.web.content import FAQ, GUIDES, VEHICLES

ROOT = Path(__file__).resolve().parents[2]


def text_of(html: str) -> str:
    """The page's visible text, roughly: tags dropped, entities decoded, spaces squeezed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def test_home(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<form class="lookup" action="/code" method="get">' in html
    assert '<label for="input">Precode or label text</label>' in html
    assert "What does your radio show?" in html
    assert '<link rel="canonical" href="https://radiocode.example/">' in html
    assert '<html lang="en">' in html



def test_footer_names_every_make_the_site_covers(client):
    """Issue 11: the footer said Renault and Dacia only; each make with a radio family is named, and /radios is linked."""
    from radiocode import radios

    footer = client.get("/").text.split("<footer>")[1]
    for make in ("Renault", "Dacia", "Ford M-series", "Fiat"):
        assert make in footer
    assert '<a href="/radios">Radios</a>' in footer
    assert "three Fiat radio families" in footer
    assert sum(1 for radio in radios.RADIOS.values() if "Fiat" in radio.makes) == 3
    assert {make for radio in radios.RADIOS.values() for make in radio.makes} <= {"Renault", "Dacia", "Renault Trucks", "Ford", "Fiat", "Alfa Romeo"}

def test_result_page(client):
    response = client.get("/code", params={"input": "A123"})
    assert response.status_code == 200
    html = response.text
    page = text_of(html)
    assert '<p class="code" id="the-code">0086</p>' in html
    assert "The precode A123 gives the code 0086." in page
    assert "Press preset 3 eight times: the third digit shows 8." in page
    assert "Hold preset 6 until you hear a beep." in page
    assert '<link rel="canonical" href="https://radiocode.example/code?input=A123">' in html
    assert 'href="/api/v1/code?input=A123&amp;family=preset6"' in html
    # The practice panel is there for JavaScript to show, with the code to check against.
    assert '<section id="practice" class="practice needs-js" aria-labelledby="practice-title" data-code="0086" data-confirm="6">' in html


def test_label_reading_is_shown(client):
    page = text_of(client.get("/code", params={"input": "281150198RT A583"}).text)
    assert "We read the precode A583 from your label. Its code is 0461." in page


def test_alternatives_side_by_side(client):
    html = client.get("/code", params={"input": "0818"}).text
    found = re.findall(r'<span class="alt-precode">(\w+)</span>\s*<span class="alt-code">(\d+)</span>', html)
    assert found == [("O818", "1126"), ("Q818", "9120"), ("D818", "3129")]
    assert "Q has a small tail at the bottom right." in html
    assert 'href="/code?input=Q818&amp;family=preset6">Use Q818</a>' in html


def test_family_switch_is_links(client):
    html = client.get("/code", params={"input": "A123", "family": "stalk"}).text
    assert '<a href="/code?input=A123&amp;family=stalk#entry" aria-current="true">' in html
    assert '<a href="/code?input=A123&amp;family=preset5#entry">' in html
    page = text_of(html)
    assert "Roll the thumbwheel until the fourth digit shows 6." in page
    # No practice radio for stalk units: it only knows preset buttons.
    assert 'id="practice"' not in html


def test_wait_estimate_on_result(client):
    html = client.get("/code", params={"input": "A123", "tries": "3"}).text
    page = text_of(html)
    assert "Leave the radio switched on for 1 h 00 min before the next try." in page
    assert "What each source says after 3 wrong codes" in page
    assert "Renault workshop manual (Twingo II) 4 min" in page
    assert '<div class="countdown needs-js" data-minutes="60">' in html
    assert 'value="3" required' in html


def test_wait_page(client):
    assert client.get("/wait").status_code == 200
    page = text_of(client.get("/wait", params={"tries": "1"}).text)
    assert "After 1 wrong code" in page
    assert "Leave the radio switched on for 2 min before the next try." in page


@pytest.mark.parametrize("text", ["A123", "281150198RT A583", "0818", "Z999"])
def test_html_and_json_come_from_one_reading(client, text):
    data = client.get("/api/v1/code", params={"input": text}).json()
    html = client.get("/code", params={"input": text}).text
    assert f'<p class="code" id="the-code">{data["code"]}</p>' in html
    for step in data["entry_steps"]:
        assert step in unescape(html)


def test_not_a_precode_page(client):
    response = client.get("/code", params={"input": "7700 434 436"})
    assert response.status_code == 422
    page = text_of(response.text)
    assert "That is not the precode" in page
    assert "This is a Renault part number: it names the model of radio, not your unit." in page
    assert "281150198RT A583 gives A583" in page


def test_not_computable_page_gives_dealer_route(client):
    response = client.get("/code", params={"input": "R-Link"})
    assert response.status_code == 422
    page = text_of(response.text)
    assert "We cannot work out this radio's code" in page
    assert "Proof that the vehicle is yours." in page
    assert "from about £10 to over $100" in page


def test_junk_page_keeps_what_was_typed(client):
    response = client.get("/code", params={"input": "A012"})
    assert response.status_code == 422
    assert "Precodes A000 to A099 do not exist, so A012 cannot be right." in text_of(response.text)
    assert 'value="A012"' in response.text
    assert "<link rel=\"canonical\"" not in response.text


@pytest.mark.parametrize("guide", [g.slug for g in GUIDES])
def test_guides(client, guide):
    response = client.get(f"/guides/{guide}")
    assert response.status_code == 200
    assert f'<link rel="canonical" href="https://radiocode.example/guides/{guide}">' in response.text
    assert response.text.count("<h1>") == 1
    assert re.search(r'<meta name="description" content="[^"]{20,}">', response.text)


def test_faq_structured_data(client):
    html = client.get("/guides/faq").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == len(FAQ)
    assert data["mainEntity"][0]["name"] == "Why does my radio show CODE?"
    assert data["mainEntity"][0]["acceptedAnswer"]["@type"] == "Answer"


def test_lockout_guide_shows_every_source(client):
    page = text_of(client.get("/guides/lockout").text)
    for source in ("Renault workshop manual (Twingo II)", "medianav.net, a Media Nav code website", "A website that sells radio codes", "Owners' reports on forums", "A radio-code website's Midlum page"):
        assert source in page


def test_midlum_page_says_only_what_the_facts_support(client):
    page = text_of(client.get("/vehicles/renault-trucks-midlum").text)
    assert "Renault Trucks Midlum radio code" in page
    assert "no public source ties the Midlum to one radio family." in page
    assert "presets 1 and 6, or 1 and 5" in page
    assert "7 607 005 0xx" in page
    assert not re.search(r"\b(19|20)\d\d\b", page), "no model years: the facts give none"


@pytest.mark.parametrize("slug", [v.slug for v in VEHICLES])
def test_vehicle_pages(client, slug):
    response = client.get(f"/vehicles/{slug}")
    assert response.status_code == 200
    assert 'href="/guides/' in response.text


def test_vehicle_index_lists_midlum_first(client):
    html = client.get("/vehicles").text
    assert html.index("/vehicles/renault-trucks-midlum") < html.index("/vehicles/renault-megane")


def test_sitemap_and_robots(client):
    xml = client.get("/sitemap.xml")
    assert xml.headers["content-type"].startswith("application/xml")
    urls = re.findall(r"<loc>(.*?)</loc>", xml.text)
    assert "https://radiocode.example/" in urls
    assert all(f"https://radiocode.example/guides/{g.slug}" in urls for g in GUIDES)
    assert all(f"https://radiocode.example/vehicles/{v.slug}" in urls for v in VEHICLES)
    robots = client.get("/robots.txt").text
    assert "Sitemap: https://radiocode.example/sitemap.xml" in robots
    assert "Disallow: /api/" in robots


def test_api_docs_page_is_our_own(client):
    html = client.get("/api").text
    assert "<code>GET /api/v1/code</code>" in html
    assert "Reads <code>input</code> (a Renault precode like A123" in html
    assert "cdn" not in html.lower()


def test_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Page not found" in response.text
    assert client.get("/guides/nope").status_code == 404
    assert client.get("/vehicles/nope").status_code == 404


def test_500_page(app, client):
    @app.get("/boom")
    async def boom():
        raise RuntimeError("secret A583 details")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret" not in response.text and "Traceback" not in response.text


def test_every_string_is_extractable():
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {message for *_, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None})}
    assert "Wrong codes tried so far" in found
    assert "What does your radio show?" in found
    assert "Sources: no public source ties the Midlum to one radio family. Steps 1 and 2 come from a radio-code website's Midlum page; step 4 is how preset-button Renault radios take the code. Where your radio differs, follow its display." in found
    assert "1 of %(count)s possible codes: check the letter" in found
    assert ("What each source says after %(count)s wrong code", "What each source says after %(count)s wrong codes") in found


def test_family_switch_keeps_the_wait_estimate(client):
    html = client.get("/code", params={"input": "A123", "tries": "2"}).text
    assert '<a href="/code?input=A123&amp;family=stalk&amp;tries=2#entry">' in html


def test_wait_page_has_a_json_twin(client):
    html = client.get("/wait", params={"tries": "4"}).text
    assert '<link rel="alternate" type="application/json" href="/api/v1/wait?tries=4">' in html
    data = client.get("/api/v1/wait", params={"tries": "4"}).json()
    assert data["advice"] in unescape(html)


def test_head_answers_like_get_without_a_body(client):
    response = client.head("/guides/faq")
    assert response.status_code == 200
    assert response.content == b""
    assert client.head("/nope").status_code == 404


def test_home_page_weighs_at_most_40_kb_with_everything_it_loads(client):
    html = client.get("/").text
    assets = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="(/[^"]*)"', html)
    assets = [url for url in assets if not url.startswith("/guides") and url != "/"]
    assert "/static/site.css" in assets and "/static/site.js" in assets
    total = len(html.encode()) + sum(len(client.get(url).content) for url in assets)
    assert total <= 40 * 1024, total
    # No request may leave the site: every asset is our own.
    assert not re.search(r'<(?:script|img|iframe)\b[^>]*\ssrc="(?:https?:)?//', html)
    assert not re.search(r'<link\b[^>]*rel="(?:stylesheet|icon|manifest|preload|modulepreload)"[^>]*href="(?:https?:)?//', html)


@pytest.mark.parametrize(
    ("text", "count_line", "heading"),
    [
        ("O555", "1 of 3 possible codes: check the letter", "Check the letter before you enter it"),
        ("PRE CODE T728 9074RT S049", "1 of 2 possible codes: check which one is the precode", "Check which one your label marks as the precode"),
    ],
)
def test_the_code_box_says_why_there_are_several_codes(client, text, count_line, heading):
    """Look-alike letters are "check the letter"; a second precode elsewhere on the label is not a letter to check (issue 10)."""
    html = client.get("/code", params={"input": text}).text
    assert f'<p class="alts-count"><strong>{count_line}</strong></p>' in html
    assert f'<h2 id="alts">{heading}</h2>' in html
