#!/usr/bin/env python3
"""Self-test of the SMTP test harness: real clients (Python smtplib/ssl) against the real servers.

Usage (as root, after .ci/lib/install.sh's wasmail_install_all):
  "$WASMAIL_PY" .ci/servers/selftest.py [--workdir DIR] [--keep] [--no-postfix]

Checks aiosmtpd (STARTTLS required, AUTH only after TLS, implicit TLS, silent mode, the wrong-host,
self-signed and expired certificates being served) and a private Postfix instance (submission,
smtps and strict ports relaying into the aiosmtpd sink, plus a second instance at the same time
relaying into smtp-sink). Prints one line per check, then a summary line
"selftest: N passed, M failed (T s)"; exits 1 if anything failed. Leaves no process behind.
"""

import argparse
import json
import os
import shutil
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "aiosmtpd_server.py")
POSTFIX = os.path.join(HERE, "postfix.sh")
USER, PASSWORD = "user", "secret"

results = []
timings = {}


def check(name, cond, detail=""):
    results.append((name, bool(cond)))
    print(f"{'ok  ' if cond else 'FAIL'} {name}" + (f": {detail}" if detail and not cond else ""), flush=True)
    return bool(cond)


def attempt(name, fn):
    """Run fn(); a raised exception is a failed check."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - report every failure and go on
        check(name, False, f"{type(e).__name__}: {e}")


class Timer:
    def __init__(self, key):
        self.key = key

    def __enter__(self):
        self.t = time.monotonic()

    def __exit__(self, *exc):
        timings[self.key] = time.monotonic() - self.t


# ---------------------------------------------------------------- aiosmtpd process handling

class Aiosmtpd:
    def __init__(self, work, name, *args):
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir, exist_ok=True)
        self.store = os.path.join(self.dir, "store")
        ready = os.path.join(self.dir, "ready")
        self.log = open(os.path.join(self.dir, "log"), "wb")
        cmd = [sys.executable, SERVER, "--ready-file", ready, *args]
        if "--silent" not in args:
            cmd += ["--store", self.store]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not os.path.exists(ready):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"aiosmtpd {name} did not start: {open(self.log.name).read()[-500:]}")
            time.sleep(0.02)
        self.port = int(open(ready).read())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def wait_messages(store, count, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        n = len([f for f in os.listdir(store) if f.endswith(".json")]) if os.path.isdir(store) else 0
        if n >= count:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{n} of {count} messages in {store}")
        time.sleep(0.05)


def read_stored(store, n):
    with open(os.path.join(store, f"{n}.eml"), "rb") as f:
        eml = f.read()
    with open(os.path.join(store, f"{n}.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return eml, meta


def strip_received(data, crlf=b"\r\n"):
    """Remove leading Received: headers (with their folded lines); return (count, rest)."""
    count = 0
    while data.startswith(b"Received:"):
        count += 1
        end = data.index(crlf) + len(crlf)
        while data[end:end + 1] in (b" ", b"\t"):
            end = data.index(crlf, end) + len(crlf)
        data = data[end:]
    return count, data


# ---------------------------------------------------------------- test messages

def message(tag):
    """A message to b@ and cc@ with c@ only in the envelope (Bcc), a leading dot and 8-bit UTF-8."""
    return (
        b"From: Sender <a@example.test>\r\n"
        b"To: B <b@example.test>\r\n"
        b"Subject: harness " + tag.encode() + b" =?utf-8?q?caf=C3=A9?=\r\n"
        b"Message-ID: <" + tag.encode() + b"@example.test>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n"
        b"Hello \xc3\xa9t\xc3\xa9.\r\n"
        b".leading dot (stuffed on the wire)\r\n"
        b"..two dots\r\n"
        b"last line\r\n"
    )


RCPTS = ["b@example.test", "c-bcc@example.test"]
BARE_LF = b"Subject: bare LF\r\n\r\nline one\nline two\r\n"


def client_ctx(ca):
    ctx = ssl.create_default_context(cafile=ca)
    return ctx


def send(kind, port, ca, msg, rcpts, login=True, mail_options=()):
    """kind: 'starttls' | 'implicit' | 'plain'. Returns smtplib's refused dict."""
    if kind == "implicit":
        s = smtplib.SMTP_SSL("127.0.0.1", port, context=client_ctx(ca), timeout=30)
    else:
        s = smtplib.SMTP("127.0.0.1", port, timeout=30)
        if kind == "starttls":
            s.starttls(context=client_ctx(ca))
    try:
        if login:
            s.login(USER, PASSWORD)
        return s.sendmail("a@example.test", rcpts, msg, mail_options=list(mail_options))
    finally:
        try:
            s.quit()
        except smtplib.SMTPException:
            s.close()


def auth_mechanisms(kind, port, ca):
    """AUTH PLAIN and LOGIN with the right password, and PLAIN with a wrong one: the reply codes."""
    codes = {}
    for mech, password in (("PLAIN", PASSWORD), ("LOGIN", PASSWORD), ("wrong password", "nope")):
        if kind == "implicit":
            s = smtplib.SMTP_SSL("127.0.0.1", port, context=client_ctx(ca), timeout=30)
        else:
            s = smtplib.SMTP("127.0.0.1", port, timeout=30)
            s.starttls(context=client_ctx(ca))
        try:
            s.ehlo()
            s.user, s.password = USER, password
            method = s.auth_login if mech == "LOGIN" else s.auth_plain
            try:
                codes[mech] = s.auth("LOGIN" if mech == "LOGIN" else "PLAIN", method)[0]
            except smtplib.SMTPAuthenticationError as e:
                codes[mech] = e.smtp_code
        finally:
            s.close()
    return codes


def auth_ok(codes):
    return codes == {"PLAIN": 235, "LOGIN": 235, "wrong password": 535}


def auth_before_tls(port):
    """Returns (advertised AUTH before TLS?, reply code to a forced AUTH PLAIN)."""
    s = smtplib.SMTP("127.0.0.1", port, timeout=30)
    try:
        s.ehlo()
        advertised = s.has_extn("auth")
        code, _ = s.docmd("AUTH", "PLAIN AHVzZXIAc2VjcmV0")  # \0user\0secret
        return advertised, code
    finally:
        s.close()


def served_cert_error(port, ca, implicit):
    """Handshake trusting only the CA; return the verification error (None when trusted)."""
    ctx = client_ctx(ca)
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        if not implicit:
            f = raw.makefile("rb")
            f.readline()
            raw.sendall(b"EHLO client.test\r\n")
            while f.readline()[3:4] == b"-":
                pass
            raw.sendall(b"STARTTLS\r\n")
            f.readline()
        try:
            ctx.wrap_socket(raw, server_hostname="localhost").close()
            return None
        except ssl.SSLCertVerificationError as e:
            return e
    finally:
        raw.close()


# ---------------------------------------------------------------- aiosmtpd checks

def test_aiosmtpd(work, certs):
    ca = os.path.join(certs, "ca.pem")
    leaf = [os.path.join(certs, "localhost.pem"), os.path.join(certs, "localhost.key.pem")]

    with Timer("aiosmtpd start (STARTTLS+AUTH)"):
        srv = Aiosmtpd(work, "aiosmtpd-submission", "--tls-cert", leaf[0], "--tls-key", leaf[1],
                       "--require-starttls", "--auth", f"{USER}:{PASSWORD}", "--auth-required")
    try:
        adv, code = auth_before_tls(srv.port)
        check("aiosmtpd: AUTH not offered and refused before STARTTLS", not adv and code == 530, f"advertised={adv} code={code}")
        codes = auth_mechanisms("starttls", srv.port, ca)
        check("aiosmtpd: AUTH PLAIN and LOGIN after STARTTLS, wrong password refused", auth_ok(codes), str(codes))

        def refused_without_auth():
            try:
                send("starttls", srv.port, ca, b"Subject: x\r\n\r\nx\r\n", RCPTS[:1], login=False)
                check("aiosmtpd: MAIL without AUTH refused", False, "accepted")
            except smtplib.SMTPSenderRefused as e:
                check("aiosmtpd: MAIL without AUTH refused", e.smtp_code == 530, str(e))
        attempt("aiosmtpd: MAIL without AUTH refused", refused_without_auth)

        def good():
            msg = message("aiosmtpd")
            refused = send("starttls", srv.port, ca, msg, RCPTS, mail_options=["BODY=8BITMIME"])
            wait_messages(srv.store, 1)
            eml, meta = read_stored(srv.store, 1)
            check("aiosmtpd: STARTTLS+AUTH message accepted for both recipients", refused == {}, str(refused))
            check("aiosmtpd: stored bytes equal the sent bytes (dot-unstuffed)", eml == msg, repr(eml[:200]))
            check("aiosmtpd: envelope recipients include the Bcc-only one", meta["rcpt_tos"] == RCPTS, str(meta))
            check("aiosmtpd: envelope sender, options, TLS and login recorded",
                  meta["mail_from"] == "a@example.test" and "BODY=8BITMIME" in meta["mail_options"]
                  and meta["tls"] is True and meta["auth_login"] == USER, str(meta))
        attempt("aiosmtpd: STARTTLS+AUTH message", good)

        def bare_lf():
            send("starttls", srv.port, ca, BARE_LF, RCPTS[:1])
            wait_messages(srv.store, 2)
            eml, _ = read_stored(srv.store, 2)
            check("aiosmtpd: bare LF accepted and stored as received", eml == BARE_LF, repr(eml))
        attempt("aiosmtpd: bare LF accepted", bare_lf)

        def utf8():
            msg = "Subject: ünïcode\r\nFrom: jörg@exämple.test\r\n\r\nhi\r\n".encode()
            send("starttls", srv.port, ca, msg, ["bü@exämple.test"], mail_options=["SMTPUTF8", "BODY=8BITMIME"])
            wait_messages(srv.store, 3)
            eml, meta = read_stored(srv.store, 3)
            check("aiosmtpd: SMTPUTF8 envelope and raw UTF-8 headers stored",
                  eml == msg and meta["rcpt_tos"] == ["bü@exämple.test"] and "SMTPUTF8" in meta["mail_options"], str(meta))
        attempt("aiosmtpd: SMTPUTF8", utf8)

        def big():
            body = (b"0123456789abcdef" * 4 + b"\r\n") * (10 * 1024 * 1024 // 66 + 1)
            msg = b"Subject: ten MiB\r\n\r\n" + body
            send("starttls", srv.port, ca, msg, RCPTS[:1])
            wait_messages(srv.store, 4)
            eml, _ = read_stored(srv.store, 4)
            check("aiosmtpd: 10 MiB message stored intact", eml == msg, f"{len(eml)} vs {len(msg)}")
        attempt("aiosmtpd: 10 MiB message", big)
    finally:
        with Timer("aiosmtpd stop"):
            rc = srv.stop()
        check("aiosmtpd: clean exit on SIGTERM", rc == 0, f"exit {rc}")

    # Implicit TLS with the good certificate.
    def implicit():
        srv = Aiosmtpd(work, "aiosmtpd-implicit", "--tls-cert", leaf[0], "--tls-key", leaf[1],
                       "--implicit-tls", "--auth", f"{USER}:{PASSWORD}")
        try:
            codes = auth_mechanisms("implicit", srv.port, ca)
            check("aiosmtpd: implicit TLS: AUTH PLAIN and LOGIN, wrong password refused", auth_ok(codes), str(codes))
            msg = message("implicit")
            send("implicit", srv.port, ca, msg, RCPTS)
            wait_messages(srv.store, 1)
            eml, meta = read_stored(srv.store, 1)
            check("aiosmtpd: implicit TLS + AUTH, stored bytes and envelope", eml == msg and meta["rcpt_tos"] == RCPTS
                  and meta["tls"], str(meta))
        finally:
            srv.stop()
    attempt("aiosmtpd: implicit TLS", implicit)

    # Bad certificates are served and fail verification against the CA for the expected reason.
    expected = {
        "wrong-host": (62, "hostname mismatch"),  # X509_V_ERR_HOSTNAME_MISMATCH
        "self-signed": (18, "self-signed"),       # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        "expired": (10, "expired"),               # X509_V_ERR_CERT_HAS_EXPIRED
    }
    servers = {}
    try:
        for variant in expected:
            for mode in ("starttls", "implicit"):
                args = ["--tls-cert", os.path.join(certs, f"{variant}.pem"),
                        "--tls-key", os.path.join(certs, f"{variant}.key.pem")]
                args += ["--implicit-tls"] if mode == "implicit" else ["--require-starttls"]
                servers[(variant, mode)] = Aiosmtpd(work, f"aiosmtpd-{variant}-{mode}", *args)
        for (variant, mode), srv in servers.items():
            code, words = expected[variant]
            err = served_cert_error(srv.port, ca, mode == "implicit")
            check(f"aiosmtpd: {variant} certificate served ({mode}) and refused: {words}",
                  err is not None and err.verify_code == code,
                  f"got {err!r}" + (f" code {err.verify_code}" if err else ""))
    except Exception as e:  # noqa: BLE001
        check("aiosmtpd: bad certificates", False, f"{type(e).__name__}: {e}")
    finally:
        for srv in servers.values():
            srv.stop()

    # Silent mode: TCP connects, no greeting ever comes.
    def silent():
        srv = Aiosmtpd(work, "aiosmtpd-silent", "--silent")
        try:
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.settimeout(1.5)
            try:
                data = s.recv(1)
                check("aiosmtpd: --silent sends no greeting", False, f"got {data!r}")
            except socket.timeout:
                check("aiosmtpd: --silent accepts and sends no greeting", True)
            finally:
                s.close()
        finally:
            rc = srv.stop()
            check("aiosmtpd: --silent clean exit on SIGTERM", rc == 0, f"exit {rc}")
    attempt("aiosmtpd: --silent", silent)


# ---------------------------------------------------------------- Postfix checks

def postfix(action, directory, **env):
    e = dict(os.environ, **env)
    r = subprocess.run(["bash", POSTFIX, action, directory], env=e, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=120)
    if r.returncode != 0 and action == "start":
        raise RuntimeError(f"postfix.sh start failed: {r.stderr.strip()[-800:]}")
    return r


def read_env(path):
    out = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            if k:
                out[k] = v
    return out


def instance_pids(directory):
    pids = []
    for name in ("queue/pid/master.pid", "sink.pid"):
        try:
            pids.append(int(open(os.path.join(directory, name)).read().strip()))
        except (OSError, ValueError):
            pass
    return pids


def pids_running_in(directory):
    """Processes whose command line mentions the instance directory (children inherit nothing else)."""
    found = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if directory in cmd and int(p) != os.getpid():
                found.append((int(p), cmd))
    return found


def postfix_children():
    """Postfix daemons (master and its children) whose master runs with our config."""
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                exe = os.readlink(f"/proc/{p}/exe")
            except OSError:
                continue
            if exe.startswith("/usr/lib/postfix/sbin/") or exe == "/usr/sbin/smtp-sink":
                out.append(int(p))
    return out


def test_postfix(work, certs):
    ca = os.path.join(certs, "ca.pem")
    d1 = os.path.join(work, "postfix")
    d2 = os.path.join(work, "postfix-smtp-sink")
    before = set(postfix_children())
    try:
        with Timer("postfix start (aiosmtpd sink)"):
            postfix("start", d1, WASMAIL_CERT_DIR=certs)
        env = read_env(os.path.join(d1, "ports.env"))
        check("postfix: ports.env written", all(k in env for k in ("SUBMISSION_PORT", "SMTPS_PORT", "STRICT_PORT", "SINK_PORT")), str(env))
        store = env["SINK_DIR"]
        ports = {"submission": ("starttls", int(env["SUBMISSION_PORT"])),
                 "smtps": ("implicit", int(env["SMTPS_PORT"])),
                 "strict": ("starttls", int(env["STRICT_PORT"]))}
        count = 0

        for name in ("submission", "strict"):
            adv, code = auth_before_tls(ports[name][1])
            check(f"postfix {name}: AUTH not offered and refused before STARTTLS", not adv and code in (503, 530, 538),
                  f"advertised={adv} code={code}")

        for name, (kind, port) in ports.items():
            def one(name=name, kind=kind, port=port):
                nonlocal count
                err = served_cert_error(port, ca, kind == "implicit")
                check(f"postfix {name}: localhost certificate verifies against the CA", err is None, repr(err))
                codes = auth_mechanisms(kind, port, ca)
                check(f"postfix {name}: AUTH PLAIN and LOGIN, wrong password refused", auth_ok(codes), str(codes))
                msg = message(f"postfix-{name}")
                refused = send(kind, port, ca, msg, RCPTS, mail_options=["BODY=8BITMIME"])
                count += 1
                wait_messages(store, count)
                eml, meta = read_stored(store, count)
                n_received, rest = strip_received(eml)
                check(f"postfix {name}: accepted for both recipients", refused == {}, str(refused))
                check(f"postfix {name}: relayed bytes = Postfix Received header + sent bytes",
                      n_received == 1 and rest == msg, repr(eml[:300]))
                check(f"postfix {name}: envelope recipients include the Bcc-only one and nothing else",
                      meta["rcpt_tos"] == RCPTS and meta["mail_from"] == "a@example.test", str(meta))
            attempt(f"postfix {name}: message", one)

        def many():
            nonlocal count
            rcpts = [f"r{i:03}@example.test" for i in range(120)]
            body = (b"x" * 76 + b"\r\n") * (10 * 1024 * 1024 // 78 + 1)
            msg = b"Subject: 120 recipients, 10 MiB\r\n\r\n" + body
            send("starttls", ports["submission"][1], ca, msg, rcpts)
            count += 1
            wait_messages(store, count, timeout=60)
            eml, meta = read_stored(store, count)
            _, rest = strip_received(eml)
            check("postfix submission: 120 recipients and 10 MiB relayed in one transaction, intact",
                  rest == msg and meta["rcpt_tos"] == rcpts, f"{len(meta['rcpt_tos'])} recipients, {len(rest)} bytes")
        attempt("postfix submission: 120 recipients", many)

        def unauth_submission():
            try:
                send("starttls", ports["submission"][1], ca, b"Subject: x\r\n\r\nx\r\n", RCPTS[:1], login=False)
                check("postfix submission: relaying without AUTH refused", False, "accepted")
            except smtplib.SMTPRecipientsRefused as e:
                check("postfix submission: relaying without AUTH refused", True)
        attempt("postfix submission: relaying without AUTH refused", unauth_submission)

        for name, (kind, port) in ports.items():
            def bare(name=name, kind=kind, port=port):
                nonlocal count
                if name == "strict":
                    try:
                        send(kind, port, ca, BARE_LF, RCPTS[:1])
                        check("postfix strict: bare LF rejected", False, "accepted")
                    except smtplib.SMTPDataError as e:
                        check("postfix strict: bare LF rejected", e.smtp_code == 550, str(e))
                else:
                    send(kind, port, ca, BARE_LF, RCPTS[:1])
                    count += 1
                    wait_messages(store, count)
                    eml, _ = read_stored(store, count)
                    _, rest = strip_received(eml)
                    check(f"postfix {name}: bare LF accepted (relayed as CRLF)",
                          rest == BARE_LF.replace(b"e\nline", b"e\r\nline"), repr(rest))
            attempt(f"postfix {name}: bare LF", bare)

        def utf8():
            nonlocal count
            msg = "Subject: ünïcode\r\nFrom: jörg@exämple.test\r\n\r\nhi\r\n".encode()
            send("starttls", ports["strict"][1], ca, msg, ["bü@exämple.test"], mail_options=["SMTPUTF8", "BODY=8BITMIME"])
            count += 1
            wait_messages(store, count)
            eml, meta = read_stored(store, count)
            _, rest = strip_received(eml)
            check("postfix strict: SMTPUTF8 relayed into the aiosmtpd sink",
                  rest == msg and meta["rcpt_tos"] == ["bü@exämple.test"] and "SMTPUTF8" in meta["mail_options"], str(meta))
        attempt("postfix strict: SMTPUTF8", utf8)

        # A second instance at the same time, relaying into smtp-sink.
        def second():
            with Timer("postfix start (smtp-sink)"):
                postfix("start", d2, WASMAIL_CERT_DIR=certs, WASMAIL_PF_SINK="smtp-sink")
            env2 = read_env(os.path.join(d2, "ports.env"))
            check("postfix: two instances run at once", env2["STRICT_PORT"] != env["STRICT_PORT"]
                  and postfix("status", d1).returncode == 0 and postfix("status", d2).returncode == 0)
            msg = message("smtp-sink")
            send("starttls", int(env2["STRICT_PORT"]), ca, msg, RCPTS)
            deadline = time.monotonic() + 30
            while True:
                files = [os.path.join(env2["SINK_DIR"], f) for f in os.listdir(env2["SINK_DIR"])]
                files = [f for f in files if time.time() - os.stat(f).st_mtime > 0.3]
                if files or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            check("postfix smtp-sink: one dump file", len(files) == 1, str(files))
            data = open(files[0], "rb").read()
            head, _, rest = data.partition(b"\nReceived: ")
            xs = [line.split(b": ", 1) for line in head.split(b"\n")]
            rcpts = [v.split(b" ")[0] for k, v in xs if k == b"X-Rcpt-Args"]
            mail = [v.split(b" ")[0] for k, v in xs if k == b"X-Mail-Args"]
            check("postfix smtp-sink: envelope in X-Mail-Args / X-Rcpt-Args",
                  mail == [b"<a@example.test>"] and rcpts == [f"<{r}>".encode() for r in RCPTS], repr(head))
            n_received, body = strip_received(b"Received: " + rest, crlf=b"\n")
            check("postfix smtp-sink: dump = 2 Received headers + sent bytes with LF line ends + empty line",
                  n_received == 2 and body == msg.replace(b"\r\n", b"\n") + b"\n", repr(body[:200]))
        attempt("postfix: second instance with smtp-sink", second)
    finally:
        with Timer("postfix stop (each)"):
            postfix("stop", d1)
        postfix("stop", d2)
        left = [p for p in postfix_children() if p not in before] + [p for p, _ in pids_running_in(work)]
        check("postfix: stop leaves no process behind", not left, str(left))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", help="directory for certificates, stores and instances (default: a new temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--no-postfix", action="store_true")
    args = ap.parse_args()

    start = time.monotonic()
    work = args.workdir or tempfile.mkdtemp(prefix="wasmail-harness-")
    os.makedirs(work, exist_ok=True)
    work = os.path.abspath(work)
    os.chmod(work, 0o755)  # the postfix user must reach the instance directories
    certs = os.path.join(work, "certs")
    try:
        with Timer("make certs"):
            subprocess.run([sys.executable, os.path.join(HERE, "make_certs.py"), certs], check=True,
                           stdout=subprocess.DEVNULL)
        test_aiosmtpd(work, certs)
        if not args.no_postfix:
            test_postfix(work, certs)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    for k, v in timings.items():
        print(f"time {k}: {v:.2f} s")
    failed = [n for n, ok in results if not ok]
    print(f"selftest: {len(results) - len(failed)} passed, {len(failed)} failed ({time.monotonic() - start:.1f} s)")
    for n in failed:
        print(f"  failed: {n}")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
