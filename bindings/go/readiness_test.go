package mailwarden

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// The readiness tests judge signing.test (tests/peers/unbound/auth-zones:
// SPF ip4:203.0.113.0/24, DMARC p=reject, the keys the samples are signed
// with) and 113.0.203.in-addr.arpa (203.0.113.10 -> mta.signing.test ->
// 203.0.113.10; 203.0.113.11 -> a name without an A), served by unbound.

const readyIP = "203.0.113.10"

func signedSample(t *testing.T, message []byte) []byte {
	t.Helper()
	signed, err := testSigner(t, "s2026", DKIMSignOptions{}).SignMessage(message)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func mustCheckReadiness(t *testing.T, in ReadinessInput) ReadinessReport {
	t.Helper()
	r, err := CheckReadiness(testResolver(t), in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func statusOf(r ReadinessReport, id string) RuleStatus {
	if rule := r.Rule(id); rule != nil {
		return rule.Status
	}
	return RuleStatus(-1)
}

func TestCheckReadinessReady(t *testing.T) {
	r := mustCheckReadiness(t, ReadinessInput{Domain: signingDomain, Sample: signedSample(t, plainMessage),
		Connection: ConnectionFacts{ClientIP: readyIP, MailFrom: "bounces@signing.test"}, Now: signingNow})
	if !r.Ready || r.Domain != signingDomain || len(r.Rules) != 9 || r.Rules[0].ID != "spf" {
		t.Fatalf("report: %+v", r)
	}
	for _, id := range []string{"spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe", "from_not_provider"} {
		if statusOf(r, id) != RulePass {
			t.Errorf("%s: %+v", id, r.Rule(id))
		}
	}
	if statusOf(r, "tls") != RuleUnknown || statusOf(r, "complaint_rate") != RuleUnknown || RuleUnknown.String() != "unknown" {
		t.Errorf("tls %v, complaint rate %v", statusOf(r, "tls"), statusOf(r, "complaint_rate"))
	}
	rdns := r.Rule("reverse_dns")
	if rdns.Evidence != readyIP+" -> PTR mta.signing.test -> A "+readyIP || !rdns.Required || rdns.Title == "" ||
		strings.Join(rdns.Providers, ",") != "gmail,yahoo" {
		t.Errorf("reverse DNS: %+v", rdns)
	}
	if r.Rule("nope") != nil {
		t.Error("an unknown id has a rule")
	}
	var doc struct {
		Domain string `json:"domain"`
		Ready  bool   `json:"ready"`
		Rules  []struct {
			ID string `json:"id"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(r.JSON), &doc); err != nil || !doc.Ready || doc.Domain != signingDomain || len(doc.Rules) != 9 {
		t.Errorf("json %s: %v", r.JSON, err)
	}
}

func TestCheckReadinessComplaintRates(t *testing.T) {
	sample := signedSample(t, plainMessage)
	in := ReadinessInput{Domain: signingDomain, Sample: sample, Connection: ConnectionFacts{ClientIP: readyIP}, Now: signingNow,
		Stats: &AccountStats{Account: "acme", Sends: 1000, Complaints: 5}}
	r := mustCheckReadiness(t, in)
	if statusOf(r, "complaint_rate") != RuleFail || r.Ready || !strings.Contains(r.Rule("complaint_rate").Evidence, "account acme") {
		t.Errorf("5 in 1000: %+v", r.Rule("complaint_rate"))
	}
	in.Stats = &AccountStats{Account: "acme", Sends: 1000, Complaints: 2}
	r = mustCheckReadiness(t, in)
	if statusOf(r, "complaint_rate") != RulePass || statusOf(r, "complaint_rate_recommended") != RuleFail || !r.Ready {
		t.Errorf("2 in 1000: %+v", r.Rules)
	}
	tracker, err := OpenTracker(filepath.Join(t.TempDir(), "tracker.db"), TrackerPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	defer tracker.Close()
	stats, err := tracker.Stats("acme")
	if err != nil {
		t.Fatal(err)
	}
	r = mustCheckReadiness(t, ReadinessInput{Domain: signingDomain, Stats: &stats})
	if rule := r.Rule("complaint_rate"); rule.Status != RuleUnknown || !strings.Contains(rule.Evidence, "acme") {
		t.Errorf("the tracker's figures: %+v", rule)
	}
	in.Stats = &AccountStats{Account: "acme", Sends: -1}
	_, err = CheckReadiness(testResolver(t), in)
	wantErr(t, err, ErrInvalidArgument, "negative sends")
}

func TestCheckReadinessFails(t *testing.T) {
	sample := signedSample(t, plainMessage)
	r := mustCheckReadiness(t, ReadinessInput{Domain: signingDomain, Sample: sample, Connection: ConnectionFacts{ClientIP: "203.0.113.11"}, Now: signingNow})
	if statusOf(r, "reverse_dns") != RuleFail || r.Ready {
		t.Errorf("a PTR that does not come back: %+v", r.Rule("reverse_dns"))
	}
	noPost := signedSample(t, bytes.Replace(plainMessage, []byte("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), nil, 1))
	r = mustCheckReadiness(t, ReadinessInput{Domain: signingDomain, Sample: noPost, Connection: ConnectionFacts{ClientIP: readyIP}, Now: signingNow})
	if statusOf(r, "one_click_unsubscribe") != RuleFail || statusOf(r, "dkim") != RulePass {
		t.Errorf("no List-Unsubscribe-Post: %+v", r.Rules)
	}
	r = mustCheckReadiness(t, ReadinessInput{Domain: signingDomain})
	if !r.Ready || statusOf(r, "spf") != RulePass || statusOf(r, "dkim") != RuleUnknown || statusOf(r, "reverse_dns") != RuleUnknown {
		t.Errorf("DNS alone: %+v", r.Rules)
	}
}

func TestCheckReadinessRefusesBadInput(t *testing.T) {
	resolver := testResolver(t)
	for name, in := range map[string]ReadinessInput{
		"empty domain": {},
		"bad IP":       {Domain: signingDomain, Connection: ConnectionFacts{ClientIP: "300.1.1.1"}},
		"empty sample": {Domain: signingDomain, Sample: []byte{}},
		"NUL in HELO":  {Domain: signingDomain, Connection: ConnectionFacts{HELO: "a\x00b"}},
	} {
		_, err := CheckReadiness(resolver, in)
		wantErr(t, err, ErrInvalidArgument, name)
	}
	_, err := CheckReadiness(nil, ReadinessInput{Domain: signingDomain})
	wantErr(t, err, ErrInvalidArgument, "no resolver")
	closed := testResolver(t)
	closed.Close()
	_, err = CheckReadiness(closed, ReadinessInput{Domain: signingDomain})
	wantErr(t, err, ErrInvalidArgument, "a closed resolver")
}
