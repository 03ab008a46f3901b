#!/usr/bin/env python3
"""Runs `go test -json` and reports every test, so a skip is as visible as a
failure: the tests' output as `go test -v` would print it, then one line per
skipped or failed test and the counts. Exits non-zero when go test does, when
a test failed, or, with MW_REQUIRE_PEERS set (scripts/test), when any test was
skipped.

Usage: go_test.py GO_COMMAND... -- GO_TEST_ARGS...
  e.g. go_test.py /usr/local/go/bin/go -- -count=1 ./...
GO_COMMAND may be a wrapper (cmake -E env LD_PRELOAD=... go).
"""
import json
import os
import subprocess
import sys


def main():
    args = sys.argv[1:]
    split = args.index("--")
    go, test_args = args[:split], args[split + 1:]
    process = subprocess.Popen(go + ["test", "-json"] + test_args, stdout=subprocess.PIPE, text=True)
    results = {}  # (package, test) -> pass | fail | skip
    for line in process.stdout:
        try:
            event = json.loads(line)
        except ValueError:
            sys.stdout.write(line)  # not an event (build output before the stream starts)
            continue
        if event.get("Action") == "output":
            sys.stdout.write(event.get("Output", ""))
        elif event.get("Action") in ("pass", "fail", "skip") and event.get("Test"):
            results[(event["Package"], event["Test"])] = event["Action"]
    status = process.wait()

    counts = {action: sum(1 for a in results.values() if a == action) for action in ("pass", "fail", "skip")}
    for (package, test), action in sorted(results.items()):
        if action != "pass":
            print("%s: %s %s" % (action.upper(), package, test))
    print("go test: %d passed, %d failed, %d skipped" % (counts["pass"], counts["fail"], counts["skip"]))
    if counts["skip"] and os.environ.get("MW_REQUIRE_PEERS"):
        print("go test: MW_REQUIRE_PEERS is set: a skipped test is a failure", file=sys.stderr)
        return 1
    if not results:
        print("go test: no test ran", file=sys.stderr)
        return 1
    return 1 if status != 0 or counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
