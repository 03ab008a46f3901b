package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"strconv"
	"strings"
)

// Verdict is the overall outcome of an address check.
type Verdict int

// Verdicts, equal to the MW_ADDRESS_* macros of mailwarden.h.
const (
	// VerdictValid: the address is acceptable and nothing is flagged.
	VerdictValid Verdict = C.MW_ADDRESS_VALID
	// VerdictRisky: the address is acceptable but flagged (role account,
	// no-reply form or special-use domain); see [AddressResult.Flags].
	VerdictRisky Verdict = C.MW_ADDRESS_RISKY
	// VerdictInvalid: the address is not acceptable; the [Reason] says why.
	VerdictInvalid Verdict = C.MW_ADDRESS_INVALID
)

// String returns "valid", "risky" or "invalid", or "Verdict(N)" for a
// number that is not a verdict.
func (v Verdict) String() string {
	switch v {
	case VerdictValid:
		return "valid"
	case VerdictRisky:
		return "risky"
	case VerdictInvalid:
		return "invalid"
	}
	return "Verdict(" + strconv.Itoa(int(v)) + ")"
}

// Reason says why an address was rejected; it is [ReasonOK] for valid and
// risky addresses. The numbers and the text ids returned by
// [Reason.String] are stable and can be stored or compared.
type Reason int

// Reason codes, equal to the MW_REASON_* macros of mailwarden.h. The comment
// of each gives its stable text id.
const (
	ReasonOK                     Reason = C.MW_REASON_OK                       // "ok"
	ReasonEmpty                  Reason = C.MW_REASON_EMPTY                    // "empty"
	ReasonControlCharacter       Reason = C.MW_REASON_CONTROL_CHARACTER        // "control_character"
	ReasonMissingAt              Reason = C.MW_REASON_MISSING_AT               // "missing_at"
	ReasonNoLocalPart            Reason = C.MW_REASON_NO_LOCAL_PART            // "no_local_part"
	ReasonNoDomain               Reason = C.MW_REASON_NO_DOMAIN                // "no_domain"
	ReasonInvalidLocalCharacter  Reason = C.MW_REASON_INVALID_LOCAL_CHARACTER  // "invalid_local_character"
	ReasonNonASCIILocalPart      Reason = C.MW_REASON_NON_ASCII_LOCAL_PART     // "non_ascii_local_part"
	ReasonLeadingDot             Reason = C.MW_REASON_LEADING_DOT              // "leading_dot"
	ReasonTrailingDot            Reason = C.MW_REASON_TRAILING_DOT             // "trailing_dot"
	ReasonConsecutiveDots        Reason = C.MW_REASON_CONSECUTIVE_DOTS         // "consecutive_dots"
	ReasonQuotedLocalPart        Reason = C.MW_REASON_QUOTED_LOCAL_PART        // "quoted_local_part"
	ReasonObsoleteLocalPart      Reason = C.MW_REASON_OBSOLETE_LOCAL_PART      // "obsolete_local_part"
	ReasonComment                Reason = C.MW_REASON_COMMENT                  // "comment"
	ReasonWhitespace             Reason = C.MW_REASON_WHITESPACE               // "whitespace"
	ReasonUnterminated           Reason = C.MW_REASON_UNTERMINATED             // "unterminated"
	ReasonLocalPartTooLong       Reason = C.MW_REASON_LOCAL_PART_TOO_LONG      // "local_part_too_long"
	ReasonInvalidDomainCharacter Reason = C.MW_REASON_INVALID_DOMAIN_CHARACTER // "invalid_domain_character"
	ReasonLabelTooLong           Reason = C.MW_REASON_LABEL_TOO_LONG           // "label_too_long"
	ReasonLabelHyphen            Reason = C.MW_REASON_LABEL_HYPHEN             // "label_hyphen"
	ReasonNumericTLD             Reason = C.MW_REASON_NUMERIC_TLD              // "numeric_tld"
	ReasonDotlessDomain          Reason = C.MW_REASON_DOTLESS_DOMAIN           // "dotless_domain"
	ReasonDomainTooLong          Reason = C.MW_REASON_DOMAIN_TOO_LONG          // "domain_too_long"
	ReasonAddressTooLong         Reason = C.MW_REASON_ADDRESS_TOO_LONG         // "address_too_long"
	ReasonInvalidIDNA            Reason = C.MW_REASON_INVALID_IDNA             // "invalid_idna"
	ReasonAddressLiteral         Reason = C.MW_REASON_ADDRESS_LITERAL          // "address_literal"
	ReasonInvalidAddressLiteral  Reason = C.MW_REASON_INVALID_ADDRESS_LITERAL  // "invalid_address_literal"
	ReasonSpecialUseDomain       Reason = C.MW_REASON_SPECIAL_USE_DOMAIN       // "special_use_domain"
	ReasonRoleAccount            Reason = C.MW_REASON_ROLE_ACCOUNT             // "role_account"
	ReasonNoreplyAddress         Reason = C.MW_REASON_NOREPLY_ADDRESS          // "noreply_address"
)

// String returns the stable text id of the reason as given by the library
// (for example "consecutive_dots"), or "Reason(N)" for a number that is not
// a reason code.
func (r Reason) String() string {
	if name := C.mw_address_reason_name(C.int(r)); name != nil {
		return C.GoString(name)
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Flags is a bit mask of properties found in an address. Flags are set for
// invalid results too where they are known.
type Flags uint

// Flag bits, equal to the MW_ADDRESS_FLAG_* macros of mailwarden.h.
const (
	// FlagRole marks a role account: postmaster@, support@ and the like.
	FlagRole Flags = C.MW_ADDRESS_FLAG_ROLE
	// FlagNoreply marks a no-reply form: noreply@, do-not-reply@ and the like.
	FlagNoreply Flags = C.MW_ADDRESS_FLAG_NOREPLY
	// FlagSpecialUse marks an RFC 2606/6761 domain such as .test or example.com.
	FlagSpecialUse Flags = C.MW_ADDRESS_FLAG_SPECIAL_USE
	// FlagQuotedLocal marks a local part written as a quoted string.
	FlagQuotedLocal Flags = C.MW_ADDRESS_FLAG_QUOTED_LOCAL
	// FlagAddressLiteral marks a domain written as [IPv4] or [IPv6:...].
	FlagAddressLiteral Flags = C.MW_ADDRESS_FLAG_ADDRESS_LITERAL
	// FlagIDN marks a domain converted from Unicode to Punycode.
	FlagIDN Flags = C.MW_ADDRESS_FLAG_IDN
)

// flagNames lists the flag bits in order, with the names used by
// [Flags.String] (the same words as the keys of the JSON form).
var flagNames = []struct {
	bit  Flags
	name string
}{
	{FlagRole, "role"},
	{FlagNoreply, "noreply"},
	{FlagSpecialUse, "special_use"},
	{FlagQuotedLocal, "quoted_local"},
	{FlagAddressLiteral, "address_literal"},
	{FlagIDN, "idn"},
}

// Has reports whether every bit of mask is set in f.
func (f Flags) Has(mask Flags) bool {
	return f&mask == mask
}

// String returns the names of the set flags joined by "|" (for example
// "role|idn"), "none" when no flag is set, and a hexadecimal remainder for
// unknown bits.
func (f Flags) String() string {
	if f == 0 {
		return "none"
	}
	var parts []string
	rest := f
	for _, fl := range flagNames {
		if f&fl.bit != 0 {
			parts = append(parts, fl.name)
			rest &^= fl.bit
		}
	}
	if rest != 0 {
		parts = append(parts, "0x"+strconv.FormatUint(uint64(rest), 16))
	}
	return strings.Join(parts, "|")
}
