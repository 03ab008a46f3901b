"""check_content: a message checked before it is sent (mw_content_check) —
its links against DNS blocklists, its HTML made safe, SpamAssassin's score
when a spamd is configured, and structural red flags — with a verdict and
every finding's evidence; sanitize_html: the HTML sanitizer on its own.

The values are copied out of the library (nothing to free). Finding ids are
the library's stable ids ("link.listed", "html.only",
"attachment.executable" ...; docs/content-checks.md lists them).
ContentVerdict and ContentSeverity take their member names from the
library, so they are built on first use.

Threads
-------
check_content and sanitize_html may run on any number of threads at once,
sharing one :class:`~mailwarden.Resolver`; ctypes releases the GIL during
the check, which blocks for the DNS lookups and spamd.
"""

from __future__ import annotations

import contextlib
import ctypes
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Iterable, Mapping, Optional, Sequence, Union

from ._handle import built_options, taken
from ._lib import ContentOptionsPtr, ContentReportPtr, ErrorPtr, lib
from ._strings import as_bytes, cstr, take_json, take_string, text
from ._values import LibraryEnum, enum_or_int, library_enum
from .domain import Resolver
from .errors import check_status, invalid_argument

_content_verdict = library_enum(
    "ContentVerdict", __name__, "mw_content_verdict_name",
    """A content report's verdict (mw_content_verdict), its worst finding's
    severity: PASS, REVIEW (a person should look first), BLOCK. The names
    are the library's (``.id``: "review" ...).""")

_content_severity = library_enum(
    "ContentSeverity", __name__, "mw_content_severity_name",
    """What one finding asks for (mw_content_severity): INFO (nothing: worth
    knowing), REVIEW (a person's look), BLOCK (a refusal). The names are the
    library's (``.id``: "block" ...).""")

_FROM_LIBRARY = {"ContentVerdict": _content_verdict, "ContentSeverity": _content_severity}


def __getattr__(name: str):
    # ContentVerdict and ContentSeverity are built from the library on first use (PEP 562).
    if name in _FROM_LIBRARY:
        return _FROM_LIBRARY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# mw_blocklist_kind: how a blocklist is queried.
_KINDS = {"domain": 0, "ip": 1}
_MAX_PORT = 65535
_MAX_TIMEOUT_MS = 2**32 - 1


# --- what the check is given ----------------------------------------------------


def _severity_id(value: object, where: str) -> str:
    """A severity given as its id ("block") or a ContentSeverity member, as its id."""
    if isinstance(value, LibraryEnum):
        return value.id
    if isinstance(value, str):
        return value
    raise TypeError(f"{where} must be a ContentSeverity or its name, not {type(value).__name__}")


@dataclass(frozen=True)
class Blocklist:
    """One DNS blocklist, called ``name`` in findings and links, at ``zone``.
    ``kind``: "domain" (the link's host and its registrable domain are
    looked up as ``<domain>.<zone>``) or "ip" (literal IPs and the hosts'
    addresses, reversed). ``severity`` of a listed link: "info", "review" or
    "block" (or a :class:`ContentSeverity`; kept as its name). ``codes``:
    what an answer address means ("127.0.1.2" -> "spam domain"; another
    127.0.0.0/8 answer still counts as listed). ``refusals``: answers that
    mean "refused / over limit" — the link is unknown there, never listed
    (127.255.255.0/24 always is). The mapping and sequence are copied."""

    name: str
    zone: str
    kind: str = "domain"
    severity: str = "block"
    codes: Mapping[str, str] = field(default_factory=dict, hash=False)
    refusals: Sequence[str] = ()

    def __post_init__(self):
        for where in ("name", "zone", "kind"):
            if not isinstance(getattr(self, where), str):
                raise TypeError(f"Blocklist.{where} must be str, not {type(getattr(self, where)).__name__}")
        if self.kind not in _KINDS:
            raise invalid_argument(f"Blocklist.kind must be one of {', '.join(_KINDS)}, not {self.kind!r}")
        if not isinstance(self.codes, Mapping):
            raise TypeError(f"Blocklist.codes must be a mapping, not {type(self.codes).__name__}")
        if isinstance(self.refusals, (str, bytes)) or not isinstance(self.refusals, Iterable):
            raise TypeError(f"Blocklist.refusals must be a sequence of str, not {type(self.refusals).__name__}")
        object.__setattr__(self, "severity", _severity_id(self.severity, "Blocklist.severity"))
        object.__setattr__(self, "codes", MappingProxyType(dict(self.codes)))
        object.__setattr__(self, "refusals", tuple(self.refusals))


@dataclass(frozen=True)
class Spamd:
    """The platform's SpamAssassin daemon at ``host``:``port``, asked as
    spamc does; ``timeout`` (seconds or a timedelta) per connect, read and
    write. A score at or above ``review_at`` needs review, at or above
    ``block_at`` is blocked."""

    host: str
    port: int
    timeout: Union[float, timedelta] = 10.0
    review_at: float = 5.0
    block_at: float = 10.0


def _count(value: object, where: str) -> int:
    """A positive count for a size_t setter (0 is left to the library to refuse)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where} must be int, not {type(value).__name__}")
    if value < 0:
        raise invalid_argument(f"{where} must not be negative")
    return value


def _timeout_ms(value: object) -> int:
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"Spamd.timeout must be seconds or a timedelta, not {type(value).__name__}")
    ms = round(seconds * 1000)
    if not 0 < ms <= _MAX_TIMEOUT_MS:
        raise invalid_argument(f"Spamd.timeout must be from 1 ms to {_MAX_TIMEOUT_MS} ms, not {value!r}")
    return ms


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{where} must be a number, not {type(value).__name__}")
    return float(value)


def _blocklist_settings(blocklists: Iterable[Blocklist]) -> list:
    if isinstance(blocklists, (str, bytes, Blocklist)) or not isinstance(blocklists, Iterable):
        raise TypeError(f"blocklists must be a sequence of Blocklist, not {type(blocklists).__name__}")
    severity = _content_severity()
    settings = []
    for bl in blocklists:
        if not isinstance(bl, Blocklist):
            raise TypeError(f"blocklists must hold Blocklist values, not {type(bl).__name__}")
        try:
            level = int(severity.from_id(bl.severity))
        except KeyError:
            raise invalid_argument(f"Blocklist.severity must be one of "
                                   f"{', '.join(m.id for m in severity)}, not {bl.severity!r}") from None
        name = cstr(bl.name, "Blocklist.name")
        settings.append(("mw_content_options_add_blocklist", name, cstr(bl.zone, "Blocklist.zone"),
                         _KINDS[bl.kind], level))
        for address, reason in bl.codes.items():
            settings.append(("mw_content_options_add_blocklist_code", name, cstr(address, "Blocklist.codes"),
                             cstr(reason, "Blocklist.codes")))
        for address in bl.refusals:
            settings.append(("mw_content_options_add_blocklist_refusal", name, cstr(address, "Blocklist.refusals")))
    return settings


def _spamd_settings(spamd: Spamd) -> list:
    if not isinstance(spamd, Spamd):
        raise TypeError(f"spamd must be a Spamd, not {type(spamd).__name__}")
    if isinstance(spamd.port, bool) or not isinstance(spamd.port, int):
        raise TypeError(f"Spamd.port must be int, not {type(spamd.port).__name__}")
    if not 0 <= spamd.port <= _MAX_PORT:
        raise invalid_argument(f"Spamd.port must be from 1 to {_MAX_PORT}, not {spamd.port}")
    return [("mw_content_options_set_spamd", cstr(spamd.host, "Spamd.host"), spamd.port, _timeout_ms(spamd.timeout),
             _number(spamd.review_at, "Spamd.review_at"), _number(spamd.block_at, "Spamd.block_at"))]


# --- what the check gives -------------------------------------------------------


@dataclass(frozen=True)
class ContentFinding:
    """One finding: its stable ``id`` ("link.listed", "html.only" ...), its
    ``severity`` (a :class:`ContentSeverity`) and the ``evidence``, what was
    seen, for people."""

    id: str
    severity: LibraryEnum  # a ContentSeverity
    evidence: str


@dataclass(frozen=True)
class LinkCheck:
    """A link found in the message: ``url`` normalized (scheme and host in
    lower case, hxxp undone, the host percent-decoded), ``domain`` (its host
    in A-labels; "" for an IP literal), ``ip`` (the literal IP, or ""),
    ``source`` ("href", "src", "action" or "text"), whether it is
    ``obfuscated`` (hxxp, [.], a percent-encoded or mixed-script host) or a
    ``shortener``; ``listed_on``, the lists that list it ("dbl: spam
    domain"), and ``unknown_on``, the lists that refused or failed."""

    url: str
    domain: str
    ip: str
    source: str
    obfuscated: bool
    shortener: bool
    listed_on: tuple[str, ...]
    unknown_on: tuple[str, ...]


@dataclass(frozen=True)
class SpamScore:
    """spamd's answer: the ``score``, its own required score
    (``threshold``) and the ``rules`` that hit."""

    score: float
    threshold: float
    rules: tuple[str, ...]


@dataclass(frozen=True)
class ContentReport:
    """A content check's outcome: the ``verdict`` (a
    :class:`ContentVerdict`, the worst finding's severity), ``findings`` and
    ``links`` in the library's order, ``spam`` (None unless spamd was asked
    and answered), ``sanitized_html``, the first HTML part made safe, and
    ``text_alternative``, the plain text made from it (both None for a
    message without HTML; never sent in place of the original). ``json`` is
    the object ``mwctl message content --json`` prints."""

    verdict: LibraryEnum  # a ContentVerdict
    findings: tuple[ContentFinding, ...]
    links: tuple[LinkCheck, ...]
    spam: Optional[SpamScore]
    sanitized_html: Optional[str]
    text_alternative: Optional[str]
    json: str = field(repr=False, compare=False)

    def has_finding(self, finding_id: str) -> bool:
        """True when a finding of that id is there."""
        return any(f.id == finding_id for f in self.findings)

    def to_json(self) -> str:
        """The library's JSON object for this report (``json``)."""
        return self.json


@dataclass(frozen=True)
class SanitizedHtml:
    """HTML made safe (``html``) and its plain-text alternative (``text``)."""

    html: str
    text: str


def _optional_text(value: Optional[bytes]) -> Optional[str]:
    return None if value is None else text(value)


def _link_of(cdll, link) -> LinkCheck:
    def strings(kind: str) -> tuple[str, ...]:
        get = getattr(cdll, f"mw_content_link_{kind}_get")
        return tuple(text(get(link, i)) for i in range(getattr(cdll, f"mw_content_link_{kind}_count")(link)))

    return LinkCheck(
        **{name: text(getattr(cdll, "mw_content_link_" + name)(link)) for name in ("url", "domain", "ip", "source")},
        obfuscated=bool(cdll.mw_content_link_obfuscated(link)),
        shortener=bool(cdll.mw_content_link_shortener(link)),
        listed_on=strings("listed"), unknown_on=strings("unknown"))


def _report_of(cdll, r) -> ContentReport:
    severity = _content_severity()
    findings = tuple(
        ContentFinding(id=text(cdll.mw_content_report_finding_id(r, i)),
                       severity=enum_or_int(severity, cdll.mw_content_report_finding_severity(r, i)),
                       evidence=text(cdll.mw_content_report_finding_evidence(r, i)))
        for i in range(cdll.mw_content_report_finding_count(r)))
    spam = None
    if cdll.mw_content_report_has_spam_score(r):
        spam = SpamScore(score=cdll.mw_content_report_spam_score(r),
                         threshold=cdll.mw_content_report_spam_threshold(r),
                         rules=tuple(text(cdll.mw_content_report_spam_rule(r, i))
                                     for i in range(cdll.mw_content_report_spam_rule_count(r))))
    return ContentReport(
        verdict=enum_or_int(_content_verdict(), cdll.mw_content_report_verdict(r)),
        findings=findings,
        links=tuple(_link_of(cdll, cdll.mw_content_report_link_get(r, i))
                    for i in range(cdll.mw_content_report_link_count(r))),
        spam=spam,
        sanitized_html=_optional_text(cdll.mw_content_report_sanitized_html(r)),
        text_alternative=_optional_text(cdll.mw_content_report_text_alternative(r)),
        json=take_json(cdll.mw_content_report_to_json, r))


def _option_settings(resolver, blocklists, spamd, shorteners, max_message_bytes, max_links,
                     max_concurrent_lookups) -> list:
    """The setter calls of mw_content_options for these options (see check_content)."""
    settings: list = []
    if resolver is not None:
        if not isinstance(resolver, Resolver):
            raise TypeError(f"resolver must be a Resolver, not {type(resolver).__name__}")
        settings.append(("mw_content_options_set_resolver", resolver._handle))
    settings += _blocklist_settings(blocklists)
    if spamd is not None:
        settings += _spamd_settings(spamd)
    if shorteners is not None:
        if isinstance(shorteners, (str, bytes)) or not isinstance(shorteners, Iterable):
            raise TypeError(f"shorteners must be a sequence of str, not {type(shorteners).__name__}")
        settings += [("mw_content_options_add_shortener", cstr(domain, "shorteners")) for domain in shorteners]
    for name, value in (("max_message_bytes", max_message_bytes), ("max_links", max_links),
                        ("max_concurrent_lookups", max_concurrent_lookups)):
        if value is not None:
            settings.append(("mw_content_options_set_" + name, _count(value, name)))
    return settings


def check_content(message: Union[bytes, bytearray, memoryview, str], *, resolver: Optional[Resolver] = None,
                  blocklists: Iterable[Blocklist] = (), spamd: Optional[Spamd] = None,
                  shorteners: Optional[Iterable[str]] = None, max_message_bytes: Optional[int] = None,
                  max_links: Optional[int] = None, max_concurrent_lookups: Optional[int] = None) -> ContentReport:
    """Checks a message before it is sent (RFC 5322, CRLF or LF; a str is
    taken as UTF-8).

    The ``blocklists`` are asked through ``resolver``; without one links are
    found and judged, not looked up. ``spamd`` (a :class:`Spamd`) gives the
    spam score; without it there is none. ``shorteners`` replaces the
    library's list of URL-shortener domains. Options left at None keep the
    library's defaults: 10 MiB (larger messages get "message.oversized"),
    500 links looked up, 16 lookups at once.

    DNS and spamd failures are findings ("dnsbl.unknown",
    "spamd.unavailable"), not exceptions. Raises InvalidArgumentError for an
    empty message, a blocklist without a name or zone, two of one name, an
    unknown kind or severity, a code or refusal outside 127.0.0.0/8, a spamd
    without a host or port, a timeout under 1 ms, ``block_at`` below
    ``review_at``, an empty shortener, a limit of 0 or a NUL in a string;
    ClosedHandleError for a closed resolver; TypeError for arguments of the
    wrong type.
    """
    data = as_bytes(message, "message")
    settings = _option_settings(resolver, blocklists, spamd, shorteners, max_message_bytes, max_links,
                                max_concurrent_lookups)
    cdll = lib()
    out = ContentReportPtr()
    with built_options("mw_content_options", ContentOptionsPtr, settings) as options:
        err = ErrorPtr()
        check_status(cdll.mw_content_check(ctypes.byref(out), data, len(data), options, ctypes.byref(err)), err)
    return taken(_report_of, out)


# mw_content_action: what a registry's send does with a message.
_ACTIONS = {"send": 0, "refuse": 1}


@dataclass(frozen=True)
class ContentPolicy:
    """What a :class:`~mailwarden.Registry`'s sends do with a message the
    content checks judge (``Registry(content_policies={account: policy})``):
    ``on_review`` and ``on_block`` are "send" (send it anyway) or "refuse"
    (the send raises PolicyError naming the verdict and the findings). The
    other fields are the checks' options, as :func:`check_content` takes
    them; the registry copies them when it opens."""

    on_review: str = "send"
    on_block: str = "refuse"
    resolver: Optional[Resolver] = None
    blocklists: Sequence[Blocklist] = ()
    spamd: Optional[Spamd] = None
    shorteners: Optional[Sequence[str]] = None
    max_message_bytes: Optional[int] = None
    max_links: Optional[int] = None
    max_concurrent_lookups: Optional[int] = None

    def __post_init__(self):
        for where in ("on_review", "on_block"):
            if getattr(self, where) not in _ACTIONS:
                raise invalid_argument(f"ContentPolicy.{where} must be one of {', '.join(_ACTIONS)}, "
                                       f"not {getattr(self, where)!r}")
        object.__setattr__(self, "blocklists", tuple(self.blocklists))
        if self.shorteners is not None:
            object.__setattr__(self, "shorteners", tuple(self.shorteners))


@contextlib.contextmanager
def policy_settings(policies: Optional[Mapping[str, ContentPolicy]]):
    """The registry-options setter calls for ``policies`` (account -> policy;
    "*": every account without its own), with the content options they take,
    freed on exit."""
    if policies is None:
        yield []
        return
    if not isinstance(policies, Mapping):
        raise TypeError(f"content_policies must be a mapping of account to ContentPolicy, "
                        f"not {type(policies).__name__}")
    with contextlib.ExitStack() as stack:
        settings = []
        for account, policy in policies.items():
            if not isinstance(policy, ContentPolicy):
                raise TypeError(f"content_policies must hold ContentPolicy values, not {type(policy).__name__}")
            options = stack.enter_context(built_options("mw_content_options", ContentOptionsPtr, _option_settings(
                policy.resolver, policy.blocklists, policy.spamd, policy.shorteners, policy.max_message_bytes,
                policy.max_links, policy.max_concurrent_lookups)))
            settings.append(("mw_registry_options_set_content_policy", cstr(account, "content_policies account"),
                             options, _ACTIONS[policy.on_review], _ACTIONS[policy.on_block]))
        yield settings


def sanitize_html(html: Union[bytes, bytearray, memoryview, str]) -> SanitizedHtml:
    """``html`` (any document or fragment; a str is taken as UTF-8) made
    safe: an allow-list of elements and attributes; scripts, event handlers,
    javascript: URLs, forms and remote fonts removed; with its plain-text
    alternative. Raises RangeError over 16 MiB, TypeError for another type."""
    data = as_bytes(html, "html")
    cdll = lib()
    safe, plain = ctypes.c_void_p(), ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_sanitize_html(ctypes.byref(safe), ctypes.byref(plain), data, len(data), ctypes.byref(err)),
                 err)
    # Both strings are set on success; take_string frees each.
    return SanitizedHtml(html=take_string(safe), text=take_string(plain))


__all__ = ["Blocklist", "ContentFinding", "ContentPolicy", "ContentReport", "ContentSeverity", "ContentVerdict",
           "LinkCheck", "SanitizedHtml", "SpamScore", "Spamd", "check_content", "sanitize_html"]
