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

func TestHeaderVersionAndCompatibility(t *testing.T) {
	if want := HeaderVersionMajor*10000 + HeaderVersionMinor*100 + HeaderVersionPatch; HeaderVersionNumber != want {
		t.Errorf("HeaderVersionNumber = %d, want %d", HeaderVersionNumber, want)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(HeaderVersion()) {
		t.Errorf("HeaderVersion() = %q", HeaderVersion())
	}
	if err := CheckVersion(); err != nil {
		t.Errorf("CheckVersion: %v", err)
	}
	if !VersionCompatible(HeaderVersionMajor, HeaderVersionMinor) {
		t.Error("the library refuses the header it was built with")
	}
	if VersionCompatible(HeaderVersionMajor+1, 0) {
		t.Error("the library accepts the next major version")
	}
	if VersionCompatible(HeaderVersionMajor, HeaderVersionMinor+1) {
		t.Error("the library accepts a newer minor version")
	}
}
