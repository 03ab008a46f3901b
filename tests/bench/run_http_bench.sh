#!/usr/bin/env bash
# HTTP client requests/s over keep-alive, plain and TLS, next to curl against
# the same local server. Usage: run_http_bench.sh [BUILD_DIR] [REQUESTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
requests="${2:-20000}"
certs="$(mktemp -d)"
trap 'rm -rf "$certs"' EXIT
"$root/tests/peers/tls/make_test_ca.sh" "$certs" >/dev/null
"$build/tests/bench/bench_http" --requests "$requests" --rounds "${MW_BENCH_ROUNDS:-5}" --certs "$certs"
