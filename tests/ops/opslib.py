"""Shared helpers of the ops tests: PromQL metric names, the dashboard's and
the rule files' expressions, and processes that are always cleaned up.

Standard library plus PyYAML (Debian python3-yaml) only.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

# The metric families the server exposes (server/metrics.h,
# process_metrics.h, rocksdb_metrics.h). The exposition test checks every one
# against a real scrape, with its type, and reports families the scrape has
# beyond these.
EXPOSED_FAMILIES = {
    "placi_grpc_server_handled_total": "counter",
    "placi_grpc_server_handling_seconds": "histogram",
    "placi_grpc_server_in_flight": "gauge",
    "placi_screen_parcels_total": "counter",
    "placi_screen_duration_seconds": "histogram",
    "placi_screen_verdicts_total": "counter",
    "placi_screen_verdicts_by_hold_status_total": "counter",
    "placi_screen_reasons_total": "counter",
    "placi_screen_parcel_errors_total": "counter",
    "placi_screen_fail_verdicts_total": "counter",
    "placi_watchlist_entries": "gauge",
    "placi_watchlist_version": "gauge",
    "placi_watchlist_last_update_timestamp_seconds": "gauge",
    "placi_ruleset_info": "gauge",
    "placi_shadow_verdicts_total": "counter",
    "placi_decision_log_write_seconds": "histogram",
    "placi_health_serving": "gauge",
    "placi_build_info": "gauge",
    "placi_rocksdb_block_cache_hits_total": "counter",
    "placi_rocksdb_block_cache_misses_total": "counter",
    "placi_rocksdb_write_stall_seconds_total": "counter",
    "placi_rocksdb_write_stopped": "gauge",
    "placi_rocksdb_pending_compaction_bytes": "gauge",
    "placi_rocksdb_live_sst_files_bytes": "gauge",
    "placi_rocksdb_memtable_bytes": "gauge",
    "placi_rocksdb_block_cache_usage_bytes": "gauge",
    "placi_rocksdb_block_cache_capacity_bytes": "gauge",
    "placi_data_dir_free_bytes": "gauge",
    "placi_data_dir_size_bytes": "gauge",
    "placi_text_cache_lookups_total": "counter",
    "process_cpu_seconds_total": "counter",
    "process_resident_memory_bytes": "gauge",
    "process_virtual_memory_bytes": "gauge",
    "process_open_fds": "gauge",
    "process_max_fds": "gauge",
    "process_start_time_seconds": "gauge",
}

# The clustered mode's metric families (server/replication_metrics.h),
# exported only with --nats_url: a single-node scrape must not have them
# (their alerts then have nothing to fire on), a clustered scrape must have
# them all. check_exposition.py checks both against real servers.
CLUSTERED_FAMILIES = {
    "placi_nats_connected": "gauge",
    "placi_replication_outbox_events": "gauge",
    "placi_replication_lag_seconds": "gauge",
    "placi_replication_pending_events": "gauge",
    "placi_replication_watchlist_sequence": "gauge",
    "placi_replication_events_published_total": "counter",
    "placi_replication_events_applied_total": "counter",
    "placi_replication_apply_errors_total": "counter",
}

# Metrics the dashboard (panels marked "PENDING:") or a pending rule file use
# but the server does not export yet. Empty: everything has landed. A future
# metric goes here first, with its panel marked and its alert in a rule file
# passed with --pending-rules.
PENDING_FAMILIES = set()

# Series that Prometheus itself makes for every target.
PROMETHEUS_SYNTHETIC = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}


def sample_names(families):
    """The sample names of metric families: a histogram is _bucket, _sum, _count."""
    names = set()
    for name, kind in families.items():
        if kind == "histogram":
            names.update({name + "_bucket", name + "_sum", name + "_count"})
        else:
            names.add(name)
    return names


def family_of(sample_name):
    for suffix in ("_bucket", "_sum", "_count"):
        if sample_name.endswith(suffix):
            return sample_name[: -len(suffix)]
    return sample_name


# ---------------------------------------------------------------- PromQL

_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
    "unless", "offset", "inf", "nan", "atan2", "start", "end",
}
_GROUPING = {"by", "without", "on", "ignoring", "group_left", "group_right"}
_AGGREGATIONS = {
    "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
    "bottomk", "topk", "quantile",
}
_TOKEN = re.compile(
    r'\s+|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`'
    r"|[A-Za-z_:][A-Za-z0-9_:]*|[0-9][0-9a-zA-Z_.]*|\S")


def _tokens(expr):
    return [t for t in _TOKEN.findall(expr) if not t.isspace()]


def selectors(expr):
    """Vector selectors of a PromQL expression: [(metric_name, "{matchers}")].

    A small tokenizer, enough for the expressions of this repository: skips
    strings, label matchers, range and subquery brackets, grouping label
    lists and function calls.
    """
    toks = _tokens(expr)
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "[":  # range or subquery: skip to the matching bracket
            depth = 1
            i += 1
            while i < len(toks) and depth:
                depth += {"[": 1, "]": -1}.get(toks[i], 0)
                i += 1
            continue
        if t == "{":  # matchers without a metric name
            depth = 1
            j = i + 1
            while j < len(toks) and depth:
                depth += {"{": 1, "}": -1}.get(toks[j], 0)
                j += 1
            body = "".join(toks[i:j])
            m = re.search(r'__name__\s*=\s*"([^"]+)"', body)
            if m:
                out.append((m.group(1), body))
            i = j
            continue
        if re.fullmatch(r"[A-Za-z_:][A-Za-z0-9_:]*", t):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if t.lower() in _GROUPING and nxt == "(":
                j = i + 1
                while j < len(toks) and toks[j] != ")":
                    j += 1
                i = j + 1
                continue
            if t.lower() in _KEYWORDS or (t in _AGGREGATIONS and nxt.lower() in _GROUPING):
                i += 1
                continue
            if nxt == "(":  # function or aggregation
                i += 1
                continue
            matchers = ""
            if nxt == "{":
                j = i + 2
                depth = 1
                while j < len(toks) and depth:
                    depth += {"{": 1, "}": -1}.get(toks[j], 0)
                    j += 1
                matchers = " ".join(toks[i + 1:j])
                matchers = re.sub(r"\s*([{},=~!])\s*", r"\1", matchers)
                matchers = matchers.replace(",", ", ")
                out.append((t, matchers))
                i = j
                continue
            out.append((t, ""))
        i += 1
    return out


def metric_names(expr):
    return {name for name, _ in selectors(expr)}


# ---------------------------------------------------------------- dashboard and rules

GRAFANA_VARIABLES = {
    "$__rate_interval": "30s",
    "$__interval": "5s",
    "$__range": "5m",
    "${__range}": "5m",
}


def dashboard_targets(dashboard):
    """(panel, target) for every query of the dashboard, rows' panels included."""
    def walk(panels):
        for panel in panels:
            yield panel
            yield from walk(panel.get("panels", []))

    for panel in walk(dashboard.get("panels", [])):
        for target in panel.get("targets", []):
            yield panel, target


def is_pending(panel):
    return panel.get("description", "").startswith("PENDING:")


def substitute(expr, job="placi-screen", instance=".*"):
    """A dashboard query as Prometheus sees it with the variables set."""
    for var, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(var, value)
    expr = expr.replace("$job", job).replace("${job}", job)
    expr = expr.replace("$instance", instance).replace("${instance}", instance)
    return expr


def rule_groups(path):
    with open(path) as f:
        return yaml.safe_load(f)["groups"]


def rules(path):
    for group in rule_groups(path):
        for rule in group["rules"]:
            yield rule


def recorded_names(*paths):
    return {r["record"] for p in paths for r in rules(p) if "record" in r}


# ---------------------------------------------------------------- processes

def log(msg):
    print(msg, flush=True)


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll_until(predicate, timeout, interval=0.1):
    """Polls predicate() until it returns a truthy value, which it returns;
    (None, last exception) after timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value, None
        except Exception as e:  # noqa: BLE001 - polling tolerates anything
            last_error = e
        time.sleep(interval)
    return None, last_error


def wait_for(what, predicate, timeout, interval=0.1):
    """Polls predicate() until it returns a truthy value; fails after timeout."""
    value, last_error = poll_until(predicate, timeout, interval)
    if value:
        return value
    fail(f"timed out after {timeout}s waiting for {what}" +
         (f" (last error: {last_error})" if last_error else ""))


def http_get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode()


@contextlib.contextmanager
def process(args, name, log_path, env=None):
    """Starts args; on exit stops it (SIGTERM, then SIGKILL) whatever happened."""
    out = open(log_path, "w")
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        out.close()


def tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


@contextlib.contextmanager
def nats_server(work_dir, log_path):
    """One local nats-server with JetStream (store in work_dir, client port
    chosen now); yields its URL once it accepts connections, stops it after."""
    binary = shutil.which("nats-server") or "/usr/sbin/nats-server"
    port = free_port()
    with process([binary, "-js", "-a", "127.0.0.1", "-p", str(port), "-sd", work_dir],
                 "nats-server", log_path) as proc:
        def accepting():
            if proc.poll() is not None:
                fail(f"nats-server exited with {proc.returncode}:\n{tail(log_path)}")
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        wait_for("nats-server to accept connections", accepting, 20, 0.05)
        yield f"nats://127.0.0.1:{port}"


def start_server_args(server, data_dir, port_file, extra=()):
    return [server, "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
            f"--data_dir={data_dir}", f"--port_file={port_file}", *extra]


def wait_for_ports(port_file, proc, log_path, timeout=60):
    def ready():
        if proc.poll() is not None:
            fail(f"server exited with {proc.returncode} before serving:\n{tail(log_path)}")
        if not os.path.exists(port_file):
            return None
        text = open(port_file).read().split()
        return (int(text[0]), int(text[1])) if len(text) == 2 else None
    return wait_for("the server's port file", ready, timeout)


def stop_gracefully(proc, what, timeout=30):
    """SIGTERM and expect exit 0 within timeout (the server's contract)."""
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        fail(f"{what} did not exit within {timeout}s of SIGTERM")
    if rc != 0:
        fail(f"{what} exited with {rc} after SIGTERM, expected 0")


def demo_parcels(manifest, count, prefix):
    """count parcels cycled from the demo manifest, each with its own
    request_id and house waybill (so that holds do not repeat)."""
    with open(manifest) as f:
        base = [json.loads(line) for line in f if line.strip()]
    out = []
    for i in range(count):
        parcel = json.loads(json.dumps(base[i % len(base)]))
        parcel["request_id"] = f"{prefix}-{i:05d}"
        parcel["house_waybill"] = f"{prefix.upper()}{i:07d}"[:35]
        out.append(json.dumps(parcel))
    return out


def prom_query(base_url, expr, time_param=None):
    params = {"query": expr}
    if time_param is not None:
        params["time"] = str(time_param)
    url = base_url + "/api/v1/query?" + urllib.parse.urlencode(params)
    try:
        body = http_get(url, timeout=10)
    except urllib.error.HTTPError as e:
        body = e.read().decode()
    return json.loads(body)
