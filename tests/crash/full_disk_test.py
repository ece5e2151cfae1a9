#!/usr/bin/env python3
"""Full disk: writes fail cleanly, verdicts are fail-closed, the service recovers when space returns.

The server runs on a data dir in a small tmpfs of its own (so this needs root
and mount rights; without them the test is skipped, exit code 77). The disk
is filled with a file, then the WAL's preallocated room is used up with
watchlist upserts. From then on:
  - parcels get HOLD + REQUEST_FOR_INFORMATION with reason SCREENING_UNAVAILABLE
    (fail-closed), not RPC errors, and such verdicts are not in the log;
  - admin writes fail with an error, and the process does not crash;
then the file is removed and, within RocksDB's recovery poll (5 s), parcels get
real, recorded verdicts again. Everything acknowledged before the disk filled
survives a SIGTERM and a restart.

    sudo python3 tests/crash/full_disk_test.py --server build/server/placi-screen-server \
        --stubs build/tests/e2e/python_stubs
"""
import argparse
import errno
import os
import shutil
import subprocess
import sys
import tempfile
import time

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from server_harness import ServerProcess, import_stubs  # noqa: E402
from crash_test import make_parcel  # noqa: E402

SKIP = 77
# RocksDB resumes after "no space" once the free space is above its write
# buffer (64 MiB): the disk must be bigger than that.
TMPFS_MB = 160
RECOVERY_TIMEOUT_S = 60


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", required=True)
    ap.add_argument("--stubs", required=True)
    args = ap.parse_args()
    pb = import_stubs(os.path.abspath(args.stubs))
    from placi.screening.v1 import screening_pb2, screening_pb2_grpc, verdict_pb2

    work = tempfile.mkdtemp(prefix="placi_full_disk_")
    mnt = os.path.join(work, "disk")
    os.mkdir(mnt)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm" % TMPFS_MB, "tmpfs", mnt],
                                           capture_output=True).returncode != 0:
        print("SKIP: cannot mount a tmpfs (needs root and mount rights)")
        shutil.rmtree(work, ignore_errors=True)
        return SKIP
    failures = []

    def check(cond, message):
        print(("ok   " if cond else "FAIL ") + message, flush=True)
        if not cond:
            failures.append(message)

    data = os.path.join(mnt, "db")
    filler = os.path.join(mnt, "filler")
    server = None
    try:
        server = ServerProcess(args.server, data, work, extra_args=["--seed_watchlist=none", "--log_verdicts=false"])
        server.start(pb["health_pb2"], pb["health_pb2_grpc"])
        screening = screening_pb2_grpc.ScreeningServiceStub(server.channel())
        watchlist = screening_pb2_grpc.WatchlistServiceStub(server.channel())
        decisions = screening_pb2_grpc.DecisionServiceStub(server.channel())

        def screen(n, tag):
            return screening.Screen(screening_pb2.ScreenRequest(consignment=make_parcel(pb, 0, tag, n)),
                                    timeout=10).verdict

        def unavailable(v):
            return any(r.code == "SCREENING_UNAVAILABLE" for r in v.reasons)

        before = [screen(i, "before") for i in range(20)]
        check(not any(unavailable(v) for v in before), "verdicts before the disk fills are real")
        entry = screening_pb2.WatchlistEntry(id="fd-kept", kind=screening_pb2.ENTRY_KIND_PHONE,
                                             value="+44 20 7946 0001", referral=verdict_pb2.REFERRAL_NONE, points=5)
        watchlist.UpsertEntries(screening_pb2.UpsertEntriesRequest(entries=[entry]), timeout=10)

        # Fill the disk, then the WAL's preallocated room.
        with open(filler, "wb") as f:
            chunk = b"\0" * (1 << 20)
            try:
                while True:
                    f.write(chunk)
                    f.flush()
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
        upsert_error = None
        for batch in range(200):
            entries = [screening_pb2.WatchlistEntry(
                # Tax ids: an exact-key index, cheap to rebuild at the restart.
                id="fd-%d-%d" % (batch, i), kind=screening_pb2.ENTRY_KIND_TAX_ID,
                value="FD%04d%06d" % (batch, i), note="n" * 500, source="s" * 500,
                referral=verdict_pb2.REFERRAL_NONE, points=1) for i in range(2000)]
            try:
                watchlist.UpsertEntries(screening_pb2.UpsertEntriesRequest(entries=entries), timeout=60)
            except grpc.RpcError as e:
                upsert_error = e
                break
        check(upsert_error is not None, "an admin write fails once the disk is full (%s after %d batches)"
              % ("%s: %s" % (upsert_error.code().name, upsert_error.details()) if upsert_error else "none failed",
                 batch))
        check(server.proc.poll() is None, "the server is still running")

        during = [screen(i, "full") for i in range(20)]
        check(all(unavailable(v) for v in during), "parcels get SCREENING_UNAVAILABLE verdicts while the disk is full")
        check(all(v.decision == verdict_pb2.DECISION_HOLD and v.referral == verdict_pb2.REFERRAL_REQUEST_FOR_INFORMATION
                  for v in during), "... HOLD + REQUEST_FOR_INFORMATION (fail-closed)")
        try:
            decisions.GetDecision(screening_pb2.GetDecisionRequest(decision_id=during[0].decision_id), timeout=10)
            check(False, "a fail-closed verdict is not in the decision log")
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.NOT_FOUND, "a fail-closed verdict is not in the decision log")

        os.remove(filler)
        start = time.monotonic()
        recovered = None
        n = 0
        while time.monotonic() - start < RECOVERY_TIMEOUT_S:
            v = screen(n, "after")
            n += 1
            if not unavailable(v):
                recovered = v
                break
            time.sleep(0.2)
        check(recovered is not None, "verdicts are real again %.1fs after space returned" % (time.monotonic() - start))
        if recovered is not None:
            got = decisions.GetDecision(screening_pb2.GetDecisionRequest(decision_id=recovered.decision_id), timeout=10)
            check(got.verdict == recovered, "... and recorded")

        code = server.terminate()
        check(code == 0, "SIGTERM after the episode exits 0 (got %s)" % code)
        server.kill()
        server = ServerProcess(args.server, data, work, extra_args=["--seed_watchlist=none"])
        server.start(pb["health_pb2"], pb["health_pb2_grpc"])
        decisions = screening_pb2_grpc.DecisionServiceStub(server.channel())
        watchlist = screening_pb2_grpc.WatchlistServiceStub(server.channel())
        kept = 0
        for v in before:
            try:
                if decisions.GetDecision(screening_pb2.GetDecisionRequest(decision_id=v.decision_id),
                                         timeout=10).verdict == v:
                    kept += 1
            except grpc.RpcError:
                pass
        check(kept == len(before), "after a restart, %d of %d verdicts from before the episode" % (kept, len(before)))
        try:
            watchlist.GetEntry(screening_pb2.GetEntryRequest(id="fd-kept"), timeout=10)
            check(True, "the watchlist entry acknowledged before the episode is there")
        except grpc.RpcError as e:
            check(False, "the watchlist entry acknowledged before the episode is there (%s)" % e.code().name)
        check(server.terminate() == 0, "clean stop")
    finally:
        if server is not None:
            if failures:
                print(server.log_tail())
            server.kill()
        subprocess.run(["umount", mnt], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    print("%s: %d failed" % ("PASS" if not failures else "FAIL", len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
