"""Zone files for unbound (tests/peers/unbound/run-with-unbound.sh) from a
suite's TXT records, and the run of a command next to it.

Each name goes into the zone of its last two labels (example.org for
dummy._domainkey.example.org); a record longer than 255 bytes is split into
character-strings, as a TXT record carries it (RFC 6376 3.6.2.2), and the
resolver joins them again.
"""

import os
import subprocess
import sys


def _quoted(value):
    """A TXT record's value as zone-file character-strings of at most 255 bytes."""
    data = value.encode("utf-8")
    pieces = [data[i:i + 255] for i in range(0, len(data), 255)] or [b""]
    out = []
    for piece in pieces:
        text = ""
        for byte in piece:
            if byte in (0x22, 0x5C):  # " and \ are escaped
                text += "\\" + chr(byte)
            elif 0x20 <= byte < 0x7F:
                text += chr(byte)
            else:  # anything else as \DDD
                text += "\\%03d" % byte
        out.append('"%s"' % text)
    return " ".join(out)


def write_zones(directory, records):
    """records: (name, value) pairs, a name may repeat (several TXT records)."""
    zones = {}
    for name, value in records:
        name = name.rstrip(".").lower()
        origin = ".".join(name.split(".")[-2:])
        zones.setdefault(origin, []).append((name, value))
    os.makedirs(directory, exist_ok=True)
    for origin, entries in sorted(zones.items()):
        with open(os.path.join(directory, origin + ".zone"), "w", encoding="ascii") as f:
            f.write("$ORIGIN %s.\n$TTL 300\n" % origin)
            f.write("@ IN SOA ns.%s. hostmaster.%s. 1 3600 600 86400 60\n" % (origin, origin))
            f.write("@ IN NS ns.%s.\nns IN A 127.0.0.1\n" % origin)
            for name, value in entries:
                f.write("%s. IN TXT %s\n" % (name, _quoted(value)))


def run_with_unbound(run_with_unbound_script, zone_dir, command):
    """Runs `command` with unbound serving zone_dir (MW_TEST_DNS in its
    environment); returns its exit status."""
    return subprocess.run([run_with_unbound_script, zone_dir, "--"] + command,
                          stdin=subprocess.DEVNULL, check=False).returncode


def mwctl_check(mwctl, message_file, now, extra_env=None):
    """`mwctl message check FILE --json --dns $MW_TEST_DNS` at the pinned time:
    (exit status, parsed JSON or None, stderr)."""
    import json
    env = dict(os.environ, MAILWARDEN_NOW=now)
    if extra_env:
        env.update(extra_env)
    proc = subprocess.run([mwctl, "message", "check", message_file, "--json", "--dns", os.environ["MW_TEST_DNS"]],
                          capture_output=True, env=env, check=False)
    report = None
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    # Under the sanitizers a finding exits 1 like a DMARC failure: look for it.
    if "Sanitizer" in stderr or "runtime error:" in stderr:
        return proc.returncode, None, stderr
    if proc.returncode in (0, 1):
        try:
            report = json.loads(proc.stdout.decode("utf-8"))
        except UnicodeDecodeError:
            # JSON must be UTF-8 (RFC 8259 8.1); read it anyway, and say so.
            report = json.loads(proc.stdout.decode("utf-8", "surrogateescape"))
            report["not_utf8"] = True
        except ValueError:
            report = None
    return proc.returncode, report, stderr


def fail(text):
    print(text, file=sys.stderr)
    sys.exit(1)
