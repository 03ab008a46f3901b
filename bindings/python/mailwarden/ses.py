"""SesClient: Amazon SES v2 calls through the library (mw_ses_client).

Every call is signed with SigV4 and sent over keep-alive HTTPS; throttling
and transient failures are retried with capped exponential backoff, and
``send_email`` is paced at the account's MaxSendRate unless ``rate_limit``
is off. Failures raise the exception of their status code (see
:mod:`mailwarden.errors`): NotFoundError, AlreadyExistsError,
InvalidArgumentError (bad request, message rejected, bad configuration),
NotVerifiedError (MAIL FROM domain not verified), SuspendedError,
OperationTimeoutError, ParseError, AuthError (access denied, no
credentials), OperationCancelledError, and TransportError for everything
else. The exception tells what SES said: ``service_code``
("MessageRejected", "Throttling" ...), ``http_status``, ``request_id``,
``attempts``, ``retryable`` and ``outcome_unknown`` (a send that may have
gone out). The message never contains credentials.

Threads
-------
The client is thread-safe: any method may be called from any thread, and
ctypes releases the GIL while a call waits for SES. The library owns the
client's lifetime: ``close()`` releases the binding's reference at once;
calls already running finish, and registries opened over the client keep
using it. Calls made after ``close()`` raise
:class:`~mailwarden.errors.ClosedHandleError`.
"""

from __future__ import annotations

import ctypes
import enum
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional, Union

from ._handle import ObjectRef, open_with_options
from ._lib import (ErrorPtr, SesClientPtr, SesIdentityPagePtr, SesIdentityPtr, SesOptionsPtr,
                   SesSuppressionPagePtr, SuppressedDestinationPtr, lib)
from .errors import check_status
from ._strings import cstr, optional_cstr, take_string, text


class SuppressionReason(enum.IntEnum):
    """Why an address is on the account's suppression list (MW_SES_SUPPRESSION_*)."""

    BOUNCE = 0
    COMPLAINT = 1


class MxFailureBehavior(enum.IntEnum):
    """What SES does when the custom MAIL FROM domain's MX is missing (MW_SES_MX_FAILURE_*)."""

    #: Send with SES's own MAIL FROM (amazonses.com).
    USE_DEFAULT_VALUE = 0
    #: Refuse the message (MailFromDomainNotVerified).
    REJECT_MESSAGE = 1


@dataclass(frozen=True)
class SesIdentity:
    """An email identity (address or domain) as SES reported it; a copy."""

    name: str
    #: "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN".
    type: str
    #: "PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED" or "UNKNOWN".
    verification_status: str
    verified_for_sending: bool
    #: Easy DKIM tokens of a domain: publish <token>._domainkey.<domain> CNAMEs.
    dkim_tokens: tuple[str, ...]
    #: Everything the library knows, as in mw_ses_identity_to_json (dkim, mail_from ...).
    details: dict[str, Any]
    #: The custom MAIL FROM domain; "" when the identity uses SES's own.
    mail_from_domain: str = ""
    #: Its status: "PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE" or "UNKNOWN".
    mail_from_status: str = "UNKNOWN"
    #: "USE_DEFAULT_VALUE" or "REJECT_MESSAGE" as SES reports it; "" when absent.
    mail_from_behavior: str = ""


@dataclass(frozen=True)
class SesIdentitySummary:
    """One identity of a ListEmailIdentities page (no DKIM or MAIL FROM details)."""

    name: str
    #: "EMAIL_ADDRESS", "DOMAIN" or "MANAGED_DOMAIN".
    type: str
    #: As SesIdentity.verification_status.
    verification_status: str
    #: True when SES lets the identity send.
    sending_enabled: bool


@dataclass(frozen=True)
class SesIdentityPage:
    """One page of ListEmailIdentities."""

    identities: tuple[SesIdentitySummary, ...]
    #: Pass it to list_identities() for the next page; None on the last page.
    next_token: Optional[str]


@dataclass(frozen=True)
class SesAccount:
    """The sending quota and state of the account (GetAccount)."""

    max_send_rate: float
    max_24_hour_send: float
    sent_last_24_hours: float
    sending_enabled: bool


@dataclass(frozen=True)
class SuppressedDestination:
    """An address on the suppression list."""

    address: str
    reason: SuppressionReason
    #: When SES last changed the entry (UTC, to the second).
    last_update_time: datetime


@dataclass(frozen=True)
class SesSuppressionPage:
    """One page of ListSuppressedDestinations."""

    destinations: tuple[SuppressedDestination, ...]
    #: Pass it to list_suppressed_destinations() for the next page; None on the last page.
    next_token: Optional[str]


def _copy_identity(ptr) -> SesIdentity:
    cdll = lib()
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_ses_identity_to_json(ctypes.byref(out), ptr, ctypes.byref(err)), err)
    details = json.loads(take_string(out))
    count = cdll.mw_ses_identity_dkim_token_count(ptr)
    return SesIdentity(
        name=text(cdll.mw_ses_identity_name(ptr)),
        type=text(cdll.mw_ses_identity_type(ptr)),
        verification_status=text(cdll.mw_ses_identity_verification_status(ptr)),
        verified_for_sending=bool(cdll.mw_ses_identity_verified_for_sending(ptr)),
        dkim_tokens=tuple(text(cdll.mw_ses_identity_dkim_token_get(ptr, i)) for i in range(count)),
        details=details,
        mail_from_domain=text(cdll.mw_ses_identity_mail_from_domain(ptr)),
        mail_from_status=text(cdll.mw_ses_identity_mail_from_status(ptr)),
        mail_from_behavior=text(cdll.mw_ses_identity_mail_from_behavior(ptr)),
    )


def _take_identity(ptr) -> SesIdentity:
    try:
        return _copy_identity(ptr)
    finally:
        lib().mw_ses_identity_free(ptr)


def _copy_summary(cdll, identity) -> SesIdentitySummary:
    """An identity borrowed from a page (no DKIM or MAIL FROM details)."""
    return SesIdentitySummary(
        name=text(cdll.mw_ses_identity_name(identity)),
        type=text(cdll.mw_ses_identity_type(identity)),
        verification_status=text(cdll.mw_ses_identity_verification_status(identity)),
        sending_enabled=bool(cdll.mw_ses_identity_verified_for_sending(identity)))


def _take_identity_page(ptr) -> SesIdentityPage:
    cdll = lib()
    try:
        identities = tuple(_copy_summary(cdll, cdll.mw_ses_identity_page_get(ptr, i))
                           for i in range(cdll.mw_ses_identity_page_count(ptr)))
        return SesIdentityPage(identities, text(cdll.mw_ses_identity_page_next_token(ptr)) or None)
    finally:
        cdll.mw_ses_identity_page_free(ptr)


def _copy_destination(cdll, destination) -> SuppressedDestination:
    return SuppressedDestination(
        address=text(cdll.mw_ses_suppressed_destination_address(destination)),
        reason=SuppressionReason(cdll.mw_ses_suppressed_destination_reason(destination)),
        last_update_time=datetime.fromtimestamp(
            cdll.mw_ses_suppressed_destination_last_update_time(destination), timezone.utc))


def _take_suppression_page(ptr) -> SesSuppressionPage:
    cdll = lib()
    try:
        destinations = tuple(_copy_destination(cdll, cdll.mw_ses_suppression_page_get(ptr, i))
                             for i in range(cdll.mw_ses_suppression_page_count(ptr)))
        return SesSuppressionPage(destinations, text(cdll.mw_ses_suppression_page_next_token(ptr)) or None)
    finally:
        cdll.mw_ses_suppression_page_free(ptr)


def _page_size(page_size: int) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise TypeError("page_size must be an int")
    return page_size


class SesClient(ObjectRef):
    """A client of Amazon SES v2 (or a compatible local server).

    All keywords are optional. ``region`` ("eu-west-1"; default from
    AWS_REGION, AWS_DEFAULT_REGION or the profile), ``endpoint`` (default
    https://email.<region>.amazonaws.com), ``allow_plaintext`` (allow http://
    endpoints: local test servers only), ``ca_file`` (trusted roots, PEM),
    ``access_key_id`` + ``secret_access_key`` [+ ``session_token``] (explicit
    credentials; otherwise the default chain: environment, then ~/.aws files,
    read on each call), ``max_attempts`` (1..10, default 3),
    ``retry_non_idempotent`` (also retry a send whose outcome is unknown: the
    message may go out twice), ``rate_limit`` (pace sends at MaxSendRate,
    default on) and ``max_send_rate`` (messages per second to pace at instead
    of asking GetAccount).

    Opening sends nothing; the library checks the options (a bad endpoint,
    half of the credentials, a negative rate: InvalidArgumentError).
    """

    _kind = "SesClient"

    def __init__(self, *, region: Optional[str] = None, endpoint: Optional[str] = None,
                 allow_plaintext: bool = False, ca_file: Union[str, os.PathLike, None] = None,
                 access_key_id: Optional[str] = None, secret_access_key: Optional[str] = None,
                 session_token: Optional[str] = None, max_attempts: Optional[int] = None,
                 retry_non_idempotent: bool = False, rate_limit: bool = True,
                 max_send_rate: Optional[float] = None):
        settings: list[tuple] = [
            ("mw_ses_options_set_allow_plaintext", 1 if allow_plaintext else 0),
            ("mw_ses_options_set_retry_non_idempotent", 1 if retry_non_idempotent else 0),
            ("mw_ses_options_set_rate_limit", 1 if rate_limit else 0),
        ]
        if region is not None:
            settings.append(("mw_ses_options_set_region", cstr(region, "region")))
        if endpoint is not None:
            settings.append(("mw_ses_options_set_endpoint", cstr(endpoint, "endpoint")))
        if ca_file is not None:
            settings.append(("mw_ses_options_set_ca_file", cstr(ca_file, "ca_file")))
        if access_key_id is not None or secret_access_key is not None or session_token is not None:
            settings.append(("mw_ses_options_set_credentials",
                             optional_cstr(access_key_id, "access_key_id"),
                             optional_cstr(secret_access_key, "secret_access_key"),
                             optional_cstr(session_token, "session_token")))
        if max_attempts is not None:
            if isinstance(max_attempts, bool) or not isinstance(max_attempts, int):
                raise TypeError("max_attempts must be an int")
            settings.append(("mw_ses_options_set_max_attempts", max_attempts))
        if max_send_rate is not None:
            if isinstance(max_send_rate, bool) or not isinstance(max_send_rate, (int, float)):
                raise TypeError("max_send_rate must be a number")
            settings.append(("mw_ses_options_set_max_send_rate", float(max_send_rate)))

        super().__init__(open_with_options("mw_ses_options", "mw_ses_client_open", SesOptionsPtr, SesClientPtr,
                                           settings))

    def _call(self, fn, *args, out=()) -> None:
        """fn(*out, ptr, *args, &err): the outputs come before the handle; raises on failure."""
        err = ErrorPtr()
        check_status(fn(*out, self._handle, *args, ctypes.byref(err)), err)

    def _dispose(self, ptr) -> None:
        lib().mw_ses_client_free(ptr)

    # --- identities ------------------------------------------------------------

    def create_identity(self, identity: str) -> SesIdentity:
        """CreateEmailIdentity: an address gets a verification mail, a domain DKIM tokens.

        Raises AlreadyExistsError, InvalidArgumentError, TransportError ...
        """
        out = SesIdentityPtr()
        self._call(lib().mw_ses_create_identity, cstr(identity, "identity"), out=(ctypes.byref(out),))
        return _take_identity(out)

    def get_identity(self, identity: str) -> SesIdentity:
        """GetEmailIdentity. Raises NotFoundError when SES does not know it."""
        out = SesIdentityPtr()
        self._call(lib().mw_ses_get_identity, cstr(identity, "identity"), out=(ctypes.byref(out),))
        return _take_identity(out)

    def delete_identity(self, identity: str) -> None:
        """DeleteEmailIdentity. Raises NotFoundError when SES does not know it."""
        self._call(lib().mw_ses_delete_identity, cstr(identity, "identity"))

    def list_identities(self, page_size: int = 0, next_token: Optional[str] = None) -> SesIdentityPage:
        """ListEmailIdentities, one page of at most ``page_size`` (1..1000; 0 lets SES choose).

        ``next_token`` is None for the first page, else the ``next_token`` of
        the page before. Raises InvalidArgumentError for a page size out of
        range, TransportError ...
        """
        out = SesIdentityPagePtr()
        self._call(lib().mw_ses_list_identities, _page_size(page_size),
                   optional_cstr(next_token, "next_token"), out=(ctypes.byref(out),))
        return _take_identity_page(out)

    def iter_identities(self, page_size: int = 0) -> Iterator[SesIdentitySummary]:
        """Every identity of the account, asking for one page at a time as the iteration goes."""
        token: Optional[str] = None
        while True:
            page = self.list_identities(page_size, token)
            yield from page.identities
            if page.next_token is None or page.next_token == token:
                return
            token = page.next_token

    def put_identity_mail_from(self, identity: str, mail_from_domain: Optional[str],
                               behavior_on_mx_failure: MxFailureBehavior = MxFailureBehavior.USE_DEFAULT_VALUE
                               ) -> None:
        """PutEmailIdentityMailFromAttributes: send ``identity``'s mail with a custom MAIL FROM.

        ``mail_from_domain`` is a subdomain of a verified domain
        ("bounce.iana.org"); None or "" goes back to SES's own. get_identity()
        then reports it (``mail_from_domain``, ``mail_from_status``,
        ``mail_from_behavior``). Raises NotFoundError for an unknown identity,
        InvalidArgumentError ...
        """
        if isinstance(behavior_on_mx_failure, bool) or not isinstance(behavior_on_mx_failure, int):
            raise TypeError("behavior_on_mx_failure must be an MxFailureBehavior")
        self._call(lib().mw_ses_put_identity_mail_from, cstr(identity, "identity"),
                   optional_cstr(mail_from_domain, "mail_from_domain"), int(behavior_on_mx_failure))

    # --- sending -----------------------------------------------------------------

    def send_email(self, *, from_address: Optional[str] = None, to: Iterable[str] = (),
                   subject: Optional[str] = None, text: Optional[str] = None,
                   html: Optional[str] = None, display_name: Optional[str] = None,
                   raw: Union[str, bytes, None] = None) -> str:
        """SendEmail; returns the SES message id.

        Either ``raw`` (a complete RFC 5322 message; ``from_address``, ``to``
        and ``display_name`` optional, no subject/text/html) or
        ``from_address``, ``to``, ``subject`` and ``text`` and/or ``html``.
        Raises InvalidArgumentError (missing arguments, MessageRejected),
        OperationTimeoutError, TransportError ...; when the error's
        ``outcome_unknown`` is true the mail may or may not have gone out
        (check before sending again).
        """
        if isinstance(to, (str, bytes)):
            raise TypeError("to must be a list of addresses, not a single string")
        recipients = [cstr(a, "to") for a in to]
        array = (ctypes.c_char_p * max(len(recipients), 1))(*recipients)
        out = ctypes.c_void_p()
        self._call(lib().mw_ses_send_email,
                   optional_cstr(from_address, "from_address"),
                   optional_cstr(display_name, "display_name"),
                   array, len(recipients),
                   optional_cstr(subject, "subject"), optional_cstr(text, "text"),
                   optional_cstr(html, "html"), optional_cstr(raw, "raw"),
                   out=(ctypes.byref(out),))
        return take_string(out)

    def get_account(self) -> SesAccount:
        """GetAccount: the sending quota and whether sending is enabled."""
        rate, max24, sent = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        enabled = ctypes.c_int()
        self._call(lib().mw_ses_get_account,
                   out=(ctypes.byref(rate), ctypes.byref(max24), ctypes.byref(sent),
                        ctypes.byref(enabled)))
        return SesAccount(rate.value, max24.value, sent.value, bool(enabled.value))

    # --- suppression list --------------------------------------------------------

    def put_suppressed_destination(self, address: str,
                                   reason: SuppressionReason = SuppressionReason.BOUNCE) -> None:
        """PutSuppressedDestination: SES will not send to ``address``."""
        if isinstance(reason, bool) or not isinstance(reason, int):
            raise TypeError("reason must be a SuppressionReason")
        self._call(lib().mw_ses_put_suppressed_destination, cstr(address, "address"), int(reason))

    def get_suppressed_destination(self, address: str) -> SuppressedDestination:
        """GetSuppressedDestination. Raises NotFoundError when not suppressed."""
        out = SuppressedDestinationPtr()
        self._call(lib().mw_ses_get_suppressed_destination, cstr(address, "address"),
                   out=(ctypes.byref(out),))
        cdll = lib()
        try:
            return _copy_destination(cdll, out)
        finally:
            cdll.mw_ses_suppressed_destination_free(out)

    def delete_suppressed_destination(self, address: str) -> None:
        """DeleteSuppressedDestination. Raises NotFoundError when not suppressed."""
        self._call(lib().mw_ses_delete_suppressed_destination, cstr(address, "address"))

    def list_suppressed_destinations(self, page_size: int = 0,
                                     next_token: Optional[str] = None) -> SesSuppressionPage:
        """ListSuppressedDestinations, one page of at most ``page_size`` (1..1000; 0 lets SES choose).

        ``next_token`` is None for the first page, else the ``next_token`` of
        the page before.
        """
        out = SesSuppressionPagePtr()
        self._call(lib().mw_ses_list_suppressed_destinations, _page_size(page_size),
                   optional_cstr(next_token, "next_token"), out=(ctypes.byref(out),))
        return _take_suppression_page(out)

    def iter_suppressed_destinations(self, page_size: int = 0) -> Iterator[SuppressedDestination]:
        """The whole suppression list, asking for one page at a time as the iteration goes."""
        token: Optional[str] = None
        while True:
            page = self.list_suppressed_destinations(page_size, token)
            yield from page.destinations
            if page.next_token is None or page.next_token == token:
                return
            token = page.next_token

    # --- custom verification emails ------------------------------------------------

    def create_custom_verification_email_template(self, name: str, *, from_address: str, subject: str,
                                                  html: str, success_url: str, failure_url: str) -> None:
        """CreateCustomVerificationEmailTemplate: the verification mail SES sends for ``name``.

        ``from_address`` is a verified address; ``html`` is the body (SES adds
        the link); the recipient lands on ``success_url`` or ``failure_url``
        after clicking. All are required. Raises AlreadyExistsError,
        InvalidArgumentError ...
        """
        self._call(lib().mw_ses_create_custom_verification_email_template, cstr(name, "name"),
                   cstr(from_address, "from_address"), cstr(subject, "subject"), cstr(html, "html"),
                   cstr(success_url, "success_url"), cstr(failure_url, "failure_url"))

    def send_custom_verification_email(self, address: str, template_name: str,
                                       configuration_set: Optional[str] = None) -> str:
        """SendCustomVerificationEmail; returns the SES message id.

        Adds ``address`` as an identity (if it is not one) and sends it the
        template's verification mail. Not retried after a failure that may
        have reached SES unless ``retry_non_idempotent``. Raises NotFoundError
        for an unknown template, InvalidArgumentError, TransportError ...
        """
        out = ctypes.c_void_p()
        self._call(lib().mw_ses_send_custom_verification_email, cstr(address, "address"),
                   cstr(template_name, "template_name"),
                   optional_cstr(configuration_set, "configuration_set"), out=(ctypes.byref(out),))
        return take_string(out)
