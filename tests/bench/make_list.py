"""Writes an address list for the list-cleaning benchmark: ROWS rows over
DOMAINS distinct domains of bench-lists.net (80 % with an MX, 10 % A only,
5 % null MX, 5 % that do not exist), in a random order with a fixed seed;
one row in 50 is not an address and one in 20 repeats an earlier one.

Usage: make_list.py OUT ROWS DOMAINS
"""
import random
import sys


def main(out, rows, domains):
    rng = random.Random(1000000)
    names = []
    for i in range(domains):
        r = rng.random()
        kind = "m" if r < 0.80 else "a" if r < 0.90 else "n" if r < 0.95 else "x"
        names.append(f"d{i}.{kind}.bench-lists.net")
    written = []
    with open(out, "w") as f:
        f.write("name,email\n")
        for i in range(rows):
            r = rng.random()
            if r < 0.02:
                address = f"row {i} without an address"
            elif r < 0.07 and written:
                address = rng.choice(written)
            else:
                address = f"user{i}@{names[i % domains] if i < domains else rng.choice(names)}"
                if len(written) < 10000:
                    written.append(address)
            f.write(f"Person {i},{address}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
