package mailwarden

// #include <stdlib.h>
// #include <mailwarden.h>
import "C"

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// BounceClass says whether a recipient should still be mailed.
type BounceClass int

// Bounce classes (MW_BOUNCE_*).
const (
	BounceNone BounceClass = C.MW_BOUNCE_NONE // not a failure: delivery, delay, complaint, auto-reply
	BounceSoft BounceClass = C.MW_BOUNCE_SOFT // a failure whose cause lies with the sender or the moment
	BounceHard BounceClass = C.MW_BOUNCE_HARD // the address itself cannot receive mail
)

// String returns the library's name ("none", "soft", "hard").
func (c BounceClass) String() string {
	return nameOr(C.mw_bounce_class_name(C.int(c)), "BounceClass", int(c))
}

// FeedbackKind is what a feedback document reports.
type FeedbackKind int

// Feedback kinds (MW_FEEDBACK_*).
const (
	FeedbackBounce    FeedbackKind = C.MW_FEEDBACK_BOUNCE
	FeedbackComplaint FeedbackKind = C.MW_FEEDBACK_COMPLAINT
	FeedbackDelivery  FeedbackKind = C.MW_FEEDBACK_DELIVERY
	FeedbackDelay     FeedbackKind = C.MW_FEEDBACK_DELAY
	FeedbackSend      FeedbackKind = C.MW_FEEDBACK_SEND
	FeedbackReject    FeedbackKind = C.MW_FEEDBACK_REJECT
	FeedbackAutoReply FeedbackKind = C.MW_FEEDBACK_AUTO_REPLY
	FeedbackOther     FeedbackKind = C.MW_FEEDBACK_OTHER
)

// String returns the library's name ("bounce", "complaint" ...).
func (k FeedbackKind) String() string {
	return nameOr(C.mw_feedback_kind_name(C.int(k)), "FeedbackKind", int(k))
}

// FeedbackFormat is what a feedback document was read as.
type FeedbackFormat int

// Feedback formats (MW_FEEDBACK_FORMAT_*).
const (
	FormatDSN             FeedbackFormat = C.MW_FEEDBACK_FORMAT_DSN
	FormatPlainBounce     FeedbackFormat = C.MW_FEEDBACK_FORMAT_PLAIN_BOUNCE
	FormatARF             FeedbackFormat = C.MW_FEEDBACK_FORMAT_ARF
	FormatAutoReply       FeedbackFormat = C.MW_FEEDBACK_FORMAT_AUTO_REPLY
	FormatSESNotification FeedbackFormat = C.MW_FEEDBACK_FORMAT_SES_NOTIFICATION
	FormatSESEvent        FeedbackFormat = C.MW_FEEDBACK_FORMAT_SES_EVENT
	FormatSNSEnvelope     FeedbackFormat = C.MW_FEEDBACK_FORMAT_SNS_ENVELOPE
	FormatMail            FeedbackFormat = C.MW_FEEDBACK_FORMAT_MAIL
)

// String returns the library's name ("dsn", "ses_notification" ...).
func (f FeedbackFormat) String() string {
	return nameOr(C.mw_feedback_format_name(C.int(f)), "FeedbackFormat", int(f))
}

// RecipientFeedback is one recipient's outcome.
type RecipientFeedback struct {
	Address           string
	OriginalRecipient string
	Class             BounceClass
	// Reason is a stable name: "user_unknown", "mailbox_full", "delivered" ...
	Reason string
	// Status is the enhanced status code ("5.1.1"); "" when unknown.
	Status string
	// SMTPCode is the reply code (550); 0 when unknown.
	SMTPCode   int
	Diagnostic string
	RemoteMTA  string
	Action     string
}

// Feedback is one classified document, copied out of the library.
type Feedback struct {
	Format           FeedbackFormat
	Kind             FeedbackKind
	EventType        string
	MessageID        string
	FeedbackID       string
	Timestamp        string
	Sender           string
	SESBounceType    string
	SESBounceSubtype string
	FeedbackType     string
	ReportingMTA     string
	SNSMessageID     string
	TopicARN         string
	IdempotencyKey   string
	Recipients       []RecipientFeedback
	// JSON is the library's JSON form (source "", format, kind, recipients).
	JSON string
}

// bytesData returns a pointer to b for a C call that reads len(b) bytes
// and keeps no pointer, or nil for an empty slice.
func bytesData(b []byte) *C.char {
	if len(b) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&b[0]))
}

// ParseFeedback classifies one document: SES JSON, an SNS envelope around it
// (NOT verified: see [SNSVerifier]), a DSN, a plain-text bounce, an ARF
// complaint or an auto-reply; NUL bytes included. A mail that is no bounce
// has FormatMail and FeedbackOther. Errors match ErrParse (empty, JSON that
// is not SES's) or ErrRange (over 16 MiB).
func ParseFeedback(document []byte) (Feedback, error) {
	var f *C.mw_feedback
	var cerr *C.mw_error
	if err := errorFromC(C.mw_feedback_parse(&f, bytesData(document), C.size_t(len(document)), &cerr), cerr); err != nil {
		return Feedback{}, err
	}
	defer C.mw_feedback_free(f)
	var js *C.char
	if err := errorFromC(C.mw_feedback_to_json(&js, f, nil, &cerr), cerr); err != nil {
		return Feedback{}, err
	}
	defer C.mw_string_free(js)
	out := Feedback{
		Format:           FeedbackFormat(C.mw_feedback_format(f)),
		Kind:             FeedbackKind(C.mw_feedback_kind(f)),
		EventType:        C.GoString(C.mw_feedback_event_type(f)),
		MessageID:        C.GoString(C.mw_feedback_message_id(f)),
		FeedbackID:       C.GoString(C.mw_feedback_feedback_id(f)),
		Timestamp:        C.GoString(C.mw_feedback_timestamp(f)),
		Sender:           C.GoString(C.mw_feedback_sender(f)),
		SESBounceType:    C.GoString(C.mw_feedback_ses_bounce_type(f)),
		SESBounceSubtype: C.GoString(C.mw_feedback_ses_bounce_subtype(f)),
		FeedbackType:     C.GoString(C.mw_feedback_feedback_type(f)),
		ReportingMTA:     C.GoString(C.mw_feedback_reporting_mta(f)),
		SNSMessageID:     C.GoString(C.mw_feedback_sns_message_id(f)),
		TopicARN:         C.GoString(C.mw_feedback_topic_arn(f)),
		IdempotencyKey:   C.GoString(C.mw_feedback_idempotency_key(f)),
		Recipients:       make([]RecipientFeedback, int(C.mw_feedback_recipient_count(f))),
		JSON:             C.GoString(js),
	}
	for i := range out.Recipients {
		r := C.mw_feedback_recipient_get(f, C.size_t(i))
		out.Recipients[i] = RecipientFeedback{
			Address:           C.GoString(C.mw_feedback_recipient_address(r)),
			OriginalRecipient: C.GoString(C.mw_feedback_recipient_original(r)),
			Class:             BounceClass(C.mw_feedback_recipient_class(r)),
			Reason:            C.GoString(C.mw_feedback_recipient_reason(r)),
			Status:            C.GoString(C.mw_feedback_recipient_status(r)),
			SMTPCode:          int(C.mw_feedback_recipient_smtp_code(r)),
			Diagnostic:        C.GoString(C.mw_feedback_recipient_diagnostic(r)),
			RemoteMTA:         C.GoString(C.mw_feedback_recipient_remote_mta(r)),
			Action:            C.GoString(C.mw_feedback_recipient_action(r)),
		}
	}
	return out, nil
}

// SNSConfig says what an [SNSVerifier] accepts besides a good signature.
type SNSConfig struct {
	// TopicARNs are the accepted topics, compared exactly; none accepts every topic.
	TopicARNs []string
	// TrustedRaw accepts a body that is not an envelope as a raw delivery:
	// only for channels the host trusts (nothing in it is signed).
	TrustedRaw bool
	// Certificates maps SigningCertURL to the PEM text SNS serves there. An
	// SNSVerifier fetches none itself; a FeedbackEndpoint fetches the others
	// unless told not to.
	Certificates map[string]string
}

// SNSEnvelope is a verified SNS delivery. Type is "Notification",
// "SubscriptionConfirmation", "UnsubscribeConfirmation" or "raw"; Message is
// the payload (for SES: its JSON document).
type SNSEnvelope struct {
	Type, MessageID, TopicARN, Subject, Message, Timestamp string
	SubscribeURL, Token, UnsubscribeURL                    string
}

// SNSRejectionError is the error of a delivery that a check refused. It
// unwraps to the *Error (matching ErrAuth for bad_signature, bad_cert_url
// and topic_not_allowed, ErrParse for unsupported_version, missing_field and
// not_an_envelope).
type SNSRejectionError struct {
	// Rejection names the check: "bad_signature", "topic_not_allowed" ...
	Rejection string
	Err       *Error
}

func (e *SNSRejectionError) Error() string { return e.Rejection + ": " + e.Err.Error() }

// Unwrap returns the library's error.
func (e *SNSRejectionError) Unwrap() error { return e.Err }

// withRejection wraps err in an *SNSRejectionError when an SNS check refused
// the delivery (rejection not "").
func withRejection(err error, rejection string) error {
	if mwErr, ok := err.(*Error); ok && rejection != "" {
		return &SNSRejectionError{Rejection: rejection, Err: mwErr}
	}
	return err
}

// SNSVerifier checks SNS deliveries: the envelope, the signature version,
// the SigningCertURL, the topic, then the signature. It may be used from any
// number of goroutines; release it with Close.
type SNSVerifier struct {
	ptr unsafe.Pointer // the *C.mw_sns_verifier; nil once closed
}

// NewSNSVerifier makes a verifier. Errors match ErrInvalidArgument (an
// empty topic, URL or PEM).
func NewSNSVerifier(cfg SNSConfig) (*SNSVerifier, error) {
	opts, err := snsOptions(cfg)
	if err != nil {
		return nil, err
	}
	defer C.mw_sns_options_free(opts)
	var ptr *C.mw_sns_verifier
	var cerr *C.mw_error
	if err := errorFromC(C.mw_sns_verifier_open(&ptr, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	v := &SNSVerifier{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(v, func(v *SNSVerifier) { v.free() })
	return v, nil
}

// snsOptions makes the mw_sns_options of cfg; the caller frees them.
func snsOptions(cfg SNSConfig) (*C.mw_sns_options, error) {
	var opts *C.mw_sns_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_sns_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	var cs cStrings
	defer cs.free()
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int { return C.mw_sns_options_set_trusted_raw(opts, cBool(cfg.TrustedRaw), e) },
	}
	for _, arn := range cfg.TopicARNs {
		a := cs.str(arn, "topic ARN")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_sns_options_add_topic_arn(opts, a, e) })
	}
	for url, pem := range cfg.Certificates {
		u, p := cs.str(url, "certificate URL"), cs.str(pem, "certificate PEM")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_sns_options_add_certificate(opts, u, p, e) })
	}
	err := cs.err
	if err == nil {
		err = applySettings(settings)
	}
	if err != nil {
		C.mw_sns_options_free(opts)
		return nil, err
	}
	return opts, nil
}

// Close releases the verifier; idempotent, safe from any goroutine.
func (v *SNSVerifier) Close() error {
	if v == nil {
		return nil
	}
	v.free()
	runtime.SetFinalizer(v, nil)
	return nil
}

func (v *SNSVerifier) free() {
	if p := (*C.mw_sns_verifier)(atomic.SwapPointer(&v.ptr, nil)); p != nil {
		C.mw_sns_verifier_free(p)
	}
}

func (v *SNSVerifier) call(fn func(*C.mw_sns_verifier) error) error {
	if v == nil {
		return errClosed("SNS verifier")
	}
	p := (*C.mw_sns_verifier)(atomic.LoadPointer(&v.ptr))
	if p == nil {
		return errClosed("SNS verifier")
	}
	err := fn(p)
	runtime.KeepAlive(v)
	return err
}

// AddCertificate supplies the PEM certificate SNS serves at url.
func (v *SNSVerifier) AddCertificate(url, pem string) error {
	var cs cStrings
	defer cs.free()
	u, p := cs.str(url, "URL"), cs.str(pem, "PEM")
	if cs.err != nil {
		return cs.err
	}
	return v.call(func(h *C.mw_sns_verifier) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_sns_verifier_add_certificate(h, u, p, &cerr), cerr)
	})
}

// Verify returns the envelope of a delivery that passes every check. A
// refused delivery is an *SNSRejectionError; a certificate that was not
// supplied matches ErrNotFound.
func (v *SNSVerifier) Verify(body []byte) (SNSEnvelope, error) {
	var out SNSEnvelope
	err := v.call(func(h *C.mw_sns_verifier) error {
		var e *C.mw_sns_envelope
		var cerr *C.mw_error
		status := C.mw_sns_verify(&e, h, bytesData(body), C.size_t(len(body)), &cerr)
		rejection := C.GoString(C.mw_sns_rejection_name(cerr))
		if err := errorFromC(status, cerr); err != nil {
			return withRejection(err, rejection)
		}
		defer C.mw_sns_envelope_free(e)
		out = envelopeFromC(e)
		return nil
	})
	return out, err
}

func envelopeFromC(e *C.mw_sns_envelope) SNSEnvelope {
	return SNSEnvelope{
		Type:           C.GoString(C.mw_sns_envelope_type(e)),
		MessageID:      C.GoString(C.mw_sns_envelope_message_id(e)),
		TopicARN:       C.GoString(C.mw_sns_envelope_topic_arn(e)),
		Subject:        C.GoString(C.mw_sns_envelope_subject(e)),
		Message:        C.GoString(C.mw_sns_envelope_message(e)),
		Timestamp:      C.GoString(C.mw_sns_envelope_timestamp(e)),
		SubscribeURL:   C.GoString(C.mw_sns_envelope_subscribe_url(e)),
		Token:          C.GoString(C.mw_sns_envelope_token(e)),
		UnsubscribeURL: C.GoString(C.mw_sns_envelope_unsubscribe_url(e)),
	}
}

// unixOrZero is the time of seconds since the epoch, or the zero time for 0.
func unixOrZero(seconds C.int64_t) time.Time {
	if seconds == 0 {
		return time.Time{}
	}
	return time.Unix(int64(seconds), 0).UTC()
}
