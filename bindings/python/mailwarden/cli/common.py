"""What the commands share: the program name, usage errors, mwctl's defaults
for where the store lives and what time it is."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from typing import Optional

PROG = "python -m mailwarden"
EXIT_USAGE = 2


def usage_error(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_USAGE


def home_dir() -> str:
    """$MAILWARDEN_HOME, else $XDG_DATA_HOME/mailwarden, else ~/.local/share/mailwarden (as mwctl)."""
    if os.environ.get("MAILWARDEN_HOME"):
        return os.environ["MAILWARDEN_HOME"]
    if os.environ.get("XDG_DATA_HOME"):
        return os.path.join(os.environ["XDG_DATA_HOME"], "mailwarden")
    return os.path.join(os.path.expanduser("~"), ".local", "share", "mailwarden")


def pinned_now() -> Optional[datetime]:
    """MAILWARDEN_NOW ("2026-11-26T12:00:00Z") pins the clock, as for mwctl; None otherwise."""
    now = os.environ.get("MAILWARDEN_NOW")
    if not now:
        return None
    return datetime.strptime(now, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def rfc3339(t: Optional[datetime]) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t is not None else "-"
