"""dkimpy (Debian python3-dkim) verifying the message bench_dkim wrote, its
key record answered from memory through dnsfunc. Run with /usr/bin/python3.

    peers_dkimpy.py DIR [SECONDS]
"""
import os
import sys
import time

import dkim


def main():
    directory = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    with open(os.path.join(directory, "message.eml"), "rb") as f:
        message = f.read()
    with open(os.path.join(directory, "key.txt"), "rb") as f:
        record = f.read()

    def dnsfunc(name, timeout=5):
        return record

    if not dkim.verify(message, dnsfunc=dnsfunc):
        sys.exit("dkimpy does not verify the benchmark message")
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(20):
            dkim.verify(message, dnsfunc=dnsfunc)
        n += 20
    print("dkimpy: %.0f verifications/s" % (n / (time.perf_counter() - start)))


if __name__ == "__main__":
    main()
