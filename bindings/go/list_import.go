package mailwarden

// Importing a list of addresses, with a callback for each row.

/*
#include <stdint.h>
#include <mailwarden.h>

extern void mwGoImportRow(mw_import_row *row, uintptr_t key);

// The mw_import_row_fn handed to the library: user_data carries the
// import's key (an integer), never a Go pointer.
static void mw_go_import_row(const mw_import_row *row, void *user_data) {
	mwGoImportRow((mw_import_row *)row, (uintptr_t)user_data);
}

// key 0: no row callback.
static int mw_go_lists_import(mw_import_summary **out, mw_lists *lists, const char *account, const char *list,
                              const char *input, size_t input_length, const char *column_name, int column_index,
                              const mw_consent_facts *facts, uintptr_t key, mw_error **err) {
	return mw_lists_import(out, lists, account, list, input, input_length, column_name, column_index, facts,
	                       key != 0 ? mw_go_import_row : NULL, (void *)key, err);
}
*/
import "C"

import "sync"

// ImportOptions configure [Lists.Import].
type ImportOptions struct {
	// Column is the address column's header name; "" finds it as [Clean]
	// does. The C call takes a name made of digits only as an index, so
	// such a name cannot be given.
	Column string
	// ColumnNumber, when above 0, is the address column's position,
	// counted from 1; it wins over Column.
	ColumnNumber int
	// ConsentFacts name the consent the importer holds: Source (the
	// file's name, say) and the notice go into each consent log; IP and
	// UserAgent are not used.
	ConsentFacts
}

// ImportRow is one imported row.
type ImportRow struct {
	Check CleanVerdict
	Added bool
	// RefusedBecause is as SubscribeOutcome's, or "duplicate" (within the
	// input) or "already_subscribed"; "" when added.
	RefusedBecause string
}

// ImportSummary is what an import did.
type ImportSummary struct {
	Rows, Added, Refused int64
	// Refusals are the refusal reasons, most frequent first.
	Refusals []ImportRefusal
}

// ImportRefusal is how many rows one reason refused.
type ImportRefusal struct {
	Reason string
	Rows   int64
}

// importRuns maps the key of each running [Lists.Import] with a row
// function to its *importRun.
var importRuns sync.Map

type importRun struct {
	fn func(ImportRow)
}

// deliver calls fn (guarded) with a copy of the row.
func (run *importRun) deliver(row *C.mw_import_row) {
	r := ImportRow{
		Check:          cleanVerdictFromC(C.mw_import_row_check(row)),
		Added:          C.mw_import_row_added(row) != 0,
		RefusedBecause: C.GoString(C.mw_import_row_refused_because(row)),
	}
	guarded(func() { run.fn(r) }, "a Lists.Import row function (row %d)", r.Check.Row)
}

// ownedImportSummary copies and frees an mw_import_summary.
var ownedImportSummary = ownedAs(func(s *C.mw_import_summary) ImportSummary {
	return ImportSummary{
		Rows:    int64(C.mw_import_summary_rows(s)),
		Added:   int64(C.mw_import_summary_added(s)),
		Refused: int64(C.mw_import_summary_refused(s)),
		Refusals: cArray(C.mw_import_summary_reason_count(s), func(i C.size_t) ImportRefusal {
			return ImportRefusal{
				Reason: C.GoString(C.mw_import_summary_reason(s, i)),
				Rows:   int64(C.mw_import_summary_reason_rows(s, i)),
			}
		}),
	}
}, func(s *C.mw_import_summary) { C.mw_import_summary_free(s) })

// Import imports data (a CSV file or one address a line) through
// Subscribe's checks, as confirmed subscribers: the importer vouches for
// consent it holds, named by opts' Source and notice. Addresses that left
// are refused. onRow, when not nil, is called with each row's outcome in
// input order on the calling goroutine, before Import returns; it must not
// call methods of the same Lists (the library's rule), and a panic in it
// is recovered and logged. Errors match ErrNotFound (the list),
// ErrInvalidArgument (a column that is not there) or ErrIO.
func (l *Lists) Import(list string, data []byte, opts ImportOptions, onRow func(ImportRow)) (ImportSummary, error) {
	if opts.ColumnNumber < 0 {
		return ImportSummary{}, newError(StatusInvalidArgument, "the column number must not be negative")
	}
	var cs cStrings
	defer cs.free()
	li, col := cs.str(list, "list"), cs.optional(opts.Column, "column")
	facts := opts.ConsentFacts.arg(&cs)
	var key uintptr
	if onRow != nil {
		key = lastKey.Add(1)
		importRuns.Store(key, &importRun{fn: onRow})
		defer importRuns.Delete(key)
	}
	return listsTake(l, &cs, ownedImportSummary,
		func(out **C.mw_import_summary, p *C.mw_lists, a *C.char, e **C.mw_error) C.int {
			return C.mw_go_lists_import(out, p, a, li, bytesData(data), C.size_t(len(data)), col,
				C.int(opts.ColumnNumber-1), facts, C.uintptr_t(key), e)
		})
}
