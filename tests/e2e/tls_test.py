#!/usr/bin/env python3
"""End-to-end test of authentication over TLS and mutual TLS, with an independent client.

Certificates are made at test time with the openssl CLI in a temp dir (a CA, the server's certificate
for localhost/127.0.0.1, client certificates, and a second, untrusted CA); API keys with
`placi-screen keygen`. Two servers run: TLS + API keys, then mutual TLS with certificate identities.
Checks: plaintext and untrusted clients cannot connect; no credentials is UNAUTHENTICATED and health
still answers; roles decide; a carrier's verdicts carry its identity; another carrier's decision is
NOT_FOUND; the CLI speaks TLS with --api_key / PLACI_API_KEY and mutual TLS with --tls_cert; refusals
show in /metrics (plain HTTP); no key appears in the server's log.

    python3 tests/e2e/tls_test.py --server build/server/placi-screen-server \
        --cli build/tools/placi-screen --stubs build/tests/e2e/python_stubs --demo deploy/demo
"""
import argparse
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_harness import Runner, ServerProcess, import_stubs  # noqa: E402

RPC_TIMEOUT_S = 10.0


def openssl(work, *args):
    subprocess.run(["openssl"] + list(args), cwd=work, check=True, capture_output=True, timeout=60)


def make_ca(work, name):
    openssl(work, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=" + name, "-keyout", name + ".key", "-out", name + ".crt")


def make_cert(work, ca, name, cn, san=None):
    """A certificate `name`.crt/.key with subject CN `cn`, signed by CA `ca`."""
    openssl(work, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn,
            "-keyout", name + ".key", "-out", name + ".csr")
    args = ["x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
            "-CAcreateserial", "-days", "2", "-out", name + ".crt"]
    if san:
        with open(os.path.join(work, name + ".ext"), "w") as f:
            f.write("subjectAltName=" + san + "\n")
        args += ["-extfile", name + ".ext"]
    openssl(work, *args)


def read(work, name):
    with open(os.path.join(work, name), "rb") as f:
        return f.read()


def expect(cond, message):
    if not cond:
        raise AssertionError(message)


def code_of(fn):
    """The status code of a call: OK, or the code of its RpcError."""
    try:
        fn()
        return grpc.StatusCode.OK
    except grpc.RpcError as e:
        return e.code()


class OpenStream:
    """A ScreenStream kept open: send() one parcel, next() its answer (or the RpcError that
    ended the stream)."""

    def __init__(self, ctx, channel, key=None):
        self._ctx, self._parcels = ctx, queue.Queue()
        screening, _ = ctx.stubs(channel)
        md = [("authorization", "Bearer " + key)] if key else None

        def requests():
            while True:
                parcel = self._parcels.get()
                if parcel is None:
                    return
                yield ctx.pb["screening_pb2"].ScreenStreamRequest(consignment=parcel)

        self._answers = screening.ScreenStream(requests(), metadata=md, timeout=60)

    def screen(self, hawb):
        """The carrier id of the verdict, or the status code that ended the stream."""
        self._parcels.put(self._ctx.parcel(hawb))
        try:
            return next(self._answers).verdict.carrier_id
        except grpc.RpcError as e:
            return e.code()

    def ended_idle(self, timeout):
        """The status code that ended the stream within `timeout` seconds while nothing was
        sent, or None when it is still open then."""
        try:
            self._answers.exception(timeout=timeout)
        except grpc.FutureTimeoutError:
            return None
        return self._answers.code()

    def close(self):
        self._parcels.put(None)
        self._answers.cancel()


def reload_without(ctx, credential_part, still_refused):
    """Removes the keys file's line holding `credential_part`, sends SIGHUP, waits until
    `still_refused()` (a unary call of that credential) is UNAUTHENTICATED; returns the
    file's text from before."""
    path = os.path.join(ctx.work, "keys.txt")
    with open(path) as f:
        original = f.read()
    kept = [l for l in original.splitlines() if credential_part not in l]
    expect(len(kept) == len(original.splitlines()) - 1, "%s's line not found" % credential_part)
    with open(path, "w") as f:
        f.write("\n".join(kept) + "\n")
    ctx.server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while still_refused() != grpc.StatusCode.UNAUTHENTICATED:  # on the server's signal thread
        expect(time.monotonic() < deadline, "%s still works after SIGHUP" % credential_part)
        time.sleep(0.05)
    return original


class TlsServer(ServerProcess):
    """The harness's server, reached over TLS with the given channel credentials."""

    def __init__(self, server_path, data_dir, work_dir, extra_args, credentials):
        super().__init__(server_path, data_dir, work_dir, extra_args)
        self.credentials = credentials

    def channel(self):
        if self._channel is None:
            self._channel = grpc.secure_channel(self.target, self.credentials)
        return self._channel


class Ctx:
    def __init__(self, args, pb, work):
        self.args, self.pb, self.work = args, pb, work
        self.keys = {}
        self.server = None
        from google.protobuf import json_format
        with open(os.path.join(args.demo, "manifest.jsonl")) as f:
            first = json.loads(next(l for l in f if l.strip()))
        self.parcel_json = first

    def parcel(self, hawb, carrier_id=""):
        from google.protobuf import json_format
        d = dict(self.parcel_json, house_waybill=hawb, request_id="req-" + hawb,
                 carrier_id=carrier_id)
        return json_format.ParseDict(d, self.pb["consignment_pb2"].Consignment())

    def creds(self, client=None):
        """TLS credentials trusting our CA, with client certificate `client` if given."""
        if client is None:
            return grpc.ssl_channel_credentials(root_certificates=read(self.work, "ca.crt"))
        return grpc.ssl_channel_credentials(root_certificates=read(self.work, "ca.crt"),
                                            private_key=read(self.work, client + ".key"),
                                            certificate_chain=read(self.work, client + ".crt"))

    def stubs(self, channel):
        g = self.pb["screening_pb2_grpc"]
        return g.ScreeningServiceStub(channel), g.DecisionServiceStub(channel)

    def screen(self, channel, parcel, key=None):
        screening, _ = self.stubs(channel)
        md = [("authorization", "Bearer " + key)] if key else None
        req = self.pb["screening_pb2"].ScreenRequest(consignment=parcel)
        return screening.Screen(req, timeout=RPC_TIMEOUT_S, metadata=md).verdict

    def get_decision(self, channel, decision_id, key=None):
        _, decisions = self.stubs(channel)
        md = [("authorization", "Bearer " + key)] if key else None
        req = self.pb["screening_pb2"].GetDecisionRequest(decision_id=decision_id)
        return decisions.GetDecision(req, timeout=RPC_TIMEOUT_S, metadata=md).verdict

    def health(self, channel):
        stub = self.pb["health_pb2_grpc"].HealthStub(channel)
        return stub.Check(self.pb["health_pb2"].HealthCheckRequest(service=""),
                          timeout=RPC_TIMEOUT_S).status

    def cli(self, *argv, env_key=None):
        env = dict(os.environ)
        env.pop("PLACI_API_KEY", None)
        if env_key:
            env["PLACI_API_KEY"] = env_key
        p = subprocess.run([self.args.cli, "--target=" + self.server.target,
                            "--timeout_ms=10000"] + list(argv), cwd=self.work, env=env,
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr

    def refused(self, reason):
        body = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % self.server.metrics_port,
                                      timeout=10).read().decode()
        series = 'placi_auth_refused_total{reason="%s"} ' % reason
        for line in body.splitlines():
            if line.startswith(series):
                return float(line.split()[-1])
        raise AssertionError("no %s in /metrics" % series.strip())


def t_make_credentials(ctx):
    work = ctx.work
    make_ca(work, "ca")
    make_ca(work, "rogue-ca")
    make_cert(work, "ca", "server", "localhost", "DNS:localhost,IP:127.0.0.1")
    make_cert(work, "ca", "officer", "officer1.customs.example")  # mapped by its CN
    make_cert(work, "ca", "carrier-x", "Carrier X Ltd", "DNS:carrier-x.example")  # by its SAN
    make_cert(work, "ca", "stranger", "stranger.example")  # trusted CA, not in the keys file
    make_cert(work, "rogue-ca", "rogue", "officer1.customs.example")  # right name, wrong CA
    lines = []
    for principal, role in (("carrier-a", "carrier"), ("carrier-b", "carrier"),
                            ("admin-1", "admin")):
        p = subprocess.run([ctx.args.cli, "keygen", principal, role], capture_output=True,
                           text=True, timeout=30)
        expect(p.returncode == 0, "keygen failed: %s" % p.stderr)
        key, line = p.stdout.splitlines()
        expect(key not in line, "the keys file line holds the key")
        ctx.keys[principal] = key
        lines.append(line)
    lines.append("cert:officer1.customs.example officer-jane officer")
    lines.append("cert:carrier-x.example carrier-x carrier")
    with open(os.path.join(work, "keys.txt"), "w") as f:
        f.write("# made by tls_test.py\n" + "\n".join(lines) + "\n")


def start(ctx, name, extra, credentials):
    ctx.server = TlsServer(ctx.args.server, os.path.join(ctx.work, "data-" + name), ctx.work,
                           ["--api_keys_file=keys.txt", "--tls_cert=server.crt",
                            "--tls_key=server.key", "--log_format=json"] + extra, credentials)
    ctx.server.start(ctx.pb["health_pb2"], ctx.pb["health_pb2_grpc"])


def t_tls_server_starts(ctx):
    os.chdir(ctx.work)  # the flags name files relative to it
    start(ctx, "tls", [], ctx.creds())


def t_tls_plaintext_refused(ctx):
    channel = grpc.insecure_channel(ctx.server.target)
    try:
        code = code_of(lambda: ctx.health(channel))
    finally:
        channel.close()
    expect(code == grpc.StatusCode.UNAVAILABLE, "a plaintext client got %s" % code)


def t_tls_keys_and_roles(ctx):
    ch = ctx.server.channel()
    expect(ctx.health(ch) == ctx.pb["health_pb2"].HealthCheckResponse.SERVING, "health")
    code = code_of(lambda: ctx.screen(ch, ctx.parcel("TLS-1")))
    expect(code == grpc.StatusCode.UNAUTHENTICATED, "no key: %s" % code)
    code = code_of(lambda: ctx.screen(ch, ctx.parcel("TLS-1"), key="placi_" + "0" * 48))
    expect(code == grpc.StatusCode.UNAUTHENTICATED, "unknown key: %s" % code)

    v = ctx.screen(ch, ctx.parcel("TLS-1"), key=ctx.keys["carrier-a"])
    expect(v.carrier_id == "carrier-a", "carrier id %r, not the identity's" % v.carrier_id)
    ctx.decision_of_a = v.decision_id
    code = code_of(lambda: ctx.screen(ch, ctx.parcel("TLS-2", "carrier-b"),
                                      key=ctx.keys["carrier-a"]))
    expect(code == grpc.StatusCode.PERMISSION_DENIED, "posing as carrier-b: %s" % code)

    got = ctx.get_decision(ch, v.decision_id, key=ctx.keys["carrier-a"])
    expect(got.decision_id == v.decision_id, "own decision")
    try:
        ctx.get_decision(ch, v.decision_id, key=ctx.keys["carrier-b"])
        raise AssertionError("carrier-b read carrier-a's decision")
    except grpc.RpcError as e:
        expect(e.code() == grpc.StatusCode.NOT_FOUND, "cross-carrier read: %s" % e.code())
    got = ctx.get_decision(ch, v.decision_id, key=ctx.keys["admin-1"])
    expect(got.carrier_id == "carrier-a", "the decision log holds the identity's carrier id")

    watchlist = ctx.pb["screening_pb2_grpc"].WatchlistServiceStub(ch)
    req = ctx.pb["screening_pb2"].GetWatchlistInfoRequest()
    code = code_of(lambda: watchlist.GetWatchlistInfo(
        req, timeout=RPC_TIMEOUT_S, metadata=[("authorization", "Bearer " + ctx.keys["carrier-a"])]))
    expect(code == grpc.StatusCode.PERMISSION_DENIED, "carrier at the watchlist: %s" % code)
    watchlist.GetWatchlistInfo(req, timeout=RPC_TIMEOUT_S,
                               metadata=[("authorization", "Bearer " + ctx.keys["admin-1"])])


def t_tls_cli(ctx):
    rc, out, err = ctx.cli("--tls_ca=ca.crt", "--api_key=" + ctx.keys["carrier-a"],
                           "decision", "get", ctx.decision_of_a)
    expect(rc == 0 and json.loads(out)["decision_id"] == ctx.decision_of_a,
           "CLI over TLS with --api_key: rc %d %s" % (rc, err))
    rc, out, err = ctx.cli("--tls_ca=ca.crt", "decision", "get", ctx.decision_of_a,
                           env_key=ctx.keys["carrier-b"])
    expect(rc == 1 and "NOT_FOUND" in err, "CLI with PLACI_API_KEY of carrier-b: rc %d %s" % (rc, err))
    rc, out, err = ctx.cli("--tls_ca=ca.crt", "decision", "get", ctx.decision_of_a)
    expect(rc == 1 and "UNAUTHENTICATED" in err, "CLI without a key: rc %d %s" % (rc, err))
    rc, out, err = ctx.cli("--api_key=" + ctx.keys["carrier-a"], "decision", "get",
                           ctx.decision_of_a)
    expect(rc == 1 and "UNAVAILABLE" in err, "CLI in plaintext: rc %d %s" % (rc, err))


def t_tls_counted_and_not_logged(ctx):
    expect(ctx.refused("no_credentials") >= 2, "no_credentials not counted")
    expect(ctx.refused("bad_credentials") >= 1, "bad_credentials not counted")
    expect(ctx.refused("carrier_mismatch") >= 1, "carrier_mismatch not counted")
    expect(ctx.refused("other_carrier") >= 2, "other_carrier not counted")
    expect(ctx.refused("wrong_role") >= 1, "wrong_role not counted")
    check_log(ctx)


def t_tls_sighup_reloads_keys(ctx):
    """A key removed from the keys file is refused after SIGHUP; put back, it works again."""
    path = os.path.join(ctx.work, "keys.txt")
    with open(path) as f:
        original = f.read()
    ch = ctx.server.channel()

    def carrier_b_code():
        return code_of(lambda: ctx.screen(ch, ctx.parcel("TLS-HUP"), key=ctx.keys["carrier-b"]))

    def wait_for(code, what):
        deadline = time.monotonic() + 10
        while carrier_b_code() != code:  # the reload runs on the server's signal thread
            expect(time.monotonic() < deadline, what)
            time.sleep(0.05)

    expect(carrier_b_code() == grpc.StatusCode.OK, "carrier-b refused before the reload")
    # Streams open across the reload (review bb3 L8): carrier-b's ends at the reload, idle as
    # it is, and refuses its next parcel; carrier-a's stays open and goes on.
    stream_a = OpenStream(ctx, ch, key=ctx.keys["carrier-a"])
    stream_b = OpenStream(ctx, ch, key=ctx.keys["carrier-b"])
    try:
        expect(stream_a.screen("TLS-HUP-A1") == "carrier-a", "carrier-a's stream before")
        expect(stream_b.screen("TLS-HUP-B1") == "carrier-b", "carrier-b's stream before")
        reload_without(ctx, " carrier-b ", carrier_b_code)
        got = stream_b.ended_idle(5)
        expect(got == grpc.StatusCode.UNAUTHENTICATED,
               "carrier-b's idle stream 5 s after its key was revoked: %s" % got)
        got = stream_a.ended_idle(0.5)
        expect(got is None, "carrier-a's idle stream ended at the reload: %s" % got)
        got = stream_b.screen("TLS-HUP-B2")
        expect(got == grpc.StatusCode.UNAUTHENTICATED,
               "carrier-b's open stream after its key was revoked: %s" % got)
        got = stream_a.screen("TLS-HUP-A2")
        expect(got == "carrier-a", "carrier-a's open stream after the reload: %s" % got)
    finally:
        stream_a.close()
        stream_b.close()
    expect(ctx.refused("revoked") == 1, "revoked stream not counted")
    v = ctx.screen(ch, ctx.parcel("TLS-HUP"), key=ctx.keys["carrier-a"])
    expect(v.carrier_id == "carrier-a", "carrier-a after the reload")
    with open(path, "w") as f:
        f.write(original)
    ctx.server.proc.send_signal(signal.SIGHUP)
    wait_for(grpc.StatusCode.OK, "carrier-b's key is refused after it was put back")
    with open(ctx.server.log_path) as f:
        events = [json.loads(l)["event"] for l in f if l.startswith("{")]
    expect(events.count("api_keys_reloaded") == 2,
           "api_keys_reloaded logged %d times" % events.count("api_keys_reloaded"))


def check_log(ctx):
    with open(ctx.server.log_path) as f:
        log = f.read()
    events = [json.loads(l)["event"] for l in log.splitlines() if l.startswith("{")]
    expect("auth_on" in events and "auth_refused" in events,
           "the log has no auth_on/auth_refused event: %s" % sorted(set(events)))
    for principal, key in ctx.keys.items():
        expect(key not in log and key[6:22] not in log, "the key of %s is in the log" % principal)
    expect("Bearer placi_" not in log, "an authorization value is in the log")


def t_mtls_server_starts(ctx):
    ctx.server.terminate()
    # The harness checks health with a certificate the keys file does not list: health needs none.
    start(ctx, "mtls", ["--tls_client_ca=ca.crt"], ctx.creds("stranger"))


def t_mtls_untrusted_clients_cannot_connect(ctx):
    for name, creds in (("no client certificate", ctx.creds()),
                        ("a certificate of another CA", ctx.creds("rogue"))):
        channel = grpc.secure_channel(ctx.server.target, creds)
        try:
            code = code_of(lambda: ctx.health(channel))
        finally:
            channel.close()
        expect(code == grpc.StatusCode.UNAVAILABLE, "%s: %s" % (name, code))


def t_mtls_identities(ctx):
    stranger = ctx.server.channel()
    code = code_of(lambda: ctx.screen(stranger, ctx.parcel("MTLS-0")))
    expect(code == grpc.StatusCode.UNAUTHENTICATED, "unlisted certificate: %s" % code)

    carrier = grpc.secure_channel(ctx.server.target, ctx.creds("carrier-x"))
    officer = grpc.secure_channel(ctx.server.target, ctx.creds("officer"))
    try:
        v = ctx.screen(carrier, ctx.parcel("MTLS-1"))
        expect(v.carrier_id == "carrier-x", "carrier id %r from the SAN" % v.carrier_id)
        code = code_of(lambda: ctx.screen(officer, ctx.parcel("MTLS-2")))
        expect(code == grpc.StatusCode.PERMISSION_DENIED, "officer screening: %s" % code)
        got = ctx.get_decision(officer, v.decision_id)
        expect(got.carrier_id == "carrier-x", "officer reads every carrier's decisions")
        code = code_of(lambda: ctx.get_decision(carrier, v.decision_id,
                                                key=ctx.keys["carrier-a"]))
        expect(code == grpc.StatusCode.NOT_FOUND, "a key decides over the certificate: %s" % code)
        ctx.decision_of_x = v.decision_id
    finally:
        carrier.close()
        officer.close()


def t_mtls_revoked_certificate_ends_its_stream(ctx):
    """A certificate identity removed from the keys file ends that certificate's open stream
    at the reload, idle as it is (review bb3 L8); a key's stream on another connection goes
    on."""
    carrier = grpc.secure_channel(ctx.server.target, ctx.creds("carrier-x"))
    stream_x = OpenStream(ctx, carrier)
    stream_a = OpenStream(ctx, ctx.server.channel(), key=ctx.keys["carrier-a"])
    try:
        expect(stream_x.screen("MTLS-HUP-X1") == "carrier-x", "carrier-x's stream before")
        expect(stream_a.screen("MTLS-HUP-A1") == "carrier-a", "carrier-a's stream before")
        original = reload_without(ctx, "cert:carrier-x.example",
                                  lambda: code_of(lambda: ctx.screen(carrier,
                                                                     ctx.parcel("MTLS-HUP"))))
        got = stream_x.ended_idle(5)
        expect(got == grpc.StatusCode.UNAUTHENTICATED,
               "carrier-x's idle stream 5 s after its certificate was removed: %s" % got)
        got = stream_x.screen("MTLS-HUP-X2")
        expect(got == grpc.StatusCode.UNAUTHENTICATED,
               "carrier-x's open stream after its certificate was removed: %s" % got)
        got = stream_a.screen("MTLS-HUP-A2")
        expect(got == "carrier-a", "carrier-a's open stream after the reload: %s" % got)
        with open(os.path.join(ctx.work, "keys.txt"), "w") as f:
            f.write(original)
        ctx.server.proc.send_signal(signal.SIGHUP)
    finally:
        stream_x.close()
        stream_a.close()
        carrier.close()


def t_mtls_cli(ctx):
    rc, out, err = ctx.cli("--tls_ca=ca.crt", "--tls_cert=officer.crt", "--tls_key=officer.key",
                           "decision", "list", "MTLS-1")
    expect(rc == 0 and json.loads(out.splitlines()[0])["decision_id"] == ctx.decision_of_x,
           "CLI with a client certificate: rc %d %s" % (rc, err))
    rc, out, err = ctx.cli("--tls_ca=ca.crt", "decision", "list", "MTLS-1")
    expect(rc == 1 and "UNAVAILABLE" in err, "CLI without its certificate: rc %d %s" % (rc, err))
    check_log(ctx)


def t_tls_renewed_certificate_served(ctx):
    """Review bb4 M2: the certificate files replaced in place (cert-manager renewing the mounted
    Secret) are served from the next reload on, without a restart; before, the files were read
    once at start and a renewal went unseen until the old certificate expired."""
    ctx.server.terminate()
    work = ctx.work
    make_ca(work, "ca2")
    make_cert(work, "ca2", "renewed", "localhost", "DNS:localhost,IP:127.0.0.1")
    for ext in (".crt", ".key"):
        shutil.copy(os.path.join(work, "server" + ext), os.path.join(work, "live" + ext))
    ctx.server = TlsServer(ctx.args.server, os.path.join(work, "data-renew"), work,
                           ["--api_keys_file=keys.txt", "--tls_cert=live.crt", "--tls_key=live.key",
                            "--tls_reload_seconds=1", "--log_format=json"], ctx.creds())
    ctx.server.start(ctx.pb["health_pb2"], ctx.pb["health_pb2_grpc"])
    trusts_ca2 = grpc.ssl_channel_credentials(root_certificates=read(work, "ca2.crt"))

    def health_code(creds):
        channel = grpc.secure_channel(ctx.server.target, creds)
        try:
            return code_of(lambda: ctx.health(channel))
        finally:
            channel.close()

    expect(health_code(trusts_ca2) == grpc.StatusCode.UNAVAILABLE,
           "a client trusting only the new CA connected before the renewal")
    # As the kubelet does: the new pair appears at once (written aside, renamed in place).
    for ext in (".key", ".crt"):
        shutil.copy(os.path.join(work, "renewed" + ext), os.path.join(work, "live" + ext + ".new"))
    for ext in (".key", ".crt"):
        os.replace(os.path.join(work, "live" + ext + ".new"), os.path.join(work, "live" + ext))
    deadline = time.monotonic() + 20
    while health_code(trusts_ca2) != grpc.StatusCode.OK:
        expect(time.monotonic() < deadline, "the renewed certificate is not served after 20 s")
        time.sleep(0.5)
    expect(health_code(ctx.creds()) == grpc.StatusCode.UNAVAILABLE,
           "the old certificate is still served")


def t_tls_files_that_do_not_fit_stop_the_start(ctx):
    """A key of another certificate, or a file with no certificate, stops the start naming the
    file (exit 2), before the data dir exists (it failed as "cannot listen" before)."""
    with open(os.path.join(ctx.work, "garbage.crt"), "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n")
    for cert, key, message in (("server.crt", "officer.key", "is not the key of --tls_cert"),
                               ("garbage.crt", "server.key", "holds no readable certificate")):
        data_dir = os.path.join(ctx.work, "data-bad-" + key)
        p = subprocess.run([ctx.args.server, "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
                            "--data_dir=" + data_dir, "--tls_cert=" + cert, "--tls_key=" + key],
                           cwd=ctx.work, capture_output=True, text=True, timeout=60)
        expect(p.returncode == 2, "%s/%s: exit %d: %s" % (cert, key, p.returncode, p.stderr))
        expect(message in p.stderr, "%s/%s: %s" % (cert, key, p.stderr))
        expect(not os.path.exists(data_dir), "%s/%s: the data dir was created" % (cert, key))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--server", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--stubs", required=True)
    p.add_argument("--demo", required=True)
    p.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = p.parse_args()
    args.server, args.cli, args.demo = (os.path.abspath(x) for x in (args.server, args.cli, args.demo))
    pb = import_stubs(os.path.abspath(args.stubs))
    work = tempfile.mkdtemp(prefix="placi-tls-")
    runner = Runner()
    ctx = Ctx(args, pb, work)
    try:
        steps = [
            ("certificates (openssl) and API keys (placi-screen keygen)", t_make_credentials),
            ("TLS server with API keys starts", t_tls_server_starts),
            ("TLS: a plaintext client cannot connect", t_tls_plaintext_refused),
            ("TLS: keys, roles, carrier id from the key, cross-carrier NOT_FOUND", t_tls_keys_and_roles),
            ("TLS: the CLI with --tls_ca and --api_key / PLACI_API_KEY", t_tls_cli),
            ("TLS: refusals in /metrics, no key in the JSON log", t_tls_counted_and_not_logged),
            ("TLS: SIGHUP reloads the keys file (a key revoked, its idle open stream ended, then "
             "restored)",
             t_tls_sighup_reloads_keys),
            ("mutual TLS server starts; health with an unlisted certificate", t_mtls_server_starts),
            ("mTLS: no or untrusted client certificate cannot connect",
             t_mtls_untrusted_clients_cannot_connect),
            ("mTLS: certificate CN/SAN map to principals and roles", t_mtls_identities),
            ("mTLS: a removed certificate's idle open stream ends at the reload",
             t_mtls_revoked_certificate_ends_its_stream),
            ("mTLS: the CLI with --tls_cert/--tls_key", t_mtls_cli),
            ("TLS: a renewed certificate is served without a restart",
             t_tls_renewed_certificate_served),
            ("TLS: files that do not fit together stop the start", t_tls_files_that_do_not_fit_stop_the_start),
        ]
        for name, fn in steps:
            if not runner.run(name, fn, ctx) and fn in (t_make_credentials, t_tls_server_starts,
                                                         t_mtls_server_starts):
                break
    finally:
        if ctx.server is not None:
            ctx.server.kill()
        if args.keep:
            print("kept " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return runner.summary()


if __name__ == "__main__":
    sys.exit(main())
