"""The SNS endpoint through the binding: what each kind of delivery is
answered with, what reaches the tracker, and the endpoint behind a real
HTTP server on loopback."""

import http.server
import threading
import urllib.error
import urllib.request

import pytest

from mailwarden import (
    BounceTracker,
    ClosedHandleError,
    FeedbackEndpoint,
    InvalidArgumentError,
    NotFoundError,
    ParseError,
)

from test_bounces import CERT_URL, data, ses_bounce

TOPIC = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-62674b1d-4295-426b-88e7-5fb75652a04e"


def test_what_each_delivery_is_answered_with(tmp_path):
    body = data("sns", "notification-sigv2.json")
    pem = data("sns", "signing-cert.pem").decode()
    with BounceTracker(tmp_path / "t.db") as tracker:
        # Tests fetch nothing: a certificate not supplied is ours to retry.
        with FeedbackEndpoint(tracker, fetch_certificates=False) as endpoint:
            outcome = endpoint.handle(body)
            assert outcome.http_status == 503 and isinstance(outcome.error, NotFoundError)
            assert outcome.envelope is None and outcome.report is None
        with FeedbackEndpoint(tracker, topic_arns=[TOPIC], certificates={CERT_URL: pem},
                              fetch_certificates=False) as endpoint:
            outcome = endpoint.handle(body)
            assert outcome.http_status == 200 and outcome.error is None and not outcome.confirmed
            assert outcome.envelope.topic_arn == TOPIC and outcome.envelope.message == "Hello world"
            assert outcome.report.events == 1 and outcome.report.hard_bounces == 0
            forged = endpoint.handle(body.replace(b"Hello world", b"Jello world"))
            assert forged.http_status == 403 and forged.error.rejection == "bad_signature"
            unsigned = endpoint.handle(ses_bounce("m-1", "gone@iana.org"))
            assert unsigned.http_status == 400 and isinstance(unsigned.error, ParseError)
            assert unsigned.error.rejection == "not_an_envelope"
        with FeedbackEndpoint(tracker, trusted_raw=True, fetch_certificates=False, account="acme") as endpoint:
            taken = endpoint.handle(ses_bounce("m-1", "gone@iana.org"))
            assert taken.http_status == 200 and taken.envelope.type == "raw"
            assert taken.report.hard_bounces == 1
            assert [s.address for s in taken.report.suppressed] == ["gone@iana.org"]
            again = endpoint.handle(ses_bounce("m-1", "gone@iana.org"))
            assert again.http_status == 200 and again.report.duplicates == 1 and again.report.hard_bounces == 0
        assert tracker.stats("acme").total_hard_bounces == 1
        assert tracker.find_suppression("gone@iana.org", "acme") is not None


def test_arguments_and_lifetime(tmp_path):
    tracker = BounceTracker(tmp_path / "t.db")
    with pytest.raises(InvalidArgumentError):
        FeedbackEndpoint(tracker, auto_confirm=True)  # no allow-list
    with pytest.raises(InvalidArgumentError):
        FeedbackEndpoint(tracker, topic_arns=[""])
    endpoint = FeedbackEndpoint(tracker, trusted_raw=True, fetch_certificates=False)
    tracker.close()  # the endpoint keeps the tracker open
    assert endpoint.handle(ses_bounce("m-2", "x@iana.org")).http_status == 200
    with pytest.raises(TypeError):
        endpoint.handle(42)
    endpoint.close()
    endpoint.close()
    with pytest.raises(ClosedHandleError):
        endpoint.handle(b"{}")
    with pytest.raises(ClosedHandleError):
        FeedbackEndpoint(tracker)


class _Route(http.server.BaseHTTPRequestHandler):
    endpoint = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        outcome = self.endpoint.handle(body)
        answer = outcome.message.encode()
        self.send_response(outcome.http_status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def _post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/sns", data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_behind_a_threaded_http_server(tmp_path):
    with BounceTracker(tmp_path / "t.db") as tracker, \
            FeedbackEndpoint(tracker, trusted_raw=True, fetch_certificates=False, account="web") as endpoint:
        route = type("Route", (_Route,), {"endpoint": endpoint})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), route)
        serving = threading.Thread(target=server.serve_forever)
        serving.start()
        try:
            port = server.server_address[1]
            statuses = []

            def post(n):
                for i in range(10):
                    statuses.append(_post(port, ses_bounce(f"w{n}-m{i}", f"w{n}-r{i}@iana.org").encode()))

            posters = [threading.Thread(target=post, args=(n,)) for n in range(4)]
            for p in posters:
                p.start()
            for p in posters:
                p.join()
            assert statuses == [200] * 40
            assert _post(port, b"not json, not an envelope") == 200  # raw text: read as a mail, counts nothing
            assert tracker.stats("web").total_hard_bounces == 40
        finally:
            server.shutdown()
            server.server_close()
            serving.join()
