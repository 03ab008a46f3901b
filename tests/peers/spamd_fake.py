#!/usr/bin/env python3
"""A spamd that misbehaves on purpose, for the error paths of the spamd
client. This is a fake the project wrote, not SpamAssassin: it reads a
spamc request (command line, headers, Content-length bytes of message) and
answers as the message's "X-Fake:" header asks:

  ok         a well-formed SYMBOLS answer: Spam: True ; 7.2 / 5.0, two rules
  error76    SPAMD/1.0 76 Bad header line (what spamd says to a bad command)
  garbage    a line that is not the protocol
  truncated  an answer cut inside the body (shorter than its Content-length)
  close      closes without a word
  reset      closes with a TCP reset
  silent     never answers (holds the connection for 30 s)
  huge       a megabyte of header lines

Listens on 127.0.0.1:0 and prints "PORT <n>" once listening; runs until
killed. Usage: spamd_fake.py"""
import re
import socket
import socketserver
import struct
import time

ANSWERS = {
    "ok": b"SPAMD/1.1 0 EX_OK\r\nContent-length: 27\r\nSpam: True ; 7.2 / 5.0\r\n\r\nFAKE_RULE_ONE,FAKE_RULE_TWO",
    "error76": b"SPAMD/1.0 76 Bad header line: (EOF)\r\n",
    "garbage": b"220 mail.example.com ESMTP ready\r\n",
    "truncated": b"SPAMD/1.1 0 EX_OK\r\nContent-length: 68\r\nSpam: True ; 1003.3 / 5.0\r\n\r\nGTUBE,MISS",
    "huge": b"SPAMD/1.1 0 EX_OK\r\n" + b"X-Padding: " + b"x" * 100 + b"\r\n" * 1 + (b"X-More: " + b"y" * 100 + b"\r\n") * 10000,
}


class Handler(socketserver.BaseRequestHandler):
    def read_request(self):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        m = re.search(rb"(?im)^Content-length:\s*(\d+)", head)
        length = int(m.group(1)) if m else 0
        while len(body) < length:
            chunk = self.request.recv(65536)
            if not chunk:
                break
            body += chunk
        return body

    def handle(self):
        message = self.read_request()
        m = re.search(rb"(?im)^X-Fake:\s*(\w+)", message)
        mode = m.group(1).decode() if m else "ok"
        if mode == "close":
            return
        if mode == "reset":
            self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if mode == "silent":
            time.sleep(30)
            return
        try:
            self.request.sendall(ANSWERS.get(mode, ANSWERS["garbage"]))
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()
