#!/usr/bin/env python3
"""Email as a channel, end to end, from Python: add a sender, verify it
through the link in its verification mail, send from it, and watch an
unclicked link expire after 24 hours. Runs offline on the local transport
with a manual clock, in a temporary folder (or the folder given).

    MAILWARDEN_LIBRARY=build/dev/libmailwarden.so \
    PYTHONPATH=bindings/python python3 examples/python/sender_channel.py
"""

import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import mailwarden
from mailwarden import NotVerifiedError, Registry


def main(folder: Path) -> None:
    start = datetime(2026, 9, 21, 12, 0, tzinfo=timezone.utc)
    with Registry(store_path=folder / "senders.db", outbox=folder / "outbox",
                  manual_clock=start) as registry:
        registry.subscribe(lambda s, old, new: print(
            f"  [{s.address}: {old.label if old is not None else 'new'} -> {new.label}]"))

        sender = registry.add("jane@iana.org", alias="Jane Doe")
        print(f"added {sender.address}: {sender.state.label} until {sender.expires_at:%Y-%m-%d %H:%M} UTC")
        try:
            registry.send("jane@iana.org", "reader@iana.org", "Welcome", text="Hello")
        except NotVerifiedError as exc:
            print(f"sending refused: {exc.message}")

        registry.advance_clock(timedelta(hours=1))  # Jane opens the mail an hour later
        print(registry.confirm(registry.last_link("jane@iana.org")))
        message_id = registry.send("jane@iana.org", ["reader@iana.org"], "Welcome", text="Hello")
        print(f"sent message {message_id}")

        registry.add("bob@iana.org")
        registry.advance_clock(timedelta(hours=24))
        for s in registry.list():
            print(f"{s.address:15} {s.state.label:8} {s.failure_reason}")
    print(f"library {mailwarden.version()}; mails in {folder / 'outbox' / 'new'}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory(prefix="mailwarden-") as tmp:
            main(Path(tmp))
