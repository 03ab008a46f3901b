// Package mailwarden is the Go binding of mailwarden, a library that checks
// email addresses and keeps email as a channel healthy.
//
// The package is a thin cgo layer over the stable C ABI declared in
// mailwarden.h (include/mailwarden.h and the headers under
// include/mailwarden/) and implemented by libmailwarden. Results are copied
// into plain Go values, so nothing returned by this package needs to be
// freed. Objects that own library memory, such as [AddressPolicy] and
// [Registry], have an explicit Close method; a runtime finalizer only frees
// what a caller forgot to close. [CheckVersion] tells whether the loaded
// library can serve the header the package was built with.
//
// Building needs the header and the shared library, found through the usual
// cgo variables, for example:
//
//	CGO_CFLAGS=-I/opt/mailwarden/include \
//	CGO_LDFLAGS=-L/opt/mailwarden/lib \
//	LD_LIBRARY_PATH=/opt/mailwarden/lib go test ./...
//
// Checking an address:
//
//	r, err := mailwarden.CheckAddress("Jane.Doe@Bücher.DE", nil)
//	if err != nil {
//		return err // misuse only; an invalid address is not an error
//	}
//	if !r.Valid {
//		fmt.Println("rejected:", r.Reason) // a stable id such as "consecutive_dots"
//	}
//
// Sender channels live in a [Registry]: senders are added as Pending,
// verified through the link of their verification mail, and may send once
// in state Success; see [OpenRegistry] and its example.
//
// Amazon SES v2 is reached through an [SESClient] ([OpenSESClient]):
// identities, SendEmail, GetAccount and the suppression list, with retries
// and send pacing done by the library.
package mailwarden

// The link directive lives here once; every other file only includes the
// header. Include and library directories come from CGO_CFLAGS and
// CGO_LDFLAGS so that no path is fixed in the source.

// #cgo LDFLAGS: -lmailwarden
// #include <mailwarden.h>
import "C"
