"""The pages of every radio family and make: what a person reads, traced to the family records."""

import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from radiocode import radios
from radiocode.radios import ford_m
from radiocode.web.radio_pages import FORD_V

ROOT = Path(__file__).resolve().parents[2]


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.mark.parametrize("radio_id", list(radios.RADIOS))
def test_every_family_page_says_each_fact_of_its_record(client, radio_id):
    radio = radios.RADIOS[radio_id]
    response = client.get(f"/radios/{radio_id}")
    assert response.status_code == 200
    page = text_of(response.text)
    claims = [*radio.where_to_find, *radio.lockout, *radio.vehicles, *radio.evidence.checks, *radio.evidence.caveats]
    claims += [side for d in radio.disagreements for side in d.sides]
    for claim in claims:
        assert str(claim.text) in page
    assert "How we know this code is right" in page
    assert str(radio.evidence.summary) in page
    for vector in radio.evidence.vectors:
        assert f"{vector.number} {vector.code}" in page
    # The form asks for this radio.
    assert f'<input type="hidden" name="radio" value="{radio_id}">' in response.text


def test_fiat_pages_say_what_the_sources_do_not(client):
    for radio_id in ("fiat-vp", "fiat-daiichi", "fiat-visteon"):
        page = text_of(client.get(f"/radios/{radio_id}").text)
        assert "The sources do not say how this radio takes the code." in page
        assert "The sources do not say what this radio does after wrong codes." in page


def test_ford_m_page_shows_the_disagreements_and_the_paperwork(client):
    page = text_of(client.get("/radios/ford-m").text)
    assert "Where the sources disagree" in page
    assert "10 seconds." in page and "15 to 20 seconds." in page
    assert "Stop trying at LOCKED 10 and get help." in page
    assert "3 the code printed in the maker's own paperwork for that serial" in page
    assert "M140687 8593" in page
    assert "FFRC-191 : freefordradiocode.co.uk forum, thread 191" in page


def test_ford_v_page_says_honestly_what_to_do(client):
    page = text_of(client.get("/radios/ford-v").text)
    assert "Ford V serial: ask a dealer" in page
    for claim in FORD_V:
        assert str(claim.text) in page
    assert "dealer" in page and "decoding" in page


def test_a_v_serial_gets_the_ford_v_page_with_422(client):
    response = client.get("/code", params={"input": "V123456"})
    assert response.status_code == 422
    page = text_of(response.text)
    assert "Ford V serial: ask a dealer" in page
    assert str(FORD_V[0].text) in page
    assert "V123456" not in response.text.split("<main", 1)[1].split("Is it an M", 1)[0]


def test_ford_serial_result_page(client):
    response = client.get("/code", params={"input": "M140687"})
    assert response.status_code == 200
    html = response.text
    page = text_of(html)
    assert '<p class="code" id="the-code">8593</p>' in html
    assert "Press preset 5 to enter the code." in page
    assert str(ford_m.RADIO.evidence.summary) in page
    assert '<link rel="canonical" href="https://radiocode.example/code?input=M140687&amp;radio=ford-m">' in html
    assert 'href="/api/v1/code?input=M140687&amp;radio=ford-m"' in html


def test_fiat_result_by_radio(client):
    html = client.get("/code", params={"input": "2063", "radio": "fiat-vp"}).text
    assert '<p class="code" id="the-code">1341</p>' in html
    assert "The sources do not say how this radio takes the code." in text_of(html)


def test_ford_lookalike_says_it_is_not_the_serial(client):
    response = client.get("/code", params={"input": "ACU CFG 820208"})
    assert response.status_code == 422
    page = text_of(response.text)
    assert "That is not the serial" in page
    assert "This is a build or configuration line from the radio's display scroll." in page


def test_four_digits_that_are_no_precode_offer_the_choice(client):
    response = client.get("/code", params={"input": "6461"})
    assert response.status_code == 422
    html = response.text
    assert "Which radio do you have?" in text_of(html)
    assert 'href="/code?input=6461&amp;radio=fiat-vp"' in html
    assert 'href="/code?input=6461&amp;radio=fiat-daiichi"' in html
    # The choice, not a code.
    assert 'id="the-code"' not in html


def test_a_make_with_several_radios_offers_the_choice(client):
    html = client.get("/code", params={"input": "2063", "radio": "fiat"}).text
    assert 'href="/code?input=2063&amp;radio=fiat-vp"' in html and 'href="/code?input=2063&amp;radio=fiat-daiichi"' in html


def test_digits_read_as_a_precode_also_offer_the_other_radios(client):
    html = client.get("/code", params={"input": "2063"}).text
    assert '<p class="code" id="the-code">0919</p>' in html
    assert "Not a Renault radio?" in text_of(html)
    assert 'href="/code?input=2063&amp;radio=fiat-vp"' in html


def test_a_letter_precode_offers_no_other_radio(client):
    # Hidden: the offline worker's copy of this page unhides the radios that fit (shell.js).
    html = client.get("/code", params={"input": "A123"}).text
    assert '<section class="other-radios" aria-labelledby="others-title" hidden>' in html
    assert "Not a Renault radio?" not in text_of(html.replace(html[html.index('<section class="other-radios"'):html.index("</section>", html.index('<section class="other-radios"'))], ""))


def test_daiichi_leading_zero_keeps_the_radio_in_the_form(client):
    response = client.get("/code", params={"input": "0461", "radio": "fiat-daiichi"})
    assert response.status_code == 422
    assert "The sources disagree on the code for numbers that start with 0" in text_of(response.text)
    assert '<option value="fiat-daiichi" selected>' in response.text


def test_unknown_radio_is_a_clear_422(client):
    response = client.get("/code", params={"input": "A123", "radio": "sony"})
    assert response.status_code == 422
    assert "There is no radio called sony." in text_of(response.text)


def test_home_form_offers_every_radio(client):
    html = client.get("/").text
    assert '<select id="radio" name="radio" aria-describedby="radio-help">' in html
    for radio in radios.RADIOS.values():
        assert f'<option value="{radio.id}">' in html
    for slug in radios.MAKES:
        assert f'href="/makes/{slug}"' in html


@pytest.mark.parametrize("slug", list(radios.MAKES))
def test_make_pages(client, slug):
    response = client.get(f"/makes/{slug}")
    assert response.status_code == 200
    for radio_id in radios.MAKES[slug]:
        assert f'href="/radios/{radio_id}"' in response.text


def test_ford_make_page_names_v_serials(client):
    assert 'href="/radios/ford-v"' in client.get("/makes/ford").text


def test_index_and_404(client):
    html = client.get("/radios").text
    assert all(f'href="/radios/{radio_id}"' in html for radio_id in radios.RADIOS)
    assert client.get("/radios/sony").status_code == 404
    assert client.get("/makes/sony").status_code == 404


def test_pages_in_another_language(client):
    response = client.get("/fr/radios/ford-m")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text


def test_sitemap_lists_the_radio_pages(client):
    urls = re.findall(r"<loc>(.*?)</loc>", client.get("/sitemap.xml").text)
    assert "https://radiocode.example/radios/ford-m" in urls
    assert "https://radiocode.example/radios/ford-v" in urls
    assert "https://radiocode.example/makes/fiat" in urls


def test_new_strings_are_extractable():
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {message for *_, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None})}
    for text in ("How we know this code is right", "Which radio do you have?", "Ford V serial: ask a dealer", FORD_V[3].text.msgid):
        assert text in found
