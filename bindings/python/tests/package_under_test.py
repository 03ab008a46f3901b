"""The package the tests run against: this tree's, or, with MW_TEST_INSTALLED
set, the one installed in the running interpreter (a wheel's, as
tests/install/run_wheel_test.sh does)."""

import os

INSTALLED = bool(os.environ.get("MW_TEST_INSTALLED"))
TREE_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def child_env(**env):
    """Environment for a child interpreter that imports the same package."""
    full = dict(os.environ, **env)
    if not INSTALLED:
        full["PYTHONPATH"] = TREE_PACKAGE_ROOT
    return full
