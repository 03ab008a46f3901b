#!/usr/bin/env bash
# SigV4 signing throughput, ours next to the npm peers' and the OpenSSL floor,
# same request, same run, one core each.
# Usage: tests/bench/run_sigv4_bench.sh [BUILD_DIR] [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-200000}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

"$build/tests/bench/bench_sigv4" --write-body "$body"
echo "request: POST https://email.us-east-1.amazonaws.com/v2/email/outbound-emails, $(wc -c <"$body")-byte JSON body; one core each"
taskset -c 0 "$build/tests/bench/bench_sigv4" --count "$count"
NODE_PATH="$root/tests/peers/node_modules" taskset -c 0 node "$root/tests/bench/peers_sigv4.js" "$body" $((count / 10))
