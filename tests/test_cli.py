"""The radiocode command: exact output and exit status."""

import json

import pytest
from click.testing import CliRunner

from radiocode import __version__
from radiocode.cli import main
from radiocode.families import FAMILIES


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_code_human_output(run):
    result = run("code", "A123")
    assert result.exit_code == 0
    assert result.stdout == (
        "Code: 0086\n"
        "The precode A123 gives the code 0086.\n"
        "\n"
        "How to enter it (Preset buttons, confirm with 6 (most Renault and Dacia radios)):\n"
        "  1. Switch the radio on. The display shows CODE, then 0000.\n"
        "  2. Leave preset 1 alone: the first digit stays 0.\n"
        "  3. Leave preset 2 alone: the second digit stays 0.\n"
        "  4. Press preset 3 eight times: the third digit shows 8.\n"
        "  5. Press preset 4 six times: the fourth digit shows 6.\n"
        "  6. Check that the display shows 0086.\n"
        "  7. Hold preset 6 until you hear a beep.\n"
        "\n"
        "A wrong code locks the radio for a while. Keep the radio switched on while you wait. "
        "Disconnecting the battery can start the wait again.\n"
    )


def test_code_shows_alternatives_side_by_side(run):
    result = run("code", "0818")
    assert result.exit_code == 0
    assert "Check your label. Each reading gives a different code:\n" in result.stdout
    assert "  O818 -> 1126  (O is a plain round ring.)\n" in result.stdout
    assert "  Q818 -> 9120  (Q has a small tail at the bottom right.)\n" in result.stdout
    assert "  D818 -> 3129  (D has a straight left side.)\n" in result.stdout


def test_code_json(run):
    result = run("code", "281150198RT A583", "--json", "--family", "preset5")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["precode"] == "A583"
    assert data["code"] == "0461"
    assert data["kind"] == "label"
    assert data["alternatives"] == []
    assert data["message"] == "We read the precode A583 from your label. Its code is 0461."
    assert data["family"] == {"name": "preset5", "title": str(FAMILIES["preset5"].title)}
    assert data["entry_steps"][-1] == "Hold preset 5 until you hear a beep."
    assert data["keep_on"].startswith("Keep the radio switched on")


def test_code_json_alternatives(run):
    data = json.loads(run("code", "0818", "--json").stdout)
    assert [(a["precode"], a["code"]) for a in data["alternatives"]] == [("Q818", "9120"), ("D818", "3129")]


def test_table(run):
    result = run("table")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert len(lines) == 25_901
    assert lines[:3] == ["precode,code", "A100,0070", "A101,0041"]
    assert lines[-1] == "Z999,0060"


def test_wait(run):
    result = run("wait", "3")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Leave the radio switched on for 1 h 00 min before the next try.\n"
    )
    assert "  Renault workshop manual (Twingo II): 4 min." in result.stdout


def test_version(run):
    assert run("--version").stdout == f"radiocode, version {__version__}\n"


def test_help_has_examples(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "radiocode code A123" in result.stdout
    assert "radiocode code A123" in run("code", "--help").stdout


class TestFailures:
    def test_nonexistent_precode(self, run):
        """A0xx: status 1, the message on stderr, nothing on stdout."""
        result = run("code", "A012")
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "Error: Precodes A000 to A099 do not exist, so A012 cannot be right. Check the label again: "
            "the letter may not be an A, or the first digit may not be a 0.\n"
        )

    def test_part_number_json(self, run):
        """--json prints the error object on stdout."""
        result = run("code", "7700 434 436", "--json")
        assert result.exit_code == 1
        error = json.loads(result.stdout)["error"]
        assert error["type"] == "not_a_precode"
        assert error["message"].startswith("This is a Renault part number")

    def test_empty(self, run):
        """An empty argument says what to type."""
        result = run("code", "")
        assert result.exit_code == 1
        assert result.stderr == "Error: Type the precode from your radio, like A123, or paste what the label says.\n"

    def test_unknown_family(self, run):
        """A wrong --family is a usage error listing the choices, with status 1 like any bad input."""
        result = run("code", "A123", "--family", "bogus")
        assert result.exit_code == 1
        assert "'bogus' is not one of 'preset6', 'preset5', 'stalk', 'philips', 'media_nav'" in result.stderr

    def test_wait_out_of_range(self, run):
        """Tries outside 1..20 are refused."""
        result = run("wait", "0")
        assert result.exit_code == 1
        assert "0 is not in the range 1<=x<=50" in result.stderr

    def test_missing_batch_file(self, run, tmp_path):
        """A missing file is named, with no traceback."""
        result = run("batch", str(tmp_path / "nope.csv"))
        assert result.exit_code == 1
        assert result.stderr == f"Error: Cannot open {tmp_path / 'nope.csv'}: No such file or directory. Check the file name.\n"
