"""Benchmark: Lighthouse scores per page type, and the home page's weight.

Starts `radiocode serve` on a free loopback port, runs Lighthouse (mobile, the
default form factor) with Debian's Chromium against one page of each type and
prints performance, accessibility, best-practices and SEO scores. Then adds up
the home page and everything it loads, uncompressed.
Targets (issue 3): performance >= 0.98; accessibility, best practices and
SEO = 1.0; the home page <= 40 KB with everything it loads.

    python bench/pages.py [--lighthouse PATH] [--pages home,result] [--runs 3] [--languages all]

Each page is measured --runs times and the median score is printed, as
Lighthouse's own docs advise: one run varies with whatever else the machine does.

Lighthouse comes from npm: when `lighthouse` is not on PATH or given, it is
installed into a cache folder with `npm install lighthouse`. Not a unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

from radiocode.web.languages import LANGUAGES

CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
HOME_BUDGET = 40 * 1024

PAGES = {
    "home": "/",
    "result": "/code?input=A123",
    "result_alternatives": "/code?input=0818&tries=3",
    "wait": "/wait?tries=2",
    "guide": "/guides/show-precode",
    "faq": "/guides/faq",
    "vehicle": "/vehicles/renault-trucks-midlum",
    "api_docs": "/api",
    # Answers to unusable input carry 4xx, which Lighthouse's SEO audit counts against them.
    "not_a_precode": "/code?input=7700+434+436",
    "not_computable": "/code?input=R-Link",
    "not_found": "/no/such/page",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lighthouse_command(given: str | None) -> list[str]:
    if given:
        return [given]
    found = shutil.which("lighthouse")
    if found:
        return [found]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "radiocode-bench"
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print(f"Installing lighthouse into {cache} ...", file=sys.stderr)
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", "lighthouse@12"], check=True)
    return [str(binary)]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radiocode", "serve", "--port", str(port), "--rate-limit", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urlopen(base + "/robots.txt", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("radiocode serve did not start")


def scores(lighthouse: list[str], url: str, out: Path) -> tuple[dict[str, float], list[str]]:
    command = [*lighthouse, url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
               "--ignore-status-code", "--only-categories=" + ",".join(CATEGORIES)]
    # Lighthouse now and then fails to record a trace on a busy machine: try again.
    for _attempt in range(3):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=180)
        if done.returncode == 0:
            break
    else:
        raise SystemExit(f"lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    result = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failed = sorted(
        {audit_id for name in CATEGORIES for ref in report["categories"][name]["auditRefs"]
         if ref["weight"] and (audit_id := ref["id"]) and (report["audits"][audit_id]["score"] or 0) < 1
         and report["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")}
    )
    return result, failed


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("rel") in ("stylesheet", "icon", "manifest") and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])


def home_weight(base: str) -> list[tuple[str, int]]:
    """The home page and every file it loads, with their uncompressed sizes."""
    html = urlopen(base + "/").read()
    parser = _Assets()
    parser.feed(html.decode())
    rows = [("/", len(html))]
    for url in parser.urls:
        body = urlopen(urljoin(base + "/", url)).read()
        rows.append((url, len(body)))
        if url.endswith(".css"):
            for inner in re.findall(rb"url\(([^)]+)\)", body):
                inner_url = inner.decode().strip("'\"")
                if not inner_url.startswith("data:"):
                    rows.append((inner_url, len(urlopen(urljoin(base + url, inner_url)).read())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", help="path to the lighthouse command")
    parser.add_argument("--pages", help="comma-separated page types (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is printed")
    parser.add_argument("--languages", default="en", help="comma-separated language codes, or 'all' (default: en)")
    args = parser.parse_args()
    names = args.pages.split(",") if args.pages else list(PAGES)
    codes = list(LANGUAGES) if args.languages == "all" else args.languages.split(",")
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise SystemExit(f"unknown language {', '.join(unknown)}: choose from {', '.join(LANGUAGES)}")
    # English pages have no prefix; every other language lives under /fr/..., /de/...
    chosen = {
        (name if code == "en" else f"{code}:{name}"): (PAGES[name] if code == "en" else f"/{code}{PAGES[name]}")
        for code in codes for name in names
    }
    lighthouse = lighthouse_command(args.lighthouse)

    process, base = start_server()
    try:
        print(f"Lighthouse, mobile, {CHROME}; targets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()))
        print(f"median of {args.runs} runs per page")
        print(f"{'page':<22}" + "".join(f"{c:>16}" for c in CATEGORIES) + "  audits below 1 in any run")
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in chosen.items():
                runs = [scores(lighthouse, base + path, Path(tmp) / f"{name}-{i}.json") for i in range(max(1, args.runs))]
                result = {c: statistics.median(r[c] for r, _ in runs) for c in CATEGORIES}
                failed = sorted({audit for _, fails in runs for audit in fails})
                marks = "".join(f"{result[c]:>15.2f}{' ' if result[c] >= TARGETS[c] else '!'}" for c in CATEGORIES)
                print(f"{name:<22}{marks}  {', '.join(failed) or '-'}", flush=True)
        rows = home_weight(base)
    finally:
        process.terminate()
        process.wait(timeout=10)
    total = sum(size for _, size in rows)
    print("\nHome page weight, uncompressed:")
    for url, size in rows:
        print(f"  {url:<40}{size:>8} bytes")
    print(f"  {'total':<40}{total:>8} bytes ({total / 1024:.1f} KB; budget 40 KB) {'ok' if total <= HOME_BUDGET else 'OVER'}")


if __name__ == "__main__":
    main()
