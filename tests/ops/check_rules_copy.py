#!/usr/bin/env python3
"""The Kubernetes base ships the default rules file in its rules ConfigMap.
kustomize reads files only from inside the base, so the base holds a copy of
deploy/rules/default.textproto; this test fails when the two differ and says
how to bring the copy up to date.

  check_rules_copy.py SOURCE COPY
"""

import difflib
import sys

import opslib


def main():
    source, copy = sys.argv[1:3]
    with open(source) as f:
        want = f.read()
    try:
        with open(copy) as f:
            have = f.read()
    except OSError as e:
        opslib.fail(f"{copy}: {e}\n  fix: cp {source} {copy}")
    if have != want:
        diff = "".join(difflib.unified_diff(
            have.splitlines(keepends=True), want.splitlines(keepends=True),
            fromfile=copy, tofile=source, n=1))
        opslib.fail(f"{copy} differs from {source}:\n{diff[:4000]}\n"
                    f"  fix: cp {source} {copy}")
    print(f"OK: {copy} is {source} ({len(want)} bytes)")


if __name__ == "__main__":
    main()
