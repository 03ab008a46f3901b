#!/usr/bin/env bash
# Generates the policies (gen_spf_policies.py, fixed seed) into a temporary
# folder, serves them with unbound and compares check_host() with pyspf.
#   spf_crosscheck.sh SPF_DRIVER [--policies N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
driver="$1"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/mw-spf-xc.XXXXXX")"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/gen_spf_policies.py" "$work/zones" "$@"
"$here/../../peers/unbound/run-with-unbound.sh" "$work/zones" -- \
    /usr/bin/python3 "$here/crosscheck.py" "$work/zones/cases.json" "$driver"
