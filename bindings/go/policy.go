package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"runtime"
	"sync"
)

// PolicyConfig selects what an [AddressPolicy] accepts. The zero value is the
// library's default policy: quoted local parts, address literals and
// special-use domains are rejected; role and no-reply addresses are accepted
// but flagged, which makes their verdict [VerdictRisky].
type PolicyConfig struct {
	// AllowQuotedLocal accepts "quoted string"@ local parts.
	AllowQuotedLocal bool
	// AllowAddressLiteral accepts [192.0.2.1] and [IPv6:...] domains.
	AllowAddressLiteral bool
	// AllowSpecialUse accepts RFC 2606/6761 special-use domains (.test,
	// example.com, ...); they stay flagged and the verdict is risky.
	AllowSpecialUse bool
	// RejectRole rejects role accounts (postmaster@, abuse@, ...) instead of
	// only flagging them.
	RejectRole bool
	// RejectNoreply rejects no-reply forms (noreply@, do-not-reply@, ...)
	// instead of only flagging them.
	RejectNoreply bool
}

// AddressPolicy is a configured set of address-check options, owned by the
// library. Create it with [NewAddressPolicy] and release it with Close.
//
// A policy is immutable once created and may be used by any number of
// goroutines at once. Close may be called at any time, even while checks are
// running: it waits for them, and later checks with the policy fail with an
// error matching [ErrInvalidArgument]. A policy that becomes unreachable
// without being closed is freed by a finalizer, but closing it explicitly
// releases the memory at a known time.
type AddressPolicy struct {
	mu  sync.RWMutex
	ptr *C.mw_address_options // nil once closed
	cfg PolicyConfig
}

// optionSetter is one mw_address_options_set_* function.
type optionSetter func(*C.mw_address_options, C.int, **C.mw_error) C.int

// NewAddressPolicy creates a policy with the given configuration. It fails
// only if the library cannot allocate or set the options; the error then
// matches [ErrNoMemory] or [ErrInvalidArgument].
func NewAddressPolicy(cfg PolicyConfig) (*AddressPolicy, error) {
	var opts *C.mw_address_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_address_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	settings := []struct {
		set optionSetter
		on  bool
	}{
		{func(o *C.mw_address_options, v C.int, e **C.mw_error) C.int {
			return C.mw_address_options_set_allow_quoted_local(o, v, e)
		}, cfg.AllowQuotedLocal},
		{func(o *C.mw_address_options, v C.int, e **C.mw_error) C.int {
			return C.mw_address_options_set_allow_address_literal(o, v, e)
		}, cfg.AllowAddressLiteral},
		{func(o *C.mw_address_options, v C.int, e **C.mw_error) C.int {
			return C.mw_address_options_set_allow_special_use(o, v, e)
		}, cfg.AllowSpecialUse},
		{func(o *C.mw_address_options, v C.int, e **C.mw_error) C.int {
			return C.mw_address_options_set_reject_role(o, v, e)
		}, cfg.RejectRole},
		{func(o *C.mw_address_options, v C.int, e **C.mw_error) C.int {
			return C.mw_address_options_set_reject_noreply(o, v, e)
		}, cfg.RejectNoreply},
	}
	for _, s := range settings {
		var serr *C.mw_error
		if err := errorFromC(s.set(opts, cBool(s.on), &serr), serr); err != nil {
			C.mw_address_options_free(opts)
			return nil, err
		}
	}
	p := &AddressPolicy{ptr: opts, cfg: cfg}
	runtime.SetFinalizer(p, (*AddressPolicy).release)
	return p, nil
}

// Config returns the configuration the policy was created with. It remains
// available after Close.
func (p *AddressPolicy) Config() PolicyConfig {
	return p.cfg
}

// Close frees the library object behind the policy. It waits for checks that
// are using the policy, is idempotent, and always returns nil; the error
// result lets Close be used wherever an io.Closer is expected.
func (p *AddressPolicy) Close() error {
	if p == nil {
		return nil
	}
	p.release()
	runtime.SetFinalizer(p, nil)
	return nil
}

// release frees the options once; it is also the finalizer of the policy.
func (p *AddressPolicy) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ptr != nil {
		C.mw_address_options_free(p.ptr)
		p.ptr = nil
	}
}

// use calls fn with the options of p, or with nil (the library defaults) when
// p is nil. The policy cannot be closed while fn runs. A closed policy yields
// an error matching ErrInvalidArgument and fn is not called.
func (p *AddressPolicy) use(fn func(*C.mw_address_options) error) error {
	if p == nil {
		return fn(nil)
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.ptr == nil {
		return newError(StatusInvalidArgument, "address policy is closed")
	}
	err := fn(p.ptr)
	runtime.KeepAlive(p)
	return err
}

// cBool converts a Go bool to the 0/1 int the C setters take.
func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}
