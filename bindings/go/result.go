package mailwarden

// #include <mailwarden.h>
import "C"

// AddressResult is the outcome of checking one address. It is a plain Go
// value copied out of the library: it needs no freeing and may be shared
// between goroutines.
type AddressResult struct {
	// Input is the address exactly as passed in, including any NUL byte.
	Input string
	// Normalized is the address with its domain lower-cased and converted to
	// ASCII (Punycode for an internationalised domain); the local part is
	// kept as given. Empty when the syntax is invalid; kept when the address
	// is well-formed and only the policy rejects it.
	Normalized string
	// LocalPart is the part before the "@", as given. Empty when the syntax
	// is invalid.
	LocalPart string
	// Domain is the normalised domain. Empty when the syntax is invalid.
	Domain string
	// Verdict is valid, risky or invalid.
	Verdict Verdict
	// Valid is true when the verdict is valid or risky.
	Valid bool
	// Reason says why the address is invalid; ReasonOK otherwise.
	Reason Reason
	// Message is a human-readable sentence for Reason, also for ReasonOK.
	// Compare Reason, not Message: the wording may change.
	Message string
	// Flags holds the properties found in the address, also for invalid
	// addresses where they are known.
	Flags Flags
	// JSON is the library's JSON form of the result: one line with the keys
	// address, normalized, valid, verdict, reason, message, local_part,
	// domain, role, noreply, special_use, quoted_local, address_literal and
	// idn.
	JSON string
}

// Role reports whether the address is a role account (postmaster@, ...).
func (r AddressResult) Role() bool { return r.Flags.Has(FlagRole) }

// Noreply reports whether the address is a no-reply form (noreply@, ...).
func (r AddressResult) Noreply() bool { return r.Flags.Has(FlagNoreply) }

// SpecialUse reports whether the domain is an RFC 2606/6761 special-use name.
func (r AddressResult) SpecialUse() bool { return r.Flags.Has(FlagSpecialUse) }

// QuotedLocal reports whether the local part is a quoted string.
func (r AddressResult) QuotedLocal() bool { return r.Flags.Has(FlagQuotedLocal) }

// AddressLiteral reports whether the domain is an [IPv4] or [IPv6:...] literal.
func (r AddressResult) AddressLiteral() bool { return r.Flags.Has(FlagAddressLiteral) }

// IDN reports whether the domain was converted from Unicode to Punycode.
func (r AddressResult) IDN() bool { return r.Flags.Has(FlagIDN) }

// resultFromC copies a library result into Go memory. input is the Go string
// that was checked: the C accessor would stop at the first NUL byte. The
// caller keeps ownership of res.
func resultFromC(res *C.mw_address_result, input string) (AddressResult, error) {
	var js *C.char
	var cerr *C.mw_error
	if err := errorFromC(C.mw_address_result_to_json(&js, res, &cerr), cerr); err != nil {
		return AddressResult{}, err
	}
	defer C.mw_string_free(js)
	return AddressResult{
		Input:      input,
		Normalized: C.GoString(C.mw_address_result_normalized(res)),
		LocalPart:  C.GoString(C.mw_address_result_local_part(res)),
		Domain:     C.GoString(C.mw_address_result_domain(res)),
		Verdict:    Verdict(C.mw_address_result_verdict(res)),
		Valid:      C.mw_address_result_is_valid(res) != 0,
		Reason:     Reason(C.mw_address_result_reason(res)),
		Message:    C.GoString(C.mw_address_result_message(res)),
		Flags:      Flags(C.mw_address_result_flags(res)),
		JSON:       C.GoString(js),
	}, nil
}
