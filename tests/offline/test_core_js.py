"""core.js, the browser's port of the core, gives what the Python core gives.

Each comparison runs in one page.evaluate over the whole list, in Debian
Chromium, with core.js loaded from a real local HTTP server.
"""

from __future__ import annotations

import json
import random
import string

from radiocode import read
from radiocode.families import FAMILIES, entry_steps
from radiocode.lockout import MAX_TRIES, lockout_waits
from radiocode.precode import radio_code, table


def test_every_valid_precode_gives_the_python_code(core_page):
    pairs = list(table())
    assert len(pairs) == 25_900
    mismatches = core_page.evaluate(
        """pairs => pairs.filter(([p, c]) => radiocode.radioCode(p) !== c
                || radiocode.read(p).code !== c || radiocode.validate(p).precode !== p)""",
        pairs,
    )
    assert mismatches == []


def test_every_a0xx_is_refused_as_nonexistent(core_page):
    invalid = ["A%03d" % n for n in range(100)]
    results = core_page.evaluate(
        """list => list.map(p => [radiocode.radioCode(p), radiocode.validate(p).error.type,
                radiocode.read(p).error.type, radiocode.read(p).code])""",
        invalid,
    )
    assert results == [[None, "nonexistent_precode", "nonexistent_precode", None]] * 100
    assert all(read(p).error.type == "nonexistent_precode" for p in invalid)


def test_every_case_in_the_shared_file_reads_the_same(core_page):
    # The page fetches the file itself: inputs with lone surrogates never cross into Python.
    result = core_page.evaluate(
        """async () => {
            const data = await (await fetch("/cases/readings.json")).json();
            const differ = [];
            for (const c of data.cases) {
                const r = radiocode.read(c.input);
                const got = Object.assign(radiocode.toDict(r), {error: r.error ? r.error.type : null});
                if (JSON.stringify(got) !== JSON.stringify(c.reading)) differ.push({input: c.input, got, want: c.reading});
            }
            return JSON.stringify({count: data.cases.length, differ: differ.slice(0, 5)});
        }"""
    )
    result = json.loads(result)
    assert result["count"] > 900
    assert result["differ"] == []


def test_random_label_text_reads_the_same(core_page):
    rng = random.Random(2026)
    alphabet = string.ascii_letters + string.digits + " -.:/|!&RTOQDIlSZBGbgq" + "ßıﬁ³١\u00a0\u2013\x1c\x85Ａ１・"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(20_000)]
    readings = [read(t) for t in texts]
    want = [{**r.to_dict(), "error": r.error.type if r.error else None} for r in readings]
    differ = core_page.evaluate(
        """([texts, want]) => texts.map((t, i) => {
                const r = radiocode.read(t);
                const got = Object.assign(radiocode.toDict(r), {error: r.error ? r.error.type : null});
                return JSON.stringify(got) === JSON.stringify(want[i]) ? null : {input: t, got, want: want[i]};
            }).filter(x => x).slice(0, 5)""",
        [texts, want],
    )
    assert differ == []


def test_candidates_put_the_chosen_reading_first(core_page):
    got = core_page.evaluate("""() => radiocode.candidates(radiocode.read("0818")).map(c => [c.precode, c.code])""")
    assert got == [[c.precode, c.code] for c in read("0818").candidates]


def test_entry_steps_for_every_code_and_family(core_page):
    codes = ["%04d" % n for n in range(10_000)]
    for family in FAMILIES:
        want = [[str(step) for step in entry_steps(code, family)] for code in codes]
        differ = core_page.evaluate(
            """([codes, family, want]) => codes.filter((c, i) =>
                JSON.stringify(radiocode.entrySteps(c, family).map(s => radiocode.render(s))) !== JSON.stringify(want[i]))""",
            [codes, family, want],
        )
        assert differ == [], family
    assert core_page.evaluate("""() => [radiocode.entrySteps("008"), radiocode.entrySteps("0086", "bogus")]""") == [None, None]


def test_lockout_waits_for_every_count(core_page):
    want = []
    for tries in range(1, MAX_TRIES + 1):
        estimate = lockout_waits(tries)
        want.append({
            "tries": tries,
            "waits": [{"source": w.source, "minutes": w.minutes} for w in estimate.waits],
            "shortest": estimate.shortest,
            "longest": estimate.longest,
            "recommended": estimate.recommended,
            "past_sources": estimate.past_sources,
            "advice": str(estimate.advice),
        })  # fmt: skip
    got = core_page.evaluate(
        """max => Array.from({length: max}, (_, i) => {
                const e = radiocode.lockoutWaits(i + 1);
                return {tries: e.tries, waits: e.waits, shortest: e.shortest, longest: e.longest,
                        recommended: e.recommended, past_sources: e.pastSources, advice: radiocode.render(e.advice)};
            })""",
        MAX_TRIES,
    )
    assert got == want
    assert "1 h 04 min" in want[5]["advice"] and want[6]["past_sources"]
    outside = core_page.evaluate("max => [0, max + 1, 1.5, '3', null].map(radiocode.lockoutWaits)", MAX_TRIES)
    assert outside == [None] * 5


def test_radio_codes_match_the_independent_vectors(core_page):
    # domain-facts §1: vectors stated by public sources, not by either implementation.
    vectors = {"S053": "7913", "V188": "4839", "Q420": "9588", "S049": "7930", "Z999": "0060", "A123": "0086",
               "B456": "0709", "C789": "1621", "A100": "0070", "A109": "0007", "A129": "0001", "A999": "0765",
               "B100": "0677", "I123": "1682", "O555": "1400", "Q100": "9872", "T903": "6041", "Z100": "0875",
               "Z546": "0470", "Z990": "0034", "Z998": "0099", "Y020": "1902"}  # fmt: skip
    got = core_page.evaluate("v => Object.fromEntries(Object.keys(v).map(p => [p, radiocode.radioCode(p)]))", vectors)
    assert got == vectors == {p: radio_code(p) for p in vectors}


def test_random_unicode_text_reads_the_same(core_page):
    rng = random.Random(7)
    # Any code point but surrogates, with label characters mixed in so that some readings succeed.
    def char():
        if rng.random() < 0.5:
            return rng.choice("A1Q8OT R- ")
        n = rng.choice([rng.randint(0x20, 0x2FF), rng.randint(0x300, 0xD7FF), rng.randint(0xE000, 0x10FFFF)])
        return chr(n)

    texts = ["".join(char() for _ in range(rng.randint(1, 12))) for _ in range(5_000)]
    readings = [read(t) for t in texts]
    want = [{**r.to_dict(), "error": r.error.type if r.error else None} for r in readings]
    differ = core_page.evaluate(
        """([texts, want]) => texts.map((t, i) => {
                const r = radiocode.read(t);
                const got = Object.assign(radiocode.toDict(r), {error: r.error ? r.error.type : null});
                return JSON.stringify(got) === JSON.stringify(want[i]) ? null : {input: t, got, want: want[i]};
            }).filter(x => x).slice(0, 5)""",
        [texts, want],
    )
    assert differ == []
