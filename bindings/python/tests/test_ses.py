"""SesClient against the SES peers started by tests/peers/run-with-ses-peers.sh:
moto (identities), aws-ses-v2-local (SendEmail, GetAccount) and the project's
fake (domains with DKIM tokens, AlreadyExists, the suppression list,
MessageRejected). Tests needing a peer skip only when its variable is unset.
"""

import os
import threading
import urllib.request
from datetime import datetime, timezone

import pytest

import mailwarden
from mailwarden import (
    AlreadyExistsError,
    ClosedHandleError,
    InvalidArgumentError,
    NotFoundError,
    SesClient,
    SuppressionReason,
    TransportError,
)

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def _endpoint(name):
    value = os.environ.get(name)
    if not value:
        pytest.skip(f"{name} is unset: run through tests/peers/run-with-ses-peers.sh")
    return value


def _client(endpoint, **kw):
    kw.setdefault("rate_limit", False)
    return SesClient(region="us-east-1", endpoint=endpoint, allow_plaintext=True,
                     access_key_id="AKIDEXAMPLE", secret_access_key=SECRET, max_attempts=2, **kw)


def test_options_are_checked_before_anything_is_sent():
    with pytest.raises(InvalidArgumentError, match="http://"):
        SesClient(region="us-east-1", endpoint="http://127.0.0.1:1")
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", endpoint="ftp://127.0.0.1/")
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", max_attempts=0)
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", max_send_rate=-1)
    with pytest.raises(InvalidArgumentError, match="go together"):
        SesClient(region="us-east-1", access_key_id="AKID")
    with pytest.raises(TypeError):
        SesClient(region="us-east-1", max_attempts="3")
    with SesClient(region="eu-west-1") as client:  # the default endpoint; nothing sent
        assert not client.closed


def test_invalid_arguments_and_transport_failure():
    client = _client("http://127.0.0.1:1")
    with pytest.raises(InvalidArgumentError, match="text or html"):
        client.send_email(from_address="a@iana.org", to=["b@iana.org"], subject="s")
    with pytest.raises(InvalidArgumentError):
        client.send_email(from_address="a@iana.org", to=[], subject="s", text="t")
    with pytest.raises(InvalidArgumentError):
        client.send_email(raw="From: a@iana.org\r\n\r\nx", subject="s")
    with pytest.raises(TypeError):
        client.send_email(from_address="a@iana.org", to="b@iana.org", subject="s", text="t")
    with pytest.raises(InvalidArgumentError, match="NUL"):
        client.get_identity("a\0b@iana.org")
    with pytest.raises(InvalidArgumentError):
        client.get_identity("")
    with pytest.raises(InvalidArgumentError):
        client.put_suppressed_destination("a@iana.org", 5)
    with pytest.raises(TransportError) as info:
        client.get_account()
    assert SECRET not in str(info.value)
    client.close()
    client.close()
    with pytest.raises(ClosedHandleError):
        client.get_account()


def test_identities_on_moto():
    with _client(_endpoint("MW_TEST_MOTO_ENDPOINT")) as client:
        created = client.create_identity("py-alice@iana.org")
        assert created.type == "EMAIL_ADDRESS"
        client.create_identity("py-bob@iana.org")
        got = client.get_identity("py-alice@iana.org")
        assert got.name == "py-alice@iana.org"
        assert got.verification_status == "SUCCESS"  # moto verifies at once
        assert got.details["name"] == "py-alice@iana.org"
        assert got.details["verified_for_sending"] is got.verified_for_sending
        client.delete_identity("py-bob@iana.org")
        with pytest.raises(NotFoundError, match=r"NotFoundException \(404\)") as info:
            client.get_identity("py-bob@iana.org")
        assert info.value.code == mailwarden.errors.ENOTFOUND


def test_domains_duplicates_rejections_and_suppression_on_the_fake():
    with _client(_endpoint("MW_TEST_SES_FAKE_ENDPOINT")) as client:
        domain = client.create_identity("py.iana.org")
        assert domain.type == "DOMAIN"
        assert len(domain.dkim_tokens) == 3
        again = client.get_identity("py.iana.org")
        assert again.verification_status == "PENDING"
        assert not again.verified_for_sending
        assert again.dkim_tokens == domain.dkim_tokens
        assert again.details["dkim"]["tokens"] == list(domain.dkim_tokens)
        with pytest.raises(AlreadyExistsError, match="AlreadyExistsException"):
            client.create_identity("py.iana.org")

        client.create_identity("py-sender@iana.org")
        with pytest.raises(InvalidArgumentError, match=r"MessageRejected \(400\)"):
            client.send_email(from_address="py-sender@iana.org", to=["r@iana.org"],
                              subject="s", text="t")

        client.put_suppressed_destination("py-bounced@iana.org")
        client.put_suppressed_destination("py-angry@iana.org", SuppressionReason.COMPLAINT)
        entry = client.get_suppressed_destination("py-angry@iana.org")
        assert entry.reason is SuppressionReason.COMPLAINT
        assert abs((datetime.now(timezone.utc) - entry.last_update_time).total_seconds()) < 600
        assert client.get_suppressed_destination("py-bounced@iana.org").reason is SuppressionReason.BOUNCE
        client.delete_suppressed_destination("py-angry@iana.org")
        with pytest.raises(NotFoundError):
            client.get_suppressed_destination("py-angry@iana.org")
        client.delete_identity("py.iana.org")
        with pytest.raises(NotFoundError):
            client.delete_identity("py.iana.org")


def test_send_and_account_on_ses_local():
    endpoint = _endpoint("MW_TEST_SES_LOCAL_ENDPOINT")
    with _client(endpoint, rate_limit=True) as client:
        account = client.get_account()
        assert account.max_send_rate == 14.0
        assert account.max_24_hour_send == 50000.0
        assert account.sending_enabled
        message_id = client.send_email(from_address="news@iana.org", display_name="Py News",
                                       to=["reader@iana.org"], subject="Hello from Python",
                                       text="py plain text", html="<p>py</p>")
        assert message_id
        raw_id = client.send_email(raw="From: news@iana.org\r\nTo: reader@iana.org\r\n"
                                       "Subject: Raw\r\n\r\nraw from python\r\n")
        assert raw_id and raw_id != message_id

        # Several threads share one client.
        ids, errors = [], []

        def send():
            try:
                ids.append(client.send_email(from_address="news@iana.org", to=["r@iana.org"],
                                             subject="threads", text="x"))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert len(set(ids)) == 6

    with urllib.request.urlopen(endpoint + "/store", timeout=10) as response:
        store = response.read().decode()
    assert "py plain text" in store
    assert "Py News" in store
