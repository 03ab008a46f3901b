#!/usr/bin/env bash
# Runs a command next to a private PostgreSQL server: `initdb` in a
# temporary folder (trust authentication, superuser "postgres"), `pg_ctl
# start` on 127.0.0.1:<free port> and a Unix socket in that folder, and
# `pg_ctl stop` when the command ends, however it ends. PostgreSQL refuses
# to run as root, so under root the server runs as the user "nobody".
# The server also accepts TLS, with a certificate for 127.0.0.1 from a
# throw-away CA (tests/peers/tls/make_test_ca.sh).
#
# Usage: run-with-postgres.sh [-c NAME=VALUE]... -- COMMAND [ARG...]
#   -c NAME=VALUE   a server setting (e.g. -c fsync=off for a test that
#                   measures nothing durable)
# The command sees:
#   MW_TEST_POSTGRES_URL   postgresql://postgres@127.0.0.1:PORT/postgres
#   MW_POSTGRES_CTL        a script taking stop|start|restart, for tests
#                          that restart the server mid-run
#   MW_POSTGRES_PID        the postmaster's PID
#   MW_TEST_POSTGRES_CA    the CA that signed the server's certificate
#   MW_TEST_POSTGRES_OTHER_CA  a CA that did not
# Its exit status is returned.
set -euo pipefail

settings=()
while [[ "${1:-}" == "-c" ]]; do
    settings+=(-c "$2")
    shift 2
done
if [[ "${1:-}" != "--" || $# -lt 2 ]]; then
    echo "usage: $0 [-c NAME=VALUE]... -- COMMAND [ARG...]" >&2
    exit 2
fi
shift

bindir="$(pg_config --bindir 2>/dev/null || true)"
for candidate in "$bindir" /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/pg_ctl" && -x "$candidate/initdb" ]]; then bindir="$candidate"; break; fi
done
[[ -x "$bindir/pg_ctl" ]] || { echo "run-with-postgres: PostgreSQL is not installed (scripts/setup)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/mw-postgres.XXXXXX")"
chmod 755 "$work"
as_server=()
if [[ "$(id -u)" == 0 ]]; then
    chown nobody "$work"
    as_server=(runuser -u nobody --)
fi

"$(dirname "${BASH_SOURCE[0]}")/../tls/make_test_ca.sh" "$work/tls" >/dev/null
chmod 600 "$work/tls/good.key"
[[ ${#as_server[@]} -eq 0 ]] || chown nobody "$work/tls/good.key"
settings+=(-c ssl=on -c "ssl_cert_file=$work/tls/good.crt" -c "ssl_key_file=$work/tls/good.key")

port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ctl="$work/ctl.sh"
cat >"$ctl" <<CTL
#!/usr/bin/env bash
# stop | start | restart the test's PostgreSQL server.
set -euo pipefail
case "\$1" in
    stop) ${as_server[*]} "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null ;;
    start|restart) ${as_server[*]} "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
        -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200 ${settings[*]}" "\$1" >/dev/null ;;
    *) echo "usage: \$0 stop|start|restart" >&2; exit 2 ;;
esac
CTL
chmod 755 "$ctl"

cleanup() {
    if [[ -f "$work/data/postmaster.pid" ]]; then
        "${as_server[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! "${as_server[@]}" "$bindir/initdb" -D "$work/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$work/initdb.log" 2>&1; then
    echo "run-with-postgres: initdb failed:" >&2
    cat "$work/initdb.log" >&2
    exit 1
fi
if ! "$ctl" start; then
    echo "run-with-postgres: the server did not start:" >&2
    cat "$work/server.log" >&2 || true
    exit 1
fi

export MW_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export MW_POSTGRES_CTL="$ctl"
export MW_TEST_POSTGRES_CA="$work/tls/ca.crt"
export MW_TEST_POSTGRES_OTHER_CA="$work/tls/rogue-ca.crt"
MW_POSTGRES_PID="$(head -1 "$work/data/postmaster.pid")"
export MW_POSTGRES_PID
status=0
"$@" || status=$?
exit "$status"
