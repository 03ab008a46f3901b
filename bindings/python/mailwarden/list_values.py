"""The values of the mailing lists, copied out of the library (nothing to
free): MailingList, Subscriber and SubscriberState, the consent log,
outcomes, previews, headers and reports. :class:`~mailwarden.Lists` returns
them.

Times are timezone-aware UTC datetimes, to the second; a time the library
has not set (a subscriber never confirmed, never mailed ...) is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from ._strings import take_json, text
from ._values import LibraryEnum, enum_or_int, library_enum, optional_time, utc_time
from .list_clean import CleanVerdict, verdict_of

_subscriber_state = library_enum(
    "SubscriberState", __name__, "mw_subscriber_state_name",
    """Where a subscriber stands (mw_subscription_state): PENDING (confirmation
    outstanding), CONFIRMED (may be mailed), UNSUBSCRIBED, BOUNCED,
    COMPLAINED, PURGED. The names are the library's (``.id``: "confirmed" ...).""")


def __getattr__(name: str):
    # SubscriberState is built from the library on first use (PEP 562).
    if name == "SubscriberState":
        return _subscriber_state()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class MailingList:
    """A mailing list of an account; its mails come from the verified sender ``from_``."""

    id: int
    account: str
    name: str
    from_: str
    created_at: datetime


@dataclass(frozen=True)
class Subscriber:
    """A subscriber as it was when returned (call the Lists again for its
    state now). ``address`` is normalized (the domain in A-labels, the local
    part as given); ``flags`` are the intake findings kept ("free_provider",
    "implicit_mx", "role" ...); ``sends`` counts list mails, ``opens`` and
    ``clicks`` the counting (not machine) ones. ``json`` is the object
    ``mwctl list show --json`` writes."""

    id: int
    list_id: int
    address: str
    name: str
    state: LibraryEnum  # a SubscriberState
    flags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    confirmed_at: Optional[datetime]
    sends: int
    opens: int
    clicks: int
    last_sent_at: Optional[datetime]
    last_engaged_at: Optional[datetime]
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class ConsentEntry:
    """One entry of a consent log. ``action``: "subscribe", "import",
    "confirm", "unsubscribe", "bounced", "complained", "resubscribe" ...;
    ``detail``: e.g. how an unsubscribe arrived ("one-click", "mailto",
    "link", "api"). Strings the request did not carry are ""."""

    at: datetime
    action: str
    source: str
    ip: str
    user_agent: str
    notice_text: str
    notice_version: str
    detail: str


@dataclass(frozen=True)
class ConsentLog:
    """A subscriber's consent log, oldest first: the proof of how and when
    consent was given and withdrawn. A sequence of :class:`ConsentEntry`;
    ``json`` is the array ``mwctl list consent --json`` writes."""

    entries: tuple[ConsentEntry, ...]
    json: str = field(repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __getitem__(self, index):
        return self.entries[index]


@dataclass(frozen=True)
class SubscribeOutcome:
    """What a subscribe did. A refusal is an outcome: ``accepted`` False and
    ``refused_because`` an id ("disposable", "suppressed", "null_mx",
    "role", a syntax id ..., "tombstoned": the address left before, only
    double opt-in brings it back; "invalid_field": a control character in a
    field); "" when accepted. ``check`` is what intake found, ``subscriber``
    the subscriber (None when refused), ``confirm_link`` the confirmation
    link mailed ("" when none went out). ``json`` is the object ``mwctl list
    subscribe --json`` writes."""

    accepted: bool
    refused_because: str
    check: CleanVerdict
    subscriber: Optional[Subscriber]
    confirm_link: str
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class TokenPreview:
    """What a confirmation link is, looked at without using it."""

    list: MailingList
    subscriber: Subscriber
    expires_at: datetime


@dataclass(frozen=True)
class ListHeaders:
    """The header fields one subscriber's list mail carries:
    ``list_unsubscribe`` ("<https://...?token=...>, <mailto:...>"),
    ``list_unsubscribe_post`` ("List-Unsubscribe=One-Click", RFC 8058) and
    ``list_id`` ("<name.account.domain>")."""

    list_unsubscribe: str
    list_unsubscribe_post: str
    list_id: str

    def as_dict(self) -> dict:
        """{field name: value}, to add to a message sent another way."""
        return {"List-Unsubscribe": self.list_unsubscribe,
                "List-Unsubscribe-Post": self.list_unsubscribe_post,
                "List-Id": self.list_id}


@dataclass(frozen=True)
class ListSendReport:
    """What a list send did: mails ``sent``, recipients left out because the
    bounce tracker suppresses them, ``failed`` ones and the first failure's
    message ("" when none failed)."""

    sent: int
    suppressed: int
    failed: int
    first_error: str


@dataclass(frozen=True)
class ImportRow:
    """One row of an import: what the cleaner found, whether it was added,
    and why not ("" when added; an intake id, "duplicate" within the input,
    "tombstoned" or "already_subscribed")."""

    check: CleanVerdict
    added: bool
    refused_because: str


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: rows read, added and refused, and
    ``refused_by_reason`` ({reason id: rows}, most frequent first)."""

    rows: int
    added: int
    refused: int
    refused_by_reason: dict


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed, or would on a dry run: ``purged`` holds
    (subscriber, reason) pairs, the reason being "unconfirmed", "inactive",
    "bounced", "complained" or "suppressed". The subscriber's fields are as
    before the purge but for ``state``, which is PURGED after a real one."""

    dry_run: bool
    purged: tuple[tuple[Subscriber, str], ...]

    def __len__(self) -> int:
        return len(self.purged)


# --- copying out of the library ------------------------------------------------


def mailing_list_of(cdll, p) -> MailingList:
    """The contents of an ``mw_mailing_list *`` (owned or borrowed; the caller keeps it)."""
    return MailingList(id=cdll.mw_mailing_list_id(p), account=text(cdll.mw_mailing_list_account(p)),
                       name=text(cdll.mw_mailing_list_name(p)), from_=text(cdll.mw_mailing_list_from(p)),
                       created_at=utc_time(cdll.mw_mailing_list_created_at(p)))


def subscriber_of(cdll, s) -> Subscriber:
    """The contents of an ``mw_subscriber *`` (owned or borrowed; the caller keeps it)."""
    return Subscriber(
        id=cdll.mw_subscriber_id(s),
        list_id=cdll.mw_subscriber_list_id(s),
        address=text(cdll.mw_subscriber_address(s)),
        name=text(cdll.mw_subscriber_name(s)),
        state=enum_or_int(_subscriber_state(), cdll.mw_subscriber_state(s)),
        flags=tuple(text(cdll.mw_subscriber_flag(s, i)) for i in range(cdll.mw_subscriber_flag_count(s))),
        created_at=utc_time(cdll.mw_subscriber_created_at(s)),
        updated_at=utc_time(cdll.mw_subscriber_updated_at(s)),
        confirmed_at=optional_time(cdll.mw_subscriber_confirmed_at(s)),
        sends=cdll.mw_subscriber_sends(s),
        opens=cdll.mw_subscriber_opens(s),
        clicks=cdll.mw_subscriber_clicks(s),
        last_sent_at=optional_time(cdll.mw_subscriber_last_sent_at(s)),
        last_engaged_at=optional_time(cdll.mw_subscriber_last_engaged_at(s)),
        json=take_json(cdll.mw_subscriber_to_json, s))


def consent_log_of(cdll, log) -> ConsentLog:
    def entry(e) -> ConsentEntry:
        return ConsentEntry(at=utc_time(cdll.mw_consent_entry_at(e)), **{
            name: text(getattr(cdll, "mw_consent_entry_" + name)(e)) for name in (
                "action", "source", "ip", "user_agent", "notice_text", "notice_version", "detail")})

    return ConsentLog(entries=tuple(entry(cdll.mw_consent_log_get(log, i))
                                    for i in range(cdll.mw_consent_log_count(log))),
                      json=take_json(cdll.mw_consent_log_to_json, log))


def outcome_of(cdll, o) -> SubscribeOutcome:
    subscriber = cdll.mw_subscribe_outcome_subscriber(o)
    return SubscribeOutcome(
        accepted=bool(cdll.mw_subscribe_outcome_accepted(o)),
        refused_because=text(cdll.mw_subscribe_outcome_refused_because(o)),
        check=verdict_of(cdll, cdll.mw_subscribe_outcome_check(o)),
        subscriber=subscriber_of(cdll, subscriber) if subscriber else None,
        confirm_link=text(cdll.mw_subscribe_outcome_confirm_link(o)),
        json=take_json(cdll.mw_subscribe_outcome_to_json, o))


def preview_of(cdll, p) -> TokenPreview:
    return TokenPreview(list=mailing_list_of(cdll, cdll.mw_token_preview_list(p)),
                        subscriber=subscriber_of(cdll, cdll.mw_token_preview_subscriber(p)),
                        expires_at=utc_time(cdll.mw_token_preview_expires_at(p)))


def headers_of(cdll, h) -> ListHeaders:
    return ListHeaders(list_unsubscribe=text(cdll.mw_list_headers_unsubscribe(h)),
                       list_unsubscribe_post=text(cdll.mw_list_headers_unsubscribe_post(h)),
                       list_id=text(cdll.mw_list_headers_list_id(h)))


def send_report_of(cdll, r) -> ListSendReport:
    return ListSendReport(sent=cdll.mw_list_send_report_sent(r), suppressed=cdll.mw_list_send_report_suppressed(r),
                          failed=cdll.mw_list_send_report_failed(r),
                          first_error=text(cdll.mw_list_send_report_first_error(r)))


def import_row_of(cdll, row) -> ImportRow:
    return ImportRow(check=verdict_of(cdll, cdll.mw_import_row_check(row)), added=bool(cdll.mw_import_row_added(row)),
                     refused_because=text(cdll.mw_import_row_refused_because(row)))


def import_summary_of(cdll, s) -> ImportSummary:
    return ImportSummary(
        rows=cdll.mw_import_summary_rows(s), added=cdll.mw_import_summary_added(s),
        refused=cdll.mw_import_summary_refused(s),
        refused_by_reason={text(cdll.mw_import_summary_reason(s, i)): cdll.mw_import_summary_reason_rows(s, i)
                           for i in range(cdll.mw_import_summary_reason_count(s))})


def purge_report_of(cdll, r) -> PurgeReport:
    return PurgeReport(dry_run=bool(cdll.mw_purge_report_dry_run(r)),
                       purged=tuple((subscriber_of(cdll, cdll.mw_purge_report_subscriber(r, i)),
                                     text(cdll.mw_purge_report_reason(r, i)))
                                    for i in range(cdll.mw_purge_report_count(r))))


__all__ = ["ConsentEntry", "ConsentLog", "ImportRow", "ImportSummary", "ListHeaders", "ListSendReport", "MailingList",
           "PurgeReport", "SubscribeOutcome", "Subscriber", "SubscriberState", "TokenPreview"]
