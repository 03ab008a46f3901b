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

// newCleaner makes the library's cleaner for opts, delivering to key.
func newCleaner(opts CleanOptions, key uintptr) (*C.mw_cleaner, error) {
	create := func(out **C.mw_clean_options, e **C.mw_error) C.int { return C.mw_clean_options_new(out, e) }
	o, err := build(create, freeCleanOptions, func(o *C.mw_clean_options, s *setters) error {
		return opts.queueSetters(o, s, key)
	})
	if err != nil {
		return nil, err
	}
	defer freeCleanOptions(o)
	if opts.Tracker != nil {
		var cs cStrings
		defer cs.free()
		account := cs.optional(opts.Account, "account")
		if cs.err != nil {
			return nil, cs.err
		}
		err := opts.Tracker.call(func(t *C.mw_tracker) error {
			return cCall(func(e **C.mw_error) C.int { return C.mw_clean_options_set_tracker(o, t, account, e) })
		})
		if err != nil {
			return nil, err
		}
	}
	return cNew(func(out **C.mw_cleaner, e **C.mw_error) C.int {
		return C.mw_go_cleaner_new(out, o, C.uintptr_t(key), e)
	})
}

func freeCleanOptions(o *C.mw_clean_options) { C.mw_clean_options_free(o) }

// queueSetters queues the setters of the options into o, the progress callback
// delivering to key, or refuses a value.
func (opts CleanOptions) queueSetters(o *C.mw_clean_options, s *setters, key uintptr) error {
	s.add(func(e **C.mw_error) C.int {
		return C.mw_clean_options_set_check_disposable(o, cBool(!opts.NoDisposableCheck), e)
	})
	s.add(func(e **C.mw_error) C.int {
		return C.mw_clean_options_set_suggest_typos(o, cBool(!opts.NoTypoSuggestions), e)
	})
	s.add(func(e **C.mw_error) C.int {
		return C.mw_clean_options_set_fold_provider_aliases(o, cBool(opts.FoldProviderAliases), e)
	})
	s.add(func(e **C.mw_error) C.int { return C.mw_clean_options_set_input(o, C.int(opts.Input), e) })
	s.each(opts.AllowDisposable, "disposable allow domain", func(d *C.char, e **C.mw_error) C.int {
		return C.mw_clean_options_add_disposable_allow(o, d, e)
	})
	if opts.Delimiter != 0 {
		s.add(func(e **C.mw_error) C.int { return C.mw_clean_options_set_delimiter(o, C.char(opts.Delimiter), e) })
	}
	s.nonEmpty(opts.Column, "column", func(c *C.char, e **C.mw_error) C.int {
		return C.mw_clean_options_set_column_name(o, c, e)
	})
	switch {
	case opts.ColumnNumber > 0:
		s.add(func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_column_index(o, C.size_t(opts.ColumnNumber-1), e)
		})
	case opts.ColumnNumber < 0:
		return newError(StatusInvalidArgument, "the column number must not be negative")
	}
	if opts.MaxPendingRows != 0 {
		if opts.MaxPendingRows < 0 {
			return newError(StatusInvalidArgument, "max pending rows must not be negative")
		}
		s.add(func(e **C.mw_error) C.int {
			return C.mw_clean_options_set_max_pending_rows(o, C.size_t(opts.MaxPendingRows), e)
		})
	}
	if opts.Progress != nil {
		every := opts.ProgressEvery
		if every == 0 {
			every = 1000
		} else if every < 0 {
			return newError(StatusInvalidArgument, "ProgressEvery must not be negative")
		}
		s.add(func(e **C.mw_error) C.int { return C.mw_go_clean_set_progress(o, C.size_t(every), C.uintptr_t(key), e) })
	}
	if opts.ChunkSize < 0 {
		return newError(StatusInvalidArgument, "the chunk size must not be negative")
	}
	s.policyAndResolver(opts.Policy, func(a *C.mw_address_options, e **C.mw_error) C.int {
		return C.mw_clean_options_set_address_options(o, a, e)
	}, opts.Resolver, func(r *C.mw_resolver, e **C.mw_error) C.int {
		return C.mw_clean_options_set_resolver(o, r, e)
	})
	return nil
}
