#!/usr/bin/python3
"""A stand-in for the SNS host over TLS, on 127.0.0.1 only, for the tests of
HttpCertificateSource and confirm_subscription. It serves whatever name the
client asks for (SNI) with the certificate it is given; the client reaches it
through HttpOptions::connect_to, so the Host header and the TLS server name
stay the real ones, and the peer records both for every request.

  /SimpleNotificationService-missing.pem  404
  /SimpleNotificationService-big.pem      200, 20 KiB of PEM-looking text
  /SimpleNotificationService-two.pem      200, the certificate twice
  /SimpleNotificationService-garbage.pem  200, text that is no PEM
  /SimpleNotificationService-held.pem     the certificate, once /_open was asked
  /<anything else>.pem                    200, the certificate (--cert-file)
  /?Action=ConfirmSubscription&Token=T    T "good": the ConfirmSubscriptionResponse;
                                          T "used": 403 with SNS's ErrorResponse;
                                          anything else: 200 with an HTML page
  /_stats                                 JSON: every request as path, sni, host
  /_open                                  lets held requests go

Usage: sns_peer.py --tls-cert CRT --tls-key KEY --cert-file PEM
Prints "PORT <n>" once it listens.
"""
import argparse
import json
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

lock = threading.Lock()
requests = []
gate = threading.Event()
GATE_LIMIT_S = 120  # only so that a test that never opens leaves no thread behind

CONFIRMATION = """<ConfirmSubscriptionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <ConfirmSubscriptionResult>
    <SubscriptionArn>arn:aws:sns:us-east-1:123456789012:ses-feedback:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55</SubscriptionArn>
  </ConfirmSubscriptionResult>
  <ResponseMetadata>
    <RequestId>075ecce8-8dac-11e1-bf80-f781d96e9307</RequestId>
  </ResponseMetadata>
</ConfirmSubscriptionResponse>
"""

TOKEN_USED = """<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>Token already used</Message></Error>
  <RequestId>9a1b2c3d-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    cert_pem = b""

    def log_message(self, *args):  # quiet
        pass

    def send(self, status, body, content_type="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", "peer-request")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        with lock:
            if url.path not in ("/_stats", "/_open"):
                requests.append({"path": self.path, "sni": getattr(self.connection, "mw_sni", None),
                                 "host": self.headers.get("Host")})
        if url.path == "/_stats":
            with lock:
                return self.send(200, json.dumps(requests).encode(), "application/json")
        if url.path == "/_open":
            gate.set()
            return self.send(200, b"open")
        if url.path == "/":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if query.get("Action") != "ConfirmSubscription":
                return self.send(400, b"no action")
            token = query.get("Token")
            if token == "good":
                return self.send(200, CONFIRMATION.encode(), "text/xml")
            if token == "used":
                return self.send(403, TOKEN_USED.encode(), "text/xml")
            return self.send(200, b"<html><body>Welcome</body></html>", "text/html")
        name = url.path.rsplit("/", 1)[-1]
        if name == "SimpleNotificationService-missing.pem":
            return self.send(404, b"<Error><Code>NoSuchKey</Code></Error>", "text/xml")
        if name == "SimpleNotificationService-big.pem":
            return self.send(200, b"-----BEGIN CERTIFICATE-----\n" + b"QUFB" * 5120 + b"\n-----END CERTIFICATE-----\n")
        if name == "SimpleNotificationService-two.pem":
            return self.send(200, self.cert_pem + self.cert_pem)
        if name == "SimpleNotificationService-garbage.pem":
            return self.send(200, b"this is not a certificate\n")
        if name == "SimpleNotificationService-held.pem":
            gate.wait(GATE_LIMIT_S)
        if name.endswith(".pem"):
            return self.send(200, self.cert_pem)
        return self.send(404, b"not here")


class TlsServer(ThreadingHTTPServer):
    daemon_threads = True
    context = None

    def finish_request(self, request, client_address):
        # The handshake runs here, on the connection's own thread.
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tls = self.context.wrap_socket(request, server_side=True)
        self.RequestHandlerClass(tls, client_address, self)

    def handle_error(self, request, client_address):
        pass  # a client that refuses the certificate ends the handshake: expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls-cert", required=True)
    parser.add_argument("--tls-key", required=True)
    parser.add_argument("--cert-file", required=True)
    args = parser.parse_args()
    with open(args.cert_file, "rb") as f:
        Handler.cert_pem = f.read()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls_cert, args.tls_key)

    def remember_sni(tls_socket, server_name, _context):
        tls_socket.mw_sni = server_name

    context.sni_callback = remember_sni
    TlsServer.context = context
    server = TlsServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
