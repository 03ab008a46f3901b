"""check_readiness: the bulk-sender readiness report of a sending domain
(mw_readiness_check) — each rule of Gmail's and Yahoo's 2024 sender
requirements and Outlook.com's May 2025 rules as "pass", "fail" or
"unknown", with its evidence.

The values are copied out of the library (nothing to free). Rule ids are
stable ("spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe",
"complaint_rate", "complaint_rate_recommended", "from_not_provider", "tls";
docs/message-auth.md).

Threads
-------
check_readiness may run on any number of threads at once, sharing one
:class:`~mailwarden.Resolver`; ctypes releases the GIL during the check.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional, Union

from ._handle import taken
from ._lib import ErrorPtr, ReadinessInputPtr, ReadinessReportPtr, lib
from ._strings import as_bytes, cstr, optional_cstr, take_json, text
from ._values import epoch_seconds
from .bounces import AccountStats
from .domain import Resolver
from .errors import check_status


@dataclass(frozen=True)
class ReadinessRule:
    """One rule: its stable ``id``, a one-line ``title``, the ``providers``
    that ask for it ("gmail", "yahoo", "outlook"), whether it is
    ``required`` (False: recommended only), its ``status`` ("pass", "fail",
    "unknown") and the ``evidence``, what was seen in a sentence or two."""

    id: str
    title: str
    providers: tuple[str, ...]
    required: bool
    status: str
    evidence: str


@dataclass(frozen=True)
class ReadinessReport:
    """The report for ``domain`` (lower case, A-labels): ``rules`` in a fixed
    order; ``ready`` when no required rule fails (unknown ones do not count
    against it). ``json`` is the object ``mwctl domain readiness --json``
    prints."""

    domain: str
    ready: bool
    rules: tuple[ReadinessRule, ...]
    json: str = field(repr=False, compare=False)

    def rule(self, rule_id: str) -> Optional[ReadinessRule]:
        """The rule of that id; None when there is none."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def to_json(self) -> str:
        """The library's JSON object for this report (``json``)."""
        return self.json


def _rule_of(cdll, r) -> ReadinessRule:
    return ReadinessRule(
        id=text(cdll.mw_readiness_rule_id(r)), title=text(cdll.mw_readiness_rule_title(r)),
        providers=tuple(text(cdll.mw_readiness_rule_provider(r, i))
                        for i in range(cdll.mw_readiness_rule_provider_count(r))),
        required=bool(cdll.mw_readiness_rule_required(r)),
        status=text(cdll.mw_rule_status_name(cdll.mw_readiness_rule_status(r))),
        evidence=text(cdll.mw_readiness_rule_evidence(r)))


def _report_of(cdll, r) -> ReadinessReport:
    return ReadinessReport(
        domain=text(cdll.mw_readiness_report_domain(r)), ready=bool(cdll.mw_readiness_report_ready(r)),
        rules=tuple(_rule_of(cdll, cdll.mw_readiness_report_rule_get(r, i))
                    for i in range(cdll.mw_readiness_report_rule_count(r))),
        json=take_json(cdll.mw_readiness_report_to_json, r))


def check_readiness(domain: str, resolver: Resolver, *,
                    sample: Union[bytes, bytearray, memoryview, str, None] = None,
                    client_ip: Optional[str] = None, helo: Optional[str] = None, mail_from: Optional[str] = None,
                    stats: Optional[AccountStats] = None, now: Union[datetime, int, None] = None) -> ReadinessReport:
    """The bulk-sender readiness report of the sending (From) ``domain``,
    asking ``resolver`` for the SPF and DMARC records, DKIM keys, PTR and
    A/AAAA records.

    ``sample``: one message as sent, DKIM-signed (a str is taken as UTF-8);
    without it the rules that need one are "unknown". ``client_ip`` (SPF,
    reverse DNS), ``helo`` and ``mail_from``: the connection it goes out
    over. ``stats``: the account's figures, from
    :meth:`BounceTracker.stats <mailwarden.BounceTracker.stats>` (or an
    :class:`~mailwarden.AccountStats` of your own: its account, sends, hard
    bounces and complaints are used, the rates derived). ``now`` (a
    timezone-aware datetime or Unix seconds; None: the system clock) judges
    the sample's DKIM t= and x= as at that time.

    DNS failures make a rule unknown, never an error. Raises
    InvalidArgumentError for an empty domain or sample, a client IP that is
    not an address, ClosedHandleError for a closed resolver, RangeError for
    a sample over 64 MiB.
    """
    if not isinstance(resolver, Resolver):
        raise TypeError(f"resolver must be a Resolver, not {type(resolver).__name__}")
    if stats is not None and not isinstance(stats, AccountStats):
        raise TypeError(f"stats must be AccountStats, not {type(stats).__name__}")
    domain_c = cstr(domain, "domain")
    data = None if sample is None else as_bytes(sample, "sample")
    connection = (optional_cstr(client_ip, "client_ip"), optional_cstr(helo, "helo"),
                  optional_cstr(mail_from, "mail_from"))
    cdll = lib()
    handle = ReadinessInputPtr()
    err = ErrorPtr()
    check_status(cdll.mw_readiness_input_new(ctypes.byref(handle), domain_c, ctypes.byref(err)), err)
    try:
        calls: list = [("mw_readiness_input_set_connection", *connection)]
        if data is not None:
            calls.append(("mw_readiness_input_set_sample", data, len(data)))
        if stats is not None:
            calls.append(("mw_readiness_input_set_figures", cstr(stats.account, "stats.account"), stats.sends,
                          stats.hard_bounces, stats.complaints))
        if now is not None:
            calls.append(("mw_readiness_input_set_now", epoch_seconds(now, "now")))
        for setter, *arguments in calls:
            err = ErrorPtr()
            check_status(getattr(cdll, setter)(handle, *arguments, ctypes.byref(err)), err)
        out = ReadinessReportPtr()
        err = ErrorPtr()
        check_status(cdll.mw_readiness_check(ctypes.byref(out), handle, resolver._handle, ctypes.byref(err)), err)
    finally:
        cdll.mw_readiness_input_free(handle)
    return taken(_report_of, out)


__all__ = ["ReadinessReport", "ReadinessRule", "check_readiness"]
