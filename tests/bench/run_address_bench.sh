#!/usr/bin/env bash
# Address validation throughput, ours next to the peers', same corpus, same run.
# Usage: tests/bench/run_address_bench.sh [BUILD_DIR] [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-1000000}"
corpus="$(mktemp)"
trap 'rm -f "$corpus"' EXIT

"$build/tests/bench/bench_address" --write-corpus "$corpus" --count "$count"
echo "corpus: $count generated addresses ($(wc -c <"$corpus") bytes); one core each"
taskset -c 0 "$build/tests/bench/bench_address" --count "$count"
taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_email_validator.py" "$corpus"
NODE_PATH="$root/tests/peers/node_modules" taskset -c 0 node "$root/tests/bench/peers_email_validator.js" "$corpus"
