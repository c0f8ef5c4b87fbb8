"""Language by URL prefix, the switcher's cookie, Accept-Language, hreflang and the sitemap."""

import re

import pytest

from radiocode.web.languages import LANGUAGES

HOME_HEADINGS = {
    "en": "Get your radio code",
    "fr": "Obtenez le code de votre autoradio",
    "de": "Ihren Radiocode erhalten",
    "pl": "Zdobądź kod radia",
}
BASE = "https://radiocode.example"


def hrefs(html):
    return re.findall(r'<a [^>]*href="([^"]*)"', html)


@pytest.mark.parametrize("code", ["fr", "de", "pl"])
def test_prefixed_home_is_translated(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f"<h1>{HOME_HEADINGS[code]}</h1>" in response.text
    assert f'<html lang="{code}">' in response.text
    assert "Get your radio code" not in response.text


def test_every_language_serves_the_pages(client):
    for code in LANGUAGES:
        prefix = "" if code == "en" else f"/{code}"
        for path in ["/", "/guides", "/guides/faq", "/vehicles", "/wait", "/api", "/code?input=A123"]:
            response = client.get(prefix + path, headers={"accept-language": "en"})
            assert response.status_code == 200, (code, path)
            assert f'<html lang="{code}">' in response.text


def test_prefixed_result_page(client):
    response = client.get("/fr/code", params={"input": "A123"})
    assert response.status_code == 200
    assert "Le code de votre autoradio" in response.text
    assert "0086" in response.text


def test_links_keep_the_prefix(client):
    html = client.get("/de/code", params={"input": "A123"}).text
    pages = [h for h in hrefs(html) if h.startswith("/") and not h.startswith(("/static/", "/api/", "/language/"))]
    assert pages
    assert all(h.startswith("/de/") for h in pages), pages
    assert 'action="/de/code"' in client.get("/de/").text
    # English links stay unprefixed.
    english = [h for h in hrefs(client.get("/guides").text) if h.startswith("/") and not h.startswith(("/static/", "/language/"))]
    assert not any(h.startswith(tuple(f"/{c}/" for c in LANGUAGES)) for h in english)


@pytest.mark.parametrize("path", ["/xx/", "/xx/code", "/en/", "/fr/static/site.css", "/fr/api/v1/radios", "/fr/sitemap.xml"])
def test_unknown_prefix_is_404(client, path):
    assert client.get(path).status_code == 404


def test_prefixed_404_is_translated(client):
    response = client.get("/fr/nothing-here")
    assert response.status_code == 404
    assert "Il n&#39;y a rien à cette adresse." in response.text


def test_hreflang_canonical_and_x_default(client):
    html = client.get("/pl/guides/faq").text
    assert f'<link rel="canonical" href="{BASE}/pl/guides/faq">' in html
    for code in LANGUAGES:
        prefix = "" if code == "en" else f"/{code}"
        assert f'<link rel="alternate" hreflang="{code}" href="{BASE}{prefix}/guides/faq">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}/guides/faq">' in html
    home = client.get("/fr/").text
    assert f'<link rel="canonical" href="{BASE}/fr/">' in home
    result = client.get("/de/code", params={"input": "A123", "family": "preset5"}).text
    assert f'<link rel="canonical" href="{BASE}/de/code?input=A123">' in result
    assert f'<link rel="alternate" hreflang="pl" href="{BASE}/pl/code?input=A123">' in result


def test_sitemap_has_an_entry_per_language(client):
    xml = client.get("/sitemap.xml").text
    for code in LANGUAGES:
        prefix = "" if code == "en" else f"/{code}"
        assert f"<loc>{BASE}{prefix}/</loc>" in xml
        assert f"<loc>{BASE}{prefix}/guides/faq</loc>" in xml


def test_switcher_links(client):
    html = client.get("/fr/code", params={"input": "A123"}).text
    for code, name in LANGUAGES.items():
        assert re.search(rf'<a href="/language/{code}\?next=[^"]*" hreflang="{code}" lang="{code}"[^>]*>{name}</a>', html), code
    assert 'hreflang="fr" lang="fr" rel="nofollow" aria-current="true">Français</a>' in html
    assert 'aria-label="Langue"' in html


def test_switcher_sets_the_cookie_and_goes_to_the_same_page(client):
    response = client.get("/language/pl", params={"next": "/code?input=A123"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/pl/code?input=A123"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("lang=pl;")
    assert "samesite=lax" in cookie.lower()
    # The choice is remembered: the home page goes to Polish.
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 302
    assert home.headers["location"] == "/pl/"


def test_choosing_english_overrides_accept_language(client):
    client.get("/language/en", params={"next": "/"}, follow_redirects=False)
    home = client.get("/", headers={"accept-language": "fr"}, follow_redirects=False)
    assert home.status_code == 200
    assert '<html lang="en">' in home.text


@pytest.mark.parametrize("next_", ["https://evil.example/", "//evil.example/", "/\\evil.example", None])
def test_switcher_never_leaves_the_site(client, next_):
    params = {"next": next_} if next_ is not None else {}
    response = client.get("/language/de", params=params, follow_redirects=False)
    assert response.headers["location"] == "/de/"


def test_switcher_unknown_language_is_404(client):
    assert client.get("/language/xx", follow_redirects=False).status_code == 404


def test_home_follows_accept_language(client):
    response = client.get("/", headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/de/"
    assert response.headers["vary"] == "Accept-Language, Cookie"
    english = client.get("/", headers={"accept-language": "ja, en;q=0.5"}, follow_redirects=False)
    assert english.status_code == 200
    assert english.headers["vary"] == "Accept-Language, Cookie"
    # Other unprefixed pages are English whatever the browser says: one URL, one language.
    guides = client.get("/guides", headers={"accept-language": "fr"})
    assert '<html lang="en">' in guides.text


def test_api_message_in_french(client):
    response = client.get("/api/v1/code", params={"input": "A123"}, headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "0086"
    english = client.get("/api/v1/code", params={"input": "A123"}).json()
    assert body["message"] != english["message"]
    assert "0086" in body["message"]
    assert "Accept-Language" in response.headers["vary"]


def test_api_errors_in_french(client):
    response = client.get("/api/v1/nothing", headers={"accept-language": "fr"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Il n'y a rien à cette adresse."
    assert "Accept-Language" in response.headers["vary"]
    bad = client.get("/api/v1/code", params={"input": "A012"}, headers={"accept-language": "fr"})
    assert bad.status_code == 422
    english = client.get("/api/v1/code", params={"input": "A012"})
    assert bad.json()["error"]["message"] != english.json()["error"]["message"]


def test_api_defaults_to_english(client):
    response = client.get("/api/v1/nothing", headers={"accept-language": "ja"})
    assert response.json()["error"]["message"] == "There is nothing at this address."


def test_error_pages_switcher_does_not_echo_the_input(client):
    html = client.get("/code", params={"input": "7700 434 436"}).text
    assert "/language/fr?next=%2Fcode\"" in html
    assert "434" not in html.split("<footer>")[1]
