package mailwarden

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The local transport signing with a key folder (RegistryConfig.DKIMKeys)
// and the domain report checking each own selector (DomainRequest.DKIMKeys),
// with the signing.test keys of tests/peers/unbound/keys that the shared
// unbound zones publish.

func keyFolder(t *testing.T, selectors ...string) string {
	t.Helper()
	folder := filepath.Join(t.TempDir(), "dkim")
	if err := os.MkdirAll(filepath.Join(folder, signingDomain), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, s := range selectors {
		if err := os.WriteFile(filepath.Join(folder, signingDomain, s+".pem"), testKey(t, s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return folder
}

func onlyMail(t *testing.T, outbox string) []byte {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(outbox, "new"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("outbox: %d mails, %v", len(entries), err)
	}
	b, err := os.ReadFile(filepath.Join(outbox, "new", entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLocalTransportSignsWithTheKeyFolder(t *testing.T) {
	dir := t.TempDir()
	outbox := filepath.Join(dir, "outbox")
	r, err := OpenRegistry(RegistryConfig{StorePath: filepath.Join(dir, "r.db"), Outbox: outbox, AllowSpecialUse: true,
		ManualClock: signingNow, DKIMKeys: keyFolder(t, "s2026", "ed2026")})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sender := "alice@" + signingDomain
	if _, err := r.Add(sender, "Alice", ""); err != nil {
		t.Fatal(err)
	}
	link, err := r.LastLink(sender)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Confirm(link); err != nil {
		t.Fatal(err)
	}
	verification := onlyMail(t, outbox)
	if strings.Contains(string(verification), "DKIM-Signature") {
		t.Error("the verification mail is signed with the customer's keys")
	}
	entries, _ := os.ReadDir(filepath.Join(outbox, "new"))
	if err := os.Remove(filepath.Join(outbox, "new", entries[0].Name())); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Send(Message{From: sender, To: []string{"ann@example.org"}, Subject: "Issue 1", Text: "Hello Ann."}); err != nil {
		t.Fatal(err)
	}
	report := checkSigned(t, onlyMail(t, outbox), signingNow)
	var got []string
	for _, d := range report.DKIM {
		got = append(got, d.Selector+" "+d.Algorithm+" "+d.Result)
	}
	want := []string{"ed2026 ed25519-sha256 pass", "s2026 rsa-sha256 pass"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("signatures %v, want %v", got, want)
	}
}

func TestKeyFolderWithANonKeyRefusesTheRegistry(t *testing.T) {
	folder := keyFolder(t)
	if err := os.WriteFile(filepath.Join(folder, signingDomain, "broken.pem"), []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err := OpenRegistry(RegistryConfig{StorePath: filepath.Join(dir, "r.db"), Outbox: filepath.Join(dir, "o"), DKIMKeys: folder})
	wantErr(t, err, ErrInvalidArgument, "a key folder with broken.pem")
	if err != nil && !strings.Contains(err.Error(), "broken.pem") {
		t.Errorf("the error does not name the file: %v", err)
	}
}

func TestDomainReportChecksOwnSelectors(t *testing.T) {
	folder := keyFolder(t, "s2026", "ed2026")
	if err := os.WriteFile(filepath.Join(folder, signingDomain, "s2025.pem"), testKey(t, "ed2026"), 0o600); err != nil {
		t.Fatal(err)
	}
	report, err := CheckDomain(testResolver(t), DomainRequest{Domain: signingDomain, DKIMKeys: folder})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]RecordStatus{}
	for _, rec := range report.Records {
		if rec.Purpose == "dkim" {
			got[rec.Name] = rec.Status
		}
	}
	want := map[string]RecordStatus{"ed2026._domainkey.signing.test": RecordOK, "s2025._domainkey.signing.test": RecordMissing,
		"s2026._domainkey.signing.test": RecordOK}
	if !reflect.DeepEqual(got, want) || !report.HasFinding("dkim.key_missing") {
		t.Errorf("own selectors %v, want %v; findings %+v", got, want, report.Findings)
	}
}
