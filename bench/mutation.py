"""Mutation testing (mutmut 2.5) of the modules where a silent wrong answer hurts.

Each module is mutated on its own, in a throw-away copy of the checkout, and
tested only against the test files that cover it (and its own doctests), so a
module takes minutes, not the whole suite per mutant. At most two modules run
at once (``--jobs 2``); the default is one, the machine is shared.

For each module it prints killed / survived / timed out and the score
``killed / (mutants - equivalent)``; every survivor is printed as a diff, and
the ones listed in ``EQUIVALENT`` below (mutants that change no behaviour a
test could observe) are named with the reason instead. Target: >= 90 % per
module.

    python bench/mutation.py                    # every module, one at a time
    python bench/mutation.py lockout precode    # some modules
    python bench/mutation.py --jobs 2 --list    # the modules and their tests

mutmut is installed into the running interpreter when missing (it is a bench
tool, not part of the test command). Pinned to 2.5: mutmut 3 mutates function
bodies only, so the CSP string and the lockout rules (module-level constants and
lambdas) would never be mutated.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = "mutmut==2.5.1"

#: module -> (source file, the test files that cover it). The module's own doctests always run too.
MODULES: dict[str, tuple[str, list[str]]] = {
    "precode": ("src/radiocode/precode.py", ["tests/test_precode.py"]),
    "reading": ("src/radiocode/reading.py", ["tests/test_reading.py", "tests/test_precode.py"]),
    "lockout": ("src/radiocode/lockout.py", ["tests/test_lockout.py"]),
    "families": ("src/radiocode/families.py", ["tests/test_families.py"]),
    "headers": ("src/radiocode/web/middleware.py", ["tests/web/test_headers.py", "tests/web/test_security.py"]),
}
# Radio families of other brands, when the checkout has them (src/radiocode/radios/*.py).
for _radio in sorted((ROOT / "src/radiocode/radios").glob("*.py")):
    if _radio.name != "__init__.py":
        _tests = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests").glob(f"**/test_*{_radio.stem}*.py"))]
        MODULES[f"radios.{_radio.stem}"] = (str(_radio.relative_to(ROOT)), _tests or ["tests/test_radios.py"])

#: Survivors that change nothing a user or caller can observe: (module, original line, mutated line) -> why.
#: Lines are compared stripped of surrounding spaces.
_CACHE = "a cache's size, or no cache, changes the speed only: every answer is the same"
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("precode", "@functools.lru_cache(maxsize=32_768)", "@functools.lru_cache(maxsize=32769)"): _CACHE,
    ("precode", "@functools.lru_cache(maxsize=32_768)", ""): _CACHE,
}


def ensure_mutmut() -> None:
    try:
        import mutmut  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", MUTMUT], check=True)


def copy_checkout(into: Path) -> None:
    for name in ("src", "tests"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", into / "pyproject.toml")


def runner(source: str, tests: list[str]) -> str:
    # Only the covering tests, stop at the first failure, no cache: one mutant, one quick verdict.
    return " ".join([
        sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
        "--import-mode=importlib", "--doctest-modules", source, *tests,
    ])  # fmt: skip


def survivors_and_counts(work: Path) -> tuple[dict[str, int], list[tuple[int, int]]]:
    db = sqlite3.connect(work / ".mutmut-cache")
    counts: dict[str, int] = {}
    for status, n in db.execute("SELECT status, count(*) FROM Mutant GROUP BY status"):
        counts[status] = n
    lost = db.execute(
        "SELECT Mutant.id, Line.line_number FROM Mutant JOIN Line ON Mutant.line = Line.id "
        "WHERE Mutant.status IN ('bad_survived', 'bad_timeout', 'ok_suspicious') ORDER BY Line.line_number"
    ).fetchall()
    db.close()
    return counts, lost


def diff_lines(diff: str) -> tuple[str, str]:
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return " ".join(removed), " ".join(added)


def run_resuming(command: list[str], work: Path, env: dict[str, str], name: str, stall: float = 600) -> int:
    """Run mutmut; when it stops making progress (its worker process died, on a loaded machine), start it again.

    mutmut keeps every verdict in .mutmut-cache, so a new run goes on where the last one stopped.
    """
    cache = work / ".mutmut-cache"
    for attempt in range(4):
        with open(work / "mutmut.log", "a") as log:
            process = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        last = time.monotonic()
        seen = None
        while process.poll() is None:
            time.sleep(5)
            stamp = cache.stat().st_mtime if cache.exists() else None
            if stamp != seen:
                seen, last = stamp, time.monotonic()
            elif time.monotonic() - last > stall:
                print(f"[{name}] no progress for {stall:.0f} s: restarting mutmut (attempt {attempt + 2})", file=sys.stderr, flush=True)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                # The file under test may be left mutated: put the original back before resuming.
                break
        else:
            return process.returncode
        restore_sources(work)
    return 1


def restore_sources(work: Path) -> None:
    for name in MODULES.values():
        shutil.copy(ROOT / name[0], work / name[0])
    for backup in (work / "src").rglob("*.bak"):
        backup.unlink()


def run_module(name: str, keep: bool) -> dict:
    source, tests = MODULES[name]
    missing = [t for t in tests if not (ROOT / t).exists()]
    if missing:
        return {"name": name, "error": f"test files missing: {', '.join(missing)}"}
    work = Path(tempfile.mkdtemp(prefix=f"mutation-{name}-"))
    started = time.monotonic()
    try:
        copy_checkout(work)
        # No plugin auto-loading (playwright, schemathesis, anyio...): a fifth of the CPU per mutant.
        env = {**os.environ, "PYTHONPATH": str(work / "src"), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        command = [
            sys.executable, "-m", "mutmut", "run", "--paths-to-mutate", source, "--tests-dir", "tests",
            "--runner", runner(source, tests), "--no-progress", "--simple-output",
            "--test-time-multiplier", "4", "--test-time-base", "15",
        ]  # fmt: skip
        done = run_resuming(command, work, env, name)
        if not (work / ".mutmut-cache").exists() or done & 1:
            return {"name": name, "error": (work / "mutmut.log").read_text()[-3000:]}
        counts, lost = survivors_and_counts(work)
        survivors = []
        for mutant_id, line_number in lost:
            diff = subprocess.run(
                [sys.executable, "-m", "mutmut", "show", str(mutant_id)], cwd=work, env=env, capture_output=True, text=True
            ).stdout
            before, after = diff_lines(diff)
            survivors.append({"id": mutant_id, "line": line_number, "before": before, "after": after,
                              "equivalent": EQUIVALENT.get((name, before, after))})  # fmt: skip
        return {"name": name, "counts": counts, "survivors": survivors, "seconds": time.monotonic() - started}
    finally:
        if keep:
            print(f"[{name}] kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def report(result: dict) -> float | None:
    name = result["name"]
    if "error" in result:
        print(f"\n== {name}: could not run\n{result['error']}")
        return None
    counts = result["counts"]
    total = sum(counts.values())
    killed = counts.get("ok_killed", 0)
    survived = counts.get("bad_survived", 0)
    timeout = counts.get("bad_timeout", 0)
    suspicious = counts.get("ok_suspicious", 0)
    equivalent = sum(1 for s in result["survivors"] if s["equivalent"])
    # A timeout or a suspiciously slow run means the tests noticed (an endless loop): counted as caught.
    caught = killed + timeout + suspicious
    score = 100 * caught / max(total - equivalent, 1)
    print(f"\n== {name} ({MODULES[name][0]}): {total} mutants, {killed} killed, {timeout} timed out, "
          f"{suspicious} suspicious, {survived} survived ({equivalent} equivalent); "
          f"score {score:.1f} % in {result['seconds']:.0f} s")  # fmt: skip
    for s in result["survivors"]:
        if s["before"] == s["after"] or s["id"] is None:
            continue
        tag = f"equivalent: {s['equivalent']}" if s["equivalent"] else "SURVIVED"
        print(f"  line {s['line']} [{tag}]\n    - {s['before']}\n    + {s['after']}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help=f"any of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2), help="modules at once (at most 2)")
    parser.add_argument("--keep", action="store_true", help="keep each module's work folder (its .mutmut-cache)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, run nothing")
    args = parser.parse_args()
    chosen = args.modules or list(MODULES)
    unknown = [m for m in chosen if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}")
    if args.list:
        for name in chosen:
            print(f"{name}: {MODULES[name][0]} <- {' '.join(MODULES[name][1])}")
        return 0
    ensure_mutmut()
    print(f"mutating {', '.join(chosen)} ({args.jobs} at a time, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda m: run_module(m, args.keep), chosen))
    scores = {r["name"]: report(r) for r in results}
    print("\nmodule            score")
    for name, score in scores.items():
        print(f"{name:<17} {'error' if score is None else f'{score:5.1f} %'}")
    return 0 if all(s is not None and s >= 90 for s in scores.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
