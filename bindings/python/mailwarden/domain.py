"""DNS resolver, domain-authentication report and SPF checks.

:class:`Resolver` owns an ``mw_resolver`` (c-ares on a library thread of its
own). :meth:`Resolver.check_domain` returns a :class:`DomainReport`: which
DNS records to publish for sending through Amazon SES and what is live, with
findings carrying stable ids (``"spf.too_many_lookups"``, ``"dkim.key_weak"``
..., listed in docs/domain-auth.md); :meth:`Resolver.check_domain_ses` builds
it for a domain identity at Amazon SES, taking its DKIM tokens and MAIL FROM
from a :class:`~mailwarden.SesClient`. :meth:`Resolver.check_spf` runs RFC 7208
``check_host()`` for one client and returns an :class:`SpfResult`.

Threads
-------
A Resolver may be shared by any number of threads; ctypes releases the GIL
during each check. The library owns the resolver's lifetime: ``close()``
releases the binding's reference at once, checks already running on other
threads finish, and checks started after it raise
:class:`~mailwarden.errors.ClosedHandleError`.
"""

from __future__ import annotations

import ctypes
import enum
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional, Union

from ._handle import ObjectRef, open_with_options
from ._lib import DomainReportPtr, ErrorPtr, ResolverOptionsPtr, ResolverPtr, SpfOutcomePtr, lib
from .errors import check_status
from .ses import SesClient
from ._strings import cstr, take_string, text
from ._values import enum_or_int as _enum


class AuthVerdict(enum.IntEnum):
    """Verdict of a report (MW_VERDICT_*): the worst severity of its findings."""

    PASS = 0
    WARN = 1
    FAIL = 2


class Severity(enum.IntEnum):
    """Severity of a finding (MW_SEVERITY_*)."""

    INFO = 0
    WARNING = 1
    ERROR = 2


class RecordStatus(enum.IntEnum):
    """What is live for a record to publish (MW_RECORD_*)."""

    OK = 0
    MISSING = 1
    MISMATCH = 2
    UNKNOWN = 3  # DNS failed temporarily


class SpfCode(enum.IntEnum):
    """check_host() results (MW_SPF_*)."""

    NONE = 0
    NEUTRAL = 1
    PASS = 2
    FAIL = 3
    SOFTFAIL = 4
    TEMPERROR = 5
    PERMERROR = 6

    @property
    def label(self) -> str:
        """The RFC 7208 name: "pass", "softfail", "permerror" ..."""
        return self.name.lower()


@dataclass(frozen=True)
class PublishRecord:
    """A DNS record the domain must publish, and what is live there."""

    purpose: str  # "spf", "dkim", "dmarc", "mail_from_spf", "mail_from_mx"
    name: str     # owner name, no trailing dot
    type: str     # "TXT", "CNAME", "MX"
    value: str    # the exact value to publish (MX: "10 host")
    status: RecordStatus
    found: list[str]


@dataclass(frozen=True)
class Finding:
    """Something wrong or worth knowing, with a stable id."""

    id: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class DomainReport:
    """The domain-authentication report, copied out of the library."""

    domain: str
    region: str
    verdict: AuthVerdict
    records: list[PublishRecord]
    findings: list[Finding]
    _json: str = field(repr=False, compare=False)

    def has_finding(self, finding_id: str) -> bool:
        """True when a finding with this id is in the report."""
        return any(f.id == finding_id for f in self.findings)

    def to_json(self) -> str:
        """The library's JSON object (domain, region, verdict, records, findings)."""
        return self._json


@dataclass(frozen=True)
class SpfResult:
    """The outcome of one SPF check."""

    code: SpfCode
    domain: str       # the domain checked (the sender's, or the HELO name)
    explanation: str  # on fail: exp= text or the default explanation; else ""
    matched: str      # the deciding mechanism as written; "" when none did
    problem: str      # none/temperror/permerror: why, in words
    lookups: int      # terms counted against the limit of ten
    void_lookups: int
    _json: str = field(repr=False, compare=False)

    @property
    def result(self) -> str:
        """The result's name: "pass", "fail", "softfail" ..."""
        return self.code.label if isinstance(self.code, SpfCode) else str(self.code)

    def to_json(self) -> str:
        """The library's JSON object for this outcome."""
        return self._json


def _take_report(cdll, r) -> DomainReport:
    """Copies the C report and frees it."""
    try:
        return _copy_report(cdll, r)
    finally:
        cdll.mw_domain_report_free(r)


def _copy_record(cdll, rec) -> PublishRecord:
    return PublishRecord(
        purpose=text(cdll.mw_domain_record_purpose(rec)),
        name=text(cdll.mw_domain_record_name(rec)),
        type=text(cdll.mw_domain_record_type(rec)),
        value=text(cdll.mw_domain_record_value(rec)),
        status=_enum(RecordStatus, cdll.mw_domain_record_status(rec)),
        found=[text(cdll.mw_domain_record_found_get(rec, j))
               for j in range(cdll.mw_domain_record_found_count(rec))])


def _copy_finding(cdll, f) -> Finding:
    return Finding(id=text(cdll.mw_domain_finding_id(f)),
                   severity=_enum(Severity, cdll.mw_domain_finding_severity(f)),
                   message=text(cdll.mw_domain_finding_message(f)))


def _copy_report(cdll, r) -> DomainReport:
    records = [_copy_record(cdll, cdll.mw_domain_report_record_get(r, i))
               for i in range(cdll.mw_domain_report_record_count(r))]
    findings = [_copy_finding(cdll, cdll.mw_domain_report_finding_get(r, i))
                for i in range(cdll.mw_domain_report_finding_count(r))]
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_domain_report_to_json(ctypes.byref(out), r, ctypes.byref(err)), err)
    return DomainReport(domain=text(cdll.mw_domain_report_domain(r)),
                        region=text(cdll.mw_domain_report_region(r)),
                        verdict=_enum(AuthVerdict, cdll.mw_domain_report_verdict(r)),
                        records=records, findings=findings, _json=take_string(out))


def _copy_outcome(cdll, o) -> SpfResult:
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_spf_outcome_to_json(ctypes.byref(out), o, ctypes.byref(err)), err)
    return SpfResult(code=_enum(SpfCode, cdll.mw_spf_outcome_result(o)),
                     domain=text(cdll.mw_spf_outcome_domain(o)),
                     explanation=text(cdll.mw_spf_outcome_explanation(o)),
                     matched=text(cdll.mw_spf_outcome_matched(o)),
                     problem=text(cdll.mw_spf_outcome_problem(o)),
                     lookups=cdll.mw_spf_outcome_lookups(o),
                     void_lookups=cdll.mw_spf_outcome_void_lookups(o),
                     _json=take_string(out))


def _opt(value: Optional[str]) -> Optional[bytes]:
    return None if value is None else value.encode("utf-8")


class Resolver(ObjectRef):
    """A DNS resolver (mw_resolver) for domain and SPF checks.

    ``servers``: "127.0.0.1:5353", "[::1]:53", "192.0.2.53"; empty for the
    system's (/etc/resolv.conf). ``timeout`` is seconds per try. With
    ``cache`` answers are kept for their TTL (negative ones too).
    Raises :class:`~mailwarden.errors.InvalidArgumentError` for a malformed
    server, a timeout under 1 ms or fewer than one try.
    """

    _kind = "resolver"

    def __init__(self, servers: Iterable[str] = (), timeout: Union[int, float] = 2.0, tries: int = 3,
                 cache: bool = True):
        settings = [("mw_resolver_options_add_server", server.encode("utf-8")) for server in servers]
        settings += [
            ("mw_resolver_options_set_timeout_ms", int(round(timeout * 1000))),
            ("mw_resolver_options_set_tries", int(tries)),
            ("mw_resolver_options_set_cache", 1 if cache else 0),
        ]
        super().__init__(open_with_options("mw_resolver_options", "mw_resolver_open", ResolverOptionsPtr,
                                           ResolverPtr, settings))

    def _dispose(self, ptr) -> None:
        lib().mw_resolver_free(ptr)

    def check_domain(self, domain: str, region: str = "us-east-1", dkim_tokens: Iterable[str] = (),
                     mail_from: Optional[str] = None,
                     dkim_keys: Union[str, os.PathLike, None] = None) -> DomainReport:
        """The domain-authentication report for ``domain`` (blocks for the queries).

        ``dkim_tokens``: the Easy DKIM tokens from SES's GetEmailIdentity;
        ``mail_from``: the custom MAIL FROM domain, None for SES's own;
        ``dkim_keys``: a folder of own keys ``<domain>/<selector>.pem`` (as
        the local transport signs with): each of this domain's selectors
        gets its TXT record listed and checked. DNS trouble is not an
        exception: it shows as ``RecordStatus.UNKNOWN`` records and
        ``dns.temporary_failure`` findings.
        Raises InvalidArgumentError for an empty domain or a key file that
        is not a key.
        """
        tokens = [t.encode("utf-8") for t in dkim_tokens]
        array = (ctypes.c_char_p * max(len(tokens), 1))(*tokens)
        cdll = lib()
        report = DomainReportPtr()
        err = ErrorPtr()
        folder = None if dkim_keys is None else cstr(dkim_keys, "dkim_keys")
        check_status(cdll.mw_domain_check_with_keys(ctypes.byref(report), self._handle, domain.encode("utf-8"),
                                                    _opt(region), array, len(tokens), _opt(mail_from), folder,
                                                    ctypes.byref(err)), err)
        return _take_report(cdll, report)

    def check_domain_ses(self, client: SesClient, domain: str) -> DomainReport:
        """The report for a domain identity at Amazon SES (blocks for SES and the queries).

        Its Easy DKIM tokens and custom MAIL FROM domain come from SES's
        GetEmailIdentity through ``client``, the region from the client.
        ``domain`` may also be a sender address: its domain is used. Raises
        NotFoundError when SES does not know the domain as an identity, the
        other SesClient errors, InvalidArgumentError for an empty domain.
        """
        if not isinstance(client, SesClient):
            raise TypeError(f"client must be a SesClient, not {type(client).__name__}")
        name = cstr(domain, "domain")
        cdll = lib()
        report = DomainReportPtr()
        err = ErrorPtr()
        check_status(cdll.mw_domain_check_ses(ctypes.byref(report), self._handle, client._handle, name,
                                              ctypes.byref(err)), err)
        return _take_report(cdll, report)

    def check_spf(self, ip: str, sender: str, helo: str = "") -> SpfResult:
        """RFC 7208 check_host() for client ``ip`` sending as ``sender`` ("" for
        the null sender: the HELO name is checked). Raises InvalidArgumentError
        when ``ip`` is not an IPv4 or IPv6 address."""
        cdll = lib()
        outcome = SpfOutcomePtr()
        err = ErrorPtr()
        check_status(cdll.mw_spf_check(ctypes.byref(outcome), self._handle, ip.encode("utf-8"),
                                       sender.encode("utf-8"), helo.encode("utf-8"),
                                       ctypes.byref(err)), err)
        try:
            return _copy_outcome(cdll, outcome)
        finally:
            cdll.mw_spf_outcome_free(outcome)


def check_domain(resolver: Resolver, domain: str, region: str = "us-east-1", dkim_tokens: Iterable[str] = (),
                 mail_from: Optional[str] = None,
                 dkim_keys: Union[str, os.PathLike, None] = None) -> DomainReport:
    """Same as ``resolver.check_domain(...)``."""
    return resolver.check_domain(domain, region, dkim_tokens, mail_from, dkim_keys)


def check_domain_ses(resolver: Resolver, client: SesClient, domain: str) -> DomainReport:
    """Same as ``resolver.check_domain_ses(client, domain)``."""
    return resolver.check_domain_ses(client, domain)


def check_spf(resolver: Resolver, ip: str, sender: str, helo: str = "") -> SpfResult:
    """Same as ``resolver.check_spf(...)``."""
    return resolver.check_spf(ip, sender, helo)


__all__ = ["AuthVerdict", "DomainReport", "Finding", "PublishRecord", "RecordStatus", "Resolver", "Severity",
           "SpfCode", "SpfResult", "check_domain", "check_domain_ses", "check_spf"]
