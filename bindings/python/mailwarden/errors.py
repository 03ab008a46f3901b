"""Exceptions raised by mailwarden, one class per C status code.

The status numbers are defined in one place, the library's ``mw_status``
enum: this module writes none of them. It binds each exception class to a
symbolic name ("MW_ENOTFOUND") and reads the numbers from the loaded library
(``mw_status_name``) the first time they are needed. The module constants
``OK``, ``EINVAL``, ``ENOTFOUND`` ... are those numbers, read the same way.
"""

from __future__ import annotations

import re
import threading
from typing import Optional


class LibraryNotFoundError(OSError):
    """libmailwarden could not be located or loaded."""


class IncompatibleLibraryError(LibraryNotFoundError):
    """The libmailwarden found has an ABI this binding was not written for."""


class MailwardenError(Exception):
    """A failed library call.

    ``code`` is the MW_E* status number, ``status`` its name ("MW_ENOTFOUND"),
    ``message`` the library's text. What the failing part learned comes along
    (from the C ``mw_error``): ``origin`` ("mailwarden", "ses", "http" ...;
    "" when the call gave no error object), ``service_code`` (the remote
    service's error code, "MessageRejected"; "" when none), ``http_status``
    (0 when no HTTP answer), ``request_id`` ("" when none), ``dns_rcode``
    (None unless a DNS answer failed), ``attempts`` (requests sent, retries
    included), ``retryable`` (the same call may succeed later) and
    ``outcome_unknown`` (the request may have taken effect although no answer
    came: a send that may have gone out; check it before retrying).
    """

    def __init__(self, code: int, message: str, *, origin: str = "", service_code: str = "",
                 http_status: int = 0, request_id: str = "", dns_rcode: Optional[int] = None,
                 attempts: int = 0, retryable: bool = False, outcome_unknown: bool = False):
        Exception.__init__(self, code, message)
        self.code = code
        self.message = message
        self.origin = origin
        self.service_code = service_code
        self.http_status = http_status
        self.request_id = request_id
        self.dns_rcode = dns_rcode
        self.attempts = attempts
        self.retryable = retryable
        self.outcome_unknown = outcome_unknown

    @property
    def status(self) -> str:
        """The symbolic name of ``code`` ("MW_EUNKNOWN" for a number that is none)."""
        return status_name(self.code)

    def __str__(self) -> str:
        return f"{self.message} ({self.status})"


class InvalidArgumentError(MailwardenError, ValueError):
    """MW_EINVAL: an argument or option value is not acceptable."""


class ClosedHandleError(InvalidArgumentError):
    """A closed object was used (raised by the binding before any C call)."""

    def __init__(self, what: str):
        super().__init__(status_code("MW_EINVAL"), f"{what} is closed")
        self.what = what

    def __reduce__(self):
        return (type(self), (self.what,), self.__dict__)


class OutOfMemoryError(MailwardenError, MemoryError):
    """MW_ENOMEM: an allocation failed."""


class InternalError(MailwardenError):
    """MW_EINTERNAL: an unexpected failure inside the library (a bug)."""


class NotFoundError(MailwardenError, LookupError):
    """MW_ENOTFOUND: the named object does not exist."""


class AlreadyExistsError(MailwardenError):
    """MW_EEXIST: the object already exists."""


class StorageError(MailwardenError, OSError):
    """MW_EIO: reading or writing a file or database failed."""


class OperationTimeoutError(MailwardenError, TimeoutError):
    """MW_ETIMEDOUT: an operation ran out of time."""


class ParseError(MailwardenError, ValueError):
    """MW_EPARSE: malformed input or answer (JSON, record, message)."""


class RangeError(MailwardenError, IndexError):
    """MW_ERANGE: an index or size is out of range."""


class NotVerifiedError(MailwardenError):
    """MW_ENOTVERIFIED: the sender (or MAIL FROM domain) is not verified for sending."""


class TransportError(MailwardenError):
    """MW_ETRANSPORT: the transport (Amazon SES, the network, the outbox) failed."""


class ExpiredError(MailwardenError):
    """MW_EEXPIRED: a verification link or token has expired."""


class SuspendedError(MailwardenError):
    """MW_ESUSPENDED: sending is suspended (bounce or complaint rate, SES pause)."""


class PolicyError(MailwardenError):
    """MW_EPOLICY: refused by policy (a role or no-reply sender, ...)."""


class OperationCancelledError(MailwardenError):
    """MW_ECANCELLED: cancelled before it took effect."""


class AuthError(MailwardenError):
    """MW_EAUTH: credentials missing, or refused by the service."""


class SuppressedError(MailwardenError):
    """MW_ESUPPRESSED: every recipient is on a suppression list."""


class CallbackError(Exception):
    """One or more callbacks raised: a Registry's state-change or a
    BounceTracker's status callbacks, a Cleaner's progress callback, an
    import's ``on_row``.

    The binding never lets an exception travel into the C library: it keeps
    it and raises this error from the next call on the same object (see
    :class:`~mailwarden.Registry`). ``errors`` holds the exceptions in the
    order they were raised; the first one is also ``__cause__``.
    """

    def __init__(self, errors):
        self.errors = list(errors)
        first = self.errors[0] if self.errors else None
        super().__init__(f"{len(self.errors)} callback(s) raised; first: {first!r}")

    def __reduce__(self):
        return (type(self), (self.errors,))


#: The exception class of each status name of the library (every code but MW_OK).
CLASS_BY_STATUS: dict[str, type[MailwardenError]] = {
    "MW_EINVAL": InvalidArgumentError,
    "MW_ENOMEM": OutOfMemoryError,
    "MW_EINTERNAL": InternalError,
    "MW_ENOTFOUND": NotFoundError,
    "MW_EEXIST": AlreadyExistsError,
    "MW_EIO": StorageError,
    "MW_ETIMEDOUT": OperationTimeoutError,
    "MW_EPARSE": ParseError,
    "MW_ERANGE": RangeError,
    "MW_ENOTVERIFIED": NotVerifiedError,
    "MW_ETRANSPORT": TransportError,
    "MW_EEXPIRED": ExpiredError,
    "MW_ESUSPENDED": SuspendedError,
    "MW_EPOLICY": PolicyError,
    "MW_ECANCELLED": OperationCancelledError,
    "MW_EAUTH": AuthError,
    "MW_ESUPPRESSED": SuppressedError,
}

# The name mw_status_name gives a number that is not a status code.
_UNKNOWN = "MW_EUNKNOWN"
# Codes are 0, -1, -2 ...; the scan stops after this many unknown numbers in a row.
_UNKNOWN_RUN = 8

_table_lock = threading.Lock()
_by_name: Optional[dict[str, int]] = None
_by_code: dict[int, str] = {}


def _read_status_table(cdll) -> dict[str, int]:
    codes: dict[str, int] = {}
    misses = 0
    number = 0
    while misses < _UNKNOWN_RUN:
        name = cdll.mw_status_name(number).decode("ascii", "replace")
        if name == _UNKNOWN:
            misses += 1
        else:
            misses = 0
            codes[name] = number
        number -= 1
    return codes


def status_codes() -> dict[str, int]:
    """Every status code of the loaded library, name -> number ("MW_OK": 0 included).

    Loads the library on first use (LibraryNotFoundError when it cannot).
    """
    global _by_name, _by_code
    if _by_name is None:
        from ._lib import lib

        cdll = lib()
        with _table_lock:
            if _by_name is None:
                table = _read_status_table(cdll)
                _by_code = {number: name for name, number in table.items()}
                _by_name = table
    return dict(_by_name)


def status_code(name: str) -> int:
    """The number of the status called ``name`` ("MW_EINVAL"); KeyError if the library has none."""
    if _by_name is None:
        status_codes()
    return _by_name[name]


def status_name(code: int) -> str:
    """The symbolic name of a status number; "MW_EUNKNOWN" for a number that is none."""
    if _by_name is None:
        try:
            status_codes()
        except LibraryNotFoundError:
            return _UNKNOWN
    return _by_code.get(code, _UNKNOWN)


def error_class(code: int) -> type[MailwardenError]:
    """The exception class for a status number (MailwardenError if unknown)."""
    return CLASS_BY_STATUS.get(status_name(code), MailwardenError)


def invalid_argument(message: str) -> InvalidArgumentError:
    """An InvalidArgumentError (MW_EINVAL) for misuse caught before the C call."""
    return InvalidArgumentError(status_code("MW_EINVAL"), message)


def _text(value: Optional[bytes]) -> str:
    return "" if value is None else value.decode("utf-8", "replace")


def check_status(status: int, err) -> None:
    """Raise the exception for ``status`` when it is not MW_OK.

    ``err`` is the ``mw_error *`` the call filled in (may be NULL); it is
    always freed, whatever the status. This is the one place an ``mw_error``
    becomes a Python exception.
    """
    from ._lib import lib

    cdll = lib()
    try:
        if status == status_code("MW_OK"):
            return
        if not err:
            exc = error_class(status)(status, status_name(status))
        else:
            exc = exception_of(cdll, err)
    finally:
        if err:
            cdll.mw_error_free(err)
    raise exc


def exception_of(cdll, err) -> MailwardenError:
    """The exception that a borrowed, non-NULL ``mw_error *`` describes."""
    code = cdll.mw_error_code(err)
    rcode = cdll.mw_error_dns_rcode(err)
    return error_class(code)(
        code, _text(cdll.mw_error_message(err)),
        origin=_text(cdll.mw_error_origin(err)),
        service_code=_text(cdll.mw_error_service_code(err)),
        http_status=cdll.mw_error_http_status(err),
        request_id=_text(cdll.mw_error_request_id(err)),
        dns_rcode=None if rcode < 0 else rcode,
        attempts=cdll.mw_error_attempts(err),
        retryable=bool(cdll.mw_error_retryable(err)),
        outcome_unknown=bool(cdll.mw_error_outcome_unknown(err)))


_CONSTANT = re.compile(r"(OK|E[A-Z0-9_]+)")


def __getattr__(name: str) -> int:
    # OK, EINVAL, ENOTFOUND ...: the library's numbers (PEP 562).
    if _CONSTANT.fullmatch(name):
        codes = status_codes()
        if "MW_" + name in codes:
            return codes["MW_" + name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
