"""Version of the loaded library."""

from __future__ import annotations

from ._lib import lib


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return lib().mw_version().decode("ascii")


def version_number() -> int:
    """The loaded library's version as MAJOR*10000 + MINOR*100 + PATCH."""
    return int(lib().mw_version_number())


def version_compatible(major: int, minor: int) -> bool:
    """True when the loaded library can serve a program written for ABI ``major.minor``."""
    return bool(lib().mw_version_compatible(int(major), int(minor)))
