#!/usr/bin/env python3
"""Smoke test of the placi-screen command-line client against a started server.

Screens deploy/demo/manifest.jsonl (unary and --stream, each on a fresh data
dir) and checks every demo parcel's verdict against deploy/demo/expected.jsonl;
then exercises the watchlist, decision and hold commands, error output and
exit codes (0 ok, 1 RPC or input error, 2 usage error).

    python3 tests/e2e/cli_smoke_test.py --server build/server/placi-screen-server \
        --cli build/tools/placi-screen --stubs build/tests/e2e/python_stubs --demo deploy/demo
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent import futures

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_harness import (  # noqa: E402
    Runner, ServerProcess, import_stubs, read_jsonl)

CLI_TIMEOUT_S = 120


class Ctx:
    def __init__(self, args, pb, work_dir):
        self.args = args
        self.pb = pb
        self.work_dir = work_dir
        self.server = None
        self.manifest = os.path.join(args.demo, "manifest.jsonl")
        self.expected = read_jsonl(os.path.join(args.demo, "expected.jsonl"))
        self.demo_entries = read_jsonl(os.path.join(args.demo, "watchlist.jsonl"))
        self.servers = []

    def start_server(self, name, extra_args=()):
        data_dir = os.path.join(self.work_dir, "data-" + name)
        server = ServerProcess(self.args.server, data_dir, self.work_dir, extra_args)
        self.servers.append(server)
        server.start(self.pb["health_pb2"], self.pb["health_pb2_grpc"])
        return server

    def cli(self, *argv, target=None, stdin=None, timeout_ms=10000):
        """Runs placi-screen; returns (exit code, stdout, stderr)."""
        args = [self.args.cli]
        if target is not False:
            args.append("--target=" + (target or self.server.target))
        if timeout_ms:
            args.append("--timeout_ms=%d" % timeout_ms)
        args += list(argv)
        p = subprocess.run(args, input=stdin, capture_output=True, text=True, encoding="utf-8",
                           timeout=CLI_TIMEOUT_S)
        return p.returncode, p.stdout, p.stderr


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


def json_lines(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def check_against_expected(ctx, verdicts):
    expect(len(verdicts) == len(ctx.expected), "%d verdicts for %d demo parcels" % (len(verdicts), len(ctx.expected)))
    problems = []
    for v, e in zip(verdicts, ctx.expected):
        rid = e["request_id"]
        if v.get("request_id") != rid:
            problems.append("%s: got a verdict for %r (order)" % (rid, v.get("request_id")))
            continue
        got = (v.get("decision"), v.get("referral"))
        if got != (e["decision"], e["referral"]):
            problems.append("%s: expected %s/%s, got %s/%s %s" % (
                rid, e["decision"], e["referral"], got[0], got[1], [r.get("code") for r in v.get("reasons", [])]))
        codes = [r.get("code") for r in v.get("reasons", [])]
        missing = [c for c in e["reasons"] if c not in codes]
        if missing:
            problems.append("%s: reasons %s lack %s" % (rid, codes, missing))
        if "hold_status" in e and v.get("hold_status") != e["hold_status"]:
            problems.append("%s: hold_status %s, expected %s" % (rid, v.get("hold_status"), e["hold_status"]))
        if not v.get("decision_id"):
            problems.append("%s: no decision_id" % rid)
    expect(not problems, "%d demo parcel(s) differ from expected.jsonl:\n  %s" % (len(problems), "\n  ".join(problems)))


# --- checks ----------------------------------------------------------------

def t_screen_manifest_unary(ctx):
    rc, out, err = ctx.cli("screen", ctx.manifest)
    expect(rc == 0, "exit %d\nstderr: %s" % (rc, err))
    check_against_expected(ctx, json_lines(out))


def t_screen_manifest_stream(ctx):
    server = ctx.start_server("stream")
    try:
        rc, out, err = ctx.cli("screen", "--stream", ctx.manifest, target=server.target)
        expect(rc == 0, "exit %d\nstderr: %s" % (rc, err))
        check_against_expected(ctx, json_lines(out))
    finally:
        code = server.terminate()
        ctx.stopped_target = server.target
        expect(code == 0, "stream server exit code %s" % code)


def t_screen_stdin(ctx):
    with open(ctx.manifest) as f:
        first = f.readline()
    rc, out, err = ctx.cli("screen", "-", stdin=first)
    expect(rc == 0, "exit %d: %s" % (rc, err))
    verdicts = json_lines(out)
    expect(len(verdicts) == 1 and verdicts[0]["request_id"] == "demo-001", out)
    # A file saved with a UTF-8 byte order mark (Windows editors) reads the same.
    rc, out, err = ctx.cli("screen", "-", stdin="\ufeff" + first)
    expect(rc == 0, "exit %d with a byte order mark: %s" % (rc, err))
    verdicts = json_lines(out)
    expect(len(verdicts) == 1 and verdicts[0]["request_id"] == "demo-001", out)


def check_invalid_output(rc, out, err, mode, path):
    expect(rc == 1, "%s: exit %d for invalid input" % (mode, rc))
    # FILE:LINE, as a compiler names it (review8a L1: "line 2" named no file).
    expect("error: %s:2: " % path in err, "%s: stderr does not name %s:2: %r" % (mode, path, err))
    lines = json_lines(out)
    expect(len(lines) == 2, "%s: expected an error and a verdict, got %s" % (mode, out))
    error = lines[0].get("error")
    expect(error is not None, "%s: first line is not an error: %s" % (mode, lines[0]))
    expect(error.get("request_id") == "demo-bad-001", "%s: error request_id %r" % (mode, error.get("request_id")))
    expect(error.get("code") == 3, "%s: error code %r" % (mode, error.get("code")))
    expect("gross_weight_kg" in error.get("message", "") + error.get("field", ""),
           "%s: error does not name gross_weight_kg: %s" % (mode, error))
    expect(lines[1].get("request_id") == "demo-bad-003" and lines[1].get("decision") == "DECISION_RELEASE",
           "%s: the parcel after the bad lines was not screened: %s" % (mode, lines[1]))


def t_screen_invalid(ctx):
    path = os.path.join(ctx.args.demo, "invalid.jsonl")
    check_invalid_output(*ctx.cli("screen", path), mode="unary", path=path)


def t_screen_invalid_stream(ctx):
    path = os.path.join(ctx.args.demo, "invalid.jsonl")
    # Fresh waybills are not needed: demo-bad-003 re-screened is still a RELEASE.
    check_invalid_output(*ctx.cli("screen", "--stream", path), mode="stream", path=path)


def t_watchlist_read(ctx):
    rc, out, err = ctx.cli("watchlist", "info")
    expect(rc == 0, "info exit %d: %s" % (rc, err))
    expect(out.startswith("entries %d, version " % len(ctx.demo_entries)), "info printed %r" % out)
    rc, out, err = ctx.cli("watchlist", "list")
    expect(rc == 0, "list exit %d: %s" % (rc, err))
    ids = [e["id"] for e in json_lines(out)]
    expect(ids == sorted(e["id"] for e in ctx.demo_entries), "list gave %d entries" % len(ids))
    rc, out, err = ctx.cli("watchlist", "list", "--kind=ENTRY_KIND_PHONE", "--page_size=3")
    phones = sorted(e["id"] for e in ctx.demo_entries if e["kind"] == "ENTRY_KIND_PHONE")
    expect(rc == 0 and [e["id"] for e in json_lines(out)] == phones, "list --kind gave %r %r" % (out, err))
    rc, out, err = ctx.cli("watchlist", "get", "demo-phone-01")
    expect(rc == 0, "get exit %d: %s" % (rc, err))
    got = json.loads(out)
    want = next(e for e in ctx.demo_entries if e["id"] == "demo-phone-01")
    expect(got == want, "get printed %s, file has %s" % (got, want))
    rc, out, err = ctx.cli("watchlist", "get", "no-such-entry")
    expect(rc == 1 and err.startswith("error: NOT_FOUND: "), "get unknown: exit %d %r" % (rc, err))


def t_watchlist_import_delete(ctx):
    path = os.path.join(ctx.work_dir, "import.jsonl")
    n = 2501  # three batches of at most 1000
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": "cli-seller-%04d" % i, "kind": "ENTRY_KIND_SELLER_ID",
                                "value": "CLI-SELLER-%04d" % i, "referral": "REFERRAL_IPR_EXAMINATION",
                                "points": 60, "source": "cli-smoke"}) + "\n")
    rc, out, err = ctx.cli("watchlist", "import", path)
    expect(rc == 0, "import exit %d: %s" % (rc, err))
    expect(out.startswith("upserted %d entries in 3 batches, watchlist version " % n), "import printed %r" % out)
    rc, out, _ = ctx.cli("watchlist", "info")
    expect(out.startswith("entries %d," % (len(ctx.demo_entries) + n)), "info after import: %r" % out)
    rc, out, err = ctx.cli("watchlist", "delete", "cli-seller-0000", "cli-seller-0001", "no-such-id")
    expect(rc == 0 and out.startswith("deleted 2 entries, watchlist version "), "delete: %d %r %r" % (rc, out, err))
    bad = os.path.join(ctx.work_dir, "bad-import.jsonl")
    with open(bad, "w") as f:
        f.write(json.dumps({"id": "cli-bad-1", "kind": "ENTRY_KIND_PHONE", "value": "+1 555 0100",
                            "referral": "REFERRAL_NONE"}) + "\n")
        f.write('{"id": "cli-bad-2", "kind": "ENTRY_KIND_NOPE", "value": "x"}\n')
    rc, out, err = ctx.cli("watchlist", "import", bad)
    # The file and its line (review8a L1: "error: line 2: …" named no file).
    expect(rc == 1 and ("error: %s:2: " % bad) in err, "bad import: exit %d %r" % (rc, err))
    rc, _, err = ctx.cli("watchlist", "import", "-", stdin=open(bad).read())
    expect(rc == 1 and "error: <stdin>:2: " in err, "bad import from stdin: exit %d %r" % (rc, err))
    rc, out, err = ctx.cli("watchlist", "get", "cli-bad-1")
    expect(rc == 1, "a file with a bad line was partly imported")
    # A line the server would refuse, in the second batch of 1,000: the error
    # names the file's line, not "entries[N]" of a batch (review bb3 L4), and
    # nothing is imported (ingest26: the first 1,000 lines were).
    refused = os.path.join(ctx.work_dir, "refused-import.jsonl")
    with open(refused, "w") as f:
        f.write("\n")  # a blank line, skipped but counted
        for i in range(1003):
            value = "CLI-REF-SELLER-%04d" % i if i != 1001 else "1"
            f.write(json.dumps({"id": "cli-ref-%04d" % i, "kind": "ENTRY_KIND_SELLER_ID", "value": value,
                                "referral": "REFERRAL_NONE", "points": 5}) + "\n")
    rc, out, err = ctx.cli("watchlist", "import", refused)
    expect(rc == 1 and ("%s:1003: entry.value: " % refused) in err and "entries[" not in err
           and "1 bad line(s): nothing imported" in err, "refused import: exit %d %r" % (rc, err))
    rc, out, err = ctx.cli("watchlist", "get", "cli-ref-0000")
    expect(rc == 1 and "NOT_FOUND" in err, "a refused import was partly imported: %d %r" % (rc, out))


def t_watchlist_import_dirty(ctx):
    """An administration's export: BOM, CRLF, and bad lines far apart (ingest26).

    Every bad line is named at once, and nothing is imported: before, the
    lines went in batches of 1,000, the first bad one stopped the import with
    the batches before it stored, and an id on two lines of different
    batches was stored over without a word.
    """
    rc, out, _ = ctx.cli("watchlist", "info")
    before = out.split(",")[0]
    path = os.path.join(ctx.work_dir, "dirty-import.jsonl")
    rows = [{"id": "dirty-%04d" % i, "kind": "ENTRY_KIND_TAX_ID", "value": "FR%011d" % i,
             "referral": "REFERRAL_NONE", "points": 5} for i in range(2500)]
    rows[10] = {"id": "dirty-0010", "kind": "ENTRY_KIND_PHONE", "value": "(020) 7946 0958",
                "referral": "REFERRAL_DO_NOT_LOAD", "points": 100}
    rows[1500]["id"] = "dirty-0001"         # the id of line 2, in another batch
    rows[2200]["value"] = "12"              # too short a tax id
    rows[2300]["points"] = 500              # out of 0..100
    del rows[2400]["referral"]              # unset: not REFERRAL_NONE
    with open(path, "w", newline="") as f:
        f.write("\ufeff" + "".join(json.dumps(r) + "\r\n" for r in rows))
    rc, out, err = ctx.cli("watchlist", "import", path)
    for line, field in ((11, "value: is a national number"), (1501, 'id: "dirty-0001" is also the id of line 2'),
                        (2201, "value: "), (2301, "points: "), (2401, "referral: is required")):
        expect(("%s:%d: entry.%s" % (path, line, field)) in err, "line %d not named: %r" % (line, err))
    expect(rc == 1 and "5 bad line(s): nothing imported" in err, "dirty import: exit %d %r" % (rc, err))
    rc, out, _ = ctx.cli("watchlist", "info")
    expect(out.split(",")[0] == before, "a dirty import changed the watchlist: %r -> %r" % (before, out))
    # The same file cleaned, still with its BOM and CRLF, imports whole.
    rows[10]["value"] = "+44 20 7946 0958"
    rows[1500]["id"] = "dirty-1500"
    rows[2200]["value"] = "FR00000002200"
    rows[2300]["points"] = 50
    rows[2400]["referral"] = "REFERRAL_NONE"
    with open(path, "w", newline="") as f:
        f.write("\ufeff" + "".join(json.dumps(r) + "\r\n" for r in rows))
    rc, out, err = ctx.cli("watchlist", "import", path)
    expect(rc == 0 and out.startswith("upserted 2500 entries in 3 batches"), "clean import: %d %r %r"
           % (rc, out, err))


def t_decisions_and_hold(ctx):
    # demo-017 and its re-submission demo-043 share house waybill DEMO0170001.
    rc, out, err = ctx.cli("decision", "list", "DEMO0170001")
    expect(rc == 0, "decision list exit %d: %s" % (rc, err))
    listed = json_lines(out)
    expect([v["request_id"] for v in listed] == ["demo-017", "demo-043"], "decision list gave %s"
           % [v.get("request_id") for v in listed])
    rc, out, err = ctx.cli("decision", "get", listed[0]["decision_id"])
    expect(rc == 0 and json.loads(out) == listed[0], "decision get: %d %r" % (rc, err))
    # Holds are per carrier: another carrier has no hold on this number.
    rc, out, err = ctx.cli("hold", "resolve", "DEMO0170001", "--by=cli.officer", "--carrier_id=cli-other")
    expect(rc == 1 and err.startswith("error: FAILED_PRECONDITION: "), "other carrier's resolve: %d %r"
           % (rc, err))
    carrier = listed[0].get("carrier_id", "")
    rc, out, err = ctx.cli("hold", "resolve", "DEMO0170001", "--by=cli.officer", "--note=examined, genuine",
                           "--carrier_id=" + carrier)
    expect(rc == 0, "hold resolve exit %d: %s" % (rc, err))
    v = json.loads(out)
    expect((v.get("decision"), v.get("hold_status")) == ("DECISION_RELEASE", "HOLD_STATUS_RESOLVED"),
           "resolve printed %s" % v)
    expect(v.get("carrier_id", "") == carrier, "resolved the hold of %r, not %r" % (v.get("carrier_id"), carrier))
    rc, out, err = ctx.cli("hold", "resolve", "DEMO0170001", "--by=cli.officer")
    expect(rc == 1 and err.startswith("error: FAILED_PRECONDITION: "), "second resolve: %d %r" % (rc, err))
    rc, out, err = ctx.cli("decision", "get", "01NOSUCHDECISION0000000000")
    expect(rc == 1 and err.startswith("error: NOT_FOUND: "), "unknown decision: %d %r" % (rc, err))


def first_demo_parcel(ctx, request_id, house_waybill, **changes):
    with open(ctx.manifest) as f:
        parcel = json.loads(f.readline())
    parcel.update(request_id=request_id, house_waybill=house_waybill, **changes)
    return parcel


def t_decision_list_pages(ctx):
    # A waybill re-filed 1,005 times: more verdicts than one page of
    # ListDecisions (1,000). Without --all or --limit the newest 1,000 and a
    # note; with them, the pages are followed.
    server = ctx.start_server("pages")
    try:
        path = os.path.join(ctx.work_dir, "refiled.jsonl")
        n = 1005
        with open(path, "w") as f:
            for i in range(n):
                f.write(json.dumps(first_demo_parcel(ctx, "refile-%04d" % i, "CLIPAGES0001")) + "\n")
        rc, out, err = ctx.cli("screen", "--stream", path, target=server.target, timeout_ms=120000)
        expect(rc == 0 and len(json_lines(out)) == n, "screen of %d re-filings: exit %d %r" % (n, rc, err[-300:]))
        want = ["refile-%04d" % i for i in range(n)]

        def listed(*flags):
            rc, out, err = ctx.cli("decision", "list", "CLIPAGES0001", *flags, target=server.target)
            expect(rc == 0, "decision list %s: exit %d %r" % (flags, rc, err))
            return [v["request_id"] for v in json_lines(out)], err

        ids, err = listed()
        expect(ids == want[-1000:], "decision list: %d verdicts, first %s" % (len(ids), ids[:1]))
        expect("1000 newest verdicts; older ones were left out" in err, "no note of older ones: %r" % err)
        ids, err = listed("--all")
        expect(ids == want, "decision list --all: %d verdicts, first %s" % (len(ids), ids[:1]))
        expect(err == "", "--all printed a note: %r" % err)
        ids, err = listed("--limit=1002")  # across the page boundary
        expect(ids == want[-1002:], "--limit=1002: %d verdicts, first %s" % (len(ids), ids[:1]))
        expect("1002 newest verdicts" in err, "--limit=1002 note: %r" % err)
        ids, err = listed("--limit=3")
        expect(ids == want[-3:], "--limit=3 gave %s" % ids)
        ids, err = listed("--limit=5000")
        expect(ids == want and err == "", "--limit=5000: %d verdicts, %r" % (len(ids), err))
    finally:
        code = server.terminate()
        expect(code == 0, "pages server exit code %s" % code)


def t_hold_watch(ctx):
    # A parcel without its weight is held for information; `hold watch`
    # prints the resolution an officer makes while it watches.
    held = first_demo_parcel(ctx, "watch-001", "CLIWATCH0001", gross_weight_kg=0)
    rc, out, err = ctx.cli("screen", "-", stdin=json.dumps(held) + "\n")
    expect(rc == 0 and json_lines(out)[0]["decision"] == "DECISION_HOLD", "not held: %r %r" % (out, err))
    watch = subprocess.Popen([ctx.args.cli, "--target=" + ctx.server.target, "hold", "watch",
                              "--carrier_id=" + held["carrier_id"], "--max=1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = watch.stderr.readline()  # once it is watching
        expect("watching" in line, "hold watch said %r" % line)
        rc, out, err = ctx.cli("hold", "resolve", "CLIWATCH0001", "--by=cli.officer", "--note=weighed")
        expect(rc == 0, "resolve exit %d %r" % (rc, err))
        resolved = json.loads(out)
        out, err = watch.communicate(timeout=30)
    finally:
        if watch.poll() is None:
            watch.kill()
            watch.wait()
    expect(watch.returncode == 0, "hold watch --max=1 exit %d %r" % (watch.returncode, err))
    printed = json_lines(out)
    expect(len(printed) == 1 and printed[0] == resolved,
           "hold watch printed %s, the resolution was %s" % (printed, resolved))
    expect(printed[0].get("hold_status") == "HOLD_STATUS_RESOLVED", "printed %s" % printed[0])
    # With --timeout_ms it watches that long, then exits 0 and says on
    # stderr that no hold was resolved (an empty stdout alone told nothing).
    rc, out, err = ctx.cli("hold", "watch", timeout_ms=1500)
    expect(rc == 0 and out == "" and "watching" in err, "hold watch --timeout_ms: %d %r %r" % (rc, out, err))
    expect("placi-screen: no hold resolved in 1500 ms (--timeout_ms elapsed)" in err,
           "hold watch --timeout_ms did not say how it ended: %r" % err)
    # A --timeout_ms watch that printed resolutions says how many.
    held = first_demo_parcel(ctx, "watch-002", "CLIWATCH0002", gross_weight_kg=0)
    rc, out, err = ctx.cli("screen", "-", stdin=json.dumps(held) + "\n")
    expect(rc == 0 and json_lines(out)[0]["decision"] == "DECISION_HOLD", "not held: %r %r" % (out, err))
    watch = subprocess.Popen([ctx.args.cli, "--target=" + ctx.server.target, "--timeout_ms=4000",
                              "hold", "watch"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = watch.stderr.readline()
        expect("watching" in line, "hold watch said %r" % line)
        rc, _, err = ctx.cli("hold", "resolve", "CLIWATCH0002", "--by=cli.officer", "--note=weighed")
        expect(rc == 0, "resolve exit %d %r" % (rc, err))
        out, err = watch.communicate(timeout=30)
    finally:
        if watch.poll() is None:
            watch.kill()
            watch.wait()
    expect(watch.returncode == 0 and len(json_lines(out)) == 1, "hold watch --timeout_ms=4000: %d %r %r"
           % (watch.returncode, out, err))
    expect("placi-screen: 1 hold resolved in 4000 ms (--timeout_ms elapsed)" in err,
           "hold watch --timeout_ms after a resolution said %r" % err)


def t_hold_watch_refused(ctx):
    # A watch the server refuses as soon as the call starts prints the error
    # and exits 1, without a "watching" line before it: the server says
    # "watching" in its initial metadata, and a refusal has none.
    rc, out, err = ctx.cli("keygen", "carrier-a", "carrier", target=False, timeout_ms=0)
    expect(rc == 0, "keygen exit %d %r" % (rc, err))
    key, key_line = out.splitlines()[:2]
    keys = os.path.join(ctx.work_dir, "watch-keys.txt")
    with open(keys, "w") as f:
        f.write(key_line + "\n")
    server = ctx.start_server("watch-auth", ["--api_keys_file=" + keys])
    bare = grpc.server(futures.ThreadPoolExecutor(max_workers=1))  # serves no service
    bare_port = bare.add_insecure_port("127.0.0.1:0")
    bare.start()
    try:
        refused = [
            ([], server.target, "UNAUTHENTICATED"),
            (["--api_key=" + key, "--carrier_id=OTHER"], server.target, "PERMISSION_DENIED"),
            ([], "127.0.0.1:%d" % bare_port, "UNIMPLEMENTED"),
        ]
        for flags, target, code in refused:
            rc, out, err = ctx.cli(*(flags[:1] + ["hold", "watch"] + flags[1:]), target=target,
                                   timeout_ms=5000)
            expect(rc == 1 and out == "" and err.startswith("error: %s: " % code)
                   and "watching" not in err,
                   "hold watch %s: exit %d, stderr %r (expected only error: %s)" % (flags, rc, err, code))
        # The same server watches for a carrier's own key.
        rc, out, err = ctx.cli("--api_key=" + key, "hold", "watch", target=server.target,
                               timeout_ms=1500)
        expect(rc == 0 and "watching" in err, "hold watch with a key: %d %r" % (rc, err))
    finally:
        bare.stop(0)
        code = server.terminate()
    expect(code == 0, "auth server exit code %s" % code)


def t_usage_errors(ctx):
    cases = [
        ([], "no command"),
        (["screen"], "screen without FILE"),
        (["screen", "a", "b"], "screen with two files"),
        (["--bogus", "watchlist", "info"], "unknown flag"),
        (["screen", "--kind=x", ctx.manifest], "flag of another command"),
        (["hold", "resolve", "HAWB1"], "resolve without --by"),
        (["watchlist", "list", "--kind=ENTRY_KIND_BOGUS"], "bad kind"),
        (["watchlist", "frobnicate"], "unknown subcommand"),
        (["hold", "frobnicate"], "unknown hold subcommand"),
        (["hold", "watch", "--max=abc"], "bad --max"),
        (["hold", "watch", "--by=x"], "a flag of hold resolve"),
        (["decision", "list", "H1", "--limit=0"], "--limit=0"),
        (["decision", "list", "H1", "--all", "--limit=3"], "--all and --limit"),
        (["decision", "get", "D1", "--all"], "--all on decision get"),
        (["--timeout_ms=abc", "watchlist", "info"], "bad timeout"),
    ]
    for argv, what in cases:
        rc, out, err = ctx.cli(*argv, target=False, timeout_ms=0)
        expect(rc == 2, "%s: exit %d, expected 2 (stderr %r)" % (what, rc, err))
        expect("usage" in err, "%s: no usage text" % what)
    rc, out, err = ctx.cli("--help", target=False, timeout_ms=0)
    expect(rc == 0 and "screen" in out, "--help: %d" % rc)


def t_unreachable(ctx):
    target = getattr(ctx, "stopped_target", None) or "127.0.0.1:1"
    rc, out, err = ctx.cli("watchlist", "info", target=target, timeout_ms=3000)
    expect(rc == 1 and (err.startswith("error: UNAVAILABLE: ") or err.startswith("error: DEADLINE_EXCEEDED: ")),
           "unreachable server: exit %d %r" % (rc, err))
    rc, out, err = ctx.cli("screen", ctx.manifest, target=target, timeout_ms=3000)
    expect(rc == 1 and "error: " in err, "screen against no server: exit %d %r" % (rc, err))
    rc, out, err = ctx.cli("hold", "watch", target=target, timeout_ms=3000)
    expect(rc == 1 and "error: " in err and "watching" not in err,
           "hold watch against no server: exit %d %r" % (rc, err))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--server", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--stubs", required=True)
    p.add_argument("--demo", required=True)
    p.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = p.parse_args()
    args.demo = os.path.abspath(args.demo)
    pb = import_stubs(os.path.abspath(args.stubs))
    work_dir = tempfile.mkdtemp(prefix="placi-cli-smoke-")
    runner = Runner()
    ctx = Ctx(args, pb, work_dir)
    try:
        def start():
            ctx.server = ctx.start_server("main")
        if not runner.run("server starts on port 0 and reports SERVING", start):
            return runner.summary()
        checks = [
            ("screen manifest.jsonl (unary) matches expected.jsonl", t_screen_manifest_unary),
            ("screen --stream manifest.jsonl (fresh server) matches expected.jsonl", t_screen_manifest_stream),
            ("screen - reads stdin", t_screen_stdin),
            ("screen invalid.jsonl: error lines, exit 1", t_screen_invalid),
            ("screen --stream invalid.jsonl: error lines, exit 1", t_screen_invalid_stream),
            ("watchlist info / list / list --kind / get", t_watchlist_read),
            ("watchlist import (3 batches) / delete / bad file imports nothing", t_watchlist_import_delete),
            ("watchlist import of a dirty export names every bad line, imports nothing", t_watchlist_import_dirty),
            ("decision list / get, hold resolve", t_decisions_and_hold),
            ("decision list follows the pages with --all / --limit (fresh server)", t_decision_list_pages),
            ("hold watch prints a resolution as it happens, --max, --timeout_ms", t_hold_watch),
            ("hold watch refused at once: only the error, exit 1", t_hold_watch_refused),
            ("usage errors exit 2", t_usage_errors),
            ("unreachable server: error: <CODE>, exit 1", t_unreachable),
        ]
        for name, fn in checks:
            runner.run(name, fn, ctx)
        code = ctx.server.terminate()
        runner.run("SIGTERM exits 0", lambda: expect(code == 0, "exit code %s" % code))
    finally:
        for server in ctx.servers:
            server.kill()
        if args.keep:
            print("kept " + work_dir)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    return runner.summary()


if __name__ == "__main__":
    sys.exit(main())
