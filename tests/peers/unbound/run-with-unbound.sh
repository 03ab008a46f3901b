#!/usr/bin/env bash
# Runs a command next to a private unbound on 127.0.0.1:<free port> that
# serves the zone files of ZONE_DIR as a recursive resolver would: each
# ZONE_DIR/<origin>.zone becomes an auth-zone used for upstream lookups, so
# CNAMEs are followed across zones and answers are cached with their TTLs.
# Names outside those zones are NXDOMAIN from a built-in root zone (or
# ZONE_DIR/root.zone): nothing is ever sent beyond this machine.
#
# Usage: run-with-unbound.sh [--conf FILE] ZONE_DIR -- COMMAND [ARG...]
#   --conf FILE   more "server:" options (e.g. cache sizes for a benchmark)
# The command sees MW_TEST_DNS=127.0.0.1:PORT and MW_UNBOUND_PID; its exit
# status is returned. It also sees MW_UNBOUND_CONF, for asking unbound what
# it did (`unbound-control -c "$MW_UNBOUND_CONF" stats_noreset`: the queries
# it answered), and MW_UNBOUND_STARTED, the Unix time just before unbound
# started: nothing it answers was cached earlier, so a TTL has counted down
# by at most the seconds since then.
# MW_UNBOUND_CPU=N pins unbound to one CPU (taskset). unbound is stopped by
# its PID when the command ends, however it ends.
set -euo pipefail

extra_conf=""
if [[ "${1:-}" == "--conf" ]]; then
    extra_conf="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
    shift 2
fi
if [[ $# -lt 3 || "$2" != "--" ]]; then
    echo "usage: $0 [--conf FILE] ZONE_DIR -- COMMAND [ARG...]" >&2
    exit 2
fi
zone_dir="$(cd "$1" && pwd)"
shift 2

unbound_bin="$(command -v unbound || echo /usr/sbin/unbound)"
[[ -x "$unbound_bin" ]] || { echo "run-with-unbound: unbound is not installed (scripts/setup)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/mw-unbound.XXXXXX")"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    # A port free for TCP now; unbound also needs it for UDP: retried below.
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_conf() {
    local port="$1" conf="$work/unbound.conf" zone file origin
    {
        cat <<CONF
server:
    interface: 127.0.0.1
    port: $port
    do-ip6: no
    do-daemonize: no
    num-threads: 1
    username: ""
    chroot: ""
    directory: "$work"
    pidfile: "$work/unbound.pid"
    logfile: "$work/unbound.log"
    use-syslog: no
    verbosity: 1
    module-config: "iterator"
    access-control: 127.0.0.0/8 allow
    # Zones may delegate to servers a test runs on 127.0.0.1; nothing else
    # may ever be asked.
    do-not-query-localhost: no
CONF
        for block in 0.0.0.0/2 64.0.0.0/3 96.0.0.0/4 112.0.0.0/5 120.0.0.0/6 124.0.0.0/7 126.0.0.0/8 128.0.0.0/1; do
            echo "    do-not-query-address: $block"
        done
        # .test and the reverse zones of the documentation networks are
        # built-in local zones: switch those off for the zones served here.
        echo '    local-zone: "test." nodefault'
        for file in "$zone_dir"/*.zone "$work"/root.zone; do
            [[ -f "$file" ]] || continue
            origin="$(basename "$file" .zone)"
            [[ "$origin" == root ]] && continue
            echo "    local-zone: \"$origin.\" nodefault"
        done
        [[ -n "$extra_conf" ]] && cat "$extra_conf"
        for file in "$zone_dir"/*.zone "$work"/root.zone; do
            [[ -f "$file" ]] || continue
            origin="$(basename "$file" .zone)"
            zone="$origin."
            [[ "$origin" == root ]] && zone="."
            cat <<CONF
auth-zone:
    name: "$zone"
    zonefile: "$file"
    for-upstream: yes
    for-downstream: no
    fallback-enabled: no
CONF
        done
        cat <<CONF
remote-control:
    control-enable: yes
    control-interface: "$work/control.sock"
    control-use-cert: no
CONF
    } >"$conf"
}

if [[ ! -f "$zone_dir/root.zone" ]]; then
    cat >"$work/root.zone" <<'ZONE'
$TTL 86400
.   IN SOA a.root.invalid. hostmaster.invalid. 1 1800 900 604800 3600
.   IN NS  a.root.invalid.
ZONE
fi

pin=()
[[ -n "${MW_UNBOUND_CPU:-}" ]] && pin=(taskset -c "$MW_UNBOUND_CPU")

port=""
started="$(date +%s)"
for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    write_conf "$port"
    rm -f "$work/unbound.log"
    "${pin[@]}" "$unbound_bin" -d -c "$work/unbound.conf" >"$work/stderr.log" 2>&1 &
    pid=$!
    # A loaded machine (sanitizers, parallel tests) can take many seconds to
    # load the zones: wait long, as only a hung unbound would take longer.
    for _ in $(seq 600); do
        if grep -q "start of service" "$work/unbound.log" 2>/dev/null; then break 2; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"; wait "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    pid=""
    echo "run-with-unbound: unbound did not start on port $port (attempt $attempt):" >&2
    cat "$work/stderr.log" "$work/unbound.log" 2>/dev/null | tail -5 >&2
done
if [[ -z "$pid" ]]; then
    echo "run-with-unbound: giving up" >&2
    exit 1
fi

export MW_TEST_DNS="127.0.0.1:$port"
export MW_UNBOUND_PID="$pid"
export MW_UNBOUND_CONF="$work/unbound.conf"
export MW_UNBOUND_STARTED="$started"
status=0
"$@" || status=$?
[[ "$status" -eq 0 ]] || echo "run-with-unbound: $1 exited with status $status" >&2
exit "$status"
