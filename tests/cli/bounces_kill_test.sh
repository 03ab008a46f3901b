#!/usr/bin/env bash
# Durable, idempotent ingestion: `mwctl bounces ingest` is killed with
# SIGKILL at random moments, again and again, on one state folder; then the
# whole stream is ingested once more. Counts, rates, status, audit log and
# suppressions must be exactly those of one clean run. The clock is pinned
# (MAILWARDEN_NOW) so that both runs write the same times.
set -uo pipefail
mwctl="$1"
kills="${2:-25}"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export MAILWARDEN_NOW=2027-01-15T12:00:00Z

/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/feedback/make_events.py" 10000 7 >"$tmp/events.jsonl"

state() {  # state HOME: everything the ingestion decides, as text
    MAILWARDEN_HOME="$1" "$mwctl" bounces stats --json
    MAILWARDEN_HOME="$1" "$mwctl" account status --log --json
    MAILWARDEN_HOME="$1" "$mwctl" suppression list --json
}

MAILWARDEN_HOME="$tmp/clean" "$mwctl" bounces ingest --batch 40 "$tmp/events.jsonl" >/dev/null
expect "the clean run exits 0" test $? -eq 0
state "$tmp/clean" >"$tmp/clean.txt"
expect "the clean run suspended the account" grep -q '"status":"suspended"' "$tmp/clean.txt"

# How long one whole run takes, so that kills land anywhere in it.
start=$(date +%s%N)
MAILWARDEN_HOME="$tmp/timing" "$mwctl" bounces ingest --batch 40 "$tmp/events.jsonl" >/dev/null
span_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))

# Kills land in the first half of a whole run's time; each restart skips
# what is committed, so the state creeps forward until a run completes.
partial=0
for i in $(seq 1 "$kills"); do
    MAILWARDEN_HOME="$tmp/chaos" "$mwctl" bounces ingest --batch 40 "$tmp/events.jsonl" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v r="$RANDOM" -v s="$span_ms" 'BEGIN { printf "%.3f", (r / 32768) * s / 2000 }')"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    sends=$(MAILWARDEN_HOME="$tmp/chaos" "$mwctl" bounces stats --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["sends"])')
    [[ "$sends" -gt 0 && "$sends" -lt 10000 ]] && partial=$((partial + 1))
    [[ "$sends" -eq 10000 ]] && break  # complete: later kills cannot cut anything
done
echo "kills that left a partial state: $partial (of $i)"
expect "some kills cut an ingestion short" test "$partial" -gt 0

MAILWARDEN_HOME="$tmp/chaos" "$mwctl" bounces ingest --batch 40 "$tmp/events.jsonl" >/dev/null
expect "the last run exits 0" test $? -eq 0
state "$tmp/chaos" >"$tmp/chaos.txt"
expect "after the kills, the state of one clean run" diff "$tmp/clean.txt" "$tmp/chaos.txt"

# Once more changes nothing.
MAILWARDEN_HOME="$tmp/chaos" "$mwctl" bounces ingest --json "$tmp/events.jsonl" >"$tmp/again.json"
expect "a repeat applies nothing" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if r["sends"] == r["hard_bounces"] == r["complaints"] == 0 and not r["suppressed"] and r["duplicates"] > 0 else 1)' "$tmp/again.json"
state "$tmp/chaos" >"$tmp/again.txt"
expect "and leaves the state as it was" diff "$tmp/clean.txt" "$tmp/again.txt"
finish
