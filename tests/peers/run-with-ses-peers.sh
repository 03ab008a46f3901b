#!/usr/bin/env bash
# Starts the SES peers on 127.0.0.1 (free ports), runs a command with their
# endpoints in the environment, and stops them by PID:
#   MW_TEST_MOTO_ENDPOINT       moto server (SES v2 identities, suppression, templates)
#   MW_TEST_SES_LOCAL_ENDPOINT  aws-ses-v2-local (SendEmail, GetAccount)
#   MW_TEST_SES_FAKE_ENDPOINT   tests/peers/ses_fake (identities held Pending, flipped on command)
# Usage: run-with-ses-peers.sh [--only moto,ses-local,fake] -- command [args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
only="moto,ses-local,fake"
if [[ "${1:-}" == "--only" ]]; then only="$2"; shift 2; fi
[[ "${1:-}" == "--" ]] && shift

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

if [[ ",$only," == *",moto,"* ]]; then
    port="$(free_port)"
    "$here/venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
    pids+=($!)
    wait_for_port "$port" moto $!
    export MW_TEST_MOTO_ENDPOINT="http://127.0.0.1:$port"
fi
if [[ ",$only," == *",ses-local,"* ]]; then
    port="$(free_port)"
    # GetAccount answers with this account (the peer's own schema); MaxSendRate 14.
    AWS_SES_ACCOUNT="${AWS_SES_ACCOUNT:-$(cat "$here/ses-local-account.json")}" \
        node "$here/node_modules/aws-ses-v2-local/dist/cli.js" --host 127.0.0.1 --port "$port" >"$work/ses-local.log" 2>&1 &
    pids+=($!)
    wait_for_port "$port" ses-local $!
    export MW_TEST_SES_LOCAL_ENDPOINT="http://127.0.0.1:$port"
fi
if [[ ",$only," == *",fake,"* ]]; then
    /usr/bin/python3 "$here/ses_fake/ses_fake.py" --port-file "$work/fake.port" >"$work/fake.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do [[ -s "$work/fake.port" ]] && break; sleep 0.05; done
    port="$(cat "$work/fake.port")"
    wait_for_port "$port" fake $!
    export MW_TEST_SES_FAKE_ENDPOINT="http://127.0.0.1:$port"
fi

"$@"
