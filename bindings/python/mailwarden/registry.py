"""Registry: sender channels over a store and a transport (mw_registry).

Threads
-------
The C registry is thread-safe, and so is this class: any method may be called
from any thread, and ctypes releases the GIL during each C call. ``close()``
waits for calls already running on other threads, then frees; calls started
after it raise :class:`~mailwarden.errors.ClosedHandleError`.

Callbacks
---------
A callback runs on the thread that made the change: the caller of ``add``,
``get``, ``list`` or ``resend``, a worker thread of the library for
``refresh`` and ``confirm`` (the transport is polled in parallel), or the
background refresher's thread. It may call the registry's methods, except
``close()``, ``start_refresher()`` and ``stop_refresher()``, which raise
:class:`~mailwarden.errors.InvalidArgumentError` there (the library would wait
for the very callback that asks). ``unsubscribe()`` inside a callback stops
deliveries to that callback at once; the library-level unsubscription is made
by the next call from outside a callback, or by ``close()``.

An exception raised by a callback never reaches the C library. It is kept, and
the next method called on the registry from outside a callback (on any thread)
raises :class:`~mailwarden.errors.CallbackError` carrying every kept exception
instead of doing its work; ``close()`` closes first and then raises it.
"""

from __future__ import annotations

import atexit
import ctypes
import itertools
import os
import threading
import weakref
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Callable, Optional, Union

from ._handle import ObjectRef, open_with_options
from ._lib import (
    ErrorPtr,
    RegistryOptionsPtr,
    RegistryPtr,
    SenderListPtr,
    SenderPtr,
    StateChangeFn,
    lib,
)
from .errors import EINVAL, CallbackError, ClosedHandleError, InvalidArgumentError, check_status
from .sender import Sender, SenderState, _state, copy_sender
from .ses import SesClient
from ._strings import cstr, optional_cstr, take_string

Seconds = Union[int, float, timedelta]
StateChangeCallback = Callable[[Sender, Optional[SenderState], SenderState], None]

# Kept exceptions beyond this many are counted in the CallbackError message only.
_MAX_KEPT_ERRORS = 100

# Per thread: the registries whose callback is running on this thread.
_tls = threading.local()

# Open registries, closed at interpreter exit so that no library thread calls
# into Python while the interpreter shuts down.
_open: "weakref.WeakSet[Registry]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for registry in list(_open):
        try:
            registry.close()
        except Exception:
            pass


def _in_callbacks() -> list:
    stack = getattr(_tls, "registries", None)
    if stack is None:
        stack = _tls.registries = []
    return stack


def _whole_seconds(value: object, where: str) -> int:
    """int, integral float or timedelta of whole seconds -> int seconds."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    else:
        raise TypeError(f"{where} must be seconds (int) or a timedelta, "
                        f"not {type(value).__name__}")
    if isinstance(seconds, float):
        if not seconds.is_integer():
            raise InvalidArgumentError(EINVAL, f"{where} must be a whole number of seconds")
        seconds = int(seconds)
    return seconds


def _epoch_seconds(value: object, where: str) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidArgumentError(EINVAL, f"{where} must be timezone-aware")
        value = value.timestamp()
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{where} must be a datetime or epoch seconds, not {type(value).__name__}")
    return _whole_seconds(value, where)


def _take_sender(out) -> Sender:
    try:
        return copy_sender(out)
    finally:
        lib().mw_sender_free(out)


class Registry(ObjectRef):
    """Sender channels (mw_registry): add, verify, list and send from senders.

    ``store_path`` is the SQLite file (created and migrated as needed) or
    ``":memory:"``. The transport is either the local one, ``outbox`` being
    its Maildir folder, or Amazon SES through ``ses`` (a :class:`SesClient`;
    the registry holds its own reference, so the client may be closed after;
    ``verification_template`` names a custom verification email template to
    send instead of AWS's mail, ``configuration_set`` is used for sends) —
    exactly one of ``outbox`` and ``ses``. Over SES, :meth:`confirm` and
    :meth:`last_link` raise InvalidArgumentError: the links are SES's. The
    other keywords are optional: ``link_lifetime`` (seconds or timedelta,
    default 24 h), ``default_account`` (used when a call passes
    ``account=None``; default ``"default"``), ``reject_noreply`` /
    ``reject_role`` (refuse such senders with PolicyError instead of a
    warning), ``allow_special_use`` (accept .test, example.com ... senders)
    and ``manual_clock`` (a timezone-aware datetime or epoch seconds: the
    registry then uses a clock that moves only with :meth:`advance_clock`).

    A Registry is thread-safe; see the module documentation for callbacks.
    Close it (or use ``with``) to stop the refresher and free the library
    object; open registries are closed at interpreter exit.
    """

    _kind = "Registry"

    def __init__(self, *, store_path: Union[str, os.PathLike],
                 outbox: Union[str, os.PathLike, None] = None,
                 ses: Optional[SesClient] = None,
                 verification_template: Optional[str] = None,
                 configuration_set: Optional[str] = None,
                 link_lifetime: Optional[Seconds] = None,
                 default_account: Optional[str] = None,
                 reject_noreply: bool = False,
                 reject_role: bool = False,
                 allow_special_use: bool = False,
                 manual_clock: Union[datetime, int, float, None] = None):
        if (outbox is None) == (ses is None):
            raise InvalidArgumentError(EINVAL, "give exactly one of outbox (local transport) and ses")
        if ses is None and (verification_template is not None or configuration_set is not None):
            raise InvalidArgumentError(
                EINVAL, "verification_template and configuration_set need the SES transport (ses=)")
        settings = [
            ("mw_registry_options_set_store_path", cstr(store_path, "store_path")),
            ("mw_registry_options_set_reject_noreply", 1 if reject_noreply else 0),
            ("mw_registry_options_set_reject_role", 1 if reject_role else 0),
            ("mw_registry_options_set_allow_special_use", 1 if allow_special_use else 0),
        ]
        if outbox is not None:
            settings.append(("mw_registry_options_set_outbox", cstr(outbox, "outbox")))
        else:
            if not isinstance(ses, SesClient):
                raise TypeError(f"ses must be a SesClient, not {type(ses).__name__}")
            settings.append(("mw_registry_options_set_ses_client", ses,
                             optional_cstr(verification_template, "verification_template"),
                             optional_cstr(configuration_set, "configuration_set")))
        if link_lifetime is not None:
            settings.append(("mw_registry_options_set_link_lifetime",
                             _whole_seconds(link_lifetime, "link_lifetime")))
        if default_account is not None:
            settings.append(("mw_registry_options_set_default_account",
                             cstr(default_account, "default_account")))
        if manual_clock is not None:
            settings.append(("mw_registry_options_set_manual_clock",
                             _epoch_seconds(manual_clock, "manual_clock")))

        super().__init__(open_with_options("mw_registry_options", "mw_registry_open", RegistryOptionsPtr,
                                           RegistryPtr, settings))
        #: True when the registry runs on the manual clock (advance_clock works).
        self.uses_manual_clock = manual_clock is not None
        self._cond = threading.Condition(threading.Lock())
        self._active = 0                      # calls running in C
        self._token_counter = itertools.count(1)
        self._tokens: dict[int, int] = {}     # token -> C subscription id
        self._delivering: set[int] = set()    # tokens whose callback still runs
        self._thunks: list = []               # every CFUNCTYPE object, kept until close
        self._deferred: list[int] = []        # C ids to unsubscribe outside callbacks
        self._callback_errors: list[BaseException] = []
        self._dropped_errors = 0
        _open.add(self)

    # --- entering and leaving C calls ----------------------------------------

    def _in_own_callback(self) -> bool:
        return any(r is self for r in _in_callbacks())

    def _refuse_in_callback(self, what: str) -> None:
        if self._in_own_callback():
            raise InvalidArgumentError(
                EINVAL, f"{what} cannot be called from this registry's state-change callback")

    def _enter(self, check_errors: bool = True):
        """Count a call as running and return the live pointer.

        Outside callbacks this first raises kept callback errors (unless
        ``check_errors`` is false) and makes deferred unsubscriptions.
        """
        in_callback = self._in_own_callback()
        with self._cond:
            ptr = self._ptr
            if ptr is None:
                raise ClosedHandleError(self._kind)
            if check_errors and not in_callback and self._callback_errors:
                raise self._collect_errors()
            deferred = []
            if not in_callback:
                deferred, self._deferred = self._deferred, []
            self._active += 1
        cdll = lib()
        for cid in deferred:
            cdll.mw_registry_unsubscribe(ptr, cid, None)
        return ptr

    def _leave(self) -> None:
        with self._cond:
            self._active -= 1
            if self._active == 0:
                self._cond.notify_all()

    def _call(self, fn, *args, check_errors: bool = True):
        """fn(ptr, *args, &err) with the registry held open; raises on failure."""
        ptr = self._enter(check_errors)
        try:
            err = ErrorPtr()
            status = fn(ptr, *args, ctypes.byref(err))
            check_status(status, err)
        finally:
            self._leave()

    def _collect_errors(self) -> CallbackError:
        """Take the kept callback errors (call with self._cond held)."""
        errors, self._callback_errors = self._callback_errors, []
        dropped, self._dropped_errors = self._dropped_errors, 0
        exc = CallbackError(errors)
        if dropped:
            exc.args = (f"{exc.args[0]} ({dropped} more not kept)",)
        exc.__cause__ = errors[0]
        return exc

    # --- senders ------------------------------------------------------------

    def add(self, address: str, alias: str = "", account: Optional[str] = None) -> Sender:
        """Add a sender (PENDING) and send its verification mail.

        Raises InvalidArgumentError (bad address, CR/LF or control character
        in the alias), AlreadyExistsError, PolicyError (reject_noreply /
        reject_role), TransportError, StorageError.
        """
        out = SenderPtr()
        self._call_out(lib().mw_registry_add, out, cstr(address, "address"),
                       cstr(alias, "alias"), optional_cstr(account, "account"))
        return _take_sender(out)

    def _call_out(self, fn, out, *args) -> None:
        """fn(&out, ptr, *args, &err): the output comes before the handle."""
        ptr = self._enter()
        try:
            err = ErrorPtr()
            status = fn(ctypes.byref(out), ptr, *args, ctypes.byref(err))
            check_status(status, err)
        finally:
            self._leave()

    def get(self, address: str, account: Optional[str] = None) -> Sender:
        """The sender's current snapshot (expiry applied). NotFoundError if absent."""
        out = SenderPtr()
        self._call_out(lib().mw_registry_get, out, cstr(address, "address"),
                       optional_cstr(account, "account"))
        return _take_sender(out)

    def list(self, state: Optional[SenderState] = None,
             account: Optional[str] = None) -> list[Sender]:
        """Senders of the account in creation order; only ``state`` if given."""
        if state is None:
            code = -1
        elif isinstance(state, int) and not isinstance(state, bool):
            code = int(state)
        else:
            raise TypeError(f"state must be a SenderState or None, not {type(state).__name__}")
        out = SenderListPtr()
        self._call_out(lib().mw_registry_list, out, code, optional_cstr(account, "account"))
        cdll = lib()
        try:
            return [copy_sender(cdll.mw_sender_list_get(out, i))
                    for i in range(cdll.mw_sender_list_size(out))]
        finally:
            cdll.mw_sender_list_free(out)

    def resend(self, address: str, account: Optional[str] = None) -> Sender:
        """A new verification mail and a new window; the sender is PENDING again.

        Raises NotFoundError, InvalidArgumentError (already verified),
        TransportError.
        """
        out = SenderPtr()
        self._call_out(lib().mw_registry_resend, out, cstr(address, "address"),
                       optional_cstr(account, "account"))
        return _take_sender(out)

    def remove(self, address: str, delete_identity: bool = False,
               account: Optional[str] = None) -> None:
        """Remove a sender; ``delete_identity`` also removes it at the transport."""
        self._call(lib().mw_registry_remove, cstr(address, "address"),
                   1 if delete_identity else 0, optional_cstr(account, "account"))

    def refresh(self) -> tuple[int, int]:
        """Poll the transport and apply expiry now: returns (checked, changed).

        Transport errors for single senders are counted, not raised.
        """
        checked = ctypes.c_int()
        changed = ctypes.c_int()
        self._call(lib().mw_registry_refresh, ctypes.byref(checked), ctypes.byref(changed))
        return checked.value, changed.value

    # --- local transport ------------------------------------------------------

    def confirm(self, link: str) -> str:
        """Local transport: "click" a verification link; returns the confirmation text.

        Raises InvalidArgumentError (not a link of this outbox), ExpiredError,
        NotFoundError.
        """
        out = ctypes.c_void_p()
        self._call_out(lib().mw_registry_confirm, out, cstr(link, "link"))
        return take_string(out)

    def last_link(self, address: str) -> str:
        """Local transport: the latest verification link sent to ``address``
        (InvalidArgumentError over SES)."""
        out = ctypes.c_void_p()
        self._call_out(lib().mw_registry_last_link, out, cstr(address, "address"))
        return take_string(out)

    def send(self, from_: str, to: Union[str, Iterable[str]], subject: str,
             text: Optional[str] = None, html: Optional[str] = None,
             account: Optional[str] = None) -> str:
        """Send from a verified sender; returns the message id.

        ``to`` is one address or an iterable of them; give ``text``, ``html``
        or both. Raises NotVerifiedError unless the sender is SUCCESS,
        NotFoundError, InvalidArgumentError, TransportError.
        """
        if isinstance(to, (str, bytes)):
            to = [to]
        recipients = [cstr(a, f"to[{i}]") for i, a in enumerate(to)]
        array = (ctypes.c_char_p * max(1, len(recipients)))(*recipients)
        out = ctypes.c_void_p()
        self._call_out(lib().mw_registry_send, out, cstr(from_, "from_"), array,
                       len(recipients), cstr(subject, "subject"),
                       optional_cstr(text, "text"), optional_cstr(html, "html"),
                       optional_cstr(account, "account"))
        return take_string(out)

    def advance_clock(self, seconds: Seconds) -> None:
        """Move the manual clock forward (InvalidArgumentError with the system clock)."""
        self._call(lib().mw_registry_advance_clock, _whole_seconds(seconds, "seconds"))

    # --- callbacks and the refresher --------------------------------------------

    def subscribe(self, callback: StateChangeCallback) -> int:
        """Call ``callback(sender, from_state, to_state)`` on every state change.

        ``from_state`` is None when the sender was just created. Returns a
        token for :meth:`unsubscribe`. See the module documentation for the
        thread a callback runs on and what happens to its exceptions.
        """
        if not callable(callback):
            raise TypeError("callback must be callable")
        token = next(self._token_counter)
        thunk = StateChangeFn(_trampoline(weakref.ref(self), token, callback))
        cid = ctypes.c_int()
        ptr = self._enter()
        try:
            # Listed before the C call: a change may be delivered before it returns.
            with self._cond:
                self._delivering.add(token)
                self._thunks.append(thunk)
            err = ErrorPtr()
            status = lib().mw_registry_subscribe(ctypes.byref(cid), ptr, thunk, None,
                                                 ctypes.byref(err))
            if status != 0:
                with self._cond:
                    self._delivering.discard(token)
            check_status(status, err)
            with self._cond:
                self._tokens[token] = cid.value
        finally:
            self._leave()
        return token

    def unsubscribe(self, token: int) -> None:
        """Stop calling the callback of ``token``. Unknown tokens are ignored.

        Its C callback object is kept until close(): the library may already
        have picked it for a change being delivered on another thread.
        """
        with self._cond:
            self._delivering.discard(token)
            cid = self._tokens.pop(token, None)
            if cid is None or self._ptr is None:
                return
            if self._in_own_callback():
                self._deferred.append(cid)
                return
        self._call(lib().mw_registry_unsubscribe, cid, check_errors=False)

    def start_refresher(self, interval: Union[int, float, timedelta]) -> None:
        """Run refresh() every ``interval`` (seconds or timedelta) on a library thread.

        Replaces a running refresher. Not from inside a callback.
        """
        self._refuse_in_callback("start_refresher()")
        if isinstance(interval, timedelta):
            interval = interval.total_seconds()
        if isinstance(interval, bool) or not isinstance(interval, (int, float)):
            raise TypeError(f"interval must be seconds or a timedelta, not {type(interval).__name__}")
        self._call(lib().mw_registry_start_refresher, int(round(interval * 1000)))

    def stop_refresher(self) -> None:
        """Stop the refresher, waiting for a refresh in progress. Not from a callback."""
        self._refuse_in_callback("stop_refresher()")
        ptr = self._enter()
        try:
            lib().mw_registry_stop_refresher(ptr)
        finally:
            self._leave()

    @property
    def pending_callback_errors(self) -> int:
        """How many callback exceptions are kept for the next call to raise."""
        with self._cond:
            return len(self._callback_errors) + self._dropped_errors

    def _keep_error(self, exc: BaseException) -> None:
        with self._cond:
            if len(self._callback_errors) < _MAX_KEPT_ERRORS:
                self._callback_errors.append(exc)
            else:
                self._dropped_errors += 1

    # --- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Stop the refresher and free the registry; safe to call more than once.

        Waits for calls running on other threads. Raises CallbackError after
        closing when callbacks raised since the last call. Not from a callback.
        """
        self._refuse_in_callback("close()")
        with self._cond:
            ptr, self._ptr = self._ptr, None
            if ptr is None:
                return
            while self._active:
                self._cond.wait()
        # Outside the lock: freeing joins the refresher, whose callbacks take it.
        self._dispose(ptr)
        _open.discard(self)
        with self._cond:
            self._thunks.clear()  # no callback can run any more
            self._tokens.clear()
            self._delivering.clear()
            self._deferred.clear()
            errors = self._collect_errors() if self._callback_errors else None
        if errors is not None:
            raise errors

    def _dispose(self, ptr) -> None:
        lib().mw_registry_free(ptr)

    def __del__(self):
        # Leak backstop only. The last reference may go on any thread, even a
        # library thread running a callback, where freeing would wait for that
        # very thread: so free on a thread of its own, keeping the C callback
        # objects alive until the library has stopped.
        try:
            cond = self.__dict__.get("_cond")
            if cond is None:
                return
            with cond:
                ptr, self._ptr = self._ptr, None
                thunks = self._thunks
            if ptr is not None:
                threading.Thread(target=_free_registry, args=(ptr, thunks),
                                 name="mailwarden-registry-free").start()
        except Exception:
            pass


def _free_registry(ptr, thunks) -> None:
    lib().mw_registry_free(ptr)
    thunks.clear()


def _trampoline(registry_ref, token: int, callback: StateChangeCallback):
    """The C-callable body of one subscription; never lets an exception out."""

    def on_change(sender_ptr, from_state, to_state, _user_data):
        registry = registry_ref()
        if registry is None or token not in registry._delivering:
            return
        stack = _in_callbacks()
        stack.append(registry)
        try:
            sender = copy_sender(sender_ptr)
            callback(sender, None if from_state < 0 else _state(from_state), _state(to_state))
        except BaseException as exc:  # noqa: B902 - nothing may propagate into C
            registry._keep_error(exc)
        finally:
            stack.pop()

    return on_change
