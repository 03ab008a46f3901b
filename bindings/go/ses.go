package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"encoding/json"
	"math"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// SESConfig describes an [SESClient]. The zero value of every field means the
// library default, so SESConfig{} talks to Amazon SES in the region of the
// environment with credentials from the default chain.
type SESConfig struct {
	// Region is "eu-west-1" and so on; "" takes AWS_REGION,
	// AWS_DEFAULT_REGION or the profile's region.
	Region string
	// Endpoint is the service URL; "" means https://email.<region>.amazonaws.com.
	// http:// URLs need AllowPlaintext.
	Endpoint string
	// AllowPlaintext allows http:// endpoints: local test servers only.
	AllowPlaintext bool
	// CAFile is a PEM file of trusted roots; "" means the system store.
	CAFile string
	// AccessKeyID and SecretAccessKey (and the optional SessionToken) are
	// explicit credentials. Left empty, each call reads the default chain:
	// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, then ~/.aws files.
	AccessKeyID, SecretAccessKey, SessionToken string
	// MaxAttempts per call including the first, 1..10; 0 means 3.
	MaxAttempts int
	// RetryNonIdempotent also retries a send whose outcome is unknown (the
	// request may have reached SES): the message may then go out twice.
	RetryNonIdempotent bool
	// DisableRateLimit turns off the pacing of sends at the account's
	// MaxSendRate.
	DisableRateLimit bool
	// MaxSendRate is the messages per second to pace at instead of asking
	// GetAccount; 0 asks.
	MaxSendRate float64
}

// SESIdentity is an email identity (address or domain) as SES reported it.
type SESIdentity struct {
	// Name is the address or domain.
	Name string
	// Type is "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN".
	Type string
	// VerificationStatus is "PENDING", "SUCCESS", "FAILED",
	// "TEMPORARY_FAILURE", "NOT_STARTED" or "UNKNOWN".
	VerificationStatus string
	// VerifiedForSending is true when SES lets the identity send.
	VerifiedForSending bool
	// DKIMTokens are the Easy DKIM tokens of a domain: publish
	// <token>._domainkey.<domain> CNAMEs.
	DKIMTokens []string
	// MailFromDomain is the custom MAIL FROM domain; "" when the identity
	// uses SES's own.
	MailFromDomain string
	// MailFromStatus is the MAIL FROM domain's status: "PENDING", "SUCCESS",
	// "FAILED", "TEMPORARY_FAILURE" or "UNKNOWN" (also without a custom
	// domain).
	MailFromStatus string
	// MailFromBehavior is "USE_DEFAULT_VALUE" or "REJECT_MESSAGE" as SES
	// reports it; "" when absent.
	MailFromBehavior string
	// JSON is everything the library knows about the identity (dkim,
	// mail_from, configuration_set ...), as mw_ses_identity_to_json gives it.
	JSON json.RawMessage
}

// SESIdentitySummary is one identity of a ListEmailIdentities page, without
// its DKIM or MAIL FROM details ([SESClient.GetIdentity] has those).
type SESIdentitySummary struct {
	Name               string
	Type               string // "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN"
	VerificationStatus string // as in SESIdentity
	SendingEnabled     bool   // SES lets the identity send
}

// SESIdentityPage is one page of ListEmailIdentities.
type SESIdentityPage struct {
	Identities []SESIdentitySummary
	// NextToken is passed to [SESClient.ListIdentities] for the next page;
	// "" on the last page.
	NextToken string
}

// MXFailureBehavior is what SES does with a message when the MX record of
// the custom MAIL FROM domain is missing (BehaviorOnMxFailure).
type MXFailureBehavior int

const (
	// MXFailureUseDefaultValue (MW_SES_MX_FAILURE_USE_DEFAULT_VALUE) sends
	// with SES's own MAIL FROM (amazonses.com).
	MXFailureUseDefaultValue MXFailureBehavior = C.MW_SES_MX_FAILURE_USE_DEFAULT_VALUE
	// MXFailureRejectMessage (MW_SES_MX_FAILURE_REJECT_MESSAGE) refuses the
	// message (MailFromDomainNotVerified).
	MXFailureRejectMessage MXFailureBehavior = C.MW_SES_MX_FAILURE_REJECT_MESSAGE
)

// String returns "USE_DEFAULT_VALUE" or "REJECT_MESSAGE".
func (b MXFailureBehavior) String() string {
	switch b {
	case MXFailureUseDefaultValue:
		return "USE_DEFAULT_VALUE"
	case MXFailureRejectMessage:
		return "REJECT_MESSAGE"
	}
	return "UNKNOWN"
}

// SESCustomVerificationTemplate is a custom verification email template for
// [SESClient.CreateCustomVerificationEmailTemplate]. Every field is required.
type SESCustomVerificationTemplate struct {
	Name       string // identifies the template
	From       string // a verified address to send it from
	Subject    string
	HTML       string // the body; SES puts the verification link in it
	SuccessURL string // where the recipient lands after a successful click
	FailureURL string // where the recipient lands when verification fails
}

// SESAccount is the sending quota and state of the account (GetAccount).
type SESAccount struct {
	MaxSendRate     float64 // messages per second
	Max24HourSend   float64
	SentLast24Hours float64
	SendingEnabled  bool
}

// SuppressionReason says why an address is on the suppression list.
type SuppressionReason int

const (
	// SuppressionBounce is MW_SES_SUPPRESSION_BOUNCE.
	SuppressionBounce SuppressionReason = C.MW_SES_SUPPRESSION_BOUNCE
	// SuppressionComplaint is MW_SES_SUPPRESSION_COMPLAINT.
	SuppressionComplaint SuppressionReason = C.MW_SES_SUPPRESSION_COMPLAINT
)

// String returns "BOUNCE" or "COMPLAINT".
func (r SuppressionReason) String() string {
	switch r {
	case SuppressionBounce:
		return "BOUNCE"
	case SuppressionComplaint:
		return "COMPLAINT"
	}
	return "UNKNOWN"
}

// SuppressedDestination is an address on the account's suppression list.
type SuppressedDestination struct {
	Address        string
	Reason         SuppressionReason
	LastUpdateTime time.Time // UTC, to the second
}

// SuppressionPage is one page of ListSuppressedDestinations.
type SuppressionPage struct {
	Destinations []SuppressedDestination
	// NextToken is passed to [SESClient.ListSuppressedDestinations] for the
	// next page; "" on the last page.
	NextToken string
}

// SESMessage is an email for [SESClient.SendEmail]: either Raw, a complete
// RFC 5322 message (From, DisplayName and To optional; Subject, Text and HTML
// empty), or From, at least one To, Subject and Text and/or HTML.
type SESMessage struct {
	From        string
	DisplayName string // quoted and encoded as needed
	To          []string
	Subject     string
	Text, HTML  string
	Raw         string
}

// SESClient calls Amazon SES v2 (or a compatible local server): signed with
// SigV4, over keep-alive HTTPS, retried on throttling and transient failures,
// sends paced at MaxSendRate. Errors match [ErrNotFound], [ErrAlreadyExists],
// [ErrInvalidArgument] (bad request, message rejected, bad configuration),
// [ErrNotVerified] (MAIL FROM domain not verified), [ErrSuspended] (account
// suspended, sending paused), [ErrTimedOut], [ErrParse], [ErrAuth] (access
// denied, signature refused, no credentials), [ErrCancelled] or
// [ErrTransport] (everything else: throttled after the last attempt, a
// quota, a connection or TLS failure, a 5xx ...). The [Error] carries what
// SES said: ServiceCode ("MessageRejected", "Throttling" ...), HTTPStatus,
// RequestID, Attempts, Retryable and OutcomeUnknown; its message never
// names credentials.
//
// An SESClient may be used from any number of goroutines at once, and closed
// while calls run on other goroutines: they finish, and the library frees
// the client after the last of them (and after the last registry opened
// over it). Calls started after Close fail with an error matching
// ErrInvalidArgument.
type SESClient struct {
	ptr unsafe.Pointer // the *C.mw_ses_client; nil once closed
}

// OpenSESClient makes a client; nothing is sent yet. Errors match
// ErrInvalidArgument (a bad endpoint, http:// not allowed, no region, a bad
// option value such as a key id without its secret).
func OpenSESClient(cfg SESConfig) (*SESClient, error) {
	var cs cStrings
	defer cs.free()
	region := cs.optional(cfg.Region, "region")
	endpoint := cs.optional(cfg.Endpoint, "endpoint")
	caFile := cs.optional(cfg.CAFile, "CA file")
	keyID := cs.optional(cfg.AccessKeyID, "access key id")
	secret := cs.optional(cfg.SecretAccessKey, "secret access key")
	token := cs.optional(cfg.SessionToken, "session token")
	if cs.err != nil {
		return nil, cs.err
	}

	var opts *C.mw_ses_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_ses_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_ses_options_free(opts)
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int { return C.mw_ses_options_set_region(opts, region, e) },
		func(e **C.mw_error) C.int { return C.mw_ses_options_set_endpoint(opts, endpoint, e) },
		func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_allow_plaintext(opts, cBool(cfg.AllowPlaintext), e)
		},
		func(e **C.mw_error) C.int { return C.mw_ses_options_set_ca_file(opts, caFile, e) },
		func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_retry_non_idempotent(opts, cBool(cfg.RetryNonIdempotent), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_rate_limit(opts, cBool(!cfg.DisableRateLimit), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_max_send_rate(opts, C.double(cfg.MaxSendRate), e)
		},
	}
	if keyID != nil || secret != nil || token != nil {
		// The library refuses a key id without its secret and the reverse.
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_credentials(opts, keyID, secret, token, e)
		})
	}
	if cfg.MaxAttempts != 0 {
		attempts := cfg.MaxAttempts
		if attempts < 0 || attempts > math.MaxInt32 {
			attempts = -1 // the library refuses it with its own message
		}
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_ses_options_set_max_attempts(opts, C.int(attempts), e)
		})
	}
	if err := applySettings(settings); err != nil {
		return nil, err
	}
	var ptr *C.mw_ses_client
	if err := errorFromC(C.mw_ses_client_open(&ptr, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	c := &SESClient{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(c, (*SESClient).free)
	return c, nil
}

// Close releases the client. Calls running on other goroutines finish, and
// registries opened over it keep using it; its connections close when the
// last of them is gone. It is idempotent, safe from any goroutine, and
// always returns nil.
func (c *SESClient) Close() error {
	if c == nil {
		return nil
	}
	c.free()
	runtime.SetFinalizer(c, nil)
	return nil
}

// free releases the library's handle once; it is also the finalizer.
func (c *SESClient) free() {
	if p := (*C.mw_ses_client)(atomic.SwapPointer(&c.ptr, nil)); p != nil {
		C.mw_ses_client_free(p)
	}
}

// call runs fn with the live handle. A Close racing with fn is safe: the
// library holds the client for the duration of each call, and a call on a
// freed handle fails with MW_EINVAL.
func (c *SESClient) call(fn func(*C.mw_ses_client) error) error {
	if c == nil {
		return errClosed("SES client")
	}
	p := (*C.mw_ses_client)(atomic.LoadPointer(&c.ptr))
	if p == nil {
		return errClosed("SES client")
	}
	err := fn(p)
	runtime.KeepAlive(c)
	return err
}

func identityFromC(p *C.mw_ses_identity) (SESIdentity, error) {
	id := SESIdentity{
		Name:               C.GoString(C.mw_ses_identity_name(p)),
		Type:               C.GoString(C.mw_ses_identity_type(p)),
		VerificationStatus: C.GoString(C.mw_ses_identity_verification_status(p)),
		VerifiedForSending: C.mw_ses_identity_verified_for_sending(p) != 0,
		MailFromDomain:     C.GoString(C.mw_ses_identity_mail_from_domain(p)),
		MailFromStatus:     C.GoString(C.mw_ses_identity_mail_from_status(p)),
		MailFromBehavior:   C.GoString(C.mw_ses_identity_mail_from_behavior(p)),
	}
	n := C.mw_ses_identity_dkim_token_count(p)
	for i := C.size_t(0); i < n; i++ {
		id.DKIMTokens = append(id.DKIMTokens, C.GoString(C.mw_ses_identity_dkim_token_get(p, i)))
	}
	var js *C.char
	var cerr *C.mw_error
	if err := errorFromC(C.mw_ses_identity_to_json(&js, p, &cerr), cerr); err != nil {
		return SESIdentity{}, err
	}
	defer C.mw_string_free(js)
	id.JSON = json.RawMessage(C.GoString(js))
	return id, nil
}

type identityFn func(**C.mw_ses_identity, *C.mw_ses_client, *C.char, **C.mw_error) C.int

func (c *SESClient) identityCall(name string, fn identityFn) (SESIdentity, error) {
	var cs cStrings
	defer cs.free()
	n := cs.str(name, "identity")
	if cs.err != nil {
		return SESIdentity{}, cs.err
	}
	var out SESIdentity
	err := c.call(func(p *C.mw_ses_client) error {
		var id *C.mw_ses_identity
		var cerr *C.mw_error
		if err := errorFromC(fn(&id, p, n, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_ses_identity_free(id)
		var err error
		out, err = identityFromC(id)
		return err
	})
	return out, err
}

// CreateIdentity creates an email identity: an address gets a verification
// mail, a domain its DKIM tokens. Errors match ErrAlreadyExists,
// ErrInvalidArgument, ErrTransport ...
func (c *SESClient) CreateIdentity(identity string) (SESIdentity, error) {
	return c.identityCall(identity, func(o **C.mw_ses_identity, p *C.mw_ses_client, n *C.char, e **C.mw_error) C.int {
		return C.mw_ses_create_identity(o, p, n, e)
	})
}

// GetIdentity reports an identity. Errors match ErrNotFound, ErrTransport ...
func (c *SESClient) GetIdentity(identity string) (SESIdentity, error) {
	return c.identityCall(identity, func(o **C.mw_ses_identity, p *C.mw_ses_client, n *C.char, e **C.mw_error) C.int {
		return C.mw_ses_get_identity(o, p, n, e)
	})
}

// addressCall runs a C function taking (client, string, ...).
func (c *SESClient) addressCall(value, what string, fn func(*C.mw_ses_client, *C.char, **C.mw_error) C.int) error {
	var cs cStrings
	defer cs.free()
	v := cs.str(value, what)
	if cs.err != nil {
		return cs.err
	}
	return c.call(func(p *C.mw_ses_client) error {
		var cerr *C.mw_error
		return errorFromC(fn(p, v, &cerr), cerr)
	})
}

// DeleteIdentity deletes an identity. Errors match ErrNotFound, ErrTransport ...
func (c *SESClient) DeleteIdentity(identity string) error {
	return c.addressCall(identity, "identity", func(p *C.mw_ses_client, v *C.char, e **C.mw_error) C.int {
		return C.mw_ses_delete_identity(p, v, e)
	})
}

// pageSizeForC passes a page size the library can judge: one out of range
// (including one too large for a C int) becomes -1, which it refuses with
// its own message.
func pageSizeForC(pageSize int) C.int {
	if pageSize < 0 || pageSize > C.MW_SES_MAX_PAGE_SIZE {
		return -1
	}
	return C.int(pageSize)
}

// ListIdentities returns one page of the account's identities (ListEmailIdentities):
// at most pageSize (1..1000; 0 lets SES choose), starting at nextToken ("" for
// the first page, else the NextToken of the page before). Errors match
// ErrInvalidArgument (a page size out of range, a token SES refuses),
// ErrTransport ...
func (c *SESClient) ListIdentities(pageSize int, nextToken string) (SESIdentityPage, error) {
	var cs cStrings
	defer cs.free()
	token := cs.optional(nextToken, "next token")
	if cs.err != nil {
		return SESIdentityPage{}, cs.err
	}
	var out SESIdentityPage
	err := c.call(func(p *C.mw_ses_client) error {
		var page *C.mw_ses_identity_page
		var cerr *C.mw_error
		if err := errorFromC(C.mw_ses_list_identities(&page, p, pageSizeForC(pageSize), token, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_ses_identity_page_free(page)
		n := C.mw_ses_identity_page_count(page)
		out.Identities = make([]SESIdentitySummary, 0, int(n))
		for i := C.size_t(0); i < n; i++ {
			id := C.mw_ses_identity_page_get(page, i) // borrowed from page
			out.Identities = append(out.Identities, SESIdentitySummary{
				Name:               C.GoString(C.mw_ses_identity_name(id)),
				Type:               C.GoString(C.mw_ses_identity_type(id)),
				VerificationStatus: C.GoString(C.mw_ses_identity_verification_status(id)),
				SendingEnabled:     C.mw_ses_identity_verified_for_sending(id) != 0,
			})
		}
		out.NextToken = C.GoString(C.mw_ses_identity_page_next_token(page))
		return nil
	})
	return out, err
}

// PutIdentityMailFrom makes identity send with mailFromDomain (a subdomain of
// a verified domain, e.g. "bounce.iana.org") as its MAIL FROM; "" goes back
// to SES's own. GetIdentity then reports it (MailFromDomain, MailFromStatus,
// MailFromBehavior). Errors match ErrNotFound (no such identity),
// ErrInvalidArgument (an empty identity, another behaviour), ErrTransport ...
func (c *SESClient) PutIdentityMailFrom(identity, mailFromDomain string, behavior MXFailureBehavior) error {
	var cs cStrings
	defer cs.free()
	domain := cs.optional(mailFromDomain, "MAIL FROM domain")
	if cs.err != nil {
		return cs.err
	}
	b := C.int(behavior)
	if behavior != MXFailureUseDefaultValue && behavior != MXFailureRejectMessage {
		b = -1 // the library refuses it with its own message (and no truncation can make it valid)
	}
	return c.addressCall(identity, "identity", func(p *C.mw_ses_client, v *C.char, e **C.mw_error) C.int {
		return C.mw_ses_put_identity_mail_from(p, v, domain, b, e)
	})
}

// SendEmail sends m and returns the SES message id; sends are paced at the
// account's MaxSendRate unless DisableRateLimit. Errors match
// ErrInvalidArgument (missing arguments, MessageRejected), ErrTimedOut or
// ErrTransport ...; an [Error] with OutcomeUnknown set means the mail may or
// may not have gone out (retrying may send it twice).
func (c *SESClient) SendEmail(m SESMessage) (string, error) {
	var cs cStrings
	defer cs.free()
	from := cs.optional(m.From, "from")
	display := cs.optional(m.DisplayName, "display name")
	var subject, text, html, raw *C.char
	if m.Raw != "" {
		raw = cs.str(m.Raw, "raw message")
		subject, text, html = cs.optional(m.Subject, "subject"), cs.optional(m.Text, "text"), cs.optional(m.HTML, "html")
	} else {
		subject = cs.str(m.Subject, "subject")
		text, html = cs.optional(m.Text, "text"), cs.optional(m.HTML, "html")
	}
	// A Go slice holding C pointers only may be passed to C.
	to := make([]*C.char, len(m.To))
	for i, addr := range m.To {
		to[i] = cs.str(addr, "recipient")
	}
	if cs.err != nil {
		return "", cs.err
	}
	var toPtr **C.char
	if len(to) > 0 {
		toPtr = &to[0]
	}
	var id string
	err := c.call(func(p *C.mw_ses_client) error {
		var out *C.char
		var cerr *C.mw_error
		status := C.mw_ses_send_email(&out, p, from, display, toPtr, C.size_t(len(to)), subject, text, html, raw, &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return err
		}
		defer C.mw_string_free(out)
		id = C.GoString(out)
		return nil
	})
	return id, err
}

// GetAccount reports the sending quota and whether sending is enabled.
func (c *SESClient) GetAccount() (SESAccount, error) {
	var a SESAccount
	err := c.call(func(p *C.mw_ses_client) error {
		var rate, max24, sent C.double
		var enabled C.int
		var cerr *C.mw_error
		if err := errorFromC(C.mw_ses_get_account(&rate, &max24, &sent, &enabled, p, &cerr), cerr); err != nil {
			return err
		}
		a = SESAccount{float64(rate), float64(max24), float64(sent), enabled != 0}
		return nil
	})
	return a, err
}

// PutSuppressedDestination puts address on the account's suppression list.
func (c *SESClient) PutSuppressedDestination(address string, reason SuppressionReason) error {
	return c.addressCall(address, "address", func(p *C.mw_ses_client, v *C.char, e **C.mw_error) C.int {
		return C.mw_ses_put_suppressed_destination(p, v, C.int(reason), e)
	})
}

// destinationFromC copies a suppression list entry (owned or borrowed; the
// caller keeps ownership).
func destinationFromC(d *C.mw_ses_suppressed_destination) SuppressedDestination {
	return SuppressedDestination{
		Address:        C.GoString(C.mw_ses_suppressed_destination_address(d)),
		Reason:         SuppressionReason(C.mw_ses_suppressed_destination_reason(d)),
		LastUpdateTime: time.Unix(int64(C.mw_ses_suppressed_destination_last_update_time(d)), 0).UTC(),
	}
}

// GetSuppressedDestination reports a suppressed address. Errors match
// ErrNotFound when it is not on the list.
func (c *SESClient) GetSuppressedDestination(address string) (SuppressedDestination, error) {
	var out SuppressedDestination
	err := c.addressCall(address, "address", func(p *C.mw_ses_client, v *C.char, e **C.mw_error) C.int {
		var d *C.mw_ses_suppressed_destination
		status := C.mw_ses_get_suppressed_destination(&d, p, v, e)
		if status == C.MW_OK {
			out = destinationFromC(d)
			C.mw_ses_suppressed_destination_free(d)
		}
		return status
	})
	if err != nil {
		return SuppressedDestination{}, err
	}
	return out, nil
}

// DeleteSuppressedDestination removes address from the suppression list.
// Errors match ErrNotFound when it is not on the list.
func (c *SESClient) DeleteSuppressedDestination(address string) error {
	return c.addressCall(address, "address", func(p *C.mw_ses_client, v *C.char, e **C.mw_error) C.int {
		return C.mw_ses_delete_suppressed_destination(p, v, e)
	})
}

// ListSuppressedDestinations returns one page of the account's suppression
// list: at most pageSize (1..1000; 0 lets SES choose), starting at nextToken
// ("" for the first page, else the NextToken of the page before). Errors
// match ErrInvalidArgument (a page size out of range, a token SES refuses),
// ErrTransport ...
func (c *SESClient) ListSuppressedDestinations(pageSize int, nextToken string) (SuppressionPage, error) {
	var cs cStrings
	defer cs.free()
	token := cs.optional(nextToken, "next token")
	if cs.err != nil {
		return SuppressionPage{}, cs.err
	}
	var out SuppressionPage
	err := c.call(func(p *C.mw_ses_client) error {
		var page *C.mw_ses_suppression_page
		var cerr *C.mw_error
		status := C.mw_ses_list_suppressed_destinations(&page, p, pageSizeForC(pageSize), token, &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return err
		}
		defer C.mw_ses_suppression_page_free(page)
		n := C.mw_ses_suppression_page_count(page)
		out.Destinations = make([]SuppressedDestination, 0, int(n))
		for i := C.size_t(0); i < n; i++ {
			out.Destinations = append(out.Destinations, destinationFromC(C.mw_ses_suppression_page_get(page, i)))
		}
		out.NextToken = C.GoString(C.mw_ses_suppression_page_next_token(page))
		return nil
	})
	return out, err
}

// CreateCustomVerificationEmailTemplate stores t: the verification mail SES
// sends when [SESClient.SendCustomVerificationEmail] names it. Errors match
// ErrAlreadyExists (a template of that name exists), ErrInvalidArgument (an
// empty field, refused by SES), ErrTransport ...
func (c *SESClient) CreateCustomVerificationEmailTemplate(t SESCustomVerificationTemplate) error {
	var cs cStrings
	defer cs.free()
	name := cs.str(t.Name, "template name")
	from := cs.str(t.From, "from")
	subject := cs.str(t.Subject, "subject")
	html := cs.str(t.HTML, "HTML")
	success := cs.str(t.SuccessURL, "success URL")
	failure := cs.str(t.FailureURL, "failure URL")
	if cs.err != nil {
		return cs.err
	}
	return c.call(func(p *C.mw_ses_client) error {
		var cerr *C.mw_error
		status := C.mw_ses_create_custom_verification_email_template(p, name, from, subject, html, success, failure, &cerr)
		return errorFromC(status, cerr)
	})
}

// SendCustomVerificationEmail adds address as an identity (if it is not one)
// and sends it the verification mail of templateName; configurationSet may
// be "". It returns the SES message id. Like SendEmail it is not retried
// after a failure that may have reached SES unless RetryNonIdempotent.
// Errors match ErrNotFound (no such template), ErrInvalidArgument,
// ErrTimedOut, ErrTransport ...
func (c *SESClient) SendCustomVerificationEmail(address, templateName, configurationSet string) (string, error) {
	var cs cStrings
	defer cs.free()
	addr := cs.str(address, "address")
	name := cs.str(templateName, "template name")
	set := cs.optional(configurationSet, "configuration set")
	if cs.err != nil {
		return "", cs.err
	}
	var id string
	err := c.call(func(p *C.mw_ses_client) error {
		var out *C.char
		var cerr *C.mw_error
		if err := errorFromC(C.mw_ses_send_custom_verification_email(&out, p, addr, name, set, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_string_free(out)
		id = C.GoString(out)
		return nil
	})
	return id, err
}
