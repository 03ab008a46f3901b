// Command sender_channel shows email as a channel, end to end, from Go: add
// a sender, verify it through the link in its verification mail, send from
// it, and watch an unclicked link expire after 24 hours. It runs offline on
// the local transport with a manual clock, in a temporary folder (or the
// folder given as its argument).
//
//	PKG_CONFIG_PATH=$PWD/build/dev/pkgconfig LD_LIBRARY_PATH=$PWD/build/dev \
//	  go -C examples/go run ./sender_channel
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	mailwarden "github.com/mailwarden/mailwarden-go"
)

func main() {
	folder := ""
	if len(os.Args) > 1 {
		folder = os.Args[1]
	} else {
		tmp, err := os.MkdirTemp("", "mailwarden-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		folder = tmp
	}
	if err := run(folder); err != nil {
		log.Fatal(err)
	}
}

func run(folder string) error {
	// The loaded library must serve the mailwarden.h this program was built with.
	if err := mailwarden.CheckVersion(); err != nil {
		return err
	}
	reg, err := mailwarden.OpenRegistry(mailwarden.RegistryConfig{
		StorePath:   filepath.Join(folder, "senders.db"),
		Outbox:      filepath.Join(folder, "outbox"),
		ManualClock: time.Date(2026, 9, 21, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	defer reg.Close()

	if _, err := reg.Subscribe(func(s mailwarden.Sender, from, to mailwarden.SenderState) {
		fmt.Printf("  [%s: %s -> %s]\n", s.Address, from, to)
	}); err != nil {
		return err
	}

	s, err := reg.Add("jane@iana.org", "Jane Doe", "")
	if err != nil {
		return err
	}
	fmt.Printf("added %s: %s until %s\n", s.Address, s.State, s.ExpiresAt.Format("2006-01-02 15:04 MST"))

	msg := mailwarden.Message{From: "jane@iana.org", To: []string{"reader@iana.org"}, Subject: "Welcome", Text: "Hello"}
	var mwErr *mailwarden.Error
	if _, err := reg.Send(msg); errors.Is(err, mailwarden.ErrNotVerified) && errors.As(err, &mwErr) {
		fmt.Println("sending refused:", mwErr.Message)
	} else {
		return fmt.Errorf("send before verification: %v", err)
	}

	if err := reg.AdvanceClock(time.Hour); err != nil { // Jane opens the mail an hour later
		return err
	}
	link, err := reg.LastLink("jane@iana.org")
	if err != nil {
		return err
	}
	text, err := reg.Confirm(link)
	if err != nil {
		return err
	}
	fmt.Println(text)
	id, err := reg.Send(msg)
	if err != nil {
		return err
	}
	fmt.Println("sent message", id)

	if _, err := reg.Add("bob@iana.org", "", ""); err != nil {
		return err
	}
	if err := reg.AdvanceClock(24 * time.Hour); err != nil {
		return err
	}
	senders, err := reg.List(mailwarden.AllSenderStates, "")
	if err != nil {
		return err
	}
	for _, s := range senders {
		fmt.Printf("%-15s %-8s %s\n", s.Address, s.State, s.FailureReason)
	}
	fmt.Printf("library %s; mails in %s\n", mailwarden.Version(), filepath.Join(folder, "outbox", "new"))
	return reg.Close()
}
