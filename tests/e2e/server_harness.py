"""Starts and stops a built placi-screen-server for the end-to-end tests.

The server listens on port 0 (gRPC and metrics); it reports the ports it got
in --port_file, which the harness polls with a deadline. Readiness is the
standard health check answering SERVING. Every wait is bounded; nothing
sleeps in place of a condition.

    with ServerProcess(server_path, data_dir, work_dir) as server:
        channel = server.channel()
        ...
        server.terminate()   # SIGTERM, returns the exit code
"""
import json
import os
import signal
import subprocess
import sys
import time

import grpc

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0
POLL_S = 0.02


def import_stubs(stubs_dir):
    """Puts the generated Python stubs on sys.path and returns the modules."""
    if stubs_dir not in sys.path:
        sys.path.insert(0, stubs_dir)
    from placi.screening.v1 import consignment_pb2, screening_pb2, screening_pb2_grpc, verdict_pb2
    import health_pb2
    import health_pb2_grpc
    import reflection_pb2
    import reflection_pb2_grpc
    return {
        "consignment_pb2": consignment_pb2, "screening_pb2": screening_pb2,
        "screening_pb2_grpc": screening_pb2_grpc, "verdict_pb2": verdict_pb2,
        "health_pb2": health_pb2, "health_pb2_grpc": health_pb2_grpc,
        "reflection_pb2": reflection_pb2, "reflection_pb2_grpc": reflection_pb2_grpc,
    }


def read_jsonl(path):
    """The objects of a JSONL file (deploy/demo's manifest, expected verdicts, watchlist)."""
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def by_request_id(objects):
    """request_id -> object, for the demo manifest and its expected verdicts."""
    return {o["request_id"]: o for o in objects}


class ServerError(Exception):
    pass


class ServerProcess:
    """One run of the server binary on a data dir."""

    _runs = 0

    def __init__(self, server_path, data_dir, work_dir, extra_args=()):
        ServerProcess._runs += 1
        self.run_id = ServerProcess._runs
        self.server_path = server_path
        self.data_dir = data_dir
        self.work_dir = work_dir
        self.port_file = os.path.join(work_dir, "ports-%d" % self.run_id)
        self.log_path = os.path.join(work_dir, "server-%d.log" % self.run_id)
        self.extra_args = list(extra_args)
        self.proc = None
        self.grpc_port = None
        self.metrics_port = None
        self._channel = None

    # -- lifecycle ------------------------------------------------------------
    def start(self, health_pb2=None, health_pb2_grpc=None):
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        args = [self.server_path,
                "--listen=127.0.0.1:0",
                "--metrics_listen=127.0.0.1:0",
                "--data_dir=" + self.data_dir,
                "--port_file=" + self.port_file,
                "--drain_seconds=0",
                "--shutdown_grace_seconds=5"] + self.extra_args
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT_S
        self._wait_port_file(deadline)
        if health_pb2 is not None:
            self.wait_serving(health_pb2, health_pb2_grpc, deadline)
        return self

    def _wait_port_file(self, deadline):
        while True:
            if self.proc.poll() is not None:
                raise ServerError("server exited with %s before listening\n%s"
                                  % (self.proc.returncode, self.log_tail()))
            try:
                with open(self.port_file) as f:
                    text = f.read()
            except FileNotFoundError:
                text = ""
            if text.endswith("\n"):
                parts = text.split()
                if len(parts) != 2 or not all(p.isdigit() for p in parts):
                    raise ServerError("port file holds %r, expected '<grpc_port> <metrics_port>'" % text)
                self.grpc_port, self.metrics_port = int(parts[0]), int(parts[1])
                return
            if time.monotonic() > deadline:
                raise ServerError("no port file after %.0fs\n%s" % (START_TIMEOUT_S, self.log_tail()))
            time.sleep(POLL_S)

    def wait_serving(self, health_pb2, health_pb2_grpc, deadline):
        stub = health_pb2_grpc.HealthStub(self.channel())
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError("server exited with %s while starting\n%s"
                                  % (self.proc.returncode, self.log_tail()))
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=1.0)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
                last = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
            except grpc.RpcError as e:
                last = "%s: %s" % (e.code().name, e.details())
            time.sleep(POLL_S)
        raise ServerError("health never SERVING (last: %s)\n%s" % (last, self.log_tail()))

    def terminate(self, timeout_s=STOP_TIMEOUT_S):
        """SIGTERM and wait; returns the exit code. Raises when it does not exit in time."""
        self.close_channel()
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise ServerError("server did not exit within %.0fs of SIGTERM\n%s" % (timeout_s, self.log_tail()))

    def kill(self):
        """Last resort, for finally blocks: never leaves the process behind."""
        self.close_channel()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    # -- access ---------------------------------------------------------------
    @property
    def target(self):
        return "127.0.0.1:%d" % self.grpc_port

    def channel(self):
        if self._channel is None:
            self._channel = grpc.insecure_channel(self.target)
        return self._channel

    def close_channel(self):
        if self._channel is not None:
            self._channel.close()
            self._channel = None

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return "(no server log)"
        tail = text.splitlines()[-lines:]
        return "--- server log (%s, last %d lines) ---\n%s" % (self.log_path, len(tail), "\n".join(tail))


class Runner:
    """Runs named test functions, keeps going after a failure, prints a summary."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def run(self, name, fn, *args):
        start = time.monotonic()
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - report every failure and go on
            self.failed += 1
            self.failures.append(name)
            import traceback
            print("FAIL %s (%.2fs): %s: %s" % (name, time.monotonic() - start, type(e).__name__, e), flush=True)
            traceback.print_exc(limit=4)
            return False
        self.passed += 1
        print("ok   %s (%.2fs)" % (name, time.monotonic() - start), flush=True)
        return True

    def summary(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        if self.failures:
            print("failed: " + ", ".join(self.failures))
        return 0 if self.failed == 0 and self.passed > 0 else 1
