"""The shared case file matches what the Python core reads today."""

from __future__ import annotations

import json

import pytest

STALE = "tests/cases/readings.json is stale: run `python -m tests.offline.make_cases` and commit it"


@pytest.fixture(scope="module")
def stored(make_cases):
    return json.loads(make_cases.CASES_FILE.read_text(encoding="ascii"))


def test_file_is_written_by_the_script(make_cases):
    assert make_cases.CASES_FILE.read_text(encoding="ascii") == make_cases.render(make_cases.build()), STALE


def test_every_stored_reading_is_the_core_reading(make_cases, stored):
    stale = [case["input"] for case in stored["cases"] if make_cases.python_reading(case["input"]) != case["reading"]]
    assert not stale, f"{STALE}; first differing inputs: {stale[:5]!r}"


def test_every_input_of_the_core_tests_is_a_case(make_cases, stored):
    inputs = [json.dumps(case["input"], sort_keys=True) for case in stored["cases"]]
    for text in make_cases.CORE_TEST_INPUTS:
        assert json.dumps(text, sort_keys=True) in inputs


def test_cases_cover_every_kind_and_error(stored):
    from radiocode.kinds import KINDS, RADIO_NAMES

    kinds = {case["reading"]["kind"] for case in stored["cases"]}
    errors = {case["reading"]["error"] for case in stored["cases"]}
    assert {k.kind for k in KINDS + RADIO_NAMES} | {"precode", "label", "invalid", "empty", "unknown"} <= kinds
    assert errors == {
        None, "invalid_format", "invalid_length", "empty_input", "input_too_long", "invalid_characters",
        "nonexistent_precode", "not_a_precode", "not_computable", "no_precode_found",
    }  # fmt: skip
    assert any(case["reading"]["alternatives"] for case in stored["cases"])
