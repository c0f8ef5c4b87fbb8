"""How well and how fast radiocode reads the precode from label photos.

Draws labels with tests/ocr/label_images.py (a fixed seed per photo), damages
them in each way the tests know, reads each with radiocode.ocr.read_photo and
prints, per degradation: the share read right first, the share with the right
precode among the candidates, the median and 95th-percentile seconds per
photo (the engine's one-time start is not counted), and the median CPU seconds
per photo (all threads; steadier than wall time on a busy machine).

    python bench/ocr.py                 # 25 photos per degradation, 250 in all
    python bench/ocr.py -n 5 --failures # quick look, with what went wrong
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ocr"))

from label_images import DEGRADATIONS, MODERATE, make_photo

from radiocode.ocr import read_photo, warm_up


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--per-degradation", type=int, default=25, help="photos per degradation (default 25)")
    parser.add_argument("--seed", type=int, default=1000, help="first photo's seed (default 1000)")
    parser.add_argument("--only", nargs="*", choices=DEGRADATIONS, help="only these degradations")
    parser.add_argument("--failures", action="store_true", help="print each photo read wrong first")
    args = parser.parse_args(argv)

    # As radiocode serve does: the engine warms up in the background when the server starts.
    started = time.perf_counter()
    warm_up().join()
    print(f"engine warmed up in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores", flush=True)
    firsts = []
    # The same photo twice: two different photos differ in time by their text alone (0.65 against 0.8 s).
    for seed in (args.seed, args.seed):
        photo = make_photo(seed, "clean")
        start, start_cpu = time.perf_counter(), time.process_time()
        read_photo(photo.data)
        firsts.append((time.perf_counter() - start, time.process_time() - start_cpu))
    (first, first_cpu), (second, second_cpu) = firsts
    print(f"first photo after warm-up {first:.2f} s ({first_cpu:.2f} cpu s), second {second:.2f} s ({second_cpu:.2f} cpu s)", flush=True)

    rows = []
    totals: dict[str, list] = {"first": [], "among": [], "seconds": [], "cpu": []}
    moderate: dict[str, list] = {"first": [], "among": [], "seconds": [], "cpu": []}
    for index, degradation in enumerate(args.only or DEGRADATIONS):
        first, among, seconds, cpu = [], [], [], []
        for i in range(args.per_degradation):
            photo = make_photo(args.seed + 1000 * index + i, degradation)
            start, start_cpu = time.perf_counter(), time.process_time()
            result = read_photo(photo.data)
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            reading = result.reading
            first.append(reading.precode == photo.precode)
            among.append(photo.precode in {c.precode for c in reading.candidates})
            if args.failures and not first[-1]:
                print(
                    f"  {degradation} seed={photo.seed} {photo.layout}: want {photo.precode}, "
                    f"got {reading.precode} {[c.precode for c in reading.alternatives]} "
                    f"from {[line.text for line in result.lines]}",
                    flush=True,
                )
        rows.append((degradation, len(first), first, among, seconds, cpu))
        for bucket in (totals, moderate) if degradation in MODERATE else (totals,):
            bucket["first"] += first
            bucket["among"] += among
            bucket["seconds"] += seconds
            bucket["cpu"] += cpu

    header = f"{'degradation':<14} {'photos':>6} {'first':>8} {'among':>8} {'median s':>9} {'p95 s':>7} {'cpu s':>6}"
    print(header)
    print("-" * len(header))

    def line(name: str, count: int, first: list, among: list, seconds: list, cpu: list) -> str:
        return (
            f"{name:<14} {count:>6} {100 * sum(first) / count:>7.1f}% {100 * sum(among) / count:>7.1f}% "
            f"{statistics.median(seconds):>9.2f} {percentile(seconds, 0.95):>7.2f} {statistics.median(cpu):>6.2f}"
        )

    for row in rows:
        print(line(*row))
    print("-" * len(header))
    if moderate["first"]:
        print(line("all moderate", len(moderate["first"]), *moderate.values()))
    print(line("all", len(totals["first"]), *totals.values()))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores (wall times grow with it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
