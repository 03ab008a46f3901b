#!/usr/bin/env bash
# SendEmail requests/s over keep-alive: ses::Client next to
# @aws-sdk/client-sesv2, against the same aws-ses-v2-local in the same run.
# The server gets core 1, the clients core 0 (one after the other).
# Usage: tests/bench/run_ses_bench.sh [BUILD_DIR] [REQUESTS] [CONCURRENCY]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
requests="${2:-2000}"
concurrency="${3:-8}"
rounds="${MW_BENCH_ROUNDS:-3}"
# shellcheck disable=SC2016
taskset -c 1 "$root/tests/peers/run-with-ses-peers.sh" --only ses-local --unverified -- bash -c '
    set -euo pipefail
    echo "aws-ses-v2-local at $MW_TEST_SES_LOCAL_ENDPOINT; $1 requests per round, $2 in flight for the concurrent figure"
    taskset -c 0 "$3/tests/bench/bench_ses_send" --endpoint "$MW_TEST_SES_LOCAL_ENDPOINT" \
        --requests "$1" --concurrency "$2" --rounds "$4"
    NODE_PATH="$5/tests/peers/node_modules" taskset -c 0 node --no-warnings "$5/tests/bench/peers_ses_send.js" \
        "$MW_TEST_SES_LOCAL_ENDPOINT" "$1" "$2" "$4"
' bench "$requests" "$concurrency" "$build" "$rounds" "$root"
