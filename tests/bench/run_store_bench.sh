#!/usr/bin/env bash
# Durable ingestion into one PostgreSQL database by 1, 2 and 4 processes,
# next to one process on SQLite, same documents, same run. Starts a private
# PostgreSQL (fsync on) for the run and stops it after.
# Usage: tests/bench/run_store_bench.sh [BUILD_DIR] [COUNT] [BATCH]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-20000}"
batch="${3:-100}"
"$root/tests/peers/postgres/run-with-postgres.sh" -- \
    "$build/tests/bench/bench_store_ingest" --data "$root/tests/data" --count "$count" --batch "$batch"
