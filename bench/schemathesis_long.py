"""The long Schemathesis run: every phase against a real `radiocode serve`, many examples per operation.

The test suite runs a bounded version (tests/protection/test_schemathesis.py);
this one starts ``radiocode serve --rate-limit off`` on a free loopback port and
runs the ``schemathesis`` command against its /openapi.json, with the settings
in bench/schemathesis.toml. It stops by itself; the exit status is Schemathesis'.

    python bench/schemathesis_long.py                      # 1,000 examples per operation
    python bench/schemathesis_long.py --max-examples 5000
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The tests' way of starting a real server (pytest runs in importlib mode: a plain module).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import launch

HERE = Path(__file__).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    # The command installed beside this Python (a virtual environment not on PATH), else the one on PATH.
    beside = Path(sys.executable).parent
    schemathesis = shutil.which("schemathesis", path=str(beside)) or shutil.which("schemathesis") or shutil.which("st")
    if schemathesis is None:
        print("The long run needs the schemathesis command: pip install 'radiocode[test]'", file=sys.stderr)
        return 1

    try:
        server = launch(Path(tempfile.mkdtemp(prefix="radiocode-schemathesis-server-")), "--rate-limit", "off")
    except RuntimeError as error:
        print(f"radiocode serve did not start: {error}", file=sys.stderr)
        return 1
    url = server.url
    try:
        command = [
            schemathesis, "--config-file", str(HERE / "schemathesis.toml"), "run", url + "/openapi.json",
            "--max-examples", str(arguments.max_examples), "--workers", str(arguments.workers),
            "--checks", "all", "--seed", "20261125",
        ]
        print("$ " + " ".join(command), flush=True)
        started = time.monotonic()
        # Schemathesis keeps its own files in the working directory: not in the repository.
        status = subprocess.run(command, check=False, cwd=tempfile.mkdtemp(prefix="radiocode-schemathesis-")).returncode
        print(f"schemathesis finished in {time.monotonic() - started:.0f} s with exit status {status}")
        return status
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
