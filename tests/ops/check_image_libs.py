#!/usr/bin/env python3
"""The container image's runtime package list against `ldd` of the binaries.

deploy/Dockerfile cannot be built here (no Docker engine), so this checks
what decides whether its runtime stage works: on this machine (the same
Debian release as the image), every shared library that the dynamic linker
resolves for the server and the CLI belongs to a Debian package that the
runtime stage installs, directly or as a dependency of one it installs; every
library the binaries link directly (DT_NEEDED) comes from a package named
explicitly; and every package named there provides at least one of those
libraries, or is on the short list of packages kept for another reason.

  check_image_libs.py DOCKERFILE BINARY...
"""

import os
import re
import subprocess
import sys

import opslib

# Named in the runtime stage for something other than a library.
NON_LIBRARY_PACKAGES = {"ca-certificates"}
# Parts of every Debian system that dpkg does not list in Depends.
ESSENTIAL = {"libc6", "libgcc-s1"}


def runtime_stage(dockerfile):
    text = open(dockerfile).read()
    stages = re.split(r"^FROM\s+", text, flags=re.M)
    runtime = [s for s in stages if re.match(r"\S+\s+AS\s+runtime\b", s, re.I)]
    if len(runtime) != 1:
        opslib.fail("the Dockerfile needs exactly one stage named 'runtime'")
    base = runtime[0].split()[0]
    return base, runtime[0]


def listed_packages(stage):
    m = re.search(r"# runtime-packages: begin\n(.*?)# runtime-packages: end", stage, re.S)
    if not m:
        opslib.fail("no '# runtime-packages: begin/end' block in the runtime stage")
    block = m.group(1).replace("\\\n", " ")
    installs = re.findall(r"apt-get install((?:\s+[^&;\n]+)+)", block)
    if len(installs) != 1:
        opslib.fail("the runtime-packages block needs one apt-get install")
    words = installs[0].split()
    return {w for w in words if not w.startswith("-")}


def ldd(binary):
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        opslib.fail(f"ldd {binary} failed: {out.stderr}")
    libs = {}
    for line in out.stdout.splitlines():
        line = line.strip()
        m = re.match(r"(\S+)\s+=>\s+(\S+)\s+\(", line)
        if m:
            if m.group(2) == "not":
                opslib.fail(f"{binary}: {m.group(1)} not found")
            libs[m.group(1)] = m.group(2)
            continue
        m = re.match(r"(/\S+)\s+\(", line)  # the dynamic loader
        if m:
            libs[os.path.basename(m.group(1))] = m.group(1)
    return libs


def needed(binary):
    out = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True, timeout=30)
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout))


def _candidates(path):
    """A library path and its /usr-merged twins, as dpkg may know any of them."""
    out = [path, os.path.realpath(path)]
    for p in list(out):
        if p.startswith("/usr/lib/"):
            out.append(p[len("/usr"):])
        elif p.startswith("/lib/"):
            out.append("/usr" + p)
    return out


def owners(paths):
    """{path: package} for every library path, with one `dpkg -S` call."""
    every = sorted({c for p in paths for c in _candidates(p)})
    out = subprocess.run(["dpkg", "-S", *every], capture_output=True, text=True, timeout=60)
    by_path = {}
    for line in out.stdout.splitlines():
        m = re.match(r"([^:,\s]+)(?::[^:\s]+)?(?:, [^:]+)*: (/\S+)$", line)
        if m:
            by_path[m.group(2)] = m.group(1)
    result = {}
    for p in paths:
        pkg = next((by_path[c] for c in _candidates(p) if c in by_path), None)
        if pkg is None:
            opslib.fail(f"no Debian package owns {p} (dpkg -S)")
        result[p] = pkg
    return result


def depends_closure(packages):
    """packages and everything they depend on (Depends and Pre-Depends), recursively."""
    seen = set()
    todo = list(packages)
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        out = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", pkg],
                             capture_output=True, text=True, timeout=30)
        if out.returncode != 0:
            continue  # not installed here: its dependencies are unknown, not missing
        for alt in out.stdout.split(","):
            for choice in alt.split("|"):
                name = choice.strip().split(" ")[0].split(":")[0]
                if name:
                    todo.append(name)
    return seen


def main():
    dockerfile, binaries = sys.argv[1], sys.argv[2:]
    base, stage = runtime_stage(dockerfile)
    release = ""
    with open("/etc/os-release") as f:
        for line in f:
            if line.startswith("VERSION_CODENAME="):
                release = line.split("=", 1)[1].strip()
    if "${DEBIAN_TAG}" in base:
        m = re.search(r"^ARG DEBIAN_TAG=(\S+)", open(dockerfile).read(), re.M)
        base = base.replace("${DEBIAN_TAG}", m.group(1) if m else "?")
    if release not in base:
        opslib.fail(f"runtime base image {base} is not this machine's Debian ({release}): the "
                    "package names checked here would not be the image's")
    listed = listed_packages(stage)
    closure = depends_closure(listed) | ESSENTIAL
    print(f"runtime stage: {base}, {len(listed)} packages: {' '.join(sorted(listed))}")

    errors = []
    used = set()
    for binary in binaries:
        if not os.path.exists(binary):
            opslib.fail(f"{binary} does not exist (build it first)")
        libs = {k: v for k, v in ldd(binary).items() if not k.startswith("linux-vdso")}
        direct = needed(binary)
        print(f"{binary}: {len(libs)} libraries ({len(direct)} linked directly)")
        package_of = owners(libs.values())
        for soname, path in sorted(libs.items()):
            pkg = package_of[path]
            used.add(pkg)
            where = f"{os.path.basename(binary)}: {soname} ({path}, package {pkg})"
            if soname in direct and pkg not in listed and pkg not in ESSENTIAL:
                errors.append(f"{where}: linked directly but its package is not named in the "
                              "runtime stage")
            elif pkg not in closure:
                errors.append(f"{where}: not installed by the runtime stage")
    for pkg in sorted(listed - used - NON_LIBRARY_PACKAGES):
        errors.append(f"runtime stage installs {pkg}, which provides none of the libraries "
                      "the binaries load")
    for e in errors:
        print("error: " + e)
    if errors:
        opslib.fail(f"{len(errors)} problem(s) in the runtime stage of {dockerfile}")
    print(f"OK: every library of {len(binaries)} binaries comes from the runtime stage's "
          f"packages; all {len(listed)} packages are needed")


if __name__ == "__main__":
    main()
