"""The local transport signing with a key folder (Registry(dkim_keys=...))
and the domain report checking each own selector (Resolver.check_domain(
dkim_keys=...)), against the unbound that tests/peers/unbound/run-with-
unbound.sh starts with tests/peers/unbound/auth-zones (MW_TEST_DNS), whose
signing.test zone publishes the keys of tests/peers/unbound/keys."""

import os
import shutil

import pytest

from mailwarden import InvalidArgumentError, RecordStatus, Registry, Resolver, check_message
from c_header import SOURCE_ROOT
from require import missing, peer_env

DOMAIN = "signing.test"
KEYS = os.path.join(SOURCE_ROOT, "tests", "peers", "unbound", "keys")
NOW = 1767225600  # 2026-01-01T00:00:00Z


@pytest.fixture
def resolver():
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    with Resolver([dns], timeout=2, tries=2) as r:
        yield r


def _key_folder(root, *selectors):
    folder = root / "dkim"
    (folder / DOMAIN).mkdir(parents=True)
    for selector in selectors:
        source = os.path.join(KEYS, f"{DOMAIN}.{selector}.pem")
        if not os.path.exists(source):
            missing(f"{source} not found: not in the mailwarden source tree")
        shutil.copy(source, folder / DOMAIN / f"{selector}.pem")
    return folder


def _mails(outbox):
    return sorted((outbox / "new").iterdir())


def test_sent_mail_is_signed_with_the_folder_keys_and_passes(tmp_path, resolver):
    keys = _key_folder(tmp_path, "s2026", "ed2026")
    outbox = tmp_path / "outbox"
    with Registry(store_path=str(tmp_path / "r.db"), outbox=str(outbox), allow_special_use=True,
                  manual_clock=NOW, dkim_keys=keys) as registry:
        registry.add(f"alice@{DOMAIN}", "Alice")
        registry.confirm(registry.last_link(f"alice@{DOMAIN}"))
        (verification,) = _mails(outbox)
        assert b"DKIM-Signature" not in verification.read_bytes()
        verification.unlink()
        registry.send(f"alice@{DOMAIN}", "ann@example.org", "Issue 1", "Hello Ann.")
    (mail,) = _mails(outbox)
    report = check_message(mail.read_bytes(), resolver=resolver, now=NOW + 60)
    assert [(d.selector, d.algorithm, d.result) for d in report.dkim] == [
        ("ed2026", "ed25519-sha256", "pass"), ("s2026", "rsa-sha256", "pass")]


def test_a_file_that_is_no_key_refuses_the_registry(tmp_path):
    keys = _key_folder(tmp_path)
    (keys / DOMAIN / "broken.pem").write_text("not a key\n")
    with pytest.raises(InvalidArgumentError, match="broken.pem"):
        Registry(store_path=str(tmp_path / "r.db"), outbox=str(tmp_path / "outbox"), dkim_keys=keys)


def test_domain_report_lists_and_checks_own_selectors(tmp_path, resolver):
    keys = _key_folder(tmp_path, "s2026", "ed2026")
    shutil.copy(keys / DOMAIN / "ed2026.pem", keys / DOMAIN / "s2025.pem")  # not published
    report = resolver.check_domain(DOMAIN, dkim_keys=keys)
    own = {r.name: r.status for r in report.records if r.purpose == "dkim"}
    assert own == {f"ed2026._domainkey.{DOMAIN}": RecordStatus.OK,
                   f"s2025._domainkey.{DOMAIN}": RecordStatus.MISSING,
                   f"s2026._domainkey.{DOMAIN}": RecordStatus.OK}
    assert report.has_finding("dkim.key_missing")
    assert [r for r in resolver.check_domain(DOMAIN).records if r.purpose == "dkim"] == []
