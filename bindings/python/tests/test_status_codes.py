"""One definition of the status codes: the header's enum mw_status. The
library's mw_status_name, the binding's exception classes and the table in
docs/c-api.md must all say the same."""

import os
import re

import pytest

from mailwarden import errors

from c_header import C_API_DOC, header

# A row of the status table: | `MW_EINVAL` | -1 | meaning |  (backticks optional)
_ROW = re.compile(r"^\|\s*`?(MW_(?:OK|E[A-Z0-9_]+))`?\s*\|\s*`?(-?\d+)`?\s*\|", re.M)


def header_status_codes():
    return dict(header().enums["mw_status"])


def test_the_header_enum_is_the_library_table(cdll):
    assert header_status_codes() == errors.status_codes()


def test_every_header_code_has_its_exception_class():
    codes = set(header_status_codes()) - {"MW_OK"}
    assert codes == set(errors.CLASS_BY_STATUS)


def test_the_c_api_doc_lists_exactly_the_header_codes():
    codes = header_status_codes()
    if not os.path.exists(C_API_DOC):
        pytest.skip(f"{C_API_DOC} not found: not in the mailwarden source tree")
    with open(C_API_DOC, encoding="utf-8") as f:
        rows = _ROW.findall(f.read())
    documented = {}
    for name, number in rows:
        assert documented.setdefault(name, int(number)) == int(number), f"{name} listed twice, differently"
    assert documented, f"no status-code table (| MW_EINVAL | -1 | ... |) in {C_API_DOC}"
    missing = sorted(set(codes) - set(documented), key=codes.get, reverse=True)
    extra = sorted(set(documented) - set(codes))
    wrong = sorted(n for n in set(codes) & set(documented) if codes[n] != documented[n])
    assert not missing, f"codes of the header missing from the table: {missing}"
    assert not extra, f"codes in the table that the header lacks: {extra}"
    assert not wrong, "numbers that differ from the header: " + ", ".join(
        f"{n} {documented[n]} (header {codes[n]})" for n in wrong)
