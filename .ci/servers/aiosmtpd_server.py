#!/usr/bin/env python3
"""aiosmtpd test server for the interop tests (loopback only, port chosen at run time).

Run with the harness venv's Python (see .ci/lib/install.sh). Examples:

  aiosmtpd_server.py --ready-file R --store S                                  # plain SMTP
  aiosmtpd_server.py --ready-file R --store S --tls-cert C --tls-key K --require-starttls \
      --auth user:secret --auth-required                                      # submission-like
  aiosmtpd_server.py --ready-file R --store S --tls-cert C --tls-key K --implicit-tls
  aiosmtpd_server.py --ready-file R --silent                                  # never answers

--ready-file F: once the server accepts connections, F holds the port number and a newline
(written atomically; poll until it exists). --port P uses a fixed port instead of a free one.

--store DIR: message n (1, 2, ...) is written as DIR/<n>.eml, the exact DATA bytes received
after dot-unstuffing and without the terminating ".\\r\\n" (aiosmtpd's envelope.original_content),
then DIR/<n>.json (written last, atomically: wait for the .json) holding
  {"mail_from": str, "rcpt_tos": [str], "mail_options": [str], "rcpt_options": [str],
   "tls": bool, "auth_login": str|null, "peer": [host, port]}
mail_options/rcpt_options are the ESMTP parameters as sent (e.g. "SIZE=123", "BODY=8BITMIME",
"SMTPUTF8"); rcpt_options is the flat list over all RCPT commands, as aiosmtpd keeps it.

--auth user:password enables AUTH PLAIN and LOGIN, offered and accepted only after TLS
(auth_require_tls); --auth-required additionally refuses MAIL before a successful AUTH.
SMTPUTF8 and 8BITMIME are announced; SIZE is 64 MiB unless --size-limit says otherwise.
--silent accepts TCP connections and never sends a byte (for timeout tests).
SIGTERM/SIGINT stop the server cleanly (exit status 0).
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def atomic_write(path, data):
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class StoreHandler:
    def __init__(self, store, implicit_tls=False):
        self.store = store
        self.implicit_tls = implicit_tls
        self.count = 0
        self.lock = threading.Lock()
        if store:
            os.makedirs(store, exist_ok=True)
            # Continue numbering after files already there (restart into the same directory).
            existing = [int(n.split(".")[0]) for n in os.listdir(store) if n.endswith(".json") and n.split(".")[0].isdigit()]
            self.count = max(existing, default=0)

    async def handle_DATA(self, server, session, envelope):
        if self.store:
            with self.lock:
                self.count += 1
                n = self.count
            meta = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "mail_options": list(envelope.mail_options),
                "rcpt_options": list(envelope.rcpt_options),
                "tls": self.implicit_tls or session.ssl is not None,
                "auth_login": _login_name(session),
                "peer": list(session.peer) if session.peer else None,
            }
            atomic_write(os.path.join(self.store, f"{n}.eml"), envelope.original_content)
            atomic_write(os.path.join(self.store, f"{n}.json"),
                         (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return "250 2.0.0 OK stored"


def _login_name(session):
    if not session.authenticated:
        return None
    data = session.auth_data
    if isinstance(data, (bytes, bytearray)):
        return data.decode("utf-8", "replace")
    return str(data) if data is not None else None


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

    return authenticator


class FreePortController(Controller):
    """Controller that binds port 0 and learns the real port before its self-test connection."""

    def _trigger_server(self):
        if self.port == 0 and self.server is not None:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def run_silent(args):
    """Accept TCP connections and never send anything; keep them open until the peer closes."""
    stop = threading.Event()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((args.host, args.port))
    lsock.listen(64)
    lsock.settimeout(0.2)
    port = lsock.getsockname()[1]
    conns = []

    def drain(conn):
        conn.settimeout(0.2)
        while not stop.is_set():
            try:
                if not conn.recv(65536):
                    break
            except socket.timeout:
                continue
            except OSError:
                break
        conn.close()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    announce(args, port)
    while not stop.is_set():
        try:
            conn, _ = lsock.accept()
        except socket.timeout:
            continue
        except OSError:
            break
        t = threading.Thread(target=drain, args=(conn,), daemon=True)
        t.start()
        conns.append(t)
    lsock.close()
    for t in conns:
        t.join(1)
    unannounce(args)
    return 0


def announce(args, port):
    if args.ready_file:
        atomic_write(args.ready_file, f"{port}\n".encode())
    print(f"listening on {args.host}:{port}", flush=True)


def unannounce(args):
    if args.ready_file:
        try:
            os.unlink(args.ready_file)
        except FileNotFoundError:
            pass


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="fixed port (default: a free one)")
    p.add_argument("--ready-file")
    p.add_argument("--store", help="directory for <n>.eml and <n>.json")
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--require-starttls", action="store_true")
    p.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte (SMTPS)")
    p.add_argument("--auth", metavar="USER:PASSWORD")
    p.add_argument("--auth-required", action="store_true")
    p.add_argument("--size-limit", type=int, default=64 * 1024 * 1024)
    p.add_argument("--hostname", default="localhost", help="name in the greeting and EHLO reply")
    p.add_argument("--silent", action="store_true")
    p.add_argument("--debug", action="store_true")
    args = p.parse_args()

    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # Noise: aiosmtpd touches its own deprecated Session.login_data on every AUTH, and warns about
    # auth_require_tls=False, which is right for implicit TLS (see below).
    logging.getLogger("mail.log").addFilter(
        lambda r: "login_data is deprecated" not in r.getMessage() and "auth_require_tls == False" not in r.getMessage())
    if args.silent:
        return run_silent(args)

    if (args.tls_cert is None) != (args.tls_key is None):
        p.error("--tls-cert and --tls-key go together")
    if (args.require_starttls or args.implicit_tls) and not args.tls_cert:
        p.error("--require-starttls/--implicit-tls need --tls-cert/--tls-key")
    if args.auth_required and not args.auth:
        p.error("--auth-required needs --auth")

    ctx = None
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)

    kwargs = dict(
        data_size_limit=args.size_limit,
        enable_SMTPUTF8=True,
        decode_data=False,
        server_hostname=args.hostname,
        ident="wasmail test aiosmtpd",
        auth_require_tls=True,
        auth_required=args.auth_required,
    )
    if args.auth:
        user, sep, password = args.auth.partition(":")
        if not sep:
            p.error("--auth wants USER:PASSWORD")
        kwargs["authenticator"] = make_authenticator(user, password)
    if ctx is not None and not args.implicit_tls:
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = args.require_starttls
    if args.implicit_tls:
        kwargs["ssl_context"] = ctx
        # aiosmtpd only knows about TLS it started itself (STARTTLS); on an implicit-TLS listener
        # every session is encrypted, so "AUTH only over TLS" holds without its check.
        kwargs["auth_require_tls"] = False

    handler = StoreHandler(args.store, implicit_tls=args.implicit_tls)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    controller = FreePortController(handler, hostname=args.host, port=args.port, **kwargs)
    try:
        controller.start()
    except Exception as e:
        print(f"could not start: {e}", file=sys.stderr)
        return 1

    announce(args, controller.port)
    while not stop.wait(0.5):
        pass
    controller.stop()
    unannounce(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
