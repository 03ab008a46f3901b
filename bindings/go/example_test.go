package mailwarden_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	mailwarden "github.com/mailwarden/mailwarden-go"
)

// Checking single addresses with a policy that rejects role accounts.
func ExampleCheckAddress() {
	policy, err := mailwarden.NewAddressPolicy(mailwarden.PolicyConfig{RejectRole: true})
	if err != nil {
		log.Fatal(err)
	}
	defer policy.Close()

	for _, addr := range []string{"Jane.Doe@Bücher.DE", "no-reply@iana.org", "a..b@x.org", "postmaster@iana.org"} {
		r, err := mailwarden.CheckAddress(addr, policy)
		if err != nil {
			log.Fatal(err) // misuse, such as a closed policy
		}
		if r.Valid {
			fmt.Printf("%s: %s, normalized %s, flags %s\n", addr, r.Verdict, r.Normalized, r.Flags)
		} else {
			fmt.Printf("%s: %s, reason %s\n", addr, r.Verdict, r.Reason)
		}
	}
	// Output:
	// Jane.Doe@Bücher.DE: valid, normalized Jane.Doe@xn--bcher-kva.de, flags idn
	// no-reply@iana.org: risky, normalized no-reply@iana.org, flags noreply
	// a..b@x.org: invalid, reason consecutive_dots
	// postmaster@iana.org: invalid, reason role_account
}

// Checking a list in one call; results come back in input order.
func ExampleCheckAddresses() {
	results, err := mailwarden.CheckAddresses([]string{"good@iana.org", "", "user@example.com"}, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range results {
		fmt.Printf("%q valid=%t reason=%s\n", r.Input, r.Valid, r.Reason)
	}
	// Output:
	// "good@iana.org" valid=true reason=ok
	// "" valid=false reason=empty
	// "user@example.com" valid=false reason=special_use_domain
}

// A closed policy is reported as an error that matches ErrInvalidArgument.
func ExampleAddressPolicy_Close() {
	policy, err := mailwarden.NewAddressPolicy(mailwarden.PolicyConfig{})
	if err != nil {
		log.Fatal(err)
	}
	policy.Close()
	policy.Close() // closing twice is allowed

	_, err = mailwarden.CheckAddress("good@iana.org", policy)
	fmt.Println(errors.Is(err, mailwarden.ErrInvalidArgument))
	// Output:
	// true
}

// The whole life of a sender on the local transport, with a manual clock:
// added as Pending, refused for sending, verified through its link, then
// allowed to send; a second sender's link expires after 24 hours.
func ExampleOpenRegistry() {
	dir, err := os.MkdirTemp("", "mailwarden-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	reg, err := mailwarden.OpenRegistry(mailwarden.RegistryConfig{
		StorePath:   filepath.Join(dir, "senders.db"),
		Outbox:      filepath.Join(dir, "outbox"),
		ManualClock: time.Date(2026, 9, 21, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer reg.Close()

	cancel, err := reg.Subscribe(func(s mailwarden.Sender, from, to mailwarden.SenderState) {
		fmt.Printf("  [%s: %s -> %s]\n", s.Address, from, to)
	})
	if err != nil {
		log.Fatal(err)
	}
	defer cancel()

	s, err := reg.Add("jane@iana.org", "Jane Doe", "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.State, "until", s.ExpiresAt.Format(time.RFC3339))

	msg := mailwarden.Message{From: "jane@iana.org", To: []string{"reader@iana.org"},
		Subject: "Welcome", Text: "Hello"}
	_, err = reg.Send(msg)
	fmt.Println("send before verification:", errors.Is(err, mailwarden.ErrNotVerified))

	link, err := reg.LastLink("jane@iana.org")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := reg.Confirm(link); err != nil {
		log.Fatal(err)
	}
	id, err := reg.Send(msg)
	fmt.Println("send after verification:", err == nil && id != "")

	if _, err := reg.Add("bob@iana.org", "", ""); err != nil {
		log.Fatal(err)
	}
	if err := reg.AdvanceClock(24 * time.Hour); err != nil {
		log.Fatal(err)
	}
	bob, err := reg.Get("bob@iana.org", "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bob.State, bob.FailureReason)
	// Output:
	//   [jane@iana.org: None -> Pending]
	// Pending until 2026-09-22T12:00:00Z
	// send before verification: true
	//   [jane@iana.org: Pending -> Success]
	// send after verification: true
	//   [bob@iana.org: None -> Pending]
	//   [bob@iana.org: Pending -> Failed]
	// Failed the verification link expired before it was used
}
