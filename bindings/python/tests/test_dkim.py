"""DKIM signing and keys (mailwarden.dkim). Signatures are verified twice:
by the library's own check_message against the unbound that
tests/peers/unbound/run-with-unbound.sh starts with the zones of
tests/peers/unbound/auth-zones (MW_TEST_DNS), whose signing.test zone
publishes the keys of tests/peers/unbound/keys, and by dkimpy (Debian
python3-dkim) with the records given through its dnsfunc. Keys made by
generate_dkim_key are checked with dkimpy the same way."""

import os
import threading

import pytest

from mailwarden import (
    ClosedHandleError,
    DkimKey,
    DkimSigner,
    InvalidArgumentError,
    Resolver,
    check_message,
    dkim_zone_line,
    generate_dkim_key,
    sign_message,
)
from c_header import SOURCE_ROOT
from require import missing, peer_env

DOMAIN = "signing.test"
KEYS = os.path.join(SOURCE_ROOT, "tests", "peers", "unbound", "keys")
ZONE = os.path.join(SOURCE_ROOT, "tests", "peers", "unbound", "auth-zones", "signing.test.zone")
# 2026-01-01T00:00:00Z: t= of the signatures and the checks' "now"; in the
# past, so dkimpy (which judges t= by the real clock) never sees it ahead.
NOW = 1767225600
PLAIN = (b"From: News <news@signing.test>\r\nTo: ann@example.org\r\nSubject: Issue 1\r\n"
         b"Date: Thu, 03 Dec 2026 11:59:00 +0000\r\nMessage-ID: <1@signing.test>\r\n"
         b"List-Unsubscribe: <https://signing.test/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
         b"\r\nHello Ann,\r\nthe news.\r\n")


def _dkimpy():
    try:
        import dkim  # Debian python3-dkim
    except ImportError:
        missing("dkimpy (Debian python3-dkim) is not importable: run with /usr/bin/python3")
    return dkim


def _pem(selector):
    path = os.path.join(KEYS, f"signing.test.{selector}.pem")
    if not os.path.exists(path):
        missing(f"{path} not found: not in the mailwarden source tree")
    with open(path) as f:
        return f.read()


def _published():
    """{"s2026._domainkey.signing.test": record} as the zone publishes them."""
    records = {}
    with open(ZONE) as f:
        for line in f:
            if "._domainkey " in line:
                name, _, rest = line.partition(" ")
                strings = rest.split('"')[1::2]
                records[f"{name}.{DOMAIN}"] = "".join(strings)
    return records


def _dkimpy_verifies(message, records):
    """dkimpy's verdict on every signature of message, top first."""
    dkim = _dkimpy()

    def dnsfunc(name, timeout=5):
        record = records.get(name.decode().rstrip("."))
        return record.encode() if record is not None else None

    def verifies(i):
        try:
            return dkim.DKIM(message).verify(idx=i, dnsfunc=dnsfunc)
        except dkim.DKIMException:  # a body hash mismatch is raised, not returned
            return False

    count = sum(1 for line in message.split(b"\n") if line.lower().startswith(b"dkim-signature:"))
    return [verifies(i) for i in range(count)]


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


@pytest.fixture
def rsa():
    with DkimSigner(_pem("s2026"), DOMAIN, "s2026", now=NOW) as s:
        yield s


@pytest.fixture
def ed():
    with DkimSigner(_pem("ed2026"), DOMAIN, "ed2026", now=NOW) as s:
        yield s


def test_signer_describes_its_key(rsa, ed):
    assert (rsa.algorithm, rsa.key_bits, rsa.domain, rsa.selector) == ("rsa-sha256", 2048, DOMAIN, "s2026")
    assert (ed.algorithm, ed.key_bits, ed.selector) == ("ed25519-sha256", 256, "ed2026")
    published = _published()
    assert published[f"s2026._domainkey.{DOMAIN}"] == rsa.txt_record
    assert published[f"ed2026._domainkey.{DOMAIN}"] == ed.txt_record


def test_signed_message_passes_here_and_in_dkimpy(rsa, resolver):
    field = rsa.sign(PLAIN)
    assert field.startswith("DKIM-Signature: v=1; a=rsa-sha256;") and field.endswith("\r\n")
    assert all(len(line) <= 78 for line in field.split("\r\n"))
    signed = rsa.sign_message(PLAIN)
    assert signed == field.encode() + PLAIN
    report = check_message(signed, resolver=resolver, now=NOW)
    (check,) = report.dkim
    assert (check.result, check.selector, check.key_bits, check.algorithm) == ("pass", "s2026", 2048, "rsa-sha256")
    assert report.dmarc_result == "pass" and report.dkim_aligned
    assert "List-Unsubscribe-Post" in check.signed_headers
    assert _dkimpy_verifies(signed, _published()) == [True]


def test_rsa_and_ed25519_together(rsa, ed, resolver):
    signed = sign_message(PLAIN, [rsa, ed])
    report = check_message(signed, resolver=resolver, now=NOW)
    assert [(c.result, c.algorithm) for c in report.dkim] == [("pass", "rsa-sha256"), ("pass", "ed25519-sha256")]
    assert _dkimpy_verifies(signed, _published()) == [True, True]


def test_changed_body_or_added_subject_fails_on_both_sides(rsa, resolver):
    signed = rsa.sign_message(PLAIN)
    changed = signed.replace(b"the news.", b"the NEWS.")
    report = check_message(changed, resolver=resolver, now=NOW)
    assert [(c.result, c.reason) for c in report.dkim] == [("fail", "body_hash_mismatch")]
    added = signed.replace(b"To: ann@example.org\r\n", b"Subject: Urgent: pay now\r\nTo: ann@example.org\r\n")
    report = check_message(added, resolver=resolver, now=NOW)
    assert [(c.result, c.reason) for c in report.dkim] == [("fail", "signature_mismatch")]
    assert _dkimpy_verifies(changed, _published()) == [False]
    assert _dkimpy_verifies(added, _published()) == [False]


def test_options(resolver):
    with DkimSigner(_pem("ed2026"), DOMAIN, "ed2026", header_canonicalization="simple",
                    body_canonicalization="relaxed", headers=["Subject"], lifetime=3600, now=NOW) as s:
        signed = s.sign_message(PLAIN.decode())
    assert b"x=1767229200;" in signed
    (check,) = check_message(signed, resolver=resolver, now=NOW + 60).dkim
    assert (check.result, check.canonicalization) == ("pass", "simple/relaxed")
    assert {h.lower() for h in check.signed_headers} == {"from", "subject"}
    (late,) = check_message(signed, resolver=resolver, now=NOW + 7200).dkim
    assert (late.result, late.reason) == ("permerror", "signature_expired")


def test_lf_message_is_signed_with_lf(rsa, resolver):
    lf = PLAIN.replace(b"\r\n", b"\n")
    signed = rsa.sign_message(lf)
    assert b"\r" not in signed
    assert [c.result for c in check_message(signed, resolver=resolver, now=NOW).dkim] == ["pass"]


@pytest.mark.parametrize("key_type,bits,strings", [("rsa", 2048, 2), ("rsa", 1024, 1), ("ed25519", 2048, 1)])
def test_generated_keys_sign_what_dkimpy_verifies(key_type, bits, strings):
    key = generate_dkim_key(key_type, bits)
    assert isinstance(key, DkimKey)
    assert key.private_key_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert key.txt_record.startswith(f"v=DKIM1; k={key_type}; p=")
    assert len(key.txt_strings) == strings and "".join(key.txt_strings) == key.txt_record
    assert all(len(s) <= 255 for s in key.txt_strings)
    line = key.zone_line("example.org", "k1")
    assert line == dkim_zone_line("example.org", "k1", key.txt_strings)
    assert line.startswith('k1._domainkey.example.org. IN TXT "v=DKIM1;')
    with DkimSigner(key.private_key_pem, "example.org", "k1") as signer:
        assert signer.txt_record == key.txt_record
        message = PLAIN.replace(b"signing.test", b"example.org")
        signed = signer.sign_message(message)
    assert _dkimpy_verifies(signed, {"k1._domainkey.example.org": key.txt_record}) == [True]


def test_bad_input_raises_typed_errors(rsa):
    with pytest.raises(InvalidArgumentError) as e:
        DkimSigner("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n", DOMAIN, "s1")
    assert str(e.value)
    with pytest.raises(InvalidArgumentError):
        DkimSigner(b"", DOMAIN, "s1")
    with pytest.raises(InvalidArgumentError):
        DkimSigner(_pem("s2026"), "signing_test", "s1")
    with pytest.raises(InvalidArgumentError):
        DkimSigner(_pem("s2026"), DOMAIN, "s1", body_canonicalization="loose")
    with pytest.raises(InvalidArgumentError):
        DkimSigner(_pem("s2026"), DOMAIN, "s1", headers=[""])
    with pytest.raises(InvalidArgumentError):
        DkimSigner(_pem("s2026"), DOMAIN, "s1", lifetime=-5)
    with pytest.raises(TypeError):
        DkimSigner(_pem("s2026"), DOMAIN, "s1", headers="Subject")
    with pytest.raises(InvalidArgumentError) as e:
        rsa.sign(b"To: ann@example.org\r\n\r\nno From\r\n")
    assert "From" in str(e.value)
    with pytest.raises(InvalidArgumentError):
        sign_message(PLAIN, [])
    with pytest.raises(TypeError):
        sign_message(PLAIN, ["not a signer"])
    with pytest.raises(InvalidArgumentError):
        generate_dkim_key("rsa", 512)
    with pytest.raises(InvalidArgumentError):
        generate_dkim_key("dsa")


def test_closed_signer():
    signer = DkimSigner(_pem("ed2026"), DOMAIN, "ed2026")
    signer.close()
    signer.close()
    assert signer.closed
    with pytest.raises(ClosedHandleError):
        signer.sign(PLAIN)
    with pytest.raises(ClosedHandleError):
        sign_message(PLAIN, [signer])


def test_threads_share_one_signer(ed):
    results = []

    def work():
        results.extend(ed.sign_message(PLAIN) for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Ed25519 signatures are deterministic, and t= is pinned.
    assert len(results) == 80 and len(set(results)) == 1


def test_close_while_threads_sign():
    signer = DkimSigner(_pem("ed2026"), DOMAIN, "ed2026", now=NOW)
    outcomes = []
    start = threading.Barrier(5)

    def work():
        start.wait()
        for _ in range(50):
            try:
                outcomes.append(len(signer.sign_message(PLAIN)) > len(PLAIN))
            except ClosedHandleError:
                outcomes.append("closed")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    start.wait()
    signer.close()
    for t in threads:
        t.join()
    assert len(outcomes) == 200 and set(outcomes) <= {True, "closed"}


def test_properties_outlive_close():
    signer = DkimSigner(_pem("s2026"), DOMAIN, "s2026")
    record = signer.txt_record
    signer.close()
    assert (signer.algorithm, signer.key_bits, signer.selector, signer.txt_record) == ("rsa-sha256", 2048, "s2026", record)
