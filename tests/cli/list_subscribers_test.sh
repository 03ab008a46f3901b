#!/usr/bin/env bash
# Mailing lists through mwctl, each step a separate process on one store,
# the local transport's outbox, and unbound serving tests/cli/list/zones
# (run through run-with-unbound.sh): double opt-in end to end (a GET that
# must not confirm, reuse, tampering, expiry), intake refusals from real DNS
# answers, list mail with its headers, the RFC 8058 POST in both encodings,
# import, purge with a dry run, and the consent log.
set -uo pipefail
mwctl="$1"
: "${MW_TEST_DNS:?run through tests/peers/unbound/run-with-unbound.sh}"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MAILWARDEN_HOME="$work/home"
export MAILWARDEN_NOW="2026-12-01T10:00:00Z"
mw() { "$mwctl" "$@" --account acme --dns "$MW_TEST_DNS"; }
newest_mail_to() {  # the newest outbox mail to $1
    grep -l "^To: $1" "$MAILWARDEN_HOME"/outbox/new/* 2>/dev/null | xargs -r ls -t | head -1
}
link_in() { grep -o 'https://lists.mailwarden.local/confirm?token=[A-Za-z0-9._-]*' "$1" | head -1; }
header_in() { grep -m1 "^$2: " "$1" | cut -d' ' -f2- | tr -d '\r'; }

# A verified sender for the list.
"$mwctl" sender add news@clean-fixtures.net --alias "Fixture News" --account acme >/dev/null
"$mwctl" sender confirm "$(grep -ho 'https://verify\.mailwarden\.local/confirm?[^[:space:]]*' "$MAILWARDEN_HOME"/outbox/new/* | head -1)" >/dev/null
"$mwctl" sender refresh --account acme >/dev/null
expect "list create" mw list create news --from news@clean-fixtures.net
mw list create news --from news@clean-fixtures.net >/dev/null 2>&1
expect "a second list of the same name is refused" test $? -eq 1

# Double opt-in.
out="$(mw list subscribe news Ann@MX.clean-fixtures.net --ip 198.51.100.4 --user-agent Firefox \
        --notice "Yes, send me the news" --notice-version v1 --json)"
expect "subscribe exit 0" test $? -eq 0
expect "pending" test "$(json_field "$out" 'd["subscriber"]["state"]')" = pending
mail="$(newest_mail_to Ann@mx.clean-fixtures.net)"
expect "a confirmation mail went out" test -n "$mail"
link="$(link_in "$mail")"
expect "the mail's link is the one reported" test "$link" = "$(json_field "$out" 'd["confirm_link"]')"
for _ in 1 2 3; do mw list confirm "$link" --inspect >/dev/null; done
expect "GET (--inspect) names the subscriber" bash -c "\"$mwctl\" list confirm '$link' --inspect --account acme --no-dns | grep -q 'confirms Ann@mx.clean-fixtures.net on news'"
expect "still pending after three GETs" test "$(mw list show news --state pending | cut -f1)" = Ann@mx.clean-fixtures.net
tampered="${link%?}A"; [[ "$tampered" == "$link" ]] && tampered="${link%?}B"
mw list confirm "$tampered" >/dev/null 2>&1
expect "a tampered link is refused" test $? -eq 1
expect "POST confirms" mw list confirm "$link" --ip 203.0.113.9
mw list confirm "$link" >"$work/reuse" 2>&1
expect "a second use is refused" test $? -eq 1
expect "... saying so" grep -q "already used" "$work/reuse"
expect "confirmed" test "$(mw list show news --state confirmed | cut -f1)" = Ann@mx.clean-fixtures.net
consent="$(mw list consent news ann@mx.clean-fixtures.net --json)"
expect "consent log: subscribe then confirm" test "$(echo "$consent" | /usr/bin/python3 -c 'import json,sys; print(" ".join(json.loads(l)["action"] for l in sys.stdin))')" = "subscribe confirm"
expect "consent log keeps the notice and the IPs" test "$(echo "$consent" | head -1 | json_field "$(cat)" 'd["notice_text"]+"|"+d["notice_version"]+"|"+d["ip"]')" = "Yes, send me the news|v1|198.51.100.4"

# Expiry: a link older than 48 hours.
mw list subscribe news bob@mx.clean-fixtures.net >/dev/null
old_link="$(link_in "$(newest_mail_to bob@mx.clean-fixtures.net)")"
MAILWARDEN_NOW="2026-12-03T10:00:01Z" mw list confirm "$old_link" >"$work/expired" 2>&1
expect "an expired link is refused" test $? -eq 1
expect "... saying it expired" grep -q "expired" "$work/expired"
new_link="$(mw list resend news bob@mx.clean-fixtures.net | grep -o 'https://[^ ]*')"
mw list confirm "$old_link" --inspect >/dev/null 2>&1
expect "a resend replaces the old link" test $? -eq 1
expect "the new one works" mw list confirm "$new_link"

# Intake against real DNS answers.
refusal() { mw list subscribe news "$1" --json 2>/dev/null | json_field "$(cat)" 'd["refused_because"] or d["subscriber"]["state"]'; }
expect "null MX refused" test "$(refusal di@nullmx.clean-fixtures.net)" = null_mx
expect "NXDOMAIN refused" test "$(refusal fay@nx.clean-fixtures.net)" = no_mail_domain
expect "no MX and no address refused" test "$(refusal ed@nodata.clean-fixtures.net)" = no_mail_domain
expect "role refused by default" test "$(refusal postmaster@mx.clean-fixtures.net)" = role
expect "A-only accepted" test "$(refusal bo@aonly.clean-fixtures.net)" = pending
expect "a temporary DNS failure is accepted" test "$(refusal gus@refused.clean-fixtures.net)" = pending
expect "... flagged dns_unknown" bash -c "\"$mwctl\" list show news --state pending --account acme --no-dns | grep -q 'gus@refused.clean-fixtures.net.*dns_unknown'"

# List mail: confirmed subscribers only, each with its own headers.
"$mwctl" suppression add bob@mx.clean-fixtures.net --account acme >/dev/null
sent="$(mw list send news --subject "Issue 1" --text "Hello" --json)"
expect "sent to the one unsuppressed confirmed subscriber" test "$(json_field "$sent" 'd["sent"], d["suppressed"]')" = "1 1"
issue="$(grep -l '^Subject: Issue 1' "$MAILWARDEN_HOME"/outbox/new/*)"
expect "one list mail" test "$(echo "$issue" | wc -l)" -eq 1
expect "List-Unsubscribe-Post" test "$(header_in "$issue" List-Unsubscribe-Post)" = "List-Unsubscribe=One-Click"
expect "List-Id" test "$(header_in "$issue" List-Id)" = "<news.acme.lists.mailwarden.local>"
unsub="$(header_in "$issue" List-Unsubscribe | sed 's/^<\([^>]*\)>.*/\1/')"
expect "an https unsubscribe link" test "${unsub#https://lists.mailwarden.local/unsubscribe?token=u1.}" != "$unsub"
expect "mailto as well" bash -c "grep '^List-Unsubscribe: ' '$issue' | grep -q 'mailto:unsubscribe+u1\.'"
expect "the suppressed one is bounced on the list" test "$(mw list show news --state bounced | cut -f1)" = bob@mx.clean-fixtures.net

# RFC 8058: a body that is not one-click changes nothing; both encodings work.
printf 'List-Unsubscribe=Maybe' >"$work/bad"
mw list unsubscribe "$unsub" --post-body "$work/bad" --content-type application/x-www-form-urlencoded >/dev/null 2>&1
expect "a body without One-Click is refused" test $? -eq 1
expect "... and changes nothing" test "$(mw list show news --state confirmed | cut -f1)" = Ann@mx.clean-fixtures.net
printf 'List-Unsubscribe=One-Click' >"$work/urlencoded"
expect "urlencoded one-click" mw list unsubscribe "$unsub" --post-body "$work/urlencoded" --content-type application/x-www-form-urlencoded
expect "unsubscribed at once" test "$(mw list show news --state unsubscribed | cut -f1)" = Ann@mx.clean-fixtures.net
mw list subscribe news carl@mx.clean-fixtures.net --no-double-opt-in >/dev/null
mw list send news --subject "Issue 2" --text "Hello" >/dev/null
issue2="$(grep -l '^Subject: Issue 2' "$MAILWARDEN_HOME"/outbox/new/*)"
expect "issue 2 went to carl only" test "$(grep -h '^To: ' $issue2 | tr -d '\r')" = "To: carl@mx.clean-fixtures.net"
unsub2="$(header_in "$issue2" List-Unsubscribe | sed 's/^<\([^>]*\)>.*/\1/')"
printf -- '--B0\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--B0--\r\n' >"$work/multipart"
expect "multipart one-click" mw list unsubscribe "$unsub2" --post-body "$work/multipart" --content-type 'multipart/form-data; boundary=B0'
expect "how it arrived is logged" test "$(mw list consent news carl@mx.clean-fixtures.net | tail -1 | cut -f2,6)" = "$(printf 'unsubscribe\tone-click')"

# Unsubscribing by address alone: every list of the account it is on.
mw list create offers --from news@clean-fixtures.net >/dev/null
mw list subscribe news eve@mx.clean-fixtures.net --no-double-opt-in >/dev/null
mw list subscribe offers eve@mx.clean-fixtures.net --no-double-opt-in >/dev/null
expect "an address alone leaves both lists" test "$(mw list unsubscribe Eve@mx.clean-fixtures.net | cut -f2 | tr '\n' ' ')" = "unsubscribed unsubscribed "
expect "... as the lists show" test "$(mw list show offers --state unsubscribed | cut -f1)" = eve@mx.clean-fixtures.net
mw list unsubscribe nobody@mx.clean-fixtures.net >/dev/null 2>&1
expect "an address on no list: exit 1" test $? -eq 1

# Import: a summary of what was refused and why; those who left stay out.
cat >"$work/import.csv" <<'CSV'
name,email
Ann,ann@mx.clean-fixtures.net
Dee,dee@mx.clean-fixtures.net
Dee,DEE@mx.clean-fixtures.net
Nul,x@nullmx.clean-fixtures.net
CSV
summary="$(mw list import news "$work/import.csv" --json | tail -1)"
expect "import summary" test "$(json_field "$summary" 'd["rows"], d["added"], sorted(d["refused_by_reason"].items())')" = \
    "4 1 [('duplicate', 1), ('null_mx', 1), ('tombstoned', 1)]"

# Purge: a dry run first, then for real; pending for 30 days goes.
MAILWARDEN_NOW="2027-01-15T10:00:00Z" mw list purge news --dry-run >"$work/dry"
expect "dry run names the stale pending ones and the bounced one" test "$(grep -c '^would purge' "$work/dry")" -eq 3
expect "... with reasons" test "$(grep '^would purge' "$work/dry" | cut -f2 | sort | tr '\n' ' ')" = "bounced unconfirmed unconfirmed "
expect "... and removes nothing" test "$(mw list show news --state pending | wc -l)" -eq 2
MAILWARDEN_NOW="2027-01-15T10:00:00Z" mw list purge news >/dev/null
expect "purged" test "$(mw list show news --state pending | wc -l)" -eq 0
expect "export: CSV with a header" test "$(mw list export news --csv | head -1)" = "email,name,state,flags,created_at,confirmed_at,sends,opens,clicks"
expect "usage error: unknown list command" bash -c "\"$mwctl\" list nonsense >/dev/null 2>&1; test \$? -eq 2"
finish
