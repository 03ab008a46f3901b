#!/usr/bin/env python3
"""Property test: the CSV reader gives the rows Python's csv module gives.

Two kinds of generated input (fixed seed, so a failure repeats):
- tables written by csv.writer in random dialects (minimal or full quoting,
  CRLF or LF), with fields holding delimiters, quotes, CR, LF, spaces and
  non-ASCII text;
- random strings over the characters that matter to the format: the reader
  must read them as csv.reader does, malformed rows included.

usage: csv_python_check.py CSV_ROWS_TOOL [CASES]
"""

import csv
import io
import json
import random
import subprocess
import sys

ALPHABET = ['a', 'b', ',', '"', '\r', '\n', ' ', 'é', '@', ';']


def random_field(rng):
    return "".join(rng.choice(ALPHABET + ['x'] * 4) for _ in range(rng.randint(0, 8)))


def written_table(rng):
    rows = [[random_field(rng) for _ in range(rng.randint(1, 5))] for _ in range(rng.randint(1, 6))]
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
                        lineterminator=rng.choice(["\r\n", "\n"]))
    writer.writerows(rows)
    return out.getvalue(), rows


def python_rows(document):
    return list(csv.reader(io.StringIO(document, newline="")))


def main():
    tool = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    rng = random.Random(4180)
    documents = []
    round_trips = 0
    for _ in range(cases // 2):
        document, rows = written_table(rng)
        documents.append(document)
        # csv.writer leaves a CR unquoted when the line end is LF, so its own
        # reader splits that row: Python's reading is the reference.
        round_trips += python_rows(document) == rows
    for _ in range(cases - cases // 2):
        documents.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24))))
    expected = [python_rows(d) for d in documents]
    feed = "".join(json.dumps(d) + "\n" for d in documents)
    result = subprocess.run([tool], input=feed.encode(), capture_output=True, check=True)
    got = [json.loads(line) for line in result.stdout.decode().splitlines()]
    if len(got) != len(documents):
        sys.exit(f"{len(got)} results for {len(documents)} documents")
    differences = [(d, e, g) for d, e, g in zip(documents, expected, got) if e != g]
    for document, want, have in differences[:10]:
        print(f"input {document!r}\n  python: {want!r}\n  reader: {have!r}")
    rows = sum(len(e) for e in expected)
    print(f"{len(documents)} documents ({round_trips} written tables read back whole), {rows} rows: "
          f"{len(differences)} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
