#!/usr/bin/env python3
"""A real scrape of the server, checked by promtool and against the metric
contract the dashboard and the alert rules rely on.

Starts placi-screen-server (port 0, temp data dir, demo watchlist), screens
the demo manifest with the CLI unary and streamed and the demo's invalid
lines, then fetches /metrics and checks:
- `promtool check metrics` finds nothing (naming, units, _total, help text);
- every family of opslib.EXPOSED_FAMILIES is there, with its type;
- the label values the dashboard and rules select on exist
  (decision="hold", grpc_method="Screen", grpc_code="OK", ...);
- the storage, process and health series have sane values (a decision-log
  write per verdict, health 1, open files under the limit, ...);
- every metric named by rules.yml and by the dashboard's non-pending panels
  is in the scrape; metrics still listed as pending but now exposed are
  reported, so that their panels and alerts can leave the pending set.
Finally SIGTERM must stop the server with exit 0. Then the clustered mode
(opslib.CLUSTERED_FAMILIES, exported only with --nats_url, absent from the
single-node scrape): a second server on one local nats-server with JetStream
(port chosen at run time), the demo manifest screened, its scrape checked the
same way (promtool, families and types, every clustered-only metric the rules
and the dashboard name) and for a connected replica whose outbox drained.

  check_exposition.py --server BIN --cli BIN --demo DIR --promtool BIN
                      --rules RULES_YML [--pending-rules YML] --dashboard JSON
"""

import argparse
import json
import os
import re
import subprocess
import tempfile
import time

import opslib


def parse_exposition(text):
    types = {}
    samples = []
    for line in text.splitlines():
        m = re.match(r"# TYPE (\S+) (\S+)", line)
        if m:
            types[m.group(1)] = m.group(2)
            continue
        if not line or line.startswith("#"):
            continue
        m = re.match(r"([A-Za-z_:][A-Za-z0-9_:]*)(\{[^}]*\})?\s+(\S+)", line)
        if m:
            labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2) or ""))
            samples.append((m.group(1), labels, float(m.group(3))))
    return types, samples


def main():
    ap = argparse.ArgumentParser()
    for flag in ("server", "cli", "demo", "promtool", "rules", "dashboard"):
        ap.add_argument("--" + flag, required=True)
    # Alerts on metrics still to come, if any (none today).
    ap.add_argument("--pending-rules")
    a = ap.parse_args()

    errors = []
    with tempfile.TemporaryDirectory(prefix="placi-ops-") as tmp:
        port_file = os.path.join(tmp, "ports")
        server_log = os.path.join(tmp, "server.log")
        args = opslib.start_server_args(a.server, os.path.join(tmp, "db"), port_file,
                                        ["--drain_seconds=0"])
        with opslib.process(args, "server", server_log) as server:
            grpc_port, metrics_port = opslib.wait_for_ports(port_file, server, server_log)
            opslib.log(f"server: gRPC {grpc_port}, metrics {metrics_port}")
            target = f"--target=127.0.0.1:{grpc_port}"
            manifest = os.path.join(a.demo, "manifest.jsonl")
            for cmd in (["screen", manifest], ["screen", "--stream", manifest],
                        ["screen", os.path.join(a.demo, "invalid.jsonl")]):
                r = subprocess.run([a.cli, target, *cmd], capture_output=True, text=True,
                                   timeout=120)
                lines = [x for x in r.stdout.splitlines() if x.strip()]
                opslib.log(f"placi-screen {' '.join(cmd[:-1])} {os.path.basename(cmd[-1])}: "
                           f"{len(lines)} answers, exit {r.returncode}")
                if r.returncode not in (0, 1) or not lines:
                    opslib.fail(f"CLI failed ({r.returncode}): {r.stderr[-2000:]}")

            text = opslib.http_get(f"http://127.0.0.1:{metrics_port}/metrics")
            with open(os.path.join(tmp, "scrape.txt"), "w") as f:
                f.write(text)

            check = subprocess.run([a.promtool, "check", "metrics"], input=text,
                                   capture_output=True, text=True, timeout=60)
            findings = (check.stdout + check.stderr).strip()
            if check.returncode != 0 or findings:
                errors.append(f"promtool check metrics (exit {check.returncode}):\n{findings}")
            else:
                opslib.log("promtool check metrics: nothing found")

            types, samples = parse_exposition(text)
            names = {s[0] for s in samples}
            for family, kind in opslib.EXPOSED_FAMILIES.items():
                if family not in types:
                    errors.append(f"the server does not expose {family} ({kind}), which the "
                                  "dashboard and rules rely on")
                elif types[family] != kind:
                    errors.append(f"{family} is a {types[family]}, expected {kind}")
            for family in sorted(set(types) & set(opslib.CLUSTERED_FAMILIES)):
                errors.append(f"single-node server exposes {family}, a clustered-mode metric "
                              "(its alerts assume it is absent without --nats_url)")
            for family in sorted(set(types) - set(opslib.EXPOSED_FAMILIES)
                                 - set(opslib.CLUSTERED_FAMILIES)):
                if family in opslib.PENDING_FAMILIES:
                    opslib.log(f"notice: {family} is exposed now: move its panels and alerts "
                               "out of the pending set (opslib.PENDING_FAMILIES)")
                else:
                    opslib.log(f"notice: {family} ({types[family]}) is not used by the "
                               "dashboard or the rules yet")

            def has(name, **labels):
                return any(n == name and all(l.get(k) == v for k, v in labels.items())
                           for n, l, _ in samples)

            def value(name, **labels):
                return sum(v for n, l, v in samples
                           if n == name and all(l.get(k) == v2 for k, v2 in labels.items()))

            expectations = [
                ("placi_screen_verdicts_total", {"decision": "hold"}),
                ("placi_screen_verdicts_total", {"decision": "release", "referral": "none"}),
                ("placi_screen_verdicts_total", {"referral": "request_for_information"}),
                ("placi_screen_verdicts_total", {"referral": "do_not_load"}),
                ("placi_screen_verdicts_total", {"referral": "ipr_examination"}),
                ("placi_screen_verdicts_total", {"referral": "request_for_screening"}),
                ("placi_screen_reasons_total", {"code": "WATCHLIST_PARTY_NAME", "decision": "hold"}),
                ("placi_grpc_server_handled_total", {"grpc_method": "Screen", "grpc_code": "OK"}),
                ("placi_grpc_server_handled_total", {"grpc_method": "ScreenStream", "grpc_code": "OK"}),
                ("placi_grpc_server_handled_total", {"grpc_code": "INTERNAL"}),
                ("placi_grpc_server_handling_seconds_bucket", {"grpc_method": "Screen", "le": "+Inf"}),
                ("placi_screen_parcels_total", {"grpc_method": "ScreenStream"}),
                ("placi_screen_parcel_errors_total", {"reason": "invalid_argument"}),
                ("placi_build_info", {}),
            ]
            for name, labels in expectations:
                if not has(name, **labels):
                    errors.append(f"no sample {name}{labels} in the scrape")
            # Only the methods that take parcels have a parcels series: a
            # zero for GetEntry or WatchHolds on the dashboard's "by method"
            # panel would read as a method that screens and got nothing.
            parcel_methods = {l.get("grpc_method") for n, l, _ in samples
                              if n == "placi_screen_parcels_total"}
            if parcel_methods - {"Screen", "ScreenStream"}:
                errors.append("placi_screen_parcels_total has series for methods that take no "
                              f"parcels: {sorted(parcel_methods - {'Screen', 'ScreenStream'})}")
            demo_count = sum(1 for line in open(manifest) if line.strip())
            parcels = value("placi_screen_parcels_total")
            if parcels < 2 * demo_count:
                errors.append(f"placi_screen_parcels_total is {parcels}, expected at least "
                              f"{2 * demo_count} after screening the demo manifest twice")
            if value("placi_screen_verdicts_total", decision="hold") <= 0:
                errors.append("no hold verdict counted after the demo manifest")
            # Every hold gives at least one reason, so the holds' reasons
            # add up to at least the holds.
            holds = value("placi_screen_verdicts_total", decision="hold")
            hold_reasons = value("placi_screen_reasons_total", decision="hold")
            if hold_reasons < holds:
                errors.append(f"placi_screen_reasons_total{{decision=\"hold\"}} adds up to "
                              f"{hold_reasons}, fewer than the {holds} holds")
            if value("placi_screen_parcel_errors_total", reason="invalid_argument") <= 0:
                errors.append("the invalid demo parcel was not counted as a parcel error")
            if value("placi_watchlist_entries") <= 0:
                errors.append("placi_watchlist_entries is 0 with the demo watchlist seeded")

            # The storage, process and health series carry sane values.
            now = time.time()
            verdicts = value("placi_screen_verdicts_total")
            checks = [
                ("placi_decision_log_write_seconds_count", {}, lambda v: v >= verdicts > 0,
                 f"one decision-log write per verdict ({verdicts:.0f})"),
                ("placi_health_serving", {"service": "placi.screening.v1.ScreeningService"},
                 lambda v: v == 1, "1 while serving"),
                ("placi_ruleset_info", {"role": "live"}, lambda v: v == 1, "1"),
                ("placi_watchlist_last_update_timestamp_seconds", {},
                 lambda v: now - 3600 < v <= now + 5, "within the last hour"),
                ("placi_rocksdb_write_stopped", {}, lambda v: v == 0, "0"),
                ("placi_rocksdb_write_stall_seconds_total", {}, lambda v: v >= 0, ">= 0"),
                ("placi_rocksdb_memtable_bytes", {}, lambda v: v > 0, "> 0 after writes"),
                ("placi_rocksdb_block_cache_capacity_bytes", {}, lambda v: v > 0, "> 0"),
                ("process_cpu_seconds_total", {}, lambda v: v > 0, "> 0"),
                ("process_resident_memory_bytes", {}, lambda v: v > 1 << 20, "> 1 MiB"),
                ("process_virtual_memory_bytes", {},
                 lambda v: v >= value("process_resident_memory_bytes"), ">= resident"),
                ("process_open_fds", {}, lambda v: 0 < v < value("process_max_fds"),
                 "between 0 and process_max_fds"),
                ("process_start_time_seconds", {}, lambda v: now - 3600 < v <= now,
                 "within the last hour"),
            ]
            for name, labels, ok, want in checks:
                if not has(name, **labels):
                    errors.append(f"no sample {name}{labels} in the scrape")
                elif not ok(value(name, **labels)):
                    errors.append(f"{name}{labels} is {value(name, **labels)}, expected {want}")

            # Everything the rules and the non-pending panels name is scraped.
            with open(a.dashboard) as f:
                dashboard = json.load(f)
            recorded = opslib.recorded_names(a.rules)
            wanted = {}
            for rule in opslib.rules(a.rules):
                for n in opslib.metric_names(rule["expr"]):
                    wanted.setdefault(n, f"rule {rule.get('alert') or rule.get('record')}")
            for panel, target in opslib.dashboard_targets(dashboard):
                if not opslib.is_pending(panel):
                    for n in opslib.metric_names(target["expr"]):
                        wanted.setdefault(n, f"panel '{panel['title']}'")
            clustered_samples = opslib.sample_names(opslib.CLUSTERED_FAMILIES)
            for n, where in sorted(wanted.items()):
                if n in recorded or n in opslib.PROMETHEUS_SYNTHETIC:
                    continue
                if n in clustered_samples:  # checked against the clustered server below
                    continue
                if n not in names:
                    errors.append(f"{where} uses {n}, which the server does not expose")
            pending_used = set()
            for rule in (opslib.rules(a.pending_rules) if a.pending_rules else []):
                pending_used |= opslib.metric_names(rule["expr"])
            for n in sorted(pending_used & names):
                opslib.log(f"notice: {n} ({a.pending_rules}) is exposed now")

            opslib.log(f"scrape: {len(types)} families, {len(samples)} samples")
            opslib.stop_gracefully(server, "placi-screen-server")
            opslib.log("server stopped with exit 0 on SIGTERM")

        clustered_wanted = {n: w for n, w in wanted.items() if n in clustered_samples}
        errors += check_clustered(a, tmp, clustered_wanted)

    for e in errors:
        print("error: " + e)
    if errors:
        opslib.fail(f"{len(errors)} problem(s) with the server's metrics")
    print("OK")


def check_clustered(a, tmp, wanted):
    """The clustered-mode metrics of a real server on one local nats-server
    (streams of one replica): promtool finds nothing in the scrape, every
    family of opslib.CLUSTERED_FAMILIES is there with its type and a value
    that fits a connected replica whose events went out, and every
    clustered-only metric the rules and the dashboard name is scraped."""
    errors = []
    nats_dir = os.path.join(tmp, "nats")
    port_file = os.path.join(tmp, "ports-clustered")
    server_log = os.path.join(tmp, "server-clustered.log")
    with opslib.nats_server(nats_dir, os.path.join(tmp, "nats.log")) as nats_url:
        args = opslib.start_server_args(
            a.server, os.path.join(tmp, "db-clustered"), port_file,
            ["--drain_seconds=0", f"--nats_url={nats_url}", "--nats_stream_replicas=1",
             "--node_id=ops-check"])
        with opslib.process(args, "server", server_log) as server:
            grpc_port, metrics_port = opslib.wait_for_ports(port_file, server, server_log)
            opslib.log(f"clustered server on {nats_url}: gRPC {grpc_port}, "
                       f"metrics {metrics_port}")
            manifest = os.path.join(a.demo, "manifest.jsonl")
            r = subprocess.run([a.cli, f"--target=127.0.0.1:{grpc_port}", "screen", manifest],
                               capture_output=True, text=True, timeout=120)
            if r.returncode not in (0, 1) or not r.stdout.strip():
                opslib.fail(f"CLI against the clustered server failed ({r.returncode}): "
                            f"{r.stderr[-2000:]}")
            verdicts = sum(1 for x in r.stdout.splitlines() if x.strip())

            def scrape():
                return parse_exposition(
                    opslib.http_get(f"http://127.0.0.1:{metrics_port}/metrics"))

            def value(samples, name):
                return sum(v for n, _, v in samples if n == name)

            # The publisher sends the outbox in runs: wait until it is out.
            def drained():
                types, samples = scrape()
                published = value(samples, "placi_replication_events_published_total")
                return (types, samples) if (
                    "placi_replication_outbox_events" in types and
                    value(samples, "placi_replication_outbox_events") == 0 and
                    published > 0) else None
            got, _ = opslib.poll_until(drained, 30)
            text = opslib.http_get(f"http://127.0.0.1:{metrics_port}/metrics")
            with open(os.path.join(tmp, "scrape-clustered.txt"), "w") as f:
                f.write(text)
            types, samples = parse_exposition(text)
            if got is None:
                errors.append("clustered: the outbox did not drain to 0 with events published "
                              f"within 30 s of {verdicts} verdicts")

            check = subprocess.run([a.promtool, "check", "metrics"], input=text,
                                   capture_output=True, text=True, timeout=60)
            findings = (check.stdout + check.stderr).strip()
            if check.returncode != 0 or findings:
                errors.append(f"clustered: promtool check metrics (exit {check.returncode}):"
                              f"\n{findings}")
            for family, kind in opslib.CLUSTERED_FAMILIES.items():
                if family not in types:
                    errors.append(f"clustered server does not expose {family} ({kind})")
                elif types[family] != kind:
                    errors.append(f"clustered: {family} is a {types[family]}, expected {kind}")
            names = {s[0] for s in samples}
            for n, where in sorted(wanted.items()):
                if n not in names:
                    errors.append(f"{where} uses {n}, which the clustered server does not "
                                  "expose")
            checks = [
                ("placi_nats_connected", lambda v: v == 1, "1 (connected)"),
                ("placi_replication_events_published_total", lambda v: v >= verdicts,
                 f">= {verdicts} (one event per verdict)"),
                ("placi_replication_pending_events", lambda v: v >= 0, ">= 0"),
                ("placi_replication_lag_seconds", lambda v: v >= 0, ">= 0"),
                ("placi_replication_apply_errors_total", lambda v: v == 0, "0"),
            ]
            for name, ok, want in checks:
                if name in names and not ok(value(samples, name)):
                    errors.append(f"clustered: {name} is {value(samples, name)}, "
                                  f"expected {want}")
            opslib.log(f"clustered scrape: {len(types)} families; {len(wanted)} clustered-only "
                       "metrics of the rules and dashboard checked")
            opslib.stop_gracefully(server, "clustered placi-screen-server")
            opslib.log("clustered server stopped with exit 0 on SIGTERM")
    return errors


if __name__ == "__main__":
    main()
