#!/usr/bin/env python3
"""The dashboard and the alert rules against a real Prometheus scraping the
real server.

1. Starts placi-screen-server (port 0, temp data dir, demo watchlist) and a
   Prometheus (Debian package) on a loopback port chosen now, scraping the
   server every second and evaluating rules.yml every
   second (and a pending rule file, when given).
2. Screens a few hundred parcels in rounds (unary and streamed, plus invalid
   ones), then re-files a held waybill a few times (a carrier polling it:
   HOLD_STATUS_STILL_IN_PLACE), waiting after each round until Prometheus
   has scraped it.
3. Through Prometheus' HTTP API:
   - every rule is healthy (evaluated without error by Prometheus itself);
   - every recording rule of rules.yml has produced series for the job;
   - every alert expression evaluates without error, and every series it
     selects (metric plus matchers) has data, except pending metrics and
     the clustered mode's (opslib.CLUSTERED_FAMILIES): this server is a
     single node, so an alert on those selects nothing and must not fire;
   - every dashboard query (variables set as Grafana would) evaluates
     without error; queries of non-pending panels return series of the job,
     and the core ones a number, not NaN; pending panels and the clustered
     mode's panels return nothing (check_exposition.py checks the clustered
     metrics against a clustered server);
   - the alerts that would mean the service is broken (down, absent, empty
     watchlist) are neither pending nor firing;
   - the holds-by-referral panel counts each referral's new holds as the
     verdicts sent show them, the re-filings left out (as the hold rate).
Everything started is stopped in finally blocks; every wait polls with a
deadline.

  live_prometheus_test.py --server BIN --cli BIN --prometheus BIN --demo DIR
                          --rules YML [--pending-rules YML] --dashboard JSON
                          [--parcels N]
"""

import argparse
import collections
import contextlib
import datetime
import json
import math
import os
import re
import subprocess
import tempfile
import time

import opslib

JOB = "placi-screen"

# Dashboard panels whose queries must return a number (not only a series)
# after a few hundred parcels. Others may legitimately be NaN (a p99 of a
# method nobody called) or 0.
CORE_PANELS = {
    "Version", "Targets up", "Parcels / s", "Hold rate (30 m)", "Server-error ratio",
    "Watchlist entries", "Requests / s by method", "Parcels / s by method",
    "Screen latency (unary, server side)",
    "Per-parcel screening latency (Screen and ScreenStream)",
    "Verdicts / s by decision and referral", "Hold rate and its usual level",
    "Holds / s by referral", "Rejected parcels / s by reason", "Watchlist version",
    "Watchlist age", "Ruleset version", "Decision-log write latency", "Pending compaction",
    "Write stalls", "RocksDB size", "Block cache memory", "CPU", "Resident memory",
    "Open files", "Serving (health)", "Uptime", "Virtual memory",
}

# Alerts that must not be pending or firing on a healthy server.
MUST_BE_QUIET = {"PlaciScreenNatsDisconnected", "PlaciScreenReplicationOutboxBacklog",
                 "PlaciScreenReplicationLagHigh", "PlaciScreenReplicationPendingGrowing",
                 "PlaciScreenReplicationApplyErrors",
                 "PlaciScreenDown", "PlaciScreenAbsent", "PlaciScreenWatchlistEmpty",
                 "PlaciScreenFlapping", "PlaciScreenErrorRatioHigh",
                 "PlaciScreenErrorRatioCritical", "PlaciScreenHealthFlapping",
                 "PlaciScreenRestarting", "PlaciScreenStorageWriteStopped",
                 "PlaciScreenFileDescriptorsNearLimit", "PlaciScreenScreeningUnavailable",
                 "PlaciScreenOverloaded"}


def finite_values(result):
    out = []
    for series in result.get("data", {}).get("result", []):
        raw = series.get("value", [None, "NaN"])[1]
        try:
            v = float(raw)
        except ValueError:
            continue
        if not math.isnan(v) and not math.isinf(v):
            out.append(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    for flag in ("server", "cli", "prometheus", "demo", "rules", "dashboard"):
        ap.add_argument("--" + flag, required=True)
    # Alerts on metrics still to come, if any (none today).
    ap.add_argument("--pending-rules")
    ap.add_argument("--parcels", type=int, default=300)
    a = ap.parse_args()
    errors = []

    with tempfile.TemporaryDirectory(prefix="placi-ops-live-") as tmp:
        port_file = os.path.join(tmp, "ports")
        server_log = os.path.join(tmp, "server.log")
        prom_log = os.path.join(tmp, "prometheus.log")
        args = opslib.start_server_args(a.server, os.path.join(tmp, "db"), port_file,
                                        ["--drain_seconds=0"])
        with opslib.process(args, "server", server_log) as server:
            grpc_port, metrics_port = opslib.wait_for_ports(port_file, server, server_log)
            opslib.log(f"server: gRPC 127.0.0.1:{grpc_port}, metrics 127.0.0.1:{metrics_port}")

            config = os.path.join(tmp, "prometheus.yml")
            with open(config, "w") as f:
                json.dump({  # JSON is YAML
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s",
                               "scrape_timeout": "1s"},
                    "rule_files": [os.path.abspath(p) for p in (a.rules, a.pending_rules) if p],
                    "scrape_configs": [{"job_name": JOB, "static_configs": [
                        {"targets": [f"127.0.0.1:{metrics_port}"]}]}],
                }, f, indent=1)

            with contextlib.ExitStack() as stack:
                prom_url = None
                # A port picked now may be taken before Prometheus binds it: retry.
                for attempt in range(3):
                    prom_port = opslib.free_port()
                    url = f"http://127.0.0.1:{prom_port}"
                    prom = stack.enter_context(opslib.process(
                        [a.prometheus, f"--config.file={config}",
                         f"--storage.tsdb.path={os.path.join(tmp, f'tsdb{attempt}')}",
                         f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=warn"],
                        "prometheus", prom_log))

                    def ready():
                        if prom.poll() is not None:
                            raise RuntimeError(f"prometheus exited with {prom.returncode}")
                        return "Ready" in opslib.http_get(url + "/-/ready")

                    ok, _ = opslib.poll_until(ready, timeout=30)
                    if ok:
                        prom_url = url
                        break
                if prom_url is None:
                    opslib.fail("Prometheus did not start:\n" + opslib.tail(prom_log))
                opslib.log(f"prometheus: {prom_url}")
                run_checks(a, prom_url, grpc_port, errors, tmp)
            opslib.stop_gracefully(server, "placi-screen-server")
            opslib.log("server stopped with exit 0 on SIGTERM")
        if errors:
            print("--- server log (tail) ---\n" + opslib.tail(server_log, 15))
            print("--- prometheus log (tail) ---\n" + opslib.tail(prom_log, 15))

    for e in errors:
        print("error: " + e)
    if errors:
        opslib.fail(f"{len(errors)} problem(s)")
    print("OK")


def check_holds_by_referral(dashboard, query, verdicts_sent, errors):
    """The "Holds / s by referral" panel, its rate taken off (the counters
    themselves), against the verdicts sent: each referral's new holds, the
    re-filings that found a hold still in place left out."""
    def label(value, prefix):  # "REFERRAL_DO_NOT_LOAD" -> "do_not_load"
        return value[len(prefix):].lower() if value.startswith(prefix) else value

    expected = collections.Counter(
        label(v.get("referral", ""), "REFERRAL_") for v in verdicts_sent
        if v.get("decision") == "DECISION_HOLD"
        and v.get("hold_status") != "HOLD_STATUS_STILL_IN_PLACE")
    panels = [t for p, t in opslib.dashboard_targets(dashboard)
              if p["title"] == "Holds / s by referral"]
    if len(panels) != 1:
        errors.append(f"{len(panels)} queries in panel 'Holds / s by referral', expected 1")
        return
    counted = re.sub(r"rate\((.+?)\[\$__rate_interval\]\)", r"\1", panels[0]["expr"])
    res = query(opslib.substitute(counted, job=JOB, instance=".*"))
    got = {s["metric"].get("referral", ""): float(s["value"][1])
           for s in res.get("data", {}).get("result", []) if float(s["value"][1]) != 0}
    if got != dict(expected):
        errors.append(f"panel 'Holds / s by referral' counts {got}, the new holds sent were "
                      f"{dict(expected)} (re-filings still in place left out)\n  {counted}")
    else:
        opslib.log(f"holds by referral count the new holds sent: {dict(expected)}")


def run_checks(a, prom_url, grpc_port, errors, tmp):
    def query(expr):
        return opslib.prom_query(prom_url, expr)

    def scalar(expr):
        vals = finite_values(query(expr))
        return sum(vals) if vals else None

    opslib.wait_for("the server target to be up",
                    lambda: scalar(f'up{{job="{JOB}"}}') == 1, timeout=30)

    # Screen in rounds; after each, wait until Prometheus has scraped it.
    target = f"--target=127.0.0.1:{grpc_port}"
    rounds = 4
    per_round = max(1, a.parcels // rounds)
    sent = 0
    verdicts_sent = []  # every verdict the CLI printed
    parcels_by_id = {}
    for r in range(rounds):
        path = os.path.join(tmp, f"round{r}.jsonl")
        parcels = opslib.demo_parcels(os.path.join(a.demo, "manifest.jsonl"), per_round,
                                      f"ops{r}")
        parcels_by_id.update((json.loads(p)["request_id"], p) for p in parcels)
        with open(path, "w") as f:
            f.write("\n".join(parcels) + "\n")
        cmd = [a.cli, target, "screen"] + (["--stream"] if r % 2 else []) + [path]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        answers = [x for x in res.stdout.splitlines() if x.strip()]
        if len(answers) != per_round:
            opslib.fail(f"round {r}: {len(answers)} answers for {per_round} parcels "
                        f"(exit {res.returncode}): {res.stderr[-1500:]}")
        verdicts_sent += [json.loads(x) for x in answers]
        sent += per_round
        # One parcel that is no parcel at all (negative weight): INVALID_ARGUMENT.
        bad = os.path.join(tmp, f"bad{r}.jsonl")
        with open(bad, "w") as f:
            parcel = json.loads(opslib.demo_parcels(
                os.path.join(a.demo, "manifest.jsonl"), 1, f"bad{r}")[0])
            parcel["gross_weight_kg"] = -1
            f.write(json.dumps(parcel) + "\n")
        subprocess.run([a.cli, target, "screen", bad], capture_output=True, text=True,
                       timeout=60)
        sent += 1
        opslib.wait_for(f"Prometheus to scrape round {r} ({sent} parcels)",
                        lambda: (scalar(f'sum(placi_screen_parcels_total{{job="{JOB}"}})')
                                 or 0) >= sent, timeout=30)
        opslib.log(f"round {r}: {per_round} parcels "
                   f"{'streamed' if r % 2 else 'unary'} + 1 invalid; scraped")

    # A carrier polling a held parcel by re-filing it: each re-filing finds
    # the hold still in place, and is no new hold.
    held = next((v for v in verdicts_sent if v.get("decision") == "DECISION_HOLD"
                 and v.get("hold_status") == "HOLD_STATUS_NEW"), None)
    if held is None:
        opslib.fail("no parcel of the rounds was held: nothing to re-file")
    refiles = 5
    path = os.path.join(tmp, "refiled.jsonl")
    with open(path, "w") as f:
        f.write((parcels_by_id[held["request_id"]] + "\n") * refiles)
    res = subprocess.run([a.cli, target, "screen", path], capture_output=True, text=True,
                         timeout=60)
    again = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    if len(again) != refiles or any(v.get("hold_status") != "HOLD_STATUS_STILL_IN_PLACE"
                                    for v in again):
        opslib.fail(f"re-filing {held['house_waybill']} {refiles} times gave "
                    f"{[v.get('hold_status') for v in again]} (exit {res.returncode}): "
                    f"{res.stderr[-500:]}")
    verdicts_sent += again
    sent += refiles
    opslib.wait_for(f"Prometheus to scrape the re-filings ({sent} parcels)",
                    lambda: (scalar(f'sum(placi_screen_parcels_total{{job="{JOB}"}})')
                             or 0) >= sent, timeout=30)
    opslib.log(f"re-filed held waybill {held['house_waybill']} {refiles} times: "
               "still in place; scraped")

    # Let every rule be evaluated on the final data: every group evaluated
    # since the last scrape was seen, and once more after that.
    def parse_time(text):
        m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", text or "")
        if not m:
            return None
        frac = (m.group(2) or ".0")[:7]
        zone = "+00:00" if m.group(3) == "Z" else m.group(3)
        return datetime.datetime.fromisoformat(m.group(1) + frac + zone).timestamp()

    def evaluated_after(t0):
        groups = json.loads(opslib.http_get(prom_url + "/api/v1/rules"))["data"]["groups"]
        stamps = [parse_time(g.get("lastEvaluation")) for g in groups]
        return groups if all(s is not None and s > t0 for s in stamps) else None

    t0 = time.time()
    groups = opslib.wait_for("rule evaluation after the last scrape",
                             lambda: evaluated_after(t0), timeout=30, interval=0.5)
    t1 = time.time()
    groups = opslib.wait_for("another rule evaluation", lambda: evaluated_after(t1),
                             timeout=30, interval=0.5)

    # 1. Prometheus' own verdict on every rule.
    n_rules = 0
    for g in groups:
        for rule in g["rules"]:
            n_rules += 1
            if rule.get("health") != "ok":
                errors.append(f"rule {rule.get('name')} in group {g['name']}: health "
                              f"{rule.get('health')}: {rule.get('lastError')}")
    opslib.log(f"{n_rules} rules in {len(groups)} groups: all evaluated"
               + ("" if not errors else " (with errors)"))

    # 2. Recording rules produce series for the job.
    for rule in opslib.rules(a.rules):
        if "record" in rule:
            res = query(f'{rule["record"]}{{job="{JOB}"}}')
            if res.get("status") != "success" or not res["data"]["result"]:
                errors.append(f"recording rule {rule['record']} has no series for job {JOB}")

    # 3. Alert expressions: evaluate, and their selected series have data.
    pending_samples = {n for f in opslib.PENDING_FAMILIES
                       for n in (f, f + "_bucket", f + "_sum", f + "_count")}
    clustered_samples = opslib.sample_names(opslib.CLUSTERED_FAMILIES)
    checked_alerts = 0
    for path in (p for p in (a.rules, a.pending_rules) if p):
        for rule in opslib.rules(path):
            if "alert" not in rule:
                continue
            checked_alerts += 1
            res = query(rule["expr"])
            if res.get("status") != "success":
                errors.append(f"alert {rule['alert']}: {res.get('error')}")
                continue
            names = opslib.metric_names(rule["expr"])
            if names & clustered_samples:
                # Single node: the clustered mode's metrics are absent.
                if res["data"]["result"]:
                    errors.append(f"alert {rule['alert']} selects series on a single node: "
                                  f"{json.dumps(res['data']['result'])[:300]}")
                continue
            for name, matchers in opslib.selectors(rule["expr"]):
                if name in pending_samples:
                    continue
                sel = name + (matchers or "")
                if not query(sel).get("data", {}).get("result"):
                    errors.append(f"alert {rule['alert']}: selector {sel} has no data")
    opslib.log(f"{checked_alerts} alert expressions evaluate; their inputs have data")

    # 4. Dashboard queries.
    with open(a.dashboard) as f:
        dashboard = json.load(f)
    n_queries = n_pending = n_clustered = 0
    for panel, t in opslib.dashboard_targets(dashboard):
        n_queries += 1
        expr = opslib.substitute(t["expr"], job=JOB, instance=".*")
        where = f"panel '{panel['title']}' {t['refId']}"
        res = query(expr)
        if res.get("status") != "success":
            errors.append(f"{where}: {res.get('errorType')}: {res.get('error')}\n  {expr}")
            continue
        result = res["data"]["result"]
        if opslib.metric_names(expr) & clustered_samples:
            n_clustered += 1
            if result:
                errors.append(f"{where}: data from a single-node server, but it shows a "
                              f"clustered-mode metric\n  {expr}")
            continue
        if opslib.is_pending(panel):
            n_pending += 1
            if result:
                opslib.log(f"notice: {where} returns data now: its metric is exposed, "
                           "drop the PENDING mark")
            continue
        if not result:
            errors.append(f"{where}: no data\n  {expr}")
            continue
        if panel["title"] in CORE_PANELS and not finite_values(res):
            errors.append(f"{where}: only NaN/Inf\n  {expr}\n  {json.dumps(result)[:300]}")
    opslib.log(f"{n_queries} dashboard queries evaluate ({n_pending} pending and "
               f"{n_clustered} clustered-only: no data on a single node, as expected); "
               "the others return data")

    # Spot values that show the data is the one sent.
    parcels = scalar(f'sum(placi_screen_parcels_total{{job="{JOB}"}})')
    holds = scalar(f'sum(placi_screen_verdicts_total{{job="{JOB}", decision="hold"}})')
    verdicts = scalar(f'sum(placi_screen_verdicts_total{{job="{JOB}"}})')
    rejected = scalar(f'sum(placi_screen_parcel_errors_total{{job="{JOB}"}})')
    hold_ratio = scalar(f'placi:screen_hold:ratio_rate30m{{job="{JOB}"}}')
    p99 = scalar(f'placi:screen_duration_seconds:p99_5m{{job="{JOB}"}}')
    opslib.log(f"prometheus sees {parcels:.0f} parcels, {verdicts:.0f} verdicts, "
               f"{holds:.0f} holds, {rejected:.0f} rejected; hold ratio (30m) "
               f"{hold_ratio}; per-parcel p99 {p99}")
    if parcels != sent:
        errors.append(f"Prometheus counts {parcels} parcels, {sent} were sent")
    if rejected != rounds:
        errors.append(f"Prometheus counts {rejected} rejected parcels, {rounds} were sent")
    if not holds or not verdicts or holds >= verdicts:
        errors.append(f"implausible verdicts: {holds} holds of {verdicts}")
    if hold_ratio is None or not 0 < hold_ratio < 1:
        errors.append(f"hold ratio recording rule gives {hold_ratio}")
    check_holds_by_referral(dashboard, query, verdicts_sent, errors)

    # 5. Alerts that would mean the service is broken stay quiet.
    alerts = json.loads(opslib.http_get(prom_url + "/api/v1/alerts"))["data"]["alerts"]
    states = sorted(f"{x['labels']['alertname']}={x['state']}" for x in alerts)
    opslib.log("alerts active: " + (", ".join(states) if states else "none"))
    for x in alerts:
        if x["labels"]["alertname"] in MUST_BE_QUIET:
            errors.append(f"alert {x['labels']['alertname']} is {x['state']} on a healthy server")


if __name__ == "__main__":
    main()
