"""ObjectRef: the owner of one C handle; built_options and open_with_options:
how the options a handle is made with are set; taken: copying out an owned
result and freeing it."""

from __future__ import annotations

import contextlib
import ctypes
import threading

from ._lib import ErrorPtr, lib
from .errors import ClosedHandleError, check_status


@contextlib.contextmanager
def built_options(options_prefix: str, options_type, settings):
    """Makes ``<options_prefix>_new`` options, applies each ``(setter, *arguments)``
    of ``settings`` (a setter is named: ``setter(options, *arguments, &err)``)
    and yields them; frees them on exit. Raises the typed error of the first
    call that fails."""
    cdll = lib()
    options = options_type()
    err = ErrorPtr()
    check_status(getattr(cdll, options_prefix + "_new")(ctypes.byref(options), ctypes.byref(err)), err)
    try:
        for setter, *arguments in settings:
            err = ErrorPtr()
            check_status(getattr(cdll, setter)(options, *arguments, ctypes.byref(err)), err)
        yield options
    finally:
        getattr(cdll, options_prefix + "_free")(options)


def taken(copy, out):
    """``copy(cdll, out)``, then ``out`` freed with its type's ``mw_*_free``
    (the C type's name, which the _lib class bears, plus "_free")."""
    cdll = lib()
    try:
        return copy(cdll, out)
    finally:
        getattr(cdll, type(out)._type_.__name__ + "_free")(out)


def open_with_options(options_prefix: str, opener: str, options_type, handle_type, settings):
    """Opens an object with ``opener(&handle, options, &err)`` from the options
    :func:`built_options` makes. Returns the new handle; raises the typed
    error of the first call that fails."""
    with built_options(options_prefix, options_type, settings) as options:
        handle = handle_type()
        err = ErrorPtr()
        check_status(getattr(lib(), opener)(ctypes.byref(handle), options, ctypes.byref(err)), err)
        return handle


class ObjectRef:
    """Owns a C pointer and frees it exactly once.

    ``close()`` is idempotent and thread-safe; the object is a context
    manager; ``__del__`` frees a forgotten handle only as a leak backstop.
    Using the object after ``close()`` raises
    :class:`~mailwarden.errors.ClosedHandleError`. Subclasses implement
    ``_dispose(ptr)``.
    """

    _kind = "object"

    def __init__(self, ptr):
        if not ptr:
            raise ValueError(f"{self._kind}: NULL handle")
        self._ptr = ptr
        self._close_lock = threading.Lock()

    @property
    def closed(self) -> bool:
        """True once close() has run."""
        return self._ptr is None

    @property
    def _handle(self):
        """The live C pointer; raises ClosedHandleError after close()."""
        ptr = self._ptr
        if ptr is None:
            raise ClosedHandleError(self._kind)
        return ptr

    # ctypes passes ``obj._as_parameter_`` when an ObjectRef is an argument.
    _as_parameter_ = _handle

    def close(self) -> None:
        """Free the C object. Safe to call more than once, from any thread."""
        with self._close_lock:
            ptr, self._ptr = self._ptr, None
        if ptr is not None:
            self._dispose(ptr)

    def _dispose(self, ptr) -> None:
        raise NotImplementedError

    def __enter__(self):
        self._handle  # refuse to enter a closed object
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __del__(self):
        # Leak backstop only; may run during interpreter shutdown.
        try:
            if getattr(self, "_ptr", None) is not None:
                self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        # A constructor that raised before the handle existed leaves no _ptr.
        state = "closed" if getattr(self, "_ptr", None) is None else "open"
        return f"<{type(self).__name__} {state}>"
