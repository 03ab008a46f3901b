"""Locating the library and declaring its functions."""

import os
import re
import subprocess
import sys

from mailwarden import _lib

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)
HEADER = os.path.join(PKG_ROOT, "..", "..", "capi", "mailwarden.h")


def test_every_header_function_is_declared(cdll):
    if os.path.exists(HEADER):
        with open(HEADER, encoding="utf-8") as f:
            declared = set(re.findall(r"^MW_API\b[^(]*?\b(mw_\w+)\s*\(", f.read(), re.M))
        assert declared == set(_lib._PROTOTYPES)
    for name in _lib._PROTOTYPES:
        assert getattr(cdll, name).argtypes is not None, name


def _run(code, **env):
    full_env = dict(os.environ, PYTHONPATH=PKG_ROOT, **env)
    return subprocess.run([sys.executable, "-c", code], env=full_env,
                          capture_output=True, text=True, timeout=60)


def test_env_var_with_bad_path_is_a_clear_error():
    code = (
        "import mailwarden\n"
        "try:\n"
        "    mailwarden.version()\n"
        "except mailwarden.LibraryNotFoundError as e:\n"
        "    print('LNF', e)\n"
    )
    proc = _run(code, MAILWARDEN_LIBRARY="/nonexistent/libmailwarden.so")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("LNF")
    assert "/nonexistent/libmailwarden.so" in proc.stdout


def test_env_var_path_is_used(cdll):
    proc = _run("from mailwarden import _lib, version; version(); print(_lib.path())",
                MAILWARDEN_LIBRARY=cdll._name)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == cdll._name
