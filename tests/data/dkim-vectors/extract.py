#!/usr/bin/python3
"""Writes the messages of go-msgauth's DKIM tests (the Go string constants
in dkim/*_test.go) into go-msgauth/, as the tests feed them to the verifier,
copies dkimpy's test data files into dkimpy/, and writes keys.json: the key
records each test's DNS function answers (go-msgauth's queryTest in
dkim/query_test.go; dkimpy's dnsfunc* of dkim/tests/test_dkim*.py, asked
through dkimpy's installed test module). The verdicts are in vectors.json,
written by hand from the same tests (SOURCE.md). OpenDKIM's messages and
keys are written by extract_opendkim.py.

Usage: extract.py GO_MSGAUTH_CHECKOUT
(dkimpy: the Debian python3-dkim package, whose dkim/tests/data is
/usr/lib/python3/dist-packages/dkim/tests/data)
"""

import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# message file: (Go test file, constant, how the test reads it)
GO_MESSAGES = {
    "unsigned.eml": ("verify_test.go", "unsignedMailString", "crlf"),
    "verified.eml": ("verify_test.go", "verifiedMailString", "crlf"),
    "raw-rsa.eml": ("verify_test.go", "verifiedRawRSAMailString", "crlf"),
    "ed25519.eml": ("verify_test.go", "verifiedEd25519MailString", "crlf"),
    "too-many-signatures.eml": ("verify_test.go", "tooManySignaturesMailString", "as-is"),
    "signed.eml": ("sign_test.go", "signedMailString", "as-is"),
    "signed-ed25519.eml": ("sign_ed25519_test.go", "signedEd25519MailString", "as-is"),
}

# Messages given as a literal in a Go test.
GO_LITERALS = {
    "invalid.eml": "asdf",  # verify_test.go TestVerify_invalid, through newMailStringReader
}

# go-msgauth's queryTest: name -> the constant it answers with.
GO_KEYS = {
    "brisbane._domainkey.example.com": "dnsPublicKey",
    "brisbane._domainkey.example.org": "dnsPublicKey",
    "test._domainkey.football.example.com": "dnsPublicKey",
    "newengland._domainkey.example.com": "dnsRawRSAPublicKey",
    "brisbane._domainkey.football.example.com": "dnsEd25519PublicKey",
}

# dkimpy: keyset -> (test module, DNS function, names it answers). The name
# test._domainkey.legitimate.com(.attacker.com of dnsfunc7 is no domain
# name and cannot be served (nor is it asked: d= is refused first).
DKIMPY_KEYSETS = {
    "dkimpy-dnsfunc": ("test_dkim", "dnsfunc", [
        "example._domainkey.canonical.com", "test._domainkey.example.com", "20120113._domainkey.gmail.com"]),
    "dkimpy-dnsfunc2": ("test_dkim", "dnsfunc2", [
        "example._domainkey.canonical.com", "test._domainkey.example.com", "20120113._domainkey.gmail.com"]),
    "dkimpy-dnsfunc3": ("test_dkim", "dnsfunc3", [
        "example._domainkey.canonical.com", "test._domainkey.example.com", "20120113._domainkey.gmail.com"]),
    "dkimpy-dnsfunc4": ("test_dkim", "dnsfunc4", [
        "example._domainkey.canonical.com", "test._domainkey.example.com", "20120113._domainkey.gmail.com"]),
    "dkimpy-dnsfunc5": ("test_dkim", "dnsfunc5", [
        "example._domainkey.canonical.com", "test._domainkey.football.example.com",
        "brisbane._domainkey.football.example.com"]),
    "dkimpy-dnsfunc6": ("test_dkim", "dnsfunc6", [
        "test._domainkey.football.example.com", "brisbane._domainkey.football.example.com"]),
    "dkimpy-dnsfunc7": ("test_dkim", "dnsfunc7", []),
    "dkimpy-rsavariants": ("test_dkim_rsavariants", "dnsfunc", [
        "test._domainkey.example.com", "test2._domainkey.example.com", "test3._domainkey.example.com",
        "test4._domainkey.example.com", "test5._domainkey.example.com"]),
    "dkimpy-ed25519-dnsfunc": ("test_dkim_ed25519", "dnsfunc", [
        "example._domainkey.canonical.com", "test._domainkey.example.net", "sed._domainkey.test.ex",
        "brisbane._domainkey.football.example.com"]),
}

DKIMPY_FILES = [
    "test.message", "test2.message", "rfc6376.signed.msg", "rfc6376.signed.rsa.msg",
    "test.message.baddomain", "ed25519test2.msg", "eximtest.dns", "test.txt",
]

GO_ESCAPES = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\", '"': '"'}


def go_constants(source):
    """The string constants of a Go file: raw `...` strings and "..." + ident + ... sums."""
    values = {}
    for name, body in re.findall(r"const (\w+) = `(.*?)`", source, re.S):
        values[name] = ("raw", body)
    for name, expr in re.findall(r'const (\w+) = ((?:"(?:[^"\\]|\\.)*"|\w+|\s|\+)+)\n\n', source):
        values.setdefault(name, ("sum", expr))  # evaluated once every name is known
    return values


def evaluate(value, values):
    kind, expr = value
    if kind == "raw":
        return expr
    out = ""
    for literal, ident in re.findall(r'"((?:[^"\\]|\\.)*)"|(\w+)', expr):
        if ident:
            out += evaluate(values[ident], values)
        else:
            out += re.sub(r"\\(.)", lambda m: GO_ESCAPES[m.group(1)], literal)
    return out


def dkimpy_keys():
    import importlib
    keysets = {}
    for keyset, (module_name, function, names) in DKIMPY_KEYSETS.items():
        module = importlib.import_module("dkim.tests." + module_name)
        test = module.TestSignAndVerify("setUp")
        test.setUp()
        answer = getattr(test, function)
        keysets[keyset] = {}
        for name in names:
            record = answer((name + ".").encode("ascii"))
            keysets[keyset][name] = [record.decode("ascii") if isinstance(record, bytes) else record]
    return keysets


def main(go_checkout):
    import dkim
    dkimpy_data = os.path.join(os.path.dirname(dkim.__file__), "tests", "data")
    values = {}
    for test_file in sorted({v[0] for v in GO_MESSAGES.values()} | {"query_test.go"}):
        with open(os.path.join(go_checkout, "dkim", test_file), encoding="utf-8") as f:
            values.update(go_constants(f.read()))
    os.makedirs(os.path.join(HERE, "go-msgauth"), exist_ok=True)
    for file_name, (_, constant, mode) in GO_MESSAGES.items():
        text = evaluate(values[constant], values)
        if mode == "crlf":  # newMailStringReader: every \n becomes \r\n
            text = text.replace("\n", "\r\n")
        with open(os.path.join(HERE, "go-msgauth", file_name), "wb") as f:
            f.write(text.encode("utf-8"))
    for file_name, text in GO_LITERALS.items():
        with open(os.path.join(HERE, "go-msgauth", file_name), "wb") as f:
            f.write(text.replace("\n", "\r\n").encode("utf-8"))
    keysets = {"go-msgauth": {name: [evaluate(values[constant], values)] for name, constant in GO_KEYS.items()}}
    keysets.update(dkimpy_keys())
    keys_file = os.path.join(HERE, "keys.json")
    if os.path.exists(keys_file):  # extract_opendkim.py writes the key set opendkim
        with open(keys_file, encoding="utf-8") as f:
            keysets.update({k: v for k, v in json.load(f).items() if k == "opendkim"})
    with open(keys_file, "w", encoding="utf-8") as f:
        json.dump(keysets, f, indent=1, sort_keys=True)
        f.write("\n")
    os.makedirs(os.path.join(HERE, "dkimpy"), exist_ok=True)
    for name in DKIMPY_FILES:
        shutil.copyfile(os.path.join(dkimpy_data, name), os.path.join(HERE, "dkimpy", name))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
