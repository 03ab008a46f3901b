#!/usr/bin/env python3
"""A project-owned stand-in for parts of the Amazon SES v2 API, on 127.0.0.1.

It exists for what no public peer can do: hold an email identity in PENDING
and later flip it to SUCCESS or FAILED on command (moto verifies at once;
aws-ses-v2-local has no identities), and the v2 operations neither peer
implements: the account suppression list, custom verification email
templates, MAIL FROM attributes, and AlreadyExistsException on a second
CreateEmailIdentity. It speaks the restJson1 wire format of SES v2 (paths,
JSON bodies, X-Amzn-ErrorType errors) over HTTP/1.1 keep-alive.

Like SES, it checks the SigV4 signature of every SES request (with botocore,
tests/peers/sigv4_check.py) and answers a wrong one with 403
SignatureDoesNotMatch; --no-verify (benchmarks only) turns that off.

Control endpoints (not part of SES, not signed):
  POST /_fake/identities/<identity>/status   body {"VerificationStatus": "SUCCESS"}
  GET  /_fake/stats                          {"requests": n, "connections": n, "sent": n, "refused": n}

Usage: ses_fake.py [--no-verify]
It listens on a port the kernel picks and prints "PORT <n>". Run it with the
venv's python (tests/peers/venv, for botocore).
"""
import argparse
import hashlib
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import peer_server  # noqa: E402
import sigv4_check  # noqa: E402

STATUSES = {"PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED"}


def identity_type(name):
    return "EMAIL_ADDRESS" if "@" in name else "DOMAIN"


def dkim_attributes(domain):
    # Easy DKIM as SES answers for a domain: three CNAME tokens (stable per domain here).
    tokens = [hashlib.sha256(("%s:%d" % (domain, i)).encode()).hexdigest()[:32] for i in range(3)]
    return {"SigningEnabled": True, "Status": "PENDING", "Tokens": tokens, "SigningAttributesOrigin": "AWS_SES"}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.identities = {}  # name -> status
        self.mail_from = {}  # name -> {"MailFromDomain", "BehaviorOnMxFailure"}
        self.suppressed = {}  # address -> {"Reason", "LastUpdateTime"}
        self.templates = {}  # name -> template body
        self.requests = 0
        self.connections = 0
        self.sent = 0
        self.refused = 0


class Handler(peer_server.Handler):
    state = None  # set by main
    verify = True  # set by main

    def setup(self):
        super().setup()
        with self.state.lock:
            self.state.connections += 1

    def _reply(self, status, payload, error_type=None):
        headers = [("Content-Type", "application/json"), ("x-amzn-RequestId", "fake-%d" % self.state.requests)]
        if error_type:
            headers.append(("X-Amzn-ErrorType", error_type + ":http://internal.amazon.com/coral/"))
        self.send_all(status, headers, json.dumps(payload).encode())

    def _error(self, status, error_type, message):
        self._reply(status, {"message": message}, error_type)

    def _route(self, method):
        with self.state.lock:
            self.state.requests += 1
        raw = self.read_body()
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        if parts[:1] != ["_fake"] and self.verify:
            refusal = sigv4_check.check(method, self.path, self.headers.items(), raw)
            if refusal is not None:
                with self.state.lock:
                    self.state.refused += 1
                return self._error(*refusal)
        try:
            body = json.loads(raw) if raw and method in ("POST", "PUT") else {}
        except ValueError:
            return self._error(400, "BadRequestException", "Malformed JSON")
        st = self.state
        if parts[:1] == ["_fake"]:
            if parts == ["_fake", "stats"]:
                with st.lock:
                    return self._reply(200, {"requests": st.requests, "connections": st.connections, "sent": st.sent,
                                             "refused": st.refused})
            if len(parts) == 4 and parts[1] == "identities" and parts[3] == "status" and method == "POST":
                status = body.get("VerificationStatus")
                if status not in STATUSES:
                    return self._error(400, "BadRequestException", "unknown status")
                with st.lock:
                    if parts[2] not in st.identities:
                        return self._error(404, "NotFoundException", "no identity")
                    st.identities[parts[2]] = status
                return self._reply(200, {})
            return self._error(404, "NotFoundException", "unknown control endpoint")
        if parts[:3] != ["v2", "email", "identities"] and parts[:2] != ["v2", "email"]:
            return self._error(404, "NotFoundException", "unknown path")
        rest = parts[2:]
        query = urllib.parse.parse_qs(url.query)
        if rest[:2] == ["suppression", "addresses"]:
            return self._suppression(method, rest[2:], body, query)
        if rest == ["custom-verification-email-templates"] and method == "POST":
            name = body.get("TemplateName")
            with st.lock:
                if name in st.templates:
                    return self._error(400, "AlreadyExistsException", "Template %s already exists" % name)
                st.templates[name] = body
            return self._reply(200, {})
        if len(rest) == 3 and rest[0] == "identities" and rest[2] == "mail-from" and method == "PUT":
            with st.lock:
                if rest[1] not in st.identities:
                    return self._error(404, "NotFoundException", "Email identity %s does not exist." % rest[1])
                st.mail_from[rest[1]] = {"MailFromDomain": body.get("MailFromDomain", ""),
                                         "BehaviorOnMxFailure": body.get("BehaviorOnMxFailure", "USE_DEFAULT_VALUE"),
                                         "MailFromDomainStatus": "PENDING"}
            return self._reply(200, {})
        if rest == ["identities"] and method == "POST":
            name = body.get("EmailIdentity")
            if not name:
                return self._error(400, "BadRequestException", "EmailIdentity is required")
            with st.lock:
                if name in st.identities:
                    return self._error(400, "AlreadyExistsException", "Email identity %s already exist." % name)
                st.identities[name] = "PENDING"
            reply = {"IdentityType": identity_type(name), "VerifiedForSendingStatus": False}
            if identity_type(name) == "DOMAIN":
                reply["DkimAttributes"] = dkim_attributes(name)
            return self._reply(200, reply)
        if rest == ["identities"] and method == "GET":
            with st.lock:
                items = [{"IdentityType": identity_type(n), "IdentityName": n, "SendingEnabled": s == "SUCCESS",
                          "VerificationStatus": s} for n, s in sorted(st.identities.items())]
            return self._reply(200, self._page(items, "EmailIdentities", query))
        if len(rest) == 2 and rest[0] == "identities":
            name = rest[1]
            with st.lock:
                status = st.identities.get(name)
                if status is None:
                    return self._error(404, "NotFoundException", "Email identity %s does not exist." % name)
                if method == "DELETE":
                    del st.identities[name]
                    return self._reply(200, {})
            if method == "GET":
                reply = {"IdentityType": identity_type(name), "VerifiedForSendingStatus": status == "SUCCESS",
                         "VerificationStatus": status, "FeedbackForwardingStatus": True}
                if identity_type(name) == "DOMAIN":
                    reply["DkimAttributes"] = dkim_attributes(name)
                with st.lock:
                    if name in st.mail_from:
                        reply["MailFromAttributes"] = st.mail_from[name]
                return self._reply(200, reply)
        if rest == ["outbound-custom-verification-emails"] and method == "POST":
            name = body.get("EmailAddress")
            with st.lock:
                if body.get("TemplateName") not in st.templates:
                    return self._error(404, "NotFoundException", "Template %s does not exist" % body.get("TemplateName"))
                st.identities[name] = "PENDING"
            return self._reply(200, {"MessageId": "fake-verification-%d" % st.requests})
        if rest == ["outbound-emails"] and method == "POST":
            sender = body.get("FromEmailAddress", "")
            address = sender[sender.find("<") + 1:sender.rfind(">")] if "<" in sender else sender
            with st.lock:
                if st.identities.get(address) != "SUCCESS":
                    return self._error(400, "MessageRejected", "Email address is not verified. The following "
                                       "identities failed the check in region US-EAST-1: %s" % address)
                st.sent += 1
            return self._reply(200, {"MessageId": "fake-message-%d" % st.requests})
        if rest == ["account"] and method == "GET":
            return self._reply(200, {"SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0,
                                                   "SentLast24Hours": float(st.sent)},
                                     "SendingEnabled": True, "ProductionAccessEnabled": True,
                                     "EnforcementStatus": "HEALTHY"})
        return self._error(404, "NotFoundException", "unknown operation")

    def _page(self, items, key, query):
        size = int(query.get("PageSize", ["1000"])[0])
        start = int(query.get("NextToken", ["0"])[0])
        reply = {key: items[start:start + size]}
        if start + size < len(items):
            reply["NextToken"] = str(start + size)
        return reply

    def _suppression(self, method, rest, body, query):
        st = self.state
        if not rest and method == "PUT":
            if body.get("Reason") not in ("BOUNCE", "COMPLAINT") or not body.get("EmailAddress"):
                return self._error(400, "BadRequestException", "EmailAddress and Reason BOUNCE|COMPLAINT are required")
            with st.lock:
                st.suppressed[body["EmailAddress"]] = {"Reason": body["Reason"], "LastUpdateTime": time.time()}
            return self._reply(200, {})
        if not rest and method == "GET":
            with st.lock:
                items = [{"EmailAddress": a, "Reason": d["Reason"], "LastUpdateTime": d["LastUpdateTime"]}
                         for a, d in sorted(st.suppressed.items())]
            return self._reply(200, self._page(items, "SuppressedDestinationSummaries", query))
        if len(rest) == 1:
            address = rest[0]
            with st.lock:
                entry = st.suppressed.get(address)
                if entry is None:
                    return self._error(404, "NotFoundException", "Email address %s does not exist on your suppression list." % address)
                if method == "DELETE":
                    del st.suppressed[address]
                    return self._reply(200, {})
            return self._reply(200, {"SuppressedDestination": {"EmailAddress": address, "Reason": entry["Reason"],
                                                               "LastUpdateTime": entry["LastUpdateTime"],
                                                               "Attributes": {"MessageId": "", "FeedbackId": ""}}})
        return self._error(404, "NotFoundException", "unknown suppression operation")

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def do_PUT(self):
        self._route("PUT")

    def do_DELETE(self):
        self._route("DELETE")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-verify", action="store_true", help="skip signature checks (benchmarks only)")
    args = parser.parse_args()
    Handler.state = State()
    Handler.verify = not args.no_verify
    peer_server.serve(Handler)


if __name__ == "__main__":
    main()
