package mailwarden

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// listsFixture is a registry on a SQLite file in a temp dir with the local
// transport and the manual clock, news@iana.org verified through the link
// of its verification mail in the outbox, and the registry's lists.
type listsFixture struct {
	reg   *Registry
	lists *Lists
	dir   string
}

const newsFrom = "news@iana.org"

var testListsOptions = ListsOptions{
	ConfirmLinkBase:     "https://app.example/confirm",
	UnsubscribeLinkBase: "https://app.example/unsubscribe",
	ListIDDomain:        "lists.app.example",
}

func openLists(t *testing.T, opts ...ListsOptions) listsFixture {
	t.Helper()
	dir := t.TempDir()
	reg := openTest(t, testConfig(dir))
	mustAdd(t, reg, newsFrom, "News", "")
	mustConfirm(t, reg, newsFrom)
	o := testListsOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	lists, err := reg.Lists(o)
	if err != nil {
		t.Fatalf("Lists: %v", err)
	}
	t.Cleanup(func() { lists.Close() })
	return listsFixture{reg, lists, dir}
}

// mails returns the mails in the outbox whose text holds every one of needles.
func (f listsFixture) mails(t *testing.T, needles ...string) []string {
	t.Helper()
	folder := filepath.Join(f.dir, "outbox", "new")
	entries, err := os.ReadDir(folder)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(folder, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m := string(data)
		all := true
		for _, n := range needles {
			all = all && strings.Contains(m, n)
		}
		if all {
			out = append(out, m)
		}
	}
	return out
}

func mustCreate(t *testing.T, l *Lists, name string) MailingList {
	t.Helper()
	list, err := l.Create(name, newsFrom)
	if err != nil {
		t.Fatalf("Create(%q): %v", name, err)
	}
	return list
}

var signupFacts = ConsentFacts{Source: "signup-form", IP: "198.51.100.7", UserAgent: "Firefox",
	NoticeText: "Send me the news", NoticeVersion: "v2"}

func mustSubscribe(t *testing.T, l *Lists, list, address string, req SubscribeRequest) SubscribeOutcome {
	t.Helper()
	out, err := l.Subscribe(list, address, req)
	if err != nil {
		t.Fatalf("Subscribe(%q): %v", address, err)
	}
	return out
}

func subscriberStates(t *testing.T, l *Lists, list string) map[string]SubscriberState {
	t.Helper()
	all, err := l.Subscribers(list, AllSubscriberStates)
	if err != nil {
		t.Fatalf("Subscribers: %v", err)
	}
	out := map[string]SubscriberState{}
	for _, s := range all {
		out[s.Address] = s.State
	}
	return out
}

func findSubscriber(t *testing.T, l *Lists, list, address string) Subscriber {
	t.Helper()
	all, err := l.Subscribers(list, AllSubscriberStates)
	if err != nil {
		t.Fatalf("Subscribers: %v", err)
	}
	for _, s := range all {
		if s.Address == address {
			return s
		}
	}
	t.Fatalf("%s is not on %s", address, list)
	return Subscriber{}
}

// unsubscribeURL is the https link of a List-Unsubscribe field.
func unsubscribeURL(t *testing.T, h ListHeaders) string {
	t.Helper()
	start := strings.Index(h.ListUnsubscribe, "<https://")
	end := strings.Index(h.ListUnsubscribe, ">")
	if start < 0 || end < start {
		t.Fatalf("List-Unsubscribe %q", h.ListUnsubscribe)
	}
	return h.ListUnsubscribe[start+1 : end]
}

func TestSubscriberStateNames(t *testing.T) {
	want := []string{"pending", "confirmed", "unsubscribed", "bounced", "complained", "purged"}
	for i, w := range want {
		if got := SubscriberState(i).String(); got != w {
			t.Errorf("SubscriberState(%d) = %q, want %q", i, got, w)
		}
	}
	if AllSubscriberStates.String() != "all" || SubscriberState(6).String() != "SubscriberState(6)" {
		t.Error("other names")
	}
}

func TestListsCreateFindAll(t *testing.T) {
	f := openLists(t)
	news := mustCreate(t, f.lists, "news")
	if news.Name != "news" || news.Account != "default" || news.From != newsFrom || news.ID == 0 ||
		!news.CreatedAt.Equal(t0) {
		t.Errorf("created %+v", news)
	}
	_, err := f.lists.Create("news", newsFrom)
	wantErr(t, err, ErrAlreadyExists, "Create twice")
	_, err = f.lists.Create("bad", "not an address")
	wantErr(t, err, ErrInvalidArgument, "Create from no address")
	_, err = f.lists.Create("", newsFrom)
	wantErr(t, err, ErrInvalidArgument, "Create without a name")
	mustCreate(t, f.lists, "alerts")
	if found, err := f.lists.Find("news"); err != nil || found != news {
		t.Errorf("Find = %+v, %v", found, err)
	}
	_, err = f.lists.Find("nope")
	wantErr(t, err, ErrNotFound, "Find of an unknown list")
	all, err := f.lists.All()
	if err != nil || len(all) != 2 || all[0].Name != "alerts" || all[1] != news {
		t.Errorf("All = %+v, %v", all, err)
	}

	// Another account is another namespace; the views share the handle.
	acme := f.lists.WithAccount("acme")
	if all, err := acme.All(); err != nil || len(all) != 0 {
		t.Errorf("acme's lists = %+v, %v", all, err)
	}
	if l, err := acme.Create("news", newsFrom); err != nil || l.Account != "acme" || l.ID == news.ID {
		t.Errorf("acme's news = %+v, %v", l, err)
	}
}

// The double opt-in flow: subscribe mails a link; a GET (Inspect) changes
// nothing; a POST (Confirm) confirms once; tampered, used, expired and
// replaced links are refused with typed errors.
func TestListsDoubleOptIn(t *testing.T) {
	f := openLists(t)
	news := mustCreate(t, f.lists, "news")
	out := mustSubscribe(t, f.lists, "news", "Ann@IANA.org", SubscribeRequest{Name: "Ann", ConsentFacts: signupFacts})
	if !out.Accepted || out.RefusedBecause != "" || out.Subscriber == nil || out.Check.Address != "Ann@iana.org" {
		t.Fatalf("outcome %+v", out)
	}
	ann := *out.Subscriber
	if ann.State != SubscriberPending || ann.Address != "Ann@iana.org" || ann.Name != "Ann" || ann.ListID != news.ID ||
		!ann.CreatedAt.Equal(t0) || !ann.ConfirmedAt.IsZero() || !ann.LastSentAt.IsZero() {
		t.Errorf("subscriber %+v", ann)
	}
	link := out.ConfirmLink
	if !strings.HasPrefix(link, "https://app.example/confirm?token=") {
		t.Fatalf("link %q", link)
	}
	var js map[string]any
	if err := json.Unmarshal([]byte(out.JSON), &js); err != nil || js["accepted"] != true || js["confirm_link"] != link {
		t.Errorf("JSON %s: %v", out.JSON, err)
	}
	if mails := f.mails(t, "Ann@iana.org", link, `From: "News" <news@iana.org>`); len(mails) != 1 {
		t.Errorf("%d confirmation mails holding the link", len(mails))
	}
	token := link[strings.Index(link, "token=")+6:]

	// A GET, twice, by link and by token: what it is, with no effect.
	for _, l := range []string{link, token} {
		p, err := f.lists.Inspect(l)
		if err != nil || p.List != news || p.Subscriber.ID != ann.ID || p.Subscriber.State != SubscriberPending ||
			!p.ExpiresAt.Equal(t0.Add(48*time.Hour)) {
			t.Errorf("Inspect(%q) = %+v, %v", l, p, err)
		}
	}
	if s := findSubscriber(t, f.lists, "news", "Ann@iana.org"); s.State != SubscriberPending {
		t.Errorf("after Inspect: %v", s.State)
	}

	// Tampered: refused, changes nothing.
	last := link[len(link)-2]
	tampered := link[:len(link)-2] + map[bool]string{true: "B", false: "A"}[last == 'A'] + link[len(link)-1:]
	_, err := f.lists.Inspect(tampered)
	wantErr(t, err, ErrInvalidArgument, "Inspect of a tampered link")
	_, err = f.lists.Confirm(tampered, ConsentFacts{})
	wantErr(t, err, ErrInvalidArgument, "Confirm of a tampered link")

	// The POST: confirmed once; the second is refused.
	mustAdvance(t, f.reg, time.Hour)
	s, err := f.lists.Confirm(link, ConsentFacts{IP: "203.0.113.9", UserAgent: "Safari"})
	if err != nil || s.State != SubscriberConfirmed || !s.ConfirmedAt.Equal(t0.Add(time.Hour)) || s.ID != ann.ID {
		t.Fatalf("Confirm = %+v, %v", s, err)
	}
	_, err = f.lists.Confirm(link, ConsentFacts{})
	wantErr(t, err, ErrAlreadyExists, "a second Confirm")
	var mwErr *Error
	if !errors.As(err, &mwErr) || !strings.Contains(mwErr.Message, "already used") {
		t.Errorf("second Confirm: %v", err)
	}
	_, err = f.lists.Inspect(link)
	wantErr(t, err, ErrAlreadyExists, "Inspect of a used link")
	// A confirmed address asking again is accepted with no mail.
	if again := mustSubscribe(t, f.lists, "news", "ann@iana.org", SubscribeRequest{}); !again.Accepted ||
		again.ConfirmLink != "" || again.Subscriber.State != SubscriberConfirmed {
		t.Errorf("again: %+v", again)
	}

	// A link past its 48 hours; a new one replaces it.
	bob := mustSubscribe(t, f.lists, "news", "bob@iana.org", SubscribeRequest{})
	mustAdvance(t, f.reg, 48*time.Hour+time.Second)
	_, err = f.lists.Inspect(bob.ConfirmLink)
	wantErr(t, err, ErrExpired, "Inspect of an expired link")
	_, err = f.lists.Confirm(bob.ConfirmLink, ConsentFacts{})
	wantErr(t, err, ErrExpired, "Confirm of an expired link")
	fresh, err := f.lists.ResendConfirmation("news", "bob@iana.org")
	if err != nil || fresh == bob.ConfirmLink || !strings.HasPrefix(fresh, "https://app.example/confirm?token=") {
		t.Fatalf("ResendConfirmation = %q, %v", fresh, err)
	}
	if _, err := f.lists.Confirm(bob.ConfirmLink, ConsentFacts{}); err == nil {
		t.Error("the replaced link still works")
	}
	if s, err := f.lists.Confirm(fresh, ConsentFacts{}); err != nil || s.State != SubscriberConfirmed {
		t.Errorf("Confirm of the new link = %+v, %v", s, err)
	}
	_, err = f.lists.ResendConfirmation("news", "bob@iana.org")
	wantErr(t, err, ErrInvalidArgument, "ResendConfirmation of a confirmed subscriber")

	// Refusals are outcomes; an unknown list is an error.
	role := mustSubscribe(t, f.lists, "news", "postmaster@iana.org", SubscribeRequest{})
	if role.Accepted || role.RefusedBecause != "role" || role.Subscriber != nil || !role.Check.HasReason("role") {
		t.Errorf("role: %+v", role)
	}
	if bad := mustSubscribe(t, f.lists, "news", "a..b@iana.org", SubscribeRequest{}); bad.Accepted ||
		bad.RefusedBecause != "consecutive_dots" {
		t.Errorf("syntax: %+v", bad)
	}
	if tmp := mustSubscribe(t, f.lists, "news", "x@mailinator.com", SubscribeRequest{}); tmp.Accepted ||
		tmp.RefusedBecause != "disposable" {
		t.Errorf("disposable: %+v", tmp)
	}
	_, err = f.lists.Subscribe("nope", "c@iana.org", SubscribeRequest{})
	wantErr(t, err, ErrNotFound, "Subscribe to an unknown list")
	_, err = f.lists.Subscribe("news", "c@iana.org", SubscribeRequest{ConsentFacts: ConsentFacts{IP: "1.2.3.4\x00"}})
	wantErr(t, err, ErrInvalidArgument, "a NUL byte in a fact")
	if ctl := mustSubscribe(t, f.lists, "news", "c@iana.org", SubscribeRequest{ConsentFacts: ConsentFacts{UserAgent: "a\nb"}}); ctl.Accepted ||
		ctl.RefusedBecause != "invalid_field" {
		t.Errorf("a control character in a fact: %+v", ctl)
	}

	// Single opt-in: confirmed at once, no link.
	carl := mustSubscribe(t, f.lists, "news", "carl@iana.org", SubscribeRequest{SingleOptIn: true})
	if !carl.Accepted || carl.ConfirmLink != "" || carl.Subscriber.State != SubscriberConfirmed {
		t.Errorf("single opt-in: %+v", carl)
	}
	want := map[string]SubscriberState{"Ann@iana.org": SubscriberConfirmed, "bob@iana.org": SubscriberConfirmed,
		"carl@iana.org": SubscriberConfirmed}
	if got := subscriberStates(t, f.lists, "news"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("subscribers %v, want %v", got, want)
	}
}

// List headers, the GET and the RFC 8058 POST of an unsubscribe link, and
// the consent log that proves it all.
func TestListsUnsubscribe(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	for _, a := range []string{"ann@iana.org", "bob@iana.org", "cleo@iana.org", "dan@iana.org"} {
		out := mustSubscribe(t, f.lists, "news", a, SubscribeRequest{ConsentFacts: signupFacts})
		if _, err := f.lists.Confirm(out.ConfirmLink, ConsentFacts{IP: "203.0.113.9"}); err != nil {
			t.Fatal(err)
		}
	}
	ann := findSubscriber(t, f.lists, "news", "ann@iana.org")
	if s, err := f.lists.Subscriber("news", "ANN@iana.org"); err != nil || s.ID != ann.ID {
		t.Errorf("Subscriber = %+v, %v", s, err)
	}
	_, err := f.lists.Subscriber("news", "nobody@iana.org")
	wantErr(t, err, ErrNotFound, "Subscriber not on the list")
	h, err := f.lists.Headers("news", ann.Address)
	if err != nil {
		t.Fatal(err)
	}
	if h.ListUnsubscribePost != "List-Unsubscribe=One-Click" || h.ListID != "<news.default.lists.app.example>" ||
		!strings.Contains(h.ListUnsubscribe, "<mailto:unsubscribe+") ||
		!strings.Contains(h.ListUnsubscribe, "@lists.app.example?subject=unsubscribe>") {
		t.Errorf("headers %+v", h)
	}
	link := unsubscribeURL(t, h)
	if !strings.HasPrefix(link, "https://app.example/unsubscribe?token=") {
		t.Errorf("link %q", link)
	}
	// The same again, by the address in another case.
	if h2, err := f.lists.Headers("news", "Ann@IANA.org"); err != nil || h2 != h {
		t.Errorf("Headers again = %+v, %v", h2, err)
	}
	_, err = f.lists.Headers("news", "nobody@iana.org")
	wantErr(t, err, ErrNotFound, "Headers of a subscriber not on the list")
	_, err = f.lists.Headers("nolist", ann.Address)
	wantErr(t, err, ErrNotFound, "Headers of a list that is not there")

	// The GET: whom it names, no change.
	if s, err := f.lists.InspectUnsubscribe(link); err != nil || s.ID != ann.ID || s.State != SubscriberConfirmed {
		t.Errorf("InspectUnsubscribe = %+v, %v", s, err)
	}
	_, err = f.lists.InspectUnsubscribe(link + "x")
	wantErr(t, err, ErrInvalidArgument, "InspectUnsubscribe of a forged link")

	// A POST whose body does not say one-click: refused, nothing changes.
	const form = "application/x-www-form-urlencoded"
	if IsOneClickPost(form, []byte("List-Unsubscribe=Maybe")) {
		t.Error("IsOneClickPost(Maybe)")
	}
	_, err = f.lists.UnsubscribePost(link, form, []byte("List-Unsubscribe=Maybe"), ConsentFacts{})
	wantErr(t, err, ErrParse, "UnsubscribePost without one-click")
	_, err = f.lists.UnsubscribePost(link, "text/plain", []byte("List-Unsubscribe=One-Click"), ConsentFacts{})
	wantErr(t, err, ErrParse, "UnsubscribePost as text/plain")
	if s := findSubscriber(t, f.lists, "news", "ann@iana.org"); s.State != SubscriberConfirmed {
		t.Errorf("after refused POSTs: %v", s.State)
	}

	// urlencoded, then twice (not an error).
	urlencoded := []byte(url.Values{"List-Unsubscribe": {"One-Click"}}.Encode())
	if !IsOneClickPost(form, urlencoded) {
		t.Error("IsOneClickPost(urlencoded)")
	}
	s, err := f.lists.UnsubscribePost(link, form, urlencoded, ConsentFacts{IP: "192.0.2.1", UserAgent: "mail provider"})
	if err != nil || s.State != SubscriberUnsubscribed || s.ID != ann.ID {
		t.Fatalf("UnsubscribePost = %+v, %v", s, err)
	}
	if s, err := f.lists.UnsubscribePost(link, form, urlencoded, ConsentFacts{}); err != nil ||
		s.State != SubscriberUnsubscribed {
		t.Errorf("UnsubscribePost twice = %+v, %v", s, err)
	}

	// multipart/form-data, with a NUL byte in another part.
	bob := findSubscriber(t, f.lists, "news", "bob@iana.org")
	hb, err := f.lists.Headers("news", bob.Address)
	if err != nil {
		t.Fatal(err)
	}
	multipart := []byte("--b1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\x00b\r\n" +
		"--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b1--\r\n")
	const mp = "multipart/form-data; boundary=b1"
	if !IsOneClickPost(mp, multipart) || IsOneClickPost("multipart/form-data; boundary=b2", multipart) ||
		IsOneClickPost("multi\x00part/form-data; boundary=b1", multipart) {
		t.Error("IsOneClickPost(multipart)")
	}
	if s, err := f.lists.UnsubscribePost(unsubscribeURL(t, hb), mp, multipart, ConsentFacts{}); err != nil ||
		s.State != SubscriberUnsubscribed || s.ID != bob.ID {
		t.Errorf("UnsubscribePost(multipart) = %+v, %v", s, err)
	}

	// By a link's GET then POST on the host's own page, and by address.
	hc, err := f.lists.Headers("news", "cleo@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := f.lists.Unsubscribe(unsubscribeURL(t, hc), "link", ConsentFacts{}); err != nil ||
		s.State != SubscriberUnsubscribed {
		t.Errorf("Unsubscribe = %+v, %v", s, err)
	}
	if s, err := f.lists.UnsubscribeAddress("news", "dan@iana.org", ""); err != nil || s.State != SubscriberUnsubscribed {
		t.Errorf("UnsubscribeAddress = %+v, %v", s, err)
	}
	_, err = f.lists.UnsubscribeAddress("news", "nobody@iana.org", "")
	wantErr(t, err, ErrNotFound, "UnsubscribeAddress of an unknown address")

	// The consent log.
	log, err := f.lists.ConsentLog("news", "ann@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{}
	for _, e := range log.Entries {
		actions = append(actions, e.Action)
	}
	if fmt.Sprint(actions) != "[subscribe confirm unsubscribe]" {
		t.Fatalf("actions %v", actions)
	}
	sub, conf, unsub := log.Entries[0], log.Entries[1], log.Entries[2]
	if sub.Source != "signup-form" || sub.IP != "198.51.100.7" || sub.UserAgent != "Firefox" ||
		sub.NoticeText != "Send me the news" || sub.NoticeVersion != "v2" || !sub.At.Equal(t0) {
		t.Errorf("subscribe entry %+v", sub)
	}
	if conf.IP != "203.0.113.9" || unsub.Detail != "one-click" || unsub.IP != "192.0.2.1" || unsub.UserAgent != "mail provider" {
		t.Errorf("confirm %+v, unsubscribe %+v", conf, unsub)
	}
	var entries []map[string]any
	if err := json.Unmarshal([]byte(log.JSON), &entries); err != nil || len(entries) != 3 {
		t.Errorf("JSON %s: %v", log.JSON, err)
	}
	details := map[string]string{}
	for _, a := range []string{"cleo@iana.org", "dan@iana.org"} {
		l, err := f.lists.ConsentLog("news", a)
		if err != nil || len(l.Entries) == 0 {
			t.Fatalf("ConsentLog(%s) = %+v, %v", a, l, err)
		}
		details[a] = l.Entries[len(l.Entries)-1].Detail
	}
	if details["cleo@iana.org"] != "link" || details["dan@iana.org"] != "api" {
		t.Errorf("details %v", details)
	}
	_, err = f.lists.ConsentLog("news", "nobody@iana.org")
	wantErr(t, err, ErrNotFound, "ConsentLog of an unknown address")

	// Gone means gone: no silent way back, double opt-in brings it back.
	if again := mustSubscribe(t, f.lists, "news", "ann@iana.org", SubscribeRequest{SingleOptIn: true}); again.Accepted ||
		again.RefusedBecause != "tombstoned" {
		t.Errorf("single opt-in after leaving: %+v", again)
	}
	if again := mustSubscribe(t, f.lists, "news", "ann@iana.org", SubscribeRequest{}); !again.Accepted ||
		again.ConfirmLink == "" {
		t.Errorf("double opt-in after leaving: %+v", again)
	}
}

func TestListsSubscribersFilter(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	mustSubscribe(t, f.lists, "news", "p@iana.org", SubscribeRequest{})
	mustSubscribe(t, f.lists, "news", "c@iana.org", SubscribeRequest{SingleOptIn: true})
	for state, want := range map[SubscriberState]string{
		AllSubscriberStates: "[p@iana.org c@iana.org]", SubscriberPending: "[p@iana.org]",
		SubscriberConfirmed: "[c@iana.org]", SubscriberBounced: "[]",
	} {
		got, err := f.lists.Subscribers("news", state)
		addrs := []string{}
		for _, s := range got {
			addrs = append(addrs, s.Address)
		}
		if err != nil || fmt.Sprint(addrs) != want {
			t.Errorf("Subscribers(%v) = %v, %v; want %s", state, addrs, err, want)
		}
	}
	for _, bad := range []SubscriberState{6, -2} {
		_, err := f.lists.Subscribers("news", bad)
		wantErr(t, err, ErrInvalidArgument, "Subscribers of no state")
	}
	_, err := f.lists.Subscribers("nope", AllSubscriberStates)
	wantErr(t, err, ErrNotFound, "Subscribers of an unknown list")
}

// An import through intake's checks, with refused rows; a send to the
// confirmed subscribers with their list headers; engagement; a purge's dry
// run, then the real one.
func TestListsImportSendPurge(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	left := mustSubscribe(t, f.lists, "news", "ann@iana.org", SubscribeRequest{SingleOptIn: true})
	if _, err := f.lists.UnsubscribeAddress("news", "ann@iana.org", ""); err != nil || !left.Accepted {
		t.Fatal(err)
	}
	const csv = "name,email\n" +
		"Carol,carol@iana.org\n" +
		"Dave,dave@iana.org\n" +
		"Carol again,CAROL@iana.org\n" +
		"Abuse,abuse@iana.org\n" +
		"Ann left,ann@iana.org\n" +
		"Broken,broken@@iana.org\n" +
		"Temp,t@mailinator.com\n"
	var rows []ImportRow
	summary, err := f.lists.Import("news", []byte(csv), ImportOptions{ConsentFacts: ConsentFacts{Source: "crm-export.csv",
		NoticeText: "Newsletter", NoticeVersion: "v1"}}, func(r ImportRow) { rows = append(rows, r) })
	if err != nil {
		t.Fatal(err)
	}
	if summary.Rows != 7 || summary.Added != 2 || summary.Refused != 5 || len(rows) != 7 {
		t.Fatalf("summary %+v, %d rows seen", summary, len(rows))
	}
	refused := map[string]int64{}
	total := int64(0)
	for i, r := range summary.Refusals {
		refused[r.Reason] = r.Rows
		total += r.Rows
		if i > 0 && r.Rows > summary.Refusals[i-1].Rows {
			t.Errorf("refusals not most frequent first: %+v", summary.Refusals)
		}
	}
	if total != 5 || refused["duplicate"] != 1 || refused["role"] != 1 || refused["tombstoned"] != 1 ||
		refused["disposable"] != 1 || len(refused) != 5 {
		t.Errorf("refusals %+v", summary.Refusals)
	}
	because := []string{}
	for i, r := range rows {
		if r.Check.Row != i+1 || r.Added != (r.RefusedBecause == "") {
			t.Errorf("row %d: %+v", i+1, r)
		}
		because = append(because, r.RefusedBecause)
	}
	if because[0] != "" || because[1] != "" || because[2] != "duplicate" || because[3] != "role" ||
		because[4] != "tombstoned" || because[5] == "" || because[6] != "disposable" {
		t.Errorf("refused because %q", because)
	}
	if log, err := f.lists.ConsentLog("news", "carol@iana.org"); err != nil || len(log.Entries) != 1 ||
		log.Entries[0].Action != "import" || log.Entries[0].Source != "crm-export.csv" || log.Entries[0].NoticeVersion != "v1" {
		t.Errorf("carol's consent log %+v, %v", log, err)
	}
	// Again, by position and without a row function: nothing new.
	summary, err = f.lists.Import("news", []byte(csv), ImportOptions{ColumnNumber: 2}, nil)
	if err != nil || summary.Added != 0 || summary.Rows != 7 {
		t.Errorf("import again: %+v, %v", summary, err)
	}
	_, err = f.lists.Import("news", []byte(csv), ImportOptions{Column: "no such column"}, nil)
	wantErr(t, err, ErrInvalidArgument, "Import by a column that is not there")
	_, err = f.lists.Import("nope", []byte(csv), ImportOptions{}, nil)
	wantErr(t, err, ErrNotFound, "Import into an unknown list")

	// carol and dave (imported) get one mail each, with their list headers;
	// ann left; a suppressed subscriber is left out.
	mustSubscribe(t, f.lists, "news", "erin@iana.org", SubscribeRequest{SingleOptIn: true})
	tracker, err := f.reg.Tracker()
	if err != nil {
		t.Fatal(err)
	}
	defer tracker.Close()
	if _, err := tracker.Suppress("erin@iana.org", "", "bounced elsewhere"); err != nil {
		t.Fatal(err)
	}
	report, err := f.lists.Send("news", "Issue 1", "Hello", "<p>Hello</p>")
	if err != nil || report.Sent != 2 || report.Suppressed != 1 || report.Failed != 0 || report.FirstError != "" {
		t.Fatalf("Send = %+v, %v", report, err)
	}
	if mails := f.mails(t, "Issue 1", "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
		"List-Id: <news.default.lists.app.example>"); len(mails) != 2 {
		t.Errorf("%d list mails with the headers, want 2", len(mails))
	}
	_, err = f.lists.Send("news", "Issue 2", "", "")
	wantErr(t, err, ErrInvalidArgument, "Send without a body")
	_, err = f.lists.Send("nope", "Issue 2", "Hello", "")
	wantErr(t, err, ErrNotFound, "Send to an unknown list")

	if err := f.lists.RecordEngagement("news", "carol@iana.org", EngagementClick, false); err != nil {
		t.Fatal(err)
	}
	if err := f.lists.RecordEngagement("news", "dave@iana.org", EngagementOpen, true); err != nil {
		t.Fatal(err)
	}
	wantErr(t, f.lists.RecordEngagement("news", "nobody@iana.org", EngagementOpen, false), ErrNotFound,
		"RecordEngagement of an unknown address")
	wantErr(t, f.lists.RecordEngagement("news", "carol@iana.org", Engagement(2), false), ErrInvalidArgument,
		"RecordEngagement of no engagement")
	carol, dave := findSubscriber(t, f.lists, "news", "carol@iana.org"), findSubscriber(t, f.lists, "news", "dave@iana.org")
	if carol.Sends != 1 || carol.Clicks != 1 || !carol.LastEngagedAt.Equal(t0) || !carol.LastSentAt.Equal(t0) {
		t.Errorf("carol %+v", carol)
	}
	if dave.Sends != 1 || dave.Opens != 0 || !dave.LastEngagedAt.IsZero() {
		t.Errorf("dave (a machine open) %+v", dave)
	}
	var js map[string]any
	if err := json.Unmarshal([]byte(carol.JSON), &js); err != nil || js["address"] != "carol@iana.org" {
		t.Errorf("JSON %s: %v", carol.JSON, err)
	}

	// The send marked the suppressed subscriber bounced.
	if log, err := f.lists.ConsentLog("news", "erin@iana.org"); err != nil ||
		log.Entries[len(log.Entries)-1].Action != "suppressed" {
		t.Errorf("erin's consent log %+v, %v", log, err)
	}
	if st := subscriberStates(t, f.lists, "news")["erin@iana.org"]; st != SubscriberBounced {
		t.Errorf("erin is %v after the send", st)
	}

	// frank stays pending for 31 days: a dry run names him (and erin) and
	// keeps both.
	mustSubscribe(t, f.lists, "news", "frank@iana.org", SubscribeRequest{})
	mustAdvance(t, f.reg, 31*day)
	dry, err := f.lists.Purge("news", PurgePolicy{DryRun: true})
	if err != nil || !dry.DryRun {
		t.Fatalf("dry run %+v, %v", dry, err)
	}
	reasons := purgeReasons(dry)
	if reasons != "[erin@iana.org:bounced frank@iana.org:unconfirmed]" {
		t.Errorf("dry run %s", reasons)
	}
	if st := subscriberStates(t, f.lists, "news"); st["frank@iana.org"] != SubscriberPending ||
		st["erin@iana.org"] != SubscriberBounced {
		t.Errorf("after the dry run: %v", st)
	}
	// Keeping unconfirmed and bounced ones: nothing to purge.
	if none, err := f.lists.Purge("news", PurgePolicy{UnconfirmedDays: -1, KeepBouncedAndComplained: true}); err != nil ||
		len(none.Purged) != 0 {
		t.Errorf("purge keeping all: %+v, %v", none, err)
	}
	// 40 days: frank is not old enough yet.
	if p, err := f.lists.Purge("news", PurgePolicy{UnconfirmedDays: 40, KeepBouncedAndComplained: true}); err != nil ||
		len(p.Purged) != 0 {
		t.Errorf("purge at 40 days: %+v, %v", p, err)
	}
	// The real one, with an inactivity rule: dave got a mail and made no
	// counting open in 30 days; carol clicked 31 days ago.
	real, err := f.lists.Purge("news", PurgePolicy{InactiveDays: 30, MinSends: 1})
	if err != nil || real.DryRun {
		t.Fatalf("purge %+v, %v", real, err)
	}
	if got := purgeReasons(real); got != "[carol@iana.org:inactive dave@iana.org:inactive erin@iana.org:bounced frank@iana.org:unconfirmed]" {
		t.Errorf("purged %s", got)
	}
	if pending, err := f.lists.Subscribers("news", SubscriberPending); err != nil || len(pending) != 0 {
		t.Errorf("pending after the purge: %+v, %v", pending, err)
	}
	_, err = f.lists.Purge("news", PurgePolicy{InactiveDays: 30, MinSends: -1})
	wantErr(t, err, ErrInvalidArgument, "Purge with a negative MinSends")
	_, err = f.lists.Purge("nope", PurgePolicy{})
	wantErr(t, err, ErrNotFound, "Purge of an unknown list")
}

// purgeReasons lists "address:reason" of a purge, sorted.
func purgeReasons(r PurgeReport) string {
	out := []string{}
	for _, p := range r.Purged {
		out = append(out, p.Subscriber.Address+":"+p.Reason)
	}
	sort.Strings(out)
	return fmt.Sprint(out)
}

func TestListsOptions(t *testing.T) {
	policy, err := NewAddressPolicy(PolicyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer policy.Close()
	// A policy that does not reject role addresses; disposable domains
	// accepted; the library's link bases; no mailto; 1-hour links.
	f := openLists(t, ListsOptions{Policy: policy, AcceptDisposable: true, NoMailto: true, ConfirmLifetime: time.Hour})
	news := mustCreate(t, f.lists, "news")
	for _, a := range []string{"postmaster@iana.org", "x@mailinator.com"} {
		if out := mustSubscribe(t, f.lists, "news", a, SubscribeRequest{}); !out.Accepted {
			t.Errorf("%s: %+v", a, out)
		}
	}
	out := mustSubscribe(t, f.lists, "news", "ann@iana.org", SubscribeRequest{})
	if p, err := f.lists.Inspect(out.ConfirmLink); err != nil || !p.ExpiresAt.Equal(t0.Add(time.Hour)) ||
		!strings.HasPrefix(out.ConfirmLink, "https://lists.mailwarden.local/") {
		t.Errorf("link %q: %+v, %v", out.ConfirmLink, p, err)
	}
	h, err := f.lists.Headers(news.Name, out.Subscriber.Address)
	if err != nil || strings.Contains(h.ListUnsubscribe, "mailto:") || h.ListID != "<news.default.localhost>" {
		t.Errorf("headers %+v, %v", h, err)
	}

	reg := openTest(t)
	closed, closedResolver := closedPolicyAndResolver(t)
	for name, o := range map[string]ListsOptions{
		"lifetime in part seconds": {ConfirmLifetime: 1500 * time.Millisecond},
		"negative lifetime":        {ConfirmLifetime: -time.Hour},
		"NoMailto and a domain":    {NoMailto: true, ListIDDomain: "x.example"},
		"NUL in a link base":       {ConfirmLinkBase: "https://a\x00b"},
		"empty allow domain":       {AllowDisposable: []string{""}},
		"closed policy":            {Policy: closed},
		"closed resolver":          {Resolver: closedResolver},
	} {
		if l, err := reg.Lists(o); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: %v", name, err)
			l.Close()
		}
	}
}

// Intake with MX checks against unbound serving auth-zones; .test names are
// special-use and never looked up.
func TestListsIntakeDNS(t *testing.T) {
	resolver := testResolver(t)
	policy, err := NewAddressPolicy(PolicyConfig{AllowSpecialUse: true, RejectRole: true})
	if err != nil {
		t.Fatal(err)
	}
	defer policy.Close()
	o := testListsOptions
	o.Resolver, o.Policy = resolver, policy
	f := openLists(t, o)
	resolver.Close() // the lists keep their own reference
	mustCreate(t, f.lists, "news")
	for address, want := range map[string]string{
		"a@amazonses.com":                         "no_mail_domain",
		"b@nowhere.mailwarden-nx.net":             "no_mail_domain",
		"c@feedback-smtp.us-east-1.amazonses.com": "",
		"d@good.test":                             "",
		"postmaster@good.test":                    "role",
	} {
		out := mustSubscribe(t, f.lists, "news", address, SubscribeRequest{})
		if out.RefusedBecause != want || out.Accepted != (want == "") {
			t.Errorf("%s: %+v", address, out)
		}
	}
	c := findSubscriber(t, f.lists, "news", "c@feedback-smtp.us-east-1.amazonses.com")
	if fmt.Sprint(c.Flags) != "[implicit_mx]" {
		t.Errorf("flags %v", c.Flags)
	}
}

// Every method of closed lists fails with the closed handle's error; Close
// is idempotent, also through a view and on nil.
func TestListsClosed(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	view := f.lists.WithAccount("acme")
	if err := view.Close(); err != nil {
		t.Fatal(err)
	}
	f.lists.Close()
	var nilLists *Lists
	if nilLists.Close() != nil || nilLists.WithAccount("x") != nil {
		t.Error("nil lists")
	}
	for _, l := range []*Lists{f.lists, view, nilLists} {
		errs := []error{}
		record := func(_ any, err error) { errs = append(errs, err) }
		record(l.Create("x", newsFrom))
		record(l.Find("news"))
		record(l.All())
		record(l.Subscribe("news", "a@iana.org", SubscribeRequest{}))
		record(l.ResendConfirmation("news", "a@iana.org"))
		record(l.Inspect("t"))
		record(l.Confirm("t", ConsentFacts{}))
		record(l.Headers("news", "a@iana.org"))
		record(l.Subscriber("news", "a@iana.org"))
		record(l.InspectUnsubscribe("t"))
		record(l.Unsubscribe("t", "link", ConsentFacts{}))
		record(l.UnsubscribePost("t", "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click"),
			ConsentFacts{}))
		record(l.UnsubscribeAddress("news", "a@iana.org", ""))
		record(l.Subscribers("news", AllSubscriberStates))
		record(l.ConsentLog("news", "a@iana.org"))
		record(l.Send("news", "s", "t", ""))
		record(nil, l.RecordEngagement("news", "a@iana.org", EngagementOpen, false))
		record(l.Import("news", []byte("a@iana.org\n"), ImportOptions{}, func(ImportRow) { t.Error("a row") }))
		record(l.Purge("news", PurgePolicy{}))
		errCh := make(chan error, len(errs))
		for _, err := range errs {
			errCh <- err
		}
		close(errCh)
		expectClosedHandle(t, errCh, "a call on closed lists")
		for _, err := range errs {
			if err == nil {
				t.Error("a call on closed lists succeeded")
			}
		}
	}
	if err := f.lists.Close(); err != nil {
		t.Error(err)
	}
	// Lists opened from a closed registry.
	reg := openTest(t)
	reg.Close()
	if _, err := reg.Lists(ListsOptions{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Lists of a closed registry: %v", err)
	}
}

// The lists keep the registry's parts alive: they work after the registry
// is closed.
func TestListsOutliveRegistryClose(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	f.reg.Close()
	if all, err := f.lists.All(); err != nil || len(all) != 1 {
		t.Errorf("All after the registry's Close = %+v, %v", all, err)
	}
	if out := mustSubscribe(t, f.lists, "news", "late@iana.org", SubscribeRequest{}); !out.Accepted || out.ConfirmLink == "" {
		t.Errorf("subscribe after the registry's Close: %+v", out)
	}
}

// Closing lists while four goroutines subscribe: each call completes or
// fails with the closed handle's error.
func TestListsCloseWhileCalling(t *testing.T) {
	f := openLists(t)
	mustCreate(t, f.lists, "crowd")
	second, err := f.reg.Lists(ListsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	var callers sync.WaitGroup
	errs := make(chan error, 4)
	var added sync.Map
	for g := 0; g < 4; g++ {
		callers.Add(1)
		go func(g int) {
			defer callers.Done()
			for i := 0; ; i++ {
				a := fmt.Sprintf("w%d-%d@iana.org", g, i)
				out, err := f.lists.Subscribe("crowd", a, SubscribeRequest{SingleOptIn: true})
				if err != nil {
					errs <- err
					return
				}
				if !out.Accepted {
					t.Errorf("%s: %+v", a, out)
				}
				added.Store(a, true)
			}
		}(g)
	}
	count := func() int {
		n := 0
		added.Range(func(any, any) bool { n++; return true })
		return n
	}
	for deadline := time.Now().Add(10 * time.Second); count() < 8 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	closeWhileCalling(t, 0, f.lists.Close, &callers, errs, "Subscribe")
	n := count()
	confirmed, err := second.Subscribers("crowd", SubscriberConfirmed)
	if err != nil || len(confirmed) != n || n < 8 {
		t.Errorf("%d confirmed, %d added, %v", len(confirmed), n, err)
	}
}

// The import's row function runs on the calling goroutine, in order; a
// panic in it is logged and the import carries on.
func TestListsImportCallbackPanicIsRecovered(t *testing.T) {
	logged := captureLog(t)
	f := openLists(t)
	mustCreate(t, f.lists, "news")
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	tid := threadID()
	seen := 0
	summary, err := f.lists.Import("news", []byte("a@iana.org\nb@iana.org\nc@iana.org\n"), ImportOptions{},
		func(r ImportRow) {
			seen++
			if r.Check.Row != seen {
				t.Errorf("row %d, want %d", r.Check.Row, seen)
			}
			if threadID() != tid {
				t.Error("the row function runs on another thread")
			}
			if r.Check.Row == 2 {
				panic("row exploded")
			}
		})
	if err != nil || summary.Added != 3 || seen != 3 {
		t.Errorf("summary %+v, %d rows seen, %v", summary, seen, err)
	}
	out := logged()
	if strings.Count(out, "row exploded") != 1 || !strings.Contains(out, "row 2") {
		t.Errorf("log:\n%s", out)
	}
}
