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
ours="$(taskset -c 0 "$build/tests/bench/bench_sigv4" --count "$count")"
echo "$ours"
peers="$(NODE_PATH="$root/tests/peers/node_modules" taskset -c 0 node "$root/tests/bench/peers_sigv4.js" "$body" $((count / 10)))"
echo "$peers"

# Ratios to smithy with node's own crypto (the target's reference).
rate() { grep -F "$2" <<<"$1" | head -1 | grep -oE '[0-9]+ signatures/s' | grep -oE '^[0-9]+'; }
bound() { grep -F 'SHA-256 bound' <<<"$ours" | grep -oE '[0-9]+ signatures/s at most' | grep -oE '^[0-9]+'; }
smithy="$(rate "$peers" '@smithy/signature-v4 + @smithy/hash-node')"
for label in 'mailwarden (reused SignedRequest)' 'OpenSSL SHA256_* floor'; do
    awk -v l="$label" -v a="$(rate "$ours" "$label")" -v s="$smithy" 'BEGIN { printf "%s vs smithy\t%.1fx\n", l, a / s }'
done
awk -v a="$(bound)" -v s="$smithy" 'BEGIN { printf "SHA-256 bound vs smithy\t%.1fx (no SHA-256-based signer on this CPU gets past it)\n", a / s }'
