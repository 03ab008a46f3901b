package mailwarden

import (
	"errors"
	"testing"
	"time"
)

// A Registry over Amazon SES: the project's fake holds an identity PENDING
// until its control endpoint flips it (setStatusOnFake, what a click on
// SES's link does); moto verifies at once and sends.

func TestRegistryTransportChoiceIsChecked(t *testing.T) {
	client := openSES(t, "http://127.0.0.1:1")
	cases := []RegistryConfig{
		{StorePath: tempStore(t)},
		{StorePath: tempStore(t), Outbox: t.TempDir(), SES: client},
		{StorePath: tempStore(t), Outbox: t.TempDir(), VerificationTemplate: "welcome"},
	}
	for _, cfg := range cases {
		_, err := OpenRegistry(cfg)
		if err == nil {
			t.Errorf("OpenRegistry(%+v) succeeded", cfg)
			continue
		}
		wantErr(t, err, ErrInvalidArgument, "OpenRegistry")
		// The library checks the rules and says which one failed.
		var mwErr *Error
		if !errors.As(err, &mwErr) || mwErr.Origin != "mailwarden" {
			t.Errorf("OpenRegistry(%+v) = %+v", cfg, err)
		}
	}
	closed := openSES(t, "http://127.0.0.1:1")
	_ = closed.Close()
	_, err := OpenRegistry(RegistryConfig{StorePath: tempStore(t), SES: closed})
	wantErr(t, err, ErrInvalidArgument, "OpenRegistry with a closed client")
}

func TestRegistryOverSESFollowsIdentityStatus(t *testing.T) {
	endpoint := sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT")
	client := openSES(t, endpoint)
	r := openTest(t, RegistryConfig{StorePath: tempStore(t), SES: client, ManualClock: t0})
	_ = client.Close() // the registry holds its own reference

	if s := mustAdd(t, r, "support@iana.org", "IANA Support", ""); s.State != SenderStatePending {
		t.Fatalf("state after Add = %v, want Pending", s.State)
	}
	if checked, changed, err := r.Refresh(); err != nil || checked != 1 || changed != 0 {
		t.Fatalf("Refresh = %d, %d, %v; want 1, 0", checked, changed, err)
	}
	_, err := r.LastLink("support@iana.org")
	wantErr(t, err, ErrInvalidArgument, "LastLink over SES")
	_, err = r.Send(Message{From: "support@iana.org", To: []string{"reader@iana.org"}, Subject: "Hi", Text: "x"})
	wantErr(t, err, ErrNotVerified, "Send from a pending sender")

	setStatusOnFake(t, endpoint, "support@iana.org", "SUCCESS")
	if _, changed, err := r.Refresh(); err != nil || changed != 1 {
		t.Fatalf("Refresh after SUCCESS: changed %d, %v", changed, err)
	}
	if s := mustGet(t, r, "support@iana.org", ""); s.State != SenderStateSuccess {
		t.Fatalf("state = %v, want Success", s.State)
	}
	// Verified senders are checked again after 6 hours: a withdrawn
	// verification shows then.
	setStatusOnFake(t, endpoint, "support@iana.org", "FAILED")
	mustAdvance(t, r, 7*time.Hour)
	if _, changed, err := r.Refresh(); err != nil || changed != 1 {
		t.Fatalf("Refresh after FAILED: changed %d, %v", changed, err)
	}
	if s := mustGet(t, r, "support@iana.org", ""); s.State != SenderStateFailed {
		t.Fatalf("state = %v, want Failed", s.State)
	}
	if err := r.Remove("support@iana.org", true, ""); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	_, err = openSES(t, endpoint).GetIdentity("support@iana.org")
	wantErr(t, err, ErrNotFound, "GetIdentity after Remove with deleteIdentity")
}

func TestRegistryOverSESSends(t *testing.T) {
	client := openSES(t, sesEndpoint(t, "MW_TEST_MOTO_ENDPOINT"))
	r := openTest(t, RegistryConfig{StorePath: tempStore(t), SES: client})
	mustAdd(t, r, "events@iana.org", "", "")
	if _, _, err := r.Refresh(); err != nil { // moto verifies at once
		t.Fatalf("Refresh: %v", err)
	}
	id, err := r.Send(Message{From: "events@iana.org", To: []string{"reader@iana.org"}, Subject: "Hello", Text: "body"})
	if err != nil || id == "" {
		t.Fatalf("Send = %q, %v", id, err)
	}
}
