"""A bounded load against a local `radiocode serve` (loopback only): does it hold up, and does it leak?

Starts ``radiocode serve --rate-limit off`` on a free 127.0.0.1 port, drives it
with Debian's ``wrk`` (100 connections, 60 s by default) on a mix of good,
ambiguous and bad inputs through the API and the HTML result page, then prints
requests/s, p50/p99 latency, counts by status and the server's memory (RSS)
at start, after a warm-up, and at the end. It stops by itself.

Passes (exit 0) with 0 responses >= 500, 0 connection errors (connect, read,
write, timeout) and memory growth under 10 % from the warm-up to the end.

    apt-get install wrk          # once
    python bench/load.py         # 60 s at 100 connections
    python bench/load.py --seconds 10 --connections 50
    python bench/load.py --count redis --workers 2   # the cost of counting in a shared Redis
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

# The tests' way of waiting for a real server (pytest runs in importlib mode: a plain module).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from live_server import free_port, wait_until_up

import radiocode

GOOD = [precode for precode, _ in random.Random(1).sample(list(radiocode.table()), 300)]
AMBIGUOUS = ["0818", "AI23", "B0O1", "S O49", "A1Z3", "a 5 8 3", "7 649 190 391 28 115 9243RT SO49", "PRE CODE: T4S1", "8123", "Z9 99"]
BAD = [
    "A012", "7700 434 436", "VF1BB0A0H12345678", "hello", "<script>alert(1)</script>", "", "A" * 600,
    "22DC259/62", "BP1234567890123", "€€€€", "A12", "A1234567",
]
FAMILIES = list(radiocode.FAMILIES)


def request_paths(rng: random.Random, count: int) -> list[str]:
    """A shuffled mix: 60 % good, 20 % ambiguous, 20 % bad; API, JSON twin and HTML page."""
    paths = []
    for _ in range(count):
        text = rng.choice(rng.choices([GOOD, AMBIGUOUS, BAD], weights=[6, 2, 2])[0])
        route = rng.choices(["/api/v1/code", "/code.json", "/code"], weights=[5, 1, 4])[0]
        query = {"input": text}
        if rng.random() < 0.3:
            query["family"] = rng.choice(FAMILIES)
        if rng.random() < 0.1:
            query["tries"] = str(rng.randint(1, 9))
        paths.append(route + "?" + urlencode(query))
    paths += ["/api/v1/radios", "/api/v1/wait?tries=3", "/", "/guides/faq"]
    return paths


LUA = r"""
local paths = {%(paths)s}
local threads = {}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7919
end

local clients = %(clients)d

function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if clients == 0 then
    return wrk.format("GET", path)
  end
  -- As if through a trusted proxy, from many clients: each is counted, none reaches its limit.
  local n = counter %% clients
  local client = string.format("10.1.%%d.%%d", math.floor(n / 250), n %% 250 + 1)
  return wrk.format("GET", path, {["X-Forwarded-For"] = client})
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    table.insert(parts, string.format('"%%s": %%d', status, n))
  end
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"errors": {"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}, "statuses": {%%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, table.concat(parts, ", ")))
end
"""


def rss_mib(pid: int) -> float:
    """Resident memory of `pid` and all its descendants (the workers), in MiB."""
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total += int(line.split()[1]) / 1024
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += rss_mib(int(child))
    return total


def run_wrk(url: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    # wrk stops by itself after -d; the timeout is a backstop.
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--warmup", type=int, default=None, help="seconds of load before the starting memory is read (default 5; 65 with --count: the windows fill first)"
    )
    parser.add_argument("--workers", type=int, default=1, help="radiocode serve --workers (memory: all processes together)")
    parser.add_argument(
        "--count",
        choices=["off", "memory", "redis"],
        default="off",
        help="rate limit off (the default), or 60/minute for 5,000 clients (X-Forwarded-For from a trusted proxy), counted in memory or in a redis-server started here",
    )
    arguments = parser.parse_args()
    if arguments.warmup is None:
        arguments.warmup = 5 if arguments.count == "off" else 65
    if shutil.which("wrk") is None:
        print("bench/load.py drives the server with wrk: apt-get install wrk", file=sys.stderr)
        return 1

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="radiocode-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIOCODE_")}
    log = (workdir / "server.log").open("wb")
    redis = None
    limit = ["--rate-limit", "off"]
    clients = 0
    if arguments.count != "off":
        # The real limit, counted for 5,000 clients behind a proxy: each stays under it.
        clients = 5000
        limit = ["--rate-limit", "60/minute", "--forwarded-allow-ips", "127.0.0.1"]
    if arguments.count == "redis":
        if shutil.which("redis-server") is None:
            print("--count redis needs redis-server: apt-get install redis-server", file=sys.stderr)
            return 1
        redis_port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        limit += ["--redis", f"redis://127.0.0.1:{redis_port}/0"]
    server = subprocess.Popen(
        [sys.executable, "-m", "radiocode", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(arguments.workers), *limit],
        stdout=subprocess.DEVNULL,  # the JSON access log: one line per request
        stderr=log,
        env=env,
    )
    try:
        wait_until_up(url, server, (workdir / "server.log").read_text)
        rss_idle = rss_mib(server.pid)

        paths = request_paths(random.Random(20261125), 5000)
        script = workdir / "mix.lua"
        script.write_text(LUA % {"paths": ", ".join(json.dumps(p) for p in paths), "clients": clients})
        # Sanity: every kind of input answers as expected before the load.
        sample = {p: httpx.get(url + p).status_code for p in paths[:200]}
        assert all(s < 500 for s in sample.values()), sample

        if arguments.warmup:
            run_wrk(url, script, arguments.warmup, arguments.connections, arguments.threads)
        rss_start = rss_mib(server.pid)
        result = run_wrk(url, script, arguments.seconds, arguments.connections, arguments.threads)
        rss_end = rss_mib(server.pid)
        still_up = httpx.get(url + "/healthz").status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)

    seconds = result["duration_us"] / 1e6
    statuses = {int(k): v for k, v in result["statuses"].items()}
    errors = result["errors"]
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    connection_errors = sum(errors.values())
    growth = (rss_end - rss_start) / rss_start * 100
    kinds = (len(GOOD), len(AMBIGUOUS), len(BAD))

    counting = {
        "off": "rate limit off",
        "memory": "60/minute counted in memory for 5,000 clients",
        "redis": "60/minute counted in Redis for 5,000 clients",
    }[arguments.count]
    print(
        f"radiocode {radiocode.__version__}, {arguments.workers} uvicorn worker(s), {counting}; "
        f"wrk {arguments.connections} connections, {arguments.threads} threads, {arguments.seconds} s on 127.0.0.1"
    )
    print(f"input mix: {len(paths)} requests cycled ({kinds[0]} good, {kinds[1]} ambiguous, {kinds[2]} bad inputs; API, JSON twin and HTML page)")
    print(f"requests:        {result['requests']:,} in {seconds:.1f} s = {result['requests'] / seconds:,.0f} requests/s")
    print(f"latency:         p50 {result['p50_us'] / 1000:.1f} ms, p90 {result['p90_us'] / 1000:.1f} ms, p99 {result['p99_us'] / 1000:.1f} ms, max {result['max_us'] / 1000:.1f} ms")
    print("statuses:        " + ", ".join(f"{status}: {n:,}" for status, n in sorted(statuses.items())))
    print(f"5xx:             {server_errors}")
    print(f"connection errors: connect {errors['connect']}, read {errors['read']}, write {errors['write']}, timeout {errors['timeout']}")
    print(f"server RSS:      {rss_idle:.1f} MiB idle, {rss_start:.1f} MiB after {arguments.warmup} s warm-up, {rss_end:.1f} MiB at the end ({growth:+.1f} %)")
    failures = []
    if server_errors:
        failures.append(f"{server_errors} responses >= 500")
    if connection_errors:
        failures.append(f"{connection_errors} connection errors")
    if growth >= 10:
        failures.append(f"memory grew {growth:.1f} %")
    if not still_up:
        failures.append("the server did not answer /healthz after the load")
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("PASSED: 0 5xx, 0 connection errors, memory growth under 10 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
