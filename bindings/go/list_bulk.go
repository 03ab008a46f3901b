package mailwarden

// Mailing a list, counting engagement, and purging.

// #include <mailwarden.h>
import "C"

// ListSendReport is what [Lists.Send] did.
type ListSendReport struct {
	// Suppressed counts subscribers left out because the bounce tracker
	// suppresses them.
	Sent, Suppressed, Failed int64
	// FirstError is the first failure's message; "" when none failed.
	FirstError string
}

// Engagement is what [Lists.RecordEngagement] counts.
type Engagement int

// Engagements (the C call's clicked argument).
const (
	EngagementOpen  Engagement = 0 // a mail was opened
	EngagementClick Engagement = 1 // a link in it was clicked
)

// ownedListSendReport copies and frees an mw_list_send_report.
var ownedListSendReport = ownedAs(func(r *C.mw_list_send_report) ListSendReport {
	return ListSendReport{
		Sent:       int64(C.mw_list_send_report_sent(r)),
		Suppressed: int64(C.mw_list_send_report_suppressed(r)),
		Failed:     int64(C.mw_list_send_report_failed(r)),
		FirstError: C.GoString(C.mw_list_send_report_first_error(r)),
	}
}, func(r *C.mw_list_send_report) { C.mw_list_send_report_free(r) })

// Send mails every confirmed subscriber one message each, with its own
// list headers, from the list's sender; the tracker leaves out suppressed
// ones. text or html (or both) is required. Errors match
// ErrInvalidArgument, ErrNotFound, and the registry's refusal of the whole
// send (ErrSuspended, ErrNotVerified ...); failures of single mails are
// counted in the report.
func (l *Lists) Send(list, subject, text, html string) (ListSendReport, error) {
	var cs cStrings
	defer cs.free()
	li, su := cs.str(list, "list"), cs.str(subject, "subject")
	te, ht := cs.optional(text, "text"), cs.optional(html, "html")
	return listsTake(l, &cs, ownedListSendReport,
		func(out **C.mw_list_send_report, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_send(out, p, a, li, su, te, ht, e)
		})
}

// RecordEngagement counts an open or a click of a subscriber; a machine
// one (a proxy open, a scanner click) is not counted. Errors match
// ErrInvalidArgument (another Engagement), ErrNotFound or ErrIO.
func (l *Lists) RecordEngagement(list, address string, what Engagement, machine bool) error {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	cs.require(what == EngagementOpen || what == EngagementClick,
		"the engagement must be EngagementOpen or EngagementClick")
	return l.call(&cs, func(p *C.mw_lists, a *C.char) error {
		return cCall(func(e **C.mw_error) C.int {
			return C.mw_lists_record_engagement(p, a, li, ad, cBool(what == EngagementClick), cBool(machine), e)
		})
	})
}

// PurgePolicy says what [Lists.Purge] removes. The zero value is the
// library's defaults: subscribers pending for more than 30 days, and
// bounced, complained and suppressed ones; no inactivity rule.
type PurgePolicy struct {
	// UnconfirmedDays purges subscribers pending for more than this many
	// days; 0 means 30, a negative number keeps them.
	UnconfirmedDays int
	// InactiveDays, when above 0, purges confirmed subscribers that were
	// sent at least MinSends list mails and made no counting open or
	// click for this many days.
	InactiveDays, MinSends int
	// KeepBouncedAndComplained keeps bounced, complained and suppressed
	// subscribers.
	KeepBouncedAndComplained bool
	// DryRun reports what would be purged and changes nothing.
	DryRun bool
}

// PurgeReport is what a purge removed, or would on a dry run.
type PurgeReport struct {
	DryRun bool
	Purged []PurgedSubscriber
}

// PurgedSubscriber is one subscriber a purge removed, as it was before.
type PurgedSubscriber struct {
	Subscriber Subscriber
	// Reason is "unconfirmed", "inactive", "bounced", "complained" or
	// "suppressed".
	Reason string
}

// toC makes the mw_purge_policy of p; the caller frees it.
func (p PurgePolicy) toC() (*C.mw_purge_policy, error) {
	create := func(out **C.mw_purge_policy, e **C.mw_error) C.int { return C.mw_purge_policy_new(out, e) }
	return build(create, freePurgePolicy, func(policy *C.mw_purge_policy, s *setters) error {
		s.add(func(e **C.mw_error) C.int {
			return C.mw_purge_policy_set_bounced_and_complained(policy, cBool(!p.KeepBouncedAndComplained), e)
		})
		s.add(func(e **C.mw_error) C.int { return C.mw_purge_policy_set_dry_run(policy, cBool(p.DryRun), e) })
		if p.UnconfirmedDays != 0 {
			days := max(p.UnconfirmedDays, -1)
			s.add(func(e **C.mw_error) C.int { return C.mw_purge_policy_set_unconfirmed_days(policy, C.int(days), e) })
		}
		if p.InactiveDays > 0 {
			s.add(func(e **C.mw_error) C.int {
				return C.mw_purge_policy_set_inactive(policy, C.int(p.InactiveDays), C.int(p.MinSends), e)
			})
		}
		return nil
	})
}

func freePurgePolicy(p *C.mw_purge_policy) { C.mw_purge_policy_free(p) }

// ownedPurgeReport copies and frees an mw_purge_report.
var ownedPurgeReport = ownedAs(func(r *C.mw_purge_report) PurgeReport {
	return PurgeReport{
		DryRun: C.mw_purge_report_dry_run(r) != 0,
		Purged: cArray(C.mw_purge_report_count(r), func(i C.size_t) PurgedSubscriber {
			return PurgedSubscriber{
				Subscriber: subscriberFromC(C.mw_purge_report_subscriber(r, i)),
				Reason:     C.GoString(C.mw_purge_report_reason(r, i)),
			}
		}),
	}
}, func(r *C.mw_purge_report) { C.mw_purge_report_free(r) })

// Purge removes a list's subscribers by policy, or with DryRun says whom
// it would. Errors match ErrInvalidArgument (a negative MinSends),
// ErrNotFound or ErrIO.
func (l *Lists) Purge(list string, policy PurgePolicy) (PurgeReport, error) {
	var cs cStrings
	defer cs.free()
	li := cs.str(list, "list")
	pp := cObject(&cs, policy.toC, freePurgePolicy)
	return listsTake(l, &cs, ownedPurgeReport,
		func(out **C.mw_purge_report, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_purge(out, p, a, li, pp, e)
		})
}
