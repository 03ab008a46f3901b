"""Strings across the C boundary: arguments in, borrowed and owned strings out."""

from __future__ import annotations

import ctypes
import os
from typing import Optional

from ._lib import ErrorPtr, lib
from .errors import check_status, invalid_argument


def text(value: Optional[bytes]) -> str:
    """A string borrowed from the library ("" for NULL)."""
    return "" if value is None else value.decode("utf-8", "replace")


def take_string(out: ctypes.c_void_p) -> str:
    """A string the library handed over; freed with mw_string_free."""
    try:
        return ctypes.string_at(out.value).decode("utf-8", "replace")
    finally:
        lib().mw_string_free(out)


def take_json(fn, ptr, *args) -> str:
    """The string ``fn(&out, ptr, *args, &err)`` hands over (a value's JSON form)."""
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(fn(ctypes.byref(out), ptr, *args, ctypes.byref(err)), err)
    return take_string(out)


def as_bytes(data: object, where: str) -> bytes:
    """A document or input as bytes: bytes-like as they are (NUL bytes too), str as UTF-8."""
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{where} must be bytes or str, not {type(data).__name__}")


def cstr(value: object, where: str) -> bytes:
    """A str (or path) as NUL-terminated UTF-8; a NUL inside would cut it short."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, bytes):
        data = value
    elif isinstance(value, str):
        data = value.encode("utf-8")
    else:
        raise TypeError(f"{where} must be str, not {type(value).__name__}")
    if b"\0" in data:
        raise invalid_argument(f"{where} contains a NUL character")
    return data


def optional_cstr(value: object, where: str) -> Optional[bytes]:
    return None if value is None else cstr(value, where)
