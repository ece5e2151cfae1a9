#!/usr/bin/env python3
"""The Dockerfile's runtime stage, built and run without Docker.

A poor man's `docker build --target runtime` + `docker run --read-only`:
1. a minimal Debian root of the runtime stage's release (debootstrap
   --variant=minbase, the same base debian:*-slim is made from), cached;
2. every RUN instruction of the runtime stage executed in it (chroot), the
   COPY of the two binaries done from the build tree;
3. inside, `ldd` of both binaries finds every library;
4. the server run from that root as the image's user (10001), with the root
   filesystem mounted read-only and only the data volume writable, in its
   own mount namespace; from outside, the demo manifest is screened with the
   CLI and /metrics scraped; SIGTERM must stop it with exit 0.

Opt-in (needs root and the Debian mirror): runs when PLACI_OPS_ROOTFS=1,
otherwise exits 77 (CTest: skipped).

  image_rootfs_smoke.py --dockerfile FILE --server BIN --cli BIN --demo DIR
                        --cache DIR
"""

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile

import opslib

SKIP = 77


def runtime_instructions(dockerfile):
    text = open(dockerfile).read()
    args = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", text, re.M))
    stage = re.split(r"^FROM\s+", text, flags=re.M)
    runtime = next(s for s in stage if re.match(r"\S+\s+AS\s+runtime\b", s, re.I))
    base = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), ""), runtime.split()[0])
    # Join continuation lines, drop comments.
    lines = []
    for line in runtime.splitlines()[1:]:
        if line.lstrip().startswith("#"):
            continue
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1] + " " + line.strip()
        else:
            lines.append(line.strip())
    instructions = [(l.split(None, 1)[0].upper(), l.split(None, 1)[1] if " " in l else "")
                    for l in lines if l]
    return base, instructions


def run(cmd, timeout, **kw):
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if res.returncode != 0:
        opslib.fail(f"{' '.join(cmd)[:200]} failed ({res.returncode}):\n"
                    f"{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return res.stdout


def main():
    ap = argparse.ArgumentParser()
    for flag in ("dockerfile", "server", "cli", "demo", "cache"):
        ap.add_argument("--" + flag, required=True)
    a = ap.parse_args()
    if os.environ.get("PLACI_OPS_ROOTFS") != "1":
        print("skipped: set PLACI_OPS_ROOTFS=1 to build the runtime stage with debootstrap")
        return SKIP
    if os.geteuid() != 0 or not shutil.which("debootstrap"):
        print("skipped: needs root and debootstrap")
        return SKIP

    base, instructions = runtime_instructions(a.dockerfile)
    release = base.split(":")[1].split("-")[0]
    opslib.log(f"runtime stage: {base} (release {release}), "
               f"{len(instructions)} instructions")

    cache = os.path.join(a.cache, f"{release}-minbase")
    if not os.path.exists(os.path.join(cache, ".complete")):
        shutil.rmtree(cache, ignore_errors=True)
        opslib.log(f"debootstrap {release} into {cache}")
        run(["debootstrap", "--variant=minbase", release, cache,
             "http://deb.debian.org/debian"], timeout=900)
        open(os.path.join(cache, ".complete"), "w").close()

    with tempfile.TemporaryDirectory(prefix="placi-rootfs-") as tmp:
        root = os.path.join(tmp, "root")
        run(["cp", "-a", cache, root], timeout=300)
        shutil.copy("/etc/resolv.conf", os.path.join(root, "etc/resolv.conf"))
        user = None
        workdir = "/"
        entrypoint, cmd = [], []
        for op, arg in instructions:
            if op == "RUN":
                opslib.log(f"RUN {arg[:100]}...")
                run(["chroot", root, "/bin/sh", "-ec", arg], timeout=900)
            elif op == "COPY":
                m = re.match(r"--from=build\s+(.*)\s+(\S+)$", arg)
                if not m:
                    opslib.fail(f"unexpected COPY {arg}")
                dest = os.path.join(root, m.group(2).lstrip("/"))
                os.makedirs(dest, exist_ok=True)
                for src in m.group(1).split():
                    binary = {"placi-screen-server": a.server, "placi-screen": a.cli}[
                        os.path.basename(src)]
                    shutil.copy2(binary, os.path.join(dest, os.path.basename(src)))
                opslib.log(f"COPY {m.group(1)} -> {m.group(2)}")
            elif op == "USER":
                user = arg.strip()
            elif op == "WORKDIR":
                workdir = arg.strip()
            elif op == "ENTRYPOINT":
                entrypoint = json.loads(arg)
            elif op == "CMD":
                cmd = json.loads(arg)
        if not user or not entrypoint:
            opslib.fail("the runtime stage has no USER or no ENTRYPOINT")

        for binary in ("/usr/local/bin/placi-screen-server", "/usr/local/bin/placi-screen"):
            out = run(["chroot", root, "ldd", binary], timeout=60)
            if "not found" in out:
                opslib.fail(f"in the image, {binary} misses libraries:\n{out}")
        opslib.log("ldd in the image root: every library found")

        # The data volume, owned by the image's user as the fsGroup makes it.
        volume = os.path.join(tmp, "volume")
        os.makedirs(volume)
        uid, gid = (int(x) for x in user.split(":"))
        os.chown(volume, uid, gid)
        ports = "/var/lib/placi-screen/ports"
        server_args = [a for a in cmd if not a.startswith("--listen") and
                       not a.startswith("--metrics_listen")]
        server_args += ["--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
                        f"--port_file={ports}", "--drain_seconds=0"]
        script = " && ".join([
            f"mount --bind {root} {root}",
            f"mount -o remount,bind,ro {root}",
            f"mount --bind {volume} {root}/var/lib/placi-screen",
            f"cd {root}",
            f"exec chroot --userspec={uid}:{gid} {root} /bin/sh -c "
            + shlex.quote(f"cd {workdir} && exec " + " ".join(
                shlex.quote(x) for x in entrypoint + server_args)),
        ])
        log = os.path.join(tmp, "server.log")
        # --kill-child: if unshare dies, the server gets SIGKILL (nothing is
        # left behind); the signals of the test go to the server itself,
        # unshare's child, and unshare exits with the server's status.
        with opslib.process(["unshare", "--mount", "--propagation", "private", "--fork",
                             "--kill-child", "/bin/sh", "-ec", script], "server", log) as server:
            grpc_port, metrics_port = opslib.wait_for_ports(
                os.path.join(volume, "ports"), server, log)
            opslib.log(f"server in the image root (uid {uid}, read-only /): gRPC {grpc_port}")
            res = subprocess.run([a.cli, f"--target=127.0.0.1:{grpc_port}", "screen",
                                  os.path.join(a.demo, "manifest.jsonl")],
                                 capture_output=True, text=True, timeout=120)
            answers = [x for x in res.stdout.splitlines() if x.strip()]
            total = sum(1 for x in open(os.path.join(a.demo, "manifest.jsonl")) if x.strip())
            if len(answers) != total:
                opslib.fail(f"{len(answers)} verdicts for {total} parcels: {res.stderr[-1500:]}")
            metrics = opslib.http_get(f"http://127.0.0.1:{metrics_port}/metrics")
            if "placi_screen_verdicts_total" not in metrics:
                opslib.fail("no verdict metrics from the server in the image root")
            opslib.log(f"screened {total} demo parcels; /metrics served")
            with open(f"/proc/{server.pid}/task/{server.pid}/children") as f:
                child = int(f.read().split()[0])
            os.kill(child, signal.SIGTERM)
            try:
                rc = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                opslib.fail("the server in the image root did not exit within 30s of SIGTERM")
            if rc != 0:
                opslib.fail(f"the server in the image root exited with {rc} after SIGTERM")
        files = sorted(os.listdir(os.path.join(volume, "rocksdb")))
        if "CURRENT" not in files:
            opslib.fail(f"no RocksDB on the volume: {files}")
        opslib.log(f"exit 0 on SIGTERM; RocksDB on the volume ({len(files)} files)")
        # Nothing was written outside the volume.
        changed = run(["find", root, "-xdev", "-newer", os.path.join(root, "usr/local/bin"),
                       "-type", "f", "-not", "-path", f"{root}/var/lib/placi-screen/*"],
                      timeout=60).split()
        if changed:
            opslib.log(f"note: files newer than the binaries: {changed[:5]}")
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
