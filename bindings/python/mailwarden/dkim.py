"""DKIM signing of outgoing mail (RFC 6376, RFC 8463 ed25519-sha256) and the
keys to sign with (mw_dkim_signer, mw_dkim_keygen).

    key = generate_dkim_key("rsa")                      # 2048 bits
    print(key.zone_line("example.org", "s2026"))        # publish this
    with DkimSigner(key.private_key_pem, "example.org", "s2026") as signer:
        signed = signer.sign_message(raw)               # bytes, the field on top

Threads
-------
A :class:`DkimSigner` is immutable: any number of threads may sign with one
at once (ctypes releases the GIL during the call), and ``close()`` from
another thread lets the calls running finish; later ones raise
ClosedHandleError.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Optional, Sequence, Union

from ._handle import ObjectRef, built_options, taken
from ._lib import DkimKeyPtr, DkimSignerPtr, DkimSignOptionsPtr, ErrorPtr, lib
from ._strings import as_bytes, cstr, take_string, text
from ._values import epoch_seconds, whole_seconds
from .errors import check_status, invalid_argument

Message = Union[bytes, bytearray, memoryview, str]

# mw_dkim_canonicalization and mw_dkim_key_type.
_CANONICALIZATIONS = {"simple": 0, "relaxed": 1}
_KEY_TYPES = {"rsa": 0, "ed25519": 1}


def _choice(value: str, choices: dict, where: str) -> int:
    if value not in choices:
        raise invalid_argument(f"{where} must be one of {', '.join(choices)}, not {value!r}")
    return choices[value]


def _take_bytes(out: ctypes.c_void_p, length: ctypes.c_size_t) -> bytes:
    """length bytes the library handed over (NUL bytes kept); freed with mw_string_free."""
    try:
        return ctypes.string_at(out.value, length.value)
    finally:
        lib().mw_string_free(out)


class DkimSigner(ObjectRef):
    """Signs messages for one domain and selector with one key (mw_dkim_signer):
    rsa-sha256 for an RSA key of 1024 bits or more, ed25519-sha256 for an
    Ed25519 key; never l=.

    ``private_key_pem``: an unencrypted private key in PEM (PKCS#8 or
    traditional; str or bytes). ``domain`` (d=) and ``selector`` (s=).
    ``header_canonicalization`` and ``body_canonicalization``: "relaxed"
    (the default) or "simple". ``headers``: the header field names to sign
    (None: From, To, Cc, Subject, Date, Message-ID, Reply-To, Content-Type,
    MIME-Version, List-Unsubscribe, List-Unsubscribe-Post, List-Id), each
    over-signed; From is always signed. ``lifetime`` (seconds or a
    timedelta): writes x= that long after t=; None: no x=. ``now`` (a
    timezone-aware datetime or Unix seconds; None: the system clock): t=.

    Raises InvalidArgumentError for a PEM that holds no usable key (another
    key type, RSA under 1024 bits), a domain or selector DKIM cannot carry,
    an unknown canonicalization, an empty header name or a negative
    lifetime. Thread-safe; close it (or use ``with``). The properties keep
    their values after close().
    """

    _kind = "DkimSigner"

    def __init__(self, private_key_pem: Union[str, bytes], domain: str, selector: str, *,
                 header_canonicalization: str = "relaxed", body_canonicalization: str = "relaxed",
                 headers: Optional[Iterable[str]] = None, lifetime: Union[int, timedelta, None] = None,
                 now: Union[datetime, int, None] = None):
        pem = as_bytes(private_key_pem, "private_key_pem")
        settings: list = [("mw_dkim_sign_options_set_canonicalization",
                           _choice(header_canonicalization, _CANONICALIZATIONS, "header_canonicalization"),
                           _choice(body_canonicalization, _CANONICALIZATIONS, "body_canonicalization"))]
        if isinstance(headers, (str, bytes)):
            raise TypeError("headers must be an iterable of names, not a single string")
        for name in headers or ():
            settings.append(("mw_dkim_sign_options_add_header", cstr(name, "headers")))
        if lifetime is not None:
            settings.append(("mw_dkim_sign_options_set_lifetime", whole_seconds(lifetime, "lifetime")))
        if now is not None:
            settings.append(("mw_dkim_sign_options_set_now", epoch_seconds(now, "now")))
        domain_c, selector_c = cstr(domain, "domain"), cstr(selector, "selector")
        handle = DkimSignerPtr()
        with built_options("mw_dkim_sign_options", DkimSignOptionsPtr, settings) as options:
            err = ErrorPtr()
            check_status(lib().mw_dkim_signer_new(ctypes.byref(handle), pem, len(pem), domain_c, selector_c, options,
                                                  ctypes.byref(err)), err)
        super().__init__(handle)
        # Copied once (the signer never changes), so reading them never races with close().
        cdll = lib()
        self._algorithm = text(cdll.mw_dkim_signer_algorithm(handle))
        self._key_bits = int(cdll.mw_dkim_signer_key_bits(handle))
        self._domain = text(cdll.mw_dkim_signer_domain(handle))
        self._selector = text(cdll.mw_dkim_signer_selector(handle))
        self._txt_record = text(cdll.mw_dkim_signer_txt_record(handle))

    def _dispose(self, ptr) -> None:
        lib().mw_dkim_signer_free(ptr)

    def sign(self, message: Message) -> str:
        """The DKIM-Signature field for a message (RFC 5322, CRLF or LF; a
        str is taken as UTF-8), folded at 78 columns and ending in the
        message's line end: "DKIM-Signature: v=1; a=...\\r\\n". Raises
        InvalidArgumentError for a message without From."""
        data = as_bytes(message, "message")
        out = ctypes.c_void_p()
        err = ErrorPtr()
        check_status(lib().mw_dkim_signer_sign(ctypes.byref(out), self._handle, data, len(data), ctypes.byref(err)),
                     err)
        return take_string(out)

    def sign_message(self, message: Message) -> bytes:
        """The message with :meth:`sign`'s field on top, as bytes."""
        data = as_bytes(message, "message")
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        err = ErrorPtr()
        check_status(lib().mw_dkim_signer_sign_message(ctypes.byref(out), ctypes.byref(length), self._handle, data,
                                                       len(data), ctypes.byref(err)), err)
        return _take_bytes(out, length)

    @property
    def algorithm(self) -> str:
        """"rsa-sha256" or "ed25519-sha256"."""
        return self._algorithm

    @property
    def key_bits(self) -> int:
        """The RSA modulus size; 256 for Ed25519."""
        return self._key_bits

    @property
    def domain(self) -> str:
        """d= (A-labels)."""
        return self._domain

    @property
    def selector(self) -> str:
        """s=."""
        return self._selector

    @property
    def txt_record(self) -> str:
        """The TXT record that publishes this key: "v=DKIM1; k=rsa; p=..."."""
        return self._txt_record


def sign_message(message: Message, signers: Sequence[DkimSigner]) -> bytes:
    """The message with one signature per signer on top, the first signer's
    topmost (an RSA and an Ed25519 signature, RFC 8463 3); each signs the
    message as given. Raises InvalidArgumentError for no signers or a
    message without From, ClosedHandleError for a closed signer."""
    data = as_bytes(message, "message")
    signers = list(signers)
    for s in signers:
        if not isinstance(s, DkimSigner):
            raise TypeError(f"signers must be DkimSigner objects, not {type(s).__name__}")
    array = (DkimSignerPtr * max(len(signers), 1))(*[s._handle for s in signers])
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    err = ErrorPtr()
    check_status(lib().mw_dkim_sign_message(ctypes.byref(out), ctypes.byref(length), data, len(data), array,
                                            len(signers), ctypes.byref(err)), err)
    return _take_bytes(out, length)


def dkim_zone_line(domain: str, selector: str, strings: Sequence[str]) -> str:
    """The zone-file line that publishes ``strings`` (a key's TXT strings) at
    <selector>._domainkey.<domain>:
    's._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; p=MIIB..." "..."'."""
    values = [cstr(s, "strings") for s in strings]
    array = (ctypes.c_char_p * max(len(values), 1))(*values)
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(lib().mw_dkim_zone_line(ctypes.byref(out), cstr(domain, "domain"), cstr(selector, "selector"), array,
                                         len(values), ctypes.byref(err)), err)
    return take_string(out)


@dataclass(frozen=True)
class DkimKey:
    """A key made by :func:`generate_dkim_key`: ``private_key_pem`` (PKCS#8,
    unencrypted), ``txt_record`` ("v=DKIM1; k=rsa; p=...") and
    ``txt_strings``, that record as character-strings of at most 255 bytes,
    the way a TXT record holds it (resolvers join them)."""

    private_key_pem: str
    txt_record: str
    txt_strings: tuple[str, ...]

    def zone_line(self, domain: str, selector: str) -> str:
        """The zone-file line publishing this key at <selector>._domainkey.<domain>."""
        return dkim_zone_line(domain, selector, self.txt_strings)


def _key_of(cdll, k) -> DkimKey:
    return DkimKey(private_key_pem=text(cdll.mw_dkim_key_private_pem(k)),
                   txt_record=text(cdll.mw_dkim_key_txt_record(k)),
                   txt_strings=tuple(text(cdll.mw_dkim_key_txt_string(k, i))
                                     for i in range(cdll.mw_dkim_key_txt_string_count(k))))


def generate_dkim_key(key_type: str = "rsa", bits: int = 2048) -> DkimKey:
    """A new key: ``key_type`` "rsa" (``bits`` from 1024 to 8192; 2048 is
    what mailbox providers expect) or "ed25519" (``bits`` ignored). Raises
    InvalidArgumentError for another type or bits out of range."""
    kind = _choice(key_type, _KEY_TYPES, "key_type")
    if isinstance(bits, bool) or not isinstance(bits, int):
        raise TypeError(f"bits must be int, not {type(bits).__name__}")
    if kind == _KEY_TYPES["rsa"] and not 0 < bits < 2**32:
        raise invalid_argument(f"an RSA key has 1024 to 8192 bits, not {bits}")  # 0 would mean the default
    out = DkimKeyPtr()
    err = ErrorPtr()
    check_status(lib().mw_dkim_keygen(ctypes.byref(out), kind, bits if kind == _KEY_TYPES["rsa"] else 0,
                                      ctypes.byref(err)), err)
    return taken(_key_of, out)


__all__ = ["DkimKey", "DkimSigner", "dkim_zone_line", "generate_dkim_key", "sign_message"]
