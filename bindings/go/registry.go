package mailwarden

/*
#include <stdint.h>
#include <mailwarden.h>

extern void mwGoStateChange(mw_sender *sender, int from_state, int to_state, uintptr_t key);

// The mw_state_change_fn handed to the library: user_data carries the
// subscription's key (an integer), never a Go pointer.
static void mw_go_state_change(const mw_sender *sender, int from_state, int to_state, void *user_data) {
	mwGoStateChange((mw_sender *)sender, from_state, to_state, (uintptr_t)user_data);
}

static int mw_go_subscribe(int *id, mw_registry *registry, uintptr_t key, mw_error **err) {
	return mw_registry_subscribe(id, registry, mw_go_state_change, (void *)key, err);
}
*/
import "C"

import (
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// RegistryConfig says where a [Registry] keeps its senders, which transport
// verifies and sends, and how it behaves. StorePath is required, and exactly
// one of Outbox and SES (the library checks the rules between the fields);
// the zero value of every other field means the library default.
type RegistryConfig struct {
	// StorePath is the SQLite file (created and migrated as needed),
	// ":memory:" for a private in-memory store, or a PostgreSQL URL
	// ("postgresql://…", libpq's connection URI) shared by several instances.
	StorePath string
	// Outbox is the local transport's Maildir folder (created as needed).
	Outbox string
	// DKIMKeys (local transport only) is a folder of keys laid out as
	// <domain>/<selector>.pem, what `mwctl dkim keygen` writes: each sent
	// message is signed with the keys of its From domain or a parent of it.
	// A file that is not a key fails OpenRegistry with ErrInvalidArgument
	// naming it.
	DKIMKeys string
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
	// Tracker, when not nil, sets the lines of the bounce tracker that
	// gates the registry's sends ([Registry.Tracker]); nil keeps the
	// library's defaults.
	Tracker *TrackerPolicy
	// ContentPolicies, by account ("*": every account without its own),
	// check each send with [CheckContent] first and refuse it with
	// ErrPolicy where the policy says so. Verification mails are not
	// checked; an account under neither is not checked.
	ContentPolicies map[string]ContentPolicy
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
// A Registry may be used from any number of goroutines at once, also from
// inside its own callbacks. Close may be called at any time, from any
// goroutine or callback: calls already running on other goroutines finish
// (each returns its result, or an error matching [ErrInvalidArgument] when
// it reached the library after the registry was freed), and the library
// frees the registry after the last of them. Calls made after Close return
// an error matching ErrInvalidArgument ("registry is closed"). A finalizer
// frees a registry that becomes unreachable without Close, but a
// subscription whose function refers to the registry keeps it reachable, so
// close registries explicitly.
type Registry struct {
	st *registryState
}

// registryState is the part of a Registry that subscriptions reach; it does
// not refer to the Registry, so subscriptions leave it collectable.
type registryState struct {
	ptr unsafe.Pointer // the *C.mw_registry; nil once closed
	subscriptionIDs
}

// handle returns the live *C.mw_registry, or nil once closed.
func (st *registryState) handle() *C.mw_registry {
	return (*C.mw_registry)(atomic.LoadPointer(&st.ptr))
}

// OpenRegistry opens the store and the transport described by cfg.
// Errors match ErrInvalidArgument (no store path, neither or both of Outbox
// and SES, VerificationTemplate or ConfigurationSet without SES, a closed
// SES client, a bad option) or ErrIO (the store or the outbox cannot be
// used); the library checks the options and says which rule failed.
func OpenRegistry(cfg RegistryConfig) (*Registry, error) {
	var cs cStrings
	defer cs.free()
	store := cs.optional(cfg.StorePath, "store path")
	outbox := cs.optional(cfg.Outbox, "outbox")
	dkimKeys := cs.optional(cfg.DKIMKeys, "DKIM key folder")
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
	if store != nil {
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_registry_options_set_store_path(opts, store, e) })
	}
	if outbox != nil {
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_registry_options_set_outbox(opts, outbox, e) })
	}
	if dkimKeys != nil {
		settings = append(settings, func(e **C.mw_error) C.int { return C.mw_registry_options_set_dkim_keys(opts, dkimKeys, e) })
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
	if err := setContentPolicies(opts, cfg.ContentPolicies); err != nil {
		return nil, err
	}
	if cfg.Tracker != nil {
		topts, err := trackerOptions(*cfg.Tracker)
		if err != nil {
			return nil, err
		}
		defer C.mw_tracker_options_free(topts)
		if err := errorFromC(C.mw_registry_options_set_tracker_options(opts, topts, &cerr), cerr); err != nil {
			return nil, err
		}
	}
	switch {
	case cfg.SES != nil:
		// The options take their own reference to the client.
		err := cfg.SES.call(func(client *C.mw_ses_client) error {
			return errorFromC(C.mw_registry_options_set_ses_client(opts, client, template, configurationSet, &cerr), cerr)
		})
		if err != nil {
			return nil, err
		}
	case template != nil || configurationSet != nil:
		// SES settings without a client: the library refuses them.
		status := C.mw_registry_options_set_ses_client(opts, nil, template, configurationSet, &cerr)
		if err := errorFromC(status, cerr); err != nil {
			return nil, err
		}
	}
	var ptr *C.mw_registry
	if err := errorFromC(C.mw_registry_open(&ptr, opts, &cerr), cerr); err != nil {
		return nil, err
	}
	st := &registryState{ptr: unsafe.Pointer(ptr), subscriptionIDs: newSubscriptionIDs()}
	r := &Registry{st: st}
	runtime.SetFinalizer(r, func(r *Registry) { r.st.close() })
	return r, nil
}

// Close releases the registry: the background refresher stops, and the
// library frees the registry once calls still running on other goroutines
// have returned; it does not wait for them. Close may be called from inside
// one of the registry's callbacks (the call that delivered it finishes
// normally). After Close returns no callback of the registry starts, except
// deliveries already under way. Close is idempotent, safe from any
// goroutine, accepts a nil registry, and always returns nil.
func (r *Registry) Close() error {
	if r == nil {
		return nil
	}
	r.st.close()
	runtime.SetFinalizer(r, nil)
	return nil
}

// close frees the library's handle once and forgets the subscriptions: a
// delivery that still arrives (from a call that was running) finds none.
func (st *registryState) close() {
	p := (*C.mw_registry)(atomic.SwapPointer(&st.ptr, nil))
	if p == nil {
		return
	}
	C.mw_registry_free(p)
	st.closeAll(&subscriptions)
}

// call runs fn with the live handle. A Close racing with fn is safe: the
// library holds the registry for the duration of each call, and a call on a
// freed handle fails with MW_EINVAL ("registry is closed").
func (r *Registry) call(fn func(*C.mw_registry) error) error {
	if r == nil {
		return errClosed("registry")
	}
	p := r.st.handle()
	if p == nil {
		return errClosed("registry")
	}
	err := fn(p)
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
		n := int(C.mw_sender_list_count(list))
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
		if err := errorFromC(C.mw_registry_refresh(&ck, &ch, p, &cerr), cerr); err != nil {
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

// sendCall runs one of the send functions on m with its C arguments.
func (r *Registry) sendCall(m Message, fn func(p *C.mw_registry, from **C.char, to C.size_t, args [5]*C.char, e **C.mw_error) C.int) error {
	var cs cStrings
	defer cs.free()
	args := [5]*C.char{cs.str(m.From, "from"), cs.str(m.Subject, "subject"), cs.optional(m.Text, "text"),
		cs.optional(m.HTML, "html"), cs.optional(m.Account, "account")}
	// A Go slice holding C pointers only may be passed to C.
	to := make([]*C.char, len(m.To))
	for i, addr := range m.To {
		to[i] = cs.str(addr, "recipient")
	}
	if cs.err != nil {
		return cs.err
	}
	var toPtr **C.char
	if len(to) > 0 {
		toPtr = &to[0]
	}
	return r.call(func(p *C.mw_registry) error {
		var cerr *C.mw_error
		return errorFromC(fn(p, toPtr, C.size_t(len(to)), args, &cerr), cerr)
	})
}

// Send sends m from a verified sender and returns the message id.
// Suppressed recipients are left out ([Registry.SendReceipt] tells which).
// Errors match ErrNotVerified (the sender is not in state Success),
// ErrNotFound, ErrInvalidArgument (no recipient, no body, a line break in a
// header), ErrSuspended (the account's sending is suspended), ErrSuppressed
// (every recipient is suppressed) or ErrTransport.
func (r *Registry) Send(m Message) (string, error) {
	var id *C.char
	err := r.sendCall(m, func(p *C.mw_registry, to **C.char, n C.size_t, a [5]*C.char, e **C.mw_error) C.int {
		return C.mw_registry_send(&id, p, a[0], to, n, a[1], a[2], a[3], a[4], e)
	})
	if err != nil {
		return "", err
	}
	defer C.mw_string_free(id)
	return C.GoString(id), nil
}

// SendReceipt is what [Registry.SendReceipt] did: the message id, the
// recipients left out as suppressed, and RecordError (not "" when the mail
// went out but the tracker could not record the send).
type SendReceipt struct {
	MessageID   string
	Suppressed  []string
	RecordError string
}

// SendReceipt sends m as Send does and tells which recipients were left out.
func (r *Registry) SendReceipt(m Message) (SendReceipt, error) {
	var rc *C.mw_send_receipt
	err := r.sendCall(m, func(p *C.mw_registry, to **C.char, n C.size_t, a [5]*C.char, e **C.mw_error) C.int {
		return C.mw_registry_send_receipt(&rc, p, a[0], to, n, a[1], a[2], a[3], a[4], e)
	})
	if err != nil {
		return SendReceipt{}, err
	}
	defer C.mw_send_receipt_free(rc)
	out := SendReceipt{
		MessageID:   C.GoString(C.mw_send_receipt_message_id(rc)),
		Suppressed:  make([]string, int(C.mw_send_receipt_suppressed_count(rc))),
		RecordError: C.GoString(C.mw_send_receipt_record_error(rc)),
	}
	for i := range out.Suppressed {
		out.Suppressed[i] = C.GoString(C.mw_send_receipt_suppressed_get(rc, C.size_t(i)))
	}
	return out, nil
}

// Tracker returns the bounce tracker that gates the registry's sends (same
// store, the registry's default account) as a [Tracker] of its own: either
// may be closed first.
func (r *Registry) Tracker() (*Tracker, error) {
	var out *Tracker
	err := r.call(func(p *C.mw_registry) error {
		var t *C.mw_tracker
		var cerr *C.mw_error
		if err := errorFromC(C.mw_registry_tracker(&t, p, &cerr), cerr); err != nil {
			return err
		}
		out = newTracker(t)
		return nil
	})
	return out, err
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
// called at any time, from any goroutine, also from inside fn and after
// Close.
//
// fn runs on the thread that made the change: the goroutine calling Add,
// Get, List or Resend, or a library thread for Refresh, Confirm and the
// background refresher. Several calls of fn may run at once. fn may call
// any method of the registry, Close and StopRefresher included (inside a
// callback StopRefresher stops the refresher without waiting for its round;
// StartRefresher is refused there). Once cancel has
// returned, no call of fn starts; when the first cancel returns outside fn,
// no call of fn is running any more either (called inside fn, the running
// call finishes). A panic in fn is recovered so that it never unwinds into
// the library: it is written to the standard logger with its stack, and
// that call of fn ends there.
func (r *Registry) Subscribe(fn func(s Sender, from, to SenderState)) (cancel func(), err error) {
	if fn == nil {
		return nil, newError(StatusInvalidArgument, "the callback must not be nil")
	}
	if r == nil {
		return nil, errClosed("registry")
	}
	st := r.st
	return st.subscribe(&subscriptions, &subscription{fn: fn}, "registry", func(key uintptr) (C.int, error) {
		var id C.int
		err := r.call(func(p *C.mw_registry) error {
			var cerr *C.mw_error
			return errorFromC(C.mw_go_subscribe(&id, p, C.uintptr_t(key), &cerr), cerr)
		})
		return id, err
	}, func(id C.int) {
		if p := st.handle(); p != nil {
			// Outside a callback this returns once no delivery to id runs; inside
			// one, once none runs on other threads. On a registry freed
			// meanwhile it fails with MW_EINVAL, and there is nothing to undo.
			C.mw_registry_unsubscribe(p, id, nil)
		}
	})
}

// StartRefresher runs Refresh every interval (at least a millisecond) on a
// library thread until StopRefresher or Close, replacing a running
// refresher. Changes it finds reach the callbacks from that thread. Errors
// match ErrInvalidArgument (an interval under a millisecond, or a call from
// inside a callback, where replacing the refresher could wait for itself).
func (r *Registry) StartRefresher(interval time.Duration) error {
	return r.call(func(p *C.mw_registry) error {
		var cerr *C.mw_error
		return errorFromC(C.mw_registry_start_refresher(p, C.int64_t(interval.Milliseconds()), &cerr), cerr)
	})
}

// StopRefresher stops the background refresher, waiting for a refresh in
// progress; from inside a callback it stops it without waiting (the running
// round finishes). Stopping a registry without a refresher does nothing.
func (r *Registry) StopRefresher() error {
	return r.call(func(p *C.mw_registry) error {
		C.mw_registry_stop_refresher(p)
		return nil
	})
}
