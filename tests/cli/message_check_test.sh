#!/usr/bin/env bash
# mwctl message check on messages signed here by dkimpy (Debian python3-dkim)
# with a key made here by OpenSSL, against unbound serving a zone written
# here (the key, SPF and DMARC records): DKIM, SPF and DMARC pass, fail and
# alignment, a tampered body, a From the check cannot use, the
# Authentication-Results fields already on a message, an ARC chain dkimpy
# sealed, and usage errors.
# Usage: message_check_test.sh MWCTL RUN_WITH_UNBOUND
set -uo pipefail
mwctl="$1"
run_with_unbound="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/zones"
    openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
    pub="$(openssl rsa -in "$work/key.pem" -pubout -outform DER 2>/dev/null | base64 -w0)"
    # The key record as character-strings of at most 255 bytes (RFC 6376 3.6.2.2).
    record="v=DKIM1; k=rsa; p=$pub"
    strings=""
    while [[ -n "$record" ]]; do strings+="\"${record:0:255}\" "; record="${record:255}"; done
    cat > "$work/zones/mail-fixtures.net.zone" <<ZONE
\$ORIGIN mail-fixtures.net.
\$TTL 300
@          300 IN SOA ns.mail-fixtures.net. hostmaster.mail-fixtures.net. 2026120301 3600 600 86400 60
@          300 IN NS  ns.mail-fixtures.net.
ns         300 IN A   127.0.0.1
@          300 IN MX  10 ns.mail-fixtures.net.
@          300 IN TXT "v=spf1 ip4:192.0.2.10 -all"
bounce     300 IN TXT "v=spf1 ip4:192.0.2.20 -all"
sel._domainkey 300 IN TXT $strings
_dmarc     300 IN TXT "v=DMARC1; p=reject; adkim=r; aspf=r"
ZONE
    exec "$run_with_unbound" "$work/zones" -- "$0" "$mwctl" "$run_with_unbound" "$work"
fi

work="$3"
# dkimpy stamps t= with the real time: the checks run a little later than
# that, never before it (a signature from the future does not pass).
export MAILWARDEN_NOW="$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ)"
sign() {  # sign IN OUT [arc]: a DKIM signature by sel._domainkey.mail-fixtures.net, or an ARC set over mx.example.org's results
    /usr/bin/python3 - "$work/key.pem" "$1" "$2" "${3:-dkim}" <<'PY'
import sys, dkim
key = open(sys.argv[1], "rb").read()
msg = open(sys.argv[2], "rb").read()
headers = [b"from", b"to", b"subject", b"date", b"message-id"]
if sys.argv[4] == "arc":
    sig = b"".join(dkim.arc_sign(msg, b"sel", b"mail-fixtures.net", key, b"mx.example.org", include_headers=headers))
else:
    sig = dkim.sign(msg, b"sel", b"mail-fixtures.net", key, include_headers=headers)
open(sys.argv[3], "wb").write(sig + msg)
PY
}
check() { "$mwctl" message check "$@" --dns "$MW_TEST_DNS" --json; }

printf 'From: News <news@mail-fixtures.net>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\nDate: Thu, 03 Dec 2026 11:59:00 +0000\r\nMessage-ID: <1@mail-fixtures.net>\r\nAuthentication-Results: mx.example.org; spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=mail-fixtures.net; dkim=pass header.d=mail-fixtures.net\r\n\r\nHello Ann,\r\nthe news.\r\n' > "$work/plain.eml"
sign "$work/plain.eml" "$work/signed.eml"

out="$(check "$work/signed.eml" --ip 192.0.2.10 --mail-from bounces@mail-fixtures.net)"
expect "a signed message from the right IP passes DMARC (exit 0)" test $? -eq 0
expect "its DKIM signature passes with a 2048-bit key" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dkim"][0]["key_bits"], d["dkim"][0]["domain"]')" = "pass 2048 mail-fixtures.net"
expect "SPF passes for the MAIL FROM domain" test "$(json_field "$out" 'd["spf"]["result"], d["spf"]["domain"], d["spf"]["scope"]')" = "pass mail-fixtures.net mailfrom"
expect "DMARC passes, both aligned, policy reject" test "$(json_field "$out" 'd["dmarc"]["result"], d["dmarc"]["spf_aligned"], d["dmarc"]["dkim_aligned"], d["dmarc"]["policy"], d["from_domain"]')" = "pass True True reject mail-fixtures.net"
expect "the message's own Authentication-Results are read" test "$(json_field "$out" 'd["authentication_results"][0]["authserv_id"], [r["method"] for r in d["authentication_results"][0]["results"]]')" = "mx.example.org ['spf', 'dkim']"
expect "our Authentication-Results names every method" test "$(json_field "$out" 'all(m in d["our_authentication_results"] for m in ("mailwarden;", "spf=pass", "dkim=pass", "dmarc=pass", "header.from=mail-fixtures.net"))')" = "True"
expect "no ARC fields: arc none, and no arc= entry" test "$(json_field "$out" 'd["arc"]["result"], d["arc"]["reason"], d["arc"]["hops"], "; arc=" in d["our_authentication_results"]')" = "none no_arc 0 False"

# dkimpy's ARC sealing reads the Authentication-Results through authres
# (Debian python3-authres, which scripts/setup installs).
expect "python3-authres is installed" /usr/bin/python3 -c "import authres"
sign "$work/signed.eml" "$work/sealed.eml" arc
out="$(check "$work/sealed.eml")"
expect "a chain dkimpy sealed passes, one hop" test "$(json_field "$out" 'd["arc"]["result"], d["arc"]["reason"], d["arc"]["hops"], d["arc"]["oldest_pass"], d["dkim"][0]["result"]')" = "pass none 1 0 pass"
expect "our Authentication-Results carries arc=pass" grep -q "arc=pass" <<<"$(json_field "$out" 'd["our_authentication_results"]')"
expect "the text says so" grep -q "^  arc pass (none) hops 1 oldest-pass 0$" <<<"$("$mwctl" message check "$work/sealed.eml" --dns "$MW_TEST_DNS")"

text="$("$mwctl" message check "$work/signed.eml" --ip 192.0.2.10 --mail-from bounces@mail-fixtures.net --dns "$MW_TEST_DNS")"
expect "the summary reads like Show original" grep -q "^SPF: PASS with IP 192.0.2.10 (mail-fixtures.net); DKIM: PASS with domain mail-fixtures.net; DMARC: PASS (p=reject)$" <<<"$text"

out="$(check "$work/signed.eml" --ip 198.51.100.1 --mail-from bounces@mail-fixtures.net)"
expect "from another IP SPF fails but DKIM carries DMARC (exit 0)" test $? -eq 0
expect "spf fail, dmarc pass by DKIM alone" test "$(json_field "$out" 'd["spf"]["result"], d["dmarc"]["result"], d["dmarc"]["spf_aligned"], d["dmarc"]["dkim_aligned"]')" = "fail pass False True"

sed 's/the news\./the news, changed./' "$work/signed.eml" > "$work/tampered.eml"
out="$(check "$work/tampered.eml" --ip 198.51.100.1 --mail-from bounces@mail-fixtures.net)"
expect "a changed body with SPF failing fails DMARC (exit 1)" test $? -eq 1
expect "the body hash mismatch is named, both hashes given" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dkim"][0]["reason"], d["dkim"][0]["body_hash_expected"] != d["dkim"][0]["body_hash_computed"]')" = "fail body_hash_mismatch True"
expect "dmarc fail with the published reject policy" test "$(json_field "$out" 'd["dmarc"]["result"], d["dmarc"]["policy"]')" = "fail reject"

out="$(check "$work/plain.eml" --ip 192.0.2.20 --mail-from bounces@bounce.mail-fixtures.net)"
expect "unsigned, SPF of a subdomain aligns relaxed (exit 0)" test $? -eq 0
expect "no dkim, spf pass for bounce.mail-fixtures.net, aligned" test "$(json_field "$out" 'len(d["dkim"]), d["spf"]["domain"], d["dmarc"]["spf_aligned"], d["dmarc"]["result"]')" = "0 bounce.mail-fixtures.net True pass"

sed 's/^From: News <news@mail-fixtures.net>/From: news@mail-fixtures.net, other@mail-fixtures.net/' "$work/plain.eml" > "$work/two-from.eml"
out="$(check "$work/two-from.eml" --ip 192.0.2.10 --mail-from bounces@mail-fixtures.net)"
expect "a From with two addresses gives no DMARC pass (exit 1)" test $? -eq 1
expect "and names why" test "$(json_field "$out" 'd["dmarc"]["result"], d["dmarc"]["from_problem"]')" = "permerror multiple_addresses"

out="$(check "$work/signed.eml")"
expect "without connection facts DKIM alone decides" test "$(json_field "$out" 'd["spf"], d["dmarc"]["result"]')" = "None pass"

"$mwctl" message check --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "no FILE is a usage error" test $? -eq 2
"$mwctl" message check "$work/signed.eml" --ip 300.1.1.1 --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "a client IP that is no address is a usage error" test $? -eq 2
: > "$work/empty.eml"
"$mwctl" message check "$work/empty.eml" --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "an empty message is a usage error" test $? -eq 2

finish
