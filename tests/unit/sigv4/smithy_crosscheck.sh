#!/usr/bin/env bash
# Cross-check with @smithy/signature-v4: node generates and signs COUNT
# random requests (fixed seed), sigv4_crosscheck signs them again with
# mailwarden and compares the Authorization headers.
# Usage: smithy_crosscheck.sh CROSSCHECK_BINARY REPO_ROOT [COUNT] [SEED]
set -euo pipefail
binary="$1"
root="$2"
count="${3:-400}"
seed="${4:-20260101}"
modules="$root/tests/peers/node_modules"
if ! command -v node >/dev/null || [[ ! -d "$modules/@smithy/signature-v4" ]]; then
    echo "smithy cross-check needs node and $modules (run scripts/setup)" >&2
    exit 1
fi
cases="$(mktemp)"
trap 'rm -f "$cases"' EXIT
NODE_PATH="$modules" node "$root/tests/unit/sigv4/smithy_crosscheck.js" "$count" "$seed" "$cases"
"$binary" "$cases" "$count"
