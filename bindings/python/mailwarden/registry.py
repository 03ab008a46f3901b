"""Registry: sender channels over a store and a transport (mw_registry).

Threads
-------
The C registry is thread-safe, and so is this class: any method may be called
from any thread, and ctypes releases the GIL during each C call. The library
owns the registry's lifetime: ``close()`` releases the binding's reference at
once, calls already running on other threads finish, and calls made after it
raise :class:`~mailwarden.errors.ClosedHandleError` (or, when they had
already passed the binding, InvalidArgumentError saying the registry is
closed).

Callbacks
---------
A callback runs on the thread that made the change: the caller of ``add``,
``get``, ``list`` or ``resend``, a worker thread of the library for
``refresh`` and ``confirm`` (the transport is polled in parallel), or the
background refresher's thread. It may call any method of the registry,
``unsubscribe()``, ``stop_refresher()`` and ``close()`` included.
``unsubscribe()`` stops deliveries to that callback: a delivery already
running finishes, none starts after. After ``close()`` no callback of the
registry starts.

An exception raised by a callback never reaches the C library. It is kept, and
the next method called on the registry (on any thread) raises
:class:`~mailwarden.errors.CallbackError` carrying every kept exception
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
from .errors import CallbackError, check_status, invalid_argument
from .sender import Sender, SenderState, _state, copy_sender
from .ses import SesClient
from ._strings import cstr, optional_cstr, take_string

Seconds = Union[int, float, timedelta]
StateChangeCallback = Callable[[Sender, Optional[SenderState], SenderState], None]

# Kept exceptions beyond this many are counted in the CallbackError message only.
_MAX_KEPT_ERRORS = 100

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


# Every subscription goes through one C function pointer, alive as long as
# the module; the library's user_data is the subscription's token, a key into
# _deliveries, which names its registry (weakly; the registry holds the
# callback). A delivery whose token is gone (unsubscribed, registry closed or
# collected) does nothing, so no ctypes object is ever freed while the
# library might still call it.
_tokens = itertools.count(1)
_deliveries: dict[int, "weakref.ref[Registry]"] = {}


def _deliver(sender_ptr, from_state, to_state, token) -> None:
    try:
        ref = _deliveries.get(token)
        registry = ref() if ref is not None else None
        if registry is None:
            return
        callback = registry._callbacks.get(token)
        if callback is None:
            return
        try:
            sender = copy_sender(sender_ptr)
            callback(sender, None if from_state < 0 else _state(from_state), _state(to_state))
        except BaseException as exc:  # noqa: B902 - nothing may propagate into C
            registry._keep_error(exc)
    except BaseException:  # noqa: B902 - not even from the bookkeeping above
        pass


_DELIVER = StateChangeFn(_deliver)


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
            raise invalid_argument(f"{where} must be a whole number of seconds")
        seconds = int(seconds)
    return seconds


def _epoch_seconds(value: object, where: str) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise invalid_argument(f"{where} must be timezone-aware")
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
    exactly one of ``outbox`` and ``ses``; the library refuses neither, both,
    and the SES settings without ``ses`` (InvalidArgumentError). Over SES,
    :meth:`confirm` and :meth:`last_link` raise InvalidArgumentError: the
    links are SES's. The other keywords are optional: ``link_lifetime``
    (seconds or timedelta, default 24 h), ``default_account`` (used when a
    call passes ``account=None``; default ``"default"``), ``reject_noreply``
    / ``reject_role`` (refuse such senders with PolicyError instead of a
    warning), ``allow_special_use`` (accept .test, example.com ... senders)
    and ``manual_clock`` (a timezone-aware datetime or epoch seconds: the
    registry then uses a clock that moves only with :meth:`advance_clock`).

    A Registry is thread-safe; see the module documentation for callbacks.
    Close it (or use ``with``) to stop the refresher and release the library
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
        if ses is not None and not isinstance(ses, SesClient):
            raise TypeError(f"ses must be a SesClient, not {type(ses).__name__}")
        settings = [
            ("mw_registry_options_set_store_path", cstr(store_path, "store_path")),
            ("mw_registry_options_set_reject_noreply", 1 if reject_noreply else 0),
            ("mw_registry_options_set_reject_role", 1 if reject_role else 0),
            ("mw_registry_options_set_allow_special_use", 1 if allow_special_use else 0),
        ]
        if outbox is not None:
            settings.append(("mw_registry_options_set_outbox", cstr(outbox, "outbox")))
        if ses is not None or verification_template is not None or configuration_set is not None:
            # Without ses the library refuses the SES settings (NULL client).
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
        self._ref = weakref.ref(self)
        self._lock = threading.Lock()          # guards the dicts and lists below
        self._callbacks: dict[int, StateChangeCallback] = {}  # token -> callback
        self._subscriptions: dict[int, int] = {}              # token -> C subscription id
        self._callback_errors: list[BaseException] = []
        self._dropped_errors = 0
        _open.add(self)

    # --- calls ------------------------------------------------------------------

    def _live(self):
        """The live pointer, after raising the kept callback errors."""
        ptr = self._handle
        if self._callback_errors:
            with self._lock:
                errors = self._take_errors()
            if errors is not None:
                raise errors
        return ptr

    def _call(self, fn, *args) -> None:
        """fn(ptr, *args, &err); raises on failure."""
        ptr = self._live()
        err = ErrorPtr()
        check_status(fn(ptr, *args, ctypes.byref(err)), err)

    def _call_out(self, fn, *outputs_and_args, outputs: int = 1) -> None:
        """fn(*outputs, ptr, *args, &err): the outputs come before the handle."""
        ptr = self._live()
        err = ErrorPtr()
        outs, args = outputs_and_args[:outputs], outputs_and_args[outputs:]
        check_status(fn(*(ctypes.byref(o) for o in outs), ptr, *args, ctypes.byref(err)), err)

    def _take_errors(self) -> Optional[CallbackError]:
        """The kept callback errors as one CallbackError (call with self._lock held)."""
        if not self._callback_errors:
            return None
        errors, self._callback_errors = self._callback_errors, []
        dropped, self._dropped_errors = self._dropped_errors, 0
        exc = CallbackError(errors)
        if dropped:
            exc.args = (f"{exc.args[0]} ({dropped} more not kept)",)
        exc.__cause__ = errors[0]
        return exc

    def _keep_error(self, exc: BaseException) -> None:
        with self._lock:
            if len(self._callback_errors) < _MAX_KEPT_ERRORS:
                self._callback_errors.append(exc)
            else:
                self._dropped_errors += 1

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
                    for i in range(cdll.mw_sender_list_count(out))]
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
        self._call_out(lib().mw_registry_refresh, checked, changed, outputs=2)
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
        NotFoundError, InvalidArgumentError, TransportError (over SES, the
        error's ``outcome_unknown`` tells a send that may have gone out).
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
        ptr = self._live()
        token = next(_tokens)
        # Registered before the C call: a change may be delivered before it returns.
        with self._lock:
            self._callbacks[token] = callback
        _deliveries[token] = self._ref
        cid = ctypes.c_int()
        err = ErrorPtr()
        try:
            check_status(lib().mw_registry_subscribe(ctypes.byref(cid), ptr, _DELIVER, token,
                                                     ctypes.byref(err)), err)
        except BaseException:
            self._forget(token)
            raise
        with self._lock:
            live = token in self._callbacks  # not closed or unsubscribed meanwhile
            if live:
                self._subscriptions[token] = cid.value
        if not live and self._ptr is not None:
            lib().mw_registry_unsubscribe(ptr, cid.value, None)
        return token

    def _forget(self, token: int) -> Optional[int]:
        """Stops deliveries to token in the binding; returns its C id, if any."""
        _deliveries.pop(token, None)
        with self._lock:
            self._callbacks.pop(token, None)
            return self._subscriptions.pop(token, None)

    def unsubscribe(self, token: int) -> None:
        """Stop calling the callback of ``token``; also from inside a callback.

        A delivery already running finishes; none starts after. Unknown
        tokens, and tokens of a closed registry, are ignored.
        """
        cid = self._forget(token)
        ptr = self._ptr
        if cid is None or ptr is None:
            return
        # Its only failures are a registry closed meanwhile and an unknown id:
        # both leave nothing to undo.
        lib().mw_registry_unsubscribe(ptr, cid, None)

    def start_refresher(self, interval: Union[int, float, timedelta]) -> None:
        """Run refresh() every ``interval`` (seconds or timedelta) on a library thread.

        Replaces a running refresher; InvalidArgumentError from inside a
        callback.
        """
        if isinstance(interval, timedelta):
            interval = interval.total_seconds()
        if isinstance(interval, bool) or not isinstance(interval, (int, float)):
            raise TypeError(f"interval must be seconds or a timedelta, not {type(interval).__name__}")
        self._call(lib().mw_registry_start_refresher, int(round(interval * 1000)))

    def stop_refresher(self) -> None:
        """Stop the refresher, waiting for a refresh in progress (from inside
        one of the refresher's callbacks: without waiting)."""
        lib().mw_registry_stop_refresher(self._live())

    @property
    def pending_callback_errors(self) -> int:
        """How many callback exceptions are kept for the next call to raise."""
        with self._lock:
            return len(self._callback_errors) + self._dropped_errors

    # --- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Stop the refresher and release the registry; safe to call more than
        once, from any thread, also from inside a callback.

        Calls running on other threads finish (the library closes the registry
        when the last returns); no callback starts after. Raises CallbackError
        after closing when callbacks raised since the last call.
        """
        with self._close_lock:
            ptr, self._ptr = self._ptr, None
        if ptr is None:
            return
        with self._lock:
            tokens = list(self._callbacks)
            self._callbacks.clear()
            self._subscriptions.clear()
        for token in tokens:
            _deliveries.pop(token, None)
        self._dispose(ptr)
        _open.discard(self)
        with self._lock:
            errors = self._take_errors()
        if errors is not None:
            raise errors

    def _dispose(self, ptr) -> None:
        lib().mw_registry_free(ptr)
