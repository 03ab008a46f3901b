#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then builds a Go program
# importing the binding with nothing but PKG_CONFIG_PATH set: the binding's
# #cgo pkg-config line must find the header and the library. Runs it.
# Usage: run_go_install_test.sh BUILD_DIR GO
set -euo pipefail
go="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/scratch_install.sh"

# The binding from a copy of its own: Go's build cache keys a cgo package on
# its folder and CGO_* flags, not on pkg-config's output, so objects built
# here against the scratch prefix must not be reused for bindings/go.
binding="$scratch/mailwarden-go"
mkdir -p "$binding"
cp "$here/../../bindings/go/go.mod" "$here/../../bindings/go/"*.go "$binding/"
rm -f "$binding/"*_test.go

module="$scratch/consumer"
mkdir -p "$module"
cp "$here/go_consumer/main.go" "$module/"
cat >"$module/go.mod" <<MOD
module example.com/consumer

go 1.21

require github.com/mailwarden/mailwarden-go v0.0.0

replace github.com/mailwarden/mailwarden-go => $binding
MOD

# Only what an installed library needs: no CGO_* flags, no network.
(cd "$module" && env -u CGO_CFLAGS -u CGO_LDFLAGS -u CGO_CPPFLAGS \
    PKG_CONFIG_PATH="$libdir/pkgconfig" GOFLAGS=-mod=mod GOPROXY=off \
    "$go" build -o "$scratch/go_consumer" .)
LD_LIBRARY_PATH="$libdir" "$scratch/go_consumer"
echo "go install test: a go build against the installed prefix passed"
