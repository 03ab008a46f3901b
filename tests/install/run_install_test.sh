#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then builds a consumer with
# find_package(mailwarden) and a C program with pkg-config, and runs both.
set -euo pipefail
build_dir="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
prefix="$scratch/prefix"

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
libdir="$(dirname "$(find "$prefix" -name 'libmailwarden.so*' -print -quit)")"

cmake -S "$here/consumer" -B "$scratch/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
LD_LIBRARY_PATH="$libdir" "$scratch/consumer/consumer_cpp"
LD_LIBRARY_PATH="$libdir" "$scratch/consumer/consumer_c"

# pkg-config: the .pc file alone is enough to compile and link a C program.
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c99 -pedantic -Werror "$here/consumer/main.c" -o "$scratch/pc_consumer" \
    $(pkg-config --cflags --libs mailwarden)
LD_LIBRARY_PATH="$libdir" "$scratch/pc_consumer"
echo "install test: find_package and pkg-config consumers passed"
