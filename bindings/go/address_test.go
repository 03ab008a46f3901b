package mailwarden

import (
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"testing"
)

// mustPolicy creates a policy and closes it when the test ends.
func mustPolicy(t *testing.T, cfg PolicyConfig) *AddressPolicy {
	t.Helper()
	p, err := NewAddressPolicy(cfg)
	if err != nil {
		t.Fatalf("NewAddressPolicy(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// mustCheck checks addr and fails the test on an error.
func mustCheck(t *testing.T, addr string, p *AddressPolicy) AddressResult {
	t.Helper()
	r, err := CheckAddress(addr, p)
	if err != nil {
		t.Fatalf("CheckAddress(%q): %v", addr, err)
	}
	return r
}

func TestCheckAddressValidIsNormalised(t *testing.T) {
	r := mustCheck(t, "John.Doe@Mail.IANA.ORG", nil)
	if r.Verdict != VerdictValid || !r.Valid || r.Reason != ReasonOK {
		t.Fatalf("got verdict %v valid %v reason %v, want valid/true/ok", r.Verdict, r.Valid, r.Reason)
	}
	if r.Normalized != "John.Doe@mail.iana.org" {
		t.Errorf("Normalized = %q, want domain lower-cased and local part kept", r.Normalized)
	}
	if r.LocalPart != "John.Doe" || r.Domain != "mail.iana.org" {
		t.Errorf("LocalPart, Domain = %q, %q", r.LocalPart, r.Domain)
	}
	if r.Input != "John.Doe@Mail.IANA.ORG" {
		t.Errorf("Input = %q", r.Input)
	}
	if r.Message == "" {
		t.Error("Message is empty")
	}
	if r.Flags != 0 {
		t.Errorf("Flags = %v, want none", r.Flags)
	}
}

func TestCheckAddressIDN(t *testing.T) {
	r := mustCheck(t, "user@Bücher.DE", nil)
	if !r.Valid {
		t.Fatalf("not valid: %v (%s)", r.Reason, r.Message)
	}
	if r.Normalized != "user@xn--bcher-kva.de" || r.Domain != "xn--bcher-kva.de" {
		t.Errorf("Normalized, Domain = %q, %q; want Punycode", r.Normalized, r.Domain)
	}
	if !r.IDN() {
		t.Errorf("IDN flag not set: %v", r.Flags)
	}
}

func TestCheckAddressInvalidReasons(t *testing.T) {
	// normalized is "" when the syntax is invalid and kept when only the
	// policy rejects a well-formed address.
	cases := []struct {
		addr       string
		want       Reason
		normalized string
	}{
		{"", ReasonEmpty, ""},
		{"a..b@x.org", ReasonConsecutiveDots, ""},
		{"a@b", ReasonDotlessDomain, ""},
		{"x\r\n@x.org", ReasonControlCharacter, ""},
		{"jöe@x.org", ReasonNonASCIILocalPart, ""},
		{`"q"@X.org`, ReasonQuotedLocalPart, `"q"@x.org`},
		{"user@[192.0.2.1]", ReasonAddressLiteral, "user@[192.0.2.1]"},
		{"user@Example.COM", ReasonSpecialUseDomain, "user@example.com"},
	}
	okMessage := mustCheck(t, "good@iana.org", nil).Message
	for _, c := range cases {
		r := mustCheck(t, c.addr, nil)
		if r.Valid || r.Verdict != VerdictInvalid || r.Reason != c.want {
			t.Errorf("%q: verdict %v valid %v reason %v, want invalid/false/%v",
				c.addr, r.Verdict, r.Valid, r.Reason, c.want)
			continue
		}
		if r.Normalized != c.normalized {
			t.Errorf("%q: Normalized %q, want %q", c.addr, r.Normalized, c.normalized)
		}
		if r.Message == "" || r.Message == okMessage {
			t.Errorf("%q: Message %q does not explain the reason", c.addr, r.Message)
		}
		if r.Input != c.addr {
			t.Errorf("%q: Input = %q", c.addr, r.Input)
		}
	}
}

func TestCheckAddressNULByteIsChecked(t *testing.T) {
	// Passed as a C string, this would be cut to "good" and give missing_at.
	r := mustCheck(t, "good\x00@iana.org", nil)
	if r.Valid || r.Reason != ReasonControlCharacter {
		t.Fatalf("reason %v valid %v, want control_character/false", r.Reason, r.Valid)
	}
	if r.Input != "good\x00@iana.org" {
		t.Errorf("Input = %q, want the whole string", r.Input)
	}
}

func TestPolicyAllowsQuotedLocal(t *testing.T) {
	p := mustPolicy(t, PolicyConfig{AllowQuotedLocal: true})
	r := mustCheck(t, `"q"@x.org`, p)
	if !r.Valid || r.Reason != ReasonOK {
		t.Fatalf("reason %v valid %v, want ok/true", r.Reason, r.Valid)
	}
	if !r.QuotedLocal() {
		t.Errorf("QuotedLocal flag not set: %v", r.Flags)
	}
}

func TestPolicyAllowsAddressLiteral(t *testing.T) {
	p := mustPolicy(t, PolicyConfig{AllowAddressLiteral: true})
	r := mustCheck(t, "user@[192.0.2.1]", p)
	if !r.Valid || r.Reason != ReasonOK {
		t.Fatalf("reason %v valid %v, want ok/true", r.Reason, r.Valid)
	}
	if !r.AddressLiteral() {
		t.Errorf("AddressLiteral flag not set: %v", r.Flags)
	}
}

func TestSpecialUseDomain(t *testing.T) {
	r := mustCheck(t, "user@example.com", nil)
	if r.Valid || r.Reason != ReasonSpecialUseDomain {
		t.Fatalf("default policy: reason %v valid %v, want special_use_domain/false", r.Reason, r.Valid)
	}
	if !r.SpecialUse() {
		t.Errorf("default policy: SpecialUse flag not set: %v", r.Flags)
	}

	p := mustPolicy(t, PolicyConfig{AllowSpecialUse: true})
	r = mustCheck(t, "user@example.com", p)
	if r.Verdict != VerdictRisky || !r.Valid || r.Reason != ReasonOK {
		t.Fatalf("AllowSpecialUse: verdict %v valid %v reason %v, want risky/true/ok", r.Verdict, r.Valid, r.Reason)
	}
	if !r.SpecialUse() {
		t.Errorf("AllowSpecialUse: SpecialUse flag not set: %v", r.Flags)
	}
	if r.Normalized != "user@example.com" {
		t.Errorf("Normalized = %q", r.Normalized)
	}
}

func TestRoleAccount(t *testing.T) {
	r := mustCheck(t, "postmaster@iana.org", nil)
	if r.Verdict != VerdictRisky || !r.Valid || r.Reason != ReasonOK || !r.Role() {
		t.Fatalf("default policy: verdict %v valid %v reason %v role %v, want risky/true/ok/true",
			r.Verdict, r.Valid, r.Reason, r.Role())
	}
	if r.Noreply() {
		t.Errorf("Noreply flag set on a role account: %v", r.Flags)
	}

	p := mustPolicy(t, PolicyConfig{RejectRole: true})
	r = mustCheck(t, "postmaster@iana.org", p)
	if r.Verdict != VerdictInvalid || r.Valid || r.Reason != ReasonRoleAccount {
		t.Fatalf("RejectRole: verdict %v valid %v reason %v, want invalid/false/role_account", r.Verdict, r.Valid, r.Reason)
	}
	if !r.Role() {
		t.Errorf("RejectRole: Role flag not set: %v", r.Flags)
	}
}

func TestNoreplyAddress(t *testing.T) {
	r := mustCheck(t, "no-reply@iana.org", nil)
	if r.Verdict != VerdictRisky || !r.Valid || !r.Noreply() {
		t.Fatalf("default policy: verdict %v valid %v noreply %v, want risky/true/true", r.Verdict, r.Valid, r.Noreply())
	}

	p := mustPolicy(t, PolicyConfig{RejectNoreply: true})
	r = mustCheck(t, "no-reply@iana.org", p)
	if r.Valid || r.Reason != ReasonNoreplyAddress {
		t.Fatalf("RejectNoreply: valid %v reason %v, want false/noreply_address", r.Valid, r.Reason)
	}
}

func TestCheckAddressesKeepsOrderAndNULBytes(t *testing.T) {
	addrs := []string{
		"good@iana.org",
		"a\x00b@x.org",
		"a..b@x.org",
		"postmaster@iana.org",
		"",
		"user@Bücher.DE",
	}
	want := []Reason{ReasonOK, ReasonControlCharacter, ReasonConsecutiveDots, ReasonOK, ReasonEmpty, ReasonOK}
	results, err := CheckAddresses(addrs, nil)
	if err != nil {
		t.Fatalf("CheckAddresses: %v", err)
	}
	if len(results) != len(addrs) {
		t.Fatalf("got %d results for %d addresses", len(results), len(addrs))
	}
	for i, r := range results {
		if r.Input != addrs[i] {
			t.Errorf("result %d: Input %q, want %q", i, r.Input, addrs[i])
		}
		if r.Reason != want[i] {
			t.Errorf("result %d (%q): reason %v, want %v", i, addrs[i], r.Reason, want[i])
		}
		// A batch must agree with single checks, field for field.
		if single := mustCheck(t, addrs[i], nil); single != r {
			t.Errorf("result %d (%q): batch %+v differs from single %+v", i, addrs[i], r, single)
		}
	}
	if !results[3].Role() || results[3].Verdict != VerdictRisky {
		t.Errorf("postmaster@: verdict %v flags %v", results[3].Verdict, results[3].Flags)
	}
	if results[5].Normalized != "user@xn--bcher-kva.de" {
		t.Errorf("IDN in batch: Normalized %q", results[5].Normalized)
	}
}

func TestCheckAddressesUsesPolicy(t *testing.T) {
	p := mustPolicy(t, PolicyConfig{RejectRole: true, AllowSpecialUse: true})
	results, err := CheckAddresses([]string{"postmaster@iana.org", "user@example.com"}, p)
	if err != nil {
		t.Fatalf("CheckAddresses: %v", err)
	}
	if results[0].Reason != ReasonRoleAccount {
		t.Errorf("postmaster@ with RejectRole: reason %v", results[0].Reason)
	}
	if results[1].Verdict != VerdictRisky {
		t.Errorf("example.com with AllowSpecialUse: verdict %v", results[1].Verdict)
	}
}

func TestCheckAddressesEmpty(t *testing.T) {
	for _, in := range [][]string{nil, {}} {
		results, err := CheckAddresses(in, nil)
		if err != nil || results == nil || len(results) != 0 {
			t.Errorf("CheckAddresses(%#v) = %#v, %v; want empty slice, nil", in, results, err)
		}
	}
}

func TestBatchIndexOutOfRange(t *testing.T) {
	b, err := checkBatch([]string{"good@iana.org"}, nil)
	if err != nil {
		t.Fatalf("checkBatch: %v", err)
	}
	defer b.free()
	if b.count() != 1 {
		t.Fatalf("count = %d, want 1", b.count())
	}
	for _, i := range []int{1, -1} {
		_, err = b.result(i)
		var mwErr *Error
		if !errors.Is(err, ErrRange) || !errors.As(err, &mwErr) || mwErr.Message == "" {
			t.Errorf("result(%d): error %v, want one matching ErrRange with a message", i, err)
		}
	}
}

func TestResultJSON(t *testing.T) {
	r := mustCheck(t, "postmaster@IANA.org", nil)
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.JSON), &doc); err != nil {
		t.Fatalf("JSON %q does not parse: %v", r.JSON, err)
	}
	for _, key := range []string{"address", "normalized", "valid", "verdict", "reason", "message",
		"local_part", "domain", "role", "noreply", "special_use", "quoted_local", "address_literal", "idn"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("JSON lacks key %q: %s", key, r.JSON)
		}
	}
	if doc["address"] != "postmaster@IANA.org" {
		t.Errorf("address = %v", doc["address"])
	}
	if doc["normalized"] != "postmaster@iana.org" {
		t.Errorf("normalized = %v", doc["normalized"])
	}
	if doc["valid"] != true || doc["role"] != true || doc["noreply"] != false {
		t.Errorf("valid, role, noreply = %v, %v, %v", doc["valid"], doc["role"], doc["noreply"])
	}
	switch reason := doc["reason"].(type) {
	case string:
		if reason != r.Reason.String() {
			t.Errorf("reason = %q, want %q", reason, r.Reason.String())
		}
	case float64:
		if int(reason) != int(r.Reason) {
			t.Errorf("reason = %v, want %d", reason, r.Reason)
		}
	default:
		t.Errorf("reason has type %T", reason)
	}

	bad := mustCheck(t, "a..b@x.org", nil)
	doc = nil
	if err := json.Unmarshal([]byte(bad.JSON), &doc); err != nil {
		t.Fatalf("JSON %q does not parse: %v", bad.JSON, err)
	}
	if doc["valid"] != false {
		t.Errorf("invalid address: valid = %v", doc["valid"])
	}
}

func TestReasonStrings(t *testing.T) {
	ids := []string{
		"ok", "empty", "control_character", "missing_at", "no_local_part", "no_domain",
		"invalid_local_character", "non_ascii_local_part", "leading_dot", "trailing_dot",
		"consecutive_dots", "quoted_local_part", "obsolete_local_part", "comment", "whitespace",
		"unterminated", "local_part_too_long", "invalid_domain_character", "label_too_long",
		"label_hyphen", "numeric_tld", "dotless_domain", "domain_too_long", "address_too_long",
		"invalid_idna", "address_literal", "invalid_address_literal", "special_use_domain",
		"role_account", "noreply_address",
	}
	for i, id := range ids {
		if got := Reason(i).String(); got != id {
			t.Errorf("Reason(%d).String() = %q, want %q", i, got, id)
		}
	}
	if ReasonNoreplyAddress != Reason(len(ids)-1) {
		t.Errorf("ReasonNoreplyAddress = %d", ReasonNoreplyAddress)
	}
	for _, r := range []Reason{Reason(len(ids)), -1} {
		if got, want := r.String(), "Reason("+strconv.Itoa(int(r))+")"; got != want {
			t.Errorf("unknown reason: %q, want %q", got, want)
		}
	}
}

func TestVerdictAndFlagsStrings(t *testing.T) {
	if VerdictValid.String() != "valid" || VerdictRisky.String() != "risky" ||
		VerdictInvalid.String() != "invalid" || Verdict(7).String() != "Verdict(7)" {
		t.Errorf("verdict strings: %v %v %v %v", VerdictValid, VerdictRisky, VerdictInvalid, Verdict(7))
	}
	if s := (FlagRole | FlagIDN).String(); s != "role|idn" {
		t.Errorf("flags string = %q", s)
	}
	if s := Flags(0).String(); s != "none" {
		t.Errorf("zero flags string = %q", s)
	}
	if s := (FlagNoreply | 0x100).String(); s != "noreply|0x100" {
		t.Errorf("unknown bit string = %q", s)
	}
	if !(FlagRole | FlagNoreply).Has(FlagRole) || FlagRole.Has(FlagRole|FlagNoreply) {
		t.Error("Flags.Has")
	}
}

func TestPolicyCloseIsIdempotent(t *testing.T) {
	p, err := NewAddressPolicy(PolicyConfig{RejectRole: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := p.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}
	if !p.Config().RejectRole {
		t.Error("Config lost after Close")
	}
	var nilPolicy *AddressPolicy
	if err := nilPolicy.Close(); err != nil {
		t.Errorf("Close on nil policy: %v", err)
	}
}

func TestClosedPolicyIsAnError(t *testing.T) {
	p, err := NewAddressPolicy(PolicyConfig{})
	if err != nil {
		t.Fatal(err)
	}
	_ = p.Close()

	_, err = CheckAddress("good@iana.org", p)
	assertInvalidArgument(t, "CheckAddress", err)
	_, err = CheckAddresses([]string{"good@iana.org"}, p)
	assertInvalidArgument(t, "CheckAddresses", err)
	_, err = CheckAddresses(nil, p)
	assertInvalidArgument(t, "CheckAddresses(nil)", err)
}

func assertInvalidArgument(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("%s with a closed policy: %v, want an error matching ErrInvalidArgument", what, err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Errorf("%s: error also matches ErrNotFound", what)
	}
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.Code != StatusInvalidArgument {
		t.Errorf("%s: errors.As gives %#v", what, mwErr)
	}
}

func TestPolicySharedAcrossGoroutinesAndClosedUnderLoad(t *testing.T) {
	p, err := NewAddressPolicy(PolicyConfig{RejectRole: true})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := 0; i < 200; i++ {
				r, err := CheckAddress("postmaster@iana.org", p)
				if err != nil {
					if !errors.Is(err, ErrInvalidArgument) {
						t.Errorf("unexpected error: %v", err)
					}
					return
				}
				if r.Reason != ReasonRoleAccount {
					t.Errorf("reason %v, want role_account", r.Reason)
					return
				}
			}
		}()
	}
	close(start)
	_ = p.Close() // races with the checks on purpose: they must fail cleanly
	wg.Wait()
}
