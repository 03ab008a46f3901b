#!/usr/bin/env bash
# mwctl with --transport ses against the project's identity fake (started by
# run-with-ses-peers.sh): Pending while SES says so, Success after the flip,
# then sending.
set -euo pipefail
mwctl="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MAILWARDEN_HOME="$work" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
ses=(--transport ses --endpoint "$MW_TEST_SES_FAKE_ENDPOINT" --allow-http --region us-east-1)
# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"
status_of() {
    "$mwctl" sender show "$1" --json "${ses[@]}" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'
}

"$mwctl" sender add erin@iana.org --alias Erin "${ses[@]}" >/dev/null 2>&1
expect "Pending after add" test "$(status_of erin@iana.org)" = Pending
"$mwctl" sender refresh "${ses[@]}" >/dev/null
expect "still Pending while SES says PENDING" test "$(status_of erin@iana.org)" = Pending
/usr/bin/python3 - "$MW_TEST_SES_FAKE_ENDPOINT" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/_fake/identities/erin@iana.org/status",
                             data=b'{"VerificationStatus":"SUCCESS"}', method="POST")
urllib.request.urlopen(req).read()
PY
"$mwctl" sender refresh "${ses[@]}" >/dev/null
expect "Success after SES verified it" test "$(status_of erin@iana.org)" = Success
expect "send through SES" "$mwctl" send --from erin@iana.org --to reader@iana.org --subject Hi --text x "${ses[@]}"
set +e
"$mwctl" sender list --transport ses --endpoint "http://127.0.0.1:1" --region us-east-1 >/dev/null 2>&1
expect "http:// refused without --allow-http" test $? -eq 1
set -e
finish
