#!/usr/bin/env bash
# Private Postfix instance for the interop tests, configured entirely under DIR.
#
#   .ci/servers/postfix.sh start DIR     # (re)start; prints DIR/ports.env when every port listens
#   .ci/servers/postfix.sh stop DIR      # stop Postfix and its sink, wait until they are gone
#   .ci/servers/postfix.sh status DIR    # exit 0 when the instance's master is running
#
# Needs root and the packages from .ci/lib/install.sh (wasmail_install_postfix, wasmail_install_venv).
# DIR must be reachable by the postfix user (every parent directory searchable, e.g. under /tmp):
# the daemons run as postfix and read the sasldb there. Several instances can run at once (one DIR each).
#
# Listeners on 127.0.0.1, ports chosen free at start and written to DIR/ports.env:
#   SUBMISSION_PORT  STARTTLS required (smtpd_tls_security_level=encrypt), AUTH PLAIN/LOGIN after TLS,
#                    relaying only when authenticated
#   SMTPS_PORT       implicit TLS (smtpd_tls_wrappermode=yes), same AUTH, relaying only when authenticated
#   STRICT_PORT      smtpd_forbid_bare_newline=reject (no exclusions), STARTTLS offered, AUTH after TLS,
#                    relaying for 127.0.0.0/8 with or without AUTH
#   SINK_PORT        the sink that receives everything Postfix relays (mydestination is empty)
# The sink stores each relayed transaction in DIR/sink/ (formats in .ci/servers/README.md):
#   default                   aiosmtpd_server.py --store: <n>.eml (exact bytes) + <n>.json (envelope)
#   WASMAIL_PF_SINK=smtp-sink Postfix's smtp-sink -d: one text file per transaction, envelope as X-* lines
#                             (no SMTPUTF8: Postfix bounces mail that needs it; CRLF stored as LF)
#
# Environment: WASMAIL_SMTP_USER (default "user"), WASMAIL_SMTP_PASSWORD (default "secret"),
# WASMAIL_CERT_DIR (default DIR/certs; created with make_certs.py when missing),
# WASMAIL_PF_CERT / WASMAIL_PF_KEY (served certificate; default the localhost leaf of the cert dir).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/install.sh
. "$HERE/../lib/install.sh"

REALM=wasmail.test
die() { echo "postfix.sh: $*" >&2; exit 1; }

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

py() {
    if [ -x "$WASMAIL_PY" ]; then "$WASMAIL_PY" "$@"; else python3 "$@"; fi
}

# N distinct free loopback ports (bound together, then released).
free_ports() {
    py - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

# Wait until every port accepts a TCP connection (timeout in seconds as first argument), then check
# that each has exactly one listening socket: Postfix binds with SO_REUSEPORT, so a port that another
# root process's Postfix already listens on is shared silently instead of failing.
wait_ports() {
    local timeout="$1"; shift
    py - "$timeout" "$@" <<'EOF'
import socket, sys, time
deadline = time.monotonic() + float(sys.argv[1])
ports = [int(p) for p in sys.argv[2:]]
for port in ports:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"port {port} does not accept connections")
            time.sleep(0.05)
listeners = {}
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        lines = open(table).read().splitlines()[1:]
    except OSError:
        continue
    for line in lines:
        f = line.split()
        if f[3] == "0A":  # LISTEN
            port = int(f[1].rsplit(":", 1)[1], 16)
            listeners[port] = listeners.get(port, 0) + 1
shared = [p for p in ports if listeners.get(p, 0) > 1]
if shared:
    sys.exit(f"ports shared with another listener: {shared}")
EOF
}

# Running and not a zombie (daemons are reparented to PID 1, which may reap them late).
pid_alive() {
    local state
    [ -n "${1:-}" ] || return 1
    state="$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

master_pid() {
    local f="$1/queue/pid/master.pid"
    [ -f "$f" ] || return 1
    local pid
    pid="$(tr -d ' \n' <"$f")"
    pid_alive "$pid" && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = /usr/lib/postfix/sbin/master ] \
        && echo "$pid"
}

# Live processes whose working directory is the instance's queue directory (Postfix daemons).
queue_procs() {
    local p out=""
    for p in /proc/[0-9]*; do
        if [ "$(readlink "$p/cwd" 2>/dev/null)" = "$1/queue" ] && pid_alive "${p#/proc/}"; then
            out="$out ${p#/proc/}"
        fi
    done
    echo "${out# }"
}

do_stop() {
    local dir="$1" pid i
    if [ -f "$dir/conf/main.cf" ] && pid="$(master_pid "$dir")"; then
        postfix -c "$dir/conf" stop >>"$dir/log/postfix-ctl.log" 2>&1 </dev/null || true
        for i in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
        if pid_alive "$pid"; then
            postfix -c "$dir/conf" abort >>"$dir/log/postfix-ctl.log" 2>&1 </dev/null || kill -9 "$pid" 2>/dev/null || true
            for i in $(seq 50); do pid_alive "$pid" || break; sleep 0.1; done
        fi
    fi
    # The master's children (smtpd, qmgr, ...) run in the queue directory: wait for them too.
    local left=""
    for i in $(seq 50); do
        left="$(queue_procs "$dir")"
        [ -z "$left" ] && break
        sleep 0.1
    done
    if [ -n "$left" ]; then
        # shellcheck disable=SC2086
        kill -9 $left 2>/dev/null || true
    fi
    if [ -f "$dir/sink.pid" ]; then
        pid="$(cat "$dir/sink.pid")"
        # Only a process that is this instance's sink (its command line names DIR/sink).
        if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/sink"; then
            kill "$pid" 2>/dev/null || true
            for i in $(seq 50); do pid_alive "$pid" || break; sleep 0.1; done
            if pid_alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
        fi
        rm -f "$dir/sink.pid" "$dir/sink.ready"
    fi
    rm -f "$dir/ports.env"
}

write_config() {
    local dir="$1" sub="$2" smtps="$3" strict="$4" sink="$5" cert="$6" key="$7"
    cat >"$dir/conf/main.cf" <<EOF
# Private test instance; generated by postfix.sh, rewritten at every start.
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $dir/log/maillog
maillog_file_prefixes = $dir/log
myhostname = mx.$REALM
mydomain = $REALM
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
# Deliver nothing locally: relay every recipient to the smtp-sink.
mydestination =
relay_domains =
local_recipient_maps =
local_transport = error:5.1.1 local delivery disabled in the test instance
relayhost = [127.0.0.1]:$sink
smtp_dns_support_level = disabled
smtp_tls_security_level = none
smtp_helo_name = \$myhostname
# One relayed transaction per message even with many recipients (the default splits at 50).
default_destination_recipient_limit = 1000
smtp_destination_recipient_limit = 1000
smtpd_peername_lookup = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
in_flow_delay = 0
smtpd_forbid_bare_newline_exclusions =
# Keep the message as the client sent it (only trace headers are added).
always_add_missing_headers = no
local_header_rewrite_clients =
remote_header_rewrite_domain =
append_dot_mydomain = no
disable_mime_output_conversion = yes
smtpd_tls_received_header = no
message_size_limit = 52428800
mailbox_size_limit = 0
smtputf8_enable = yes
notify_classes =
biff = no
minimal_backoff_time = 5s
maximal_backoff_time = 30s
queue_run_delay = 5s
# TLS (server side) and Cyrus SASL with a private sasldb.
smtpd_tls_cert_file = $cert
smtpd_tls_key_file = $key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 0
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $dir/conf/sasl
smtpd_sasl_local_domain = $REALM
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
EOF
    # All services unchrooted (chroot column "n") so the daemons can reach DIR.
    cat >"$dir/conf/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$sub inet n   -       n       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$smtps inet n -       n       -       -       smtpd
  -o syslog_name=postfix/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$strict inet n -      n       -       -       smtpd
  -o syslog_name=postfix/strict
  -o smtpd_forbid_bare_newline=reject
  -o smtpd_forbid_bare_newline_exclusions=
  -o smtpd_tls_security_level=may
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
    mkdir -p "$dir/conf/sasl"
    cat >"$dir/conf/sasl/smtpd.conf" <<EOF
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $dir/sasldb2
mech_list: PLAIN LOGIN
EOF
    # Postfix re-reads a main.cf modified in the last seconds until it looks settled (about 2 s of
    # 300 ms sleeps per command): date the generated files in the past.
    touch -d '-1 minute' "$dir/conf/main.cf" "$dir/conf/master.cf" "$dir/conf/sasl/smtpd.conf"
}

do_start() {
    local dir="$1"
    [ "$(id -u)" = 0 ] || die "must run as root (Postfix's master runs as root)"
    command -v postfix >/dev/null && [ -x /usr/sbin/smtp-sink ] && command -v saslpasswd2 >/dev/null \
        || die "postfix/sasl2-bin missing: run wasmail_install_postfix from .ci/lib/install.sh"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    do_stop "$dir" 2>/dev/null || true
    # A start is a fresh instance: no queued mail or stored messages from an earlier run. The queue's
    # directory tree is kept (postfix check takes seconds to create it), its files are not.
    [ -d "$dir/queue" ] && find "$dir/queue" -type f -delete
    rm -rf "$dir/sink" "$dir/log" "$dir/ports.env"
    mkdir -p "$dir/conf" "$dir/queue" "$dir/data" "$dir/log" "$dir/sink"
    chmod 755 "$dir" "$dir/conf" "$dir/log"
    chown postfix:postfix "$dir/data" "$dir/sink"
    if ! runuser -u postfix -- test -x "$dir" 2>/dev/null; then
        die "the postfix user cannot reach $dir: use a directory whose parents are searchable (e.g. under /tmp)"
    fi

    local certs="${WASMAIL_CERT_DIR:-$dir/certs}"
    if [ ! -f "$certs/ca.pem" ] || [ ! -f "$certs/localhost.pem" ]; then
        py "$HERE/make_certs.py" "$certs" >/dev/null
    fi
    certs="$(cd "$certs" && pwd)"
    local cert="${WASMAIL_PF_CERT:-$certs/localhost.pem}" key="${WASMAIL_PF_KEY:-$certs/localhost.key.pem}"

    local user="${WASMAIL_SMTP_USER:-user}" password="${WASMAIL_SMTP_PASSWORD:-secret}"
    rm -f "$dir/sasldb2"
    printf '%s' "$password" | saslpasswd2 -p -c -f "$dir/sasldb2" -u "$REALM" "$user"
    chown root:postfix "$dir/sasldb2"
    chmod 640 "$dir/sasldb2"

    local mode="${WASMAIL_PF_SINK:-aiosmtpd}" attempt sub smtps strict sink i ok=0
    case "$mode" in aiosmtpd | smtp-sink) ;; *) die "WASMAIL_PF_SINK must be aiosmtpd or smtp-sink" ;; esac
    for attempt in 1 2 3; do
        rm -f "$dir/sink.ready"
        if [ "$mode" = smtp-sink ]; then
            read -r sub smtps strict sink <<<"$(free_ports 4)"
            # -u drops root after binding; -d dumps one file per transaction (strftime + random hex).
            /usr/sbin/smtp-sink -4 -u postfix -h "sink.$REALM" -d "$dir/sink/%Y%m%d-%H%M%S." \
                "127.0.0.1:$sink" 256 >"$dir/log/sink.log" 2>&1 </dev/null &
            echo $! >"$dir/sink.pid"
        else
            [ -x "$WASMAIL_PY" ] || die "the harness venv is missing: run wasmail_install_venv from .ci/lib/install.sh"
            "$WASMAIL_PY" "$HERE/aiosmtpd_server.py" --store "$dir/sink" --ready-file "$dir/sink.ready" \
                --hostname "sink.$REALM" >"$dir/log/sink.log" 2>&1 </dev/null &
            echo $! >"$dir/sink.pid"
            for i in $(seq 200); do [ -s "$dir/sink.ready" ] && break; sleep 0.05; done
            [ -s "$dir/sink.ready" ] || { cat "$dir/log/sink.log" >&2; do_stop "$dir"; die "the sink did not start"; }
            sink="$(tr -d '\n' <"$dir/sink.ready")"
            read -r sub smtps strict <<<"$(free_ports 3)"
        fi
        write_config "$dir" "$sub" "$smtps" "$strict" "$sink" "$cert" "$key"
        # postfix start runs postfix check's fatal checks itself (creating the queue directories) and
        # leaves a background check running with the caller's stdout: redirect.
        if postfix -c "$dir/conf" start >"$dir/log/postfix-ctl.log" 2>&1 </dev/null \
            && wait_ports 20 "$sink" "$sub" "$smtps" "$strict" 2>>"$dir/log/postfix-ctl.log"; then
            ok=1
            break
        fi
        echo "postfix.sh: start attempt $attempt failed (port taken?), retrying" >&2
        do_stop "$dir"
    done
    if [ "$ok" != 1 ]; then
        tail -n 20 "$dir/log/postfix-ctl.log" "$dir/log/maillog" >&2 2>/dev/null || true
        echo "postfix.sh: for configuration errors run: postfix -c $dir/conf check" >&2
        die "could not start Postfix in $dir"
    fi
    cat >"$dir/ports.env.tmp" <<EOF
SUBMISSION_PORT=$sub
SMTPS_PORT=$smtps
STRICT_PORT=$strict
SINK_PORT=$sink
SINK_DIR=$dir/sink
SINK_FORMAT=$mode
SMTP_USER=$user
SMTP_PASSWORD=$password
CA_FILE=$certs/ca.pem
EOF
    mv "$dir/ports.env.tmp" "$dir/ports.env"
    cat "$dir/ports.env"
}

[ $# -eq 2 ] || usage
case "$1" in
    start) do_start "$2" ;;
    stop)
        [ -d "$2" ] || exit 0
        do_stop "$(cd "$2" && pwd)"
        ;;
    status)
        master_pid "$(cd "$2" && pwd)" >/dev/null
        ;;
    *) usage ;;
esac
