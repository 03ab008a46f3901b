"""python -m mailwarden: mwctl's address, sender and domain checks, run as
separate processes (their output is mwctl's, see docs/mwctl.md)."""

import json
import subprocess
import sys

import pytest

from mailwarden import Registry
from package_under_test import child_env
from require import peer_env

NOW = "2026-09-21T12:00:00Z"


@pytest.fixture
def cli(cdll, tmp_path):
    def run(*args, stdin=None):
        env = child_env(MAILWARDEN_LIBRARY=cdll._name, MAILWARDEN_HOME=str(tmp_path), MAILWARDEN_NOW=NOW)
        return subprocess.run([sys.executable, "-m", "mailwarden", *args], env=env, input=stdin,
                              capture_output=True, text=True, timeout=60)
    return run


def test_address_check_prints_mwctl_lines_and_exit_status(cli):
    proc = cli("address", "check", "alice@iana.org", "user@Bücher.DE", "postmaster@iana.org", "a..b@iana.org")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        "VALID    alice@iana.org",
        "VALID    user@Bücher.DE  -> user@xn--bcher-kva.de",
        "RISKY    postmaster@iana.org  [role account]",
        "INVALID  a..b@iana.org  (consecutive_dots: the address contains two dots in a row)",
    ]
    proc = cli("address", "check", "--reject-role", "--json", "--file", "-", stdin="carol@iana.org\r\n\nabuse@iana.org\n")
    assert proc.returncode == 1
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(d["address"], d["verdict"], d["reason"]) for d in docs] == [
        ("carol@iana.org", "valid", "ok"), ("abuse@iana.org", "invalid", "role_account")]
    assert cli("address", "check", "alice@iana.org").returncode == 0


@pytest.mark.parametrize("args", [(), ("address",), ("address", "check"), ("address", "check", "--bogus", "a@iana.org")])
def test_usage_errors_exit_2(cli, args):
    assert cli(*args).returncode == 2


def test_sender_flow(cli, tmp_path):
    proc = cli("sender", "add", "jane@iana.org", "--alias", "Jane Doe")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "TYPE   ADDRESS                           ALIAS                 STATUS",
        "Email  jane@iana.org                     Jane Doe              Pending"]
    assert "the link is valid until 2026-09-22T12:00:00Z." in proc.stderr
    with Registry(store_path=tmp_path / "senders.db", outbox=tmp_path / "outbox") as reg:
        link = reg.last_link("jane@iana.org")

    proc = cli("sender", "confirm", link)
    assert proc.returncode == 0 and proc.stdout.startswith("Congratulations!"), proc.stderr
    show = cli("sender", "show", "jane@iana.org").stdout
    assert "  Status:          Success\n" in show
    assert "    2026-09-21T12:00:00Z  Pending -> Success  (transport_verified)\n" in show
    listed = json.loads(cli("sender", "list", "--status", "success", "--json").stdout)
    assert [(s["address"], s["status"]) for s in listed] == [("jane@iana.org", "Success")]

    proc = cli("sender", "show", "nobody@iana.org")
    assert proc.returncode == 1 and "nobody@iana.org" in proc.stderr


def test_domain_check(cli):
    dns = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    tokens = ("--dkim-token", "good1", "--dkim-token", "good2", "--dkim-token", "good3")
    proc = cli("domain", "check", "good.test", *tokens, "--dns", dns)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Domain good.test (SES region us-east-1): pass\n\nRecords to publish:\n")
    assert "\nFindings:\n  none\n" in proc.stdout
    proc = cli("domain", "check", "monitor.test", "--dns", dns, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["verdict"] == "warn"
