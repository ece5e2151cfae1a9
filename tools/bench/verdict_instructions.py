#!/usr/bin/env python3
"""Instructions per parcel of the whole verdict, inside and outside the core.

    tools/bench/verdict_instructions.py build/tests/bench/verdict_benchmark
    tools/bench/verdict_instructions.py OLD_verdict_benchmark NEW_verdict_benchmark

Runs BM_WholeVerdict (10,000 watchlist entries, 100,000 window counters by
default) under valgrind's callgrind, collecting only inside
Screener::Screen (the world's set-up and parcel generation excluded), and
prints each part's inclusive instructions divided by the number of
Screener::Screen calls:
  core             Judge without AddPatternIndicators (rules and matching)
  outside the core the rest of Screen: the pattern rules' counter keys and
                   their counting (CountAndSum), the hold lookup, the
                   decision-log record and its RocksDB write
and the main parts of the latter. BM_WholeVerdict runs for a time, not a
number of parcels: a slower binary screens fewer, its core memos hit less
and its core count is higher, so compare the outside figures between
binaries (the core has core_instructions.py). The hourly sweep of the
window counters (CounterTable::SweepStep) falls into a run that crosses a
full hour; it is printed apart. Needs valgrind; ~3 minutes a binary.
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

SCREEN = "placi::core::Screener::Screen("
PARTS = [
    "placi::storage::Store::CountAndSum",
    "placi::storage::WindowCounters::Count",
    "placi::storage::Store::Record",
    "placi::storage::WindowCounters::Log",
    "placi::storage::Store::Impl::WriteDecisionBatch",
    "placi::storage::Store::Impl::AddWindowLog",
    "placi::convert::AppendVerdictBytes",
    "placi::convert::VerdictToProto",
    "google::protobuf::MessageLite::AppendToString",
    "placi::storage::Store::LatestHold",
]


def run(binary, args, out_file):
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
         f"--toggle-collect={SCREEN}*", binary, f"--watchlist_entries={args.watchlist_entries}",
         f"--window_keys={args.window_keys}", "--benchmark_filter=BM_WholeVerdict/real_time$",
         f"--benchmark_min_time={args.min_time}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def per_parcel(out_file):
    tree = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--tree=calling", out_file],
                          check=True, capture_output=True, text=True).stdout
    calls = None
    for line in tree.splitlines():
        if "> " in line and SCREEN in line:
            match = re.search(r"\(([0-9,]+)x\)", line)
            if match:
                calls = int(match.group(1).replace(",", ""))
                break
    if not calls:
        sys.exit(f"no call of {SCREEN} in {out_file}")
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=99.99", out_file],
                          check=True, capture_output=True, text=True).stdout
    costs = collections.defaultdict(int)
    for line in text.splitlines():
        match = re.match(r"\s*([0-9,]+) \(\s*[0-9.]+%\)\s+\S*?:(.*?)\((?!anonymous)", line)
        if match:
            name = match.group(2).replace("non-virtual thunk to ", "")
            costs[name] = max(costs[name], int(match.group(1).replace(",", "")))
    pp = {name: cost / calls for name, cost in costs.items()}
    screen = pp.get("placi::core::Screener::Screen", 0)
    judge = pp.get("placi::core::Screener::Judge", 0)
    patterns = pp.get("placi::core::AddPatternIndicators", 0)
    sweep = sum(v for k, v in pp.items() if k.startswith("placi::storage::CounterTable::SweepStep"))
    rows = [("parcels", calls), ("Screener::Screen", screen), ("core", judge - patterns),
            ("outside the core", screen - judge + patterns),
            ("  of it, the hourly sweep", sweep),
            ("outside the core, without the sweep", screen - judge + patterns - sweep)]
    rows += [("  " + part.split("::", 1)[1], pp.get(part, 0)) for part in PARTS]
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", help="one verdict_benchmark, or two to compare")
    parser.add_argument("--watchlist_entries", type=int, default=10000)
    parser.add_argument("--window_keys", type=int, default=100000)
    parser.add_argument("--min_time", default="3", help="benchmark seconds (under valgrind)")
    args = parser.parse_args()
    if len(args.binaries) > 2:
        parser.error("one or two binaries")
    with tempfile.TemporaryDirectory(prefix="placi-callgrind-") as work_dir:
        results = []
        for i, binary in enumerate(args.binaries):
            out_file = os.path.join(work_dir, f"callgrind.{i}")
            run(binary, args, out_file)
            results.append(per_parcel(out_file))
    for binary in args.binaries:
        print(binary)
    for i, (name, first) in enumerate(results[0]):
        if len(results) == 1:
            print(f"{first:>12,.0f}  {name}")
        else:
            last = results[1][i][1]
            print(f"{first:>12,.0f} {last:>12,.0f} {last - first:>+10,.0f}  {name}")


if __name__ == "__main__":
    main()
