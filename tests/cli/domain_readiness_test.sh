#!/usr/bin/env bash
# mwctl domain readiness end to end: a key made by mwctl dkim keygen, a zone
# unbound serves (SPF, DMARC, the key, a PTR in 2.0.192.in-addr.arpa and its
# forward A), a sample signed by mwctl message sign; every rule passes for
# it, then a sample without List-Unsubscribe-Post and one From gmail.com
# fail, a PTR that does not come back fails, and usage errors.
# Usage: domain_readiness_test.sh MWCTL RUN_WITH_UNBOUND
set -uo pipefail
mwctl="$1"
run_with_unbound="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/zones" "$work/keys"
    "$mwctl" dkim keygen --domain mail-fixtures.net --selector s2026 --out "$work/keys" > /dev/null || exit 1
    cat > "$work/zones/mail-fixtures.net.zone" <<ZONE
\$ORIGIN mail-fixtures.net.
\$TTL 300
@          300 IN SOA ns.mail-fixtures.net. hostmaster.mail-fixtures.net. 2026120301 3600 600 86400 60
@          300 IN NS  ns.mail-fixtures.net.
ns         300 IN A   127.0.0.1
mta        300 IN A   192.0.2.10
@          300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc     300 IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@mail-fixtures.net"
$(cat "$work/keys/s2026.txt")
ZONE
    cat > "$work/zones/2.0.192.in-addr.arpa.zone" <<ZONE
\$ORIGIN 2.0.192.in-addr.arpa.
\$TTL 300
@          300 IN SOA ns.mail-fixtures.net. hostmaster.mail-fixtures.net. 2026120301 3600 600 86400 60
@          300 IN NS  ns.mail-fixtures.net.
10         300 IN PTR mta.mail-fixtures.net.
11         300 IN PTR elsewhere.mail-fixtures.net.
ZONE
    exec "$run_with_unbound" "$work/zones" -- "$0" "$mwctl" "$run_with_unbound" "$work"
fi

work="$3"
export MAILWARDEN_NOW="2026-12-03T12:00:00Z"
sign() { "$mwctl" message sign "$1" --domain mail-fixtures.net --selector s2026 --key "$work/keys/s2026.pem" -o "$2"; }
readiness() { "$mwctl" domain readiness "$@" --dns "$MW_TEST_DNS" --json; }
status() { json_field "$1" "{r['id']: r['status'] for r in d['rules']}['$2']"; }

printf 'From: News <news@mail-fixtures.net>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\nDate: Thu, 03 Dec 2026 11:59:00 +0000\r\nMessage-ID: <1@mail-fixtures.net>\r\nList-Unsubscribe: <https://mail-fixtures.net/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\nHello Ann,\r\nthe news.\r\n' > "$work/plain.eml"
sign "$work/plain.eml" "$work/signed.eml" || exit 1

out="$(readiness mail-fixtures.net --sample "$work/signed.eml" --ip 192.0.2.10 --mail-from bounces@mail-fixtures.net)"
expect "a signed sample from the published IP is ready (exit 0)" test $? -eq 0
for rule in spf dkim dmarc reverse_dns one_click_unsubscribe from_not_provider; do
    expect "$rule passes" test "$(status "$out" "$rule")" = pass
done
expect "TLS and the complaint rate (no figures) are unknown" test "$(status "$out" tls) $(status "$out" complaint_rate)" = "unknown unknown"
expect "the reverse DNS evidence names the PTR" test "$(json_field "$out" "[r['evidence'] for r in d['rules'] if r['id'] == 'reverse_dns'][0]")" = "192.0.2.10 -> PTR mta.mail-fixtures.net -> A 192.0.2.10"
expect "the DKIM evidence names the 2048-bit key" grep -q "s=s2026 a=rsa-sha256 2048-bit key: pass" <<<"$out"
expect "each rule names its providers" test "$(json_field "$out" "[r['providers'] for r in d['rules'] if r['id'] == 'one_click_unsubscribe'][0]")" = "['gmail', 'yahoo']"

text="$("$mwctl" domain readiness mail-fixtures.net --sample "$work/signed.eml" --ip 192.0.2.10 --dns "$MW_TEST_DNS")"
expect "the text report says ready" grep -q "^Bulk-sender readiness of mail-fixtures.net: ready (3 of 9 rules unknown)$" <<<"$text"

out="$(readiness mail-fixtures.net)"
expect "DNS alone: ready, what needs a sample is unknown" test "$? $(status "$out" spf) $(status "$out" dkim) $(status "$out" reverse_dns)" = "0 pass unknown unknown"

out="$(readiness mail-fixtures.net --ip 192.0.2.11)"
expect "a PTR whose name does not come back is not ready (exit 1)" test "$? $(status "$out" reverse_dns)" = "1 fail"

grep -v '^List-Unsubscribe-Post:' "$work/plain.eml" > "$work/no-post.eml"
sign "$work/no-post.eml" "$work/no-post.signed.eml" || exit 1
out="$(readiness mail-fixtures.net --sample "$work/no-post.signed.eml" --ip 192.0.2.10)"
expect "without List-Unsubscribe-Post the sample is not ready (exit 1)" test $? -eq 1
expect "one-click unsubscribe fails and says why" test "$(status "$out" one_click_unsubscribe)" = fail
expect "while DKIM still passes" test "$(status "$out" dkim)" = pass

sed 's/^From: News <news@mail-fixtures.net>/From: News <news@gmail.com>/' "$work/plain.eml" > "$work/gmail.eml"
sign "$work/gmail.eml" "$work/gmail.signed.eml" || exit 1
out="$(readiness mail-fixtures.net --sample "$work/gmail.signed.eml" --ip 192.0.2.10)"
expect "a From at gmail.com is not ready (exit 1)" test $? -eq 1
expect "from_not_provider and DMARC alignment fail" test "$(status "$out" from_not_provider) $(status "$out" dmarc)" = "fail fail"

"$mwctl" domain readiness --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "no DOMAIN is a usage error" test $? -eq 2
"$mwctl" domain readiness mail-fixtures.net --ip 300.1.1.1 --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "an IP that is no address is a usage error" test $? -eq 2
export MAILWARDEN_HOME="$work/home"
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/feedback/make_events.py" 2000 7 > "$work/events.jsonl"
"$mwctl" bounces ingest "$work/events.jsonl" > /dev/null
out="$(readiness mail-fixtures.net --sample "$work/signed.eml" --ip 192.0.2.10 --account default)"
expect "--account takes the tracker's figures: 18 complaints in 2000 sends fail the 0.3 % rule (exit 1)" \
    test "$?:$(status "$out" complaint_rate):$(status "$out" complaint_rate_recommended)" = "1:fail:fail"
expect "the evidence gives the counts and the rate" \
    grep -q "account default: 18 complaints of 2000 sends = 0.900 %" <<<"$out"
out="$(readiness mail-fixtures.net --sample "$work/signed.eml" --ip 192.0.2.10 --account quiet)"
expect "an account without sends leaves the rate unknown (still ready, exit 0)" \
    test "$?:$(status "$out" complaint_rate)" = "0:unknown"
unset MAILWARDEN_HOME

"$mwctl" domain readiness mail-fixtures.net --sample "$work/missing.eml" --dns "$MW_TEST_DNS" >/dev/null 2>&1
expect "a sample that cannot be read is a usage error" test $? -eq 2

finish
