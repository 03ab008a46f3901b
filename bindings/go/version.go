package mailwarden

// #include <mailwarden.h>
import "C"

// Version returns the version of the loaded library as "MAJOR.MINOR.PATCH".
// It is safe to call from any goroutine.
func Version() string {
	return C.GoString(C.mw_version())
}

// VersionNumber returns the version of the loaded library as
// MAJOR*10000 + MINOR*100 + PATCH, convenient for comparisons.
// It is safe to call from any goroutine.
func VersionNumber() int {
	return int(C.mw_version_number())
}
