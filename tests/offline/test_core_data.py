"""static/core-data.js and static/i18n/*.json are what scripts/make_core_data.py writes from the modules now."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_core_data.py"


def _script():
    spec = importlib.util.spec_from_file_location("make_core_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_files_are_fresh():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_check_notices_a_change(tmp_path, monkeypatch):
    """--check fails on a stale file: the test above can fail."""
    script = _script()
    copy = tmp_path / "core-data.js"
    copy.write_text(script.DATA.read_text(encoding="utf-8").replace('"MAX_TRIES":', '"MAX_TRIES":1+'), encoding="utf-8")
    monkeypatch.setattr(script, "DATA", copy)
    monkeypatch.setattr(script, "CATALOGS", tmp_path)
    assert copy in script.stale()
    assert script.main(["--check"]) == 1


def test_the_lockout_table_is_the_python_rule():
    from radiocode.lockout import MAX_TRIES, lockout_waits

    table = _script().data()["LOCKOUT"]
    assert len(table) == MAX_TRIES
    for row in table:
        estimate = lockout_waits(row["tries"])
        assert row["longest"] == estimate.longest and row["advice"]["id"] == estimate.advice.msgid


def test_a_catalog_holds_the_translation_of_core_messages():
    from radiocode.i18n import translations

    french = json.loads((ROOT / "src/radiocode/web/static/i18n/fr.json").read_text(encoding="utf-8"))
    msgid = "The precode %(precode)s gives the code %(code)s."
    assert french[msgid] == translations("fr").gettext(msgid) != msgid
