package mailwarden

// This file holds only the exported callback: a file with //export may
// declare, but not define, C functions in its preamble. The C side of the
// callback (the mw_state_change_fn that calls it) is in registry.go.

// #include <stdint.h>
// #include <mailwarden.h>
import "C"

import (
	"log"
	"runtime/debug"
	"sync"
)

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

// deliver calls fn; a panic in it is recovered and logged, so that it never
// unwinds through the library's frames.
func (sub *subscription) deliver(s Sender, from, to SenderState) {
	defer func() {
		if v := recover(); v != nil {
			log.Printf("mailwarden: panic in a Registry.Subscribe callback (%s: %s -> %s): %v\n%s",
				s.Address, from, to, v, debug.Stack())
		}
	}()
	sub.fn(s, from, to)
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
	defer func() {
		if v := recover(); v != nil {
			log.Printf("mailwarden: panic in a Tracker.Subscribe callback (%s: %s -> %s): %v\n%s",
				c.Account, c.From, c.To, v, debug.Stack())
		}
	}()
	sub.fn(c)
}
