"""What each layer of our own stack costs on /api/v1/code: the app as shipped, then without each layer.

Two measures, each comparing the variants within one run (the machine may be shared):

- in process: the ASGI app called directly, no server, microseconds per request
  (best of several interleaved rounds), so the layers' own cost is not drowned
  in the server's;
- with ``--wrk SECONDS``: each variant served by uvicorn as ``radiocode serve``
  runs it (one process), loaded by Debian's ``wrk`` on the loopback; requests/s.

Variants: ``shipped`` (GET /api/v1/code on its fast path, radiocode.web.fast: access
log on, allowed hosts, counting at a limit never reached), the fast path without
its access line, without counting, and with any host; then ``full-stack`` (the
same app with the fast path off: every middleware and FastAPI's routing, as
every other route is served) and the full stack without one layer each; then a
bare Starlette route answering the same bytes.

    python bench/layers.py                 # in process only
    python bench/layers.py --wrk 8         # and 8 s of wrk per variant
    python bench/layers.py --profile       # cProfile (CPU time) of the shipped app
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import logging.config
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

QUERY = b"input=A123"
PATH = "/api/v1/code"
VARIANTS = [
    "shipped", "fast-no-access-log", "fast-no-counting", "fast-any-host",
    "full-stack", "full-no-access-log", "full-no-guard", "full-no-language-prefix", "full-no-counting", "full-no-protection",
    "bare",
]  # fmt: skip
# A limit no benchmark reaches: the protection counts every request, as in production.
HIGH_LIMIT = "100000000/minute"
_DROPPED = {"no-access-log": "AccessLog", "no-guard": "Guard", "no-language-prefix": "LanguagePrefix", "no-protection": "Protection"}


def build(variant: str):
    """The app for `variant` (also the factory that `--wrk` serves, through RADIOCODE_BENCH_VARIANT)."""
    os.environ["RADIOCODE_RATE_LIMIT"] = "off" if variant.endswith("no-counting") else HIGH_LIMIT
    os.environ["RADIOCODE_ALLOWED_HOSTS"] = "*" if variant == "fast-any-host" else "localhost,127.0.0.1,testserver"
    # The access line is not written when its logger is off (as with no handler at INFO).
    logging.getLogger("radiocode.access").disabled = variant == "fast-no-access-log"
    if variant == "bare":
        from radiocode.web import create_app

        body = _shipped_body(create_app())
        from starlette.applications import Starlette
        from starlette.responses import Response
        from starlette.routing import Route

        async def code(request):
            return Response(body, media_type="application/json")

        return Starlette(routes=[Route(PATH, code)])
    from radiocode.web import create_app

    app = create_app()
    if variant.startswith("full-"):
        app.fast_code = None  # never looked for: every request through the whole stack
        drop = _DROPPED.get(variant.removeprefix("full-"))
        if drop:
            app.user_middleware[:] = [m for m in app.user_middleware if m.cls.__name__ != drop]
    return app


def factory():
    return build(os.environ["RADIOCODE_BENCH_VARIANT"])


def _shipped_body(app) -> bytes:
    from starlette.testclient import TestClient

    return TestClient(app).get(PATH + "?" + QUERY.decode()).content


def _access_log_on() -> None:
    """As radiocode serve configures it, written to memory instead of stdout."""
    from radiocode.web.server import logging_config

    config = logging_config()
    config["handlers"]["access"] = {"class": "logging.StreamHandler", "formatter": "json_line", "stream": io.StringIO()}
    logging.config.dictConfig(config)


async def _per_request(app, count: int, quiet: bool = False) -> float:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": PATH, "raw_path": PATH.encode(), "root_path": "", "query_string": QUERY,
        "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"bench"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
    }  # fmt: skip
    statuses = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    logging.getLogger("radiocode.access").disabled = quiet
    # Lifespan is not run: the app needs none. The first call builds the middleware stack.
    await app(dict(scope), receive, send)
    # CPU time of this process: on a shared machine, wall time counts the others' work too.
    started = time.process_time()
    for _ in range(count):
        await app(dict(scope), receive, send)
    elapsed = time.process_time() - started
    assert set(statuses) == {200}, set(statuses)
    return elapsed / count * 1e6


def in_process(rounds: int, count: int) -> dict[str, float]:
    _access_log_on()
    apps = {variant: build(variant) for variant in VARIANTS}
    best: dict[str, float] = {}
    for _ in range(rounds):
        for variant, app in apps.items():
            micros = asyncio.run(_per_request(app, count, quiet=variant == "fast-no-access-log"))
            best[variant] = min(best.get(variant, micros), micros)
    return best


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served(seconds: int, connections: int) -> dict[str, float]:
    if shutil.which("wrk") is None:
        raise SystemExit("--wrk needs Debian's wrk: apt-get install wrk")
    results: dict[str, float] = {}
    here = Path(__file__).resolve().parent
    for variant in VARIANTS:
        port = _free_port()
        code = (
            "import sys, uvicorn; sys.path.insert(0, %r); from radiocode.web.server import logging_config; "
            "uvicorn.run('layers:factory', factory=True, host='127.0.0.1', port=%d, log_config=logging_config(), "
            "access_log=False, server_header=False, proxy_headers=False, limit_concurrency=1000)"
        ) % (str(here), port)
        env = {**os.environ, "RADIOCODE_BENCH_VARIANT": variant}
        server = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}{PATH}?{QUERY.decode()}"
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            subprocess.run(["wrk", "-t1", "-c", str(connections), "-d", "2s", url], capture_output=True, check=True)  # warm up
            out = subprocess.run(["wrk", "-t1", "-c", str(connections), "-d", f"{seconds}s", url], capture_output=True, text=True, check=True).stdout
            results[variant] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            if "Non-2xx" in out:
                raise SystemExit(f"{variant}: answers other than 200:\n{out}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results


def profile(count: int) -> None:
    """cProfile on CPU time (the machine is shared): where the shipped app's time goes, by function."""
    import cProfile
    import pstats

    _access_log_on()
    app = build("shipped")
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    asyncio.run(_per_request(app, count))
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=5000, help="requests per round and variant, in process")
    parser.add_argument("--wrk", type=int, default=0, metavar="SECONDS", help="also serve each variant and load it with wrk")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.profile:
        profile(args.count)
        return
    best = in_process(args.rounds, args.count)
    shipped = best["shipped"]
    print(f"in process, CPU µs per request (best of {args.rounds} rounds of {args.count}):")
    for variant, micros in best.items():
        # Each layer's cost: what leaving it out saves, on the fast path or on the full stack.
        base = best["full-stack"] if variant.startswith("full-no-") else shipped
        print(f"  {variant:24} {micros:7.1f} µs   {micros / shipped:5.2f}× shipped   saves {base - micros:6.1f} µs")
    if args.wrk:
        rates = served(args.wrk, args.connections)
        print(f"served by uvicorn (asyncio, h11 or what is installed), wrk {args.connections} connections, {args.wrk} s each:")
        for variant, rate in rates.items():
            print(f"  {variant:24} {rate:9.0f} requests/s   {rate / rates['shipped']:5.2f}× shipped")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
