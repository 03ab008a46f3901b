#!/usr/bin/env bash
# MX lookups per second for distinct domains, ours next to peers, against
# one local unbound, same names, same run.
# Usage: tests/bench/run_dns_bench.sh [BUILD_DIR] [COUNT] [CONCURRENCY]
# unbound runs on CPU 1, every client on CPU 0 (taskset).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-50000}"
concurrency="${3:-64}"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    export MW_UNBOUND_CPU=1
    exec "$root/tests/peers/unbound/run-with-unbound.sh" --conf "$root/tests/bench/unbound_bench.conf" \
        "$root/tests/peers/unbound/zones" -- "$0" "$build" "$count" "$concurrency"
fi

# Runs a client and appends how busy unbound was meanwhile (share of its
# CPU, from /proc): near 100 % the server is the limit, not the client.
with_server_load() {
    local hz before after start end line
    hz="$(getconf CLK_TCK)"
    before="$(awk '{print $14 + $15}' "/proc/$MW_UNBOUND_PID/stat")"
    start="$(date +%s.%N)"
    line="$("$@")" || true  # a failed pass still prints its counts
    end="$(date +%s.%N)"
    after="$(awk '{print $14 + $15}' "/proc/$MW_UNBOUND_PID/stat")"
    awk -v l="$line" -v t=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" \
        'BEGIN { printf "%s\tunbound CPU %.0f %%\n", l, 100 * t / hz / (e - s) }'
}

bench="$build/tests/bench/bench_dns_mx"
names="$(mktemp)"
trap 'rm -f "$names"' EXIT
"$bench" --write-names "$names" --count "$count"
echo "server: unbound $(unbound -V | sed -n 's/^Version //p') on $MW_TEST_DNS (CPU 1), $count distinct names *.bench.test MX, clients on CPU 0"

dnsperf_run() {
    taskset -c 0 dnsperf -s "${MW_TEST_DNS%:*}" -p "${MW_TEST_DNS##*:}" -d "$names" -n 1 -c 1 -T 1 -q "$concurrency" 2>&1 |
        awk -v n="$count" -v c="$concurrency" '
            /^Version / { v = $2 }
            /Queries completed:/ { done = $3 }
            /Queries per second:/ { qps = $4 }
            END { printf "dnsperf %s (load generator)\t%d names\t%s completed\t\t\t%.0f lookups/s (concurrency %d)", v, n, done, qps, c }'
}

# unbound answers the first pass from its auth zone through the iterator,
# later passes from its cache: the first pass is reported apart.
with_server_load taskset -c 0 "$bench" --count "$count" --concurrency "$concurrency" --label "mailwarden, server cache cold"
for round in 1 2 3; do
    echo "-- warm round $round"
    with_server_load taskset -c 0 "$bench" --count "$count" --concurrency "$concurrency" \
        --label "mailwarden (c-ares $(pkg-config --modversion libcares 2>/dev/null || echo 1.18))"
    with_server_load taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_dns_mx.py" "$names" "$MW_TEST_DNS" "$concurrency"
    if command -v dnsperf >/dev/null 2>&1; then
        with_server_load dnsperf_run
    else
        echo "dnsperf not installed (scripts/setup): no load-generator figure"
    fi
done
