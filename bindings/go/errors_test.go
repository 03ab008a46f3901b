package mailwarden

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestStatusValuesAndNames(t *testing.T) {
	cases := []struct {
		s    Status
		num  int
		name string
	}{
		{StatusOK, 0, "MW_OK"},
		{StatusInvalidArgument, -1, "MW_EINVAL"},
		{StatusNoMemory, -2, "MW_ENOMEM"},
		{StatusInternal, -3, "MW_EINTERNAL"},
		{StatusNotFound, -4, "MW_ENOTFOUND"},
		{StatusAlreadyExists, -5, "MW_EEXIST"},
		{StatusIO, -6, "MW_EIO"},
		{StatusTimedOut, -7, "MW_ETIMEDOUT"},
		{StatusParse, -8, "MW_EPARSE"},
		{StatusRange, -9, "MW_ERANGE"},
		{StatusNotVerified, -10, "MW_ENOTVERIFIED"},
		{StatusTransport, -11, "MW_ETRANSPORT"},
		{StatusExpired, -12, "MW_EEXPIRED"},
		{StatusSuspended, -13, "MW_ESUSPENDED"},
		{StatusPolicy, -14, "MW_EPOLICY"},
	}
	for _, c := range cases {
		if int(c.s) != c.num {
			t.Errorf("%s = %d, want %d", c.name, int(c.s), c.num)
		}
		if got := c.s.String(); got != c.name {
			t.Errorf("Status(%d).String() = %q, want %q", c.num, got, c.name)
		}
	}
	if got := Status(-15).String(); got != "MW_EUNKNOWN" {
		t.Errorf("Status(-15) name = %q, want MW_EUNKNOWN", got)
	}
	if got := Status(-42).String(); got != "MW_EUNKNOWN" {
		t.Errorf("unknown status name = %q", got)
	}
}

func TestErrorIsComparesCodes(t *testing.T) {
	err := fmt.Errorf("adding sender: %w", &Error{Code: StatusNotFound, Message: "no such sender"})
	if !errors.Is(err, ErrNotFound) {
		t.Error("wrapped not-found error does not match ErrNotFound")
	}
	if errors.Is(err, ErrAlreadyExists) {
		t.Error("not-found error matches ErrAlreadyExists")
	}
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.Message != "no such sender" {
		t.Errorf("errors.As: %#v", mwErr)
	}
	if s := mwErr.Error(); !strings.Contains(s, "no such sender") || !strings.Contains(s, "MW_ENOTFOUND") {
		t.Errorf("Error() = %q", s)
	}
	sentinels := []*Error{ErrInvalidArgument, ErrNoMemory, ErrInternal, ErrNotFound,
		ErrAlreadyExists, ErrIO, ErrTimedOut, ErrParse, ErrRange, ErrNotVerified, ErrTransport,
		ErrExpired, ErrSuspended, ErrPolicy}
	for i, s := range sentinels {
		if s.Code != Status(-(i + 1)) {
			t.Errorf("sentinel %d has code %v", i, s.Code)
		}
		for j, o := range sentinels {
			if errors.Is(s, o) != (i == j) {
				t.Errorf("errors.Is(%v, %v) = %v", s, o, i != j)
			}
		}
	}
}
