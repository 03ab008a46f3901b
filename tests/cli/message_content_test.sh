#!/usr/bin/env bash
# mwctl message content, and mwctl send under a content policy, against
# unbound serving two blocklists (tests/capi/content/zones: dbl.dnsbl.test
# lists spam-site.example as 127.0.1.2 and refuses refused-site.example;
# ip.dnsbl.test lists 203.0.113.10): verdicts and exit codes, the JSON, the
# safe HTML written out, spamd's score from the project's fake spamd, usage
# errors; a send refused for a listed link, a clean one sent, an HTML-only
# message refused for the account whose policy
# refuses what needs review.
# Usage: message_content_test.sh MWCTL RUN_WITH_UNBOUND ZONES
set -uo pipefail
mwctl="$1"
run_with_unbound="$2"
zones="$3"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

if [[ -z "${MW_TEST_DNS:-}" ]]; then
    exec "$run_with_unbound" "$zones" -- "$0" "$@"
fi

work="$(mktemp -d)"
spamd_pid=""
trap '[[ -n "$spamd_pid" ]] && kill "$spamd_pid" 2>/dev/null; rm -rf "$work"' EXIT
content() { "$mwctl" message content "$@" --dns "$MW_TEST_DNS" --dnsbl dbl.dnsbl.test --dnsbl ip.dnsbl.test:ip --json; }

printf 'From: News <news@example.org>\r\nTo: ann@example.net\r\nSubject: Hi\r\n\r\nOur news: https://clean-site.example/news\r\n' > "$work/clean.eml"
out="$(content "$work/clean.eml")"
expect "a clean message passes (exit 0)" test "$?:$(json_field "$out" 'd["verdict"]')" = "0:pass"
expect "its link is found, on no list" test "$(json_field "$out" '[(l["domain"], l["listed_on"]) for l in d["links"]]')" = "[('clean-site.example', [])]"

printf 'From: News <news@example.org>\r\nTo: ann@example.net\r\nSubject: Hi\r\n\r\nSee hxxps://spam-site[.]example/x, https://refused-site.example/ and http://203.0.113.10/\r\n' > "$work/listed.eml"
out="$(content "$work/listed.eml")"
expect "a listed link blocks (exit 1)" test "$?:$(json_field "$out" 'd["verdict"]')" = "1:block"
expect "the defanged link is undone, flagged and listed" \
    test "$(json_field "$out" '[(l["url"], l["obfuscated"], l["listed_on"]) for l in d["links"] if l["domain"] == "spam-site.example"]')" = \
         "[('https://spam-site.example/x', True, ['dbl.dnsbl.test: listed (127.0.1.2)'])]"
expect "a refusal code is unknown, never listed" \
    test "$(json_field "$out" '[(l["listed_on"], l["unknown_on"]) for l in d["links"] if l["domain"] == "refused-site.example"]')" = \
         "[([], ['dbl.dnsbl.test'])]"
expect "the IP literal is listed on the IP list" \
    test "$(json_field "$out" '[l["listed_on"] for l in d["links"] if l["ip"] == "203.0.113.10"]')" = "[['ip.dnsbl.test: listed (127.0.0.2)']]"
expect "findings name the listing and the refusal" \
    test "$(json_field "$out" 'sorted({f["id"] for f in d["findings"]} & {"link.listed", "dnsbl.refused", "link.obfuscated"})')" = \
         "['dnsbl.refused', 'link.listed', 'link.obfuscated']"

printf 'From: News <news@example.org>\r\nTo: ann@example.net\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n<p>Hello<script>steal()</script> <a href="https://clean-site.example/" onclick="x()">news</a></p>\r\n' > "$work/html.eml"
"$mwctl" message content "$work/html.eml" --sanitize-html "$work/safe.html" > "$work/text.out"
expect "an HTML-only message with a script needs review (exit 1)" test $? -eq 1
expect "the text report names the verdict" grep -q "^Content: review$" "$work/text.out"
expect "the safe HTML keeps the link and drops the script and the handler" \
    test "$(grep -c 'https://clean-site.example/' "$work/safe.html"):$(grep -c -e script -e onclick "$work/safe.html")" = "1:0"

# spamd's score, from the project's fake spamd (tests/peers/spamd_fake.py: 7.2 / 5.0, two rules).
/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/../peers/spamd_fake.py" > "$work/spamd.port" &
spamd_pid=$!
for _ in $(seq 100); do grep -q '^PORT ' "$work/spamd.port" && break; sleep 0.05; done
spamd_port="$(sed -n 's/^PORT //p' "$work/spamd.port")"
out="$("$mwctl" message content "$work/clean.eml" --spamd "127.0.0.1:$spamd_port" --json)"
expect "a score of 7.2 needs review (exit 1)" test "$?:$(json_field "$out" 'd["verdict"]')" = "1:review"
expect "spam_score is the score; spam has the threshold and the rules" \
    test "$(json_field "$out" 'd["spam_score"], d["spam"]["threshold"], d["spam"]["rules"]')" = "7.2 5.0 ['FAKE_RULE_ONE', 'FAKE_RULE_TWO']"
kill "$spamd_pid"; wait "$spamd_pid" 2>/dev/null; spamd_pid=""
out="$(content "$work/clean.eml")"
expect "without --spamd, spam_score and spam are null" test "$(json_field "$out" 'd["spam_score"], d["spam"]')" = "None None"

"$mwctl" message content "$work/clean.eml" --dnsbl dbl.dnsbl.test:url > /dev/null 2>&1
expect "a list kind other than domain or ip is a usage error" test $? -eq 2
"$mwctl" message content "$work/clean.eml" --spamd localhost > /dev/null 2>&1
expect "--spamd without a port is a usage error" test $? -eq 2
"$mwctl" message content "$work/missing.eml" > /dev/null 2>&1
expect "a file that cannot be read is a usage error" test $? -eq 2
printf '' | "$mwctl" message content - > /dev/null 2>&1
expect "an empty message is a usage error" test $? -eq 2

# Sends under a content policy.
export MAILWARDEN_HOME="$work/home"
export MAILWARDEN_NOW="2026-12-03T12:00:00Z"
mkdir -p "$MAILWARDEN_HOME"
cat > "$MAILWARDEN_HOME/content-policy.json" <<JSON
{"*": {"dns": "$MW_TEST_DNS", "dnsbl": [{"zone": "dbl.dnsbl.test", "codes": {"127.0.1.2": "spam domain"}}]},
 "forum": {"on_review": "refuse"}}
JSON
for account in default forum; do
    "$mwctl" sender add alice@iana.org --account "$account" --allow-special-use > /dev/null
done
for link in $(grep -rhoa "https://verify[^ ]*" "$MAILWARDEN_HOME/outbox/new" | tr -d '\r'); do
    "$mwctl" sender confirm "$link" > /dev/null
done
err="$("$mwctl" send --from alice@iana.org --to bob@example.net --subject Offer --text "Buy at https://spam-site.example/now" 2>&1 >/dev/null)"
expect "a send with a listed link is refused (exit 1)" test $? -eq 1
expect "the refusal names the verdict and the finding" grep -q "content checks say block (link.listed: .*spam domain" <<<"$err"
expect "nothing reached the outbox" test "$(grep -l '^Subject: Offer' "$MAILWARDEN_HOME"/outbox/new/* 2>/dev/null | wc -l)" = 0
"$mwctl" send --from alice@iana.org --to bob@example.net --subject News --text "See https://clean-site.example/" > /dev/null
expect "a clean send goes out (exit 0)" test $? -eq 0
printf '<p>Hello</p>' > "$work/only.html"
"$mwctl" send --from alice@iana.org --to bob@example.net --subject Html --html-file "$work/only.html" > /dev/null
expect "an HTML-only send needing review goes out under the default policy (send)" test $? -eq 0
"$mwctl" send --account forum --from alice@iana.org --to bob@example.net --subject Html2 --html-file "$work/only.html" > /dev/null 2>&1
expect "the forum account's policy refuses what needs review (exit 1)" test $? -eq 1
printf '{"*": {"on_block": "maybe"}}' > "$work/bad-policy.json"
"$mwctl" send --content-policy "$work/bad-policy.json" --from alice@iana.org --to bob@example.net --subject x --text x > /dev/null 2>&1
expect "a policy file that cannot be used is a usage error" test $? -eq 2

finish
