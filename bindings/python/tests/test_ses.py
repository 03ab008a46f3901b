"""SesClient against the SES peers started by tests/peers/run-with-ses-peers.sh:
moto (identities), aws-ses-v2-local (SendEmail, GetAccount) and the project's
fake (domains with DKIM tokens, AlreadyExists, the suppression list and its
pages, identity pages, MAIL FROM, custom verification templates,
MessageRejected; moto 5.1 answers those listings, MAIL FROM and templates
with 404 in server mode). The domain report of an SES identity also asks the
unbound of tests/peers/unbound/run-with-unbound.sh (MW_TEST_DNS). A test
whose peer's variable is unset is skipped, or fails under MW_REQUIRE_PEERS
(require.py).
"""

import json
import threading
import urllib.request
from datetime import datetime, timezone

import pytest

import mailwarden
from mailwarden import (
    AlreadyExistsError,
    AuthError,
    AuthVerdict,
    ClosedHandleError,
    InvalidArgumentError,
    MxFailureBehavior,
    NotFoundError,
    RecordStatus,
    Resolver,
    SesClient,
    SesIdentitySummary,
    SuppressionReason,
    TransportError,
)

from require import peer_env
from ses_peers import SECRET
from ses_peers import client as _client
from ses_peers import endpoint as _endpoint
from ses_peers import set_status_on_fake as _set_status_on_fake


def test_options_are_checked_before_anything_is_sent():
    with pytest.raises(InvalidArgumentError, match="http://"):
        SesClient(region="us-east-1", endpoint="http://127.0.0.1:1")
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", endpoint="ftp://127.0.0.1/")
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", max_attempts=0)
    with pytest.raises(InvalidArgumentError):
        SesClient(region="us-east-1", max_send_rate=-1)
    with pytest.raises(InvalidArgumentError, match="secret access key"):
        SesClient(region="us-east-1", access_key_id="AKID")
    with pytest.raises(InvalidArgumentError, match="access key id"):
        SesClient(region="us-east-1", session_token="token")
    with pytest.raises(InvalidArgumentError, match="finite"):
        SesClient(region="us-east-1", max_send_rate=float("nan"))
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
    assert info.value.attempts == 2 and info.value.retryable
    assert info.value.http_status == 0 and info.value.service_code == ""
    client.close()
    client.close()
    with pytest.raises(ClosedHandleError):
        client.get_account()


def test_listing_mail_from_and_template_arguments_are_checked_first():
    client = _client("http://127.0.0.1:1")
    for page_size in (-1, 1001):
        with pytest.raises(InvalidArgumentError, match="page size"):
            client.list_identities(page_size)
        with pytest.raises(InvalidArgumentError, match="page size"):
            client.list_suppressed_destinations(page_size)
    with pytest.raises(TypeError):
        client.list_identities("2")
    with pytest.raises(TypeError):
        next(client.iter_suppressed_destinations(True))
    with pytest.raises(InvalidArgumentError, match="NUL"):
        client.list_identities(2, "1\0")
    with pytest.raises(InvalidArgumentError, match="MX_FAILURE"):
        client.put_identity_mail_from("iana.org", "bounce.iana.org", 2)
    with pytest.raises(TypeError):
        client.put_identity_mail_from("iana.org", "bounce.iana.org", "REJECT_MESSAGE")
    with pytest.raises(InvalidArgumentError, match="identity"):
        client.put_identity_mail_from("", "bounce.iana.org")
    template = dict(from_address="verify@iana.org", subject="Confirm", html="<p>Confirm</p>",
                    success_url="https://iana.org/ok", failure_url="https://iana.org/failed")
    for key in template:
        with pytest.raises(InvalidArgumentError, match="must not be NULL or empty"):
            client.create_custom_verification_email_template("brand", **dict(template, **{key: ""}))
    with pytest.raises(InvalidArgumentError, match="template name"):
        client.create_custom_verification_email_template("", **template)
    with pytest.raises(InvalidArgumentError, match="address"):
        client.send_custom_verification_email("", "brand")
    with pytest.raises(InvalidArgumentError, match="template name"):
        client.send_custom_verification_email("a@iana.org", "")
    # Valid arguments reach the transport, which refuses.
    with pytest.raises(TransportError):
        client.list_identities(2)
    with pytest.raises(TransportError):
        client.send_custom_verification_email("a@iana.org", "brand")
    with Resolver(["127.0.0.1:9"]) as resolver:
        with pytest.raises(InvalidArgumentError, match="no domain"):
            resolver.check_domain_ses(client, "news@")
        with pytest.raises(InvalidArgumentError, match="empty"):
            mailwarden.check_domain_ses(resolver, client, "")
        with pytest.raises(TypeError):
            resolver.check_domain_ses(None, "iana.org")
        with pytest.raises(TransportError):  # SES is asked first
            resolver.check_domain_ses(client, "iana.org")
        client.close()
        for call in (lambda: client.list_identities(), lambda: client.list_suppressed_destinations(),
                     lambda: list(client.iter_identities()),
                     lambda: client.put_identity_mail_from("iana.org", None),
                     lambda: client.send_custom_verification_email("a@iana.org", "brand"),
                     lambda: resolver.check_domain_ses(client, "iana.org")):
            with pytest.raises(ClosedHandleError):
                call()


@pytest.mark.parametrize("peer", ["MW_TEST_MOTO_ENDPOINT", "MW_TEST_SES_FAKE_ENDPOINT", "MW_TEST_SES_LOCAL_ENDPOINT"])
def test_a_wrong_secret_is_refused_by_every_peer(peer):
    # Each peer checks signatures like SES (the fake itself, moto and
    # aws-ses-v2-local behind tests/peers/verifying_proxy.py).
    with _client(_endpoint(peer), secret_access_key="not-the-secret-of-AKIDEXAMPLE") as forged:
        with pytest.raises(AuthError, match=r"SignatureDoesNotMatch \(403\)") as refused:
            forged.create_identity("py-forged@iana.org")
        assert refused.value.service_code == "SignatureDoesNotMatch"
        assert refused.value.http_status == 403
        assert refused.value.attempts == 1 and not refused.value.retryable
        with pytest.raises(AuthError, match=r"SignatureDoesNotMatch \(403\)"):
            forged.get_account()
    if peer != "MW_TEST_SES_LOCAL_ENDPOINT":  # the others keep identities: none was created
        with _client(_endpoint(peer)) as honest, pytest.raises(NotFoundError):
            honest.get_identity("py-forged@iana.org")


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
        exc = info.value
        assert exc.code == mailwarden.errors.ENOTFOUND
        assert (exc.origin, exc.service_code, exc.http_status) == ("ses", "NotFoundException", 404)
        assert exc.attempts == 1 and not exc.retryable and not exc.outcome_unknown


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
        with pytest.raises(InvalidArgumentError, match=r"MessageRejected \(400\)") as info:
            client.send_email(from_address="py-sender@iana.org", to=["r@iana.org"],
                              subject="s", text="t")
        exc = info.value
        assert (exc.origin, exc.service_code, exc.http_status) == ("ses", "MessageRejected", 400)
        assert exc.request_id.startswith("fake-") and exc.request_id in exc.message
        assert exc.attempts == 1 and not exc.retryable
        assert not exc.outcome_unknown  # SES answered: the mail did not go out
        assert exc.dns_rcode is None

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


def test_identity_pages_on_the_fake():
    endpoint = _endpoint("MW_TEST_SES_FAKE_ENDPOINT")
    created = ["py-page-a@iana.org", "py-page-b@iana.org", "py-page-c@iana.org", "py-page-d@iana.org",
               "py-pages.iana.org"]
    with _client(endpoint) as client:
        for name in created:
            client.create_identity(name)
        _set_status_on_fake(endpoint, "py-page-b@iana.org", "SUCCESS")

        everything = client.list_identities()  # SES chooses: the fake gives all
        assert everything.next_token is None
        total = len(everything.identities)
        assert total >= len(created)

        pages, token = [], None
        while True:
            page = client.list_identities(2, token)
            assert 1 <= len(page.identities) <= 2
            pages.append(page)
            if page.next_token is None:
                break
            token = page.next_token
        assert len(pages) == (total + 1) // 2 >= 3
        paged = [i for p in pages for i in p.identities]
        assert paged == list(everything.identities)
        assert len({i.name for i in paged}) == total

        by_name = {i.name: i for i in client.iter_identities(page_size=2)}
        assert list(by_name.values()) == paged
        assert by_name["py-page-b@iana.org"] == SesIdentitySummary(
            "py-page-b@iana.org", "EMAIL_ADDRESS", "SUCCESS", True)
        assert by_name["py-page-a@iana.org"] == SesIdentitySummary(
            "py-page-a@iana.org", "EMAIL_ADDRESS", "PENDING", False)
        assert by_name["py-pages.iana.org"].type == "DOMAIN"


def test_suppression_pages_on_the_fake():
    entries = {"py-list-1@iana.org": SuppressionReason.BOUNCE,
               "py-list-2@iana.org": SuppressionReason.COMPLAINT,
               "py-list-3@iana.org": SuppressionReason.BOUNCE}
    with _client(_endpoint("MW_TEST_SES_FAKE_ENDPOINT")) as client:
        for address, reason in entries.items():
            client.put_suppressed_destination(address, reason)
        first = client.list_suppressed_destinations(2)
        assert len(first.destinations) == 2
        assert first.next_token is not None
        second = client.list_suppressed_destinations(2, first.next_token)
        assert second.destinations
        assert not {d.address for d in first.destinations} & {d.address for d in second.destinations}

        listed = {d.address: d for d in client.iter_suppressed_destinations(page_size=2)}
        assert listed.keys() >= entries.keys()
        now = datetime.now(timezone.utc)
        for address, reason in entries.items():
            assert listed[address].reason is reason
            assert abs((now - listed[address].last_update_time).total_seconds()) < 600
            assert listed[address] == client.get_suppressed_destination(address)
        client.delete_suppressed_destination("py-list-2@iana.org")
        assert "py-list-2@iana.org" not in {d.address for d in client.iter_suppressed_destinations(page_size=1)}


def test_mail_from_and_custom_verification_on_the_fake():
    with _client(_endpoint("MW_TEST_SES_FAKE_ENDPOINT")) as client:
        client.create_identity("py-mailfrom.iana.org")
        before = client.get_identity("py-mailfrom.iana.org")
        assert (before.mail_from_domain, before.mail_from_status, before.mail_from_behavior) == ("", "UNKNOWN", "")
        client.put_identity_mail_from("py-mailfrom.iana.org", "bounce.py-mailfrom.iana.org",
                                      MxFailureBehavior.REJECT_MESSAGE)
        after = client.get_identity("py-mailfrom.iana.org")
        assert after.mail_from_domain == "bounce.py-mailfrom.iana.org"
        assert after.mail_from_status == "PENDING"
        assert after.mail_from_behavior == "REJECT_MESSAGE"
        assert after.details["mail_from"] == {"domain": "bounce.py-mailfrom.iana.org", "status": "PENDING",
                                              "behavior_on_mx_failure": "REJECT_MESSAGE"}
        client.put_identity_mail_from("py-mailfrom.iana.org", "mail.py-mailfrom.iana.org")
        assert client.get_identity("py-mailfrom.iana.org").mail_from_behavior == "USE_DEFAULT_VALUE"
        with pytest.raises(NotFoundError, match=r"NotFoundException \(404\)"):
            client.put_identity_mail_from("py-nobody.iana.org", "bounce.py-nobody.iana.org")

        template = dict(from_address="verify@iana.org", subject="Confirm your sender",
                        html="<p>Please confirm</p>", success_url="https://iana.org/ok",
                        failure_url="https://iana.org/failed")
        client.create_custom_verification_email_template("py-brand", **template)
        with pytest.raises(AlreadyExistsError, match="AlreadyExistsException"):
            client.create_custom_verification_email_template("py-brand", **template)
        with pytest.raises(NotFoundError):
            client.get_identity("py-custom@iana.org")
        first = client.send_custom_verification_email("py-custom@iana.org", "py-brand")
        assert first  # a message id: opaque, only its presence is SES's promise
        assert client.get_identity("py-custom@iana.org").verification_status == "PENDING"
        second = client.send_custom_verification_email("py-custom2@iana.org", "py-brand",
                                                       configuration_set="py-config")
        assert second != first
        with pytest.raises(NotFoundError):
            client.send_custom_verification_email("py-custom3@iana.org", "py-no-such-template")


def test_domain_report_of_an_ses_identity():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh")
    with _client(_endpoint("MW_TEST_SES_FAKE_ENDPOINT")) as client, Resolver([dns], timeout=2, tries=2) as resolver:
        with pytest.raises(NotFoundError):
            resolver.check_domain_ses(client, "ses-brand.test")
        identity = client.create_identity("ses-brand.test")
        # tests/peers/unbound/auth-zones/ses-brand.test.zone publishes the
        # fake's tokens and bounce.ses-brand.test.
        report = mailwarden.check_domain_ses(resolver, client, "ses-brand.test")
        assert (report.domain, report.region, report.verdict) == ("ses-brand.test", "us-east-1", AuthVerdict.PASS)
        assert report.findings == []
        assert [r.name for r in report.records if r.purpose == "dkim"] == [
            f"{t}._domainkey.ses-brand.test" for t in identity.dkim_tokens]
        assert all(r.status is RecordStatus.OK for r in report.records)
        assert not any(r.purpose.startswith("mail_from") for r in report.records)

        client.put_identity_mail_from("ses-brand.test", "bounce.ses-brand.test", MxFailureBehavior.REJECT_MESSAGE)
        report = resolver.check_domain_ses(client, "news@ses-brand.test")
        assert report.verdict is AuthVerdict.PASS
        mx = [r for r in report.records if r.purpose == "mail_from_mx"]
        assert [(r.name, r.value, r.status) for r in mx] == [
            ("bounce.ses-brand.test", "10 feedback-smtp.us-east-1.amazonses.com", RecordStatus.OK)]
        assert json.loads(report.to_json())["domain"] == "ses-brand.test"

        client.put_identity_mail_from("ses-brand.test", "mail.ses-brand.test")
        report = resolver.check_domain_ses(client, "ses-brand.test")
        assert report.verdict is AuthVerdict.FAIL
        assert report.has_finding("mail_from.mx_missing")


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
