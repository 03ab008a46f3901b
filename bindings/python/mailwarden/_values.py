"""Values across the C boundary that are not strings: enums, times, durations.

Shared by the modules that copy C values into Python objects. Enums whose
member names the library gives (``mw_*_name(int)``) are built from it on
first use (:func:`library_enum`), so no name is written twice.
"""

from __future__ import annotations

import enum
import threading
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

from ._lib import lib
from .errors import invalid_argument


def enum_or_int(kind, value: int):
    """``kind(value)``, or the plain number when it is newer than this binding."""
    try:
        return kind(value)
    except ValueError:
        return value


def utc_time(seconds: int) -> datetime:
    """Unix seconds as a timezone-aware UTC datetime."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def optional_time(seconds: int) -> Optional[datetime]:
    """Unix seconds as a UTC datetime; None for 0, the library's "not set"."""
    return None if seconds == 0 else utc_time(seconds)


def whole_seconds(value: object, where: str) -> int:
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


def epoch_seconds(value: object, where: str) -> int:
    """A timezone-aware datetime or Unix seconds -> int Unix seconds."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise invalid_argument(f"{where} must be timezone-aware")
        value = value.timestamp()
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{where} must be a datetime or epoch seconds, not {type(value).__name__}")
    return whole_seconds(value, where)


class LibraryEnum(enum.IntEnum):
    """The base of the enums :func:`library_enum` builds."""

    @property
    def id(self) -> str:
        """The library's name of the member ("null_mx", "confirmed" ...)."""
        return self.name.lower()

    @classmethod
    def from_id(cls, member_id: str):
        """The member the library calls ``member_id`` (KeyError if none)."""
        return cls[member_id.upper()]


# The library's name functions answer NULL past the last member; this many at most.
_MAX_MEMBERS = 256


def library_enum(name: str, module: str, name_function: str, doc: str) -> Callable[[], type]:
    """A function returning the IntEnum ``name`` of ``module``, built on its
    first call from the loaded library: the member numbered n is called
    ``name_function(n)`` in upper case, for n = 0, 1 ... until it answers
    NULL. The module serves the enum as an attribute through ``__getattr__``
    (PEP 562), so importing it never loads the library."""
    lock = threading.Lock()
    built: list = []

    def get():
        if not built:
            name_of = getattr(lib(), name_function)
            with lock:
                if not built:
                    members = []
                    for number in range(_MAX_MEMBERS):
                        raw = name_of(number)
                        if raw is None:
                            break
                        members.append((raw.decode("ascii").upper(), number))
                    kind = LibraryEnum(name, members, module=module, qualname=name)
                    kind.__doc__ = doc
                    built.append(kind)
        return built[0]

    return get
