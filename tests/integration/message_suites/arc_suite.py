#!/usr/bin/python3
"""The ARC validation suite (tests/data/arc, ValiMail's arc_test_suite) run
through `mwctl message check --json`, which is check_message(), against
unbound serving each scenario's TXT records.

Every test of every scenario is run; its chain validation status must be the
suite's cv, or, for the cases in DIFFERENCES, what RFC 8617 asks (the
suite's reason is in docs/message-auth.md). A listed case that starts to
agree with the suite fails the run too, so the list stays true.

Usage: arc_suite.py MWCTL RUN_WITH_UNBOUND SUITE_YAML
(internally: arc_suite.py --check MWCTL CASES_JSON RESULTS_JSON, run by
run-with-unbound.sh for one scenario)
"""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zones  # noqa: E402

# The suite gives no time; its signatures carry t=12345 and so on (1970) and
# no x=. The clock is pinned at the day the validation file last changed.
NOW = "2018-11-10T00:00:00Z"

# test id: (status, reason, why). status "error" means check_message refuses
# the input (mwctl exit 2) with `reason` in its message.
DIFFERENCES = {
    "cv_empty": ("error", "the message is empty",
                 "check_message() refuses an empty message (invalid_argument): there is no message to report on"),
    "cv_fail_i1_as_cv_fail": ("fail", "cv_fail",
                              "the suite gives no cv; RFC 8617 5.2 step 2: the newest seal says cv=fail, the chain fails"),
    "cv_fail_i2_as2_fail": ("fail", "cv_fail",
                            "the suite gives no cv; RFC 8617 5.2 step 2: the newest seal says cv=fail, the chain fails"),
    "cv_fail_i2_as1_fail": ("fail", "structure_cv",
                            "the suite gives no cv; RFC 8617 5.2 step 3 and 4.1.3: the seal of i=1 must say cv=none"),
    "ams_fields_c_na": ("fail", "ams_fail",
                        "an AMS without c= is simple/simple (RFC 8617 4.1.2 takes DKIM's semantics, RFC 6376 3.5); "
                        "the suite signed it relaxed/relaxed, which dkimpy assumes for ARC"),
    "ams_fields_h_empty": ("fail", "ams_fail",
                           "an empty h= is no hdr-name list and leaves From unsigned (RFC 6376 3.5, 6.1.1: PERMFAIL)"),
    "ams_fields_h_mis_hdr": ("fail", "ams_fail",
                             "h= with an empty name (to::date) breaks RFC 6376 3.5's hdr-name (1*ftext)"),
}

SUITE_CV = {"none": "none", "pass": "pass", "fail": "fail", "": None}


def check(mwctl, cases_file, results_file):
    """Inside run-with-unbound.sh: checks each message of one scenario."""
    with open(cases_file, encoding="utf-8") as f:
        cases = json.load(f)
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for tid, message in cases.items():
            path = os.path.join(work, tid + ".eml")
            with open(path, "wb") as f:
                f.write(message.encode("utf-8"))
            status, report, stderr = zones.mwctl_check(mwctl, path, NOW)
            if report is None:
                results[tid] = {"status": "error", "reason": stderr, "exit": status}
            else:
                results[tid] = {"status": report["arc"]["result"], "reason": report["arc"]["reason"], "exit": status}
                if report.get("not_utf8"):
                    results[tid] = {"status": "error", "reason": "the JSON is not UTF-8", "exit": status}
    with open(results_file, "w", encoding="utf-8") as f:
        json.dump(results, f)
    return 0


def main(mwctl, run_with_unbound, suite_yaml):
    mwctl = os.path.abspath(mwctl)
    import yaml
    with open(suite_yaml, "rb") as f:
        scenarios = list(yaml.safe_load_all(f))
    seen = set()
    total = agree = differ = 0
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for index, scenario in enumerate(scenarios):
            tests = scenario["tests"]
            for tid in tests:
                if tid in seen:
                    zones.fail("arc suite: test id %s appears twice" % tid)
                seen.add(tid)
            zone_dir = os.path.join(work, "zones-%d" % index)
            zones.write_zones(zone_dir, list(scenario.get("txt-records", {}).items()))
            cases_file = os.path.join(work, "cases-%d.json" % index)
            results_file = os.path.join(work, "results-%d.json" % index)
            with open(cases_file, "w", encoding="utf-8") as f:
                json.dump({tid: t["message"] for tid, t in tests.items()}, f)
            status = zones.run_with_unbound(
                run_with_unbound, zone_dir,
                [sys.executable, os.path.abspath(__file__), "--check", mwctl, cases_file, results_file])
            if status != 0:
                zones.fail("arc suite: scenario %r: the check exited with %d" % (scenario["description"], status))
            with open(results_file, encoding="utf-8") as f:
                results = json.load(f)
            s_agree = s_differ = 0
            for tid, test in tests.items():
                total += 1
                got = results[tid]
                expected = SUITE_CV[str(test.get("cv") or "").strip().lower()]
                if tid in DIFFERENCES:
                    want_status, want_reason, _ = DIFFERENCES[tid]
                    if got["status"] == want_status and want_reason in got["reason"]:
                        differ += 1
                        s_differ += 1
                    else:
                        problems.append("%s (%s): expected %s (%s) where the suite says %r, got %s (%s)" % (
                            tid, test["description"], want_status, want_reason, test.get("cv"), got["status"], got["reason"]))
                    continue
                if expected is None:
                    problems.append("%s: the suite gives no cv and the case is not listed" % tid)
                elif got["status"] == expected:
                    agree += 1
                    s_agree += 1
                else:
                    problems.append("%s (%s): the suite says %s, got %s (%s)" % (
                        tid, test["description"], expected, got["status"], got["reason"]))
            print("%-30s %3d tests: %3d as the suite says, %d listed differences" % (
                scenario["description"].strip(), len(tests), s_agree, s_differ), flush=True)
    unused = set(DIFFERENCES) - seen
    for tid in sorted(unused):
        problems.append("%s is listed in DIFFERENCES but is not in the suite" % tid)
    print("ARC validation suite: %d tests, %d as the suite says, %d listed differences, %d problems" % (
        total, agree, differ, len(problems)))
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
