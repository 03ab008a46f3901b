#!/usr/bin/env bash
# mwctl domain check / spf check as separate processes against unbound
# serving tests/peers/unbound/auth-zones (run through run-with-unbound.sh,
# which sets MW_TEST_DNS): JSON keys and values, and exit codes 0/1/2.
set -uo pipefail
mwctl="$1"
: "${MW_TEST_DNS:?run through tests/peers/unbound/run-with-unbound.sh}"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
run() {  # run ARGS...: sets $out and $status
    out="$("$mwctl" "$@" 2>/dev/null)"
    status=$?
}
dns=(--dns "$MW_TEST_DNS")

# domain check
run domain check good.test --dkim-token good1 --dkim-token good2 --dkim-token good3 "${dns[@]}" --json
expect "good.test exits 0" test "$status" -eq 0
expect "report keys" test "$(json_field "$out" '",".join(sorted(d))')" = "domain,findings,records,region,verdict"
expect "good.test passes" test "$(json_field "$out" 'd["domain"] + " " + d["verdict"]')" = "good.test pass"
expect "five records" test "$(json_field "$out" 'len(d["records"])')" = 5
expect "record keys" test "$(json_field "$out" '",".join(sorted(d["records"][0]))')" = "found,name,purpose,status,type,value"
expect "records in order" test "$(json_field "$out" '" ".join(r["purpose"] + ":" + r["status"] for r in d["records"])')" = "spf:ok dkim:ok dkim:ok dkim:ok dmarc:ok"
expect "DKIM CNAME to publish" test "$(json_field "$out" 'd["records"][2]["name"] + " " + d["records"][2]["type"] + " " + d["records"][2]["value"]')" = "good2._domainkey.good.test CNAME good2.dkim.amazonses.com"
expect "no findings" test "$(json_field "$out" 'len(d["findings"])')" = 0

run domain check monitor.test "${dns[@]}" --json
expect "monitor.test exits 1" test "$status" -eq 1
expect "monitor.test warns" test "$(json_field "$out" 'd["verdict"]')" = warn
expect "finding keys" test "$(json_field "$out" '",".join(sorted(d["findings"][0]))')" = "id,message,severity"
expect "monitor.test findings" test "$(json_field "$out" '" ".join(f["id"] + ":" + f["severity"] for f in d["findings"])')" = "dkim.no_tokens:info dmarc.policy_none:warning dmarc.no_rua:warning"

run domain check no-ses.test "${dns[@]}" --json
expect "no-ses.test exits 1" test "$status" -eq 1
expect "no-ses.test fails" test "$(json_field "$out" 'd["verdict"] + " " + d["records"][0]["status"] + " " + d["findings"][0]["id"]')" = "fail mismatch spf.ses_not_authorized"

run domain check good.test --mail-from bounce.good.test --region eu-west-1 "${dns[@]}" --json
expect "wrong region exits 1" test "$status" -eq 1
expect "wrong region: MX record and finding" test "$(json_field "$out" 'd["region"] + " " + d["records"][-1]["value"] + " " + d["records"][-1]["status"] + " " + d["findings"][-1]["id"]')" = "eu-west-1 10 feedback-smtp.eu-west-1.amazonses.com mismatch mail_from.mx_mismatch"

run domain check good.test --dkim-token good1 "${dns[@]}"
expect "text output exits 0" test "$status" -eq 0
expect "text output names the verdict" grep -q "Domain good.test (SES region us-east-1): pass" <<<"$out"
expect "text output lists the CNAME" grep -q "good1._domainkey.good.test  CNAME  good1.dkim.amazonses.com" <<<"$out"

run domain check "${dns[@]}" --json;                  expect "no domain exits 2" test "$status" -eq 2
run domain check a.test b.test "${dns[@]}" --json;    expect "two domains exit 2" test "$status" -eq 2
run domain check good.test --dns "not a server" --json; expect "bad --dns exits 2" test "$status" -eq 2
run domain verify good.test;                          expect "unknown subcommand exits 2" test "$status" -eq 2

# spf check
run spf check --ip 199.255.192.10 --sender bounce@good.test "${dns[@]}" --json
expect "SES address passes, exit 0" test "$status" -eq 0
expect "spf keys" test "$(json_field "$out" '",".join(k for k in ("result","explanation","lookups") if k in d)')" = "result,explanation,lookups"
expect "pass through one include" test "$(json_field "$out" 'd["result"] + " " + str(d["lookups"]) + " [" + d["explanation"] + "]"')" = "pass 1 []"

run spf check --ip 192.0.2.99 --sender x@good.test "${dns[@]}" --json
expect "softfail exits 1" test "$status" -eq 1
expect "softfail, no explanation" test "$(json_field "$out" 'd["result"] + " [" + d["explanation"] + "]"')" = "softfail []"

run spf check --ip 198.51.100.7 --sender x@no-ses.test "${dns[@]}" --json
expect "fail exits 1" test "$status" -eq 1
expect "fail with the default explanation" test "$(json_field "$out" 'd["result"] + ": " + d["explanation"]')" = "fail: 198.51.100.7 is not one of no-ses.test's designated mail servers"
expect "ip4 costs no lookup" test "$(json_field "$out" 'd["lookups"]')" = 0

run spf check --ip 2001:db8::1 --sender "" --helo good.test "${dns[@]}" --json
expect "HELO identity for the null sender" test "$(json_field "$out" 'd["result"]')" = softfail

run spf check --ip 203.0.113.5 --sender x@too-many.test "${dns[@]}" --json
expect "eleven lookups: permerror" test "$(json_field "$out" 'd["result"] + " " + str(d["lookups"] > 10)')" = "permerror True"
expect "permerror exits 1" test "$status" -eq 1

run spf check --ip 192.0.2.1 --sender x@multi-spf.test "${dns[@]}" --json
expect "two records: permerror" test "$(json_field "$out" 'd["result"]')" = permerror
run spf check --ip 192.0.2.1 --sender x@nospf.test "${dns[@]}" --json
expect "no record: none" test "$(json_field "$out" 'd["result"]')" = none
run spf check --ip 192.0.2.1 --sender x@nowhere.test "${dns[@]}" --json
expect "no domain: none" test "$(json_field "$out" 'd["result"]')" = none

run spf check --ip 999.1.1.1 --sender x@good.test "${dns[@]}" --json; expect "bad IP exits 2" test "$status" -eq 2
run spf check --sender x@good.test "${dns[@]}" --json;                expect "no --ip exits 2" test "$status" -eq 2
run spf;                                                              expect "no subcommand exits 2" test "$status" -eq 2

finish
