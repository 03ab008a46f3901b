"""Locating the library and declaring its functions."""

import os
import subprocess
import sys

import pytest

from mailwarden import _lib

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)


def test_every_prototype_is_declared(cdll):
    # tests/test_prototypes.py checks each one against the header.
    for name in _lib._PROTOTYPES:
        assert getattr(cdll, name).argtypes is not None, name


def test_the_loaded_library_serves_the_binding(cdll):
    import mailwarden

    assert mailwarden.version_compatible(*_lib.TARGET_VERSION)
    major, minor = _lib.TARGET_VERSION
    assert not mailwarden.version_compatible(major + 1, minor)
    assert mailwarden.version().startswith("%d.%d." % (major, minor))
    assert mailwarden.version_number() // 100 == major * 100 + minor


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


@pytest.mark.parametrize("target", [(0, 1), (1, 0), (0, 99)])
def test_a_library_of_another_abi_is_refused_clearly(cdll, target):
    code = (
        "import mailwarden\n"
        "from mailwarden import _lib\n"
        f"_lib.TARGET_VERSION = {target!r}\n"
        "try:\n"
        "    mailwarden.version()\n"
        "except mailwarden.IncompatibleLibraryError as e:\n"
        "    print('INCOMPATIBLE', e)\n"
    )
    proc = _run(code, MAILWARDEN_LIBRARY=cdll._name)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("INCOMPATIBLE"), proc.stdout
    assert "%d.%d ABI" % target in proc.stdout
    assert cdll.mw_version().decode() in proc.stdout
