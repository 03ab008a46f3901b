package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

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
	o, err := build(func(out **C.mw_lists_options, e **C.mw_error) C.int { return C.mw_lists_options_new(out, e) },
		freeListsOptions, func(o *C.mw_lists_options, s *setters) error {
			opts.queueSetters(o, s, lifetime)
			return nil
		})
	if err != nil {
		return nil, err
	}
	defer freeListsOptions(o)
	var ptr *C.mw_lists
	err = r.call(func(p *C.mw_registry) error {
		return cCall(func(e **C.mw_error) C.int { return C.mw_registry_lists(&ptr, p, o, e) })
	})
	if err != nil {
		return nil, err
	}
	st := &listsState{ptr: unsafe.Pointer(ptr)}
	runtime.SetFinalizer(st, (*listsState).close)
	return &Lists{st: st, account: opts.Account}, nil
}

func freeListsOptions(o *C.mw_lists_options) { C.mw_lists_options_free(o) }

// queueSetters queues the setters of the options into o; lifetime is
// ConfirmLifetime in seconds.
func (opts ListsOptions) queueSetters(o *C.mw_lists_options, s *setters, lifetime int64) {
	s.add(func(e **C.mw_error) C.int {
		return C.mw_lists_options_set_refuse_disposable(o, cBool(!opts.AcceptDisposable), e)
	})
	s.add(func(e **C.mw_error) C.int {
		return C.mw_lists_options_set_fold_provider_aliases(o, cBool(opts.FoldProviderAliases), e)
	})
	s.each(opts.AllowDisposable, "disposable allow domain", func(d *C.char, e **C.mw_error) C.int {
		return C.mw_lists_options_add_disposable_allow(o, d, e)
	})
	if opts.ConfirmLifetime != 0 {
		s.add(func(e **C.mw_error) C.int { return C.mw_lists_options_set_confirm_lifetime(o, C.int64_t(lifetime), e) })
	}
	s.nonEmpty(opts.ConfirmLinkBase, "confirm link base", func(url *C.char, e **C.mw_error) C.int {
		return C.mw_lists_options_set_confirm_link_base(o, url, e)
	})
	s.nonEmpty(opts.UnsubscribeLinkBase, "unsubscribe link base", func(url *C.char, e **C.mw_error) C.int {
		return C.mw_lists_options_set_unsubscribe_link_base(o, url, e)
	})
	if opts.ListIDDomain != "" || opts.NoMailto {
		s.str(opts.ListIDDomain, "list id domain", func(domain *C.char, e **C.mw_error) C.int {
			return C.mw_lists_options_set_list_id_domain(o, domain, e)
		})
	}
	s.policyAndResolver(opts.Policy, func(a *C.mw_address_options, e **C.mw_error) C.int {
		return C.mw_lists_options_set_address_options(o, a, e)
	}, opts.Resolver, func(r *C.mw_resolver, e **C.mw_error) C.int {
		return C.mw_lists_options_set_resolver(o, r, e)
	})
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
// for the default), once the call's arguments, made with cs, are all there
// (else it returns their error).
func (l *Lists) call(cs *cStrings, fn func(p *C.mw_lists, account *C.char) error) error {
	if cs.err != nil {
		return cs.err
	}
	if l == nil {
		return errClosed("lists")
	}
	p := (*C.mw_lists)(atomic.LoadPointer(&l.st.ptr))
	if p == nil {
		return errClosed("lists")
	}
	account := cs.optional(l.account, "account")
	if cs.err != nil {
		return cs.err
	}
	err := fn(p, account)
	runtime.KeepAlive(l)
	return err
}

// listsTake is [Lists.call] for one C call that hands back an owned
// object: it returns the object's copy.
func listsTake[P, R any](l *Lists, cs *cStrings, o owned[P, R],
	fn func(out *P, p *C.mw_lists, account *C.char, e **C.mw_error) C.int) (R, error) {
	var out R
	err := l.call(cs, func(p *C.mw_lists, account *C.char) (err error) {
		out, err = o.take(func(ptr *P, e **C.mw_error) C.int { return fn(ptr, p, account, e) })
		return err
	})
	return out, err
}

// withString is listsTake for a call that takes one string besides the
// account: v, named what in the error of a NUL byte.
func withString[P, R any](l *Lists, v, what string, o owned[P, R],
	fn func(out *P, p *C.mw_lists, account, v *C.char, e **C.mw_error) C.int) (R, error) {
	var cs cStrings
	defer cs.free()
	cv := cs.str(v, what)
	return listsTake(l, &cs, o, func(out *P, p *C.mw_lists, account *C.char, e **C.mw_error) C.int {
		return fn(out, p, account, cv, e)
	})
}

// bySubscriber is listsTake for a call that names a subscriber by list and
// address.
func bySubscriber[P, R any](l *Lists, list, address string, o owned[P, R],
	fn func(out *P, p *C.mw_lists, account, list, address *C.char, e **C.mw_error) C.int) (R, error) {
	var cs cStrings
	defer cs.free()
	li, ad := cs.str(list, "list"), cs.str(address, "address")
	return listsTake(l, &cs, o, func(out *P, p *C.mw_lists, account *C.char, e **C.mw_error) C.int {
		return fn(out, p, account, li, ad, e)
	})
}
