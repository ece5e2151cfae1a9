#!/usr/bin/env python3
"""Resident memory a watchlist entry costs, by kind (README, "Memory per entry").

Starts the server on an empty data dir (--seed_watchlist=none), loads N
entries of one kind with UpsertEntries (batches of 5,000), and prints the RSS
over the empty server's, after the upserts and again after a restart (what
a pod holds in steady state). Party names come with 0, 1 or 2 words of their
own (party0/1/2): each word no other listed name carries is what costs most.

  /usr/bin/python3 tools/bench/memory_by_kind.py --server build/server/placi-screen-server \
      --stubs build/tests/e2e/python_stubs --kind party1 --entries 200000 --port 55311
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

KINDS = ("party0", "party1", "party2", "phone", "address", "email", "tax", "seller")
WORDS = ["Golden", "Star", "Lucky", "Dragon", "Ocean", "Pearl", "Bright", "Future", "Harbor", "Sun",
         "Moon", "River", "Eagle", "Lotus", "Jade", "Phoenix", "Silver", "Royal", "Grand", "Unity"]
SHARED = [w + s for w in WORDS for s in ("", "ia", "on")]


def own_word(n):
    """A made-up word unique to n ("Bax", "Dakex", …)."""
    text = ""
    while True:
        text += "bdfgklmnprstvz"[n % 14] + "aeiou"[n // 14 % 5]
        n //= 70
        if n == 0:
            return text.capitalize() + "x"


def syllables(rng):
    return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def entry(i, kind, rng):
    if kind.startswith("party"):
        own = [own_word(i * 2 + j) for j in range(int(kind[-1]))]
        shared = [SHARED[(i * 7 + j * 13) % len(SHARED)] for j in range(3 - len(own))]
        value = " ".join(shared[:1] + own + shared[1:] +
                         [rng.choice(["Trading", "Electronics", "Garments", "Logistics"]), "Co Ltd"])
        return "ENTRY_KIND_PARTY_NAME", value
    if kind == "phone":
        return "ENTRY_KIND_PHONE", f"+86 20 {rng.randint(10**7, 10**8 - 1)}"
    if kind == "address":
        return "ENTRY_KIND_ADDRESS", (f"{rng.randint(1, 999)} {syllables(rng)} Road, {syllables(rng)}, "
                                      f"5{rng.randint(10000, 99999)}, CN")
    if kind == "email":
        return "ENTRY_KIND_EMAIL", f"{syllables(rng).lower()}.{syllables(rng).lower()}{i}@example.com"
    if kind == "tax":
        return "ENTRY_KIND_TAX_ID", f"CN{i:012d}"
    return "ENTRY_KIND_SELLER_ID", f"SELLER-{i:08d}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--stubs", required=True, help="the e2e tests' generated Python stubs")
    ap.add_argument("--kind", choices=KINDS, required=True)
    ap.add_argument("--entries", type=int, default=200000)
    ap.add_argument("--port", type=int, default=55311, help="gRPC; metrics on the next one")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.stubs))
    import grpc
    from google.protobuf import json_format
    from placi.screening.v1 import screening_pb2 as pb, screening_pb2_grpc as pb_grpc

    data_dir = tempfile.mkdtemp(prefix="placi-memory-")

    def start():
        server = subprocess.Popen(
            [a.server, f"--listen=127.0.0.1:{a.port}", f"--metrics_listen=127.0.0.1:{a.port + 1}",
             f"--data_dir={data_dir}", "--seed_watchlist=none", "--drain_seconds=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        channel = grpc.insecure_channel(f"127.0.0.1:{a.port}",
                                        options=[("grpc.max_send_message_length", 64 << 20)])
        grpc.channel_ready_future(channel).result(timeout=60)
        watchlist = pb_grpc.WatchlistServiceStub(channel)
        watchlist.GetWatchlistInfo(pb.GetWatchlistInfoRequest(), timeout=60, wait_for_ready=True)
        time.sleep(2)  # the allocator settles
        return server, watchlist

    def rss(server):
        with open(f"/proc/{server.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) * 1024
        return 0

    rng = random.Random(7)
    try:
        server, watchlist = start()
        empty = rss(server)
        for first in range(0, a.entries, 5000):
            entries = []
            for i in range(first, min(a.entries, first + 5000)):
                kind, value = entry(i, a.kind, rng)
                entries.append({"id": f"m{i}", "kind": kind, "value": value,
                                "referral": "REFERRAL_NONE", "points": 20, "source": "load"})
            watchlist.UpsertEntries(
                json_format.ParseDict({"entries": entries}, pb.UpsertEntriesRequest()), timeout=120)
        time.sleep(2)
        loaded = rss(server)
        server.terminate()
        server.wait(timeout=60)
        server, _ = start()
        restarted = rss(server)
        server.terminate()
        server.wait(timeout=60)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{a.kind}: {a.entries} entries, empty server {empty / 2**20:.1f} MiB; "
          f"after the upserts +{(loaded - empty) / a.entries:.0f} B/entry; "
          f"after a restart +{(restarted - empty) / a.entries:.0f} B/entry")


if __name__ == "__main__":
    main()
