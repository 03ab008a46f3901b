#!/usr/bin/env bash
# SPF check_host() throughput, ours next to pyspf's, same policies, same run.
# Two workloads: the 203 tests of the RFC 7208 suite, and typical published
# policies (tests/bench/spf_typical.json: nested ESP includes, a sending
# service, own block and MX, redirect, HELO identity). Zones in memory.
# Usage: tests/bench/run_spf_bench.sh [BUILD_DIR] [SECONDS_PER_ROUND]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
seconds="${2:-2}"

for suite in "$root/tests/data/spf/rfc7208-tests.json" "$root/tests/bench/spf_typical.json"; do
    echo "== $(basename "$suite"), one core each"
    taskset -c 0 "$build/tests/bench/bench_spf" --suite "$suite" --seconds "$seconds"
    taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_pyspf.py" "$suite" "$seconds"
done
