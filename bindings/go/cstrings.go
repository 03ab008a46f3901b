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

// cStrings makes the C strings of one call and the C objects it takes
// (cObject), and frees them together. The first argument that cannot be
// made (a string with a NUL byte, which C would silently cut) or that is
// refused (require) is recorded in err; no C object is made after it.
type cStrings struct {
	ptrs  []*C.char
	frees []func()
	err   error
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

// require records an invalid-argument error saying message unless ok (or
// an earlier argument failed).
func (cs *cStrings) require(ok bool, message string) {
	if !ok && cs.err == nil {
		cs.err = newError(StatusInvalidArgument, message)
	}
}

func (cs *cStrings) free() {
	for _, p := range cs.ptrs {
		C.free(unsafe.Pointer(p))
	}
	cs.ptrs = nil
	for _, f := range cs.frees {
		f()
	}
	cs.frees = nil
}

// cObject makes with create a C object the call takes (create may return
// nil for none), freed with free along with the strings. It returns nil
// without calling create when an earlier argument failed, and records
// create's error in err.
func cObject[P any](cs *cStrings, create func() (P, error), free func(P)) P {
	var p P
	if cs.err != nil {
		return p
	}
	p, err := create()
	if err != nil {
		cs.err = err
		return p
	}
	cs.frees = append(cs.frees, func() { free(p) })
	return p
}
