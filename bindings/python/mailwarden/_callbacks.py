"""Callbacks from the library into Python, for every handle that has them.

Each subscription goes through one C function pointer per callback type,
alive as long as its module; the library's user_data is the subscription's
token, a key into ``_deliveries``, which names its owner (weakly; the owner
holds the callback). A delivery whose token is gone (unsubscribed, owner
closed or collected) does nothing, so no ctypes object is ever freed while
the library might still call it.

An exception raised by a callback never reaches the C library. It is kept,
and the next method called on the owner (on any thread) raises
:class:`~mailwarden.errors.CallbackError` carrying every kept exception
instead of doing its work; ``close()`` closes first and then raises it.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
import weakref
from typing import Callable, Optional

from ._lib import ErrorPtr
from .errors import CallbackError, check_status

# Kept exceptions beyond this many are counted in the CallbackError message only.
_MAX_KEPT_ERRORS = 100

_tokens = itertools.count(1)
_deliveries: dict[int, "weakref.ref[CallbackOwner]"] = {}


def deliver(token: int, call: Callable[[Callable], None]) -> None:
    """Runs ``call(callback)`` for the subscription of ``token``; nothing
    it raises propagates (the owner keeps it)."""
    try:
        ref = _deliveries.get(token)
        owner = ref() if ref is not None else None
        if owner is None:
            return
        callback = owner._callbacks.get(token)
        if callback is None:
            return
        try:
            call(callback)
        except BaseException as exc:  # noqa: B902 - nothing may propagate into C
            owner._keep_error(exc)
    except BaseException:  # noqa: B902 - not even from the bookkeeping above
        pass


class CallbackOwner:
    """The callback half of a handle class (an ObjectRef) whose C object
    takes callbacks: subscriptions by token, kept errors, close."""

    def _init_callbacks(self) -> None:
        self._ref = weakref.ref(self)
        self._lock = threading.Lock()          # guards the dicts and lists below
        self._callbacks: dict[int, Callable] = {}      # token -> callback
        self._subscriptions: dict[int, int] = {}       # token -> C subscription id
        self._callback_errors: list[BaseException] = []
        self._dropped_errors = 0

    def _live(self):
        """The live pointer, after raising the kept callback errors."""
        ptr = self._handle
        self._raise_kept_errors()
        return ptr

    def _raise_kept_errors(self) -> None:
        """Raises the kept callback errors as one CallbackError, if there are any."""
        if self._callback_errors:
            with self._lock:
                errors = self._take_errors()
            if errors is not None:
                raise errors

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

    @property
    def pending_callback_errors(self) -> int:
        """How many callback exceptions are kept for the next call to raise."""
        with self._lock:
            return len(self._callback_errors) + self._dropped_errors

    def _register(self, callback) -> int:
        """A new token whose deliveries call ``callback``; the C function
        that calls back gets the token as its user_data. Undone by ``_forget``."""
        token = next(_tokens)
        with self._lock:
            self._callbacks[token] = callback
        _deliveries[token] = self._ref
        return token

    def _subscribe(self, c_subscribe, c_unsubscribe, fnptr, callback) -> int:
        """Registers callback through ``c_subscribe(&id, ptr, fnptr, token, &err)``."""
        if not callable(callback):
            raise TypeError("callback must be callable")
        ptr = self._live()
        # Registered before the C call: a change may be delivered before it returns.
        token = self._register(callback)
        cid = ctypes.c_int()
        err = ErrorPtr()
        try:
            check_status(c_subscribe(ctypes.byref(cid), ptr, fnptr, token, ctypes.byref(err)), err)
        except BaseException:
            self._forget(token)
            raise
        with self._lock:
            live = token in self._callbacks  # not closed or unsubscribed meanwhile
            if live:
                self._subscriptions[token] = cid.value
        if not live and self._ptr is not None:
            c_unsubscribe(ptr, cid.value, None)
        return token

    def _forget(self, token: int) -> Optional[int]:
        """Stops deliveries to token in the binding; returns its C id, if any."""
        _deliveries.pop(token, None)
        with self._lock:
            self._callbacks.pop(token, None)
            return self._subscriptions.pop(token, None)

    def _unsubscribe(self, c_unsubscribe, token: int) -> None:
        cid = self._forget(token)
        ptr = self._ptr
        if cid is None or ptr is None:
            return
        # Its only failures are a handle closed meanwhile and an unknown id:
        # both leave nothing to undo.
        c_unsubscribe(ptr, cid, None)

    def _close_with_callbacks(self) -> bool:
        """Frees the C object once (``_dispose``) and forgets every
        subscription; raises the kept callback errors after. False when it
        was closed already."""
        with self._close_lock:
            ptr, self._ptr = self._ptr, None
        if ptr is None:
            return False
        with self._lock:
            tokens = list(self._callbacks)
            self._callbacks.clear()
            self._subscriptions.clear()
        for token in tokens:
            _deliveries.pop(token, None)
        self._dispose(ptr)
        self._closed()
        with self._lock:
            errors = self._take_errors()
        if errors is not None:
            raise errors
        return True

    def _closed(self) -> None:
        """Called once after the C object is freed (before errors are raised)."""
