#!/usr/bin/env python3
"""The clustered mode end to end: a 3-node NATS JetStream cluster and three
placi-screen-server replicas on loopback ports chosen at run time, driven by
an independent Python gRPC client.

Replicas 1 and 2 know every NATS node; replica 3 knows only node 3 (the
nodes do not advertise each other), so stopping node 3 cuts replica 3 off.

    python3 tests/cluster/cluster_test.py --server build/server/placi-screen-server \
        --stubs build/tests/e2e/python_stubs --demo deploy/demo --nats-server /usr/sbin/nats-server

Prints one line per check, the measured figures ("figure ..." lines: lag of
watchlist changes, catch-up time) and "N passed, M failed"; exits 1 on any
failure.
"""
import argparse
import copy
import os
import shutil
import sys
import tempfile
import time
import urllib.request

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from nats_cluster import NatsCluster  # noqa: E402
from server_harness import (  # noqa: E402
    Runner, ServerProcess, by_request_id, import_stubs, read_jsonl)

RPC_TIMEOUT_S = 10.0
# How long a change may take to reach another replica before a check fails.
# A bound for correctness, not the figure: the figures are printed.
SEEN_TIMEOUT_S = 20.0
LAG_UPSERTS = 50


def percentile(values, p):
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, int(round(p / 100.0 * (len(ordered) - 1)))))
    return ordered[k]


def wait_for(what, fn, timeout_s=SEEN_TIMEOUT_S, poll_s=0.002):
    """Polls fn() until it returns a true value, which is returned."""
    deadline = time.monotonic() + timeout_s
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = fn()
            if value:
                return value
        except grpc.RpcError as e:
            last_error = "%s: %s" % (e.code().name, e.details())
        time.sleep(poll_s)
    raise AssertionError("%s: not within %.0fs (last error: %s)" % (what, timeout_s, last_error))


class Replica:
    """One placi-screen-server of the cluster, restartable on its data dir."""

    def __init__(self, ctx, index, nats_urls):
        self.ctx = ctx
        self.index = index
        self.node_id = "replica-%d" % (index + 1)
        self.data_dir = os.path.join(ctx.work_dir, self.node_id)
        self.nats_urls = nats_urls
        self.server = None

    def start(self):
        args = ["--nats_url=" + ",".join(self.nats_urls), "--node_id=" + self.node_id,
                "--nats_stream_replicas=3", "--nats_catch_up_timeout_seconds=60"]
        self.server = ServerProcess(self.ctx.args.server, self.data_dir, self.ctx.work_dir, args)
        self.server.start(self.ctx.pb["health_pb2"], self.ctx.pb["health_pb2_grpc"])
        return self

    def stop(self):
        code = self.server.terminate()
        if code != 0:
            raise AssertionError("%s exited with %s\n%s" % (self.node_id, code, self.server.log_tail()))

    def kill(self):
        if self.server is not None:
            self.server.kill()

    # stubs
    def screening(self):
        return self.ctx.pb["screening_pb2_grpc"].ScreeningServiceStub(self.server.channel())

    def watchlist(self):
        return self.ctx.pb["screening_pb2_grpc"].WatchlistServiceStub(self.server.channel())

    def decisions(self):
        return self.ctx.pb["screening_pb2_grpc"].DecisionServiceStub(self.server.channel())

    def screen(self, consignment):
        req = self.ctx.pb["screening_pb2"].ScreenRequest(consignment=consignment)
        return self.screening().Screen(req, timeout=RPC_TIMEOUT_S).verdict

    def version(self):
        req = self.ctx.pb["screening_pb2"].GetWatchlistInfoRequest()
        return self.watchlist().GetWatchlistInfo(req, timeout=RPC_TIMEOUT_S).version

    def decision(self, decision_id):
        """The recorded verdict, or None while this replica does not have it."""
        req = self.ctx.pb["screening_pb2"].GetDecisionRequest(decision_id=decision_id)
        try:
            return self.decisions().GetDecision(req, timeout=RPC_TIMEOUT_S).verdict
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise

    def metric(self, name):
        url = "http://127.0.0.1:%d/metrics" % self.server.metrics_port
        with urllib.request.urlopen(url, timeout=5) as r:
            for line in r.read().decode().splitlines():
                if line.startswith(name + " ") or line.startswith(name + "{"):
                    return float(line.rsplit(" ", 1)[1])
        raise AssertionError("%s has no metric %s" % (self.node_id, name))

    def replication_serving(self):
        pb = self.ctx.pb
        stub = pb["health_pb2_grpc"].HealthStub(self.server.channel())
        reply = stub.Check(pb["health_pb2"].HealthCheckRequest(
            service="placi.screening.v1.Replication"), timeout=RPC_TIMEOUT_S)
        return reply.status == pb["health_pb2"].HealthCheckResponse.SERVING


class Ctx:
    def __init__(self, args, pb, work_dir):
        from google.protobuf import json_format
        self.args = args
        self.pb = pb
        self.work_dir = work_dir
        self.json_format = json_format
        self.manifest = by_request_id(read_jsonl(os.path.join(args.demo, "manifest.jsonl")))
        self.expected = by_request_id(read_jsonl(os.path.join(args.demo, "expected.jsonl")))
        self.nats = None
        self.replicas = []
        self.counter = 0

    def parcel(self, demo_id, **changes):
        """Demo parcel `demo_id` with a request id and house waybill of its own."""
        self.counter += 1
        d = copy.deepcopy(self.manifest[demo_id])
        d["request_id"] = "cluster-%d" % self.counter
        d["house_waybill"] = changes.pop("house_waybill", "CL%08d" % self.counter)
        for key, value in changes.items():
            d[key] = value
        return self.json_format.ParseDict(d, self.pb["consignment_pb2"].Consignment())

    def released_demo_id(self):
        return next(k for k, e in sorted(self.expected.items())
                    if e["decision"] == "DECISION_RELEASE")

    def held_demo_id(self):
        return next(k for k, e in sorted(self.expected.items())
                    if e["decision"] == "DECISION_HOLD" and
                    any(r.startswith("WATCHLIST_") for r in e["reasons"]))

    def entry(self, entry_id, kind, value, referral="REFERRAL_DO_NOT_LOAD", points=100):
        return self.json_format.ParseDict(
            {"id": entry_id, "kind": kind, "value": value, "referral": referral,
             "points": points, "source": "cluster-test"},
            self.pb["screening_pb2"].WatchlistEntry())

    def upsert(self, replica, entries, retry_s=0):
        """UpsertEntries; with retry_s, retried on UNAVAILABLE / DEADLINE_EXCEEDED for that
        long, as an admin client does while JetStream elects new stream leaders."""
        req = self.pb["screening_pb2"].UpsertEntriesRequest(entries=entries)
        deadline = time.monotonic() + retry_s
        while True:
            try:
                return replica.watchlist().UpsertEntries(req, timeout=RPC_TIMEOUT_S)
            except grpc.RpcError as e:
                retriable = e.code() in (grpc.StatusCode.UNAVAILABLE,
                                         grpc.StatusCode.DEADLINE_EXCEEDED)
                if not retriable or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


# -- the checks ---------------------------------------------------------------

def check_same_watchlist_at_start(ctx):
    versions = [r.version() for r in ctx.replicas]
    assert len(set(versions)) == 1 and versions[0] >= 1, versions


def check_watchlist_upsert_reaches_every_replica(ctx):
    r1, r2, r3 = ctx.replicas
    demo = ctx.released_demo_id()
    email = "watched-consignee@cluster.example"
    consignee = copy.deepcopy(ctx.manifest[demo]["consignee"])
    consignee["email"] = email
    before = r2.screen(ctx.parcel(demo, consignee=consignee))
    assert before.decision == ctx.pb["verdict_pb2"].DECISION_RELEASE, before

    call_ms, lag_ms = [], []
    last = None
    for i in range(LAG_UPSERTS):
        value = email if i == LAG_UPSERTS - 1 else "lag-%d@cluster.example" % i
        t0 = time.monotonic()
        last = ctx.upsert(r1, [ctx.entry("cluster-lag-%d" % i, "ENTRY_KIND_EMAIL", value)])
        t_ack = time.monotonic()
        call_ms.append((t_ack - t0) * 1000)
        assert last.sequence > 0 and last.watchlist_version == last.sequence, last
        for other in (r2, r3):
            wait_for("%s applies version %d" % (other.node_id, last.sequence),
                     lambda o=other: o.version() >= last.sequence, poll_s=0.0005)
            # From the start of the admin call to the change being served
            # by this other replica.
            lag_ms.append((time.monotonic() - t0) * 1000)
    print("figure watchlist_upsert_call_ms p50=%.1f p99=%.1f (n=%d, replica 1, R3 stream)"
          % (percentile(call_ms, 50), percentile(call_ms, 99), len(call_ms)))
    print("figure watchlist_replication_lag_ms p50=%.1f p99=%.1f max=%.1f "
          "(upsert call start on replica 1 -> version served on replicas 2 and 3, n=%d)"
          % (percentile(lag_ms, 50), percentile(lag_ms, 99), max(lag_ms), len(lag_ms)))

    for other in (r2, r3):
        v = other.screen(ctx.parcel(demo, consignee=consignee))
        assert v.decision == ctx.pb["verdict_pb2"].DECISION_HOLD, (other.node_id, v)
        assert v.referral == ctx.pb["verdict_pb2"].REFERRAL_DO_NOT_LOAD, (other.node_id, v)
        assert "WATCHLIST_EMAIL" in [r.code for r in v.reasons], (other.node_id, v)
        assert v.watchlist_version == last.sequence, (other.node_id, v.watchlist_version, last)


def check_hold_on_one_replica_holds_on_another(ctx):
    r1, r2, r3 = ctx.replicas
    pb = ctx.pb["verdict_pb2"]
    demo = ctx.held_demo_id()
    first = r1.screen(ctx.parcel(demo, house_waybill="CLHOLD0001"))
    assert first.decision == pb.DECISION_HOLD and first.hold_status == pb.HOLD_STATUS_NEW, first
    seen = wait_for("replica 3 has the decision", lambda: r3.decision(first.decision_id))
    assert seen.hold_status == pb.HOLD_STATUS_NEW and seen.house_waybill == "CLHOLD0001", seen
    again = r3.screen(ctx.parcel(demo, house_waybill="CLHOLD0001"))
    assert again.hold_status == pb.HOLD_STATUS_STILL_IN_PLACE, again

    # Resolved on replica 2 (once it has the hold), lifted on replica 1 too.
    wait_for("replica 2 has the hold", lambda: r2.decision(again.decision_id))
    req = ctx.pb["screening_pb2"].ResolveHoldRequest(
        house_waybill="CLHOLD0001", resolved_by="cluster-test", note="checked")
    resolved = r2.decisions().ResolveHold(req, timeout=RPC_TIMEOUT_S).verdict
    assert resolved.hold_status == pb.HOLD_STATUS_RESOLVED, resolved
    on_r1 = wait_for("replica 1 has the resolution", lambda: r1.decision(resolved.decision_id))
    assert on_r1.hold_status == pb.HOLD_STATUS_RESOLVED, on_r1
    # A second resolution on replica 1 finds no open hold.
    try:
        r1.decisions().ResolveHold(req, timeout=RPC_TIMEOUT_S)
        raise AssertionError("replica 1 resolved a hold already resolved on replica 2")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.FAILED_PRECONDITION, e


def split_shipment_sequence(ctx, replicas_for, tag, parcels=6):
    """Parcels of one consignee, each under the threshold, sent to
    replicas_for(i); each waits until the next replica has the one before
    (as a steady flow spread over replicas would). Returns the verdicts'
    (decision, sorted pattern reason codes)."""
    demo = ctx.released_demo_id()
    base = ctx.manifest[demo]
    consignee = copy.deepcopy(base["consignee"])
    consignee["name"] = "Split %s Receiver" % tag
    consignee["email"] = "split-%s@cluster.example" % tag
    consignee["phone"] = ""
    consignee["address"]["street"] = "Splitweg %d" % (len(tag) + 7)
    items = copy.deepcopy(base["items"])
    for item in items:  # each parcel under the threshold, four of them over it
        item["declared_value"] = {"currency_code": "EUR", "units": "40"}
        item["quantity"] = 1
    out = []
    previous = None
    for i in range(parcels):
        replica = replicas_for(i)
        if previous is not None:
            wait_for("%s has parcel %d" % (replica.node_id, i - 1),
                     lambda r=replica, p=previous: r.decision(p))
        v = replica.screen(ctx.parcel(demo, consignee=consignee, items=items))
        previous = v.decision_id
        out.append((v.decision, tuple(sorted(r.code for r in v.reasons))))
    return out


def check_split_shipment_round_robin(ctx):
    r1, r2, r3 = ctx.replicas
    one_node = split_shipment_sequence(ctx, lambda i: r1, "one")
    spread = split_shipment_sequence(ctx, lambda i: ctx.replicas[i % 3], "spread")
    hold = ctx.pb["verdict_pb2"].DECISION_HOLD
    assert any(d == hold for d, _ in one_node), ("the sequence never trips a pattern", one_node)
    assert any("SPLIT_SHIPMENT" in codes for _, codes in one_node), one_node
    assert spread == one_node, ("round robin differs from one node", one_node, spread)


def check_nats_node_down_loses_nothing(ctx):
    r1, r2, r3 = ctx.replicas
    demo = ctx.released_demo_id()
    ctx.nats.stop_node(0)
    try:
        ids = []
        for i in range(9):  # screening goes on, on every replica
            ids.append(ctx.replicas[i % 3].screen(ctx.parcel(demo)).decision_id)
        up = ctx.upsert(r2, [ctx.entry("cluster-node-down", "ENTRY_KIND_EMAIL",
                                       "node-down@cluster.example")], retry_s=30)
        for r in ctx.replicas:
            wait_for("%s at version %d" % (r.node_id, up.sequence),
                     lambda r=r: r.version() >= up.sequence)
            for decision_id in ids:
                wait_for("%s has %s" % (r.node_id, decision_id),
                         lambda r=r, d=decision_id: r.decision(d))
    finally:
        ctx.nats.start_node(0)
    # Node 1 back: it caught up (healthz), and the replicas still agree.
    up = ctx.upsert(r1, [ctx.entry("cluster-node-back", "ENTRY_KIND_EMAIL",
                                   "node-back@cluster.example")], retry_s=30)
    for r in ctx.replicas:
        wait_for("%s at version %d" % (r.node_id, up.sequence),
                 lambda r=r: r.version() >= up.sequence)


def check_replica_restart_catches_up(ctx):
    r1, r2, r3 = ctx.replicas
    demo = ctx.released_demo_id()
    r2.stop()
    missed = []
    for i in range(20):
        up = ctx.upsert(r1, [ctx.entry("cluster-missed-%d" % i, "ENTRY_KIND_EMAIL",
                                       "missed-%d@cluster.example" % i)])
    for i in range(30):
        missed.append((r1 if i % 2 else r3).screen(ctx.parcel(demo)).decision_id)
    wait_for("replica 1 has replica 3's decisions", lambda: r1.decision(missed[-2]))
    t0 = time.monotonic()
    r2.start()
    serving_s = time.monotonic() - t0
    assert r2.version() == up.sequence == r1.version() == r3.version(), (
        r2.version(), up.sequence, r1.version(), r3.version())
    for decision_id in missed:
        assert r2.decision(decision_id) is not None, decision_id
    print("figure replica_catch_up_s %.2f (restart to SERVING, caught up with 20 watchlist "
          "changes and %d decisions made while it was down)" % (serving_s, len(missed)))


def check_replica_cut_from_nats_drains_outbox(ctx):
    r1, r2, r3 = ctx.replicas
    demo = ctx.released_demo_id()
    held = ctx.held_demo_id()
    ctx.nats.stop_node(2)  # the only NATS node replica 3 knows
    try:
        wait_for("replica 3 notices", lambda: r3.metric("placi_nats_connected") == 0)
        assert not r3.replication_serving()
        ids = [r3.screen(ctx.parcel(demo)).decision_id for _ in range(10)]
        hold = r3.screen(ctx.parcel(held, house_waybill="CLCUT0001"))
        ids.append(hold.decision_id)
        assert r3.metric("placi_replication_outbox_events") >= len(ids)
        # The others go on without it, and cannot see its decisions yet.
        assert r1.decision(ids[0]) is None
        # A watchlist change needs the cluster: refused on the cut replica.
        try:
            ctx.upsert(r3, [ctx.entry("cluster-cut", "ENTRY_KIND_EMAIL", "cut@cluster.example")])
            raise AssertionError("a replica without NATS accepted a watchlist change")
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.UNAVAILABLE, e
        t0 = time.monotonic()
    finally:
        ctx.nats.start_node(2)
    wait_for("replica 3 outbox drains", lambda: r3.metric("placi_replication_outbox_events") == 0,
             timeout_s=30, poll_s=0.05)
    drain_s = time.monotonic() - t0
    assert r3.replication_serving()
    for r in (r1, r2):
        for decision_id in ids:
            wait_for("%s has %s" % (r.node_id, decision_id), lambda r=r, d=decision_id: r.decision(d))
    again = r1.screen(ctx.parcel(held, house_waybill="CLCUT0001"))
    assert again.hold_status == ctx.pb["verdict_pb2"].HOLD_STATUS_STILL_IN_PLACE, again
    print("figure outbox_drain_s %.2f (NATS node restarted -> outbox of the cut replica "
          "empty, %d decisions)" % (drain_s, len(ids)))


def check_single_node_data_dir_refused(ctx):
    """A data dir made in single-node mode would mix its versions with the
    stream's: the clustered start refuses it, naming the cause."""
    data_dir = os.path.join(ctx.work_dir, "single-node")
    single = ServerProcess(ctx.args.server, data_dir, ctx.work_dir)
    try:
        single.start(ctx.pb["health_pb2"], ctx.pb["health_pb2_grpc"])
        assert single.terminate() == 0
        clustered = ServerProcess(ctx.args.server, data_dir, ctx.work_dir,
                                  ["--nats_url=" + ctx.nats.urls()[0], "--node_id=intruder"])
        try:
            clustered.start()
            raise AssertionError("a single-node data dir joined the cluster")
        except Exception as e:  # noqa: BLE001 - ServerError from the harness
            assert "exited with 2" in str(e) and "single-node mode" in str(e), e
        finally:
            clustered.kill()
    finally:
        single.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--nats-server", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work dir")
    args = parser.parse_args()

    pb = import_stubs(args.stubs)
    work_dir = tempfile.mkdtemp(prefix="placi-cluster-")
    ctx = Ctx(args, pb, work_dir)
    runner = Runner()
    started = time.monotonic()
    try:
        ctx.nats = NatsCluster(args.nats_server, work_dir, size=3).start()
        urls = ctx.nats.urls()
        ctx.replicas = [Replica(ctx, 0, urls), Replica(ctx, 1, urls), Replica(ctx, 2, [urls[2]])]
        for r in ctx.replicas:
            r.start()
        runner.run("same_watchlist_at_start", check_same_watchlist_at_start, ctx)
        runner.run("watchlist_upsert_reaches_every_replica",
                   check_watchlist_upsert_reaches_every_replica, ctx)
        runner.run("hold_on_one_replica_holds_on_another",
                   check_hold_on_one_replica_holds_on_another, ctx)
        runner.run("split_shipment_round_robin", check_split_shipment_round_robin, ctx)
        runner.run("nats_node_down_loses_nothing", check_nats_node_down_loses_nothing, ctx)
        runner.run("replica_restart_catches_up", check_replica_restart_catches_up, ctx)
        runner.run("replica_cut_from_nats_drains_outbox",
                   check_replica_cut_from_nats_drains_outbox, ctx)
        runner.run("single_node_data_dir_refused", check_single_node_data_dir_refused, ctx)
    except Exception as e:  # noqa: BLE001 - a setup failure is a failure too
        runner.failed += 1
        runner.failures.append("setup: %s" % e)
        print("FAIL setup: %s" % e, flush=True)
    finally:
        for r in ctx.replicas:
            r.kill()
        if ctx.nats is not None:
            ctx.nats.stop()
        print("cluster test took %.1fs" % (time.monotonic() - started))
        if runner.failed and not args.keep:
            for r in ctx.replicas:
                if r.server is not None:
                    print(r.server.log_tail(15))
        if not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            print("work dir kept: " + work_dir)
    return runner.summary()


if __name__ == "__main__":
    sys.exit(main())
