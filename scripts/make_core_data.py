"""Write the data the browser's core (static/core.js) shares with the Python core.

    .venv/bin/python scripts/make_core_data.py          # write the files
    .venv/bin/python scripts/make_core_data.py --check  # exit 1 when they are stale

Writes static/core-data.js (number kinds, look-alike tables, hints, error
messages, family steps, the lockout table, the site's languages and guides)
and static/i18n/<language>.json (the translations of every message the core can
give, for pages the offline worker builds). The algorithm stays hand-written in
core.js; tests/offline proves it equal to the Python core. Run this after
changing any of the modules read below, or the catalogs.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from radiocode import exceptions, families, kinds, lockout, radios, reading  # noqa: E402
from radiocode.radios import fiat_daiichi, fiat_vp, ford_m  # noqa: E402
from radiocode.i18n import Message, translations  # noqa: E402
from radiocode.web import content  # noqa: E402
from radiocode.web.languages import LANGUAGES  # noqa: E402

PACKAGE = ROOT / "src" / "radiocode"
STATIC = PACKAGE / "web" / "static"
DATA = STATIC / "core-data.js"
CATALOGS = STATIC / "i18n"
# The modules whose messages the browser's core can show.
MESSAGE_MODULES = ["precode.py", "reading.py", "kinds.py", "families.py", "lockout.py", "exceptions.py"]
# Python's \s in a JS character class (wider than JS's \s); core.js uses the same.
# Texts of the wait section (templates/forms.html, wait.html) that change with the count of
# wrong codes: shell.js writes them into a cached page for another count. [singular, plural]
# for {% trans count=… %}…{% pluralize %}; the offline tests hold them equal to the server's.
PAGE_MESSAGES: dict[str, Any] = {
    "wait_title": ["After %(count)s wrong code", "After %(count)s wrong codes"],
    "sources_title": ["What each source says after %(count)s wrong code", "What each source says after %(count)s wrong codes"],
    "minutes": "%(minutes)s min",
    # No {% pluralize %} in the template: one text for every count.
    "alts_count": "1 of %(count)s possible codes: check the letter",
    # The same box when the others are precodes found elsewhere on the label, not look-alikes.
    "alts_count_label": "1 of %(count)s possible codes: check which one is the precode",
    "alts_title": "Check the letter before you enter it",
    "alts_title_label": "Check which one your label marks as the precode",
    "no_figure": "no figure for this count",
}
PY_SPACE = r"\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
WORD = r"[\p{L}\p{N}_]"


def message(m: Message | None) -> dict[str, Any] | None:
    """A Message as core.js keeps it: {id, params}, nested messages alike."""
    if m is None:
        return None
    params = {key: message(value) if isinstance(value, Message) else value for key, value in m.params.items()}
    return {"id": m.msgid, "params": params or None}


def js_pattern(pattern: str) -> str:
    """A Python pattern of kinds.RADIO_NAMES as a JS "u" pattern: Unicode \\b and Python's \\s."""
    pattern = re.sub(r"\\b(?=[A-Z(])", lambda _: f"(?<!{WORD})", pattern)
    pattern = re.sub(r"\\b", lambda _: f"(?!{WORD})", pattern)
    return pattern.replace(r"\s", f"[{PY_SPACE}]")


def where_key(where: Message) -> str:
    return next(name for name, value in vars(kinds).items() if name.startswith("WHERE_") and value is where)


def kind_row(kind: kinds.NumberKind, js_regex: bool = False) -> dict[str, Any]:
    return {
        "kind": kind.kind,
        "what": kind.what.msgid,
        "where": where_key(kind.where),
        "pattern": js_pattern(kind.pattern.pattern) if js_regex else kind.pattern.pattern,
        "computable": kind.computable,
    }


def errors() -> dict[str, str]:
    """Each error type's default message (exceptions.py)."""
    out = {}
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        if isinstance(cls, type) and issubclass(cls, exceptions.ValidationError):
            out[cls.type] = cls.message
    return out


def errors_one() -> dict[str, str]:
    """The message an error type gives for a count of one ("You typed 1 character.")."""
    out = {}
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        if isinstance(cls, type) and "message_one" in vars(cls):
            out[cls.type] = cls.message_one
    return out


def lockout_table() -> list[dict[str, Any]]:
    """lockout.lockout_waits for every count it accepts: the rules stay in Python."""
    table = []
    for tries in range(1, lockout.MAX_TRIES + 1):
        estimate = lockout.lockout_waits(tries)
        table.append({
            "tries": estimate.tries,
            "waits": [{"source": w.source, "minutes": w.minutes} for w in estimate.waits],
            "shortest": estimate.shortest,
            "longest": estimate.longest,
            "recommended": estimate.recommended,
            "past_sources": estimate.past_sources,
            "described_up_to": estimate.described_up_to,
            "advice": message(estimate.advice),
        })  # fmt: skip
    return table


def data() -> dict[str, Any]:
    # A list: the order is the site's (the first is the default family).
    fams = [{"name": name, "confirm": message(f.confirm), "note": message(f.note)} for name, f in families.FAMILIES.items()]
    return {
        "MAX_INPUT_LENGTH": reading.MAX_INPUT_LENGTH,
        "ERRORS": errors(),
        "ERRORS_ONE": errors_one(),
        "WRITTEN_PART_NUMBER": kinds._WRITTEN_PART_NUMBER.pattern,
        "PAGE_MESSAGES": PAGE_MESSAGES,
        "WHERE": {name: value.msgid for name, value in vars(kinds).items() if name.startswith("WHERE_")},
        "KINDS": [kind_row(k) for k in kinds.KINDS],
        "RADIO_NAMES": [kind_row(k, js_regex=True) for k in kinds.RADIO_NAMES],
        "DIGIT_LOOKALIKES": reading.DIGIT_LOOKALIKES,
        "LETTER_LOOKALIKES": reading.LETTER_LOOKALIKES,
        "LETTER_GROUPS": reading.LETTER_GROUPS,
        "HINTS": reading.HINTS,
        "KEYWORDS": sorted(reading.KEYWORDS),
        "FAMILIES": fams,
        "TIMES": [None] + [families._TIMES[n] for n in range(1, 10)],
        "ORDINAL": [None] + [families._ORDINAL[n] for n in range(1, 5)],
        "MAX_TRIES": lockout.MAX_TRIES,
        "KEEP_ON": message(lockout.KEEP_ON),
        "LOCKOUT": lockout_table(),
        "LANGUAGES": list(LANGUAGES),
        "GUIDES": [guide.slug for guide in content.GUIDES],
        "RADIOS": radio_data(),
    }


def radio_data() -> dict[str, Any]:
    """What static/radios.js needs to read a Ford serial or a Fiat number as radiocode.radios
    does (for the inputs it answers alone): the messages, from the modules' own readings."""
    first = lambda found: found.messages[0].msgid  # noqa: E731
    steps = ford_m.entry_steps("1234")
    makes = {make: list(ids) for make, ids in radios.MAKES.items()}
    return {
        "EXAMPLES": {radio_id: radio.input_rule.example for radio_id, radio in radios.RADIOS.items() if radio_id != "renault"},
        "MAKES": makes,
        # The make whose digits several radios read: its choice page is saved for offline use.
        # Text in which the server's Ford reader may find what the browser's readers do not
        # (a model name, a display-scroll line, a serial among other words): offline, the
        # worker says such text needs the server rather than read a Renault precode in it.
        "SERVER_ONLY_TEXT": "|".join([kind.pattern.pattern for kind in ford_m.LOOKALIKES] + [r"[MV][0-9]{6}", ford_m._PART_NUMBER.pattern.pattern]),
        "CHOICE_MAKE": max(makes, key=lambda make: len(makes[make])),
        "SERIAL": first(ford_m.read("M123456")),
        "DROPPED_ZERO": first(ford_m.read("M0123456")),
        "NUMBER": first(fiat_daiichi.read("6461")),
        "LAST_FOUR": first(fiat_vp.read("12342063")),
        "FORD_STEPS": {
            "first": steps[0].msgid,
            "digit": steps[1].msgid,
            "last": steps[-1].msgid,
            "ordinal": [None] + [ford_m._ORDINAL[n] for n in range(1, 5)],
        },
    }


def radio_msgids() -> list[str]:
    """The messages of radio_data(): the offline Ford and Fiat result pages show them."""
    found = radio_data()
    texts = [found[key] for key in ("SERIAL", "DROPPED_ZERO", "NUMBER", "LAST_FOUR")]
    steps = found["FORD_STEPS"]
    return texts + [steps["first"], steps["digit"], steps["last"], *steps["ordinal"][1:]]


def msgids() -> list[str]:
    """Every N_("…") literal in the core modules: what the browser's core may show."""
    found: set[str] = set()
    for name in MESSAGE_MODULES:
        for node in ast.walk(ast.parse((PACKAGE / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return sorted(found)


def plural(language: str, singular: str, plural_: str) -> dict[str, list[Any]] | None:
    """A plural message for counts 0 to MAX_TRIES: its distinct texts and, per count, which one.

    None when the language says it as English does (shell.js then uses English's n == 1 rule).
    """
    catalog = translations(language)
    texts = [catalog.ngettext(singular, plural_, n) for n in range(lockout.MAX_TRIES + 1)]
    if texts == [singular if n == 1 else plural_ for n in range(lockout.MAX_TRIES + 1)]:
        return None
    forms = list(dict.fromkeys(texts))
    return {"forms": forms, "n": [forms.index(text) for text in texts]}


def catalog(language: str) -> dict[str, Any]:
    """msgid -> translation; a plural msgid (by its singular) -> {forms, n} (see plural())."""
    gettext = translations(language).gettext
    out: dict[str, Any] = {m: gettext(m) for m in [*msgids(), *radio_msgids()] if gettext(m) != m}
    for value in PAGE_MESSAGES.values():
        if isinstance(value, list):
            forms = plural(language, *value)
            if forms:
                out[value[0]] = forms
        elif gettext(value) != value:
            out[value] = gettext(value)
    return out


def outputs() -> dict[Path, str]:
    header = "// Generated by scripts/make_core_data.py from the Python core: do not edit, run the script.\n"
    body = json.dumps(data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    files = {DATA: header + "self.radiocodeData = " + body + ";\n"}
    for language in LANGUAGES:
        if language != "en":
            files[CATALOGS / f"{language}.json"] = json.dumps(catalog(language), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    return files


def stale() -> list[Path]:
    """The generated files that differ from what the modules give now."""
    return [path for path, text in outputs().items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        old = stale()
        for path in old:
            print(f"{path} is stale: run scripts/make_core_data.py", file=sys.stderr)
        return 1 if old else 0
    CATALOGS.mkdir(exist_ok=True)
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
