"""Bounces and complaints: classification, SNS checks and the bounce tracker.

``parse_feedback`` classifies one document (SES JSON, an SNS envelope around
it, a DSN, a plain-text bounce, an ARF complaint, an auto-reply) into a
:class:`Feedback` with an outcome per recipient. :class:`SnsVerifier` checks
SNS deliveries. :class:`BounceTracker` keeps suppressions, bounce and
complaint rates and each account's standing in a SQLite store, and gates the
sends of a :class:`~mailwarden.Registry` on the same store.

Threads
-------
A BounceTracker and an SnsVerifier may be used from any thread. A status
callback runs on the thread that made the change: the caller of ``ingest``,
``ingest_batch``, ``record_send`` or ``resume``, or of ``Registry.send`` for
a registry's tracker. It may call any method of the tracker, ``close()`` and
``unsubscribe()`` included. An exception raised by a callback never reaches
the library: the next call on the tracker raises
:class:`~mailwarden.errors.CallbackError` with it (see the Registry).
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Optional, Union

from ._callbacks import CallbackOwner, deliver
from ._handle import ObjectRef
from ._lib import (
    AccountStatsPtr,
    ErrorPtr,
    FeedbackPtr,
    IngestReportPtr,
    SnsEnvelopePtr,
    SnsOptionsPtr,
    SnsVerifierPtr,
    StatusChangeListPtr,
    SuppressionPagePtr,
    SuppressionPtr,
    TrackerOptionsPtr,
    TrackerPtr,
    TrackerStatusFn,
    lib,
)
from .errors import NotFoundError, check_status
from ._strings import as_bytes as _bytes, cstr, optional_cstr, take_json as _json, text
from ._values import enum_or_int as _enum, optional_time as _time

Document = Union[bytes, bytearray, memoryview, str]


class BounceClass(enum.IntEnum):
    """Whether a recipient should still be mailed (MW_BOUNCE_*)."""

    NONE = 0
    SOFT = 1
    HARD = 2


class FeedbackKind(enum.IntEnum):
    """What a document reports (MW_FEEDBACK_*)."""

    BOUNCE = 0
    COMPLAINT = 1
    DELIVERY = 2
    DELAY = 3
    SEND = 4
    REJECT = 5
    AUTO_REPLY = 6
    OTHER = 7


class FeedbackFormat(enum.IntEnum):
    """What a document was read as (MW_FEEDBACK_FORMAT_*)."""

    DSN = 0
    PLAIN_BOUNCE = 1
    ARF = 2
    AUTO_REPLY = 3
    SES_NOTIFICATION = 4
    SES_EVENT = 5
    SNS_ENVELOPE = 6
    MAIL = 7


class AccountStatus(enum.IntEnum):
    """An account's sending standing (MW_ACCOUNT_*)."""

    ACTIVE = 0
    WARNING = 1
    SUSPENDED = 2


class BounceSuppressionReason(enum.IntEnum):
    """Why the tracker suppresses an address (MW_SUPPRESSION_*)."""

    BOUNCE = 0
    COMPLAINT = 1
    MANUAL = 2


def _strings(values: Iterable[str], where: str):
    """A C array of the strings, and their count."""
    if isinstance(values, (str, bytes)):
        values = [values]
    items = [cstr(v, f"{where}[{i}]") for i, v in enumerate(values)]
    return (ctypes.c_char_p * max(1, len(items)))(*items), len(items)


# --- feedback ------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientFeedback:
    """One recipient's outcome. ``status`` is the enhanced status code
    ("5.1.1", "" when unknown), ``smtp_code`` the reply code (0 when unknown),
    ``reason`` a stable name ("user_unknown", "mailbox_full" ...)."""

    address: str
    original_recipient: str
    bounce_class: BounceClass
    reason: str
    status: str
    smtp_code: int
    diagnostic: str
    remote_mta: str
    action: str


@dataclass(frozen=True)
class Feedback:
    """One classified document (copied out of the library)."""

    format: FeedbackFormat
    kind: FeedbackKind
    event_type: str
    message_id: str
    feedback_id: str
    timestamp: str
    sender: str
    ses_bounce_type: str
    ses_bounce_subtype: str
    feedback_type: str
    reporting_mta: str
    sns_message_id: str
    topic_arn: str
    idempotency_key: str
    recipients: list[RecipientFeedback]
    #: The library's JSON form (source, format, kind, recipients).
    json: str = field(repr=False, compare=False)


def _recipient(cdll, r) -> RecipientFeedback:
    return RecipientFeedback(
        address=text(cdll.mw_feedback_recipient_address(r)),
        original_recipient=text(cdll.mw_feedback_recipient_original(r)),
        bounce_class=_enum(BounceClass, cdll.mw_feedback_recipient_class(r)),
        reason=text(cdll.mw_feedback_recipient_reason(r)),
        status=text(cdll.mw_feedback_recipient_status(r)),
        smtp_code=cdll.mw_feedback_recipient_smtp_code(r),
        diagnostic=text(cdll.mw_feedback_recipient_diagnostic(r)),
        remote_mta=text(cdll.mw_feedback_recipient_remote_mta(r)),
        action=text(cdll.mw_feedback_recipient_action(r)))


def parse_feedback(document: Document, source: Optional[str] = None) -> Feedback:
    """Classify one document (bytes, NUL bytes included, or str).

    An SNS envelope is NOT verified here (use :class:`SnsVerifier`). A mail
    that is no bounce is a Feedback of format MAIL and kind OTHER. ``source``
    names the document in the JSON form. Raises ParseError (empty, or JSON
    that is not SES's), RangeError (over 16 MiB).
    """
    data = _bytes(document, "document")
    cdll = lib()
    out = FeedbackPtr()
    err = ErrorPtr()
    check_status(cdll.mw_feedback_parse(ctypes.byref(out), data, len(data), ctypes.byref(err)), err)
    try:
        fields = {name: text(getattr(cdll, "mw_feedback_" + name)(out)) for name in (
            "event_type", "message_id", "feedback_id", "timestamp", "sender", "ses_bounce_type",
            "ses_bounce_subtype", "feedback_type", "reporting_mta", "sns_message_id", "topic_arn",
            "idempotency_key")}
        return Feedback(
            format=_enum(FeedbackFormat, cdll.mw_feedback_format(out)),
            kind=_enum(FeedbackKind, cdll.mw_feedback_kind(out)),
            recipients=[_recipient(cdll, cdll.mw_feedback_recipient_get(out, i))
                        for i in range(cdll.mw_feedback_recipient_count(out))],
            json=_json(cdll.mw_feedback_to_json, out, optional_cstr(source, "source")),
            **fields)
    finally:
        cdll.mw_feedback_free(out)


# --- SNS ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SnsEnvelope:
    """A verified SNS delivery. ``type`` is "Notification",
    "SubscriptionConfirmation", "UnsubscribeConfirmation" or "raw";
    ``message`` is the payload (for SES: its JSON document)."""

    type: str
    message_id: str
    topic_arn: str
    subject: str
    message: str
    timestamp: str
    subscribe_url: str
    token: str
    unsubscribe_url: str


@contextlib.contextmanager
def sns_options(topic_arns: Iterable[str], trusted_raw: bool, certificates: Optional[Mapping[str, str]]):
    """An ``mw_sns_options`` holding these settings, freed on exit."""
    cdll = lib()
    options = SnsOptionsPtr()
    err = ErrorPtr()
    check_status(cdll.mw_sns_options_new(ctypes.byref(options), ctypes.byref(err)), err)
    try:
        calls = [(cdll.mw_sns_options_set_trusted_raw, 1 if trusted_raw else 0)]
        calls += [(cdll.mw_sns_options_add_topic_arn, cstr(arn, "topic_arns")) for arn in topic_arns]
        calls += [(cdll.mw_sns_options_add_certificate, cstr(url, "certificate url"), cstr(pem, "pem"))
                  for url, pem in (certificates or {}).items()]
        for fn, *args in calls:
            err = ErrorPtr()
            check_status(fn(options, *args, ctypes.byref(err)), err)
        yield options
    finally:
        cdll.mw_sns_options_free(options)


def envelope_of(cdll, envelope) -> SnsEnvelope:
    """The fields of a borrowed ``mw_sns_envelope``."""
    return SnsEnvelope(**{name: text(getattr(cdll, "mw_sns_envelope_" + name)(envelope)) for name in (
        "type", "message_id", "topic_arn", "subject", "message", "timestamp", "subscribe_url",
        "token", "unsubscribe_url")})


class SnsVerifier(ObjectRef):
    """Checks SNS deliveries (mw_sns_verifier): envelope, signature version,
    SigningCertURL, topic, then the signature.

    ``topic_arns``: the accepted topics (empty: every topic);
    ``trusted_raw``: accept a body that is not an envelope as a raw delivery
    (trusted channels only); ``certificates``: {SigningCertURL: PEM text} —
    the library fetches none itself. Thread-safe; close it (or use ``with``).
    """

    _kind = "SnsVerifier"

    def __init__(self, *, topic_arns: Iterable[str] = (), trusted_raw: bool = False,
                 certificates: Optional[Mapping[str, str]] = None):
        with sns_options(topic_arns, trusted_raw, certificates) as options:
            handle = SnsVerifierPtr()
            err = ErrorPtr()
            check_status(lib().mw_sns_verifier_open(ctypes.byref(handle), options, ctypes.byref(err)), err)
        super().__init__(handle)

    def add_certificate(self, url: str, pem: str) -> None:
        """Supply the PEM certificate SNS serves at ``url``."""
        err = ErrorPtr()
        check_status(lib().mw_sns_verifier_add_certificate(self._handle, cstr(url, "url"), cstr(pem, "pem"),
                                                           ctypes.byref(err)), err)

    def verify(self, body: Document) -> SnsEnvelope:
        """The envelope of a delivery that passes every check.

        A refused delivery raises AuthError (bad_signature, bad_cert_url,
        topic_not_allowed) or ParseError (unsupported_version, missing_field,
        not_an_envelope) whose ``rejection`` names the rejection; a
        certificate not supplied raises NotFoundError (``rejection`` None).
        """
        data = _bytes(body, "body")
        cdll = lib()
        out = SnsEnvelopePtr()
        err = ErrorPtr()
        status = cdll.mw_sns_verify(ctypes.byref(out), self._handle, data, len(data), ctypes.byref(err))
        rejection = text(cdll.mw_sns_rejection_name(err)) if err else ""
        try:
            check_status(status, err)
        except Exception as exc:
            exc.rejection = rejection or None
            raise
        try:
            return envelope_of(cdll, out)
        finally:
            cdll.mw_sns_envelope_free(out)

    def _dispose(self, ptr) -> None:
        lib().mw_sns_verifier_free(ptr)


# --- tracker values ------------------------------------------------------------


@dataclass(frozen=True)
class Suppression:
    """A suppressed address in ``account`` ("*": every account). ``evidence_key``,
    ``status`` and ``diagnostic`` come from the feedback that caused it;
    ``note`` from a manual one."""

    account: str
    address: str
    reason: BounceSuppressionReason
    at: Optional[datetime]
    evidence_key: str
    status: str
    diagnostic: str
    note: str
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class StatusChange:
    """One status change of an account (the audit log's entries)."""

    account: str
    at: Optional[datetime]
    from_status: AccountStatus
    to_status: AccountStatus
    actor: str
    reason: str
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class AccountStats:
    """One account's figures; the rates are fractions (0.05 = 5 %) over the
    window, the totals count everything."""

    account: str
    status: AccountStatus
    sends: int
    hard_bounces: int
    soft_bounces: int
    complaints: int
    bounce_rate: float
    complaint_rate: float
    total_sends: int
    total_hard_bounces: int
    total_soft_bounces: int
    total_complaints: int
    total_deliveries: int
    status_since: Optional[datetime]
    status_reason: str
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest or recorded send did."""

    events: int
    duplicates: int
    sends: int
    deliveries: int
    hard_bounces: int
    soft_bounces: int
    complaints: int
    ignored: int
    suppressed: list[Suppression]
    status_changes: list[StatusChange]
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class SuppressionPage:
    """Suppressions in address order; pass ``next_after`` to get the next
    page ("" on the last one)."""

    suppressions: list[Suppression]
    next_after: str


def _suppression(cdll, s) -> Suppression:
    return Suppression(
        account=text(cdll.mw_suppression_account(s)),
        address=text(cdll.mw_suppression_address(s)),
        reason=_enum(BounceSuppressionReason, cdll.mw_suppression_reason(s)),
        at=_time(cdll.mw_suppression_at(s)),
        evidence_key=text(cdll.mw_suppression_evidence_key(s)),
        status=text(cdll.mw_suppression_status(s)),
        diagnostic=text(cdll.mw_suppression_diagnostic(s)),
        note=text(cdll.mw_suppression_note(s)),
        json=_json(cdll.mw_suppression_to_json, s))


def _status_change(cdll, c) -> StatusChange:
    return StatusChange(
        account=text(cdll.mw_status_change_account(c)),
        at=_time(cdll.mw_status_change_at(c)),
        from_status=_enum(AccountStatus, cdll.mw_status_change_from(c)),
        to_status=_enum(AccountStatus, cdll.mw_status_change_to(c)),
        actor=text(cdll.mw_status_change_actor(c)),
        reason=text(cdll.mw_status_change_reason(c)),
        json=_json(cdll.mw_status_change_to_json, c))


def _take_stats(out) -> AccountStats:
    cdll = lib()
    try:
        counts = {name: getattr(cdll, "mw_account_stats_" + name)(out) for name in (
            "sends", "hard_bounces", "soft_bounces", "complaints", "bounce_rate", "complaint_rate",
            "total_sends", "total_hard_bounces", "total_soft_bounces", "total_complaints", "total_deliveries")}
        return AccountStats(
            account=text(cdll.mw_account_stats_account(out)),
            status=_enum(AccountStatus, cdll.mw_account_stats_status(out)),
            status_since=_time(cdll.mw_account_stats_status_since(out)),
            status_reason=text(cdll.mw_account_stats_status_reason(out)),
            json=_json(cdll.mw_account_stats_to_json, out),
            **counts)
    finally:
        cdll.mw_account_stats_free(out)


def report_of(cdll, report) -> IngestReport:
    """The contents of a borrowed ``mw_ingest_report``."""
    counts = {name: getattr(cdll, "mw_ingest_report_" + name)(report) for name in (
        "events", "duplicates", "sends", "deliveries", "hard_bounces", "soft_bounces", "complaints",
        "ignored")}
    return IngestReport(
        suppressed=[_suppression(cdll, cdll.mw_ingest_report_suppressed_get(report, i))
                    for i in range(cdll.mw_ingest_report_suppressed_count(report))],
        status_changes=[_status_change(cdll, cdll.mw_ingest_report_status_change_get(report, i))
                        for i in range(cdll.mw_ingest_report_status_change_count(report))],
        json=_json(cdll.mw_ingest_report_to_json, report),
        **counts)


def _take_report(out) -> IngestReport:
    cdll = lib()
    try:
        return report_of(cdll, out)
    finally:
        cdll.mw_ingest_report_free(out)


@dataclass(frozen=True)
class SendReceipt:
    """What :meth:`Registry.send_receipt` did: the message id, the
    recipients left out as suppressed, and ``record_error`` (not "" when the
    mail went out but the tracker could not record the send)."""

    message_id: str
    suppressed: list[str]
    record_error: str


def take_receipt(out) -> SendReceipt:
    cdll = lib()
    try:
        return SendReceipt(
            message_id=text(cdll.mw_send_receipt_message_id(out)),
            suppressed=[text(cdll.mw_send_receipt_suppressed_get(out, i))
                        for i in range(cdll.mw_send_receipt_suppressed_count(out))],
            record_error=text(cdll.mw_send_receipt_record_error(out)))
    finally:
        cdll.mw_send_receipt_free(out)


# --- tracker policy ------------------------------------------------------------


@dataclass(frozen=True)
class TrackerPolicy:
    """The tracker's lines and counts; None keeps the library's default.

    Rates are fractions in (0, 1]; ``bounce_warning`` has no default line.
    ``soft_bounce_limit`` soft bounces within ``soft_bounce_period`` seconds
    suppress an address (0: never). ``default_account`` is not used by a
    registry's tracker (it takes the registry's).
    """

    bounce_suspend: Optional[float] = None
    bounce_warning: Optional[float] = None
    complaint_warning: Optional[float] = None
    complaint_suspend: Optional[float] = None
    window_sends: Optional[int] = None
    minimum_sends: Optional[int] = None
    soft_bounce_limit: Optional[int] = None
    soft_bounce_period: int = 7 * 24 * 3600
    suppress_globally: bool = False
    count_simulator: bool = False
    default_account: Optional[str] = None


@contextlib.contextmanager
def tracker_options(policy: Optional[TrackerPolicy]):
    """An ``mw_tracker_options *`` holding policy (NULL for None), freed after."""
    if policy is None:
        yield None
        return
    if not isinstance(policy, TrackerPolicy):
        raise TypeError(f"policy must be a TrackerPolicy, not {type(policy).__name__}")
    cdll = lib()
    options = TrackerOptionsPtr()
    err = ErrorPtr()
    check_status(cdll.mw_tracker_options_new(ctypes.byref(options), ctypes.byref(err)), err)
    try:
        calls = [(cdll.mw_tracker_options_set_suppress_globally, 1 if policy.suppress_globally else 0),
                 (cdll.mw_tracker_options_set_count_simulator, 1 if policy.count_simulator else 0)]
        for name in ("bounce_suspend", "bounce_warning", "complaint_warning", "complaint_suspend",
                     "window_sends", "minimum_sends"):
            if getattr(policy, name) is not None:
                calls.append((getattr(cdll, "mw_tracker_options_set_" + name), getattr(policy, name)))
        if policy.soft_bounce_limit is not None:
            calls.append((cdll.mw_tracker_options_set_soft_bounce_limit, policy.soft_bounce_limit,
                          policy.soft_bounce_period))
        if policy.default_account is not None:
            calls.append((cdll.mw_tracker_options_set_default_account,
                          cstr(policy.default_account, "default_account")))
        for fn, *args in calls:
            err = ErrorPtr()
            check_status(fn(options, *args, ctypes.byref(err)), err)
        yield options
    finally:
        cdll.mw_tracker_options_free(options)


# --- the tracker ---------------------------------------------------------------

StatusCallback = Callable[[StatusChange], None]


def _deliver(change_ptr, token) -> None:
    deliver(token, lambda callback: callback(_status_change(lib(), change_ptr)))


_DELIVER = TrackerStatusFn(_deliver)


class BounceTracker(CallbackOwner, ObjectRef):
    """The bounce and complaint tracker (mw_tracker) over a SQLite store, or
    a PostgreSQL database when ``store_path`` is a ``"postgresql://…"`` URL.

    ``BounceTracker(store_path, policy=TrackerPolicy(...))`` opens the
    tracker's tables in that file (a registry's file may hold them: its sends
    are then gated by what this tracker records); :meth:`of_registry` gives
    the tracker a Registry already uses. Either may be closed first.
    ``account=None`` means the default account everywhere. Thread-safe;
    close it (or use ``with``).
    """

    _kind = "BounceTracker"

    def __init__(self, store_path: Union[str, os.PathLike], policy: Optional[TrackerPolicy] = None, *,
                 _handle=None):
        if _handle is None:
            path = cstr(store_path, "store_path")
            with tracker_options(policy) as options:
                _handle = TrackerPtr()
                err = ErrorPtr()
                check_status(lib().mw_tracker_open(ctypes.byref(_handle), path, options, ctypes.byref(err)), err)
        super().__init__(_handle)
        self._init_callbacks()

    @classmethod
    def of_registry(cls, registry) -> "BounceTracker":
        """The tracker that gates ``registry``'s sends (same store, its default account)."""
        handle = TrackerPtr()
        err = ErrorPtr()
        check_status(lib().mw_registry_tracker(ctypes.byref(handle), registry._handle, ctypes.byref(err)), err)
        return cls(None, _handle=handle)

    def _out(self, fn, out, *args) -> None:
        ptr = self._live()
        err = ErrorPtr()
        check_status(fn(ctypes.byref(out), ptr, *args, ctypes.byref(err)), err)

    def ingest(self, document: Document, account: Optional[str] = None) -> IngestReport:
        """Classify one document and apply it (counts, suppressions, status);
        the same document twice changes nothing. ``account`` None: the
        account of the recorded send each recipient matches, else the default."""
        data = _bytes(document, "document")
        out = IngestReportPtr()
        self._out(lib().mw_tracker_ingest, out, data, len(data), optional_cstr(account, "account"))
        return _take_report(out)

    def ingest_batch(self, documents: Iterable[Document], account: Optional[str] = None) -> IngestReport:
        """Apply several documents atomically: all of them or, on any error, none."""
        items = [_bytes(d, f"documents[{i}]") for i, d in enumerate(documents)]
        array = (ctypes.c_char_p * max(1, len(items)))(*items)
        lengths = (ctypes.c_size_t * max(1, len(items)))(*(len(d) for d in items))
        out = IngestReportPtr()
        self._out(lib().mw_tracker_ingest_batch, out, array, lengths, len(items),
                  optional_cstr(account, "account"))
        return _take_report(out)

    def record_send(self, message_id: str, recipients: Iterable[str],
                    account: Optional[str] = None) -> IngestReport:
        """Record a send made outside the tracker's sight (once per message and recipient)."""
        array, count = _strings(recipients, "recipients")
        out = IngestReportPtr()
        self._out(lib().mw_tracker_record_send, out, optional_cstr(account, "account"),
                  cstr(message_id, "message_id"), array, count)
        return _take_report(out)

    def stats(self, account: Optional[str] = None) -> AccountStats:
        """The account's figures (zeros for an account never seen)."""
        out = AccountStatsPtr()
        self._out(lib().mw_tracker_stats, out, optional_cstr(account, "account"))
        return _take_stats(out)

    def resume(self, actor: str, reason: str, account: Optional[str] = None) -> AccountStats:
        """Lift a suspension (or clear a warning), logged with ``actor`` and
        ``reason``; the rate window starts afresh. InvalidArgumentError when
        either is empty."""
        out = AccountStatsPtr()
        self._out(lib().mw_tracker_resume, out, optional_cstr(account, "account"), cstr(actor, "actor"),
                  cstr(reason, "reason"))
        return _take_stats(out)

    def audit_log(self, account: Optional[str] = None) -> list[StatusChange]:
        """The account's status changes, oldest first."""
        out = StatusChangeListPtr()
        self._out(lib().mw_tracker_audit_log, out, optional_cstr(account, "account"))
        cdll = lib()
        try:
            return [_status_change(cdll, cdll.mw_status_change_list_get(out, i))
                    for i in range(cdll.mw_status_change_list_count(out))]
        finally:
            cdll.mw_status_change_list_free(out)

    def find_suppression(self, address: str, account: Optional[str] = None) -> Optional[Suppression]:
        """The suppression that applies to ``address`` (the account's or a global one), or None."""
        out = SuppressionPtr()
        try:
            self._out(lib().mw_tracker_find_suppression, out, cstr(address, "address"),
                      optional_cstr(account, "account"))
        except NotFoundError:
            return None
        return self._take_suppression(out)

    def suppressions(self, account: Optional[str] = None, limit: int = 1000,
                     after: Optional[str] = None) -> SuppressionPage:
        """One page of the account's suppressions ("*": the global ones), after ``after``."""
        out = SuppressionPagePtr()
        self._out(lib().mw_tracker_list_suppressions, out, optional_cstr(account, "account"), limit,
                  optional_cstr(after, "after"))
        cdll = lib()
        try:
            return SuppressionPage(
                suppressions=[_suppression(cdll, cdll.mw_suppression_page_get(out, i))
                              for i in range(cdll.mw_suppression_page_count(out))],
                next_after=text(cdll.mw_suppression_page_next_after(out)))
        finally:
            cdll.mw_suppression_page_free(out)

    def suppress(self, address: str, account: Optional[str] = None, note: Optional[str] = None) -> Suppression:
        """Suppress ``address`` by hand (``account`` "*": everywhere)."""
        out = SuppressionPtr()
        self._out(lib().mw_tracker_suppress, out, cstr(address, "address"), optional_cstr(account, "account"),
                  optional_cstr(note, "note"))
        return self._take_suppression(out)

    def unsuppress(self, address: str, account: Optional[str] = None) -> bool:
        """Lift the account's suppression of ``address``; False when there was none."""
        ptr = self._live()
        err = ErrorPtr()
        try:
            check_status(lib().mw_tracker_unsuppress(ptr, cstr(address, "address"),
                                                     optional_cstr(account, "account"), ctypes.byref(err)), err)
        except NotFoundError:
            return False
        return True

    @staticmethod
    def _take_suppression(out) -> Suppression:
        cdll = lib()
        try:
            return _suppression(cdll, out)
        finally:
            cdll.mw_suppression_free(out)

    def subscribe(self, callback: StatusCallback) -> int:
        """Call ``callback(change)`` on every status change; returns a token
        for :meth:`unsubscribe`."""
        cdll = lib()
        return self._subscribe(cdll.mw_tracker_subscribe, cdll.mw_tracker_unsubscribe, _DELIVER, callback)

    def unsubscribe(self, token: int) -> None:
        """Stop calling the callback of ``token``; also from inside a callback.
        Unknown tokens, and tokens of a closed tracker, are ignored."""
        self._unsubscribe(lib().mw_tracker_unsubscribe, token)

    def close(self) -> None:
        """Release the tracker; safe more than once, from any thread, also
        from a callback. Raises CallbackError after closing when callbacks
        raised since the last call."""
        self._close_with_callbacks()

    def _dispose(self, ptr) -> None:
        lib().mw_tracker_free(ptr)
