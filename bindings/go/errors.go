package mailwarden

// #include <mailwarden.h>
import "C"

// Status is a status code of the C library: 0 for success or one of the
// negative MW_E* codes. The numbers are stable.
type Status int

// Status codes, taken from enum mw_status of mailwarden/status.h (the one
// place their numbers are written).
const (
	// StatusOK (MW_OK) means success. No [Error] carries it.
	StatusOK Status = C.MW_OK
	// StatusInvalidArgument (MW_EINVAL): a missing handle, a closed
	// object or a bad option value.
	StatusInvalidArgument Status = C.MW_EINVAL
	// StatusNoMemory (MW_ENOMEM): an allocation failed.
	StatusNoMemory Status = C.MW_ENOMEM
	// StatusInternal (MW_EINTERNAL): an unexpected internal failure.
	StatusInternal Status = C.MW_EINTERNAL
	// StatusNotFound (MW_ENOTFOUND): the named object does not exist.
	StatusNotFound Status = C.MW_ENOTFOUND
	// StatusAlreadyExists (MW_EEXIST): the object already exists.
	StatusAlreadyExists Status = C.MW_EEXIST
	// StatusIO (MW_EIO): reading or writing a file or database failed.
	StatusIO Status = C.MW_EIO
	// StatusTimedOut (MW_ETIMEDOUT): an operation ran out of time.
	StatusTimedOut Status = C.MW_ETIMEDOUT
	// StatusParse (MW_EPARSE): malformed input or answer (JSON, record,
	// message).
	StatusParse Status = C.MW_EPARSE
	// StatusRange (MW_ERANGE): an index or size is out of range.
	StatusRange Status = C.MW_ERANGE
	// StatusNotVerified (MW_ENOTVERIFIED): the sender is not verified
	// (Success), so it may not send.
	StatusNotVerified Status = C.MW_ENOTVERIFIED
	// StatusTransport (MW_ETRANSPORT): the transport (Amazon SES, the
	// network, the local outbox) failed.
	StatusTransport Status = C.MW_ETRANSPORT
	// StatusExpired (MW_EEXPIRED): a verification link or token has
	// expired.
	StatusExpired Status = C.MW_EEXPIRED
	// StatusSuspended (MW_ESUSPENDED): sending is suspended (bounce or
	// complaint rate, SES pause).
	StatusSuspended Status = C.MW_ESUSPENDED
	// StatusPolicy (MW_EPOLICY): refused by policy (a role or no-reply
	// sender, ...).
	StatusPolicy Status = C.MW_EPOLICY
	// StatusCancelled (MW_ECANCELLED): cancelled before it took effect.
	StatusCancelled Status = C.MW_ECANCELLED
	// StatusAuth (MW_EAUTH): credentials missing, or refused by the
	// service (access denied, signature refused).
	StatusAuth Status = C.MW_EAUTH
	// StatusSuppressed (MW_ESUPPRESSED): every recipient of a send is on
	// a suppression list (it bounced, complained or was removed).
	StatusSuppressed Status = C.MW_ESUPPRESSED
)

// String returns the stable symbolic name of the status, such as
// "MW_EINVAL", or "MW_EUNKNOWN" for a number that is not a status code.
func (s Status) String() string {
	return C.GoString(C.mw_status_name(C.int(s)))
}

// Error is a failure reported by the library: a status code, a message, and
// what the failing part learned (the service's error code, the HTTP status,
// whether to retry, whether the outcome is unknown). It is what every
// function of this package returns as its error, so it can be inspected
// with [errors.As]:
//
//	var mwErr *mailwarden.Error
//	if errors.As(err, &mwErr) {
//		log.Println(mwErr.Code, mwErr.ServiceCode, mwErr.HTTPStatus, mwErr.Message)
//	}
//
// Two *Error values match under [errors.Is] when their codes are equal,
// which is how the sentinel errors such as [ErrInvalidArgument] are used.
type Error struct {
	// Code is the negative status code of the failure (mw_error_code).
	Code Status
	// Message describes the failure in one line, naming the service's error
	// type, the HTTP status and the request id where there are any; it never
	// contains a secret (mw_error_message).
	Message string
	// Origin names the part that failed: "mailwarden" (the library itself:
	// arguments, store, local transport), "ses" (Amazon SES or the way to
	// it), "http" ... (mw_error_origin).
	Origin string
	// ServiceCode is the remote service's error code ("MessageRejected",
	// "Throttling", "NotFoundException"); "" when the failure is not the
	// service's answer (mw_error_service_code).
	ServiceCode string
	// HTTPStatus is the HTTP status of the service's answer (400, 429, 503
	// ...); 0 when no answer arrived or no HTTP was involved
	// (mw_error_http_status).
	HTTPStatus int
	// RequestID is the service's request id, for support cases; "" when
	// there is none (mw_error_request_id).
	RequestID string
	// DNSRcode is the DNS response code of a failed lookup (2 SERVFAIL, 3
	// NXDOMAIN ...); -1 when the failure is not a DNS answer
	// (mw_error_dns_rcode).
	DNSRcode int
	// Attempts is how many times the request was sent, retries included; 0
	// when no remote call was made (mw_error_attempts).
	Attempts int
	// Retryable is true when the same call may succeed later (throttled, a
	// 5xx, a timeout, the network). Check OutcomeUnknown first: retrying a
	// call whose outcome is unknown may do it twice (mw_error_retryable).
	Retryable bool
	// OutcomeUnknown is true when the request may have reached the service
	// although no answer came back: a send that may or may not have gone out
	// (mw_error_outcome_unknown).
	OutcomeUnknown bool
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

// Temporary reports whether the same call may succeed later (Retryable).
// A call whose outcome is unknown (OutcomeUnknown) may then take effect
// twice: check that first for sends.
func (e *Error) Temporary() bool {
	return e != nil && e.Retryable
}

// Timeout reports whether the failure is a timeout ([StatusTimedOut]).
func (e *Error) Timeout() bool {
	return e != nil && e.Code == StatusTimedOut
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
	// ErrCancelled matches failures with StatusCancelled.
	ErrCancelled = &Error{Code: StatusCancelled, Message: "cancelled"}
	// ErrAuth matches failures with StatusAuth.
	ErrAuth = &Error{Code: StatusAuth, Message: "credentials missing or refused"}
	// ErrSuppressed matches failures with StatusSuppressed.
	ErrSuppressed = &Error{Code: StatusSuppressed, Message: "recipient suppressed"}
)

// newError builds an *Error raised on the Go side (for example for a NUL
// byte in a string, which C would cut short) with the given code and message.
func newError(code Status, message string) *Error {
	return &Error{Code: code, Message: message, Origin: "mailwarden", DNSRcode: -1}
}

// errClosed is the error of a call on a closed (or nil) object.
func errClosed(what string) *Error {
	return newError(StatusInvalidArgument, what+" is closed")
}

// errorFromC turns the status of a C call and the error object it may have
// filled in into a Go error, and frees the error object. It returns nil for
// MW_OK. The returned status is authoritative; the message and the details
// come from cerr when the library provided one. It is the one place an
// mw_error is read.
func errorFromC(status C.int, cerr *C.mw_error) error {
	if cerr != nil {
		defer C.mw_error_free(cerr)
	}
	return errorOf(status, cerr)
}

// errorOf is errorFromC for an error object the caller keeps (borrowed).
func errorOf(status C.int, cerr *C.mw_error) error {
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
	return &Error{
		Code:           code,
		Message:        C.GoString(C.mw_error_message(cerr)),
		Origin:         C.GoString(C.mw_error_origin(cerr)),
		ServiceCode:    C.GoString(C.mw_error_service_code(cerr)),
		HTTPStatus:     int(C.mw_error_http_status(cerr)),
		RequestID:      C.GoString(C.mw_error_request_id(cerr)),
		DNSRcode:       int(C.mw_error_dns_rcode(cerr)),
		Attempts:       int(C.mw_error_attempts(cerr)),
		Retryable:      C.mw_error_retryable(cerr) != 0,
		OutcomeUnknown: C.mw_error_outcome_unknown(cerr) != 0,
	}
}
