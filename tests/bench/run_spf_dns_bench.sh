#!/usr/bin/env bash
# check_host() per second through the c-ares resolver (cache on, warm) next to
# pyspf + dnspython, same policies, same local unbound, same run.
# Usage: tests/bench/run_spf_dns_bench.sh [BUILD_DIR] [SECONDS_PER_ROUND] [ROUNDS]
# The policies are those of the pyspf cross-check (gen_spf_policies.py, seed
# 7208). unbound runs on CPU 1, the clients on CPU 0 (taskset).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
seconds="${2:-2}"
rounds="${3:-3}"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/mw-spf-bench.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    /usr/bin/python3 "$root/tests/integration/spf_crosscheck/gen_spf_policies.py" "$work/zones"
    export MW_UNBOUND_CPU=1 MW_SPF_CASES="$work/zones/cases.json"
    "$root/tests/peers/unbound/run-with-unbound.sh" --conf "$root/tests/bench/unbound_bench.conf" \
        "$work/zones" -- "$0" "$build" "$seconds" "$rounds"
    exit
fi

echo "server: unbound $(unbound -V | sed -n 's/^Version //p') on $MW_TEST_DNS (CPU 1); clients on CPU 0"
taskset -c 0 "$build/tests/bench/bench_spf_dns" "$MW_SPF_CASES" --seconds "$seconds" --rounds "$rounds"
taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_pyspf_dns.py" "$MW_SPF_CASES" "$seconds" "$rounds"
