#!/usr/bin/python3
"""Most of dkimpy's DKIM tests sign a message of its test data with a key of
its test data at run time, maybe change it, and assert what verify() says.
This runs those tests (test_dkim.py, test_dkim_ed25519.py,
test_dkim_rsavariants.py of Debian's python3-dkim) with dkimpy's clock
pinned at 2023-05-01T00:00:00Z for t=, and records every DKIM verification
they make: the message, the test DNS function that answers the key (a key
set of keys.json), minkey, and what verify() returned, which the test
asserted. Each distinct message becomes dkimpy-signed/<test>-<n>.eml, and
dkimpy-signed.json its vector: dkimpy's verify() judges the first
DKIM-Signature only (pass when it returned True, fail when False or an
exception), the others are not judged. Messages that are files of dkimpy/
(vectors.json has them) are left out. RSA PKCS#1 v1.5 and Ed25519
signatures are deterministic: a run writes the same files again.

Usage: make_dkimpy_signed.py
"""

import hashlib
import importlib
import json
import os
import re
import shutil
import time
import unittest

import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1682899200  # 2023-05-01T00:00:00Z
MODULES = ["test_dkim", "test_dkim_ed25519", "test_dkim_rsavariants"]
# (module, DNS function) -> key set of keys.json
KEYSETS = {
    ("test_dkim", "dnsfunc"): "dkimpy-dnsfunc",
    ("test_dkim", "dnsfunc2"): "dkimpy-dnsfunc2",
    ("test_dkim", "dnsfunc3"): "dkimpy-dnsfunc3",
    ("test_dkim", "dnsfunc4"): "dkimpy-dnsfunc4",
    ("test_dkim", "dnsfunc5"): "dkimpy-dnsfunc5",
    ("test_dkim", "dnsfunc6"): "dkimpy-dnsfunc6",
    ("test_dkim", "dnsfunc7"): "dkimpy-dnsfunc7",
    ("test_dkim_ed25519", "dnsfunc"): "dkimpy-ed25519-dnsfunc",
    ("test_dkim_rsavariants", "dnsfunc"): "dkimpy-rsavariants",
}

captured = []  # (test id, raw message, key set, minkey, verdict)
current_test = [""]


def count_signatures(raw):
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    return sum(1 for line in re.split(rb"\r?\n", head) if line.lower().startswith(b"dkim-signature:"))


def capture():
    original_init = dkim.DKIM.__init__
    original_verify = dkim.DKIM.verify

    def init(self, message=None, *args, **kwargs):
        self.mw_raw = message
        self.mw_minkey = kwargs.get("minkey", 1024)
        self.mw_tlsrpt = kwargs.get("tlsrpt", False)
        original_init(self, message, *args, **kwargs)

    def verify(self, idx=0, dnsfunc=dkim.get_txt):
        module = type(dnsfunc.__self__).__module__.rsplit(".", 1)[-1]
        keyset = KEYSETS[(module, dnsfunc.__name__)]
        if idx != 0 or self.mw_tlsrpt:
            raise RuntimeError("a verification this script does not record: " + current_test[0])
        try:
            result = original_verify(self, idx, dnsfunc)
        except dkim.DKIMException:
            captured.append((current_test[0], self.mw_raw, keyset, self.mw_minkey, False))
            raise
        captured.append((current_test[0], self.mw_raw, keyset, self.mw_minkey, bool(result)))
        return result

    dkim.DKIM.__init__ = init
    dkim.DKIM.verify = verify


def run_tests():
    for name in MODULES:
        module = importlib.import_module("dkim.tests." + name)
        tests = []
        pending = [unittest.defaultTestLoader.loadTestsFromModule(module)]
        while pending:
            for t in pending.pop():
                (pending.append(t) if isinstance(t, unittest.TestSuite) else tests.append(t))
        for test in sorted(tests, key=lambda t: t.id()):
            current_test[0] = name + "." + test.id().rsplit(".", 1)[-1]
            result = unittest.TestResult()
            test.run(result)
            if result.errors or result.failures:
                raise RuntimeError("dkimpy's own test failed: %s %s" % (test.id(), result.errors + result.failures))


def main():
    time.time = lambda: NOW  # dkimpy's t=
    capture()
    run_tests()
    stored = set()
    for name in os.listdir(os.path.join(HERE, "dkimpy")):
        with open(os.path.join(HERE, "dkimpy", name), "rb") as f:
            stored.add(hashlib.sha256(f.read()).hexdigest())
    out_dir = os.path.join(HERE, "dkimpy-signed")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    seen = {}
    vectors = []
    per_test = {}
    for test, raw, keyset, minkey, verdict in captured:
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        digest = hashlib.sha256(raw + keyset.encode() + str(minkey).encode()).hexdigest()
        if digest in seen:
            if seen[digest] != verdict:
                raise RuntimeError("one message, two verdicts: " + test)
            continue
        seen[digest] = verdict
        if hashlib.sha256(raw).hexdigest() in stored:
            continue
        per_test[test] = per_test.get(test, 0) + 1
        name = "%s-%d" % (test, per_test[test])
        path = os.path.join("dkimpy-signed", name + ".eml")
        with open(os.path.join(HERE, path), "wb") as f:
            f.write(raw)
        signatures = count_signatures(raw)
        expected = ([("pass" if verdict else "fail")] + [None] * (signatures - 1)) if signatures else []
        entry = {"id": "dkimpy-signed/" + name, "file": path, "keyset": keyset, "now": "2023-05-01T00:00:00Z",
                 "source": "dkimpy dkim/tests/%s.py %s" % tuple(test.split(".")), "expected": expected}
        if minkey != 1024:
            entry["minkey"] = minkey
        vectors.append(entry)
    with open(os.path.join(HERE, "dkimpy-signed.json"), "w", encoding="utf-8") as f:
        json.dump({"comment": "written by make_dkimpy_signed.py", "vectors": vectors}, f, indent=1)
        f.write("\n")
    print("%d verifications recorded, %d distinct messages written" % (len(captured), len(vectors)))


if __name__ == "__main__":
    main()
