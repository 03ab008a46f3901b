#!/usr/bin/env bash
# mwctl dkim keygen and mwctl message sign end to end: keys made by mwctl,
# their records published from the S.txt files it writes in a zone that
# unbound serves, messages signed by mwctl (RSA, and RSA with Ed25519), then
# mwctl message check: DKIM and DMARC pass; a changed body or an added From
# or Subject fails; the key file's mode; usage errors.
# Usage: message_sign_test.sh MWCTL RUN_WITH_UNBOUND
set -uo pipefail
mwctl="$1"
run_with_unbound="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/zones" "$work/keys"
    "$mwctl" dkim keygen --domain mail-fixtures.net --selector s2026 --out "$work/keys" > "$work/keygen.out" || exit 1
    "$mwctl" dkim keygen --domain mail-fixtures.net --selector ed2026 --type ed25519 --out "$work/keys" > /dev/null || exit 1
    cat > "$work/zones/mail-fixtures.net.zone" <<ZONE
\$ORIGIN mail-fixtures.net.
\$TTL 300
@          300 IN SOA ns.mail-fixtures.net. hostmaster.mail-fixtures.net. 2026120301 3600 600 86400 60
@          300 IN NS  ns.mail-fixtures.net.
ns         300 IN A   127.0.0.1
@          300 IN MX  10 ns.mail-fixtures.net.
@          300 IN TXT "v=spf1 ip4:192.0.2.10 -all"
_dmarc     300 IN TXT "v=DMARC1; p=reject; adkim=s"
$(cat "$work/keys/s2026.txt")
$(cat "$work/keys/ed2026.txt")
ZONE
    exec "$run_with_unbound" "$work/zones" -- "$0" "$mwctl" "$run_with_unbound" "$work"
fi

work="$3"
keys="$work/keys"
export MAILWARDEN_NOW="2026-12-03T12:00:00Z"
check() { "$mwctl" message check "$@" --dns "$MW_TEST_DNS" --json; }
sign() { "$mwctl" message sign "$@" --domain mail-fixtures.net --selector s2026 --key "$keys/s2026.pem"; }

expect "keygen prints the zone line it writes" diff -q "$work/keygen.out" "$keys/s2026.txt"
expect "the RSA record is split into strings of 255 bytes" \
    grep -Eq '^s2026\._domainkey\.mail-fixtures\.net\. IN TXT "v=DKIM1; k=rsa; p=[^"]{237}" "[^"]+"$' "$keys/s2026.txt"
expect "the private key is readable by its owner only" test "$(stat -c %a "$keys/s2026.pem")" = 600
expect "the Ed25519 record is one string" grep -Eq '^ed2026\._domainkey\.mail-fixtures\.net\. IN TXT "v=DKIM1; k=ed25519; p=[^"]+"$' "$keys/ed2026.txt"

printf 'From: News <news@mail-fixtures.net>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\nDate: Thu, 03 Dec 2026 11:59:00 +0000\r\nMessage-ID: <1@mail-fixtures.net>\r\nList-Unsubscribe: <https://mail-fixtures.net/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\nHello Ann,\r\nthe news.\r\n' > "$work/plain.eml"

sign "$work/plain.eml" > "$work/signed.eml"
expect "message sign exits 0" test $? -eq 0
expect "the signature is on top, folded at 78 columns" test "$(head -c 15 "$work/signed.eml")" = "DKIM-Signature:"
expect "no line of the signature is longer than 78 columns" test "$(sed -n '/^DKIM-Signature/,/^From:/p' "$work/signed.eml" | tr -d '\r' | awk 'length > 78' | wc -l)" = 0
out="$(check "$work/signed.eml")"
expect "signed with the new key, the message passes DMARC (exit 0)" test $? -eq 0
expect "DKIM passes with the 2048-bit key at s2026" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dkim"][0]["selector"], d["dkim"][0]["key_bits"], d["dkim"][0]["algorithm"]')" = "pass s2026 2048 rsa-sha256"
expect "DMARC passes, DKIM aligned strictly" test "$(json_field "$out" 'd["dmarc"]["result"], d["dmarc"]["dkim_aligned"]')" = "pass True"
expect "the one-click unsubscribe fields are signed" test "$(json_field "$out" '"List-Unsubscribe" in d["dkim"][0]["signed_headers"] and "List-Unsubscribe-Post" in d["dkim"][0]["signed_headers"]')" = "True"

sign - -o "$work/both.eml" --ed25519-key "$keys/ed2026.pem" --ed25519-selector ed2026 < "$work/plain.eml"
expect "from standard input to -o OUT, with a second key (exit 0)" test $? -eq 0
out="$(check "$work/both.eml")"
expect "both signatures pass: rsa-sha256 then ed25519-sha256" test "$(json_field "$out" '[(s["result"], s["algorithm"]) for s in d["dkim"]]')" = "[('pass', 'rsa-sha256'), ('pass', 'ed25519-sha256')]"

sign "$work/plain.eml" --ed25519-key "$keys/ed2026.pem" > "$work/both-default.eml"
expect "--ed25519-key alone, as the contract writes it: the selector is the key file's name (exit 0)" test $? -eq 0
out="$(check "$work/both-default.eml")"
expect "and both signatures pass, the Ed25519 one at ed2026" \
    test "$(json_field "$out" '[(s["result"], s["selector"]) for s in d["dkim"]]')" = "[('pass', 's2026'), ('pass', 'ed2026')]"

tr -d '\r' < "$work/plain.eml" | sign - > "$work/lf.eml"
expect "a message with LF line ends is signed with LF line ends" test "$(grep -c $'\r' "$work/lf.eml")" = 0
out="$(check "$work/lf.eml")"
expect "and passes" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dmarc"]["result"]')" = "pass pass"

sed 's/the news\./the news, changed./' "$work/signed.eml" > "$work/tampered.eml"
out="$(check "$work/tampered.eml")"
expect "a changed body fails DMARC (exit 1)" test $? -eq 1
expect "with a body hash mismatch" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dkim"][0]["reason"]')" = "fail body_hash_mismatch"
for added in 'From: Mallory <mallory@mail-fixtures.net>' 'Subject: Urgent: pay now'; do
    sed "s/^To: ann@example.org/$added\r\n&/" "$work/signed.eml" > "$work/added.eml"
    out="$(check "$work/added.eml")"
    expect "an added '${added%%:*}' breaks the over-signed signature" test "$(json_field "$out" 'd["dkim"][0]["result"], d["dkim"][0]["reason"]')" = "fail signature_mismatch"
done

printf 'To: ann@example.org\r\nSubject: no From\r\n\r\nbody\r\n' | sign - > /dev/null 2>&1
expect "a message without From is not signed (exit 1)" test $? -eq 1
"$mwctl" message sign "$work/plain.eml" --domain mail-fixtures.net --selector s2026 > /dev/null 2>&1
expect "no --key is a usage error" test $? -eq 2
"$mwctl" message sign "$work/plain.eml" --domain mail-fixtures.net --selector s2026 --key "$keys/s2026.txt" > /dev/null 2>&1
expect "a file that is no private key is a usage error" test $? -eq 2
sign "$work/plain.eml" --ed25519-key "$keys/s2026.pem" --ed25519-selector ed2026 > /dev/null 2>&1
expect "an RSA key as --ed25519-key is a usage error" test $? -eq 2
"$mwctl" message sign "$work/plain.eml" --domain mail_fixtures --selector s2026 --key "$keys/s2026.pem" > /dev/null 2>&1
expect "a domain DKIM cannot carry is a usage error" test $? -eq 2
"$mwctl" dkim keygen --domain mail-fixtures.net --selector s2026 --out "$keys" > /dev/null 2>&1
expect "keygen never overwrites a key (exit 1)" test $? -eq 1
"$mwctl" dkim keygen --domain mail-fixtures.net --selector s1 --bits 512 --out "$work/small" > /dev/null 2>&1
expect "an RSA key under 1024 bits is a usage error" test $? -eq 2
"$mwctl" dkim keygen --domain mail-fixtures.net --selector s1 --type dsa --out "$work/small" > /dev/null 2>&1
expect "an unknown key type is a usage error" test $? -eq 2

finish
