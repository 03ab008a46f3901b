"""Lists: the mailing lists of a Registry's store (mw_lists), kept clean.

Intake checks (the cleaner's, then the intake policy), double opt-in, the
consent log, list mail with its own List-Unsubscribe per subscriber,
one-click unsubscribe (RFC 8058), imports and purges. The values it returns
are in :mod:`mailwarden.list_values`.

A web application serves the two links a subscriber gets:

- the confirmation link: answer a GET with :meth:`Lists.inspect` (no side
  effect: link scanners fetch every GET) and a page with a button; answer
  its POST with :meth:`Lists.confirm`;
- the unsubscribe link of ``List-Unsubscribe``: answer a GET with
  :meth:`Lists.inspect_unsubscribe`, the RFC 8058 POST with
  :meth:`Lists.unsubscribe_post` (a plain 200: no redirect, no cookie).

Threads
-------
A Lists may be used from any number of threads and closed from any of them
while calls run (the library counts them, as for a Registry). The ``on_row``
callback of :meth:`Lists.import_` runs on the calling thread and must not
call the same Lists (such a call raises InvalidArgumentError); an exception
it raises is raised as :class:`~mailwarden.errors.CallbackError` once the
import has returned.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from datetime import timedelta
from typing import Callable, Iterable, Optional, Union

from ._callbacks import CallbackOwner, deliver
from ._handle import ObjectRef, built_options, taken as _taken
from ._lib import (
    ConsentFactsPtr,
    ConsentLogPtr,
    ErrorPtr,
    ImportRowFn,
    ImportSummaryPtr,
    ListHeadersPtr,
    ListSendReportPtr,
    ListsOptionsPtr,
    ListsPtr,
    MailingListPtr,
    MailingListSetPtr,
    PurgePolicyPtr,
    PurgeReportPtr,
    SubscribeOutcomePtr,
    SubscriberPtr,
    SubscriberSetPtr,
    TokenPreviewPtr,
    lib,
)
from ._strings import as_bytes, cstr, optional_cstr, take_string
from ._values import whole_seconds
from .domain import Resolver
from .errors import CallbackError, NotFoundError, check_status, invalid_argument, status_code
from .list_values import (
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
    consent_log_of,
    headers_of,
    import_row_of,
    import_summary_of,
    mailing_list_of,
    outcome_of,
    preview_of,
    purge_report_of,
    send_report_of,
    subscriber_of,
)
from .policy import AddressPolicy
from .registry import Registry

ListRef = Union[str, MailingList]
Document = Union[bytes, bytearray, memoryview, str]

# The Lists whose import runs on this thread: its on_row must not call it.
_importing = threading.local()


def _on_row(row_ptr, token) -> None:
    deliver(token, lambda callback: callback(import_row_of(lib(), row_ptr)))


_ON_ROW = ImportRowFn(_on_row)
_NO_ROW_CALLBACK = ImportRowFn()  # NULL


def _items(cdll, c_set, kind: str) -> list:
    """The borrowed elements of an mw_<kind>_set."""
    get = getattr(cdll, f"mw_{kind}_set_get")
    return [get(c_set, i) for i in range(getattr(cdll, f"mw_{kind}_set_count")(c_set))]


@contextlib.contextmanager
def _facts(source=None, ip=None, user_agent=None, notice_text=None, notice_version=None):
    """An ``mw_consent_facts *`` holding what is given (NULL when nothing is), freed after."""
    settings = [("mw_consent_facts_set_" + name, cstr(value, name))
                for name, value in (("source", source), ("ip", ip), ("user_agent", user_agent))
                if value is not None]
    if notice_text is not None or notice_version is not None:
        settings.append(("mw_consent_facts_set_notice", cstr(notice_text or "", "notice_text"),
                         cstr(notice_version or "", "notice_version")))
    if not settings:
        yield None
        return
    with built_options("mw_consent_facts", ConsentFactsPtr, settings) as facts:
        yield facts


def _days(value: Optional[int], where: str) -> int:
    """Days as the library takes them: None is -1 (no such rule)."""
    if value is None:
        return -1
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where} must be an int or None, not {type(value).__name__}")
    if value < 0:
        raise invalid_argument(f"{where} must not be negative (None: no such rule)")
    return value


def is_one_click_post(content_type: str, body: Document) -> bool:
    """True when an RFC 8058 POST body says List-Unsubscribe=One-Click, as
    application/x-www-form-urlencoded or multipart/form-data (``body`` may
    hold NUL bytes). Any thread."""
    data = as_bytes(body, "body")
    return bool(lib().mw_is_one_click_post(cstr(content_type, "content_type"), data, len(data)))


class Lists(CallbackOwner, ObjectRef):
    """The mailing lists of ``registry`` (mw_registry_lists): on its store
    file (a registry on ":memory:" gets lists in memory of their own),
    mailing through it (so its bounce tracker gates list mail, and intake
    refuses what the tracker suppresses), on its clock. The Lists keep the
    registry's parts alive: the registry may be closed first.

    Intake options: ``policy`` (an :class:`~mailwarden.AddressPolicy`;
    without one, role addresses are refused; with one, only when it rejects
    them; special-use domains such as ``.test`` are accepted only when it
    allows them, and never looked up in DNS), ``refuse_disposable``
    and ``allow_disposable`` (domains never refused as disposable),
    ``fold_provider_aliases`` (Gmail's dots and +tags make one subscriber),
    ``resolver`` (a :class:`~mailwarden.Resolver` for MX checks; None: none).
    Links: ``confirm_lifetime`` (seconds or a timedelta; 48 hours),
    ``confirm_link_base`` and ``unsubscribe_link_base`` (links are
    ``<base>?token=...``), ``list_id_domain`` (the domain of List-Id and of
    the mailto unsubscribe address; "": no mailto).

    ``account=None`` means the registry's default account everywhere; a
    ``list`` argument is a list name, or a :class:`MailingList` (its account
    then, unless ``account`` is given). Thread-safe; close it (or use
    ``with``).
    """

    _kind = "Lists"

    def __init__(self, registry: Registry, *, policy: Optional[AddressPolicy] = None,
                 refuse_disposable: bool = True, allow_disposable: Iterable[str] = (),
                 fold_provider_aliases: bool = False, resolver: Optional[Resolver] = None,
                 confirm_lifetime: Union[int, float, timedelta, None] = None,
                 confirm_link_base: Optional[str] = None, unsubscribe_link_base: Optional[str] = None,
                 list_id_domain: Optional[str] = None):
        if not isinstance(registry, Registry):
            raise TypeError(f"registry must be a Registry, not {type(registry).__name__}")
        settings = [("mw_lists_options_set_refuse_disposable", 1 if refuse_disposable else 0),
                    ("mw_lists_options_set_fold_provider_aliases", 1 if fold_provider_aliases else 0)]
        if policy is not None:
            if not isinstance(policy, AddressPolicy):
                raise TypeError(f"policy must be an AddressPolicy, not {type(policy).__name__}")
            settings.append(("mw_lists_options_set_address_options", policy._handle))
        if isinstance(allow_disposable, (str, bytes)):
            allow_disposable = [allow_disposable]
        settings += [("mw_lists_options_add_disposable_allow", cstr(domain, f"allow_disposable[{i}]"))
                     for i, domain in enumerate(allow_disposable)]
        if resolver is not None:
            if not isinstance(resolver, Resolver):
                raise TypeError(f"resolver must be a Resolver, not {type(resolver).__name__}")
            settings.append(("mw_lists_options_set_resolver", resolver._handle))
        if confirm_lifetime is not None:
            settings.append(("mw_lists_options_set_confirm_lifetime",
                             whole_seconds(confirm_lifetime, "confirm_lifetime")))
        for name, value in (("confirm_link_base", confirm_link_base),
                            ("unsubscribe_link_base", unsubscribe_link_base), ("list_id_domain", list_id_domain)):
            if value is not None:
                settings.append(("mw_lists_options_set_" + name, cstr(value, name)))
        with built_options("mw_lists_options", ListsOptionsPtr, settings) as options:
            handle = ListsPtr()
            err = ErrorPtr()
            check_status(lib().mw_registry_lists(ctypes.byref(handle), registry._handle, options,
                                                 ctypes.byref(err)), err)
        super().__init__(handle)
        self._init_callbacks()

    # --- calls ------------------------------------------------------------------

    def _live(self):
        if getattr(_importing, "lists", None) is self:
            raise invalid_argument("an import's on_row callback must not call the Lists that imports")
        return super()._live()

    def _call(self, fn, *args) -> None:
        """fn(lists, *args, &err)."""
        ptr = self._live()
        err = ErrorPtr()
        check_status(fn(ptr, *args, ctypes.byref(err)), err)

    def _out(self, fn, out, *args) -> None:
        """fn(&out, lists, *args, &err)."""
        ptr = self._live()
        err = ErrorPtr()
        check_status(fn(ctypes.byref(out), ptr, *args, ctypes.byref(err)), err)

    @staticmethod
    def _list(list: ListRef, account: Optional[str]):
        """(account, name) as C strings, for a list name or a MailingList."""
        if isinstance(list, MailingList):
            return optional_cstr(list.account if account is None else account, "account"), cstr(list.name, "list")
        return optional_cstr(account, "account"), cstr(list, "list")

    # --- lists -------------------------------------------------------------------

    def create(self, name: str, from_: str, *, account: Optional[str] = None) -> MailingList:
        """A new list whose mails come from the verified sender ``from_``.
        AlreadyExistsError when the account has a list of that name;
        InvalidArgumentError for an empty name, control characters, or a
        ``from_`` that is no address."""
        out = MailingListPtr()
        self._out(lib().mw_lists_create, out, optional_cstr(account, "account"), cstr(name, "name"),
                  cstr(from_, "from_"))
        return _taken(mailing_list_of, out)

    def find(self, name: str, *, account: Optional[str] = None) -> MailingList:
        """The list called ``name`` (NotFoundError when there is none)."""
        out = MailingListPtr()
        self._out(lib().mw_lists_find, out, optional_cstr(account, "account"), cstr(name, "name"))
        return _taken(mailing_list_of, out)

    def all(self, *, account: Optional[str] = None) -> list:
        """The account's lists, by name."""
        out = MailingListSetPtr()
        self._out(lib().mw_lists_all, out, optional_cstr(account, "account"))
        return _taken(lambda cdll, s: [mailing_list_of(cdll, p) for p in _items(cdll, s, "mailing_list")], out)

    # --- intake and double opt-in -------------------------------------------------

    def subscribe(self, list: ListRef, address: str, *, name: Optional[str] = None,
                  source: Optional[str] = None, ip: Optional[str] = None, user_agent: Optional[str] = None,
                  notice_text: Optional[str] = None, notice_version: Optional[str] = None,
                  double_opt_in: bool = True, account: Optional[str] = None) -> SubscribeOutcome:
        """Checks ``address`` and, when accepted, adds it PENDING and mails
        the confirmation link from the list's sender (``confirm_link`` of
        the outcome); with ``double_opt_in=False`` it is CONFIRMED at once,
        which is refused ("tombstoned") for an address that left before.
        ``source``, ``ip``, ``user_agent`` and the consent notice shown
        (``notice_text``, ``notice_version``) go into the consent log.

        A refusal is an outcome, not an exception. Raises NotFoundError (no
        such list) and the registry's send errors (the subscriber then stays
        pending: :meth:`resend_confirmation` later).
        """
        account_c, list_c = self._list(list, account)
        out = SubscribeOutcomePtr()
        with _facts(source, ip, user_agent, notice_text, notice_version) as facts:
            self._out(lib().mw_lists_subscribe, out, account_c, list_c, cstr(address, "address"),
                      optional_cstr(name, "name"), facts, 1 if double_opt_in else 0)
        return _taken(outcome_of, out)

    def resend_confirmation(self, list: ListRef, address: str, *, account: Optional[str] = None) -> str:
        """Mails a new confirmation link and returns it; the old one stops
        working. NotFoundError, InvalidArgumentError (not pending), send errors."""
        out = ctypes.c_void_p()
        self._out(lib().mw_lists_resend_confirmation, out, *self._list(list, account), cstr(address, "address"))
        return take_string(out)

    def inspect(self, link_or_token: str) -> TokenPreview:
        """What a confirmation link (or its token) is, with no side effect:
        answer a GET with it. InvalidArgumentError (malformed, unknown,
        replaced or tampered), ExpiredError, AlreadyExistsError (used)."""
        out = TokenPreviewPtr()
        self._out(lib().mw_lists_inspect, out, cstr(link_or_token, "link_or_token"))
        return _taken(preview_of, out)

    def confirm(self, link_or_token: str, *, ip: Optional[str] = None,
                user_agent: Optional[str] = None) -> Subscriber:
        """Uses a confirmation link (answer the POST with it): the subscriber
        becomes CONFIRMED, the request's ``ip`` and ``user_agent`` logged.
        Errors as :meth:`inspect`; a second confirm raises AlreadyExistsError."""
        out = SubscriberPtr()
        with _facts(ip=ip, user_agent=user_agent) as facts:
            self._out(lib().mw_lists_confirm, out, cstr(link_or_token, "link_or_token"), facts)
        return _taken(subscriber_of, out)

    # --- list headers ----------------------------------------------------------------

    def subscriber(self, list: ListRef, address: str, *, account: Optional[str] = None) -> Subscriber:
        """One subscriber of the list, by address (folded as intake folds
        it). NotFoundError when the list has no such subscriber."""
        out = SubscriberPtr()
        self._out(lib().mw_lists_find_subscriber, out, *self._list(list, account), cstr(address, "address"))
        return _taken(subscriber_of, out)

    def headers(self, list: ListRef, subscriber: Union[Subscriber, str], *,
                account: Optional[str] = None) -> ListHeaders:
        """The header fields of one subscriber's list mail (its own
        unsubscribe token), for mail sent another way than :meth:`send`.
        ``subscriber``: a Subscriber of the list or its address. NotFoundError
        when the list has no such subscriber."""
        address = subscriber.address if isinstance(subscriber, Subscriber) else subscriber
        out = ListHeadersPtr()
        self._out(lib().mw_lists_headers, out, *self._list(list, account), cstr(address, "subscriber"))
        return _taken(headers_of, out)

    def headers_for_all(self, list: ListRef, state=None, *, account: Optional[str] = None) -> list:
        """(Subscriber, ListHeaders) for each subscriber of the list in
        ``state`` (a SubscriberState; None: every state)."""
        return [(s, self.headers(list, s, account=account))
                for s in self.subscribers(list, state, account=account)]

    # --- unsubscribing -----------------------------------------------------------------

    def inspect_unsubscribe(self, link_or_token: str) -> Subscriber:
        """Whom an unsubscribe link, token or mailto address names, with no
        side effect (a GET). InvalidArgumentError (malformed or forged),
        NotFoundError (purged)."""
        out = SubscriberPtr()
        self._out(lib().mw_lists_inspect_unsubscribe, out, cstr(link_or_token, "link_or_token"))
        return _taken(subscriber_of, out)

    def unsubscribe(self, link_or_token: str, how: str, *, ip: Optional[str] = None,
                    user_agent: Optional[str] = None) -> Subscriber:
        """Unsubscribes at once; twice is not an error. ``how`` goes into the
        consent log: "one-click", "link", "mailto" or "api". Errors as
        :meth:`inspect_unsubscribe`."""
        out = SubscriberPtr()
        with _facts(ip=ip, user_agent=user_agent) as facts:
            self._out(lib().mw_lists_unsubscribe, out, cstr(link_or_token, "link_or_token"), cstr(how, "how"),
                      facts)
        return _taken(subscriber_of, out)

    def unsubscribe_post(self, link_or_token: str, content_type: str, body: Document, *,
                         ip: Optional[str] = None, user_agent: Optional[str] = None) -> Subscriber:
        """The RFC 8058 endpoint: unsubscribes ("one-click") only when the
        POST body says List-Unsubscribe=One-Click as
        application/x-www-form-urlencoded or multipart/form-data (pass the
        request's Content-Type with its boundary). Answer with a plain 200,
        no redirect, no cookie. ParseError for a body that does not say
        one-click (nothing changes), and the errors of :meth:`unsubscribe`."""
        data = as_bytes(body, "body")
        out = SubscriberPtr()
        with _facts(ip=ip, user_agent=user_agent) as facts:
            self._out(lib().mw_lists_unsubscribe_post, out, cstr(link_or_token, "link_or_token"),
                      cstr(content_type, "content_type"), data, len(data), facts)
        return _taken(subscriber_of, out)

    def unsubscribe_address(self, list: ListRef, address: str, *, how: Optional[str] = None,
                            account: Optional[str] = None) -> Subscriber:
        """Unsubscribes by address (an operator, an API call; ``how`` None:
        "api"). NotFoundError when the list has no such subscriber."""
        out = SubscriberPtr()
        self._out(lib().mw_lists_unsubscribe_address, out, *self._list(list, account), cstr(address, "address"),
                  optional_cstr(how, "how"))
        return _taken(subscriber_of, out)

    # --- reading ----------------------------------------------------------------------

    @staticmethod
    def _state(state) -> int:
        if state is None:
            return -1
        if isinstance(state, bool) or not isinstance(state, int):
            raise TypeError(f"state must be a SubscriberState or None, not {type(state).__name__}")
        return int(state)

    def subscribers(self, list: ListRef, state=None, *, account: Optional[str] = None) -> list:
        """The list's subscribers, by id; only those in ``state`` (a
        SubscriberState) when given."""
        out = SubscriberSetPtr()
        self._out(lib().mw_lists_subscribers, out, *self._list(list, account), self._state(state))
        return _taken(lambda cdll, s: [subscriber_of(cdll, p) for p in _items(cdll, s, "subscriber")], out)

    def consent_log(self, list: ListRef, address: str, *, account: Optional[str] = None) -> ConsentLog:
        """The subscriber's consent log, oldest first. NotFoundError (list or subscriber)."""
        out = ConsentLogPtr()
        self._out(lib().mw_lists_consent_log, out, *self._list(list, account), cstr(address, "address"))
        return _taken(consent_log_of, out)

    # --- sending, engagement, imports, purges -------------------------------------------

    def send(self, list: ListRef, subject: str, text: Optional[str] = None, html: Optional[str] = None, *,
             account: Optional[str] = None) -> ListSendReport:
        """Mails every confirmed subscriber one message, each with its own
        list headers; the bounce tracker leaves out (and marks) suppressed
        ones. Give ``text``, ``html`` or both. Raises InvalidArgumentError,
        NotFoundError, and the registry's refusal of the whole send
        (NotVerifiedError for a sender not verified, SuspendedError ...)."""
        out = ListSendReportPtr()
        self._out(lib().mw_lists_send, out, *self._list(list, account), cstr(subject, "subject"),
                  optional_cstr(text, "text"), optional_cstr(html, "html"))
        return _taken(send_report_of, out)

    def record_engagement(self, list: ListRef, address: str, clicked: bool = False, machine: bool = False, *,
                          account: Optional[str] = None) -> None:
        """Counts an open (``clicked`` False) or a click; a ``machine`` one
        (a proxy open, a scanner's click) is not counted. NotFoundError."""
        self._call(lib().mw_lists_record_engagement, *self._list(list, account), cstr(address, "address"),
                   1 if clicked else 0, 1 if machine else 0)

    def import_(self, list: ListRef, data, *, column: Union[str, int, None] = None,
                source: Optional[str] = None, notice_text: Optional[str] = None,
                notice_version: Optional[str] = None, on_row: Optional[Callable[[ImportRow], None]] = None,
                account: Optional[str] = None) -> ImportSummary:
        """Imports a CSV file or one address a line (bytes, str, or a file
        object read whole) through subscribe's checks, as CONFIRMED
        subscribers: the importer vouches for consent it holds, named by
        ``source`` and the notice. Addresses that left are refused.
        ``column``: a header name (str) or a 0-based index (int); None: as
        :class:`~mailwarden.Cleaner` finds it.
        ``on_row(ImportRow)`` is called for each row, in input order.

        Raises NotFoundError (list), InvalidArgumentError (a column that is
        not there). When ``on_row`` raised, the import has still been made:
        CallbackError is raised after it, its ``summary`` the ImportSummary.
        """
        if hasattr(data, "read"):
            data = data.read()
        payload = as_bytes(data, "data")
        column_index = -1
        if isinstance(column, int) and not isinstance(column, bool):
            if column < 0:
                raise invalid_argument("column must not be negative")
            column_index, column = column, None
        column_c = optional_cstr(column, "column")
        if on_row is not None and not callable(on_row):
            raise TypeError("on_row must be callable")
        account_c, list_c = self._list(list, account)
        out = ImportSummaryPtr()
        with _facts(source=source, notice_text=notice_text, notice_version=notice_version) as facts:
            ptr = self._live()
            token = self._register(on_row) if on_row is not None else None
            _importing.lists = self
            try:
                err = ErrorPtr()
                check_status(lib().mw_lists_import(ctypes.byref(out), ptr, account_c, list_c, payload, len(payload),
                                                   column_c, column_index, facts, _ON_ROW if token else _NO_ROW_CALLBACK, token,
                                                   ctypes.byref(err)), err)
            finally:
                _importing.lists = None
                if token is not None:
                    self._forget(token)
        summary = _taken(import_summary_of, out)
        try:
            self._raise_kept_errors()
        except CallbackError as exc:
            exc.summary = summary
            raise
        return summary

    def purge(self, list: ListRef, *, unconfirmed_days: Optional[int] = 30, inactive_days: Optional[int] = None,
              min_sends: int = 5, bounced_and_complained: bool = True, dry_run: bool = False,
              account: Optional[str] = None) -> PurgeReport:
        """Removes, or on a ``dry_run`` names: subscribers pending for more
        than ``unconfirmed_days`` (None: kept); confirmed ones with at least
        ``min_sends`` list mails and no counting open or click for
        ``inactive_days`` (None: no inactivity rule); with
        ``bounced_and_complained``, bounced, complained and suppressed ones.
        A purged subscriber's row and consent log go; a tombstone stays.
        Try a dry run first."""
        if isinstance(min_sends, bool) or not isinstance(min_sends, int):
            raise TypeError(f"min_sends must be an int, not {type(min_sends).__name__}")
        settings = [("mw_purge_policy_set_unconfirmed_days", _days(unconfirmed_days, "unconfirmed_days")),
                    ("mw_purge_policy_set_inactive", _days(inactive_days, "inactive_days"), min_sends),
                    ("mw_purge_policy_set_bounced_and_complained", 1 if bounced_and_complained else 0),
                    ("mw_purge_policy_set_dry_run", 1 if dry_run else 0)]
        out = PurgeReportPtr()
        with built_options("mw_purge_policy", PurgePolicyPtr, settings) as policy:
            self._out(lib().mw_lists_purge, out, *self._list(list, account), policy)
        return _taken(purge_report_of, out)

    # --- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Release the lists; safe more than once, from any thread. Calls
        running on other threads finish; calls after it raise
        ClosedHandleError."""
        self._close_with_callbacks()

    def _dispose(self, ptr) -> None:
        lib().mw_lists_free(ptr)


__all__ = ["Lists", "is_one_click_post"]
