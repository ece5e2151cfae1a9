#!/usr/bin/env python3
"""The server's structured logs (--log_format=json), from the real binary.

Run 1 (--log_format=json, --rules FILE): screens the demo manifest unary and
streamed and the demo's invalid lines with the CLI, sends a message that is
not valid protobuf (a string that is not UTF-8: libprotobuf logs it), imports
a watchlist entry, resolves a hold (with a note), reloads the rules on SIGHUP (a good
file, then a broken one) and stops on SIGTERM. Then every line the server
wrote must be one JSON object with "ts" (RFC 3339, UTC), "level" and
"event", no longer than 4096 bytes (PIPE_BUF: lines never interleave);
every verdict the CLI received has exactly one "verdict" event with its
decision_id, request_id, carrier_id, house_waybill, decision, referral,
risk_score and reason codes; every kind of event appears; the hold's free
text note appears nowhere.

Run 2 (PLACI_LOG_FORMAT=json PLACI_LOG_VERDICTS=false in the environment):
no per-parcel events, the others still there.

  check_json_logs.py --server BIN --cli BIN --demo DIR --rules-file FILE
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile

import opslib

TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
NOTE = "checked by ops, call back 555-0100"  # must never reach the log
PIPE_BUF = 4096


def enum_label(name, prefix):
    return name[len(prefix):].lower() if name and name.startswith(prefix) else ""


def parse_log(path, errors):
    events = []
    with open(path, "rb") as f:
        raw = f.read()
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line:
            continue
        where = f"{os.path.basename(path)} line {number}"
        if len(line) + 1 > PIPE_BUF:
            errors.append(f"{where}: {len(line) + 1} bytes, over PIPE_BUF")
        try:
            event = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            errors.append(f"{where}: not a JSON line ({e}): {line[:200]!r}")
            continue
        if not isinstance(event, dict):
            errors.append(f"{where}: not a JSON object: {line[:200]!r}")
            continue
        if list(event)[:3] != ["ts", "level", "event"]:
            errors.append(f"{where}: does not start with ts, level, event: {list(event)[:4]}")
        if not TS.match(str(event.get("ts", ""))):
            errors.append(f"{where}: ts {event.get('ts')!r} is not RFC 3339 UTC with microseconds")
        if event.get("level") not in ("info", "warning", "error"):
            errors.append(f"{where}: level {event.get('level')!r}")
        events.append(event)
    return events


def cli(args, what, check=True):
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if check and r.returncode not in (0, 1):
        opslib.fail(f"{what}: exit {r.returncode}: {r.stderr[-2000:]}")
    return r


def wait_for_event(log, name, count=1):
    def seen():
        n = 0
        with open(log, errors="replace") as f:
            for line in f:
                try:
                    n += json.loads(line).get("event") == name
                except ValueError:
                    pass
        return n >= count
    opslib.wait_for(f"log event {name!r}", seen, timeout=30)


def send_invalid_utf8(grpc_port):
    """A ScreenRequest whose consignment.request_id is the byte 0xff: protobuf
    refuses to parse it and its library logs an error line, which must come
    out as a JSON line too. The server refuses it as INVALID_ARGUMENT
    naming the field; returns its error message."""
    try:
        import grpc  # Debian python3-grpcio
    except ImportError:
        opslib.fail("python3-grpcio is missing (Debian package python3-grpcio)")
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
        screen = channel.unary_unary("/placi.screening.v1.ScreeningService/Screen",
                                     request_serializer=lambda b: b,
                                     response_deserializer=lambda b: b)
        try:
            screen(b"\x0a\x03\x0a\x01\xff", timeout=10)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.INVALID_ARGUMENT:
                opslib.fail(f"invalid UTF-8 refused with {e.code()}: {e.details()!r}")
            return e.details()
        opslib.fail("a request_id that is not UTF-8 was screened")


def run_full(a, tmp, errors):
    rules = os.path.join(tmp, "rules.textproto")
    shutil.copyfile(a.rules_file, rules)
    with open(rules) as f:
        rules_text = f.read()
    port_file = os.path.join(tmp, "ports")
    log = os.path.join(tmp, "server.log")
    args = opslib.start_server_args(a.server, os.path.join(tmp, "db"), port_file,
                                    ["--drain_seconds=0", "--log_format=json",
                                     f"--rules={rules}"])
    manifest = os.path.join(a.demo, "manifest.jsonl")
    received = []  # verdicts as the CLI printed them
    with opslib.process(args, "server", log) as server:
        grpc_port, _ = opslib.wait_for_ports(port_file, server, log)
        target = f"--target=127.0.0.1:{grpc_port}"
        for cmd in (["screen", manifest], ["screen", "--stream", manifest]):
            r = cli([a.cli, target, *cmd], " ".join(cmd))
            received += [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
        r = cli([a.cli, target, "screen", os.path.join(a.demo, "invalid.jsonl")], "invalid")
        answers = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
        rejected = [x["error"] for x in answers if "error" in x]
        received += [x for x in answers if "error" not in x]

        rejected.append(send_invalid_utf8(grpc_port))

        entry = os.path.join(tmp, "entry.jsonl")
        with open(entry, "w") as f:
            f.write(json.dumps({"id": "ops-log-1", "kind": "ENTRY_KIND_EMAIL",
                                "value": "ops-log@example.com",
                                "referral": "REFERRAL_REQUEST_FOR_SCREENING", "points": 50,
                                "source": "ops test"}) + "\n")
        cli([a.cli, target, "watchlist", "import", entry], "watchlist import")

        held = next((v for v in received if v.get("hold_status") == "HOLD_STATUS_NEW"), None)
        if held is None:
            opslib.fail("no new hold among the demo verdicts")
        r = cli([a.cli, target, "hold", "resolve", held["house_waybill"], "--by=ops-test",
                 f"--note={NOTE}"], "hold resolve")
        resolution = json.loads(r.stdout)

        with open(rules, "w") as f:
            f.write(re.sub(r'^version: ".*"$', 'version: "ops-log-2"', rules_text, count=1,
                           flags=re.M))
        server.send_signal(signal.SIGHUP)
        wait_for_event(log, "rules_reloaded")
        with open(rules, "w") as f:
            f.write("this is not a rules file {\n")
        server.send_signal(signal.SIGHUP)
        wait_for_event(log, "rules_reload_failed")
        opslib.stop_gracefully(server, "placi-screen-server")

    events = parse_log(log, errors)
    kinds = {}
    for e in events:
        kinds.setdefault(e["event"], []).append(e)
    opslib.log(f"run 1: {len(events)} JSON lines: " +
               ", ".join(f"{k} {len(v)}" for k, v in sorted(kinds.items())))
    for kind in ("start", "verdict", "parcel_rejected", "watchlist_changed", "hold_resolved",
                 "rules_reloaded", "rules_reload_failed", "signal", "shutdown", "stop",
                 "protobuf"):
        if kind not in kinds:
            errors.append(f"no {kind!r} event")

    # Every verdict the CLI got is logged once, with its ids.
    logged = {}
    for e in kinds.get("verdict", []):
        if e.get("decision_id") in logged:
            errors.append(f"verdict {e.get('decision_id')} logged twice")
        logged[e.get("decision_id")] = e
    if len(logged) != len(received):
        errors.append(f"{len(logged)} verdict events for {len(received)} verdicts received")
    for v in received:
        e = logged.get(v["decision_id"])
        if e is None:
            errors.append(f"verdict {v['decision_id']} ({v.get('request_id')}) not logged")
            continue
        want = {  # proto3 JSON leaves out empty values
            "request_id": v.get("request_id", ""),
            "carrier_id": v.get("carrier_id", ""),
            "house_waybill": v.get("house_waybill", ""),
            "decision": enum_label(v.get("decision"), "DECISION_"),
            "referral": enum_label(v.get("referral", "REFERRAL_NONE"), "REFERRAL_"),
            "risk_score": v.get("risk_score", 0),
            "reasons": [r["code"] for r in v.get("reasons", [])],
            "ruleset_version": v.get("ruleset_version", ""),
        }
        for key, value in want.items():
            if e.get(key) != value:
                errors.append(f"verdict {v['decision_id']}: {key} is {e.get(key)!r}, "
                              f"the caller got {value!r}")
    for e in kinds.get("parcel_rejected", []):
        # The request_id that is not UTF-8 cannot be echoed: the field is named instead.
        unreadable_id = e.get("field") == "request_id" and e.get("error") == rejected[-1]
        if e.get("code") != "INVALID_ARGUMENT" or not (e.get("request_id") or unreadable_id):
            errors.append(f"parcel_rejected without code or request_id: {e}")
    if len(kinds.get("parcel_rejected", [])) != len(rejected):
        errors.append(f"{len(kinds.get('parcel_rejected', []))} parcel_rejected events for "
                      f"{len(rejected)} rejected parcels")
    for e in kinds.get("hold_resolved", []):
        want = {"house_waybill": held["house_waybill"], "resolved_by": "ops-test",
                "decision_id": resolution["decision_id"],
                "carrier_id": held.get("carrier_id", "")}
        for key, value in want.items():
            if e.get(key) != value:
                errors.append(f"hold_resolved: {key} is {e.get(key)!r}, expected {value!r}")
    for e in kinds.get("watchlist_changed", []):
        if e.get("operation") != "upsert" or e.get("affected") != 1:
            errors.append(f"watchlist_changed: {e}")
    for e in kinds.get("rules_reloaded", []):
        # The file's version with a digest of its rules (README "Rules").
        if not str(e.get("ruleset_version", "")).startswith("ops-log-2+sha256:"):
            errors.append(f"rules_reloaded: {e}")
    for e in kinds.get("rules_reload_failed", []):
        if e.get("level") != "error" or \
                not str(e.get("ruleset_version", "")).startswith("ops-log-2+sha256:"):
            errors.append(f"rules_reload_failed should be an error keeping ops-log-2: {e}")
    with open(log, errors="replace") as f:
        if NOTE in f.read():
            errors.append("the hold's free-text note reached the log")


def run_quiet(a, tmp, errors):
    port_file = os.path.join(tmp, "ports2")
    log = os.path.join(tmp, "server2.log")
    args = opslib.start_server_args(a.server, os.path.join(tmp, "db2"), port_file,
                                    ["--drain_seconds=0"])
    env = dict(os.environ, PLACI_LOG_FORMAT="json", PLACI_LOG_VERDICTS="false")
    with opslib.process(args, "server", log, env=env) as server:
        grpc_port, _ = opslib.wait_for_ports(port_file, server, log)
        target = f"--target=127.0.0.1:{grpc_port}"
        cli([a.cli, target, "screen", os.path.join(a.demo, "manifest.jsonl")], "screen")
        cli([a.cli, target, "screen", os.path.join(a.demo, "invalid.jsonl")], "invalid")
        opslib.stop_gracefully(server, "placi-screen-server")
    events = parse_log(log, errors)
    kinds = {e["event"] for e in events}
    opslib.log(f"run 2 (PLACI_LOG_VERDICTS=false): {len(events)} JSON lines: "
               f"{', '.join(sorted(kinds))}")
    for kind in ("verdict", "parcel_rejected"):
        if kind in kinds:
            errors.append(f"{kind!r} events with PLACI_LOG_VERDICTS=false")
    for kind in ("start", "stop"):
        if kind not in kinds:
            errors.append(f"no {kind!r} event with PLACI_LOG_VERDICTS=false")


def main():
    ap = argparse.ArgumentParser()
    for flag in ("server", "cli", "demo", "rules-file"):
        ap.add_argument("--" + flag, required=True)
    a = ap.parse_args()
    errors = []
    with tempfile.TemporaryDirectory(prefix="placi-ops-logs-") as tmp:
        run_full(a, tmp, errors)
        run_quiet(a, tmp, errors)
        if errors:
            print("--- server log (head) ---")
            with open(os.path.join(tmp, "server.log"), errors="replace") as f:
                print("".join(f.readlines()[:15]))
    for e in errors[:50]:
        print("error: " + e)
    if errors:
        opslib.fail(f"{len(errors)} problem(s) with the server's JSON logs")
    print("OK")


if __name__ == "__main__":
    main()
