package mailwarden

// #include <mailwarden.h>
import "C"

import "strconv"

// The version of mailwarden.h this package was compiled against, taken from
// the MW_VERSION_* macros of mailwarden/version.h. [Version] tells the
// version of the library actually loaded.
const (
	HeaderVersionMajor  = int(C.MW_VERSION_MAJOR)
	HeaderVersionMinor  = int(C.MW_VERSION_MINOR)
	HeaderVersionPatch  = int(C.MW_VERSION_PATCH)
	HeaderVersionNumber = int(C.MW_VERSION_NUMBER) // MAJOR*10000 + MINOR*100 + PATCH
)

// Version returns the version of the loaded library as "MAJOR.MINOR.PATCH".
// It is safe to call from any goroutine.
func Version() string {
	return C.GoString(C.mw_version())
}

// VersionNumber returns the version of the loaded library as
// MAJOR*10000 + MINOR*100 + PATCH, comparable with [HeaderVersionNumber].
// It is safe to call from any goroutine.
func VersionNumber() int {
	return int(C.mw_version_number())
}

// HeaderVersion returns the version of mailwarden.h this package was compiled
// against, as "MAJOR.MINOR.PATCH".
func HeaderVersion() string {
	return strconv.Itoa(HeaderVersionMajor) + "." + strconv.Itoa(HeaderVersionMinor) + "." +
		strconv.Itoa(HeaderVersionPatch)
}

// VersionCompatible reports whether the loaded library can serve a program
// built against headers of version major.minor: the same major version and
// at least that minor version (for 0.x, the same minor version, since 0.x
// minors may change the ABI). The library decides (mw_version_compatible).
func VersionCompatible(major, minor int) bool {
	return C.mw_version_compatible(C.int(major), C.int(minor)) != 0
}

// CheckVersion returns nil when the loaded library can serve this package,
// that is when [VersionCompatible] holds for the header version the package
// was compiled against; otherwise an error matching [ErrInvalidArgument]
// that names both versions. A program may call it once at start-up.
func CheckVersion() error {
	if VersionCompatible(HeaderVersionMajor, HeaderVersionMinor) {
		return nil
	}
	return newError(StatusInvalidArgument, "the loaded library "+Version()+
		" cannot serve a program built against mailwarden.h "+HeaderVersion())
}
