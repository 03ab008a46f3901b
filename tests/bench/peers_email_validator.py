"""python email-validator (syntax only) over a corpus file, one address a line."""
import sys
import time

from email_validator import EmailNotValidError, validate_email


def main(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        corpus = f.read().split("\n")[:-1]
    valid = 0
    start = time.perf_counter()
    for address in corpus:
        try:
            validate_email(address, check_deliverability=False)
            valid += 1
        except (EmailNotValidError, UnicodeError):
            pass
    took = time.perf_counter() - start
    print(f"python email-validator\t{len(corpus)} addresses\t{valid} valid\t{len(corpus) / took:.0f} addresses/s")


if __name__ == "__main__":
    main(sys.argv[1])
