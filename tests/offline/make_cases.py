"""Write tests/cases/readings.json: inputs and what the Python core reads in them.

The browser's port (``src/radiocode/web/static/core.js``) must read every case
the same way; ``test_cases.py`` fails when this file no longer matches the core.
Run from the repository root after changing the core or the list below::

    python -m tests.offline.make_cases
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path
from typing import Any

from radiocode import read

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "readings.json"

# Every input of tests/test_reading.py and tests/test_robustness.py that JSON can hold.
CORE_TEST_INPUTS: list[Any] = [
    # label strings
    "281150198RT A583", "7 649 190 391 28 115 9243RT S049", "PRE CODE: T728", "SECURITY Z546",
    "281150198RTA583", "PRE C0DE: T728", "PRE CODE: T72B", "LAN5200WR3 SECURITY A583", "precode: s049",
    "a123", "0818", "Q818", "O818", "Q420",
    # look-alikes
    "A1O2", "BI23", "Bl23", "B|23", "AS23", "AB12", "AZ12", "1123", "5053", "8100", "2999", "S0S3",
    "AO12", "l123", "281150198RT 0818",
    # not a precode
    "7700 434 436", "8200 057 676", "281159243R", "2811 53168R", "7 649 159 391", "BP0490",
    "BP234631991366", "22DC259/62T", "22DC449/62", "A2C80534001", "LAN5200WR3", "VF1BB0A0H12345678",
    "VF6MF000012345678", "Part no: 8200 057 676", "7 607 005 012", "5010415658", "7421123456",
    "Carminat", "R-Link 2", "Radio Connect R&GO", "cabasse", "XBP0490 Z",
    # the seed page's formats as written, and the Media Nav name (issue 11)
    "8200####", "7700####", "2811 1234", "8200 1234", "Medianav", "Media Nav", "media-nav",
    # unusable
    "", "   \t ", "A12", "12345", "A012", "A\u0661\u0662\u0663", "A12\u00b3", "hello there my friend", "x" * 501,
    # junk (tests/test_robustness.py)
    None, 0, 1.5, ["A123"], {"A123": 1}, True,
    " ", "\x00", "\x00A123", "A123\x00", "\ud800", "🚗", "A🚗12", "🚗" * 1000, "A" * 10_000,
    "\u202eA123", "A\u0301123", "Ａ０１２", "ＡＢＣＤ", "\ufeffA123", "<script>alert(1)</script>",
    "' OR 1=1 --", "%s%s%n", "{0}", "A1 23 45 67", "\n\n\n", "ı123", "A١٢٣", "A12³", "Ⅸ123", "ＴＥＳＴ",
]  # fmt: skip

# More: the corners where Python and JavaScript differ (code points, Unicode
# spaces, word boundaries, upper-casing, str.isdigit), and more real-looking labels.
MORE_INPUTS: list[Any] = [
    # every domain-facts vector, typed plainly and messily
    "S053", "V188", "S049", "Z999", "A123", "B456", "C789", "A100", "A109", "A129", "A999", "B100",
    "I123", "O555", "Q100", "T903", "Z100", "Z546", "Z990", "Z998", "Y020",
    "a-123", " q 420 ", "A.123", "A 123", "a123 ", "  b456", "A\u2013123", "A\u00a0123", "A\u3000123",
    "Ａ１２３", "ａ１２３", "A1 2 3", "A-1-2-3", "A_123", "A·123", "A・123", "A1・23", "A\u200b123", "A\u00ad123",
    "A099", "A000", "a050", "B000", "B099", "Z000", "A100", "A0 99",
    # look-alikes in every position
    "O8I8", "Q8l8", "D818", "d818", "o818", "q818", "0S1B", "OOOO", "0000", "1111", "2222", "5555", "8888",
    "IIII", "llll", "SSSS", "ZZZZ", "BBBB", "GGGG", "bbbb", "gggg", "qqqq", "|||1", "!123", "A!23",
    "AG12", "Ab12", "Ag12", "Aq12", "Az12", "As12", "Ai12", "AI12", "AD12", "AQ12", "Ao12", "L123", "i123",
    "3123", "4123", "6123", "7123", "9123", "#123", "A12O", "B12Q",
    # labels
    "7 649 483 391 28 115 4068RT |731", "SECURITY 1382", "PRE CODE: 1728", "SECURITYWO43", "SECURITYOO05",
    "SECURITY|123", "CODEA583", "PRECODET728", "C0DE0818",
    "281150198RT A012", "PRECODE A012", "SECURITYA012", "SECURITYAO12", "T A012", "Code: AO12", "281150198RT A012 B123",
    "A012 7700434436", "label A012 here", "281150198RT  a0l2",
    "T0O818", "RT 0818", "281150198RT O8I8", "281150198RTQ818", "9243RT S049 A583", "A583 S049",
    "SECURITY: S049", "SECURITY CODE Z546", "SECURITYCODE Z546", "SECURITY-CODE Z546", "PRECODE T728",
    "CODE: B456", "C0DE B456", "code- b456", "CODE A1 23", "CODE 0818", "Code: o818", "PRE CODE: T72B 281150198RT A583",
    "SN 123456T0818", "SN 1234567X0818", "12345A123", "1A123", "ABCDEA123", "TA123", "tA123", "T A123",
    "xT0818", "x³A123", "x²A123", "x\u0661A123", "xßA123", "ßA123", "ﬁA123", "ŉA123", "ǅA123",
    "serial: 281150198RT A583 part 8200 057 676", "7700434436 A583", "A583 7700434436", "VF1BB0A0H12345678 A583",
    "BP0490 A583", "BP0490A583", "LAN5200WR3", "LAN5200", "LAN5200WR", "22DC449/62 Q420", "A2C80534001 S049",
    "Radio: 22DC449/62T", "8200-057-676", "8200.057.676", "82OO 057 676", "VF1 BB0A 0H12 345678",
    "vf1bb0a0h12345678", "WVWZZZ1JZXW000001", "12345678901234567", "ABCDEFGHJKLMNPRST",
    "7607005012", "7 607 005 0xx", "5010 415 658", "7421 123 456", "76 4915 9391",
    "BP 2346 3199 1366", "bp234631991366",
    # radios named in free text
    "CARMINAT", "Becker", "becker radio", "my Carminat TomTom", "carminatx", "xcarminat", "écarminat",
    "carminaté", "carminat_", "_carminat", "carminat1", "R LINK", "r - link", "RLINK", "R-LINK2", "R\u00a0LINK",
    "R\x1cLINK", "R\x85LINK", "r&go", "R & GO", "Radio  Connect", "RADIOCONNECT", "radio\tconnect",
    "cabasse auditorium", "CABASSE2", "carmınat", "Cabasse R-Link",
    # spaces and separators Python and JS see differently
    "\x1cA123", "A123\x1f", "\x85A123\x85", "\u2028A123", "A123\u2029", "A\x1c123", "A\x85123",
    "281150198RT\x1cA583", "281150198RT\x85A583", "281150198RT\u2028A583", "\ufeff281150198RT A583",
    "A\ufeff123", "\u180eA123", "\u200bA123\u200b", "\u3000A123\u3000", "\tA123\n", "A123\r\n",
    # characters, lengths and code points
    "A12", "A1234", "AB123", "A12B", "1234", "12", "A", "x", "xx", "!", "A12-", "A1\u00b23", "A\U0001d7cf23",
    "🚗A123", "A123🚗", "281150198RT 🚗A583", "🚗🚗🚗🚗", "A🚗", "ÄÖÜ1", "É123", "é123", "Ǆ123",
    "x" * 500, "x" * 499 + "🚗", "🚗" * 500, "🚗" * 501, "A123" + " " * 496, "A123" + " " * 497,
    "a" * 7, "abc/def", "A1/23", "A123/", "/A123", "A,123", "A;123", "(A123)", "[A123]", "{A123}", "<A123>",
    "'A123'", "\"A123\"", "#A123", "A=123", "*A123*",
    # typed numbers people send
    "0086", "00 86", "1234 5678", "123456", "1234567", "hello", "help me", "radio code", "A123 B456", "A123 B456 C789",
]  # fmt: skip

LABEL_ALPHABET = string.ascii_letters + string.digits + " -.:/|!" + "OQDIlSZBGbgq0158"
WIDE_ALPHABET = LABEL_ALPHABET + "ßıİﬁ³²¹١٢\u00a0\u2013\u3000\x1c\x85\u200bＡ１・·_&#RT"


def random_inputs(count: int, seed: int = 4) -> list[str]:
    """Label-like text, made the same way on every run."""
    rng = random.Random(seed)
    pieces = ["RT", "T", "BP", "VF1", "CODE", "SECURITY", "PRE", "8200", "7700", "LAN", "DC", "R-LINK", "A2C", "2811"]
    out = []
    for i in range(count):
        alphabet = LABEL_ALPHABET if i % 2 else WIDE_ALPHABET
        parts = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.3:
                parts.append(rng.choice(pieces))
            else:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))))
        out.append(rng.choice(["", " ", ": "]).join(parts))
    return out


def case_inputs() -> list[Any]:
    """Every input the case file holds, in order, without repeats."""
    seen: set[str] = set()
    inputs = []
    for text in CORE_TEST_INPUTS + MORE_INPUTS + random_inputs(600):
        key = json.dumps(text, sort_keys=True)
        if key not in seen:
            seen.add(key)
            inputs.append(text)
    return inputs


def python_reading(text: Any) -> dict[str, Any]:
    """What the Python core reads in `text`, in the shape both test suites compare."""
    reading = read(text)
    return {**reading.to_dict(), "error": reading.error.type if reading.error else None}


def build() -> dict[str, Any]:
    return {
        "about": "Inputs and the Python core's readings; core.js must give the same. Rewrite with: python -m tests.offline.make_cases",
        "cases": [{"input": text, "reading": python_reading(text)} for text in case_inputs()],
    }


def render(data: dict[str, Any]) -> str:
    # ASCII only, one case per line: lone surrogates survive and diffs stay readable.
    lines = [json.dumps(case, ensure_ascii=True) for case in data["cases"]]
    return '{"about": %s,\n"cases": [\n%s\n]}\n' % (json.dumps(data["about"]), ",\n".join(lines))


def main() -> None:
    CASES_FILE.parent.mkdir(parents=True, exist_ok=True)
    text = render(build())
    CASES_FILE.write_text(text, encoding="ascii")
    print(f"{CASES_FILE}: {text.count(chr(10)) - 3} cases, {len(text)} bytes")


if __name__ == "__main__":
    main()
