"""Registry over Amazon SES (ses=SesClient) against the peers started by
tests/peers/run-with-ses-peers.sh: the project's fake holds an identity
PENDING until its control endpoint flips it, moto verifies at once and sends.
"""

from datetime import datetime, timedelta, timezone

import pytest

from mailwarden import InvalidArgumentError, NotFoundError, NotVerifiedError, Registry, SenderState
import ses_peers


def _client(url):
    return ses_peers.client(url, max_send_rate=1000)


def test_transport_choice_is_checked_by_the_library(tmp_path):
    store = str(tmp_path / "senders.db")
    with pytest.raises(InvalidArgumentError, match="no transport"):
        Registry(store_path=store)
    with _client("http://127.0.0.1:1") as client:
        with pytest.raises(InvalidArgumentError, match="choose one"):
            Registry(store_path=store, outbox=str(tmp_path), ses=client)
        with pytest.raises(InvalidArgumentError, match="client"):  # SES settings without SES
            Registry(store_path=store, outbox=str(tmp_path), verification_template="welcome")
        with pytest.raises(InvalidArgumentError, match="client"):
            Registry(store_path=store, outbox=str(tmp_path), configuration_set="marketing")
        with pytest.raises(InvalidArgumentError):
            Registry(store_path=store, ses=client, verification_template="")
    with pytest.raises(TypeError):
        Registry(store_path=store, ses="not a client")


def test_pending_until_ses_says_success_then_revoked(tmp_path):
    endpoint = ses_peers.endpoint("MW_TEST_SES_FAKE_ENDPOINT")
    client = _client(endpoint)
    registry = Registry(store_path=str(tmp_path / "senders.db"), ses=client, manual_clock=datetime.now(timezone.utc).replace(microsecond=0))
    client.close()  # the registry keeps its own reference
    with registry:
        sender = registry.add("ops@iana.org", alias="IANA Ops")
        assert sender.state is SenderState.PENDING
        assert registry.refresh() == (1, 0)
        with pytest.raises(NotVerifiedError):
            registry.send("ops@iana.org", "reader@iana.org", "Hi", text="hello")
        with pytest.raises(InvalidArgumentError, match="SES"):
            registry.last_link("ops@iana.org")

        ses_peers.set_status_on_fake(endpoint, "ops@iana.org", "SUCCESS")
        assert registry.refresh() == (1, 1)
        assert registry.get("ops@iana.org").state is SenderState.SUCCESS

        # A verification SES withdraws shows at the next recheck of verified
        # senders (every 6 hours by default), not before.
        ses_peers.set_status_on_fake(endpoint, "ops@iana.org", "FAILED")
        assert registry.refresh() == (0, 0)
        registry.advance_clock(timedelta(hours=7))
        assert registry.refresh() == (1, 1)
        assert registry.get("ops@iana.org").state is SenderState.FAILED

        registry.remove("ops@iana.org", delete_identity=True)
        with pytest.raises(NotFoundError):
            registry.get("ops@iana.org")
    with _client(endpoint) as probe:
        with pytest.raises(NotFoundError):
            probe.get_identity("ops@iana.org")


def test_verified_sender_sends_through_ses(tmp_path):
    endpoint = ses_peers.endpoint("MW_TEST_MOTO_ENDPOINT")
    with _client(endpoint) as client, Registry(store_path=str(tmp_path / "senders.db"), ses=client) as registry:
        registry.add("press@iana.org")
        registry.refresh()  # moto verifies identities at once
        assert registry.get("press@iana.org").state is SenderState.SUCCESS
        message_id = registry.send("press@iana.org", ["reader@iana.org"], "Hello", text="body")
        assert message_id
