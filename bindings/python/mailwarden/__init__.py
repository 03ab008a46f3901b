"""mailwarden: email address validation and channel hygiene (ctypes binding).

Address checks (check_address, check_addresses, AddressPolicy), sender
channels (Registry, Sender, SenderState), domain authentication over DNS
(Resolver, check_domain and check_domain_ses -> DomainReport, check_spf ->
SpfResult), the Amazon SES v2 client (SesClient), and bounces
(parse_feedback, SnsVerifier, BounceTracker; module mailwarden.bounces) and
the SNS HTTP endpoint (FeedbackEndpoint; module mailwarden.endpoint), and
list hygiene: clean() streams a verdict per row of an address list (module
mailwarden.list_clean), Lists keeps a registry's mailing lists clean (double
opt-in, consent log, one-click unsubscribe, imports, purges; modules
mailwarden.lists and mailwarden.list_values), and a received message's
authentication: check_message -> MessageReport (DKIM, SPF, DMARC and the
Authentication-Results fields; module mailwarden.message); DKIM signing and
keys: DkimSigner, sign_message, generate_dkim_key (module mailwarden.dkim);
the bulk-sender readiness report: check_readiness -> ReadinessReport
(module mailwarden.readiness); and content checks of a message before it is
sent: check_content -> ContentReport (blocklisted links, safe HTML, spam
score, structural findings) and sanitize_html (module mailwarden.content).

The shared library is found through the MAILWARDEN_LIBRARY environment
variable (a full path), then the copy a wheel installs beside this package,
then ctypes.util.find_library("mailwarden"), then "libmailwarden.so.0.6". It is loaded on first use; a library whose ABI is not
the one this binding is written for (TARGET_VERSION, checked with
mw_version_compatible) is refused with IncompatibleLibraryError.
MailDomainStatus, SubscriberState, ContentVerdict and ContentSeverity take
their member names from the library, so they are built on first use
(importing mailwarden still loads nothing).
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
from .list_clean import Cleaner, CleanStats, CleanVerdict, clean
from .list_values import (
    ConsentEntry,
    ConsentLog,
    ImportRow,
    ImportSummary,
    ListHeaders,
    ListSendReport,
    MailingList,
    PurgeReport,
    SubscribeOutcome,
    Subscriber,
    TokenPreview,
)
from .lists import Lists, is_one_click_post
from .message import AuthResult, AuthResultsField, DkimCheck, MessageReport, SpfCheck, check_message
from .dkim import DkimKey, DkimSigner, dkim_zone_line, generate_dkim_key, sign_message
from .readiness import ReadinessReport, ReadinessRule, check_readiness
from .content import (
    Blocklist,
    ContentFinding,
    ContentPolicy,
    ContentReport,
    LinkCheck,
    SanitizedHtml,
    Spamd,
    SpamScore,
    check_content,
    sanitize_html,
)
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
    SesSuppressionPage,
    SuppressedDestination,
    SuppressionReason,
)

__version__ = "0.6.0"

# The enums whose names the library gives: built on first use (PEP 562).
_FROM_LIBRARY = {"MailDomainStatus": "list_clean", "SubscriberState": "list_values",
                 "ContentVerdict": "content", "ContentSeverity": "content"}


def __getattr__(name: str):
    if name in _FROM_LIBRARY:
        import importlib

        return getattr(importlib.import_module("." + _FROM_LIBRARY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "CleanStats",
    "CleanVerdict",
    "Cleaner",
    "ConsentEntry",
    "ConsentLog",
    "ImportRow",
    "ImportSummary",
    "ListHeaders",
    "ListSendReport",
    "Lists",
    "MailDomainStatus",
    "MailingList",
    "PurgeReport",
    "SubscribeOutcome",
    "Subscriber",
    "SubscriberState",
    "TokenPreview",
    "clean",
    "is_one_click_post",
    "AuthResult",
    "AuthResultsField",
    "DkimCheck",
    "MessageReport",
    "SpfCheck",
    "check_message",
    "DkimKey",
    "DkimSigner",
    "dkim_zone_line",
    "generate_dkim_key",
    "sign_message",
    "ReadinessReport",
    "ReadinessRule",
    "check_readiness",
    "Blocklist",
    "ContentFinding",
    "ContentPolicy",
    "ContentReport",
    "ContentSeverity",
    "ContentVerdict",
    "LinkCheck",
    "SanitizedHtml",
    "Spamd",
    "SpamScore",
    "check_content",
    "sanitize_html",
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
    "SesSuppressionPage",
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
