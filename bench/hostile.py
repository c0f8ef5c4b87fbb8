"""Hostile clients against a local `radiocode serve` (127.0.0.1 only, bounded): what issue 14 asks to see.

Prints, each part on a server of its own:

1. idle sockets: 1,010 TCP connections that send nothing; when the server
   closed them, and ``/healthz``'s status meanwhile (done when it stays 200
   and all are closed within 15 s);
2. photos: peak resident memory of the server process for the largest
   accepted photo (a 7000 x 7000 PNG and an 8160 x 6120 JPEG), one and two at
   once, and what it holds after (done when under 700 MB);
3. a Redis freeze: ``--workers 2 --redis`` at 60/minute; one client asks as
   fast as it can before, during (redis-server stopped with SIGSTOP) and after
   the freeze; how many it was served (done when at most 60 x 2 = 120).

    python bench/hostile.py [--only idle,photos,redis] [--freeze 10]

Needs redis-server for part 3 and the OCR extra for part 2.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "ocr"))

import live_server  # noqa: E402
from live_server import free_port  # noqa: E402


def launch(directory: Path, *args: str):
    """live_server.launch, with a minute and a half to start: workers start slowly on a busy machine."""
    original = live_server.wait_until_up
    live_server.wait_until_up = lambda url, process, describe: original(url, process, describe, timeout=90)
    try:
        return live_server.launch(directory, *args)
    finally:
        live_server.wait_until_up = original

IDLE = 1010
CODE = "/api/v1/code?input=A123"


def rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def closed(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def idle_sockets(workdir: Path) -> None:
    server = launch(workdir, "--rate-limit", "off")
    try:
        port = int(server.url.rsplit(":", 1)[1])
        sockets = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(IDLE)]
        opened = time.monotonic()
        print(f"idle sockets: {len(sockets)} opened, sending nothing")
        statuses: dict[int, int] = {}
        all_closed_at = None
        last_report = -1
        while time.monotonic() - opened < 20:
            status = httpx.get(server.url + "/healthz", timeout=5).status_code
            statuses[status] = statuses.get(status, 0) + 1
            still = sum(not closed(s) for s in sockets)
            elapsed = time.monotonic() - opened
            if int(elapsed) != last_report:
                last_report = int(elapsed)
                print(f"  t={elapsed:5.1f} s  still open {still:5d}  /healthz {status}")
            if still == 0:
                all_closed_at = elapsed
                break
            time.sleep(0.25)
        for sock in sockets:
            sock.close()
        when = f"{all_closed_at:.1f} s" if all_closed_at is not None else "not within 20 s"
        print(f"  all closed by the server after {when}; /healthz meanwhile: {dict(sorted(statuses.items()))}")
    finally:
        server.stop()


def photos(workdir: Path) -> None:
    from label_images import largest_accepted

    server = launch(workdir, "--rate-limit", "off")
    try:
        pid = server.process.pid
        # Warm up: the OCR models load on the first photo.
        from label_images import make_photo

        httpx.post(server.url + "/api/v1/label", files={"photo": ("l.jpg", make_photo(1, "clean").data, "image/jpeg")}, timeout=120)
        print(f"photos: server resident after one ordinary photo: {rss_mib(pid):.0f} MiB")
        for fmt in ("PNG", "JPEG"):
            precode, data = largest_accepted(fmt)
            for at_once in (1, 2):
                answers: list[httpx.Response] = []

                def upload(answers: list[httpx.Response] = answers, data: bytes = data, fmt: str = fmt) -> None:
                    answers.append(httpx.post(server.url + "/api/v1/label", files={"photo": ("l", data, f"image/{fmt.lower()}")}, timeout=180))

                threads = [threading.Thread(target=upload) for _ in range(at_once)]
                peak, started = rss_mib(pid), time.monotonic()
                for thread in threads:
                    thread.start()
                while any(t.is_alive() for t in threads):
                    peak = max(peak, rss_mib(pid))
                    time.sleep(0.02)
                seconds = time.monotonic() - started
                time.sleep(0.5)
                read = [a.json().get("precode") == precode if a.status_code == 200 else a.status_code for a in answers]
                print(
                    f"  {fmt} {len(data) / 1e6:.1f} MB, {at_once} at once: peak {peak:.0f} MiB, {rss_mib(pid):.0f} MiB after, "
                    f"{seconds:.1f} s, precode read: {read}"
                )
    finally:
        server.stop()


def redis_freeze(workdir: Path, freeze: float) -> None:
    if shutil.which("redis-server") is None:
        print("redis: skipped, redis-server is not installed")
        return
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        server = launch(workdir, "--workers", "2", "--rate-limit", "60/minute", "--redis", f"redis://127.0.0.1:{port}/0")
    except BaseException:
        redis.terminate()
        raise
    counts: dict[str, dict[int, int]] = {}
    phase = "before"
    stop = False

    def client() -> None:
        # New connections, so both workers are asked.
        with httpx.Client(timeout=10, headers={"connection": "close"}) as session:
            while not stop:
                try:
                    status = session.get(server.url + CODE).status_code
                except httpx.HTTPError:
                    status = 0
                bucket = counts.setdefault(phase, {})
                bucket[status] = bucket.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(5)
        phase = "during"
        redis.send_signal(signal.SIGSTOP)
        time.sleep(freeze)
        health = httpx.get(server.url + "/healthz", timeout=10).json()
        redis.send_signal(signal.SIGCONT)
        phase = "after"
        time.sleep(10)
        stop = True
        for thread in threads:
            thread.join(timeout=15)
    finally:
        stop = True
        redis.send_signal(signal.SIGCONT)
        server.stop()
        redis.terminate()
        redis.wait(timeout=10)
    served = sum(c.get(200, 0) for c in counts.values())
    print(f"redis freeze: --workers 2 --redis, 60/minute; one client, 4 threads; 5 s before, {freeze:.0f} s frozen (SIGSTOP), 10 s after")
    for name in ("before", "during", "after"):
        print(f"  {name:<7} {dict(sorted(counts.get(name, {}).items()))}")
    print(f"  /healthz during the freeze: storage {health['rate_limit_storage']}, counting {health.get('rate_limit_counting')}")
    print(f"  served 200 in all: {served} (limit x processes = 120) {'ok' if served <= 120 else 'OVER'}")
    log = server.stderr.read_text()
    print(f"  log: {log.count('rate limit storage unreachable')} 'unreachable' and {log.count('reachable again')} 'reachable again' warnings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="idle,photos,redis")
    parser.add_argument("--freeze", type=float, default=10.0, help="seconds Redis stays frozen (at most 30)")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    workdir = Path(tempfile.mkdtemp(prefix="radiocode-hostile-"))
    if "idle" in parts:
        idle_sockets(workdir)
    if "photos" in parts:
        photos(workdir)
    if "redis" in parts:
        redis_freeze(workdir, min(args.freeze, 30.0))


if __name__ == "__main__":
    main()
