// Command go_consumer is a downstream Go program: it imports the binding the
// way its documentation shows and checks one address.
package main

import (
	"fmt"
	"os"

	mailwarden "github.com/mailwarden/mailwarden-go"
)

func main() {
	if err := mailwarden.CheckVersion(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r, err := mailwarden.CheckAddress("user@Bücher.DE", nil)
	if err != nil || !r.Valid {
		fmt.Fprintln(os.Stderr, "unexpected result:", r, err)
		os.Exit(1)
	}
	fmt.Println(mailwarden.Version(), r.Normalized)
}
