"""Sentences the domain facts do not support, or that contradict them (issue 11, "Wrong or unsupported").

Each test names the fact it checks against (../shared/domain-facts.md).
"""

import re
from pathlib import Path

import pytest

import radiocode.precode
from radiocode.families import entry_steps
from radiocode.i18n import translations
from radiocode.reading import read

from .test_html import text_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src" / "radiocode" / "web" / "templates"
EVERY_PAGE = ["/", "/wait?tries=3", "/code?input=A123", "/code?input=O555", "/vehicles", "/guides"]


def all_pages(client):
    from radiocode.web.content import GUIDES, VEHICLES

    paths = EVERY_PAGE + [f"/guides/{g.slug}" for g in GUIDES] + [f"/vehicles/{v.slug}" for v in VEHICLES]
    return {path: client.get(path).text for path in paths}


def test_no_source_is_named_so_that_nobody_can_weigh_it(client):
    """Section 4 names each source by what it is; "the page this project started from" is not a name."""
    for path, html in all_pages(client).items():
        assert "this project started from" not in html, path
    for template in TEMPLATES.rglob("*.html"):
        assert "this project started from" not in template.read_text(), template


def test_home_hedges_safe(client):
    """Section 3: SAFE is what VW-group radios show; present it as possible, not certain."""
    page = text_of(client.get("/").text)
    assert "A wait, or SAFE Too many wrong codes" not in page
    assert "A wait, or perhaps SAFE" in page
    assert "other sources put SAFE on radios of other makes" in page


def test_home_says_media_nav_is_a_screen_with_a_precode(client):
    """Sections 2 and 5: Media Nav has a precode; Carminat, R-Link, R&GO have no public method."""
    page = text_of(client.get("/").text)
    assert "These have no precode" not in page
    assert "No public method works out the code of these screens" in page
    assert "Media Nav is different: it has a precode" in page


def test_precode_docstring_ties_no_renault_trucks_radio_to_the_precode():
    """Section 5: no public source ties a Renault Trucks radio to a family."""
    assert "Renault Trucks" not in radiocode.precode.__doc__


def test_stalk_steps_say_the_sources_do_not_say_how_to_move_on():
    """Section 3: press the stalk key, roll the thumbwheel for each digit; moving on is not stated."""
    steps = [str(step) for step in entry_steps("0086", "stalk")]
    assert "Our sources do not say how to move on to the next digit. Follow what the display shows." in steps
    assert steps.index("Our sources do not say how to move on to the next digit. Follow what the display shows.") < steps.index("Roll the thumbwheel until the first digit shows 0.")


def test_no_page_says_each_wrong_code_waits_longer(client):
    """Section 4: a code seller says 3 tries then 60 minutes; waits do not grow every time in every source."""
    for path, html in all_pages(client).items():
        page = text_of(html)
        assert "wait longer" not in page, path
        assert "wrong code to about 60 minutes" not in page, path
    assert "60 to 64 minutes" in text_of(client.get("/").text)
    assert "60 to 64 minutes" in text_of(client.get("/guides/faq").text)


def test_practice_radio_says_hold_until_the_beep(client):
    """Section 3: confirm by holding 6 (or 5) until a beep."""
    html = client.get("/code", params={"input": "A123"}).text
    practice = text_of(html.split('id="practice"', 1)[1].split("</section>", 1)[0])
    assert "then press 6 to confirm" not in practice
    assert "hold 6 until you hear a beep" in practice
    assert "Unlocked" not in html and "UNLOCKED" not in html
    html5 = client.get("/code", params={"input": "A123", "family": "preset5"}).text
    assert "hold 5 until you hear a beep" in text_of(html5.split('id="practice"', 1)[1].split("</section>", 1)[0])


def test_why_it_locked_invents_no_mechanism(client):
    """Section 5 lists triggers; it gives no mechanism (nothing "forgets the vehicle")."""
    page = text_of(client.get("/guides/why-it-locked").text)
    assert "forgets" not in page and "theft" not in page


def test_renault_trucks_vin_gets_the_trucks_advice():
    """Section 2: VF6 is Renault Trucks; section 5: their radios may have no precode, then the dealer."""
    reading = read("VF6AB0A0H12345678")
    where = str(reading.error.params["where"])
    assert "Renault Trucks dealer" in where
    assert "If this radio shows a precode" in where


def test_trucks_part_numbers_say_unless_the_radio_shows_a_precode(client):
    """Section 5: no public algorithm for Renault Trucks units WITHOUT a precode."""
    for path in ("/guides/precode-serial-part-number", "/vehicles/renault-trucks-midlum", "/vehicles/renault-trucks"):
        page = text_of(client.get(path).text)
        assert "No public method works out their code." not in page, path
        assert re.search(r"[Uu]nless (the|such a) radio shows a precode", page), path


@pytest.mark.parametrize(
    "msgid, wrong, right",
    [
        ("Hold the key on the stalk until the code is stored. This can take up to about 10 seconds.", "Cela peut prendre environ", "jusqu'à 10 secondes"),
        ("A memory saver plugged into the diagnostic (OBD) port keeps the radio powered during a battery swap, so it does not lock. Write the code down and keep it with the vehicle's papers.", "sauvegardeur", "boîtier de sauvegarde mémoire"),
    ],
)
def test_french_slips(msgid, wrong, right):
    """"environ 10 secondes" dropped "up to"; "sauvegardeur de mémoire" is not French."""
    text = translations("fr").gettext(msgid)
    assert text != msgid
    assert wrong not in text and right in text


class TestErrorPages:
    """What a person typed stays in the box, and the heading says what went wrong."""

    def test_nonexistent_precode_heading(self, client):
        html = client.get("/code", params={"input": "A012"}).text
        assert "<h1>A012 does not exist</h1>" in html
        assert "We could not read that" not in html

    @pytest.mark.parametrize("typed", ["A012", "ABCDE", "7700 434 436", "5010415658", "VF6AB0A0H12345678", "Medianav", "hello there"])
    def test_every_error_page_keeps_what_was_typed(self, client, typed):
        html = client.get("/code", params={"input": typed}).text
        assert re.search(r'<input id="input" name="input" type="text" value="' + re.escape(typed) + '"', html), typed

    def test_length_says_characters(self, client):
        page = text_of(client.get("/code", params={"input": "ABCDE"}).text)
        assert "You typed 5 characters." in page
        assert "You typed 1 character." in text_of(client.get("/code", params={"input": "A"}).text)

    def test_empty_submit_never_reaches_the_server(self, client):
        for path in ("/", "/code?input=A123", "/guides/show-precode"):
            html = client.get(path).text
            for field in re.findall(r'<input id="input"[^>]*>', html):
                assert " required" in field, (path, field)


@pytest.mark.parametrize("typed", ["8200####", "2811 1234", "7700####", "8200 1234"])
def test_seed_page_formats_typed_as_written_are_part_numbers(typed):
    """Section 2: the seed's "serial formats" 8200####, 2811####, 7700#### are Renault part numbers."""
    reading = read(typed)
    assert reading.kind == "renault_part_number", (typed, reading.error)


def test_medianav_typed_gets_the_media_nav_explanation(client):
    """Section 2: on Media Nav the precode is the last four characters of the serial under the barcode."""
    reading = read("Medianav")
    assert reading.kind == "media_nav_name"
    page = text_of(client.get("/code", params={"input": "Media Nav"}).text)
    assert "last four characters of the serial number under the barcode" in page


def test_guides_state_nothing_the_facts_do_not_give(client):
    """Removal methods, glovebox cards and aftermarket sellers are in no source the facts list."""
    pages = {path: text_of(html) for path, html in all_pages(client).items()}
    for path, page in pages.items():
        for unsupported in ("removal keys made for that model", "glovebox", "service book", "maker or the seller"):
            assert unsupported not in page, (path, unsupported)
