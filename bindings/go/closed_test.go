package mailwarden

import (
	"errors"
	"strings"
	"testing"
)

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
