"""Resolver, check_domain and check_spf. The DNS tests (those using the
resolver fixture) ask the unbound that tests/peers/unbound/run-with-unbound.sh
starts with the zones of tests/peers/unbound/auth-zones (MW_TEST_DNS);
without it they are skipped, or fail under MW_REQUIRE_PEERS."""

import json
import os
import threading

import pytest

import mailwarden
from mailwarden import (
    AuthVerdict,
    ClosedHandleError,
    InvalidArgumentError,
    RecordStatus,
    Resolver,
    Severity,
    SpfCode,
)
from require import peer_env

SES_SPF = "v=spf1 include:amazonses.com ~all"


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


def test_enums_match_the_library(cdll):
    for v in AuthVerdict:
        assert cdll.mw_verdict_name(v).decode() == v.name.lower()
    for s in Severity:
        assert cdll.mw_severity_name(s).decode() == s.name.lower()
    for s in RecordStatus:
        assert cdll.mw_record_status_name(s).decode() == s.name.lower()
    for c in SpfCode:
        assert cdll.mw_spf_result_name(c).decode() == c.label
    assert cdll.mw_spf_result_name(len(SpfCode)) is None


def test_bad_options_raise():
    with pytest.raises(InvalidArgumentError, match="not a server"):
        Resolver(["not a server"])
    with pytest.raises(InvalidArgumentError):
        Resolver(["127.0.0.1:53"], timeout=0)
    with pytest.raises(InvalidArgumentError):
        Resolver(["127.0.0.1:53"], tries=0)


def test_invalid_arguments_and_close():
    # Nothing is sent: the arguments are refused first.
    r = Resolver(["127.0.0.1:9"])
    with pytest.raises(InvalidArgumentError, match="999.1.1.1"):
        r.check_spf("999.1.1.1", "a@example.com")
    with pytest.raises(InvalidArgumentError, match="empty"):
        r.check_domain("")
    r.close()
    r.close()  # idempotent
    assert r.closed
    with pytest.raises(ClosedHandleError):
        r.check_spf("192.0.2.1", "a@example.com")
    with pytest.raises(ClosedHandleError):
        r.check_domain("example.com")


def test_good_domain_record_by_record(resolver):
    report = mailwarden.check_domain(resolver, "Good.Test.", dkim_tokens=["good1", "good2", "good3"])
    assert report.domain == "good.test"
    assert report.region == "us-east-1"
    assert report.verdict is AuthVerdict.PASS
    assert report.findings == []
    assert [(r.purpose, r.name, r.type, r.value, r.status, r.found) for r in report.records] == [
        ("spf", "good.test", "TXT", SES_SPF, RecordStatus.OK, [SES_SPF]),
        ("dkim", "good1._domainkey.good.test", "CNAME", "good1.dkim.amazonses.com", RecordStatus.OK,
         ["good1.dkim.amazonses.com"]),
        ("dkim", "good2._domainkey.good.test", "CNAME", "good2.dkim.amazonses.com", RecordStatus.OK,
         ["good2.dkim.amazonses.com"]),
        ("dkim", "good3._domainkey.good.test", "CNAME", "good3.dkim.amazonses.com", RecordStatus.OK,
         ["good3.dkim.amazonses.com"]),
        ("dmarc", "_dmarc.good.test", "TXT",
         "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@good.test; adkim=r; aspf=r", RecordStatus.OK,
         ["v=DMARC1; p=reject; rua=mailto:dmarc@good.test"]),
    ]
    doc = json.loads(report.to_json())
    assert doc["verdict"] == "pass"
    assert [r["name"] for r in doc["records"]] == [r.name for r in report.records]


def test_findings_and_mail_from(resolver):
    report = resolver.check_domain("dkim.test", region="eu-west-1", dkim_tokens=["weak", "short", "absent"],
                                   mail_from="bounce.good.test")
    assert report.verdict is AuthVerdict.FAIL
    assert [(f.id, f.severity) for f in report.findings] == [
        ("dkim.key_weak", Severity.WARNING),
        ("dkim.key_too_short", Severity.ERROR),
        ("dkim.cname_missing", Severity.ERROR),
        ("mail_from.mx_mismatch", Severity.ERROR),
    ]
    assert all(f.message for f in report.findings)
    assert report.has_finding("dkim.key_weak") and not report.has_finding("spf.missing")
    assert report.records[0].purpose == "mail_from_spf"
    assert report.records[3].status is RecordStatus.MISSING
    mx = report.records[-1]
    assert (mx.purpose, mx.value, mx.status, mx.found) == (
        "mail_from_mx", "10 feedback-smtp.eu-west-1.amazonses.com", RecordStatus.MISMATCH,
        ["10 feedback-smtp.us-east-1.amazonses.com"])

    monitor = resolver.check_domain("monitor.test")
    assert monitor.verdict is AuthVerdict.WARN
    assert [f.id for f in monitor.findings] == ["dkim.no_tokens", "dmarc.policy_none", "dmarc.no_rua"]

    inherited = resolver.check_domain("sub.shop.test")
    assert inherited.verdict is AuthVerdict.PASS
    assert inherited.has_finding("dmarc.inherited")

    flaky = resolver.check_domain("flaky.test", dkim_tokens=["good1", "good2"])
    assert flaky.verdict is AuthVerdict.WARN
    assert [r.status for r in flaky.records] == [RecordStatus.OK, RecordStatus.OK, RecordStatus.UNKNOWN,
                                                 RecordStatus.UNKNOWN]
    assert [f.id for f in flaky.findings] == ["dns.temporary_failure"] * 2


def test_spf(resolver):
    ok = mailwarden.check_spf(resolver, "199.255.192.10", "bounce@good.test", "mta.good.test")
    assert (ok.code, ok.result, ok.domain, ok.matched, ok.lookups, ok.void_lookups, ok.explanation) == (
        SpfCode.PASS, "pass", "good.test", "include:amazonses.com", 1, 0, "")
    assert json.loads(ok.to_json())["result"] == "pass"

    fail = resolver.check_spf("198.51.100.7", "x@no-ses.test")
    assert fail.code is SpfCode.FAIL
    assert fail.explanation == "198.51.100.7 is not one of no-ses.test's designated mail servers"
    assert fail.matched == "-all"

    helo = resolver.check_spf("2001:db8::1", "", "good.test")
    assert (helo.code, helo.domain) == (SpfCode.SOFTFAIL, "good.test")

    perm = resolver.check_spf("203.0.113.5", "x@voids.test")
    assert perm.code is SpfCode.PERMERROR and perm.void_lookups == 3 and perm.problem
    assert resolver.check_spf("192.0.2.1", "x@nospf.test").code is SpfCode.NONE


def test_shared_between_threads(resolver):
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append(resolver.check_spf("199.255.192.10", "a@good.test").code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == [SpfCode.PASS] * 80

