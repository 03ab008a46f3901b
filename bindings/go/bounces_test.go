package mailwarden

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

const certURL = "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem"

var smallWindow = TrackerPolicy{MinimumSends: 4, WindowSends: 100}

func testData(t *testing.T, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "..", "tests", "data"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sesBounce is an SES bounce notification for one recipient of messageID.
func sesBounce(messageID, recipient string, permanent bool, feedbackID string) []byte {
	kind, sub, status, diag := "Transient", "MailboxFull", "4.2.2", "smtp; 452 4.2.2 mailbox full"
	if permanent {
		kind, sub, status, diag = "Permanent", "General", "5.1.1", "smtp; 550 5.1.1 user unknown"
	}
	doc, _ := json.Marshal(map[string]any{
		"notificationType": "Bounce",
		"bounce": map[string]any{"bounceType": kind, "bounceSubType": sub, "feedbackId": feedbackID,
			"timestamp": "2026-03-01T10:00:00.000Z",
			"bouncedRecipients": []any{map[string]any{"emailAddress": recipient, "status": status,
				"diagnosticCode": diag}}},
		"mail": map[string]any{"timestamp": "2026-03-01T09:59:00.000Z", "messageId": messageID,
			"source": "alice@iana.org", "destination": []string{recipient}},
	})
	return doc
}

func openTracker(t *testing.T, policy TrackerPolicy) *Tracker {
	t.Helper()
	tr, err := OpenTracker(filepath.Join(t.TempDir(), "tracker.db"), policy)
	if err != nil {
		t.Fatalf("OpenTracker: %v", err)
	}
	t.Cleanup(func() { tr.Close() })
	return tr
}

// suspendAccount records four sends and one hard bounce on account.
func suspendAccount(t *testing.T, tr *Tracker, account, messageID string) IngestReport {
	t.Helper()
	to := make([]string, 4)
	for i := range to {
		to[i] = fmt.Sprintf("u%d-%s@iana.org", i, messageID)
	}
	if _, err := tr.RecordSend(account, messageID, to); err != nil {
		t.Fatalf("RecordSend: %v", err)
	}
	rep, err := tr.Ingest(sesBounce(messageID, to[0], true, messageID), account)
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return rep
}

func TestParseFeedback(t *testing.T) {
	fb, err := ParseFeedback(sesBounce("msg-1", "Bob@IANA.org", true, "fb-1"))
	if err != nil {
		t.Fatal(err)
	}
	if fb.Format != FormatSESNotification || fb.Kind != FeedbackBounce || fb.MessageID != "msg-1" {
		t.Errorf("got %v %v %q", fb.Format, fb.Kind, fb.MessageID)
	}
	if len(fb.Recipients) != 1 || fb.Recipients[0].Class != BounceHard || fb.Recipients[0].Reason != "user_unknown" ||
		fb.Recipients[0].SMTPCode != 550 || fb.Recipients[0].Status != "5.1.1" {
		t.Errorf("recipients %+v", fb.Recipients)
	}
	if fb.Kind.String() != "bounce" || BounceHard.String() != "hard" || FormatDSN.String() != "dsn" {
		t.Errorf("names %s %s %s", fb.Kind, BounceHard, FormatDSN)
	}
	mail, err := ParseFeedback([]byte("From: a@iana.org\r\nSubject: hi\r\n\r\nbody\x00more\r\n"))
	if err != nil || mail.Format != FormatMail || mail.Kind != FeedbackOther {
		t.Errorf("mail: %+v, %v", mail, err)
	}
	if _, err := ParseFeedback(nil); !errors.Is(err, ErrParse) {
		t.Errorf("empty: %v", err)
	}
	c, err := ParseFeedback(testData(t, "ses-events", "notif-complaint-with-feedback.json"))
	if err != nil || c.Kind != FeedbackComplaint || c.FeedbackType == "" {
		t.Errorf("complaint: %+v, %v", c, err)
	}
}

func TestSNSVerifier(t *testing.T) {
	body, pem := testData(t, "sns", "notification-sigv2.json"), string(testData(t, "sns", "signing-cert.pem"))
	v, err := NewSNSVerifier(SNSConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(body); !errors.Is(err, ErrNotFound) {
		t.Errorf("without certificate: %v", err)
	}
	if err := v.AddCertificate(certURL, pem); err != nil {
		t.Fatal(err)
	}
	env, err := v.Verify(body)
	if err != nil || env.Type != "Notification" || env.Message != "Hello world" {
		t.Errorf("verify: %+v, %v", env, err)
	}
	_, err = v.Verify(bytes.Replace(body, []byte("Hello world"), []byte("Jello world"), 1))
	var rej *SNSRejectionError
	if !errors.As(err, &rej) || rej.Rejection != "bad_signature" || !errors.Is(err, ErrAuth) {
		t.Errorf("changed body: %v", err)
	}
	v.Close()
	v.Close()
	if _, err := v.Verify(body); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("closed: %v", err)
	}
	v, err = NewSNSVerifier(SNSConfig{TopicARNs: []string{"arn:aws:sns:us-east-2:1:other"}, TrustedRaw: true,
		Certificates: map[string]string{certURL: pem}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.Verify(body); !errors.As(err, &rej) || rej.Rejection != "topic_not_allowed" {
		t.Errorf("topic: %v", err)
	}
	if env, err := v.Verify([]byte("raw payload")); err != nil || env.Type != "raw" {
		t.Errorf("raw: %+v %v", env, err)
	}
}

func TestTrackerGatesTheRegistry(t *testing.T) {
	dir := t.TempDir()
	policy := smallWindow
	r := openTest(t, RegistryConfig{StorePath: filepath.Join(dir, "s.db"), Outbox: filepath.Join(dir, "outbox"),
		Tracker: &policy})
	mustAdd(t, r, "alice@iana.org", "Alice", "")
	link, err := r.LastLink("alice@iana.org")
	if err == nil {
		_, err = r.Confirm(link)
	}
	if err != nil {
		t.Fatal(err)
	}
	tr, err := r.Tracker()
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	var mu sync.Mutex
	var seen []StatusChange
	cancel, err := tr.Subscribe(func(c StatusChange) { mu.Lock(); seen = append(seen, c); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	rep := suspendAccount(t, tr, "", "msg-1")
	if rep.HardBounces != 1 || len(rep.Suppressed) != 1 || len(rep.StatusChanges) != 1 ||
		rep.StatusChanges[0].To != AccountSuspended {
		t.Errorf("report %+v", rep)
	}
	mu.Lock()
	if len(seen) != 1 || seen[0].To != AccountSuspended || seen[0].Account != "default" {
		t.Errorf("callbacks %+v", seen)
	}
	mu.Unlock()
	msg := Message{From: "alice@iana.org", To: []string{"u0-msg-1@iana.org", "x@iana.org"}, Subject: "Hi", Text: "t"}
	if _, err := r.Send(msg); !errors.Is(err, ErrSuspended) {
		t.Errorf("suspended send: %v", err)
	}
	st, err := tr.Resume("", "ops", "list cleaned")
	if err != nil || st.Status != AccountActive || st.Status.String() != "active" {
		t.Errorf("resume: %+v %v", st, err)
	}
	log, err := tr.AuditLog("")
	if err != nil || len(log) != 2 || log[1].Actor != "ops" {
		t.Errorf("audit %+v %v", log, err)
	}
	rc, err := r.SendReceipt(msg)
	if err != nil || rc.MessageID == "" || len(rc.Suppressed) != 1 || rc.Suppressed[0] != "u0-msg-1@iana.org" {
		t.Errorf("receipt %+v %v", rc, err)
	}
	msg.To = msg.To[:1]
	if _, err := r.Send(msg); !errors.Is(err, ErrSuppressed) {
		t.Errorf("suppressed send: %v", err)
	}
}

func TestTrackerSuppressionsAndBatches(t *testing.T) {
	tr := openTracker(t, TrackerPolicy{DefaultAccount: "acme"})
	if _, err := tr.FindSuppression("a@iana.org", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("find: %v", err)
	}
	s, err := tr.Suppress("Zed@iana.org", "*", "asked")
	if err != nil || s.Account != "*" || s.Address != "zed@iana.org" || s.Reason != SuppressedManually || s.Note != "asked" {
		t.Errorf("suppress %+v %v", s, err)
	}
	for _, a := range []string{"m1@iana.org", "m2@iana.org", "m3@iana.org"} {
		if _, err := tr.Suppress(a, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	page, err := tr.Suppressions("", 2, "")
	if err != nil || len(page.Suppressions) != 2 || page.NextAfter != "m2@iana.org" {
		t.Errorf("page %+v %v", page, err)
	}
	page, err = tr.Suppressions("", 2, page.NextAfter)
	if err != nil || len(page.Suppressions) != 1 || page.NextAfter != "" {
		t.Errorf("page 2 %+v %v", page, err)
	}
	if err := tr.Unsuppress("m3@iana.org", ""); err != nil {
		t.Error(err)
	}
	if err := tr.Unsuppress("m3@iana.org", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unsuppress twice: %v", err)
	}
	if _, err := tr.IngestBatch([][]byte{sesBounce("m", "x@iana.org", false, "f1"), []byte("{}")}, ""); !errors.Is(err, ErrParse) {
		t.Errorf("bad batch: %v", err)
	}
	rep, err := tr.IngestBatch([][]byte{sesBounce("m", "x@iana.org", false, "f1"), sesBounce("m", "y@iana.org", false, "f2")}, "")
	if err != nil || rep.Events != 2 || rep.SoftBounces != 2 {
		t.Errorf("batch %+v %v", rep, err)
	}
	st, err := tr.Stats("")
	if err != nil || st.Account != "acme" || st.TotalSoftBounces != 2 {
		t.Errorf("stats %+v %v", st, err)
	}
}

func TestTrackerCloseInsideCallback(t *testing.T) {
	tr := openTracker(t, smallWindow)
	calls := 0
	if _, err := tr.Subscribe(func(StatusChange) { calls++; tr.Close() }); err != nil {
		t.Fatal(err)
	}
	suspendAccount(t, tr, "a1", "m-a1")
	if calls != 1 {
		t.Errorf("calls %d", calls)
	}
	if _, err := tr.Stats("a1"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("after close: %v", err)
	}
}

func TestTrackerOutlivesItsRegistry(t *testing.T) {
	r, err := OpenRegistry(testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := r.Tracker()
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if _, err := tr.RecordSend("", "m", []string{"a@iana.org"}); err != nil {
		t.Error(err)
	}
	if st, err := tr.Stats(""); err != nil || st.TotalSends != 1 {
		t.Errorf("stats %+v %v", st, err)
	}
}

func TestTrackerConcurrentIngest(t *testing.T) {
	tr := openTracker(t, TrackerPolicy{MinimumSends: 1000000})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for n := 0; n < 4; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id, to := fmt.Sprintf("t%d-m%d", n, i), fmt.Sprintf("t%d-r%d@iana.org", n, i)
				if _, err := tr.RecordSend("threads", id, []string{to}); err != nil {
					errs <- err
					return
				}
				if _, err := tr.Ingest(sesBounce(id, to, i%2 == 1, id), ""); err != nil {
					errs <- err
					return
				}
			}
		}(n)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := tr.Stats("threads")
	if err != nil || st.TotalSends != 80 || st.TotalHardBounces+st.TotalSoftBounces != 80 {
		t.Errorf("stats %+v %v", st, err)
	}
}
