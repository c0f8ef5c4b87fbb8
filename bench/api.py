"""Benchmark: shipped `radiocode serve` next to bare Starlette routes that answer the same bytes.

Every server runs in its own process on a free 127.0.0.1 port; wrk drives each
with the same connections for a bounded time. One run prints (issue 13):

1. ``/api/v1/code`` on shipped ``radiocode serve`` (access log on, as shipped;
   counting off, else one address is refused after 60) against a bare
   Starlette route answering the same JSON on plain uvicorn (asyncio, h11):
   target >= 1.6 x the requests/s, p99 no higher;
2. the same against the bare route under the shipped server stack (uvloop,
   httptools, radiocode's hardened connections): target >= 0.8 x;
3. the result page ``/code?input=…`` against its bare-template twin (the same
   template rendered with the same context in a bare Starlette route): >= 0.7 x.

With ``--granian`` (pip install granian) it also serves the radiocode app and
the bare route under granian, the Rust ASGI server evaluated as the default.

    python bench/api.py [--seconds 10] [--connections 50] [--rounds 2] [--granian]

Needs wrk (Debian: apt-get install wrk). Not a unit test: it prints figures.
On a machine shared with other work, read the req/CPU-s column and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlencode
from pathlib import Path

HOST = "127.0.0.1"
TEXT = "281150198RT A583"
API = "/api/v1/code?input=281150198RT%20A583"
PAGE = "/code?input=281150198RT%20A583"
HERE = Path(__file__).resolve().parent


def bare_app():
    """The smallest Starlette app answering the API's JSON and the result page's HTML at the same paths."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from radiocode import radios
    from radiocode.result import choices, lookup
    from radiocode.web import app as web_app, pages

    # The same JSON body as the real route's, so the two differ only in the stack.
    body = lookup(TEXT).to_dict()
    site = web_app.create_app().state.site  # the site's templates, without its middlewares and routes

    async def code(request):
        return JSONResponse(body)

    async def page(request):
        # The same work as the result page's handler: look up, build the links and the other
        # radios the digits may belong to, render the template (main() checks the bytes match).
        text = request.query_params.get("input", "")
        result = lookup(text, None, None)
        links = pages._result_links(result, None, "")
        canonical = links.pop("canonical")
        fitting = {other.radio for other in choices(result.reading)}
        others = [(radio, "/code?" + urlencode({"input": text[:40], "radio": radio.id}), radio.id in fitting) for radio in radios.RADIOS.values() if not radio.marked]
        return site.page(
            request, "result.html", canonical=canonical, result=result, reading=result.reading, typed=text[:500], tries=None,
            others=others, any_other=bool(fitting), **links,
        )  # fmt: skip

    return Starlette(routes=[Route("/api/v1/code", code), Route("/code", page)])


def serve_bare(port: int, stack: str) -> None:
    """The bare app on plain uvicorn (asyncio, h11) or on the stack `radiocode serve` uses."""
    import uvicorn

    from radiocode.web import server

    settings = {"host": HOST, "port": port, "access_log": False, "log_level": "warning", "server_header": False}
    if stack == "plain":
        uvicorn.run(bare_app(), loop="asyncio", http="h11", **settings)
        return
    loop, http = server.server_stack()
    uvicorn.run(
        bare_app(), loop=loop, http=http, timeout_graceful_shutdown=server.GRACEFUL_SECONDS,
        limit_concurrency=server.MAX_CONNECTIONS + 1, **settings,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIOCODE_")}
    # Counting per client is off: wrk's 50 connections come from one address.
    env["RADIOCODE_RATE_LIMIT"] = "off"
    return env


def command(name: str, port: int) -> list[str]:
    if name == "radiocode serve":
        return [sys.executable, "-m", "radiocode", "serve", "--host", HOST, "--port", str(port), "--rate-limit", "off"]
    if name in ("bare plain", "bare shipped"):
        return [sys.executable, __file__, "--serve-bare", name.split()[-1], "--port", str(port)]
    # radiocode's own logging, its JSON access log included, as radiocode serve configures it.
    from radiocode.web.server import logging_config

    log_config = Path(tempfile.mkdtemp(prefix="radiocode-bench-")) / "logging.json"
    log_config.write_text(json.dumps(logging_config()))
    granian = [
        sys.executable, "-m", "granian", "--interface", "asgi", "--host", HOST, "--port", str(port), "--no-access-log",
        "--log-config", str(log_config),
    ]  # fmt: skip
    if name == "radiocode on granian":
        return [*granian, "--factory", "radiocode.web.app:create_app"]
    return [*granian, "--working-dir", str(HERE), "--factory", "api:bare_app"]


def start(name: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # stdout: the access log, on as shipped, written to nowhere.
    process = subprocess.Popen(command(name, port), stdout=subprocess.DEVNULL, env=clean_env())
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + API, timeout=1) as response:
                json.load(response)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not start")


def _body(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += cpu_seconds(int(child))
    return total


def run_wrk(url: str, seconds: int, connections: int, pid: int) -> dict[str, float]:
    cpu_before = cpu_seconds(pid)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout
    cpu = cpu_seconds(pid) - cpu_before
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url} answered {errors.group(1)} errors:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        # Requests per second of the server's own CPU time: steadier than wall-clock
        # throughput when other work shares the machine.
        "per_cpu_s": int(re.search(r"(\d+) requests in", output).group(1)) / max(cpu, 1e-9),
    }


def verdict(name: str, ratio: float, target: float, higher: bool = True) -> str:
    ok = ratio >= target if higher else ratio <= target
    return f"{name}: {ratio:.2f} (target {'>=' if higher else '<='} {target:.2f}) {'ok' if ok else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--granian", action="store_true", help="also serve both apps under granian (pip install granian)")
    parser.add_argument("--serve-bare", choices=["plain", "shipped"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.port, args.serve_bare)
        return
    if not shutil.which("wrk"):
        raise SystemExit("bench/api.py needs wrk: apt-get install wrk")
    args.seconds = max(1, min(args.seconds, 60))  # bounded, whatever is asked

    from radiocode.web.server import server_stack

    # (server, path): every figure is one server on one path.
    runs = [("radiocode serve", API), ("bare plain", API), ("bare shipped", API), ("radiocode serve", PAGE), ("bare shipped", PAGE)]
    if args.granian:
        runs += [("radiocode on granian", API), ("radiocode on granian", PAGE), ("bare on granian", API)]
    servers: dict[str, tuple[subprocess.Popen, str]] = {}
    results: dict[tuple[str, str], list[dict[str, float]]] = {run: [] for run in runs}
    try:
        for name in dict.fromkeys(name for name, _ in runs):
            servers[name] = start(name)
            print(f"started {name}", file=sys.stderr, flush=True)
        # The bare routes stand for the same answers: refuse to compare them if their bytes differ.
        for path in (API, PAGE):
            bodies = {name: _body(servers[name][1] + path) for name in ("radiocode serve", "bare shipped")}
            if len(set(bodies.values())) != 1:
                raise SystemExit(f"{path}: the bare route's body is not radiocode's; update bare_app() to match")
        for name, path in runs:
            process, base = servers[name]
            run_wrk(base + path, 2, args.connections, process.pid)  # warm up
        for _ in range(args.rounds):
            for name, path in runs:
                process, base = servers[name]
                results[(name, path)].append(run_wrk(base + path, args.seconds, args.connections, process.pid))
                print(f"measured {name} {path.split('?')[0]}", file=sys.stderr, flush=True)
    finally:
        for process, _ in servers.values():
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    s = {run: {key: sum(r[key] for r in rs) / len(rs) for key in ("rps", "p50", "p99", "per_cpu_s")} for run, rs in results.items()}
    loop, http = server_stack()
    print(f"shipped stack: uvicorn, loop {loop}, {http.rsplit(':', 1)[1]}; 1 process each; wrk {args.connections} connections, {args.rounds} x {args.seconds} s; loopback")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'server':<22}{'path':<15}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}{'req/CPU-s':>11}")
    for (name, path), f in s.items():
        print(f"{name:<22}{path.split('?')[0]:<15}{f['rps']:>12.0f}{f['p50']:>9.2f}{f['p99']:>9.2f}{f['per_cpu_s']:>11.0f}")
    ours, plain, bare = s[("radiocode serve", API)], s[("bare plain", API)], s[("bare shipped", API)]
    page, page_bare = s[("radiocode serve", PAGE)], s[("bare shipped", PAGE)]
    print(verdict("API requests/s, radiocode serve / bare route on asyncio+h11", ours["rps"] / plain["rps"], 1.6))
    print(verdict("API p99, radiocode serve / bare route on asyncio+h11", ours["p99"] / plain["p99"], 1.0, higher=False))
    print(verdict("API requests/s, radiocode serve / bare route on the shipped stack", ours["rps"] / bare["rps"], 0.8))
    print(verdict("result page requests/s, radiocode serve / bare-template twin", page["rps"] / page_bare["rps"], 0.7))
    print(f"  same ratios per server CPU-second: {ours['per_cpu_s'] / plain['per_cpu_s']:.2f}, {ours['per_cpu_s'] / bare['per_cpu_s']:.2f}, {page['per_cpu_s'] / page_bare['per_cpu_s']:.2f}")
    if args.granian:
        g_api, g_page, g_bare = s[("radiocode on granian", API)], s[("radiocode on granian", PAGE)], s[("bare on granian", API)]
        print(verdict("granian as the default? API requests/s, radiocode on granian / radiocode serve", g_api["rps"] / ours["rps"], 1.3))
        print(verdict("granian as the default? page requests/s, radiocode on granian / radiocode serve", g_page["rps"] / page["rps"], 1.3))
        print(f"  bare route, granian / shipped uvicorn stack: {g_bare['rps'] / bare['rps']:.2f}")


if __name__ == "__main__":
    main()
