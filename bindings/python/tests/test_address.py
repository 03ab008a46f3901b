"""Address checks through the real library."""

import dataclasses
import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

import mailwarden
from mailwarden import (
    AddressPolicy,
    ClosedHandleError,
    Flags,
    InvalidArgumentError,
    Reason,
    Verdict,
    check_address,
    check_addresses,
)

REASON_IDS = [
    "ok", "empty", "control_character", "missing_at", "no_local_part", "no_domain",
    "invalid_local_character", "non_ascii_local_part", "leading_dot", "trailing_dot",
    "consecutive_dots", "quoted_local_part", "obsolete_local_part", "comment",
    "whitespace", "unterminated", "local_part_too_long", "invalid_domain_character",
    "label_too_long", "label_hyphen", "numeric_tld", "dotless_domain", "domain_too_long",
    "address_too_long", "invalid_idna", "address_literal", "invalid_address_literal",
    "special_use_domain", "role_account", "noreply_address",
]


# --- valid addresses --------------------------------------------------------

def test_valid_address_is_normalised():
    r = check_address("Alice.Smith@IANA.Org")
    assert r.valid is True
    assert r.verdict is Verdict.VALID
    assert r.reason is Reason.OK and r.reason_id == "ok"
    assert r.input == "Alice.Smith@IANA.Org"
    assert r.local_part == "Alice.Smith"          # local part kept as given
    assert r.domain == "iana.org"                 # domain lower-cased
    assert r.normalized == "Alice.Smith@iana.org"
    assert r.flags == Flags.NONE
    assert not (r.role or r.noreply or r.special_use or r.idn)


def test_idn_domain_becomes_punycode():
    r = check_address("user@Bücher.DE")
    assert r.valid and r.verdict is Verdict.VALID
    assert r.normalized == "user@xn--bcher-kva.de"
    assert r.domain == "xn--bcher-kva.de"
    assert r.idn and Flags.IDN in r.flags
    assert r.input == "user@Bücher.DE"


def test_bytes_and_str_give_the_same_result():
    assert check_address("user@Bücher.DE") == check_address("user@Bücher.DE".encode())


def test_result_is_frozen():
    r = check_address("alice@iana.org")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.valid = False


# --- invalid addresses: a result, not an exception ---------------------------

SYNTAX_ERRORS = [
    ("", Reason.EMPTY),
    ("a..b@x.org", Reason.CONSECUTIVE_DOTS),
    ("a@b", Reason.DOTLESS_DOMAIN),
    ("x\r\n@x.org", Reason.CONTROL_CHARACTER),
    ("jöe@x.org", Reason.NON_ASCII_LOCAL_PART),
    ("alice.iana.org", Reason.MISSING_AT),
    ("@iana.org", Reason.NO_LOCAL_PART),
    ("alice@", Reason.NO_DOMAIN),
    (".alice@iana.org", Reason.LEADING_DOT),
    ("alice.@iana.org", Reason.TRAILING_DOT),
]

# Well-formed, but rejected by the default policy.
POLICY_REJECTIONS = [
    ('"q"@x.org', Reason.QUOTED_LOCAL_PART, Flags.QUOTED_LOCAL),
    ("user@[192.0.2.1]", Reason.ADDRESS_LITERAL, Flags.ADDRESS_LITERAL),
    ("user@example.com", Reason.SPECIAL_USE_DOMAIN, Flags.SPECIAL_USE),
]


def _assert_invalid(r, reason):
    assert r.valid is False
    assert r.verdict is Verdict.INVALID
    assert r.reason is reason, (r.input, r.reason, r.message)
    assert r.reason_id == reason.id
    assert r.message and r.message != "ok"


@pytest.mark.parametrize("address, reason", SYNTAX_ERRORS)
def test_syntax_error_has_reason(address, reason):
    r = check_address(address)
    _assert_invalid(r, reason)
    assert r.normalized == "" and r.local_part == "" and r.domain == ""


@pytest.mark.parametrize("address, reason, flag", POLICY_REJECTIONS)
def test_default_policy_rejection_has_reason_and_flag(address, reason, flag):
    r = check_address(address)
    _assert_invalid(r, reason)
    assert flag in r.flags


def test_nul_byte_is_a_control_character_not_a_truncation():
    r = check_address(b"a\x00b@iana.org")
    assert r.reason is Reason.CONTROL_CHARACTER
    assert r.input == "a\x00b@iana.org"


def test_quoted_local_part_allowed_by_policy():
    with AddressPolicy(allow_quoted_local=True) as policy:
        r = check_address('"q"@x.org', policy)
    assert r.valid, r.message
    assert r.quoted_local and Flags.QUOTED_LOCAL in r.flags
    assert r.domain == "x.org"


def test_address_literal_allowed_by_policy():
    with AddressPolicy(allow_address_literal=True) as policy:
        r = check_address("user@[192.0.2.1]", policy)
    assert r.valid, r.message
    assert r.address_literal
    assert r.domain == "[192.0.2.1]"


def test_special_use_is_risky_when_allowed():
    with AddressPolicy(allow_special_use=True) as policy:
        r = check_address("user@example.com", policy)
    assert r.valid is True
    assert r.verdict is Verdict.RISKY
    assert r.reason is Reason.OK
    assert r.special_use
    assert r.normalized == "user@example.com"


# --- role and no-reply ---------------------------------------------------------

def test_role_account_is_risky_by_default():
    r = check_address("postmaster@iana.org")
    assert r.valid is True
    assert r.verdict is Verdict.RISKY
    assert r.reason is Reason.OK
    assert r.role and Flags.ROLE in r.flags
    assert not r.noreply


def test_role_account_rejected_by_policy():
    with AddressPolicy(reject_role=True) as policy:
        r = check_address("postmaster@iana.org", policy)
    assert r.valid is False
    assert r.verdict is Verdict.INVALID
    assert r.reason is Reason.ROLE_ACCOUNT and r.reason_id == "role_account"
    assert r.role


def test_noreply_is_risky_by_default():
    r = check_address("no-reply@iana.org")
    assert r.valid is True
    assert r.verdict is Verdict.RISKY
    assert r.noreply and Flags.NOREPLY in r.flags


def test_noreply_rejected_by_policy():
    with AddressPolicy(reject_noreply=True) as policy:
        r = check_address("no-reply@iana.org", policy)
    assert r.verdict is Verdict.INVALID
    assert r.reason is Reason.NOREPLY_ADDRESS
    assert r.noreply


# --- batch --------------------------------------------------------------------

def test_batch_keeps_order_count_and_nul_bytes():
    inputs = ["alice@iana.org", b"a\x00b@iana.org", "a..b@x.org",
              "postmaster@iana.org", "user@Bücher.DE"]
    results = check_addresses(inputs)
    assert len(results) == len(inputs)
    assert [r.reason for r in results] == [
        Reason.OK, Reason.CONTROL_CHARACTER, Reason.CONSECUTIVE_DOTS,
        Reason.OK, Reason.OK]
    assert results[1].input == "a\x00b@iana.org"
    assert results[3].verdict is Verdict.RISKY
    assert results[4].normalized == "user@xn--bcher-kva.de"
    # A batch result equals the single-address result.
    assert results == [check_address(a) for a in inputs]


def test_batch_accepts_any_iterable_and_policy():
    with AddressPolicy(reject_role=True) as policy:
        gen = (a for a in ["postmaster@iana.org", "alice@iana.org"])
        results = check_addresses(gen, policy)
    assert [r.reason for r in results] == [Reason.ROLE_ACCOUNT, Reason.OK]


def test_empty_batch():
    assert check_addresses([]) == []


def test_large_batch():
    inputs = [f"user{i}@iana.org" for i in range(2000)]
    results = check_addresses(inputs)
    assert [r.normalized for r in results] == inputs


# --- JSON ---------------------------------------------------------------------

def test_json_of_valid_result():
    r = check_address("postmaster@IANA.org")
    data = json.loads(r.to_json())
    for key in ("address", "normalized", "valid", "reason", "role", "noreply"):
        assert key in data
    assert data["normalized"] == "postmaster@iana.org"
    assert data["valid"] is True
    assert data["role"] is True
    assert data["noreply"] is False


def test_json_of_invalid_result():
    r = check_address("a..b@x.org")
    data = json.loads(r.to_json())
    assert data["address"] == "a..b@x.org"
    assert data["valid"] is False
    assert data["verdict"] == "invalid"
    assert data["reason"] == "consecutive_dots"


def test_json_of_batch_result():
    (r,) = check_addresses(["user@Bücher.DE"])
    assert json.loads(r.to_json())["normalized"] == "user@xn--bcher-kva.de"


# --- policy lifetime ------------------------------------------------------------

def test_policy_close_is_idempotent_and_use_after_close_raises():
    policy = AddressPolicy(reject_role=True)
    assert not policy.closed
    assert policy.reject_role is True and policy.allow_quoted_local is False
    policy.close()
    policy.close()
    assert policy.closed
    with pytest.raises(ClosedHandleError, match="closed"):
        check_address("postmaster@iana.org", policy)
    with pytest.raises(InvalidArgumentError):
        check_addresses(["postmaster@iana.org"], policy)
    with pytest.raises(ValueError):
        with policy:
            pass


def test_policy_context_manager_closes():
    with AddressPolicy() as policy:
        assert check_address("alice@iana.org", policy).valid
    assert policy.closed


def test_policy_defaults_match_no_policy():
    inputs = ['"q"@x.org', "user@[192.0.2.1]", "user@example.com",
              "postmaster@iana.org", "no-reply@iana.org", "alice@iana.org"]
    with AddressPolicy() as policy:
        assert check_addresses(inputs, policy) == check_addresses(inputs)


def test_shared_policy_across_threads():
    inputs = ["postmaster@iana.org", "alice@iana.org", "a..b@x.org"] * 50
    with AddressPolicy(reject_role=True) as policy:
        expected = [check_address(a, policy) for a in inputs]
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda a: check_address(a, policy), inputs))
    assert got == expected


# --- misuse is an exception ---------------------------------------------------

@pytest.mark.parametrize("bad", [42, None, 3.5, ["a@b.org"]])
def test_non_text_address_raises_type_error(bad):
    with pytest.raises(TypeError):
        check_address(bad)


def test_batch_type_errors():
    with pytest.raises(TypeError, match=r"addresses\[1\]"):
        check_addresses(["alice@iana.org", 42])
    with pytest.raises(TypeError):
        check_addresses("alice@iana.org")
    with pytest.raises(TypeError):
        check_address("alice@iana.org", policy="strict")


# --- enums and version ----------------------------------------------------------

def test_reason_ids_match_library(cdll):
    assert [r.id for r in Reason] == REASON_IDS
    assert [int(r) for r in Reason] == list(range(30))
    for reason in Reason:
        assert cdll.mw_address_reason_name(int(reason)).decode() == reason.id
    assert cdll.mw_address_reason_name(len(REASON_IDS)) is None
    assert Reason.CONSECUTIVE_DOTS.id == "consecutive_dots"
    assert Reason.from_id("role_account") is Reason.ROLE_ACCOUNT


def test_version_format():
    v = mailwarden.version()
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", v)
    assert m, v
    major, minor, patch = map(int, m.groups())
    assert mailwarden.version_number() == major * 10000 + minor * 100 + patch
