package mailwarden

// #include <mailwarden.h>
import "C"

// Status is a status code of the C library: 0 for success or one of the
// negative MW_E* codes. The numbers are stable.
type Status int

// Status codes, equal to the MW_* macros of mailwarden.h.
const (
	// StatusOK (MW_OK, 0) means success. No [Error] carries it.
	StatusOK Status = C.MW_OK
	// StatusInvalidArgument (MW_EINVAL, -1): a missing handle, a closed
	// object or a bad option value.
	StatusInvalidArgument Status = C.MW_EINVAL
	// StatusNoMemory (MW_ENOMEM, -2): an allocation failed.
	StatusNoMemory Status = C.MW_ENOMEM
	// StatusInternal (MW_EINTERNAL, -3): an unexpected internal failure.
	StatusInternal Status = C.MW_EINTERNAL
	// StatusNotFound (MW_ENOTFOUND, -4): the named object does not exist.
	StatusNotFound Status = C.MW_ENOTFOUND
	// StatusAlreadyExists (MW_EEXIST, -5): the object already exists.
	StatusAlreadyExists Status = C.MW_EEXIST
	// StatusIO (MW_EIO, -6): reading or writing a file or database failed.
	StatusIO Status = C.MW_EIO
	// StatusTimedOut (MW_ETIMEDOUT, -7): an operation ran out of time.
	StatusTimedOut Status = C.MW_ETIMEDOUT
	// StatusParse (MW_EPARSE, -8): malformed input.
	StatusParse Status = C.MW_EPARSE
	// StatusRange (MW_ERANGE, -9): an index or size is out of range.
	StatusRange Status = C.MW_ERANGE
	// StatusNotVerified (MW_ENOTVERIFIED, -10): the sender is not verified
	// (Success), so it may not send.
	StatusNotVerified Status = C.MW_ENOTVERIFIED
	// StatusTransport (MW_ETRANSPORT, -11): the transport (Amazon SES, the
	// local outbox) failed.
	StatusTransport Status = C.MW_ETRANSPORT
	// StatusExpired (MW_EEXPIRED, -12): a verification link or token has
	// expired.
	StatusExpired Status = C.MW_EEXPIRED
	// StatusSuspended (MW_ESUSPENDED, -13): sending is suspended (bounce or
	// complaint rate).
	StatusSuspended Status = C.MW_ESUSPENDED
	// StatusPolicy (MW_EPOLICY, -14): refused by policy (a role or no-reply
	// sender, ...).
	StatusPolicy Status = C.MW_EPOLICY
)

// String returns the stable symbolic name of the status, such as
// "MW_EINVAL", or "MW_EUNKNOWN" for a number that is not a status code.
func (s Status) String() string {
	return C.GoString(C.mw_status_name(C.int(s)))
}

// Error is a failure reported by the library: a status code and a
// human-readable message. It is what every function of this package returns
// as its error, so it can be inspected with [errors.As]:
//
//	var mwErr *mailwarden.Error
//	if errors.As(err, &mwErr) {
//		log.Println(mwErr.Code, mwErr.Message)
//	}
//
// Two *Error values match under [errors.Is] when their codes are equal,
// which is how the sentinel errors such as [ErrInvalidArgument] are used.
type Error struct {
	// Code is the negative status code of the failure.
	Code Status
	// Message describes the failure; it never contains a secret.
	Message string
}

// Error returns "mailwarden: <message> (<status name>)".
func (e *Error) Error() string {
	return "mailwarden: " + e.Message + " (" + e.Code.String() + ")"
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, ErrNotFound) holds for every not-found failure whatever its
// message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && e != nil && t != nil && e.Code == t.Code
}

// Sentinel errors, one per status code, for use with [errors.Is]. Their
// messages are generic; the errors actually returned carry the library's
// message.
var (
	// ErrInvalidArgument matches failures with StatusInvalidArgument.
	ErrInvalidArgument = &Error{Code: StatusInvalidArgument, Message: "invalid argument"}
	// ErrNoMemory matches failures with StatusNoMemory.
	ErrNoMemory = &Error{Code: StatusNoMemory, Message: "out of memory"}
	// ErrInternal matches failures with StatusInternal.
	ErrInternal = &Error{Code: StatusInternal, Message: "internal error"}
	// ErrNotFound matches failures with StatusNotFound.
	ErrNotFound = &Error{Code: StatusNotFound, Message: "not found"}
	// ErrAlreadyExists matches failures with StatusAlreadyExists.
	ErrAlreadyExists = &Error{Code: StatusAlreadyExists, Message: "already exists"}
	// ErrIO matches failures with StatusIO.
	ErrIO = &Error{Code: StatusIO, Message: "input/output error"}
	// ErrTimedOut matches failures with StatusTimedOut.
	ErrTimedOut = &Error{Code: StatusTimedOut, Message: "timed out"}
	// ErrParse matches failures with StatusParse.
	ErrParse = &Error{Code: StatusParse, Message: "malformed input"}
	// ErrRange matches failures with StatusRange.
	ErrRange = &Error{Code: StatusRange, Message: "out of range"}
	// ErrNotVerified matches failures with StatusNotVerified.
	ErrNotVerified = &Error{Code: StatusNotVerified, Message: "sender not verified"}
	// ErrTransport matches failures with StatusTransport.
	ErrTransport = &Error{Code: StatusTransport, Message: "transport failed"}
	// ErrExpired matches failures with StatusExpired.
	ErrExpired = &Error{Code: StatusExpired, Message: "expired"}
	// ErrSuspended matches failures with StatusSuspended.
	ErrSuspended = &Error{Code: StatusSuspended, Message: "sending suspended"}
	// ErrPolicy matches failures with StatusPolicy.
	ErrPolicy = &Error{Code: StatusPolicy, Message: "refused by policy"}
)

// newError builds an *Error raised on the Go side (for example for a closed
// object) with the given code and message.
func newError(code Status, message string) *Error {
	return &Error{Code: code, Message: message}
}

// errorFromC turns the status of a C call and the error object it may have
// filled in into a Go error, and frees the error object. It returns nil for
// MW_OK. The returned status is authoritative; the message comes from cerr
// when the library provided one.
func errorFromC(status C.int, cerr *C.mw_error) error {
	if cerr != nil {
		defer C.mw_error_free(cerr)
	}
	if status == C.MW_OK {
		return nil
	}
	code := Status(status)
	if code > 0 {
		// Not a documented status; keep it visible rather than report success.
		code = StatusInternal
	}
	if cerr == nil {
		return newError(code, "call failed without an error message")
	}
	return newError(code, C.GoString(C.mw_error_message(cerr)))
}

// applySettings calls each option setter in order and stops at the first
// that fails, returning its error.
func applySettings(settings []func(**C.mw_error) C.int) error {
	for _, set := range settings {
		var e *C.mw_error
		if err := errorFromC(set(&e), e); err != nil {
			return err
		}
	}
	return nil
}
