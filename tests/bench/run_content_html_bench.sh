#!/usr/bin/env bash
# HTML sanitization throughput, ours next to bleach's, on the same newsletter,
# one core each.
# Usage: tests/bench/run_content_html_bench.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
seconds="${2:-2}"
file="$root/tests/data/content/newsletters/green-thumb.html"

taskset -c 0 "$build/tests/bench/bench_content_html" "$file" --seconds "$seconds"
taskset -c 0 /usr/bin/python3 "$root/tests/bench/peers_bleach.py" "$file" "$seconds"
