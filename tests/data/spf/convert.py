#!/usr/bin/python3
"""Converts the SPF test suites shipped by Debian's python3-spf from YAML to
JSON, so the C++ tests need no YAML parser. The content is kept as it is:
a list of scenarios, each {description, tests: {name: {...}}, zonedata:
{name: [records]}}, keys and list order preserved. Run with /usr/bin/python3
(python3-yaml is a dependency of python3-spf):

    tests/data/spf/convert.py [SOURCE_DIR] [OUTPUT_DIR]

SOURCE_DIR defaults to /usr/share/doc/python3-spf, OUTPUT_DIR to this folder.
"""
import gzip
import hashlib
import json
import os
import sys

import yaml

SUITES = ("rfc7208-tests", "rfc4408-tests")


def convert(source, output):
    with gzip.open(source, "rb") as f:
        raw = f.read()
    scenarios = list(yaml.safe_load_all(raw))
    with open(output, "w", encoding="ascii") as f:
        # ASCII with \u escapes: the suites hold control and non-ASCII
        # characters on purpose.
        json.dump(scenarios, f, indent=1, ensure_ascii=True)
        f.write("\n")
    tests = sum(len(s["tests"]) for s in scenarios)
    print(f"{os.path.basename(output)}: {len(scenarios)} scenarios, {tests} tests "
          f"(source sha256 of uncompressed YAML {hashlib.sha256(raw).hexdigest()})")


def main():
    source_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/doc/python3-spf"
    output_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    for name in SUITES:
        convert(os.path.join(source_dir, name + ".yml.gz"), os.path.join(output_dir, name + ".json"))


if __name__ == "__main__":
    main()
