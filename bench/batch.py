"""Rows per second of `radiocode batch` next to a bare csv.reader -> csv.writer copy.

Generates a fleet CSV (1,000,000 rows by default) with a realistic mix of
inputs, then times, in the same run and on the same file:

* a bare copy: csv.reader -> csv.writer, nothing else;
* `python -m radiocode batch IN -o OUT`.

Both run as fresh processes writing to a file, three times each, taking turns;
the best time of each is kept (this machine's speed drifts by up to a third from
one minute to the next, and the drift is not the program's). Prints both rates
and the ratio, by wall time and by CPU time (user + system). The target (>= 0.5,
set by issue 12 for the mixed fleet; printed for every mix) is on rows per
second as the person running it waits for them: wall time. batch reads a file
of 8 MB or more in parts, one process per CPU (--jobs), unless it is quoted (a
quoted cell may hold a line end); the CPU ratio is the work all of them did, and
`--jobs 1` is timed too, for the figure of one process. Five mixes: 'fleet' (typed
precodes, unique label lines, look-alikes, bad cells), 'typed' (typed precodes
only, in mixed spellings), 'printed' (precodes exactly as printed), 'quoted'
(the fleet mix with every field quoted, as some exports write it) and 'mixed'
(a mixed fleet with a radio column: Renault precodes and label lines with no
radio named, Ford M serials, Fiat VP and Daiichi numbers named by their radio).
Then times `radiocode table --radio ford-m` (1,000,000 rows; target < 3 s wall).
Usage: python bench/batch.py [ROWS] [MIX,MIX...]
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_COPY = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as source, open(sys.argv[2], "w", newline="", encoding="utf-8") as target:
    csv.writer(target, lineterminator="\\r\\n").writerows(csv.reader(source))
"""


MIXES = {
    # share of typed precodes, label lines, look-alikes (the rest is bad or empty),
    # whether typed precodes come in mixed spellings (a123, A 123, A-123), and quoting
    "fleet": (0.80, 0.10, 0.05, True, csv.QUOTE_MINIMAL),
    "typed": (1.00, 0.00, 0.00, True, csv.QUOTE_MINIMAL),
    # precodes exactly as printed: at most 25,900 distinct cells
    "printed": (1.00, 0.00, 0.00, False, csv.QUOTE_MINIMAL),
    "quoted": (0.80, 0.10, 0.05, True, csv.QUOTE_ALL),
}
# The mixed fleet: shares of Ford M serials (unique, no radio named), Fiat VP and Fiat
# Daiichi numbers (radio named); the rest is the fleet mix, with no radio named.
MIXED = (0.10, 0.05, 0.025)
# Times each command runs; the best is kept.
RUNS = 3
# The processes batch uses by default: one per CPU.
JOBS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def make_input(path: Path, rows: int, mix_name: str = "fleet", seed: int = 2026) -> dict[str, int]:
    """A fleet file; the default mix is 80 % typed precodes, 10 % label lines
    with unique serials, 5 % look-alikes and 5 % bad or empty cells."""
    mixed = mix_name == "mixed"
    typed, labels, lookalikes, spellings, quoting = MIXES["fleet" if mixed else mix_name]
    ford, vp, daiichi = MIXED
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    mix = {"precode": 0, "label": 0, "lookalike": 0, "bad": 0}
    if mixed:
        mix.update({"ford-m": 0, "fiat-vp": 0, "fiat-daiichi": 0})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=quoting)
        writer.writerow(["vehicle", "registration", "radio", "number"] if mixed else ["vehicle", "registration", "precode"])
        for number in range(rows):
            if mixed:
                roll = rng.random()
                radio = ""
                if roll < ford:
                    kind, cell = "ford-m", "M%06d" % rng.randrange(1_000_000)
                elif roll < ford + vp:
                    kind, radio, cell = "fiat-vp", "fiat-vp", "%04d" % rng.randrange(10_000)
                elif roll < ford + vp + daiichi:
                    kind, radio, cell = "fiat-daiichi", "fiat-daiichi", "%04d" % rng.randrange(1000, 10_000)
                else:
                    kind, cell = _renault_cell(rng, letters, typed, labels, lookalikes, spellings)
                mix[kind] += 1
                writer.writerow(["V%07d" % number, "AB-%03d-CD" % (number % 1000), radio, cell])
                continue
            kind, cell = _renault_cell(rng, letters, typed, labels, lookalikes, spellings)
            mix[kind] += 1
            writer.writerow(["V%07d" % number, "AB-%03d-CD" % (number % 1000), cell])
    return mix


def _renault_cell(rng: random.Random, letters: str, typed: float, labels: float, lookalikes: float, spellings: bool) -> tuple[str, str]:
    """One cell of the fleet mix and its kind."""
    roll = rng.random()
    letter = rng.choice(letters)
    digits = "%03d" % rng.randrange(100 if letter == "A" else 0, 1000)
    if roll < typed:
        kind, cell = "precode", letter + digits
        if spellings:
            cell = rng.choice(["%s%s", "%s%s", "%s %s", "%s-%s"]) % (letter, digits)
            cell = cell.lower() if rng.random() < 0.2 else cell
    elif roll < typed + labels:
        kind = "label"
        cell = "2811%05dRT %s%s" % (rng.randrange(100_000), letter, digits)
    elif roll < typed + labels + lookalikes:
        kind, cell = "lookalike", "0" + digits
    else:
        kind, cell = "bad", rng.choice(["", "7700 434 436", "A012", "BP0490", "hello"])
    return kind, cell


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    names = sys.argv[2].split(",") if len(sys.argv) > 2 else [*MIXES, "mixed"]
    for mix_name in names:
        run(rows, mix_name)
    table()


def table() -> None:
    """`radiocode table --radio ford-m`: all 1,000,000 serials and their codes, to a file."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ford.csv"
        with out.open("w") as handle:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "radiocode", "table", "--radio", "ford-m"], check=True, stdout=handle)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        with out.open() as handle:
            lines = sum(1 for _ in handle) - 1
    assert lines == 1_000_000, f"radiocode table --radio ford-m wrote {lines} rows"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    verdict = "met" if wall < 3 else "NOT met"
    print(f"\ntable --radio ford-m: {lines:,} rows in {wall:.2f} s wall, {cpu:.2f} s CPU (target < 3 s wall: {verdict})")


def run(rows: int, mix_name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "fleet.csv"
        mix = make_input(source, rows, mix_name)
        size = source.stat().st_size
        bare_command = [sys.executable, "-c", BARE_COPY, str(source), str(Path(folder) / "bare.csv")]
        our_command = [sys.executable, "-m", "radiocode", "batch", str(source), "-o", str(Path(folder) / "out.csv")]
        one_command = [*our_command[:-2], "-o", str(Path(folder) / "one.csv"), "--jobs", "1"]
        runs = [(timed(bare_command), timed(our_command), timed(one_command)) for _ in range(RUNS)]
        bare, ours, one = ((min(run[k][0] for run in runs), min(run[k][1] for run in runs)) for k in range(3))
        with (Path(folder) / "out.csv").open(newline="", encoding="utf-8") as handle:
            written = sum(1 for _ in csv.reader(handle)) - 1
        same = (Path(folder) / "out.csv").read_bytes() == (Path(folder) / "one.csv").read_bytes()
    assert written == rows, f"radiocode batch wrote {written} rows, expected {rows}"
    assert same, "radiocode batch wrote another file with --jobs 1"
    print(f"\n{mix_name} mix: {rows:,} rows, {size / 1e6:.1f} MB; {mix}")
    print("                        wall rows/s      CPU rows/s   ratio wall    ratio CPU")
    print(f"bare csv copy       : {rows / bare[0]:12,.0f}    {rows / bare[1]:12,.0f}")
    for name, (wall, cpu) in ((f"batch, {JOBS} CPUs", ours), ("batch --jobs 1", one)):
        print(f"{name:20}: {rows / wall:12,.0f}    {rows / cpu:12,.0f}   {bare[0] / wall:10.2f}   {bare[1] / cpu:10.2f}")
    verdict = "met" if bare[0] / ours[0] >= 0.5 else "NOT met"
    print(f"target: batch >= 0.5 x the bare copy's rows/s, by wall time: {verdict}")

if __name__ == "__main__":
    main()
