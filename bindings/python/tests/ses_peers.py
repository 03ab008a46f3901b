"""The SES peers of the tests, started by tests/peers/run-with-ses-peers.sh:
their endpoints, a client for them, and the fake's control endpoint."""

import json
import urllib.parse
import urllib.request

from mailwarden import SesClient
from require import peer_env

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def endpoint(name):
    """The peer's endpoint from the environment (require.peer_env: skipped
    when unset, failed under MW_REQUIRE_PEERS)."""
    return peer_env(name, "tests/peers/run-with-ses-peers.sh")


def client(url, **kw):
    """Example credentials (the ones the peers know), plain HTTP, two
    attempts, no send pacing unless asked."""
    kw.setdefault("rate_limit", False)
    kw.setdefault("secret_access_key", SECRET)
    return SesClient(region="us-east-1", endpoint=url, allow_plaintext=True,
                     access_key_id="AKIDEXAMPLE", max_attempts=2, **kw)


def set_status_on_fake(url, identity, status):
    """The fake's control endpoint (not SES): flips an identity's verification
    status, as a click on SES's link would. Not SES, so not signed: the fake
    checks the signature of SES requests only."""
    request = urllib.request.Request(
        f"{url}/_fake/identities/{urllib.parse.quote(identity, safe='')}/status", method="POST",
        data=json.dumps({"VerificationStatus": status}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
