package mailwarden

/*
#include <stdint.h>
#include <mailwarden.h>

extern void mwGoCleanVerdict(mw_clean_verdict *verdict, uintptr_t key);
extern void mwGoCleanProgress(mw_clean_stats *stats, uintptr_t key);

// The mw_clean_verdict_fn and mw_clean_progress_fn handed to the library:
// user_data carries the run's key (an integer), never a Go pointer.
static void mw_go_clean_verdict(const mw_clean_verdict *verdict, void *user_data) {
	mwGoCleanVerdict((mw_clean_verdict *)verdict, (uintptr_t)user_data);
}

static void mw_go_clean_progress(const mw_clean_stats *stats, void *user_data) {
	mwGoCleanProgress((mw_clean_stats *)stats, (uintptr_t)user_data);
}

static int mw_go_clean_set_progress(mw_clean_options *options, size_t every_rows, uintptr_t key, mw_error **err) {
	return mw_clean_options_set_progress(options, mw_go_clean_progress, every_rows, (void *)key, err);
}

static int mw_go_cleaner_new(mw_cleaner **out, const mw_clean_options *options, uintptr_t key, mw_error **err) {
	return mw_cleaner_new(out, options, mw_go_clean_verdict, (void *)key, err);
}
*/
import "C"

import (
	"context"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"sync"
)

// MailDomainStatus is what a domain's DNS says about receiving mail
// (RFC 5321 5.1, RFC 7505).
type MailDomainStatus int

// Mail domain statuses (MW_MAIL_DOMAIN_*).
const (
	// MailDomainNotChecked: no lookup (no resolver, or the address is invalid).
	MailDomainNotChecked MailDomainStatus = C.MW_MAIL_DOMAIN_NOT_CHECKED
	// MailDomainAcceptsMail: at least one MX that is not a null MX.
	MailDomainAcceptsMail MailDomainStatus = C.MW_MAIL_DOMAIN_ACCEPTS_MAIL
	// MailDomainImplicitMX: no MX, but an A or AAAA record.
	MailDomainImplicitMX MailDomainStatus = C.MW_MAIL_DOMAIN_IMPLICIT_MX
	// MailDomainNullMX: MX 0 "." — the domain accepts no mail.
	MailDomainNullMX MailDomainStatus = C.MW_MAIL_DOMAIN_NULL_MX
	// MailDomainNoMail: NXDOMAIN, or neither MX nor A/AAAA.
	MailDomainNoMail MailDomainStatus = C.MW_MAIL_DOMAIN_NO_MAIL
	// MailDomainUnknown: a temporary failure after the resolver's retries.
	MailDomainUnknown MailDomainStatus = C.MW_MAIL_DOMAIN_UNKNOWN
)

// String returns the library's name ("not_checked", "accepts_mail",
// "implicit_mx", "null_mx", "no_mail_domain", "unknown").
func (s MailDomainStatus) String() string {
	return nameOr(C.mw_mail_domain_status_name(C.int(s)), "MailDomainStatus", int(s))
}

// CleanInput says how [Clean] reads its input.
type CleanInput int

// Inputs (MW_CLEAN_INPUT_*).
const (
	// CleanInputAuto: CSV when the first line holds the delimiter or a quote.
	CleanInputAuto CleanInput = C.MW_CLEAN_INPUT_AUTO
	// CleanInputCSV: RFC 4180 (quotes, a BOM, CRLF or LF).
	CleanInputCSV CleanInput = C.MW_CLEAN_INPUT_CSV
	// CleanInputLines: one address a line, taken whole.
	CleanInputLines CleanInput = C.MW_CLEAN_INPUT_LINES
)

// CleanOptions configure [Clean]. The zero value is the library's defaults:
// the default address policy, no DNS and no suppression checks, disposable
// domains and typos checked, only case folded for duplicates, the input
// detected, ',' as the delimiter, the address column found by its header
// or its "@", 65536 rows kept waiting for DNS.
type CleanOptions struct {
	// Resolver looks up each distinct domain's mail records (once,
	// concurrently); nil: no DNS checks. The run keeps its own reference:
	// the resolver may be closed once Clean has returned.
	Resolver *Resolver
	// Policy is the address check; nil: the library default. Role and
	// no-reply forms are risky unless it rejects them. It is copied.
	Policy *AddressPolicy
	// Tracker marks rows whose address it suppresses for Account ("": the
	// tracker's default account) as "suppressed"; nil: not checked.
	Tracker *Tracker
	Account string
	// NoDisposableCheck turns off the disposable-domain check.
	NoDisposableCheck bool
	// AllowDisposable lists domains never called disposable.
	AllowDisposable []string
	// NoTypoSuggestions turns off "typo_suggestion" (gmial.com ...).
	NoTypoSuggestions bool
	// FoldProviderAliases folds Gmail's dots and +tags when looking for
	// duplicates.
	FoldProviderAliases bool
	// Input is how the input is read; the zero value detects it.
	Input CleanInput
	// Delimiter is the CSV delimiter; 0 means ','.
	Delimiter byte
	// Column is the address column's header name (case-insensitive).
	Column string
	// ColumnNumber, when above 0, is the address column's position,
	// counted from 1; it wins over Column.
	ColumnNumber int
	// MaxPendingRows is how many rows may wait for their domain's answer
	// before reading stops until answers come; 0 means 65536.
	MaxPendingRows int
	// Progress, when not nil, is called with the counts after every
	// ProgressEvery verdicts (0 means 1000) and once more at the end, on
	// the goroutine that feeds the library, before later verdicts are
	// sent. It must not block for long (feeding waits for it), nor call
	// Clean's wait function, which waits for the feeding to end. A panic
	// in it is recovered and logged.
	Progress      func(CleanStats)
	ProgressEvery int
	// ChunkSize is how many bytes are read from the input at a time; 0
	// means 64 KiB. A row may span chunks.
	ChunkSize int
}

// CleanVerdict is one row's verdict, copied out of the library.
type CleanVerdict struct {
	// Row is the data row, from 1 (a CSV header is not counted); Line the
	// input line it starts on, from 1.
	Row, Line int
	// Input is the address field as read; Address the normalized address
	// (domain in A-labels, lower case), "" when unreadable.
	Input, Address string
	// Verdict is valid, risky or invalid.
	Verdict Verdict
	// Reasons are the reason ids in the order found: the address check's
	// ([Reason.String]) for syntax, "role", "noreply", "special_use",
	// "disposable", "free_provider", "no_mail_domain", "null_mx",
	// "implicit_mx", "dns_unknown", "suppressed", "duplicate",
	// "typo_suggestion", "malformed_row".
	Reasons []string
	// DuplicateOf is the row of the first occurrence of the same address;
	// 0 when the row is not a duplicate.
	DuplicateOf int
	// Suggestion is, with "typo_suggestion", the address perhaps meant
	// (never applied); else "".
	Suggestion string
	// DomainStatus is what DNS said about the domain.
	DomainStatus MailDomainStatus
	// JSON is the library's one-line JSON form, as mwctl list clean --json
	// writes it.
	JSON string
}

// HasReason reports whether id is among the verdict's reasons.
func (v CleanVerdict) HasReason(id string) bool {
	for _, r := range v.Reasons {
		if r == id {
			return true
		}
	}
	return false
}

// CleanStats are the counts of a cleaning run.
type CleanStats struct {
	Rows, Valid, Risky, Invalid, Duplicates uint64
	// Domains is how many distinct domains were seen, DomainsResolved how
	// many of them DNS has answered so far.
	Domains, DomainsResolved uint64
}

// cleanVerdictFromC copies a borrowed verdict.
func cleanVerdictFromC(v *C.mw_clean_verdict) CleanVerdict {
	var js *C.char
	_ = errorFromC(C.mw_clean_verdict_to_json(&js, v, nil), nil)
	defer C.mw_string_free(js)
	out := CleanVerdict{
		Row:          int(C.mw_clean_verdict_row(v)),
		Line:         int(C.mw_clean_verdict_line(v)),
		Input:        C.GoString(C.mw_clean_verdict_input(v)),
		Address:      C.GoString(C.mw_clean_verdict_address(v)),
		Verdict:      Verdict(C.mw_clean_verdict_verdict(v)),
		Reasons:      make([]string, int(C.mw_clean_verdict_reason_count(v))),
		DuplicateOf:  int(C.mw_clean_verdict_duplicate_of(v)),
		Suggestion:   C.GoString(C.mw_clean_verdict_suggestion(v)),
		DomainStatus: MailDomainStatus(C.mw_clean_verdict_domain_status(v)),
		JSON:         C.GoString(js),
	}
	for i := range out.Reasons {
		out.Reasons[i] = C.GoString(C.mw_clean_verdict_reason(v, C.size_t(i)))
	}
	return out
}

func cleanStatsFromC(s *C.mw_clean_stats) CleanStats {
	return CleanStats{
		Rows:            uint64(C.mw_clean_stats_rows(s)),
		Valid:           uint64(C.mw_clean_stats_valid(s)),
		Risky:           uint64(C.mw_clean_stats_risky(s)),
		Invalid:         uint64(C.mw_clean_stats_invalid(s)),
		Duplicates:      uint64(C.mw_clean_stats_duplicates(s)),
		Domains:         uint64(C.mw_clean_stats_domains(s)),
		DomainsResolved: uint64(C.mw_clean_stats_domains_resolved(s)),
	}
}

// cleanRuns maps the key of each running [Clean] to its *cleanRun; the
// library passes the key back to the verdict and progress callbacks.
var cleanRuns sync.Map

// cleanRun is one [Clean]. Its fields are used by the feeding goroutine
// only (the callbacks run on it), until done is closed.
type cleanRun struct {
	ctx      context.Context
	out      chan CleanVerdict
	progress func(CleanStats)
	dropped  bool // a verdict was not sent: the context was done
	stats    CleanStats
	err      error
	done     chan struct{}
}

// deliver sends one verdict, or drops it once the context is done: it
// never blocks a library call on a consumer that has gone.
func (run *cleanRun) deliver(v *C.mw_clean_verdict) {
	if run.dropped || run.ctx.Err() != nil {
		run.dropped = true
		return
	}
	select {
	case run.out <- cleanVerdictFromC(v):
	case <-run.ctx.Done():
		run.dropped = true
	}
}

// report calls Progress; a panic in it is recovered and logged, so that it
// never unwinds through the library's frames.
func (run *cleanRun) report(s *C.mw_clean_stats) {
	if run.dropped || run.ctx.Err() != nil {
		return
	}
	stats := cleanStatsFromC(s)
	defer func() {
		if v := recover(); v != nil {
			log.Printf("mailwarden: panic in a CleanOptions.Progress callback (%d rows): %v\n%s",
				stats.Rows, v, debug.Stack())
		}
	}()
	run.progress(stats)
}

// Clean checks a list of addresses (a CSV file, or one address a line)
// read from r, and sends each row's verdict on the returned channel, in
// input order, while the input streams in: a goroutine reads r in chunks
// and hands them to the library, which looks each distinct domain up once,
// concurrently, and keeps memory bounded by the distinct domains rather
// than the rows.
//
// The channel is closed when the run has ended. wait then returns the
// final counts and nil, or the counts so far and the error that ended the
// run: the options' (matching ErrInvalidArgument for a bad delimiter or a
// closed resolver, tracker or policy), the library's while reading (an
// ErrInvalidArgument naming a Column that is not in the header, before any
// verdict), r's (wrapped), or, when ctx was done before the last verdict
// was sent, one matching both ErrCancelled and ctx.Err().
//
// Receive from the channel until it is closed, or cancel ctx: the channel
// holds a few verdicts, and beyond them the feeding goroutine waits, inside
// the library's call, for them to be received. On cancellation it stops
// reading, drops the verdicts still to come, frees the library's cleaner
// (which waits for lookups under way) and closes the channel; no goroutine
// is left behind, except that a Read already blocked in r is not
// interrupted (close r to end it). wait may be called from any goroutine,
// any number of times, and blocks until the channel is closed.
func Clean(ctx context.Context, r io.Reader, opts CleanOptions) (<-chan CleanVerdict, func() (CleanStats, error)) {
	run := &cleanRun{ctx: ctx, out: make(chan CleanVerdict, 64), progress: opts.Progress, done: make(chan struct{})}
	wait := func() (CleanStats, error) {
		<-run.done
		return run.stats, run.err
	}
	key := lastKey.Add(1)
	var cleaner *C.mw_cleaner
	err := error(newError(StatusInvalidArgument, "the reader must not be nil"))
	if r != nil {
		cleaner, err = newCleaner(opts, key)
	}
	if err == nil && ctx.Err() != nil {
		C.mw_cleaner_free(cleaner)
		err = run.cancelled()
	}
	if err != nil {
		run.err = err
		close(run.out)
		close(run.done)
		return run.out, wait
	}
	cleanRuns.Store(key, run)
	go func() {
		defer close(run.done)
		defer close(run.out)
		defer cleanRuns.Delete(key)
		run.stats, run.err = run.feed(cleaner, r, opts.ChunkSize)
	}()
	return run.out, wait
}

// newCleaner makes the library's cleaner for opts, delivering to key.
func newCleaner(opts CleanOptions, key uintptr) (*C.mw_cleaner, error) {
	var o *C.mw_clean_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_clean_options_new(&o, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_clean_options_free(o)
	var cs cStrings
	defer cs.free()
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_check_disposable(o, cBool(!opts.NoDisposableCheck), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_suggest_typos(o, cBool(!opts.NoTypoSuggestions), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_fold_provider_aliases(o, cBool(opts.FoldProviderAliases), e)
		},
		func(e **C.mw_error) C.int { return C.mw_clean_options_set_input(o, C.int(opts.Input), e) },
	}
	for _, d := range opts.AllowDisposable {
		domain := cs.str(d, "disposable allow domain")
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_clean_options_add_disposable_allow(o, domain, e)
		})
	}
	if opts.Delimiter != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_delimiter(o, C.char(opts.Delimiter), e)
		})
	}
	if opts.Column != "" {
		column := cs.str(opts.Column, "column")
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_clean_options_set_column_name(o, column, e) })
	}
	switch {
	case opts.ColumnNumber > 0:
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_column_index(o, C.size_t(opts.ColumnNumber-1), e)
		})
	case opts.ColumnNumber < 0:
		return nil, newError(StatusInvalidArgument, "the column number must not be negative")
	}
	if opts.MaxPendingRows != 0 {
		if opts.MaxPendingRows < 0 {
			return nil, newError(StatusInvalidArgument, "max pending rows must not be negative")
		}
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_max_pending_rows(o, C.size_t(opts.MaxPendingRows), e)
		})
	}
	if opts.Progress != nil {
		every := opts.ProgressEvery
		if every == 0 {
			every = 1000
		} else if every < 0 {
			return nil, newError(StatusInvalidArgument, "ProgressEvery must not be negative")
		}
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_go_clean_set_progress(o, C.size_t(every), C.uintptr_t(key), e)
		})
	}
	if opts.ChunkSize < 0 {
		return nil, newError(StatusInvalidArgument, "the chunk size must not be negative")
	}
	if cs.err != nil {
		return nil, cs.err
	}
	if err := applySettings(settings); err != nil {
		return nil, err
	}
	if opts.Policy != nil {
		err := opts.Policy.use(func(a *C.mw_address_options) error {
			return errorFromC(C.mw_clean_options_set_address_options(o, a, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	if opts.Resolver != nil {
		err := opts.Resolver.use(func(r *C.mw_resolver) error {
			return errorFromC(C.mw_clean_options_set_resolver(o, r, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	if opts.Tracker != nil {
		account := cs.optional(opts.Account, "account")
		if cs.err != nil {
			return nil, cs.err
		}
		err := opts.Tracker.call(func(t *C.mw_tracker) error {
			return errorFromC(C.mw_clean_options_set_tracker(o, t, account, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	var cleaner *C.mw_cleaner
	if err := errorFromC(C.mw_go_cleaner_new(&cleaner, o, C.uintptr_t(key), &cerr), cerr); err != nil {
		return nil, err
	}
	return cleaner, nil
}

// feed reads r into the cleaner until the input ends, an error or the
// context stops it, then frees the cleaner. The callbacks run on this
// goroutine, inside the feed and finish calls.
func (run *cleanRun) feed(cleaner *C.mw_cleaner, r io.Reader, chunkSize int) (CleanStats, error) {
	defer C.mw_cleaner_free(cleaner)
	if chunkSize == 0 {
		chunkSize = 64 << 10
	}
	// Chunks are read on a goroutine of their own, so that a cancellation
	// is seen while a Read blocks; two buffers take turns. stop ends the
	// reader however feed returns.
	chunks, free := make(chan []byte), make(chan []byte, 2)
	free <- make([]byte, chunkSize)
	free <- make([]byte, chunkSize)
	readErr := make(chan error, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case chunks <- buf[:n]:
				case <-stop:
					return
				}
			} else {
				free <- buf
			}
			if err != nil {
				readErr <- err
				close(chunks)
				return
			}
		}
	}()
	for {
		select {
		case <-run.ctx.Done():
			return run.statsSoFar(cleaner), run.cancelled()
		case chunk, ok := <-chunks:
			if !ok {
				if err := <-readErr; err != io.EOF {
					return run.statsSoFar(cleaner), fmt.Errorf("mailwarden: reading the list: %w", err)
				}
				var s *C.mw_clean_stats
				var cerr *C.mw_error
				if err := errorFromC(C.mw_cleaner_finish(&s, cleaner, &cerr), cerr); err != nil {
					return run.statsSoFar(cleaner), err
				}
				defer C.mw_clean_stats_free(s)
				if run.dropped {
					return cleanStatsFromC(s), run.cancelled()
				}
				return cleanStatsFromC(s), nil
			}
			var cerr *C.mw_error
			status := C.mw_cleaner_feed(cleaner, bytesData(chunk), C.size_t(len(chunk)), &cerr)
			free <- chunk[:cap(chunk)]
			if err := errorFromC(status, cerr); err != nil {
				return run.statsSoFar(cleaner), err
			}
			if run.dropped {
				return run.statsSoFar(cleaner), run.cancelled()
			}
		}
	}
}

func (run *cleanRun) statsSoFar(cleaner *C.mw_cleaner) CleanStats {
	var s *C.mw_clean_stats
	if C.mw_cleaner_stats(&s, cleaner, nil) != C.MW_OK {
		return CleanStats{}
	}
	defer C.mw_clean_stats_free(s)
	return cleanStatsFromC(s)
}

// cancelled is the error of a run the context stopped: it matches
// ErrCancelled and the context's error.
func (run *cleanRun) cancelled() error {
	return fmt.Errorf("%w: %w", newError(StatusCancelled, "cleaning stopped before the last verdict"), run.ctx.Err())
}
