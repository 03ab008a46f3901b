#!/usr/bin/env bash
# Starts the SES peers on 127.0.0.1 (free ports), runs a command with their
# endpoints in the environment, and stops them by PID:
#   MW_TEST_MOTO_ENDPOINT       moto server (SES v2 identities, suppression, templates)
#   MW_TEST_SES_LOCAL_ENDPOINT  aws-ses-v2-local (SendEmail, GetAccount)
#   MW_TEST_SES_FAKE_ENDPOINT   tests/peers/ses_fake (identities held Pending, flipped on command)
# Every SES request is signature-checked like SES does (sigv4_check.py, with
# botocore): the fake checks itself; moto and aws-ses-v2-local check nothing,
# so their endpoints are those of a verifying_proxy.py in front of each.
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

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_for_port() {  # wait_for_port PORT NAME PID
    for _ in $(seq 1 200); do
        if /usr/bin/python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null; then
            return 0
        fi
        kill -0 "$3" 2>/dev/null || { echo "$2 exited early; its log:" >&2; cat "$work/$2.log" >&2; return 1; }
        sleep 0.1
    done
    echo "$2 did not start on port $1" >&2
    return 1
}

wait_for_port_file() {  # wait_for_port_file FILE NAME PID: prints the port the peer wrote
    for _ in $(seq 1 200); do
        [[ -s "$1" ]] && { cat "$1"; return 0; }
        kill -0 "$3" 2>/dev/null || break
        sleep 0.05
    done
    echo "$2 did not report its port; its log:" >&2
    cat "$work/$2.log" >&2
    return 1
}

# verified NAME URL [--unchecked PATH...]: sets `endpoint` to the URL of a
# verifying proxy in front of URL (to URL itself under --unverified).
verified() {
    local name="$1" upstream="$2" port
    shift 2
    endpoint="$upstream"
    ((verify)) || return 0
    "$python" "$here/verifying_proxy.py" --upstream "$upstream" --port-file "$work/$name-proxy.port" "$@" \
        >"$work/$name-proxy.log" 2>&1 &
    pids+=($!)
    port="$(wait_for_port_file "$work/$name-proxy.port" "$name-proxy" $!)"
    endpoint="http://127.0.0.1:$port"
}

if [[ ",$only," == *",moto,"* ]]; then
    port="$(free_port)"
    "$here/venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
    pids+=($!)
    wait_for_port "$port" moto $!
    verified moto "http://127.0.0.1:$port"
    export MW_TEST_MOTO_ENDPOINT="$endpoint"
fi
if [[ ",$only," == *",ses-local,"* ]]; then
    port="$(free_port)"
    # GetAccount answers with this account (the peer's own schema); MaxSendRate 14.
    AWS_SES_ACCOUNT="${AWS_SES_ACCOUNT:-$(cat "$here/ses-local-account.json")}" \
        node "$here/node_modules/aws-ses-v2-local/dist/cli.js" --host 127.0.0.1 --port "$port" >"$work/ses-local.log" 2>&1 &
    pids+=($!)
    wait_for_port "$port" ses-local $!
    # /store (what was sent) is the peer's own endpoint, not SES's.
    verified ses-local "http://127.0.0.1:$port" --unchecked /store
    export MW_TEST_SES_LOCAL_ENDPOINT="$endpoint"
fi
if [[ ",$only," == *",fake,"* ]]; then
    fake_args=(--port-file "$work/fake.port")
    ((verify)) || fake_args+=(--no-verify)
    "$python" "$here/ses_fake/ses_fake.py" "${fake_args[@]}" >"$work/fake.log" 2>&1 &
    pids+=($!)
    port="$(wait_for_port_file "$work/fake.port" fake $!)"
    export MW_TEST_SES_FAKE_ENDPOINT="http://127.0.0.1:$port"
fi

"$@"
