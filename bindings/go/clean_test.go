package mailwarden

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// cleanWant is what one generated row must come to.
type cleanWant struct {
	address     string
	verdict     Verdict
	reason      string // one reason it must carry; "" for none at all
	duplicateOf int
}

// cleanFixture is a CSV file of n rows (a header, quoted fields holding the
// delimiter, LF and CRLF line ends) and what each row must come to: per ten
// rows six plain addresses, a role address, a disposable domain, a syntax
// error, and a duplicate (upper case) of the first plain one.
func cleanFixture(n int) ([]byte, []cleanWant) {
	var b bytes.Buffer
	b.WriteString("id,email,note\n")
	want := make([]cleanWant, n+1) // by row, from 1
	for i := 1; i <= n; i++ {
		var w cleanWant
		field := ""
		switch i % 10 {
		case 5:
			field = fmt.Sprintf("postmaster@host%d.iana.org", i)
			w = cleanWant{field, VerdictRisky, "role", 0}
		case 7:
			field = fmt.Sprintf("x%d@mailinator.com", i)
			w = cleanWant{field, VerdictRisky, "disposable", 0}
		case 9:
			field = fmt.Sprintf("bad%d..dots@iana.org", i)
			w = cleanWant{"", VerdictInvalid, "consecutive_dots", 0}
		case 0:
			field = fmt.Sprintf("USER%d@IANA.ORG", i-9)
			w = cleanWant{fmt.Sprintf("USER%d@iana.org", i-9), VerdictInvalid, "duplicate", i - 9}
		default:
			field = fmt.Sprintf("user%d@iana.org", i)
			w = cleanWant{field, VerdictValid, "", 0}
		}
		end := "\n"
		if i%2 == 0 {
			end = "\r\n"
		}
		fmt.Fprintf(&b, "%d,%s,\"note, row %d\"%s", i, field, i, end)
		want[i] = w
	}
	return b.Bytes(), want
}

// writeSmall writes data to w in small writes of 1 to 61 bytes, then closes
// w; it stops at the first failed write (the reading side was closed).
func writeSmall(w *io.PipeWriter, data []byte, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	for len(data) > 0 {
		n := min(1+rng.Intn(61), len(data))
		if _, err := w.Write(data[:n]); err != nil {
			return
		}
		data = data[n:]
	}
	w.Close()
}

// collect receives every verdict until the channel is closed.
func collect(verdicts <-chan CleanVerdict) []CleanVerdict {
	var out []CleanVerdict
	for v := range verdicts {
		out = append(out, v)
	}
	return out
}

// cleanAll runs Clean over input and returns the verdicts, the counts and
// the error.
func cleanAll(t *testing.T, input string, opts CleanOptions) ([]CleanVerdict, CleanStats, error) {
	t.Helper()
	verdicts, wait := Clean(context.Background(), strings.NewReader(input), opts)
	got := collect(verdicts)
	stats, err := wait()
	return got, stats, err
}

// noCleanGoroutines fails the test when a goroutine of a Clean run is still
// there after a few seconds.
func noCleanGoroutines(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	buf := make([]byte, 1<<20)
	for {
		stacks := string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "(*cleanRun)") && !strings.Contains(stacks, "mailwarden-go.Clean.") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a goroutine of Clean is left:\n%s", stacks)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMailDomainStatusNames(t *testing.T) {
	want := []string{"not_checked", "accepts_mail", "implicit_mx", "null_mx", "no_mail_domain", "unknown"}
	for i, w := range want {
		if got := MailDomainStatus(i).String(); got != w {
			t.Errorf("MailDomainStatus(%d) = %q, want %q", i, got, w)
		}
	}
	if got := MailDomainStatus(9).String(); got != "MailDomainStatus(9)" {
		t.Errorf("unknown status: %q", got)
	}
}

// A generated CSV of 20000 rows streams through a pipe in small writes:
// every verdict arrives, in order, with what its row must come to, and
// progress is reported as it goes.
func TestCleanCallbacksStreamLargeCSV(t *testing.T) {
	const n = 20000
	data, want := cleanFixture(n)
	pr, pw := io.Pipe()
	go writeSmall(pw, data, 1)
	var progress []CleanStats
	verdicts, wait := Clean(context.Background(), pr, CleanOptions{
		Progress:      func(s CleanStats) { progress = append(progress, s) },
		ProgressEvery: 1000,
	})
	rows, bad := 0, 0
	for v := range verdicts {
		rows++
		w := want[min(v.Row, n)]
		ok := v.Row == rows && v.Line == rows+1 && v.Address == w.address && v.Verdict == w.verdict &&
			v.DuplicateOf == w.duplicateOf && v.DomainStatus == MailDomainNotChecked &&
			(w.reason == "" && len(v.Reasons) == 0 || w.reason != "" && v.HasReason(w.reason))
		if !ok {
			if bad++; bad <= 10 {
				t.Errorf("verdict %d = %+v, want row %d %+v", rows, v, rows, w)
			}
		}
		if rows == 10 {
			var js map[string]any
			if err := json.Unmarshal([]byte(v.JSON), &js); err != nil || js["duplicate_of"] != 1.0 || js["row"] != 10.0 {
				t.Errorf("JSON %s: %v", v.JSON, err)
			}
		}
	}
	stats, err := wait()
	if err != nil {
		t.Fatal(err)
	}
	if rows != n {
		t.Errorf("%d verdicts, want %d", rows, n)
	}
	wantStats := CleanStats{Rows: n, Valid: 6 * n / 10, Risky: 2 * n / 10, Invalid: 2 * n / 10, Duplicates: n / 10}
	if stats != wantStats {
		t.Errorf("stats = %+v, want %+v", stats, wantStats)
	}
	// After every 1000 verdicts, and once more at the end.
	if len(progress) != n/1000+1 {
		t.Errorf("%d progress reports, want %d", len(progress), n/1000+1)
	}
	for i, p := range progress {
		if i < n/1000 && p.Rows != uint64(1000*(i+1)) {
			t.Errorf("progress %d: %+v", i, p)
		}
	}
	if len(progress) > 0 && progress[len(progress)-1] != stats {
		t.Errorf("last progress %+v, final %+v", progress[len(progress)-1], stats)
	}
	noCleanGoroutines(t)
}

func TestCleanOptions(t *testing.T) {
	// By position, with another delimiter; the header names no address column.
	got, _, err := cleanAll(t, "who;where\nAnn;Ann@Example.ORG\nBob;bob@gmial.com\n",
		CleanOptions{Input: CleanInputCSV, Delimiter: ';', ColumnNumber: 2, NoDisposableCheck: true})
	if err != nil || len(got) != 2 {
		t.Fatalf("got %+v, %v", got, err)
	}
	if got[0].Input != "Ann@Example.ORG" || got[0].Address != "Ann@example.org" {
		t.Errorf("row 1: %+v", got[0])
	}
	if !got[1].HasReason("typo_suggestion") || got[1].Suggestion != "bob@gmail.com" || got[1].Verdict != VerdictRisky {
		t.Errorf("row 2: %+v", got[1])
	}
	// By name; no typo suggestions; Gmail's dots and tags folded.
	got, stats, err := cleanAll(t, "Name,E-Mail\nA,a.b+x@gmail.com\nB,ab@gmail.com\nC,c@gmial.com\n",
		CleanOptions{Column: "e-mail", NoTypoSuggestions: true, FoldProviderAliases: true})
	if err != nil || len(got) != 3 || got[1].DuplicateOf != 1 || stats.Duplicates != 1 || got[2].HasReason("typo_suggestion") {
		t.Errorf("got %+v, %+v, %v", got, stats, err)
	}
	// One address a line, taken whole; a disposable domain allowed.
	got, _, err = cleanAll(t, "x@mailinator.com\n\"quoted\"@iana.org\n",
		CleanOptions{Input: CleanInputLines, AllowDisposable: []string{"mailinator.com"}})
	if err != nil || len(got) != 2 || got[0].Verdict != VerdictValid || got[1].Verdict != VerdictInvalid ||
		got[1].Input != "\"quoted\"@iana.org" {
		t.Errorf("got %+v, %v", got, err)
	}
	// A policy that rejects role addresses makes them invalid.
	policy, err := NewAddressPolicy(PolicyConfig{RejectRole: true})
	if err != nil {
		t.Fatal(err)
	}
	defer policy.Close()
	got, _, err = cleanAll(t, "abuse@iana.org\n", CleanOptions{Policy: policy})
	if err != nil || len(got) != 1 || got[0].Verdict != VerdictInvalid || !got[0].HasReason("role") {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestCleanOptionErrors(t *testing.T) {
	closedPolicy, closedResolver := closedPolicyAndResolver(t)
	closedTracker := openTracker(t, TrackerPolicy{})
	closedTracker.Close()
	for name, opts := range map[string]CleanOptions{
		"quote delimiter":    {Delimiter: '"'},
		"input":              {Input: 7},
		"max pending rows":   {MaxPendingRows: -1},
		"column number":      {ColumnNumber: -2},
		"progress every":     {Progress: func(CleanStats) {}, ProgressEvery: -1},
		"NUL in column":      {Column: "e\x00mail"},
		"empty allow domain": {AllowDisposable: []string{""}},
		"closed policy":      {Policy: closedPolicy},
		"closed resolver":    {Resolver: closedResolver},
		"closed tracker":     {Tracker: closedTracker},
	} {
		got, _, err := cleanAll(t, "a@iana.org\n", opts)
		if len(got) != 0 || !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %d verdicts, %v", name, len(got), err)
		}
	}
}

// A column name that is not in the header: no verdict, and a typed error
// naming the column.
func TestCleanMissingColumn(t *testing.T) {
	pr, pw := io.Pipe()
	go writeSmall(pw, []byte("name,mail\nAnn,ann@iana.org\nBob,bob@iana.org\n"), 2)
	verdicts, wait := Clean(context.Background(), pr, CleanOptions{Column: "e-mail address"})
	got := collect(verdicts)
	_, err := wait()
	var mwErr *Error
	if len(got) != 0 || !errors.As(err, &mwErr) || mwErr.Code != StatusInvalidArgument ||
		!strings.Contains(mwErr.Message, "e-mail address") {
		t.Errorf("got %d verdicts, %v", len(got), err)
	}
	pr.Close()
	noCleanGoroutines(t)
}

type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestCleanReaderError(t *testing.T) {
	fire := errors.New("disk on fire")
	verdicts, wait := Clean(context.Background(), &failingReader{[]byte("a@iana.org\nb@iana.org\nc@ia"), fire},
		CleanOptions{})
	got := collect(verdicts)
	stats, err := wait()
	if !errors.Is(err, fire) || len(got) != 2 || stats.Rows != 2 {
		t.Errorf("got %d verdicts, %+v, %v", len(got), stats, err)
	}
}

func TestCleanSuppressedByTracker(t *testing.T) {
	tr := openTracker(t, TrackerPolicy{})
	if _, err := tr.Suppress("gone@iana.org", "acme", "asked to be left alone"); err != nil {
		t.Fatal(err)
	}
	input := "ok@iana.org\nGone@IANA.org\n"
	got, _, err := cleanAll(t, input, CleanOptions{Tracker: tr, Account: "acme"})
	if err != nil || len(got) != 2 || got[0].HasReason("suppressed") || !got[1].HasReason("suppressed") ||
		got[1].Verdict != VerdictInvalid {
		t.Errorf("got %+v, %v", got, err)
	}
	// Another account: not suppressed there.
	got, _, err = cleanAll(t, input, CleanOptions{Tracker: tr})
	if err != nil || len(got) != 2 || got[1].HasReason("suppressed") {
		t.Errorf("default account: %+v, %v", got, err)
	}
}

// The domains' mail records from unbound serving auth-zones: each distinct
// domain is looked up once while rows wait for it in order. Special-use
// names (.test) are never looked up, even when the policy accepts them.
func TestCleanDNSCallbacksInOrder(t *testing.T) {
	resolver := testResolver(t)
	policy, err := NewAddressPolicy(PolicyConfig{AllowSpecialUse: true})
	if err != nil {
		t.Fatal(err)
	}
	defer policy.Close()
	type expect struct {
		address string
		status  MailDomainStatus
		verdict Verdict
		reason  string
	}
	kinds := []expect{
		{"a%d@feedback-smtp.us-east-1.amazonses.com", MailDomainImplicitMX, VerdictRisky, "implicit_mx"},
		{"b%d@amazonses.com", MailDomainNoMail, VerdictInvalid, "no_mail_domain"},             // no MX, no A
		{"c%d@nowhere.mailwarden-nx.net", MailDomainNoMail, VerdictInvalid, "no_mail_domain"}, // NXDOMAIN
		{"d%d@good.test", MailDomainNotChecked, VerdictRisky, "special_use"},
	}
	const n = 2000
	var input bytes.Buffer
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&input, kinds[i%len(kinds)].address+"\n", i)
	}
	pr, pw := io.Pipe()
	go writeSmall(pw, input.Bytes(), 3)
	// Few rows may wait: feeding blocks on DNS, and verdicts still come in order.
	verdicts, wait := Clean(context.Background(), pr, CleanOptions{Resolver: resolver, Policy: policy,
		Input: CleanInputLines, MaxPendingRows: 3})
	rows := 0
	for v := range verdicts {
		rows++
		k := kinds[rows%len(kinds)]
		if v.Row != rows || v.DomainStatus != k.status || v.Verdict != k.verdict || !v.HasReason(k.reason) {
			t.Fatalf("verdict %d = %+v, want %+v", rows, v, k)
		}
	}
	stats, err := wait()
	if err != nil || rows != n || stats.Domains != 3 || stats.DomainsResolved != 3 {
		t.Errorf("%d rows, %+v, %v", rows, stats, err)
	}
	if MailDomainImplicitMX.String() != "implicit_mx" || MailDomainNoMail.String() != "no_mail_domain" {
		t.Error("names")
	}
}

// Cancelling midway, with a consumer that stops receiving: the run ends,
// wait returns an error matching ErrCancelled and context.Canceled, and no
// goroutine is left behind once the input is closed.
func TestCleanCancelMidway(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		// Writes of 2000 rows: one feed delivers far more verdicts than the
		// channel holds, so the feeding goroutine waits inside the library's
		// call when the consumer stops.
		for i := 1; ; i += 2000 {
			var b bytes.Buffer
			for j := i; j < i+2000; j++ {
				fmt.Fprintf(&b, "u%d@iana.org\n", j)
			}
			if _, err := pw.Write(b.Bytes()); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	verdicts, wait := Clean(ctx, pr, CleanOptions{Input: CleanInputLines, Progress: func(CleanStats) {}, ProgressEvery: 7})
	for v := range verdicts {
		if v.Row == 500 {
			break
		}
	}
	// The consumer has stopped: the channel fills up and the feeding
	// goroutine waits to send; only then is the run cancelled.
	for deadline := time.Now().Add(10 * time.Second); len(verdicts) < cap(verdicts) && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	cancel()
	done := make(chan struct{})
	var stats CleanStats
	var err error
	go func() {
		stats, err = wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("wait did not return after the cancellation")
	}
	var mwErr *Error
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.Canceled) || !errors.As(err, &mwErr) ||
		mwErr.Code != StatusCancelled {
		t.Errorf("wait: %v", err)
	}
	if stats.Rows < 500 {
		t.Errorf("stats %+v", stats)
	}
	left := len(collect(verdicts)) // closed: what was buffered
	if left != cap(verdicts) {
		t.Errorf("%d verdicts after the cancellation", left)
	}
	// A second wait gives the same.
	if s2, err2 := wait(); s2 != stats || err2 != err {
		t.Errorf("second wait: %+v, %v", s2, err2)
	}
	pr.Close() // ends the writer
	noCleanGoroutines(t)
}

// A Read that blocks does not hold up a cancellation.
func TestCleanCancelWhileReadBlocks(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go pw.Write([]byte("a@iana.org\nb@iana.org\n")) // then nothing more
	verdicts, wait := Clean(ctx, pr, CleanOptions{})
	got := []CleanVerdict{<-verdicts, <-verdicts} // the next Read blocks
	cancel()
	got = append(got, collect(verdicts)...)
	_, err := wait()
	if len(got) != 2 || got[1].Address != "b@iana.org" || !errors.Is(err, ErrCancelled) ||
		!errors.Is(err, context.Canceled) {
		t.Errorf("got %+v, %v", got, err)
	}
	pw.Close() // the blocked Read returns; its goroutine ends
	noCleanGoroutines(t)
}

// A context done before the start: nothing is read.
func TestCleanCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	r := strings.NewReader("a@iana.org\n")
	got, err := func() ([]CleanVerdict, error) {
		verdicts, wait := Clean(ctx, r, CleanOptions{})
		got := collect(verdicts)
		_, err := wait()
		return got, err
	}()
	if len(got) != 0 || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrCancelled) || r.Len() == 0 {
		t.Errorf("got %d verdicts, %v", len(got), err)
	}
	noCleanGoroutines(t)
}

// Several runs at once, each with its own callbacks.
func TestCleanConcurrentRunsCallback(t *testing.T) {
	data, want := cleanFixture(3000)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			pr, pw := io.Pipe()
			go writeSmall(pw, data, int64(g))
			progressed := 0
			verdicts, wait := Clean(context.Background(), pr, CleanOptions{
				Progress: func(CleanStats) { progressed++ }, ProgressEvery: 100})
			rows := 0
			for v := range verdicts {
				rows++
				if v.Row != rows || v.Address != want[rows].address {
					t.Errorf("run %d: verdict %d = %+v", g, rows, v)
					return
				}
			}
			if _, err := wait(); err != nil || rows != 3000 || progressed != 31 {
				t.Errorf("run %d: %d rows, %d progress reports, %v", g, rows, progressed, err)
			}
		}(g)
	}
	wg.Wait()
	noCleanGoroutines(t)
}

// A panic in Progress never unwinds into the library: it is logged and the
// run carries on.
func TestCleanProgressCallbackPanicIsRecovered(t *testing.T) {
	logged := captureLog(t)
	calls := 0
	got, stats, err := cleanAll(t, "a@iana.org\nb@iana.org\nc@iana.org\n", CleanOptions{
		Progress: func(s CleanStats) {
			calls++
			panic(fmt.Sprintf("progress exploded at %d", s.Rows))
		},
		ProgressEvery: 1,
	})
	if err != nil || len(got) != 3 || stats.Rows != 3 || calls != 4 {
		t.Errorf("%d verdicts, %+v, %d calls, %v", len(got), stats, calls, err)
	}
	out := logged()
	if strings.Count(out, "progress exploded") != 4 {
		t.Errorf("log:\n%s", out)
	}
}

// What a verdict holds matches the library's JSON form of it.
func TestCleanVerdictJSON(t *testing.T) {
	got, _, err := cleanAll(t, "carl@gmial.com\n", CleanOptions{})
	if err != nil || len(got) != 1 {
		t.Fatalf("%+v, %v", got, err)
	}
	v := got[0]
	var js struct {
		Input, Address, Verdict, Domain string
		Reasons                         []string
		Row                             int
		Suggestion                      *string
		DuplicateOf                     *int `json:"duplicate_of"`
	}
	if err := json.Unmarshal([]byte(v.JSON), &js); err != nil {
		t.Fatal(err)
	}
	if js.Input != v.Input || js.Address != v.Address || js.Verdict != v.Verdict.String() ||
		js.Domain != v.DomainStatus.String() || !reflect.DeepEqual(js.Reasons, v.Reasons) || js.Row != v.Row ||
		js.Suggestion == nil || *js.Suggestion != v.Suggestion || js.DuplicateOf != nil {
		t.Errorf("JSON %s, verdict %+v", v.JSON, v)
	}
}
