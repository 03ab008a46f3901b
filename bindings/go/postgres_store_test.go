package mailwarden

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The PostgreSQL store through the binding: two registries and trackers on
// one postgresql:// URL behave as two service instances sharing one state.
// The server is the one tests/peers/postgres/run-with-postgres.sh starts
// (MW_TEST_POSTGRES_URL); each test gets a schema of its own.

func postgresStore(t *testing.T) string {
	t.Helper()
	server := peerEnv(t, "MW_TEST_POSTGRES_URL", "tests/peers/postgres/run-with-postgres.sh")
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "go_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "psql", "-q", "-w", server, "-c", "CREATE SCHEMA "+schema)
	cmd.Env = withoutPreload(os.Environ())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("creating schema: %v: %s", err, out)
	}
	return server + "?options=-csearch_path%3D" + schema
}

// withoutPreload drops LD_PRELOAD: under the sanitizer build the test binary
// runs with the sanitizer runtime preloaded, which psql must not inherit.
func withoutPreload(env []string) []string {
	kept := env[:0:0]
	for _, v := range env {
		if !strings.HasPrefix(v, "LD_PRELOAD=") {
			kept = append(kept, v)
		}
	}
	return kept
}

func TestPostgresInstancesShareSenders(t *testing.T) {
	url := postgresStore(t)
	dir := t.TempDir()
	a := openTest(t, RegistryConfig{StorePath: url, Outbox: filepath.Join(dir, "a"), ManualClock: t0})
	b := openTest(t, RegistryConfig{StorePath: url, Outbox: filepath.Join(dir, "b"), ManualClock: t0})
	if _, err := a.Add("alice@iana.org", "Alice", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Add("alice@iana.org", "", ""); !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("second instance's Add: %v, want already exists", err)
	}
	link, err := a.LastLink("alice@iana.org")
	if err != nil {
		t.Fatal(err)
	}
	// Confirmed where it was mailed (the local transport signs links with its
	// outbox's key); the other instance sees the result.
	if _, err := a.Confirm(link); err != nil {
		t.Fatalf("Confirm: %v", err)
	}
	s, err := b.Get("alice@iana.org", "")
	if err != nil || s.State != SenderStateSuccess {
		t.Fatalf("Get after confirm: %+v, %v", s, err)
	}
}

func TestPostgresTrackersCountOneNotificationOnce(t *testing.T) {
	url := postgresStore(t)
	bounce := []byte(`{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",` +
		`"bouncedRecipients":[{"emailAddress":"r1@example.com","status":"5.1.1"}],` +
		`"timestamp":"2026-12-01T10:00:00.000Z","feedbackId":"fb-1"},` +
		`"mail":{"timestamp":"2026-12-01T09:00:00.000Z","source":"news@iana.org","messageId":"m-1",` +
		`"destination":["r1@example.com"]}}`)
	one, err := OpenTracker(url, TrackerPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	two, err := OpenTracker(url, TrackerPolicy{})
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	if _, err := one.RecordSend("acme", "m-1", []string{"r1@example.com"}); err != nil {
		t.Fatal(err)
	}
	if r, err := one.Ingest(bounce, "acme"); err != nil || r.HardBounces != 1 {
		t.Fatalf("first instance: %+v, %v", r, err)
	}
	if r, err := two.Ingest(bounce, "acme"); err != nil || r.HardBounces != 0 || r.Duplicates != 1 {
		t.Fatalf("second instance, same notification: %+v, %v", r, err)
	}
	stats, err := two.Stats("acme")
	if err != nil || stats.TotalSends != 1 || stats.TotalHardBounces != 1 {
		t.Fatalf("Stats: %+v, %v", stats, err)
	}
}

func TestPostgresUnreachableIsRetryable(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenRegistry(RegistryConfig{StorePath: "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2",
		Outbox: filepath.Join(dir, "outbox")})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrIO) || !e.Retryable || !strings.Contains(e.Message, "127.0.0.1:1") {
		t.Fatalf("OpenRegistry on a closed port: %v, want a retryable I/O error naming the server", err)
	}
}
