#!/usr/bin/python3
"""Most of dkimpy's DKIM tests sign a message of its test data with a key of
its test data, maybe change the message, and assert what dkim.verify() says.
This repeats those recipes once with dkimpy (Debian python3-dkim) and its
installed test data, its clock pinned at 2023-05-01T00:00:00Z for t=, and
writes the messages into dkimpy-signed/ and their vectors into
dkimpy-signed.json: the verdict the dkimpy test asserts and what mailwarden
gives (`here`). RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic, so
a run reproduces the same files.

Usage: make_dkimpy_signed.py
"""

import json
import os
import time

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(dkim.__file__), "tests", "data")
NOW = 1682899200  # 2023-05-01T00:00:00Z
CANONICALIZATIONS = [(h, b) for h in (b"simple", b"relaxed") for b in (b"simple", b"relaxed")]
PASS = ["pass", "none"]


def data(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


def recipes():
    """(name, dkimpy test, keyset, message, verdict, here) for each case."""
    out = []
    message = data("test.message")
    key = data("test.private")
    for h, b in CANONICALIZATIONS:
        c = (h + b"-" + b).decode()
        sig = dkim.sign(message, b"test", b"example.com", key, canonicalize=(h, b))
        out.append(("rsa-" + c, "test_dkim.py test_verifies", "dkimpy-dnsfunc", sig + message, "pass", PASS))
        sig = dkim.sign(message, b"test", b"example.com", key, canonicalize=(h, b),
                        include_headers=(b"from",) + dkim.DKIM.SHOULD)
        out.append(("rsa-should-" + c, "test_dkim.py test_simple_signature", "dkimpy-dnsfunc", sig + message, "pass", PASS))
        sig = dkim.sign(message, b"test", b"example.com", key, canonicalize=(h, b), length=True)
        out.append(("rsa-l-added-" + c, "test_dkim.py test_l_verify", "dkimpy-dnsfunc",
                    sig + message + b"added more text\n", "pass", ["pass", "body_length_shorter"]))
    sig = dkim.sign(message, b"test", b"example.com", key, length=True)
    out.append(("rsa-l", "test_dkim.py test_add_body_length", "dkimpy-dnsfunc", sig + message, "pass", PASS))
    sig = dkim.sign(message, b"test", b"example.com", key)
    out.append(("rsa-altered-body", "test_dkim.py test_altered_body_fails", "dkimpy-dnsfunc",
                sig + message + b"foo", "fail", ["fail", "body_hash_mismatch"]))
    head, body = message.split(b"\n\n", 1)
    extra_from = b'From: "Resident Evil" <sales@spammer.com>\r\n'
    out.append(("rsa-unknown-field-added", "test_dkim.py test_multiple_from_fails", "dkimpy-dnsfunc",
                sig + b"\n\n".join((head + b"\r\nX-Foo: bar", body)), "pass", PASS))
    out.append(("rsa-from-added-below", "test_dkim.py test_multiple_from_fails", "dkimpy-dnsfunc",
                sig + b"\n\n".join((head + b"\r\n" + extra_from.strip(), body)), "fail", ["fail", "signature_mismatch"]))
    out.append(("rsa-from-added-above", "test_dkim.py test_multiple_from_fails", "dkimpy-dnsfunc",
                sig + b"\n\n".join((extra_from + head, body)), "fail", ["fail", "signature_mismatch"]))

    variants = [("test", "1024_testkey.key", "spki-1024"), ("test2", "1024_testkey.key", "rsapublickey-1024"),
                ("test3", "2048_testkey.key", "spki-2048"), ("test4", "2048_testkey.key", "rsapublickey-2048"),
                ("test5", "2048_testkey_PKCS8.key", "pkcs8-2048")]
    for selector, key_file, label in variants:
        for h, b in CANONICALIZATIONS:
            sig = dkim.sign(message, selector.encode(), b"example.com", data(key_file), canonicalize=(h, b))
            out.append(("rsa-%s-%s-%s" % (label, h.decode(), b.decode()), "test_dkim_rsavariants.py", "dkimpy-rsavariants",
                        sig + message, "pass", PASS))

    message = data("ed25519test.msg")
    key = data("ed25519test.key")
    for h, b in CANONICALIZATIONS:
        c = (h + b"-" + b).decode()
        sig = dkim.sign(message, b"test", b"example.net", key, canonicalize=(h, b), signature_algorithm=b"ed25519-sha256")
        out.append(("ed25519-" + c, "test_dkim_ed25519.py test_verifies", "dkimpy-ed25519-dnsfunc", sig + message, "pass", PASS))
        rfc = data("rfc6376.msg")
        sig = dkim.sign(rfc, b"brisbane", b"football.example.com", data("rfc8032_7_1.key"), canonicalize=(h, b),
                        signature_algorithm=b"ed25519-sha256")
        out.append(("ed25519-rfc8032-" + c, "test_dkim_ed25519.py test_rfc8032_verifies", "dkimpy-ed25519-dnsfunc",
                    sig + rfc, "pass", PASS))
    sig = dkim.sign(message, b"test", b"example.net", key, length=True, signature_algorithm=b"ed25519-sha256")
    out.append(("ed25519-l", "test_dkim_ed25519.py test_add_body_length", "dkimpy-ed25519-dnsfunc", sig + message, "pass", PASS))
    sig = dkim.sign(message, b"test", b"example.net", key, signature_algorithm=b"ed25519-sha256")
    out.append(("ed25519-altered-body", "test_dkim_ed25519.py test_altered_body_fails", "dkimpy-ed25519-dnsfunc",
                sig + message + b"foo", "fail", ["fail", "body_hash_mismatch"]))
    return out


def main():
    time.time = lambda: NOW  # dkimpy's t=
    os.makedirs(os.path.join(HERE, "dkimpy-signed"), exist_ok=True)
    vectors = []
    for name, test, keyset, message, verdict, here in recipes():
        path = os.path.join("dkimpy-signed", name + ".eml")
        with open(os.path.join(HERE, path), "wb") as f:
            f.write(message)
        vectors.append({"id": "dkimpy-signed/" + name, "file": path, "keyset": keyset, "now": "2023-05-01T00:00:00Z",
                        "source": "dkimpy dkim/tests/" + test, "expected": [verdict], "here": [here]})
    with open(os.path.join(HERE, "dkimpy-signed.json"), "w", encoding="utf-8") as f:
        json.dump({"comment": "written by make_dkimpy_signed.py", "vectors": vectors}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
