#!/usr/bin/env bash
# Builds the Python wheel (scripts/wheel), installs it into a fresh virtual
# environment, and runs the binding's tests against the installed package
# with neither MAILWARDEN_LIBRARY nor LD_LIBRARY_PATH: the library they load
# must be the wheel's own copy. Run with the peers the python test has.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

"$root/scripts/wheel" "$scratch/dist" >/dev/null
# Debian's python3-pytest through the system site: nothing is fetched.
/usr/bin/python3 -m venv --system-site-packages "$scratch/venv"
py="$scratch/venv/bin/python"
"$py" -m pip install -q --no-index --no-deps --disable-pip-version-check "$scratch"/dist/mailwarden-*.whl

unset MAILWARDEN_LIBRARY LD_LIBRARY_PATH
cd "$scratch"
"$py" - <<'PY'
import sys
import mailwarden
from mailwarden import _lib

mailwarden.version()
assert _lib.path().startswith(sys.prefix + "/"), f"loaded {_lib.path()}, not the wheel's copy"
print(f"wheel {mailwarden.version()}: loaded {_lib.path()}")
PY
MW_TEST_INSTALLED=1 "$py" -m pytest -q -ra -p no:cacheprovider "$root/bindings/python/tests"
