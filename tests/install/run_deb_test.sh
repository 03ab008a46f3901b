#!/usr/bin/env bash
# Builds the Debian packages of the build tree with CPack, checks their names
# and dependencies, unpacks them with dpkg -x into a scratch root (a real
# install would change this machine) and uses them from there: mwctl runs, a
# C program builds with pkg-config, a project with find_package(mailwarden).
# Usage: run_deb_test.sh BUILD_DIR
set -euo pipefail
build_dir="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cpack --config "$build_dir/CPackConfig.cmake" -B "$scratch/debs" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; exit 1; }
rm -rf "$scratch/debs/_CPack_Packages"
field() { dpkg-deb --field "$1" "$2"; }
deb_of() {
    local found=("$scratch"/debs/$1_*.deb)
    [[ -f ${found[0]} ]] || { echo "no package $1 among: $(ls "$scratch/debs")" >&2; exit 1; }
    echo "${found[0]}"
}
lib_deb="$(deb_of 'libmailwarden[0-9]*')"
dev_deb="$(deb_of libmailwarden-dev)"
tools_deb="$(deb_of mailwarden-tools)"
lib_pkg="$(field "$lib_deb" Package)"
version="$(field "$lib_deb" Version)"

# The library's package depends on the package of every library it links.
for deb in "$lib_deb" "$dev_deb" "$tools_deb"; do dpkg -x "$deb" "$scratch/root"; done
usr="$scratch/root/usr"
libdir="$(dirname "$(find "$usr" -name 'libmailwarden.so.*' -print -quit)")"
depends="$(field "$lib_deb" Depends)"
for needed in $(objdump -p "$libdir/libmailwarden.so.$version" | awk '$1 == "NEEDED" {print $2}'); do
    owner="$(dpkg -S "*/$needed" | head -1 | cut -d: -f1)"
    [[ ", $depends" == *", $owner "* || ", $depends," == *", $owner,"* ]] \
        || { echo "$lib_pkg: Depends lacks $owner (for $needed): $depends" >&2; exit 1; }
done
for deb in "$dev_deb" "$tools_deb"; do
    [[ "$(field "$deb" Depends)" == *"$lib_pkg (= $version)"* ]] \
        || { echo "$(field "$deb" Package) does not depend on $lib_pkg (= $version)" >&2; exit 1; }
done

LD_LIBRARY_PATH="$libdir" "$usr/bin/mwctl" address check user@iana.org | grep -q '^VALID'
"$here/check_consumers.sh" "$usr" "$libdir" "$scratch"
echo "deb test: $(cd "$scratch/debs" && ls *.deb | tr '\n' ' ')passed"
