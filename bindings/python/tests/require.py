"""What a test needs from outside the package: a peer started by a script
(its address in an environment variable) or a file of the source tree.
When it is missing the test is skipped if run by hand, and fails when
MW_REQUIRE_PEERS is set (scripts/test sets it), so a peer that did not start
can never pass as a skip."""

import os

import pytest


def missing(reason):
    if os.environ.get("MW_REQUIRE_PEERS"):
        pytest.fail(f"MW_REQUIRE_PEERS is set and {reason}", pytrace=False)
    pytest.skip(reason)


def peer_env(name, how):
    """The value of the peer's variable, set by the script named in how."""
    value = os.environ.get(name)
    if not value:
        missing(f"{name} is unset: run through {how} (ctest does)")
    return value
