#!/usr/bin/env bash
# Registry throughput: on the SQLite store alone, then refresh over SES
# against the local identity fake (keep-alive), 10,000 senders each.
# Usage: tests/bench/run_registry_bench.sh [BUILD_DIR] [SENDERS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
senders="${2:-10000}"
"$build/tests/bench/bench_registry" --senders "$senders"
"$root/tests/peers/run-with-ses-peers.sh" --only fake --unverified -- \
    bash -c "\"$build/tests/bench/bench_registry\" --senders $senders --concurrency 8 --ses-endpoint \"\$MW_TEST_SES_FAKE_ENDPOINT\""
