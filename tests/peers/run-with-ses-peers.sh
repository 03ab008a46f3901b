#!/usr/bin/env bash
# Starts the SES peers on 127.0.0.1, runs a command with their endpoints in
# the environment, and stops them by PID:
#   MW_TEST_MOTO_ENDPOINT       moto server (SES v2 identities, suppression, templates)
#   MW_TEST_SES_LOCAL_ENDPOINT  aws-ses-v2-local (SendEmail, GetAccount)
#   MW_TEST_SES_FAKE_ENDPOINT   tests/peers/ses_fake (identities held Pending, flipped on command)
# Every SES request is signature-checked like SES does (sigv4_check.py, with
# botocore): the fake checks itself; moto and aws-ses-v2-local check nothing,
# so their endpoints are those of a verifying_proxy.py in front of each.
# Each peer binds port 0 (the kernel picks a free port) and prints the port
# it got; it is used only once the peer's own PID is seen listening there.
# Usage: run-with-ses-peers.sh [--only moto,ses-local,fake] [--unverified] -- command [args...]
#   --unverified  no signature checks, no proxies (benchmarks: the peer's own figure)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="$here/venv/bin/python3"  # the PyPI venv of scripts/setup: botocore, moto
only="moto,ses-local,fake"
verify=1
while [[ $# -gt 0 && "$1" != "--" ]]; do
    case "$1" in
    --only) only="$2"; shift 2 ;;
    --unverified) verify=0; shift ;;
    *) echo "usage: $0 [--only moto,ses-local,fake] [--unverified] -- command [args...]" >&2; exit 2 ;;
    esac
done
[[ "${1:-}" == "--" ]] && shift
[[ -x "$python" ]] || { echo "run-with-ses-peers: $python is missing (scripts/setup)" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# listening NAME PID PATTERN: waits until the peer's log ($work/NAME.log)
# names its port (PATTERN: a sed -E expression for a whole line, port in
# group 1), checks that PID itself listens there, and sets `port`. Gives up
# when the peer exits; the long limit only stops a peer that hangs.
listening() {
    local name="$1" pid="$2" pattern="$3" found=""
    for _ in $(seq 1 1200); do
        # (Not found yet is no error: `set -e` must not end the script here.)
        found="$(sed -nE "s#$pattern#\1#p" "$work/$name.log" | head -n 1 || true)"
        [[ -n "$found" ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if [[ -n "$found" ]] && "$python" "$here/owns_port.py" "$pid" "$found"; then
        port="$found"
        return 0
    fi
    echo "run-with-ses-peers: $name (PID $pid) is not listening on a port it reported; its log:" >&2
    cat "$work/$name.log" >&2
    return 1
}

# start NAME PATTERN COMMAND...: starts a peer in the background, logging to
# $work/NAME.log, and waits for it (listening).
start() {
    local name="$1" pattern="$2"
    shift 2
    : >"$work/$name.log"  # there before the peer starts, for `listening` to read
    "$@" >>"$work/$name.log" 2>&1 &
    pids+=($!)
    listening "$name" $! "$pattern"
}

# The project's peers (peer_server.py) print "PORT <n>".
own_port='^PORT ([0-9]+)$'

# verified NAME URL [--unchecked PATH...]: sets `endpoint` to the URL of a
# verifying proxy in front of URL (to URL itself under --unverified).
verified() {
    local name="$1" upstream="$2"
    shift 2
    endpoint="$upstream"
    ((verify)) || return 0
    start "$name-proxy" "$own_port" "$python" "$here/verifying_proxy.py" --upstream "$upstream" "$@"
    endpoint="http://127.0.0.1:$port"
}

if [[ ",$only," == *",moto,"* ]]; then
    start moto '.*Running on http://127\.0\.0\.1:([0-9]+).*' "$here/venv/bin/moto_server" -H 127.0.0.1 -p 0
    verified moto "http://127.0.0.1:$port"
    export MW_TEST_MOTO_ENDPOINT="$endpoint"
fi
if [[ ",$only," == *",ses-local,"* ]]; then
    # GetAccount answers with this account (the peer's own schema); MaxSendRate 14.
    start ses-local '.*server running at http://[^:/]+:([0-9]+).*' \
        env "AWS_SES_ACCOUNT=${AWS_SES_ACCOUNT:-$(cat "$here/ses-local-account.json")}" \
        node "$here/node_modules/aws-ses-v2-local/dist/cli.js" --host 127.0.0.1 --port 0
    # /store (what was sent) is the peer's own endpoint, not SES's.
    verified ses-local "http://127.0.0.1:$port" --unchecked /store
    export MW_TEST_SES_LOCAL_ENDPOINT="$endpoint"
fi
if [[ ",$only," == *",fake,"* ]]; then
    fake_args=()
    ((verify)) || fake_args+=(--no-verify)
    start fake "$own_port" "$python" "$here/ses_fake/ses_fake.py" "${fake_args[@]}"
    export MW_TEST_SES_FAKE_ENDPOINT="http://127.0.0.1:$port"
fi

"$@"
