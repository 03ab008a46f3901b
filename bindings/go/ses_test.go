package mailwarden

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The SES peers are started by tests/peers/run-with-ses-peers.sh: moto
// (identities), aws-ses-v2-local (SendEmail, GetAccount) and the project's
// fake (domains with DKIM tokens, AlreadyExists, the suppression list,
// MessageRejected). Tests needing one skip only when its variable is unset.

const testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

func sesEndpoint(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Skipf("%s is unset: run through tests/peers/run-with-ses-peers.sh", name)
	}
	return v
}

func openSES(t *testing.T, endpoint string, tweak ...func(*SESConfig)) *SESClient {
	t.Helper()
	cfg := SESConfig{
		Region: "us-east-1", Endpoint: endpoint, AllowPlaintext: true,
		AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret,
		MaxAttempts: 2, DisableRateLimit: true,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	c, err := OpenSESClient(cfg)
	if err != nil {
		t.Fatalf("OpenSESClient: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestSESConfigIsChecked(t *testing.T) {
	cases := []SESConfig{
		{Region: "us-east-1", Endpoint: "http://127.0.0.1:1"},
		{Region: "us-east-1", Endpoint: "ftp://127.0.0.1/"},
		{Region: "us-east-1", MaxAttempts: 11},
		{Region: "us-east-1", MaxSendRate: -1},
		{Region: "us-east-1", AccessKeyID: "AKID"},
		{Region: "us-east-1", Endpoint: "http://127.0.0.1:1\x00"},
	}
	for _, cfg := range cases {
		if _, err := OpenSESClient(cfg); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("OpenSESClient(%+v) = %v, want ErrInvalidArgument", cfg, err)
		}
	}
	c, err := OpenSESClient(SESConfig{Region: "eu-west-1"}) // default endpoint; nothing sent
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetAccount(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("GetAccount after Close = %v", err)
	}
}

func TestSESInvalidArgumentsAndTransportFailure(t *testing.T) {
	c := openSES(t, "http://127.0.0.1:1")
	bad := []SESMessage{
		{From: "a@iana.org", To: []string{"b@iana.org"}, Subject: "s"},                // no body
		{From: "a@iana.org", Subject: "s", Text: "t"},                                 // no recipient
		{To: []string{"b@iana.org"}, Subject: "s", Text: "t"},                         // no from
		{Raw: "From: a@iana.org\r\n\r\nx", Subject: "s"},                              // raw and subject
		{From: "a@iana.org", To: []string{"b\x00@iana.org"}, Subject: "s", Text: "t"}, // NUL
	}
	for _, m := range bad {
		if _, err := c.SendEmail(m); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("SendEmail(%+v) = %v, want ErrInvalidArgument", m, err)
		}
	}
	if _, err := c.GetIdentity(""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("GetIdentity(\"\") = %v", err)
	}
	if err := c.PutSuppressedDestination("a@iana.org", SuppressionReason(7)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad reason: %v", err)
	}
	_, err := c.GetAccount()
	if !errors.Is(err, ErrTransport) {
		t.Fatalf("GetAccount on a closed port = %v, want ErrTransport", err)
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Errorf("the error names the secret: %v", err)
	}
}

func TestSESIdentitiesOnMoto(t *testing.T) {
	c := openSES(t, sesEndpoint(t, "MW_TEST_MOTO_ENDPOINT"))
	created, err := c.CreateIdentity("go-alice@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if created.Type != "EMAIL_ADDRESS" {
		t.Errorf("type %q", created.Type)
	}
	if _, err := c.CreateIdentity("go-bob@iana.org"); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetIdentity("go-alice@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "go-alice@iana.org" || got.VerificationStatus != "SUCCESS" { // moto verifies at once
		t.Errorf("got %+v", got)
	}
	var details map[string]any
	if err := json.Unmarshal(got.JSON, &details); err != nil {
		t.Fatal(err)
	}
	if details["name"] != "go-alice@iana.org" || details["verified_for_sending"] != got.VerifiedForSending {
		t.Errorf("JSON %s", got.JSON)
	}
	if err := c.DeleteIdentity("go-bob@iana.org"); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetIdentity("go-bob@iana.org")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "NotFoundException (404)") {
		t.Errorf("GetIdentity after delete = %v", err)
	}
}

func TestSESFake(t *testing.T) {
	c := openSES(t, sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT"))
	domain, err := c.CreateIdentity("go.iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if domain.Type != "DOMAIN" || len(domain.DKIMTokens) != 3 {
		t.Errorf("domain %+v", domain)
	}
	again, err := c.GetIdentity("go.iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if again.VerificationStatus != "PENDING" || again.VerifiedForSending || strings.Join(again.DKIMTokens, ",") != strings.Join(domain.DKIMTokens, ",") {
		t.Errorf("again %+v", again)
	}
	if _, err := c.CreateIdentity("go.iana.org"); !errors.Is(err, ErrAlreadyExists) {
		t.Errorf("second create = %v", err)
	}
	if _, err := c.CreateIdentity("go-sender@iana.org"); err != nil {
		t.Fatal(err)
	}
	_, err = c.SendEmail(SESMessage{From: "go-sender@iana.org", To: []string{"r@iana.org"}, Subject: "s", Text: "t"})
	if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "MessageRejected (400)") {
		t.Errorf("send from unverified = %v", err)
	}

	if err := c.PutSuppressedDestination("go-bounced@iana.org", SuppressionBounce); err != nil {
		t.Fatal(err)
	}
	if err := c.PutSuppressedDestination("go-angry@iana.org", SuppressionComplaint); err != nil {
		t.Fatal(err)
	}
	entry, err := c.GetSuppressedDestination("go-angry@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if entry.Reason != SuppressionComplaint || time.Since(entry.LastUpdateTime) > 10*time.Minute {
		t.Errorf("entry %+v", entry)
	}
	if b, err := c.GetSuppressedDestination("go-bounced@iana.org"); err != nil || b.Reason != SuppressionBounce {
		t.Errorf("bounced %+v %v", b, err)
	}
	if err := c.DeleteSuppressedDestination("go-angry@iana.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetSuppressedDestination("go-angry@iana.org"); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete = %v", err)
	}
	if err := c.DeleteIdentity("go.iana.org"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteIdentity("go.iana.org"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v", err)
	}
}

func TestSESSendOnSESLocal(t *testing.T) {
	endpoint := sesEndpoint(t, "MW_TEST_SES_LOCAL_ENDPOINT")
	c := openSES(t, endpoint, func(cfg *SESConfig) { cfg.DisableRateLimit = false })
	account, err := c.GetAccount()
	if err != nil {
		t.Fatal(err)
	}
	if account.MaxSendRate != 14 || account.Max24HourSend != 50000 || !account.SendingEnabled {
		t.Errorf("account %+v", account)
	}
	id, err := c.SendEmail(SESMessage{From: "news@iana.org", DisplayName: "Go News", To: []string{"reader@iana.org"},
		Subject: "Hello from Go", Text: "go plain text", HTML: "<p>go</p>"})
	if err != nil || id == "" {
		t.Fatalf("SendEmail = %q, %v", id, err)
	}
	rawID, err := c.SendEmail(SESMessage{Raw: "From: news@iana.org\r\nTo: reader@iana.org\r\nSubject: Raw\r\n\r\nraw from go\r\n"})
	if err != nil || rawID == "" || rawID == id {
		t.Fatalf("raw SendEmail = %q, %v", rawID, err)
	}

	// Goroutines share one client.
	var wg sync.WaitGroup
	ids := make([]string, 6)
	errs := make([]error, 6)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ids[i], errs[i] = c.SendEmail(SESMessage{From: "news@iana.org", To: []string{"r@iana.org"}, Subject: "goroutines", Text: "x"})
		}(i)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range ids {
		if errs[i] != nil {
			t.Errorf("send %d: %v", i, errs[i])
		}
		seen[ids[i]] = true
	}
	if len(seen) != 6 {
		t.Errorf("ids %v", ids)
	}

	resp, err := http.Get(endpoint + "/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "go plain text") || !strings.Contains(string(body), "Go News") {
		t.Errorf("the peer did not store the message")
	}
}
