package mailwarden

// #include <stdlib.h>
// #include <mailwarden.h>
import "C"

import (
	"strconv"
	"time"
)

// RuleStatus is the outcome of a [ReadinessRule].
type RuleStatus int

const (
	RulePass    RuleStatus = C.MW_RULE_PASS
	RuleFail    RuleStatus = C.MW_RULE_FAIL
	RuleUnknown RuleStatus = C.MW_RULE_UNKNOWN // not enough to judge: no sample, no IP, a DNS failure
)

// String returns "pass", "fail" or "unknown".
func (s RuleStatus) String() string {
	if name := C.GoString(C.mw_rule_status_name(C.int(s))); name != "" {
		return name
	}
	return "RuleStatus(" + strconv.Itoa(int(s)) + ")"
}

// ReadinessInput is what [CheckReadiness] judges: the sending (From)
// domain and, each optional, one sample message as sent (DKIM-signed), the
// connection it goes out over, the account's figures and a fixed "now".
type ReadinessInput struct {
	Domain string
	// Sample is one message as sent; nil: none (the rules that need one
	// are unknown). An empty, non-nil sample is refused.
	Sample []byte
	// Connection: the sending IP (SPF, reverse DNS), HELO and MAIL FROM.
	Connection ConnectionFacts
	// Stats are the account's figures, from [Tracker.Stats] or your own:
	// Account, Sends, HardBounces and Complaints are used, the rates
	// derived. nil: none (the complaint rules are unknown).
	Stats *AccountStats
	// Now judges the sample's DKIM t= and x= as at this time; the zero
	// time: the system clock.
	Now time.Time
}

// ReadinessRule is one rule of a [ReadinessReport].
type ReadinessRule struct {
	// ID is stable: "spf", "dkim", "dmarc", "reverse_dns",
	// "one_click_unsubscribe", "complaint_rate",
	// "complaint_rate_recommended", "from_not_provider", "tls".
	ID string
	// Title is one line for people.
	Title string
	// Providers ask for it: "gmail", "yahoo", "outlook".
	Providers []string
	// Required is false for a rule that is recommended only.
	Required bool
	Status   RuleStatus
	// Evidence is what was seen, in one or two sentences.
	Evidence string
}

// ReadinessReport is the bulk-sender readiness of a domain.
type ReadinessReport struct {
	// Domain is the domain judged (lower case, A-labels).
	Domain string
	// Ready is true when no required rule fails (unknown ones do not count
	// against it).
	Ready bool
	// Rules are in a fixed order (docs/message-auth.md).
	Rules []ReadinessRule
	// JSON is the object "mwctl domain readiness --json" prints.
	JSON string
}

// Rule returns the rule of that id, or nil.
func (r ReadinessReport) Rule(id string) *ReadinessRule {
	for i := range r.Rules {
		if r.Rules[i].ID == id {
			return &r.Rules[i]
		}
	}
	return nil
}

// CheckReadiness builds the readiness report of in.Domain, asking resolver
// for the SPF and DMARC records, DKIM keys, PTR and A/AAAA records. DNS
// failures make a rule unknown, never an error. It is safe from any
// goroutine. Errors match [ErrInvalidArgument] (an empty domain or sample,
// a client IP that is not an address, a nil or closed resolver, negative
// figures, a NUL byte in a string) or [ErrRange] (a sample over 64 MiB).
func CheckReadiness(resolver *Resolver, in ReadinessInput) (ReadinessReport, error) {
	if resolver == nil {
		return ReadinessReport{}, errClosed("resolver")
	}
	var cs cStrings
	defer cs.free()
	domain := cs.str(in.Domain, "domain")
	if cs.err != nil {
		return ReadinessReport{}, cs.err
	}
	input, err := cNew(func(out **C.mw_readiness_input, e **C.mw_error) C.int {
		return C.mw_readiness_input_new(out, domain, e)
	})
	if err != nil {
		return ReadinessReport{}, err
	}
	defer C.mw_readiness_input_free(input)
	if err := in.apply(input, &cs); err != nil {
		return ReadinessReport{}, err
	}
	var report ReadinessReport
	err = resolver.use(func(r *C.mw_resolver) error {
		var err error
		report, err = ownedReadinessReport.take(func(out **C.mw_readiness_report, e **C.mw_error) C.int {
			return C.mw_readiness_check(out, input, r, e)
		})
		return err
	})
	return report, err
}

// apply sets the optional parts of in on the C input.
func (in ReadinessInput) apply(input *C.mw_readiness_input, cs *cStrings) error {
	ip, helo := cs.optional(in.Connection.ClientIP, "client IP"), cs.optional(in.Connection.HELO, "HELO name")
	from := cs.optional(in.Connection.MailFrom, "MAIL FROM")
	var sample *C.char
	if in.Sample != nil {
		// A C copy (NUL bytes kept) with one byte more, so that an empty
		// sample is a non-NULL pointer, for the library to refuse.
		p := C.CBytes(append(in.Sample[:len(in.Sample):len(in.Sample)], 0))
		cs.frees = append(cs.frees, func() { C.free(p) })
		sample = (*C.char)(p)
	}
	var account *C.char
	if in.Stats != nil {
		account = cs.str(in.Stats.Account, "account")
	}
	if !in.Now.IsZero() && in.Now.Unix() < 0 {
		cs.require(false, "Now must not be before 1970")
	}
	if cs.err != nil {
		return cs.err
	}
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int { return C.mw_readiness_input_set_connection(input, ip, helo, from, e) },
	}
	if sample != nil {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_readiness_input_set_sample(input, sample, C.size_t(len(in.Sample)), e)
		})
	}
	if in.Stats != nil {
		s := in.Stats
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_readiness_input_set_figures(input, account, C.int64_t(s.Sends), C.int64_t(s.HardBounces),
				C.int64_t(s.Complaints), e)
		})
	}
	if !in.Now.IsZero() {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_readiness_input_set_now(input, C.int64_t(in.Now.Unix()), e)
		})
	}
	return applySettings(settings)
}

var ownedReadinessReport = owned[*C.mw_readiness_report, ReadinessReport]{copy: func(r *C.mw_readiness_report) (ReadinessReport, error) {
	js, err := ownedString.take(func(out **C.char, e **C.mw_error) C.int { return C.mw_readiness_report_to_json(out, r, e) })
	if err != nil {
		return ReadinessReport{}, err
	}
	return ReadinessReport{
		Domain: C.GoString(C.mw_readiness_report_domain(r)),
		Ready:  C.mw_readiness_report_ready(r) != 0,
		Rules: cArray(C.mw_readiness_report_rule_count(r), func(i C.size_t) ReadinessRule {
			return readinessRuleFromC(C.mw_readiness_report_rule_get(r, i))
		}),
		JSON: js,
	}, nil
}, free: func(r *C.mw_readiness_report) { C.mw_readiness_report_free(r) }}

func readinessRuleFromC(r *C.mw_readiness_rule) ReadinessRule {
	return ReadinessRule{
		ID:    C.GoString(C.mw_readiness_rule_id(r)),
		Title: C.GoString(C.mw_readiness_rule_title(r)),
		Providers: cArray(C.mw_readiness_rule_provider_count(r), func(i C.size_t) string {
			return C.GoString(C.mw_readiness_rule_provider(r, i))
		}),
		Required: C.mw_readiness_rule_required(r) != 0,
		Status:   RuleStatus(C.mw_readiness_rule_status(r)),
		Evidence: C.GoString(C.mw_readiness_rule_evidence(r)),
	}
}
