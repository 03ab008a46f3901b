#!/usr/bin/python3
"""A deliberately misbehaving HTTP/1.1 server for the HTTP client's tests.

Listens on 127.0.0.1 (port 0 unless --port), prints "PORT <n>" on stdout once
ready, and serves each connection on its own thread until killed. The path
picks the behaviour; every response carries X-Conn-Id (the server's connection
number, from 1) and X-Conn-Requests (the request's index on that connection),
so a test can tell a reused connection from a new one. A `key` query parameter
counts complete requests per key (read back with /count?key=K).

  /ok                      200 "ok"; options: close_idle_ms=N (close the
                           connection if no next request within N ms),
                           drop_next=1 (read the next request on this
                           connection whole, then close without answering),
                           rst_next=1 (read only the next request's header,
                           then reset the connection)
  /echo                    200, JSON of method, target, headers, body length
  /429-then-200?key=K      429 with Retry-After: 1 the first time, then 200
  /503                     503 with Retry-After: 2, every time
  /reset-mid-response      header + 100 of 1000 body bytes, then RST
  /close-mid-response      header + 100 of 1000 body bytes, then FIN
  /slow?ms=N               waits N ms before answering
  /garbage                 a non-HTTP line, then close
  /big?bytes=N             N body bytes with Content-Length
  /big-chunked?bytes=N     N body bytes, chunked
  /big-header?bytes=N      a header field of N bytes
  /no-read                 reads the header only, never the body, waits 10 s
  /close                   200 with Connection: close, then close
  /http10                  HTTP/1.0 200 without keep-alive, then close
  /count?key=K             body: how many complete requests carried key K
  /held?key=K              answers 200 only once /open?key=K was asked (or
                           after 120 s): a request in flight for as long as
                           the test wants, counted under K on arrival
  /open?key=K              lets the requests held under K (and later ones) go

SES-shaped modes, used as an endpoint's base path with a counting key
("/ses-account-503/K/v2/email/account"); each SES operation is also counted
under K followed by its path (/count?key=K/v2/email/account):

  /ses-account-503/K       GetAccount: 503 every time; SendEmail: 200 with a
                           MessageId
  /ses-account-slow/K      GetAccount: after 500 ms, an account with
                           MaxSendRate 4; SendEmail: 200 with a MessageId
  /ses-account-held/K      as /ses-account-slow/K, but GetAccount answers only
                           once /open?key=K was asked (or after 120 s)

SQS-shaped modes (JSON protocol, X-Amz-Target: AmazonSQS.<Op>), used as an
endpoint's base path with a counting key ("/sqs-truncated/K"); each request is
also counted under K followed by "/" and its target
(/count?key=K/AmazonSQS.ReceiveMessage):

  /sqs-truncated/K         200, JSON cut off in the middle
  /sqs-not-json/K          200, an HTML page
  /sqs-wrong-shape/K       200, Messages is an object
  /sqs-bad-count/K         200, ApproximateReceiveCount "many"
  /sqs-500-garbage/K       500 with bytes that are not JSON
  /sqs-delete-malformed/K  ReceiveMessage: one good message; the batch
                           operations: Successful is a string
"""

import argparse
import json
import socket
import struct
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

lock = threading.Lock()
next_conn_id = 0
next_message_id = 0
counts = {}
gates = {}  # key -> threading.Event, set by /open?key=K

# How long a held request waits for its /open at most: only so that a test
# that never opens leaves no thread behind for ever.
GATE_LIMIT_S = 120


def gate(key):
    with lock:
        return gates.setdefault(key, threading.Event())

GOOD_SQS_MESSAGE = json.dumps({"Messages": [{"MessageId": "m-1", "ReceiptHandle": "rh-1", "Body": "{}",
                                             "Attributes": {"ApproximateReceiveCount": "1"}}]}).encode()
SQS_MODES = {
    "/sqs-truncated": (200, b'{"Messages": [{"MessageId": "m-1", "Rece'),
    "/sqs-not-json": (200, b"<html><body>Service Temporarily Unavailable</body></html>"),
    "/sqs-wrong-shape": (200, b'{"Messages": {"MessageId": "m-1"}}'),
    "/sqs-bad-count": (200, b'{"Messages": [{"MessageId": "m", "ReceiptHandle": "r", "Body": "b", '
                            b'"Attributes": {"ApproximateReceiveCount": "many"}}]}'),
    "/sqs-500-garbage": (500, b"\x00\xffnot json"),
}

SES_ACCOUNT_MODES = ("/ses-account-503", "/ses-account-slow", "/ses-account-held")
SLOW_ACCOUNT = json.dumps({"SendQuota": {"Max24HourSend": 200.0, "MaxSendRate": 4.0, "SentLast24Hours": 0.0},
                           "SendingEnabled": True, "ProductionAccessEnabled": False,
                           "EnforcementStatus": "HEALTHY"}).encode()


class Closed(Exception):
    pass


def read_head(sock, buf):
    """Returns (head bytes, rest) once b"\\r\\n\\r\\n" arrived."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise Closed()
        buf += chunk
        if len(buf) > 1 << 20:
            raise Closed()
    head, rest = buf.split(b"\r\n\r\n", 1)
    return head, rest


def parse_head(head):
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return method, target, version, headers


def header(headers, name):
    for n, v in headers:
        if n.lower() == name.lower():
            return v
    return None


def read_body(sock, rest, length):
    body = rest
    while len(body) < length:
        chunk = sock.recv(min(1 << 20, length - len(body)))
        if not chunk:
            raise Closed()
        body += chunk
    return body[:length], body[length:]


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def respond(sock, status, reason, body=b"", extra=(), conn_id=0, index=0, close=False, version="HTTP/1.1",
            head=False):
    lines = [f"{version} {status} {reason}", f"Content-Length: {len(body)}",
             f"X-Conn-Id: {conn_id}", f"X-Conn-Requests: {index}"]
    lines += [f"{n}: {v}" for n, v in extra]
    if close:
        lines.append("Connection: close")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (b"" if head else body))


def message_id():
    global next_message_id
    with lock:
        next_message_id += 1
        return json.dumps({"MessageId": f"m-{next_message_id}"}).encode()


def serve(sock):
    global next_conn_id
    with lock:
        next_conn_id += 1
        conn_id = next_conn_id
    index = 0
    buf = b""
    pending = None  # "drop" or "rst": what to do with the next request
    idle_ms = None
    try:
        while True:
            sock.settimeout(idle_ms / 1000 if idle_ms else None)
            try:
                head, buf = read_head(sock, buf)
            except socket.timeout:
                sock.close()  # idle too long: close like a server's keep-alive timeout
                return
            sock.settimeout(None)
            index += 1
            method, target, version, headers = parse_head(head)
            url = urlsplit(target)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            path = url.path
            operation = None  # SES-style: the operation's path, "/v2/email/account"
            # SES-style use: the mode is the endpoint's base path, the SES
            # operation follows ("/503/v2/email/account"); a second segment
            # names the counting key ("/429-then-200/k1/v2/...").
            if "/v2/" in path:
                operation = path[path.index("/v2/"):]
                base = path[: path.index("/v2/")].split("/")
                path = "/".join(base[:2]) or "/"
                if len(base) > 2 and "key" not in query:
                    query["key"] = base[2]
            amz_target = header(headers, "X-Amz-Target") or ""
            if amz_target.startswith("AmazonSQS."):
                # SQS-style: the mode and the key are the endpoint's base path.
                operation = "/" + amz_target
                base = path.rstrip("/").split("/")
                path = "/".join(base[:2]) or "/"
                if len(base) > 2 and "key" not in query:
                    query["key"] = base[2]
            length = int(header(headers, "Content-Length") or 0)
            common = dict(conn_id=conn_id, index=index, head=method == "HEAD")

            if pending == "rst":
                reset(sock)
                return
            if path == "/no-read":
                time.sleep(10)
                sock.close()
                return
            body, buf = read_body(sock, buf, length)
            key = query.get("key")
            if key is not None and path not in ("/count", "/open"):
                with lock:
                    counts[key] = counts.get(key, 0) + 1
                    if operation is not None:
                        counts[key + operation] = counts.get(key + operation, 0) + 1
            if pending == "drop":
                sock.close()
                return

            idle_ms = int(query["close_idle_ms"]) if "close_idle_ms" in query else None
            if query.get("drop_next") == "1":
                pending = "drop"
            elif query.get("rst_next") == "1":
                pending = "rst"

            if path == "/ok":
                respond(sock, 200, "OK", b"ok", **common)
            elif path == "/echo":
                doc = {"method": method, "target": target, "headers": headers, "body_length": len(body)}
                respond(sock, 200, "OK", json.dumps(doc).encode(), [("Content-Type", "application/json")], **common)
            elif path == "/429-then-200":
                with lock:
                    n = counts.get(key, 0)
                if n <= 1:
                    respond(sock, 429, "Too Many Requests", b'{"message":"Maximum sending rate exceeded."}',
                            [("Retry-After", "1"), ("Content-Type", "application/json")], **common)
                else:
                    respond(sock, 200, "OK", b'{"MessageId":"m-1"}', [("Content-Type", "application/json")], **common)
            elif path in SES_ACCOUNT_MODES and operation == "/v2/email/account":
                if path == "/ses-account-503":
                    respond(sock, 503, "Service Unavailable", b"unavailable", [("Retry-After", "2")], **common)
                else:
                    if path == "/ses-account-held":
                        gate(key).wait(GATE_LIMIT_S)
                    else:
                        time.sleep(0.5)
                    respond(sock, 200, "OK", SLOW_ACCOUNT, [("Content-Type", "application/json")], **common)
            elif path in SES_ACCOUNT_MODES and operation == "/v2/email/outbound-emails":
                respond(sock, 200, "OK", message_id(), [("Content-Type", "application/json")], **common)
            elif path in SQS_MODES:
                status, payload = SQS_MODES[path]
                respond(sock, status, "OK" if status == 200 else "Internal Server Error", payload,
                        [("Content-Type", "application/x-amz-json-1.0")], **common)
            elif path == "/sqs-delete-malformed":
                payload = GOOD_SQS_MESSAGE if operation == "/AmazonSQS.ReceiveMessage" else b'{"Successful": "yes"}'
                respond(sock, 200, "OK", payload, [("Content-Type", "application/x-amz-json-1.0")], **common)
            elif path == "/503":
                respond(sock, 503, "Service Unavailable", b"unavailable", [("Retry-After", "2")], **common)
            elif path in ("/reset-mid-response", "/close-mid-response"):
                sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 100)
                time.sleep(0.05)
                if path == "/reset-mid-response":
                    reset(sock)
                else:
                    sock.close()
                return
            elif path == "/slow":
                time.sleep(int(query.get("ms", "1000")) / 1000)  # SES-style: /slow/v2/... waits 1 s
                respond(sock, 200, "OK", b"slow", **common)
            elif path == "/garbage":
                sock.sendall(b"SSH-2.0-OpenSSH_9.2 this is not http\r\n\r\n")
                sock.close()
                return
            elif path == "/big":
                respond(sock, 200, "OK", b"x" * int(query.get("bytes", "1000000")), **common)
            elif path == "/big-chunked":
                n = int(query["bytes"])
                sock.sendall(f"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Conn-Id: {conn_id}\r\n\r\n".encode())
                while n > 0:
                    part = min(n, 16384)
                    sock.sendall(b"%x\r\n" % part + b"x" * part + b"\r\n")
                    n -= part
                sock.sendall(b"0\r\n\r\n")
            elif path == "/big-header":
                respond(sock, 200, "OK", b"ok", [("X-Filler", "y" * int(query["bytes"]))], **common)
            elif path == "/close":
                respond(sock, 200, "OK", b"bye", close=True, **common)
                sock.close()
                return
            elif path == "/http10":
                respond(sock, 200, "OK", b"old", version="HTTP/1.0", **common)
                sock.close()
                return
            elif path == "/held":
                gate(key).wait(GATE_LIMIT_S)
                respond(sock, 200, "OK", b"released", **common)
            elif path == "/open":
                gate(query.get("key")).set()
                respond(sock, 200, "OK", b"open", **common)
            elif path == "/count":
                with lock:
                    n = counts.get(query.get("key"), 0)
                respond(sock, 200, "OK", str(n).encode(), **common)
            else:
                respond(sock, 404, "Not Found", b"no such mode", **common)
    except (Closed, ConnectionError, OSError):
        pass
    finally:
        try:
            sock.close()
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(128)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
