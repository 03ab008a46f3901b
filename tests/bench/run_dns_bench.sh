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

bench="$build/tests/bench/bench_dns_mx"
names="$(mktemp)"
trap 'rm -f "$names"' EXIT
"$bench" --write-names "$names" --count "$count"
echo "server: unbound $(unbound -V | sed -n 's/^Version //p') on $MW_TEST_DNS (CPU 1), $count distinct names *.bench.test MX, clients on CPU 0"

# unbound answers the first pass from its auth zone through the iterator,
# later passes from its cache: the first pass is reported apart.
taskset -c 0 "$bench" --count "$count" --concurrency "$concurrency" --label "mailwarden, server cache cold"
for round in 1 2; do
    echo "-- warm round $round"
    taskset -c 0 "$bench" --count "$count" --concurrency "$concurrency" --label "mailwarden (c-ares $(pkg-config --modversion libcares 2>/dev/null || echo 1.18))"
    taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_dns_mx.py" "$names" "$MW_TEST_DNS" "$concurrency"
    if command -v dnsperf >/dev/null 2>&1; then
        host="${MW_TEST_DNS%:*}"
        port="${MW_TEST_DNS##*:}"
        taskset -c 0 dnsperf -s "$host" -p "$port" -d "$names" -n 1 -c 1 -T 1 -q "$concurrency" 2>&1 |
            awk -v n="$count" -v c="$concurrency" '
                /Queries completed:/ { done = $3 }
                /Queries per second:/ { qps = $4 }
                END { printf "dnsperf (load generator)\t%d names\t%s completed\t\t\t%.0f lookups/s (concurrency %d)\n", n, done, qps, c }'
    else
        echo "dnsperf not installed (scripts/setup): no load-generator figure"
    fi
done
