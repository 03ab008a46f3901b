#!/usr/bin/env bash
# mwctl end to end on the local transport, with real separate processes:
# the seed's flow, expiry seen by a later process, resend, sending rules,
# exit codes, and several processes sharing one store.
set -euo pipefail
mwctl="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MAILWARDEN_HOME="$work/home"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
link_for() {
    grep -rhoa "https://verify[^ ]*address=$1[^ ]*" "$MAILWARDEN_HOME/outbox/new" | tr -d '\r' | tail -1
}

export MAILWARDEN_NOW=2026-11-26T10:00:00Z
added="$("$mwctl" sender add alice@iana.org --alias "Alice Smith" --json)"
expect "add gives Pending" test "$(json_field "$added" 'd["status"]')" = Pending
expect "expiry is 24 h later" test "$(json_field "$added" 'd["expires_at"]')" = 2026-11-27T10:00:00Z
expect "verification mail in the outbox" test -n "$(link_for alice@iana.org)"

list="$("$mwctl" sender list --json)"
expect "list has the fields" test "$(json_field "$list" '",".join(sorted(k for k in d[0] if k in ("address","alias","status","requested_at","expires_at","verified_at","failed_at")))')" = "address,alias,expires_at,failed_at,requested_at,status,verified_at"
expect "alias kept" test "$(json_field "$list" 'd[0]["alias"]')" = "Alice Smith"

set +e
"$mwctl" send --from alice@iana.org --to reader@iana.org --subject Hi --text x >/dev/null 2>&1
expect "sending from a Pending sender fails with 1" test $? -eq 1
set -e

export MAILWARDEN_NOW=2026-11-26T12:00:00Z
confirmation="$("$mwctl" sender confirm "$(link_for alice@iana.org)")"
expect "the click gives the confirmation message" grep -q "successfully verified" <<<"$confirmation"
expect "now Success" test "$(json_field "$("$mwctl" sender show alice@iana.org --json)" 'd["status"]')" = Success
expect "sending works" "$mwctl" send --from alice@iana.org --to bounce@simulator.amazonses.com --subject Hi --text x
expect "the simulator bounce is recorded" test "$(ls "$MAILWARDEN_HOME/outbox/events" | wc -l)" -eq 1

# A sender added by one process, and 25 hours later another process shows it Failed.
"$mwctl" sender add bob@iana.org >/dev/null 2>&1
export MAILWARDEN_NOW=2026-11-27T11:59:59Z
expect "still Pending at 23:59:59" test "$(json_field "$("$mwctl" sender show bob@iana.org --json)" 'd["status"]')" = Pending
export MAILWARDEN_NOW=2026-11-27T12:00:00Z
shown="$("$mwctl" sender show bob@iana.org --json)"
expect "Failed at 24:00:00" test "$(json_field "$shown" 'd["status"]')" = Failed
expect "failure reason" grep -q "expired" <<<"$(json_field "$shown" 'd["failure_reason"]')"
expect "filter by status" test "$(json_field "$("$mwctl" sender list --status failed --json)" 'len(d)')" = 1
expired_link="$(link_for bob@iana.org)"
expect "bob's link is in the outbox" test -n "$expired_link"
set +e
refusal="$("$mwctl" sender confirm "$expired_link" 2>&1)"
expect "an expired link is refused" test $? -eq 1
set -e
expect "because it expired" grep -q "has expired" <<<"$refusal"
resent="$("$mwctl" sender resend bob@iana.org --json)"
expect "resend: Pending again" test "$(json_field "$resent" 'd["status"]')" = Pending
expect "resend: new window" test "$(json_field "$resent" 'd["expires_at"]')" = 2026-11-28T12:00:00Z
history="$("$mwctl" sender show bob@iana.org --json)"
expect "history: added, expired, resent" test "$(json_field "$history" '"/".join(h["to"] for h in d["history"])')" = "Pending/Failed/Pending"

# Usage errors exit 2; unknown senders exit 1.
set +e
"$mwctl" sender add >/dev/null 2>&1; expect "usage error exits 2" test $? -eq 2
"$mwctl" sender list --status maybe >/dev/null 2>&1; expect "bad status exits 2" test $? -eq 2
"$mwctl" sender show nobody@iana.org >/dev/null 2>&1; expect "unknown sender exits 1" test $? -eq 1
"$mwctl" sender add "evil@iana.org" --alias $'x\r\nBcc: y@iana.org' >/dev/null 2>&1; expect "CR/LF alias refused" test $? -eq 1
set -e

# Several processes adding to one store at once: nothing lost, no errors.
pids=()
for i in $(seq 1 12); do
    "$mwctl" sender add "p$i@iana.org" >/dev/null 2>"$work/err$i" & pids+=($!)
done
for i in "${!pids[@]}"; do
    n=$((i + 1))
    expect "concurrent add $n" wait "${pids[$i]}"
    if [[ -s "$work/err$n" ]]; then echo "add $n said:" >&2; cat "$work/err$n" >&2; fi
done
expect "all 12 concurrent senders stored" test "$(json_field "$("$mwctl" sender list --json)" 'len([s for s in d if s["address"].startswith("p")])')" = 12

finish
