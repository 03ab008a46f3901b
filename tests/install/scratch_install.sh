# Sourced by the install tests: installs the build tree "$1" into a scratch
# prefix removed on exit, and sets scratch, prefix and libdir.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
prefix="$scratch/prefix"
cmake --install "$1" --prefix "$prefix" >/dev/null
libdir="$(dirname "$(find "$prefix" -name 'libmailwarden.so*' -print -quit)")"
