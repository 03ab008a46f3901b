package mailwarden

/*
#include <stdlib.h>
#include <mailwarden.h>
*/
import "C"

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

// EndpointConfig says how a [FeedbackEndpoint] treats deliveries.
type EndpointConfig struct {
	// SNS is the topic allow-list, raw deliveries and certificates supplied.
	SNS SNSConfig
	// NoCertificateFetch uses only SNS.Certificates: a delivery signed with
	// another certificate is answered 503. By default the others are fetched
	// over HTTPS (an SNS host, TLS verified) and kept by URL.
	NoCertificateFetch bool
	// AutoConfirm confirms subscriptions to allow-listed topics by visiting
	// their SubscribeURL; it needs SNS.TopicARNs. Otherwise the outcome's
	// envelope carries the SubscribeURL and the host decides.
	AutoConfirm bool
	// Account is the account the feedback is booked to; "" as [Tracker.Ingest].
	Account string
	// CAFile holds the TLS roots for fetches and confirmations; "" the system's.
	CAFile string
}

// FeedbackOutcome is what one delivery came to. HTTPStatus is the status to
// answer SNS with: 200 taken (or taken before, or a (un)subscription), 400 a
// body the endpoint cannot read, 403 one not to be trusted, 500 or 503 a
// failure on this side (SNS delivers again later). Envelope is set once the
// delivery is verified, Report when a notification was committed, Err when
// HTTPStatus is not 200 (an *SNSRejectionError when an SNS check refused it).
type FeedbackOutcome struct {
	HTTPStatus int
	Message    string
	Confirmed  bool
	Envelope   *SNSEnvelope
	Report     *IngestReport
	Err        error
}

// FeedbackEndpoint is the handler a web server's SNS route calls: the POST
// body goes in, it is verified, its SES notification classified and
// committed to the tracker, and the outcome says what to answer. It keeps
// the tracker open itself. Safe for any number of goroutines; release it
// with Close.
type FeedbackEndpoint struct {
	ptr unsafe.Pointer // the *C.mw_feedback_endpoint; nil once closed
}

// NewFeedbackEndpoint makes an endpoint over tracker. Errors match
// ErrInvalidArgument (a closed tracker, an empty topic, URL or PEM,
// AutoConfirm without TopicARNs).
func NewFeedbackEndpoint(tracker *Tracker, cfg EndpointConfig) (*FeedbackEndpoint, error) {
	sns, err := snsOptions(cfg.SNS)
	if err != nil {
		return nil, err
	}
	defer C.mw_sns_options_free(sns)
	var opts *C.mw_endpoint_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_endpoint_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_endpoint_options_free(opts)
	var cs cStrings
	defer cs.free()
	account, caFile := cs.optional(cfg.Account, "account"), cs.optional(cfg.CAFile, "CA file")
	if cs.err != nil {
		return nil, cs.err
	}
	if err := applySettings([]func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int { return C.mw_endpoint_options_set_account(opts, account, e) },
		func(e **C.mw_error) C.int { return C.mw_endpoint_options_set_ca_file(opts, caFile, e) },
		func(e **C.mw_error) C.int {
			return C.mw_endpoint_options_set_auto_confirm(opts, cBool(cfg.AutoConfirm), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_endpoint_options_set_fetch_certificates(opts, cBool(!cfg.NoCertificateFetch), e)
		},
	}); err != nil {
		return nil, err
	}
	var ptr *C.mw_feedback_endpoint
	err = tracker.call(func(t *C.mw_tracker) error {
		return errorFromC(C.mw_feedback_endpoint_open(&ptr, t, sns, opts, &cerr), cerr)
	})
	if err != nil {
		return nil, err
	}
	e := &FeedbackEndpoint{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(e, func(e *FeedbackEndpoint) { e.free() })
	return e, nil
}

// Close releases the endpoint; calls running on other goroutines finish.
// Idempotent; always returns nil.
func (e *FeedbackEndpoint) Close() error {
	if e == nil {
		return nil
	}
	e.free()
	runtime.SetFinalizer(e, nil)
	return nil
}

func (e *FeedbackEndpoint) free() {
	if p := (*C.mw_feedback_endpoint)(atomic.SwapPointer(&e.ptr, nil)); p != nil {
		C.mw_feedback_endpoint_free(p)
	}
}

// Handle takes one POST body. Refusals and store failures are in the
// outcome; the error is only for a closed endpoint (ErrInvalidArgument).
func (e *FeedbackEndpoint) Handle(body []byte) (FeedbackOutcome, error) {
	if e == nil {
		return FeedbackOutcome{}, errClosed("feedback endpoint")
	}
	p := (*C.mw_feedback_endpoint)(atomic.LoadPointer(&e.ptr))
	if p == nil {
		return FeedbackOutcome{}, errClosed("feedback endpoint")
	}
	var out *C.mw_feedback_outcome
	var cerr *C.mw_error
	status := C.mw_feedback_endpoint_handle(&out, p, bytesData(body), C.size_t(len(body)), &cerr)
	runtime.KeepAlive(body)
	runtime.KeepAlive(e)
	if err := errorFromC(status, cerr); err != nil {
		return FeedbackOutcome{}, err
	}
	defer C.mw_feedback_outcome_free(out)
	return outcomeFromC(out), nil
}

func outcomeFromC(out *C.mw_feedback_outcome) FeedbackOutcome {
	o := FeedbackOutcome{
		HTTPStatus: int(C.mw_feedback_outcome_http_status(out)),
		Message:    C.GoString(C.mw_feedback_outcome_message(out)),
		Confirmed:  C.mw_feedback_outcome_confirmed(out) != 0,
	}
	if env := C.mw_feedback_outcome_envelope(out); env != nil {
		v := envelopeFromC(env)
		o.Envelope = &v
	}
	if report := C.mw_feedback_outcome_report(out); report != nil {
		v := ingestReportFromC(report)
		o.Report = &v
	}
	if cerr := C.mw_feedback_outcome_error(out); cerr != nil {
		o.Err = withRejection(errorOf(C.mw_error_code(cerr), cerr), C.GoString(C.mw_sns_rejection_name(cerr)))
	}
	return o
}
