#!/usr/bin/env python3
"""Interop tests: `wasmail send` through real SMTP servers (aiosmtpd and Postfix).

Every message is also built with `wasmail compose` from the same flags and fixed context; what the
server stored must equal those bytes (after the relay's own Received header, for Postfix), the
envelope must be right, and no Bcc header may appear. Bad certificates must be refused with a clear
error and nothing sent. The sending command is pluggable (`--send-cmd`), so the WASI build runs the
same cases through wasmtime.

Prints one line per case and `interop: N passed, M failed` at the end; exits 1 on any failure.
"""
import argparse
import email
import email.policy
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVERS = HERE.parent / "servers"
CONTEXT = ["--date", "2026-11-23T10:15:00+01:00", "--utc-offset", "+01:00",
           "--seed", "5eed" * 16, "--message-id-domain", "client.wasmail.test"]
USER, PASSWORD = "user", "secret"

results = []


def check(name, fn):
    started = time.monotonic()
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
        results.append((name, False))
        print(f"FAIL {name}: {exc}", flush=True)
    else:
        results.append((name, True))
        print(f"ok   {name} ({time.monotonic() - started:.1f}s)", flush=True)


class Aiosmtpd:
    """One aiosmtpd_server.py process with its own store."""

    def __init__(self, work, name, cert, extra=()):
        self.store = work / f"store-{name}"
        self.store.mkdir()
        ready = work / f"ready-{name}"
        certs = work / "certs"
        args = [sys.executable, str(SERVERS / "aiosmtpd_server.py"), "--ready-file", str(ready),
                "--store", str(self.store), "--tls-cert", str(certs / f"{cert}.pem"),
                "--tls-key", str(certs / f"{cert}.key.pem"), "--auth", f"{USER}:{PASSWORD}", *extra]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(work / f"{name}.log", "w"))
        deadline = time.monotonic() + 20
        while not ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"aiosmtpd {name} did not start; see {name}.log")
            time.sleep(0.05)
        self.port = int(ready.read_text().strip())
        self.taken = 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)

    def stored(self):
        return sorted(self.store.glob("*.json"), key=lambda p: int(p.stem))

    def take(self, count=1, timeout=30):
        """The next `count` stored messages as (eml bytes, envelope)."""
        deadline = time.monotonic() + timeout
        while len(self.stored()) < self.taken + count:
            if time.monotonic() > deadline:
                raise AssertionError(f"server stored {len(self.stored()) - self.taken} of {count} messages")
            time.sleep(0.05)
        out = []
        for meta in self.stored()[self.taken:self.taken + count]:
            out.append((meta.with_suffix(".eml").read_bytes(), json.loads(meta.read_text())))
        self.taken += count
        return out


class Postfix:
    def __init__(self, work):
        self.dir = work / "postfix"
        env = dict(os.environ, WASMAIL_CERT_DIR=str(work / "certs"),
                   WASMAIL_SMTP_USER=USER, WASMAIL_SMTP_PASSWORD=PASSWORD)
        subprocess.run([str(SERVERS / "postfix.sh"), "start", str(self.dir)], check=True,
                       env=env, stdout=subprocess.DEVNULL)
        self.ports = {}
        for line in (self.dir / "ports.env").read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                self.ports[key] = value.split("#")[0].strip()
        self.sink = Path(self.ports["SINK_DIR"])
        self.seen = set()

    def stop(self):
        subprocess.run([str(SERVERS / "postfix.sh"), "stop", str(self.dir)], check=False,
                       stdout=subprocess.DEVNULL)

    def take_by_message_id(self, message_id, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for meta in sorted(self.sink.glob("*.json")):
                if meta in self.seen:
                    continue
                eml = meta.with_suffix(".eml").read_bytes()
                if message_id.encode() in header_block(eml):
                    self.seen.add(meta)
                    return strip_received(eml), json.loads(meta.read_text())
            time.sleep(0.1)
        raise AssertionError(f"Postfix did not relay {message_id} within {timeout}s; see {self.dir}/log")


def header_block(eml):
    end = eml.find(b"\r\n\r\n")
    return eml if end < 0 else eml[:end]


def strip_received(eml):
    """Drops the relay's leading Received headers (with their folded lines)."""
    lines = eml.split(b"\r\n")
    i = 0
    while i < len(lines) and lines[i].lower().startswith(b"received:"):
        i += 1
        while i < len(lines) and lines[i][:1] in (b" ", b"\t"):
            i += 1
    return b"\r\n".join(lines[i:])


def message_id_of(eml):
    msg = email.message_from_bytes(eml, policy=email.policy.default)
    return msg["Message-ID"]


def run(cmd, env=None, timeout=120):
    return subprocess.run(cmd, capture_output=True, env=env, timeout=timeout)


class Tester:
    def __init__(self, args, work):
        self.wasmail = shlex.split(args.wasmail)
        self.send_cmd = shlex.split(args.send_cmd) if args.send_cmd else self.wasmail + ["send"]
        self.work = work
        self.ca = work / "certs" / "ca.pem"
        self.env = dict(os.environ, WASMAIL_PASSWORD=PASSWORD)
        self.files = work / "files"
        self.files.mkdir()

    def compose(self, flags):
        out = run(self.wasmail + ["compose", *flags, *CONTEXT])
        assert out.returncode == 0, f"compose failed: {out.stderr.decode()}"
        return out.stdout

    def send(self, flags, server, tls, expect_code=0):
        cmd = [*self.send_cmd, "--server", server, "--tls", tls, "--user", USER,
               "--ca-file", str(self.ca), "--timeout", "30", "--json", *flags, *CONTEXT]
        out = run(cmd, env=self.env)
        if expect_code is not None:
            assert out.returncode == expect_code, (
                f"send exited {out.returncode}, expected {expect_code}\n"
                f"stdout: {out.stdout.decode()[-2000:]}\nstderr: {out.stderr.decode()[-2000:]}")
        assert PASSWORD.encode() not in out.stdout + out.stderr, "the password appeared in the output"
        return out


def message_cases(files):
    html = files / "body.html"
    html.write_text("<p>Hello <b>world</b></p>\n<p>Second paragraph.</p>\n", encoding="utf-8")
    text = files / "body.txt"
    text.write_text("Hello world\n\nSecond paragraph.\n", encoding="utf-8")
    big = files / "report.bin"
    big.write_bytes(os.urandom(5 * 1024 * 1024))
    base = ["--from", "Alice Sender <alice@example.test>", "--to", "bob@example.test"]
    many = [arg for i in range(120) for arg in ("--to", f"rcpt{i:03d}@example.test")]
    return {
        "plain text": base + ["--subject", "Plain", "--text", "Just text.\n"],
        "html and text": base + ["--subject", "HTML", "--text-file", str(text), "--html-file", str(html)],
        "5 MiB attachment": base + ["--subject", "Big", "--text", "See attached.\n", "--attach", str(big)],
        "UTF-8 subject, names and body": [
            "--from", "Jürgen Müller <juergen@example.test>", "--to", "Zoë Ñandú <zoe@example.test>",
            "--subject", "Grüße aus Köln — 🎉 über alles", "--text", "Schöne Grüße, ça va? 日本語のテキスト\n"],
        "120 recipients": ["--from", "alice@example.test", *many, "--subject", "Many", "--text", "Hi all\n"],
        "Bcc": base + ["--cc", "carol@example.test", "--bcc", "hidden@example.test",
                       "--subject", "Bcc", "--text", "Someone is hidden.\n"],
    }


def expected_rcpts(flags):
    out = []
    for i, flag in enumerate(flags):
        if flag in ("--to", "--cc", "--bcc"):
            value = flags[i + 1]
            out.append(value.split("<")[-1].rstrip(">").strip())
    return sorted(out)


def assert_same_message(stored, composed, flags, envelope):
    assert b"\nbcc:" not in stored.lower() and not stored.lower().startswith(b"bcc:"), "Bcc header leaked"
    if stored != composed:
        a, b = stored.split(b"\r\n"), composed.split(b"\r\n")
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        raise AssertionError(f"stored message differs from compose output at line {first}: "
                             f"{a[first:first + 1]!r} vs {b[first:first + 1]!r} ({len(stored)} vs {len(composed)} bytes)")
    from_addr = flags[flags.index("--from") + 1].split("<")[-1].rstrip(">")
    assert envelope["mail_from"] == from_addr, f"MAIL FROM {envelope['mail_from']} != {from_addr}"
    assert sorted(envelope["rcpt_tos"]) == expected_rcpts(flags), "envelope recipients differ"


def silent_timeout(t, work, servers, limit=3):
    """A server that accepts and never answers: the command must give up after about `limit`
    seconds (plus the runtime's start-up) with a transient failure that says it timed out."""
    silent = Aiosmtpd(work, "silent", "localhost", ["--silent"])
    servers.append(silent)
    flags = ["--from", "alice@example.test", "--to", "bob@example.test", "--text", "hello?\n"]
    cmd = [*t.send_cmd, "--server", f"127.0.0.1:{silent.port}", "--tls", "required", "--user", USER,
           "--ca-file", str(t.ca), "--timeout", str(limit), "--json", *flags, *CONTEXT]
    started = time.monotonic()
    out = run(cmd, env=t.env, timeout=limit + 60)
    elapsed = time.monotonic() - started
    assert out.returncode == 3, f"exited {out.returncode}, expected 3 (transient): {out.stderr.decode()[-600:]}"
    assert limit - 0.2 <= elapsed <= limit + 5, f"gave up after {elapsed:.1f}s with --timeout {limit}"
    err = (out.stdout + out.stderr).decode().lower()
    assert "timed out" in err, f"error does not say it timed out: {err[-600:]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wasmail", required=True, help="the wasmail binary (for compose)")
    parser.add_argument("--send-cmd", help="command that acts as `wasmail send` (default: WASMAIL send)")
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument("--no-postfix", action="store_true")
    parser.add_argument("--wasi", action="store_true",
                        help="the send command is the WASI build: skip --eml, which it does not "
                             "support, and check that a silent server ends in a timeout")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wasmail-interop-", dir="/tmp") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)  # the postfix user must reach the instance directory
        subprocess.run([sys.executable, str(SERVERS / "make_certs.py"), str(work / "certs")],
                       check=True, stdout=subprocess.DEVNULL)
        t = Tester(args, work)
        servers = []
        try:
            aio = Aiosmtpd(work, "starttls", "localhost", ["--require-starttls", "--auth-required"])
            servers.append(aio)
            postfix = None if args.no_postfix else Postfix(work)
            if postfix:
                servers.append(postfix)
            cases = message_cases(t.files)
            targets = [("aiosmtpd STARTTLS+AUTH", f"127.0.0.1:{aio.port}", "required", None)]
            if postfix:
                targets += [
                    ("Postfix submission STARTTLS+AUTH", f"localhost:{postfix.ports['SUBMISSION_PORT']}", "required", postfix),
                    ("Postfix implicit TLS", f"127.0.0.1:{postfix.ports['SMTPS_PORT']}", "implicit", postfix),
                ]
            for target, server, tls, relay in targets:
                for case, flags in cases.items():
                    if args.only and args.only not in f"{target}: {case}":
                        continue

                    def one(flags=flags, server=server, tls=tls, relay=relay):
                        composed = t.compose(flags)
                        t.send(flags, server, tls)
                        if relay:
                            stored, envelope = relay.take_by_message_id(message_id_of(composed))
                        else:
                            [(stored, envelope)] = aio.take()
                            assert envelope["tls"] and envelope["auth_login"] == USER, envelope
                        assert_same_message(stored, composed, flags, envelope)
                    check(f"{target}: {case}", one)

            for cert, words in [("wrong-host", "host name"), ("self-signed", "not trusted"), ("expired", "expired")]:
                def refused(cert=cert, words=words):
                    bad = Aiosmtpd(work, f"bad-{cert}", cert, ["--require-starttls"])
                    servers.append(bad)
                    flags = ["--from", "alice@example.test", "--to", "bob@example.test", "--text", "no\n"]
                    out = t.send(flags, f"127.0.0.1:{bad.port}", "required", expect_code=None)
                    assert out.returncode not in (0, 2), f"send exited {out.returncode} with a {cert} certificate"
                    err = (out.stdout + out.stderr).decode().lower()
                    assert words in err, f"error does not say {words!r}: {err[-600:]}"
                    time.sleep(0.3)
                    assert not bad.stored(), "a message was stored despite the bad certificate"
                if not args.only or args.only in cert:
                    check(f"{cert} certificate refused, nothing sent", refused)

            if args.wasi and (not args.only or "silent" in args.only):
                check("silent server ends in a timeout within --timeout", lambda: silent_timeout(t, work, servers))

            if postfix and not args.wasi and (not args.only or "bare" in args.only):
                def bare_newlines():
                    raw = (b"From: alice@example.test\nTo: bob@example.test\nSubject: bare\n"
                           b"Message-ID: <bare-1@client.wasmail.test>\n\n"
                           b".leading dot\nbare LF\rbare CR\r\n..two dots\n.\nlast line")
                    eml = t.files / "bare.eml"
                    eml.write_bytes(raw)
                    server = f"127.0.0.1:{postfix.ports['STRICT_PORT']}"
                    cmd = [*t.send_cmd, "--server", server, "--tls", "required", "--user", USER,
                           "--ca-file", str(t.ca), "--timeout", "30", "--json", "--eml", str(eml)]
                    out = run(cmd, env=t.env)
                    assert out.returncode == 0, f"send exited {out.returncode}: {out.stderr.decode()[-1500:]}"
                    stored, envelope = postfix.take_by_message_id("<bare-1@client.wasmail.test>")
                    want = (b"From: alice@example.test\r\nTo: bob@example.test\r\nSubject: bare\r\n"
                            b"Message-ID: <bare-1@client.wasmail.test>\r\n\r\n"
                            b".leading dot\r\nbare LF\r\nbare CR\r\n..two dots\r\n.\r\nlast line\r\n")
                    assert stored == want, f"stored {stored!r}"
                    assert envelope["rcpt_tos"] == ["bob@example.test"], envelope
                check("bare LF, bare CR and leading dots through the bare-newline-rejecting port", bare_newlines)
        finally:
            for s in servers:
                try:
                    s.stop()
                except Exception as exc:  # noqa: BLE001
                    print(f"warning: stopping a server: {exc}")

    passed = sum(ok for _, ok in results)
    failed = len(results) - passed
    print(f"interop: {passed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
