#!/usr/bin/env bash
# mwctl list clean as a separate process against unbound serving
# tests/cli/list/zones (run through run-with-unbound.sh, which sets
# MW_TEST_DNS and MW_UNBOUND_CONF): each DNS outcome, the offline checks,
# duplicates, input forms, output forms, exit codes, and that each distinct
# domain is asked once however many rows name it.
set -uo pipefail
mwctl="$1"
: "${MW_TEST_DNS:?run through tests/peers/unbound/run-with-unbound.sh}"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dns=(--dns "$MW_TEST_DNS")
verdicts() {  # verdicts JSONL: "row:verdict:reason,reason:domain" per line
    /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print("%d:%s:%s:%s" % (d["row"], d["verdict"], ",".join(d["reasons"]), d["domain"]))' <"$1"
}

# Every DNS outcome, and the offline checks, in one CSV with a header.
printf '\xEF\xBB\xBFName,E-Mail\r\n' >"$work/in.csv"
cat >>"$work/in.csv" <<'CSV'
a,ann@mx.clean-fixtures.net
b,bob@aonly.clean-fixtures.net
c,cy@v6only.clean-fixtures.net
d,di@nullmx.clean-fixtures.net
e,ed@nodata.clean-fixtures.net
f,fay@nx.clean-fixtures.net
g,gus@refused.clean-fixtures.net
h,postmaster@mx.clean-fixtures.net
i,ANN@MX.clean-fixtures.net
j,not an address
k,kim@mailinator.com
"l, with comma","lee@clean-fixtures.net"
CSV
"$mwctl" list clean "$work/in.csv" "${dns[@]}" --json >"$work/out.jsonl" 2>"$work/err"
expect "exit 0 with invalid rows" test $? -eq 0
expect "one verdict a row, in order" test "$(verdicts "$work/out.jsonl" | tr '\n' ' ')" = \
"1:valid::accepts_mail 2:risky:implicit_mx:implicit_mx 3:risky:implicit_mx:implicit_mx 4:invalid:null_mx:null_mx 5:invalid:no_mail_domain:no_mail_domain 6:invalid:no_mail_domain:no_mail_domain 7:risky:dns_unknown:unknown 8:risky:role:accepts_mail 9:invalid:duplicate:accepts_mail 10:invalid:whitespace:not_checked 11:invalid:disposable,no_mail_domain:no_mail_domain 12:valid::accepts_mail "
expect "keys" test "$(head -1 "$work/out.jsonl" | json_field "$(cat)" '",".join(sorted(d))')" = \
    "address,domain,duplicate_of,input,reasons,row,suggestion,verdict"
expect "duplicate_of names the first row" test "$(sed -n 9p "$work/out.jsonl" | json_field "$(cat)" 'd["duplicate_of"]')" = 1
expect "summary on stderr" grep -q "^12 rows: 2 valid, 4 risky, 6 invalid (1 duplicates)" "$work/err"

# --csv, -o, --column by number, standard input, one address a line.
"$mwctl" list clean - --column 2 --csv -o "$work/out.csv" "${dns[@]}" <"$work/in.csv" 2>/dev/null
expect "--csv -o exit 0" test $? -eq 0
expect "CSV header" test "$(head -1 "$work/out.csv")" = "input,address,verdict,reasons,duplicate_of,suggestion"
expect "CSV row" test "$(sed -n 10p "$work/out.csv")" = "ANN@MX.clean-fixtures.net,ANN@mx.clean-fixtures.net,invalid,duplicate,1,"
expect "CSV rows" test "$(wc -l <"$work/out.csv")" -eq 13
printf 'x@mx.clean-fixtures.net\n\n"quoted"@mx.clean-fixtures.net\r\nbob@gmial.com\n' >"$work/lines.txt"
"$mwctl" list clean "$work/lines.txt" --lines --no-dns --json >"$work/lines.jsonl" 2>/dev/null
expect "lines: empty lines are not rows" test "$(wc -l <"$work/lines.jsonl")" -eq 3
expect "lines: taken whole" test "$(sed -n 2p "$work/lines.jsonl" | json_field "$(cat)" 'd["input"] + " " + d["reasons"][0]')" = \
    '"quoted"@mx.clean-fixtures.net quoted_local_part'
expect "typo suggestion" test "$(sed -n 3p "$work/lines.jsonl" | json_field "$(cat)" 'd["suggestion"]')" = "bob@gmail.com"

# Each distinct domain once: 300 rows over three domains.
for i in $(seq 1 100); do
    echo "u$i@mx.clean-fixtures.net"; echo "v$i@aonly.clean-fixtures.net"; echo "w$i@v6only.clean-fixtures.net"
done >"$work/many.txt"
before="$(unbound-control -c "$MW_UNBOUND_CONF" stats_noreset | sed -n 's/^total.num.queries=//p')"
"$mwctl" list clean "$work/many.txt" "${dns[@]}" --json >"$work/many.jsonl" 2>/dev/null
after="$(unbound-control -c "$MW_UNBOUND_CONF" stats_noreset | sed -n 's/^total.num.queries=//p')"
expect "300 verdicts" test "$(wc -l <"$work/many.jsonl")" -eq 300
# mx: MX; aonly: MX, A; v6only: MX, A, AAAA.
expect "six queries for three domains (got $((after - before)))" test "$((after - before))" -eq 6

# The suppression list under MAILWARDEN_HOME, with --check-suppression only.
export MAILWARDEN_HOME="$work/home"
"$mwctl" suppression add gone@mx.clean-fixtures.net --note "asked to leave" >/dev/null 2>&1
printf 'gone@mx.clean-fixtures.net\nstays@mx.clean-fixtures.net\n' >"$work/suppressed.txt"
"$mwctl" list clean "$work/suppressed.txt" --check-suppression "${dns[@]}" --json >"$work/suppressed.jsonl" 2>/dev/null
expect "--check-suppression exit 0" test $? -eq 0
expect "a suppressed address is invalid, not looked up" test "$(verdicts "$work/suppressed.jsonl" | tr '\n' ' ')" = \
    "1:invalid:suppressed:not_checked 2:valid::accepts_mail "
"$mwctl" list clean "$work/suppressed.txt" --no-dns --json >"$work/unchecked.jsonl" 2>/dev/null
expect "without it the list is not consulted" test "$(verdicts "$work/unchecked.jsonl" | head -1)" = "1:valid::not_checked"
unset MAILWARDEN_HOME

# Usage errors: exit 2.
"$mwctl" list clean "$work/in.csv" --column Phone --no-dns >/dev/null 2>&1
expect "unknown column exits 2" test $? -eq 2
"$mwctl" list clean "$work/in.csv" --json --csv --no-dns >/dev/null 2>&1
expect "--json with --csv exits 2" test $? -eq 2
"$mwctl" list clean "$work/missing.csv" --no-dns >/dev/null 2>&1
expect "unreadable file exits 1" test $? -eq 1
printf '"open,x@mx.clean-fixtures.net\n' | "$mwctl" list clean - --no-dns --json >"$work/bad.jsonl" 2>/dev/null
expect "a malformed row is a verdict" test "$(json_field "$(cat "$work/bad.jsonl")" '" ".join(d["reasons"])')" = "malformed_row control_character"

finish
