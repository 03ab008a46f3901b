package mailwarden

// #include <stdlib.h>
// #include <mailwarden.h>
import "C"

import (
	"strings"
	"time"
	"unsafe"
)

// wholeSeconds converts d to seconds, refusing a fractional part.
func wholeSeconds(d time.Duration, what string) (int64, error) {
	if d%time.Second != 0 {
		return 0, newError(StatusInvalidArgument, what+" must be a whole number of seconds")
	}
	return int64(d / time.Second), nil
}

// cStrings makes the C strings of one call and frees them together. The
// first string with a NUL byte, which C would silently cut, is recorded in
// err.
type cStrings struct {
	ptrs []*C.char
	err  error
}

// str returns s as a C string.
func (cs *cStrings) str(s, what string) *C.char {
	if strings.IndexByte(s, 0) >= 0 {
		if cs.err == nil {
			cs.err = newError(StatusInvalidArgument, what+" contains a NUL byte")
		}
		return nil
	}
	p := C.CString(s)
	cs.ptrs = append(cs.ptrs, p)
	return p
}

// optional returns s as a C string, or NULL for "" (the library's default).
func (cs *cStrings) optional(s, what string) *C.char {
	if s == "" {
		return nil
	}
	return cs.str(s, what)
}

func (cs *cStrings) free() {
	for _, p := range cs.ptrs {
		C.free(unsafe.Pointer(p))
	}
	cs.ptrs = nil
}
