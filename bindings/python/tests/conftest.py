"""Test setup: import the package from this tree and require the library.

Set MAILWARDEN_LIBRARY to the full path of libmailwarden.so. The tests are
skipped only when that variable is unset and no library can be found; when
it is set, a library that fails to load is an error.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mailwarden import _lib  # noqa: E402
from mailwarden.errors import LibraryNotFoundError  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def cdll():
    """The loaded library (skips the run only if none can be located)."""
    try:
        return _lib.lib()
    except LibraryNotFoundError as exc:
        if os.environ.get(_lib.ENV_VAR):
            pytest.fail(f"{_lib.ENV_VAR} is set but the library does not load: {exc}")
        pytest.skip(f"libmailwarden not found; set {_lib.ENV_VAR} to its full path ({exc})")
