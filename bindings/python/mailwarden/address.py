"""Address validation: check_address, check_addresses and their results.

An invalid address is not an exception: it is an :class:`AddressResult` with
``valid == False`` and a :class:`Reason`. Exceptions mean misuse (a wrong
argument type, a closed policy) or a library failure (out of memory).
"""

from __future__ import annotations

import ctypes
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional, Union

from ._lib import BatchPtr, ErrorPtr, ResultPtr, lib
from .errors import check_status
from .policy import AddressPolicy
from ._strings import take_string, text

AddressInput = Union[str, bytes]


class Verdict(enum.IntEnum):
    """Outcome of a check (MW_ADDRESS_*)."""

    VALID = 0
    RISKY = 1
    INVALID = 2


class Reason(enum.IntEnum):
    """Why an address is invalid (MW_REASON_*); ``OK`` when it is not."""

    OK = 0
    EMPTY = 1
    CONTROL_CHARACTER = 2
    MISSING_AT = 3
    NO_LOCAL_PART = 4
    NO_DOMAIN = 5
    INVALID_LOCAL_CHARACTER = 6
    NON_ASCII_LOCAL_PART = 7
    LEADING_DOT = 8
    TRAILING_DOT = 9
    CONSECUTIVE_DOTS = 10
    QUOTED_LOCAL_PART = 11
    OBSOLETE_LOCAL_PART = 12
    COMMENT = 13
    WHITESPACE = 14
    UNTERMINATED = 15
    LOCAL_PART_TOO_LONG = 16
    INVALID_DOMAIN_CHARACTER = 17
    LABEL_TOO_LONG = 18
    LABEL_HYPHEN = 19
    NUMERIC_TLD = 20
    DOTLESS_DOMAIN = 21
    DOMAIN_TOO_LONG = 22
    ADDRESS_TOO_LONG = 23
    INVALID_IDNA = 24
    ADDRESS_LITERAL = 25
    INVALID_ADDRESS_LITERAL = 26
    SPECIAL_USE_DOMAIN = 27
    ROLE_ACCOUNT = 28
    NOREPLY_ADDRESS = 29

    @property
    def id(self) -> str:
        """The stable text id, as mw_address_reason_name gives it."""
        return self.name.lower()

    @classmethod
    def from_id(cls, reason_id: str) -> "Reason":
        """The Reason whose text id is ``reason_id`` (KeyError if none)."""
        return cls[reason_id.upper()]


class Flags(enum.IntFlag):
    """Properties of an address (MW_ADDRESS_FLAG_* bits)."""

    NONE = 0
    ROLE = 0x01
    NOREPLY = 0x02
    SPECIAL_USE = 0x04
    QUOTED_LOCAL = 0x08
    ADDRESS_LITERAL = 0x10
    IDN = 0x20


@dataclass(frozen=True)
class AddressResult:
    """The outcome of checking one address, copied out of the C result.

    ``input`` is the address exactly as passed (decoded as UTF-8, invalid
    bytes replaced); the other strings come from the library.
    """

    input: str
    normalized: str
    local_part: str
    domain: str
    verdict: Verdict
    valid: bool
    reason: Reason
    reason_id: str
    message: str
    flags: Flags
    _json: str = field(repr=False, compare=False)

    @property
    def role(self) -> bool:
        """A role account (postmaster@, support@ ...)."""
        return Flags.ROLE in self.flags

    @property
    def noreply(self) -> bool:
        """A no-reply form (noreply@, do-not-reply@ ...)."""
        return Flags.NOREPLY in self.flags

    @property
    def special_use(self) -> bool:
        """An RFC 2606/6761 special-use domain."""
        return Flags.SPECIAL_USE in self.flags

    @property
    def quoted_local(self) -> bool:
        """The local part is a quoted string."""
        return Flags.QUOTED_LOCAL in self.flags

    @property
    def address_literal(self) -> bool:
        """The domain is an [IPv4] or [IPv6:...] literal."""
        return Flags.ADDRESS_LITERAL in self.flags

    @property
    def idn(self) -> bool:
        """The domain was converted from Unicode to Punycode."""
        return Flags.IDN in self.flags

    def to_json(self) -> str:
        """The library's JSON object for this result (one line, UTF-8 text)."""
        return self._json


def _encode(address: object, where: str = "address") -> bytes:
    if isinstance(address, str):
        return address.encode("utf-8")
    if isinstance(address, (bytes, bytearray, memoryview)):
        return bytes(address)
    raise TypeError(f"{where} must be str or bytes, not {type(address).__name__}")


def _policy_handle(policy: Optional[AddressPolicy]):
    if policy is None:
        return None
    if not isinstance(policy, AddressPolicy):
        raise TypeError(f"policy must be an AddressPolicy or None, not {type(policy).__name__}")
    return policy._handle


def _result_json(cdll, result) -> str:
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_address_result_to_json(ctypes.byref(out), result, ctypes.byref(err)), err)
    return take_string(out)


def _copy_result(cdll, result, raw_input: bytes) -> AddressResult:
    reason_code = cdll.mw_address_result_reason(result)
    try:
        reason = Reason(reason_code)
    except ValueError:  # a reason newer than this binding
        reason = reason_code
    return AddressResult(
        input=raw_input.decode("utf-8", "replace"),
        normalized=text(cdll.mw_address_result_normalized(result)),
        local_part=text(cdll.mw_address_result_local_part(result)),
        domain=text(cdll.mw_address_result_domain(result)),
        verdict=Verdict(cdll.mw_address_result_verdict(result)),
        valid=bool(cdll.mw_address_result_is_valid(result)),
        reason=reason,
        reason_id=text(cdll.mw_address_reason_name(reason_code)),
        message=text(cdll.mw_address_result_message(result)),
        flags=Flags(cdll.mw_address_result_flags(result)),
        _json=_result_json(cdll, result),
    )


def check_address(address: AddressInput, policy: Optional[AddressPolicy] = None) -> AddressResult:
    """Check one address (str is encoded as UTF-8; bytes are passed as is).

    ``policy`` defaults to the library defaults. Raises TypeError for a
    non-str/bytes address; an invalid address gives ``valid == False``.
    """
    data = _encode(address)
    options = _policy_handle(policy)
    cdll = lib()
    out = ResultPtr()
    err = ErrorPtr()
    status = cdll.mw_address_check(ctypes.byref(out), data, len(data), options, ctypes.byref(err))
    check_status(status, err)
    try:
        return _copy_result(cdll, out, data)
    finally:
        cdll.mw_address_result_free(out)


def check_addresses(addresses: Iterable[AddressInput],
                    policy: Optional[AddressPolicy] = None) -> list[AddressResult]:
    """Check many addresses in one library call; results keep input order.

    Each element is str or bytes and may contain NUL bytes (lengths are
    passed explicitly). Raises TypeError naming the first bad element.
    """
    if isinstance(addresses, (str, bytes, bytearray)):
        raise TypeError("check_addresses takes an iterable of addresses; "
                        "use check_address for a single one")
    items = [_encode(a, f"addresses[{i}]") for i, a in enumerate(addresses)]
    options = _policy_handle(policy)
    if not items:
        return []
    cdll = lib()
    count = len(items)
    ptrs = (ctypes.c_char_p * count)(*items)
    lens = (ctypes.c_size_t * count)(*(len(b) for b in items))
    batch = BatchPtr()
    err = ErrorPtr()
    status = cdll.mw_address_check_batch(ctypes.byref(batch), ptrs, lens, count,
                                         options, ctypes.byref(err))
    check_status(status, err)
    try:
        size = cdll.mw_address_batch_count(batch)
        if size != count:
            raise RuntimeError(f"library returned {size} results for {count} addresses")
        return [_copy_result(cdll, cdll.mw_address_batch_get(batch, i), data)
                for i, data in enumerate(items)]
    finally:
        cdll.mw_address_batch_free(batch)
