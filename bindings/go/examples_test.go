package mailwarden

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleProgram builds and runs examples/go/sender_channel of the
// source tree against this package and checks what it prints.
func TestExampleProgram(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "examples", "go"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sender_channel", "main.go")); err != nil {
		missing(t, "not in the mailwarden source tree: no examples/go/sender_channel")
	}
	goTool, err := exec.LookPath("go") // go test puts its own go first in PATH
	if err != nil {
		t.Fatalf("no go tool in PATH: %v", err)
	}
	folder := t.TempDir()
	cmd := exec.Command(goTool, "run", "./sender_channel", folder)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	got := string(out)
	for _, want := range []string{
		"  [jane@iana.org: None -> Pending]\nadded jane@iana.org: Pending until 2026-09-22 12:00 UTC\n",
		"sending refused: sender jane@iana.org is Pending",
		"  [jane@iana.org: Pending -> Success]\nCongratulations!",
		"  [bob@iana.org: Pending -> Failed]\njane@iana.org   Success  \nbob@iana.org    Failed   the verification link expired",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	mails, err := os.ReadDir(filepath.Join(folder, "outbox", "new"))
	if err != nil || len(mails) != 3 { // two verification mails and the message
		t.Errorf("outbox holds %d mails (%v), want 3", len(mails), err)
	}
}
