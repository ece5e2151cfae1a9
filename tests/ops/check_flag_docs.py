#!/usr/bin/env python3
"""The flag defaults the docs state are the binary's.

README.md ("Configuration") and deploy/README.md ("Configuration") each list
the server's flags with their defaults; the binary's --help says the real
ones. A review found deploy/README giving --max_in_flight a default of 1024
while the binary (and README) had 256 (bb2 L4). For every flag of --help
whose default is a number or a word, the row naming it in either table must
start its default cell with that value.

  check_flag_docs.py --server build/server/placi-screen-server README.md deploy/README.md
"""
import argparse
import re
import subprocess
import sys


def binary_defaults(server):
    text = subprocess.run([server, "--help"], capture_output=True, text=True).stdout
    text += subprocess.run([server, "--help"], capture_output=True, text=True).stderr
    defaults = {}
    # Abseil: "    --name (help...); default: VALUE;", wrapped over lines;
    # each flag's block starts a line with "    --".
    for block in re.split(r"\n    (?=--)", text):
        match = re.match(r"--([a-z_0-9]+) \(.*\);\s+default:\s+(.*?);\s*$", block, re.S)
        if match:
            defaults[match.group(1)] = match.group(2).strip().strip('"')
    return defaults


def doc_defaults(path):
    """flag -> the default cell's text, from table rows naming one flag first."""
    rows = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("| `--"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        flags = re.findall(r"`--([a-z_0-9]+)`", cells[0])
        if len(flags) != 1:
            continue
        # deploy/README has the environment variable in the second column.
        default = cells[2] if len(cells) > 3 and cells[1].startswith("`PLACI_") else cells[1]
        rows[flags[0]] = default
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("docs", nargs="+")
    args = parser.parse_args()
    defaults = binary_defaults(args.server)
    if len(defaults) < 10:
        sys.exit(f"--help listed only {len(defaults)} flags with defaults")
    problems, checked = [], 0
    for doc in args.docs:
        for flag, cell in doc_defaults(doc).items():
            value = defaults.get(flag)
            if value is None or value == "" or not re.fullmatch(r"[-\w.]+", value):
                continue  # empty defaults are written in words ("empty: ...")
            stated = cell.strip("`").split()[0].strip("`:,") if cell else ""
            # Numbers compare as numbers (README writes 4194304, abseil 4194304).
            try:
                same = float(stated) == float(value)
            except ValueError:
                same = stated == value
            checked += 1
            if not same:
                problems.append(f"{doc}: --{flag} default stated as {cell!r}, the binary's is {value}")
    if checked < 10:
        sys.exit(f"only {checked} documented defaults found to check")
    for p in problems:
        print(p)
    print(f"{checked} documented defaults checked, {len(problems)} wrong")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
