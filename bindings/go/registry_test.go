package mailwarden

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The manual clock of the tests starts at 2026-09-21T14:13:20Z.
var t0 = time.Unix(1790000000, 0).UTC()

const day = 24 * time.Hour

// testConfig is a registry in dir on the manual clock.
func testConfig(dir string) RegistryConfig {
	return RegistryConfig{
		StorePath:   filepath.Join(dir, "senders.db"),
		Outbox:      filepath.Join(dir, "outbox"),
		ManualClock: t0,
	}
}

// tempStore is a SQLite file in a new temp dir: the tests use a real file,
// as applications do, not an in-memory database.
func tempStore(t *testing.T) string {
	return filepath.Join(t.TempDir(), "senders.db")
}

// openTest opens a registry (cfg from testConfig on a new temp dir unless
// given) and closes it when the test ends.
func openTest(t *testing.T, cfg ...RegistryConfig) *Registry {
	t.Helper()
	c := testConfig(t.TempDir())
	if len(cfg) > 0 {
		c = cfg[0]
	}
	r, err := OpenRegistry(c)
	if err != nil {
		t.Fatalf("OpenRegistry(%+v): %v", c, err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

func mustAdd(t *testing.T, r *Registry, address, alias, account string) Sender {
	t.Helper()
	s, err := r.Add(address, alias, account)
	if err != nil {
		t.Fatalf("Add(%q): %v", address, err)
	}
	return s
}

func mustGet(t *testing.T, r *Registry, address, account string) Sender {
	t.Helper()
	s, err := r.Get(address, account)
	if err != nil {
		t.Fatalf("Get(%q): %v", address, err)
	}
	return s
}

func mustAdvance(t *testing.T, r *Registry, d time.Duration) {
	t.Helper()
	if err := r.AdvanceClock(d); err != nil {
		t.Fatalf("AdvanceClock(%v): %v", d, err)
	}
}

// mustConfirm clicks the latest link sent to address.
func mustConfirm(t *testing.T, r *Registry, address string) string {
	t.Helper()
	link, err := r.LastLink(address)
	if err != nil {
		t.Fatalf("LastLink(%q): %v", address, err)
	}
	msg, err := r.Confirm(link)
	if err != nil {
		t.Fatalf("Confirm(%q): %v", link, err)
	}
	return msg
}

func wantErr(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want one matching %v", what, err, target)
	}
}

func addresses(senders []Sender) []string {
	out := []string{}
	for _, s := range senders {
		out = append(out, s.Address)
	}
	return out
}

// recorder is a Subscribe callback that records what it is given.
type recorder struct {
	mu      sync.Mutex
	changed *sync.Cond
	events  []event
}

type event struct {
	address  string
	from, to SenderState
	state    SenderState // of the snapshot passed along
	thread   uintptr
}

func newRecorder() *recorder {
	rec := &recorder{}
	rec.changed = sync.NewCond(&rec.mu)
	return rec
}

func (rec *recorder) record(s Sender, from, to SenderState) {
	tid := threadID()
	rec.mu.Lock()
	rec.events = append(rec.events, event{s.Address, from, to, s.State, tid})
	rec.mu.Unlock()
	rec.changed.Broadcast()
}

func (rec *recorder) snapshot() []event {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]event(nil), rec.events...)
}

// transitions lists [from, to] pairs for address ("" for all).
func (rec *recorder) transitions(address string) [][2]SenderState {
	out := [][2]SenderState{}
	for _, e := range rec.snapshot() {
		if address == "" || e.address == address {
			out = append(out, [2]SenderState{e.from, e.to})
		}
	}
	return out
}

// waitFor waits until n events are recorded or the timeout passes.
func (rec *recorder) waitFor(n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, rec.changed.Broadcast)
	defer timer.Stop()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for len(rec.events) < n && time.Now().Before(deadline) {
		rec.changed.Wait()
	}
	return len(rec.events) >= n
}

// --- add and the snapshot ---------------------------------------------------

func TestRegistryAddGivesPendingSnapshot(t *testing.T) {
	r := openTest(t)
	s := mustAdd(t, r, "Alice@IANA.org", "Alice", "")
	if s.State != SenderStatePending || s.Address != "Alice@iana.org" || s.Alias != "Alice" ||
		s.Type != "Email" || s.Account != "default" || !strings.HasPrefix(s.ID, "snd_") {
		t.Errorf("snapshot = %+v", s)
	}
	if !s.CreatedAt.Equal(t0) || !s.RequestedAt.Equal(t0) || !s.ExpiresAt.Equal(t0.Add(day)) {
		t.Errorf("times = %v %v %v", s.CreatedAt, s.RequestedAt, s.ExpiresAt)
	}
	if s.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt location = %v, want UTC", s.CreatedAt.Location())
	}
	if !s.VerifiedAt.IsZero() || !s.FailedAt.IsZero() || s.FailureReason != "" || len(s.Warnings) != 0 {
		t.Errorf("unset fields = %v %v %q %q", s.VerifiedAt, s.FailedAt, s.FailureReason, s.Warnings)
	}
	if got := mustGet(t, r, "Alice@iana.org", ""); !reflect.DeepEqual(got, s) {
		t.Errorf("Get = %+v, want %+v", got, s)
	}

	var plain map[string]any
	if err := json.Unmarshal([]byte(s.JSON(false)), &plain); err != nil {
		t.Fatalf("JSON: %v (%s)", err, s.JSON(false))
	}
	if plain["status"] != "Pending" || plain["id"] != s.ID || plain["created_at"] != "2026-09-21T14:13:20Z" ||
		plain["verified_at"] != nil {
		t.Errorf("JSON = %v", plain)
	}
	if _, ok := plain["history"]; ok {
		t.Error("JSON(false) has a history")
	}
	var full struct {
		History []struct {
			From *string `json:"from"`
			To   string  `json:"to"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(s.JSON(true)), &full); err != nil {
		t.Fatal(err)
	}
	if len(full.History) != 1 || full.History[0].From != nil || full.History[0].To != "Pending" {
		t.Errorf("history = %+v", full.History)
	}
}

func TestSenderStateNames(t *testing.T) {
	cases := map[SenderState]string{
		SenderStatePending: "Pending", SenderStateSuccess: "Success", SenderStateFailed: "Failed",
		SenderStateNone: "None", SenderState(7): "SenderState(7)",
	}
	for s, want := range cases {
		if got := s.String(); got != want {
			t.Errorf("SenderState(%d).String() = %q, want %q", int(s), got, want)
		}
	}
	if SenderStatePending != 0 || SenderStateSuccess != 1 || SenderStateFailed != 2 || AllSenderStates != -1 {
		t.Error("state numbers differ from the header")
	}
}

// --- the seed's flow ----------------------------------------------------------

func TestRegistrySendOnlyAfterConfirmation(t *testing.T) {
	dir := t.TempDir()
	r := openTest(t, testConfig(dir))
	mustAdd(t, r, "alice@iana.org", "Alice", "")
	msg := Message{From: "alice@iana.org", To: []string{"reader@iana.org", "other@iana.org"},
		Subject: "Quarterly report", Text: "plain", HTML: "<p>rich</p>"}
	_, err := r.Send(msg)
	wantErr(t, err, ErrNotVerified, "Send before confirmation")
	var mwErr *Error
	if !errors.As(err, &mwErr) || !strings.Contains(mwErr.Message, "Pending") {
		t.Errorf("error = %v", err)
	}

	link, err := r.LastLink("alice@iana.org")
	if err != nil || !strings.HasPrefix(link, "https://") || !strings.Contains(link, "alice@iana.org") {
		t.Fatalf("LastLink = %q, %v", link, err)
	}
	mustAdvance(t, r, time.Hour)
	text, err := r.Confirm(link)
	if err != nil || !strings.Contains(text, "successfully verified") {
		t.Fatalf("Confirm = %q, %v", text, err)
	}
	s := mustGet(t, r, "alice@iana.org", "")
	if s.State != SenderStateSuccess || !s.VerifiedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("after confirm: %v, verified at %v", s.State, s.VerifiedAt)
	}

	id, err := r.Send(msg)
	if err != nil || id == "" {
		t.Fatalf("Send = %q, %v", id, err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "outbox", "new"))
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, "outbox", "new", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if m := string(data); strings.Contains(m, "Quarterly report") {
			sent++
			if !strings.Contains(m, "reader@iana.org") || !strings.Contains(m, "other@iana.org") ||
				!strings.Contains(m, "Alice") {
				t.Errorf("sent mail lacks recipients or alias:\n%s", m)
			}
		}
	}
	if sent != 1 {
		t.Errorf("%d sent mails in the outbox, want 1", sent)
	}
	_, err = r.Resend("alice@iana.org", "")
	wantErr(t, err, ErrInvalidArgument, "Resend of a verified sender")
}

func TestRegistryLinkExpiresAtExactly24Hours(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "carol@iana.org", "", "")
	mustAdvance(t, r, day-time.Second)
	if s := mustGet(t, r, "carol@iana.org", ""); s.State != SenderStatePending {
		t.Fatalf("after 86399 s: %v", s.State)
	}
	mustAdvance(t, r, time.Second)
	s := mustGet(t, r, "carol@iana.org", "")
	if s.State != SenderStateFailed || !strings.Contains(s.FailureReason, "expired") ||
		!s.FailedAt.Equal(t0.Add(day)) {
		t.Fatalf("after 86400 s: %v %q %v", s.State, s.FailureReason, s.FailedAt)
	}
	link, _ := r.LastLink("carol@iana.org")
	_, err := r.Confirm(link)
	wantErr(t, err, ErrExpired, "Confirm after expiry")
	_, err = r.Send(Message{From: "carol@iana.org", To: []string{"reader@iana.org"}, Subject: "Hi", Text: "x"})
	wantErr(t, err, ErrNotVerified, "Send from a failed sender")
}

func TestRegistryResendOpensNewWindow(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "carol@iana.org", "", "")
	oldLink, _ := r.LastLink("carol@iana.org")
	mustAdvance(t, r, day+10*time.Minute)
	if s := mustGet(t, r, "carol@iana.org", ""); s.State != SenderStateFailed {
		t.Fatalf("state = %v", s.State)
	}
	s, err := r.Resend("carol@iana.org", "")
	if err != nil {
		t.Fatal(err)
	}
	now := t0.Add(day + 10*time.Minute)
	if s.State != SenderStatePending || !s.RequestedAt.Equal(now) || !s.ExpiresAt.Equal(now.Add(day)) ||
		s.FailureReason != "" || !s.FailedAt.IsZero() {
		t.Errorf("after resend: %+v", s)
	}
	newLink, _ := r.LastLink("carol@iana.org")
	if newLink == oldLink {
		t.Error("resend kept the old link")
	}
	_, err = r.Confirm(oldLink)
	wantErr(t, err, ErrInvalidArgument, "Confirm of a replaced link")
	mustAdvance(t, r, day-time.Second)
	mustConfirm(t, r, "carol@iana.org")
	if s := mustGet(t, r, "carol@iana.org", ""); s.State != SenderStateSuccess {
		t.Errorf("state = %v", s.State)
	}
}

func TestRegistryRefresh(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "a@iana.org", "", "")
	mustAdd(t, r, "b@iana.org", "", "")
	if checked, changed, err := r.Refresh(); err != nil || checked != 2 || changed != 0 {
		t.Errorf("Refresh = %d, %d, %v; want 2, 0", checked, changed, err)
	}
	mustAdvance(t, r, day)
	if checked, changed, err := r.Refresh(); err != nil || checked != 2 || changed != 2 {
		t.Errorf("Refresh after expiry = %d, %d, %v; want 2, 2", checked, changed, err)
	}
	failed, err := r.List(SenderStateFailed, "")
	if err != nil || len(failed) != 2 {
		t.Errorf("failed senders = %v, %v", addresses(failed), err)
	}
}

// --- refusals ----------------------------------------------------------------

func TestRegistryRefusals(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "alice@iana.org", "", "")
	_, err := r.Add("alice@IANA.ORG", "again", "")
	wantErr(t, err, ErrAlreadyExists, "duplicate")
	if s := mustAdd(t, r, "alice@iana.org", "", "team"); s.Account != "team" {
		t.Errorf("account = %q", s.Account)
	}
	for _, alias := range []string{"B\r\nBcc: x@y.org", "line\nbreak", "tab\there"} {
		_, err := r.Add("bob@iana.org", alias, "")
		wantErr(t, err, ErrInvalidArgument, "alias "+alias)
	}
	_, err = r.Get("bob@iana.org", "")
	wantErr(t, err, ErrNotFound, "sender with a refused alias")
	for _, addr := range []string{"not an address", "a..b@iana.org", "", "user@example.com"} {
		_, err := r.Add(addr, "", "")
		wantErr(t, err, ErrInvalidArgument, "address "+addr)
	}
	_, err = r.Add("alice@iana.org\x00evil", "", "")
	wantErr(t, err, ErrInvalidArgument, "NUL in address")
}

func TestRegistryWarningsAndPolicy(t *testing.T) {
	r := openTest(t)
	s := mustAdd(t, r, "no-reply@iana.org", "", "")
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "no-reply") {
		t.Errorf("no-reply warnings = %q", s.Warnings)
	}
	s = mustAdd(t, r, "postmaster@iana.org", "", "")
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "role account") {
		t.Errorf("role warnings = %q", s.Warnings)
	}

	cfg := testConfig(t.TempDir())
	cfg.RejectNoreply, cfg.RejectRole = true, true
	strict := openTest(t, cfg)
	_, err := strict.Add("no-reply@iana.org", "", "")
	wantErr(t, err, ErrPolicy, "reject no-reply")
	_, err = strict.Add("postmaster@iana.org", "", "")
	wantErr(t, err, ErrPolicy, "reject role")
	if list, _ := strict.List(AllSenderStates, ""); len(list) != 0 {
		t.Errorf("refused senders were stored: %v", addresses(list))
	}

	cfg = testConfig(t.TempDir())
	cfg.AllowSpecialUse = true
	demo := openTest(t, cfg)
	mustAdd(t, demo, "demo@example.com", "", "")
}

// --- list, accounts, remove ---------------------------------------------------

func TestRegistryListFilters(t *testing.T) {
	r := openTest(t)
	// One second apart: senders created in the same instant have no defined order.
	for _, name := range []string{"c", "a", "b"} {
		mustAdd(t, r, name+"@iana.org", "", "")
		mustAdvance(t, r, time.Second)
	}
	mustAdd(t, r, "d@iana.org", "", "team")
	mustConfirm(t, r, "b@iana.org")
	mustAdvance(t, r, day)

	check := func(state SenderState, account string, want ...string) {
		t.Helper()
		got, err := r.List(state, account)
		if err != nil {
			t.Fatalf("List(%v, %q): %v", state, account, err)
		}
		if !reflect.DeepEqual(addresses(got), append([]string{}, want...)) {
			t.Errorf("List(%v, %q) = %v, want %v", state, account, addresses(got), want)
		}
		for _, s := range got {
			if state != AllSenderStates && s.State != state {
				t.Errorf("List(%v) returned %s in %v", state, s.Address, s.State)
			}
		}
	}
	check(AllSenderStates, "", "c@iana.org", "a@iana.org", "b@iana.org")
	check(SenderStateSuccess, "", "b@iana.org")
	check(SenderStateFailed, "", "c@iana.org", "a@iana.org")
	check(SenderStatePending, "")
	check(AllSenderStates, "team", "d@iana.org")
	check(AllSenderStates, "nobody")
	_, err := r.List(SenderState(7), "")
	wantErr(t, err, ErrInvalidArgument, "unknown state")
}

func TestRegistryDefaultAccount(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.DefaultAccount = "shop"
	r := openTest(t, cfg)
	if s := mustAdd(t, r, "jane@iana.org", "", ""); s.Account != "shop" {
		t.Errorf("account = %q", s.Account)
	}
	_, err := r.Get("jane@iana.org", "default")
	wantErr(t, err, ErrNotFound, "other account")
}

func TestRegistryRemove(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "alice@iana.org", "", "")
	mustAdd(t, r, "bob@iana.org", "", "")
	if err := r.Remove("alice@iana.org", false, ""); err != nil {
		t.Fatal(err)
	}
	_, err := r.Get("alice@iana.org", "")
	wantErr(t, err, ErrNotFound, "Get after Remove")
	wantErr(t, r.Remove("alice@iana.org", false, ""), ErrNotFound, "Remove twice")
	if err := r.Remove("bob@iana.org", true, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := r.List(AllSenderStates, ""); len(list) != 0 {
		t.Errorf("left: %v", addresses(list))
	}
	mustAdd(t, r, "alice@iana.org", "", "")
}

func TestRegistryStoreSurvivesReopening(t *testing.T) {
	cfg := testConfig(t.TempDir())
	r, err := OpenRegistry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := mustAdd(t, r, "alice@iana.org", "", "")
	mustConfirm(t, r, "alice@iana.org")
	r.Close()
	again := openTest(t, cfg)
	if got := mustGet(t, again, "alice@iana.org", ""); got.ID != s.ID || got.State != SenderStateSuccess {
		t.Errorf("after reopening: %+v", got)
	}
}

// --- options and misuse ---------------------------------------------------------

func TestRegistryOptions(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.LinkLifetime = 2 * time.Hour
	cfg.ManualClock = t0.Add(day)
	r := openTest(t, cfg)
	s := mustAdd(t, r, "alice@iana.org", "", "")
	if !s.CreatedAt.Equal(t0.Add(day)) || !s.ExpiresAt.Equal(s.CreatedAt.Add(2*time.Hour)) {
		t.Errorf("times = %v %v", s.CreatedAt, s.ExpiresAt)
	}
	mustAdvance(t, r, 2*time.Hour)
	if s := mustGet(t, r, "alice@iana.org", ""); s.State != SenderStateFailed {
		t.Errorf("state = %v", s.State)
	}

	other := openTest(t, RegistryConfig{StorePath: tempStore(t), Outbox: filepath.Join(t.TempDir(), "o"), ManualClock: t0})
	mustAdd(t, other, "alice@iana.org", "", "")

	system := openTest(t, RegistryConfig{StorePath: tempStore(t), Outbox: filepath.Join(t.TempDir(), "o")})
	if s := mustAdd(t, system, "alice@iana.org", "", ""); time.Since(s.CreatedAt).Abs() > time.Minute {
		t.Errorf("system clock sender created at %v", s.CreatedAt)
	}
	wantErr(t, system.AdvanceClock(time.Second), ErrInvalidArgument, "AdvanceClock on the system clock")
}

func TestOpenRegistryMisuse(t *testing.T) {
	dir := t.TempDir()
	outbox := filepath.Join(dir, "outbox")
	store := filepath.Join(dir, "senders.db")
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		cfg  RegistryConfig
		want error
	}{
		{"no store", RegistryConfig{Outbox: outbox}, ErrInvalidArgument},
		{"no outbox", RegistryConfig{StorePath: store}, ErrInvalidArgument},
		{"negative lifetime", RegistryConfig{StorePath: store, Outbox: outbox, LinkLifetime: -time.Hour}, ErrInvalidArgument},
		{"fractional lifetime", RegistryConfig{StorePath: store, Outbox: outbox, LinkLifetime: 1500 * time.Millisecond}, ErrInvalidArgument},
		{"fractional clock", RegistryConfig{StorePath: store, Outbox: outbox, ManualClock: t0.Add(time.Millisecond)}, ErrInvalidArgument},
		{"NUL in path", RegistryConfig{StorePath: "a\x00b", Outbox: outbox}, ErrInvalidArgument},
		{"unusable store", RegistryConfig{StorePath: filepath.Join(blocker, "senders.db"), Outbox: outbox}, ErrIO},
	}
	for _, c := range cases {
		r, err := OpenRegistry(c.cfg)
		if err == nil {
			r.Close()
		}
		wantErr(t, err, c.want, c.name)
	}
}

func TestRegistryCallMisuse(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "alice@iana.org", "", "")
	_, err := r.Get("nobody@iana.org", "")
	wantErr(t, err, ErrNotFound, "Get unknown")
	_, err = r.Resend("nobody@iana.org", "")
	wantErr(t, err, ErrNotFound, "Resend unknown")
	_, err = r.LastLink("nobody@iana.org")
	wantErr(t, err, ErrNotFound, "LastLink unknown")
	_, err = r.Confirm("https://nowhere.example/x")
	wantErr(t, err, ErrInvalidArgument, "Confirm garbage")
	wantErr(t, r.AdvanceClock(500*time.Millisecond), ErrInvalidArgument, "fractional clock step")
	wantErr(t, r.StartRefresher(0), ErrInvalidArgument, "StartRefresher(0)")
	_, err = r.Subscribe(nil)
	wantErr(t, err, ErrInvalidArgument, "Subscribe(nil)")

	mustConfirm(t, r, "alice@iana.org")
	send := func(m Message) error { _, err := r.Send(m); return err }
	m := Message{From: "alice@iana.org", To: []string{"reader@iana.org"}, Subject: "Hi"}
	wantErr(t, send(m), ErrInvalidArgument, "no body")
	m.Text = "x"
	m.To = nil
	wantErr(t, send(m), ErrInvalidArgument, "no recipient")
	m.To = []string{"reader@iana.org"}
	m.From = "bob@iana.org"
	wantErr(t, send(m), ErrNotFound, "unknown sender")
	m.From = "alice@iana.org"
	m.Subject = "Hi\r\nBcc: x@iana.org"
	wantErr(t, send(m), ErrInvalidArgument, "line break in subject")
	m.Subject = "Hi"
	if err := send(m); err != nil {
		t.Errorf("valid message: %v", err)
	}
}

func TestRegistryUseAfterClose(t *testing.T) {
	r, err := OpenRegistry(testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	cancel, err := r.Subscribe(func(Sender, SenderState, SenderState) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	cancel() // after Close: nothing to undo
	calls := map[string]func() error{
		"Add":    func() error { _, err := r.Add("bob@iana.org", "", ""); return err },
		"Get":    func() error { _, err := r.Get("alice@iana.org", ""); return err },
		"List":   func() error { _, err := r.List(AllSenderStates, ""); return err },
		"Resend": func() error { _, err := r.Resend("alice@iana.org", ""); return err },
		"Remove": func() error { return r.Remove("alice@iana.org", false, "") },
		"Refresh": func() error {
			_, _, err := r.Refresh()
			return err
		},
		"Confirm":  func() error { _, err := r.Confirm("x"); return err },
		"LastLink": func() error { _, err := r.LastLink("alice@iana.org"); return err },
		"Send": func() error {
			_, err := r.Send(Message{From: "alice@iana.org", To: []string{"r@iana.org"}, Text: "t"})
			return err
		},
		"AdvanceClock":   func() error { return r.AdvanceClock(time.Second) },
		"Subscribe":      func() error { _, err := r.Subscribe(func(Sender, SenderState, SenderState) {}); return err },
		"StartRefresher": func() error { return r.StartRefresher(time.Second) },
		"StopRefresher":  func() error { return r.StopRefresher() },
	}
	for name, call := range calls {
		err := call()
		wantErr(t, err, ErrInvalidArgument, name+" after Close")
		if err != nil && !strings.Contains(err.Error(), "closed") {
			t.Errorf("%s after Close: %v", name, err)
		}
	}
	var nilRegistry *Registry
	if err := nilRegistry.Close(); err != nil {
		t.Errorf("nil Close: %v", err)
	}
	_, err = nilRegistry.Get("alice@iana.org", "")
	wantErr(t, err, ErrInvalidArgument, "nil registry")
}

// Close while 8 goroutines call Get and List: Close does not wait for them;
// each call either succeeds with complete data or fails with
// ErrInvalidArgument naming the closed registry, and every goroutine ends.
func TestRegistryCloseWhileCallsRun(t *testing.T) {
	r, err := OpenRegistry(testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		mustAdd(t, r, "user"+string(rune('a'+i))+"@iana.org", "", "")
	}
	const goroutines = 8
	var wg sync.WaitGroup
	var started sync.WaitGroup
	outcomes := make(chan error, goroutines)
	successes := make([]int, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		started.Add(1)
		go func(g int) {
			defer wg.Done()
			first := true
			for {
				var err error
				if g%2 == 0 {
					var list []Sender
					if list, err = r.List(AllSenderStates, ""); err == nil && len(list) != 20 {
						err = errors.New("short list")
					}
				} else {
					var s Sender
					if s, err = r.Get("userc@iana.org", ""); err == nil && s.Address != "userc@iana.org" {
						err = errors.New("wrong sender")
					}
				}
				if first {
					started.Done()
					first = false
				}
				if err != nil {
					outcomes <- err
					return
				}
				successes[g]++
			}
		}(g)
	}
	started.Wait()
	time.Sleep(20 * time.Millisecond)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(outcomes)
	for err := range outcomes {
		wantErr(t, err, ErrInvalidArgument, "call racing Close")
		if err != nil && !strings.Contains(err.Error(), "closed") {
			t.Errorf("call racing Close: %v, want a closed registry", err)
		}
	}
	for g, n := range successes {
		if n == 0 {
			t.Logf("goroutine %d made no successful call before Close", g)
		}
	}
}

// Subscribing, cancelling and calling from several goroutines while Close
// runs: no crash, and afterwards every call reports the closed registry.
func TestRegistryCloseRacesSubscribeAndCancel(t *testing.T) {
	for round := 0; round < 5; round++ {
		r, err := OpenRegistry(testConfig(t.TempDir()))
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 20; i++ {
					cancel, err := r.Subscribe(func(Sender, SenderState, SenderState) {})
					if err != nil {
						wantErr(t, err, ErrInvalidArgument, "Subscribe racing Close")
						return
					}
					if _, err := r.Add(string(rune('a'+g))+string(rune('a'+i))+"@iana.org", "", ""); err != nil {
						wantErr(t, err, ErrInvalidArgument, "Add racing Close")
					}
					cancel()
				}
			}(g)
		}
		time.Sleep(time.Duration(round) * 5 * time.Millisecond)
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		_, err = r.Subscribe(func(Sender, SenderState, SenderState) {})
		wantErr(t, err, ErrInvalidArgument, "Subscribe after Close")
		r.st.mu.Lock()
		left := r.st.subs
		r.st.mu.Unlock()
		if left != nil {
			t.Errorf("subscriptions left after Close: %v", left)
		}
	}
}

func TestRegistryFinalizerFreesForgottenRegistry(t *testing.T) {
	cfg := testConfig(t.TempDir())
	rec := newRecorder()
	st := func() *registryState {
		r, err := OpenRegistry(cfg)
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, r, "alice@iana.org", "", "")
		// A callback that does not capture r leaves r collectable.
		if _, err := r.Subscribe(rec.record); err != nil {
			t.Fatal(err)
		}
		if err := r.StartRefresher(10 * time.Millisecond); err != nil {
			t.Fatal(err)
		}
		return r.st
	}()
	freed := func() bool {
		st.mu.Lock()
		defer st.mu.Unlock()
		return st.handle() == nil && st.subs == nil
	}
	deadline := time.Now().Add(10 * time.Second)
	for !freed() {
		if time.Now().After(deadline) {
			t.Fatal("the finalizer did not free the registry")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	again := openTest(t, cfg)
	if s := mustGet(t, again, "alice@iana.org", ""); s.State != SenderStatePending {
		t.Errorf("state = %v", s.State)
	}
}

// --- callbacks -----------------------------------------------------------------

func TestRegistryCallbacksReportEveryChange(t *testing.T) {
	r := openTest(t)
	rec := newRecorder()
	cancel, err := r.Subscribe(rec.record)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	mustAdd(t, r, "carol@iana.org", "", "")
	mustConfirm(t, r, "alice@iana.org")
	mustAdvance(t, r, day)
	mustGet(t, r, "carol@iana.org", "") // expiry applied here
	if _, err := r.Resend("carol@iana.org", ""); err != nil {
		t.Fatal(err)
	}
	const N, P, S, F = SenderStateNone, SenderStatePending, SenderStateSuccess, SenderStateFailed
	if got := rec.transitions("alice@iana.org"); !reflect.DeepEqual(got, [][2]SenderState{{N, P}, {P, S}}) {
		t.Errorf("alice: %v", got)
	}
	if got := rec.transitions("carol@iana.org"); !reflect.DeepEqual(got, [][2]SenderState{{N, P}, {P, F}, {F, P}}) {
		t.Errorf("carol: %v", got)
	}
	for _, e := range rec.snapshot() {
		if e.state != e.to {
			t.Errorf("snapshot state %v, change to %v", e.state, e.to)
		}
	}
	cancel()
	cancel()
	mustAdd(t, r, "dave@iana.org", "", "")
	if got := rec.transitions("dave@iana.org"); len(got) != 0 {
		t.Errorf("delivered after cancel: %v", got)
	}
}

func TestRegistrySeveralSubscribers(t *testing.T) {
	r := openTest(t)
	first, second := newRecorder(), newRecorder()
	cancel, _ := r.Subscribe(first.record)
	if _, err := r.Subscribe(second.record); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	cancel()
	mustAdd(t, r, "bob@iana.org", "", "")
	if len(first.snapshot()) != 1 || len(second.snapshot()) != 2 {
		t.Errorf("first %v, second %v", first.snapshot(), second.snapshot())
	}
}

func TestRegistryRefresherCallsBackFromAnotherThread(t *testing.T) {
	r := openTest(t)
	rec := newRecorder()
	if _, err := r.Subscribe(rec.record); err != nil {
		t.Fatal(err)
	}
	runtime.LockOSThread() // so that "this thread" stays one thread
	defer runtime.UnlockOSThread()
	self := threadID()
	if self == 0 {
		t.Skip("threads cannot be told apart on this system")
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	if ev := rec.snapshot(); len(ev) != 1 || ev[0].thread != self {
		t.Fatalf("Add's callback did not run on the calling thread: %+v", ev)
	}
	if err := r.StartRefresher(20 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	if !rec.waitFor(2, 10*time.Second) {
		t.Fatal("the refresher reported nothing")
	}
	ev := rec.snapshot()[1]
	if ev.from != SenderStatePending || ev.to != SenderStateFailed || ev.thread == self {
		t.Errorf("refresher event = %+v (self %x)", ev, self)
	}
	if err := r.StopRefresher(); err != nil {
		t.Fatal(err)
	}
	if err := r.StopRefresher(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Resend("alice@iana.org", ""); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	time.Sleep(100 * time.Millisecond)
	if n := len(rec.snapshot()); n != 3 {
		t.Errorf("%d events with the refresher stopped, want 3", n)
	}
	mustGet(t, r, "alice@iana.org", "")
	if n := len(rec.snapshot()); n != 4 {
		t.Errorf("%d events after Get, want 4", n)
	}
}

func TestRegistryCallbackMayUseRegistry(t *testing.T) {
	r := openTest(t)
	var mu sync.Mutex
	var seen []SenderState
	var errs []error
	_, err := r.Subscribe(func(s Sender, from, to SenderState) {
		cur, err := r.Get(s.Address, "")
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		seen = append(seen, cur.State)
		if to == SenderStateSuccess {
			// Stopping is allowed anywhere; starting is refused inside a
			// callback.
			errs = append(errs, r.StopRefresher())
			if err := r.StartRefresher(time.Hour); !errors.Is(err, ErrInvalidArgument) {
				errs = append(errs, fmt.Errorf("StartRefresher inside a callback = %v, want ErrInvalidArgument", err))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	mustConfirm(t, r, "alice@iana.org")
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(seen, []SenderState{SenderStatePending, SenderStateSuccess}) {
		t.Errorf("seen = %v", seen)
	}
	for _, err := range errs {
		if err != nil {
			t.Errorf("call inside a callback: %v", err)
		}
	}
}

// A callback that closes its registry: the call that delivered the change
// returns normally, the registry is closed for every later call, and Close
// stays idempotent.
func TestRegistryCallbackClosesRegistry(t *testing.T) {
	r, err := OpenRegistry(testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var calls atomic.Int32
	closeErr := make(chan error, 1)
	if _, err := r.Subscribe(func(s Sender, from, to SenderState) {
		if calls.Add(1) == 1 {
			closeErr <- r.Close()
		}
	}); err != nil {
		t.Fatal(err)
	}
	s, err := r.Add("alice@iana.org", "", "")
	if err != nil || s.State != SenderStatePending {
		t.Fatalf("Add whose callback closed the registry = %+v, %v; want the Pending sender", s, err)
	}
	if err := <-closeErr; err != nil {
		t.Errorf("Close inside the callback: %v", err)
	}
	_, err = r.Get("alice@iana.org", "")
	wantErr(t, err, ErrInvalidArgument, "Get after a callback closed the registry")
	if err := r.Close(); err != nil {
		t.Errorf("Close again: %v", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d callbacks", n)
	}
}

// A refresher callback that closes the registry: no deadlock (the library
// destroys the registry on another thread), and the store is left intact.
func TestRegistryRefresherCallbackClosesRegistry(t *testing.T) {
	cfg := testConfig(t.TempDir())
	r, err := OpenRegistry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mustAdd(t, r, "alice@iana.org", "", "")
	mustAdd(t, r, "bob@iana.org", "", "")
	closed := make(chan error, 2)
	if _, err := r.Subscribe(func(s Sender, from, to SenderState) {
		if to == SenderStateFailed {
			closed <- r.Close()
		}
	}); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	if err := r.StartRefresher(5 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close from the refresher's callback: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the refresher reported nothing")
	}
	_, err = r.Get("alice@iana.org", "")
	wantErr(t, err, ErrInvalidArgument, "Get after the refresher's callback closed the registry")
	// The library finishes closing on its own thread; the store opens again
	// (on a clock a day later, so expiry shows whatever the round stored).
	cfg.ManualClock = t0.Add(day)
	deadline := time.Now().Add(10 * time.Second)
	for {
		again, err := OpenRegistry(cfg)
		if err == nil {
			for _, a := range []string{"alice@iana.org", "bob@iana.org"} {
				if s, err := again.Get(a, ""); err != nil || s.State != SenderStateFailed {
					t.Errorf("after reopening: %s %v, %v", a, s.State, err)
				}
			}
			again.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("reopening: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A refresher callback that stops the refresher: it returns at once (it
// does not wait for the round it is part of), and no further round runs.
func TestRegistryRefresherCallbackStopsRefresher(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "alice@iana.org", "", "")
	mustAdd(t, r, "bob@iana.org", "", "")
	stopped := make(chan error, 2)
	var refresherEvents atomic.Int32
	if _, err := r.Subscribe(func(s Sender, from, to SenderState) {
		if to == SenderStateFailed {
			refresherEvents.Add(1)
			stopped <- r.StopRefresher()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.StartRefresher(5 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("StopRefresher from the refresher's callback: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the refresher reported nothing, or StopRefresher deadlocked")
	}
	// The round that was running may still report bob; after it, nothing.
	time.Sleep(50 * time.Millisecond)
	before := refresherEvents.Load()
	if _, err := r.Resend("alice@iana.org", ""); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	time.Sleep(100 * time.Millisecond)
	if after := refresherEvents.Load(); after != before {
		t.Errorf("%d expiries reported with the refresher stopped", after-before)
	}
	if err := r.StartRefresher(5 * time.Millisecond); err != nil {
		t.Errorf("StartRefresher after a stop from a callback: %v", err)
	}
	if err := r.StopRefresher(); err != nil {
		t.Error(err)
	}
}

// StartRefresher from one of the refresher's callbacks is refused by the
// library (it would wait for its own round); the refresher keeps running.
func TestRegistryRefresherCallbackCannotRestartIt(t *testing.T) {
	r := openTest(t)
	mustAdd(t, r, "alice@iana.org", "", "")
	got := make(chan error, 1)
	if _, err := r.Subscribe(func(s Sender, from, to SenderState) {
		if to == SenderStateFailed {
			got <- r.StartRefresher(time.Millisecond)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.StartRefresher(5 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, r, day)
	select {
	case err := <-got:
		wantErr(t, err, ErrInvalidArgument, "StartRefresher from a refresher callback")
	case <-time.After(10 * time.Second):
		t.Fatal("the refresher reported nothing")
	}
}

func TestRegistryCancelInsideCallback(t *testing.T) {
	r := openTest(t)
	var calls []string
	var cancel func()
	cancel, err := r.Subscribe(func(s Sender, from, to SenderState) {
		calls = append(calls, s.Address)
		cancel() // the running delivery finishes; no other starts
	})
	if err != nil {
		t.Fatal(err)
	}
	other := newRecorder()
	if _, err := r.Subscribe(other.record); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"alice@iana.org", "bob@iana.org", "carol@iana.org"} {
		mustAdd(t, r, a, "", "")
	}
	if !reflect.DeepEqual(calls, []string{"alice@iana.org"}) {
		t.Errorf("calls = %v", calls)
	}
	if n := len(other.snapshot()); n != 3 {
		t.Errorf("the other subscriber got %d changes, want 3", n)
	}
	cancel() // again, outside: nothing to do
	r.st.mu.Lock()
	n := len(r.st.subs)
	r.st.mu.Unlock()
	if n != 1 {
		t.Errorf("%d subscriptions tracked, want 1", n)
	}
}

// A subscription that cancels itself while changes are delivered to it from
// 8 goroutines at once: no deadlock, at most the deliveries already under
// way (one per goroutine) reach fn, and none after.
func TestRegistryCancelInsideConcurrentCallbacks(t *testing.T) {
	r := openTest(t)
	var calls atomic.Int32
	cancelFn := make(chan func(), 1)
	cancel, err := r.Subscribe(func(s Sender, from, to SenderState) {
		calls.Add(1)
		c := <-cancelFn
		cancelFn <- c
		c()
	})
	if err != nil {
		t.Fatal(err)
	}
	cancelFn <- cancel
	const goroutines = 8
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				mustAdd(t, r, string(rune('a'+g))+string(rune('a'+i))+"@iana.org", "", "")
			}
		}(g)
	}
	wg.Wait()
	if n := calls.Load(); n < 1 || n > goroutines {
		t.Errorf("%d calls, want 1 to %d", n, goroutines)
	}
	before := calls.Load()
	mustAdd(t, r, "late@iana.org", "", "")
	if n := calls.Load(); n != before {
		t.Errorf("a call after cancel: %d -> %d", before, n)
	}
}

// A panic in a callback never unwinds into the library: it is logged, the
// call that delivered the change succeeds, and later changes are delivered.
func TestRegistryCallbackPanicIsRecovered(t *testing.T) {
	logged := captureLog(t)
	r := openTest(t)
	var calls atomic.Int32
	if _, err := r.Subscribe(func(s Sender, from, to SenderState) {
		calls.Add(1)
		panic("callback exploded")
	}); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, r, "alice@iana.org", "", "")
	mustConfirm(t, r, "alice@iana.org") // delivered on a library thread
	if n := calls.Load(); n != 2 {
		t.Errorf("%d callbacks, want 2", n)
	}
	if s := mustGet(t, r, "alice@iana.org", ""); s.State != SenderStateSuccess {
		t.Errorf("state = %v", s.State)
	}
	out := logged()
	if strings.Count(out, "callback exploded") != 2 || !strings.Contains(out, "alice@iana.org: Pending -> Success") {
		t.Errorf("log:\n%s", out)
	}
}

func TestRegistryConcurrentUse(t *testing.T) {
	r := openTest(t)
	rec := newRecorder()
	if _, err := r.Subscribe(rec.record); err != nil {
		t.Fatal(err)
	}
	if err := r.StartRefresher(5 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				addr := string(rune('a'+g)) + string(rune('a'+i)) + "@iana.org"
				if _, err := r.Add(addr, "", ""); err != nil {
					t.Errorf("Add(%s): %v", addr, err)
					return
				}
				if _, err := r.Get(addr, ""); err != nil {
					t.Errorf("Get(%s): %v", addr, err)
				}
			}
		}(g)
	}
	wg.Wait()
	mustAdvance(t, r, day)
	if !rec.waitFor(80, 10*time.Second) {
		t.Fatalf("%d events, want 80 (40 created, 40 expired)", len(rec.snapshot()))
	}
	failed, err := r.List(SenderStateFailed, "")
	if err != nil || len(failed) != 40 {
		t.Errorf("failed = %d, %v", len(failed), err)
	}
}
