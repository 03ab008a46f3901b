package mailwarden

/*
#include <stdint.h>
#include <mailwarden.h>

extern void mwGoImportRow(mw_import_row *row, uintptr_t key);

// The mw_import_row_fn handed to the library: user_data carries the
// import's key (an integer), never a Go pointer.
static void mw_go_import_row(const mw_import_row *row, void *user_data) {
	mwGoImportRow((mw_import_row *)row, (uintptr_t)user_data);
}

// key 0: no row callback.
static int mw_go_lists_import(mw_import_summary **out, mw_lists *lists, const char *account, const char *list,
                              const char *input, size_t input_length, const char *column_name, int column_index,
                              const mw_consent_facts *facts, uintptr_t key, mw_error **err) {
	return mw_lists_import(out, lists, account, list, input, input_length, column_name, column_index, facts,
	                       key != 0 ? mw_go_import_row : NULL, (void *)key, err);
}
*/
import "C"

import (
	"log"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// SubscriberState is where a subscriber stands. The numbers are stable.
type SubscriberState int

// Subscriber states (MW_SUBSCRIBER_*).
const (
	// AllSubscriberStates, as the filter of [Lists.Subscribers], lists
	// subscribers in every state.
	AllSubscriberStates SubscriberState = -1
	// SubscriberPending: asked to join, confirmation outstanding.
	SubscriberPending SubscriberState = C.MW_SUBSCRIBER_PENDING
	// SubscriberConfirmed: may be mailed.
	SubscriberConfirmed SubscriberState = C.MW_SUBSCRIBER_CONFIRMED
	// SubscriberUnsubscribed: left (a hashed tombstone keeps the address
	// from a silent re-import).
	SubscriberUnsubscribed SubscriberState = C.MW_SUBSCRIBER_UNSUBSCRIBED
	// SubscriberBounced: hard-bounced.
	SubscriberBounced SubscriberState = C.MW_SUBSCRIBER_BOUNCED
	// SubscriberComplained: marked a list mail as spam.
	SubscriberComplained SubscriberState = C.MW_SUBSCRIBER_COMPLAINED
	// SubscriberPurged: removed by a purge.
	SubscriberPurged SubscriberState = C.MW_SUBSCRIBER_PURGED
)

// String returns the library's name ("pending", "confirmed",
// "unsubscribed", "bounced", "complained", "purged"), "all" for
// AllSubscriberStates.
func (s SubscriberState) String() string {
	if s == AllSubscriberStates {
		return "all"
	}
	return nameOr(C.mw_subscriber_state_name(C.int(s)), "SubscriberState", int(s))
}

// MailingList is a list, copied out of the library.
type MailingList struct {
	ID      int64
	Account string
	Name    string
	// From is the verified sender the list's mails come from.
	From      string
	CreatedAt time.Time
}

func mailingListFromC(l *C.mw_mailing_list) MailingList {
	return MailingList{
		ID:        int64(C.mw_mailing_list_id(l)),
		Account:   C.GoString(C.mw_mailing_list_account(l)),
		Name:      C.GoString(C.mw_mailing_list_name(l)),
		From:      C.GoString(C.mw_mailing_list_from(l)),
		CreatedAt: unixOrZero(C.mw_mailing_list_created_at(l)),
	}
}

// Subscriber is a snapshot of one subscriber, copied out of the library;
// times are UTC, zero when not set.
type Subscriber struct {
	ID, ListID int64
	// Address is normalized: the domain in A-labels, the local part as given.
	Address string
	Name    string
	State   SubscriberState
	// Flags are the intake findings kept: "free_provider", "implicit_mx",
	// "dns_unknown", "role" ...
	Flags                             []string
	CreatedAt, UpdatedAt, ConfirmedAt time.Time
	// Sends counts list mails sent; Opens and Clicks the counting ones.
	Sends, Opens, Clicks      int64
	LastSentAt, LastEngagedAt time.Time
	// JSON is the library's JSON form, as mwctl list show --json writes it.
	JSON string
}

func subscriberFromC(s *C.mw_subscriber) Subscriber {
	var js *C.char
	_ = errorFromC(C.mw_subscriber_to_json(&js, s, nil), nil)
	defer C.mw_string_free(js)
	out := Subscriber{
		ID:            int64(C.mw_subscriber_id(s)),
		ListID:        int64(C.mw_subscriber_list_id(s)),
		Address:       C.GoString(C.mw_subscriber_address(s)),
		Name:          C.GoString(C.mw_subscriber_name(s)),
		State:         SubscriberState(C.mw_subscriber_state(s)),
		CreatedAt:     unixOrZero(C.mw_subscriber_created_at(s)),
		UpdatedAt:     unixOrZero(C.mw_subscriber_updated_at(s)),
		ConfirmedAt:   unixOrZero(C.mw_subscriber_confirmed_at(s)),
		Sends:         int64(C.mw_subscriber_sends(s)),
		Opens:         int64(C.mw_subscriber_opens(s)),
		Clicks:        int64(C.mw_subscriber_clicks(s)),
		LastSentAt:    unixOrZero(C.mw_subscriber_last_sent_at(s)),
		LastEngagedAt: unixOrZero(C.mw_subscriber_last_engaged_at(s)),
		JSON:          C.GoString(js),
	}
	if n := int(C.mw_subscriber_flag_count(s)); n > 0 {
		out.Flags = make([]string, n)
		for i := range out.Flags {
			out.Flags[i] = C.GoString(C.mw_subscriber_flag(s, C.size_t(i)))
		}
	}
	return out
}

// ConsentFacts are what a consent log entry records about a request: where
// it came from, the client's IP and user agent, the notice shown and its
// version. Empty fields are not recorded; a control character in one makes
// Subscribe refuse the request ("invalid_field").
type ConsentFacts struct {
	Source, IP, UserAgent, NoticeText, NoticeVersion string
}

// toC makes the mw_consent_facts of f, or nil when f is empty; the caller
// frees it with mw_consent_facts_free.
func (f ConsentFacts) toC() (*C.mw_consent_facts, error) {
	if f == (ConsentFacts{}) {
		return nil, nil
	}
	var facts *C.mw_consent_facts
	var cerr *C.mw_error
	if err := errorFromC(C.mw_consent_facts_new(&facts, &cerr), cerr); err != nil {
		return nil, err
	}
	var cs cStrings
	defer cs.free()
	var settings []func(**C.mw_error) C.int
	if f.Source != "" {
		v := cs.str(f.Source, "source")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_consent_facts_set_source(facts, v, e) })
	}
	if f.IP != "" {
		v := cs.str(f.IP, "IP")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_consent_facts_set_ip(facts, v, e) })
	}
	if f.UserAgent != "" {
		v := cs.str(f.UserAgent, "user agent")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_consent_facts_set_user_agent(facts, v, e) })
	}
	if f.NoticeText != "" || f.NoticeVersion != "" {
		text, version := cs.str(f.NoticeText, "notice text"), cs.str(f.NoticeVersion, "notice version")
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_consent_facts_set_notice(facts, text, version, e)
		})
	}
	err := cs.err
	if err == nil {
		err = applySettings(settings)
	}
	if err != nil {
		C.mw_consent_facts_free(facts)
		return nil, err
	}
	return facts, nil
}

// ConsentEntry is one entry of a subscriber's consent log.
type ConsentEntry struct {
	At time.Time
	// Action is "subscribe", "import", "confirm", "unsubscribe",
	// "bounced", "complained" or "resubscribe".
	Action                    string
	Source, IP, UserAgent     string
	NoticeText, NoticeVersion string
	// Detail is, for example, how an unsubscribe arrived: "one-click",
	// "mailto", "link", "api".
	Detail string
}

// ConsentLog is a subscriber's consent log, oldest first: the proof of how
// and when consent was given and withdrawn.
type ConsentLog struct {
	Entries []ConsentEntry
	// JSON is the library's JSON array, as mwctl list consent --json
	// writes it.
	JSON string
}

// SubscribeRequest is who asks to subscribe, under which notice.
type SubscribeRequest struct {
	// Name is the subscriber's name; may be empty.
	Name string
	// ConsentFacts are recorded in the consent log.
	ConsentFacts
	// SingleOptIn confirms at once instead of mailing a confirmation link
	// (the host holds its own proof of consent); refused ("tombstoned")
	// for an address that left before.
	SingleOptIn bool
}

// SubscribeOutcome is what [Lists.Subscribe] did. A refusal is an outcome,
// not an error.
type SubscribeOutcome struct {
	Accepted bool
	// RefusedBecause is why it was refused: an intake reason id
	// ("disposable", "suppressed", "null_mx", "role", a syntax id ...),
	// "tombstoned" (left before; only double opt-in brings it back) or
	// "invalid_field"; "" when accepted.
	RefusedBecause string
	// Check is what intake found.
	Check CleanVerdict
	// Subscriber is nil when refused.
	Subscriber *Subscriber
	// ConfirmLink is the confirmation link that was mailed; "" when none
	// went out.
	ConfirmLink string
	// JSON is the library's JSON form, as mwctl list subscribe --json
	// writes it.
	JSON string
}

// TokenPreview is what a confirmation link is, looked at without using it.
type TokenPreview struct {
	List       MailingList
	Subscriber Subscriber
	ExpiresAt  time.Time
}

// ListHeaders are the header fields one subscriber's list mail carries.
type ListHeaders struct {
	// ListUnsubscribe: "<https://...?token=...>, <mailto:...>".
	ListUnsubscribe string
	// ListUnsubscribePost: "List-Unsubscribe=One-Click" (RFC 8058).
	ListUnsubscribePost string
	// ListID: "<name.account.domain>".
	ListID string
}

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

// ImportOptions configure [Lists.Import].
type ImportOptions struct {
	// Column is the address column's header name; "" finds it as [Clean]
	// does. The C call takes a name made of digits only as an index, so
	// such a name cannot be given.
	Column string
	// ColumnNumber, when above 0, is the address column's position,
	// counted from 1; it wins over Column.
	ColumnNumber int
	// ConsentFacts name the consent the importer holds: Source (the
	// file's name, say) and the notice go into each consent log; IP and
	// UserAgent are not used.
	ConsentFacts
}

// ImportRow is one imported row.
type ImportRow struct {
	Check CleanVerdict
	Added bool
	// RefusedBecause is as SubscribeOutcome's, or "duplicate" (within the
	// input) or "already_subscribed"; "" when added.
	RefusedBecause string
}

// ImportSummary is what an import did.
type ImportSummary struct {
	Rows, Added, Refused int64
	// Refusals are the refusal reasons, most frequent first.
	Refusals []ImportRefusal
}

// ImportRefusal is how many rows one reason refused.
type ImportRefusal struct {
	Reason string
	Rows   int64
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

// ListsOptions configure [Registry.Lists]. The zero value is the library's
// defaults: role addresses and disposable domains refused, no MX checks,
// 48-hour confirmation links under https://lists.mailwarden.local/.
type ListsOptions struct {
	// Account is the account of every call ("": the registry's default
	// account); see also [Lists.WithAccount].
	Account string
	// Policy is the address check intake applies (copied); nil: the
	// library's, which refuses role addresses. A policy given refuses them
	// only with RejectRole.
	Policy *AddressPolicy
	// AcceptDisposable accepts addresses at disposable domains.
	AcceptDisposable bool
	// AllowDisposable lists domains never called disposable.
	AllowDisposable []string
	// FoldProviderAliases folds Gmail's dots and +tags when looking for
	// an address already on a list.
	FoldProviderAliases bool
	// Resolver checks each new address's domain for mail records; nil:
	// none. The lists keep their own reference.
	Resolver *Resolver
	// ConfirmLifetime is how long confirmation links work, whole seconds;
	// 0 means 48 hours.
	ConfirmLifetime time.Duration
	// ConfirmLinkBase and UnsubscribeLinkBase are where links point
	// (<base>?token=...); the host serves them: a GET shows ([Lists.Inspect],
	// [Lists.InspectUnsubscribe]), a POST acts ([Lists.Confirm],
	// [Lists.UnsubscribePost]). "": the library's.
	ConfirmLinkBase, UnsubscribeLinkBase string
	// ListIDDomain is the domain of List-Id and of the mailto unsubscribe
	// address; "": the library's.
	ListIDDomain string
	// NoMailto leaves the mailto address out of List-Unsubscribe. The
	// library ties it to the List-Id domain, which then ends in
	// "localhost"; ListIDDomain must be "".
	NoMailto bool
}

// Lists are the mailing lists of a registry's store, mailed through the
// registry (so sends are gated by its tracker, whose suppressions intake
// also refuses), on the registry's clock. Make them with [Registry.Lists]
// and release them with Close; they keep the registry's store, transport,
// tracker and clock alive after the registry is closed.
//
// Lists may be used from any number of goroutines at once and closed while
// they are: calls already running finish (or fail with ErrInvalidArgument
// when they reached the library after Close); later calls fail with an
// error matching ErrInvalidArgument ("lists is closed"). A finalizer frees
// lists that become unreachable without Close, as a backstop only.
type Lists struct {
	st      *listsState
	account string
}

// listsState is the handle, shared by the views of [Lists.WithAccount].
type listsState struct {
	ptr unsafe.Pointer // the *C.mw_lists; nil once closed
}

func (st *listsState) close() {
	if p := (*C.mw_lists)(atomic.SwapPointer(&st.ptr, nil)); p != nil {
		C.mw_lists_free(p)
	}
}

// Lists opens the mailing lists of the registry's store (a registry on
// ":memory:" gets lists in memory of their own). Errors match
// ErrInvalidArgument (a closed registry, resolver or policy, a bad option)
// or ErrIO.
func (r *Registry) Lists(opts ListsOptions) (*Lists, error) {
	if opts.NoMailto && opts.ListIDDomain != "" {
		return nil, newError(StatusInvalidArgument, "NoMailto and a ListIDDomain exclude each other")
	}
	lifetime, err := wholeSeconds(opts.ConfirmLifetime, "the confirmation lifetime")
	if err != nil {
		return nil, err
	}
	var o *C.mw_lists_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_lists_options_new(&o, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_lists_options_free(o)
	var cs cStrings
	defer cs.free()
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int {
			return C.mw_lists_options_set_refuse_disposable(o, cBool(!opts.AcceptDisposable), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_lists_options_set_fold_provider_aliases(o, cBool(opts.FoldProviderAliases), e)
		},
	}
	for _, d := range opts.AllowDisposable {
		domain := cs.str(d, "disposable allow domain")
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_lists_options_add_disposable_allow(o, domain, e)
		})
	}
	if opts.ConfirmLifetime != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_lists_options_set_confirm_lifetime(o, C.int64_t(lifetime), e)
		})
	}
	if opts.ConfirmLinkBase != "" {
		url := cs.str(opts.ConfirmLinkBase, "confirm link base")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_lists_options_set_confirm_link_base(o, url, e) })
	}
	if opts.UnsubscribeLinkBase != "" {
		url := cs.str(opts.UnsubscribeLinkBase, "unsubscribe link base")
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_lists_options_set_unsubscribe_link_base(o, url, e)
		})
	}
	if opts.ListIDDomain != "" || opts.NoMailto {
		domain := cs.str(opts.ListIDDomain, "list id domain")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_lists_options_set_list_id_domain(o, domain, e) })
	}
	if cs.err != nil {
		return nil, cs.err
	}
	if err := applySettings(settings); err != nil {
		return nil, err
	}
	if opts.Policy != nil {
		err := opts.Policy.use(func(a *C.mw_address_options) error {
			return errorFromC(C.mw_lists_options_set_address_options(o, a, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	if opts.Resolver != nil {
		err := opts.Resolver.use(func(res *C.mw_resolver) error {
			return errorFromC(C.mw_lists_options_set_resolver(o, res, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	var ptr *C.mw_lists
	err = r.call(func(p *C.mw_registry) error {
		return errorFromC(C.mw_registry_lists(&ptr, p, o, &cerr), cerr)
	})
	if err != nil {
		return nil, err
	}
	st := &listsState{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(st, (*listsState).close)
	return &Lists{st: st, account: opts.Account}, nil
}

// WithAccount returns a view of the same lists whose calls use account
// ("": the registry's default). Views share one handle: Close on any of
// them closes all.
func (l *Lists) WithAccount(account string) *Lists {
	if l == nil {
		return nil
	}
	return &Lists{st: l.st, account: account}
}

// Close releases the lists; calls running on other goroutines finish, and
// the library frees the lists after the last of them. Idempotent, safe from
// any goroutine, accepts nil, always returns nil.
func (l *Lists) Close() error {
	if l == nil {
		return nil
	}
	l.st.close()
	runtime.SetFinalizer(l.st, nil)
	return nil
}

// call runs fn with the live handle and the account as a C string (NULL
// for the default).
func (l *Lists) call(fn func(p *C.mw_lists, account *C.char) error) error {
	if l == nil {
		return errClosed("lists")
	}
	p := (*C.mw_lists)(atomic.LoadPointer(&l.st.ptr))
	if p == nil {
		return errClosed("lists")
	}
	var cs cStrings
	defer cs.free()
	account := cs.optional(l.account, "account")
	if cs.err != nil {
		return cs.err
	}
	err := fn(p, account)
	runtime.KeepAlive(l)
	return err
}

// listCall runs one C function that returns an mw_mailing_list.
func (l *Lists) listCall(fn func(**C.mw_mailing_list, *C.mw_lists, *C.char, **C.mw_error) C.int) (MailingList, error) {
	var out MailingList
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var ml *C.mw_mailing_list
		var cerr *C.mw_error
		if err := errorFromC(fn(&ml, p, account, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_mailing_list_free(ml)
		out = mailingListFromC(ml)
		return nil
	})
	return out, err
}

// subscriberCall runs one C function that returns an mw_subscriber.
func (l *Lists) subscriberCall(fn func(**C.mw_subscriber, *C.mw_lists, *C.char, **C.mw_error) C.int) (Subscriber, error) {
	var out Subscriber
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var s *C.mw_subscriber
		var cerr *C.mw_error
		if err := errorFromC(fn(&s, p, account, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_subscriber_free(s)
		out = subscriberFromC(s)
		return nil
	})
	return out, err
}

// Create creates a list whose mails come from the verified sender from.
// Errors match ErrInvalidArgument (an empty name, control characters, from
// not an address), ErrAlreadyExists or ErrIO.
func (l *Lists) Create(name, from string) (MailingList, error) {
	var cs cStrings
	defer cs.free()
	n, f := cs.str(name, "name"), cs.str(from, "from")
	if cs.err != nil {
		return MailingList{}, cs.err
	}
	return l.listCall(func(out **C.mw_mailing_list, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
		return C.mw_lists_create(out, p, a, n, f, e)
	})
}

// Find returns a list by name. Errors match ErrNotFound or ErrIO.
func (l *Lists) Find(name string) (MailingList, error) {
	var cs cStrings
	defer cs.free()
	n := cs.str(name, "name")
	if cs.err != nil {
		return MailingList{}, cs.err
	}
	return l.listCall(func(out **C.mw_mailing_list, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
		return C.mw_lists_find(out, p, a, n, e)
	})
}

// All returns the account's lists, by name.
func (l *Lists) All() ([]MailingList, error) {
	var out []MailingList
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var set *C.mw_mailing_list_set
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_all(&set, p, account, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_mailing_list_set_free(set)
		out = make([]MailingList, int(C.mw_mailing_list_set_count(set)))
		for i := range out {
			out[i] = mailingListFromC(C.mw_mailing_list_set_get(set, C.size_t(i)))
		}
		return nil
	})
	return out, err
}

// Subscribe checks address (syntax, role, disposable, suppressed, the
// domain's MX) and, when accepted, adds it pending and mails the
// confirmation link from the list's sender, or confirms it at once with
// SingleOptIn. A pending subscriber asking again gets a new link; a
// confirmed one is accepted with no mail. A refusal is an outcome, not an
// error. Errors match ErrNotFound (the list), ErrIO, or the registry's send
// errors (ErrNotVerified, ErrSuspended, ErrTransport ...: the subscriber
// stays pending; see ResendConfirmation).
func (l *Lists) Subscribe(list, address string, req SubscribeRequest) (SubscribeOutcome, error) {
	var cs cStrings
	defer cs.free()
	li, ad, name := cs.str(list, "list"), cs.str(address, "address"), cs.optional(req.Name, "name")
	if cs.err != nil {
		return SubscribeOutcome{}, cs.err
	}
	facts, err := req.ConsentFacts.toC()
	if err != nil {
		return SubscribeOutcome{}, err
	}
	defer C.mw_consent_facts_free(facts)
	var out SubscribeOutcome
	err = l.call(func(p *C.mw_lists, account *C.char) error {
		var o *C.mw_subscribe_outcome
		var cerr *C.mw_error
		status := C.mw_lists_subscribe(&o, p, account, li, ad, name, facts, cBool(!req.SingleOptIn), &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return err
		}
		defer C.mw_subscribe_outcome_free(o)
		var js *C.char
		_ = errorFromC(C.mw_subscribe_outcome_to_json(&js, o, nil), nil)
		defer C.mw_string_free(js)
		out = SubscribeOutcome{
			Accepted:       C.mw_subscribe_outcome_accepted(o) != 0,
			RefusedBecause: C.GoString(C.mw_subscribe_outcome_refused_because(o)),
			Check:          cleanVerdictFromC(C.mw_subscribe_outcome_check(o)),
			ConfirmLink:    C.GoString(C.mw_subscribe_outcome_confirm_link(o)),
			JSON:           C.GoString(js),
		}
		if s := C.mw_subscribe_outcome_subscriber(o); s != nil {
			v := subscriberFromC(s)
			out.Subscriber = &v
		}
		return nil
	})
	return out, err
}

// ResendConfirmation mails a pending subscriber a new confirmation link
// (the old one stops working) and returns it. Errors match ErrNotFound,
// ErrInvalidArgument (not pending), or the registry's send errors.
func (l *Lists) ResendConfirmation(list, address string) (string, error) {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	if cs.err != nil {
		return "", cs.err
	}
	var out string
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var link *C.char
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_resend_confirmation(&link, p, account, li, ad, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_string_free(link)
		out = C.GoString(link)
		return nil
	})
	return out, err
}

// Inspect tells what a confirmation link (or its token) is, with no side
// effect: answer a GET with it (link scanners prefetch every GET), and
// confirm only on a POST. Errors match ErrInvalidArgument (malformed,
// unknown, tampered or replaced), ErrExpired or ErrAlreadyExists (already
// used).
func (l *Lists) Inspect(linkOrToken string) (TokenPreview, error) {
	var cs cStrings
	defer cs.free()
	t := cs.str(linkOrToken, "link or token")
	if cs.err != nil {
		return TokenPreview{}, cs.err
	}
	var out TokenPreview
	err := l.call(func(p *C.mw_lists, _ *C.char) error {
		var pv *C.mw_token_preview
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_inspect(&pv, p, t, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_token_preview_free(pv)
		out = TokenPreview{
			List:       mailingListFromC(C.mw_token_preview_list(pv)),
			Subscriber: subscriberFromC(C.mw_token_preview_subscriber(pv)),
			ExpiresAt:  unixOrZero(C.mw_token_preview_expires_at(pv)),
		}
		return nil
	})
	return out, err
}

// Confirm uses a confirmation link or token (answer a POST with it): the
// subscriber becomes confirmed. facts' IP and UserAgent go into the consent
// log. Errors as Inspect's: a second Confirm of the same link matches
// ErrAlreadyExists.
func (l *Lists) Confirm(linkOrToken string, facts ConsentFacts) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t := cs.str(linkOrToken, "link or token")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	f, err := facts.toC()
	if err != nil {
		return Subscriber{}, err
	}
	defer C.mw_consent_facts_free(f)
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
		return C.mw_lists_confirm(out, p, t, f, e)
	})
}

// Subscriber returns one subscriber of the list, by address (folded as
// intake folds it). Errors match ErrNotFound or ErrIO.
func (l *Lists) Subscriber(list, address string) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, account *C.char, e **C.mw_error) C.int {
		return C.mw_lists_find_subscriber(out, p, account, li, ad, e)
	})
}

// Headers returns the list header fields of one subscriber's mail, with
// its own unsubscribe token, for mail sent another way than [Lists.Send].
// Errors match ErrNotFound (no such list or subscriber) or ErrIO.
func (l *Lists) Headers(list, address string) (ListHeaders, error) {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	if cs.err != nil {
		return ListHeaders{}, cs.err
	}
	var out ListHeaders
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var h *C.mw_list_headers
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_headers(&h, p, account, li, ad, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_list_headers_free(h)
		out = ListHeaders{
			ListUnsubscribe:     C.GoString(C.mw_list_headers_unsubscribe(h)),
			ListUnsubscribePost: C.GoString(C.mw_list_headers_unsubscribe_post(h)),
			ListID:              C.GoString(C.mw_list_headers_list_id(h)),
		}
		return nil
	})
	return out, err
}

// InspectUnsubscribe tells whom an unsubscribe link or token names, with
// no side effect (a GET). Errors match ErrInvalidArgument (malformed or
// forged) or ErrNotFound (purged).
func (l *Lists) InspectUnsubscribe(linkOrToken string) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t := cs.str(linkOrToken, "link or token")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
		return C.mw_lists_inspect_unsubscribe(out, p, t, e)
	})
}

// Unsubscribe unsubscribes at once the subscriber a link or token names;
// twice is not an error. how is recorded in the consent log ("one-click",
// "link", "mailto", "api"), with facts' IP and UserAgent. Errors as
// InspectUnsubscribe's.
func (l *Lists) Unsubscribe(linkOrToken, how string, facts ConsentFacts) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t, h := cs.str(linkOrToken, "link or token"), cs.str(how, "how")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	f, err := facts.toC()
	if err != nil {
		return Subscriber{}, err
	}
	defer C.mw_consent_facts_free(f)
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
		return C.mw_lists_unsubscribe(out, p, t, h, f, e)
	})
}

// UnsubscribePost is the RFC 8058 endpoint: it unsubscribes ("one-click")
// only when the POST body says List-Unsubscribe=One-Click as
// application/x-www-form-urlencoded or multipart/form-data (contentType is
// the request's Content-Type). Answer with a plain 200, no redirect, no
// cookie. Errors match ErrParse (a body that does not say
// one-click: nothing changes), and those of Unsubscribe.
func (l *Lists) UnsubscribePost(linkOrToken, contentType string, body []byte, facts ConsentFacts) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t, ct := cs.str(linkOrToken, "link or token"), cs.str(contentType, "content type")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	f, err := facts.toC()
	if err != nil {
		return Subscriber{}, err
	}
	defer C.mw_consent_facts_free(f)
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
		return C.mw_lists_unsubscribe_post(out, p, t, ct, bytesData(body), C.size_t(len(body)), f, e)
	})
}

// UnsubscribeAddress unsubscribes an address from a list (an operator, or
// an API call); how "" is recorded as "api". Errors match ErrNotFound or
// ErrIO.
func (l *Lists) UnsubscribeAddress(list, address, how string) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	li, ad, h := cs.str(list, "list"), cs.str(address, "address"), cs.optional(how, "how")
	if cs.err != nil {
		return Subscriber{}, cs.err
	}
	return l.subscriberCall(func(out **C.mw_subscriber, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
		return C.mw_lists_unsubscribe_address(out, p, a, li, ad, h, e)
	})
}

// Subscribers returns a list's subscribers, by id: every one for
// AllSubscriberStates, else those in state. Errors match
// ErrInvalidArgument (a state that is none), ErrNotFound or ErrIO.
func (l *Lists) Subscribers(list string, state SubscriberState) ([]Subscriber, error) {
	var cs cStrings
	defer cs.free()
	li := cs.str(list, "list")
	if cs.err != nil {
		return nil, cs.err
	}
	if state < AllSubscriberStates {
		return nil, newError(StatusInvalidArgument, "the state must be a SubscriberState or AllSubscriberStates")
	}
	var out []Subscriber
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var set *C.mw_subscriber_set
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_subscribers(&set, p, account, li, C.int(state), &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_subscriber_set_free(set)
		out = make([]Subscriber, int(C.mw_subscriber_set_count(set)))
		for i := range out {
			out[i] = subscriberFromC(C.mw_subscriber_set_get(set, C.size_t(i)))
		}
		return nil
	})
	return out, err
}

// ConsentLog returns a subscriber's consent log. Errors match ErrNotFound
// (the list or the subscriber) or ErrIO.
func (l *Lists) ConsentLog(list, address string) (ConsentLog, error) {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	if cs.err != nil {
		return ConsentLog{}, cs.err
	}
	var out ConsentLog
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var lg *C.mw_consent_log
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_consent_log(&lg, p, account, li, ad, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_consent_log_free(lg)
		var js *C.char
		if err := errorFromC(C.mw_consent_log_to_json(&js, lg, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_string_free(js)
		out.JSON = C.GoString(js)
		out.Entries = make([]ConsentEntry, int(C.mw_consent_log_count(lg)))
		for i := range out.Entries {
			e := C.mw_consent_log_get(lg, C.size_t(i))
			out.Entries[i] = ConsentEntry{
				At:            unixOrZero(C.mw_consent_entry_at(e)),
				Action:        C.GoString(C.mw_consent_entry_action(e)),
				Source:        C.GoString(C.mw_consent_entry_source(e)),
				IP:            C.GoString(C.mw_consent_entry_ip(e)),
				UserAgent:     C.GoString(C.mw_consent_entry_user_agent(e)),
				NoticeText:    C.GoString(C.mw_consent_entry_notice_text(e)),
				NoticeVersion: C.GoString(C.mw_consent_entry_notice_version(e)),
				Detail:        C.GoString(C.mw_consent_entry_detail(e)),
			}
		}
		return nil
	})
	return out, err
}

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
	if cs.err != nil {
		return ListSendReport{}, cs.err
	}
	var out ListSendReport
	err := l.call(func(p *C.mw_lists, account *C.char) error {
		var r *C.mw_list_send_report
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_send(&r, p, account, li, su, te, ht, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_list_send_report_free(r)
		out = ListSendReport{
			Sent:       int64(C.mw_list_send_report_sent(r)),
			Suppressed: int64(C.mw_list_send_report_suppressed(r)),
			Failed:     int64(C.mw_list_send_report_failed(r)),
			FirstError: C.GoString(C.mw_list_send_report_first_error(r)),
		}
		return nil
	})
	return out, err
}

// RecordEngagement counts an open or a click of a subscriber; a machine
// one (a proxy open, a scanner click) is not counted. Errors match
// ErrInvalidArgument (another Engagement), ErrNotFound or ErrIO.
func (l *Lists) RecordEngagement(list, address string, what Engagement, machine bool) error {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	if cs.err != nil {
		return cs.err
	}
	if what != EngagementOpen && what != EngagementClick {
		return newError(StatusInvalidArgument, "the engagement must be EngagementOpen or EngagementClick")
	}
	return l.call(func(p *C.mw_lists, account *C.char) error {
		var cerr *C.mw_error
		status := C.mw_lists_record_engagement(p, account, li, ad, cBool(what == EngagementClick), cBool(machine), &cerr)
		return errorFromC(status, cerr)
	})
}

// importRuns maps the key of each running [Lists.Import] with a row
// function to its *importRun.
var importRuns sync.Map

type importRun struct {
	fn func(ImportRow)
}

// deliver calls fn with a copy of the row; a panic in it is recovered and
// logged, so that it never unwinds through the library's frames.
func (run *importRun) deliver(row *C.mw_import_row) {
	r := ImportRow{
		Check:          cleanVerdictFromC(C.mw_import_row_check(row)),
		Added:          C.mw_import_row_added(row) != 0,
		RefusedBecause: C.GoString(C.mw_import_row_refused_because(row)),
	}
	defer func() {
		if v := recover(); v != nil {
			log.Printf("mailwarden: panic in a Lists.Import row function (row %d): %v\n%s", r.Check.Row, v, debug.Stack())
		}
	}()
	run.fn(r)
}

// Import imports data (a CSV file or one address a line) through
// Subscribe's checks, as confirmed subscribers: the importer vouches for
// consent it holds, named by opts' Source and notice. Addresses that left
// are refused. onRow, when not nil, is called with each row's outcome in
// input order on the calling goroutine, before Import returns; it must not
// call methods of the same Lists (the library's rule), and a panic in it
// is recovered and logged. Errors match ErrNotFound (the list),
// ErrInvalidArgument (a column that is not there) or ErrIO.
func (l *Lists) Import(list string, data []byte, opts ImportOptions, onRow func(ImportRow)) (ImportSummary, error) {
	if opts.ColumnNumber < 0 {
		return ImportSummary{}, newError(StatusInvalidArgument, "the column number must not be negative")
	}
	var cs cStrings
	defer cs.free()
	li, col := cs.str(list, "list"), cs.optional(opts.Column, "column")
	if cs.err != nil {
		return ImportSummary{}, cs.err
	}
	facts, err := opts.ConsentFacts.toC()
	if err != nil {
		return ImportSummary{}, err
	}
	defer C.mw_consent_facts_free(facts)
	var key uintptr
	if onRow != nil {
		key = lastKey.Add(1)
		importRuns.Store(key, &importRun{fn: onRow})
		defer importRuns.Delete(key)
	}
	var out ImportSummary
	err = l.call(func(p *C.mw_lists, account *C.char) error {
		var s *C.mw_import_summary
		var cerr *C.mw_error
		status := C.mw_go_lists_import(&s, p, account, li, bytesData(data), C.size_t(len(data)), col,
			C.int(opts.ColumnNumber-1), facts, C.uintptr_t(key), &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return err
		}
		defer C.mw_import_summary_free(s)
		out = ImportSummary{
			Rows:     int64(C.mw_import_summary_rows(s)),
			Added:    int64(C.mw_import_summary_added(s)),
			Refused:  int64(C.mw_import_summary_refused(s)),
			Refusals: make([]ImportRefusal, int(C.mw_import_summary_reason_count(s))),
		}
		for i := range out.Refusals {
			out.Refusals[i] = ImportRefusal{
				Reason: C.GoString(C.mw_import_summary_reason(s, C.size_t(i))),
				Rows:   int64(C.mw_import_summary_reason_rows(s, C.size_t(i))),
			}
		}
		return nil
	})
	return out, err
}

// purgePolicy makes the mw_purge_policy of p; the caller frees it.
func purgePolicy(p PurgePolicy) (*C.mw_purge_policy, error) {
	var policy *C.mw_purge_policy
	var cerr *C.mw_error
	if err := errorFromC(C.mw_purge_policy_new(&policy, &cerr), cerr); err != nil {
		return nil, err
	}
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int {
			return C.mw_purge_policy_set_bounced_and_complained(policy, cBool(!p.KeepBouncedAndComplained), e)
		},
		func(e **C.mw_error) C.int { return C.mw_purge_policy_set_dry_run(policy, cBool(p.DryRun), e) },
	}
	if p.UnconfirmedDays != 0 {
		days := max(p.UnconfirmedDays, -1)
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_purge_policy_set_unconfirmed_days(policy, C.int(days), e)
		})
	}
	if p.InactiveDays > 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_purge_policy_set_inactive(policy, C.int(p.InactiveDays), C.int(p.MinSends), e)
		})
	}
	if err := applySettings(settings); err != nil {
		C.mw_purge_policy_free(policy)
		return nil, err
	}
	return policy, nil
}

// Purge removes a list's subscribers by policy, or with DryRun says whom
// it would. Errors match ErrInvalidArgument (a negative MinSends),
// ErrNotFound or ErrIO.
func (l *Lists) Purge(list string, policy PurgePolicy) (PurgeReport, error) {
	var cs cStrings
	defer cs.free()
	li := cs.str(list, "list")
	if cs.err != nil {
		return PurgeReport{}, cs.err
	}
	pp, err := purgePolicy(policy)
	if err != nil {
		return PurgeReport{}, err
	}
	defer C.mw_purge_policy_free(pp)
	var out PurgeReport
	err = l.call(func(p *C.mw_lists, account *C.char) error {
		var r *C.mw_purge_report
		var cerr *C.mw_error
		if err := errorFromC(C.mw_lists_purge(&r, p, account, li, pp, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_purge_report_free(r)
		out = PurgeReport{
			DryRun: C.mw_purge_report_dry_run(r) != 0,
			Purged: make([]PurgedSubscriber, int(C.mw_purge_report_count(r))),
		}
		for i := range out.Purged {
			out.Purged[i] = PurgedSubscriber{
				Subscriber: subscriberFromC(C.mw_purge_report_subscriber(r, C.size_t(i))),
				Reason:     C.GoString(C.mw_purge_report_reason(r, C.size_t(i))),
			}
		}
		return nil
	})
	return out, err
}

// IsOneClickPost reports whether an RFC 8058 POST body says
// List-Unsubscribe=One-Click (urlencoded or multipart/form-data); body may
// hold NUL bytes. A contentType holding a NUL byte is not one.
func IsOneClickPost(contentType string, body []byte) bool {
	var cs cStrings
	defer cs.free()
	ct := cs.str(contentType, "content type")
	if cs.err != nil {
		return false
	}
	return C.mw_is_one_click_post(ct, bytesData(body), C.size_t(len(body))) != 0
}
