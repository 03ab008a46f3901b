package mailwarden

import (
	"os"
	"testing"
)

// missing ends a test whose peer or source file is not there: skipped when
// run by hand, failed when MW_REQUIRE_PEERS is set (scripts/test sets it), so
// a peer that did not start can never pass as a skip.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("MW_REQUIRE_PEERS") != "" {
		t.Fatalf("MW_REQUIRE_PEERS is set and "+format, args...)
	}
	t.Skipf(format, args...)
}

// peerEnv is the value of the peer's variable, set by the script that
// started the peer (named in how).
func peerEnv(t *testing.T, name, how string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		missing(t, "%s is unset: run through %s (ctest does)", name, how)
	}
	return v
}
