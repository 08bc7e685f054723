# shellcheck shell=bash
# Idempotent installers for the test harness. Source this file, then call the functions:
#
#   . .ci/lib/install.sh
#   wasmail_install_venv      # Python venv with aiosmtpd + cryptography (prints nothing when done before)
#   wasmail_install_postfix   # Debian postfix + sasl2-bin (+ SASL PLAIN/LOGIN modules), as root
#   "$WASMAIL_PY" .ci/servers/aiosmtpd_server.py ...
#
# Everything is cached outside the repository, in ${WASMAIL_CACHE:-$HOME/.cache/wasmail}.
# Works unattended (CI=true, no stdin, root). Each function returns non-zero on failure.

WASMAIL_CACHE="${WASMAIL_CACHE:-${HOME:-$(cd ~ && pwd)}/.cache/wasmail}"
WASMAIL_VENV="$WASMAIL_CACHE/venv"
WASMAIL_PY="$WASMAIL_VENV/bin/python"
export WASMAIL_CACHE WASMAIL_VENV WASMAIL_PY

# Pinned Python requirements of the harness. Changing this list rebuilds the venv.
WASMAIL_PY_REQUIREMENTS="aiosmtpd==1.4.6 cryptography==46.0.3"

_wasmail_log() { printf '[install] %s\n' "$*" >&2; }

# Run apt-get non-interactively, waiting for another apt/dpkg to release its lock.
_wasmail_apt() {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 \
        -y -q "$@" </dev/null
}

# apt-get update at most once per shell, and only when a package has no install candidate.
_wasmail_apt_ensure_lists() {
    local pkg need=0
    for pkg in "$@"; do
        if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then need=1; fi
    done
    if [ "$need" = 1 ] && [ -z "${_WASMAIL_APT_UPDATED:-}" ]; then
        _wasmail_log "apt-get update"
        _wasmail_apt update >/dev/null || return 1
        _WASMAIL_APT_UPDATED=1
    fi
}

# Python venv with the pinned requirements. Skips when the stamp matches the requirements.
wasmail_install_venv() {
    local stamp="$WASMAIL_VENV/.wasmail-requirements"
    if [ -x "$WASMAIL_PY" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$WASMAIL_PY_REQUIREMENTS" ] \
        && "$WASMAIL_PY" -c 'import aiosmtpd, cryptography' 2>/dev/null; then
        return 0
    fi
    local py="${PYTHON:-python3}"
    command -v "$py" >/dev/null 2>&1 || py=python3
    _wasmail_log "creating venv $WASMAIL_VENV ($WASMAIL_PY_REQUIREMENTS)"
    mkdir -p "$WASMAIL_CACHE" || return 1
    rm -rf "$WASMAIL_VENV"
    if ! "$py" -m venv "$WASMAIL_VENV" >/dev/null 2>&1; then
        # Debian's own python3 needs python3-venv for ensurepip.
        rm -rf "$WASMAIL_VENV"
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            _wasmail_apt_ensure_lists python3-venv && _wasmail_apt install python3-venv >/dev/null || return 1
        fi
        "$py" -m venv "$WASMAIL_VENV" || return 1
    fi
    # shellcheck disable=SC2086
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$WASMAIL_PY" -m pip install -q --no-input $WASMAIL_PY_REQUIREMENTS \
        || { rm -rf "$WASMAIL_VENV"; return 1; }
    printf '%s' "$WASMAIL_PY_REQUIREMENTS" >"$stamp"
}

_wasmail_sasl_modules_present() {
    local d
    for d in /usr/lib/*/sasl2 /usr/lib/sasl2; do
        [ -e "$d/libplain.so" ] && [ -e "$d/liblogin.so" ] && [ -e "$d/libsasldb.so" ] && return 0
    done
    return 1
}

# Debian postfix (with smtp-sink), sasl2-bin (saslpasswd2) and the Cyrus PLAIN/LOGIN/sasldb modules.
# The package's own mail system is left unconfigured ("No configuration"): the harness runs private
# instances with their own config and queue directories and never uses port 25.
wasmail_install_postfix() {
    if command -v postfix >/dev/null 2>&1 && [ -x /usr/sbin/smtp-sink ] \
        && command -v saslpasswd2 >/dev/null 2>&1 && _wasmail_sasl_modules_present; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        _wasmail_log "postfix/sasl2-bin missing and not root: install them with apt-get as root"
        return 1
    fi
    local pkgs="postfix sasl2-bin libsasl2-modules"
    _wasmail_log "apt-get install $pkgs"
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections || return 1
    # shellcheck disable=SC2086
    _wasmail_apt_ensure_lists $pkgs || return 1
    # shellcheck disable=SC2086
    if ! _wasmail_apt install $pkgs >/dev/null; then
        # A stale package list (404 on a superseded version): refresh once and retry.
        if [ -z "${_WASMAIL_APT_UPDATED:-}" ]; then
            _wasmail_apt update >/dev/null || return 1
            _WASMAIL_APT_UPDATED=1
        fi
        # shellcheck disable=SC2086
        _wasmail_apt install $pkgs >/dev/null || return 1
    fi
    command -v postfix >/dev/null 2>&1 && [ -x /usr/sbin/smtp-sink ] && _wasmail_sasl_modules_present
}

# Both of the above.
wasmail_install_all() {
    wasmail_install_venv && wasmail_install_postfix
}
