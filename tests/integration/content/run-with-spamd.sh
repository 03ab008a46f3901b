#!/usr/bin/env bash
# Runs a command next to a private SpamAssassin spamd on 127.0.0.1:<free
# port> and the project's misbehaving fake (tests/peers/spamd_fake.py).
# spamd runs offline: -L (local tests only, no DNS or network rules), the
# rules Debian's spamassassin package installs in /usr/share/spamassassin
# (-C, so rules an sa-update may have put in /var/lib/spamassassin are not
# used and the scores stay the same), the site config of /etc/spamassassin,
# no user preferences (-x), one child, log to stderr (a file here).
#
# Usage: run-with-spamd.sh [--fake-only] -- COMMAND [ARG...]
# The command sees MW_TEST_SPAMD=127.0.0.1:PORT (not with --fake-only) and
# MW_TEST_SPAMD_FAKE=127.0.0.1:PORT. Without spamd or its rules the script
# exits 77 (ctest: skipped) and says why, or fails under MW_REQUIRE_PEERS=1
# (scripts/test). Both servers are stopped by PID.
set -euo pipefail

fake_only=0
if [[ "${1:-}" == "--fake-only" ]]; then
    fake_only=1
    shift
fi
if [[ $# -lt 2 || "$1" != "--" ]]; then
    echo "usage: $0 [--fake-only] -- COMMAND [ARG...]" >&2
    exit 2
fi
shift
here="$(cd "$(dirname "$0")" && pwd)"
peers="$here/../../peers"
python=/usr/bin/python3
spamd_bin=/usr/sbin/spamd
rules=/usr/share/spamassassin

skip() {
    if [[ "${MW_REQUIRE_PEERS:-}" == 1 ]]; then
        echo "FAIL: $1 (MW_REQUIRE_PEERS)" >&2
        exit 1
    fi
    echo "SKIP: $1"
    exit 77
}
if [[ $fake_only -eq 0 ]]; then
    [[ -x "$spamd_bin" ]] || skip "$spamd_bin is not installed (Debian package spamassassin; scripts/setup)"
    compgen -G "$rules/*.cf" >/dev/null || skip "no SpamAssassin rules in $rules (Debian package spamassassin)"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mw-spamd.XXXXXX")"
chmod 755 "$work"
spamd_pid="" fake_pid=""
cleanup() {
    for pid in $spamd_pid $fake_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The fake: it picks its own port and says which.
"$python" "$peers/spamd_fake.py" >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
for _ in $(seq 100); do
    grep -q '^PORT ' "$work/fake.out" 2>/dev/null && break
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.05
done
fake_port="$(sed -n 's/^PORT //p' "$work/fake.out")"
if [[ -z "$fake_port" ]] || ! "$python" "$peers/owns_port.py" "$fake_pid" "$fake_port"; then
    echo "run-with-spamd: the fake did not start" >&2
    cat "$work/fake.err" >&2
    exit 1
fi
export MW_TEST_SPAMD_FAKE="127.0.0.1:$fake_port"

if [[ $fake_only -eq 0 ]]; then
    user=()
    # As root spamd would run its children as the mail's user: nobody here.
    [[ "$(id -u)" -eq 0 ]] && user=(-u nobody)
    port=""
    for attempt in 1 2 3; do
        port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        "$spamd_bin" -L -x -C "$rules" --siteconfigpath=/etc/spamassassin -i "127.0.0.1:$port" -A 127.0.0.1 \
            -m 1 --min-children=1 --max-spare=1 --syslog=stderr -H "$work" "${user[@]}" \
            >"$work/spamd.log" 2>&1 &
        spamd_pid=$!
        # Compiling the rules takes seconds (longer on a loaded machine).
        for _ in $(seq 1200); do
            if grep -q "server successfully spawned child" "$work/spamd.log" 2>/dev/null &&
               "$python" "$peers/owns_port.py" "$spamd_pid" "$port"; then
                break 2
            fi
            kill -0 "$spamd_pid" 2>/dev/null || break
            sleep 0.1
        done
        echo "run-with-spamd: spamd did not start on port $port (attempt $attempt):" >&2
        tail -5 "$work/spamd.log" >&2
        kill "$spamd_pid" 2>/dev/null || true
        wait "$spamd_pid" 2>/dev/null || true
        spamd_pid=""
    done
    if [[ -z "$spamd_pid" ]]; then
        echo "run-with-spamd: giving up" >&2
        exit 1
    fi
    export MW_TEST_SPAMD="127.0.0.1:$port"
fi

status=0
"$@" || status=$?
if [[ "$status" -ne 0 ]]; then
    echo "run-with-spamd: $1 exited with status $status" >&2
    [[ -n "$spamd_pid" ]] && tail -20 "$work/spamd.log" >&2
fi
exit "$status"
