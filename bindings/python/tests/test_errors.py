"""Status codes become typed exceptions; mw_error objects are always freed."""

import ctypes
import pickle

import pytest

from mailwarden import _lib, errors
from mailwarden.errors import (
    AlreadyExistsError,
    CallbackError,
    ExpiredError,
    InternalError,
    InvalidArgumentError,
    MailwardenError,
    NotFoundError,
    NotVerifiedError,
    OperationTimeoutError,
    OutOfMemoryError,
    ParseError,
    PolicyError,
    RangeError,
    StorageError,
    SuspendedError,
    TransportError,
    check_status,
)

MAPPING = [
    (-1, InvalidArgumentError, ValueError, "MW_EINVAL"),
    (-2, OutOfMemoryError, MemoryError, "MW_ENOMEM"),
    (-3, InternalError, MailwardenError, "MW_EINTERNAL"),
    (-4, NotFoundError, LookupError, "MW_ENOTFOUND"),
    (-5, AlreadyExistsError, MailwardenError, "MW_EEXIST"),
    (-6, StorageError, OSError, "MW_EIO"),
    (-7, OperationTimeoutError, TimeoutError, "MW_ETIMEDOUT"),
    (-8, ParseError, ValueError, "MW_EPARSE"),
    (-9, RangeError, IndexError, "MW_ERANGE"),
    (-10, NotVerifiedError, MailwardenError, "MW_ENOTVERIFIED"),
    (-11, TransportError, MailwardenError, "MW_ETRANSPORT"),
    (-12, ExpiredError, MailwardenError, "MW_EEXPIRED"),
    (-13, SuspendedError, MailwardenError, "MW_ESUSPENDED"),
    (-14, PolicyError, MailwardenError, "MW_EPOLICY"),
]


@pytest.mark.parametrize("code, cls, builtin, name", MAPPING)
def test_status_without_error_object(cdll, code, cls, builtin, name):
    assert cdll.mw_status_name(code).decode() == name
    with pytest.raises(cls) as info:
        check_status(code, None)
    exc = info.value
    assert isinstance(exc, MailwardenError) and isinstance(exc, builtin)
    assert exc.code == code
    assert exc.message == name
    assert name in str(exc)


def test_ok_does_not_raise(cdll):
    assert cdll.mw_status_name(0).decode() == "MW_OK"
    assert check_status(0, None) is None


def test_unknown_status_gives_base_class(cdll):
    with pytest.raises(MailwardenError) as info:
        check_status(-99, None)
    assert type(info.value) is MailwardenError
    assert info.value.code == -99
    assert cdll.mw_status_name(-99).decode() == "MW_EUNKNOWN"


def test_library_error_object_range():
    """A real mw_error from the library (index out of range) maps to RangeError."""
    cdll = _lib.lib()
    batch = _lib.BatchPtr()
    err = _lib.ErrorPtr()
    addrs = (ctypes.c_char_p * 1)(b"alice@iana.org")
    check_status(cdll.mw_address_check_batch(ctypes.byref(batch), addrs, None, 1,
                                             None, ctypes.byref(err)), err)
    try:
        assert cdll.mw_address_batch_size(batch) == 1
        assert cdll.mw_address_batch_valid_count(batch) == 1
        out = _lib.ResultPtr()
        err = _lib.ErrorPtr()
        status = cdll.mw_address_batch_get(ctypes.byref(out), batch, 5, ctypes.byref(err))
        assert status == errors.ERANGE
        assert err, "the library should fill in mw_error"
        with pytest.raises(RangeError) as info:
            check_status(status, err)
        assert info.value.code == errors.ERANGE
        assert info.value.message
    finally:
        cdll.mw_address_batch_free(batch)


def test_library_error_object_null_handle():
    """A NULL handle is MW_EINVAL with a message, not a crash."""
    cdll = _lib.lib()
    err = _lib.ErrorPtr()
    status = cdll.mw_address_options_set_reject_role(None, 1, ctypes.byref(err))
    with pytest.raises(InvalidArgumentError) as info:
        check_status(status, err)
    assert info.value.code == errors.EINVAL
    assert info.value.message


def test_null_error_accessors(cdll):
    assert cdll.mw_error_code(None) == errors.EINVAL
    assert cdll.mw_error_message(None)  # a static message, never NULL
    cdll.mw_error_free(None)
    cdll.mw_string_free(None)


def test_exceptions_pickle():
    exc = pickle.loads(pickle.dumps(StorageError(-6, "disk full")))
    assert type(exc) is StorageError
    assert (exc.code, exc.message) == (-6, "disk full")
    exc = pickle.loads(pickle.dumps(CallbackError([ValueError("bad")])))
    assert type(exc) is CallbackError
    assert [str(e) for e in exc.errors] == ["bad"]


def test_every_status_has_a_class(cdll):
    """Each name the library knows maps to its own class, and the mapping is complete."""
    for code in range(-1, -15, -1):
        assert cdll.mw_status_name(code).decode() != "MW_EUNKNOWN"
        assert errors.error_class(code) is not MailwardenError, code
    assert cdll.mw_status_name(-15).decode() == "MW_EUNKNOWN"
    assert len({errors.error_class(c) for c in range(-1, -15, -1)}) == 14
