package mailwarden_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
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

// Cleaning a CSV file: verdicts arrive over a channel in input order while
// the input streams in; wait gives the counts once the channel is closed.
func ExampleClean() {
	csv := "name,email\n" +
		"Ann,ann@iana.org\n" +
		"Ann again,ANN@IANA.ORG\n" +
		"Post,postmaster@iana.org\n" +
		"Temp,x@mailinator.com\n" +
		"Typo,carl@gmial.com\n" +
		"Bad,not-an-address\n"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // stops the run if the loop below returns early

	verdicts, wait := mailwarden.Clean(ctx, strings.NewReader(csv), mailwarden.CleanOptions{})
	for v := range verdicts {
		fmt.Printf("%d %-20s %-7s %v", v.Row, v.Input, v.Verdict, v.Reasons)
		if v.DuplicateOf != 0 {
			fmt.Printf(" (row %d)", v.DuplicateOf)
		}
		if v.Suggestion != "" {
			fmt.Printf(" (%s?)", v.Suggestion)
		}
		fmt.Println()
	}
	stats, err := wait()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d rows: %d valid, %d risky, %d invalid\n", stats.Rows, stats.Valid, stats.Risky, stats.Invalid)
	// Output:
	// 1 ann@iana.org         valid   []
	// 2 ANN@IANA.ORG         invalid [duplicate] (row 1)
	// 3 postmaster@iana.org  risky   [role]
	// 4 x@mailinator.com     risky   [disposable]
	// 5 carl@gmial.com       risky   [disposable typo_suggestion] (carl@gmail.com?)
	// 6 not-an-address       invalid [missing_at]
	// 6 rows: 1 valid, 3 risky, 2 invalid
}

// A mailing list with double opt-in and one-click unsubscribe, as the
// routes of a web application would drive it.
func ExampleRegistry_Lists() {
	dir, err := os.MkdirTemp("", "mailwarden-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	reg, err := mailwarden.OpenRegistry(mailwarden.RegistryConfig{
		StorePath:   filepath.Join(dir, "app.db"),
		Outbox:      filepath.Join(dir, "outbox"),
		ManualClock: time.Date(2026, 9, 21, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer reg.Close()
	// The list's sender must be verified to send.
	if _, err := reg.Add("news@iana.org", "News", ""); err != nil {
		log.Fatal(err)
	}
	link, _ := reg.LastLink("news@iana.org")
	if _, err := reg.Confirm(link); err != nil {
		log.Fatal(err)
	}

	lists, err := reg.Lists(mailwarden.ListsOptions{
		ConfirmLinkBase:     "https://app.example/confirm",
		UnsubscribeLinkBase: "https://app.example/unsubscribe",
		ListIDDomain:        "lists.app.example",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer lists.Close()
	news, err := lists.Create("news", "news@iana.org")
	if err != nil {
		log.Fatal(err)
	}

	// The signup form: the confirmation link is mailed.
	out, err := lists.Subscribe("news", "ann@iana.org", mailwarden.SubscribeRequest{
		ConsentFacts: mailwarden.ConsentFacts{Source: "signup-form", IP: "198.51.100.7"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Accepted, out.Subscriber.State, strings.HasPrefix(out.ConfirmLink, "https://app.example/confirm?token="))

	// GET /confirm?token=...: show a page with a button, change nothing.
	preview, err := lists.Inspect(out.ConfirmLink)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(preview.List.Name, preview.Subscriber.Address, preview.ExpiresAt.Format(time.RFC3339))
	// POST /confirm: the button was pressed.
	ann, err := lists.Confirm(out.ConfirmLink, mailwarden.ConsentFacts{IP: "198.51.100.7"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = lists.Confirm(out.ConfirmLink, mailwarden.ConsentFacts{})
	fmt.Println(ann.State, errors.Is(err, mailwarden.ErrAlreadyExists))

	// Each list mail carries the subscriber's own headers (Send adds them).
	h, err := lists.Headers(news.Name, ann.Address)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(h.ListUnsubscribePost, h.ListID)
	unsubscribe := h.ListUnsubscribe[1:strings.Index(h.ListUnsubscribe, ">")]

	// POST /unsubscribe?token=... from the mailbox provider (RFC 8058).
	body := []byte("List-Unsubscribe=One-Click")
	gone, err := lists.UnsubscribePost(unsubscribe, "application/x-www-form-urlencoded", body, mailwarden.ConsentFacts{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(gone.State)
	consent, err := lists.ConsentLog("news", "ann@iana.org")
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range consent.Entries {
		fmt.Printf("  %s %s source=%q ip=%q detail=%q\n", e.At.Format(time.RFC3339), e.Action, e.Source, e.IP, e.Detail)
	}
	// Output:
	// true pending true
	// news ann@iana.org 2026-09-23T12:00:00Z
	// confirmed true
	// List-Unsubscribe=One-Click <news.default.lists.app.example>
	// unsubscribed
	//   2026-09-21T12:00:00Z subscribe source="signup-form" ip="198.51.100.7" detail=""
	//   2026-09-21T12:00:00Z confirm source="" ip="198.51.100.7" detail="double opt-in link"
	//   2026-09-21T12:00:00Z unsubscribe source="" ip="" detail="one-click"
}
