"""``sender add|list|show|confirm``: sender channels on the local transport,
printed as mwctl's sender commands print them."""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..registry import Registry
from ..sender import Sender, SenderState
from .common import home_dir, pinned_now, rfc3339


def register(commands) -> None:
    channel = argparse.ArgumentParser(add_help=False)
    channel.add_argument("--store", help="the SQLite file or a PostgreSQL URL (default $MAILWARDEN_STORE, else $MAILWARDEN_HOME/senders.db)")
    channel.add_argument("--outbox", help="the local transport's outbox (default $MAILWARDEN_HOME/outbox)")
    channel.add_argument("--account", help='customer account (default "default")')
    channel.add_argument("--allow-special-use", action="store_true", help="accept .test, example.com ... senders")
    channel.add_argument("--json", action="store_true", help="JSON output")
    subs = commands.add_parser("sender", help="sender channels: add, list, show, confirm").add_subparsers(
        dest="subcommand", required=True, metavar="SUBCOMMAND")
    add = subs.add_parser("add", parents=[channel], help="add a sender: Pending, a verification mail sent")
    add.add_argument("email")
    add.add_argument("--alias", default="")
    listing = subs.add_parser("list", parents=[channel], help="the senders, optionally of one status")
    listing.add_argument("--status", choices=["pending", "success", "failed"])
    subs.add_parser("show", parents=[channel], help="one sender's details").add_argument("email")
    subs.add_parser("confirm", parents=[channel], help="click a verification link").add_argument("link")
    for name, parser in subs.choices.items():
        parser.set_defaults(run=globals()["_" + name])


def _open(args) -> Registry:
    home = home_dir()
    return Registry(store_path=args.store or os.environ.get("MAILWARDEN_STORE") or os.path.join(home, "senders.db"),
                    outbox=args.outbox or os.path.join(home, "outbox"),
                    default_account=args.account, allow_special_use=args.allow_special_use,
                    manual_clock=pinned_now())


def _table(senders: list[Sender]) -> None:
    print(f"{'TYPE':<7}{'ADDRESS':<34}{'ALIAS':<22}STATUS")
    for s in senders:
        print(f"{s.type:<7}{s.address:<34}{s.alias:<22}{s.state.label}")


_DETAILS = (("Type", "type"), ("Address", "address"), ("Alias", "alias"), ("Status", "status"),
            ("Account", "account"), ("Added", "created_at"), ("Link sent", "requested_at"),
            ("Link expires", "expires_at"), ("Verified", "verified_at"), ("Failed", "failed_at"),
            ("Last checked", "last_checked_at"))


def _details(s: Sender) -> None:
    doc = json.loads(s.to_json(with_history=True))  # the history is in the JSON form only
    print("Sender Details")
    for label, key in _DETAILS:
        print(f"  {label + ':':<17}{'-' if doc[key] is None else doc[key]}")
    if doc["failure_reason"]:
        print(f"  {'Failure reason:':<17}{doc['failure_reason']}")
    for w in doc["warnings"]:
        print(f"  {'Warning:':<17}{w}")
    print("  History:")
    for h in doc["history"]:
        reason = f": {h['reason']}" if h["reason"] else ""
        print(f"    {h['at']}  {h['from'] or '-'} -> {h['to']}  ({h['event']}{reason})")


def _add(args) -> int:
    with _open(args) as registry:
        s = registry.add(args.email, alias=args.alias)
    if args.json:
        print(s.to_json())
        return 0
    _table([s])
    for w in s.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"A verification mail was sent to {s.address}; the link is valid until {rfc3339(s.expires_at)}.",
          file=sys.stderr)
    return 0


def _list(args) -> int:
    with _open(args) as registry:
        senders = registry.list(SenderState[args.status.upper()] if args.status else None)
    if args.json:
        print("[" + ",".join(s.to_json() for s in senders) + "]")
    else:
        _table(senders)
    return 0


def _show(args) -> int:
    with _open(args) as registry:
        s = registry.get(args.email)
    if args.json:
        print(s.to_json(with_history=True))
    else:
        _details(s)
    return 0


def _confirm(args) -> int:
    with _open(args) as registry:
        print(registry.confirm(args.link))
    return 0
