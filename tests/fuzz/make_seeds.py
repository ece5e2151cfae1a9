#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the demo data.

    python3 tests/fuzz/make_seeds.py --stubs build/tests/e2e/python_stubs

corpus/parcel_proto: each demo parcel as a Consignment on the wire;
corpus/parcel_json: each demo parcel as one JSON line, plus edge cases;
corpus/watchlist_import: the demo watchlist in chunks, plus edge cases;
corpus/rules: the default rules file and small variants.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def write(folder, name, data):
    path = os.path.join(HERE, "corpus", folder, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stubs", required=True)
    args = ap.parse_args()
    sys.path.insert(0, os.path.abspath(args.stubs))
    from google.protobuf import json_format
    from placi.screening.v1 import consignment_pb2

    with open(os.path.join(ROOT, "deploy/demo/manifest.jsonl")) as f:
        lines = [l.strip() for l in f if l.strip()]
    for i, line in enumerate(lines):
        c = json_format.Parse(line, consignment_pb2.Consignment())
        write("parcel_proto", "demo-%02d.bin" % i, c.SerializeToString())
        write("parcel_json", "demo-%02d.json" % i, line)
    write("parcel_proto", "empty.bin", b"")
    write("parcel_json", "empty-object.json", "{}")
    write("parcel_json", "edge-values.json", json.dumps({
        "request_id": "x", "house_waybill": "H", "pieces": 4294967295, "gross_weight_kg": 1e308,
        "items": [{"description": "\u00e9\u0301 \ud83d\ude00 ROLEX", "hs_code": "9102",
                   "quantity": 1, "declared_value": {"currency_code": "usd", "units": "-1", "nanos": -5}}],
        "route": {"scheduled_departure": "9999-12-31T23:59:59Z", "transit_country_codes": ["AE", ""]},
        "postal_category": "POSTAL_CATEGORY_GIFT"}))

    with open(os.path.join(ROOT, "deploy/demo/watchlist.jsonl")) as f:
        entries = [l for l in f.read().splitlines()]
    for start in range(0, len(entries), 8):
        write("watchlist_import", "demo-%02d.jsonl" % (start // 8), "\n".join(entries[start:start + 8]) + "\n")
    write("watchlist_import", "comments.jsonl", "# a comment\n\n" + entries[0] + "\n   \n")
    write("watchlist_import", "fuzzy-name.jsonl",
          '{"id":"n-1","kind":"ENTRY_KIND_PARTY_NAME","value":"J\u00f6rg M\u00fcller-L\u00fcdenscheidt GmbH & Co. KG",'
          '"referral":"REFERRAL_DO_NOT_LOAD","points":100}\n'
          '{"id":"t-1","kind":"ENTRY_KIND_BRAND_TERM","value":"l v","points":0}\n')

    with open(os.path.join(ROOT, "deploy/rules/default.textproto")) as f:
        default = f.read()
    write("rules", "default.textproto", default)
    write("rules", "version-only.textproto", 'version: "fuzz-1"\n')
    write("rules", "threshold.textproto", 'version: "fuzz-2"\nhold_score_threshold: 1\nmax_risk_score: 100\n')
    # The first 60 lines: a valid prefix of every top-level field kind.
    write("rules", "default-head.textproto", "\n".join(default.splitlines()[:60]) + "\n")


if __name__ == "__main__":
    main()
