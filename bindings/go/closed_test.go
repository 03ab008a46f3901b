package mailwarden

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// closeWhileCalling lets the callers run for a moment, closes the handle
// under them, waits for them, and checks what each reported.
func closeWhileCalling(t *testing.T, after time.Duration, closeHandle func() error, callers *sync.WaitGroup,
	errs chan error, what string) {
	t.Helper()
	time.Sleep(after)
	if err := closeHandle(); err != nil {
		t.Fatal(err)
	}
	callers.Wait()
	close(errs)
	expectClosedHandle(t, errs, what)
}

// expectClosedHandle drains errs: each error, from a call that raced Close,
// must be the library's answer for a closed handle.
func expectClosedHandle(t *testing.T, errs <-chan error, what string) {
	t.Helper()
	for err := range errs {
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "closed") {
			t.Errorf("%s = %v, want the closed handle's error", what, err)
		}
	}
}

// closedPolicyAndResolver are an address policy and a resolver, both
// closed: options that hand them to the library must fail.
func closedPolicyAndResolver(t *testing.T) (*AddressPolicy, *Resolver) {
	t.Helper()
	policy, _ := NewAddressPolicy(PolicyConfig{})
	policy.Close()
	resolver, err := OpenResolver(ResolverConfig{Servers: []string{"127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	resolver.Close()
	return policy, resolver
}
