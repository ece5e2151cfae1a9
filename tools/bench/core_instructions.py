#!/usr/bin/env python3
"""Instructions per parcel of the core pipeline, by function, under callgrind.

    tools/bench/core_instructions.py build/tests/bench/core_benchmark
    tools/bench/core_instructions.py OLD_core_benchmark NEW_core_benchmark

Timings on a shared 2-core machine move by 10-30% from run to run; the
instructions a parcel costs do not. This runs BM_ScreenCoreCounted (20,000
parcels, after an uncounted pass over the benchmark's pool of 65,536, so that
the per-thread memos are as warm as in a timed run's million parcels) under
valgrind's callgrind with collection on only inside each counted parcel's
Screener::Screen (index building, the warm-up and parcel generation
excluded), and prints, for the core functions that cost most, their
inclusive instructions per screened parcel: the function's inclusive cost
divided by the number of Screener::Screen calls (not by its own call count,
which callgrind also counts outside collection). With two binaries it prints
both columns and the difference. Binaries without BM_ScreenCoreCounted
(before session 15) run BM_ScreenCore for --min_time instead, whose parcel
count and memo hits vary with the binary's speed.
Needs valgrind (Debian package valgrind); a run takes 3-4 minutes.
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

SCREEN = "placi::core::Screener::Screen("


def counted_benchmark(binary):
    """Whether `binary` has BM_ScreenCoreCounted: a fixed number of parcels
    after a warm-up pass over the pool, collected inside
    ScreenCountedParcel only. A time-bound run screened more parcels with a
    faster binary, its memos hit more often, and two binaries' counts were
    not comparable. Older binaries have only the time-bound benchmark."""
    listed = subprocess.run([binary, "--benchmark_list_tests=true"], check=True,
                            capture_output=True, text=True).stdout.split()
    return "BM_ScreenCoreCounted/iterations:20000" in listed


def run_callgrind(binary, entries, min_time, out_file):
    if counted_benchmark(binary):
        collect, bench = "*ScreenCountedParcel*", "BM_ScreenCoreCounted"
    else:
        # "Screen(*", not "Screen*": the latter also collects the
        # Screener's constructor (its rules' terms folded once).
        collect, bench = "placi::core::Screener::Screen(*", "BM_ScreenCore/windows:0$"
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
         f"--toggle-collect={collect}", binary, f"--watchlist_entries={entries}",
         f"--benchmark_filter={bench}", f"--benchmark_min_time={min_time}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def screen_calls(out_file):
    tree = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--tree=calling", out_file],
                          check=True, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        if "> " in line and SCREEN in line:
            calls = re.search(r"\(([0-9,]+)x\)", line)
            if calls:
                return int(calls.group(1).replace(",", ""))
    sys.exit(f"no call of {SCREEN} in {out_file}")


def inclusive_per_function(out_file):
    """Function name -> inclusive instructions. callgrind_annotate lists a
    function once per source file its code came from (inlined headers), so
    the largest entry is the function's own."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=99.9", out_file],
                          check=True, capture_output=True, text=True).stdout
    costs = collections.defaultdict(int)
    for line in text.splitlines():
        line = line.replace("(anonymous namespace)::", "{anonymous}::")
        match = re.match(r"\s*([0-9,]+) \(\s*[0-9.]+%\)\s+\S*?:(placi::core::[^(]*)\(", line)
        if not match:
            continue
        name, cost = match.group(2), int(match.group(1).replace(",", ""))
        costs[name] = max(costs[name], cost)
    return costs


def per_parcel(binary, args, work_dir):
    out_file = os.path.join(work_dir, f"callgrind.{abs(hash(binary))}")
    run_callgrind(binary, args.watchlist_entries, args.min_time, out_file)
    calls = screen_calls(out_file)
    return calls, {name: cost / calls for name, cost in inclusive_per_function(out_file).items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", help="one core_benchmark, or two to compare")
    parser.add_argument("--watchlist_entries", type=int, default=100000)
    parser.add_argument("--min_time", default="5", help="benchmark seconds (under valgrind)")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if len(args.binaries) > 2:
        parser.error("one or two binaries")
    with tempfile.TemporaryDirectory(prefix="placi-callgrind-") as work_dir:
        results = [per_parcel(binary, args, work_dir) for binary in args.binaries]
    for binary, (calls, _) in zip(args.binaries, results):
        print(f"{binary}: {calls} parcels screened under callgrind")
    first = results[0][1]
    last = results[-1][1]
    names = sorted(set(first) | set(last), key=lambda n: -max(first.get(n, 0), last.get(n, 0)))
    header = "instructions/parcel" if len(results) == 1 else "before      after     change"
    print(f"{header:>30}  function")
    for name in names[: args.top]:
        if len(results) == 1:
            print(f"{first[name]:>30,.0f}  {name}")
        else:
            a, b = first.get(name, 0), last.get(name, 0)
            print(f"{a:>10,.0f} {b:>10,.0f} {b - a:>+9,.0f}  {name}")


if __name__ == "__main__":
    main()
