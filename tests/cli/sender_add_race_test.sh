#!/usr/bin/env bash
# Eight `mwctl sender add` of one address started at the same instant, on one
# MAILWARDEN_HOME: one process adds it and sends the verification mail, the
# other seven are told it exists. Several rounds, each a new address.
set -euo pipefail
mwctl="$1"
rounds="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MAILWARDEN_HOME="$work/home"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

mails_to() {  # the verification mails in the outbox addressed to $1
    grep -rliaE "^To: (.*<)?$1>?"$'\r'"?$" "$MAILWARDEN_HOME/outbox/new" 2>/dev/null | wc -l
}

"$mwctl" sender list >/dev/null  # creates the store and the outbox once

for round in $(seq 1 "$rounds"); do
    address="race$round@iana.org"
    # The processes wait on a lock this shell holds, then all go at once.
    exec 9>"$work/start.lock"
    flock -x 9
    pids=()
    for i in $(seq 1 8); do
        (
            exec 9>&-
            flock -s "$work/start.lock" true
            exec "$mwctl" sender add "$address" >"$work/out$i" 2>"$work/err$i"
        ) &
        pids+=($!)
    done
    sleep 0.2  # every process is waiting on the lock by now
    flock -u 9
    exec 9>&-
    ok=0
    exists=0
    for i in "${!pids[@]}"; do
        if wait "${pids[$i]}"; then
            ok=$((ok + 1))
        elif grep -q "already exists" "$work/err$((i + 1))"; then
            exists=$((exists + 1))
        else
            echo "round $round, process $((i + 1)):" >&2
            cat "$work/err$((i + 1))" >&2
        fi
    done
    expect "round $round: one add succeeds ($ok)" test "$ok" -eq 1
    expect "round $round: seven are told it exists ($exists)" test "$exists" -eq 7
    expect "round $round: one verification mail ($(mails_to "$address"))" test "$(mails_to "$address")" -eq 1
    rows="$(json_field "$("$mwctl" sender list --json)" "len([s for s in d if s['address'] == '$address'])")"
    expect "round $round: one row ($rows)" test "$rows" -eq 1
done

finish
