package mailwarden

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// libraryStatuses asks the library for the name of 0, -1, -2 ... until
// several numbers in a row are unknown, and returns the known ones.
func libraryStatuses() map[Status]string {
	known := map[Status]string{}
	for n, unknownInARow := 0, 0; unknownInARow < 8; n-- {
		name := Status(n).String()
		if name == "MW_EUNKNOWN" {
			unknownInARow++
			continue
		}
		unknownInARow = 0
		known[Status(n)] = name
	}
	return known
}

// goStatuses reads errors.go: every constant of type Status with the C
// macro it is bound to, and the Status each Err* sentinel carries.
func goStatuses(t *testing.T) (consts map[string]string, sentinels map[string]string) {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	consts, sentinels = map[string]string{}, map[string]string{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gen.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			name := vs.Names[0].Name
			switch gen.Tok {
			case token.CONST:
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Status" {
					continue
				}
				sel, ok := vs.Values[0].(*ast.SelectorExpr)
				if !ok || sel.X.(*ast.Ident).Name != "C" {
					t.Errorf("%s is not taken from a C macro", name)
					continue
				}
				consts[name] = sel.Sel.Name
			case token.VAR:
				un, ok := vs.Values[0].(*ast.UnaryExpr)
				if !ok {
					continue
				}
				lit, ok := un.X.(*ast.CompositeLit)
				if !ok || lit.Type.(*ast.Ident).Name != "Error" {
					continue
				}
				for _, elt := range lit.Elts {
					kv := elt.(*ast.KeyValueExpr)
					if kv.Key.(*ast.Ident).Name == "Code" {
						sentinels[name] = kv.Value.(*ast.Ident).Name
					}
				}
			}
		}
	}
	return consts, sentinels
}

// Every status code of the library has a Status constant bound to its macro
// and, but MW_OK, one Err* sentinel; and the Go side has nothing more.
func TestEveryLibraryStatusHasGoNames(t *testing.T) {
	lib := libraryStatuses()
	if len(lib) < 17 || lib[StatusOK] != "MW_OK" || lib[StatusInvalidArgument] != "MW_EINVAL" {
		t.Fatalf("the library names %d codes: %v", len(lib), lib)
	}
	consts, sentinels := goStatuses(t)
	macroOf := map[string]string{} // macro -> Go constant
	for name, macro := range consts {
		macroOf[macro] = name
	}
	sentinelOf := map[string]string{} // Go constant -> sentinel
	for sentinel, status := range sentinels {
		if other, dup := sentinelOf[status]; dup {
			t.Errorf("%s has two sentinels: %s and %s", status, other, sentinel)
		}
		sentinelOf[status] = sentinel
	}
	libNames := map[string]bool{}
	for code, name := range lib {
		libNames[name] = true
		goName, ok := macroOf[name]
		if !ok {
			t.Errorf("%s (%d) has no Status constant", name, int(code))
			continue
		}
		if code != StatusOK {
			if _, ok := sentinelOf[goName]; !ok {
				t.Errorf("%s (%s) has no Err* sentinel", goName, name)
			}
		}
	}
	for macro, goName := range macroOf {
		if !libNames[macro] {
			t.Errorf("%s is bound to %s, which the library does not name", goName, macro)
		}
	}
	for status, sentinel := range sentinelOf {
		if _, ok := consts[status]; !ok {
			t.Errorf("sentinel %s carries %s, not a Status constant", sentinel, status)
		}
		if status == "StatusOK" {
			t.Errorf("sentinel %s carries StatusOK", sentinel)
		}
	}
}

func TestStatusNames(t *testing.T) {
	cases := map[Status]string{
		StatusOK: "MW_OK", StatusInvalidArgument: "MW_EINVAL", StatusPolicy: "MW_EPOLICY",
		StatusCancelled: "MW_ECANCELLED", StatusAuth: "MW_EAUTH", StatusSuppressed: "MW_ESUPPRESSED",
	}
	for s, want := range cases {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), got, want)
		}
	}
	if got := Status(-4242).String(); got != "MW_EUNKNOWN" {
		t.Errorf("unknown status name = %q", got)
	}
}

func TestErrorIsComparesCodes(t *testing.T) {
	err := fmt.Errorf("adding sender: %w", &Error{Code: StatusNotFound, Message: "no such sender"})
	if !errors.Is(err, ErrNotFound) {
		t.Error("wrapped not-found error does not match ErrNotFound")
	}
	if errors.Is(err, ErrAlreadyExists) {
		t.Error("not-found error matches ErrAlreadyExists")
	}
	var mwErr *Error
	if !errors.As(err, &mwErr) || mwErr.Message != "no such sender" {
		t.Errorf("errors.As: %#v", mwErr)
	}
	if s := mwErr.Error(); !strings.Contains(s, "no such sender") || !strings.Contains(s, "MW_ENOTFOUND") {
		t.Errorf("Error() = %q", s)
	}
	sentinels := []*Error{ErrInvalidArgument, ErrNoMemory, ErrInternal, ErrNotFound,
		ErrAlreadyExists, ErrIO, ErrTimedOut, ErrParse, ErrRange, ErrNotVerified, ErrTransport,
		ErrExpired, ErrSuspended, ErrPolicy, ErrCancelled, ErrAuth, ErrSuppressed}
	for i, s := range sentinels {
		for j, o := range sentinels {
			if errors.Is(s, o) != (i == j) {
				t.Errorf("errors.Is(%v, %v) = %v", s, o, i != j)
			}
		}
	}
}

// Errors made by the library carry its details; errors made on the Go side
// have the neutral values.
func TestErrorDetails(t *testing.T) {
	r := openTest(t)
	_, err := r.Get("nobody@iana.org", "")
	var mwErr *Error
	if !errors.As(err, &mwErr) {
		t.Fatalf("Get unknown = %v", err)
	}
	if mwErr.Code != StatusNotFound || mwErr.Origin != "mailwarden" || mwErr.ServiceCode != "" ||
		mwErr.HTTPStatus != 0 || mwErr.RequestID != "" || mwErr.DNSRcode != -1 || mwErr.Attempts != 0 ||
		mwErr.Retryable || mwErr.OutcomeUnknown || mwErr.Temporary() || mwErr.Timeout() {
		t.Errorf("library error = %+v", *mwErr)
	}
	_, err = r.Get("a\x00b@iana.org", "")
	if !errors.As(err, &mwErr) || mwErr.Code != StatusInvalidArgument || mwErr.Origin != "mailwarden" ||
		mwErr.DNSRcode != -1 {
		t.Errorf("Go-side error = %+v", err)
	}
	timeout := &Error{Code: StatusTimedOut, Retryable: true}
	if !timeout.Timeout() || !timeout.Temporary() {
		t.Errorf("%+v: Timeout %v, Temporary %v", *timeout, timeout.Timeout(), timeout.Temporary())
	}
	var nilErr *Error
	if nilErr.Temporary() || nilErr.Timeout() {
		t.Error("a nil *Error is temporary or a timeout")
	}
}
