#!/usr/bin/env python3
"""What the API schemas cannot see in the rendered Kubernetes manifests: the
objects fit together and fit the server.

- Services, the PodDisruptionBudget and the NetworkPolicy select the
  StatefulSet's pods, and name container ports that exist; the StatefulSet's
  serviceName is a headless Service; the HPA scales the StatefulSet;
- one replica (replicas, HPA max) unless the clustered mode is on (--nats_url):
  without it holds and the watchlist are per-replica state;
- clustered mode: the NATS StatefulSet has an odd number (>= 3) of pods,
  JetStream on, routes naming each pod through its headless Service;
  --nats_url names those pods (or a Service of them) on the client port;
  --nats_stream_replicas fits the NATS pods; the server pods may reach NATS;
- native gRPC probes on the gRPC port, readiness on the screening service,
  liveness and startup on "liveness"; asked of the server as the kubelet
  would: all pass while it serves, and after SIGTERM readiness fails while
  liveness still passes (a draining pod must not be restarted);
- the security context: non-root, read-only root filesystem, no privilege
  escalation, all capabilities dropped, RuntimeDefault seccomp; the RocksDB
  directory on the data volume;
- every $(VAR) in the args comes from a ConfigMap of the output, every
  ConfigMap and Secret a pod uses exists, the listen ports match the
  container ports;
- a flag naming a file under a ConfigMap's mount (--rules) names a key of
  that ConfigMap; with --rules-file, that key holds exactly that file;
- terminationGracePeriodSeconds covers preStop + drain + shutdown grace;
- authentication on: --api_keys_file names a file of a Secret mounted
  (not optional) in the pod; the NetworkPolicy admits gRPC clients from named
  namespaces only, never `namespaceSelector: {}`; no demo watchlist seeded
  (--seed_watchlist empty) in a production-shaped installation;
- with --server: every flag in the args (and in the Dockerfile's CMD) is a
  flag of the server binary, and the server starts with the manifest's values
  (addresses and data dir swapped for test ones, files of mounted ConfigMaps
  written out as the kubelet would, the API keys Secret's file with a test
  principal; clustered: --nats_url swapped for a local nats-server with
  JetStream) and stops with exit 0; with the Secret as rendered (the empty
  placeholder) it refuses to start, saying "no principals", and creates no
  data dir.

  check_k8s.py [--server BINARY] [--dockerfile FILE] [--rules-file FILE]
               RENDERED.yaml...
"""

import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import yaml

import opslib

SCREENING_SERVICE = "placi.screening.v1.ScreeningService"
LIVENESS_SERVICE = "liveness"  # server/server_app.h kLivenessServiceName


class Checker:
    def __init__(self, label):
        self.label = label
        self.errors = []

    def check(self, ok, message):
        if not ok:
            self.errors.append(f"{self.label}: {message}")
        return ok


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def server_flags(server):
    out = subprocess.run([server, "--helpfull"], capture_output=True, text=True, timeout=30)
    text = out.stdout + out.stderr
    return set(re.findall(r"^\s+--([a-z_][a-z0-9_]*)", text, re.M))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health_status(port, service):
    """grpc.health.v1.Health/Check of `service` on 127.0.0.1:`port`, as the
    kubelet's gRPC probe asks it (plaintext, no credentials): "SERVING",
    "NOT_SERVING", or the RPC's error code (NOT_FOUND for a name the server
    does not know). Encoded by hand: HealthCheckRequest{string service = 1},
    HealthCheckResponse{ServingStatus status = 1}."""
    import grpc
    data = service.encode()
    request = (b"\x0a" + bytes([len(data)]) + data) if data else b""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        try:
            response = check(request, timeout=5)
        except grpc.RpcError as e:
            return e.code().name
    status = response[1] if len(response) >= 2 and response[0] == 0x08 else 0
    return {1: "SERVING", 2: "NOT_SERVING"}.get(status, f"status {status}")


def check_probes_against_server(port, probe_services, proc, c):
    """Every probe passes on a serving server; once SIGTERM has set it
    draining, readiness fails (carriers move away) and liveness still passes
    (the kubelet must not restart a pod that is shutting down cleanly)."""
    for name, service in probe_services.items():
        got = health_status(port, service)
        c.check(got == "SERVING", f"{name} (service {service!r}) gets {got} from a serving server")
    proc.send_signal(signal.SIGTERM)
    ready = probe_services["readinessProbe"]
    value, _ = opslib.poll_until(lambda: health_status(port, ready) != "SERVING", timeout=10)
    if not c.check(value, f"readinessProbe (service {ready!r}) still passes after SIGTERM"):
        return
    live = probe_services["livenessProbe"]
    got = health_status(port, live)
    c.check(got == "SERVING",
            f"livenessProbe (service {live!r}) gets {got} while the server drains: the kubelet "
            "would restart a pod that is shutting down cleanly")


def start_with(server, resolved, mounted, c, secrets=None, probe_services=None):
    """Starts the server with the manifest's flag values (addresses, data dir
    and port file replaced for a test; files of mounted ConfigMaps written
    to a temp dir) and expects it to serve and to stop with exit 0 on
    SIGTERM: the values parse and fit together."""
    with tempfile.TemporaryDirectory(prefix="placi-k8s-flags-") as tmp:
        args = [server]
        nats = None
        if resolved.get("nats_url"):
            # Clustered: one local nats-server with JetStream stands in for
            # the cluster (streams of one replica).
            nats_server = shutil.which("nats-server") or "/usr/sbin/nats-server"
            port = free_port()
            nats = subprocess.Popen([nats_server, "-js", "-a", "127.0.0.1", "-p", str(port),
                                     "-sd", os.path.join(tmp, "nats")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            args += [f"--nats_url=nats://127.0.0.1:{port}", "--nats_stream_replicas=1"]
        try:
            start_with_args(args, server, resolved, mounted, tmp, c, secrets or {},
                            probe_services)
        finally:
            if nats is not None:
                nats.terminate()
                nats.wait(timeout=20)


def secret_file_of(value, secrets):
    """(mount, key) when `value` names a file of a mounted Secret."""
    for mount, data in secrets.items():
        if value.startswith(mount + "/") and value[len(mount) + 1:] in data:
            return mount, value[len(mount) + 1:]
    return None


TEST_PRINCIPAL = ("0" * 64) + " k8s-test admin\n"  # the SHA-256 of no real key


def start_with_args(args, server, resolved, mounted, tmp, c, secrets, probe_services=None):
    # With the Secret as rendered (a placeholder: an empty keys file) the
    # server must refuse to start, clearly, before it creates its data dir.
    keys = resolved.get("api_keys_file", "")
    in_secret = secret_file_of(keys, secrets)
    if in_secret:
        mount, key = in_secret
        rendered = os.path.join(tmp, "secret-as-rendered")
        os.makedirs(rendered, exist_ok=True)
        with open(os.path.join(rendered, key), "w") as f:
            f.write(secrets[mount][key])
        if not secrets[mount][key].strip():
            db = os.path.join(tmp, "refused-db")
            out = subprocess.run(
                opslib.start_server_args(server, db, os.path.join(tmp, "refused-ports"),
                                         [f"--api_keys_file={os.path.join(rendered, key)}"]),
                capture_output=True, text=True, timeout=60)
            c.check(out.returncode != 0 and "no principals" in out.stderr,
                    f"the server started with the empty placeholder keys file (exit "
                    f"{out.returncode}), or did not say why:\n{out.stderr[-2000:]}")
            c.check(not os.path.exists(db),
                    "the server refused the empty keys file only after creating its data dir")
    if True:
        for flag, value in resolved.items():
            if flag in ("listen", "metrics_listen", "data_dir", "port_file", "nats_url",
                        "nats_stream_replicas"):
                continue
            if secret_file_of(value, secrets) and flag == "api_keys_file":
                # The placeholder holds no principal: a test one stands in.
                value = os.path.join(tmp, "test-keys.txt")
                with open(value, "w") as f:
                    f.write(TEST_PRINCIPAL)
            for i, (mount, data) in enumerate(sorted(mounted.items())):
                if value.startswith(mount + "/") and value[len(mount) + 1:] in data:
                    local = os.path.join(tmp, f"configmap{i}")
                    os.makedirs(local, exist_ok=True)
                    for key, content in data.items():
                        with open(os.path.join(local, key), "w") as f:
                            f.write(content)
                    value = local + value[len(mount):]
            args.append(f"--{flag}={value}")
        port_file = os.path.join(tmp, "ports")
        args += opslib.start_server_args(server, os.path.join(tmp, "db"), port_file)[1:]
        log = os.path.join(tmp, "server.log")
        with opslib.process(args, "server", log) as proc:
            value, _ = opslib.poll_until(
                lambda: proc.poll() is not None or os.path.exists(port_file), timeout=60)
            if not c.check(proc.poll() is None and value,
                           f"the server does not start with the manifest's flags "
                           f"{args[1:]}:\n{opslib.tail(log)}"):
                return
            if probe_services:
                grpc_port = int(open(port_file).read().split()[0])
                check_probes_against_server(grpc_port, probe_services, proc, c)
            else:
                proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=60)
            c.check(rc == 0, f"the server with the manifest's flags exited {rc} on SIGTERM")


def check_rendering(path, flags, c, server_binary=None, rules_file=None):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)

    def has_server(s):
        return any(x["name"] == "server" for x in s["spec"]["template"]["spec"]["containers"])
    sts_list = [s for s in by_kind.get("StatefulSet", []) if has_server(s)]
    others = [s for s in by_kind.get("StatefulSet", []) if not has_server(s)]
    if not c.check(len(sts_list) == 1,
                   f"expected one StatefulSet with a 'server' container, found {len(sts_list)}"):
        return
    sts = sts_list[0]
    other_pods = {o["metadata"]["name"]: o["spec"]["template"]["metadata"].get("labels", {})
                  for o in others}
    other_ports = {o["metadata"]["name"]: {p["name"]: p["containerPort"]
                                           for x in o["spec"]["template"]["spec"]["containers"]
                                           for p in x.get("ports", [])}
                   for o in others}

    def other_owner(selector):
        """The other StatefulSet whose pods `selector` selects, or None."""
        return next((n for n, labels in other_pods.items() if matches(selector, labels)), None)
    spec = sts["spec"]
    pod = spec["template"]["spec"]
    pod_labels = spec["template"]["metadata"].get("labels", {})
    c.check(matches(spec["selector"]["matchLabels"], pod_labels),
            "StatefulSet selector does not match its pod template")
    containers = pod["containers"]
    server = next((x for x in containers if x["name"] == "server"), None)
    if not c.check(server is not None, "no container named 'server'"):
        return
    ports = {p["name"]: p["containerPort"] for p in server.get("ports", [])}

    # One replica unless the clustered mode is on.
    clustered = any(a.startswith("--nats_url=") for a in server.get("args", []))
    c.check(clustered or spec.get("replicas", 1) == 1,
            f"replicas is {spec.get('replicas')}: without the clustered mode holds and the "
            "watchlist are per replica (deploy/README.md, Replicas)")
    c.check(not clustered or others, "--nats_url but no NATS StatefulSet in the output")
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        ref = hpa["spec"]["scaleTargetRef"]
        c.check(ref["kind"] == "StatefulSet" and ref["name"] == sts["metadata"]["name"],
                f"HPA {hpa['metadata']['name']} does not scale the StatefulSet")
        c.check(hpa["spec"].get("minReplicas", 1) <= hpa["spec"]["maxReplicas"],
                "HPA minReplicas > maxReplicas")
        c.check(clustered or hpa["spec"]["maxReplicas"] == 1,
                "HPA maxReplicas > 1 without the clustered mode (deploy/README.md, Replicas)")
        c.check("cpu" in server.get("resources", {}).get("requests", {}),
                "the HPA scales on CPU utilisation but the container requests no CPU")

    # Services.
    services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
    c.check(spec.get("serviceName") in services, "StatefulSet serviceName is not a Service")
    if spec.get("serviceName") in services:
        c.check(services[spec["serviceName"]]["spec"].get("clusterIP") == "None",
                "the StatefulSet's governing Service is not headless")
    for name, svc in services.items():
        selector = svc["spec"].get("selector", {})
        owner = other_owner(selector)
        own_ports = other_ports[owner] if owner else ports
        c.check(owner is not None or matches(selector, pod_labels),
                f"Service {name} does not select the pods of a StatefulSet")
        for p in svc["spec"]["ports"]:
            target = p.get("targetPort", p["port"])
            c.check(target in own_ports or target in own_ports.values(),
                    f"Service {name} port {p.get('name')} targets {target}, not a container port")
    c.check("grpc" in ports and "metrics" in ports, "container ports 'grpc' and 'metrics'")

    # PDB and NetworkPolicy select the pods.
    for pdb in by_kind.get("PodDisruptionBudget", []):
        selector = pdb["spec"].get("selector", {}).get("matchLabels", {})
        c.check(matches(selector, pod_labels) or other_owner(selector),
                f"PDB {pdb['metadata']['name']} does not select the pods")
    for np in by_kind.get("NetworkPolicy", []):
        npspec = np["spec"]
        owner = other_owner(npspec.get("podSelector", {}).get("matchLabels", {}))
        if owner:  # another StatefulSet's policy (NATS): its ports, both directions
            for rule in npspec.get("ingress", []):
                for p in rule.get("ports", []):
                    c.check(p["port"] in other_ports[owner] or
                            p["port"] in other_ports[owner].values(),
                            f"NetworkPolicy {np['metadata']['name']} opens port {p['port']}, "
                            f"not a port of {owner}")
            c.check(set(npspec.get("policyTypes", [])) == {"Ingress", "Egress"},
                    f"NetworkPolicy {np['metadata']['name']} should govern Ingress and Egress")
            continue
        c.check(matches(npspec.get("podSelector", {}).get("matchLabels", {}), pod_labels),
                f"NetworkPolicy {np['metadata']['name']} does not select the pods (or all pods)")
        for rule in npspec.get("ingress", []):
            for p in rule.get("ports", []):
                c.check(p["port"] in ports or p["port"] in ports.values(),
                        f"NetworkPolicy opens port {p['port']}, not a container port")
            for peer in rule.get("from", []):
                sel = peer.get("podSelector", {}).get("matchLabels", {})
                c.check(not matches(sel, pod_labels) or not sel,
                        "a NetworkPolicy peer selector matches the server pods themselves "
                        "(labels added to selectors?)")
                # Clients in named namespaces only (review bb3 M1).
                ns = peer.get("namespaceSelector")
                c.check(ns is None or ns.get("matchLabels") or ns.get("matchExpressions"),
                        f"NetworkPolicy {np['metadata']['name']} admits peers from every "
                        "namespace (namespaceSelector: {}); name the clients' namespace")
                c.check("ipBlock" not in peer or peer["ipBlock"].get("cidr") not in
                        ("0.0.0.0/0", "::/0"),
                        f"NetworkPolicy {np['metadata']['name']} admits every address")
        c.check(set(npspec.get("policyTypes", [])) == {"Ingress", "Egress"},
                "NetworkPolicy should govern both Ingress and Egress")

    # Probes: native gRPC, on the gRPC port.
    for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
        probe = server.get(probe_name)
        if not c.check(probe is not None, f"no {probe_name}"):
            continue
        grpc = probe.get("grpc")
        if c.check(grpc is not None, f"{probe_name} is not a native gRPC probe"):
            c.check(grpc["port"] == ports.get("grpc"), f"{probe_name} is not on the gRPC port")
    ready = server.get("readinessProbe", {}).get("grpc", {})
    c.check(ready.get("service") == SCREENING_SERVICE,
            f"readinessProbe should ask for {SCREENING_SERVICE}")
    # Liveness (and startup, which stands in for it at start) must not ask
    # what readiness asks: "" and the screening service are NOT_SERVING
    # while the server drains, and a liveness failure restarts the pod.
    # Checked against the server itself below (start_with: probe_services).
    for probe_name in ("livenessProbe", "startupProbe"):
        service = server.get(probe_name, {}).get("grpc", {}).get("service", "")
        c.check(service == LIVENESS_SERVICE,
                f"{probe_name} asks for {service!r}, which turns NOT_SERVING while the server "
                f"drains; ask for {LIVENESS_SERVICE!r} (deploy/README.md, Probes)")
    probe_services = {name: server.get(name, {}).get("grpc", {}).get("service", "")
                      for name in ("startupProbe", "readinessProbe", "livenessProbe")}

    # Security context.
    psc = pod.get("securityContext", {})
    csc = server.get("securityContext", {})
    c.check(psc.get("runAsNonRoot") is True, "pod runAsNonRoot")
    c.check(psc.get("runAsUser", 0) != 0, "pod runAsUser must not be 0")
    c.check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", "seccomp RuntimeDefault")
    c.check(csc.get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem")
    c.check(csc.get("allowPrivilegeEscalation") is False, "allowPrivilegeEscalation false")
    c.check(csc.get("capabilities", {}).get("drop") == ["ALL"], "capabilities drop ALL")
    c.check(pod.get("automountServiceAccountToken") is False, "no service account token")
    res = server.get("resources", {})
    c.check({"cpu", "memory"} <= set(res.get("requests", {})), "cpu and memory requests")
    c.check("memory" in res.get("limits", {}), "a memory limit")

    # Configuration: $(VAR) in args from ConfigMaps of this output.
    configmaps = {m["metadata"]["name"]: m.get("data", {}) for m in by_kind.get("ConfigMap", [])}
    secrets = {s["metadata"]["name"] for s in by_kind.get("Secret", [])}
    secret_data = {s["metadata"]["name"]: {k: base64.b64decode(v or "").decode()
                                           for k, v in (s.get("data") or {}).items()}
                   for s in by_kind.get("Secret", [])}
    env = {}
    for src in server.get("envFrom", []):
        ref = src.get("configMapRef", {}).get("name")
        if c.check(ref in configmaps, f"envFrom ConfigMap {ref} is not in the output"):
            env.update(configmaps[ref])
    for e in server.get("env", []):
        env[e["name"]] = e.get("value", "")
    args = server.get("args", [])
    for a in args:
        for var in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", a):
            c.check(var in env, f"arg {a} uses $({var}), defined by no ConfigMap")
    resolved = {}
    for a in args:
        m = re.match(r"--([a-z_0-9]+)=(.*)", a)
        if c.check(m is not None, f"arg {a} is not --flag=value"):
            value = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", lambda v: env.get(v.group(1), ""),
                           m.group(2))
            resolved[m.group(1)] = value
            c.check(f"PLACI_{m.group(1).upper()}" in env or not m.group(2).startswith("$("),
                    f"flag --{m.group(1)} should come from PLACI_{m.group(1).upper()}")
            if flags is not None:
                c.check(m.group(1) in flags, f"--{m.group(1)} is not a flag of the server")
    for flag, port_name in (("listen", "grpc"), ("metrics_listen", "metrics")):
        value = resolved.get(flag, "")
        c.check(value.startswith("0.0.0.0:") and value.endswith(f":{ports.get(port_name)}"),
                f"--{flag}={value} should listen on 0.0.0.0:{ports.get(port_name)}")
    mounts = {m["name"]: m["mountPath"] for m in server.get("volumeMounts", [])}
    data_dir = resolved.get("data_dir", "")
    templates = {t["metadata"]["name"] for t in spec.get("volumeClaimTemplates", [])}
    c.check("data" in templates, "a volumeClaimTemplate 'data' (each replica owns its RocksDB)")
    c.check("data" in mounts and data_dir.startswith(mounts.get("data", "?") + "/"),
            f"--data_dir={data_dir} is not on the data volume ({mounts.get('data')})")
    mounted = {}  # mount path -> the data of the ConfigMap mounted there
    secret_mounts = {}  # mount path -> the volume's secret source
    mounted_secrets = {}  # mount path -> the data of the keys Secret
    for vol in pod.get("volumes", []):
        if "configMap" in vol:
            c.check(vol["configMap"]["name"] in configmaps,
                    f"volume {vol['name']}: ConfigMap {vol['configMap']['name']} not in the output")
            if vol["name"] in mounts and vol["configMap"]["name"] in configmaps:
                mounted[mounts[vol["name"]]] = configmaps[vol["configMap"]["name"]]
        if "secret" in vol:
            c.check(vol["secret"]["secretName"] in secrets or vol["secret"].get("optional"),
                    f"volume {vol['name']}: Secret {vol['secret']['secretName']} not in the output")
            if vol["name"] in mounts:
                secret_mounts[mounts[vol["name"]]] = vol["secret"]

    # Authentication on: the principals file is a file of a Secret that the
    # pod cannot start without (review bb3 M1: every caller could lift holds
    # and edit the watchlist).
    keys_path = resolved.get("api_keys_file", "")
    if c.check(bool(keys_path), "no --api_keys_file: authentication is off, every caller may "
               "ResolveHold, DeleteEntries, UpsertEntries (deploy/README.md, Secret "
               "placi-screen-api-keys)"):
        mount = next((m for m in secret_mounts if keys_path.startswith(m + "/")), None)
        if c.check(mount is not None, f"--api_keys_file={keys_path} is not on a Secret mount"):
            c.check(secret_mounts[mount].get("optional") is not True,
                    f"the Secret mounted at {mount} is optional: a pod without its "
                    "principals should not start")
            name = secret_mounts[mount]["secretName"]
            if name in secret_data:
                mounted_secrets[mount] = secret_data[name]
    # No demo watchlist (DO_NOT_LOAD and IPR entries on invented parties) in
    # an installation (review bb3 L2): an empty value seeds it.
    c.check(resolved.get("seed_watchlist", "") != "",
            "--seed_watchlist is empty: the demo watchlist (with DO_NOT_LOAD entries) would be "
            "seeded; use none or your own file")

    # Files the flags name under a ConfigMap mount exist as keys of it.
    for flag, value in resolved.items():
        for mount, data in mounted.items():
            if value.startswith(mount + "/"):
                key = value[len(mount) + 1:]
                c.check(key in data, f"--{flag}={value}: no key {key!r} in the ConfigMap "
                        f"mounted at {mount} (keys: {sorted(data)})")
    rules_path = resolved.get("rules", "")
    c.check(bool(rules_path), "no --rules: the pods would run on the built-in rules, not the "
            "rules ConfigMap")
    if rules_file and rules_path:
        with open(rules_file) as f:
            want = f.read()
        found = [data[rules_path[len(m) + 1:]] for m, data in mounted.items()
                 if rules_path.startswith(m + "/") and rules_path[len(m) + 1:] in data]
        c.check(found and found[0] == want,
                f"--rules={rules_path} does not hold {rules_file} (base copy out of date?)")

    if clustered:
        check_nats(others, services, configmaps, resolved, by_kind, pod_labels, c)

    pc = pod.get("priorityClassName")
    if pc and not pc.startswith("system-"):
        c.check(pc in {p["metadata"]["name"] for p in by_kind.get("PriorityClass", [])},
                f"priorityClassName {pc} is not a PriorityClass of the output")

    # Shutdown timing.
    pre_stop = server.get("lifecycle", {}).get("preStop", {})
    sleep = 0
    if "exec" in pre_stop:
        cmd = pre_stop["exec"]["command"]
        if c.check(cmd[0].endswith("sleep") and len(cmd) == 2,
                   f"preStop should be a sleep, is {cmd}"):
            sleep = float(cmd[1])
    elif "sleep" in pre_stop:
        sleep = float(pre_stop["sleep"]["seconds"])
    c.check(sleep > 0, "a preStop delay lets endpoints drop the pod before SIGTERM")
    def seconds(flag, default):
        try:
            return float(resolved.get(flag, default))
        except ValueError:
            c.check(False, f"--{flag}={resolved.get(flag)} is not a number of seconds")
            return default
    drain = seconds("drain_seconds", 1)
    grace = seconds("shutdown_grace_seconds", 10)
    period = pod.get("terminationGracePeriodSeconds", 30)
    c.check(period >= sleep + drain + grace + 5,
            f"terminationGracePeriodSeconds {period} < preStop {sleep} + drain {drain} + "
            f"grace {grace} + 5 s margin: the kubelet would kill a draining server")
    if server_binary:
        start_with(server_binary, resolved, mounted, c, mounted_secrets, probe_services)
    print(f"{c.label}: StatefulSet with {len(args)} flags, {len(services)} Services, "
          f"grace {period}s >= {sleep}+{drain}+{grace}+5")


def check_nats(others, services, configmaps, resolved, by_kind, server_pod_labels, c):
    """The clustered mode's NATS: a JetStream cluster the replicas reach."""
    nats = next((o for o in others if any(
        x["name"] == "nats" for x in o["spec"]["template"]["spec"]["containers"])), None)
    if not c.check(nats is not None, "--nats_url but no StatefulSet with a 'nats' container"):
        return
    name = nats["metadata"]["name"]
    spec = nats["spec"]
    replicas = spec.get("replicas", 1)
    c.check(replicas >= 3 and replicas % 2 == 1,
            f"NATS has {replicas} pods: JetStream's Raft needs an odd number, at least 3, to "
            "survive the loss of one")
    container = next(x for x in spec["template"]["spec"]["containers"] if x["name"] == "nats")
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    c.check({"client", "cluster", "monitor"} <= set(ports),
            "NATS container ports 'client', 'cluster' and 'monitor'")
    headless = spec.get("serviceName")
    c.check(headless in services and services[headless]["spec"].get("clusterIP") == "None",
            f"NATS serviceName {headless} is not a headless Service")
    pods = [f"{name}-{i}.{headless}" for i in range(replicas)]
    # The config file, from the ConfigMap mounted by the nats container.
    mounts = {m["name"]: m["mountPath"] for m in container.get("volumeMounts", [])}
    conf = ""
    for vol in spec["template"]["spec"].get("volumes", []):
        if "configMap" in vol and vol["name"] in mounts:
            for key, text in configmaps.get(vol["configMap"]["name"], {}).items():
                if any(a.endswith(f"{mounts[vol['name']]}/{key}") for a in container.get("args", [])):
                    conf = text
    if c.check(conf, "no NATS config file found (a ConfigMap mounted and named in the args)"):
        c.check(re.search(r"^\s*jetstream\s*\{", conf, re.M) is not None, "NATS config: no jetstream block")
        for pod in pods:
            c.check(f"{pod}:{ports.get('cluster')}" in conf,
                    f"NATS config: no route to {pod}:{ports.get('cluster')}")
    # The replicas' URLs name NATS pods or a Service of them, on the client port.
    nats_labels = spec["template"]["metadata"].get("labels", {})
    nats_services = {n for n, s in services.items()
                     if matches(s["spec"].get("selector", {}), nats_labels)}
    for url in resolved.get("nats_url", "").split(","):
        u = urllib.parse.urlparse(url.strip())
        c.check(u.scheme in ("nats", "tls") and u.port == ports.get("client") and
                (u.hostname in pods or u.hostname in nats_services),
                f"--nats_url {url} does not name a NATS pod or Service on port {ports.get('client')}")
    try:
        stream_replicas = int(resolved.get("nats_stream_replicas", "3"))
        c.check(1 <= stream_replicas <= replicas,
                f"--nats_stream_replicas={stream_replicas} does not fit {replicas} NATS pods")
    except ValueError:
        c.check(False, "--nats_stream_replicas is not a number")
    # The server pods' own policy lets them reach NATS.
    for np in by_kind.get("NetworkPolicy", []):
        if not matches(np["spec"].get("podSelector", {}).get("matchLabels", {}), server_pod_labels):
            continue
        reach = any(matches(peer.get("podSelector", {}).get("matchLabels", {}), nats_labels)
                    and any(p["port"] in (ports.get("client"), "client")
                            for p in rule.get("ports", []))
                    for rule in np["spec"].get("egress", []) for peer in rule.get("to", []))
        c.check(reach, f"NetworkPolicy {np['metadata']['name']} does not let the server pods "
                f"reach NATS on {ports.get('client')}")


def check_dockerfile(path, flags, c):
    text = open(path).read()
    m = re.search(r"^CMD\s+(\[.*?\])\s*$", text.replace("\\\n", " "), re.M)
    if not c.check(m is not None, "Dockerfile has no exec-form CMD"):
        return
    for a in json.loads(m.group(1)):
        name = re.match(r"--([a-z_0-9]+)", a)
        c.check(name and name.group(1) in flags, f"Dockerfile CMD {a}: not a server flag")
    c.check(re.search(r"^USER\s+10001", text, re.M) is not None, "Dockerfile USER 10001")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server")
    ap.add_argument("--dockerfile")
    ap.add_argument("--rules-file")
    ap.add_argument("rendered", nargs="+")
    a = ap.parse_args()
    flags = server_flags(a.server) if a.server else None
    if flags is not None and "listen" not in flags:
        opslib.fail(f"could not read the flags of {a.server} from --helpfull")
    errors = []
    for path in a.rendered:
        c = Checker(path)
        check_rendering(path, flags, c, a.server, a.rules_file)
        errors += c.errors
    if a.dockerfile and flags is not None:
        c = Checker(a.dockerfile)
        check_dockerfile(a.dockerfile, flags, c)
        errors += c.errors
    for e in errors:
        print("error: " + e)
    if errors:
        opslib.fail(f"{len(errors)} problem(s)")
    print("OK" + ("" if flags is not None else " (server flags not checked: no --server)"))


if __name__ == "__main__":
    sys.exit(main())
