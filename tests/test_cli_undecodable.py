"""Command-line text with bytes that are not UTF-8 (lone surrogates): a clear message and exit 1, never a traceback.

On Linux an argument such as ``A12`` then the byte 0x80 reaches Python as
"A12\\udc80"; no UTF-8 stream can print that character.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from radiocode.cli import main

CLEAR = "holds bytes that are not UTF-8 text (0x80)"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("text", ["A12\udc80", "281150198RT A583 \udc80", "1728\udc80", "\udc80"])
def test_code_refuses_undecodable_text(run, text):
    result = run("code", text)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert CLEAR in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["A12\udc80", "281150198RT A583 \udc80"])
def test_code_json_refuses_undecodable_text_as_json(run, text):
    result = run("code", "--json", text)
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["type"] == "invalid_characters"
    assert CLEAR in error["message"]


def test_other_lone_surrogates_are_named_by_code_point(run):
    result = run("code", "--json", "A\ud800123")
    assert result.exit_code == 1
    assert "(U+D800)" in json.loads(result.stdout)["error"]["message"]


@pytest.mark.parametrize("option", ["--column", "--radio-column", "--encoding"])
def test_batch_refuses_undecodable_option(run, tmp_path, option):
    source = tmp_path / "fleet.csv"
    source.write_text("precode\nA123\n", encoding="utf-8")
    result = run("batch", str(source), option, "pre\udc80")
    assert result.exit_code == 1
    assert CLEAR in result.stderr
    assert option in result.stderr


def _radiocode(*args: bytes):
    """The installed command in a real process, with a strict UTF-8 output as a pipe gets it."""
    command = shutil.which("radiocode", path=os.path.dirname(sys.executable))
    assert command is not None
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    return subprocess.run([command.encode(), *args], capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize(
    "args",
    [
        (b"code", b"A12\x80"),
        (b"code", b"--json", b"A12\x80"),
        (b"code", b"--json", b"281150198RT A583 \x80"),
        (b"batch", b"-", b"--column", b"pre\x80"),
        (b"batch", b"-", b"--encoding", b"\x80"),
    ],
)
def test_real_process_says_what_is_wrong_and_exits_1(args):
    done = _radiocode(*args)
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert CLEAR.encode() in done.stdout + done.stderr
