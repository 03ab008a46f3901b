"""``address check``: one line per address, as ``mwctl address check`` prints it."""

from __future__ import annotations

import sys

from ..address import AddressResult, Flags, Verdict, check_addresses
from ..policy import AddressPolicy
from .common import usage_error

_FLAG_NOTES = ((Flags.ROLE, "role account"), (Flags.NOREPLY, "no-reply"),
               (Flags.SPECIAL_USE, "special-use domain"))


def register(commands) -> None:
    check = commands.add_parser("address", help="check email addresses").add_subparsers(
        dest="subcommand", required=True, metavar="SUBCOMMAND").add_parser(
        "check", help="check each address: syntax, IDNA, role and no-reply forms")
    check.add_argument("addresses", nargs="*", metavar="ADDR")
    check.add_argument("--file", help="also read addresses from FILE, one a line (- for standard input)")
    check.add_argument("--json", action="store_true", help="one JSON object per line")
    for flag, option in (("--allow-quoted", "allow_quoted_local"), ("--allow-literal", "allow_address_literal"),
                         ("--allow-special-use", "allow_special_use"), ("--reject-role", "reject_role"),
                         ("--reject-noreply", "reject_noreply")):
        check.add_argument(flag, dest=option, action="store_true")
    check.set_defaults(run=run)


def line(r: AddressResult) -> str:
    text = f"{r.verdict.name:<8} {r.input}"
    if r.verdict is Verdict.INVALID:
        return f"{text}  ({r.reason_id}: {r.message})"
    if r.normalized != r.input:
        text += f"  -> {r.normalized}"
    return text + "".join(f"  [{note}]" for flag, note in _FLAG_NOTES if r.flags & flag)


def _read(path: str) -> list[str]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")
    with stream:
        return [ln.rstrip("\n").removesuffix("\r") for ln in stream if ln.rstrip("\r\n")]


def run(args) -> int:
    addresses = list(args.addresses) + (_read(args.file) if args.file else [])
    if not addresses:
        return usage_error("no address given")
    options = {k: getattr(args, k) for k in ("allow_quoted_local", "allow_address_literal",
                                             "allow_special_use", "reject_role", "reject_noreply")}
    with AddressPolicy(**options) as policy:
        results = check_addresses(addresses, policy)
    for r in results:
        print(r.to_json() if args.json else line(r))
    return 1 if any(r.verdict is Verdict.INVALID for r in results) else 0
