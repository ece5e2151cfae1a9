#!/usr/bin/env python3
"""Static checks of deploy/grafana/dashboard.json (no server, no Prometheus):

- well-formed JSON with the fields Grafana's file provisioning needs;
- a datasource variable of type prometheus, used by every panel and query;
- unique panel ids, panels inside the 24-column grid, unique refIds;
- every query is valid PromQL (promtool check rules on a generated file of
  recording rules, one per query, with the Grafana variables substituted);
- every query names only metrics the server exposes (opslib.EXPOSED_FAMILIES,
  or opslib.CLUSTERED_FAMILIES in the clustered mode; both checked against a
  live scrape by check_exposition.py), `up`, or a
  recording rule of deploy/prometheus/rules.yml; a panel that needs a metric
  still to come says so in a description starting "PENDING:" that names it,
  and such a metric must be one of opslib.PENDING_FAMILIES.

  check_dashboard.py DASHBOARD RULES_YML PROMTOOL
"""

import json
import os
import subprocess
import sys
import tempfile

import yaml

import opslib


def main():
    dashboard_path, rules_path, promtool = sys.argv[1:4]
    errors = []

    try:
        with open(dashboard_path) as f:
            dashboard = json.load(f)
    except ValueError as e:
        opslib.fail(f"{dashboard_path} is not well-formed JSON: {e}")

    for key in ("title", "uid", "panels", "templating", "schemaVersion"):
        if key not in dashboard:
            errors.append(f"dashboard has no '{key}'")
    if dashboard.get("id") is not None:
        errors.append("dashboard 'id' must be null for provisioning (Grafana assigns it)")

    variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
    ds = variables.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        errors.append("no datasource variable of type 'datasource' with query 'prometheus'")
    for name in ("job", "instance"):
        if name not in variables:
            errors.append(f"no '{name}' variable")
    for v in variables.values():
        if v.get("type") == "query" and v.get("datasource", {}).get("uid") != "${datasource}":
            errors.append(f"variable {v['name']} does not use ${{datasource}}")

    recorded = opslib.recorded_names(rules_path)
    allowed = (opslib.sample_names(opslib.EXPOSED_FAMILIES) |
               opslib.sample_names(opslib.CLUSTERED_FAMILIES) | recorded | {"up"})
    pending_samples = {
        n for fam in opslib.PENDING_FAMILIES
        for n in (fam, fam + "_bucket", fam + "_sum", fam + "_count")
    }

    ids = set()
    queries = []
    rows_seen = 0
    for panel in dashboard.get("panels", []):
        pid = panel.get("id")
        title = panel.get("title", "?")
        where = f"panel {pid} '{title}'"
        if pid in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(pid)
        grid = panel.get("gridPos", {})
        if not all(k in grid for k in ("h", "w", "x", "y")):
            errors.append(f"{where}: gridPos incomplete")
        elif grid["x"] + grid["w"] > 24 or grid["x"] < 0:
            errors.append(f"{where}: outside the 24-column grid")
        if panel.get("type") == "row":
            rows_seen += 1
            continue
        if panel.get("datasource", {}).get("uid") != "${datasource}":
            errors.append(f"{where}: datasource is not ${{datasource}}")
        targets = panel.get("targets", [])
        if not targets:
            errors.append(f"{where}: no queries")
        ref_ids = [t.get("refId") for t in targets]
        if len(set(ref_ids)) != len(ref_ids):
            errors.append(f"{where}: duplicate refId")
        pending = opslib.is_pending(panel)
        description = panel.get("description", "")
        used_pending = set()
        for t in targets:
            expr = t.get("expr", "")
            if not expr.strip():
                errors.append(f"{where} {t.get('refId')}: empty expr")
                continue
            if t.get("datasource", {}).get("uid") != "${datasource}":
                errors.append(f"{where} {t.get('refId')}: datasource is not ${{datasource}}")
            queries.append((where, t.get("refId"), expr))
            for name in opslib.metric_names(expr):
                if name in allowed:
                    continue
                if name in pending_samples:
                    used_pending.add(name)
                    continue
                errors.append(f"{where}: '{name}' is neither a metric the server exposes, "
                              "a recording rule of rules.yml, nor a known pending metric")
        if used_pending and not pending:
            errors.append(f"{where}: uses metrics the server does not expose yet "
                          f"({', '.join(sorted(used_pending))}) without a 'PENDING:' description")
        if pending:
            if not used_pending:
                errors.append(f"{where}: marked PENDING but uses only exposed metrics")
            for name in used_pending:
                if opslib.family_of(name) not in description and name not in description:
                    errors.append(f"{where}: PENDING description does not name {name}")
            if "(pending" not in title:
                errors.append(f"{where}: a pending panel's title says '(pending metric)'")
    if rows_seen == 0:
        errors.append("dashboard has no rows")

    # PromQL syntax: every query as a recording rule, checked by promtool.
    rules_doc = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard_query_{i}", "expr": opslib.substitute(expr)}
        for i, (_, _, expr) in enumerate(queries)]}]}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "dashboard_queries.yml")
        with open(path, "w") as f:
            yaml.safe_dump(rules_doc, f)
        result = subprocess.run([promtool, "check", "rules", path], capture_output=True,
                                text=True, timeout=60)
        if result.returncode != 0:
            listing = "\n".join(f"  dashboard_query_{i}: {where} {ref}"
                                for i, (where, ref, _) in enumerate(queries))
            errors.append("promtool rejects dashboard queries:\n" + result.stdout +
                          result.stderr + "queries:\n" + listing)

    for e in errors:
        print("error: " + e)
    pending_panels = sum(
        1 for p in dashboard["panels"] if p.get("type") != "row" and opslib.is_pending(p))
    print(f"{len(queries)} queries in {len(ids) - rows_seen} panels "
          f"({pending_panels} pending), {rows_seen} rows")
    if errors:
        opslib.fail(f"{len(errors)} problem(s) in {dashboard_path}")
    print("OK")


if __name__ == "__main__":
    main()
