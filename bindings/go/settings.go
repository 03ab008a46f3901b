package mailwarden

// #include <mailwarden.h>
import "C"

// applySettings calls each option setter in order and stops at the first
// that fails, returning its error.
func applySettings(settings []func(**C.mw_error) C.int) error {
	for _, set := range settings {
		if err := cCall(set); err != nil {
			return err
		}
	}
	return nil
}

// setters are the setter calls that configure one C object, queued, and
// the C strings they take. apply makes the calls in order.
type setters struct {
	cs    cStrings
	calls []func() error
}

// add queues one setter call.
func (s *setters) add(set func(e **C.mw_error) C.int) {
	s.calls = append(s.calls, func() error { return cCall(set) })
}

// str queues set with v as a C string; what names v in the error of a NUL
// byte.
func (s *setters) str(v, what string, set func(v *C.char, e **C.mw_error) C.int) {
	p := s.cs.str(v, what)
	s.add(func(e **C.mw_error) C.int { return set(p, e) })
}

// nonEmpty is str, but queues nothing for "".
func (s *setters) nonEmpty(v, what string, set func(v *C.char, e **C.mw_error) C.int) {
	if v != "" {
		s.str(v, what, set)
	}
}

// each queues set once for each of values.
func (s *setters) each(values []string, what string, set func(v *C.char, e **C.mw_error) C.int) {
	for _, v := range values {
		s.str(v, what, set)
	}
}

// setHandle queues handing set the library handle that use lends for the
// call: an address policy's options, a resolver, a tracker.
func setHandle[H any](s *setters, use func(func(H) error) error, set func(h H, e **C.mw_error) C.int) {
	s.calls = append(s.calls, func() error {
		return use(func(h H) error {
			return cCall(func(e **C.mw_error) C.int { return set(h, e) })
		})
	})
}

// policyAndResolver queues handing the address policy and the resolver,
// those not nil, to the setters of an options object (the checks Clean and
// Lists share).
func (s *setters) policyAndResolver(policy *AddressPolicy, setPolicy func(*C.mw_address_options, **C.mw_error) C.int,
	resolver *Resolver, setResolver func(*C.mw_resolver, **C.mw_error) C.int) {
	if policy != nil {
		setHandle(s, policy.use, setPolicy)
	}
	if resolver != nil {
		setHandle(s, resolver.use, setResolver)
	}
}

// apply returns the error of a string queued with a NUL byte, or makes the
// queued calls in order and stops at the first that fails.
func (s *setters) apply() error {
	if s.cs.err != nil {
		return s.cs.err
	}
	for _, call := range s.calls {
		if err := call(); err != nil {
			return err
		}
	}
	return nil
}

// build makes a C object with create and configures it: configure queues
// the setter calls (or refuses an option with an error), which are then
// made. On any failure the object is freed and the error returned; else
// the caller frees it.
func build[P any](create func(out *P, e **C.mw_error) C.int, free func(P),
	configure func(o P, s *setters) error) (P, error) {
	o, err := cNew(create)
	if err != nil {
		return o, err
	}
	var s setters
	defer s.cs.free()
	if err = configure(o, &s); err == nil {
		err = s.apply()
	}
	if err != nil {
		free(o)
		var none P
		return none, err
	}
	return o, nil
}
