#!/usr/bin/python3
"""Writes the messages OpenDKIM's libopendkim tests (libopendkim/tests/
t-test*.c) hand to the verifier into opendkim/, and the key records of the
tests' key file (t-setup.c writes KEYFILE from the PUBLICKEY* constants of
t-testdata.h) into keys.json as the key set `opendkim`. The verdicts are in
vectors.json, written by hand from the tests' assertions (SOURCE.md).

The messages are put together by the tests' own code: a call of
dkim_header() with a string and a length, dkim_body(), dkim_chunk(),
snprintf() into a buffer, loops. Rather than reading that C, each test
taken is compiled with OpenDKIM's dkim.h against a recorder written here
(RECORDER below, no OpenDKIM code) which writes the bytes the test hands
over: a dkim_header() field followed by CRLF (the library takes fields
without their line end), CRLF at dkim_eoh(), dkim_body() and dkim_chunk()
data as they are. The recorder verifies nothing, so the tests are compiled
with NDEBUG (their assertions are about the verdicts, which are read from
the source instead). Each dkim_verify() handle is one message:
opendkim/t-testNN.eml, or t-testNN-K.eml when a test verifies more than one.

Usage: extract_opendkim.py OPENDKIM_CHECKOUT   (needs cc)
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The tests' clock, and the time vectors.json checks their messages at:
# 2018-02-25T00:00:00Z, the date of the commit extracted.
NOW = 1519516800

# The tests that verify a message whose signature is written in the test
# (SOURCE.md lists the others and why they are not taken).
TESTS = [
    "04", "05", "06", "07", "12", "13", "14", "15", "20", "21", "22", "23",
    "28", "29", "30", "31", "32", "34", "35", "36", "37", "38", "39", "40",
    "41", "42", "43", "45", "46", "48", "51", "53", "56", "58", "60", "61",
    "62", "63", "64", "66", "67", "68", "69", "70", "73", "74", "76", "78",
    "80", "82", "84", "87", "88", "89", "93", "94", "95", "96", "97", "98",
    "99", "101", "103", "104", "105", "106", "107", "108", "109", "110",
    "112", "114", "115", "116", "117", "118", "121", "123", "125", "126",
    "130", "132", "134", "136", "138", "139", "142", "149", "153",
]

# t-setup.c: the names it writes into KEYFILE and the constant of each.
KEYS = [
    ("SELECTOR", "DOMAIN", "PUBLICKEY"),
    ("SELECTOR2", "DOMAIN", "PUBLICKEY2"),
    ("SELECTOR", "DOMAIN2", "PUBLICKEYNOS"),
    ("SELECTORBADV", "DOMAIN", "PUBLICKEYBADV"),
    ("SELECTOR256", "DOMAIN", "PUBLICKEY256"),
    ("SELECTORBADH", "DOMAIN", "PUBLICKEYBADH"),
    ("SELECTORNOK", "DOMAIN", "PUBLICKEYNOK"),
    ("SELECTORBADK", "DOMAIN", "PUBLICKEYBADK"),
    ("SELECTOREMPTYP", "DOMAIN", "PUBLICKEYEMPTYP"),
    ("SELECTORNOP", "DOMAIN", "PUBLICKEYNOP"),
    ("SELECTORCORRUPTP", "DOMAIN", "PUBLICKEYCORRUPTP"),
]

RECORDER = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;
static int handles;
static const char *test_name;
static int multi;
static char handle_dummy[4096];

static void start(void)
{
	char path[4096];
	if (out != NULL)
		fclose(out);
	handles++;
	if (multi)
		snprintf(path, sizeof path, "%s/%s-%d.eml", getenv("OUTDIR"), test_name, handles);
	else
		snprintf(path, sizeof path, "%s/%s.eml", getenv("OUTDIR"), test_name);
	out = fopen(path, "wb");
	if (out == NULL)
		abort();
}

static void put(const void *data, size_t len)
{
	if (out != NULL && data != NULL) {
		fwrite(data, 1, len, out);
		fflush(out);
	}
}

__attribute__((constructor)) static void setup(void)
{
	test_name = getenv("TESTNAME");
	multi = getenv("MULTI") != NULL && getenv("MULTI")[0] == '1';
}

void *dkim_init(void *a, void *b) { return handle_dummy; }
void *dkim_verify(void *lib, const void *id, void *memclosure, int *statp)
{
	start();
	if (statp != NULL)
		*statp = 0;
	return handle_dummy;
}
int dkim_header(void *dkim, const void *hdr, size_t len) { put(hdr, len); put("\r\n", 2); return 0; }
int dkim_eoh(void *dkim) { put("\r\n", 2); return 0; }
int dkim_body(void *dkim, const void *buf, size_t len) { put(buf, len); return 0; }
int dkim_chunk(void *dkim, const void *buf, size_t len) { put(buf, len); return 0; }
int dkim_eom(void *dkim, void *testkey) { if (out != NULL) { fclose(out); out = NULL; } return 0; }
int dkim_libfeature(void *lib, unsigned int fc) { return 1; }

/* The tests' clock (t-test114 writes t= and x= from it): pinned at NOW. */
#include <time.h>
time_t time(time_t *t) { time_t now = (time_t) NOW; if (t != NULL) *t = now; return now; }

/* BSD's strlcpy() and strlcat(), which some tests use and older C libraries lack */
__attribute__((weak)) size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size > 0) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}
__attribute__((weak)) size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t d = strnlen(dst, size);
	if (d == size)
		return size + strlen(src);
	return d + strlcpy(dst + d, src, size - d);
}
"""


def c_strings(source):
    """The #define NAME "..." "..." constants of a C file (with \\ line continuations)."""
    source = source.replace("\\\n", " ")
    values = {}
    for name, expr in re.findall(r'^#define\s+(\w+)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)\s*$', source, re.M):
        values[name] = "".join(
            re.sub(r"\\(.)", lambda m: {"r": "\r", "n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)
            for s in re.findall(r'"((?:[^"\\]|\\.)*)"', expr))
    return values


def build_and_run(checkout, test, outdir, work):
    tests_dir = os.path.join(checkout, "libopendkim", "tests")
    source = os.path.join(tests_dir, "t-test%s.c" % test)
    obj = os.path.join(work, "t-test%s.o" % test)
    subprocess.run(["cc", "-w", "-DNDEBUG", "-I", work, "-I", tests_dir, "-c", source, "-o", obj], check=True)
    symbols = subprocess.run(["nm", "-u", obj], check=True, capture_output=True, text=True).stdout.split()
    defined = set(re.findall(r"^\w[\w *]* \**(dkim_\w+)\(", RECORDER, re.M))
    stubs = os.path.join(work, "stubs%s.c" % test)
    with open(stubs, "w") as f:  # everything else answers 0 (DKIM_STAT_OK, NULL)
        for symbol in symbols:
            if symbol.startswith("dkim_") and symbol not in defined:
                f.write("long %s() { return 0; }\n" % symbol)
    exe = os.path.join(work, "t-test%s" % test)
    subprocess.run(["cc", "-w", "-DNOW=%d" % NOW, "-o", exe, obj, stubs, os.path.join(work, "recorder.c")],
                   check=True)
    with open(source) as f:
        multi = len(re.findall(r"\bdkim_verify\(", f.read())) > 1
    env = dict(os.environ, OUTDIR=outdir, TESTNAME="t-test%s" % test, MULTI="1" if multi else "0")
    # Some tests go on to look at what the library found, which the recorder
    # does not give; the message is written by then.
    subprocess.run([exe], env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(checkout):
    outdir = os.path.join(HERE, "opendkim")
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "build-config.h"), "w"):
            pass
        with open(os.path.join(work, "recorder.c"), "w") as f:
            f.write(RECORDER)
        for test in TESTS:
            build_and_run(checkout, test, outdir, work)
    with open(os.path.join(checkout, "libopendkim", "tests", "t-testdata.h"), encoding="ascii") as f:
        data = c_strings(f.read())
    keys_file = os.path.join(HERE, "keys.json")
    with open(keys_file, encoding="utf-8") as f:
        keysets = json.load(f)
    # t-setup.c writes "selector._domainkey.domain record" with the record's newlines left out
    keysets["opendkim"] = {"%s._domainkey.%s" % (data[s], data[d]): [data[k].replace("\n", "")]
                           for s, d, k in KEYS}
    with open(keys_file, "w", encoding="utf-8") as f:
        json.dump(keysets, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
