"""pyspf (Debian python3-spf) over a local DNS server: the cases of
gen_spf_policies.py checked with spf.query(...).check(), DNS through
dnspython (which pyspf prefers) pointed at MW_TEST_DNS. Two modes: with
dnspython's LRU cache warm (as bench_spf_dns runs with its cache on) and
with no client cache (every query reaches the server). Run with
/usr/bin/python3.

    peers_pyspf_dns.py CASES_JSON [SECONDS] [ROUNDS]
"""
import json
import os
import sys
import time
import warnings

import dns.resolver
import spf


def main(path, seconds=2.0, rounds=3):
    warnings.simplefilter("ignore", DeprecationWarning)
    host, port = os.environ["MW_TEST_DNS"].rsplit(":", 1)
    with open(path, encoding="ascii") as f:
        cases = json.load(f)
    for mode in ("cache warm", "no client cache"):
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [host]
        resolver.port = int(port)
        resolver.cache = dns.resolver.LRUCache(100000) if mode == "cache warm" else None
        dns.resolver.default_resolver = resolver
        results = {}
        for c in cases:  # warm-up, and the result counts
            r = spf.query(i=c["ip"], s=c["sender"], h=c["helo"], querytime=20).check()[0]
            results[r] = results.get(r, 0) + 1
        print(f"pyspf {spf.__version__} ({mode}): results: " + ", ".join(f"{k} {v}" for k, v in sorted(results.items())))
        rates = []
        for round_ in range(rounds):
            checks = 0
            start = time.monotonic()
            while True:
                for c in cases:
                    spf.query(i=c["ip"], s=c["sender"], h=c["helo"], querytime=20).check()
                checks += len(cases)
                elapsed = time.monotonic() - start
                if elapsed >= seconds:
                    break
            rates.append(checks / elapsed)
            print(f"pyspf {spf.__version__} + dnspython {dns.version.version} ({mode}): round {round_ + 1}: "
                  f"{rates[-1]:.0f} checks/s")
        print(f"pyspf ({mode}) median: {sorted(rates)[len(rates) // 2]:.0f} checks/s")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 2.0,
         int(sys.argv[3]) if len(sys.argv) > 3 else 3)
