package mailwarden

// Creating and finding lists, and reading their subscribers.

// #include <mailwarden.h>
import "C"

// Create creates a list whose mails come from the verified sender from.
// Errors match ErrInvalidArgument (an empty name, control characters, from
// not an address), ErrAlreadyExists or ErrIO.
func (l *Lists) Create(name, from string) (MailingList, error) {
	var cs cStrings
	defer cs.free()
	n, f := cs.str(name, "name"), cs.str(from, "from")
	return listsTake(l, &cs, ownedMailingList,
		func(out **C.mw_mailing_list, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_create(out, p, a, n, f, e)
		})
}

// Find returns a list by name. Errors match ErrNotFound or ErrIO.
func (l *Lists) Find(name string) (MailingList, error) {
	return withString(l, name, "name", ownedMailingList,
		func(out **C.mw_mailing_list, p *C.mw_lists, a, n *C.char, e **C.mw_error) C.int {
			return C.mw_lists_find(out, p, a, n, e)
		})
}

// All returns the account's lists, by name.
func (l *Lists) All() ([]MailingList, error) {
	var cs cStrings
	defer cs.free()
	return listsTake(l, &cs, ownedMailingLists,
		func(out **C.mw_mailing_list_set, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_all(out, p, a, e)
		})
}

// Subscriber returns one subscriber of the list, by address (folded as
// intake folds it). Errors match ErrNotFound or ErrIO.
func (l *Lists) Subscriber(list, address string) (Subscriber, error) {
	return bySubscriber(l, list, address, ownedSubscriber,
		func(out **C.mw_subscriber, p *C.mw_lists, a, li, ad *C.char, e **C.mw_error) C.int {
			return C.mw_lists_find_subscriber(out, p, a, li, ad, e)
		})
}

// Headers returns the list header fields of one subscriber's mail, with
// its own unsubscribe token, for mail sent another way than [Lists.Send].
// Errors match ErrNotFound (no such list or subscriber) or ErrIO.
func (l *Lists) Headers(list, address string) (ListHeaders, error) {
	return bySubscriber(l, list, address, ownedListHeaders,
		func(out **C.mw_list_headers, p *C.mw_lists, a, li, ad *C.char, e **C.mw_error) C.int {
			return C.mw_lists_headers(out, p, a, li, ad, e)
		})
}

// Subscribers returns a list's subscribers, by id: every one for
// AllSubscriberStates, else those in state. Errors match
// ErrInvalidArgument (a state that is none), ErrNotFound or ErrIO.
func (l *Lists) Subscribers(list string, state SubscriberState) ([]Subscriber, error) {
	var cs cStrings
	defer cs.free()
	li := cs.str(list, "list")
	cs.require(state >= AllSubscriberStates, "the state must be a SubscriberState or AllSubscriberStates")
	return listsTake(l, &cs, ownedSubscribers,
		func(out **C.mw_subscriber_set, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_subscribers(out, p, a, li, C.int(state), e)
		})
}

// ConsentLog returns a subscriber's consent log. Errors match ErrNotFound
// (the list or the subscriber) or ErrIO.
func (l *Lists) ConsentLog(list, address string) (ConsentLog, error) {
	return bySubscriber(l, list, address, ownedConsentLog,
		func(out **C.mw_consent_log, p *C.mw_lists, a, li, ad *C.char, e **C.mw_error) C.int {
			return C.mw_lists_consent_log(out, p, a, li, ad, e)
		})
}
