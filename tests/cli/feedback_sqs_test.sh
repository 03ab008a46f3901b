#!/usr/bin/env bash
# mwctl bounces consume-sqs against moto's SQS (behind the signature-checking
# proxy): SNS envelopes and raw SES JSON applied, an unreadable body reported,
# every message deleted once its batch is committed.
set -uo pipefail
mwctl="$1"
data="$2"
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=expect.sh
. "$here/expect.sh"
py="$here/../peers/venv/bin/python3"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export MAILWARDEN_HOME="$tmp/home" MAILWARDEN_NOW=2027-01-15T12:00:00Z
export AWS_SHARED_CREDENTIALS_FILE="$tmp/none" AWS_CONFIG_FILE="$tmp/none"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN

queue="$("$py" "$here/feedback/sqs_queue.py" create ses-feedback)"
expect "the queue exists" test -n "$queue"
# An SNS envelope around a bounce notification (as SNS writes to SQS), a raw
# complaint event, and a body that is no JSON document SES would send.
"$py" -c 'import json,sys; print(json.dumps({"Type":"Notification","MessageId":"4b5c-0001","TopicArn":"arn:aws:sns:us-east-1:123456789012:ses","Message":open(sys.argv[1]).read(),"Timestamp":"2027-01-15T10:00:00.000Z","SignatureVersion":"1","Signature":"AAAA","SigningCertURL":"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem"}))' \
    "$data/ses-events/notif-bounce-with-dsn.json" >"$tmp/envelope.json"
printf '{"eventType": "Bounce", "mail": ' >"$tmp/broken.json"
"$py" "$here/feedback/sqs_queue.py" send "$queue" "$tmp/envelope.json" "$data/ses-events/event-complaint.json" "$tmp/broken.json"

out="$("$mwctl" bounces consume-sqs --queue-url "$queue" --endpoint "$MW_TEST_MOTO_ENDPOINT" --allow-http \
    --max-batches 3 --wait 1 --json 2>"$tmp/stderr")"
status=$?
expect "an unreadable message makes the exit status 1" test "$status" -eq 1
expect "and is reported" grep -q "SQS message" "$tmp/stderr"
expect "the bounce and the complaint applied" test "$(json_field "$out" 'str(d["hard_bounces"]) + " " + str(d["complaints"])')" = "1 1"
run_check="$("$mwctl" suppression check jane@example.com --json)"
expect "jane is suppressed for a bounce" test "$(json_field "$run_check" 'd["suppression"]["reason"]')" = bounce
expect "the queue is empty" test "$("$py" "$here/feedback/sqs_queue.py" count "$queue")" = 0

# Nothing left: another poll applies nothing and exits 0.
out="$("$mwctl" bounces consume-sqs --queue-url "$queue" --endpoint "$MW_TEST_MOTO_ENDPOINT" --allow-http \
    --max-batches 1 --wait 0 --json)"
expect "an empty poll exits 0" test $? -eq 0
expect "and applies nothing" test "$(json_field "$out" 'd["events"]')" = 0
"$mwctl" bounces consume-sqs --allow-http >/dev/null 2>&1
expect "no --queue-url exits 2" test $? -eq 2
finish
