package mailwarden

// Unsubscribing: by link or token (RFC 8058 one-click included) and by
// address.

// #include <mailwarden.h>
import "C"

// InspectUnsubscribe tells whom an unsubscribe link or token names, with
// no side effect (a GET). Errors match ErrInvalidArgument (malformed or
// forged) or ErrNotFound (purged).
func (l *Lists) InspectUnsubscribe(linkOrToken string) (Subscriber, error) {
	return withString(l, linkOrToken, "link or token", ownedSubscriber,
		func(out **C.mw_subscriber, p *C.mw_lists, _, t *C.char, e **C.mw_error) C.int {
			return C.mw_lists_inspect_unsubscribe(out, p, t, e)
		})
}

// Unsubscribe unsubscribes at once the subscriber a link or token names;
// twice is not an error. how is recorded in the consent log ("one-click",
// "link", "mailto", "api"), with facts' IP and UserAgent. Errors as
// InspectUnsubscribe's.
func (l *Lists) Unsubscribe(linkOrToken, how string, facts ConsentFacts) (Subscriber, error) {
	return unsubscribeByToken(l, linkOrToken, how, "how", facts,
		func(out **C.mw_subscriber, p *C.mw_lists, t, h *C.char, f *C.mw_consent_facts, e **C.mw_error) C.int {
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
	return unsubscribeByToken(l, linkOrToken, contentType, "content type", facts,
		func(out **C.mw_subscriber, p *C.mw_lists, t, ct *C.char, f *C.mw_consent_facts, e **C.mw_error) C.int {
			return C.mw_lists_unsubscribe_post(out, p, t, ct, bytesData(body), C.size_t(len(body)), f, e)
		})
}

// unsubscribeByToken is listsTake for unsubscribing the subscriber a link or token
// names (the call takes no account), with one more string, v named what in
// the error of a NUL byte, and the consent facts.
func unsubscribeByToken(l *Lists, linkOrToken, v, what string, facts ConsentFacts,
	fn func(out **C.mw_subscriber, p *C.mw_lists, token, v *C.char, f *C.mw_consent_facts, e **C.mw_error) C.int,
) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	t, cv := cs.str(linkOrToken, "link or token"), cs.str(v, what)
	f := facts.arg(&cs)
	return listsTake(l, &cs, ownedSubscriber, func(out **C.mw_subscriber, p *C.mw_lists, _ *C.char, e **C.mw_error) C.int {
		return fn(out, p, t, cv, f, e)
	})
}

// UnsubscribeAddress unsubscribes an address from a list (an operator, or
// an API call); how "" is recorded as "api". Errors match ErrNotFound or
// ErrIO.
func (l *Lists) UnsubscribeAddress(list, address, how string) (Subscriber, error) {
	var cs cStrings
	defer cs.free()
	li, ad, h := cs.str(list, "list"), cs.str(address, "address"), cs.optional(how, "how")
	return listsTake(l, &cs, ownedSubscriber,
		func(out **C.mw_subscriber, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_lists_unsubscribe_address(out, p, a, li, ad, h, e)
		})
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
