"""``python -m mailwarden``: the address, sender and domain checks of mwctl's
simplest commands, with the same output and exit status (0 success, 1 not
valid / not passing / failed, 2 usage error)."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from ..errors import LibraryNotFoundError, MailwardenError
from . import address, domain, sender
from .common import PROG


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=PROG, description="The address, sender and domain checks of mwctl's simplest commands.",
        epilog="exit status: 0 success, 1 not valid / not passing / failed, 2 usage error")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (address, sender, domain):
        module.register(commands)
    return top


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (MailwardenError, LibraryNotFoundError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
