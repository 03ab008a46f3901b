"""The C header as data, for the tests that hold the binding to it: the
source tree's one reader of include/mailwarden.h (tests/abi/mw_header.py),
found from this file (../../../). Outside the source tree, or without gcc or
pycparser, the tests that need it skip, saying why.
"""

import functools
import importlib
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
INCLUDE_DIR = os.path.join(SOURCE_ROOT, "include")
HEADER = os.path.join(INCLUDE_DIR, "mailwarden.h")
C_API_DOC = os.path.join(SOURCE_ROOT, "docs", "c-api.md")


@functools.lru_cache(maxsize=None)
def header():
    """The parsed header; skips the calling test when it cannot be had."""
    if not os.path.exists(HEADER):
        pytest.skip(f"{HEADER} not found: not in the mailwarden source tree")
    pytest.importorskip("pycparser")
    sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "abi"))
    try:
        reader = importlib.import_module("mw_header")
    finally:
        sys.path.pop(0)
    return reader.parse(INCLUDE_DIR)
