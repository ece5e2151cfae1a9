#!/usr/bin/env python3
"""Replays a labelled stream through a running placi-screen server and measures detection.

    evaluate.py --target 127.0.0.1:50051 --stream /tmp/stream7 [--stubs DIR] [--json OUT]
                [--min-recall 0.95] [--max-hold-rate-ratio 2.0] [--by-variant]

1. Imports DIR/watchlist.jsonl with WatchlistService.UpsertEntries (batches of 500).
2. Replays DIR/stream.jsonl in order over one ScreeningService.ScreenStream call
   (or --mode unary: Screen calls, --parallel at a time; order is then loose).
3. Prints, per label and overall: parcels, cases, held, recall, precision of holds,
   hold rate and the referral mix of the holds; with --by-variant the same per
   label/variant; then the reason codes present on held parcels.

Recall counts a scheme of several parcels (split shipment, reshipper address)
as caught when any of its parcels is held: its first parcels are innocent
when they are screened (nothing has added up yet), so parcel recall of such a
pattern has a ceiling below 1. Both are printed; --recall-unit picks the one
--min-recall is checked on (default: case).

Hold rate ratio = hold rate / bad rate (bad parcels / all parcels). Exit status:
0 ok, 1 a threshold given was missed, 2 usage or RPC error.

Stubs: --stubs DIR holding placi/screening/v1/*_pb2*.py (tests/e2e builds them);
without it they are generated into a temporary dir with protoc and
grpc_python_plugin from the repository's proto/ folder (--proto-root).
Needs Debian's python3-grpcio and python3-protobuf: run with /usr/bin/python3.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "proto"))
BAD_REFERRALS = ["REFERRAL_REQUEST_FOR_INFORMATION", "REFERRAL_REQUEST_FOR_SCREENING",
                 "REFERRAL_DO_NOT_LOAD", "REFERRAL_IPR_EXAMINATION"]
SHORT_REFERRAL = {"REFERRAL_REQUEST_FOR_INFORMATION": "RFI", "REFERRAL_REQUEST_FOR_SCREENING": "RFS",
                  "REFERRAL_DO_NOT_LOAD": "DNL", "REFERRAL_IPR_EXAMINATION": "IPR"}


def generate_stubs(proto_root, out_dir, protoc="protoc", plugin=None):
    plugin = plugin or shutil.which("grpc_python_plugin")
    if not plugin:
        raise SystemExit("evaluate: grpc_python_plugin not found (Debian protobuf-compiler-grpc); pass --stubs")
    protos = [os.path.join(proto_root, "placi", "screening", "v1", f)
              for f in sorted(os.listdir(os.path.join(proto_root, "placi", "screening", "v1")))
              if f.endswith(".proto")]
    include = ["-I" + proto_root]
    for d in ("/usr/include", "/usr/local/include"):
        if os.path.exists(os.path.join(d, "google", "protobuf", "timestamp.proto")):
            include.append("-I" + d)
            break
    cmd = [protoc] + include + ["--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
                                "--plugin=protoc-gen-grpc_python=" + plugin] + protos
    subprocess.run(cmd, check=True)


def import_stubs(stubs_dir):
    sys.path.insert(0, stubs_dir)
    from placi.screening.v1 import consignment_pb2, screening_pb2, screening_pb2_grpc, verdict_pb2  # noqa: F401
    return consignment_pb2, screening_pb2, screening_pb2_grpc, verdict_pb2


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as e:
                    raise SystemExit("evaluate: %s line %d: %s" % (path, n, e))


class Replay:
    def __init__(self, args, stubs):
        import grpc
        from google.protobuf import json_format
        self.grpc = grpc
        self.json_format = json_format
        self.consignment_pb2, self.screening_pb2, self.screening_pb2_grpc, self.verdict_pb2 = stubs
        self.channel = grpc.insecure_channel(args.target, options=[
            ("grpc.max_receive_message_length", 64 * 1024 * 1024)])
        try:
            grpc.channel_ready_future(self.channel).result(timeout=args.connect_timeout)
        except grpc.FutureTimeoutError:
            raise SystemExit("evaluate: no server at %s after %.0fs" % (args.target, args.connect_timeout))
        self.args = args

    def import_watchlist(self, entries):
        stub = self.screening_pb2_grpc.WatchlistServiceStub(self.channel)
        version = 0
        for i in range(0, len(entries), 500):
            req = self.screening_pb2.UpsertEntriesRequest()
            for e in entries[i:i + 500]:
                self.json_format.ParseDict(e, req.entries.add())
            reply = stub.UpsertEntries(req, timeout=60)
            version = reply.watchlist_version
        info = stub.GetWatchlistInfo(self.screening_pb2.GetWatchlistInfoRequest(), timeout=10)
        return version, info.entry_count

    def consignments(self, lines):
        out = []
        for line in lines:
            c = self.consignment_pb2.Consignment()
            self.json_format.ParseDict(line["consignment"], c)
            out.append(c)
        return out

    def verdict_dict(self, v):
        return {
            "request_id": v.request_id,
            "decision": self.verdict_pb2.Decision.Name(v.decision),
            "referral": self.verdict_pb2.Referral.Name(v.referral),
            "risk_score": v.risk_score,
            "reasons": [(r.code, r.points, self.verdict_pb2.Referral.Name(r.referral), r.evidence) for r in v.reasons],
        }

    def stream(self, consignments):
        stub = self.screening_pb2_grpc.ScreeningServiceStub(self.channel)
        sp = self.screening_pb2

        def requests():
            for c in consignments:
                yield sp.ScreenStreamRequest(consignment=c)

        results = []
        for resp in stub.ScreenStream(requests(), timeout=self.args.timeout):
            if resp.HasField("verdict"):
                results.append(self.verdict_dict(resp.verdict))
            else:
                results.append({"request_id": resp.error.request_id, "error": resp.error.message})
        if len(results) != len(consignments):
            raise SystemExit("evaluate: %d responses for %d parcels" % (len(results), len(consignments)))
        return results

    def unary(self, consignments):
        from concurrent.futures import ThreadPoolExecutor
        stub = self.screening_pb2_grpc.ScreeningServiceStub(self.channel)
        sp = self.screening_pb2

        def one(c):
            try:
                return self.verdict_dict(stub.Screen(sp.ScreenRequest(consignment=c), timeout=30).verdict)
            except self.grpc.RpcError as e:
                if e.code() == self.grpc.StatusCode.INVALID_ARGUMENT:
                    return {"request_id": c.request_id, "error": e.details()}
                raise
        with ThreadPoolExecutor(max_workers=self.args.parallel) as pool:
            return list(pool.map(one, consignments))


def brief(c):
    """One line of what a parcel says, for --show-missed."""
    def party(p):
        a = p.get("address", {})
        return "%s | %s, %s %s %s | %s | %s" % (p.get("name"), a.get("street"), a.get("postal_code", ""), a.get("city"),
                                               a.get("country_code"), p.get("phone", ""), p.get("email", ""))
    items = "; ".join("%s [HS %s] x%s %s %s" % (i.get("description"), i.get("hs_code"), i.get("quantity"),
                                                 i.get("declared_value", {}).get("units"), i.get("declared_value", {}).get("currency_code"))
                      for i in c.get("items", []))
    e = c.get("ecommerce", {})
    return "FROM %s  TO %s  GOODS %s  %.3f kg  %s %s %s %s" % (
        party(c.get("consignor", {})), party(c.get("consignee", {})), items, c.get("gross_weight_kg", 0),
        c.get("postal_category", ""), e.get("platform", ""), e.get("seller_id", ""), e.get("listing_url", ""))


def ratio(a, b):
    return a / b if b else float("nan")


def summarise(lines, verdicts, by_variant=False):
    """Rows keyed by label (and label/variant): dicts of counts."""
    rows = collections.OrderedDict()
    reasons = collections.defaultdict(lambda: [0, 0])  # code -> [held bad, held honest]

    def row(key):
        if key not in rows:
            rows[key] = {"parcels": 0, "held": 0, "cases": set(), "cases_held": set(),
                         "referrals": collections.Counter(), "errors": 0, "score_sum": 0}
        return rows[key]

    for line, v in zip(lines, verdicts):
        if line["consignment"].get("request_id") != v.get("request_id"):
            raise SystemExit("evaluate: verdict for %r answers parcel %r" % (v.get("request_id"), line["consignment"].get("request_id")))
        label = line["label"]
        keys = [label] + (["%s/%s" % (label, line.get("variant", ""))] if by_variant else [])
        held = v.get("decision") == "DECISION_HOLD"
        case = line.get("case") or line["consignment"]["request_id"]
        for key in keys:
            r = row(key)
            r["parcels"] += 1
            r["cases"].add(case)
            if "error" in v:
                r["errors"] += 1
                continue
            r["score_sum"] += v["risk_score"]
            if held:
                r["held"] += 1
                r["cases_held"].add(case)
                r["referrals"][SHORT_REFERRAL.get(v["referral"], v["referral"])] += 1
        if held:
            for code in sorted({c for c, *_ in v["reasons"]}):
                reasons[code][0 if label != "honest" else 1] += 1
    return rows, reasons


def metrics(rows, recall_unit):
    bad = {k: r for k, r in rows.items() if k != "honest" and "/" not in k}
    honest = rows.get("honest", {"parcels": 0, "held": 0, "cases": set(), "cases_held": set()})
    n = sum(r["parcels"] for k, r in rows.items() if "/" not in k)
    bad_parcels = sum(r["parcels"] for r in bad.values())
    bad_held = sum(r["held"] for r in bad.values())
    bad_cases = sum(len(r["cases"]) for r in bad.values())
    bad_cases_held = sum(len(r["cases_held"]) for r in bad.values())
    held = bad_held + honest["held"]
    m = {
        "parcels": n, "bad_parcels": bad_parcels, "bad_cases": bad_cases, "held": held,
        "held_bad": bad_held, "held_honest": honest["held"],
        "recall_parcel": ratio(bad_held, bad_parcels), "recall_case": ratio(bad_cases_held, bad_cases),
        "precision": ratio(bad_held, held), "hold_rate": ratio(held, n), "bad_rate": ratio(bad_parcels, n),
        "false_hold_rate": ratio(honest["held"], honest["parcels"]),
    }
    m["hold_rate_ratio"] = ratio(m["hold_rate"], m["bad_rate"])
    m["recall"] = m["recall_case" if recall_unit == "case" else "recall_parcel"]
    return m


def fmt(x, pct=False):
    if x != x:  # nan
        return "-"
    return ("%.2f%%" % (100 * x)) if pct else "%.3f" % x


def render(rows, reasons, m, meta):
    out = []
    head = "%-44s %7s %6s %6s %7s %7s %8s %9s  %s" % (
        "label", "parcels", "cases", "held", "recall", "r.case", "prec.", "hold rate", "referral mix of holds")
    out.append(head)
    out.append("-" * len(head))

    def order(key):
        label, _, variant = key.partition("/")
        return (label != "honest", label, variant != "", -rows[key]["parcels"] if variant else 0, variant)
    for key in sorted(rows, key=order):
        r = rows[key]
        is_bad = not key.startswith("honest")
        mix = " ".join("%s %d" % (k, v) for k, v in sorted(r["referrals"].items()))
        out.append("%-44s %7d %6s %6d %7s %7s %8s %9s  %s" % (
            ("  " if "/" in key else "") + key, r["parcels"],
            len(r["cases"]) if is_bad else "", r["held"],
            fmt(ratio(r["held"], r["parcels"])) if is_bad else "",
            fmt(ratio(len(r["cases_held"]), len(r["cases"]))) if is_bad else "",
            "",
            fmt(ratio(r["held"], r["parcels"]), pct=True), mix + (" errors %d" % r["errors"] if r["errors"] else "")))
    out.append("-" * len(head))
    allmix = collections.Counter()
    for k, r in rows.items():
        if "/" not in k:
            allmix.update(r["referrals"])
    out.append("%-44s %7d %6d %6d %7s %7s %8s %9s  %s" % (
        "all bad patterns", m["bad_parcels"], m["bad_cases"], m["held_bad"], fmt(m["recall_parcel"]),
        fmt(m["recall_case"]), "", fmt(ratio(m["held_bad"], m["bad_parcels"]), pct=True), ""))
    out.append("%-44s %7d %6s %6d %7s %7s %8s %9s  %s" % (
        "overall", m["parcels"], "", m["held"], "", "", fmt(m["precision"]), fmt(m["hold_rate"], pct=True),
        " ".join("%s %d" % kv for kv in sorted(allmix.items()))))
    out.append("")
    out.append("bad rate %s, hold rate %s = %.2f x bad rate; recall %s (cases) / %s (parcels); "
               "precision of holds %s; honest parcels held %s"
               % (fmt(m["bad_rate"], pct=True), fmt(m["hold_rate"], pct=True), m["hold_rate_ratio"],
                  fmt(m["recall_case"]), fmt(m["recall_parcel"]), fmt(m["precision"]), fmt(m["false_hold_rate"], pct=True)))
    by_ref = collections.defaultdict(lambda: [0, 0])
    for k, r in rows.items():
        if "/" in k:
            continue
        for ref, n in r["referrals"].items():
            by_ref[ref][0 if k != "honest" else 1] += n
    if by_ref:
        out.append("")
        out.append("holds by referral: held bad / held honest (precision)")
        for ref, (b, h) in sorted(by_ref.items()):
            out.append("  %-4s %5d / %-5d (%s)" % (ref, b, h, fmt(ratio(b, b + h))))
    if reasons:
        out.append("")
        out.append("reason codes on held parcels (held bad / held honest):")
        for code, (b, h) in sorted(reasons.items(), key=lambda kv: -(kv[1][0] + kv[1][1])):
            out.append("  %-28s %5d / %d" % (code, b, h))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--target", required=True, help="HOST:PORT of placi-screen-server")
    ap.add_argument("--stream", required=True, help="directory written by gen_stream.py")
    ap.add_argument("--stubs", help="directory of generated Python stubs (else generated)")
    ap.add_argument("--proto-root", default=DEFAULT_PROTO_ROOT)
    ap.add_argument("--protoc", default="protoc")
    ap.add_argument("--grpc-python-plugin")
    ap.add_argument("--json", help="write the figures (and every verdict with --verdicts) here")
    ap.add_argument("--verdicts", action="store_true", help="with --json: include every verdict")
    ap.add_argument("--mode", choices=["stream", "unary"], default="stream")
    ap.add_argument("--parallel", type=int, default=8, help="unary calls in flight (--mode unary)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds for the whole replay")
    ap.add_argument("--connect-timeout", type=float, default=20)
    ap.add_argument("--skip-watchlist", action="store_true", help="do not import DIR/watchlist.jsonl")
    ap.add_argument("--by-variant", action="store_true", help="also a row per label/variant")
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--recall-unit", choices=["case", "parcel"], default="case")
    ap.add_argument("--max-hold-rate-ratio", type=float, help="fail unless hold rate < this x bad rate")
    ap.add_argument("--show-missed", type=int, default=0, metavar="N",
                    help="print up to N missed bad parcels and N held honest ones, with their reasons")
    args = ap.parse_args(argv)

    stream_path = os.path.join(args.stream, "stream.jsonl")
    lines = list(read_jsonl(stream_path))
    entries = [] if args.skip_watchlist else list(read_jsonl(os.path.join(args.stream, "watchlist.jsonl")))
    meta = {}
    if os.path.exists(os.path.join(args.stream, "meta.json")):
        with open(os.path.join(args.stream, "meta.json")) as f:
            meta = json.load(f)

    tmp = None
    stubs_dir = args.stubs
    if not stubs_dir:
        tmp = tempfile.mkdtemp(prefix="placi-eval-stubs-")
        generate_stubs(args.proto_root, tmp, args.protoc, args.grpc_python_plugin)
        stubs_dir = tmp
    try:
        replay = Replay(args, import_stubs(stubs_dir))
        import grpc
        try:
            if entries:
                version, count = replay.import_watchlist(entries)
                print("watchlist: %d entries imported, server has %d (version %d)" % (len(entries), count, version))
            consignments = replay.consignments(lines)
            start = time.monotonic()
            verdicts = replay.stream(consignments) if args.mode == "stream" else replay.unary(consignments)
            elapsed = time.monotonic() - start
        except grpc.RpcError as e:
            print("evaluate: RPC failed: %s: %s" % (e.code().name, e.details()), file=sys.stderr)
            return 2
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    print("replayed %d parcels in %.1fs (%.0f/s) over %s" % (len(lines), elapsed, len(lines) / max(elapsed, 1e-9), args.mode))
    if meta:
        print("stream: seed %s, %s parcels, bad rate %s (%s)" % (meta.get("seed"), meta.get("parcels"), meta.get("bad_rate"), meta.get("generator")))
    rows, reasons = summarise(lines, verdicts, args.by_variant)
    m = metrics(rows, args.recall_unit)
    print()
    print(render(rows, reasons, m, meta))

    if args.show_missed:
        shown_missed = shown_fp = 0
        print()
        for line, v in zip(lines, verdicts):
            held = v.get("decision") == "DECISION_HOLD"
            if line["label"] != "honest" and not held and shown_missed < args.show_missed:
                shown_missed += 1
                print("MISSED %s/%s score=%s %s" % (line["label"], line.get("variant"), v.get("risk_score"),
                                                    [(c, p) for c, p, *_ in v.get("reasons", [])]))
                print("    " + brief(line["consignment"]))
            if line["label"] == "honest" and held and shown_fp < args.show_missed:
                shown_fp += 1
                print("FALSE HOLD %s score=%s %s %s" % (line.get("variant"), v.get("risk_score"), v.get("referral"),
                                                       [(c, p) for c, p, *_ in v.get("reasons", [])]))
                print("    " + brief(line["consignment"]))

    if args.json:
        doc = {"stream": meta, "mode": args.mode, "replay_seconds": elapsed, "overall": m,
               "labels": {k: {"parcels": r["parcels"], "held": r["held"], "cases": len(r["cases"]),
                              "cases_held": len(r["cases_held"]), "referrals": dict(r["referrals"]),
                              "errors": r["errors"]} for k, r in rows.items()},
               "reasons_on_holds": {k: {"bad": b, "honest": h} for k, (b, h) in reasons.items()}}
        if args.verdicts:
            doc["verdicts"] = [dict(v, label=l["label"], variant=l.get("variant")) for l, v in zip(lines, verdicts)]
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1, default=list)
            f.write("\n")

    failed = []
    if args.min_recall is not None and not m["recall"] >= args.min_recall:
        failed.append("recall (%s) %.3f < %.3f" % (args.recall_unit, m["recall"], args.min_recall))
    if args.max_hold_rate_ratio is not None and not m["hold_rate_ratio"] < args.max_hold_rate_ratio:
        failed.append("hold rate %.2f x bad rate, not under %.2f x" % (m["hold_rate_ratio"], args.max_hold_rate_ratio))
    errors = sum(r["errors"] for k, r in rows.items() if "/" not in k)
    if errors:
        failed.append("%d parcels refused by the server" % errors)
    print()
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    print("OK" + (" (targets met)" if args.min_recall is not None or args.max_hold_rate_ratio is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
