"""Locating and loading libmailwarden, and the prototype of every C function.

The library is loaded lazily on first use so that ``import mailwarden`` works
even where the shared library is absent; the first call then raises
:class:`~mailwarden.errors.LibraryNotFoundError`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_uint, c_void_p

from .errors import LibraryNotFoundError

ENV_VAR = "MAILWARDEN_LIBRARY"
_SONAME = "libmailwarden.so.0"


# Opaque handle types: one per C handle, so pointers cannot be mixed up.
class mw_error(ctypes.Structure):
    """Opaque ``mw_error``."""


class mw_address_options(ctypes.Structure):
    """Opaque ``mw_address_options``."""


class mw_address_result(ctypes.Structure):
    """Opaque ``mw_address_result``."""


class mw_address_batch(ctypes.Structure):
    """Opaque ``mw_address_batch``."""


ErrorPtr = POINTER(mw_error)
OptionsPtr = POINTER(mw_address_options)
ResultPtr = POINTER(mw_address_result)
BatchPtr = POINTER(mw_address_batch)
_ErrOut = POINTER(ErrorPtr)

# name: (restype, argtypes) for every function of capi/mailwarden.h.
_PROTOTYPES = {
    # version and status names
    "mw_version": (c_char_p, []),
    "mw_version_number": (c_int, []),
    "mw_status_name": (c_char_p, [c_int]),
    # errors and library strings
    "mw_error_code": (c_int, [ErrorPtr]),
    "mw_error_message": (c_char_p, [ErrorPtr]),
    "mw_error_free": (None, [ErrorPtr]),
    "mw_string_free": (None, [c_void_p]),
    # address options
    "mw_address_reason_name": (c_char_p, [c_int]),
    "mw_address_options_new": (c_int, [POINTER(OptionsPtr), _ErrOut]),
    "mw_address_options_free": (None, [OptionsPtr]),
    "mw_address_options_set_allow_quoted_local": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_allow_address_literal": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_allow_special_use": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_reject_role": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_reject_noreply": (c_int, [OptionsPtr, c_int, _ErrOut]),
    # single check and result accessors
    "mw_address_check": (
        c_int, [POINTER(ResultPtr), c_char_p, c_size_t, OptionsPtr, _ErrOut]),
    "mw_address_result_free": (None, [ResultPtr]),
    "mw_address_result_input": (c_char_p, [ResultPtr]),
    "mw_address_result_normalized": (c_char_p, [ResultPtr]),
    "mw_address_result_local_part": (c_char_p, [ResultPtr]),
    "mw_address_result_domain": (c_char_p, [ResultPtr]),
    "mw_address_result_verdict": (c_int, [ResultPtr]),
    "mw_address_result_is_valid": (c_int, [ResultPtr]),
    "mw_address_result_reason": (c_int, [ResultPtr]),
    "mw_address_result_message": (c_char_p, [ResultPtr]),
    "mw_address_result_flags": (c_uint, [ResultPtr]),
    "mw_address_result_to_json": (c_int, [POINTER(c_void_p), ResultPtr, _ErrOut]),
    # batch
    "mw_address_check_batch": (
        c_int,
        [POINTER(BatchPtr), POINTER(c_char_p), POINTER(c_size_t), c_size_t,
         OptionsPtr, _ErrOut]),
    "mw_address_batch_size": (c_size_t, [BatchPtr]),
    "mw_address_batch_valid_count": (c_size_t, [BatchPtr]),
    "mw_address_batch_get": (c_int, [POINTER(ResultPtr), BatchPtr, c_size_t, _ErrOut]),
    "mw_address_batch_free": (None, [BatchPtr]),
}

_lock = threading.Lock()
_cdll: ctypes.CDLL | None = None


def _candidates() -> list[str]:
    """Library names to try, in order (the env var alone when it is set)."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return [explicit]
    names = []
    found = ctypes.util.find_library("mailwarden")
    if found:
        names.append(found)
    names.append(_SONAME)
    return names


def _declare(cdll: ctypes.CDLL) -> None:
    missing = [name for name in _PROTOTYPES if not hasattr(cdll, name)]
    if missing:
        raise LibraryNotFoundError(
            f"{cdll._name} lacks mailwarden symbols: {', '.join(missing)}")
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(cdll, name)
        fn.restype = restype
        fn.argtypes = argtypes


def _load() -> ctypes.CDLL:
    failures = []
    for name in _candidates():
        try:
            cdll = ctypes.CDLL(name)
        except OSError as exc:
            failures.append(f"{name}: {exc}")
            continue
        _declare(cdll)
        return cdll
    hint = (f"set {ENV_VAR} to the full path of libmailwarden.so"
            if not os.environ.get(ENV_VAR) else f"check {ENV_VAR}")
    raise LibraryNotFoundError(
        "cannot load libmailwarden (" + "; ".join(failures) + "); " + hint)


def lib() -> ctypes.CDLL:
    """The loaded library with every prototype declared (loaded once)."""
    global _cdll
    if _cdll is None:
        with _lock:
            if _cdll is None:
                _cdll = _load()
    return _cdll


def path() -> str:
    """The name or path the library was loaded from."""
    return lib()._name
