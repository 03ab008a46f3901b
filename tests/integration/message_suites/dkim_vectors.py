#!/usr/bin/python3
"""DKIM test vectors of go-msgauth, dkimpy and OpenDKIM (tests/data/dkim-vectors) run
through `mwctl message check --json`, which is check_message(), against
unbound serving each test's key records (keys.json).

vectors.json gives, per DKIM-Signature from the top, the verdict the source
test asserts (pass, fail, or null when it asserts none) and what mailwarden
gives (`here`: result and reason), which must match exactly. A `here` that
contradicts the source's verdict must be marked `"difference": true` with a
`why`; docs/message-auth.md lists those.

Usage: dkim_vectors.py MWCTL RUN_WITH_UNBOUND VECTORS_DIR
(internally: dkim_vectors.py --check MWCTL CASES_JSON RESULTS_JSON, run by
run-with-unbound.sh for one key set)
"""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zones  # noqa: E402


def check(mwctl, cases_file, results_file):
    """Inside run-with-unbound.sh: checks each message of one key set."""
    with open(cases_file, encoding="utf-8") as f:
        cases = json.load(f)
    results = {}
    for vid, (path, now) in cases.items():
        status, report, stderr = zones.mwctl_check(mwctl, path, now)
        if report is None:
            results[vid] = {"error": "mwctl exited with %d: %s" % (status, stderr)}
        else:
            results[vid] = {"dkim": [[s["result"], s["reason"]] for s in report["dkim"]],
                            "not_utf8": bool(report.get("not_utf8"))}
    with open(results_file, "w", encoding="utf-8") as f:
        json.dump(results, f)
    return 0


def agrees(expected, here):
    if expected is None:
        return None
    return (here[0] == "pass") == (expected == "pass")


def main(mwctl, run_with_unbound, vectors_dir):
    mwctl = os.path.abspath(mwctl)
    vectors = []
    for name in ("vectors.json", "dkimpy-signed.json"):
        with open(os.path.join(vectors_dir, name), encoding="utf-8") as f:
            loaded = json.load(f)
        vectors += loaded["vectors"]
        if name == "vectors.json":
            differences = loaded["differences"]
            known_issues = loaded["known_issues"]
    with open(os.path.join(vectors_dir, "keys.json"), encoding="utf-8") as f:
        keysets = json.load(f)
    problems = []
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for keyset in sorted({v["keyset"] for v in vectors}):
            zone_dir = os.path.join(work, "zones-" + keyset)
            zones.write_zones(zone_dir, [(name, value) for name, values in keysets[keyset].items() for value in values])
            os.makedirs(zone_dir, exist_ok=True)
            cases_file = os.path.join(work, keyset + ".cases.json")
            results_file = os.path.join(work, keyset + ".results.json")
            with open(cases_file, "w", encoding="utf-8") as f:
                json.dump({v["id"]: [os.path.join(vectors_dir, v["file"]), v["now"]]
                           for v in vectors if v["keyset"] == keyset}, f)
            status = zones.run_with_unbound(
                run_with_unbound, zone_dir,
                [sys.executable, os.path.abspath(__file__), "--check", mwctl, cases_file, results_file])
            if status != 0:
                zones.fail("dkim vectors: key set %s: the check exited with %d" % (keyset, status))
            with open(results_file, encoding="utf-8") as f:
                results.update(json.load(f))

    # messages, verdicts that agree, verdicts that differ, signatures the source does not judge
    counts = {"go-msgauth": [0, 0, 0, 0], "dkimpy": [0, 0, 0, 0], "dkimpy-signed": [0, 0, 0, 0],
              "opendkim": [0, 0, 0, 0]}
    for v in vectors:
        source = v["id"].split("/")[0]
        counts[source][0] += 1
        got = results[v["id"]]
        if "error" in got:
            problems.append("%s: %s" % (v["id"], got["error"]))
            continue
        if got["not_utf8"] != (v["id"] in known_issues):
            problems.append("%s: %s" % (v["id"], "mwctl's JSON is not UTF-8" if got["not_utf8"] else
                                         "the known issue is gone: remove it from vectors.json"))
        if "here" not in v:  # a generated vector: a listed difference pins our result, else it is ours
            difference = differences.get(v["id"])
            if difference:
                v = dict(v, here=difference["here"], why=difference["why"], difference=True)
            else:
                v = dict(v, here=got["dkim"], why="dkimpy's verify() judges the first signature only")
        here = [list(h) for h in v["here"]]
        if got["dkim"] != here:
            problems.append("%s: expected %s, got %s" % (v["id"], here, got["dkim"]))
            continue
        if len(v["expected"]) != len(here):
            problems.append("%s: vectors.json gives %d verdicts for %d signatures" % (v["id"], len(v["expected"]), len(here)))
            continue
        marks = []
        for expected, h in zip(v["expected"], here):
            a = agrees(expected, h)
            if a is None:
                counts[source][3] += 1
                marks.append("%s (not asserted)" % "/".join(h))
                if "why" not in v:
                    problems.append("%s: a signature the source does not judge needs a why" % v["id"])
            elif a:
                counts[source][1] += 1
                marks.append("%s as the source says" % "/".join(h))
            else:
                counts[source][2] += 1
                marks.append("%s where the source says %s" % ("/".join(h), expected))
                if not v.get("difference") or "why" not in v:
                    problems.append("%s: %s differs from the source's %s and is not marked as a difference" % (
                        v["id"], "/".join(h), expected))
        if v.get("source_refuses"):  # the source's verifier returns an error for the message
            counts[source][2] += 1
            marks.append("the source refuses the message")
            if not v.get("difference") or "why" not in v:
                problems.append("%s: the source refuses it; not marked as a difference" % v["id"])
        print("%-34s %s" % (v["id"], "; ".join(marks) or "no signature, as the source says"), flush=True)
    for vid in sorted(set(differences) - {v["id"] for v in vectors}):
        problems.append("%s is listed in differences but is not a vector" % vid)
    for source, (messages, agree, differ, unasserted) in counts.items():
        print("%s: %d messages, %d verdicts as the source says, %d differ, %d signatures it does not judge" % (
            source, messages, agree, differ, unasserted))
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2], sys.argv[3], sys.argv[4]))
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
