package mailwarden_test

import (
	"errors"
	"fmt"
	"log"

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
