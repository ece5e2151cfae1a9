#!/usr/bin/env python3
"""Throughput of the clustered mode against one node, on this machine.

Runs `placi-bench load --servers=target` against every replica at once (one
load generator per replica) and sums the throughput, for: one node without
NATS, one clustered replica, and three clustered replicas, each on a fresh
3-node NATS JetStream cluster. Then waits for every replica's outbox to
drain and reports how long the replicas took to agree. Prints one
"figure ..." line per setup. Not part of `make test` (it takes minutes);
README "Scaling out" quotes its output.

    python3 tests/cluster/bench_cluster.py --server build/server/placi-screen-server \
        --bench build/tools/bench/placi-bench --nats-server /usr/sbin/nats-server \
        [--duration 10] [--scenario unary:32]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from nats_cluster import NatsCluster  # noqa: E402
from server_harness import ServerProcess  # noqa: E402


def metric(server, name):
    url = "http://127.0.0.1:%d/metrics" % server.metrics_port
    with urllib.request.urlopen(url, timeout=5) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(name + " "):
                return float(line.rsplit(" ", 1)[1])
    return None


def metric_sum(server, name):
    url = "http://127.0.0.1:%d/metrics" % server.metrics_port
    total = 0.0
    with urllib.request.urlopen(url, timeout=5) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(name + "{") or line.startswith(name + " "):
                total += float(line.rsplit(" ", 1)[1])
    return total


def events_stream_bytes(nats):
    """Bytes and messages of the events stream, from a NATS node's /jsz."""
    url = "http://127.0.0.1:%d/jsz?streams=true" % nats.nodes[0].monitor_port
    with urllib.request.urlopen(url, timeout=5) as r:
        jsz = json.loads(r.read().decode())
    for account in jsz.get("account_details", []):
        for stream in account.get("stream_detail", []):
            if stream["name"] == "PLACI_EVENTS":
                return stream["state"]["bytes"], stream["state"]["messages"]
    return 0, 0


def run(args, work, replicas, clustered):
    nats = None
    servers = []
    try:
        extra = []
        if clustered:
            nats = NatsCluster(args.nats_server, work, size=3).start()
            extra = ["--nats_url=" + ",".join(nats.urls())]
        for i in range(replicas):
            s = ServerProcess(args.server, os.path.join(work, "r%d" % i), work,
                              extra + (["--node_id=r%d" % i] if clustered else []))
            servers.append(s.start())
        procs = []
        for i, s in enumerate(servers):
            out = os.path.join(work, "bench-%d.json" % i)
            procs.append((out, subprocess.Popen(
                [args.bench, "load", "--servers=target", "--target=" + s.target,
                 "--scenarios=" + args.scenario, "--duration=%g" % args.duration,
                 "--warmup=2", "--json=" + out],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        total, p99 = 0.0, []
        for out, p in procs:
            p.wait(timeout=args.duration * 4 + 120)
            with open(out) as f:
                result = json.load(f)
            figures = result["scenarios"][0]["target"]
            total += figures["throughput"]
            p99.append(figures.get("p99_us", 0))
        agree_s = 0.0
        if clustered:
            t0 = time.monotonic()
            deadline = t0 + 300
            while time.monotonic() < deadline:
                if all((metric(s, "placi_replication_outbox_events") or 0) == 0 and
                       (metric(s, "placi_replication_pending_events") or 0) == 0 for s in servers):
                    break
                time.sleep(0.1)
            agree_s = time.monotonic() - t0
            parcels = sum(metric_sum(s, "placi_screen_parcels_total") for s in servers)
            stream_bytes, messages = events_stream_bytes(nats)
            print("events stream: %d bytes in %d messages for %d parcels (%.0f bytes per parcel)"
                  % (stream_bytes, messages, parcels, stream_bytes / max(parcels, 1)))
        return total, max(p99), agree_s
    finally:
        for s in servers:
            s.kill()
        if nats is not None:
            nats.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--nats-server", required=True)
    ap.add_argument("--duration", type=float, default=10)
    ap.add_argument("--scenario", default="unary:32")
    args = ap.parse_args()
    print("machine: %d CPUs, load average %.1f" % (os.cpu_count(), os.getloadavg()[0]))
    for label, replicas, clustered in (("single node, no NATS", 1, False),
                                       ("clustered, 1 replica", 1, True),
                                       ("clustered, 3 replicas", 3, True)):
        work = tempfile.mkdtemp(prefix="placi-cluster-bench-")
        try:
            total, p99, agree = run(args, work, replicas, clustered)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("figure %-24s %s: %8.0f parcels/s in total, worst p99 %.0f us%s" % (
            label, args.scenario, total, p99,
            ", replicas agree %.1f s after the load" % agree if clustered else ""), flush=True)


if __name__ == "__main__":
    sys.exit(main())
