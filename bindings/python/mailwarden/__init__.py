"""mailwarden: email address validation and channel hygiene (ctypes binding).

Address checks (check_address, check_addresses, AddressPolicy), sender
channels (Registry, Sender, SenderState), domain authentication over DNS
(Resolver, check_domain and check_domain_ses -> DomainReport, check_spf ->
SpfResult), the Amazon SES v2 client (SesClient), and bounces
(parse_feedback, SnsVerifier, BounceTracker; module mailwarden.bounces) and
the SNS HTTP endpoint (FeedbackEndpoint; module mailwarden.endpoint).

The shared library is found through the MAILWARDEN_LIBRARY environment
variable (a full path), then the copy a wheel installs beside this package,
then ctypes.util.find_library("mailwarden"), then "libmailwarden.so.0.5". It is loaded on first use; a library whose ABI is not
the one this binding is written for (TARGET_VERSION, checked with
mw_version_compatible) is refused with IncompatibleLibraryError.
"""

from .bounces import (
    AccountStats,
    AccountStatus,
    BounceClass,
    BounceSuppressionReason,
    BounceTracker,
    Feedback,
    FeedbackFormat,
    FeedbackKind,
    IngestReport,
    RecipientFeedback,
    SendReceipt,
    SnsEnvelope,
    SnsVerifier,
    StatusChange,
    Suppression,
    SuppressionPage,
    TrackerPolicy,
    parse_feedback,
)
from .endpoint import FeedbackEndpoint, FeedbackOutcome
from .address import (
    AddressResult,
    Flags,
    Reason,
    Verdict,
    check_address,
    check_addresses,
)
from ._lib import TARGET_VERSION
from ._version import version, version_compatible, version_number
from .domain import (
    AuthVerdict,
    DomainReport,
    Finding,
    PublishRecord,
    RecordStatus,
    Resolver,
    Severity,
    SpfCode,
    SpfResult,
    check_domain,
    check_domain_ses,
    check_spf,
)
from .errors import (
    AlreadyExistsError,
    AuthError,
    SuppressedError,
    CallbackError,
    ClosedHandleError,
    ExpiredError,
    IncompatibleLibraryError,
    InternalError,
    InvalidArgumentError,
    LibraryNotFoundError,
    MailwardenError,
    NotFoundError,
    NotVerifiedError,
    OperationCancelledError,
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
from .ses import (
    MxFailureBehavior,
    SesAccount,
    SesClient,
    SesIdentity,
    SesIdentityPage,
    SesIdentitySummary,
    SuppressedDestination,
    SuppressionPage,
    SuppressionReason,
)

__version__ = "0.5.0"

__all__ = [
    "AccountStats",
    "AccountStatus",
    "BounceClass",
    "BounceSuppressionReason",
    "BounceTracker",
    "Feedback",
    "FeedbackEndpoint",
    "FeedbackFormat",
    "FeedbackKind",
    "FeedbackOutcome",
    "IngestReport",
    "RecipientFeedback",
    "SendReceipt",
    "SnsEnvelope",
    "SnsVerifier",
    "StatusChange",
    "Suppression",
    "SuppressionPage",
    "TrackerPolicy",
    "parse_feedback",
    "AddressPolicy",
    "AddressResult",
    "AlreadyExistsError",
    "AuthError",
    "SuppressedError",
    "AuthVerdict",
    "CallbackError",
    "ClosedHandleError",
    "DomainReport",
    "ExpiredError",
    "Finding",
    "Flags",
    "IncompatibleLibraryError",
    "InternalError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "MailwardenError",
    "MxFailureBehavior",
    "NotFoundError",
    "NotVerifiedError",
    "OperationCancelledError",
    "OperationTimeoutError",
    "OutOfMemoryError",
    "ParseError",
    "PolicyError",
    "PublishRecord",
    "RangeError",
    "Reason",
    "RecordStatus",
    "Registry",
    "Resolver",
    "Sender",
    "SenderState",
    "SesAccount",
    "SesClient",
    "SesIdentity",
    "SesIdentityPage",
    "SesIdentitySummary",
    "Severity",
    "SpfCode",
    "SpfResult",
    "StorageError",
    "SuppressedDestination",
    "SuppressionPage",
    "SuppressionReason",
    "SuspendedError",
    "TARGET_VERSION",
    "TransportError",
    "Verdict",
    "check_address",
    "check_addresses",
    "check_domain",
    "check_domain_ses",
    "check_spf",
    "version",
    "version_compatible",
    "version_number",
]
