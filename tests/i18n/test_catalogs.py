"""The shipped translation catalogs: complete, well-formed and compiled.

Every language under ``src/radiocode/locales`` must translate every entry of
its .po file (nothing empty, nothing fuzzy), keep each ``%(name)s``
placeholder, HTML tag and display word of the English, and ship a .mo that
matches its .po.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from radiocode.i18n import DOMAIN, LOCALE_DIR, Message, translations

EXPECTED = ["fr", "de", "es", "it", "nl", "pl", "pt", "tr"]
LANGUAGES = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[0-9.]*[a-z]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>|&[a-z]+;")
# What the radio or a label shows, and names of makes and products: kept as they are.
KEPT = [
    "CODE", "SAFE", "SECURITY", "0000", "A123", "Renault", "Dacia", "Renault Trucks", "Midlum", "Media Nav",
    "Carminat", "R-Link", "Radio Connect R&GO", "Cabasse", "Blaupunkt", "Bosch", "Philips", "Continental",
    "LG", "medianav.net", "Becker", "Delphi",
]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(language: str):
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def pairs(message):
    """(English, translation) for each form of `message`."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(index, len(ids) - 1)], string) for index, string in enumerate(strings)]


class AnyValue(dict):
    """Stands in for every parameter when formatting a string."""

    def __missing__(self, key: str) -> int:
        return 1


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def catalog(language):
    return load(language)


def test_every_language_ships_a_catalog():
    assert LANGUAGES == sorted(EXPECTED)
    assert (LOCALE_DIR / f"{DOMAIN}.pot").is_file()


def test_catalog_is_complete(catalog):
    assert not catalog.fuzzy, "the header is marked fuzzy"
    assert len(catalog) > 0
    untranslated = [message.id for message in catalog if message.id and not all(string for _, string in pairs(message))]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    obsolete = list(catalog.obsolete)
    assert untranslated == []
    assert fuzzy == []
    assert obsolete == []


def test_plural_forms_match_the_language(catalog):
    for message in catalog:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == catalog.num_plurals, message.id


def test_babel_checks_pass(catalog):
    problems = [(message.id, [str(error) for error in errors]) for message, errors in catalog.check()]
    assert problems == []


def test_placeholders_are_kept(catalog):
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        every = set(PLACEHOLDER.findall(" ".join(message.id if isinstance(message.id, tuple) else [message.id])))
        for english, translated in pairs(message):
            if isinstance(message.id, tuple):
                # A plural form may leave out the count (one form for "1"), never add a name.
                ok = set(PLACEHOLDER.findall(translated)) <= every and (
                    set(PLACEHOLDER.findall(translated)) | {"%(count)s"} >= set(PLACEHOLDER.findall(english))
                )
            else:
                ok = Counter(PLACEHOLDER.findall(english)) == Counter(PLACEHOLDER.findall(translated))
            if not ok:
                wrong.append((english, translated))
    assert wrong == []


def test_translations_format_like_the_english(catalog):
    """Whatever `%` formatting the English survives, the translation survives too."""
    broken = []
    for message in catalog:
        for english, translated in pairs(message) if message.id else []:
            try:
                english % AnyValue()
            except (ValueError, TypeError):
                continue
            try:
                translated % AnyValue()
            except (ValueError, TypeError) as error:
                broken.append((english, translated, str(error)))
    assert broken == []


def test_html_is_kept(catalog):
    changed = [
        (english, translated)
        for message in catalog if message.id
        for english, translated in pairs(message)
        if Counter(TAG.findall(english)) != Counter(TAG.findall(translated))
    ]
    assert changed == []


def test_no_markup_characters_added(catalog):
    """Jinja's newstyle gettext trusts translations as markup (some land in attributes): add no ", <, > or &."""
    added = [
        (english, translated)
        for message in catalog if message.id
        for english, translated in pairs(message)
        if any(char in translated and char not in english for char in '"<>&')
    ]
    assert added == []


def test_display_words_and_names_are_kept(catalog):
    lost = [
        (word, english, translated)
        for message in catalog if message.id
        for english, translated in pairs(message)
        for word in KEPT
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", english) and word not in translated
    ]
    assert lost == []


def test_mo_is_compiled_from_the_po(language, catalog, tmp_path):
    """The shipped .mo holds exactly what compiling the .po gives now."""
    fresh = tmp_path / f"{DOMAIN}.mo"
    with fresh.open("wb") as handle:
        write_mo(handle, catalog)
    shipped = po_path(language).with_suffix(".mo")
    assert shipped.is_file(), f"{shipped} is missing: run pybabel compile -d src/radiocode/locales -D {DOMAIN}"
    with fresh.open("rb") as a, shipped.open("rb") as b:
        expected, actual = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    # The header names the Babel version that wrote it: compare the messages, and the plural rule below.
    fresh_messages = {key: value for key, value in expected._catalog.items() if key != ""}
    shipped_messages = {key: value for key, value in actual._catalog.items() if key != ""}
    assert shipped_messages == fresh_messages, f"{shipped} is stale: run pybabel compile -d src/radiocode/locales -D {DOMAIN}"
    assert actual.plural(1) == expected.plural(1) and actual.plural(2) == expected.plural(2) and actual.plural(5) == expected.plural(5)


def test_the_core_renders_in_each_language(language, catalog):
    """The core's late rendering finds the shipped catalog, nested messages included."""
    loaded = translations(language)
    assert isinstance(loaded, gettext.GNUTranslations)
    for message in catalog:
        if message.id and not isinstance(message.id, tuple) and PLACEHOLDER.search(message.id):
            params = {name[2:name.index(")")]: 1 for name in PLACEHOLDER.findall(message.id)}
            assert Message(message.id, **params).render(loaded) == message.string % params
    step = "Press preset %(button)d %(times)s: the %(ordinal)s digit shows %(digit)d."
    if step not in catalog or "twice" not in catalog or "first" not in catalog:
        pytest.skip("the entry-step strings have changed")
    text = Message(step, button=1, times=Message("twice"), ordinal=Message("first"), digit=2).render(loaded)
    assert text == catalog[step].string % {
        "button": 1, "times": catalog["twice"].string, "ordinal": catalog["first"].string, "digit": 2,
    }
