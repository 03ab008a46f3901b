package mailwarden

/*
#include <stdint.h>
#include <stdlib.h>
#include <mailwarden.h>

extern void mwGoTrackerStatus(mw_status_change *change, uintptr_t key);

// The mw_tracker_status_fn handed to the library: user_data carries the
// subscription's key (an integer), never a Go pointer.
static void mw_go_tracker_status(const mw_status_change *change, void *user_data) {
	mwGoTrackerStatus((mw_status_change *)change, (uintptr_t)user_data);
}

static int mw_go_tracker_subscribe(int *id, mw_tracker *tracker, uintptr_t key, mw_error **err) {
	return mw_tracker_subscribe(id, tracker, mw_go_tracker_status, (void *)key, err);
}
*/
import "C"

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// AccountStatus is an account's sending standing.
type AccountStatus int

// Account statuses (MW_ACCOUNT_*).
const (
	AccountActive    AccountStatus = C.MW_ACCOUNT_ACTIVE
	AccountWarning   AccountStatus = C.MW_ACCOUNT_WARNING   // a rate crossed its warning line
	AccountSuspended AccountStatus = C.MW_ACCOUNT_SUSPENDED // sends refused until a resume
)

// String returns the library's name ("active", "warning", "suspended").
func (s AccountStatus) String() string {
	return nameOr(C.mw_account_status_name(C.int(s)), "AccountStatus", int(s))
}

// TrackerSuppressionReason is why the tracker suppresses an address.
type TrackerSuppressionReason int

// Tracker suppression reasons (MW_SUPPRESSION_*).
const (
	SuppressedForBounce    TrackerSuppressionReason = C.MW_SUPPRESSION_BOUNCE
	SuppressedForComplaint TrackerSuppressionReason = C.MW_SUPPRESSION_COMPLAINT
	SuppressedManually     TrackerSuppressionReason = C.MW_SUPPRESSION_MANUAL
)

// String returns the library's name ("bounce", "complaint", "manual").
func (r TrackerSuppressionReason) String() string {
	return nameOr(C.mw_suppression_reason_name(C.int(r)), "TrackerSuppressionReason", int(r))
}

// Suppression is a suppressed address in Account ("*": every account).
type Suppression struct {
	Account, Address string
	Reason           TrackerSuppressionReason
	At               time.Time
	// EvidenceKey, Status and Diagnostic come from the feedback that caused
	// it; Note from a manual one.
	EvidenceKey, Status, Diagnostic, Note string
	JSON                                  string
}

// StatusChange is one status change of an account.
type StatusChange struct {
	Account       string
	At            time.Time
	From, To      AccountStatus
	Actor, Reason string
	JSON          string
}

// AccountStats are one account's figures: rates are fractions over the
// window, the totals count everything.
type AccountStats struct {
	Account                                        string
	Status                                         AccountStatus
	Sends, HardBounces, SoftBounces, Complaints    int64
	BounceRate, ComplaintRate                      float64
	TotalSends, TotalHardBounces, TotalSoftBounces int64
	TotalComplaints, TotalDeliveries               int64
	StatusSince                                    time.Time // zero when it never changed
	StatusReason                                   string
	JSON                                           string
}

// IngestReport is what one ingest or recorded send did.
type IngestReport struct {
	Events, Duplicates, Sends, Deliveries int64
	HardBounces, SoftBounces, Complaints  int64
	Ignored                               int64
	Suppressed                            []Suppression
	StatusChanges                         []StatusChange
	JSON                                  string
}

// TrackerSuppressionPage is one page of suppressions in address order;
// NextAfter is the After of the next page ("" on the last one).
type TrackerSuppressionPage struct {
	Suppressions []Suppression
	NextAfter    string
}

// TrackerPolicy holds the tracker's lines and counts; a zero field keeps
// the library's default. Rates are fractions in (0, 1].
type TrackerPolicy struct {
	BounceSuspend, BounceWarning, ComplaintWarning, ComplaintSuspend float64
	WindowSends, MinimumSends                                        int64
	// SoftBounceLimit soft bounces within SoftBouncePeriod (whole seconds;
	// zero: 7 days) suppress an address; negative: never.
	SoftBounceLimit  int
	SoftBouncePeriod time.Duration
	SuppressGlobally bool
	CountSimulator   bool
	// DefaultAccount is not used by a registry's tracker (it takes the registry's).
	DefaultAccount string
}

// trackerOptions builds an mw_tracker_options from p; the caller frees it.
func trackerOptions(p TrackerPolicy) (*C.mw_tracker_options, error) {
	var opts *C.mw_tracker_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_tracker_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	var cs cStrings
	defer cs.free()
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_suppress_globally(opts, cBool(p.SuppressGlobally), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_count_simulator(opts, cBool(p.CountSimulator), e)
		},
	}
	rates := []struct {
		v   float64
		set func(*C.mw_tracker_options, C.double, **C.mw_error) C.int
	}{
		{p.BounceSuspend, func(o *C.mw_tracker_options, r C.double, e **C.mw_error) C.int {
			return C.mw_tracker_options_set_bounce_suspend(o, r, e)
		}},
		{p.BounceWarning, func(o *C.mw_tracker_options, r C.double, e **C.mw_error) C.int {
			return C.mw_tracker_options_set_bounce_warning(o, r, e)
		}},
		{p.ComplaintWarning, func(o *C.mw_tracker_options, r C.double, e **C.mw_error) C.int {
			return C.mw_tracker_options_set_complaint_warning(o, r, e)
		}},
		{p.ComplaintSuspend, func(o *C.mw_tracker_options, r C.double, e **C.mw_error) C.int {
			return C.mw_tracker_options_set_complaint_suspend(o, r, e)
		}},
	}
	for _, r := range rates {
		if r.v != 0 {
			r := r
			settings = append(settings, func(e **C.mw_error) C.int { return r.set(opts, C.double(r.v), e) })
		}
	}
	if p.WindowSends != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_window_sends(opts, C.int64_t(p.WindowSends), e)
		})
	}
	if p.MinimumSends != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_minimum_sends(opts, C.int64_t(p.MinimumSends), e)
		})
	}
	if p.SoftBounceLimit != 0 || p.SoftBouncePeriod != 0 {
		period := int64(7 * 24 * 3600)
		if p.SoftBouncePeriod != 0 {
			var err error
			if period, err = wholeSeconds(p.SoftBouncePeriod, "the soft-bounce period"); err != nil {
				C.mw_tracker_options_free(opts)
				return nil, err
			}
		}
		limit := p.SoftBounceLimit
		if limit < 0 {
			limit = 0
		} else if limit == 0 {
			limit = 3
		}
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_soft_bounce_limit(opts, C.int(limit), C.int64_t(period), e)
		})
	}
	if p.DefaultAccount != "" {
		a := cs.str(p.DefaultAccount, "default account")
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_tracker_options_set_default_account(opts, a, e)
		})
	}
	err := cs.err
	if err == nil {
		err = applySettings(settings)
	}
	if err != nil {
		C.mw_tracker_options_free(opts)
		return nil, err
	}
	return opts, nil
}

// Tracker is the bounce and complaint tracker over a SQLite store: it keeps
// suppressions, rates and each account's standing, and gates the sends of a
// [Registry] on the same store. Open one with [OpenTracker] or take a
// registry's with [Registry.Tracker]; release it with Close (either may be
// closed first). An empty account means the default account everywhere.
// A Tracker may be used from any number of goroutines.
type Tracker struct {
	st *trackerState
}

type trackerState struct {
	ptr unsafe.Pointer // the *C.mw_tracker; nil once closed
	subscriptionIDs
}

func newTracker(ptr *C.mw_tracker) *Tracker {
	t := &Tracker{st: &trackerState{ptr: unsafe.Pointer(ptr), subscriptionIDs: newSubscriptionIDs()}}
	runtime.SetFinalizer(t, func(t *Tracker) { t.st.close() })
	return t
}

// OpenTracker opens the tracker's tables in the SQLite file at path (a
// registry's file may hold them: its sends are then gated by what this
// tracker records). Errors match ErrInvalidArgument or ErrIO.
func OpenTracker(path string, policy TrackerPolicy) (*Tracker, error) {
	var cs cStrings
	defer cs.free()
	p := cs.str(path, "path")
	if cs.err != nil {
		return nil, cs.err
	}
	opts, err := trackerOptions(policy)
	if err != nil {
		return nil, err
	}
	defer C.mw_tracker_options_free(opts)
	var ptr *C.mw_tracker
	var cerr *C.mw_error
	if err := errorFromC(C.mw_tracker_open(&ptr, p, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	return newTracker(ptr), nil
}

// Close releases the tracker; calls running on other goroutines finish, and
// the callbacks subscribed through it end. It may be called from inside a
// callback; it is idempotent and always returns nil.
func (t *Tracker) Close() error {
	if t == nil {
		return nil
	}
	t.st.close()
	runtime.SetFinalizer(t, nil)
	return nil
}

func (st *trackerState) close() {
	p := (*C.mw_tracker)(atomic.SwapPointer(&st.ptr, nil))
	if p == nil {
		return
	}
	C.mw_tracker_free(p)
	st.closeAll(&trackerSubscriptions)
}

func (t *Tracker) call(fn func(*C.mw_tracker) error) error {
	if t == nil {
		return errClosed("tracker")
	}
	p := (*C.mw_tracker)(atomic.LoadPointer(&t.st.ptr))
	if p == nil {
		return errClosed("tracker")
	}
	err := fn(p)
	runtime.KeepAlive(t)
	return err
}

func suppressionFromC(s *C.mw_suppression) Suppression {
	var js *C.char
	_ = errorFromC(C.mw_suppression_to_json(&js, s, nil), nil)
	defer C.mw_string_free(js)
	return Suppression{
		Account:     C.GoString(C.mw_suppression_account(s)),
		Address:     C.GoString(C.mw_suppression_address(s)),
		Reason:      TrackerSuppressionReason(C.mw_suppression_reason(s)),
		At:          unixOrZero(C.mw_suppression_at(s)),
		EvidenceKey: C.GoString(C.mw_suppression_evidence_key(s)),
		Status:      C.GoString(C.mw_suppression_status(s)),
		Diagnostic:  C.GoString(C.mw_suppression_diagnostic(s)),
		Note:        C.GoString(C.mw_suppression_note(s)),
		JSON:        C.GoString(js),
	}
}

func statusChangeFromC(c *C.mw_status_change) StatusChange {
	var js *C.char
	_ = errorFromC(C.mw_status_change_to_json(&js, c, nil), nil)
	defer C.mw_string_free(js)
	return StatusChange{
		Account: C.GoString(C.mw_status_change_account(c)),
		At:      unixOrZero(C.mw_status_change_at(c)),
		From:    AccountStatus(C.mw_status_change_from(c)),
		To:      AccountStatus(C.mw_status_change_to(c)),
		Actor:   C.GoString(C.mw_status_change_actor(c)),
		Reason:  C.GoString(C.mw_status_change_reason(c)),
		JSON:    C.GoString(js),
	}
}

func statsFromC(s *C.mw_account_stats) AccountStats {
	var js *C.char
	_ = errorFromC(C.mw_account_stats_to_json(&js, s, nil), nil)
	defer C.mw_string_free(js)
	return AccountStats{
		Account:          C.GoString(C.mw_account_stats_account(s)),
		Status:           AccountStatus(C.mw_account_stats_status(s)),
		Sends:            int64(C.mw_account_stats_sends(s)),
		HardBounces:      int64(C.mw_account_stats_hard_bounces(s)),
		SoftBounces:      int64(C.mw_account_stats_soft_bounces(s)),
		Complaints:       int64(C.mw_account_stats_complaints(s)),
		BounceRate:       float64(C.mw_account_stats_bounce_rate(s)),
		ComplaintRate:    float64(C.mw_account_stats_complaint_rate(s)),
		TotalSends:       int64(C.mw_account_stats_total_sends(s)),
		TotalHardBounces: int64(C.mw_account_stats_total_hard_bounces(s)),
		TotalSoftBounces: int64(C.mw_account_stats_total_soft_bounces(s)),
		TotalComplaints:  int64(C.mw_account_stats_total_complaints(s)),
		TotalDeliveries:  int64(C.mw_account_stats_total_deliveries(s)),
		StatusSince:      unixOrZero(C.mw_account_stats_status_since(s)),
		StatusReason:     C.GoString(C.mw_account_stats_status_reason(s)),
		JSON:             C.GoString(js),
	}
}

func ingestReportFromC(r *C.mw_ingest_report) IngestReport {
	var js *C.char
	_ = errorFromC(C.mw_ingest_report_to_json(&js, r, nil), nil)
	defer C.mw_string_free(js)
	out := IngestReport{
		Events:        int64(C.mw_ingest_report_events(r)),
		Duplicates:    int64(C.mw_ingest_report_duplicates(r)),
		Sends:         int64(C.mw_ingest_report_sends(r)),
		Deliveries:    int64(C.mw_ingest_report_deliveries(r)),
		HardBounces:   int64(C.mw_ingest_report_hard_bounces(r)),
		SoftBounces:   int64(C.mw_ingest_report_soft_bounces(r)),
		Complaints:    int64(C.mw_ingest_report_complaints(r)),
		Ignored:       int64(C.mw_ingest_report_ignored(r)),
		Suppressed:    make([]Suppression, int(C.mw_ingest_report_suppressed_count(r))),
		StatusChanges: make([]StatusChange, int(C.mw_ingest_report_status_change_count(r))),
		JSON:          C.GoString(js),
	}
	for i := range out.Suppressed {
		out.Suppressed[i] = suppressionFromC(C.mw_ingest_report_suppressed_get(r, C.size_t(i)))
	}
	for i := range out.StatusChanges {
		out.StatusChanges[i] = statusChangeFromC(C.mw_ingest_report_status_change_get(r, C.size_t(i)))
	}
	return out
}

// reportCall runs one C function that returns an mw_ingest_report.
func (t *Tracker) reportCall(fn func(**C.mw_ingest_report, *C.mw_tracker, **C.mw_error) C.int) (IngestReport, error) {
	var out IngestReport
	err := t.call(func(p *C.mw_tracker) error {
		var r *C.mw_ingest_report
		var cerr *C.mw_error
		if err := errorFromC(fn(&r, p, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_ingest_report_free(r)
		out = ingestReportFromC(r)
		return nil
	})
	return out, err
}

// Ingest classifies one document and applies it (counts, suppressions,
// status changes) in one transaction; the same document twice changes
// nothing. account "" means the account of the recorded send each
// recipient matches, else the default. Errors match ErrParse, ErrRange, ErrIO.
func (t *Tracker) Ingest(document []byte, account string) (IngestReport, error) {
	var cs cStrings
	defer cs.free()
	a := cs.optional(account, "account")
	if cs.err != nil {
		return IngestReport{}, cs.err
	}
	return t.reportCall(func(out **C.mw_ingest_report, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_ingest(out, p, bytesData(document), C.size_t(len(document)), a, e)
	})
}

// IngestBatch applies several documents atomically: all of them or, on any
// error, none.
func (t *Tracker) IngestBatch(documents [][]byte, account string) (IngestReport, error) {
	var cs cStrings
	defer cs.free()
	a := cs.optional(account, "account")
	if cs.err != nil {
		return IngestReport{}, cs.err
	}
	// C memory: a slice passed to C may hold C pointers only.
	docs := make([]*C.char, len(documents))
	lengths := make([]C.size_t, len(documents))
	for i, d := range documents {
		docs[i] = (*C.char)(C.CBytes(d))
		lengths[i] = C.size_t(len(d))
	}
	defer func() {
		for _, d := range docs {
			C.free(unsafe.Pointer(d))
		}
	}()
	var docsPtr **C.char
	var lengthsPtr *C.size_t
	if len(docs) > 0 {
		docsPtr, lengthsPtr = &docs[0], &lengths[0]
	}
	return t.reportCall(func(out **C.mw_ingest_report, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_ingest_batch(out, p, docsPtr, lengthsPtr, C.size_t(len(docs)), a, e)
	})
}

// RecordSend records a send made outside the tracker's sight, once per
// message id and recipient. Errors match ErrInvalidArgument (no message id) or ErrIO.
func (t *Tracker) RecordSend(account, messageID string, recipients []string) (IngestReport, error) {
	var cs cStrings
	defer cs.free()
	a, m := cs.optional(account, "account"), cs.str(messageID, "message id")
	to := make([]*C.char, len(recipients))
	for i, r := range recipients {
		to[i] = cs.str(r, "recipient")
	}
	if cs.err != nil {
		return IngestReport{}, cs.err
	}
	var toPtr **C.char
	if len(to) > 0 {
		toPtr = &to[0]
	}
	return t.reportCall(func(out **C.mw_ingest_report, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_record_send(out, p, a, m, toPtr, C.size_t(len(to)), e)
	})
}

// statsCall runs one C function that returns an mw_account_stats.
func (t *Tracker) statsCall(fn func(**C.mw_account_stats, *C.mw_tracker, **C.mw_error) C.int) (AccountStats, error) {
	var out AccountStats
	err := t.call(func(p *C.mw_tracker) error {
		var s *C.mw_account_stats
		var cerr *C.mw_error
		if err := errorFromC(fn(&s, p, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_account_stats_free(s)
		out = statsFromC(s)
		return nil
	})
	return out, err
}

// Stats returns the account's figures (zeros for an account never seen).
func (t *Tracker) Stats(account string) (AccountStats, error) {
	var cs cStrings
	defer cs.free()
	a := cs.optional(account, "account")
	if cs.err != nil {
		return AccountStats{}, cs.err
	}
	return t.statsCall(func(out **C.mw_account_stats, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_stats(out, p, a, e)
	})
}

// Resume lifts a suspension (or clears a warning), logged with actor and
// reason; the rate window starts afresh. Errors match ErrInvalidArgument
// (an empty actor or reason).
func (t *Tracker) Resume(account, actor, reason string) (AccountStats, error) {
	var cs cStrings
	defer cs.free()
	a, who, why := cs.optional(account, "account"), cs.str(actor, "actor"), cs.str(reason, "reason")
	if cs.err != nil {
		return AccountStats{}, cs.err
	}
	return t.statsCall(func(out **C.mw_account_stats, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_resume(out, p, a, who, why, e)
	})
}

// AuditLog returns the account's status changes, oldest first.
func (t *Tracker) AuditLog(account string) ([]StatusChange, error) {
	var cs cStrings
	defer cs.free()
	a := cs.optional(account, "account")
	if cs.err != nil {
		return nil, cs.err
	}
	var out []StatusChange
	err := t.call(func(p *C.mw_tracker) error {
		var l *C.mw_status_change_list
		var cerr *C.mw_error
		if err := errorFromC(C.mw_tracker_audit_log(&l, p, a, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_status_change_list_free(l)
		out = make([]StatusChange, int(C.mw_status_change_list_count(l)))
		for i := range out {
			out[i] = statusChangeFromC(C.mw_status_change_list_get(l, C.size_t(i)))
		}
		return nil
	})
	return out, err
}

// suppressionCall runs one C function that returns an mw_suppression.
func (t *Tracker) suppressionCall(fn func(**C.mw_suppression, *C.mw_tracker, **C.mw_error) C.int) (Suppression, error) {
	var out Suppression
	err := t.call(func(p *C.mw_tracker) error {
		var s *C.mw_suppression
		var cerr *C.mw_error
		if err := errorFromC(fn(&s, p, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_suppression_free(s)
		out = suppressionFromC(s)
		return nil
	})
	return out, err
}

// FindSuppression returns the suppression that applies to address in
// account (its own or a global one). Errors match ErrNotFound when there is none.
func (t *Tracker) FindSuppression(address, account string) (Suppression, error) {
	var cs cStrings
	defer cs.free()
	ad, a := cs.str(address, "address"), cs.optional(account, "account")
	if cs.err != nil {
		return Suppression{}, cs.err
	}
	return t.suppressionCall(func(out **C.mw_suppression, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_find_suppression(out, p, ad, a, e)
	})
}

// Suppress suppresses address by hand in account ("*": everywhere).
func (t *Tracker) Suppress(address, account, note string) (Suppression, error) {
	var cs cStrings
	defer cs.free()
	ad, a, n := cs.str(address, "address"), cs.optional(account, "account"), cs.optional(note, "note")
	if cs.err != nil {
		return Suppression{}, cs.err
	}
	return t.suppressionCall(func(out **C.mw_suppression, p *C.mw_tracker, e **C.mw_error) C.int {
		return C.mw_tracker_suppress(out, p, ad, a, n, e)
	})
}

// Unsuppress lifts the account's suppression of address. Errors match
// ErrNotFound when there was none.
func (t *Tracker) Unsuppress(address, account string) error {
	var cs cStrings
	defer cs.free()
	ad, a := cs.str(address, "address"), cs.optional(account, "account")
	if cs.err != nil {
		return cs.err
	}
	return t.call(func(p *C.mw_tracker) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_tracker_unsuppress(p, ad, a, &cerr), cerr)
	})
}

// Suppressions returns one page (at most limit, 1..1000) of the account's
// suppressions ("*": the global ones) after the address after ("" first).
func (t *Tracker) Suppressions(account string, limit int, after string) (TrackerSuppressionPage, error) {
	var cs cStrings
	defer cs.free()
	a, af := cs.optional(account, "account"), cs.optional(after, "after")
	if cs.err != nil {
		return TrackerSuppressionPage{}, cs.err
	}
	if limit < 0 {
		limit = 0 // refused by the library
	}
	var out TrackerSuppressionPage
	err := t.call(func(p *C.mw_tracker) error {
		var pg *C.mw_suppression_page
		var cerr *C.mw_error
		if err := errorFromC(C.mw_tracker_list_suppressions(&pg, p, a, C.size_t(limit), af, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_suppression_page_free(pg)
		out.Suppressions = make([]Suppression, int(C.mw_suppression_page_count(pg)))
		for i := range out.Suppressions {
			out.Suppressions[i] = suppressionFromC(C.mw_suppression_page_get(pg, C.size_t(i)))
		}
		out.NextAfter = C.GoString(C.mw_suppression_page_next_after(pg))
		return nil
	})
	return out, err
}

// trackerSubscription is one [Tracker.Subscribe].
type trackerSubscription struct {
	fn func(StatusChange)
}

// Subscribe calls fn once per status change of an account, after it is
// committed, on the goroutine (thread) that made it: the caller of Ingest,
// IngestBatch, RecordSend or Resume, or of Registry.Send for a registry's
// tracker. fn may call any method of the tracker, Close included. The
// returned cancel stops the calls (idempotent; also from inside fn and
// after Close). A panic in fn is recovered and logged.
func (t *Tracker) Subscribe(fn func(StatusChange)) (cancel func(), err error) {
	if fn == nil {
		return nil, newError(StatusInvalidArgument, "the callback must not be nil")
	}
	if t == nil {
		return nil, errClosed("tracker")
	}
	st := t.st
	return st.subscribe(&trackerSubscriptions, &trackerSubscription{fn: fn}, "tracker", func(key uintptr) (C.int, error) {
		var id C.int
		err := t.call(func(p *C.mw_tracker) error {
			var cerr *C.mw_error
			return errorFromC(C.mw_go_tracker_subscribe(&id, p, C.uintptr_t(key), &cerr), cerr)
		})
		return id, err
	}, func(id C.int) {
		if p := (*C.mw_tracker)(atomic.LoadPointer(&st.ptr)); p != nil {
			C.mw_tracker_unsubscribe(p, id, nil)
		}
	})
}
