#!/usr/bin/env bash
# An address list cleaned end to end — CSV read, every row checked, each
# distinct domain's MX (else A / AAAA) looked up once against a local
# unbound — by `mwctl list clean`, next to python email-validator with
# check_deliverability on the first rows of the same list, same server,
# same run.
# Usage: tests/bench/run_list_clean_bench.sh [BUILD_DIR] [ROWS] [DOMAINS] [PEER_ROWS]
# unbound runs on CPU 1, the clients on CPU 0 (taskset).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
rows="${2:-1000000}"
domains="${3:-50000}"
peer_rows="${4:-2000}"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    export MW_UNBOUND_CPU=1
    exec "$root/tests/peers/unbound/run-with-unbound.sh" --conf "$root/tests/bench/unbound_bench.conf" \
        "$root/tests/bench/list-zones" -- "$0" "$build" "$rows" "$domains" "$peer_rows"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/tests/bench/make_list.py" "$work/list.csv" "$rows" "$domains"
echo "list: $rows rows over $domains domains ($(du -h "$work/list.csv" | cut -f1)); server: unbound $(unbound -V | sed -n 's/^Version //p') on $MW_TEST_DNS (CPU 1), clients on CPU 0"

for round in 1 2 3; do
    echo "-- round $round (round 1: unbound's cache cold)"
    start="$(date +%s.%N)"
    taskset -c 0 "$build/mwctl" list clean "$work/list.csv" --dns "$MW_TEST_DNS" --json -o "$work/out.jsonl" 2>"$work/summary"
    end="$(date +%s.%N)"
    awk -v s="$start" -v e="$end" -v n="$rows" -v summary="$(tail -1 "$work/summary")" \
        'BEGIN { printf "mailwarden list clean\t%.2f s\t%.0f rows/s\t%s\n", e - s, n / (e - s), summary }'
    taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_list_clean.py" "$work/list.csv" "$MW_TEST_DNS" "$peer_rows"
done
