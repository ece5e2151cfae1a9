#!/usr/bin/env python3
"""Measures detection end to end: for each seed, a fresh server, a fresh stream, one evaluation.

    run_eval.py --server build/server/placi-screen-server --seeds 101,202 --parcels 20000 \
        [--min-recall 0.95 --max-hold-rate-ratio 2.0] [--work DIR] [--keep] [evaluate.py options]

For each seed: generates DIR/seed-N with gen_stream.py, starts the server on
127.0.0.1 port 0 (--port_file) with an empty temporary data dir and
--seed_watchlist=none, runs evaluate.py against it (which imports the
stream's watchlist first), stops the server with SIGTERM. A fresh server per
seed matters: holds and windows persist in the data dir.

Exit status: 0 when every seed met the thresholds given, 1 when one missed,
2 on a usage, server or RPC error. Plain Python 3 plus Debian's
python3-grpcio / python3-protobuf (for evaluate.py): run with /usr/bin/python3.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
START_TIMEOUT_S = 30.0


def start_server(server, data_dir, work, extra):
    port_file = os.path.join(work, "ports")
    if os.path.exists(port_file):
        os.remove(port_file)
    log = open(os.path.join(work, "server.log"), "wb")
    args = [server, "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0", "--data_dir=" + data_dir,
            "--seed_watchlist=none", "--port_file=" + port_file, "--drain_seconds=0",
            "--shutdown_grace_seconds=5"] + list(extra)
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited with %s before listening; log: %s" % (proc.returncode, log.name))
        try:
            with open(port_file) as f:
                text = f.read()
        except FileNotFoundError:
            text = ""
        if text.endswith("\n"):
            return proc, int(text.split()[0]), log
        time.sleep(0.02)
    proc.kill()
    raise RuntimeError("no port file after %.0fs; log: %s" % (START_TIMEOUT_S, log.name))


def stop_server(proc, log):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    log.close()
    return proc.returncode


def markdown_summary(results):
    """A markdown table of several seeds' result.json documents, side by side."""
    seeds = [seed for seed, _ in results]
    labels = sorted({k for _, d in results for k in d["labels"] if "/" not in k and k != "honest"})
    head = "| pattern | " + " | ".join("seed %d: cases (parcels) | caught cases | held parcels" % s for s in seeds) + " |"
    lines = [head, "|---" * (1 + 3 * len(seeds)) + "|"]

    def pct(a, b):
        return "%.3f" % (a / b) if b else "-"
    for label in labels:
        cells = []
        for _, d in results:
            r = d["labels"].get(label)
            if not r:
                cells += ["-", "-", "-"]
                continue
            cells += ["%d (%d)" % (r["cases"], r["parcels"]), "%d = %s" % (r["cases_held"], pct(r["cases_held"], r["cases"])),
                      "%d = %s" % (r["held"], pct(r["held"], r["parcels"]))]
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    cells = []
    for _, d in results:
        m = d["overall"]
        cells += ["%d (%d)" % (m["bad_cases"], m["bad_parcels"]), "**recall %.3f**" % m["recall_case"],
                  "%d = %.3f" % (m["held_bad"], m["recall_parcel"])]
    lines.append("| **all bad** | %s |" % " | ".join(cells))
    cells = []
    for _, d in results:
        h = d["labels"]["honest"]
        cells += ["%d" % h["parcels"], "", "%d = %.2f%%" % (h["held"], 100.0 * h["held"] / h["parcels"])]
    lines.append("| honest | %s |" % " | ".join(cells))
    cells = []
    for _, d in results:
        m = d["overall"]
        mix = d.get("referral_mix", {})
        cells += ["%d" % m["parcels"], "precision %.3f" % m["precision"],
                  "**hold rate %.2f%% = %.2f x bad rate**" % (100 * m["hold_rate"], m["hold_rate_ratio"])]
    lines.append("| overall | %s |" % " | ".join(cells))
    cells = []
    for _, d in results:
        mix = {}
        for k, r in d["labels"].items():
            if "/" not in k:
                for ref, n in r["referrals"].items():
                    mix[ref] = mix.get(ref, 0) + n
        cells += ["referral mix of holds", "", " ".join("%s %d" % kv for kv in sorted(mix.items()))]
    lines.append("| | %s |" % " | ".join(cells))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--server", required=True, help="path of placi-screen-server")
    ap.add_argument("--seeds", default="101,202", help="comma-separated seeds (default 101,202: not tuned on)")
    ap.add_argument("--parcels", type=int, default=20000)
    ap.add_argument("--bad-rate", type=float, default=0.02)
    ap.add_argument("--work", help="keep streams and logs here (default: a temporary dir, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary dir")
    ap.add_argument("--server-arg", action="append", default=[], help="extra server flag (repeatable)")
    ap.add_argument("--summary", action="store_true", help="end with a markdown table of all seeds")
    args, evaluate_args = ap.parse_known_args(argv)

    python = sys.executable
    work = args.work or tempfile.mkdtemp(prefix="placi-eval-")
    os.makedirs(work, exist_ok=True)
    worst = 0
    results = []
    try:
        for seed in [int(s) for s in args.seeds.split(",") if s.strip()]:
            run_dir = os.path.join(work, "seed-%d" % seed)
            shutil.rmtree(run_dir, ignore_errors=True)
            os.makedirs(run_dir)
            stream_dir = os.path.join(run_dir, "stream")
            subprocess.run([python, os.path.join(HERE, "gen_stream.py"), "--seed", str(seed),
                            "--parcels", str(args.parcels), "--bad-rate", str(args.bad_rate),
                            "--out", stream_dir], check=True)
            proc, port, log = start_server(args.server, os.path.join(run_dir, "data"), run_dir, args.server_arg)
            try:
                print("== seed %d: server on 127.0.0.1:%d (data %s)" % (seed, port, os.path.join(run_dir, "data")), flush=True)
                rc = subprocess.run([python, os.path.join(HERE, "evaluate.py"), "--target", "127.0.0.1:%d" % port,
                                     "--stream", stream_dir, "--json", os.path.join(run_dir, "result.json")]
                                    + evaluate_args).returncode
            finally:
                code = stop_server(proc, log)
            if code not in (0, None):
                print("run_eval: server exited with %s (log %s)" % (code, log.name), file=sys.stderr)
                rc = max(rc, 2)
            print("== seed %d: %s" % (seed, {0: "ok", 1: "targets missed"}.get(rc, "error %d" % rc)), flush=True)
            worst = max(worst, rc)
            if rc in (0, 1) and os.path.exists(os.path.join(run_dir, "result.json")):
                with open(os.path.join(run_dir, "result.json")) as f:
                    results.append((seed, json.load(f)))
        if args.summary and results:
            print()
            print(markdown_summary(results))
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print("run_eval: %s" % e, file=sys.stderr)
        worst = 2
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print("run_eval: kept %s" % work)
    return worst


if __name__ == "__main__":
    sys.exit(main())
