package mailwarden

import (
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"
)

// The DNS tests ask the unbound that tests/peers/unbound/run-with-unbound.sh
// starts with the zones of tests/peers/unbound/auth-zones (MW_TEST_DNS).
func testResolver(t *testing.T) *Resolver {
	t.Helper()
	server := peerEnv(t, "MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
	r, err := OpenResolver(ResolverConfig{Servers: []string{server}, Timeout: 2 * time.Second, Tries: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

const sesSPF = "v=spf1 include:amazonses.com ~all"

func TestEnumNames(t *testing.T) {
	if AuthPass.String() != "pass" || AuthWarn.String() != "warn" || AuthFail.String() != "fail" {
		t.Error("verdict names")
	}
	if SeverityInfo.String() != "info" || SeverityWarning.String() != "warning" || SeverityError.String() != "error" {
		t.Error("severity names")
	}
	if RecordOK.String() != "ok" || RecordMissing.String() != "missing" || RecordMismatch.String() != "mismatch" ||
		RecordUnknown.String() != "unknown" {
		t.Error("record status names")
	}
	want := []string{"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"}
	for i, w := range want {
		if got := SPFResult(i).String(); got != w {
			t.Errorf("SPFResult(%d) = %q, want %q", i, got, w)
		}
	}
	if got := SPFResult(42).String(); got != "spf(42)" {
		t.Errorf("unknown result: %q", got)
	}
}

func TestResolverMisuse(t *testing.T) {
	if _, err := OpenResolver(ResolverConfig{Servers: []string{"not a server"}}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad server: %v", err)
	}
	if _, err := OpenResolver(ResolverConfig{Servers: []string{"127.0.0.1:53"}, Tries: -1}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad tries: %v", err)
	}
	// Nothing is sent: the arguments are refused first.
	r, err := OpenResolver(ResolverConfig{Servers: []string{"127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CheckSPF(r, "999.1.1.1", "a@example.com", ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad ip: %v", err)
	}
	if _, err := CheckDomain(r, DomainRequest{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty domain: %v", err)
	}
	r.Close()
	r.Close()
	if _, err := CheckSPF(r, "192.0.2.1", "a@example.com", ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("closed resolver: %v", err)
	}
	if _, err := CheckDomain(nil, DomainRequest{Domain: "example.com"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil resolver: %v", err)
	}
}

func TestCheckDomainGood(t *testing.T) {
	r := testResolver(t)
	rep, err := CheckDomain(r, DomainRequest{Domain: "Good.Test.", DKIMTokens: []string{"good1", "good2", "good3"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Domain != "good.test" || rep.Region != "us-east-1" || rep.Verdict != AuthPass || len(rep.Findings) != 0 {
		t.Fatalf("report: %+v", rep)
	}
	want := []PublishRecord{
		{"spf", "good.test", "TXT", sesSPF, RecordOK, []string{sesSPF}},
		{"dkim", "good1._domainkey.good.test", "CNAME", "good1.dkim.amazonses.com", RecordOK, []string{"good1.dkim.amazonses.com"}},
		{"dkim", "good2._domainkey.good.test", "CNAME", "good2.dkim.amazonses.com", RecordOK, []string{"good2.dkim.amazonses.com"}},
		{"dkim", "good3._domainkey.good.test", "CNAME", "good3.dkim.amazonses.com", RecordOK, []string{"good3.dkim.amazonses.com"}},
		{"dmarc", "_dmarc.good.test", "TXT", "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@good.test; adkim=r; aspf=r",
			RecordOK, []string{"v=DMARC1; p=reject; rua=mailto:dmarc@good.test"}},
	}
	if !reflect.DeepEqual(rep.Records, want) {
		t.Errorf("records:\n got %+v\nwant %+v", rep.Records, want)
	}
	var doc struct {
		Verdict string `json:"verdict"`
		Records []struct {
			Name string `json:"name"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(rep.JSON), &doc); err != nil || doc.Verdict != "pass" || len(doc.Records) != 5 {
		t.Errorf("json %s: %v", rep.JSON, err)
	}
}

func TestCheckDomainFindings(t *testing.T) {
	r := testResolver(t)
	rep, err := CheckDomain(r, DomainRequest{Domain: "dkim.test", Region: "eu-west-1",
		DKIMTokens: []string{"weak", "short", "absent"}, MailFrom: "bounce.good.test"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != AuthFail {
		t.Errorf("verdict %v", rep.Verdict)
	}
	var got []Finding
	for _, f := range rep.Findings {
		if f.Message == "" {
			t.Errorf("%s without a message", f.ID)
		}
		got = append(got, Finding{ID: f.ID, Severity: f.Severity})
	}
	want := []Finding{{"dkim.key_weak", SeverityWarning, ""}, {"dkim.key_too_short", SeverityError, ""},
		{"dkim.cname_missing", SeverityError, ""}, {"mail_from.mx_mismatch", SeverityError, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %+v", got)
	}
	mx := rep.Records[len(rep.Records)-1]
	if mx.Purpose != "mail_from_mx" || mx.Value != "10 feedback-smtp.eu-west-1.amazonses.com" || mx.Status != RecordMismatch ||
		!reflect.DeepEqual(mx.Found, []string{"10 feedback-smtp.us-east-1.amazonses.com"}) {
		t.Errorf("MAIL FROM MX %+v", mx)
	}
	if rep.Records[0].Purpose != "mail_from_spf" || rep.Records[3].Status != RecordMissing {
		t.Errorf("records %+v", rep.Records)
	}

	inherited, err := CheckDomain(r, DomainRequest{Domain: "sub.shop.test"})
	if err != nil || !inherited.HasFinding("dmarc.inherited") || inherited.Verdict != AuthPass {
		t.Errorf("sub.shop.test: %+v %v", inherited, err)
	}
	flaky, err := CheckDomain(r, DomainRequest{Domain: "flaky.test", DKIMTokens: []string{"good1", "good2"}})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []RecordStatus
	for _, rec := range flaky.Records {
		statuses = append(statuses, rec.Status)
	}
	if !reflect.DeepEqual(statuses, []RecordStatus{RecordOK, RecordOK, RecordUnknown, RecordUnknown}) ||
		flaky.Verdict != AuthWarn || !flaky.HasFinding("dns.temporary_failure") {
		t.Errorf("flaky.test: %+v", flaky)
	}
}

func TestCheckSPF(t *testing.T) {
	r := testResolver(t)
	ok, err := CheckSPF(r, "199.255.192.10", "bounce@good.test", "mta.good.test")
	if err != nil {
		t.Fatal(err)
	}
	if ok.Result != SPFPass || ok.Domain != "good.test" || ok.Matched != "include:amazonses.com" || ok.Lookups != 1 ||
		ok.VoidLookups != 0 || ok.Explanation != "" {
		t.Errorf("pass: %+v", ok)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(ok.JSON), &doc); err != nil || doc["result"] != "pass" {
		t.Errorf("json %s: %v", ok.JSON, err)
	}
	fail, _ := CheckSPF(r, "198.51.100.7", "x@no-ses.test", "")
	if fail.Result != SPFFail || fail.Explanation != "198.51.100.7 is not one of no-ses.test's designated mail servers" {
		t.Errorf("fail: %+v", fail)
	}
	helo, _ := CheckSPF(r, "2001:db8::1", "", "good.test")
	if helo.Result != SPFSoftfail || helo.Domain != "good.test" {
		t.Errorf("helo: %+v", helo)
	}
	perm, _ := CheckSPF(r, "203.0.113.5", "x@voids.test", "")
	if perm.Result != SPFPermerror || perm.VoidLookups != 3 || perm.Problem == "" {
		t.Errorf("permerror: %+v", perm)
	}
	if none, _ := CheckSPF(r, "192.0.2.1", "x@nospf.test", ""); none.Result != SPFNone {
		t.Errorf("none: %+v", none)
	}
}

func TestResolverSharedByGoroutines(t *testing.T) {
	r := testResolver(t)
	var wg sync.WaitGroup
	errs := make(chan error, 80)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				o, err := CheckSPF(r, "199.255.192.10", "a@good.test", "")
				if err == nil && o.Result != SPFPass {
					err = errors.New(o.Result.String())
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Close while 8 goroutines check through the resolver: no crash; each check
// gives its result (here a temperror: nothing answers on port 9) or the
// closed resolver.
func TestResolverCloseWhileChecksRun(t *testing.T) {
	r, err := OpenResolver(ResolverConfig{Servers: []string{"127.0.0.1:9"}, Timeout: 50 * time.Millisecond, Tries: 1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for { // until the closed resolver is reported
				o, err := CheckSPF(r, "192.0.2.1", "a@example.com", "")
				if err != nil {
					errs <- err
					return
				}
				if o.Result != SPFTemperror {
					errs <- errors.New("result " + o.Result.String())
					return
				}
			}
		}()
	}
	closeWhileCalling(t, 100*time.Millisecond, r.Close, &wg, errs, "check racing Close")
}
