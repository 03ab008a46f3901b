#!/usr/bin/env bash
# mwctl on a PostgreSQL store: two MAILWARDEN_HOMEs (two machines, each with
# its own outbox) and one MAILWARDEN_STORE URL share the senders; --store
# overrides the variable; an unreachable server is a clear error. The local
# transport's links are signed with its outbox's key, so the machine that
# mailed a link confirms it; the other sees the result.
# Run by run-with-postgres.sh (MW_TEST_POSTGRES_URL).
set -euo pipefail
mwctl="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

schema="cli_$$"
psql -q "$MW_TEST_POSTGRES_URL" -c "CREATE SCHEMA $schema"
export MAILWARDEN_STORE="$MW_TEST_POSTGRES_URL?options=-csearch_path%3D$schema"
export MAILWARDEN_NOW=2026-11-26T10:00:00Z
on() {  # on HOST COMMAND...: mwctl on one machine (its own home and outbox)
    local host="$1"
    shift
    MAILWARDEN_HOME="$work/$host" "$mwctl" "$@"
}

on a sender add alice@iana.org --alias Alice >/dev/null
expect "the other machine lists the sender" \
    test "$(json_field "$(on b sender list --json)" '[(s["address"], s["status"]) for s in d]')" = "[('alice@iana.org', 'Pending')]"
refusal="$(on b sender add alice@iana.org 2>&1)" && status=0 || status=$?
expect "adding it again elsewhere exits 1 ($status)" test "$status" -eq 1
expect "and says it exists" grep -q "already exists" <<<"$refusal"
link="$(grep -rhoa "https://verify[^ ]*address=alice@iana.org[^ ]*" "$work/a/outbox/new" | tr -d '\r' | tail -1)"
expect "machine a mailed the link" test -n "$link"
on a sender confirm "$link" >/dev/null
expect "machine b sees Success" test "$(json_field "$(on b sender show alice@iana.org --json)" 'd["status"]')" = Success
expect "no SQLite file was made" test ! -e "$work/a/senders.db" -a ! -e "$work/b/senders.db"

expect "--store overrides MAILWARDEN_STORE" \
    test "$(json_field "$(on a sender list --store "$work/local.db" --json)" 'len(d)')" = 0
unreachable="$(on a sender list --store "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2" 2>&1)" && status=0 || status=$?
expect "an unreachable server exits 1 ($status)" test "$status" -eq 1
expect "naming the server" grep -q "127.0.0.1:1" <<<"$unreachable"

finish
