package mailwarden

import (
	"bufio"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The content tests' blocklists are the dnsbl.test zone of
// tests/peers/unbound/auth-zones, served by unbound (MW_TEST_DNS): a
// domain list at dbl.dnsbl.test (listed.example listed with 127.0.1.2,
// refused.example refused) and an IP list at ip.dnsbl.test (203.0.113.10
// listed).

const contentHeader = "From: News <news@example.org>\r\n" +
	"To: ann@example.net\r\n" +
	"Subject: This week\r\n" +
	"Date: Thu, 03 Dec 2026 09:00:00 +0000\r\n" +
	"Message-ID: <week-49@example.org>\r\n" +
	"MIME-Version: 1.0\r\n"

var (
	plainContent = []byte(contentHeader + "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Hello Ann,\r\n\r\nthe garden club meets on Saturday at ten.\r\n")
	htmlOnlyContent = []byte(contentHeader + "Content-Type: text/html; charset=utf-8\r\n\r\n" +
		"<html><body><p>Hello <b>Ann</b>,</p><script>steal()</script>" +
		"<p><a href=\"https://clean-site.example/news\" onclick=\"x()\">the news</a></p></body></html>\r\n")
	linksContent = []byte(contentHeader + "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Read https://listed.example/offer and https://www.refused.example/x\r\n" +
		"or http://203.0.113.10/login, and our own https://clean-site.example/news.\r\n")
)

func testBlocklists() []Blocklist {
	return []Blocklist{
		{Name: "dbl", Zone: "dbl.dnsbl.test", Codes: map[string]string{"127.0.1.2": "spam domain"}},
		{Name: "ipbl", Zone: "ip.dnsbl.test", Kind: BlocklistIP, Severity: ListingReview},
	}
}

func mustCheckContent(t *testing.T, message []byte, opts ContentOptions) ContentReport {
	t.Helper()
	r, err := CheckContent(message, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// linkTo is the report's link whose domain or IP is host.
func linkTo(t *testing.T, r ContentReport, host string) LinkCheck {
	t.Helper()
	for _, l := range r.Links {
		if l.Domain == host || l.IP == host {
			return l
		}
	}
	t.Fatalf("no link to %s in %+v", host, r.Links)
	return LinkCheck{}
}

func TestContentEnumNames(t *testing.T) {
	if ContentPass.String() != "pass" || ContentReview.String() != "review" || ContentBlock.String() != "block" ||
		ContentVerdict(3).String() != "ContentVerdict(3)" {
		t.Error("verdict names")
	}
	if ContentSeverityInfo.String() != "info" || ContentSeverityReview.String() != "review" ||
		ContentSeverityBlock.String() != "block" || ContentSeverity(-1).String() != "ContentSeverity(-1)" {
		t.Error("severity names")
	}
	if BlocklistDomain.String() != "domain" || BlocklistIP.String() != "ip" || BlocklistKind(2).String() != "BlocklistKind(2)" {
		t.Error("kind names")
	}
}

func TestCheckContentPlainPasses(t *testing.T) {
	r := mustCheckContent(t, plainContent, ContentOptions{})
	if r.Verdict != ContentPass || len(r.Links) != 0 || r.Spam != nil || r.Sanitized != nil {
		t.Errorf("report: %+v", r)
	}
	for _, f := range r.Findings {
		if f.Severity != ContentSeverityInfo {
			t.Errorf("finding: %+v", f)
		}
	}
	var doc struct {
		Verdict string `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(r.JSON), &doc); err != nil || doc.Verdict != "pass" {
		t.Errorf("json %s: %v", r.JSON, err)
	}
}

func TestCheckContentHTMLOnlyWithScript(t *testing.T) {
	r := mustCheckContent(t, htmlOnlyContent, ContentOptions{})
	if r.Verdict != ContentReview || !r.HasFinding("html.only") || r.HasFinding("no.such.finding") {
		t.Errorf("verdict %v, findings %+v", r.Verdict, r.Findings)
	}
	if r.Sanitized == nil {
		t.Fatal("no sanitized HTML")
	}
	if strings.Contains(r.Sanitized.HTML, "<script") || strings.Contains(r.Sanitized.HTML, "onclick") ||
		!strings.Contains(r.Sanitized.HTML, "https://clean-site.example/news") {
		t.Errorf("sanitized %q", r.Sanitized.HTML)
	}
	if !strings.Contains(r.Sanitized.Text, "Hello Ann") {
		t.Errorf("text %q", r.Sanitized.Text)
	}
	l := linkTo(t, r, "clean-site.example")
	if l.URL != "https://clean-site.example/news" || l.Source != "href" || l.IP != "" ||
		len(l.ListedOn) != 0 || len(l.UnknownOn) != 0 {
		t.Errorf("link %+v", l)
	}
}

func TestCheckContentListedLink(t *testing.T) {
	r := mustCheckContent(t, linksContent, ContentOptions{Resolver: testResolver(t), Blocklists: testBlocklists()})
	if r.Verdict != ContentBlock || !r.HasFinding("link.listed") || !r.HasFinding("dnsbl.refused") {
		t.Errorf("verdict %v, findings %+v", r.Verdict, r.Findings)
	}
	if l := linkTo(t, r, "listed.example"); !reflect.DeepEqual(l.ListedOn, []string{"dbl: spam domain"}) ||
		len(l.UnknownOn) != 0 || l.Source != "text" {
		t.Errorf("listed: %+v", l)
	}
	if l := linkTo(t, r, "www.refused.example"); len(l.ListedOn) != 0 || len(l.UnknownOn) == 0 || l.UnknownOn[0] != "dbl" {
		t.Errorf("refused: %+v", l)
	}
	if l := linkTo(t, r, "203.0.113.10"); l.Domain != "" || len(l.ListedOn) != 1 || !strings.HasPrefix(l.ListedOn[0], "ipbl: ") {
		t.Errorf("ip: %+v", l)
	}
	if l := linkTo(t, r, "clean-site.example"); len(l.ListedOn) != 0 || len(l.UnknownOn) != 0 {
		t.Errorf("clean: %+v", l)
	}
	if !strings.Contains(r.JSON, "dbl: spam domain") {
		t.Errorf("json %s", r.JSON)
	}
}

func TestCheckContentWithoutResolver(t *testing.T) {
	r := mustCheckContent(t, linksContent, ContentOptions{Blocklists: testBlocklists()})
	if r.HasFinding("link.listed") || len(r.Links) != 4 {
		t.Errorf("report: %+v", r)
	}
}

func TestCheckContentRefusalAndSeverity(t *testing.T) {
	resolver := testResolver(t)
	refusing := []Blocklist{{Name: "dbl", Zone: "dbl.dnsbl.test", Refusals: []string{"127.0.1.2"}}}
	r := mustCheckContent(t, linksContent, ContentOptions{Resolver: resolver, Blocklists: refusing})
	if l := linkTo(t, r, "listed.example"); len(l.ListedOn) != 0 || len(l.UnknownOn) == 0 || r.HasFinding("link.listed") {
		t.Errorf("refused: %+v", l)
	}
	// ListingInfo: a listing that asks for nothing.
	info := []Blocklist{{Name: "dbl", Zone: "dbl.dnsbl.test", Severity: ListingInfo}}
	r = mustCheckContent(t, linksContent, ContentOptions{Resolver: resolver, Blocklists: info})
	found := false
	for _, f := range r.Findings {
		if f.ID == "link.listed" {
			found = true
			if f.Severity != ContentSeverityInfo {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if !found || len(linkTo(t, r, "listed.example").ListedOn) != 1 {
		t.Errorf("findings %+v", r.Findings)
	}
}

func TestCheckContentOptions(t *testing.T) {
	r := mustCheckContent(t, plainContent, ContentOptions{MaxMessageBytes: 64})
	if !r.HasFinding("message.oversized") || r.Verdict != ContentBlock {
		t.Errorf("oversized: %+v", r)
	}
	short := []byte(contentHeader + "Content-Type: text/plain\r\n\r\nSee https://go.example/x and https://bit.ly/y\r\n")
	r = mustCheckContent(t, short, ContentOptions{})
	if !linkTo(t, r, "bit.ly").Shortener || linkTo(t, r, "go.example").Shortener {
		t.Errorf("default shorteners: %+v", r.Links)
	}
	r = mustCheckContent(t, short, ContentOptions{Shorteners: []string{"go.example"}, MaxLinks: 5, MaxConcurrentLookups: 1})
	if linkTo(t, r, "bit.ly").Shortener || !linkTo(t, r, "go.example").Shortener {
		t.Errorf("own shorteners: %+v", r.Links)
	}
}

// spamdFake starts the project's fake spamd (tests/peers/spamd_fake.py),
// which answers a well-formed score (7.2 / 5.0, two rules) unless the
// message's X-Fake header asks for a failure, and returns its port.
func spamdFake(t *testing.T) uint16 {
	t.Helper()
	path := filepath.Join("..", "..", "tests", "peers", "spamd_fake.py")
	if _, err := os.Stat(path); err != nil {
		missing(t, "not in the mailwarden source tree: %v", err)
	}
	cmd := exec.Command("/usr/bin/python3", path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	port, perr := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "PORT ")))
	if err != nil || perr != nil {
		t.Fatalf("spamd_fake.py said %q: %v %v", line, err, perr)
	}
	return uint16(port)
}

func TestCheckContentSpamScore(t *testing.T) {
	port := spamdFake(t)
	r := mustCheckContent(t, plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: port, Timeout: 5 * time.Second}})
	want := &SpamScore{Score: 7.2, Threshold: 5, Rules: []string{"FAKE_RULE_ONE", "FAKE_RULE_TWO"}}
	if !reflect.DeepEqual(r.Spam, want) || r.Verdict != ContentReview { // 7.2: at or above 5, below 10
		t.Errorf("spam %+v, verdict %v", r.Spam, r.Verdict)
	}
	strict := mustCheckContent(t, plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: port, ReviewAt: 1, BlockAt: 7}})
	if strict.Verdict != ContentBlock || !reflect.DeepEqual(strict.Spam, want) {
		t.Errorf("strict: spam %+v, verdict %v", strict.Spam, strict.Verdict)
	}
	broken := mustCheckContent(t, append([]byte("X-Fake: garbage\r\n"), plainContent...), ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: port}})
	if broken.Spam != nil || broken.Verdict != ContentPass {
		t.Errorf("broken: spam %+v, verdict %v", broken.Spam, broken.Verdict)
	}
}

// silentSpamd is a port that takes connections and never answers.
func silentSpamd(t *testing.T) uint16 {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return uint16(l.Addr().(*net.TCPAddr).Port)
}

func TestCheckContentSpamdUnavailable(t *testing.T) {
	spamd := &SpamdServer{Host: "127.0.0.1", Port: silentSpamd(t), Timeout: 300 * time.Millisecond}
	start := time.Now()
	r := mustCheckContent(t, plainContent, ContentOptions{Spamd: spamd})
	if !r.HasFinding("spamd.unavailable") || r.Spam != nil || r.Verdict != ContentPass {
		t.Errorf("report: %+v", r)
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Errorf("did not wait for spamd: %v", time.Since(start))
	}
}

func TestContentSanitizeHTML(t *testing.T) {
	s, err := SanitizeHTML([]byte("<p onmouseover=x()>hi<iframe src=//evil></iframe><script>alert(1)</script></p>"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.HTML, "hi") || strings.Contains(s.HTML, "iframe") || strings.Contains(s.HTML, "onmouseover") ||
		strings.Contains(s.HTML, "script") || !strings.Contains(s.Text, "hi") || strings.Contains(s.Text, "alert") {
		t.Errorf("sanitized %+v", s)
	}
	if s, err := SanitizeHTML(nil); err != nil || s.HTML != "" {
		t.Errorf("empty: %+v %v", s, err)
	}
}

func TestCheckContentInvalidArguments(t *testing.T) {
	closed := testResolver(t)
	closed.Close()
	dbl := Blocklist{Name: "dbl", Zone: "dbl.dnsbl.test"}
	cases := map[string]struct {
		message []byte
		opts    ContentOptions
	}{
		"empty message":     {nil, ContentOptions{}},
		"unnamed list":      {plainContent, ContentOptions{Blocklists: []Blocklist{{Zone: "dbl.dnsbl.test"}}}},
		"no zone":           {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "dbl"}}}},
		"two of a name":     {plainContent, ContentOptions{Blocklists: []Blocklist{dbl, dbl}}},
		"unknown kind":      {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "x", Zone: "x.test", Kind: 2}}}},
		"unknown severity":  {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "x", Zone: "x.test", Severity: 7}}}},
		"code outside 127":  {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "x", Zone: "x.test", Codes: map[string]string{"10.0.0.1": "x"}}}}},
		"refusal not an IP": {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "x", Zone: "x.test", Refusals: []string{"nope"}}}}},
		"NUL in a zone":     {plainContent, ContentOptions{Blocklists: []Blocklist{{Name: "x", Zone: "x\x00.test"}}}},
		"spamd host":        {plainContent, ContentOptions{Spamd: &SpamdServer{Port: 783}}},
		"spamd port":        {plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1"}}},
		"spamd timeout":     {plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: 783, Timeout: time.Microsecond}}},
		"negative timeout":  {plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: 783, Timeout: -time.Second}}},
		"block below":       {plainContent, ContentOptions{Spamd: &SpamdServer{Host: "127.0.0.1", Port: 783, ReviewAt: 5, BlockAt: 4}}},
		"empty shortener":   {plainContent, ContentOptions{Shorteners: []string{""}}},
		"negative links":    {plainContent, ContentOptions{MaxLinks: -1}},
		"negative bytes":    {plainContent, ContentOptions{MaxMessageBytes: -1}},
		"negative lookups":  {plainContent, ContentOptions{MaxConcurrentLookups: -1}},
		"closed resolver":   {plainContent, ContentOptions{Resolver: closed}},
	}
	for name, c := range cases {
		_, err := CheckContent(c.message, c.opts)
		var mwErr *Error
		if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &mwErr) || mwErr.Code != StatusInvalidArgument {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Goroutines check with one resolver while it is closed: each check
// either runs to the end or fails as closed.
func TestCheckContentWhileResolverCloses(t *testing.T) {
	resolver := testResolver(t)
	want := mustCheckContent(t, linksContent, ContentOptions{Resolver: resolver, Blocklists: testBlocklists()})
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				r, err := CheckContent(linksContent, ContentOptions{Resolver: resolver, Blocklists: testBlocklists()})
				if err != nil {
					if !errors.Is(err, ErrInvalidArgument) {
						errs <- err
					}
					continue
				}
				if !reflect.DeepEqual(r, want) {
					errs <- errors.New("a different report: " + r.JSON)
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	resolver.Close()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCheckContentRegistryPolicy(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.ContentPolicies = map[string]ContentPolicy{"*": {RefuseReview: true}, "lenient": {SendBlocked: true}}
	r := openTest(t, cfg)
	for _, account := range []string{"", "lenient"} {
		if _, err := r.Add("alice@iana.org", "Alice", account); err != nil { // the verification mail is not checked
			t.Fatal(err)
		}
		link, err := r.LastLink("alice@iana.org")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Confirm(link); err != nil {
			t.Fatal(err)
		}
	}
	script := "<p>Hello</p><script>steal()</script>" // HTML only: review
	_, err := r.Send(Message{From: "alice@iana.org", To: []string{"reader@iana.org"}, Subject: "News", HTML: script})
	if !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "html.only") {
		t.Errorf("refused: %v", err)
	}
	if _, err := r.Send(Message{From: "alice@iana.org", To: []string{"reader@iana.org"}, Subject: "News", Text: "Hello Ann",
		HTML: "<p>Hello Ann</p>"}); err != nil {
		t.Errorf("clean: %v", err)
	}
	if _, err := r.Send(Message{From: "alice@iana.org", To: []string{"reader@iana.org"}, Subject: "News", HTML: script,
		Account: "lenient"}); err != nil {
		t.Errorf("lenient: %v", err)
	}
	bad := testConfig(t.TempDir())
	bad.ContentPolicies = map[string]ContentPolicy{"*": {Options: ContentOptions{MaxLinks: -1}}}
	if _, err := OpenRegistry(bad); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad options: %v", err)
	}
}
