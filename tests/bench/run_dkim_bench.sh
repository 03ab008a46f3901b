#!/usr/bin/env bash
# DKIM verification throughput, ours next to dkimpy's, on the same message
# and key, one core each.
# Usage: tests/bench/run_dkim_bench.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
seconds="${2:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

taskset -c 0 "$build/tests/bench/bench_dkim" "$work" --seconds "$seconds"
taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_dkimpy.py" "$work" "$seconds"
