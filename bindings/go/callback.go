package mailwarden

// This file holds only the exported callback: a file with //export may
// declare, but not define, C functions in its preamble. The C side of the
// callback (the mw_state_change_fn that calls it) is in registry.go.

// #include <stdint.h>
// #include <mailwarden.h>
import "C"

import (
	"runtime/cgo"
	"sync/atomic"
)

// subscription is what a cgo.Handle registered as user_data refers to. It
// points at the registry's state, not at the *Registry, so that a
// subscription does not keep the Registry itself reachable.
type subscription struct {
	fn        func(s Sender, from, to SenderState)
	st        *registryState
	id        C.int
	cancelled atomic.Bool
}

// mwGoStateChange is called by the library, through mw_go_state_change, on
// the thread that made a change. handle is the subscription's cgo.Handle,
// valid until the registry is freed: the library may still deliver a change
// it picked before an unsubscription, so handles are deleted only then.
//
//export mwGoStateChange
func mwGoStateChange(sender *C.mw_sender, from, to C.int, handle C.uintptr_t) {
	sub, ok := cgo.Handle(handle).Value().(*subscription)
	if !ok || sub.cancelled.Load() {
		return
	}
	// The goroutine stays on this OS thread for the whole callback, so the
	// thread identifies calls made from inside it (see registryState).
	tid := threadID()
	sub.st.enterCallback(tid)
	defer sub.st.leaveCallback(tid)
	sub.fn(senderFromC(sender), SenderState(from), SenderState(to))
}
