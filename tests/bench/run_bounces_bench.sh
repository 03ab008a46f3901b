#!/usr/bin/env bash
# Bounce input throughput: SES JSON documents and bounce mails parsed and
# classified, next to the Boost.JSON parse floor and the MIME reader alone,
# same documents, same run, one core.
# Usage: tests/bench/run_bounces_bench.sh [BUILD_DIR] [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-100000}"
taskset -c 0 "$build/tests/bench/bench_bounces" --data "$root/tests/data" --count "$count"
