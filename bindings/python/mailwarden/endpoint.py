"""The handler a web application plugs into the route Amazon SNS POSTs to.

``FeedbackEndpoint(tracker, topic_arns=[...])`` verifies each delivery
(envelope, certificate URL, topic, signature), commits the SES notification
in it to the tracker and says what to answer SNS with::

    outcome = endpoint.handle(request.body)
    return Response(outcome.message, status=outcome.http_status)

No web framework is imposed: any server, any number of threads.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from ._handle import ObjectRef
from ._lib import EndpointOptionsPtr, ErrorPtr, FeedbackEndpointPtr, FeedbackOutcomePtr, lib
from ._strings import as_bytes, optional_cstr, text
from .bounces import BounceTracker, Document, IngestReport, SnsEnvelope, envelope_of, report_of, sns_options
from .errors import MailwardenError, check_status, exception_of


@dataclass(frozen=True)
class FeedbackOutcome:
    """What one delivery came to.

    ``http_status``: 200 taken (or taken before, or a (un)subscription), 400
    a body the endpoint cannot read, 403 one not to be trusted, 500 or 503 a
    failure on this side (SNS delivers again later). ``envelope`` once
    verified; ``report`` for a committed notification; ``error`` (with
    ``rejection`` naming the SNS check that refused it, or None) when the
    status is not 200; ``confirmed`` when a subscription was confirmed."""

    http_status: int
    message: str
    confirmed: bool
    envelope: Optional[SnsEnvelope]
    report: Optional[IngestReport]
    error: Optional[MailwardenError]


def _outcome_of(cdll, out) -> FeedbackOutcome:
    envelope = cdll.mw_feedback_outcome_envelope(out)
    report = cdll.mw_feedback_outcome_report(out)
    err = cdll.mw_feedback_outcome_error(out)
    error = None
    if err:
        error = exception_of(cdll, err)
        error.rejection = text(cdll.mw_sns_rejection_name(err)) or None
    return FeedbackOutcome(
        http_status=cdll.mw_feedback_outcome_http_status(out),
        message=text(cdll.mw_feedback_outcome_message(out)),
        confirmed=bool(cdll.mw_feedback_outcome_confirmed(out)),
        envelope=envelope_of(cdll, envelope) if envelope else None,
        report=report_of(cdll, report) if report else None,
        error=error)


class FeedbackEndpoint(ObjectRef):
    """An SNS HTTP endpoint over a :class:`BounceTracker` (mw_feedback_endpoint).

    ``topic_arns``: the accepted topics (empty: every topic);
    ``trusted_raw``: accept a raw (unsigned) delivery, for channels the host
    trusts; ``certificates``: {SigningCertURL: PEM text} used before any
    fetch; ``fetch_certificates``: fetch the others over HTTPS (TLS roots
    from ``ca_file``, else the system's); ``auto_confirm``: confirm
    subscriptions to allow-listed topics (needs ``topic_arns``);
    ``account``: the account the feedback is booked to (None: as
    :meth:`BounceTracker.ingest`). The endpoint keeps the tracker open
    itself. Thread-safe; close it (or use ``with``).
    """

    _kind = "FeedbackEndpoint"

    def __init__(self, tracker: BounceTracker, *, topic_arns: Iterable[str] = (), trusted_raw: bool = False,
                 certificates: Optional[Mapping[str, str]] = None, fetch_certificates: bool = True,
                 auto_confirm: bool = False, account: Optional[str] = None, ca_file: Optional[str] = None):
        cdll = lib()
        options = EndpointOptionsPtr()
        err = ErrorPtr()
        check_status(cdll.mw_endpoint_options_new(ctypes.byref(options), ctypes.byref(err)), err)
        try:
            for fn, *args in (
                    (cdll.mw_endpoint_options_set_account, optional_cstr(account, "account")),
                    (cdll.mw_endpoint_options_set_fetch_certificates, 1 if fetch_certificates else 0),
                    (cdll.mw_endpoint_options_set_auto_confirm, 1 if auto_confirm else 0),
                    (cdll.mw_endpoint_options_set_ca_file, optional_cstr(ca_file, "ca_file"))):
                err = ErrorPtr()
                check_status(fn(options, *args, ctypes.byref(err)), err)
            with sns_options(topic_arns, trusted_raw, certificates) as sns:
                handle = FeedbackEndpointPtr()
                err = ErrorPtr()
                check_status(cdll.mw_feedback_endpoint_open(ctypes.byref(handle), tracker._handle, sns, options,
                                                            ctypes.byref(err)), err)
        finally:
            cdll.mw_endpoint_options_free(options)
        super().__init__(handle)

    def handle(self, body: Document) -> FeedbackOutcome:
        """One POST body in; what to answer SNS with out. Refusals and store
        failures are outcomes, not exceptions."""
        data = as_bytes(body, "body")
        cdll = lib()
        out = FeedbackOutcomePtr()
        err = ErrorPtr()
        check_status(cdll.mw_feedback_endpoint_handle(ctypes.byref(out), self._handle, data, len(data),
                                                      ctypes.byref(err)), err)
        try:
            return _outcome_of(cdll, out)
        finally:
            cdll.mw_feedback_outcome_free(out)

    def _dispose(self, ptr) -> None:
        lib().mw_feedback_endpoint_free(ptr)
