"""A NATS JetStream cluster on loopback for the clustered-mode tests.

Each node is a real nats-server process with JetStream, its own store dir and
config file, client/cluster/monitor ports chosen at run time. The nodes do
not advertise each other to clients (no_advertise), so a client given one
node's URL stays on that node: a test can cut one replica off NATS by
stopping the node it alone uses.

    with NatsCluster(nats_server_path, work_dir, size=3) as cluster:
        cluster.start()
        urls = cluster.urls()          # ["nats://127.0.0.1:p1", ...]
        cluster.stop_node(0); cluster.start_node(0)
"""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

READY_TIMEOUT_S = 30.0
POLL_S = 0.05


def free_port():
    """A port free right now on 127.0.0.1 (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NatsError(Exception):
    pass


class NatsNode:
    def __init__(self, server_path, work_dir, index):
        self.server_path = server_path
        self.index = index
        self.name = "n%d" % (index + 1)
        self.dir = os.path.join(work_dir, "nats-" + self.name)
        os.makedirs(self.dir, exist_ok=True)
        self.client_port = free_port()
        self.cluster_port = free_port()
        self.monitor_port = free_port()
        self.conf = os.path.join(self.dir, "nats.conf")
        self.log_path = os.path.join(self.dir, "nats.log")
        self.proc = None

    @property
    def url(self):
        return "nats://127.0.0.1:%d" % self.client_port

    def write_config(self, peers):
        routes = ", ".join("nats-route://127.0.0.1:%d" % p.cluster_port for p in peers)
        with open(self.conf, "w") as f:
            f.write("""server_name: %(name)s
listen: 127.0.0.1:%(client)d
http: 127.0.0.1:%(monitor)d
max_payload: 8MB
jetstream {
  store_dir: "%(store)s"
  max_memory_store: 64MB
  max_file_store: 1GB
}
cluster {
  name: placi-test
  listen: 127.0.0.1:%(cluster)d
  no_advertise: true
  routes: [%(routes)s]
}
""" % {"name": self.name, "client": self.client_port, "monitor": self.monitor_port,
       "store": os.path.join(self.dir, "store"), "cluster": self.cluster_port, "routes": routes})

    def start(self):
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([self.server_path, "-c", self.conf], stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None

    def healthy(self):
        """/healthz answers ok: the server runs and JetStream is current."""
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % self.monitor_port,
                                        timeout=1) as r:
                return json.loads(r.read().decode()).get("status") == "ok"
        except Exception:  # noqa: BLE001 - not up yet
            return False

    def log_tail(self, lines=20):
        try:
            with open(self.log_path, "rb") as f:
                return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


class NatsCluster:
    def __init__(self, server_path, work_dir, size=3):
        self.nodes = [NatsNode(server_path, work_dir, i) for i in range(size)]
        for node in self.nodes:
            node.write_config(self.nodes)

    def urls(self):
        return [n.url for n in self.nodes]

    def start(self):
        for node in self.nodes:
            node.start()
        self.wait_healthy(self.nodes)
        return self

    def wait_healthy(self, nodes):
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            for node in nodes:
                if node.proc is not None and node.proc.poll() is not None:
                    raise NatsError("nats %s exited with %s\n%s"
                                    % (node.name, node.proc.returncode, node.log_tail()))
            if all(n.healthy() for n in nodes):
                return
            time.sleep(POLL_S)
        raise NatsError("nats cluster not healthy after %.0fs\n%s" % (
            READY_TIMEOUT_S, "\n".join(n.name + ":\n" + n.log_tail() for n in nodes)))

    def stop_node(self, i):
        self.nodes[i].stop()

    def start_node(self, i):
        self.nodes[i].start()
        self.wait_healthy([self.nodes[i]])

    def stop(self):
        for node in self.nodes:
            node.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False
