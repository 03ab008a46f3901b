"""MX lookups per second with dnspython (asyncio, one UDP exchange per
name, the same number in flight as bench_dns_mx), on the names of a file in
dnsperf format ("NAME MX" per line).

Usage: /usr/bin/python3 peers_dns_mx.py NAMES_FILE SERVER:PORT [CONCURRENCY]
"""
import asyncio
import sys
import time

import dns.asyncquery
import dns.message
import dns.rcode
import dns.rdatatype


async def run(names, host, port, concurrency):
    ok = 0
    failed = 0
    position = 0

    async def worker():
        nonlocal ok, failed, position
        while position < len(names):
            name = names[position]
            position += 1
            query = dns.message.make_query(name, dns.rdatatype.MX)
            try:
                response = await dns.asyncquery.udp(query, host, port=port, timeout=5)
            except Exception:  # timeouts and socket errors count as failures
                failed += 1
                continue
            if response.rcode() == dns.rcode.NOERROR and any(r.rdtype == dns.rdatatype.MX for r in response.answer):
                ok += 1
            else:
                failed += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return ok, failed, time.perf_counter() - start


def main():
    names_file, server = sys.argv[1], sys.argv[2]
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    host, port = server.rsplit(":", 1)
    with open(names_file) as f:
        names = [line.split()[0] for line in f if line.strip()]
    ok, failed, took = asyncio.run(run(names, host, int(port), concurrency))
    print(f"dnspython {dns.version.version} (asyncio)\t{len(names)} names\t{ok} ok\t{failed} failed\t"
          f"{len(names) / took:.0f} lookups/s (concurrency {concurrency})")


if __name__ == "__main__":
    main()
