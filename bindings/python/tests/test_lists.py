"""Mailing lists through the real library: a Registry on a SQLite file in a
temporary folder with the local transport and the manual clock, a verified
sender, and the Lists over it (double opt-in, list headers, RFC 8058
one-click unsubscribe, the consent log, import, send, engagement, purge).
The intake DNS test asks the unbound that tests/peers/unbound/run-with-unbound.sh
starts with tests/peers/unbound/auth-zones (MW_TEST_DNS)."""

import email
import email.policy
import json
import os
import threading
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

import mailwarden
from mailwarden import (
    AddressPolicy,
    AlreadyExistsError,
    BounceTracker,
    CallbackError,
    ClosedHandleError,
    ExpiredError,
    ImportRow,
    InvalidArgumentError,
    Lists,
    MailingList,
    NotFoundError,
    NotVerifiedError,
    ParseError,
    Registry,
    Resolver,
    Subscriber,
    SubscriberState,
    Verdict,
    is_one_click_post,
)
from require import peer_env

START = 1790000000  # 2026-09-21T14:13:20Z
T0 = datetime.fromtimestamp(START, tz=timezone.utc)
DAY = 86400
CONFIRM_BASE = "https://app.example/confirm"
UNSUBSCRIBE_BASE = "https://app.example/unsubscribe"
ONE_CLICK = b"List-Unsubscribe=One-Click"
MULTIPART_TYPE = "multipart/form-data; boundary=b1"
MULTIPART = (b"--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
             b"One-Click\r\n--b1--\r\n")


@pytest.fixture
def reg(tmp_path):
    r = Registry(store_path=str(tmp_path / "store.db"), outbox=str(tmp_path / "outbox"), manual_clock=START)
    r.add("news@iana.org", "News")
    r.confirm(r.last_link("news@iana.org"))  # the local transport's verification link
    yield r
    r.close()


@pytest.fixture
def lists(reg):
    with reg.lists(confirm_link_base=CONFIRM_BASE, unsubscribe_link_base=UNSUBSCRIBE_BASE,
                   list_id_domain="lists.app.example") as lists:
        lists.create("news", "news@iana.org")
        yield lists


def outbox(tmp_path, subject=None):
    """The mails the local transport wrote, parsed, oldest first."""
    folder = tmp_path / "outbox" / "new"
    mails = []
    for name in sorted(os.listdir(folder)):
        with open(folder / name, "rb") as f:
            mail = email.message_from_binary_file(f, policy=email.policy.default)
        if subject is None or mail["Subject"] == subject:
            mails.append(mail)
    return mails


def subscribe(lists, address, **kwargs):
    kwargs.setdefault("source", "signup-form")
    kwargs.setdefault("ip", "198.51.100.7")
    kwargs.setdefault("notice_text", "Send me the news")
    kwargs.setdefault("notice_version", "v2")
    return lists.subscribe("news", address, **kwargs)


def confirmed(lists, address):
    outcome = subscribe(lists, address)
    assert outcome.accepted, outcome
    return lists.confirm(outcome.confirm_link)


def unsubscribe_link(headers):
    """The https URL of a List-Unsubscribe field."""
    return headers.list_unsubscribe.split(">")[0].lstrip("<")


# --- lists ---------------------------------------------------------------------------

def test_create_find_all(reg, lists):
    news = lists.find("news")
    assert isinstance(news, MailingList)
    assert (news.account, news.name, news.from_, news.created_at) == ("default", "news", "news@iana.org", T0)
    with pytest.raises(AlreadyExistsError):
        lists.create("news", "news@iana.org")
    with pytest.raises(InvalidArgumentError):
        lists.create("bad", "not an address")
    with pytest.raises(InvalidArgumentError):
        lists.create("", "news@iana.org")
    with pytest.raises(NotFoundError):
        lists.find("nope")
    team = lists.create("digest", "news@iana.org", account="team")
    assert team.account == "team" and team.id != news.id
    assert [x.name for x in lists.all()] == ["news"]
    assert lists.all(account="team") == [team]
    assert lists.all(account="nobody") == []
    # Lists(registry) is the same as registry.lists().
    with Lists(reg) as again:
        assert again.find("news") == news
    with pytest.raises(TypeError):
        Lists("store.db")


# --- double opt-in -----------------------------------------------------------------------

def test_subscribe_mails_the_confirmation_link(lists, tmp_path):
    outcome = subscribe(lists, "Ann@IANA.org", name="Ann")
    assert outcome.accepted and outcome.refused_because == ""
    assert outcome.check.address == "Ann@iana.org" and outcome.check.verdict is Verdict.VALID
    s = outcome.subscriber
    assert isinstance(s, Subscriber)
    assert (s.address, s.name, s.state, s.confirmed_at, s.created_at) == (
        "Ann@iana.org", "Ann", SubscriberState.PENDING, None, T0)
    link = outcome.confirm_link
    assert link.startswith(CONFIRM_BASE + "?token=c1.")
    doc = json.loads(outcome.json)
    assert doc["accepted"] is True and doc["subscriber"]["state"] == "pending"
    (mail,) = outbox(tmp_path, "Confirm your subscription to news")
    assert mail["To"] == "Ann@iana.org" and "news@iana.org" in mail["From"]
    assert link in mail.get_content()


def test_inspect_has_no_side_effect_and_confirm_works_once(reg, lists):
    outcome = subscribe(lists, "ann@iana.org")
    link = outcome.confirm_link
    for what in (link, parse_qs(urlsplit(link).query)["token"][0]):   # the link or its token
        preview = lists.inspect(what)
        assert preview.list.name == "news" and preview.subscriber.address == "ann@iana.org"
        assert preview.subscriber.state is SubscriberState.PENDING
        assert preview.expires_at == T0 + timedelta(hours=48)
    assert [s.address for s in lists.subscribers("news", SubscriberState.PENDING)] == ["ann@iana.org"]
    assert [e.action for e in lists.consent_log("news", "ann@iana.org")] == ["subscribe"]

    tampered = link[:-2] + ("B" if link[-2] == "A" else "A") + link[-1]
    with pytest.raises(InvalidArgumentError):
        lists.inspect(tampered)
    with pytest.raises(InvalidArgumentError):
        lists.confirm(tampered)
    with pytest.raises(InvalidArgumentError):
        lists.confirm("https://app.example/confirm?token=nonsense")

    reg.advance_clock(3600)
    s = lists.confirm(link, ip="203.0.113.9", user_agent="Firefox")
    assert s.state is SubscriberState.CONFIRMED and s.confirmed_at == T0 + timedelta(hours=1)
    with pytest.raises(AlreadyExistsError, match="already used"):
        lists.confirm(link)
    with pytest.raises(AlreadyExistsError):
        lists.inspect(link)
    confirm_entry = lists.consent_log("news", "ann@iana.org")[1]
    assert (confirm_entry.action, confirm_entry.ip, confirm_entry.user_agent) == ("confirm", "203.0.113.9", "Firefox")


def test_links_expire_and_resend_replaces_them(reg, lists):
    old = subscribe(lists, "bob@iana.org").confirm_link
    reg.advance_clock(48 * 3600 + 1)
    with pytest.raises(ExpiredError):
        lists.inspect(old)
    with pytest.raises(ExpiredError):
        lists.confirm(old)
    new = lists.resend_confirmation("news", "bob@iana.org")
    assert new != old and new.startswith(CONFIRM_BASE)
    assert lists.confirm(new).state is SubscriberState.CONFIRMED
    with pytest.raises(InvalidArgumentError):
        lists.resend_confirmation("news", "bob@iana.org")  # not pending any more
    with pytest.raises(NotFoundError):
        lists.resend_confirmation("news", "nobody@iana.org")


def test_intake_refusals_are_outcomes(reg, lists):
    role = subscribe(lists, "postmaster@iana.org")
    assert (role.accepted, role.refused_because, role.subscriber, role.confirm_link) == (False, "role", None, "")
    assert "role" in role.check.reasons
    assert subscribe(lists, "x@mailinator.com").refused_because == "disposable"
    assert subscribe(lists, "not an address").refused_because == "whitespace"
    assert subscribe(lists, "ann@iana.org", user_agent="bad\r\nagent").refused_because == "invalid_field"
    with BounceTracker.of_registry(reg) as tracker:
        tracker.suppress("gone@iana.org")
    assert subscribe(lists, "gone@iana.org").refused_because == "suppressed"
    assert lists.subscribers("news") == []
    with pytest.raises(NotFoundError):
        lists.subscribe("nope", "ann@iana.org")
    # Without double opt-in: confirmed at once.
    direct = subscribe(lists, "dora@iana.org", double_opt_in=False)
    assert direct.accepted and direct.subscriber.state is SubscriberState.CONFIRMED and direct.confirm_link == ""


def test_intake_options(reg):
    with AddressPolicy(allow_special_use=True) as policy, \
            Lists(reg, policy=policy, refuse_disposable=False, allow_disposable=["mailinator.com"],
                  fold_provider_aliases=True, confirm_lifetime=timedelta(hours=2)) as lists:
        lists.create("news", "news@iana.org")
        role = subscribe(lists, "postmaster@iana.org")   # this policy does not reject role addresses
        assert role.accepted and "role" in role.subscriber.flags
        assert subscribe(lists, "x@mailinator.com").accepted
        assert subscribe(lists, "ann@example.test").accepted
        first = subscribe(lists, "Jane.Doe+news@gmail.com")
        assert first.accepted and "free_provider" in first.subscriber.flags
        assert lists.inspect(first.confirm_link).expires_at == T0 + timedelta(hours=2)
        # Gmail's dots and +tag folded: the same subscriber.
        again = subscribe(lists, "janedoe@gmail.com", double_opt_in=False)
        assert again.subscriber.id == first.subscriber.id and again.subscriber.address == "Jane.Doe+news@gmail.com"
    for bad in (0, -5):
        with pytest.raises(InvalidArgumentError):
            Lists(reg, confirm_lifetime=bad)
    with pytest.raises(InvalidArgumentError):
        Lists(reg, confirm_lifetime=1.5)
    with pytest.raises(InvalidArgumentError):
        Lists(reg, allow_disposable=[""])
    with pytest.raises(TypeError):
        Lists(reg, policy="strict")


def test_intake_dns_from_unbound(reg):
    server = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([server], timeout=2, tries=2) as dns, Lists(reg, resolver=dns) as lists:
        lists.create("news", "news@iana.org")
        nodata = subscribe(lists, "b@amazonses.com")
        assert (nodata.accepted, nodata.refused_because) == (False, "no_mail_domain")
        assert nodata.check.domain_status is mailwarden.MailDomainStatus.NO_MAIL_DOMAIN
        implicit = subscribe(lists, "a@feedback-smtp.us-east-1.amazonses.com")
        assert implicit.accepted and "implicit_mx" in implicit.subscriber.flags


# --- list headers and one-click unsubscribe ---------------------------------------------------

def test_headers_and_one_click_unsubscribe(lists):
    ann = confirmed(lists, "ann@iana.org")
    bob = confirmed(lists, "bob@iana.org")
    news = lists.find("news")
    h = lists.headers(news, ann)
    assert h.list_unsubscribe_post == "List-Unsubscribe=One-Click"
    assert h.list_id == "<news.default.lists.app.example>"
    assert h.list_unsubscribe.startswith("<" + UNSUBSCRIBE_BASE + "?token=u1.")
    assert "<mailto:unsubscribe+u1." in h.list_unsubscribe and "@lists.app.example" in h.list_unsubscribe
    assert h.as_dict() == {"List-Unsubscribe": h.list_unsubscribe,
                           "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                           "List-Id": "<news.default.lists.app.example>"}
    assert lists.headers("news", "ANN@iana.org") == h     # by address too
    assert lists.subscriber("news", "ANN@iana.org") == ann
    with pytest.raises(NotFoundError):
        lists.subscriber("news", "nobody@iana.org")
    with pytest.raises(NotFoundError):
        lists.headers("news", "nobody@iana.org")
    pairs = lists.headers_for_all("news", SubscriberState.CONFIRMED)
    assert [(s.address, hh) for s, hh in pairs] == [("ann@iana.org", h), ("bob@iana.org", lists.headers("news", bob))]
    ann_url = unsubscribe_link(h)
    bob_url = unsubscribe_link(lists.headers("news", bob))

    # A GET, and a POST whose body does not say one-click, change nothing.
    assert lists.inspect_unsubscribe(ann_url).state is SubscriberState.CONFIRMED
    for content_type, body in (("application/x-www-form-urlencoded", b"List-Unsubscribe=Maybe"),
                               ("text/plain", ONE_CLICK), ("application/x-www-form-urlencoded", b"")):
        assert not is_one_click_post(content_type, body)
        with pytest.raises(ParseError, match="One-Click"):
            lists.unsubscribe_post(ann_url, content_type, body)
    assert lists.inspect_unsubscribe(ann_url).state is SubscriberState.CONFIRMED

    assert is_one_click_post("application/x-www-form-urlencoded", ONE_CLICK)
    assert is_one_click_post(MULTIPART_TYPE, MULTIPART)
    gone = lists.unsubscribe_post(ann_url, "application/x-www-form-urlencoded", ONE_CLICK, ip="192.0.2.1")
    assert gone.address == "ann@iana.org" and gone.state is SubscriberState.UNSUBSCRIBED
    assert lists.unsubscribe_post(bob_url, MULTIPART_TYPE, MULTIPART).state is SubscriberState.UNSUBSCRIBED
    # Twice is once, in either encoding.
    assert lists.unsubscribe_post(ann_url, MULTIPART_TYPE, MULTIPART).state is SubscriberState.UNSUBSCRIBED

    log = lists.consent_log("news", "ann@iana.org")
    assert [e.action for e in log][:2] == ["subscribe", "confirm"] and log[-1].action == "unsubscribe"
    first, last = log[0], log[-1]
    assert (first.source, first.ip, first.notice_text, first.notice_version, first.at) == (
        "signup-form", "198.51.100.7", "Send me the news", "v2", T0)
    assert (last.detail, last.ip) == ("one-click", "192.0.2.1")
    assert [e["action"] for e in json.loads(log.json)] == [e.action for e in log]
    assert len(log) == len(log.entries)

    # Gone means gone: no silent way back; a new double opt-in is one.
    assert subscribe(lists, "ann@iana.org", double_opt_in=False).refused_because == "tombstoned"
    back = subscribe(lists, "ann@iana.org")
    assert back.accepted and back.subscriber.state is SubscriberState.PENDING


def test_other_ways_to_unsubscribe(lists):
    ann = confirmed(lists, "ann@iana.org")
    confirmed(lists, "bob@iana.org")
    url = unsubscribe_link(lists.headers("news", ann))
    mailto = lists.headers("news", ann).list_unsubscribe.split("<mailto:")[1].split("?")[0]
    assert lists.inspect_unsubscribe(mailto).id == ann.id
    assert lists.unsubscribe(url, "link").state is SubscriberState.UNSUBSCRIBED
    assert lists.consent_log("news", "ann@iana.org")[-1].detail == "link"
    assert lists.unsubscribe_address("news", "bob@iana.org").state is SubscriberState.UNSUBSCRIBED
    assert lists.consent_log("news", "bob@iana.org")[-1].detail == "api"
    with pytest.raises(NotFoundError):
        lists.unsubscribe_address("news", "nobody@iana.org")
    with pytest.raises(InvalidArgumentError):
        lists.inspect_unsubscribe(url[:-3] + "xyz")      # a forged token
    with pytest.raises(InvalidArgumentError):
        lists.unsubscribe("https://app.example/unsubscribe?token=u1.999.AAAAAAAAAAAAAAAAAAAAAA", "link")


# --- import, send, engagement, purge ---------------------------------------------------------

CSV = ("email,name\n"
       "carol@iana.org,Carol\n"
       "dave@iana.org,Dave\n"
       "CAROL@iana.org,Carol again\n"
       "abuse@iana.org,Abuse\n"
       "ann@iana.org,Ann left\n"
       "broken@@iana.org,Broken\n")


def test_import_with_refused_rows(lists):
    confirmed(lists, "ann@iana.org")
    lists.unsubscribe_address("news", "ann@iana.org")
    rows = []
    summary = lists.import_("news", CSV, column="email", source="crm-export.csv", notice_text="CRM opt-in",
                            notice_version="2024", on_row=rows.append)
    assert (summary.rows, summary.added, summary.refused) == (6, 2, 4)
    assert sum(summary.refused_by_reason.values()) == 4
    assert {"duplicate", "role", "tombstoned"} <= set(summary.refused_by_reason)
    assert all(isinstance(r, ImportRow) for r in rows)
    assert [r.check.row for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [(r.added, r.refused_because) for r in rows[:5]] == [
        (True, ""), (True, ""), (False, "duplicate"), (False, "role"), (False, "tombstoned")]
    assert rows[5].check.verdict is Verdict.INVALID and not rows[5].added
    carol = lists.subscribers("news", SubscriberState.CONFIRMED)
    assert [s.address for s in carol] == ["carol@iana.org", "dave@iana.org"]
    entry = lists.consent_log("news", "carol@iana.org")[0]
    assert (entry.action, entry.source, entry.notice_text, entry.notice_version) == (
        "import", "crm-export.csv", "CRM opt-in", "2024")
    # Again, by index, from a file object: everything is there already.
    import io
    again = lists.import_("news", io.BytesIO(CSV.encode()), column=0)
    assert again.added == 0 and again.refused_by_reason.get("already_subscribed") == 2
    with pytest.raises(InvalidArgumentError):
        lists.import_("news", CSV, column="no such column")
    with pytest.raises(NotFoundError):
        lists.import_("nope", CSV)
    assert lists.import_("news", b"").rows == 0


def test_import_callbacks_that_raise_or_call_back(lists):
    def boom(row):
        raise RuntimeError(f"boom at {row.check.row}")

    with pytest.raises(CallbackError) as info:
        lists.import_("news", "a@iana.org\nb@iana.org\n", on_row=boom)
    assert [str(e) for e in info.value.errors] == ["boom at 1", "boom at 2"]
    assert info.value.summary.added == 2            # the import was made
    assert len(lists.subscribers("news")) == 2
    assert lists.pending_callback_errors == 0

    def calls_back(row):
        lists.subscribers("news")

    with pytest.raises(CallbackError) as info:
        lists.import_("news", "c@iana.org\n", on_row=calls_back)
    assert isinstance(info.value.errors[0], InvalidArgumentError) and "on_row" in str(info.value.errors[0])
    assert len(lists.subscribers("news")) == 3       # usable again


def test_send_engagement_and_purge(reg, lists, tmp_path):
    confirmed(lists, "bob@iana.org")
    assert lists.import_("news", CSV, column="email", source="crm").added == 3   # carol, dave, ann
    report = lists.send("news", "Issue 1", text="Hello")
    assert (report.sent, report.suppressed, report.failed, report.first_error) == (4, 0, 0, "")
    mails = outbox(tmp_path, "Issue 1")
    assert sorted(m["To"] for m in mails) == ["ann@iana.org", "bob@iana.org", "carol@iana.org", "dave@iana.org"]
    for mail in mails:
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert mail["List-Id"] == "<news.default.lists.app.example>"
        assert lists.inspect_unsubscribe(mail["List-Unsubscribe"].split(">")[0][1:]).address == mail["To"]
    with pytest.raises(InvalidArgumentError):
        lists.send("news", "Empty")

    lists.record_engagement("news", "carol@iana.org", clicked=True)
    lists.record_engagement("news", "dave@iana.org", machine=True)
    with pytest.raises(NotFoundError):
        lists.record_engagement("news", "nobody@iana.org")
    by_address = {s.address: s for s in lists.subscribers("news")}
    carol, dave = by_address["carol@iana.org"], by_address["dave@iana.org"]
    assert (carol.sends, carol.clicks, carol.last_sent_at, carol.last_engaged_at) == (1, 1, T0, T0)
    assert (dave.opens, dave.last_engaged_at) == (0, None)

    # A pending subscriber left for 31 days: the dry run names it and keeps it.
    subscribe(lists, "erin@iana.org")
    reg.advance_clock(31 * DAY)
    dry = lists.purge("news", dry_run=True)
    assert dry.dry_run and [(s.address, why) for s, why in dry.purged] == [("erin@iana.org", "unconfirmed")]
    assert dry.purged[0][0].state is SubscriberState.PENDING
    assert len(lists.subscribers("news", SubscriberState.PENDING)) == 1
    real = lists.purge("news", inactive_days=30, min_sends=2)   # one send is fewer than two: only erin goes
    assert not real.dry_run and [(s.address, why) for s, why in real.purged] == [("erin@iana.org", "unconfirmed")]
    assert real.purged[0][0].state is SubscriberState.PURGED
    assert lists.subscribers("news", SubscriberState.PENDING) == []
    with pytest.raises(NotFoundError):
        lists.consent_log("news", "erin@iana.org")    # its log went with it
    # A send each and no counting open or click in 30 days (carol clicked 31 days ago).
    inactive = lists.purge("news", inactive_days=30, min_sends=1, unconfirmed_days=None)
    assert sorted((s.address, why) for s, why in inactive.purged) == [
        ("ann@iana.org", "inactive"), ("bob@iana.org", "inactive"), ("carol@iana.org", "inactive"),
        ("dave@iana.org", "inactive")]
    assert lists.subscribers("news", SubscriberState.CONFIRMED) == []
    with pytest.raises(InvalidArgumentError):
        lists.purge("news", min_sends=-1)
    with pytest.raises(InvalidArgumentError):
        lists.purge("news", inactive_days=-3)
    with pytest.raises(NotFoundError):
        lists.purge("nope")


def test_send_needs_a_verified_sender(reg, lists):
    reg.add("promo@iana.org")                       # pending: not verified
    lists.create("promo", "promo@iana.org")
    assert lists.import_("promo", "ann@iana.org\n").added == 1
    with pytest.raises(NotVerifiedError):
        lists.send("promo", "Hi", text="x")
    # Subscribing mails from the list's sender: refused, the subscriber stays pending.
    with pytest.raises(NotVerifiedError):
        lists.subscribe("promo", "bob@iana.org")
    assert [s.state for s in lists.subscribers("promo", SubscriberState.PENDING)] == [SubscriberState.PENDING]


# --- values, arguments, lifetime -------------------------------------------------------------------

def test_subscriber_values(lists):
    s = confirmed(lists, "ann@iana.org")
    assert json.loads(s.json)["address"] == "ann@iana.org"
    assert s.created_at.tzinfo is timezone.utc
    with pytest.raises(Exception):
        s.state = SubscriberState.PURGED               # frozen
    assert [st.id for st in SubscriberState] == [
        "pending", "confirmed", "unsubscribed", "bounced", "complained", "purged"]


def test_subscriber_state_names_come_from_the_library(cdll):
    for st in SubscriberState:
        assert cdll.mw_subscriber_state_name(int(st)).decode() == st.id
    assert cdll.mw_subscriber_state_name(len(SubscriberState)) is None
    for name in ("Lists", "SubscriberState", "Subscriber", "MailingList", "SubscribeOutcome", "TokenPreview",
                 "ListHeaders", "ListSendReport", "ImportRow", "ImportSummary", "PurgeReport", "ConsentEntry",
                 "is_one_click_post"):
        assert name in mailwarden.__all__


def test_argument_misuse(lists):
    with pytest.raises(TypeError):
        lists.subscribers("news", state="confirmed")
    with pytest.raises(InvalidArgumentError):
        lists.subscribers("news", state=9)
    with pytest.raises(TypeError):
        lists.subscribe("news", 42)
    with pytest.raises(InvalidArgumentError, match="NUL"):
        lists.subscribe("news", "a@iana.org\0b")
    with pytest.raises(InvalidArgumentError):
        lists.import_("news", "a@iana.org\n", column=-1)
    with pytest.raises(TypeError):
        lists.unsubscribe_post("x", "text/plain", 42)
    with pytest.raises(TypeError):
        lists.import_("news", "a@iana.org\n", on_row="print")


def test_closed_lists_raise(reg):
    lists = reg.lists()
    news = lists.create("news", "news@iana.org")
    lists.close()
    lists.close()
    assert lists.closed
    calls = [
        lambda: lists.create("x", "news@iana.org"), lambda: lists.find("news"), lists.all,
        lambda: lists.subscribe("news", "a@iana.org"), lambda: lists.resend_confirmation("news", "a@iana.org"),
        lambda: lists.inspect("x"), lambda: lists.confirm("x"), lambda: lists.headers(news, "a@iana.org"),
        lambda: lists.headers_for_all(news), lambda: lists.inspect_unsubscribe("x"),
        lambda: lists.unsubscribe("x", "link"), lambda: lists.unsubscribe_post("x", "text/plain", b""),
        lambda: lists.unsubscribe_address("news", "a@iana.org"), lambda: lists.subscribers("news"),
        lambda: lists.consent_log("news", "a@iana.org"), lambda: lists.send("news", "s", text="t"),
        lambda: lists.record_engagement("news", "a@iana.org"), lambda: lists.import_("news", b""),
        lambda: lists.purge("news"),
    ]
    for call in calls:
        with pytest.raises(ClosedHandleError, match="Lists is closed"):
            call()
    with pytest.raises(ValueError):
        with lists:
            pass


def test_lists_outlive_their_registry(tmp_path, reg):
    lists = reg.lists()
    lists.create("news", "news@iana.org")
    reg.close()
    assert confirmed(lists, "ann@iana.org").state is SubscriberState.CONFIRMED
    assert lists.send("news", "Hi", text="x").sent == 1
    lists.close()
    with Registry(store_path=str(tmp_path / "store.db"), outbox=str(tmp_path / "outbox")) as again, \
            again.lists() as reopened:
        assert [s.address for s in reopened.subscribers("news")] == ["ann@iana.org"]


def test_close_while_threads_subscribe(lists):
    results = [None] * 4
    started = threading.Barrier(5)

    def work(i):
        started.wait()
        n = 0
        while True:
            try:
                outcome = lists.subscribe("news", f"w{i}-{n}@iana.org", double_opt_in=False)
                assert outcome.accepted
            except BaseException as exc:  # noqa: B902 - reported below
                results[i] = exc
                return
            n += 1

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(4)]
    for t in threads:
        t.start()
    started.wait()
    time.sleep(0.05)
    lists.close()
    for t in threads:
        t.join(30)
        assert not t.is_alive()
    assert all(isinstance(r, InvalidArgumentError) and "closed" in str(r) for r in results), results
