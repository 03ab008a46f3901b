"""Sender snapshots: SenderState and Sender, copied out of an mw_sender."""

from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional, Union

from ._lib import ErrorPtr, lib
from .errors import check_status
from ._strings import take_string, text
from ._values import optional_time as _optional_time, utc_time as _time


class SenderState(enum.IntEnum):
    """Verification state of a sender (MW_SENDER_*)."""

    PENDING = 0
    SUCCESS = 1
    FAILED = 2

    @property
    def label(self) -> str:
        """The library's name of the state: "Pending", "Success" or "Failed"."""
        return self.name.capitalize()


def _state(value: int) -> Union[SenderState, int]:
    try:
        return SenderState(value)
    except ValueError:  # a state newer than this binding
        return value


@dataclass(frozen=True)
class Sender:
    """A snapshot of one sender, copied out of the library (nothing to free).

    Times are timezone-aware ``datetime`` objects in UTC, to the second.
    ``verified_at`` and ``failed_at`` are ``None`` when the sender was never
    verified / never failed; ``failure_reason`` is ``""`` unless ``state`` is
    ``FAILED``; ``warnings`` holds from-address advice (no-reply, role account).
    A snapshot does not change when the registry does: call
    :meth:`Registry.get` for the current state.
    """

    id: str
    account: str
    type: str
    address: str
    alias: str
    state: SenderState
    created_at: datetime
    requested_at: datetime
    expires_at: datetime
    verified_at: Optional[datetime]
    failed_at: Optional[datetime]
    failure_reason: str
    warnings: list[str]
    _json: str = field(repr=False, compare=False)
    _json_history: str = field(repr=False, compare=False)

    def to_json(self, with_history: bool = False) -> str:
        """The library's JSON object for this sender (one line).

        Times are RFC 3339 UTC strings and the state is the key ``status``
        (``"Pending"``...); ``with_history`` adds the list of state changes.
        Both forms are rendered by the library when the snapshot is taken.
        """
        return self._json_history if with_history else self._json


def _sender_json(cdll, sender, with_history: bool) -> str:
    out = ctypes.c_void_p()
    err = ErrorPtr()
    check_status(cdll.mw_sender_to_json(ctypes.byref(out), sender, 1 if with_history else 0,
                                        ctypes.byref(err)), err)
    return take_string(out)


def copy_sender(sender) -> Sender:
    """Copy an ``mw_sender *`` (owned or borrowed; the caller keeps it) into a Sender."""
    if not sender:
        raise ValueError("NULL sender")
    cdll = lib()
    count = cdll.mw_sender_warning_count(sender)
    return Sender(
        id=text(cdll.mw_sender_id(sender)),
        account=text(cdll.mw_sender_account(sender)),
        type=text(cdll.mw_sender_type(sender)),
        address=text(cdll.mw_sender_address(sender)),
        alias=text(cdll.mw_sender_alias(sender)),
        state=_state(cdll.mw_sender_state(sender)),
        created_at=_time(cdll.mw_sender_created_at(sender)),
        requested_at=_time(cdll.mw_sender_requested_at(sender)),
        expires_at=_time(cdll.mw_sender_expires_at(sender)),
        verified_at=_optional_time(cdll.mw_sender_verified_at(sender)),
        failed_at=_optional_time(cdll.mw_sender_failed_at(sender)),
        failure_reason=text(cdll.mw_sender_failure_reason(sender)),
        warnings=[text(cdll.mw_sender_warning_get(sender, i)) for i in range(count)],
        _json=_sender_json(cdll, sender, False),
        _json_history=_sender_json(cdll, sender, True),
    )
