"""ARC chain validation against dkimpy (Debian python3-dkim): dkimpy seals
one and two hops (with the body changed between them, as a mailing list
does), the driver validates, and both must agree on cv; then a changed body
and a changed ARC-Authentication-Results must fail on both sides. The key is
made fresh and served from memory. Run with /usr/bin/python3.

    arc_crosscheck.py DKIM_DRIVER
"""
import os
import subprocess
import sys
import tempfile

import dkim

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dkimpy_crosscheck import make_keys, serve_keys  # noqa: E402

MESSAGE = (b"Authentication-Results: mx.lists.example.org; spf=pass smtp.mailfrom=example.com\r\n"
           b"From: Alice <alice@example.com>\r\n"
           b"To: list@lists.example.org\r\n"
           b"Subject: Lunch\r\n"
           b"Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n"
           b"Message-ID: <1@example.com>\r\n"
           b"\r\n"
           b"Shall we meet at noon?\r\n")


def seal(message, domain, srv_id, private_key):
    lines = dkim.arc_sign(message, b"arc", domain, private_key, srv_id,
                          include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return b"".join(lines) + message


def main():
    driver = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        _, _, _, private_key, record = make_keys(work)[0]
        records = {"arc._domainkey.lists.example.org": record, "arc._domainkey.relay.example.net": record}
        keys_file, dnsfunc = serve_keys(work, records)

        one = seal(MESSAGE, b"lists.example.org", b"mx.lists.example.org", private_key)
        relayed = b"Authentication-Results: mx.relay.example.net; arc=pass\r\n"
        two = seal(relayed + one, b"relay.example.net", b"mx.relay.example.net", private_key)
        changed = seal(relayed + one.replace(b"Shall we", b"[list] Shall we"), b"relay.example.net",
                       b"mx.relay.example.net", private_key)
        cases = [  # name, message, cv, our reason, oldest-pass
            ("one hop", one, "pass", "none", "0"),
            ("two hops", two, "pass", "none", "0"),
            ("body changed before hop 2", changed, "pass", "none", "2"),
            ("body changed after hop 2", two.replace(b"noon", b"one"), "fail", "ams_fail", "0"),
            ("results of hop 1 changed", two.replace(b"spf=pass", b"spf=fail", 1), "fail", "as_fail", "0"),
        ]
        paths = []
        for i, (_, message, _, _, _) in enumerate(cases):
            paths.append(os.path.join(work, "m%d.eml" % i))
            with open(paths[-1], "wb") as f:
                f.write(message)
        out = subprocess.run([driver, "arc", keys_file] + paths, check=True, capture_output=True, text=True).stdout
        ours = {line.split("\t")[0]: line.split("\t")[1:] for line in out.splitlines()}

        failures = 0
        for path, (name, message, cv, reason, oldest) in zip(paths, cases):
            theirs = dkim.arc_verify(message, dnsfunc=dnsfunc)[0].decode()
            if ours[path] != [cv, reason, oldest] or theirs != cv:
                print("%s: mailwarden %s, dkimpy %s, expected %s %s %s" % (name, ours[path], theirs, cv, reason, oldest))
                failures += 1
        print("%d ARC cases, %d disagreements" % (len(cases), failures))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
