package mailwarden

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// The SES peers are started by tests/peers/run-with-ses-peers.sh: moto
// (identities), aws-ses-v2-local (SendEmail, GetAccount) and the project's
// fake (domains with DKIM tokens, AlreadyExists, the suppression list and its
// pages, identity pages, MAIL FROM, custom verification templates,
// MessageRejected; moto 5.1 answers those listings, MAIL FROM and templates
// with 404 in server mode). The domain report of an SES identity also asks
// the unbound of tests/peers/unbound/run-with-unbound.sh (MW_TEST_DNS). A
// test whose peer's variable is unset is skipped, or fails under
// MW_REQUIRE_PEERS (missing).

const testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

func sesEndpoint(t *testing.T, name string) string {
	t.Helper()
	return peerEnv(t, name, "tests/peers/run-with-ses-peers.sh")
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
	// No answer: nothing from the service, retried up to MaxAttempts.
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.ServiceCode != "" || mwErr.HTTPStatus != 0 || mwErr.RequestID != "" ||
		mwErr.Attempts != 2 || !mwErr.Retryable || !mwErr.Temporary() || mwErr.Origin == "" || mwErr.DNSRcode != -1 {
		t.Errorf("GetAccount on a closed port: %+v", mwErr)
	}
}

func TestSESListingMailFromAndTemplateArgumentsAreCheckedFirst(t *testing.T) {
	c := openSES(t, "http://127.0.0.1:1")
	for _, size := range []int{-1, 1001, 1 << 40} {
		if _, err := c.ListIdentities(size, ""); !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "page size") {
			t.Errorf("ListIdentities(%d) = %v", size, err)
		}
		if _, err := c.ListSuppressedDestinations(size, ""); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ListSuppressedDestinations(%d) = %v", size, err)
		}
	}
	if _, err := c.ListIdentities(2, "1\x00"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("token with NUL: %v", err)
	}
	for _, b := range []MXFailureBehavior{2, -1, 1 << 32} {
		if err := c.PutIdentityMailFrom("iana.org", "bounce.iana.org", b); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("behaviour %d: %v", int(b), err)
		}
	}
	if err := c.PutIdentityMailFrom("", "bounce.iana.org", MXFailureRejectMessage); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty identity: %v", err)
	}
	full := SESCustomVerificationTemplate{Name: "brand", From: "verify@iana.org", Subject: "Confirm",
		HTML: "<p>Confirm</p>", SuccessURL: "https://iana.org/ok", FailureURL: "https://iana.org/failed"}
	for _, blank := range []func(*SESCustomVerificationTemplate){
		func(t *SESCustomVerificationTemplate) { t.Name = "" },
		func(t *SESCustomVerificationTemplate) { t.From = "" },
		func(t *SESCustomVerificationTemplate) { t.Subject = "" },
		func(t *SESCustomVerificationTemplate) { t.HTML = "" },
		func(t *SESCustomVerificationTemplate) { t.SuccessURL = "" },
		func(t *SESCustomVerificationTemplate) { t.FailureURL = "" },
	} {
		tmpl := full
		blank(&tmpl)
		err := c.CreateCustomVerificationEmailTemplate(tmpl)
		if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "must not be NULL or empty") {
			t.Errorf("template %+v: %v", tmpl, err)
		}
	}
	if _, err := c.SendCustomVerificationEmail("", "brand", ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty address: %v", err)
	}
	if _, err := c.SendCustomVerificationEmail("a@iana.org", "", ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty template: %v", err)
	}
	// Valid arguments reach the transport, which refuses.
	if _, err := c.ListSuppressedDestinations(0, ""); !errors.Is(err, ErrTransport) {
		t.Errorf("ListSuppressedDestinations on a closed port = %v", err)
	}
	if err := c.CreateCustomVerificationEmailTemplate(full); !errors.Is(err, ErrTransport) {
		t.Errorf("CreateCustomVerificationEmailTemplate on a closed port = %v", err)
	}

	r, err := OpenResolver(ResolverConfig{Servers: []string{"127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, domain := range []string{"", "news@", "a\x00b.test"} {
		if _, err := CheckDomainSES(r, c, domain); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("CheckDomainSES(%q) = %v", domain, err)
		}
	}
	if _, err := CheckDomainSES(r, nil, "iana.org"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil client: %v", err)
	}
	if _, err := CheckDomainSES(nil, c, "iana.org"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil resolver: %v", err)
	}
	if _, err := CheckDomainSES(r, c, "iana.org"); !errors.Is(err, ErrTransport) { // SES is asked first
		t.Errorf("CheckDomainSES on a closed port = %v", err)
	}
	c.Close()
	if _, err := c.ListIdentities(0, ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("ListIdentities after Close = %v", err)
	}
	if _, err := c.SendCustomVerificationEmail("a@iana.org", "brand", ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("SendCustomVerificationEmail after Close = %v", err)
	}
	if _, err := CheckDomainSES(r, c, "iana.org"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("CheckDomainSES after Close = %v", err)
	}
}

// setStatusOnFake flips an identity's verification status through the fake's
// control endpoint (not part of SES, so not signed: the fake checks the
// signature of SES requests only).
func setStatusOnFake(t *testing.T, endpoint, identity, status string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"VerificationStatus": status})
	req, err := http.NewRequest("POST", endpoint+"/_fake/identities/"+url.PathEscape(identity)+"/status", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("flipping %s: HTTP %d", identity, resp.StatusCode)
	}
}

func TestSESIdentityPagesOnFake(t *testing.T) {
	endpoint := sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT")
	c := openSES(t, endpoint)
	created := []string{"go-page-a@iana.org", "go-page-b@iana.org", "go-page-c@iana.org", "go-page-d@iana.org", "go-pages.iana.org"}
	for _, name := range created {
		if _, err := c.CreateIdentity(name); err != nil {
			t.Fatal(err)
		}
	}
	setStatusOnFake(t, endpoint, "go-page-b@iana.org", "SUCCESS")

	all, err := c.ListIdentities(0, "") // SES chooses: the fake gives everything
	if err != nil {
		t.Fatal(err)
	}
	if all.NextToken != "" || len(all.Identities) < len(created) {
		t.Fatalf("one page: %+v", all)
	}
	var paged []SESIdentitySummary
	pages := 0
	for token := ""; ; {
		page, err := c.ListIdentities(2, token)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if n := len(page.Identities); n < 1 || n > 2 {
			t.Errorf("page %d holds %d", pages, n)
		}
		paged = append(paged, page.Identities...)
		if page.NextToken == "" || pages > 20 {
			break
		}
		token = page.NextToken
	}
	if pages != (len(all.Identities)+1)/2 || pages < 3 {
		t.Errorf("%d pages for %d identities", pages, len(all.Identities))
	}
	if !reflect.DeepEqual(paged, all.Identities) {
		t.Errorf("pages %+v\nall %+v", paged, all.Identities)
	}
	byName := map[string]SESIdentitySummary{}
	for _, i := range paged {
		byName[i.Name] = i
	}
	if len(byName) != len(paged) {
		t.Errorf("an identity is on two pages: %+v", paged)
	}
	if got := byName["go-page-b@iana.org"]; got != (SESIdentitySummary{"go-page-b@iana.org", "EMAIL_ADDRESS", "SUCCESS", true}) {
		t.Errorf("flipped identity %+v", got)
	}
	if got := byName["go-page-a@iana.org"]; got != (SESIdentitySummary{"go-page-a@iana.org", "EMAIL_ADDRESS", "PENDING", false}) {
		t.Errorf("pending identity %+v", got)
	}
	if got := byName["go-pages.iana.org"]; got.Type != "DOMAIN" {
		t.Errorf("domain %+v", got)
	}
}

func TestSESSuppressionPagesOnFake(t *testing.T) {
	c := openSES(t, sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT"))
	entries := map[string]SuppressionReason{
		"go-list-1@iana.org": SuppressionBounce,
		"go-list-2@iana.org": SuppressionComplaint,
		"go-list-3@iana.org": SuppressionBounce,
	}
	for address, reason := range entries {
		if err := c.PutSuppressedDestination(address, reason); err != nil {
			t.Fatal(err)
		}
	}
	listAll := func(pageSize int) (map[string]SuppressedDestination, int) {
		seen := map[string]SuppressedDestination{}
		pages := 0
		for token := ""; ; {
			page, err := c.ListSuppressedDestinations(pageSize, token)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if pageSize > 0 && len(page.Destinations) > pageSize {
				t.Errorf("page of %d holds %d", pageSize, len(page.Destinations))
			}
			for _, d := range page.Destinations {
				if _, dup := seen[d.Address]; dup {
					t.Errorf("%s on two pages", d.Address)
				}
				seen[d.Address] = d
			}
			if page.NextToken == "" || pages > 20 {
				return seen, pages
			}
			token = page.NextToken
		}
	}
	whole, onePage := listAll(0)
	paged, pages := listAll(2)
	if onePage != 1 || pages != (len(whole)+1)/2 || pages < 2 || !reflect.DeepEqual(whole, paged) {
		t.Errorf("%d pages of 2 for %d entries", pages, len(whole))
	}
	for address, reason := range entries {
		d, ok := paged[address]
		if !ok || d.Reason != reason || time.Since(d.LastUpdateTime) > 10*time.Minute {
			t.Errorf("%s: %+v", address, d)
		}
		if one, err := c.GetSuppressedDestination(address); err != nil || one != d {
			t.Errorf("Get %s = %+v, %v; the page says %+v", address, one, err, d)
		}
	}
	if err := c.DeleteSuppressedDestination("go-list-2@iana.org"); err != nil {
		t.Fatal(err)
	}
	if after, _ := listAll(1); len(after) != len(whole)-1 {
		t.Errorf("after delete: %d entries", len(after))
	} else if _, still := after["go-list-2@iana.org"]; still {
		t.Error("the deleted address is still listed")
	}
}

func TestSESMailFromAndCustomVerificationOnFake(t *testing.T) {
	c := openSES(t, sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT"))
	if _, err := c.CreateIdentity("go-mailfrom.iana.org"); err != nil {
		t.Fatal(err)
	}
	before, err := c.GetIdentity("go-mailfrom.iana.org")
	if err != nil || before.MailFromDomain != "" || before.MailFromStatus != "UNKNOWN" || before.MailFromBehavior != "" {
		t.Errorf("before: %+v %v", before, err)
	}
	if err := c.PutIdentityMailFrom("go-mailfrom.iana.org", "bounce.go-mailfrom.iana.org", MXFailureRejectMessage); err != nil {
		t.Fatal(err)
	}
	after, err := c.GetIdentity("go-mailfrom.iana.org")
	if err != nil || after.MailFromDomain != "bounce.go-mailfrom.iana.org" || after.MailFromStatus != "PENDING" ||
		after.MailFromBehavior != MXFailureRejectMessage.String() {
		t.Errorf("after: %+v %v", after, err)
	}
	var details struct {
		MailFrom map[string]string `json:"mail_from"`
	}
	if err := json.Unmarshal(after.JSON, &details); err != nil || details.MailFrom["domain"] != "bounce.go-mailfrom.iana.org" {
		t.Errorf("JSON %s", after.JSON)
	}
	if err := c.PutIdentityMailFrom("go-mailfrom.iana.org", "mail.go-mailfrom.iana.org", MXFailureUseDefaultValue); err != nil {
		t.Fatal(err)
	}
	if again, _ := c.GetIdentity("go-mailfrom.iana.org"); again.MailFromBehavior != "USE_DEFAULT_VALUE" {
		t.Errorf("again: %+v", again)
	}
	err = c.PutIdentityMailFrom("go-nobody.iana.org", "bounce.go-nobody.iana.org", MXFailureRejectMessage)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "NotFoundException (404)") {
		t.Errorf("unknown identity: %v", err)
	}

	tmpl := SESCustomVerificationTemplate{Name: "go-brand", From: "verify@iana.org", Subject: "Confirm your sender",
		HTML: "<p>Please confirm</p>", SuccessURL: "https://iana.org/ok", FailureURL: "https://iana.org/failed"}
	if err := c.CreateCustomVerificationEmailTemplate(tmpl); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateCustomVerificationEmailTemplate(tmpl); !errors.Is(err, ErrAlreadyExists) {
		t.Errorf("second template: %v", err)
	}
	if _, err := c.GetIdentity("go-custom@iana.org"); !errors.Is(err, ErrNotFound) {
		t.Errorf("before the mail: %v", err)
	}
	first, err := c.SendCustomVerificationEmail("go-custom@iana.org", "go-brand", "")
	if err != nil || first == "" { // a message id: opaque, only its presence is promised
		t.Fatalf("SendCustomVerificationEmail = %q, %v", first, err)
	}
	if id, err := c.GetIdentity("go-custom@iana.org"); err != nil || id.VerificationStatus != "PENDING" {
		t.Errorf("after the mail: %+v %v", id, err)
	}
	second, err := c.SendCustomVerificationEmail("go-custom2@iana.org", "go-brand", "go-config")
	if err != nil || second == first {
		t.Errorf("second mail %q, %v", second, err)
	}
	if _, err := c.SendCustomVerificationEmail("go-custom3@iana.org", "go-no-such-template", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown template: %v", err)
	}
}

func TestCheckDomainSESOnFake(t *testing.T) {
	c := openSES(t, sesEndpoint(t, "MW_TEST_SES_FAKE_ENDPOINT"))
	r := testResolver(t)
	if _, err := CheckDomainSES(r, c, "ses-brand.test"); !errors.Is(err, ErrNotFound) {
		t.Errorf("before the identity: %v", err)
	}
	identity, err := c.CreateIdentity("ses-brand.test")
	if err != nil {
		t.Fatal(err)
	}
	// tests/peers/unbound/auth-zones/ses-brand.test.zone publishes the fake's
	// tokens and bounce.ses-brand.test.
	report, err := CheckDomainSES(r, c, "ses-brand.test")
	if err != nil {
		t.Fatal(err)
	}
	if report.Domain != "ses-brand.test" || report.Region != "us-east-1" || report.Verdict != AuthPass || len(report.Findings) != 0 {
		t.Errorf("report %+v", report)
	}
	var dkim []string
	for _, rec := range report.Records {
		if rec.Status != RecordOK || strings.HasPrefix(rec.Purpose, "mail_from") {
			t.Errorf("record %+v", rec)
		}
		if rec.Purpose == "dkim" {
			dkim = append(dkim, rec.Name)
		}
	}
	var want []string
	for _, tok := range identity.DKIMTokens {
		want = append(want, tok+"._domainkey.ses-brand.test")
	}
	if !reflect.DeepEqual(dkim, want) {
		t.Errorf("DKIM records %v, want %v", dkim, want)
	}

	if err := c.PutIdentityMailFrom("ses-brand.test", "bounce.ses-brand.test", MXFailureRejectMessage); err != nil {
		t.Fatal(err)
	}
	report, err = CheckDomainSES(r, c, "news@ses-brand.test")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rec := range report.Records {
		if rec.Purpose == "mail_from_mx" {
			found = rec.Name == "bounce.ses-brand.test" && rec.Value == "10 feedback-smtp.us-east-1.amazonses.com" && rec.Status == RecordOK
		}
	}
	if !found || report.Verdict != AuthPass {
		t.Errorf("with MAIL FROM: %+v", report)
	}
	if err := c.PutIdentityMailFrom("ses-brand.test", "mail.ses-brand.test", MXFailureUseDefaultValue); err != nil {
		t.Fatal(err)
	}
	report, err = CheckDomainSES(r, c, "ses-brand.test")
	if err != nil || report.Verdict != AuthFail || !report.HasFinding("mail_from.mx_missing") {
		t.Errorf("unpublished MAIL FROM: %+v %v", report, err)
	}
}

// Each peer checks signatures like SES (the fake itself, moto and
// aws-ses-v2-local behind tests/peers/verifying_proxy.py): a wrong secret is
// refused and, where the peer keeps identities, nothing is created.
func TestSESWrongSecretIsRefusedByEveryPeer(t *testing.T) {
	for _, peer := range []string{"MW_TEST_MOTO_ENDPOINT", "MW_TEST_SES_FAKE_ENDPOINT", "MW_TEST_SES_LOCAL_ENDPOINT"} {
		t.Run(peer, func(t *testing.T) {
			endpoint := sesEndpoint(t, peer)
			forged := openSES(t, endpoint, func(c *SESConfig) { c.SecretAccessKey = "not-the-secret-of-AKIDEXAMPLE" })
			_, err := forged.CreateIdentity("go-forged@iana.org")
			if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), "SignatureDoesNotMatch (403)") {
				t.Errorf("CreateIdentity with a wrong secret = %v", err)
			}
			var refused *Error
			if errors.As(err, &refused) && (refused.ServiceCode != "SignatureDoesNotMatch" || refused.Attempts != 1 || refused.Retryable) {
				t.Errorf("the refusal's detail = %+v, want SignatureDoesNotMatch after 1 attempt, not retryable", refused)
			}
			if _, err := forged.GetAccount(); !errors.Is(err, ErrAuth) {
				t.Errorf("GetAccount with a wrong secret = %v", err)
			}
			if peer == "MW_TEST_SES_LOCAL_ENDPOINT" {
				return
			}
			if _, err := openSES(t, endpoint).GetIdentity("go-forged@iana.org"); !errors.Is(err, ErrNotFound) {
				t.Errorf("the refused identity exists: %v", err)
			}
		})
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
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.ServiceCode != "NotFoundException" || mwErr.HTTPStatus != 404 ||
		mwErr.RequestID == "" || mwErr.Retryable {
		t.Errorf("NotFoundException: %+v", mwErr)
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
	// The service's answer, in the error's fields.
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.Origin != "ses" || mwErr.ServiceCode != "MessageRejected" ||
		mwErr.HTTPStatus != 400 || mwErr.Attempts != 1 || mwErr.Retryable || mwErr.OutcomeUnknown {
		t.Errorf("MessageRejected: %+v", mwErr)
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

// Close while 8 goroutines call the client: no crash; each call ends with
// its own outcome (here the refused connection) or the closed client.
func TestSESClientCloseWhileCallsRun(t *testing.T) {
	c, err := OpenSESClient(SESConfig{Region: "us-east-1", Endpoint: "http://127.0.0.1:1", AllowPlaintext: true,
		AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: testSecret, MaxAttempts: 1, DisableRateLimit: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for { // until the closed client is reported
				if _, err := c.GetAccount(); !errors.Is(err, ErrTransport) {
					errs <- err
					return
				}
			}
		}()
	}
	closeWhileCalling(t, 20*time.Millisecond, c.Close, &wg, errs, "call racing Close")
}
