"""Test setup: import the package from this tree (or the installed one, see
package_under_test.py) and require the library.

Set MAILWARDEN_LIBRARY to the full path of libmailwarden.so. The tests are
skipped only when that variable is unset and no library can be found; when
it is set, a library that fails to load is an error.

With MW_REQUIRE_PEERS set (scripts/test), a run in which any test was
skipped fails: whatever was missing, nothing passes by not running.
"""

import os
import sys

import pytest

from package_under_test import INSTALLED, TREE_PACKAGE_ROOT  # noqa: E402

if not INSTALLED:
    sys.path.insert(0, TREE_PACKAGE_ROOT)

from mailwarden import _lib  # noqa: E402
from mailwarden.errors import LibraryNotFoundError  # noqa: E402
from require import missing  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def cdll():
    """The loaded library (skips the run only if none can be located)."""
    try:
        return _lib.lib()
    except LibraryNotFoundError as exc:
        if os.environ.get(_lib.ENV_VAR):
            pytest.fail(f"{_lib.ENV_VAR} is set but the library does not load: {exc}")
        missing(f"libmailwarden not found; set {_lib.ENV_VAR} to its full path ({exc})")


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and os.environ.get("MW_REQUIRE_PEERS") and exitstatus == pytest.ExitCode.OK:
        print(f"\nMW_REQUIRE_PEERS is set and {len(_skipped)} test(s) were skipped: {', '.join(_skipped)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
