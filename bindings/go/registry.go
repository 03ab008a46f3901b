package mailwarden

/*
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <mailwarden.h>

extern void mwGoStateChange(mw_sender *sender, int from_state, int to_state, uintptr_t handle);

// The mw_state_change_fn handed to the library: user_data carries a
// cgo.Handle (an integer), never a Go pointer.
static void mw_go_state_change(const mw_sender *sender, int from_state, int to_state, void *user_data) {
	mwGoStateChange((mw_sender *)sender, from_state, to_state, (uintptr_t)user_data);
}

static int mw_go_subscribe(int *id, mw_registry *registry, uintptr_t handle, mw_error **err) {
	return mw_registry_subscribe(id, registry, mw_go_state_change, (void *)handle, err);
}

static uintptr_t mw_go_thread_id(void) { return (uintptr_t)pthread_self(); }
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// RegistryConfig says where a [Registry] keeps its senders, which transport
// verifies and sends, and how it behaves. StorePath is required, and exactly
// one of Outbox and SES; the zero value of every other field means the
// library default.
type RegistryConfig struct {
	// StorePath is the SQLite file (created and migrated as needed), or
	// ":memory:" for a private in-memory store.
	StorePath string
	// Outbox is the local transport's Maildir folder (created as needed).
	Outbox string
	// SES makes the registry verify and send through Amazon SES with this
	// client. The registry holds its own reference: the client may be
	// closed after OpenRegistry. [Registry.Confirm] and [Registry.LastLink]
	// then fail with ErrInvalidArgument (the links are SES's).
	SES *SESClient
	// VerificationTemplate (SES only) names a custom verification email
	// template to send instead of AWS's verification mail.
	VerificationTemplate string
	// ConfigurationSet (SES only) is the configuration set for sends and
	// custom verification mails.
	ConfigurationSet string
	// LinkLifetime is how long verification links stay valid, in whole
	// seconds; 0 means 24 hours.
	LinkLifetime time.Duration
	// DefaultAccount is the account used when a call passes ""; empty means
	// "default".
	DefaultAccount string
	// RejectNoreply refuses no-reply senders with ErrPolicy instead of
	// adding them with a warning.
	RejectNoreply bool
	// RejectRole refuses role-account senders with ErrPolicy instead of
	// adding them with a warning.
	RejectRole bool
	// AllowSpecialUse accepts senders at special-use domains (.test,
	// example.com ...), for demos and tests.
	AllowSpecialUse bool
	// ManualClock, when not zero, makes the registry use a clock that starts
	// at this instant (whole seconds) and moves only with
	// [Registry.AdvanceClock]. The zero time means the system clock.
	ManualClock time.Time
}

// Message is an email to send from a verified sender with [Registry.Send].
type Message struct {
	// From is the address of a verified sender.
	From string
	// To holds one or more recipients.
	To []string
	// Subject is the subject line.
	Subject string
	// Text and HTML are the bodies; give at least one.
	Text, HTML string
	// Account is the sender's account; "" means the default account.
	Account string
}

// Registry is a set of sender channels over a store and a transport (the
// local one or Amazon SES): senders are added, verified through a link, and
// may send once verified.
// Open one with [OpenRegistry] and release it with Close.
//
// A Registry may be used from any number of goroutines at once. Close waits
// for calls that are running; calls made after it return an error matching
// [ErrInvalidArgument]. A finalizer frees a registry that becomes unreachable
// without Close, but subscriptions keep it reachable through their callbacks,
// so close registries explicitly.
type Registry struct {
	st *registryState
}

// registryState is the part of a Registry that callbacks reach.
type registryState struct {
	mu     sync.Mutex
	idle   sync.Cond      // signalled when active drops to 0
	ptr    *C.mw_registry // nil once closed
	active int            // calls running in C
	// inCallback counts, per OS thread, the callbacks of this registry
	// running there. A goroutine is locked to its thread during a callback,
	// so a call from that thread is a call from inside a callback.
	inCallback map[C.uintptr_t]int
	handles    []cgo.Handle // every subscription's, deleted once freed
	deferred   []C.int      // unsubscriptions asked for inside callbacks
}

// threadID identifies the calling OS thread.
func threadID() C.uintptr_t {
	return C.mw_go_thread_id()
}

func errRegistryClosed() error {
	return newError(StatusInvalidArgument, "registry is closed")
}

// OpenRegistry opens the store and the transport described by cfg.
// Errors match ErrInvalidArgument (no store path, neither or both of Outbox
// and SES, a closed SES client, a bad option) or ErrIO (the store or the
// outbox cannot be used).
func OpenRegistry(cfg RegistryConfig) (*Registry, error) {
	if (cfg.Outbox == "") == (cfg.SES == nil) {
		return nil, newError(StatusInvalidArgument, "give exactly one of Outbox (local transport) and SES")
	}
	if cfg.SES == nil && (cfg.VerificationTemplate != "" || cfg.ConfigurationSet != "") {
		return nil, newError(StatusInvalidArgument, "VerificationTemplate and ConfigurationSet need the SES transport")
	}
	var cs cStrings
	defer cs.free()
	store := cs.str(cfg.StorePath, "store path")
	outbox := cs.optional(cfg.Outbox, "outbox")
	template := cs.optional(cfg.VerificationTemplate, "verification template")
	configurationSet := cs.optional(cfg.ConfigurationSet, "configuration set")
	account := cs.optional(cfg.DefaultAccount, "default account")
	if cs.err != nil {
		return nil, cs.err
	}
	lifetime, err := wholeSeconds(cfg.LinkLifetime, "the link lifetime")
	if err != nil {
		return nil, err
	}
	if !cfg.ManualClock.IsZero() && cfg.ManualClock.Nanosecond() != 0 {
		return nil, newError(StatusInvalidArgument, "the manual clock must start at a whole second")
	}

	var opts *C.mw_registry_options
	var cerr *C.mw_error
	if err := errorFromC(C.mw_registry_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.mw_registry_options_free(opts)
	settings := []func(**C.mw_error) C.int{
		func(e **C.mw_error) C.int { return C.mw_registry_options_set_store_path(opts, store, e) },
		func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_reject_noreply(opts, cBool(cfg.RejectNoreply), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_reject_role(opts, cBool(cfg.RejectRole), e)
		},
		func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_allow_special_use(opts, cBool(cfg.AllowSpecialUse), e)
		},
	}
	if outbox != nil {
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_registry_options_set_outbox(opts, outbox, e) })
	}
	if cfg.LinkLifetime != 0 {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_link_lifetime(opts, C.int64_t(lifetime), e)
		})
	}
	if account != nil {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_default_account(opts, account, e)
		})
	}
	if !cfg.ManualClock.IsZero() {
		settings = append(settings, func(e **C.mw_error) C.int {
			return C.mw_registry_options_set_manual_clock(opts, C.int64_t(cfg.ManualClock.Unix()), e)
		})
	}
	if err := applySettings(settings); err != nil {
		return nil, err
	}
	if cfg.SES != nil {
		// The options take their own reference to the client.
		err := cfg.SES.call(func(client *C.mw_ses_client) error {
			return errorFromC(C.mw_registry_options_set_ses_client(opts, client, template, configurationSet, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	}
	var ptr *C.mw_registry
	if err := errorFromC(C.mw_registry_open(&ptr, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	st := &registryState{ptr: ptr, inCallback: map[C.uintptr_t]int{}}
	st.idle.L = &st.mu
	r := &Registry{st: st}
	runtime.SetFinalizer(r, func(r *Registry) { _ = r.st.close() })
	return r, nil
}

// Close stops the background refresher (waiting for a refresh in progress),
// waits for calls running on other goroutines and frees the registry. It is
// idempotent and returns nil, except when called from one of the registry's
// own callbacks, where it would wait for itself: it then returns an error
// matching ErrInvalidArgument and closes nothing.
func (r *Registry) Close() error {
	if r == nil {
		return nil
	}
	if err := r.st.close(); err != nil {
		return err
	}
	runtime.SetFinalizer(r, nil)
	return nil
}

func (st *registryState) close() error {
	st.mu.Lock()
	if st.ptr == nil {
		st.mu.Unlock()
		return nil
	}
	if st.inCallback[threadID()] > 0 {
		st.mu.Unlock()
		return newError(StatusInvalidArgument, "Close cannot be called from the registry's own callback")
	}
	ptr := st.ptr
	st.ptr = nil
	for st.active > 0 {
		st.idle.Wait()
	}
	handles := st.handles
	st.handles, st.deferred = nil, nil
	st.mu.Unlock()
	// Outside the lock: freeing joins the refresher, whose callbacks take it.
	C.mw_registry_free(ptr)
	for _, h := range handles {
		h.Delete() // no callback can run any more
	}
	return nil
}

// acquire counts a call as running and returns the live pointer. Outside
// callbacks it first makes the unsubscriptions deferred from inside them.
func (st *registryState) acquire() (*C.mw_registry, error) {
	st.mu.Lock()
	if st.ptr == nil {
		st.mu.Unlock()
		return nil, errRegistryClosed()
	}
	st.active++
	ptr := st.ptr
	var flush []C.int
	if len(st.deferred) > 0 && st.inCallback[threadID()] == 0 {
		flush, st.deferred = st.deferred, nil
	}
	st.mu.Unlock()
	for _, id := range flush {
		C.mw_registry_unsubscribe(ptr, id, nil)
	}
	return ptr, nil
}

func (st *registryState) release() {
	st.mu.Lock()
	st.active--
	if st.active == 0 {
		st.idle.Broadcast()
	}
	st.mu.Unlock()
}

func (st *registryState) enterCallback(tid C.uintptr_t) {
	st.mu.Lock()
	st.inCallback[tid]++
	st.mu.Unlock()
}

func (st *registryState) leaveCallback(tid C.uintptr_t) {
	st.mu.Lock()
	if st.inCallback[tid]--; st.inCallback[tid] == 0 {
		delete(st.inCallback, tid)
	}
	st.mu.Unlock()
}

// refuseInCallback returns an error when the calling goroutine runs one of
// the registry's callbacks.
func (st *registryState) refuseInCallback(what string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.inCallback[threadID()] > 0 {
		return newError(StatusInvalidArgument, what+" cannot be called from the registry's own callback")
	}
	return nil
}

// call runs fn with the live pointer; the registry cannot be freed meanwhile.
func (r *Registry) call(fn func(*C.mw_registry) error) error {
	if r == nil {
		return errRegistryClosed()
	}
	ptr, err := r.st.acquire()
	if err != nil {
		return err
	}
	defer r.st.release()
	err = fn(ptr)
	runtime.KeepAlive(r)
	return err
}

// senderCall runs one C function that returns an mw_sender and copies it.
func (r *Registry) senderCall(fn func(*C.mw_registry, **C.mw_sender, **C.mw_error) C.int) (Sender, error) {
	var out Sender
	err := r.call(func(p *C.mw_registry) error {
		var s *C.mw_sender
		var cerr *C.mw_error
		if err := errorFromC(fn(p, &s, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_sender_free(s)
		out = senderFromC(s)
		return nil
	})
	return out, err
}

// Add adds a sender, in state Pending, and sends its verification mail.
// account "" means the default account. Errors match ErrInvalidArgument
// (a bad address, a line break or control character in alias),
// ErrAlreadyExists, ErrPolicy (RejectNoreply, RejectRole), ErrTransport or
// ErrIO.
func (r *Registry) Add(address, alias, account string) (Sender, error) {
	var cs cStrings
	defer cs.free()
	a, al, ac := cs.str(address, "address"), cs.str(alias, "alias"), cs.optional(account, "account")
	if cs.err != nil {
		return Sender{}, cs.err
	}
	return r.senderCall(func(p *C.mw_registry, out **C.mw_sender, e **C.mw_error) C.int {
		return C.mw_registry_add(out, p, a, al, ac, e)
	})
}

// Get returns the current snapshot of a sender, expiry applied. Errors
// match ErrNotFound, ErrInvalidArgument or ErrIO.
func (r *Registry) Get(address, account string) (Sender, error) {
	var cs cStrings
	defer cs.free()
	a, ac := cs.str(address, "address"), cs.optional(account, "account")
	if cs.err != nil {
		return Sender{}, cs.err
	}
	return r.senderCall(func(p *C.mw_registry, out **C.mw_sender, e **C.mw_error) C.int {
		return C.mw_registry_get(out, p, a, ac, e)
	})
}

// List returns the senders of an account in creation order: every sender
// for AllSenderStates, else only those in state. Errors match
// ErrInvalidArgument (an unknown state) or ErrIO.
func (r *Registry) List(state SenderState, account string) ([]Sender, error) {
	var cs cStrings
	defer cs.free()
	ac := cs.optional(account, "account")
	if cs.err != nil {
		return nil, cs.err
	}
	var out []Sender
	err := r.call(func(p *C.mw_registry) error {
		var list *C.mw_sender_list
		var cerr *C.mw_error
		if err := errorFromC(C.mw_registry_list(&list, p, C.int(state), ac, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_sender_list_free(list)
		n := int(C.mw_sender_list_size(list))
		out = make([]Sender, n)
		for i := range out {
			out[i] = senderFromC(C.mw_sender_list_get(list, C.size_t(i)))
		}
		return nil
	})
	return out, err
}

// Resend sends a new verification mail with a new window; the sender is
// Pending again. Errors match ErrNotFound, ErrInvalidArgument (already
// verified) or ErrTransport.
func (r *Registry) Resend(address, account string) (Sender, error) {
	var cs cStrings
	defer cs.free()
	a, ac := cs.str(address, "address"), cs.optional(account, "account")
	if cs.err != nil {
		return Sender{}, cs.err
	}
	return r.senderCall(func(p *C.mw_registry, out **C.mw_sender, e **C.mw_error) C.int {
		return C.mw_registry_resend(out, p, a, ac, e)
	})
}

// Remove removes a sender; deleteIdentity also removes it at the transport.
// Errors match ErrNotFound, ErrTransport or ErrIO.
func (r *Registry) Remove(address string, deleteIdentity bool, account string) error {
	var cs cStrings
	defer cs.free()
	a, ac := cs.str(address, "address"), cs.optional(account, "account")
	if cs.err != nil {
		return cs.err
	}
	return r.call(func(p *C.mw_registry) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_registry_remove(p, a, cBool(deleteIdentity), ac, &cerr), cerr)
	})
}

// Refresh polls the transport and applies expiry now, and reports how many
// senders it checked and how many changed state. Transport errors for single
// senders are counted, not returned.
func (r *Registry) Refresh() (checked, changed int, err error) {
	err = r.call(func(p *C.mw_registry) error {
		var ck, ch C.int
		var cerr *C.mw_error
		if err := errorFromC(C.mw_registry_refresh(p, &ck, &ch, &cerr), cerr); err != nil {
			return err
		}
		checked, changed = int(ck), int(ch)
		return nil
	})
	return checked, changed, err
}

// stringCall runs one C function that returns a library string.
func (r *Registry) stringCall(fn func(*C.mw_registry, **C.char, **C.mw_error) C.int) (string, error) {
	var out string
	err := r.call(func(p *C.mw_registry) error {
		var s *C.char
		var cerr *C.mw_error
		if err := errorFromC(fn(p, &s, &cerr), cerr); err != nil {
			return err
		}
		defer C.mw_string_free(s)
		out = C.GoString(s)
		return nil
	})
	return out, err
}

// Confirm "clicks" a verification link of the local transport and returns
// the confirmation text. Errors match ErrInvalidArgument (not a valid or no
// longer the latest link, or the registry uses SES), ErrExpired or
// ErrNotFound.
func (r *Registry) Confirm(link string) (string, error) {
	var cs cStrings
	defer cs.free()
	l := cs.str(link, "link")
	if cs.err != nil {
		return "", cs.err
	}
	return r.stringCall(func(p *C.mw_registry, out **C.char, e **C.mw_error) C.int {
		return C.mw_registry_confirm(out, p, l, e)
	})
}

// LastLink returns the latest verification link the local transport sent to
// address. Errors match ErrNotFound, or ErrInvalidArgument when the registry
// uses SES.
func (r *Registry) LastLink(address string) (string, error) {
	var cs cStrings
	defer cs.free()
	a := cs.str(address, "address")
	if cs.err != nil {
		return "", cs.err
	}
	return r.stringCall(func(p *C.mw_registry, out **C.char, e **C.mw_error) C.int {
		return C.mw_registry_last_link(out, p, a, e)
	})
}

// Send sends m from a verified sender and returns the message id. Errors
// match ErrNotVerified (the sender is not in state Success), ErrNotFound,
// ErrInvalidArgument (no recipient, no body, a line break in a header) or
// ErrTransport.
func (r *Registry) Send(m Message) (string, error) {
	var cs cStrings
	defer cs.free()
	from, subject := cs.str(m.From, "from"), cs.str(m.Subject, "subject")
	text, html := cs.optional(m.Text, "text"), cs.optional(m.HTML, "html")
	account := cs.optional(m.Account, "account")
	// A Go slice holding C pointers only may be passed to C.
	to := make([]*C.char, len(m.To))
	for i, addr := range m.To {
		to[i] = cs.str(addr, "recipient")
	}
	if cs.err != nil {
		return "", cs.err
	}
	var toPtr **C.char
	if len(to) > 0 {
		toPtr = &to[0]
	}
	return r.stringCall(func(p *C.mw_registry, out **C.char, e **C.mw_error) C.int {
		return C.mw_registry_send(out, p, from, toPtr, C.size_t(len(to)), subject, text, html, account, e)
	})
}

// AdvanceClock moves the manual clock forward by d, a whole number of
// seconds. Errors match ErrInvalidArgument when the registry uses the system
// clock.
func (r *Registry) AdvanceClock(d time.Duration) error {
	seconds, err := wholeSeconds(d, "the clock step")
	if err != nil {
		return err
	}
	return r.call(func(p *C.mw_registry) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_registry_advance_clock(p, C.int64_t(seconds), &cerr), cerr)
	})
}

// Subscribe calls fn once per state change of a sender, after the change is
// stored; from is SenderStateNone for a sender that was just created. The
// returned cancel function stops the calls; it is idempotent and may be
// called at any time, also after Close.
//
// fn runs on the thread that made the change: the goroutine calling Add,
// Get, List or Resend, or a library thread for Refresh, Confirm and the
// background refresher. Several calls of fn may run at once. fn may call the
// registry's methods and cancel, but Close, StartRefresher and StopRefresher
// return an error there (they would wait for fn itself); fn must not wait
// for another goroutine that calls them either. A cancel from inside fn
// stops further calls at once; the library-level unsubscription is made by
// the next call from outside a callback, or by Close. A panic in fn ends the
// program, as an unrecovered panic does in any goroutine.
func (r *Registry) Subscribe(fn func(s Sender, from, to SenderState)) (cancel func(), err error) {
	if fn == nil {
		return nil, newError(StatusInvalidArgument, "the callback must not be nil")
	}
	if r == nil {
		return nil, errRegistryClosed()
	}
	sub := &subscription{fn: fn, st: r.st}
	h := cgo.NewHandle(sub)
	err = r.call(func(p *C.mw_registry) error {
		var id C.int
		var cerr *C.mw_error
		if err := errorFromC(C.mw_go_subscribe(&id, p, C.uintptr_t(h), &cerr), cerr); err != nil {
			return err
		}
		r.st.mu.Lock()
		sub.id = id
		r.st.handles = append(r.st.handles, h)
		r.st.mu.Unlock()
		return nil
	})
	if err != nil {
		h.Delete() // never registered
		return nil, err
	}
	return sub.cancel, nil
}

// cancel stops deliveries to sub and unsubscribes it from the library, or
// defers that when called from inside one of the registry's callbacks.
func (sub *subscription) cancel() {
	if !sub.cancelled.CompareAndSwap(false, true) {
		return
	}
	st := sub.st
	st.mu.Lock()
	if st.ptr == nil {
		st.mu.Unlock()
		return
	}
	if st.inCallback[threadID()] > 0 {
		st.deferred = append(st.deferred, sub.id)
		st.mu.Unlock()
		return
	}
	ptr := st.ptr
	st.active++
	st.mu.Unlock()
	C.mw_registry_unsubscribe(ptr, sub.id, nil)
	st.release()
}

// StartRefresher runs Refresh every interval (at least a millisecond) on a
// library thread until StopRefresher or Close, replacing a running
// refresher. Changes it finds reach the callbacks from that thread.
func (r *Registry) StartRefresher(interval time.Duration) error {
	if r == nil {
		return errRegistryClosed()
	}
	if err := r.st.refuseInCallback("StartRefresher"); err != nil {
		return err
	}
	return r.call(func(p *C.mw_registry) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_registry_start_refresher(p, C.int64_t(interval.Milliseconds()), &cerr), cerr)
	})
}

// StopRefresher stops the background refresher, waiting for a refresh in
// progress. Stopping a registry without a refresher does nothing.
func (r *Registry) StopRefresher() error {
	if r == nil {
		return errRegistryClosed()
	}
	if err := r.st.refuseInCallback("StopRefresher"); err != nil {
		return err
	}
	return r.call(func(p *C.mw_registry) error {
		C.mw_registry_stop_refresher(p)
		return nil
	})
}

// wholeSeconds converts d to seconds, refusing a fractional part.
func wholeSeconds(d time.Duration, what string) (int64, error) {
	if d%time.Second != 0 {
		return 0, newError(StatusInvalidArgument, what+" must be a whole number of seconds")
	}
	return int64(d / time.Second), nil
}

// cStrings makes the C strings of one call and frees them together. The
// first string with a NUL byte, which C would silently cut, is recorded in
// err.
type cStrings struct {
	ptrs []*C.char
	err  error
}

// str returns s as a C string.
func (cs *cStrings) str(s, what string) *C.char {
	if strings.IndexByte(s, 0) >= 0 {
		if cs.err == nil {
			cs.err = newError(StatusInvalidArgument, what+" contains a NUL byte")
		}
		return nil
	}
	p := C.CString(s)
	cs.ptrs = append(cs.ptrs, p)
	return p
}

// optional returns s as a C string, or NULL for "" (the library's default).
func (cs *cStrings) optional(s, what string) *C.char {
	if s == "" {
		return nil
	}
	return cs.str(s, what)
}

func (cs *cStrings) free() {
	for _, p := range cs.ptrs {
		C.free(unsafe.Pointer(p))
	}
	cs.ptrs = nil
}
