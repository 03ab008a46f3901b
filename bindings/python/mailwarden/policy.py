"""AddressPolicy: the options of an address check (mw_address_options)."""

from __future__ import annotations

import ctypes

from ._handle import ObjectRef
from ._lib import ErrorPtr, OptionsPtr, lib
from .errors import check_status

# keyword argument -> C setter
_SETTERS = {
    "allow_quoted_local": "mw_address_options_set_allow_quoted_local",
    "allow_address_literal": "mw_address_options_set_allow_address_literal",
    "allow_special_use": "mw_address_options_set_allow_special_use",
    "reject_role": "mw_address_options_set_reject_role",
    "reject_noreply": "mw_address_options_set_reject_noreply",
}


class AddressPolicy(ObjectRef):
    """What an address check accepts; the defaults match ``policy=None``.

    By default quoted local parts, address literals and special-use domains
    are rejected, while role and no-reply addresses are accepted but flagged
    (verdict RISKY). Configure it before sharing it between threads; checks
    only read it. Close it (or use ``with``) when no check uses it any more.
    """

    _kind = "AddressPolicy"

    def __init__(self, *, allow_quoted_local: bool = False,
                 allow_address_literal: bool = False,
                 allow_special_use: bool = False,
                 reject_role: bool = False,
                 reject_noreply: bool = False):
        cdll = lib()
        ptr = OptionsPtr()
        err = ErrorPtr()
        check_status(cdll.mw_address_options_new(ctypes.byref(ptr), ctypes.byref(err)), err)
        super().__init__(ptr)
        values = {
            "allow_quoted_local": allow_quoted_local,
            "allow_address_literal": allow_address_literal,
            "allow_special_use": allow_special_use,
            "reject_role": reject_role,
            "reject_noreply": reject_noreply,
        }
        self._values = {}
        try:
            for name, value in values.items():
                self._set(name, value)
        except BaseException:
            self.close()
            raise

    def _set(self, name: str, value: bool) -> None:
        err = ErrorPtr()
        setter = getattr(lib(), _SETTERS[name])
        check_status(setter(self._handle, 1 if value else 0, ctypes.byref(err)), err)
        self._values[name] = bool(value)

    @property
    def allow_quoted_local(self) -> bool:
        """Accept ``"quoted string"@`` local parts."""
        return self._values["allow_quoted_local"]

    @property
    def allow_address_literal(self) -> bool:
        """Accept ``[192.0.2.1]`` / ``[IPv6:...]`` domains."""
        return self._values["allow_address_literal"]

    @property
    def allow_special_use(self) -> bool:
        """Accept RFC 2606/6761 special-use domains (verdict RISKY)."""
        return self._values["allow_special_use"]

    @property
    def reject_role(self) -> bool:
        """Reject role accounts instead of flagging them."""
        return self._values["reject_role"]

    @property
    def reject_noreply(self) -> bool:
        """Reject no-reply addresses instead of flagging them."""
        return self._values["reject_noreply"]

    def _dispose(self, ptr) -> None:
        lib().mw_address_options_free(ptr)

    def __repr__(self) -> str:
        if self.closed:
            return "<AddressPolicy closed>"
        opts = ", ".join(f"{k}={v}" for k, v in self._values.items())
        return f"<AddressPolicy {opts}>"
