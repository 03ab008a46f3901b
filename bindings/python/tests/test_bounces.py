"""Bounces through the binding: parse_feedback, SnsVerifier, BounceTracker
(opened on a store and taken from a Registry), status callbacks, the
registry's sends gated by the tracker."""

import json
import os
import threading

import pytest

import mailwarden
from mailwarden import (
    AccountStatus,
    AuthError,
    BounceClass,
    BounceSuppressionReason,
    BounceTracker,
    CallbackError,
    ClosedHandleError,
    FeedbackFormat,
    FeedbackKind,
    InvalidArgumentError,
    NotFoundError,
    ParseError,
    Registry,
    SnsVerifier,
    SuppressedError,
    SuspendedError,
    TrackerPolicy,
    parse_feedback,
)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "data")
CERT_URL = "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem"
SMALL = TrackerPolicy(minimum_sends=4, window_sends=100)


def data(*parts):
    with open(os.path.join(DATA, *parts), "rb") as f:
        return f.read()


def ses_bounce(message_id, recipient, permanent=True, feedback_id="fb"):
    return json.dumps({
        "notificationType": "Bounce",
        "bounce": {"bounceType": "Permanent" if permanent else "Transient",
                   "bounceSubType": "General" if permanent else "MailboxFull",
                   "bouncedRecipients": [{"emailAddress": recipient,
                                          "status": "5.1.1" if permanent else "4.2.2",
                                          "diagnosticCode": "smtp; 550 5.1.1 user unknown" if permanent
                                          else "smtp; 452 4.2.2 mailbox full"}],
                   "timestamp": "2026-03-01T10:00:00.000Z", "feedbackId": feedback_id},
        "mail": {"timestamp": "2026-03-01T09:59:00.000Z", "messageId": message_id,
                 "source": "alice@iana.org", "destination": [recipient]}})


def suspend(tracker, account=None, message_id="m-1"):
    recipients = [f"u{i}-{message_id}@iana.org" for i in range(4)]
    tracker.record_send(message_id, recipients, account=account)
    return tracker.ingest(ses_bounce(message_id, recipients[0], feedback_id=message_id), account=account)


def verified_registry(tmp_path, **kwargs):
    reg = Registry(store_path=str(tmp_path / "store.db"), outbox=str(tmp_path / "outbox"), **kwargs)
    reg.add("alice@iana.org", "Alice")
    reg.confirm(reg.last_link("alice@iana.org"))
    return reg


def test_parse_feedback():
    fb = parse_feedback(ses_bounce("msg-1", "Bob@IANA.org"), source="doc-1")
    assert fb.format == FeedbackFormat.SES_NOTIFICATION and fb.kind == FeedbackKind.BOUNCE
    assert fb.message_id == "msg-1" and fb.event_type == "Bounce" and fb.ses_bounce_type == "Permanent"
    (r,) = fb.recipients
    assert r.address == "Bob@IANA.org" and r.bounce_class == BounceClass.HARD
    assert r.reason == "user_unknown" and r.status == "5.1.1" and r.smtp_code == 550
    assert json.loads(fb.json)["source"] == "doc-1"
    mail = parse_feedback(b"From: a@iana.org\r\nSubject: hi\r\n\r\nbody\0more\r\n")
    assert mail.format == FeedbackFormat.MAIL and mail.kind == FeedbackKind.OTHER and mail.recipients == []
    complaint = parse_feedback(data("ses-events", "notif-complaint-with-feedback.json"))
    assert complaint.kind == FeedbackKind.COMPLAINT and complaint.feedback_type
    with pytest.raises(ParseError):
        parse_feedback(b"")
    with pytest.raises(ParseError):
        parse_feedback('{"x": 1}')
    with pytest.raises(TypeError):
        parse_feedback(42)


def test_sns_verifier():
    body = data("sns", "notification-sigv2.json")
    pem = data("sns", "signing-cert.pem").decode()
    with SnsVerifier() as verifier:
        with pytest.raises(NotFoundError) as info:
            verifier.verify(body)
        assert info.value.rejection is None
        verifier.add_certificate(CERT_URL, pem)
        envelope = verifier.verify(body)
        assert envelope.type == "Notification" and envelope.message == "Hello world"
        assert envelope.topic_arn.startswith("arn:aws:sns:us-east-2:")
        with pytest.raises(AuthError) as info:
            verifier.verify(body.replace(b"Hello world", b"Jello world"))
        assert info.value.rejection == "bad_signature"
        with pytest.raises(ParseError) as info:
            verifier.verify("plain text")
        assert info.value.rejection == "not_an_envelope"
    with pytest.raises(ClosedHandleError):
        verifier.verify(body)
    verifier.close()
    with SnsVerifier(topic_arns=["arn:aws:sns:us-east-2:1:other"], trusted_raw=True,
                     certificates={CERT_URL: pem}) as verifier:
        with pytest.raises(AuthError) as info:
            verifier.verify(body)
        assert info.value.rejection == "topic_not_allowed"
        assert verifier.verify(b"raw payload").type == "raw"
    with pytest.raises(InvalidArgumentError):
        SnsVerifier(topic_arns=[""])


def test_tracker_suspends_the_registry_and_leaves_suppressed_out(tmp_path):
    with verified_registry(tmp_path, tracker_policy=SMALL) as reg, BounceTracker.of_registry(reg) as tracker:
        changes = []
        tracker.subscribe(changes.append)
        report = tracker.record_send("msg-1", [f"r{i}@iana.org" for i in range(1, 5)])
        assert report.sends == 4
        report = tracker.ingest(ses_bounce("msg-1", "r1@iana.org"))
        assert report.hard_bounces == 1 and [s.address for s in report.suppressed] == ["r1@iana.org"]
        assert report.suppressed[0].reason == BounceSuppressionReason.BOUNCE
        assert [c.to_status for c in report.status_changes] == [AccountStatus.SUSPENDED]
        assert [c.to_status for c in changes] == [AccountStatus.SUSPENDED]
        assert tracker.ingest(ses_bounce("msg-1", "r1@iana.org")).duplicates >= 1
        stats = tracker.stats()
        assert stats.status == AccountStatus.SUSPENDED and stats.bounce_rate == pytest.approx(0.25)
        assert json.loads(stats.json)["status"] == "suspended" and stats.status_since is not None
        with pytest.raises(SuspendedError):
            reg.send("alice@iana.org", ["r2@iana.org"], "Hi", text="text")
        with pytest.raises(InvalidArgumentError):
            tracker.resume("ops", "")
        assert tracker.resume("ops", "list cleaned").status == AccountStatus.ACTIVE
        assert [(c.actor, c.to_status) for c in tracker.audit_log()] == [
            ("mailwarden", AccountStatus.SUSPENDED), ("ops", AccountStatus.ACTIVE)]
        receipt = reg.send_receipt("alice@iana.org", ["r1@iana.org", "r2@iana.org"], "Hi", text="text")
        assert receipt.message_id and receipt.suppressed == ["r1@iana.org"] and receipt.record_error == ""
        with pytest.raises(SuppressedError):
            reg.send("alice@iana.org", "R1@iana.org", "Hi", text="text")


def test_suppressions_and_batches(tmp_path):
    with BounceTracker(tmp_path / "t.db", TrackerPolicy(default_account="acme")) as tracker:
        assert tracker.find_suppression("a@iana.org") is None
        s = tracker.suppress("Zed@iana.org", account="*", note="asked")
        assert (s.account, s.address, s.reason, s.note) == ("*", "zed@iana.org", BounceSuppressionReason.MANUAL,
                                                           "asked")
        assert tracker.find_suppression("zed@iana.org", account="other").account == "*"
        for name in ("m1", "m2", "m3"):
            tracker.suppress(f"{name}@iana.org")
        page = tracker.suppressions(limit=2)
        assert [s.address for s in page.suppressions] == ["m1@iana.org", "m2@iana.org"]
        rest = tracker.suppressions(limit=2, after=page.next_after)
        assert [s.address for s in rest.suppressions] == ["m3@iana.org"] and rest.next_after == ""
        assert tracker.unsuppress("M3@iana.org") and not tracker.unsuppress("m3@iana.org")
        with pytest.raises(InvalidArgumentError):
            tracker.suppress("not an address")
        with pytest.raises(ParseError):
            tracker.ingest_batch([ses_bounce("m", "x@iana.org", False, "f1"), "{}"])
        assert tracker.stats().total_soft_bounces == 0  # nothing applied
        report = tracker.ingest_batch([ses_bounce("m", "x@iana.org", False, "f1"),
                                       ses_bounce("m", "y@iana.org", False, "f2")])
        assert report.events == 2 and report.soft_bounces == 2
        assert tracker.stats().account == "acme"


def test_callback_errors_and_close_from_callback(tmp_path):
    tracker = BounceTracker(tmp_path / "t.db", SMALL)

    def boom(change):
        raise RuntimeError("boom")

    tracker.subscribe(boom)
    suspend(tracker, "a1", "m-a1")
    assert tracker.pending_callback_errors == 1
    with pytest.raises(CallbackError):
        tracker.stats("a1")
    holder = {}

    def close_me(change):
        holder["seen"] = change.account
        tracker.close()

    tracker.subscribe(close_me)
    suspend(tracker, "a2", "m-a2")
    assert holder["seen"] == "a2" and tracker.closed
    with pytest.raises(ClosedHandleError):
        tracker.stats()


def test_unsubscribe_and_registry_closed_first(tmp_path):
    reg = verified_registry(tmp_path, tracker_policy=SMALL)
    tracker = BounceTracker.of_registry(reg)
    reg.close()
    seen = []
    token = tracker.subscribe(seen.append)
    suspend(tracker, None, "m-1")
    tracker.unsubscribe(token)
    tracker.unsubscribe(token)  # ignored
    tracker.resume("ops", "again")
    assert len(seen) == 1 and tracker.stats().status == AccountStatus.ACTIVE
    tracker.close()
    tracker.close()


def test_ingest_from_threads(tmp_path):
    with BounceTracker(tmp_path / "t.db", TrackerPolicy(minimum_sends=1000000)) as tracker:
        errors = []

        def work(n):
            try:
                for i in range(20):
                    tracker.record_send(f"t{n}-m{i}", [f"t{n}-r{i}@iana.org"], account="threads")
                    tracker.ingest(ses_bounce(f"t{n}-m{i}", f"t{n}-r{i}@iana.org", i % 2 == 1, f"t{n}-f{i}"))
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        stats = tracker.stats("threads")
        assert stats.total_sends == 80 and stats.total_hard_bounces + stats.total_soft_bounces == 80


def test_exported():
    for name in ("BounceTracker", "SnsVerifier", "parse_feedback", "TrackerPolicy", "SendReceipt"):
        assert name in mailwarden.__all__


def test_suppression_page_names_the_trackers_page():
    """The package's SuppressionPage is the tracker's; SES's page has its own name."""
    assert mailwarden.SuppressionPage is mailwarden.bounces.SuppressionPage
    assert mailwarden.SesSuppressionPage is mailwarden.ses.SesSuppressionPage
