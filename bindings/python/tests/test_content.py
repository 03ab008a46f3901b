"""check_content and sanitize_html. The blocklist tests ask the unbound that
tests/peers/unbound/run-with-unbound.sh starts with the zones of
tests/peers/unbound/auth-zones (MW_TEST_DNS), whose dnsbl.test zone holds a
domain list (dbl.dnsbl.test: listed.example listed, refused.example
refused) and an IP list (ip.dnsbl.test: 203.0.113.10 listed); without it
they are skipped, or fail under MW_REQUIRE_PEERS."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest

import mailwarden
from mailwarden import (
    Blocklist,
    ClosedHandleError,
    ContentFinding,
    ContentPolicy,
    ContentReport,
    InvalidArgumentError,
    LinkCheck,
    PolicyError,
    Registry,
    Resolver,
    SanitizedHtml,
    Spamd,
    SpamScore,
    check_content,
    sanitize_html,
)
from mailwarden.content import ContentSeverity, ContentVerdict
from c_header import SOURCE_ROOT
from require import missing, peer_env

# The project's fake spamd: it answers a well-formed score (7.2 / 5.0, two
# rules) unless the message's X-Fake header asks for a failure.
SPAMD_FAKE = os.path.join(SOURCE_ROOT, "tests", "peers", "spamd_fake.py")

HEADER = ("From: News <news@example.org>\r\n"
          "To: ann@example.net\r\n"
          "Subject: This week\r\n"
          "Date: Thu, 03 Dec 2026 09:00:00 +0000\r\n"
          "Message-ID: <week-49@example.org>\r\n"
          "MIME-Version: 1.0\r\n")

PLAIN = HEADER + ("Content-Type: text/plain; charset=utf-8\r\n"
                  "\r\n"
                  "Hello Ann,\r\n\r\nthe garden club meets on Saturday at ten.\r\n")

HTML_ONLY = HEADER + ("Content-Type: text/html; charset=utf-8\r\n"
                      "\r\n"
                      "<html><body><p>Hello <b>Ann</b>,</p><script>steal()</script>"
                      "<p><a href=\"https://clean-site.example/news\" onclick=\"x()\">the news</a></p>"
                      "</body></html>\r\n")

LINKS = HEADER + ("Content-Type: text/plain; charset=utf-8\r\n"
                  "\r\n"
                  "Read https://listed.example/offer and https://www.refused.example/x\r\n"
                  "or http://203.0.113.10/login, and our own https://clean-site.example/news.\r\n")

DBL = Blocklist("dbl", "dbl.dnsbl.test", codes={"127.0.1.2": "spam domain"})
IPBL = Blocklist("ipbl", "ip.dnsbl.test", kind="ip", severity="review")


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


def link_to(report, host):
    return next(link for link in report.links if host in (link.domain, link.ip))


def test_enums_take_the_library_names():
    assert [(m.name, int(m), m.id) for m in ContentVerdict] == [
        ("PASS", 0, "pass"), ("REVIEW", 1, "review"), ("BLOCK", 2, "block")]
    assert [m.id for m in ContentSeverity] == ["info", "review", "block"]
    assert mailwarden.ContentVerdict is ContentVerdict and mailwarden.ContentSeverity is ContentSeverity
    assert ContentSeverity.from_id("review") is ContentSeverity.REVIEW


def test_a_plain_message_passes():
    report = check_content(PLAIN)
    assert isinstance(report, ContentReport)
    assert report.verdict is ContentVerdict.PASS
    assert all(f.severity is ContentSeverity.INFO for f in report.findings), report.findings
    assert report.links == () and report.spam is None
    assert report.sanitized_html is None and report.text_alternative is None
    assert json.loads(report.to_json())["verdict"] == "pass"
    assert check_content(PLAIN.encode()) == report  # bytes as str, and the values compare


def test_html_only_with_a_script():
    report = check_content(HTML_ONLY.encode())
    assert report.verdict is ContentVerdict.REVIEW
    assert report.has_finding("html.only") and not report.has_finding("no.such.finding")
    finding = next(f for f in report.findings if f.id == "html.only")
    assert isinstance(finding, ContentFinding) and finding.evidence
    assert finding.severity in (ContentSeverity.REVIEW, ContentSeverity.INFO)
    assert max(f.severity for f in report.findings) == ContentSeverity.REVIEW
    assert "<script" not in report.sanitized_html and "onclick" not in report.sanitized_html
    assert "https://clean-site.example/news" in report.sanitized_html
    assert "Hello Ann" in report.text_alternative
    link = link_to(report, "clean-site.example")
    assert isinstance(link, LinkCheck)
    assert (link.url, link.source, link.ip, link.listed_on, link.unknown_on) == (
        "https://clean-site.example/news", "href", "", (), ())
    doc = json.loads(report.json)
    assert doc["verdict"] == "review" and "html.only" in [f["id"] for f in doc["findings"]]


def test_a_listed_link(resolver):
    report = check_content(LINKS, resolver=resolver, blocklists=[DBL, IPBL])
    assert report.verdict is ContentVerdict.BLOCK
    assert report.has_finding("link.listed") and report.has_finding("dnsbl.refused")
    listed = link_to(report, "listed.example")
    assert (listed.listed_on, listed.unknown_on, listed.source) == (("dbl: spam domain",), (), "text")
    refused = link_to(report, "www.refused.example")
    assert refused.listed_on == () and refused.unknown_on[0] == "dbl"
    ip = link_to(report, "203.0.113.10")
    assert ip.domain == "" and len(ip.listed_on) == 1 and ip.listed_on[0].startswith("ipbl: ")
    clean = link_to(report, "clean-site.example")
    assert clean.listed_on == () and clean.unknown_on == ()
    assert "dbl: spam domain" in report.to_json()


def test_without_a_resolver_nothing_is_looked_up():
    report = check_content(LINKS, blocklists=[DBL, IPBL])
    assert not report.has_finding("link.listed")
    assert all(link.listed_on == () for link in report.links)
    assert len(report.links) == 4


def test_a_refusal_code_and_a_listing_severity(resolver):
    # 127.0.1.2 read as "refused": the link is unknown there, never listed.
    refusing = Blocklist("dbl", "dbl.dnsbl.test", refusals=["127.0.1.2"])
    report = check_content(LINKS, resolver=resolver, blocklists=[refusing])
    listed = link_to(report, "listed.example")
    assert listed.listed_on == () and listed.unknown_on[0] == "dbl"
    assert not report.has_finding("link.listed")
    # An info listing is a finding that asks for nothing.
    info = Blocklist("dbl", "dbl.dnsbl.test", severity=ContentSeverity.INFO)
    assert info.severity == "info"
    report = check_content(LINKS, resolver=resolver, blocklists=[info])
    found = [f for f in report.findings if f.id == "link.listed"]
    assert found and all(f.severity is ContentSeverity.INFO for f in found)
    assert link_to(report, "listed.example").listed_on[0].startswith("dbl: ")


def test_options():
    report = check_content(PLAIN, max_message_bytes=64)
    assert report.has_finding("message.oversized") and report.verdict is ContentVerdict.BLOCK
    short = HEADER + "Content-Type: text/plain\r\n\r\nSee https://go.example/x and https://bit.ly/y\r\n"
    by_default = check_content(short)
    assert link_to(by_default, "bit.ly").shortener and not link_to(by_default, "go.example").shortener
    custom = check_content(short, shorteners=["go.example"], max_links=5, max_concurrent_lookups=1)
    assert link_to(custom, "go.example").shortener and not link_to(custom, "bit.ly").shortener


def test_blocklist_values_are_copied():
    codes = {"127.0.1.2": "spam domain"}
    refusals = ["127.0.1.9"]
    bl = Blocklist("dbl", "dbl.dnsbl.test", codes=codes, refusals=refusals)
    codes["127.0.1.3"] = "more"
    refusals.append("127.0.1.10")
    assert dict(bl.codes) == {"127.0.1.2": "spam domain"} and bl.refusals == ("127.0.1.9",)
    assert bl == Blocklist("dbl", "dbl.dnsbl.test", codes={"127.0.1.2": "spam domain"}, refusals=("127.0.1.9",))
    assert hash(bl) == hash(Blocklist("dbl", "dbl.dnsbl.test", refusals=["127.0.1.9"]))
    with pytest.raises(TypeError):
        bl.codes["x"] = "y"


def test_sanitize_html():
    dirty = "<p onmouseover=x()>hi<iframe src=//evil></iframe><script>alert(1)</script></p>"
    out = sanitize_html(dirty)
    assert isinstance(out, SanitizedHtml)
    assert "hi" in out.html and "iframe" not in out.html and "onmouseover" not in out.html
    assert "script" not in out.html and "alert" not in out.text and "hi" in out.text
    assert sanitize_html(dirty.encode()) == out
    assert sanitize_html("").html == ""


_TYPE_ERRORS = {
    "message int": lambda: check_content(123),
    "resolver str": lambda: check_content(PLAIN, resolver="127.0.0.1:53"),
    "blocklist tuple": lambda: check_content(PLAIN, blocklists=[("dbl", "dbl.dnsbl.test")]),
    "blocklists not a sequence": lambda: check_content(PLAIN, blocklists=DBL),
    "spamd tuple": lambda: check_content(PLAIN, spamd=("127.0.0.1", 783)),
    "spamd port str": lambda: check_content(PLAIN, spamd=Spamd("127.0.0.1", "783")),
    "spamd timeout str": lambda: check_content(PLAIN, spamd=Spamd("127.0.0.1", 783, timeout="1")),
    "spamd review None": lambda: check_content(PLAIN, spamd=Spamd("127.0.0.1", 783, review_at=None)),
    "shorteners str": lambda: check_content(PLAIN, shorteners="bit.ly"),
    "max_links str": lambda: check_content(PLAIN, max_links="5"),
    "max_links bool": lambda: check_content(PLAIN, max_links=True),
    "blocklist name int": lambda: Blocklist(1, "dbl.dnsbl.test"),
    "severity int": lambda: Blocklist("dbl", "dbl.dnsbl.test", severity=2),
    "codes not a mapping": lambda: Blocklist("dbl", "dbl.dnsbl.test", codes=[("127.0.0.2", "x")]),
    "refusals str": lambda: Blocklist("dbl", "dbl.dnsbl.test", refusals="127.0.0.2"),
    "sanitize None": lambda: sanitize_html(None),
}


@pytest.mark.parametrize("case", sorted(_TYPE_ERRORS))
def test_type_errors(case):
    with pytest.raises(TypeError):
        _TYPE_ERRORS[case]()


@pytest.mark.parametrize("name, kwargs", [
    ("empty message", dict(message="")),
    ("unnamed list", dict(blocklists=[Blocklist("", "dbl.dnsbl.test")])),
    ("no zone", dict(blocklists=[Blocklist("dbl", "")])),
    ("two of a name", dict(blocklists=[DBL, Blocklist("dbl", "other.dnsbl.test")])),
    ("unknown severity", dict(blocklists=[Blocklist("dbl", "dbl.dnsbl.test", severity="fatal")])),
    ("code outside 127/8", dict(blocklists=[Blocklist("dbl", "dbl.dnsbl.test", codes={"10.0.0.1": "x"})])),
    ("refusal not an address", dict(blocklists=[Blocklist("dbl", "dbl.dnsbl.test", refusals=["nope"])])),
    ("NUL in a zone", dict(blocklists=[Blocklist("dbl", "dbl\0.test")])),
    ("spamd without host", dict(spamd=Spamd("", 783))),
    ("spamd port 0", dict(spamd=Spamd("127.0.0.1", 0))),
    ("spamd port too big", dict(spamd=Spamd("127.0.0.1", 70000))),
    ("no timeout", dict(spamd=Spamd("127.0.0.1", 783, timeout=0))),
    ("negative timeout", dict(spamd=Spamd("127.0.0.1", 783, timeout=timedelta(seconds=-1)))),
    ("block below review", dict(spamd=Spamd("127.0.0.1", 783, review_at=5, block_at=4))),
    ("empty shortener", dict(shorteners=[""])),
    ("no links", dict(max_links=0)),
    ("negative size", dict(max_message_bytes=-1)),
    ("no lookups", dict(max_concurrent_lookups=0)),
])
def test_invalid_arguments(name, kwargs):
    message = kwargs.pop("message", PLAIN)
    with pytest.raises(InvalidArgumentError):
        check_content(message, **kwargs)


def test_an_unknown_kind_is_refused_when_made():
    with pytest.raises(InvalidArgumentError):
        Blocklist("dbl", "dbl.dnsbl.test", kind="url")


def test_a_closed_resolver():
    r = Resolver(["127.0.0.1:53"])
    r.close()
    with pytest.raises(ClosedHandleError):
        check_content(PLAIN, resolver=r)


@pytest.fixture(scope="module")
def spamd_fake():
    if not os.path.exists(SPAMD_FAKE):
        missing(f"{SPAMD_FAKE} not found: not in the mailwarden source tree")
    proc = subprocess.Popen([sys.executable, SPAMD_FAKE], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("PORT "), line
        yield int(line.split()[1])
    finally:
        proc.kill()
        proc.wait()


def test_a_spam_score(spamd_fake):
    report = check_content(PLAIN, spamd=Spamd("127.0.0.1", spamd_fake, timeout=timedelta(seconds=5)))
    assert report.spam == SpamScore(score=7.2, threshold=5.0, rules=("FAKE_RULE_ONE", "FAKE_RULE_TWO"))
    assert report.verdict is ContentVerdict.REVIEW  # 7.2: at or above 5, below 10
    assert json.loads(report.json)["spam_score"] == 7.2
    assert json.loads(report.json)["spam"]["rules"] == ["FAKE_RULE_ONE", "FAKE_RULE_TWO"]
    strict = check_content(PLAIN, spamd=Spamd("127.0.0.1", spamd_fake, review_at=1, block_at=7))
    assert strict.verdict is ContentVerdict.BLOCK and strict.spam == report.spam
    broken = check_content("X-Fake: garbage\r\n" + PLAIN, spamd=Spamd("127.0.0.1", spamd_fake))
    assert broken.spam is None and broken.verdict is ContentVerdict.PASS


@pytest.fixture
def silent_spamd():
    """A TCP port that takes connections (the kernel's backlog) and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


def test_an_unanswering_spamd_is_a_finding_and_the_gil_is_released(silent_spamd):
    # The check waits a second for spamd. Meanwhile this thread must run:
    # ticks strictly inside the call prove the GIL was let go.
    spamd = Spamd("127.0.0.1", silent_spamd, timeout=1.0)
    span, result = [], []

    def work():
        span.append(time.monotonic())
        result.append(check_content(PLAIN, spamd=spamd))
        span.append(time.monotonic())

    worker = threading.Thread(target=work)
    worker.start()
    ticks = []
    while worker.is_alive():
        ticks.append(time.monotonic())
        time.sleep(0.01)
    worker.join()
    start, end = span
    assert end - start >= 0.8
    inside = [t for t in ticks if start + 0.2 < t < end - 0.2]
    assert len(inside) >= 10, (len(ticks), end - start)
    report = result[0]
    assert report.has_finding("spamd.unavailable") and report.spam is None
    assert report.verdict is ContentVerdict.PASS


def test_threads_share_one_resolver(resolver):
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(check_content(LINKS, resolver=resolver, blocklists=[DBL, IPBL]))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20
    assert all(r == results[0] for r in results)


def test_a_registry_refuses_by_its_content_policy(tmp_path):
    policies = {"*": ContentPolicy(on_review="refuse"), "lenient": ContentPolicy(on_block="send")}
    with Registry(store_path=str(tmp_path / "senders.db"), outbox=str(tmp_path / "outbox"),
                  content_policies=policies) as reg:
        for account in ("default", "lenient"):
            reg.add("alice@iana.org", "Alice", account=account)  # the verification mail is not checked
            assert "successfully verified" in reg.confirm(reg.last_link("alice@iana.org"))
        script = "<p>Hello</p><script>steal()</script>"  # HTML only: review
        with pytest.raises(PolicyError) as info:
            reg.send("alice@iana.org", "reader@iana.org", "News", html=script)
        assert "review" in info.value.message and "html.only" in info.value.message
        assert reg.send("alice@iana.org", "reader@iana.org", "News", text="Hello Ann", html="<p>Hello Ann</p>")
        assert reg.send("alice@iana.org", "reader@iana.org", "News", html=script, account="lenient")


def test_content_policy_arguments(tmp_path):
    with pytest.raises(InvalidArgumentError):
        ContentPolicy(on_review="drop")
    with pytest.raises(TypeError):
        Registry(store_path=str(tmp_path / "s.db"), outbox=str(tmp_path / "o"), content_policies=[ContentPolicy()])
    with pytest.raises(TypeError):
        Registry(store_path=str(tmp_path / "s.db"), outbox=str(tmp_path / "o"), content_policies={"*": "refuse"})
    with pytest.raises(InvalidArgumentError):
        Registry(store_path=str(tmp_path / "s.db"), outbox=str(tmp_path / "o"),
                 content_policies={"*": ContentPolicy(max_links=0)})
