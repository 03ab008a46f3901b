#!/usr/bin/env bash
# mwctl sign against cases of the vendored suites: the headers it prints must
# be those of the suites' signed requests. Credentials come from a clean
# environment (AKIDEXAMPLE) or from shared files in a temporary HOME.
# Usage: mwctl_sign_test.sh MWCTL DATA_DIR
set -uo pipefail
mwctl="$1"
data="$2/sigv4"
secret='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
# The value of header NAME in a suite's signed request file.
header_of() { grep -i "^$2:" "$1" | head -1 | cut -d: -f2- | sed 's/^ *//'; }
# mwctl with only the given environment (no ~/.aws of the machine).
run() { env -i PATH="$PATH" HOME="$work/nohome" "$@"; }
creds=(AWS_ACCESS_KEY_ID=AKIDEXAMPLE "AWS_SECRET_ACCESS_KEY=$secret")

# 1. aws-c-auth get-vanilla: exactly two lines.
case_dir="$data/aws-c-auth-v4/get-vanilla"
expected="X-Amz-Date: 20150830T123600Z
Authorization: $(header_of "$case_dir/header-signed-request.txt" Authorization)"
out="$(run "${creds[@]}" "$mwctl" sign --method GET --url https://example.amazonaws.com/ --region us-east-1 \
    --service service --date 20150830T123600Z)"
rc=$?
[[ $rc -eq 0 && "$out" == "$expected" ]] && ok || fail "get-vanilla: rc=$rc output:
$out
expected:
$expected"

# 2. aws-c-auth post-x-www-form-urlencoded: headers, body, X-Amz-Content-Sha256.
case_dir="$data/aws-c-auth-v4/post-x-www-form-urlencoded"
printf 'Param1=value1' >"$work/body"
out="$(run "${creds[@]}" "$mwctl" sign --method POST --url https://example.amazonaws.com/ --region us-east-1 \
    --service service --date 20150830T123600Z -H 'Content-Type:application/x-www-form-urlencoded' \
    -H 'Content-Length: 13' --body-file "$work/body" --content-sha256)"
rc=$?
want_auth="$(header_of "$case_dir/header-signed-request.txt" Authorization)"
want_sha="$(header_of "$case_dir/header-signed-request.txt" x-amz-content-sha256)"
[[ $rc -eq 0 ]] && grep -qxF "Authorization: $want_auth" <<<"$out" && grep -qxF "X-Amz-Content-Sha256: $want_sha" <<<"$out" \
    && ok || fail "post-x-www-form-urlencoded: rc=$rc output:
$out"

# 3. botocore get-vanilla-with-session-token: token from AWS_SESSION_TOKEN,
#    body from standard input (empty).
case_dir="$data/botocore-aws4/get-vanilla-with-session-token"
token="$(header_of "$case_dir/get-vanilla-with-session-token.sreq" X-Amz-Security-Token)"
out="$(run "${creds[@]}" "AWS_SESSION_TOKEN=$token" "$mwctl" sign --method GET --url https://example.amazonaws.com \
    --region us-east-1 --service service --date 20150830T123600Z --body-file - </dev/null)"
rc=$?
[[ $rc -eq 0 ]] && grep -qxF "Authorization: $(cat "$case_dir/get-vanilla-with-session-token.authz")" <<<"$out" \
    && grep -qxF "X-Amz-Security-Token: $token" <<<"$out" && ok || fail "session token: rc=$rc output:
$out"

# 4. --json: one object whose fields are the suite's artefacts.
case_dir="$data/botocore-aws4/get-vanilla-query-order-key-case"
out="$(run "${creds[@]}" "$mwctl" sign --method GET --url 'https://example.amazonaws.com/?Param2=value2&Param1=value1' \
    --region us-east-1 --service service --date 20150830T123600Z --json)"
rc=$?
if [[ $rc -eq 0 ]] && /usr/bin/python3 - "$case_dir" "$out" <<'PY'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1]); o = json.loads(sys.argv[2]); n = d.name
assert o["canonical_request"] == (d / f"{n}.creq").read_text(), o["canonical_request"]
assert o["string_to_sign"] == (d / f"{n}.sts").read_text(), o["string_to_sign"]
assert o["headers"]["Authorization"] == (d / f"{n}.authz").read_text().strip()
assert o["headers"]["X-Amz-Date"] == "20150830T123600Z"
assert set(o["headers"]) == {"X-Amz-Date", "Authorization"}
PY
then ok; else fail "--json: rc=$rc output: $out"; fi

# 5. Shared files: profile from AWS_PROFILE, region from the config file.
mkdir -p "$work/home/.aws"
printf '[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = %s\n' "$secret" >"$work/home/.aws/credentials"
printf '# region of the ci profile\n[profile ci]\nregion = us-east-1\n' >"$work/home/.aws/config"
case_dir="$data/aws-c-auth-v4/get-vanilla"
out="$(env -i PATH="$PATH" HOME="$work/home" AWS_PROFILE=ci "$mwctl" sign --method GET \
    --url https://example.amazonaws.com/ --service service --date 20150830T123600Z)"
rc=$?
[[ $rc -eq 0 ]] && grep -qxF "Authorization: $(header_of "$case_dir/header-signed-request.txt" Authorization)" <<<"$out" \
    && ok || fail "shared files: rc=$rc output: $out"

# 6. No credentials: exit 1 and a clear message. Half-set credentials: exit
#    1, and the secret is in neither output.
err="$(run "$mwctl" sign --method GET --url https://example.amazonaws.com/ --region us-east-1 --service s 2>&1)"
rc=$?
[[ $rc -eq 1 && "$err" == *"no AWS credentials"* ]] && ok || fail "no credentials: rc=$rc: $err"
all="$(run "AWS_SECRET_ACCESS_KEY=$secret" "$mwctl" sign --method GET --url https://example.amazonaws.com/ \
    --region us-east-1 --service s 2>&1)"
rc=$?
[[ $rc -eq 1 && "$all" == *"AWS_ACCESS_KEY_ID is not"* && "$all" != *"$secret"* && "$all" != *EXAMPLEKEY* ]] && ok \
    || fail "incomplete credentials: rc=$rc: $all"
printf '[default]\naws_access_key_id = AKID\n%s\n' "$secret" >"$work/home/.aws/credentials"
all="$(env -i PATH="$PATH" HOME="$work/home" "$mwctl" sign --method GET --url https://example.amazonaws.com/ \
    --region us-east-1 --service s 2>&1)"
rc=$?
[[ $rc -eq 1 && "$all" == *"line 3: expected 'key = value'"* && "$all" != *EXAMPLEKEY* ]] && ok \
    || fail "malformed file: rc=$rc: $all"
all="$(run "$mwctl" sign --method GET --url https://example.amazonaws.com/ --service s 2>&1)"
rc=$?
[[ $rc -eq 1 && "$all" == *"no region"* ]] && ok || fail "no region: rc=$rc: $all"
all="$(run "${creds[@]}" "$mwctl" sign --method GET --url https://example.amazonaws.com/ --region r --service s \
    --body-file "$work/missing" 2>&1)"
rc=$?
[[ $rc -eq 1 && "$all" == *"cannot read the body file"* ]] && ok || fail "missing body file: rc=$rc: $all"

# 7. Usage errors: exit 2.
for args in "--url https://example.amazonaws.com/ --service s --region r" \
            "--method GET --service s --region r" \
            "--method GET --url /relative --service s --region r" \
            "--method GET --url https://example.amazonaws.com/ --service s --region r -H NoColon" \
            "--method GET --url https://example.amazonaws.com/ --service s --region r --date 2015" \
            "--method GET --url https://example.amazonaws.com/ --service s --region r --bogus" \
            "--method GET --url https://example.amazonaws.com/ --service s --region r extra"; do
    # shellcheck disable=SC2086
    run "${creds[@]}" "$mwctl" sign $args >/dev/null 2>&1
    rc=$?
    [[ $rc -eq 2 ]] && ok || fail "usage '$args': rc=$rc"
done
run "${creds[@]}" "$mwctl" sign --method GET --url https://example.amazonaws.com/ --service s --region r \
    -H 'Bad Name: x' >/dev/null 2>&1
rc=$?
[[ $rc -eq 2 ]] && ok || fail "header name with a space: rc=$rc"
run "$mwctl" sign --help | grep -q "^usage: mwctl sign" && ok || fail "--help"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
