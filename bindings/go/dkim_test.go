package mailwarden

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The signing tests sign with the keys of tests/peers/unbound/keys, which
// the signing.test zone of tests/peers/unbound/auth-zones publishes, and
// check the result with CheckMessage against the unbound serving it.

const signingDomain = "signing.test"

// signingNow (2026-01-01T00:00:00Z) is t= of the signatures and the checks' "now".
var signingNow = time.Unix(1767225600, 0)

var plainMessage = []byte("From: News <news@signing.test>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\n" +
	"Date: Thu, 01 Jan 2026 00:00:00 +0000\r\nMessage-ID: <1@signing.test>\r\n" +
	"List-Unsubscribe: <https://signing.test/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" +
	"\r\nHello Ann,\r\nthe news.\r\n")

func testKey(t *testing.T, selector string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "tests", "peers", "unbound", "keys", "signing.test."+selector+".pem"))
	if err != nil {
		missing(t, "not in the mailwarden source tree: %v", err)
	}
	return b
}

func testSigner(t *testing.T, selector string, opts DKIMSignOptions) *DKIMSigner {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = signingNow
	}
	s, err := NewDKIMSigner(testKey(t, selector), signingDomain, selector, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func checkSigned(t *testing.T, message []byte, now time.Time) MessageReport {
	t.Helper()
	return mustCheckMessage(t, message, ConnectionFacts{}, MessageCheckOptions{Resolver: testResolver(t), Now: now})
}

func TestDKIMSignerSignsWhatCheckMessagePasses(t *testing.T) {
	rsa := testSigner(t, "s2026", DKIMSignOptions{})
	if rsa.Algorithm() != "rsa-sha256" || rsa.KeyBits() != 2048 || rsa.Domain() != signingDomain || rsa.Selector() != "s2026" ||
		!strings.HasPrefix(rsa.TXTRecord(), "v=DKIM1; k=rsa; p=") {
		t.Errorf("signer: %s %d %s %s %s", rsa.Algorithm(), rsa.KeyBits(), rsa.Domain(), rsa.Selector(), rsa.TXTRecord())
	}
	field, err := rsa.Sign(plainMessage)
	if err != nil || !strings.HasPrefix(field, "DKIM-Signature: v=1; a=rsa-sha256;") || !strings.HasSuffix(field, "\r\n") {
		t.Fatalf("field %q: %v", field, err)
	}
	signed, err := rsa.SignMessage(plainMessage)
	if err != nil || !bytes.Equal(signed, append([]byte(field), plainMessage...)) {
		t.Fatalf("signed message: %v", err)
	}
	r := checkSigned(t, signed, signingNow)
	if len(r.DKIM) != 1 || r.DKIM[0].Result != "pass" || r.DKIM[0].KeyBits != 2048 || r.DMARCResult != "pass" || !r.DKIMAligned {
		t.Errorf("report: %+v", r)
	}
	changed := bytes.Replace(signed, []byte("the news."), []byte("the NEWS."), 1)
	if r := checkSigned(t, changed, signingNow); r.DKIM[0].Result != "fail" || r.DKIM[0].Reason != "body_hash_mismatch" {
		t.Errorf("changed body: %+v", r.DKIM)
	}
}

func TestSignMessageWithRSAAndEd25519(t *testing.T) {
	rsa, ed := testSigner(t, "s2026", DKIMSignOptions{}), testSigner(t, "ed2026", DKIMSignOptions{})
	signed, err := SignMessage(plainMessage, rsa, ed)
	if err != nil {
		t.Fatal(err)
	}
	r := checkSigned(t, signed, signingNow)
	if len(r.DKIM) != 2 || r.DKIM[0].Algorithm != "rsa-sha256" || r.DKIM[1].Algorithm != "ed25519-sha256" ||
		r.DKIM[0].Result != "pass" || r.DKIM[1].Result != "pass" {
		t.Errorf("dkim: %+v", r.DKIM)
	}
	if _, err := SignMessage(plainMessage); err == nil {
		t.Error("no signers: no error")
	}
	wantErr(t, func() error { _, err := SignMessage(plainMessage, rsa, nil); return err }(), ErrInvalidArgument, "a nil signer")
	_, err = SignMessage([]byte("To: ann@example.org\r\n\r\nno From\r\n"), rsa)
	wantErr(t, err, ErrInvalidArgument, "a message without From")
}

func TestDKIMSignOptions(t *testing.T) {
	s := testSigner(t, "ed2026", DKIMSignOptions{HeaderCanonicalization: DKIMSimple, Headers: []string{"Subject"},
		Lifetime: time.Hour})
	signed, err := s.SignMessage(plainMessage)
	if err != nil || !bytes.Contains(signed, []byte("x=1767229200;")) {
		t.Fatalf("signed %q: %v", signed, err)
	}
	c := checkSigned(t, signed, signingNow.Add(time.Minute)).DKIM[0]
	if c.Result != "pass" || c.Canonicalization != "simple/relaxed" {
		t.Errorf("check: %+v", c)
	}
	for _, h := range c.SignedHeaders {
		if h := strings.ToLower(h); h != "from" && h != "subject" {
			t.Errorf("signed header %q", h)
		}
	}
	if c := checkSigned(t, signed, signingNow.Add(2*time.Hour)).DKIM[0]; c.Result != "permerror" || c.Reason != "signature_expired" {
		t.Errorf("after x=: %+v", c)
	}
}

func TestGenerateDKIMKey(t *testing.T) {
	for _, tc := range []struct {
		keyType DKIMKeyType
		bits    int
		strings int
		prefix  string
	}{{DKIMKeyRSA, 0, 2, "v=DKIM1; k=rsa; p="}, {DKIMKeyRSA, 1024, 1, "v=DKIM1; k=rsa; p="}, {DKIMKeyEd25519, 0, 1, "v=DKIM1; k=ed25519; p="}} {
		key, err := GenerateDKIMKey(tc.keyType, tc.bits)
		if err != nil {
			t.Fatal(err)
		}
		if len(key.TXTStrings) != tc.strings || strings.Join(key.TXTStrings, "") != key.TXTRecord || !strings.HasPrefix(key.TXTRecord, tc.prefix) {
			t.Errorf("record %q strings %q", key.TXTRecord, key.TXTStrings)
		}
		for _, s := range key.TXTStrings {
			if len(s) > 255 {
				t.Errorf("a string of %d bytes", len(s))
			}
		}
		// The record publishes the public half of the PEM's key (Go's crypto reads both).
		block, _ := pem.Decode([]byte(key.PrivateKeyPEM))
		if block == nil || block.Type != "PRIVATE KEY" {
			t.Fatalf("PEM %q", key.PrivateKeyPEM)
		}
		private, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		var public []byte
		if ed, ok := private.(ed25519.PrivateKey); ok {
			public = ed.Public().(ed25519.PublicKey)
		} else if public, err = x509.MarshalPKIXPublicKey(private.(crypto.Signer).Public()); err != nil {
			t.Fatal(err)
		}
		if want := tc.prefix + base64.StdEncoding.EncodeToString(public); key.TXTRecord != want {
			t.Errorf("record %q, want %q", key.TXTRecord, want)
		}
		signer, err := NewDKIMSigner([]byte(key.PrivateKeyPEM), "example.org", "k1", DKIMSignOptions{})
		if err != nil || signer.TXTRecord() != key.TXTRecord {
			t.Errorf("signer from the key: %v", err)
		}
		signer.Close()
		line, err := key.ZoneLine("example.org", "k1")
		if err != nil || !strings.HasPrefix(line, `k1._domainkey.example.org. IN TXT "v=DKIM1;`) {
			t.Errorf("zone line %q: %v", line, err)
		}
	}
	_, err := GenerateDKIMKey(DKIMKeyRSA, 512)
	wantErr(t, err, ErrInvalidArgument, "512 bits")
	_, err = GenerateDKIMKey(DKIMKeyType(7), 0)
	wantErr(t, err, ErrInvalidArgument, "another key type")
}

func TestNewDKIMSignerRefusesBadInput(t *testing.T) {
	notAKey := []byte("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
	_, err := NewDKIMSigner(notAKey, signingDomain, "s1", DKIMSignOptions{})
	wantErr(t, err, ErrInvalidArgument, "not a key")
	_, err = NewDKIMSigner(nil, signingDomain, "s1", DKIMSignOptions{})
	wantErr(t, err, ErrInvalidArgument, "no PEM")
	key := testKey(t, "s2026")
	for name, opts := range map[string]DKIMSignOptions{
		"canonicalization":  {BodyCanonicalization: DKIMCanonicalization(5)},
		"empty header":      {Headers: []string{""}},
		"negative lifetime": {Lifetime: -time.Second},
		"part seconds":      {Lifetime: 1500 * time.Millisecond},
	} {
		_, err := NewDKIMSigner(key, signingDomain, "s1", opts)
		wantErr(t, err, ErrInvalidArgument, name)
	}
	_, err = NewDKIMSigner(key, "signing_test", "s1", DKIMSignOptions{})
	wantErr(t, err, ErrInvalidArgument, "a domain DKIM cannot carry")
}

func TestDKIMSignerClosedWhileSigning(t *testing.T) {
	s, err := NewDKIMSigner(testKey(t, "ed2026"), signingDomain, "ed2026", DKIMSignOptions{Now: signingNow})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if _, err := s.SignMessage(plainMessage); err != nil && !errors.Is(err, ErrInvalidArgument) {
					t.Errorf("signing while closing: %v", err)
					return
				}
			}
		}()
	}
	s.Close()
	wg.Wait()
	s.Close()
	_, err = s.Sign(plainMessage)
	wantErr(t, err, ErrInvalidArgument, "a closed signer")
	_, err = SignMessage(plainMessage, s)
	wantErr(t, err, ErrInvalidArgument, "a closed signer in SignMessage")
	if s.Algorithm() != "ed25519-sha256" || s.KeyBits() != 256 || s.Selector() != "ed2026" {
		t.Error("a closed signer's accessors")
	}
}
