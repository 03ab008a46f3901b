#!/usr/bin/env bash
# mwctl bounces classify and mwctl sns verify as separate processes: JSON
# field names and values, input kinds from content, JSON Lines as many
# inputs, standard input, exit codes 0/1/2.
set -uo pipefail
mwctl="$1"
data="$2"
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run() {  # run ARGS...: sets $out, $err and $status
    out="$("$mwctl" "$@" 2>"$tmp/stderr")"
    status=$?
    err="$(cat "$tmp/stderr")"
}
line() { sed -n "${1}p" <<<"$out"; }

# bounces classify: a DSN
run bounces classify --json "$data/bounces/eml/lhost-postfix-04.eml"
expect "a DSN exits 0" test "$status" -eq 0
expect "event keys" test "$(json_field "$out" '",".join(sorted(d))')" = "format,kind,recipients,source"
expect "recipient keys" test "$(json_field "$out" '",".join(sorted(d["recipients"][0]))')" = "address,class,diagnostic,reason,smtp_code,status"
expect "the DSN read" test "$(json_field "$out" 'd["source"].endswith("lhost-postfix-04.eml") and d["format"] + " " + d["kind"]')" = "dsn bounce"
expect "hard, user unknown, 5.1.1, 550" test "$(json_field "$out" '" ".join(str(d["recipients"][0][k]) for k in ("address", "class", "reason", "status", "smtp_code"))')" = "kijitora@example.co.jp hard user_unknown 5.1.1 550"

# SES JSON, an SNS envelope around it, an auto-reply, several files at once
run bounces classify --json "$data/ses-events/event-delivery.json" "$data/bounces/ses-json/json-amazonses-02.json" "$data/bounces/eml/rfc3834-01.eml"
expect "three inputs exit 0" test "$status" -eq 0
expect "three lines" test "$(wc -l <<<"$out")" -eq 3
expect "an SES event" test "$(json_field "$(line 1)" 'd["format"] + " " + d["kind"] + " " + d["recipients"][0]["class"] + " " + str(d["recipients"][0]["smtp_code"])')" = "ses_event delivery none 250"
expect "an SNS envelope" test "$(json_field "$(line 2)" 'd["format"] + " " + d["kind"] + " " + d["recipients"][0]["class"]')" = "sns_envelope bounce hard"
expect "an auto-reply" test "$(json_field "$(line 3)" 'd["format"] + " " + d["kind"] + " " + d["recipients"][0]["reason"]')" = "auto_reply auto_reply vacation"
expect "null where unknown" test "$(json_field "$(line 3)" 'str(d["recipients"][0]["status"]) + " " + str(d["recipients"][0]["smtp_code"]) + " " + str(d["recipients"][0]["diagnostic"])')" = "None None None"

# JSON Lines: one input per line; standard input
/usr/bin/python3 -c "import json,sys; [print(json.dumps(json.load(open(f)))) for f in sys.argv[1:]]" \
    "$data/ses-events/event-bounce.json" "$data/ses-events/event-complaint.json" >"$tmp/events.jsonl"
run bounces classify --json "$tmp/events.jsonl"
expect "JSON Lines exit 0" test "$status" -eq 0
expect "two lines for two documents" test "$(wc -l <<<"$out")" -eq 2
expect "sources name the line" test "$(json_field "$(line 2)" 'd["source"].endswith("events.jsonl:2") and d["kind"]')" = "complaint"
out="$("$mwctl" bounces classify --json - <"$data/bounces/eml/lhost-qmail-02.eml")"; status=$?
expect "standard input exits 0" test "$status" -eq 0
expect "standard input is read" test "$(json_field "$out" 'd["source"] + " " + d["format"] + " " + str(len(d["recipients"]))')" = "- plain_bounce 2"

# human output
run bounces classify "$data/bounces/eml/lhost-postfix-04.eml"
expect "text output names format and kind" grep -q "lhost-postfix-04.eml: dsn bounce" <<<"$out"
expect "text output lists the recipient" grep -q "kijitora@example.co.jp  hard  user_unknown  5.1.1  550" <<<"$out"

# what cannot be read
printf '{"neither":"ses nor sns"}\n' >"$tmp/other.json"
run bounces classify --json "$tmp/other.json" "$data/ses-events/event-send.json"
expect "an unknown JSON document exits 1" test "$status" -eq 1
expect "the readable one is still printed" test "$(json_field "$out" 'd["kind"]')" = send
expect "the error names the file" grep -q "other.json" <<<"$err"
run bounces classify --json "$tmp/missing.eml"
expect "a missing file exits 1" test "$status" -eq 1
run bounces classify --json;                        expect "no input exits 2" test "$status" -eq 2
run bounces classify --frobnicate "$tmp/other.json"; expect "an unknown option exits 2" test "$status" -eq 2
run bounces frobnicate x;                           expect "an unknown subcommand exits 2" test "$status" -eq 2

# sns verify
cert=(--cert "$data/sns/signing-cert.pem")
run sns verify --json "${cert[@]}" "$data/sns/notification-sigv1.json" "$data/sns/notification-sigv2.json" "$data/sns/notification-sigv1-lambda.json"
expect "real messages exit 0" test "$status" -eq 0
expect "verify keys" test "$(json_field "$(line 1)" '",".join(sorted(d))')" = "message_id,reason,source,topic_arn,type,valid"
expect "all three valid" test "$(for i in 1 2 3; do json_field "$(line $i)" 'str(d["valid"]) + d["reason"]'; done | sort -u)" = "Trueok"
expect "what was verified" test "$(json_field "$(line 1)" 'd["type"] + " " + d["message_id"] + " " + d["topic_arn"].split(":")[4]')" = "Notification 792cda85-518f-5dd3-9163-81d851212f3a 295079676684"

forge() {  # forge FILE PYTHON-STATEMENT-ON-d > OUT
    /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2; print(json.dumps(d))" "$1"
}
forge "$data/sns/notification-sigv1.json" 'd["Message"] = "Hello worle"' >"$tmp/forged.json"
forge "$data/sns/notification-sigv1.json" 'd["SigningCertURL"] = d["SigningCertURL"].replace("https", "http")' >"$tmp/http.json"
forge "$data/sns/notification-sigv1.json" 'd["SignatureVersion"] = "3"' >"$tmp/v3.json"
forge "$data/sns/notification-sigv1.json" 'del d["Timestamp"]' >"$tmp/missing.json"
run sns verify --json "${cert[@]}" "$tmp/forged.json" "$tmp/http.json" "$tmp/v3.json" "$tmp/missing.json" "$data/ses-events/event-send.json"
expect "forgeries exit 1" test "$status" -eq 1
expect "each with its reason" test "$(for i in 1 2 3 4 5; do json_field "$(line $i)" 'str(d["valid"]) + ":" + d["reason"]'; done | tr '\n' ' ')" = "False:bad_signature False:bad_cert_url False:unsupported_version False:missing_field False:not_an_envelope "
expect "a refused message still names itself" test "$(json_field "$(line 1)" 'd["type"] + " " + d["message_id"]')" = "Notification 792cda85-518f-5dd3-9163-81d851212f3a"
expect "no envelope, no type" test "$(json_field "$(line 5)" 'str(d["type"]) + " " + str(d["message_id"])')" = "None None"
run sns verify --json "${cert[@]}" --topic-arn arn:aws:sns:us-east-1:123456789012:other "$data/sns/notification-sigv2.json"
expect "another topic exits 1" test "$status" -eq 1
expect "topic_not_allowed" test "$(json_field "$out" 'd["reason"]')" = topic_not_allowed
run sns verify "${cert[@]}" "$tmp/forged.json"
expect "text output says why" grep -q "INVALID bad_signature" <<<"$out"
# Without --cert the certificate would be fetched: a URL off the SNS hosts is
# refused before any connection (nothing here leaves the machine).
sed 's#https://sns.us-east-2.amazonaws.com/#https://sns.us-east-2.amazonaws.com.evil.test/#' \
    "$data/sns/notification-sigv1.json" >"$tmp/lookalike.json"
run sns verify --json "$tmp/lookalike.json"
expect "a look-alike certificate host exits 1" test "$status" -eq 1
expect "as bad_cert_url" test "$(json_field "$out" 'd["reason"]')" = bad_cert_url
run sns verify --json --cert "$tmp/other.json" "$data/sns/notification-sigv1.json"
expect "a --cert that is no certificate exits 2" test "$status" -eq 2
run sns verify --json "${cert[@]}";  expect "no file exits 2" test "$status" -eq 2

finish
