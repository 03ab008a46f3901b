#!/usr/bin/env bash
# Durable ingestion throughput: SES documents parsed, classified and
# committed to the SQLite store in batches, next to the parse floors of the
# same documents, same run, one core.
# Usage: tests/bench/run_ingest_bench.sh [BUILD_DIR] [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-200000}"
taskset -c 0 "$build/tests/bench/bench_ingest" --data "$root/tests/data" --count "$count"
