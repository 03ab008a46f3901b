#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then builds a consumer with
# find_package(mailwarden) and a C program with pkg-config, and runs both.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/scratch_install.sh"
"$here/check_consumers.sh" "$prefix" "$libdir" "$scratch"
echo "install test: find_package and pkg-config consumers passed"
