#!/usr/bin/env bash
# mwctl ses against the SES peers (run through tests/peers/run-with-ses-peers.sh):
# account and send on aws-ses-v2-local; identities, MAIL FROM, custom
# verification templates and the suppression list on the fake; identities on
# moto; exit codes, JSON output and error objects, credentials from the
# environment and from a shared credentials file.
set -euo pipefail
mwctl="$1"
for v in MW_TEST_MOTO_ENDPOINT MW_TEST_SES_LOCAL_ENDPOINT MW_TEST_SES_FAKE_ENDPOINT; do
    if [[ -z "${!v:-}" ]]; then echo "$v is unset: run through tests/peers/run-with-ses-peers.sh" >&2; exit 1; fi
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
run() {  # run ARGS...: sets $out, $err and $rc
    set +e
    out="$("$mwctl" "$@" 2>"$work/stderr")"
    rc=$?
    set -e
    err="$(cat "$work/stderr")"
}

# No credentials anywhere but the environment.
export AWS_SHARED_CREDENTIALS_FILE="$work/none" AWS_CONFIG_FILE="$work/none"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_REGION=us-east-1
local_peer=(--endpoint "$MW_TEST_SES_LOCAL_ENDPOINT" --allow-http)
fake=(--endpoint "$MW_TEST_SES_FAKE_ENDPOINT" --allow-http)
moto=(--endpoint "$MW_TEST_MOTO_ENDPOINT" --allow-http)

# --- account and send on aws-ses-v2-local ------------------------------------
run ses account "${local_peer[@]}" --json
expect "account exits 0" test "$rc" -eq 0
expect "account max send rate" test "$(json_field "$out" 'd["max_send_rate"]')" = 14.0
expect "account sending enabled" test "$(json_field "$out" 'd["sending_enabled"]')" = True
run ses account "${local_peer[@]}"
expect "human account output" grep -q "Max send rate: *14 per second" <<<"$out"

run ses send "${local_peer[@]}" --from news@iana.org --display-name "CLI News" --to reader@iana.org --to other@iana.org \
    --subject "From the CLI" --text "cli plain text" --json
expect "send exits 0" test "$rc" -eq 0
expect "send gives a message id" test -n "$(json_field "$out" 'd["message_id"]')"
printf '<p>cli html body</p>' >"$work/body.html"
run ses send "${local_peer[@]}" --from news@iana.org --to reader@iana.org --subject "HTML" --html-file "$work/body.html"
expect "html send exits 0" test "$rc" -eq 0
expect "human send output" grep -q "^sent, message id " <<<"$out"
printf 'From: news@iana.org\r\nTo: reader@iana.org\r\nSubject: Raw CLI\r\n\r\ncli raw body\r\n' >"$work/raw.eml"
run ses send "${local_peer[@]}" --from news@iana.org --to reader@iana.org --raw-file "$work/raw.eml" --json
expect "raw send exits 0" test "$rc" -eq 0
store="$(/usr/bin/python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/store", timeout=10).read().decode())' "$MW_TEST_SES_LOCAL_ENDPOINT")"
expect "the peer got the text message" grep -q "cli plain text" <<<"$store"
expect "the peer got the display name" grep -q "CLI News" <<<"$store"
expect "the peer got the HTML message" grep -q "cli html body" <<<"$store"
expect "the peer got the raw message" grep -q "cli raw body" <<<"$store"

# --- usage errors: exit 2 ----------------------------------------------------
run ses send "${local_peer[@]}" --from news@iana.org --to reader@iana.org --subject S
expect "no body is a usage error" test "$rc" -eq 2
run ses send "${local_peer[@]}" --from news@iana.org --to reader@iana.org --subject S --text a --html-file "$work/body.html"
expect "two bodies are a usage error" test "$rc" -eq 2
run ses send "${local_peer[@]}" --to reader@iana.org --subject S --text a
expect "no --from is a usage error" test "$rc" -eq 2
run ses account --endpoint "$MW_TEST_SES_LOCAL_ENDPOINT"
expect "http:// without --allow-http is a usage error" test "$rc" -eq 2
expect "and says why" grep -q "http://" <<<"$err"
run ses identity get
expect "identity get without a target is a usage error" test "$rc" -eq 2
run ses suppression put a@iana.org --reason spam "${fake[@]}"
expect "a bad reason is a usage error" test "$rc" -eq 2
run ses frobnicate
expect "an unknown ses command is a usage error" test "$rc" -eq 2
run ses --help
expect "--help exits 0" test "$rc" -eq 0
expect "--help shows the usage" grep -q "mwctl ses suppression put" <<<"$out"

# --- identities and the suppression list on the fake --------------------------
run ses identity create cli.iana.org "${fake[@]}" --json
expect "create domain exits 0" test "$rc" -eq 0
expect "domain type" test "$(json_field "$out" 'd["type"]')" = DOMAIN
expect "three DKIM tokens" test "$(json_field "$out" 'len(d["dkim"]["tokens"])')" = 3
run ses identity create cli.iana.org "${fake[@]}" --json
expect "a second create exits 1" test "$rc" -eq 1
expect "with the error code" test "$(json_field "$out" 'd["error"]["code"]')" = already_exists
expect "and the service's type" test "$(json_field "$out" 'd["error"]["type"]')" = AlreadyExistsException
expect "and the message on stderr" grep -q "AlreadyExistsException (400)" <<<"$err"
run ses identity create cli-sender@iana.org "${fake[@]}"
expect "create address exits 0" test "$rc" -eq 0
expect "human identity output" grep -q "Verification status:  PENDING" <<<"$out"
run ses identity get cli.iana.org "${fake[@]}"
expect "human output lists the DKIM CNAMEs" test "$(grep -c "_domainkey.cli.iana.org  CNAME" <<<"$out")" -eq 3
run ses identity list "${fake[@]}" --json
expect "list exits 0" test "$rc" -eq 0
expect "list has both identities" test "$(json_field "$out" '",".join(sorted(i["name"] for i in d if i["name"].startswith("cli")))')" = "cli-sender@iana.org,cli.iana.org"
run ses send "${fake[@]}" --from cli-sender@iana.org --to r@iana.org --subject S --text x --json
expect "sending from an unverified identity exits 1" test "$rc" -eq 1
expect "as message_rejected" test "$(json_field "$out" 'd["error"]["code"]')" = message_rejected
expect "with the HTTP status" test "$(json_field "$out" 'd["error"]["http_status"]')" = 400
run ses identity delete cli.iana.org "${fake[@]}" --json
expect "delete exits 0" test "$rc" -eq 0
expect "delete names it" test "$(json_field "$out" 'd["deleted"]')" = cli.iana.org
run ses identity get cli.iana.org "${fake[@]}" --json
expect "get after delete exits 1" test "$rc" -eq 1
expect "as not_found" test "$(json_field "$out" 'd["error"]["code"]')" = not_found

run ses suppression put cli-bounced@iana.org "${fake[@]}" --json
expect "put exits 0" test "$rc" -eq 0
expect "bounce is the default reason" test "$(json_field "$out" 'd["reason"]')" = BOUNCE
run ses suppression put cli-angry@iana.org --reason complaint "${fake[@]}"
expect "put complaint exits 0" test "$rc" -eq 0
run ses suppression get cli-angry@iana.org "${fake[@]}" --json
expect "get exits 0" test "$rc" -eq 0
expect "get reason" test "$(json_field "$out" 'd["reason"]')" = COMPLAINT
expect "get time is RFC 3339" grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' <<<"$(json_field "$out" 'd["last_update_time"]')"
run ses suppression list "${fake[@]}" --json
expect "list exits 0" test "$rc" -eq 0
expect "list has both" test "$(json_field "$out" '",".join(sorted(x["address"] for x in d))')" = "cli-angry@iana.org,cli-bounced@iana.org"
run ses suppression delete cli-angry@iana.org "${fake[@]}"
expect "delete exits 0" test "$rc" -eq 0
run ses suppression get cli-angry@iana.org "${fake[@]}" --json
expect "get after delete exits 1" test "$rc" -eq 1
expect "as not_found" test "$(json_field "$out" 'd["error"]["code"]')" = not_found

# --- MAIL FROM and custom verification templates on the fake -----------------
run ses identity create cli-brand.iana.org "${fake[@]}" --json
expect "domain identity created" test "$rc" -eq 0
run ses identity mail-from cli-brand.iana.org --domain bounce.cli-brand.iana.org --reject-on-mx-failure "${fake[@]}" --json
expect "mail-from exits 0" test "$rc" -eq 0
run ses identity get cli-brand.iana.org "${fake[@]}" --json
expect "MAIL FROM read back" test "$(json_field "$out" 'd["mail_from"]["domain"]')" = bounce.cli-brand.iana.org
expect "behaviour read back" test "$(json_field "$out" 'd["mail_from"]["behavior_on_mx_failure"]')" = REJECT_MESSAGE
run ses identity mail-from cli-brand.iana.org "${fake[@]}"
expect "mail-from without --domain exits 0" test "$rc" -eq 0
expect "says SES's own again" grep -q "SES's own" <<<"$out"
run ses identity mail-from cli-brand.iana.org --reject-on-mx-failure "${fake[@]}"
expect "--reject-on-mx-failure without --domain is a usage error" test "$rc" -eq 2
run ses identity mail-from nobody.iana.org --domain mail.nobody.iana.org "${fake[@]}" --json
expect "mail-from of an unknown identity exits 1" test "$rc" -eq 1
expect "as not_found" test "$(json_field "$out" 'd["error"]["code"]')" = not_found

printf '<p>Confirm your address for IANA News.</p>' >"$work/template.html"
template=(--from news@iana.org --subject "Confirm your address" --html-file "$work/template.html"
          --success-url https://iana.org/welcome --failure-url https://iana.org/sorry)
run ses template create cli-welcome "${template[@]}" "${fake[@]}" --json
expect "template create exits 0" test "$rc" -eq 0
run ses template create cli-welcome "${template[@]}" "${fake[@]}" --json
expect "a second create exits 1" test "$rc" -eq 1
expect "as already_exists" test "$(json_field "$out" 'd["error"]["code"]')" = already_exists
run ses template create cli-other --from news@iana.org --subject S --html-file "$work/missing.html" \
    --success-url https://iana.org/a --failure-url https://iana.org/b "${fake[@]}"
expect "an unreadable --html-file is a usage error" test "$rc" -eq 2
run ses template send cli-welcome cli-joiner@iana.org "${fake[@]}" --json
expect "template send exits 0" test "$rc" -eq 0
expect "with a message id" test -n "$(json_field "$out" 'd["message_id"]')"
run ses identity get cli-joiner@iana.org "${fake[@]}" --json
expect "the address is now a pending identity" test "$(json_field "$out" 'd["verification_status"]')" = PENDING
run ses template send cli-missing cli-joiner@iana.org "${fake[@]}" --json
expect "an unknown template exits 1" test "$rc" -eq 1
run ses send --success-url https://x "${local_peer[@]}"
expect "a template option elsewhere is a usage error" test "$rc" -eq 2

# --- identities on moto, credentials from a shared file -----------------------
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
run ses account "${local_peer[@]}" --json
expect "no credentials exits 1" test "$rc" -eq 1
expect "as no_credentials" test "$(json_field "$out" 'd["error"]["code"]')" = no_credentials
printf '[ci]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret-value\n' >"$work/credentials"
export AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_PROFILE=ci
run ses identity create cli-moto@iana.org "${moto[@]}" --json
expect "create on moto with file credentials exits 0" test "$rc" -eq 0
run ses identity get cli-moto@iana.org "${moto[@]}" --json
expect "get on moto exits 0" test "$rc" -eq 0
expect "moto verifies at once" test "$(json_field "$out" 'd["verification_status"]')" = SUCCESS
expect "the secret is never printed" test "$(grep -c "file-secret-value" <<<"$out$err" || true)" -eq 0
unset AWS_REGION
export AWS_CONFIG_FILE="$work/none"
run ses account "${local_peer[@]}"
expect "no region anywhere is a usage error" test "$rc" -eq 2
run ses account "${local_peer[@]}" --region eu-west-1 --json
expect "--region supplies it" test "$rc" -eq 0

finish
