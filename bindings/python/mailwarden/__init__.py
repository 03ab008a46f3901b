"""mailwarden: email address validation and channel hygiene (ctypes binding).

The shared library is found through the MAILWARDEN_LIBRARY environment
variable (a full path), then ctypes.util.find_library("mailwarden"), then
"libmailwarden.so.0". It is loaded on first use.
"""

from .address import (
    AddressResult,
    Flags,
    Reason,
    Verdict,
    check_address,
    check_addresses,
)
from ._version import version, version_number
from .errors import (
    AlreadyExistsError,
    ClosedHandleError,
    InternalError,
    InvalidArgumentError,
    LibraryNotFoundError,
    MailwardenError,
    NotFoundError,
    OperationTimeoutError,
    OutOfMemoryError,
    ParseError,
    RangeError,
    StorageError,
)
from .policy import AddressPolicy

__version__ = "0.1.0"

__all__ = [
    "AddressPolicy",
    "AddressResult",
    "AlreadyExistsError",
    "ClosedHandleError",
    "Flags",
    "InternalError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "MailwardenError",
    "NotFoundError",
    "OperationTimeoutError",
    "OutOfMemoryError",
    "ParseError",
    "RangeError",
    "Reason",
    "StorageError",
    "Verdict",
    "check_address",
    "check_addresses",
    "version",
    "version_number",
]
