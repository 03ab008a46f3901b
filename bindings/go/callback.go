package mailwarden

// This file holds only the exported callbacks: a file with //export may
// declare, but not define, C functions in its preamble. The C side of each
// callback (the C function type the library calls) is in the file of its
// handle: registry.go, tracker.go, clean_options.go, list_import.go.

// #include <stdint.h>
// #include <mailwarden.h>
import "C"

import "sync"

// subscription is one [Registry.Subscribe].
type subscription struct {
	fn func(s Sender, from, to SenderState)
}

// subscriptions maps the key of each [Registry.Subscribe] to its
// *subscription, trackerSubscriptions that of each [Tracker.Subscribe] to
// its *trackerSubscription (see subscriptions.go).
var subscriptions, trackerSubscriptions sync.Map

// mwGoStateChange is called by the library, through mw_go_state_change, on
// the thread that made a change. sender is borrowed for the call.
//
//export mwGoStateChange
func mwGoStateChange(sender *C.mw_sender, from, to C.int, key C.uintptr_t) {
	v, ok := subscriptions.Load(uintptr(key))
	if !ok {
		return
	}
	v.(*subscription).deliver(senderFromC(sender), SenderState(from), SenderState(to))
}

// deliver calls fn (guarded).
func (sub *subscription) deliver(s Sender, from, to SenderState) {
	guarded(func() { sub.fn(s, from, to) }, "a Registry.Subscribe callback (%s: %s -> %s)", s.Address, from, to)
}

// mwGoTrackerStatus is called by the library, through mw_go_tracker_status,
// on the thread that made a status change. change is borrowed for the call.
//
//export mwGoTrackerStatus
func mwGoTrackerStatus(change *C.mw_status_change, key C.uintptr_t) {
	v, ok := trackerSubscriptions.Load(uintptr(key))
	if !ok {
		return
	}
	sub := v.(*trackerSubscription)
	c := statusChangeFromC(change)
	guarded(func() { sub.fn(c) }, "a Tracker.Subscribe callback (%s: %s -> %s)", c.Account, c.From, c.To)
}

// mwGoCleanVerdict is called by the library, through mw_go_clean_verdict,
// with each verdict of a [Clean] run, on the goroutine feeding it (inside
// mw_cleaner_feed or mw_cleaner_finish). verdict is borrowed for the call.
//
//export mwGoCleanVerdict
func mwGoCleanVerdict(verdict *C.mw_clean_verdict, key C.uintptr_t) {
	if v, ok := cleanRuns.Load(uintptr(key)); ok {
		v.(*cleanRun).deliver(verdict)
	}
}

// mwGoCleanProgress is called like mwGoCleanVerdict with the counts.
//
//export mwGoCleanProgress
func mwGoCleanProgress(stats *C.mw_clean_stats, key C.uintptr_t) {
	if v, ok := cleanRuns.Load(uintptr(key)); ok {
		v.(*cleanRun).report(stats)
	}
}

// mwGoImportRow is called by the library, through mw_go_import_row, with
// each row of a [Lists.Import], on the goroutine calling it. row is
// borrowed for the call.
//
//export mwGoImportRow
func mwGoImportRow(row *C.mw_import_row, key C.uintptr_t) {
	if v, ok := importRuns.Load(uintptr(key)); ok {
		v.(*importRun).deliver(row)
	}
}
