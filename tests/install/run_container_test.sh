#!/usr/bin/env bash
# Builds the container image of the Dockerfile at the root of the source tree
# and runs mwctl in it. Building fetches the Debian base images and packages
# from their registries, and tests send nothing beyond this machine unless
# told to: it runs only with MW_CONTAINER_TEST=1 and a container engine
# (docker or podman) that answers. Otherwise it is skipped (exit 77), saying
# why: the one skip MW_REQUIRE_PEERS allows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [[ "${MW_CONTAINER_TEST:-}" != 1 ]]; then
    echo "SKIPPED: building the image reaches the Debian registries; set MW_CONTAINER_TEST=1 to allow it"
    exit 77
fi

engine=""
for candidate in docker podman; do
    if command -v "$candidate" >/dev/null && "$candidate" info >/dev/null 2>&1; then
        engine="$candidate"
        break
    fi
done
if [[ -z $engine ]]; then
    found="$(command -v docker podman | tr '\n' ' ')"
    echo "SKIPPED: no container engine answers on this machine (${found:-neither docker nor podman is installed}${found:+installed, but \`info\` fails: no daemon}); the image is not built"
    exit 77
fi

tag="mailwarden-test:$$"
trap '"$engine" image rm -f "$tag" >/dev/null 2>&1 || true' EXIT
"$engine" build -t "$tag" "$root"
"$engine" run --rm "$tag" address check user@iana.org | grep -q '^VALID'
"$engine" run --rm "$tag" version
echo "container test: the image built and mwctl runs in it ($engine)"
