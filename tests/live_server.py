"""Real `radiocode serve` processes for the tests, on free loopback ports.

Imported as a plain module: tests/conftest.py puts this folder on sys.path
(pytest runs in importlib mode).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One running server: its address, process and the files its stdout and stderr go to."""

    url: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def access_lines(self) -> list[dict]:
        """The JSON access log lines written so far."""
        return [json.loads(line) for line in self.stdout.read_text().splitlines() if line.strip()]

    def output(self) -> str:
        """Everything the server wrote, access log and server log."""
        return self.stdout.read_text(errors="replace") + self.stderr.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def wait_until_up(url: str, process: subprocess.Popen, describe, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server did not start:\n{describe()}")
        time.sleep(0.1)


def launch(directory: Path, *args: str, env: dict[str, str] | None = None, code: str | None = None) -> Server:
    """Start `radiocode serve ARGS...` (or `python -c CODE`, where {port} is filled in) and wait for /healthz.

    Settings come from the arguments and `env` only, never from the caller's RADIOCODE_* variables.
    """
    port = free_port()
    number = len(list(directory.glob("server*.out")))
    stdout, stderr = directory / f"server{number}.out", directory / f"server{number}.err"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RADIOCODE_")}
    command = [sys.executable, "-c", code.format(port=port)] if code else [sys.executable, "-m", "radiocode", "serve", "--port", str(port), *args]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        # From the repository root, so that `code` can import test modules (tests.offline...).
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT, env={**clean, "PYTHONUNBUFFERED": "1", **(env or {})})
    server = Server(f"http://127.0.0.1:{port}", process, stdout, stderr)
    try:
        wait_until_up(server.url, process, server.output)
    except RuntimeError:
        server.stop()
        raise
    return server
