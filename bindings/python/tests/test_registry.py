"""Sender channels through the real library: the local transport, a SQLite
store in a temporary folder and the manual clock."""

import dataclasses
import gc
import json
import os
import threading
import time
import weakref
from datetime import datetime, timedelta, timezone

import pytest

from mailwarden import (
    AlreadyExistsError,
    CallbackError,
    ClosedHandleError,
    ExpiredError,
    InvalidArgumentError,
    MailwardenError,
    NotFoundError,
    NotVerifiedError,
    PolicyError,
    Registry,
    Sender,
    SenderState,
    StorageError,
)

START = 1790000000  # 2026-09-21T14:13:20Z
T0 = datetime.fromtimestamp(START, tz=timezone.utc)
DAY = 86400


def open_registry(tmp_path, **kwargs):
    kwargs.setdefault("manual_clock", START)
    return Registry(store_path=str(tmp_path / "senders.db"), outbox=str(tmp_path / "outbox"), **kwargs)


@pytest.fixture
def reg(tmp_path):
    r = open_registry(tmp_path)
    yield r
    r.close()


class Recorder:
    """A state-change callback that records what it is given."""

    def __init__(self):
        self.events = []
        self.threads = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def __call__(self, sender, from_state, to_state):
        assert isinstance(sender, Sender)
        with self.lock:
            self.events.append((sender.address, from_state, to_state, sender.state))
            self.threads.append(threading.get_ident())
            self.changed.notify_all()

    def transitions(self, address=None):
        with self.lock:
            return [(f, t) for a, f, t, _ in self.events if address in (None, a)]

    def wait_for(self, predicate, timeout=10.0):
        with self.lock:
            return self.changed.wait_for(lambda: predicate(self.events), timeout)


def confirm(reg, address):
    return reg.confirm(reg.last_link(address))


# --- add and the snapshot ---------------------------------------------------

def test_add_gives_a_pending_snapshot(reg):
    assert reg.uses_manual_clock
    s = reg.add("Alice@IANA.org", "Alice")
    assert s.state is SenderState.PENDING
    assert s.address == "Alice@iana.org"          # domain normalised
    assert s.alias == "Alice" and s.type == "Email" and s.account == "default"
    assert s.id.startswith("snd_")
    assert s.created_at == s.requested_at == T0
    assert s.created_at.tzinfo is timezone.utc
    assert s.expires_at == T0 + timedelta(days=1)
    assert s.verified_at is None and s.failed_at is None
    assert s.failure_reason == "" and s.warnings == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.state = SenderState.SUCCESS
    assert reg.get("alice@iana.org".replace("alice", "Alice")) == s


def test_sender_json_comes_from_the_library(reg):
    s = reg.add("alice@iana.org", "Alice")
    plain = json.loads(s.to_json())
    assert plain["address"] == "alice@iana.org" and plain["status"] == "Pending"
    assert plain["id"] == s.id and plain["alias"] == "Alice"
    assert plain["created_at"] == "2026-09-21T14:13:20Z"
    assert plain["verified_at"] is None
    assert "history" not in plain
    history = json.loads(s.to_json(with_history=True))["history"]
    assert [(h["from"], h["to"]) for h in history] == [(None, "Pending")]


def test_state_labels_match_the_library(cdll):
    assert [int(s) for s in SenderState] == [0, 1, 2]
    for state in SenderState:
        assert cdll.mw_sender_state_name(int(state)).decode() == state.label
    assert cdll.mw_sender_state_name(3) is None


# --- the seed's flow ----------------------------------------------------------

def test_send_only_after_confirmation(reg, tmp_path):
    reg.add("alice@iana.org", "Alice")
    with pytest.raises(NotVerifiedError) as info:
        reg.send("alice@iana.org", "reader@iana.org", "Hi", text="hello")
    assert info.value.code == -10 and "Pending" in info.value.message

    link = reg.last_link("alice@iana.org")
    assert link.startswith("https://") and "alice@iana.org" in link
    reg.advance_clock(3600)
    assert "successfully verified" in reg.confirm(link)
    s = reg.get("alice@iana.org")
    assert s.state is SenderState.SUCCESS
    assert s.verified_at == T0 + timedelta(hours=1)

    message_id = reg.send("alice@iana.org", ["reader@iana.org", "other@iana.org"],
                          "Quarterly report", text="plain", html="<p>rich</p>")
    assert message_id
    mails = []
    for name in os.listdir(tmp_path / "outbox" / "new"):
        with open(tmp_path / "outbox" / "new" / name, encoding="utf-8", errors="replace") as f:
            mails.append(f.read())
    sent = [m for m in mails if "Quarterly report" in m]
    assert len(sent) == 1
    assert "reader@iana.org" in sent[0] and "other@iana.org" in sent[0]
    assert "Alice" in sent[0]

    # A verified sender cannot be asked to verify again.
    with pytest.raises(InvalidArgumentError):
        reg.resend("alice@iana.org")


def test_link_expires_at_exactly_24_hours(reg):
    reg.add("carol@iana.org")
    reg.advance_clock(86399)
    assert reg.get("carol@iana.org").state is SenderState.PENDING
    reg.advance_clock(1)
    s = reg.get("carol@iana.org")
    assert s.state is SenderState.FAILED
    assert "expired" in s.failure_reason
    assert s.failed_at == T0 + timedelta(days=1)
    with pytest.raises(ExpiredError) as info:
        confirm(reg, "carol@iana.org")
    assert info.value.code == -12
    with pytest.raises(NotVerifiedError):
        reg.send("carol@iana.org", "reader@iana.org", "Hi", text="x")


def test_resend_opens_a_new_window(reg):
    reg.add("carol@iana.org")
    old_link = reg.last_link("carol@iana.org")
    reg.advance_clock(DAY + 600)
    assert reg.get("carol@iana.org").state is SenderState.FAILED

    s = reg.resend("carol@iana.org")
    now = T0 + timedelta(seconds=DAY + 600)
    assert s.state is SenderState.PENDING
    assert s.requested_at == now and s.expires_at == now + timedelta(days=1)
    assert s.failure_reason == "" and s.failed_at is None
    new_link = reg.last_link("carol@iana.org")
    assert new_link != old_link
    with pytest.raises(InvalidArgumentError, match="replaced"):
        reg.confirm(old_link)
    reg.advance_clock(DAY - 1)
    confirm(reg, "carol@iana.org")
    assert reg.get("carol@iana.org").state is SenderState.SUCCESS
    history = json.loads(reg.get("carol@iana.org").to_json(True))["history"]
    assert [h["to"] for h in history] == ["Pending", "Failed", "Pending", "Success"]


def test_refresh_applies_expiry_and_counts(reg):
    reg.add("a@iana.org")
    reg.add("b@iana.org")
    assert reg.refresh() == (2, 0)
    reg.advance_clock(DAY)
    checked, changed = reg.refresh()
    assert (checked, changed) == (2, 2)
    assert [s.state for s in reg.list()] == [SenderState.FAILED] * 2


# --- refusals ----------------------------------------------------------------

def test_duplicates_are_refused(reg):
    reg.add("alice@iana.org")
    with pytest.raises(AlreadyExistsError) as info:
        reg.add("alice@IANA.ORG", "again")
    assert info.value.code == -5
    # Another account is another namespace.
    assert reg.add("alice@iana.org", account="team").account == "team"


@pytest.mark.parametrize("alias", ["B\r\nBcc: x@y.org", "line\nbreak", "tab\there"])
def test_alias_with_control_characters_is_refused(reg, alias):
    with pytest.raises(InvalidArgumentError, match="alias"):
        reg.add("bob@iana.org", alias)
    with pytest.raises(NotFoundError):
        reg.get("bob@iana.org")


@pytest.mark.parametrize("address", ["not an address", "a..b@iana.org", "", "user@example.com"])
def test_invalid_sender_address_is_refused(reg, address):
    with pytest.raises(InvalidArgumentError):
        reg.add(address)


def test_special_use_domain_allowed_by_option(tmp_path):
    with open_registry(tmp_path, allow_special_use=True) as reg:
        assert reg.add("demo@example.com").address == "demo@example.com"


def test_noreply_and_role_give_warnings(reg):
    s = reg.add("no-reply@iana.org")
    assert len(s.warnings) == 1 and "no-reply" in s.warnings[0]
    s = reg.add("postmaster@iana.org")
    assert len(s.warnings) == 1 and "role account" in s.warnings[0]
    assert json.loads(s.to_json())["warnings"] == s.warnings


def test_reject_noreply_and_role_are_policy_errors(tmp_path):
    with open_registry(tmp_path, reject_noreply=True, reject_role=True) as reg:
        with pytest.raises(PolicyError) as info:
            reg.add("no-reply@iana.org")
        assert info.value.code == -14 and "no-reply" in info.value.message
        with pytest.raises(PolicyError, match="role"):
            reg.add("postmaster@iana.org")
        assert reg.list() == []
        assert reg.add("jane@iana.org").warnings == []


# --- list, accounts, remove ---------------------------------------------------

def test_list_filters_by_state_and_account(reg):
    # One second apart: senders created in the same instant have no defined order.
    for name in ("c", "a", "b"):
        reg.add(f"{name}@iana.org")
        reg.advance_clock(1)
    reg.add("d@iana.org", account="team")
    confirm(reg, "b@iana.org")
    reg.advance_clock(DAY)  # a and c expire; b stays verified

    assert [s.address for s in reg.list()] == ["c@iana.org", "a@iana.org", "b@iana.org"]
    assert [s.address for s in reg.list(SenderState.SUCCESS)] == ["b@iana.org"]
    assert [s.address for s in reg.list(state=SenderState.FAILED)] == ["c@iana.org", "a@iana.org"]
    assert reg.list(SenderState.PENDING) == []
    team = reg.list(account="team")
    assert [(s.address, s.state) for s in team] == [("d@iana.org", SenderState.FAILED)]
    assert reg.list(account="nobody") == []
    with pytest.raises(InvalidArgumentError):
        reg.list(7)
    with pytest.raises(TypeError):
        reg.list("Pending")


def test_default_account_option(tmp_path):
    with open_registry(tmp_path, default_account="shop") as reg:
        assert reg.add("jane@iana.org").account == "shop"
        assert [s.address for s in reg.list(account="shop")] == ["jane@iana.org"]
        with pytest.raises(NotFoundError):
            reg.get("jane@iana.org", account="default")


def test_remove(reg):
    reg.add("alice@iana.org")
    reg.add("bob@iana.org")
    reg.remove("alice@iana.org")
    with pytest.raises(NotFoundError):
        reg.get("alice@iana.org")
    with pytest.raises(NotFoundError):
        reg.remove("alice@iana.org")
    reg.remove("bob@iana.org", delete_identity=True)
    assert reg.list() == []
    # Removed senders can be added again.
    assert reg.add("alice@iana.org").state is SenderState.PENDING


def test_store_survives_reopening(tmp_path):
    with open_registry(tmp_path) as reg:
        sender = reg.add("alice@iana.org", "Alice")
        confirm(reg, "alice@iana.org")
    with open_registry(tmp_path) as reg:
        again = reg.get("alice@iana.org")
        assert again.id == sender.id and again.state is SenderState.SUCCESS


# --- options ---------------------------------------------------------------

def test_link_lifetime_and_clock_types(tmp_path):
    with open_registry(tmp_path, link_lifetime=timedelta(hours=2),
                       manual_clock=T0 + timedelta(days=1)) as reg:
        s = reg.add("alice@iana.org")
        assert s.created_at == T0 + timedelta(days=1)
        assert s.expires_at == s.created_at + timedelta(hours=2)
        reg.advance_clock(timedelta(hours=2))
        assert reg.get("alice@iana.org").state is SenderState.FAILED


def test_bad_options(tmp_path):
    outbox = str(tmp_path / "outbox")
    store = str(tmp_path / "senders.db")
    with pytest.raises(InvalidArgumentError, match="store"):
        Registry(store_path="", outbox=outbox)
    with pytest.raises(InvalidArgumentError, match="outbox"):
        Registry(store_path=store, outbox="")
    with pytest.raises(InvalidArgumentError):
        Registry(store_path=store, outbox=outbox, link_lifetime=0)
    with pytest.raises(InvalidArgumentError):
        Registry(store_path=store, outbox=outbox, link_lifetime=1.5)
    with pytest.raises(InvalidArgumentError):
        Registry(store_path=store, outbox=outbox, default_account="")
    with pytest.raises(InvalidArgumentError, match="timezone"):
        Registry(store_path=store, outbox=outbox, manual_clock=datetime(2026, 1, 1))
    with pytest.raises(InvalidArgumentError, match="NUL"):
        Registry(store_path="a\0b", outbox=outbox)
    with pytest.raises(TypeError):
        Registry(store_path=None, outbox=outbox)
    with pytest.raises(TypeError):
        Registry(store_path=store, outbox=outbox, link_lifetime="1d")
    with pytest.raises(InvalidArgumentError, match="transport"):
        Registry(store_path=store)  # a transport is required: the library says so
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        Registry(store_path=str(blocker / "senders.db"), outbox=outbox)


def test_system_clock_cannot_be_advanced(tmp_path):
    with Registry(store_path=str(tmp_path / "senders.db"), outbox=str(tmp_path / "outbox")) as reg:
        assert not reg.uses_manual_clock
        s = reg.add("alice@iana.org")
        assert abs((s.created_at - datetime.now(timezone.utc)).total_seconds()) < 60
        with pytest.raises(InvalidArgumentError, match="system clock"):
            reg.advance_clock(10)


# --- misuse ------------------------------------------------------------------

def test_argument_misuse(reg):
    with pytest.raises(TypeError):
        reg.add(42)
    with pytest.raises(TypeError):
        reg.get(None)
    with pytest.raises(InvalidArgumentError, match="NUL"):
        reg.add("alice@iana.org\0evil")
    with pytest.raises(InvalidArgumentError):
        reg.advance_clock(0.5)
    with pytest.raises(NotFoundError):
        reg.get("nobody@iana.org")
    with pytest.raises(NotFoundError):
        reg.resend("nobody@iana.org")
    with pytest.raises(NotFoundError):
        reg.last_link("nobody@iana.org")
    with pytest.raises(InvalidArgumentError, match="verification link"):
        reg.confirm("https://nowhere.example/x")
    with pytest.raises(InvalidArgumentError):
        reg.start_refresher(0)
    with pytest.raises(TypeError):
        reg.subscribe("not callable")


def test_send_misuse(reg):
    reg.add("alice@iana.org")
    confirm(reg, "alice@iana.org")
    with pytest.raises(InvalidArgumentError, match="text or html"):
        reg.send("alice@iana.org", "reader@iana.org", "Hi")
    with pytest.raises(InvalidArgumentError, match="recipient"):
        reg.send("alice@iana.org", [], "Hi", text="x")
    with pytest.raises(NotFoundError):
        reg.send("bob@iana.org", "reader@iana.org", "Hi", text="x")
    with pytest.raises(InvalidArgumentError):
        reg.send("alice@iana.org", "reader@iana.org", "Hi\r\nBcc: x@iana.org", text="x")
    with pytest.raises(TypeError):
        reg.send("alice@iana.org", [1], "Hi", text="x")


def test_use_after_close(tmp_path):
    reg = open_registry(tmp_path)
    reg.add("alice@iana.org")
    token = reg.subscribe(lambda *a: None)
    reg.close()
    reg.close()
    assert reg.closed
    calls = [
        lambda: reg.add("bob@iana.org"), lambda: reg.get("alice@iana.org"), reg.list,
        lambda: reg.resend("alice@iana.org"), lambda: reg.remove("alice@iana.org"),
        reg.refresh, lambda: reg.confirm("x"), lambda: reg.last_link("alice@iana.org"),
        lambda: reg.send("alice@iana.org", "r@iana.org", "s", text="t"),
        lambda: reg.advance_clock(1), lambda: reg.subscribe(print),
        lambda: reg.start_refresher(1), reg.stop_refresher,
    ]
    for call in calls:
        with pytest.raises(ClosedHandleError, match="closed"):
            call()
    reg.unsubscribe(token)  # nothing left to undo: no error
    with pytest.raises(ValueError):
        with reg:
            pass


def test_context_manager_closes(tmp_path):
    with open_registry(tmp_path) as reg:
        reg.add("alice@iana.org")
    assert reg.closed


def test_close_while_calls_run_on_other_threads(tmp_path):
    reg = open_registry(tmp_path)
    for i in range(20):
        reg.add(f"user{i}@iana.org")
    outcomes = []
    start = threading.Barrier(5)

    def worker():
        start.wait()
        while True:
            try:
                assert len(reg.list()) == 20
            except InvalidArgumentError as exc:  # ClosedHandleError, or the library's "closed"
                outcomes.append("closed" if "closed" in exc.message else exc)
                return

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    start.wait()
    time.sleep(0.05)
    reg.close()
    for t in threads:
        t.join(10)
    assert outcomes == ["closed"] * 4


def test_forgotten_registry_is_freed(tmp_path):
    reg = open_registry(tmp_path)
    holder = {"reg": reg}
    rec = Recorder()
    reg.subscribe(rec)
    # A cycle through the callback, as a closure over the registry makes.
    reg.subscribe(lambda s, f, t: holder["reg"].pending_callback_errors)
    reg.add("alice@iana.org")
    reg.start_refresher(0.01)
    reg.advance_clock(DAY)  # the refresher may report the expiry while it is collected
    ref = weakref.ref(reg)
    del reg, holder
    gc.collect()
    assert ref() is None  # collected, and the library registry released
    assert rec.transitions() in ([(None, SenderState.PENDING)],
                                 [(None, SenderState.PENDING),
                                  (SenderState.PENDING, SenderState.FAILED)])
    # The store is usable again by a new registry.
    with open_registry(tmp_path) as again:
        again.advance_clock(DAY)
        assert again.get("alice@iana.org").state is SenderState.FAILED


# --- callbacks -----------------------------------------------------------------

def test_callbacks_report_every_change(reg):
    rec = Recorder()
    token = reg.subscribe(rec)
    reg.add("alice@iana.org")
    reg.add("carol@iana.org")
    confirm(reg, "alice@iana.org")
    reg.advance_clock(DAY)
    reg.get("carol@iana.org")                  # expiry applied here
    reg.resend("carol@iana.org")
    P, S, F = SenderState.PENDING, SenderState.SUCCESS, SenderState.FAILED
    assert rec.transitions("alice@iana.org") == [(None, P), (P, S)]
    assert rec.transitions("carol@iana.org") == [(None, P), (P, F), (F, P)]
    # The snapshot passed along already has the new state.
    assert all(to == state for _, _, to, state in rec.events)
    assert all(isinstance(t, SenderState) for _, _, t, _ in rec.events)

    reg.unsubscribe(token)
    reg.unsubscribe(token)  # twice is harmless
    reg.add("dave@iana.org")
    assert rec.transitions("dave@iana.org") == []


def test_several_subscribers(reg):
    first, second = Recorder(), Recorder()
    t1 = reg.subscribe(first)
    reg.subscribe(second)
    reg.add("alice@iana.org")
    reg.unsubscribe(t1)
    reg.add("bob@iana.org")
    assert [e[0] for e in first.events] == ["alice@iana.org"]
    assert [e[0] for e in second.events] == ["alice@iana.org", "bob@iana.org"]


def test_refresher_calls_back_from_another_thread(reg):
    rec = Recorder()
    reg.subscribe(rec)
    reg.add("alice@iana.org")
    assert rec.threads == [threading.get_ident()]  # add: the caller's thread
    reg.start_refresher(timedelta(milliseconds=20))
    reg.advance_clock(DAY)
    assert rec.wait_for(lambda ev: len(ev) == 2), rec.events
    assert rec.events[1][1:3] == (SenderState.PENDING, SenderState.FAILED)
    assert rec.threads[1] != threading.get_ident()
    reg.stop_refresher()
    reg.stop_refresher()
    # Stopped: the next expiry is only noticed when asked for.
    reg.resend("alice@iana.org")
    reg.advance_clock(DAY)
    time.sleep(0.1)
    assert len(rec.events) == 3
    assert reg.get("alice@iana.org").state is SenderState.FAILED
    assert len(rec.events) == 4


def test_callback_exception_is_raised_by_the_next_call(reg):
    def broken(sender, from_state, to_state):
        raise RuntimeError(f"boom for {sender.address}")

    reg.subscribe(broken)
    s = reg.add("alice@iana.org")  # the change happened and is kept
    assert s.state is SenderState.PENDING
    assert reg.pending_callback_errors == 1
    with pytest.raises(CallbackError) as info:
        reg.get("alice@iana.org")
    assert isinstance(info.value.__cause__, RuntimeError)
    assert [str(e) for e in info.value.errors] == ["boom for alice@iana.org"]
    assert reg.pending_callback_errors == 0
    assert reg.get("alice@iana.org").address == "alice@iana.org"  # cleared


def test_callback_exception_is_raised_by_close(tmp_path):
    reg = open_registry(tmp_path)
    reg.subscribe(lambda *a: 1 / 0)
    reg.add("alice@iana.org")
    with pytest.raises(CallbackError) as info:
        reg.close()
    assert isinstance(info.value.errors[0], ZeroDivisionError)
    assert reg.closed


def test_callback_may_use_and_close_the_registry(reg):
    seen = []

    def on_change(sender, from_state, to_state):
        seen.append(reg.get(sender.address).state)
        if to_state is SenderState.SUCCESS:
            reg.close()

    reg.subscribe(on_change)
    reg.add("alice@iana.org")
    assert "successfully verified" in confirm(reg, "alice@iana.org")  # the delivering call completes
    assert seen == [SenderState.PENDING, SenderState.SUCCESS]
    assert reg.closed
    with pytest.raises(ClosedHandleError):
        reg.list()


def test_unsubscribe_inside_the_callback(reg):
    calls = []
    token = None

    def once(sender, from_state, to_state):
        calls.append(sender.address)
        reg.unsubscribe(token)

    token = reg.subscribe(once)
    reg.add("alice@iana.org")
    reg.add("bob@iana.org")
    reg.add("carol@iana.org")
    assert calls == ["alice@iana.org"]
    assert reg.pending_callback_errors == 0


def test_errors_are_mailwarden_errors(reg):
    for exc_type in (NotVerifiedError, PolicyError, ExpiredError, AlreadyExistsError):
        assert issubclass(exc_type, MailwardenError)
