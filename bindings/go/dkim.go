package mailwarden

// #include <stdlib.h>
// #include <mailwarden.h>
import "C"

import (
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
	"unsafe"
)

// DKIMCanonicalization is a DKIM canonicalization (RFC 6376 3.4); the zero
// value is relaxed, the default.
type DKIMCanonicalization int

const (
	DKIMRelaxed DKIMCanonicalization = iota
	DKIMSimple
)

// String returns "relaxed" or "simple".
func (c DKIMCanonicalization) String() string {
	switch c {
	case DKIMRelaxed:
		return "relaxed"
	case DKIMSimple:
		return "simple"
	}
	return "DKIMCanonicalization(" + strconv.Itoa(int(c)) + ")"
}

// toC is the mw_dkim_canonicalization value; another number stays out of
// range, for the library to refuse.
func (c DKIMCanonicalization) toC() C.int {
	switch c {
	case DKIMRelaxed:
		return C.MW_DKIM_RELAXED
	case DKIMSimple:
		return C.MW_DKIM_SIMPLE
	}
	return -1
}

// DKIMSignOptions are the options of [NewDKIMSigner]; the zero value gives
// the library's defaults.
type DKIMSignOptions struct {
	// HeaderCanonicalization and BodyCanonicalization: DKIMRelaxed (the
	// default) or DKIMSimple.
	HeaderCanonicalization, BodyCanonicalization DKIMCanonicalization
	// Headers are the header field names to sign; nil: From, To, Cc,
	// Subject, Date, Message-ID, Reply-To, Content-Type, MIME-Version,
	// List-Unsubscribe, List-Unsubscribe-Post, List-Id. Each is
	// over-signed; From is always signed.
	Headers []string
	// Lifetime writes x= this long after t= (whole seconds); 0: no x=.
	Lifetime time.Duration
	// Now is t=; the zero time: the system clock.
	Now time.Time
}

// DKIMSigner signs messages for one domain and selector with one key:
// rsa-sha256 for an RSA key of 1024 bits or more, ed25519-sha256 for an
// Ed25519 key; never l=. Create it with [NewDKIMSigner] and release it with
// Close.
//
// A DKIMSigner is immutable: any number of goroutines may sign with it at
// once, and it may be closed while they do (the library keeps it until the
// last of them returns); signing after Close fails with an error matching
// [ErrInvalidArgument], while the accessors keep their values. A signer that
// becomes unreachable without being closed is freed by a finalizer, as a
// backstop only.
type DKIMSigner struct {
	ptr unsafe.Pointer // the *C.mw_dkim_signer; nil once closed
	// What the accessors return, copied when the signer is made (it never
	// changes), so that reading them never races with Close.
	algorithm, domain, selector, txtRecord string
	keyBits                                int
}

// NewDKIMSigner makes a signer from an unencrypted private key in PEM
// (PKCS#8 or traditional), the signing domain (d=) and the selector (s=).
// Errors match [ErrInvalidArgument]: a PEM without a usable key (another
// key type, RSA under 1024 bits), a domain or selector DKIM cannot carry,
// an unknown canonicalization, an empty header name, a negative or
// fractional Lifetime, a NUL byte in a string.
func NewDKIMSigner(privateKeyPEM []byte, domain, selector string, opts DKIMSignOptions) (*DKIMSigner, error) {
	var cs cStrings
	defer cs.free()
	d, s := cs.str(domain, "domain"), cs.str(selector, "selector")
	o := cObject(&cs, opts.toC, freeDKIMSignOptions)
	if cs.err != nil {
		return nil, cs.err
	}
	pem := C.CBytes(privateKeyPEM) // NUL bytes kept; never NULL
	defer C.free(pem)
	ptr, err := cNew(func(out **C.mw_dkim_signer, e **C.mw_error) C.int {
		return C.mw_dkim_signer_new(out, (*C.char)(pem), C.size_t(len(privateKeyPEM)), d, s, o, e)
	})
	if err != nil {
		return nil, err
	}
	signer := &DKIMSigner{
		ptr:       unsafe.Pointer(ptr),
		algorithm: C.GoString(C.mw_dkim_signer_algorithm(ptr)),
		domain:    C.GoString(C.mw_dkim_signer_domain(ptr)),
		selector:  C.GoString(C.mw_dkim_signer_selector(ptr)),
		txtRecord: C.GoString(C.mw_dkim_signer_txt_record(ptr)),
		keyBits:   int(C.mw_dkim_signer_key_bits(ptr)),
	}
	runtime.SetFinalizer(signer, (*DKIMSigner).free)
	return signer, nil
}

// toC makes the mw_dkim_sign_options of opts; the caller frees them.
func (opts DKIMSignOptions) toC() (*C.mw_dkim_sign_options, error) {
	lifetime, err := wholeSeconds(opts.Lifetime, "Lifetime")
	if err != nil {
		return nil, err
	}
	if !opts.Now.IsZero() && opts.Now.Unix() < 0 {
		return nil, newError(StatusInvalidArgument, "Now must not be before 1970")
	}
	create := func(out **C.mw_dkim_sign_options, e **C.mw_error) C.int { return C.mw_dkim_sign_options_new(out, e) }
	return build(create, freeDKIMSignOptions, func(o *C.mw_dkim_sign_options, s *setters) error {
		s.add(func(e **C.mw_error) C.int {
			return C.mw_dkim_sign_options_set_canonicalization(o, opts.HeaderCanonicalization.toC(),
				opts.BodyCanonicalization.toC(), e)
		})
		s.each(opts.Headers, "header name", func(v *C.char, e **C.mw_error) C.int {
			return C.mw_dkim_sign_options_add_header(o, v, e)
		})
		if lifetime != 0 {
			s.add(func(e **C.mw_error) C.int { return C.mw_dkim_sign_options_set_lifetime(o, C.int64_t(lifetime), e) })
		}
		if !opts.Now.IsZero() {
			s.add(func(e **C.mw_error) C.int { return C.mw_dkim_sign_options_set_now(o, C.int64_t(opts.Now.Unix()), e) })
		}
		return nil
	})
}

func freeDKIMSignOptions(o *C.mw_dkim_sign_options) { C.mw_dkim_sign_options_free(o) }

// Close releases the signer. Signing running on other goroutines finishes;
// later calls fail. It is idempotent, safe from any goroutine, and always
// returns nil.
func (s *DKIMSigner) Close() error {
	if s == nil {
		return nil
	}
	s.free()
	runtime.SetFinalizer(s, nil)
	return nil
}

// free releases the library's handle once; it is also the finalizer.
func (s *DKIMSigner) free() {
	if p := (*C.mw_dkim_signer)(atomic.SwapPointer(&s.ptr, nil)); p != nil {
		C.mw_dkim_signer_free(p)
	}
}

// use runs fn with the live handle. A Close racing with fn is safe: the
// library holds the signer for the duration of each call.
func (s *DKIMSigner) use(fn func(*C.mw_dkim_signer) error) error {
	if s == nil {
		return errClosed("DKIM signer")
	}
	p := (*C.mw_dkim_signer)(atomic.LoadPointer(&s.ptr))
	if p == nil {
		return errClosed("DKIM signer")
	}
	err := fn(p)
	runtime.KeepAlive(s)
	return err
}

// Sign returns the DKIM-Signature field for message (RFC 5322, CRLF or
// LF), folded at 78 columns and ending in the message's line end. Errors
// match [ErrInvalidArgument]: a message without From, a closed signer.
func (s *DKIMSigner) Sign(message []byte) (string, error) {
	var field string
	err := s.use(func(p *C.mw_dkim_signer) error {
		var err error
		field, err = ownedString.take(func(out **C.char, e **C.mw_error) C.int {
			return C.mw_dkim_signer_sign(out, p, bytesData(message), C.size_t(len(message)), e)
		})
		runtime.KeepAlive(message)
		return err
	})
	return field, err
}

// SignMessage returns message with [DKIMSigner.Sign]'s field on top.
// Errors: as Sign.
func (s *DKIMSigner) SignMessage(message []byte) ([]byte, error) {
	var signed []byte
	err := s.use(func(p *C.mw_dkim_signer) error {
		var err error
		signed, err = takeBytes(func(out **C.char, length *C.size_t, e **C.mw_error) C.int {
			return C.mw_dkim_signer_sign_message(out, length, p, bytesData(message), C.size_t(len(message)), e)
		})
		runtime.KeepAlive(message)
		return err
	})
	return signed, err
}

// Algorithm returns "rsa-sha256" or "ed25519-sha256".
func (s *DKIMSigner) Algorithm() string { return s.algorithm }

// KeyBits returns the RSA modulus size; 256 for Ed25519.
func (s *DKIMSigner) KeyBits() int { return s.keyBits }

// Domain returns d= (A-labels).
func (s *DKIMSigner) Domain() string { return s.domain }

// Selector returns s=.
func (s *DKIMSigner) Selector() string { return s.selector }

// TXTRecord returns the TXT record that publishes the signer's key:
// "v=DKIM1; k=rsa; p=...".
func (s *DKIMSigner) TXTRecord() string { return s.txtRecord }

// SignMessage returns message with one signature per signer on top, the
// first signer's topmost (an RSA and an Ed25519 signature, RFC 8463 3);
// each signs the message as given. Errors match [ErrInvalidArgument]: no
// signers, a nil or closed signer, a message without From.
func SignMessage(message []byte, signers ...*DKIMSigner) ([]byte, error) {
	if len(signers) == 0 {
		return nil, newError(StatusInvalidArgument, "no signer given")
	}
	// C pointers only: the slice may be handed to C.
	ptrs := make([]*C.mw_dkim_signer, len(signers))
	for i, s := range signers {
		if s == nil {
			return nil, errClosed("DKIM signer " + strconv.Itoa(i))
		}
		ptrs[i] = (*C.mw_dkim_signer)(atomic.LoadPointer(&s.ptr)) // nil once closed: the library refuses it
	}
	signed, err := takeBytes(func(out **C.char, length *C.size_t, e **C.mw_error) C.int {
		return C.mw_dkim_sign_message(out, length, bytesData(message), C.size_t(len(message)), &ptrs[0],
			C.size_t(len(ptrs)), e)
	})
	runtime.KeepAlive(message)
	runtime.KeepAlive(signers)
	return signed, err
}

// takeBytes makes one C call that hands back bytes and their length (NUL
// bytes allowed), and copies them; the library's copy is freed.
func takeBytes(fn func(out **C.char, length *C.size_t, e **C.mw_error) C.int) ([]byte, error) {
	var length C.size_t
	p, err := cNew(func(out **C.char, e **C.mw_error) C.int { return fn(out, &length, e) })
	if err != nil {
		return nil, err
	}
	defer C.mw_string_free(p)
	return C.GoBytes(unsafe.Pointer(p), C.int(length)), nil
}

// DKIMKeyType is the kind of key [GenerateDKIMKey] makes.
type DKIMKeyType int

const (
	DKIMKeyRSA     DKIMKeyType = C.MW_DKIM_KEY_RSA     // rsa-sha256
	DKIMKeyEd25519 DKIMKeyType = C.MW_DKIM_KEY_ED25519 // ed25519-sha256 (RFC 8463)
)

// DKIMKey is a key made by [GenerateDKIMKey].
type DKIMKey struct {
	// PrivateKeyPEM is the private key, PKCS#8 PEM, unencrypted.
	PrivateKeyPEM string
	// TXTRecord is the record to publish: "v=DKIM1; k=rsa; p=...".
	TXTRecord string
	// TXTStrings is TXTRecord as character-strings of at most 255 bytes,
	// the way a TXT record holds it (resolvers join them).
	TXTStrings []string
}

// GenerateDKIMKey makes a new key. bits is the RSA modulus size, 1024 to
// 8192 (0: 2048, what mailbox providers expect); Ed25519 ignores it. Errors
// match [ErrInvalidArgument] (another type, bits out of range).
func GenerateDKIMKey(keyType DKIMKeyType, bits int) (DKIMKey, error) {
	if bits < 0 || bits > 1<<20 {
		bits = 1 << 20 // the library refuses it with its own message
	}
	return ownedDKIMKey.take(func(out **C.mw_dkim_key, e **C.mw_error) C.int {
		return C.mw_dkim_keygen(out, C.int(keyType), C.uint(bits), e)
	})
}

var ownedDKIMKey = ownedAs(func(k *C.mw_dkim_key) DKIMKey {
	return DKIMKey{
		PrivateKeyPEM: C.GoString(C.mw_dkim_key_private_pem(k)),
		TXTRecord:     C.GoString(C.mw_dkim_key_txt_record(k)),
		TXTStrings: cArray(C.mw_dkim_key_txt_string_count(k), func(i C.size_t) string {
			return C.GoString(C.mw_dkim_key_txt_string(k, i))
		}),
	}
}, func(k *C.mw_dkim_key) { C.mw_dkim_key_free(k) })

// ZoneLine returns the zone-file line that publishes the key at
// <selector>._domainkey.<domain> ([DKIMZoneLine]).
func (k DKIMKey) ZoneLine(domain, selector string) (string, error) {
	return DKIMZoneLine(domain, selector, k.TXTStrings)
}

// DKIMZoneLine returns the zone-file line that publishes strings (a key's
// TXT strings) at <selector>._domainkey.<domain>:
// `s._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; p=MIIB..." "..."`.
// Errors match [ErrInvalidArgument] (a NUL byte in a string).
func DKIMZoneLine(domain, selector string, strings []string) (string, error) {
	var cs cStrings
	defer cs.free()
	d, s := cs.str(domain, "domain"), cs.str(selector, "selector")
	// C strings from C.CString: C pointers only, so the slice may be handed to C.
	values := make([]*C.char, len(strings)+1)
	for i, v := range strings {
		values[i] = cs.str(v, "TXT string")
	}
	if cs.err != nil {
		return "", cs.err
	}
	return ownedString.take(func(out **C.char, e **C.mw_error) C.int {
		return C.mw_dkim_zone_line(out, d, s, &values[0], C.size_t(len(strings)), e)
	})
}
