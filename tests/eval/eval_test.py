#!/usr/bin/env python3
"""The detection test of `make test`: one held-out seed, the issue's targets.

    python3 tests/eval/eval_test.py --server build/server/placi-screen-server --seed 4242 \
        --parcels 3000 --min-recall 0.95 --max-hold-rate-ratio 2.0

Generates a stream of --parcels (2% bad, the default mix) with
tools/eval/gen_stream.py, starts the server on port 0 with an empty temporary
data dir and --seed_watchlist=none, replays the stream with
tools/eval/evaluate.py (which imports the stream's own watchlist first),
prints the table per pattern and fails when recall (schemes caught) is under
--min-recall or the hold rate is not under --max-hold-rate-ratio times the
bad rate. Other options go to evaluate.py (--protoc, --grpc-python-plugin, …).
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "eval"))
import run_eval  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--parcels", type=int, default=3000)
    ap.add_argument("--min-recall", type=float, default=0.95)
    ap.add_argument("--max-hold-rate-ratio", type=float, default=2.0)
    args, rest = ap.parse_known_args()
    if not os.access(args.server, os.X_OK):
        print("eval_test: no server binary at %s" % args.server, file=sys.stderr)
        return 2
    rc = run_eval.main(["--server", args.server, "--seeds", str(args.seed), "--parcels", str(args.parcels),
                        "--min-recall", str(args.min_recall), "--max-hold-rate-ratio", str(args.max_hold_rate_ratio),
                        "--by-variant", "--show-missed", "10"] + rest)
    print("eval_test: %s" % ("PASS" if rc == 0 else "FAIL (exit %d)" % rc))
    return rc


if __name__ == "__main__":
    sys.exit(main())
