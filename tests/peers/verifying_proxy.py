#!/usr/bin/env python3
"""An HTTP proxy on 127.0.0.1 that checks each request's SigV4 signature
(sigv4_check.py, with botocore) before it forwards the request to a peer that
checks none: moto and aws-ses-v2-local accept any signature, so without this a
client that signed wrongly would pass every test run against them. A request
signed wrongly gets SES's error answer (403 SignatureDoesNotMatch ...) and
never reaches the peer.

Paths given with --unchecked are the peer's own endpoints, not AWS's (e.g.
aws-ses-v2-local's /store): forwarded without a check.

The proxy answers /_proxy/count?target=T itself: how many requests with
X-Amz-Target T (AmazonSQS.ReceiveMessage ...) have arrived, checked or not,
so a test can wait until a request is in flight at the peer.

Usage: verifying_proxy.py --upstream http://127.0.0.1:N [--unchecked /store ...]
The proxy listens on a port the kernel picks and prints "PORT <n>".
"""
import argparse
import http.client
import os
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import peer_server  # noqa: E402
import sigv4_check  # noqa: E402

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "upgrade"}


arrived = {}  # X-Amz-Target -> requests that arrived
arrived_lock = threading.Lock()


class Proxy(peer_server.Handler):
    upstream = None  # (host, port), set by main
    unchecked = ()

    def _upstream(self):
        # One upstream connection per client connection: keep-alive both ways.
        if getattr(self, "_conn", None) is None:
            self._conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        return self._conn

    def _handle(self):
        body = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if path == "/_proxy/count":
            target = urllib.parse.parse_qs(url.query).get("target", [""])[0]
            with arrived_lock:
                n = arrived.get(target, 0)
            return self.send_all(200, [("Content-Type", "text/plain")], str(n).encode())
        target = self.headers.get("X-Amz-Target", "")
        with arrived_lock:
            arrived[target] = arrived.get(target, 0) + 1
        if not any(path == p or path.startswith(p + "/") for p in self.unchecked):
            refusal = sigv4_check.check(self.command, self.path, self.headers.items(), body)
            if refusal is not None:
                print("refused %s %s: %s %s" % (self.command, self.path, refusal.error_type, refusal.message),
                      file=sys.stderr, flush=True)
                service = sigv4_check.service_of({"x-amz-target": [target]})
                return self.send_all(*sigv4_check.error_response(refusal, service))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            conn = self._upstream()
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self._conn = None
            return self.send_all(502, [("Content-Type", "text/plain")], ("upstream: %s" % exc).encode())
        self.send_all(response.status,
                      [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP], data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--unchecked", action="append", default=[])
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.upstream)
    Proxy.upstream = (url.hostname, url.port)
    Proxy.unchecked = tuple(p.rstrip("/") for p in args.unchecked)
    peer_server.serve(Proxy)


if __name__ == "__main__":
    main()
