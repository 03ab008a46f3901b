"""pyspf (Debian python3-spf) over the RFC 7208 test suite's policies, the
same workload as bench_spf: every test's (client, sender, HELO) checked with
spf.check2 against its scenario's zone, served from memory by replacing
spf.DNSLookup (the hook pyspf's own test driver uses). Zone semantics as in
tests/unit/spf/spf_suite.hpp. Run with /usr/bin/python3.

    peers_pyspf.py SUITE_JSON [SECONDS] [ROUNDS]
"""
import json
import socket
import sys
import time

import spf


def build_zone(zonedata):
    """name -> list of (type, value) or 'TIMEOUT', SPF duplicated as TXT."""
    zone = {}
    for name, entries in zonedata.items():
        records, generated, has_txt = [], [], False
        for entry in entries:
            if entry == "TIMEOUT":
                records.append("TIMEOUT")
                continue
            (rtype, value), = entry.items()
            if rtype in ("TXT", "SPF"):
                value = (value,) if isinstance(value, str) else tuple(value)
                if value == ("NONE",):
                    has_txt = has_txt or rtype == "TXT"
                    continue
                value = tuple(s.encode("utf-8") for s in value)
                if rtype == "TXT":
                    has_txt = True
                else:
                    generated.append(("TXT", value))
            elif rtype == "AAAA":
                value = socket.inet_pton(socket.AF_INET6, value)
            elif rtype == "MX":
                value = (value[0], value[1].rstrip("."))
            elif rtype in ("PTR", "CNAME"):
                value = value.rstrip(".")
            records.append((rtype, value))
        if not has_txt:
            records.extend(generated)
        zone[name.lower().rstrip(".")] = records
    return zone


class ZoneLookup:
    """A replacement for spf.DNSLookup answering from one zone."""

    def __init__(self):
        self.zone = {}

    def __call__(self, name, qtype, strict=True, timeout=None):
        name = name.rstrip(".")
        for label in name.split("."):
            if len(label) > 63:
                raise spf.TempError("DNS label too long")
        records = self.zone.get(name.lower())
        if records is None:
            if name.lower().startswith("error."):
                raise spf.TempError("DNS timeout")
            return []
        answers, seen = [], False
        for record in records:
            if record == "TIMEOUT":
                if not seen:
                    raise spf.TempError("DNS timeout")
                break
            rtype, value = record
            if rtype == qtype:
                seen = True
            answers.append(((name, rtype), value))
        return answers


def main(path, seconds=1.0, rounds=5):
    with open(path, encoding="ascii") as f:
        scenarios = json.load(f)
    lookup = ZoneLookup()
    spf.DNSLookup = lookup
    cases = []
    for scenario in scenarios:
        zone = build_zone(scenario["zonedata"])
        for name, t in scenario["tests"].items():
            expected = t["result"] if isinstance(t["result"], list) else [t["result"]]
            cases.append((zone, t["host"], t["mailfrom"], t["helo"], expected))

    matches = 0
    counts = {}
    for zone, ip, sender, helo, expected in cases:
        lookup.zone = zone
        result, _ = spf.check2(i=ip, s=sender, h=helo)
        counts[result] = counts.get(result, 0) + 1
        matches += result in expected
    best = 0.0
    for _ in range(rounds):
        n = 0
        start = time.perf_counter()
        while True:
            for zone, ip, sender, helo, _ in cases:
                lookup.zone = zone
                spf.check2(i=ip, s=sender, h=helo)
            n += len(cases)
            took = time.perf_counter() - start
            if took >= seconds:
                break
        best = max(best, n / took)
    summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"pyspf {spf.__version__} check2\t{len(cases)} tests\t{matches} with an expected result\t{summary}")
    print(f"pyspf {spf.__version__} check2\t{best:.0f} evaluations/s (best of {rounds})")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0,
         int(sys.argv[3]) if len(sys.argv) > 3 else 5)
