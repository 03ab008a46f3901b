package mailwarden

// #include <mailwarden.h>
import "C"

import "time"

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
	js, _ := ownedString.take(func(out **C.char, e **C.mw_error) C.int { return C.mw_subscriber_to_json(out, s, e) })
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
		JSON:          js,
	}
	if n := C.mw_subscriber_flag_count(s); n > 0 {
		out.Flags = cArray(n, func(i C.size_t) string { return C.GoString(C.mw_subscriber_flag(s, i)) })
	}
	return out
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

// The owned forms of the values: each copies the C object and frees it.
var (
	ownedMailingList = ownedAs(mailingListFromC, func(l *C.mw_mailing_list) { C.mw_mailing_list_free(l) })
	ownedSubscriber  = ownedAs(subscriberFromC, func(s *C.mw_subscriber) { C.mw_subscriber_free(s) })

	ownedMailingLists = ownedAs(func(set *C.mw_mailing_list_set) []MailingList {
		return cArray(C.mw_mailing_list_set_count(set), func(i C.size_t) MailingList {
			return mailingListFromC(C.mw_mailing_list_set_get(set, i))
		})
	}, func(set *C.mw_mailing_list_set) { C.mw_mailing_list_set_free(set) })
	ownedSubscribers = ownedAs(func(set *C.mw_subscriber_set) []Subscriber {
		return cArray(C.mw_subscriber_set_count(set), func(i C.size_t) Subscriber {
			return subscriberFromC(C.mw_subscriber_set_get(set, i))
		})
	}, func(set *C.mw_subscriber_set) { C.mw_subscriber_set_free(set) })

	ownedTokenPreview = ownedAs(func(pv *C.mw_token_preview) TokenPreview {
		return TokenPreview{
			List:       mailingListFromC(C.mw_token_preview_list(pv)),
			Subscriber: subscriberFromC(C.mw_token_preview_subscriber(pv)),
			ExpiresAt:  unixOrZero(C.mw_token_preview_expires_at(pv)),
		}
	}, func(pv *C.mw_token_preview) { C.mw_token_preview_free(pv) })

	ownedListHeaders = ownedAs(func(h *C.mw_list_headers) ListHeaders {
		return ListHeaders{
			ListUnsubscribe:     C.GoString(C.mw_list_headers_unsubscribe(h)),
			ListUnsubscribePost: C.GoString(C.mw_list_headers_unsubscribe_post(h)),
			ListID:              C.GoString(C.mw_list_headers_list_id(h)),
		}
	}, func(h *C.mw_list_headers) { C.mw_list_headers_free(h) })
)
