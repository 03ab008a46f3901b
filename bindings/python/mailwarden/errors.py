"""Exceptions raised by mailwarden, one class per C status code."""

from __future__ import annotations

# Status codes of capi/mailwarden.h (stable numbers).
OK = 0
EINVAL = -1
ENOMEM = -2
EINTERNAL = -3
ENOTFOUND = -4
EEXIST = -5
EIO = -6
ETIMEDOUT = -7
EPARSE = -8
ERANGE = -9
ENOTVERIFIED = -10
ETRANSPORT = -11
EEXPIRED = -12
ESUSPENDED = -13
EPOLICY = -14


class LibraryNotFoundError(OSError):
    """libmailwarden could not be located or loaded."""


class MailwardenError(Exception):
    """A failed library call: ``code`` is the MW_E* status, ``message`` the text."""

    def __init__(self, code: int, message: str):
        Exception.__init__(self, code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} ({_STATUS_NAMES.get(self.code, 'MW_EUNKNOWN')})"


class InvalidArgumentError(MailwardenError, ValueError):
    """MW_EINVAL: an argument or option value is not acceptable."""


class ClosedHandleError(InvalidArgumentError):
    """A closed object was used (the C library would see a NULL handle)."""

    def __init__(self, what: str):
        super().__init__(EINVAL, f"{what} is closed")


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
    """MW_EPARSE: malformed input (JSON, record, message)."""


class RangeError(MailwardenError, IndexError):
    """MW_ERANGE: an index or size is out of range."""


class NotVerifiedError(MailwardenError):
    """MW_ENOTVERIFIED: the sender is not verified (Success), so it may not send."""


class TransportError(MailwardenError):
    """MW_ETRANSPORT: the transport (Amazon SES, the local outbox) failed."""


class ExpiredError(MailwardenError):
    """MW_EEXPIRED: a verification link or token has expired."""


class SuspendedError(MailwardenError):
    """MW_ESUSPENDED: sending is suspended (bounce or complaint rate)."""


class PolicyError(MailwardenError):
    """MW_EPOLICY: refused by policy (a role or no-reply sender, ...)."""


class CallbackError(Exception):
    """One or more state-change callbacks of a Registry raised.

    The binding never lets an exception travel into the C library: it keeps
    it and raises this error from the next call on the same registry (see
    :class:`~mailwarden.Registry`). ``errors`` holds the exceptions in the
    order they were raised; the first one is also ``__cause__``.
    """

    def __init__(self, errors):
        self.errors = list(errors)
        first = self.errors[0] if self.errors else None
        super().__init__(f"{len(self.errors)} state-change callback(s) raised; first: {first!r}")

    def __reduce__(self):
        return (type(self), (self.errors,))


_BY_CODE = {
    EINVAL: InvalidArgumentError,
    ENOMEM: OutOfMemoryError,
    EINTERNAL: InternalError,
    ENOTFOUND: NotFoundError,
    EEXIST: AlreadyExistsError,
    EIO: StorageError,
    ETIMEDOUT: OperationTimeoutError,
    EPARSE: ParseError,
    ERANGE: RangeError,
    ENOTVERIFIED: NotVerifiedError,
    ETRANSPORT: TransportError,
    EEXPIRED: ExpiredError,
    ESUSPENDED: SuspendedError,
    EPOLICY: PolicyError,
}

_STATUS_NAMES = {
    OK: "MW_OK", EINVAL: "MW_EINVAL", ENOMEM: "MW_ENOMEM",
    EINTERNAL: "MW_EINTERNAL", ENOTFOUND: "MW_ENOTFOUND", EEXIST: "MW_EEXIST",
    EIO: "MW_EIO", ETIMEDOUT: "MW_ETIMEDOUT", EPARSE: "MW_EPARSE",
    ERANGE: "MW_ERANGE", ENOTVERIFIED: "MW_ENOTVERIFIED",
    ETRANSPORT: "MW_ETRANSPORT", EEXPIRED: "MW_EEXPIRED",
    ESUSPENDED: "MW_ESUSPENDED", EPOLICY: "MW_EPOLICY",
}


def error_class(code: int) -> type[MailwardenError]:
    """The exception class for a status code (MailwardenError if unknown)."""
    return _BY_CODE.get(code, MailwardenError)


def check_status(status: int, err) -> None:
    """Raise the exception for ``status`` when it is not MW_OK.

    ``err`` is the ``mw_error *`` the call filled in (may be NULL); it is
    always freed, whatever the status.
    """
    from ._lib import lib

    cdll = lib()
    try:
        if status == OK:
            return
        if err:
            code = cdll.mw_error_code(err)
            message = cdll.mw_error_message(err).decode("utf-8", "replace")
        else:
            code = status
            message = cdll.mw_status_name(status).decode("ascii", "replace")
    finally:
        if err:
            cdll.mw_error_free(err)
    raise error_class(code)(code, message)
