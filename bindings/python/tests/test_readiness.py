"""check_readiness against the unbound that tests/peers/unbound/run-with-unbound.sh
starts with the zones of tests/peers/unbound/auth-zones (MW_TEST_DNS): the
signing.test zone (SPF ip4:203.0.113.0/24, DMARC p=reject, the DKIM keys of
tests/peers/unbound/keys) and 113.0.203.in-addr.arpa (203.0.113.10 ->
mta.signing.test -> 203.0.113.10; 203.0.113.11 -> a name without an A)."""

import json
import os

import pytest

from mailwarden import (
    AccountStats,
    AccountStatus,
    BounceTracker,
    DkimSigner,
    InvalidArgumentError,
    ReadinessReport,
    ReadinessRule,
    Resolver,
    check_readiness,
)
from c_header import SOURCE_ROOT
from require import missing, peer_env

DOMAIN = "signing.test"
KEY = os.path.join(SOURCE_ROOT, "tests", "peers", "unbound", "keys", "signing.test.s2026.pem")
NOW = 1767225600  # 2026-01-01T00:00:00Z
IP = "203.0.113.10"
PLAIN = (b"From: News <news@signing.test>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\n"
         b"Date: Thu, 01 Jan 2026 00:00:00 +0000\r\nMessage-ID: <1@signing.test>\r\n"
         b"List-Unsubscribe: <https://signing.test/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
         b"\r\nHello Ann,\r\nthe news.\r\n")
PASSING = ("spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe", "from_not_provider")


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


def _sign(message):
    if not os.path.exists(KEY):
        missing(f"{KEY} not found: not in the mailwarden source tree")
    with open(KEY) as f, DkimSigner(f.read(), DOMAIN, "s2026", now=NOW) as signer:
        return signer.sign_message(message)


@pytest.fixture
def sample():
    return _sign(PLAIN)


def _status(report, rule_id):
    return report.rule(rule_id).status


def test_a_signed_sample_from_the_published_ip_is_ready(resolver, sample):
    report = check_readiness(DOMAIN, resolver, sample=sample, client_ip=IP, mail_from="bounces@signing.test", now=NOW)
    assert isinstance(report, ReadinessReport) and report.ready and report.domain == DOMAIN
    assert [r.id for r in report.rules][:3] == ["spf", "dkim", "dmarc"] and len(report.rules) == 9
    for rule_id in PASSING:
        assert _status(report, rule_id) == "pass", report.rule(rule_id)
    assert (_status(report, "tls"), _status(report, "complaint_rate")) == ("unknown", "unknown")
    reverse = report.rule("reverse_dns")
    assert isinstance(reverse, ReadinessRule)
    assert reverse.evidence == f"{IP} -> PTR mta.signing.test -> A {IP}"
    assert reverse.providers == ("gmail", "yahoo") and reverse.required and reverse.title
    assert "2048-bit key: pass" in report.rule("dkim").evidence
    assert report.rule("nope") is None
    doc = json.loads(report.to_json())
    assert doc["ready"] is True and doc["domain"] == DOMAIN
    assert [r["id"] for r in doc["rules"]] == [r.id for r in report.rules]


def test_complaint_rates_from_the_account_figures(resolver, sample):
    def stats(sends, complaints):
        return AccountStats(account="acme", status=AccountStatus.ACTIVE, sends=sends, hard_bounces=0, soft_bounces=0,
                            complaints=complaints, bounce_rate=0.0, complaint_rate=0.0, total_sends=sends,
                            total_hard_bounces=0, total_soft_bounces=0, total_complaints=complaints,
                            total_deliveries=0, status_since=None, status_reason="", json="{}")

    over = check_readiness(DOMAIN, resolver, sample=sample, client_ip=IP, stats=stats(1000, 5), now=NOW)
    assert _status(over, "complaint_rate") == "fail" and not over.ready
    assert "account acme" in over.rule("complaint_rate").evidence
    under = check_readiness(DOMAIN, resolver, sample=sample, client_ip=IP, stats=stats(1000, 2), now=NOW)
    assert (_status(under, "complaint_rate"), _status(under, "complaint_rate_recommended")) == ("pass", "fail")
    assert not under.rule("complaint_rate_recommended").required and under.ready


def test_the_trackers_figures(resolver, tmp_path):
    with BounceTracker(str(tmp_path / "tracker.db")) as tracker:
        figures = tracker.stats("acme")
    report = check_readiness(DOMAIN, resolver, stats=figures)
    rule = report.rule("complaint_rate")
    assert rule.status == "unknown" and "acme" in rule.evidence


def test_what_fails(resolver, sample):
    report = check_readiness(DOMAIN, resolver, sample=sample, client_ip="203.0.113.11", now=NOW)
    assert _status(report, "reverse_dns") == "fail" and not report.ready
    no_post = _sign(PLAIN.replace(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", b""))
    report = check_readiness(DOMAIN, resolver, sample=no_post, client_ip=IP, now=NOW)
    assert _status(report, "one_click_unsubscribe") == "fail" and _status(report, "dkim") == "pass"
    gmail = _sign(PLAIN.replace(b"news@signing.test", b"news@gmail.com"))
    report = check_readiness(DOMAIN, resolver, sample=gmail, client_ip=IP, now=NOW)
    assert (_status(report, "from_not_provider"), _status(report, "dmarc")) == ("fail", "fail")


def test_dns_alone(resolver):
    report = check_readiness(DOMAIN, resolver)
    assert report.ready
    assert (_status(report, "spf"), _status(report, "dkim"), _status(report, "reverse_dns")) == \
        ("pass", "unknown", "unknown")


def test_bad_input_raises_typed_errors(resolver):
    with pytest.raises(InvalidArgumentError):
        check_readiness("", resolver)
    with pytest.raises(InvalidArgumentError) as e:
        check_readiness(DOMAIN, resolver, client_ip="300.1.1.1")
    assert "300.1.1.1" in str(e.value)
    with pytest.raises(InvalidArgumentError):
        check_readiness(DOMAIN, resolver, sample=b"")
    with pytest.raises(TypeError):
        check_readiness(DOMAIN, "127.0.0.1")
    with pytest.raises(TypeError):
        check_readiness(DOMAIN, resolver, stats={"sends": 1})
