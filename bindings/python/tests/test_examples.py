"""examples/python/sender_channel.py runs against this package and prints the flow."""

import os
import subprocess
import sys

from package_under_test import child_env
from require import missing

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)
EXAMPLE = os.path.join(PKG_ROOT, "..", "..", "examples", "python", "sender_channel.py")


def test_sender_channel_example(cdll, tmp_path):
    if not os.path.exists(EXAMPLE):
        missing("not in the mailwarden source tree: no examples/python/sender_channel.py")
    env = child_env(MAILWARDEN_LIBRARY=cdll._name)
    proc = subprocess.run([sys.executable, EXAMPLE, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert ("  [jane@iana.org: new -> Pending]\n"
            "added jane@iana.org: Pending until 2026-09-22 12:00 UTC\n") in out
    assert "sending refused: sender jane@iana.org is Pending" in out
    assert "  [jane@iana.org: Pending -> Success]\nCongratulations!" in out
    assert ("  [bob@iana.org: Pending -> Failed]\n"
            "jane@iana.org   Success  \n"
            "bob@iana.org    Failed   the verification link expired") in out
    assert len(os.listdir(tmp_path / "outbox" / "new")) == 3  # two verification mails, one message
