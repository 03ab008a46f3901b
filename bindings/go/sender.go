package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"strconv"
	"time"
)

// SenderState is the verification state of a sender.
type SenderState int

// Sender states, equal to the MW_SENDER_* macros of mailwarden.h.
const (
	// SenderStateNone is no state: the from-state passed to a [Registry]
	// callback for a sender that was just created.
	SenderStateNone SenderState = -1
	// SenderStatePending: the verification mail is out, waiting for the click.
	SenderStatePending SenderState = C.MW_SENDER_PENDING
	// SenderStateSuccess: verified; the sender may send.
	SenderStateSuccess SenderState = C.MW_SENDER_SUCCESS
	// SenderStateFailed: the link expired, or the transport refused or
	// revoked the sender.
	SenderStateFailed SenderState = C.MW_SENDER_FAILED
)

// AllSenderStates, as the filter of [Registry.List], lists senders in every
// state.
const AllSenderStates = SenderStateNone

// String returns the library's name of the state, "Pending", "Success" or
// "Failed"; "None" for SenderStateNone and "SenderState(N)" otherwise.
func (s SenderState) String() string {
	if name := C.mw_sender_state_name(C.int(s)); name != nil {
		return C.GoString(name)
	}
	if s == SenderStateNone {
		return "None"
	}
	return "SenderState(" + strconv.Itoa(int(s)) + ")"
}

// Sender is a snapshot of one sender, copied out of the library: a plain Go
// value that needs no freeing and may be shared between goroutines. It does
// not change when the registry does; call [Registry.Get] for the current
// state.
type Sender struct {
	// ID is the library's stable identifier ("snd_...").
	ID string
	// Account is the account the sender belongs to.
	Account string
	// Type is the kind of sender; "Email".
	Type string
	// Address is the normalised address (domain lower-cased, Punycode).
	Address string
	// Alias is the display name used in From headers; may be empty.
	Alias string
	// State is Pending, Success or Failed.
	State SenderState
	// CreatedAt is when the sender was added (UTC, whole seconds).
	CreatedAt time.Time
	// RequestedAt is when the latest verification mail was sent.
	RequestedAt time.Time
	// ExpiresAt is when the latest verification link stops working.
	ExpiresAt time.Time
	// VerifiedAt is when the sender was verified; zero if it never was.
	VerifiedAt time.Time
	// FailedAt is when the sender failed; zero unless it did.
	FailedAt time.Time
	// FailureReason says why the sender failed; empty unless State is
	// SenderStateFailed.
	FailureReason string
	// Warnings holds from-address advice (no-reply address, role account).
	Warnings []string

	json        string
	historyJSON string
}

// JSON returns the library's JSON object for the sender, one line: times are
// RFC 3339 UTC strings and the state is the key "status" ("Pending" ...);
// withHistory adds the list of state changes. Both forms are rendered by the
// library when the snapshot is taken. It is empty for a Sender not made by
// this package.
func (s Sender) JSON(withHistory bool) string {
	if withHistory {
		return s.historyJSON
	}
	return s.json
}

// unixTime converts library seconds to UTC; 0 is the zero time when unset
// is allowed.
func unixTime(seconds C.int64_t, zeroIsUnset bool) time.Time {
	if zeroIsUnset && seconds == 0 {
		return time.Time{}
	}
	return time.Unix(int64(seconds), 0).UTC()
}

// senderJSON renders the sender through the library; it fails only when the
// library runs out of memory, and then yields "".
func senderJSON(s *C.mw_sender, withHistory bool) string {
	var js *C.char
	var cerr *C.mw_error
	if errorFromC(C.mw_sender_to_json(&js, s, cBool(withHistory), &cerr), cerr) != nil {
		return ""
	}
	defer C.mw_string_free(js)
	return C.GoString(js)
}

// senderFromC copies a library sender (owned or borrowed; the caller keeps
// ownership) into Go memory.
func senderFromC(s *C.mw_sender) Sender {
	count := int(C.mw_sender_warning_count(s))
	var warnings []string
	if count > 0 {
		warnings = make([]string, count)
		for i := range warnings {
			warnings[i] = C.GoString(C.mw_sender_warning_get(s, C.size_t(i)))
		}
	}
	return Sender{
		ID:            C.GoString(C.mw_sender_id(s)),
		Account:       C.GoString(C.mw_sender_account(s)),
		Type:          C.GoString(C.mw_sender_type(s)),
		Address:       C.GoString(C.mw_sender_address(s)),
		Alias:         C.GoString(C.mw_sender_alias(s)),
		State:         SenderState(C.mw_sender_state(s)),
		CreatedAt:     unixTime(C.mw_sender_created_at(s), false),
		RequestedAt:   unixTime(C.mw_sender_requested_at(s), false),
		ExpiresAt:     unixTime(C.mw_sender_expires_at(s), false),
		VerifiedAt:    unixTime(C.mw_sender_verified_at(s), true),
		FailedAt:      unixTime(C.mw_sender_failed_at(s), true),
		FailureReason: C.GoString(C.mw_sender_failure_reason(s)),
		Warnings:      warnings,
		json:          senderJSON(s, false),
		historyJSON:   senderJSON(s, true),
	}
}
