package mailwarden

// Subscribing: the double opt-in, from the request to the confirmation.

// #include <mailwarden.h>
import "C"

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

// ownedSubscribeOutcome copies and frees an mw_subscribe_outcome.
var ownedSubscribeOutcome = ownedAs(func(o *C.mw_subscribe_outcome) SubscribeOutcome {
	js, _ := ownedString.take(func(out **C.char, e **C.mw_error) C.int {
		return C.mw_subscribe_outcome_to_json(out, o, e)
	})
	out := SubscribeOutcome{
		Accepted:       C.mw_subscribe_outcome_accepted(o) != 0,
		RefusedBecause: C.GoString(C.mw_subscribe_outcome_refused_because(o)),
		Check:          cleanVerdictFromC(C.mw_subscribe_outcome_check(o)),
		ConfirmLink:    C.GoString(C.mw_subscribe_outcome_confirm_link(o)),
		JSON:           js,
	}
	if s := C.mw_subscribe_outcome_subscriber(o); s != nil {
		v := subscriberFromC(s)
		out.Subscriber = &v
	}
	return out
}, func(o *C.mw_subscribe_outcome) { C.mw_subscribe_outcome_free(o) })

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
	facts := req.ConsentFacts.arg(&cs)
	return listsTake(l, &cs, ownedSubscribeOutcome,
		func(out **C.mw_subscribe_outcome, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_subscribe(out, p, a, li, ad, name, facts, cBool(!req.SingleOptIn), e)
		})
}

// ResendConfirmation mails a pending subscriber a new confirmation link
// (the old one stops working) and returns it. Errors match ErrNotFound,
// ErrInvalidArgument (not pending), or the registry's send errors.
func (l *Lists) ResendConfirmation(list, address string) (string, error) {
	return bySubscriber(l, list, address, ownedString,
		func(link **C.char, p *C.mw_lists, a, li, ad *C.char, e **C.mw_error) C.int {
			return C.mw_lists_resend_confirmation(link, p, a, li, ad, e)
		})
}

// Inspect tells what a confirmation link (or its token) is, with no side
// effect: answer a GET with it (link scanners prefetch every GET), and
// confirm only on a POST. Errors match ErrInvalidArgument (malformed,
// unknown, tampered or replaced), ErrExpired or ErrAlreadyExists (already
// used).
func (l *Lists) Inspect(linkOrToken string) (TokenPreview, error) {
	return withString(l, linkOrToken, "link or token", ownedTokenPreview,
		func(out **C.mw_token_preview, p *C.mw_lists, _, t *C.char, e **C.mw_error) C.int {
			return C.mw_lists_inspect(out, p, t, e)
		})
}

// Confirm uses a confirmation link or token (answer a POST with it): the
// subscriber becomes confirmed. facts' IP and UserAgent go into the consent
// log. Errors as Inspect's: a second Confirm of the same link matches
// ErrAlreadyExists.
func (l *Lists) Confirm(linkOrToken string, facts ConsentFacts) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t := cs.str(linkOrToken, "link or token")
	f := facts.arg(&cs)
	return listsTake(l, &cs, ownedSubscriber,
		func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
			return C.mw_lists_confirm(out, p, t, f, e)
		})
}
