package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"math"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
	"unsafe"
)

// ResolverConfig selects the DNS servers and behaviour of a [Resolver]. The
// zero value asks the system's servers (/etc/resolv.conf) with the library
// defaults: 2 s per try, 3 tries, cache on.
type ResolverConfig struct {
	// Servers to ask: "127.0.0.1:5353", "[::1]:53", "192.0.2.53". Empty: the
	// system's.
	Servers []string
	// Timeout per try; zero means 2 s.
	Timeout time.Duration
	// Tries before a query times out; zero means 3.
	Tries int
	// NoCache asks the servers every time instead of keeping answers for
	// their TTL.
	NoCache bool
}

// Resolver is a DNS resolver owned by the library (c-ares on a thread of
// its own), used by [CheckDomain] and [CheckSPF]. Create it with
// [OpenResolver] and release it with Close.
//
// A Resolver may be used by any number of goroutines at once, and closed
// while checks run on other goroutines: the library keeps it until the last
// of them returns (pending queries are then cancelled). Checks started after
// Close fail with an error matching [ErrInvalidArgument]. A Resolver that
// becomes unreachable without being closed is freed by a finalizer, as a
// backstop only.
type Resolver struct {
	ptr unsafe.Pointer // the *C.mw_resolver; nil once closed
}

// OpenResolver opens a resolver. The error matches [ErrInvalidArgument] for
// a malformed server address, a negative timeout or tries.
func OpenResolver(cfg ResolverConfig) (*Resolver, error) {
	var opts *C.mw_resolver_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_resolver_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_resolver_options_free(opts)
	var cs cStrings
	defer cs.free()
	settings := []func(**C.mw_error) C.int{}
	for _, s := range cfg.Servers {
		server := cs.str(s, "server")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_resolver_options_add_server(opts, server, e) })
	}
	if cs.err != nil {
		return nil, cs.err
	}
	if cfg.Timeout != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_resolver_options_set_timeout_ms(opts, C.int64_t(cfg.Timeout.Milliseconds()), e)
		})
	}
	if cfg.Tries != 0 {
		tries := cfg.Tries
		if tries < 0 || tries > math.MaxInt32 {
			tries = -1 // the library refuses it with its own message
		}
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_resolver_options_set_tries(opts, C.int(tries), e) })
	}
	settings = append(settings, func(e **C.mw_error) C.int { return C.mw_resolver_options_set_cache(opts, cBool(!cfg.NoCache), e) })
	if err := applySettings(settings); err != nil {
		return nil, err
	}
	var ptr *C.mw_resolver
	if err := errorFromC(C.mw_resolver_open(&ptr, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	r := &Resolver{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(r, (*Resolver).free)
	return r, nil
}

// Close releases the resolver. Checks running on other goroutines finish
// (the library frees the resolver after the last of them); later checks
// fail. It is idempotent, safe from any goroutine, and always returns nil.
func (r *Resolver) Close() error {
	if r == nil {
		return nil
	}
	r.free()
	runtime.SetFinalizer(r, nil)
	return nil
}

// free releases the library's handle once; it is also the finalizer.
func (r *Resolver) free() {
	if p := (*C.mw_resolver)(atomic.SwapPointer(&r.ptr, nil)); p != nil {
		C.mw_resolver_free(p)
	}
}

// use runs fn with the live handle. A Close racing with fn is safe: the
// library holds the resolver for the duration of each call, and a call on a
// freed handle fails with MW_EINVAL.
func (r *Resolver) use(fn func(*C.mw_resolver) error) error {
	if r == nil {
		return errClosed("resolver")
	}
	p := (*C.mw_resolver)(atomic.LoadPointer(&r.ptr))
	if p == nil {
		return errClosed("resolver")
	}
	err := fn(p)
	runtime.KeepAlive(r)
	return err
}

// AuthVerdict is the verdict of a [DomainReport]: the worst severity of its
// findings.
type AuthVerdict int

const (
	AuthPass AuthVerdict = C.MW_VERDICT_PASS // nothing worse than info
	AuthWarn AuthVerdict = C.MW_VERDICT_WARN // at least one warning
	AuthFail AuthVerdict = C.MW_VERDICT_FAIL // at least one error
)

// String returns "pass", "warn" or "fail".
func (v AuthVerdict) String() string { return nameOr(C.mw_verdict_name(C.int(v)), "verdict", int(v)) }

// Severity is the severity of a [Finding].
type Severity int

const (
	SeverityInfo    Severity = C.MW_SEVERITY_INFO
	SeverityWarning Severity = C.MW_SEVERITY_WARNING
	SeverityError   Severity = C.MW_SEVERITY_ERROR
)

// String returns "info", "warning" or "error".
func (s Severity) String() string { return nameOr(C.mw_severity_name(C.int(s)), "severity", int(s)) }

// RecordStatus says what is live for a [PublishRecord].
type RecordStatus int

const (
	RecordOK       RecordStatus = C.MW_RECORD_OK       // published as it should be
	RecordMissing  RecordStatus = C.MW_RECORD_MISSING  // nothing there
	RecordMismatch RecordStatus = C.MW_RECORD_MISMATCH // something else is there
	RecordUnknown  RecordStatus = C.MW_RECORD_UNKNOWN  // DNS failed temporarily
)

// String returns "ok", "missing", "mismatch" or "unknown".
func (s RecordStatus) String() string {
	return nameOr(C.mw_record_status_name(C.int(s)), "status", int(s))
}

// SPFResult is an RFC 7208 check_host() result (mw_spf_result), the Result
// of an [SPFOutcome].
type SPFResult int

const (
	SPFNone      SPFResult = C.MW_SPF_NONE
	SPFNeutral   SPFResult = C.MW_SPF_NEUTRAL
	SPFPass      SPFResult = C.MW_SPF_PASS
	SPFFail      SPFResult = C.MW_SPF_FAIL
	SPFSoftfail  SPFResult = C.MW_SPF_SOFTFAIL
	SPFTemperror SPFResult = C.MW_SPF_TEMPERROR
	SPFPermerror SPFResult = C.MW_SPF_PERMERROR
)

// String returns "none", "neutral", "pass", "fail", "softfail", "temperror"
// or "permerror".
func (r SPFResult) String() string { return nameOr(C.mw_spf_result_name(C.int(r)), "spf", int(r)) }

func nameOr(name *C.char, kind string, v int) string {
	if name == nil {
		return kind + "(" + strconv.Itoa(v) + ")"
	}
	return C.GoString(name)
}

// PublishRecord is a DNS record the domain must publish, and what is live.
type PublishRecord struct {
	Purpose string // "spf", "dkim", "dmarc", "mail_from_spf", "mail_from_mx"
	Name    string // owner name, no trailing dot
	Type    string // "TXT", "CNAME", "MX"
	Value   string // the exact value to publish (MX: "10 host")
	Status  RecordStatus
	Found   []string // what is live at that name and type
}

// Finding is something wrong or worth knowing, with a stable ID such as
// "spf.too_many_lookups" (listed in docs/domain-auth.md).
type Finding struct {
	ID       string
	Severity Severity
	Message  string
}

// DomainReport is the domain-authentication report, copied out of the
// library: which records to publish for sending through Amazon SES, what is
// live, and the findings.
type DomainReport struct {
	Domain   string
	Region   string
	Verdict  AuthVerdict
	Records  []PublishRecord
	Findings []Finding
	// JSON is the library's JSON form: domain, region, verdict, records and
	// findings.
	JSON string
}

// HasFinding reports whether a finding with this ID is in the report.
func (r *DomainReport) HasFinding(id string) bool {
	for _, f := range r.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

// DomainRequest is what [CheckDomain] checks.
type DomainRequest struct {
	Domain     string   // the sending domain
	Region     string   // the SES region; empty means "us-east-1"
	DKIMTokens []string // Easy DKIM tokens from GetEmailIdentity
	MailFrom   string   // custom MAIL FROM domain; empty for SES's own
	// DKIMKeys is a folder of own keys, <domain>/<selector>.pem (as the
	// local transport signs with, see RegistryConfig.DKIMKeys): each of this
	// domain's selectors gets its TXT record listed and checked.
	DKIMKeys string
}

// CheckDomain builds the report for req through r, blocking for the queries.
// DNS trouble is not an error: it shows as [RecordUnknown] records and
// dns.temporary_failure findings. The error matches [ErrInvalidArgument] for
// an empty domain, a closed resolver or a key file that is not a key.
func CheckDomain(r *Resolver, req DomainRequest) (*DomainReport, error) {
	var cs cStrings
	defer cs.free()
	domain := cs.str(req.Domain, "domain")
	region := cs.optional(req.Region, "region")
	mailFrom := cs.optional(req.MailFrom, "MAIL FROM domain")
	keys := cs.optional(req.DKIMKeys, "DKIM key folder")
	// A Go slice holding C pointers only may be passed to C.
	tokens := make([]*C.char, len(req.DKIMTokens))
	for i, t := range req.DKIMTokens {
		tokens[i] = cs.str(t, "DKIM token")
	}
	if cs.err != nil {
		return nil, cs.err
	}
	var tokensPtr **C.char
	if len(tokens) > 0 {
		tokensPtr = &tokens[0]
	}
	var out *DomainReport
	err := r.use(func(res *C.mw_resolver) error {
		var err error
		out, err = takeReport(func(rep **C.mw_domain_report, cerr **C.mw_error) C.int {
			return C.mw_domain_check_with_keys(rep, res, domain, region, tokensPtr, C.size_t(len(tokens)), mailFrom, keys, cerr)
		})
		return err
	})
	return out, err
}

// CheckDomainSES builds the report for a domain identity at Amazon SES: its
// Easy DKIM tokens and custom MAIL FROM domain come from GetEmailIdentity
// through c, the region from c. domain may also be a sender address: its
// domain is used. It blocks for SES and the queries; DNS trouble shows in
// the report as with [CheckDomain]. The error matches [ErrNotFound] when SES
// does not know the domain as an identity, the other [SESClient] errors, or
// [ErrInvalidArgument] for an empty domain or a closed resolver or client.
func CheckDomainSES(r *Resolver, c *SESClient, domain string) (*DomainReport, error) {
	var cs cStrings
	defer cs.free()
	name := cs.str(domain, "domain")
	if cs.err != nil {
		return nil, cs.err
	}
	var out *DomainReport
	err := r.use(func(res *C.mw_resolver) error {
		return c.call(func(p *C.mw_ses_client) error {
			var err error
			out, err = takeReport(func(rep **C.mw_domain_report, cerr **C.mw_error) C.int {
				return C.mw_domain_check_ses(rep, res, p, name, cerr)
			})
			return err
		})
	})
	return out, err
}

// takeReport runs a C call that makes a report, and copies and frees it.
func takeReport(check func(**C.mw_domain_report, **C.mw_error) C.int) (*DomainReport, error) {
	var rep *C.mw_domain_report
	var cerr *C.mw_error
	if err := errorFromC(check(&rep, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_domain_report_free(rep)
	return reportFromC(rep)
}

func reportFromC(rep *C.mw_domain_report) (*DomainReport, error) {
	out := &DomainReport{
		Domain:   C.GoString(C.mw_domain_report_domain(rep)),
		Region:   C.GoString(C.mw_domain_report_region(rep)),
		Verdict:  AuthVerdict(C.mw_domain_report_verdict(rep)),
		Records:  []PublishRecord{},
		Findings: []Finding{},
	}
	for i := C.size_t(0); i < C.mw_domain_report_record_count(rep); i++ {
		r := C.mw_domain_report_record_get(rep, i) // borrowed from rep
		rec := PublishRecord{
			Purpose: C.GoString(C.mw_domain_record_purpose(r)),
			Name:    C.GoString(C.mw_domain_record_name(r)),
			Type:    C.GoString(C.mw_domain_record_type(r)),
			Value:   C.GoString(C.mw_domain_record_value(r)),
			Status:  RecordStatus(C.mw_domain_record_status(r)),
			Found:   []string{},
		}
		for j := C.size_t(0); j < C.mw_domain_record_found_count(r); j++ {
			rec.Found = append(rec.Found, C.GoString(C.mw_domain_record_found_get(r, j)))
		}
		out.Records = append(out.Records, rec)
	}
	for i := C.size_t(0); i < C.mw_domain_report_finding_count(rep); i++ {
		f := C.mw_domain_report_finding_get(rep, i) // borrowed from rep
		out.Findings = append(out.Findings, Finding{
			ID:       C.GoString(C.mw_domain_finding_id(f)),
			Severity: Severity(C.mw_domain_finding_severity(f)),
			Message:  C.GoString(C.mw_domain_finding_message(f)),
		})
	}
	var js *C.char
	var cerr *C.mw_error
	if err := errorFromC(C.mw_domain_report_to_json(&js, rep, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_string_free(js)
	out.JSON = C.GoString(js)
	return out, nil
}

// SPFOutcome is the outcome of one SPF check (mw_spf_outcome): its
// [SPFResult] and how it was reached.
type SPFOutcome struct {
	Result      SPFResult
	Domain      string // the domain checked (the sender's, or the HELO name)
	Explanation string // on fail: the exp= text or the default explanation
	Matched     string // the deciding mechanism as written; "" when none did
	Problem     string // none, temperror, permerror: why, in words
	Lookups     int    // terms counted against the limit of ten
	VoidLookups int    // terms whose query found nothing (limit two)
	JSON        string // the library's JSON form
}

// CheckSPF runs RFC 7208 check_host() for client ip sending as sender (""
// for the null sender: the HELO name is checked), blocking for the queries.
// DNS and record problems are results (temperror, permerror); the error
// matches [ErrInvalidArgument] when ip is not an IP address or r is closed.
func CheckSPF(r *Resolver, ip, sender, helo string) (*SPFOutcome, error) {
	var cs cStrings
	defer cs.free()
	cip := cs.str(ip, "ip")
	csender := cs.optional(sender, "sender")
	chelo := cs.optional(helo, "HELO name")
	if cs.err != nil {
		return nil, cs.err
	}
	var out *SPFOutcome
	err := r.use(func(res *C.mw_resolver) error {
		var o *C.mw_spf_outcome
		var cerr *C.mw_error
		if err := errorFromC(C.mw_spf_check(&o, res, cip, csender, chelo, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_spf_outcome_free(o)
		var js *C.char
		if err := errorFromC(C.mw_spf_outcome_to_json(&js, o, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_string_free(js)
		out = &SPFOutcome{
			Result:      SPFResult(C.mw_spf_outcome_result(o)),
			Domain:      C.GoString(C.mw_spf_outcome_domain(o)),
			Explanation: C.GoString(C.mw_spf_outcome_explanation(o)),
			Matched:     C.GoString(C.mw_spf_outcome_matched(o)),
			Problem:     C.GoString(C.mw_spf_outcome_problem(o)),
			Lookups:     int(C.mw_spf_outcome_lookups(o)),
			VoidLookups: int(C.mw_spf_outcome_void_lookups(o)),
			JSON:        C.GoString(js),
		}
		return nil
	})
	return out, err
}
