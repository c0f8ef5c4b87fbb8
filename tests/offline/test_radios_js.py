"""radios.js, the browser's port of the Ford and Fiat methods, gives what radiocode.radios gives.

Each family's whole input space in one page.evaluate: the page computes every code
with the same function the site uses, packs them into one string and returns its
SHA-256, which must equal the hash of Python's list (M000000 to M999999 for Ford,
every 6-digit number for the Fiat Visteon, 0000 to 9999 for the Fiat VP and Daiichi).
"""

from __future__ import annotations

import functools
import hashlib

import pytest

from radiocode.radios import MODULES, _ford_algorithm, fiat_daiichi, fiat_visteon, fiat_vp, ford_m
from radiocode.exceptions import ValidationError

# Every code of a family over `count` inputs, packed: 4 characters a code, "----" where none.
PACK_IN_BROWSER = """async ([radio, count, width, prefix]) => {
    const started = performance.now();
    const codes = new Array(count);
    for (let i = 0; i < count; i++) {
        const number = prefix + String(i).padStart(width, "0");
        codes[i] = radiocodeRadios.radioCode(radio, number) ?? "----";
    }
    const packed = codes.join("");
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(packed));
    const hex = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("");
    return {hex, length: packed.length, ms: performance.now() - started};
}"""


def _python_code(module, number: str) -> str:
    try:
        return module.radio_code(number)
    except ValidationError:
        return "----"


def _packed_hash(codes: str) -> str:
    return hashlib.sha256(codes.encode("ascii")).hexdigest()


@functools.cache
def _ford_codes() -> str:
    # The core's vectorised method (what ford_m.table() and fiat_visteon.table() pair with
    # their numbers), in serial order; tests/test_radios_algorithms.py checks it against
    # radio_code() and the facts' statement.
    return "".join(map("".join, _ford_algorithm.codes()))


@pytest.mark.parametrize(
    ("radio", "count", "width", "prefix", "python"),
    [
        ("ford-m", 1_000_000, 6, "M", _ford_codes),
        ("fiat-visteon", 1_000_000, 6, "", _ford_codes),
        ("fiat-vp", 10_000, 4, "", lambda: "".join(_python_code(fiat_vp, "%04d" % n) for n in range(10_000))),
        ("fiat-daiichi", 10_000, 4, "", lambda: "".join(_python_code(fiat_daiichi, "%04d" % n) for n in range(10_000))),
    ],
)
def test_every_input_gives_the_python_code(core_page, radio, count, width, prefix, python):
    want = python()
    assert len(want) == 4 * count
    got = core_page.evaluate(PACK_IN_BROWSER, [radio, count, width, prefix])
    assert (got["length"], got["hex"]) == (len(want), _packed_hash(want)), radio
    print(f"{radio}: {count:,} codes in {got['ms']:.0f} ms in Chromium")


def test_the_packed_lists_are_the_per_number_codes():
    # The list the hashes come from agrees with radio_code() one number at a time (a sample).
    codes = _ford_codes()
    for n in range(0, 1_000_000, 997):
        assert ford_m.radio_code("M%06d" % n) == fiat_visteon.radio_code("%06d" % n) == codes[4 * n : 4 * n + 4]
    assert _ford_codes()[4 * 140_687 : 4 * 140_688] == "8593"


def test_facts_vectors_in_the_browser(core_page):
    vectors = [("ford-m", v.number, v.code) for v in ford_m.VECTORS]
    vectors += [("fiat-visteon", "999999", "4968"), ("fiat-vp", "2063", "1341"), ("fiat-daiichi", "6461", "8354")]
    got = core_page.evaluate("vs => vs.map(([r, n]) => radiocodeRadios.radioCode(r, n))", vectors)
    assert got == [code for _, _, code in vectors]


def test_no_code_where_python_gives_none(core_page):
    cases = [("ford-m", "V123456"), ("ford-m", "M12345"), ("ford-m", "M1234567"), ("ford-m", "123456"),
             ("fiat-daiichi", "0461"), ("fiat-vp", "206"), ("fiat-vp", "20631"), ("fiat-visteon", "99999A")]  # fmt: skip
    for radio, number in cases:
        assert _python_code(MODULES[radio], number) == "----", (radio, number)
    cases += [("renault", "A123"), ("nope", "1234"), ("ford-m", None)]
    got = core_page.evaluate("cs => cs.map(([r, n]) => radiocodeRadios.radioCode(r, n))", cases)
    assert got == [None] * len(cases)


def test_ids_are_the_registry_s(core_page):
    assert core_page.evaluate("() => radiocodeRadios.IDS") == [r for r in MODULES if r != "renault"]


def _reading_cases() -> list[tuple[str, str]]:
    """(text, radio) pairs around every form radios.read answers alone, and beside them."""
    import random

    rng = random.Random(7)
    cases = [(text, "") for text in ("M140687", "m 140687", "M-140687", "M0140687", "Ｍ１４０６８７", "V123456", "v 654321", " M083988 ", "MO11936", "M87042", "A123", "2063", "Unit FDC200 M140687")]
    radios = ["fiat-vp", "fiat-daiichi", "fiat-visteon", "ford-m", "ford", "fiat", "Fiat", "alfa romeo", "Alfa_Romeo", " fiat-vp ", "renault", "stalk", "toyota"]
    texts = ["2063", "0461", "20 63", "２０６３", "206", "20631", "12342063", "999999", "99999A", "654321", "M140687", "V123456", "", "1234567"]
    cases += [(text, radio) for radio in radios for text in texts]
    cases += [(f"M{rng.randrange(10**6):06d}", "") for _ in range(200)]
    cases += [(f"{rng.randrange(10**n):0{n}d}", rng.choice(radios)) for n in (4, 5, 6, 8) for _ in range(60)]
    return cases


def test_readings_are_radiocode_read(core_page):
    """radios.read, which the offline worker and shell.js use, reads as radiocode.read does
    wherever it answers (the code, the number, the kind, the message, the radios asked
    about), and answers every whole serial and every family's exact digits."""
    import radiocode

    cases = _reading_cases()
    got = core_page.evaluate(
        """cs => cs.map(([t, r]) => {
            const x = radiocodeRadios.read(t, r);
            if (!x) return null;
            return {ok: x.ok, code: x.code, number: x.number, kind: x.kind, radio: x.radio, corrected: x.corrected,
                    type: x.error && x.error.type, byRadio: x.byRadio || null,
                    message: x.messages.map(m => radiocode.render(m)).join(" ")};
        })""",
        cases,
    )
    answered = 0
    for (text, radio), js in zip(cases, got):
        if js is None:
            continue
        answered += 1
        reading = radiocode.read(text, radio or None)
        assert js["ok"] == reading.ok, (text, radio)
        if reading.ok:
            want = (reading.code, reading.number_read, reading.kind, reading.radio, reading.corrected, reading.message())
            assert (js["code"], js["number"], js["kind"], js["radio"], js["corrected"], js["message"]) == want, (text, radio)
        elif js["type"] == "ambiguous_radio":
            assert reading.error.type == "ambiguous_radio" and js["byRadio"] == [r.radio for r in reading.by_radio], (text, radio)
        else:
            assert (js["type"], reading.error.type, js["number"]) == ("not_computable", "not_computable", reading.number_read), (text, radio)
    # Whole serials, and the exact digits of a radio named, are never left to the server.
    must = [(t, r) for t, r in cases if (not r and t.startswith("M") and len(t) == 7 and t[1:].isdigit()) or (r == "fiat-vp" and t == "2063")]
    assert all(got[cases.index(case)] is not None for case in must)
    assert answered > 300
