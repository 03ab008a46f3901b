package mailwarden

import (
	"regexp"
	"strconv"
	"testing"
)

func TestVersion(t *testing.T) {
	v := Version()
	m := regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)$`).FindStringSubmatch(v)
	if m == nil {
		t.Fatalf("Version() = %q, want MAJOR.MINOR.PATCH", v)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	patch, _ := strconv.Atoi(m[3])
	if want := major*10000 + minor*100 + patch; VersionNumber() != want {
		t.Errorf("VersionNumber() = %d, want %d for %q", VersionNumber(), want, v)
	}
}
