"""The ABI check: the C ABI (every function's prototype, every enumerator's
value, the exported mw_* symbols of the built library) must equal the
snapshot recorded for the version in include/mailwarden/version.h. A change
of the ABI therefore needs a new version (before 1.0: a new minor version)
and a new snapshot: run with --update after bumping the version.

usage: check_abi.py INCLUDE_DIR LIBRARY SNAPSHOT_DIR [--update]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mw_header import declarations  # noqa: E402


def header_version(include_dir: str) -> tuple[int, int]:
    text = open(os.path.join(include_dir, "mailwarden", "version.h")).read()
    major = int(re.search(r"#define MW_VERSION_MAJOR (\d+)", text).group(1))
    minor = int(re.search(r"#define MW_VERSION_MINOR (\d+)", text).group(1))
    return major, minor


def exported_symbols(library: str) -> set[str]:
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    names = {line.split()[-1] for line in out.splitlines() if line.strip()}
    return {n for n in names if n.startswith("mw_")}


def snapshot_text(functions: dict[str, str], enums: dict[str, int]) -> str:
    lines = [f"function {name} {functions[name]}" for name in sorted(functions)]
    lines += [f"enumerator {name} = {enums[name]}" for name in sorted(enums)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5) or (len(argv) == 5 and argv[4] != "--update"):
        print(__doc__, file=sys.stderr)
        return 2
    include_dir, library, snapshot_dir = argv[1:4]
    functions, enums = declarations(include_dir)
    failures = 0

    symbols = exported_symbols(library)
    callable_names = {n for n, t in functions.items() if "(*)" not in t}
    for name in sorted(callable_names - symbols):
        print(f"declared but not exported by {library}: {name}")
        failures += 1
    for name in sorted(symbols - callable_names):
        print(f"exported but not declared in the header: {name}")
        failures += 1

    major, minor = header_version(include_dir)
    snapshot = os.path.join(snapshot_dir, f"mailwarden-{major}.{minor}.abi")
    current = snapshot_text(functions, enums)
    if len(argv) == 5:
        with open(snapshot, "w") as f:
            f.write(current)
        print(f"recorded {snapshot}: {len(functions)} functions, {len(enums)} enumerators")
        return 1 if failures else 0
    if not os.path.exists(snapshot):
        print(f"no ABI snapshot for version {major}.{minor}: after bumping the version, "
              f"record it with: {' '.join(argv[:4])} --update")
        return 1
    recorded = open(snapshot).read()
    if recorded != current:
        old, new = set(recorded.splitlines()), set(current.splitlines())
        for line in sorted(old - new):
            print(f"- {line}")
        for line in sorted(new - old):
            print(f"+ {line}")
        print(f"the C ABI differs from the snapshot of version {major}.{minor} ({snapshot}): "
              "a changed ABI needs a new version (MW_VERSION_* in include/mailwarden/version.h) "
              "and a new snapshot (--update)")
        failures += 1
    print(f"{len(functions)} functions, {len(enums)} enumerators, {len(symbols)} symbols checked")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
