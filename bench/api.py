"""Benchmark: /api/v1/code under uvicorn next to a bare Starlette JSON route.

Both apps run in their own uvicorn process with the same settings, on
loopback only; wrk drives each with 50 connections for a bounded time, and
the script prints requests/s, p50 and p99 for both and the ratios.
Targets (issue 3): at least 0.8 of the bare route's requests/s, and a p99
no worse than 1.5 times the bare route's.

    python bench/api.py [--seconds 10] [--connections 50] [--rounds 2]

Needs wrk (Debian: apt-get install wrk). Not a unit test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

HOST = "127.0.0.1"
QUERY = "/api/v1/code?input=281150198RT%20A583"
SERVER_SETTINGS = {"host": HOST, "workers": None, "access_log": False, "log_level": "warning", "server_header": False}


def bare_app():
    """The smallest Starlette app that answers the same JSON at the same path."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from radiocode.result import lookup

    # The same body as the real route's, so the two differ only in the stack.
    body = lookup("281150198RT A583").to_dict()

    async def code(request):
        return JSONResponse(body)

    return Starlette(routes=[Route("/api/v1/code", code)])


def serve(which: str, port: int, http: str) -> None:
    import uvicorn

    if which == "bare":
        app = bare_app()
    else:
        from radiocode.web import create_app

        # Counting per client is off, whatever the caller's environment says: 50
        # connections from one address would otherwise be refused (the run stops
        # on any non-2xx). Unset, it is off too; this makes it certain.
        os.environ["RADIOCODE_RATE_LIMIT"] = "off"
        app = create_app()
    settings = {key: value for key, value in SERVER_SETTINGS.items() if value is not None}
    uvicorn.run(app, port=port, http=http, **settings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(which: str, http: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, __file__, "--serve", which, "--port", str(port), "--http", http])
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + QUERY, timeout=1) as response:
                json.load(response)
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{which} server did not start")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--http", choices=["auto", "h11", "httptools"], default="auto", help="uvicorn's HTTP parser, the same for both apps (auto: httptools when installed)")
    parser.add_argument("--serve", choices=["bare", "radiocode"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.http)
        return
    if not shutil.which("wrk"):
        raise SystemExit("bench/api.py needs wrk: apt-get install wrk")
    args.seconds = max(1, min(args.seconds, 60))  # bounded, whatever is asked

    servers = {name: start(name, args.http) for name in ("bare", "radiocode")}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in servers}
    try:
        for process, base in servers.values():
            run_wrk(base + QUERY, 2, args.connections, process.pid)  # warm up
        for _ in range(args.rounds):
            for name, (process, base) in servers.items():
                results[name].append(run_wrk(base + QUERY, args.seconds, args.connections, process.pid))
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=10)

    summary = {name: {key: sum(r[key] for r in runs) / len(runs) for key in ("rps", "p50", "p99", "per_cpu_s")} for name, runs in results.items()}
    try:
        import httptools  # noqa: F401

        parser_name = "httptools" if args.http != "h11" else "h11"
    except ImportError:
        parser_name = "h11"
    print(f"GET {QUERY}  uvicorn 1 process ({parser_name}), {args.connections} connections, {args.rounds} x {args.seconds}s each, loopback")
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'app':<12}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'req/CPU-s':>12}")
    for name, figures in summary.items():
        print(f"{name:<12}{figures['rps']:>12.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}{figures['per_cpu_s']:>12.0f}")
    bare, ours = summary["bare"], summary["radiocode"]
    rps_ratio = ours["rps"] / bare["rps"]
    p99_ratio = ours["p99"] / bare["p99"]
    print(f"requests/s ratio radiocode/bare: {rps_ratio:.2f} (target >= 0.80) {'ok' if rps_ratio >= 0.8 else 'MISSED'}")
    print(f"p99 ratio radiocode/bare: {p99_ratio:.2f} (target <= 1.50) {'ok' if p99_ratio <= 1.5 else 'MISSED'}")
    cpu_ratio = ours["per_cpu_s"] / bare["per_cpu_s"]
    print(f"requests per server CPU-second ratio radiocode/bare: {cpu_ratio:.2f} (the same measure, steadier on a busy machine)")


if __name__ == "__main__":
    main()
