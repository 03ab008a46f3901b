"""mailwarden: email address validation and channel hygiene (ctypes binding).

Address checks (check_address, check_addresses, AddressPolicy), sender
channels (Registry, Sender, SenderState) and the Amazon SES v2 client
(SesClient).

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
    CallbackError,
    ClosedHandleError,
    ExpiredError,
    InternalError,
    InvalidArgumentError,
    LibraryNotFoundError,
    MailwardenError,
    NotFoundError,
    NotVerifiedError,
    OperationTimeoutError,
    OutOfMemoryError,
    ParseError,
    PolicyError,
    RangeError,
    StorageError,
    SuspendedError,
    TransportError,
)
from .policy import AddressPolicy
from .registry import Registry
from .sender import Sender, SenderState
from .ses import SesAccount, SesClient, SesIdentity, SuppressedDestination, SuppressionReason

__version__ = "0.1.0"

__all__ = [
    "AddressPolicy",
    "AddressResult",
    "AlreadyExistsError",
    "CallbackError",
    "ClosedHandleError",
    "ExpiredError",
    "Flags",
    "InternalError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "MailwardenError",
    "NotFoundError",
    "NotVerifiedError",
    "OperationTimeoutError",
    "OutOfMemoryError",
    "ParseError",
    "PolicyError",
    "RangeError",
    "Reason",
    "Registry",
    "Sender",
    "SenderState",
    "SesAccount",
    "SesClient",
    "SesIdentity",
    "StorageError",
    "SuppressedDestination",
    "SuppressionReason",
    "SuspendedError",
    "TransportError",
    "Verdict",
    "check_address",
    "check_addresses",
    "version",
    "version_number",
]
