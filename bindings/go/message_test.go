package mailwarden

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The message tests check the RFC 8463 Appendix A message (signed with
// ed25519 and rsa) of tests/data/message; the football.example.com zone of
// tests/peers/unbound/auth-zones holds its keys, SPF (ip4:192.0.2.1) and
// DMARC p=none.

const footballDomain = "football.example.com"

// signedAt is the signatures' t= plus a minute.
var signedAt = time.Unix(1528637969, 0)

var footballFacts = ConnectionFacts{ClientIP: "192.0.2.1", HELO: "mail.football.example.com", MailFrom: "joe@football.example.com"}

func rfc8463Message(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "tests", "data", "message", "rfc8463.eml"))
	if err != nil {
		missing(t, "not in the mailwarden source tree: %v", err)
	}
	return b
}

func mustCheckMessage(t *testing.T, message []byte, facts ConnectionFacts, opts MessageCheckOptions) MessageReport {
	t.Helper()
	r, err := CheckMessage(message, facts, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCheckMessagePasses(t *testing.T) {
	r := mustCheckMessage(t, rfc8463Message(t), footballFacts, MessageCheckOptions{Resolver: testResolver(t), Now: signedAt})
	if r.FromDomain != footballDomain || r.FromProblem != "" {
		t.Errorf("from: %q %q", r.FromDomain, r.FromProblem)
	}
	if len(r.DKIM) != 2 {
		t.Fatalf("dkim: %+v", r.DKIM)
	}
	ed, rsa := r.DKIM[0], r.DKIM[1]
	if ed.Result != "pass" || ed.Reason != "none" || ed.Detail != "" || ed.Selector != "brisbane" ||
		ed.Algorithm != "ed25519-sha256" || ed.KeyBits != 256 {
		t.Errorf("ed25519: %+v", ed)
	}
	if rsa.Result != "pass" || rsa.Selector != "test" || rsa.Algorithm != "rsa-sha256" || rsa.KeyBits != 1024 {
		t.Errorf("rsa: %+v", rsa)
	}
	signed := []string{"from", "to", "subject", "date", "message-id", "from", "subject", "date"}
	for _, c := range r.DKIM {
		if c.Domain != footballDomain || c.Identity != "@"+footballDomain || c.Canonicalization != "relaxed/relaxed" ||
			!reflect.DeepEqual(c.SignedHeaders, signed) || c.KeyTesting ||
			c.BodyHashExpected != "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=" || c.BodyHashComputed != c.BodyHashExpected {
			t.Errorf("signature: %+v", c)
		}
	}
	if r.SPF == nil || *r.SPF != (SPFCheck{Result: "pass", Domain: footballDomain, Scope: "mailfrom"}) {
		t.Errorf("spf: %+v", r.SPF)
	}
	if r.DMARCResult != "pass" || r.DMARCPolicy != "none" || r.DMARCDisposition != "none" ||
		r.DMARCRecordDomain != footballDomain || r.OrganizationalDomain != footballDomain || !r.SPFAligned || !r.DKIMAligned {
		t.Errorf("dmarc: %+v", r)
	}
	if r.ARCResult != "none" || r.ARCReason != "no_arc" || r.ARCHops != 0 || r.ARCOldestPass != 0 {
		t.Errorf("arc: %q %q %d %d", r.ARCResult, r.ARCReason, r.ARCHops, r.ARCOldestPass)
	}
	if len(r.AuthenticationResults) != 0 {
		t.Errorf("authentication results: %+v", r.AuthenticationResults)
	}
	want := "SPF: PASS with IP 192.0.2.1 (football.example.com); DKIM: PASS with domain football.example.com, " +
		"PASS with domain football.example.com; DMARC: PASS (p=none)"
	if r.Summary != want {
		t.Errorf("summary %q", r.Summary)
	}
	ours := r.OurAuthenticationResults
	if !strings.HasPrefix(ours, "mailwarden;") || !strings.Contains(ours, "dmarc=pass") || !strings.Contains(ours, "spf=pass") {
		t.Errorf("ours %q", ours)
	}
	var doc struct {
		FromDomain string `json:"from_domain"`
		DKIM       []struct {
			Result string `json:"result"`
		} `json:"dkim"`
		SPF struct {
			Result string `json:"result"`
		} `json:"spf"`
	}
	if err := json.Unmarshal([]byte(r.JSON), &doc); err != nil || doc.FromDomain != footballDomain ||
		len(doc.DKIM) != 2 || doc.DKIM[0].Result != "pass" || doc.SPF.Result != "pass" {
		t.Errorf("json %s: %v", r.JSON, err)
	}
}

func TestCheckMessageSPFFailsForAnotherIP(t *testing.T) {
	facts := footballFacts
	facts.ClientIP = "198.51.100.7"
	r := mustCheckMessage(t, rfc8463Message(t), facts, MessageCheckOptions{Resolver: testResolver(t), Now: signedAt})
	if r.SPF == nil || r.SPF.Result != "fail" || r.SPFAligned {
		t.Errorf("spf: %+v aligned %v", r.SPF, r.SPFAligned)
	}
	// DKIM still passes aligned, so DMARC does.
	if r.DMARCResult != "pass" || !r.DKIMAligned || !strings.HasPrefix(r.Summary, "SPF: FAIL with IP 198.51.100.7") {
		t.Errorf("dmarc %q aligned %v, summary %q", r.DMARCResult, r.DKIMAligned, r.Summary)
	}
}

func TestCheckMessageChangedBody(t *testing.T) {
	message := rfc8463Message(t)
	changed := bytes.Replace(message, []byte("We lost the game."), []byte("We won the game."), 1)
	if bytes.Equal(changed, message) {
		t.Fatal("the body did not change")
	}
	facts := footballFacts
	facts.ClientIP = "198.51.100.7"
	r := mustCheckMessage(t, changed, facts, MessageCheckOptions{Resolver: testResolver(t), Now: signedAt})
	for _, c := range r.DKIM {
		if c.Result != "fail" || c.Reason != "body_hash_mismatch" || c.Detail == "" ||
			c.BodyHashComputed == "" || c.BodyHashComputed == c.BodyHashExpected {
			t.Errorf("signature: %+v", c)
		}
	}
	if len(r.DKIM) != 2 || r.DMARCResult != "fail" || r.DKIMAligned || r.SPFAligned {
		t.Errorf("report: %+v", r)
	}
}

func TestCheckMessageReadsAuthenticationResults(t *testing.T) {
	field := "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=joe@football.example.com;\r\n" +
		" dkim=fail reason=\"bad signature\" header.d=football.example.com header.s=test\r\n"
	r := mustCheckMessage(t, append([]byte(field), rfc8463Message(t)...), ConnectionFacts{}, MessageCheckOptions{Now: signedAt})
	want := []AuthResultsField{{
		AuthservID: "mx.example.net",
		Results: []AuthResult{
			{Method: "spf", Result: "pass", Properties: []AuthResultsProperty{{"smtp.mailfrom", "joe@football.example.com"}}},
			{Method: "dkim", Result: "fail", Reason: "bad signature",
				Properties: []AuthResultsProperty{{"header.d", footballDomain}, {"header.s", "test"}}},
		},
	}}
	if !reflect.DeepEqual(r.AuthenticationResults, want) {
		t.Errorf("got %+v", r.AuthenticationResults)
	}
}

func TestCheckMessageWithoutResolver(t *testing.T) {
	r := mustCheckMessage(t, rfc8463Message(t), footballFacts, MessageCheckOptions{Now: signedAt})
	if len(r.DKIM) != 2 || r.DKIM[0].Result != "temperror" || r.DKIM[1].Result != "temperror" {
		t.Errorf("dkim: %+v", r.DKIM)
	}
	if r.SPF != nil || r.DMARCResult != "temperror" {
		t.Errorf("spf %+v, dmarc %q", r.SPF, r.DMARCResult)
	}
}

func TestCheckMessageOptions(t *testing.T) {
	r := mustCheckMessage(t, rfc8463Message(t), footballFacts, MessageCheckOptions{
		Resolver: testResolver(t), Now: signedAt, DMARCMode: DMARCRFC7489, MaxSignatures: 1, AuthservID: "mx.test"})
	if len(r.DKIM) != 2 || r.DKIM[0].Result != "pass" || r.DKIM[1].Result != "neutral" {
		t.Errorf("dkim: %+v", r.DKIM)
	}
	if !strings.HasPrefix(r.OurAuthenticationResults, "mx.test;") || r.OrganizationalDomain != "example.com" {
		t.Errorf("ours %q, organizational domain %q", r.OurAuthenticationResults, r.OrganizationalDomain)
	}
	if DMARCRFC9989.String() != "rfc9989" || DMARCRFC7489.String() != "rfc7489" || DMARCMode(7).String() != "DMARCMode(7)" {
		t.Error("DMARCMode names")
	}
}

func TestCheckMessageInvalidArguments(t *testing.T) {
	message := rfc8463Message(t)
	closed := testResolver(t)
	closed.Close()
	cases := map[string]struct {
		message []byte
		facts   ConnectionFacts
		opts    MessageCheckOptions
	}{
		"client IP":       {message, ConnectionFacts{ClientIP: "not-an-ip"}, MessageCheckOptions{}},
		"empty message":   {nil, ConnectionFacts{}, MessageCheckOptions{}},
		"NUL in HELO":     {message, ConnectionFacts{HELO: "a\x00b"}, MessageCheckOptions{}},
		"DMARC mode":      {message, ConnectionFacts{}, MessageCheckOptions{DMARCMode: 7}},
		"max signatures":  {message, ConnectionFacts{}, MessageCheckOptions{MaxSignatures: -1}},
		"max body bytes":  {message, ConnectionFacts{}, MessageCheckOptions{MaxBodyBytes: -1}},
		"before 1970":     {message, ConnectionFacts{}, MessageCheckOptions{Now: time.Unix(-5, 0)}},
		"closed resolver": {message, ConnectionFacts{}, MessageCheckOptions{Resolver: closed}},
	}
	for name, c := range cases {
		_, err := CheckMessage(c.message, c.facts, c.opts)
		var mwErr *Error
		if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &mwErr) || mwErr.Code != StatusInvalidArgument {
			t.Errorf("%s: %v", name, err)
		}
	}
}
