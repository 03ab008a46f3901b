#!/usr/bin/env bash
# mwctl bounces ingest | stats, suppression and account as separate
# processes on one state folder: what feedback suppresses, the JSON
# contracts, sends that leave suppressed recipients out, a suspended
# account's sends refused until a resume with a reason, exit codes.
set -uo pipefail
mwctl="$1"
data="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export MAILWARDEN_HOME="$tmp/home" MAILWARDEN_NOW=2027-01-15T12:00:00Z
run() {  # run ARGS...: sets $out, $err and $status
    out="$("$mwctl" "$@" 2>"$tmp/stderr")"
    status=$?
    err="$(cat "$tmp/stderr")"
}

# A real SES bounce notification: its permanent recipient is suppressed.
run bounces ingest --json "$data/ses-events/notif-bounce-with-dsn.json"
expect "ingest exits 0" test "$status" -eq 0
expect "report keys" test "$(json_field "$out" '",".join(sorted(d))')" = "complaints,deliveries,duplicates,events,hard_bounces,ignored,sends,soft_bounces,status_changes,suppressed"
expect "one hard bounce" test "$(json_field "$out" 'd["hard_bounces"]')" = 1
expect "jane is suppressed for a bounce" test "$(json_field "$out" 'd["suppressed"][0]["address"] + " " + d["suppressed"][0]["reason"] + " " + d["suppressed"][0]["status"]')" = "jane@example.com bounce 5.1.1"
run bounces ingest --json "$data/ses-events/notif-bounce-with-dsn.json"
expect "the same input again is a duplicate" test "$(json_field "$out" 'str(d["duplicates"]) + " " + str(d["hard_bounces"])')" = "1 0"

run suppression check jane@EXAMPLE.com --json
expect "check of a suppressed address exits 1" test "$status" -eq 1
expect "check JSON" test "$(json_field "$out" 'str(d["suppressed"]) + " " + d["suppression"]["reason"]')" = "True bounce"
run suppression check someone@example.com
expect "check of a free address exits 0" test "$status" -eq 0

# Complaints: abuse suppresses, the stats count it.
run bounces ingest "$data/ses-events/notif-complaint-with-feedback.json"
expect "a complaint ingests" test "$status" -eq 0
run bounces stats --json
expect "stats keys" test "$(json_field "$out" '",".join(sorted(d))')" = "account,bounce_rate,complaint_rate,complaints,hard_bounces,sends,soft_bounces,status,status_reason,status_since,totals"
expect "stats figures" test "$(json_field "$out" '" ".join(str(d[k]) for k in ("account", "sends", "hard_bounces", "complaints", "bounce_rate", "status"))')" = "default 2 1 1 0.5 active"

# By hand, in an account and globally; list and remove.
run suppression add manual@example.com --note "asked by phone" --json
expect "add exits 0" test "$status" -eq 0
expect "manual with the note" test "$(json_field "$out" 'd["reason"] + "/" + d["note"]')" = "manual/asked by phone"
run suppression add everywhere@example.com --global
run suppression list --json
expect "the account's list, in address order" test "$(/usr/bin/python3 -c 'import json,sys; print(" ".join(json.loads(l)["address"] for l in sys.stdin))' <<<"$out")" = "jane@example.com manual@example.com richard@example.com"
run suppression list --global --json
expect "the global list" test "$(json_field "$out" 'd["account"] + " " + d["address"]')" = "* everywhere@example.com"
run suppression check everywhere@example.com --account other
expect "a global suppression applies to every account" test "$status" -eq 1
run suppression remove manual@example.com
expect "remove exits 0" test "$status" -eq 0
run suppression remove manual@example.com
expect "removing what is not there exits 1" test "$status" -eq 1
run suppression add "not an address"
expect "a bad address exits 1" test "$status" -eq 1
run suppression frobnicate
expect "an unknown subcommand exits 2" test "$status" -eq 2

# Sends through a verified sender leave suppressed recipients out.
"$mwctl" sender add news@iana.org >/dev/null
link="$(grep -rhoa "https://verify[^ ]*address=news@iana.org[^ ]*" "$MAILWARDEN_HOME/outbox/new" | tr -d '\r' | tail -1)"
"$mwctl" sender confirm "$link" >/dev/null
run send --from news@iana.org --to reader@example.com --to jane@example.com --subject Hi --text x --json
expect "a send with one suppressed recipient exits 0" test "$status" -eq 0
expect "it names the one left out" test "$(json_field "$out" '",".join(d["suppressed"])')" = "jane@example.com"
run send --from news@iana.org --to jane@example.com --subject Hi --text x
expect "a send to nobody but suppressed recipients exits 1" test "$status" -eq 1
expect "saying every recipient is suppressed" grep -q "every recipient is suppressed (jane@example.com)" <<<"$err"

# Enough bounces suspend the account (here, over a small stream of events).
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/feedback/make_events.py" 1200 3 >"$tmp/events.jsonl"
run bounces ingest --account acme --json "$tmp/events.jsonl"
expect "the stream ingests" test "$status" -eq 0
expect "it suspended acme" test "$(json_field "$out" 'd["status_changes"][-1]["account"] + " " + d["status_changes"][-1]["to"]')" = "acme suspended"
run bounces stats --account acme --json
expect "acme's bounce rate is at least 5 %" test "$(json_field "$out" 'd["bounce_rate"] >= 0.05 and d["status"]')" = suspended
"$mwctl" sender add acme-news@iana.org --account acme >/dev/null
link="$(grep -rhoa "https://verify[^ ]*address=acme-news@iana.org[^ ]*" "$MAILWARDEN_HOME/outbox/new" | tr -d '\r' | tail -1)"
"$mwctl" sender confirm "$link" >/dev/null
run send --from acme-news@iana.org --account acme --to reader@example.com --subject Hi --text x
expect "a suspended account's send exits 1" test "$status" -eq 1
expect "saying why, with the rate" grep -q "acme is suspended: bounce rate" <<<"$err"
run account resume --account acme
expect "resume without a reason exits 2" test "$status" -eq 2
run account resume --account acme --reason "list cleaned" --actor ops@example.com --json
expect "resume makes it active" test "$(json_field "$out" 'd["status"]')" = active
run account status --account acme --log --json
expect "the log has who and why" test "$(tail -1 <<<"$out" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["actor"] + ": " + d["reason"])')" = "ops@example.com: list cleaned"
run send --from acme-news@iana.org --account acme --to reader@example.com --subject Hi --text x
expect "after the resume acme sends again" test "$status" -eq 0
finish
