"""The command line's --json and the API render the one result model: same keys, same values."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from radiocode.cli import main

# The shared cases a person can type (some are for the library alone: None, non-text).
CASES = [
    case
    for case in json.loads((Path(__file__).parents[1] / "cases" / "readings.json").read_text(encoding="utf-8"))["cases"]
    if isinstance(case["input"], str) and (case["input"].isprintable() or not case["input"])
    # Past the server's query-string limit the address itself is refused (request_too_long).
    and len(urlencode({"input": case["input"], "family": "preset6"})) <= 2048
]


def same(client, text, family):
    cli = CliRunner().invoke(main, ["code", "--json", "--family", family, "--", text], catch_exceptions=False)
    api = client.get("/api/v1/code", params={"input": text, "family": family})
    assert json.loads(cli.stdout) == api.json(), text
    assert (cli.exit_code, api.status_code) in {(0, 200), (1, 422)}, text
    return api.status_code


def test_cli_json_equals_the_api_on_every_shared_case(client):
    for case in CASES:
        assert (same(client, case["input"], "preset6") == 200) == (case["reading"]["error"] is None)


@pytest.mark.parametrize("family", ["preset5", "stalk", "philips", "media_nav"])
def test_cli_json_equals_the_api_for_every_family(client, family):
    for text in ("A123", "281150198RT A583", "0818", "7700 434 436", "A012"):
        same(client, text, family)
