package mailwarden

// #include <mailwarden.h>
import "C"

// cCall makes one C call that reports a failure through an mw_error
// out-parameter, and returns that failure as a Go error.
func cCall(fn func(e **C.mw_error) C.int) error {
	var cerr *C.mw_error
	return errorFromC(fn(&cerr), cerr)
}

// The generic helpers below take the C pointer type (P, H: *C.mw_...) as
// their type parameter: an incomplete C struct cannot be a type argument.

// cNew makes one C call that creates an object and hands it back through
// out; the caller frees it.
func cNew[P any](fn func(out *P, e **C.mw_error) C.int) (P, error) {
	var p P
	if err := cCall(func(e **C.mw_error) C.int { return fn(&p, e) }); err != nil {
		var none P
		return none, err
	}
	return p, nil
}

// owned says how to copy a C object the caller owns, reached through P,
// into the Go value R, and how to free it.
type owned[P, R any] struct {
	copy func(P) (R, error)
	free func(P)
}

// ownedAs is the owned of a copy that cannot fail.
func ownedAs[P, R any](copy func(P) R, free func(P)) owned[P, R] {
	return owned[P, R]{copy: func(p P) (R, error) { return copy(p), nil }, free: free}
}

// take makes one C call that hands back an owned object through out, and
// returns its copy; the object is freed.
func (o owned[P, R]) take(fn func(out *P, e **C.mw_error) C.int) (R, error) {
	p, err := cNew(fn)
	if err != nil {
		var zero R
		return zero, err
	}
	defer o.free(p)
	return o.copy(p)
}

// ownedString copies and frees a string the library allocated
// (mw_string_free).
var ownedString = ownedAs(
	func(s *C.char) string { return C.GoString(s) },
	func(s *C.char) { C.mw_string_free(s) },
)

// cArray copies the n items of a C sequence, got by index, into a slice
// (empty, not nil, for none).
func cArray[R any](n C.size_t, get func(i C.size_t) R) []R {
	out := make([]R, int(n))
	for i := range out {
		out[i] = get(C.size_t(i))
	}
	return out
}
