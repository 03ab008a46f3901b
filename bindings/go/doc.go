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
// Building needs the header and the shared library, found through
// pkg-config's mailwarden.pc. After an install into a prefix pkg-config
// searches (cmake --install, the libmailwarden-dev package) nothing needs
// setting; otherwise point PKG_CONFIG_PATH at the .pc file, for example:
//
//	PKG_CONFIG_PATH=/opt/mailwarden/lib/pkgconfig \
//	LD_LIBRARY_PATH=/opt/mailwarden/lib go test ./...
//
// A build tree has one too: PKG_CONFIG_PATH=<build>/pkgconfig.
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
// List hygiene: [Clean] streams a list of addresses (a CSV file or one a
// line) through the library and sends a verdict per row on a channel, in
// input order; [Registry.Lists] gives the mailing lists of a registry, with
// intake checks, double opt-in, the consent log and one-click unsubscribe.
//
// Amazon SES v2 is reached through an [SESClient] ([OpenSESClient]):
// identities, SendEmail, GetAccount and the suppression list, with retries
// and send pacing done by the library.
package mailwarden

// The pkg-config directive lives here once; every other file only includes
// the header. Directories come from mailwarden.pc, so no path is fixed in the
// source.

// #cgo pkg-config: mailwarden
// #include <mailwarden.h>
import "C"
