#!/usr/bin/env python3
"""Crash test: SIGKILL the server at random moments under load; nothing acknowledged is lost.

Each cycle starts placi-screen-server on the same data dir, runs ScreenStream
clients, a unary Screen client and an admin client (UpsertEntries, and
DeleteEntries of entries added earlier) concurrently, and SIGKILLs the server
after a random time. The next start must succeed, and then:
  - every verdict a client received is in the decision log (GetDecision
    returns the same Verdict, field for field);
  - every watchlist upsert that was acknowledged is present (GetEntry returns
    the same entry), and every acknowledged delete is still deleted.
A call cut by the kill has no known outcome and is not checked. After the
last cycle everything from every cycle is checked once more.

    python3 tests/crash/crash_test.py --server build/server/placi-screen-server \
        --stubs build/tests/e2e/python_stubs --cycles 200 --seed 7

Prints one line per cycle and a summary; exits 1 on any loss or failed restart.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from server_harness import ServerError, ServerProcess, import_stubs  # noqa: E402

RPC_TIMEOUT_S = 10.0
VERIFY_BATCH = 256


class Ledger:
    """What clients were told, across cycles. Thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.verdicts = []          # (cycle, Verdict) received by a client
        self.present = {}           # entry id -> WatchlistEntry, upsert acknowledged
        self.absent = set()         # entry ids whose delete was acknowledged
        self.unknown = set()        # ids whose last change was cut by the kill
        self.cycle_verdicts = 0
        self.cycle_upserts = 0
        self.cycle_deletes = 0

    def verdict(self, cycle, v):
        with self.lock:
            self.verdicts.append((cycle, v))
            self.cycle_verdicts += 1

    def upserted(self, entries):
        with self.lock:
            for e in entries:
                self.present[e.id] = e
                self.absent.discard(e.id)
                self.unknown.discard(e.id)
            self.cycle_upserts += len(entries)

    def deleted(self, ids):
        with self.lock:
            for i in ids:
                self.present.pop(i, None)
                self.absent.add(i)
                self.unknown.discard(i)
            self.cycle_deletes += len(ids)

    def cut(self, ids):
        with self.lock:
            for i in ids:
                self.present.pop(i, None)
                self.absent.discard(i)
                self.unknown.add(i)

    def deletable(self, rng):
        with self.lock:
            if not self.present:
                return None
            return rng.choice(sorted(self.present))


def make_parcel(pb, cycle, worker, n):
    c = pb["consignment_pb2"]
    hawb = "CRASH-%d-%s-%d" % (cycle, worker, n)
    return c.Consignment(
        request_id="req-" + hawb,
        carrier_id="carrier-crash",
        house_waybill=hawb,
        consignor=c.Party(name="Hangzhou Bright Ceramics Co., Ltd.", phone="+86 571 8888 0000",
                          address=c.Address(street="88 Wenyi West Road", city="Hangzhou",
                                            postal_code="310012", country_code="CN")),
        consignee=c.Party(name="Consignee %d" % (n % 97), email="c%d@example.de" % (n % 97),
                          address=c.Address(street="Lindenstrasse %d" % (n % 50 + 1), city="Koeln",
                                            postal_code="50674", country_code="DE")),
        pieces=1,
        gross_weight_kg=1.2,
        items=[c.GoodsItem(description="glazed ceramic coffee mugs, set of 4", hs_code="691200",
                           quantity=4, declared_value=c.Money(currency_code="EUR", units=24))],
        route=c.Route(origin_country_code="CN", origin_airport="HGH", destination_airport="CGN"),
    )


def guarded(problems, fn, *args):
    """Runs a client; a bug in the client (not an RPC error) fails the test."""
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001
        problems.append("client %s crashed: %r" % (fn.__name__, e))


def stream_client(pb, channel, ledger, cycle, name, stop):
    sp = pb["screening_pb2"]
    stub = pb["screening_pb2_grpc"].ScreeningServiceStub(channel)

    def requests():
        n = 0
        while not stop.is_set():
            yield sp.ScreenStreamRequest(consignment=make_parcel(pb, cycle, name, n))
            n += 1

    try:
        for resp in stub.ScreenStream(requests(), timeout=120):
            if resp.HasField("verdict"):
                ledger.verdict(cycle, resp.verdict)
    except grpc.RpcError:
        pass  # the kill


def unary_client(pb, channel, ledger, cycle, stop):
    sp = pb["screening_pb2"]
    stub = pb["screening_pb2_grpc"].ScreeningServiceStub(channel)
    n = 0
    while not stop.is_set():
        try:
            resp = stub.Screen(sp.ScreenRequest(consignment=make_parcel(pb, cycle, "u", n)),
                               timeout=RPC_TIMEOUT_S)
            ledger.verdict(cycle, resp.verdict)
        except grpc.RpcError:
            return
        n += 1


def admin_client(pb, channel, ledger, cycle, rng, stop):
    sp = pb["screening_pb2"]
    stub = pb["screening_pb2_grpc"].WatchlistServiceStub(channel)
    kinds = [sp.ENTRY_KIND_PHONE, sp.ENTRY_KIND_EMAIL, sp.ENTRY_KIND_PARTY_NAME, sp.ENTRY_KIND_TAX_ID]
    n = 0
    while not stop.is_set():
        if n % 4 == 3:
            victim = ledger.deletable(rng)
            if victim is not None:
                try:
                    stub.DeleteEntries(sp.DeleteEntriesRequest(ids=[victim]), timeout=RPC_TIMEOUT_S)
                    ledger.deleted([victim])
                except grpc.RpcError:
                    ledger.cut([victim])
                    return
                n += 1
                continue
        entries = []
        for k in range(rng.randint(1, 3)):
            i = "crash-%d-%d-%d" % (cycle, n, k)
            kind = kinds[(n + k) % len(kinds)]
            value = {sp.ENTRY_KIND_PHONE: "+44 20 7946 %04d" % ((n * 3 + k) % 10000),
                     sp.ENTRY_KIND_EMAIL: "%s@crash.example" % i,
                     sp.ENTRY_KIND_PARTY_NAME: "Crash Trading %d %d %d" % (cycle, n, k),
                     sp.ENTRY_KIND_TAX_ID: "DE%09d" % (cycle * 100000 + n * 3 + k)}[kind]
            entries.append(sp.WatchlistEntry(id=i, kind=kind, value=value, referral=pb["verdict_pb2"].REFERRAL_NONE,
                                             points=10, source="crash", note="cycle %d" % cycle))
        try:
            stub.UpsertEntries(sp.UpsertEntriesRequest(entries=entries), timeout=RPC_TIMEOUT_S)
            ledger.upserted(entries)
        except grpc.RpcError:
            ledger.cut([e.id for e in entries])
            return
        n += 1


def verify(pb, channel, ledger, cycles, problems):
    """Checks the verdicts of `cycles` (None: all) and the watchlist. Returns (verdicts, entries) checked."""
    sp = pb["screening_pb2"]
    decisions = pb["screening_pb2_grpc"].DecisionServiceStub(channel)
    watchlist = pb["screening_pb2_grpc"].WatchlistServiceStub(channel)
    with ledger.lock:
        verdicts = [v for c, v in ledger.verdicts if cycles is None or c in cycles]
        present = dict(ledger.present)
        absent = set(ledger.absent)
    for start in range(0, len(verdicts), VERIFY_BATCH):
        batch = verdicts[start:start + VERIFY_BATCH]
        futures = [decisions.GetDecision.future(sp.GetDecisionRequest(decision_id=v.decision_id),
                                                timeout=RPC_TIMEOUT_S) for v in batch]
        for v, f in zip(batch, futures):
            try:
                got = f.result().verdict
                if got != v:
                    problems.append("verdict %s differs in the log:\n%s\nvs received\n%s" % (v.decision_id, got, v))
            except grpc.RpcError as e:
                problems.append("verdict %s (%s) received but not in the log: %s %s"
                                % (v.decision_id, v.request_id, e.code().name, e.details()))
    ids = sorted(present)
    for start in range(0, len(ids), VERIFY_BATCH):
        batch = ids[start:start + VERIFY_BATCH]
        futures = [watchlist.GetEntry.future(sp.GetEntryRequest(id=i), timeout=RPC_TIMEOUT_S) for i in batch]
        for i, f in zip(batch, futures):
            try:
                got = f.result().entry
                if got != present[i]:
                    problems.append("entry %s differs: %s vs acknowledged %s" % (i, got, present[i]))
            except grpc.RpcError as e:
                problems.append("entry %s acknowledged but missing: %s %s" % (i, e.code().name, e.details()))
    for i in sorted(absent):
        try:
            watchlist.GetEntry(sp.GetEntryRequest(id=i), timeout=RPC_TIMEOUT_S)
            problems.append("entry %s deleted (acknowledged) but back after restart" % i)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.NOT_FOUND:
                problems.append("entry %s: GetEntry %s %s" % (i, e.code().name, e.details()))
    return len(verdicts), len(present) + len(absent)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", required=True)
    ap.add_argument("--stubs", required=True)
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--streams", type=int, default=3)
    ap.add_argument("--min_run_s", type=float, default=0.2)
    ap.add_argument("--max_run_s", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the work dir (data, server logs)")
    ap.add_argument("--server_args", default="", help="extra server flags, space separated")
    ap.add_argument("--sabotage_wal", action="store_true",
                    help="self-check of the test: delete the WAL after each kill; the test must FAIL")
    args = ap.parse_args()

    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    pb = import_stubs(os.path.abspath(args.stubs))
    work_dir = tempfile.mkdtemp(prefix="placi_crash_")
    data_dir = os.path.join(work_dir, "data")
    ledger = Ledger()
    problems = []
    failed_restarts = 0
    checked_verdicts = 0
    print("crash test: %d cycles, seed %d, work dir %s" % (args.cycles, seed, work_dir), flush=True)
    t0 = time.monotonic()
    server = None
    try:
        for cycle in range(args.cycles + 1):
            server = ServerProcess(args.server, data_dir, work_dir, extra_args=args.server_args.split())
            try:
                server.start(pb["health_pb2"], pb["health_pb2_grpc"])
            except ServerError as e:
                failed_restarts += 1
                problems.append("cycle %d: restart failed: %s" % (cycle, e))
                break
            channel = server.channel()
            # What the previous run acknowledged, before anything else happens.
            if cycle > 0:
                n, _ = verify(pb, channel, ledger, {cycle - 1}, problems)
                checked_verdicts += n
            if cycle == args.cycles:
                break  # the last start only verifies
            with ledger.lock:
                ledger.cycle_verdicts = ledger.cycle_upserts = ledger.cycle_deletes = 0
            stop = threading.Event()
            threads = [threading.Thread(target=guarded, args=(problems, stream_client, pb, channel, ledger,
                                                              cycle, "s%d" % i, stop))
                       for i in range(args.streams)]
            threads.append(threading.Thread(target=guarded, args=(problems, unary_client, pb, channel, ledger,
                                                                  cycle, stop)))
            threads.append(threading.Thread(target=guarded, args=(problems, admin_client, pb, channel, ledger,
                                                                  cycle, random.Random(rng.random()), stop)))
            for t in threads:
                t.start()
            run_s = rng.uniform(args.min_run_s, args.max_run_s)
            time.sleep(run_s)  # the random moment of the kill (what is measured is the outcome)
            server.proc.kill()  # SIGKILL
            server.proc.wait(timeout=30)
            stop.set()
            for t in threads:
                t.join(timeout=60)
            server.kill()  # closes the channel and the log
            if args.sabotage_wal:
                for name in os.listdir(data_dir):
                    if name.endswith(".log"):
                        os.remove(os.path.join(data_dir, name))
            with ledger.lock:
                print("cycle %3d: killed after %.2fs: %d verdicts received, %d upserts and %d deletes "
                      "acknowledged" % (cycle, run_s, ledger.cycle_verdicts, ledger.cycle_upserts,
                                        ledger.cycle_deletes), flush=True)
            if problems:
                break
        if not problems and server is not None:
            n, entries = verify(pb, server.channel(), ledger, None, problems)
            print("final check: %d verdicts, %d watchlist changes" % (n, entries))
        if server is not None:
            server.terminate()
    finally:
        if server is not None:
            server.kill()
        if not args.keep and not problems:
            shutil.rmtree(work_dir, ignore_errors=True)

    with ledger.lock:
        total_verdicts = len(ledger.verdicts)
        total_entries = len(ledger.present) + len(ledger.absent)
    print("%s: %d cycles, %d verdicts received and found in the log, %d acknowledged watchlist changes "
          "kept, %d losses, %d failed restarts, %.1fs (seed %d)"
          % ("PASS" if not problems else "FAIL", args.cycles, total_verdicts,
             total_entries, len(problems), failed_restarts, time.monotonic() - t0, seed))
    for p in problems[:20]:
        print("  " + p)
    if problems:
        print("work dir kept: %s" % work_dir)
    return 1 if problems or failed_restarts else 0


if __name__ == "__main__":
    sys.exit(main())
