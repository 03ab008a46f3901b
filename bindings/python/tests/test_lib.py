"""Locating the library and declaring its functions."""

import os
import shutil
import subprocess
import sys

import pytest

from mailwarden import _lib
from package_under_test import child_env



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
    return subprocess.run([sys.executable, "-c", code], env=child_env(**env),
                          capture_output=True, text=True, timeout=60)


def _package_with_bundled_library(cdll, tmp_path):
    """A copy of the package with the library beside it, as a wheel installs it."""
    package = os.path.dirname(os.path.abspath(_lib.__file__))
    copy = tmp_path / "mailwarden"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "libmailwarden.so*"))
    shutil.copy(cdll._name, copy / _lib._SONAME)
    return copy


def test_the_bundled_library_is_found_first(cdll, tmp_path):
    copy = _package_with_bundled_library(cdll, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != _lib.ENV_VAR}
    env["PYTHONPATH"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-c", "from mailwarden import _lib; print(_lib.path())"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(copy / _lib._SONAME)


def test_the_env_var_overrides_the_bundled_library(cdll, tmp_path):
    _package_with_bundled_library(cdll, tmp_path)
    proc = subprocess.run([sys.executable, "-c", "from mailwarden import _lib; print(_lib.path())"],
                          env=dict(os.environ, PYTHONPATH=str(tmp_path), MAILWARDEN_LIBRARY=cdll._name),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == cdll._name


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
