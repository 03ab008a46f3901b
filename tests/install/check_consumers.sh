#!/usr/bin/env bash
# Builds and runs the downstream programs against an installed mailwarden:
# a consumer project with find_package(mailwarden) (a C++ and a C program)
# and a C program with pkg-config alone.
# Usage: check_consumers.sh PREFIX LIBDIR WORK_DIR
set -euo pipefail
prefix="$1" libdir="$2" work="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
version="$(pkg-config --modversion mailwarden)"
cmake -S "$here/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
    -DMW_WANTED_VERSION="${version%.*}" >/dev/null
cmake --build "$work/consumer" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/consumer/consumer_cpp"
LD_LIBRARY_PATH="$libdir" "$work/consumer/consumer_c"

# pkg-config: the .pc file alone is enough to compile and link a C program.
cc -std=c99 -pedantic -Werror "$here/consumer/main.c" -o "$work/pc_consumer" \
    $(pkg-config --cflags --libs mailwarden)
LD_LIBRARY_PATH="$libdir" "$work/pc_consumer"
