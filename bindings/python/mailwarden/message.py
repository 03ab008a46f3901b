"""check_message: a received message's authentication (mw_message_check), as
a mailbox provider's "Show original" shows it: every DKIM signature, SPF for
the connection, DMARC for the From domain, the Authentication-Results fields
already on the message, and our own.

The values are copied out of the library (nothing to free). Results, reasons
and methods are the library's lower-case ids ("pass", "body_hash_mismatch",
"dkim" ...; docs/message-auth.md lists them); a string the library leaves
empty is "".

Threads
-------
check_message may run on any number of threads at once, sharing one
:class:`~mailwarden.Resolver`; ctypes releases the GIL during the check.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional, Union

from ._handle import built_options, taken
from ._lib import ErrorPtr, MessageCheckOptionsPtr, MessageReportPtr, lib
from ._strings import as_bytes, cstr, optional_cstr, take_json, text
from ._values import epoch_seconds
from .domain import Resolver
from .errors import check_status, invalid_argument

# mw_dmarc_mode: how DMARC finds the policy and the organizational domain.
_DMARC_MODES = {"rfc9989": 0, "rfc7489": 1}


@dataclass(frozen=True)
class DkimCheck:
    """One DKIM-Signature field's outcome. ``result``: "pass", "fail",
    "neutral", "policy", "permerror", "temperror"; ``reason`` a stable id
    ("none", "body_hash_mismatch", "key_revoked" ...), ``detail`` one
    sentence ("" on a plain pass). ``domain`` (d=), ``selector`` (s=),
    ``algorithm`` (a=), ``canonicalization`` (c=), ``identity`` (i=, or "@"
    d=), ``signed_headers`` (h=); ``key_bits`` 0 when no key was read,
    ``key_testing`` when the key record says t=y; ``body_hash_expected``
    (bh=) and ``body_hash_computed`` ("" when the body was not hashed)."""

    result: str
    reason: str
    detail: str
    domain: str
    selector: str
    algorithm: str
    canonicalization: str
    identity: str
    signed_headers: tuple[str, ...]
    key_bits: int
    key_testing: bool
    body_hash_expected: str
    body_hash_computed: str


@dataclass(frozen=True)
class SpfCheck:
    """SPF for the connection: ``result`` ("pass", "fail", "softfail",
    "neutral", "none", "temperror", "permerror"), the ``domain`` checked,
    ``scope`` ("mailfrom" or "helo") and the ``explanation``."""

    result: str
    domain: str
    scope: str
    explanation: str


@dataclass(frozen=True)
class AuthResult:
    """One method's entry of an Authentication-Results field: ``method``
    ("spf", "dkim", "dmarc" ...), ``result`` (lower case), ``reason`` (""
    when none) and ``properties``, (name, value) pairs in field order:
    (("smtp.mailfrom", "example.org"), ("header.d", ...))."""

    method: str
    result: str
    reason: str
    properties: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AuthResultsField:
    """An Authentication-Results field found on the message: its
    ``authserv_id`` ("" when the field left it out), one :class:`AuthResult`
    per method, and what could not be read, kept as written (``unparsed``,
    "" when all was read)."""

    authserv_id: str
    results: tuple[AuthResult, ...]
    unparsed: str


@dataclass(frozen=True)
class MessageReport:
    """A message's authentication.

    ``from_domain`` (A-labels; "" when it cannot be read, ``from_problem``
    then says why: "no_from", "multiple_from", "multiple_addresses",
    "unparseable_from"); ``summary``, one line ("SPF: PASS with IP ...; DKIM:
    PASS with domain ...; DMARC: PASS (p=none)"); ``dkim``, every signature,
    top first; ``spf``, None when SPF was not checked (no client IP or no
    resolver); DMARC: ``dmarc_result`` ("pass", "fail", "none", "temperror",
    "permerror"), ``dmarc_reason`` (one sentence), ``dmarc_policy`` (the
    published p=, "" when no record applies), ``dmarc_disposition`` (what it
    asks for this message: "none" unless DMARC fails),
    ``dmarc_record_domain``, ``organizational_domain``, ``spf_aligned`` and
    ``dkim_aligned``; the ARC chain's ``arc_result`` ("none", "pass",
    "fail"), ``arc_reason``, ``arc_hops`` and ``arc_oldest_pass``;
    ``authentication_results``, the fields already on the
    message, top first; ``our_authentication_results``, our result as one
    Authentication-Results field value (folded). ``json`` is the object
    ``mwctl message check --json`` prints."""

    from_domain: str
    from_problem: str
    summary: str
    dkim: tuple[DkimCheck, ...]
    spf: Optional[SpfCheck]
    dmarc_result: str
    dmarc_reason: str
    dmarc_policy: str
    dmarc_disposition: str
    dmarc_record_domain: str
    organizational_domain: str
    spf_aligned: bool
    dkim_aligned: bool
    arc_result: str
    arc_reason: str
    arc_hops: int
    arc_oldest_pass: int
    authentication_results: tuple[AuthResultsField, ...]
    our_authentication_results: str
    json: str = field(repr=False, compare=False)

    def to_json(self) -> str:
        """The library's JSON object for this report (``json``)."""
        return self.json


# --- copying out of the library ------------------------------------------------


def _dkim_check_of(cdll, c) -> DkimCheck:
    return DkimCheck(
        **{name: text(getattr(cdll, "mw_dkim_check_" + name)(c)) for name in (
            "result", "reason", "detail", "domain", "selector", "algorithm", "canonicalization", "identity",
            "body_hash_expected", "body_hash_computed")},
        signed_headers=tuple(text(cdll.mw_dkim_check_signed_header(c, i))
                             for i in range(cdll.mw_dkim_check_signed_header_count(c))),
        key_bits=cdll.mw_dkim_check_key_bits(c),
        key_testing=bool(cdll.mw_dkim_check_key_testing(c)))


def _auth_results_of(cdll, f) -> AuthResultsField:
    def entry(i) -> AuthResult:
        return AuthResult(
            method=text(cdll.mw_auth_results_method(f, i)), result=text(cdll.mw_auth_results_result(f, i)),
            reason=text(cdll.mw_auth_results_reason(f, i)),
            properties=tuple((text(cdll.mw_auth_results_property_name(f, i, j)),
                              text(cdll.mw_auth_results_property_value(f, i, j)))
                             for j in range(cdll.mw_auth_results_property_count(f, i))))

    return AuthResultsField(authserv_id=text(cdll.mw_auth_results_authserv_id(f)),
                            results=tuple(entry(i) for i in range(cdll.mw_auth_results_count(f))),
                            unparsed=text(cdll.mw_auth_results_unparsed(f)))


def _report_of(cdll, r) -> MessageReport:
    def string(name: str) -> str:
        return text(getattr(cdll, "mw_message_report_" + name)(r))

    spf = None
    if cdll.mw_message_report_spf_checked(r):
        spf = SpfCheck(result=string("spf_result"), domain=string("spf_domain"), scope=string("spf_scope"),
                       explanation=string("spf_explanation"))
    return MessageReport(
        **{name: string(name) for name in (
            "from_domain", "from_problem", "summary", "dmarc_result", "dmarc_reason", "dmarc_policy",
            "dmarc_disposition", "dmarc_record_domain", "organizational_domain", "arc_result", "arc_reason")},
        arc_hops=cdll.mw_message_report_arc_hops(r),
        arc_oldest_pass=cdll.mw_message_report_arc_oldest_pass(r),
        dkim=tuple(_dkim_check_of(cdll, cdll.mw_message_report_dkim_get(r, i))
                   for i in range(cdll.mw_message_report_dkim_count(r))),
        spf=spf,
        spf_aligned=bool(cdll.mw_message_report_spf_aligned(r)),
        dkim_aligned=bool(cdll.mw_message_report_dkim_aligned(r)),
        authentication_results=tuple(_auth_results_of(cdll, cdll.mw_message_report_auth_results_get(r, i))
                                     for i in range(cdll.mw_message_report_auth_results_count(r))),
        our_authentication_results=string("our_auth_results"),
        json=take_json(cdll.mw_message_report_to_json, r))


def check_message(message: Union[bytes, bytearray, memoryview, str], *, client_ip: Optional[str] = None,
                  helo: Optional[str] = None, mail_from: Optional[str] = None,
                  resolver: Optional[Resolver] = None, now: Union[datetime, int, None] = None,
                  dmarc_mode: str = "rfc9989", allow_sha1: bool = False, max_signatures: Optional[int] = None,
                  max_body_bytes: Optional[int] = None, authserv_id: Optional[str] = None) -> MessageReport:
    """The authentication of a received message (RFC 5322, CRLF or LF; a str
    is taken as UTF-8), for the connection it came over.

    ``client_ip`` (None or "": SPF is not checked), ``helo`` and
    ``mail_from`` (the reverse-path without angle brackets; None or "" for
    the null sender) are the connection's facts. Keys and records are looked
    up through ``resolver``; without one nothing is looked up, so DKIM and
    DMARC give temperror and ``spf`` is None. ``now`` (a timezone-aware
    datetime or Unix seconds; None: the system clock) checks as at that time
    (DKIM's t= and x=), to replay an old message. ``dmarc_mode``: "rfc9989"
    (the DNS tree walk) or "rfc7489" (the public suffix list). With
    ``allow_sha1`` rsa-sha1 signatures that verify pass instead of "policy"
    (RFC 8301). ``max_signatures`` (default 10) are verified, those beyond
    give "neutral"; ``max_body_bytes`` (default 64 MiB) of canonical body
    are hashed per signature; ``authserv_id`` (default "mailwarden") names
    us in our Authentication-Results field.

    DNS failures are results, not errors. Raises InvalidArgumentError for an
    empty message, a client IP that is not an address, an unknown
    ``dmarc_mode``, a ``max_signatures`` or ``max_body_bytes`` of 0, an empty
    ``authserv_id``; RangeError for a message over 64 MiB.
    """
    data = as_bytes(message, "message")
    if dmarc_mode not in _DMARC_MODES:
        raise invalid_argument(f"dmarc_mode must be one of {', '.join(_DMARC_MODES)}, not {dmarc_mode!r}")
    settings = [("mw_message_check_options_set_dmarc_mode", _DMARC_MODES[dmarc_mode]),
                ("mw_message_check_options_set_allow_sha1", 1 if allow_sha1 else 0)]
    if resolver is not None:
        if not isinstance(resolver, Resolver):
            raise TypeError(f"resolver must be a Resolver, not {type(resolver).__name__}")
        settings.append(("mw_message_check_options_set_resolver", resolver._handle))
    if now is not None:
        settings.append(("mw_message_check_options_set_now", epoch_seconds(now, "now")))
    if max_signatures is not None:
        settings.append(("mw_message_check_options_set_max_signatures", max_signatures))
    if max_body_bytes is not None:
        settings.append(("mw_message_check_options_set_max_body_bytes", max_body_bytes))
    if authserv_id is not None:
        settings.append(("mw_message_check_options_set_authserv_id", cstr(authserv_id, "authserv_id")))
    ip = optional_cstr(client_ip, "client_ip")
    helo_name = optional_cstr(helo, "helo")
    sender = optional_cstr(mail_from, "mail_from")
    cdll = lib()
    out = MessageReportPtr()
    with built_options("mw_message_check_options", MessageCheckOptionsPtr, settings) as options:
        err = ErrorPtr()
        check_status(cdll.mw_message_check(ctypes.byref(out), data, len(data), ip, helo_name, sender, options,
                                           ctypes.byref(err)), err)
    return taken(_report_of, out)


__all__ = ["AuthResult", "AuthResultsField", "DkimCheck", "MessageReport", "SpfCheck", "check_message"]
