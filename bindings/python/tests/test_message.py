"""check_message on the RFC 8463 Appendix A message (tests/data/message/
rfc8463.eml, signed with ed25519 and rsa). The DNS tests ask the unbound
that tests/peers/unbound/run-with-unbound.sh starts with the zones of
tests/peers/unbound/auth-zones (MW_TEST_DNS), whose football.example.com
zone holds the two keys, SPF (ip4:192.0.2.1) and DMARC p=none; without it
they are skipped, or fail under MW_REQUIRE_PEERS."""

import json
import os
from datetime import datetime, timezone

import pytest

import mailwarden
from mailwarden import (
    AuthResult,
    AuthResultsField,
    InvalidArgumentError,
    MessageReport,
    Resolver,
    check_message,
)
from c_header import SOURCE_ROOT
from require import missing, peer_env

MESSAGE_FILE = os.path.join(SOURCE_ROOT, "tests", "data", "message", "rfc8463.eml")
DOMAIN = "football.example.com"
# The signatures' t= (1528637909) plus a minute.
NOW = 1528637969
CONNECTION = dict(client_ip="192.0.2.1", helo="mail.football.example.com", mail_from="joe@football.example.com")


@pytest.fixture(scope="module")
def message():
    if not os.path.exists(MESSAGE_FILE):
        missing(f"{MESSAGE_FILE} not found: not in the mailwarden source tree")
    with open(MESSAGE_FILE, "rb") as f:
        return f.read()


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


def test_both_signatures_spf_and_dmarc_pass(message, resolver):
    report = check_message(message, resolver=resolver, now=NOW, **CONNECTION)
    assert isinstance(report, MessageReport)
    assert report.from_domain == DOMAIN and report.from_problem == ""
    ed25519, rsa = report.dkim
    assert (ed25519.result, ed25519.reason, ed25519.detail) == ("pass", "none", "")
    assert (ed25519.selector, ed25519.algorithm, ed25519.key_bits) == ("brisbane", "ed25519-sha256", 256)
    assert (rsa.result, rsa.selector, rsa.algorithm, rsa.key_bits) == ("pass", "test", "rsa-sha256", 1024)
    for check in report.dkim:
        assert check.domain == DOMAIN and check.identity == "@" + DOMAIN
        assert check.canonicalization == "relaxed/relaxed"
        assert check.signed_headers == ("from", "to", "subject", "date", "message-id", "from", "subject", "date")
        assert not check.key_testing
        assert check.body_hash_computed == check.body_hash_expected == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="
    assert (report.spf.result, report.spf.domain, report.spf.scope) == ("pass", DOMAIN, "mailfrom")
    assert report.dmarc_result == "pass"
    assert (report.dmarc_policy, report.dmarc_disposition) == ("none", "none")
    assert report.dmarc_record_domain == report.organizational_domain == DOMAIN
    assert report.spf_aligned and report.dkim_aligned
    assert (report.arc_result, report.arc_reason, report.arc_hops, report.arc_oldest_pass) == ("none", "no_arc", 0, 0)
    assert report.authentication_results == ()
    assert report.summary == (f"SPF: PASS with IP 192.0.2.1 ({DOMAIN}); DKIM: PASS with domain {DOMAIN}, "
                              f"PASS with domain {DOMAIN}; DMARC: PASS (p=none)")
    ours = report.our_authentication_results
    assert ours.startswith("mailwarden;") and "dmarc=pass" in ours and "spf=pass" in ours


def test_json_is_the_library_object(message, resolver):
    report = check_message(message, resolver=resolver, now=NOW, **CONNECTION)
    doc = json.loads(report.to_json())
    assert report.to_json() == report.json
    assert doc["from_domain"] == DOMAIN
    assert [d["result"] for d in doc["dkim"]] == ["pass", "pass"]
    assert doc["spf"]["result"] == "pass"


def test_now_as_a_datetime_is_the_same(message, resolver):
    at = datetime.fromtimestamp(NOW, tz=timezone.utc)
    assert check_message(message, resolver=resolver, now=at, **CONNECTION) == \
        check_message(message, resolver=resolver, now=NOW, **CONNECTION)


def test_spf_fails_for_another_ip(message, resolver):
    report = check_message(message, resolver=resolver, now=NOW, **dict(CONNECTION, client_ip="198.51.100.7"))
    assert report.spf.result == "fail"
    assert not report.spf_aligned
    # DKIM still passes aligned, so DMARC does.
    assert report.dmarc_result == "pass" and report.dkim_aligned
    assert report.summary.startswith("SPF: FAIL with IP 198.51.100.7")


def test_changed_body_fails_dkim_and_dmarc(message, resolver):
    changed = message.replace(b"We lost the game.", b"We won the game.")
    assert changed != message
    report = check_message(changed, resolver=resolver, now=NOW, **dict(CONNECTION, client_ip="198.51.100.7"))
    assert [(c.result, c.reason) for c in report.dkim] == [("fail", "body_hash_mismatch")] * 2
    for check in report.dkim:
        assert check.body_hash_computed and check.body_hash_computed != check.body_hash_expected
        assert check.detail
    assert report.dmarc_result == "fail"
    assert not report.dkim_aligned and not report.spf_aligned


def test_authentication_results_on_the_message_are_read(message):
    field = (b"Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=joe@football.example.com;\r\n"
             b" dkim=fail reason=\"bad signature\" header.d=football.example.com header.s=test\r\n")
    report = check_message(field + message, now=NOW)
    assert report.authentication_results == (AuthResultsField(
        authserv_id="mx.example.net",
        results=(AuthResult(method="spf", result="pass", reason="",
                            properties=(("smtp.mailfrom", "joe@football.example.com"),)),
                 AuthResult(method="dkim", result="fail", reason="bad signature",
                            properties=(("header.d", DOMAIN), ("header.s", "test")))),
        unparsed=""),)


def test_without_a_resolver_nothing_is_looked_up(message):
    report = check_message(message.decode("utf-8"), now=NOW, **CONNECTION)
    assert [c.result for c in report.dkim] == ["temperror", "temperror"]
    assert report.spf is None
    assert report.dmarc_result == "temperror"


def test_options_reach_the_library(message, resolver):
    report = check_message(message, resolver=resolver, now=NOW, dmarc_mode="rfc7489", max_signatures=1,
                           authserv_id="mx.test", **CONNECTION)
    assert [c.result for c in report.dkim] == ["pass", "neutral"]
    assert report.our_authentication_results.startswith("mx.test;")
    assert report.organizational_domain == "example.com"


def test_invalid_client_ip_is_an_invalid_argument(message):
    with pytest.raises(InvalidArgumentError) as info:
        check_message(message, client_ip="not-an-ip")
    assert info.value.status == "MW_EINVAL"


@pytest.mark.parametrize("kwargs", [
    dict(max_signatures=0), dict(max_body_bytes=0), dict(authserv_id=""), dict(dmarc_mode="rfc0"),
    dict(helo="a\0b"),
])
def test_bad_options_are_invalid_arguments(message, kwargs):
    with pytest.raises(InvalidArgumentError):
        check_message(message, **kwargs)


def test_empty_message_is_an_invalid_argument():
    with pytest.raises(InvalidArgumentError):
        check_message(b"")
    with pytest.raises(TypeError):
        check_message(42)


def test_closed_resolver_is_refused(message, resolver):
    resolver.close()
    with pytest.raises(mailwarden.ClosedHandleError):
        check_message(message, resolver=resolver)
