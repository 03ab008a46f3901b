#!/usr/bin/env bash
# The local transport signs what it sends with the keys `mwctl dkim keygen`
# wrote under $MAILWARDEN_HOME/dkim, and `mwctl domain check` lists and checks
# each selector's record: keys made by mwctl, a zone that unbound serves from
# the records keygen wrote, a sender verified and a mail sent through mwctl,
# then message check (DKIM and DMARC pass) and domain check (the record ok;
# after a key rotation not yet published, missing).
# Usage: local_signing_test.sh MWCTL RUN_WITH_UNBOUND
set -uo pipefail
mwctl="$1"
run_with_unbound="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
domain=mail-fixtures.net

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    export MAILWARDEN_HOME="$work/home"
    mkdir -p "$work/zones"
    "$mwctl" dkim keygen --domain "$domain" --selector s2026 > /dev/null || exit 1
    "$mwctl" dkim keygen --domain "$domain" --selector ed2026 --type ed25519 > /dev/null || exit 1
    cat > "$work/zones/$domain.zone" <<ZONE
\$ORIGIN $domain.
\$TTL 300
@          300 IN SOA ns.$domain. hostmaster.$domain. 2026120301 3600 600 86400 60
@          300 IN NS  ns.$domain.
ns         300 IN A   127.0.0.1
@          300 IN MX  10 ns.$domain.
@          300 IN TXT "v=spf1 include:amazonses.com ~all"
_dmarc     300 IN TXT "v=DMARC1; p=reject; adkim=s"
$(cat "$MAILWARDEN_HOME/dkim/$domain/s2026.txt")
$(cat "$MAILWARDEN_HOME/dkim/$domain/ed2026.txt")
ZONE
    exec "$run_with_unbound" "$work/zones" -- "$0" "$mwctl" "$run_with_unbound" "$work"
fi

work="$3"
export MAILWARDEN_HOME="$work/home"
export MAILWARDEN_NOW="2026-12-03T12:00:00Z"

expect "keygen writes under \$MAILWARDEN_HOME/dkim/DOMAIN by default" \
    test -f "$MAILWARDEN_HOME/dkim/$domain/s2026.pem" -a -f "$MAILWARDEN_HOME/dkim/$domain/ed2026.pem"

"$mwctl" sender add "news@$domain" --alias News > /dev/null
link="$(grep -rhoa "https://verify[^ ]*" "$MAILWARDEN_HOME/outbox/new" | tr -d '\r' | tail -1)"
"$mwctl" sender confirm "$link" > /dev/null
expect "the verification mail is not signed with the customer's keys" \
    test "$(grep -l '^DKIM-Signature' "$MAILWARDEN_HOME"/outbox/new/* | wc -l)" = 0

"$mwctl" send --from "news@$domain" --to reader@example.org --subject "Issue 1" --text "Hello." > /dev/null
expect "send exits 0" test $? -eq 0
mail="$(grep -l '^Subject: Issue 1' "$MAILWARDEN_HOME"/outbox/new/*)"
expect "the sent mail starts with its signatures" test "$(head -c 15 "$mail")" = "DKIM-Signature:"
out="$("$mwctl" message check "$mail" --dns "$MW_TEST_DNS" --json)"
expect "the sent mail passes DMARC (exit 0)" test $? -eq 0
expect "both signatures pass: ed25519-sha256 at ed2026, rsa-sha256 at s2026 (keys in name order)" \
    test "$(json_field "$out" '[(s["result"], s["algorithm"], s["selector"]) for s in d["dkim"]]')" = \
         "[('pass', 'ed25519-sha256', 'ed2026'), ('pass', 'rsa-sha256', 's2026')]"
expect "DMARC passes, DKIM aligned strictly" test "$(json_field "$out" 'd["dmarc"]["result"], d["dmarc"]["dkim_aligned"]')" = "pass True"

report="$("$mwctl" domain check "$domain" --dns "$MW_TEST_DNS" --json)"
own='[(r["name"], r["type"], r["status"]) for r in d["records"] if r["purpose"] == "dkim"]'
expect "domain check lists each own selector's TXT record, live and ok" \
    test "$(json_field "$report" "$own")" = \
         "[('ed2026._domainkey.$domain', 'TXT', 'ok'), ('s2026._domainkey.$domain', 'TXT', 'ok')]"
expect "the record to publish is the one keygen wrote" \
    test "$(json_field "$report" '[r["value"] for r in d["records"] if r["name"].startswith("s2026.")][0]')" = \
         "$(/usr/bin/python3 -c 'import re,sys; print("".join(re.findall(r"\"([^\"]*)\"", open(sys.argv[1]).read())))' "$MAILWARDEN_HOME/dkim/$domain/s2026.txt")"
expect "no Easy DKIM tokens asked for when own keys are there" \
    test "$(json_field "$report" '"dkim.no_tokens" in [f["id"] for f in d["findings"]]')" = False

"$mwctl" dkim keygen --domain "$domain" --selector s2027 > /dev/null
report="$("$mwctl" domain check "$domain" --dns "$MW_TEST_DNS" --json)"
expect "a rotated key not yet published is missing, and the check fails (exit 1)" \
    test "$(json_field "$report" '[r["status"] for r in d["records"] if r["name"].startswith("s2027.")], d["verdict"]')" = "['missing'] fail"
cp "$MAILWARDEN_HOME/dkim/$domain/s2027.pem" "$work/s2027.pem"
rm "$MAILWARDEN_HOME/dkim/$domain/s2026.pem"
cp "$work/s2027.pem" "$MAILWARDEN_HOME/dkim/$domain/s2026.pem"
report="$("$mwctl" domain check "$domain" --dns "$MW_TEST_DNS" --json)"
expect "a key file replaced under a published selector is a mismatch" \
    test "$(json_field "$report" '[r["status"] for r in d["records"] if r["name"].startswith("s2026.")], "dkim.key_mismatch" in [f["id"] for f in d["findings"]]')" = "['mismatch'] True"

"$mwctl" send --from "news@$domain" --to reader@example.org --subject "Issue 2" --text "Hello." --dkim-keys "$work/none" > /dev/null
mail="$(grep -l '^Subject: Issue 2' "$MAILWARDEN_HOME"/outbox/new/*)"
expect "--dkim-keys naming another folder (here an empty one) is what signs" \
    test "$(grep -c '^DKIM-Signature' "$mail")" = 0
printf 'not a key\n' > "$MAILWARDEN_HOME/dkim/$domain/broken.pem"
err="$("$mwctl" send --from "news@$domain" --to reader@example.org --subject "Issue 3" --text x 2>&1 > /dev/null)"
expect "a key file that is not a key stops the send (exit 1), naming it" \
    test "$?:$(grep -c broken.pem <<<"$err")" = "1:1"
"$mwctl" send --transport ses --dkim-keys "$MAILWARDEN_HOME/dkim" --from "news@$domain" --to r@example.org --subject x --text x > /dev/null 2>&1
expect "--dkim-keys with SES is a usage error" test $? -eq 2

finish
