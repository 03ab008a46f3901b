"""The PostgreSQL store through the binding: two registries and trackers
opened on one ``postgresql://`` URL behave as two service instances sharing
one state. The server is the one tests/peers/postgres/run-with-postgres.sh
starts (MW_TEST_POSTGRES_URL); each test gets a schema of its own."""

import os
import subprocess
import uuid

import pytest

from mailwarden import AlreadyExistsError, BounceTracker, Registry, SenderState, StorageError
from require import peer_env

START = 1790000000


@pytest.fixture
def store_url():
    """A new empty schema of the test server, as a URL that selects it."""
    server = peer_env("MW_TEST_POSTGRES_URL", "tests/peers/postgres/run-with-postgres.sh")
    schema = "py_" + uuid.uuid4().hex[:12]
    # Without LD_PRELOAD: under the sanitizer build the interpreter runs with
    # the sanitizer runtime preloaded, which psql must not inherit.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    subprocess.run(["psql", "-q", "-w", server, "-c", f"CREATE SCHEMA {schema}"], check=True, env=env, timeout=30)
    return f"{server}?options=-csearch_path%3D{schema}"


def instance(store_url, tmp_path, name):
    return Registry(store_path=store_url, outbox=str(tmp_path / name), manual_clock=START)


def test_two_instances_share_senders(store_url, tmp_path):
    with instance(store_url, tmp_path, "a") as a, instance(store_url, tmp_path, "b") as b:
        a.add("alice@iana.org", "Alice")
        # The other instance sees the sender and cannot add it again.
        assert b.get("alice@iana.org").state is SenderState.PENDING
        with pytest.raises(AlreadyExistsError):
            b.add("alice@iana.org")
        # The link is confirmed where it was mailed (the local transport signs
        # it with its outbox's key); the other instance sees the result.
        assert "successfully verified" in a.confirm(a.last_link("alice@iana.org"))
        assert b.get("alice@iana.org").state is SenderState.SUCCESS
        assert [s.address for s in b.list()] == ["alice@iana.org"]


def test_two_trackers_count_one_notification_once(store_url):
    bounce = (b'{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",'
              b'"bouncedRecipients":[{"emailAddress":"r1@example.com","status":"5.1.1"}],'
              b'"timestamp":"2026-12-01T10:00:00.000Z","feedbackId":"fb-1"},'
              b'"mail":{"timestamp":"2026-12-01T09:00:00.000Z","source":"news@iana.org","messageId":"m-1",'
              b'"destination":["r1@example.com"]}}')
    with BounceTracker(store_url) as one, BounceTracker(store_url) as two:
        one.record_send("m-1", ["r1@example.com"], account="acme")
        assert one.ingest(bounce, account="acme").hard_bounces == 1
        report = two.ingest(bounce, account="acme")
        assert report.hard_bounces == 0 and report.duplicates == 1
        stats = two.stats("acme")
        assert (stats.total_sends, stats.total_hard_bounces) == (1, 1)
        assert two.find_suppression("r1@example.com", account="acme") is not None


def test_an_unreachable_server_is_a_retryable_storage_error(tmp_path):
    # A port nothing listens on: the connection is refused at once.
    with pytest.raises(StorageError) as info:
        Registry(store_path="postgresql://postgres@127.0.0.1:1/none?connect_timeout=2",
                 outbox=str(tmp_path / "outbox"))
    assert info.value.retryable
    assert "127.0.0.1:1" in info.value.message
