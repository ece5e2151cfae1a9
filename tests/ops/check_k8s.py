#!/usr/bin/env python3
"""What the API schemas cannot see in the rendered Kubernetes manifests: the
objects fit together and fit the server.

- Services, the PodDisruptionBudget and the NetworkPolicy select the
  StatefulSet's pods, and name container ports that exist; the StatefulSet's
  serviceName is a headless Service; the HPA scales the StatefulSet;
- one replica (replicas, HPA max) until the clustered mode: holds and the
  watchlist are per-replica state;
- native gRPC probes on the gRPC port, readiness on the screening service;
- the security context: non-root, read-only root filesystem, no privilege
  escalation, all capabilities dropped, RuntimeDefault seccomp; the RocksDB
  directory on the data volume;
- every $(VAR) in the args comes from a ConfigMap of the output, every
  ConfigMap and Secret a pod uses exists, the listen ports match the
  container ports;
- a flag naming a file under a ConfigMap's mount (--rules) names a key of
  that ConfigMap; with --rules-file, that key holds exactly that file;
- terminationGracePeriodSeconds covers preStop + drain + shutdown grace;
- with --server: every flag in the args (and in the Dockerfile's CMD) is a
  flag of the server binary, and the server starts with the manifest's values
  (addresses and data dir swapped for test ones, files of mounted ConfigMaps
  written out as the kubelet would) and stops with exit 0.

  check_k8s.py [--server BINARY] [--dockerfile FILE] [--rules-file FILE]
               RENDERED.yaml...
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

import yaml

import opslib

SCREENING_SERVICE = "placi.screening.v1.ScreeningService"


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


def start_with(server, resolved, mounted, c):
    """Starts the server with the manifest's flag values (addresses, data dir
    and port file replaced for a test; files of mounted ConfigMaps written
    to a temp dir) and expects it to serve and to stop with exit 0 on
    SIGTERM: the values parse and fit together."""
    with tempfile.TemporaryDirectory(prefix="placi-k8s-flags-") as tmp:
        args = [server]
        for flag, value in resolved.items():
            if flag in ("listen", "metrics_listen", "data_dir", "port_file"):
                continue
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
            proc.send_signal(signal.SIGTERM)
            rc = proc.wait(timeout=60)
            c.check(rc == 0, f"the server with the manifest's flags exited {rc} on SIGTERM")


def check_rendering(path, flags, c, server_binary=None, rules_file=None):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)

    sts_list = by_kind.get("StatefulSet", [])
    if not c.check(len(sts_list) == 1, f"expected one StatefulSet, found {len(sts_list)}"):
        return
    sts = sts_list[0]
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

    # One replica until the clustered mode.
    c.check(spec.get("replicas", 1) == 1,
            f"replicas is {spec.get('replicas')}: without the clustered mode holds and the "
            "watchlist are per replica (deploy/README.md, Replicas)")
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        ref = hpa["spec"]["scaleTargetRef"]
        c.check(ref["kind"] == "StatefulSet" and ref["name"] == sts["metadata"]["name"],
                f"HPA {hpa['metadata']['name']} does not scale the StatefulSet")
        c.check(hpa["spec"].get("minReplicas", 1) <= hpa["spec"]["maxReplicas"],
                "HPA minReplicas > maxReplicas")
        c.check(hpa["spec"]["maxReplicas"] == 1,
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
        c.check(matches(svc["spec"].get("selector", {}), pod_labels),
                f"Service {name} does not select the StatefulSet's pods")
        for p in svc["spec"]["ports"]:
            target = p.get("targetPort", p["port"])
            c.check(target in ports or target in ports.values(),
                    f"Service {name} port {p.get('name')} targets {target}, not a container port")
    c.check("grpc" in ports and "metrics" in ports, "container ports 'grpc' and 'metrics'")

    # PDB and NetworkPolicy select the pods.
    for pdb in by_kind.get("PodDisruptionBudget", []):
        c.check(matches(pdb["spec"].get("selector", {}).get("matchLabels", {}), pod_labels),
                f"PDB {pdb['metadata']['name']} does not select the pods")
    for np in by_kind.get("NetworkPolicy", []):
        npspec = np["spec"]
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
    for vol in pod.get("volumes", []):
        if "configMap" in vol:
            c.check(vol["configMap"]["name"] in configmaps,
                    f"volume {vol['name']}: ConfigMap {vol['configMap']['name']} not in the output")
            if vol["name"] in mounts and vol["configMap"]["name"] in configmaps:
                mounted[mounts[vol["name"]]] = configmaps[vol["configMap"]["name"]]
        if "secret" in vol:
            c.check(vol["secret"]["secretName"] in secrets or vol["secret"].get("optional"),
                    f"volume {vol['name']}: Secret {vol['secret']['secretName']} not in the output")

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
        start_with(server_binary, resolved, mounted, c)
    print(f"{c.label}: StatefulSet with {len(args)} flags, {len(services)} Services, "
          f"grace {period}s >= {sleep}+{drain}+{grace}+5")


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
