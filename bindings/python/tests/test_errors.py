"""Status codes become typed exceptions; mw_error objects are always freed.

No status number is written here: they come from the library
(errors.status_codes(), read through mw_status_name) and, in
test_prototypes.py, from the header's enum."""

import ctypes
import pickle
import socket
import threading

import pytest

import mailwarden
from mailwarden import _lib, errors
from mailwarden.errors import (
    AlreadyExistsError,
    AuthError,
    SuppressedError,
    CallbackError,
    ClosedHandleError,
    ExpiredError,
    InternalError,
    InvalidArgumentError,
    MailwardenError,
    NotFoundError,
    NotVerifiedError,
    OperationCancelledError,
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

# Each status name with its class and the built-in exception it also is.
MAPPING = [
    ("MW_EINVAL", InvalidArgumentError, ValueError),
    ("MW_ENOMEM", OutOfMemoryError, MemoryError),
    ("MW_EINTERNAL", InternalError, MailwardenError),
    ("MW_ENOTFOUND", NotFoundError, LookupError),
    ("MW_EEXIST", AlreadyExistsError, MailwardenError),
    ("MW_EIO", StorageError, OSError),
    ("MW_ETIMEDOUT", OperationTimeoutError, TimeoutError),
    ("MW_EPARSE", ParseError, ValueError),
    ("MW_ERANGE", RangeError, IndexError),
    ("MW_ENOTVERIFIED", NotVerifiedError, MailwardenError),
    ("MW_ETRANSPORT", TransportError, MailwardenError),
    ("MW_EEXPIRED", ExpiredError, MailwardenError),
    ("MW_ESUSPENDED", SuspendedError, MailwardenError),
    ("MW_EPOLICY", PolicyError, MailwardenError),
    ("MW_ECANCELLED", OperationCancelledError, MailwardenError),
    ("MW_EAUTH", AuthError, MailwardenError),
    ("MW_ESUPPRESSED", SuppressedError, MailwardenError),
]


def test_every_library_status_has_a_class_and_every_class_a_status(cdll):
    """Fails when the library gains a code the binding has no class for, or
    the binding names a code the library does not have."""
    library = set(errors.status_codes()) - {"MW_OK"}
    bound = set(errors.CLASS_BY_STATUS)
    assert library - bound == set(), "status codes without a Python class"
    assert bound - library == set(), "Python classes for codes the library lacks"
    assert len(set(errors.CLASS_BY_STATUS.values())) == len(errors.CLASS_BY_STATUS)
    assert {name for name, _, _ in MAPPING} == library


def test_status_table_is_read_from_the_library(cdll):
    codes = errors.status_codes()
    assert codes["MW_OK"] == 0  # the ABI's one fixed rule: success is 0, failures negative
    for name, number in codes.items():
        assert cdll.mw_status_name(number).decode() == name
        if name != "MW_OK":
            assert number < 0
    assert len(set(codes.values())) == len(codes)
    assert cdll.mw_status_name(min(codes.values()) - 1).decode() == "MW_EUNKNOWN"


def test_module_constants_come_from_the_library(cdll):
    codes = errors.status_codes()
    assert errors.OK == codes["MW_OK"]
    for name, number in codes.items():
        assert getattr(errors, name[len("MW_"):]) == number
    from mailwarden.errors import EAUTH, ECANCELLED, EINVAL  # from-imports work too
    assert (EINVAL, ECANCELLED, EAUTH) == (codes["MW_EINVAL"], codes["MW_ECANCELLED"], codes["MW_EAUTH"])
    with pytest.raises(AttributeError):
        errors.ENOSUCHCODE
    with pytest.raises(AttributeError):
        errors.not_a_constant


@pytest.mark.parametrize("name, cls, builtin", MAPPING)
def test_status_without_error_object(cdll, name, cls, builtin):
    code = errors.status_code(name)
    with pytest.raises(cls) as info:
        check_status(code, None)
    exc = info.value
    assert isinstance(exc, MailwardenError) and isinstance(exc, builtin)
    assert exc.code == code and exc.status == name
    assert exc.message == name
    assert name in str(exc)
    assert errors.error_class(code) is cls
    # No error object: nothing learned beyond the code.
    assert (exc.origin, exc.service_code, exc.http_status, exc.request_id, exc.dns_rcode,
            exc.attempts, exc.retryable, exc.outcome_unknown) == ("", "", 0, "", None, 0, False, False)


def test_ok_does_not_raise(cdll):
    assert cdll.mw_status_name(0).decode() == "MW_OK"
    assert check_status(errors.OK, None) is None


def test_unknown_status_gives_base_class(cdll):
    unknown = min(errors.status_codes().values()) - 100
    with pytest.raises(MailwardenError) as info:
        check_status(unknown, None)
    assert type(info.value) is MailwardenError
    assert info.value.code == unknown
    assert info.value.status == "MW_EUNKNOWN"
    assert cdll.mw_status_name(unknown).decode() == "MW_EUNKNOWN"


def test_library_error_object_null_handle():
    """A NULL handle is MW_EINVAL with a message and the library as origin."""
    cdll = _lib.lib()
    err = _lib.ErrorPtr()
    status = cdll.mw_address_options_set_reject_role(None, 1, ctypes.byref(err))
    assert err, "the library should fill in mw_error"
    with pytest.raises(InvalidArgumentError) as info:
        check_status(status, err)
    exc = info.value
    assert exc.code == errors.EINVAL
    assert "NULL" in exc.message
    assert exc.origin == "mailwarden"
    assert (exc.service_code, exc.http_status, exc.request_id, exc.dns_rcode, exc.attempts) == ("", 0, "", None, 0)
    assert not exc.retryable and not exc.outcome_unknown


def test_null_error_accessors(cdll):
    assert cdll.mw_error_code(None) == errors.EINVAL
    assert cdll.mw_error_message(None)  # a static message, never NULL
    assert cdll.mw_error_origin(None) == b""
    assert cdll.mw_error_service_code(None) == b""
    assert cdll.mw_error_request_id(None) == b""
    assert cdll.mw_error_http_status(None) == 0
    assert cdll.mw_error_dns_rcode(None) == -1
    assert cdll.mw_error_attempts(None) == 0
    assert cdll.mw_error_retryable(None) == 0
    assert cdll.mw_error_outcome_unknown(None) == 0
    cdll.mw_error_free(None)
    cdll.mw_string_free(None)


def test_lists_give_null_past_their_end(cdll):
    """Lists are read with _count and _get; _get past the end is NULL, not an error."""
    batch = _lib.BatchPtr()
    err = _lib.ErrorPtr()
    addrs = (ctypes.c_char_p * 1)(b"alice@iana.org")
    check_status(cdll.mw_address_check_batch(ctypes.byref(batch), addrs, None, 1, None, ctypes.byref(err)), err)
    try:
        assert cdll.mw_address_batch_count(batch) == 1
        assert cdll.mw_address_batch_valid_count(batch) == 1
        assert cdll.mw_address_batch_get(batch, 0)
        assert not cdll.mw_address_batch_get(batch, 1)
        assert cdll.mw_address_result_normalized(cdll.mw_address_batch_get(batch, 0)) == b"alice@iana.org"
    finally:
        cdll.mw_address_batch_free(batch)
    assert cdll.mw_address_batch_count(None) == 0
    assert not cdll.mw_address_batch_get(None, 0)


def test_exceptions_pickle(cdll):
    exc = pickle.loads(pickle.dumps(StorageError(errors.EIO, "disk full")))
    assert type(exc) is StorageError
    assert (exc.code, exc.message) == (errors.EIO, "disk full")
    sent = TransportError(errors.ETRANSPORT, "SendEmail: no answer", origin="ses", http_status=503,
                          service_code="ServiceUnavailable", request_id="r-1", attempts=3, retryable=True,
                          outcome_unknown=True)
    exc = pickle.loads(pickle.dumps(sent))
    assert type(exc) is TransportError
    assert (exc.origin, exc.http_status, exc.service_code, exc.request_id, exc.attempts, exc.retryable,
            exc.outcome_unknown) == ("ses", 503, "ServiceUnavailable", "r-1", 3, True, True)
    exc = pickle.loads(pickle.dumps(ClosedHandleError("Registry")))
    assert type(exc) is ClosedHandleError and exc.code == errors.EINVAL and "closed" in exc.message
    exc = pickle.loads(pickle.dumps(CallbackError([ValueError("bad")])))
    assert type(exc) is CallbackError
    assert [str(e) for e in exc.errors] == ["bad"]


def test_exported_names():
    for name in ("AuthError", "OperationCancelledError", "IncompatibleLibraryError"):
        assert getattr(mailwarden, name) is getattr(errors, name)
        assert name in mailwarden.__all__
    assert issubclass(mailwarden.IncompatibleLibraryError, mailwarden.LibraryNotFoundError)


# --- what an SES failure carries -------------------------------------------------

class _SilentServer:
    """Accepts connections, reads the request and closes without an answer:
    the request may have reached the service, so the outcome is unknown."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.requests = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                except OSError:
                    pass
                self.requests += 1

    def close(self):
        self.sock.close()


def _client(url, **kw):
    return mailwarden.SesClient(region="us-east-1", endpoint=url, allow_plaintext=True, rate_limit=False,
                                access_key_id="AKIDEXAMPLE", secret_access_key="secret-for-tests", **kw)


def test_send_without_answer_has_outcome_unknown():
    server = _SilentServer()
    try:
        with _client(server.url, max_attempts=3) as client:
            with pytest.raises(MailwardenError) as info:
                client.send_email(from_address="a@iana.org", to=["b@iana.org"], subject="s", text="t")
            exc = info.value
            assert exc.outcome_unknown
            assert exc.origin
            assert exc.attempts == 1  # a send that may have gone out is not sent again
            assert "secret-for-tests" not in str(exc)
            # An idempotent call is retried: asking again does no harm.
            with pytest.raises(MailwardenError) as info:
                client.get_account()
            assert info.value.attempts == 3
            assert info.value.retryable
    finally:
        server.close()


def test_connection_refused_is_retryable_and_not_unknown():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        url = "http://127.0.0.1:%d" % probe.getsockname()[1]
    with _client(url, max_attempts=2) as client:
        with pytest.raises(TransportError) as info:
            client.send_email(from_address="a@iana.org", to=["b@iana.org"], subject="s", text="t")
    exc = info.value
    assert not exc.outcome_unknown  # nothing reached the service
    assert exc.retryable
    assert exc.http_status == 0 and exc.service_code == "" and exc.dns_rcode is None


class _AnsweringServer:
    """Answers every request with one SES-style error (status, x-amzn-ErrorType)."""

    def __init__(self, status, error_type, message):
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        body = json.dumps({"message": message}).encode()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer()

            def do_POST(self):
                self._answer()

            def _answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.requests += 1
                self.send_response(status)
                self.send_header("x-amzn-ErrorType", error_type)
                self.send_header("x-amzn-RequestId", "req-%d" % server.requests)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.requests = 0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_access_denied_is_an_auth_error_with_the_service_details():
    server = _AnsweringServer(403, "AccessDeniedException", "User is not authorized")
    try:
        with _client(server.url, max_attempts=3) as client:
            with pytest.raises(AuthError) as info:
                client.get_account()
    finally:
        server.close()
    exc = info.value
    assert exc.code == errors.EAUTH and exc.status == "MW_EAUTH"
    assert (exc.origin, exc.service_code, exc.http_status, exc.request_id) == (
        "ses", "AccessDeniedException", 403, "req-1")
    assert exc.attempts == 1 and not exc.retryable and not exc.outcome_unknown
    assert "req-1" in exc.message and "MW_EAUTH" in str(exc)


def test_throttling_is_retried_then_retryable():
    server = _AnsweringServer(429, "TooManyRequestsException", "Maximum sending rate exceeded")
    try:
        with _client(server.url, max_attempts=2) as client:
            with pytest.raises(TransportError) as info:
                client.send_email(from_address="a@iana.org", to=["b@iana.org"], subject="s", text="t")
    finally:
        server.close()
    exc = info.value
    assert (exc.service_code, exc.http_status, exc.request_id) == ("TooManyRequestsException", 429, "req-2")
    assert exc.attempts == 2 == server.requests  # a throttled send was not taken: retried
    assert exc.retryable and not exc.outcome_unknown


def test_missing_credentials_are_an_auth_error(monkeypatch, tmp_path):
    for name in [n for n in __import__("os").environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    with mailwarden.SesClient(region="us-east-1", endpoint="http://127.0.0.1:9", allow_plaintext=True,
                              rate_limit=False) as client:
        with pytest.raises(AuthError) as info:
            client.get_account()
    exc = info.value
    assert exc.origin == "ses" and exc.attempts == 0 and exc.http_status == 0
    assert "credentials" in exc.message
