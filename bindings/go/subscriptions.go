package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"log"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Callbacks reach Go through a key: each subscription gets a key, never
// reused, that the library passes back as user_data, and a map of the
// callback's kind (subscriptions, trackerSubscriptions) from key to the
// function. A delivery whose key was removed (by cancel or Close) finds
// nothing and is dropped; no Go pointer is ever stored in C.
var lastKey atomic.Uintptr

// guarded calls fn, a callback of the caller's, from a delivery. A panic
// in it is recovered and logged ("panic in " what, formatted with args),
// so that it never unwinds through the library's frames.
func guarded(fn func(), what string, args ...any) {
	defer func() {
		if v := recover(); v != nil {
			log.Printf("mailwarden: panic in "+what+": %v\n%s", append(args, v, debug.Stack())...)
		}
	}()
	fn()
}

// subscriptionIDs is the part of a handle's state that its subscriptions
// reach: which library id each key has. It does not refer to the handle's
// Go object, so subscriptions leave that object collectable.
type subscriptionIDs struct {
	mu   sync.Mutex
	subs map[uintptr]C.int // key -> library id; nil once closed
}

func newSubscriptionIDs() subscriptionIDs {
	return subscriptionIDs{subs: map[uintptr]C.int{}}
}

// subscribe stores value in deliveries under a new key, registers the key
// in the library with register, and returns the cancel function, which
// forgets the key and calls unregister with the library id. what names the
// handle in the error of one closed meanwhile.
func (s *subscriptionIDs) subscribe(deliveries *sync.Map, value any, what string,
	register func(key uintptr) (C.int, error), unregister func(id C.int)) (cancel func(), err error) {
	key := lastKey.Add(1)
	deliveries.Store(key, value)
	id, err := register(key)
	if err == nil {
		s.mu.Lock()
		if s.subs == nil { // closed meanwhile
			err = errClosed(what)
		} else {
			s.subs[key] = id
		}
		s.mu.Unlock()
	}
	if err != nil {
		deliveries.Delete(key)
		return nil, err
	}
	return func() {
		deliveries.Delete(key)
		s.mu.Lock()
		id, ok := s.subs[key]
		delete(s.subs, key)
		s.mu.Unlock()
		if ok { // not cancelled before, nor closed
			unregister(id)
		}
	}, nil
}

// closeAll forgets every subscription (the handle is closed): deliveries
// that still arrive, from calls that were running, find none.
func (s *subscriptionIDs) closeAll(deliveries *sync.Map) {
	s.mu.Lock()
	subs := s.subs
	s.subs = nil
	s.mu.Unlock()
	for key := range subs {
		deliveries.Delete(key)
	}
}
