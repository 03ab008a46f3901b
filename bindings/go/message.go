package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"strconv"
	"time"
)

// DMARCMode is how DMARC finds the policy and the organizational domain.
type DMARCMode int

const (
	// DMARCRFC9989 walks the DNS tree (the default).
	DMARCRFC9989 DMARCMode = C.MW_DMARC_RFC9989
	// DMARCRFC7489 uses the public suffix list.
	DMARCRFC7489 DMARCMode = C.MW_DMARC_RFC7489
)

// String returns "rfc9989" or "rfc7489".
func (m DMARCMode) String() string {
	switch m {
	case DMARCRFC9989:
		return "rfc9989"
	case DMARCRFC7489:
		return "rfc7489"
	}
	return "DMARCMode(" + strconv.Itoa(int(m)) + ")"
}

// ConnectionFacts are what the SMTP connection that brought a message
// said: the client's IP address ("": SPF is not checked), the HELO name and
// MAIL FROM (the reverse-path without angle brackets; "" for the null
// sender).
type ConnectionFacts struct {
	ClientIP string
	HELO     string
	MailFrom string
}

// MessageCheckOptions are the options of [CheckMessage]; the zero value
// gives the library's defaults.
type MessageCheckOptions struct {
	// Resolver looks keys and records up; nil: nothing is looked up, so
	// DKIM and DMARC give temperror and SPF is not checked.
	Resolver *Resolver
	// Now checks as at this time (DKIM's t= and x=), to replay an old
	// message; the zero time: the system clock.
	Now time.Time
	// DMARCMode: DMARCRFC9989 (the default) or DMARCRFC7489.
	DMARCMode DMARCMode
	// AllowSHA1 makes rsa-sha1 signatures that verify pass instead of
	// "policy" (RFC 8301).
	AllowSHA1 bool
	// MaxSignatures are verified per message, those beyond give
	// "neutral"; 0: 10.
	MaxSignatures int
	// MaxBodyBytes of canonical body are hashed per signature; 0: 64 MiB.
	MaxBodyBytes int64
	// AuthservID names us in our Authentication-Results field; "":
	// "mailwarden".
	AuthservID string
}

// DKIMCheck is one DKIM-Signature field's outcome.
type DKIMCheck struct {
	// Result is "pass", "fail", "neutral", "policy", "permerror" or
	// "temperror".
	Result string
	// Reason is a stable id: "none", "body_hash_mismatch", "key_revoked"
	// ... (docs/message-auth.md).
	Reason string
	// Detail is one sentence for people; "" on a plain pass.
	Detail string
	// Domain (d=), Selector (s=), Algorithm (a=), Canonicalization (c=),
	// Identity (i=, or "@" d=) and SignedHeaders (h=).
	Domain, Selector, Algorithm, Canonicalization, Identity string
	SignedHeaders                                           []string
	// KeyBits is 0 when no key was read; KeyTesting when the key record
	// says t=y.
	KeyBits    int
	KeyTesting bool
	// BodyHashExpected is bh=; BodyHashComputed the body hash computed
	// ("" when the body was not hashed).
	BodyHashExpected, BodyHashComputed string
}

// SPFCheck is SPF for the connection.
type SPFCheck struct {
	// Result is "pass", "fail", "softfail", "neutral", "none",
	// "temperror" or "permerror".
	Result string
	// Domain is the domain checked, Scope "mailfrom" or "helo".
	Domain, Scope string
	Explanation   string
}

// AuthResultsProperty is one property of an Authentication-Results entry:
// "smtp.mailfrom" = "example.org", "header.d" = ...
type AuthResultsProperty struct {
	Name, Value string
}

// AuthResult is one method's entry of an Authentication-Results field:
// the method ("spf", "dkim", "dmarc" ...), the result (lower case), the
// reason ("" when none) and the properties in field order.
type AuthResult struct {
	Method, Result, Reason string
	Properties             []AuthResultsProperty
}

// AuthResultsField is an Authentication-Results field found on a message.
type AuthResultsField struct {
	// AuthservID is "" when the field left it out.
	AuthservID string
	Results    []AuthResult
	// Unparsed is what could not be read, kept as written; "" when all
	// was read.
	Unparsed string
}

// MessageReport is a message's authentication, as a mailbox provider's
// "Show original" shows it.
type MessageReport struct {
	// FromDomain is the From domain (A-labels); "" when it cannot be read,
	// FromProblem then says why ("no_from", "multiple_from",
	// "multiple_addresses", "unparseable_from").
	FromDomain, FromProblem string
	// Summary is one line: "SPF: PASS with IP 192.0.2.1 (example.org);
	// DKIM: PASS with domain example.org; DMARC: PASS (p=reject)".
	Summary string
	// DKIM holds every signature, top first.
	DKIM []DKIMCheck
	// SPF is nil when SPF was not checked (no client IP or no resolver).
	SPF *SPFCheck
	// DMARCResult is "pass", "fail", "none", "temperror" or "permerror";
	// DMARCReason says why in one sentence.
	DMARCResult, DMARCReason string
	// DMARCPolicy is the published policy ("none", "quarantine",
	// "reject"; "" when no record applies), DMARCDisposition what it asks
	// for this message ("none" unless DMARC fails).
	DMARCPolicy, DMARCDisposition string
	// DMARCRecordDomain is where the record was found.
	DMARCRecordDomain, OrganizationalDomain string
	SPFAligned, DKIMAligned                 bool
	// ARCResult is the ARC chain's validation status ("none", "pass",
	// "fail") and ARCReason why; ARCHops counts the ARC sets, and
	// ARCOldestPass is the oldest instance whose message signature still
	// verifies (0 when all do, or when the chain does not pass).
	ARCResult, ARCReason   string
	ARCHops, ARCOldestPass int
	// AuthenticationResults are the fields already on the message, top
	// first.
	AuthenticationResults []AuthResultsField
	// OurAuthenticationResults is our result as one Authentication-Results
	// field value (folded).
	OurAuthenticationResults string
	// JSON is the object "mwctl message check --json" prints.
	JSON string
}

// CheckMessage checks a received message (RFC 5322, CRLF or LF; NUL bytes
// allowed) that came over a connection with facts. DNS failures are
// results, not errors. Errors match ErrInvalidArgument (an empty message,
// a client IP that is not an address, a closed resolver, a negative
// option, a NUL byte in a string) or ErrRange (over 64 MiB).
func CheckMessage(message []byte, facts ConnectionFacts, opts MessageCheckOptions) (MessageReport, error) {
	var cs cStrings
	defer cs.free()
	ip, helo := cs.optional(facts.ClientIP, "client IP"), cs.optional(facts.HELO, "HELO name")
	from := cs.optional(facts.MailFrom, "MAIL FROM")
	o := cObject(&cs, opts.toC, freeMessageCheckOptions)
	if cs.err != nil {
		return MessageReport{}, cs.err
	}
	return ownedMessageReport.take(func(out **C.mw_message_report, e **C.mw_error) C.int {
		return C.mw_message_check(out, bytesData(message), C.size_t(len(message)), ip, helo, from, o, e)
	})
}

// toC makes the mw_message_check_options of opts; the caller frees them.
func (opts MessageCheckOptions) toC() (*C.mw_message_check_options, error) {
	if opts.MaxSignatures < 0 || opts.MaxBodyBytes < 0 {
		return nil, newError(StatusInvalidArgument, "MaxSignatures and MaxBodyBytes must not be negative")
	}
	if !opts.Now.IsZero() && opts.Now.Unix() < 0 {
		return nil, newError(StatusInvalidArgument, "Now must not be before 1970")
	}
	create := func(out **C.mw_message_check_options, e **C.mw_error) C.int {
		return C.mw_message_check_options_new(out, e)
	}
	return build(create, freeMessageCheckOptions, func(o *C.mw_message_check_options, s *setters) error {
		if opts.Resolver != nil {
			setHandle(s, opts.Resolver.use, func(r *C.mw_resolver, e **C.mw_error) C.int {
				return C.mw_message_check_options_set_resolver(o, r, e)
			})
		}
		if !opts.Now.IsZero() {
			s.add(func(e **C.mw_error) C.int {
				return C.mw_message_check_options_set_now(o, C.int64_t(opts.Now.Unix()), e)
			})
		}
		s.add(func(e **C.mw_error) C.int {
			return C.mw_message_check_options_set_dmarc_mode(o, C.int(opts.DMARCMode), e)
		})
		s.add(func(e **C.mw_error) C.int {
			return C.mw_message_check_options_set_allow_sha1(o, cBool(opts.AllowSHA1), e)
		})
		if opts.MaxSignatures != 0 {
			s.add(func(e **C.mw_error) C.int {
				return C.mw_message_check_options_set_max_signatures(o, C.size_t(opts.MaxSignatures), e)
			})
		}
		if opts.MaxBodyBytes != 0 {
			s.add(func(e **C.mw_error) C.int {
				return C.mw_message_check_options_set_max_body_bytes(o, C.uint64_t(opts.MaxBodyBytes), e)
			})
		}
		s.nonEmpty(opts.AuthservID, "authserv-id", func(v *C.char, e **C.mw_error) C.int {
			return C.mw_message_check_options_set_authserv_id(o, v, e)
		})
		return nil
	})
}

func freeMessageCheckOptions(o *C.mw_message_check_options) { C.mw_message_check_options_free(o) }

func dkimCheckFromC(c *C.mw_dkim_check) DKIMCheck {
	return DKIMCheck{
		Result:           C.GoString(C.mw_dkim_check_result(c)),
		Reason:           C.GoString(C.mw_dkim_check_reason(c)),
		Detail:           C.GoString(C.mw_dkim_check_detail(c)),
		Domain:           C.GoString(C.mw_dkim_check_domain(c)),
		Selector:         C.GoString(C.mw_dkim_check_selector(c)),
		Algorithm:        C.GoString(C.mw_dkim_check_algorithm(c)),
		Canonicalization: C.GoString(C.mw_dkim_check_canonicalization(c)),
		Identity:         C.GoString(C.mw_dkim_check_identity(c)),
		SignedHeaders: cArray(C.mw_dkim_check_signed_header_count(c), func(i C.size_t) string {
			return C.GoString(C.mw_dkim_check_signed_header(c, i))
		}),
		KeyBits:          int(C.mw_dkim_check_key_bits(c)),
		KeyTesting:       C.mw_dkim_check_key_testing(c) != 0,
		BodyHashExpected: C.GoString(C.mw_dkim_check_body_hash_expected(c)),
		BodyHashComputed: C.GoString(C.mw_dkim_check_body_hash_computed(c)),
	}
}

func authResultsFromC(f *C.mw_auth_results) AuthResultsField {
	return AuthResultsField{
		AuthservID: C.GoString(C.mw_auth_results_authserv_id(f)),
		Results: cArray(C.mw_auth_results_count(f), func(i C.size_t) AuthResult {
			return AuthResult{
				Method: C.GoString(C.mw_auth_results_method(f, i)),
				Result: C.GoString(C.mw_auth_results_result(f, i)),
				Reason: C.GoString(C.mw_auth_results_reason(f, i)),
				Properties: cArray(C.mw_auth_results_property_count(f, i), func(j C.size_t) AuthResultsProperty {
					return AuthResultsProperty{
						Name:  C.GoString(C.mw_auth_results_property_name(f, i, j)),
						Value: C.GoString(C.mw_auth_results_property_value(f, i, j)),
					}
				}),
			}
		}),
		Unparsed: C.GoString(C.mw_auth_results_unparsed(f)),
	}
}

var ownedMessageReport = owned[*C.mw_message_report, MessageReport]{copy: func(r *C.mw_message_report) (MessageReport, error) {
	js, err := ownedString.take(func(out **C.char, e **C.mw_error) C.int { return C.mw_message_report_to_json(out, r, e) })
	if err != nil {
		return MessageReport{}, err
	}
	var spf *SPFCheck
	if C.mw_message_report_spf_checked(r) != 0 {
		spf = &SPFCheck{
			Result:      C.GoString(C.mw_message_report_spf_result(r)),
			Domain:      C.GoString(C.mw_message_report_spf_domain(r)),
			Scope:       C.GoString(C.mw_message_report_spf_scope(r)),
			Explanation: C.GoString(C.mw_message_report_spf_explanation(r)),
		}
	}
	return MessageReport{
		FromDomain:  C.GoString(C.mw_message_report_from_domain(r)),
		FromProblem: C.GoString(C.mw_message_report_from_problem(r)),
		Summary:     C.GoString(C.mw_message_report_summary(r)),
		DKIM: cArray(C.mw_message_report_dkim_count(r), func(i C.size_t) DKIMCheck {
			return dkimCheckFromC(C.mw_message_report_dkim_get(r, i))
		}),
		SPF:                  spf,
		DMARCResult:          C.GoString(C.mw_message_report_dmarc_result(r)),
		DMARCReason:          C.GoString(C.mw_message_report_dmarc_reason(r)),
		DMARCPolicy:          C.GoString(C.mw_message_report_dmarc_policy(r)),
		DMARCDisposition:     C.GoString(C.mw_message_report_dmarc_disposition(r)),
		DMARCRecordDomain:    C.GoString(C.mw_message_report_dmarc_record_domain(r)),
		OrganizationalDomain: C.GoString(C.mw_message_report_organizational_domain(r)),
		SPFAligned:           C.mw_message_report_spf_aligned(r) != 0,
		DKIMAligned:          C.mw_message_report_dkim_aligned(r) != 0,
		ARCResult:            C.GoString(C.mw_message_report_arc_result(r)),
		ARCReason:            C.GoString(C.mw_message_report_arc_reason(r)),
		ARCHops:              int(C.mw_message_report_arc_hops(r)),
		ARCOldestPass:        int(C.mw_message_report_arc_oldest_pass(r)),
		AuthenticationResults: cArray(C.mw_message_report_auth_results_count(r), func(i C.size_t) AuthResultsField {
			return authResultsFromC(C.mw_message_report_auth_results_get(r, i))
		}),
		OurAuthenticationResults: C.GoString(C.mw_message_report_our_auth_results(r)),
		JSON:                     js,
	}, nil
}, free: func(r *C.mw_message_report) { C.mw_message_report_free(r) }}
