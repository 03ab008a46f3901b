#!/usr/bin/env bash
# Writes two DNS blocklist zones (a domain list and an IP list, RFC 5782
# style) and a zone of link hosts, then runs the test program next to a
# private unbound serving them (run-with-unbound.sh).
# Usage: dnsbl_unbound_test.sh RUN_WITH_UNBOUND PROGRAM [ARG...]
set -euo pipefail
runner="$1"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/mw-dnsbl.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir "$work/zones"

soa() {
    printf '$TTL 300\n@ IN SOA ns.%s. hostmaster.%s. 1 3600 600 86400 60\n@ IN NS ns.%s.\nns IN A 127.0.0.1\n' "$1" "$1" "$1"
}

# The domain list: two codes with different meanings, a refusal code.
{
    soa dbl.test
    cat <<'ZONE'
spam.example         IN A 127.0.1.2
phish.example        IN A 127.0.1.4
both.example         IN A 127.0.1.2
both.example         IN A 127.0.1.4
refused.example      IN A 127.255.255.254
; the RFC 5782 test entry
test                 IN A 127.0.0.2
ZONE
} >"$work/zones/dbl.test.zone"

# The IP list: 192.0.2.10 listed, 192.0.2.11 refused.
{
    soa ip.test
    cat <<'ZONE'
10.2.0.192           IN A 127.0.0.2
11.2.0.192           IN A 127.255.255.254
; IPv6 2001:db8::5 listed
5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 IN A 127.0.0.3
ZONE
} >"$work/zones/ip.test.zone"

# Link hosts: one at a listed address, one at a clean one.
{
    soa links.test
    cat <<'ZONE'
listed-ip            IN A 192.0.2.10
clean                IN A 192.0.2.99
ZONE
} >"$work/zones/links.test.zone"

# A name whose every query is refused: the list "fails" there (SERVFAIL).
cat >"$work/extra.conf" <<'CONF'
    local-zone: "broken.example.dbl.test." always_refuse
CONF

exec "$runner" --conf "$work/extra.conf" "$work/zones" -- "$@"
