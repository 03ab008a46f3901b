"""python email-validator with check_deliverability (its MX / A lookup per
address through dnspython) over the first COUNT rows of a list, asking the
given DNS server; prints rows per second. It checks rows one after another,
as its API does: one lookup in flight.

Usage: /usr/bin/python3 peers_list_clean.py LIST SERVER:PORT COUNT
"""
import csv
import sys
import time

import dns.resolver
from email_validator import EmailNotValidError, validate_email


def main(path, server, count):
    host, port = server.rsplit(":", 1)
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = int(port)
    resolver.lifetime = 5
    with open(path, newline="") as f:
        rows = [r[1] for r in list(csv.reader(f))[1:count + 1]]
    valid = 0
    start = time.perf_counter()
    for address in rows:
        try:
            validate_email(address, check_deliverability=True, dns_resolver=resolver)
            valid += 1
        except EmailNotValidError:
            pass
    took = time.perf_counter() - start
    print(f"python email-validator (check_deliverability)\t{len(rows)} rows\t{valid} deliverable\t"
          f"{len(rows) / took:.0f} rows/s\t1,000,000 rows in {1000000 * took / len(rows):.0f} s (scaled)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
