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
import os
import weakref
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Callable, Mapping, Optional, Union

from ._callbacks import CallbackOwner, deliver
from .bounces import SendReceipt, TrackerPolicy, take_receipt, tracker_options
from .content import ContentPolicy, policy_settings
from ._handle import ObjectRef, open_with_options
from ._lib import (
    ErrorPtr,
    RegistryOptionsPtr,
    RegistryPtr,
    SendReceiptPtr,
    SenderListPtr,
    SenderPtr,
    StateChangeFn,
    lib,
)
from .errors import check_status
from .sender import Sender, SenderState, _state, copy_sender
from .ses import SesClient
from ._strings import cstr, optional_cstr, take_string
from ._values import epoch_seconds as _epoch_seconds, whole_seconds as _whole_seconds

Seconds = Union[int, float, timedelta]
StateChangeCallback = Callable[[Sender, Optional[SenderState], SenderState], None]

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


def _deliver(sender_ptr, from_state, to_state, token) -> None:
    deliver(token, lambda callback: callback(copy_sender(sender_ptr),
                                             None if from_state < 0 else _state(from_state),
                                             _state(to_state)))


_DELIVER = StateChangeFn(_deliver)


def _take_sender(out) -> Sender:
    try:
        return copy_sender(out)
    finally:
        lib().mw_sender_free(out)


class Registry(CallbackOwner, ObjectRef):
    """Sender channels (mw_registry): add, verify, list and send from senders.

    ``store_path`` is the SQLite file (created and migrated as needed),
    ``":memory:"``, or a PostgreSQL URL (``"postgresql://…"``, libpq's
    connection URI) that several instances share. The transport is either the local one, ``outbox`` being
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
    warning), ``allow_special_use`` (accept .test, example.com ... senders),
    ``dkim_keys`` (a folder ``<domain>/<selector>.pem`` whose keys the local
    transport signs sent mail with, each message with its From domain's
    keys; InvalidArgumentError naming a file that is not a key, or with
    ``ses``), ``content_policies`` (account -> :class:`ContentPolicy`, "*"
for every account without its own: each send of the account is checked by
:func:`check_content` first and refused with PolicyError where the policy
says so; verification mails are not checked) and ``manual_clock`` (a timezone-aware datetime or epoch seconds: the
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
                 manual_clock: Union[datetime, int, float, None] = None,
                 dkim_keys: Union[str, os.PathLike, None] = None,
                 tracker_policy: Optional[TrackerPolicy] = None,
                 content_policies: Optional[Mapping[str, ContentPolicy]] = None):
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
        if dkim_keys is not None:
            settings.append(("mw_registry_options_set_dkim_keys", cstr(dkim_keys, "dkim_keys")))
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

        with tracker_options(tracker_policy) as topts, policy_settings(content_policies) as policies:
            if topts is not None:
                settings.append(("mw_registry_options_set_tracker_options", topts))
            settings += policies
            super().__init__(open_with_options("mw_registry_options", "mw_registry_open", RegistryOptionsPtr,
                                               RegistryPtr, settings))
        #: True when the registry runs on the manual clock (advance_clock works).
        self.uses_manual_clock = manual_clock is not None
        self._init_callbacks()
        _open.add(self)

    # --- calls ------------------------------------------------------------------

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

    def _send(self, fn, out, from_, to, subject, text, html, account) -> None:
        if isinstance(to, (str, bytes)):
            to = [to]
        recipients = [cstr(a, f"to[{i}]") for i, a in enumerate(to)]
        array = (ctypes.c_char_p * max(1, len(recipients)))(*recipients)
        self._call_out(fn, out, cstr(from_, "from_"), array,
                       len(recipients), cstr(subject, "subject"),
                       optional_cstr(text, "text"), optional_cstr(html, "html"),
                       optional_cstr(account, "account"))

    def send(self, from_: str, to: Union[str, Iterable[str]], subject: str,
             text: Optional[str] = None, html: Optional[str] = None,
             account: Optional[str] = None) -> str:
        """Send from a verified sender; returns the message id.

        ``to`` is one address or an iterable of them; give ``text``, ``html``
        or both. Suppressed recipients are left out (:meth:`send_receipt`
        tells which). Raises NotVerifiedError unless the sender is SUCCESS,
        NotFoundError, InvalidArgumentError, SuspendedError (the account's
        sending is suspended), SuppressedError (every recipient is
        suppressed), TransportError (over SES, the error's
        ``outcome_unknown`` tells a send that may have gone out).
        """
        out = ctypes.c_void_p()
        self._send(lib().mw_registry_send, out, from_, to, subject, text, html, account)
        return take_string(out)

    def send_receipt(self, from_: str, to: Union[str, Iterable[str]], subject: str,
                     text: Optional[str] = None, html: Optional[str] = None,
                     account: Optional[str] = None) -> SendReceipt:
        """As :meth:`send`, returning a SendReceipt: the message id and the
        recipients left out because they are suppressed."""
        out = SendReceiptPtr()
        self._send(lib().mw_registry_send_receipt, out, from_, to, subject, text, html, account)
        return take_receipt(out)

    def lists(self, **options):
        """The mailing lists on this registry's store: ``Lists(self, **options)``
        (see :class:`~mailwarden.Lists` for the options)."""
        from .lists import Lists

        return Lists(self, **options)

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
        cdll = lib()
        return self._subscribe(cdll.mw_registry_subscribe, cdll.mw_registry_unsubscribe, _DELIVER, callback)

    def unsubscribe(self, token: int) -> None:
        """Stop calling the callback of ``token``; also from inside a callback.

        A delivery already running finishes; none starts after. Unknown
        tokens, and tokens of a closed registry, are ignored.
        """
        self._unsubscribe(lib().mw_registry_unsubscribe, token)

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

    # --- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Stop the refresher and release the registry; safe to call more than
        once, from any thread, also from inside a callback.

        Calls running on other threads finish (the library closes the registry
        when the last returns); no callback starts after. Raises CallbackError
        after closing when callbacks raised since the last call.
        """
        self._close_with_callbacks()

    def _closed(self) -> None:
        _open.discard(self)

    def _dispose(self, ptr) -> None:
        lib().mw_registry_free(ptr)
