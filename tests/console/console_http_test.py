#!/usr/bin/python3
"""mailwarden-console end to end: one console on 127.0.0.1 with a fresh home
and a pinned clock, driven over HTTP like the browser pages do.

usage: console_http_test.py PATH/TO/mailwarden-console PATH/TO/mwctl
"""
import glob
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

NOW = "2026-11-26T12:00:00Z"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

checks = 0
failures = []


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Console:
    def __init__(self, binary, home, *extra):
        env = dict(os.environ)
        env["MAILWARDEN_HOME"] = home
        env["MAILWARDEN_NOW"] = NOW
        env.pop("MAILWARDEN_STORE", None)
        self.home = home
        os.makedirs(home, exist_ok=True)
        self.stderr_path = os.path.join(home, "console.stderr")
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", "--home", home, "--allow-special-use", *extra],
            stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        if not ready:
            self.proc.kill()
            raise SystemExit("the console printed no URL within 30 s")
        line = self.proc.stdout.readline().decode()
        m = re.fullmatch(r"console: (http://127\.0\.0\.1:(\d+))/\?token=([0-9a-f]{64})\n", line)
        if not m:
            self.proc.kill()
            raise SystemExit("unexpected first line: %r" % line)
        self.base, self.port, self.token = m.group(1), int(m.group(2)), m.group(3)
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, session=True, conn=None):
        h = dict(headers or {})
        if session and self.cookie:
            h["Cookie"] = "mw_session=" + self.cookie
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        own = conn is None
        if own:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.headers, data
        finally:
            if own:
                conn.close()

    def api(self, method, path, body=None, csrf=True, headers=None):
        h = dict(headers or {})
        if csrf and self.csrf and method in ("POST", "PUT", "DELETE"):
            h["X-CSRF-Token"] = self.csrf
        status, hdrs, data = self.request(method, path, body=body, headers=h)
        parsed = json.loads(data) if data and hdrs.get("Content-Type", "").startswith("application/json") else None
        return status, hdrs, parsed

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = "timeout"
        self.stderr.close()
        return code

    def log(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")


def q(address):
    return urllib.parse.quote(address, safe="")


def check_security_headers(headers, what):
    for name, value in SECURITY_HEADERS.items():
        check(headers.get(name) == value, "%s: header %s" % (what, name))
    check(headers.get("Cache-Control") == "no-store", "%s: Cache-Control no-store" % what)


def verification_link(home, address):
    links = []
    for path in sorted(glob.glob(os.path.join(home, "outbox", "new", "*"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "(%s)" % address in text:
            links += re.findall(r"http://\S+/verify\?\S+", text)
    return links[-1] if links else None


def mailed_links(home, pattern):
    """Every link matching `pattern` in the outbox, oldest mail first."""
    links = []
    for path in sorted(glob.glob(os.path.join(home, "outbox", "new", "*")), key=os.path.getmtime):
        with open(path, encoding="utf-8", errors="replace") as f:
            links += re.findall(pattern, f.read().replace("=\n", ""))
    return links


def sign_in(c, page):
    status, headers, _ = c.request("GET", "/?token=" + c.token, session=False)
    m = re.match(r"mw_session=([0-9a-f]{64}); ", headers.get("Set-Cookie", ""))
    c.cookie = m.group(1) if m else None
    status, _, body = c.request("GET", page)
    tokens = re.findall(rb'name="csrf-token" content="([0-9a-f]{64})"', body)
    c.csrf = tokens[0].decode() if tokens else ""
    check(status == 200 and c.cookie and c.csrf, "signed in, page %s carries the CSRF token" % page)


def list_counts(c, name):
    _, _, data = c.api("GET", "/api/lists")
    found = [l for l in (data or {}).get("lists", []) if l["name"] == name]
    return found[0]["counts"] if found else {}


def subscriber_state(c, name, address):
    _, _, data = c.api("GET", "/api/lists/%s/subscribers" % q(name))
    found = [s for s in (data or {}).get("subscribers", []) if s["address"] == address]
    return found[0]["state"] if found else None


def run_import(c, name, body, source="people.csv"):
    status, headers, data = c.api("POST", "/api/lists/%s/imports?source=%s" % (q(name), q(source)), body,
                                  headers={"Content-Type": "text/csv"})
    if status != 202:
        return status, data
    job = data["import"]
    check(headers.get("Location") == "/api/lists/%s/imports/%s" % (q(name), job["id"]), "import: Location of its progress")
    deadline = time.time() + 60
    while not job["finished"] and time.time() < deadline:
        time.sleep(0.1)
        status, _, data = c.api("GET", "/api/lists/%s/imports/%s" % (q(name), job["id"]))
        job = data["import"]
    return 202, job


def lists_flow(binary, mwctl, home):
    """The Lists screens' API and the public confirm and unsubscribe pages,
    with mwctl on the same home sending the list mail."""
    c = Console(binary, home, "--no-dns")
    sign_in(c, "/lists")
    status, _, data = c.api("GET", "/api/lists")
    check(status == 200 and data["lists"] == [], "no lists at first")

    # A verified sender for the list's mail.
    c.api("POST", "/api/senders", {"address": "news@example.com", "alias": "News"})
    link = verification_link(home, "news@example.com")
    if link:
        c.request("GET", link[len(c.base):], session=False)
    status, _, data = c.api("POST", "/api/lists", {"name": "news", "from": "news@example.com"}, csrf=False)
    check(status == 403, "creating a list without the CSRF token: 403")
    status, _, data = c.api("POST", "/api/lists", {"name": "news", "from": "news@example.com"})
    check(status == 201 and data["list"]["name"] == "news" and data["list"]["from"] == "news@example.com",
          "create a list: 201 (%s %s)" % (status, data))
    status, _, data = c.api("POST", "/api/lists", {"name": "news", "from": "news@example.com"})
    check(status == 409, "the same list again: 409")
    status, _, data = c.api("POST", "/api/lists", {"name": "bad\u0001name", "from": "news@example.com"})
    check(status == 400, "a control character in a list name: 400")

    # Double opt-in: subscribe, GET the link (nothing changes), POST it.
    status, _, data = c.api("POST", "/api/lists/news/subscribers", {"address": "Ann@Example.org", "name": "<b>Ann</b>"})
    check(status == 201 and data["outcome"]["accepted"] and data["outcome"]["subscriber"]["state"] == "pending",
          "subscribe: 201 pending")
    status, _, data = c.api("POST", "/api/lists/news/subscribers", {"address": "postmaster@example.org"})
    check(status == 200 and not data["outcome"]["accepted"] and data["outcome"]["refused_because"] == "role",
          "a role address is refused: 200, not accepted, role")
    status, _, data = c.api("POST", "/api/lists/nolist/subscribers", {"address": "bob@example.org"})
    check(status == 404, "subscribing to no such list: 404")
    links = mailed_links(home, r"http://127\.0\.0\.1:\d+/lists/confirm\?token=[A-Za-z0-9_.~%-]+")
    check(len(links) == 1 and links[0].startswith(c.base), "one confirmation link, pointing at the console")
    confirm = links[-1][len(c.base):] if links else "/lists/confirm?token=x"
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(confirm).query).get("token", [""])[0]
    status, headers, body = c.request("GET", confirm, session=False)
    check(status == 200 and b'<form method="post" action="/lists/confirm">' in body and b"Ann@" in body,
          "GET the confirm link: a page with a button")
    check_security_headers(headers, "confirm page")
    check(subscriber_state(c, "news", "Ann@example.org") == "pending", "GET confirms nothing")
    status, _, body = c.request("POST", "/lists/confirm", body=urllib.parse.urlencode({"token": token}),
                                headers={"Content-Type": "application/x-www-form-urlencoded"}, session=False)
    check(status == 200 and b"You are subscribed" in body, "POST the confirm form: subscribed")
    check(subscriber_state(c, "news", "Ann@example.org") == "confirmed", "the subscriber is confirmed")
    status, _, body = c.request("POST", "/lists/confirm", body=urllib.parse.urlencode({"token": token}),
                                headers={"Content-Type": "application/x-www-form-urlencoded"}, session=False)
    check(status == 200 and b"Already confirmed" in body, "confirming twice: already confirmed")
    status, _, body = c.request("GET", "/lists/confirm?token=%3Cscript%3Ex", session=False)
    check(status == 400 and b"<script>" not in body, "a forged confirm token: 400, nothing echoed")

    # RFC 8058: the list mail mwctl sends carries an unsubscribe link that
    # the console takes as a one-click POST.
    env = dict(os.environ, MAILWARDEN_HOME=home, MAILWARDEN_NOW=NOW)
    env.pop("MAILWARDEN_STORE", None)
    sent = subprocess.run([mwctl, "list", "send", "news", "--subject", "Hello", "--text", "Hi", "--no-dns",
                           "--allow-special-use"], env=env, capture_output=True, text=True, timeout=60)
    check(sent.returncode == 0, "mwctl list send on the console's home (%s)" % sent.stderr.strip())
    unsub = mailed_links(home, r"https://lists\.mailwarden\.local/unsubscribe\?token=[A-Za-z0-9_.~%-]+")
    check(len(unsub) == 1, "the list mail carries one unsubscribe link")
    utoken = urllib.parse.parse_qs(urllib.parse.urlsplit(unsub[-1]).query)["token"][0] if unsub else "x"
    status, _, body = c.request("GET", "/lists/unsubscribe?token=" + q(utoken), session=False)
    check(status == 200 and b'action="/lists/unsubscribe"' in body, "GET the unsubscribe link: a page with a button")
    check(subscriber_state(c, "news", "Ann@example.org") == "confirmed", "GET unsubscribes nothing")
    status, _, body = c.request("POST", "/lists/unsubscribe?token=" + q(utoken), body="List-Unsubscribe=One-Click",
                                headers={"Content-Type": "application/x-www-form-urlencoded"}, session=False)
    check(status == 200 and b"unsubscribed" in body, "RFC 8058 one-click POST: 200")
    check(subscriber_state(c, "news", "Ann@example.org") == "unsubscribed", "the subscriber is unsubscribed")
    status, _, body = c.request("POST", "/lists/unsubscribe?token=" + q(utoken), body="List-Unsubscribe=One-Click",
                                headers={"Content-Type": "application/x-www-form-urlencoded"}, session=False)
    check(status == 200, "unsubscribing twice is no error")

    # Import: the summary by reason, then the counts.
    rows = ["email,name", "carol@example.org,Carol", "dave@example.org,Dave", "CAROL@example.org,again",
            "abuse@example.org,role", "not-an-address,x", "ann@example.org,left before", "erin@example.org,Erin"]
    status, job = run_import(c, "news", "\r\n".join(rows) + "\r\n")
    check(status == 202 and job["finished"] and job["error"] is None, "import: 202, then finished")
    summary = job.get("summary") or {}
    check(summary.get("rows") == 7 and summary.get("added") == 3 and summary.get("refused") == 4,
          "import summary: 7 rows, 3 added, 4 refused (%s)" % summary)
    reasons = summary.get("refused_by_reason", {})
    check(reasons.get("duplicate") == 1 and reasons.get("role") == 1 and reasons.get("tombstoned") == 1 and
          sum(reasons.values()) == 4, "refused by reason: duplicate, role, tombstoned, syntax (%s)" % reasons)
    check(job["lines"] == 8 and job["lines_done"] == 8 and job["rows_done"] == 7 and job["added"] == 3,
          "import progress counts lines and rows")
    counts = list_counts(c, "news")
    check(counts.get("confirmed") == 3 and counts.get("unsubscribed") == 1, "counts after the import (%s)" % counts)
    status, _, data = c.api("GET", "/api/lists/news/subscribers?state=confirmed")
    check(status == 200 and sorted(s["address"] for s in data["subscribers"]) ==
          ["carol@example.org", "dave@example.org", "erin@example.org"], "subscribers by state")
    status, _, data = c.api("GET", "/api/lists/news/subscribers?state=bogus")
    check(status == 400, "an unknown state: 400")
    status, _, data = c.api("GET", "/api/lists/news/subscribers?after=abc")
    check(status == 400, "a malformed page cursor: 400")
    status, _ = run_import(c, "news", "")
    check(status == 400, "an empty import: 400")
    status, _ = run_import(c, "nolist", "x@example.org\n")
    check(status == 404, "an import into no such list: 404")
    big = "email,notes\n" + "".join("user%04d@example.org,%s\n" % (i, "n" * 600) for i in range(2000))
    check(len(big) > 1024 * 1024, "the large file is over the 1 MiB body limit")
    status, job = run_import(c, "news", big, "big.csv")
    check(status == 202 and job["finished"] and (job.get("summary") or {}).get("added") == 2000,
          "a 1.2 MiB import is taken (uploads may be larger) and all added (%s %s)" % (status, job))
    try:
        status, _, _ = c.request("POST", "/api/lists/news/imports", body=big, headers={"Content-Type": "text/csv"},
                                 session=False)
    except (ConnectionError, http.client.HTTPException) as e:
        status = "error %r" % e
    check(status == 413, "without a session the same file is over the limit: 413 (%s)" % status)
    status, _, data = c.api("GET", "/api/lists/news/imports/0000")
    check(status == 404, "no such import: 404")

    # Purge: a suppressed subscriber, previewed, then purged.
    c.api("POST", "/api/suppressions", {"address": "dave@example.org", "note": "bounced elsewhere"})
    before = list_counts(c, "news")
    status, _, data = c.api("POST", "/api/lists/news/purge", {"dry_run": True, "unconfirmed_days": 30})
    preview = data["purge"]["purged"] if status == 200 else []
    check(status == 200 and data["purge"]["dry_run"] is True and
          [(p["address"], p["reason"]) for p in preview] == [("dave@example.org", "suppressed")],
          "purge preview: the suppressed subscriber (%s)" % preview)
    check(list_counts(c, "news") == before, "a preview changes nothing")
    status, _, data = c.api("POST", "/api/lists/news/purge", {"dry_run": False, "unconfirmed_days": 30})
    check(status == 200 and data["purge"]["dry_run"] is False and len(data["purge"]["purged"]) == 1, "purge: 1 purged")
    after = list_counts(c, "news")
    check(after.get("confirmed") == before.get("confirmed", 0) - 1, "counts after the purge (%s)" % after)
    check(subscriber_state(c, "news", "dave@example.org") is None, "the purged subscriber is gone")
    status, _, data = c.api("POST", "/api/lists/news/purge", {"unconfirmed_days": -1})
    check(status == 400, "a negative number of days: 400")

    check(c.stop() == 0, "SIGTERM: exit 0")


def main_flow(binary, home):
    c = Console(binary, home)

    # Public routes.
    status, headers, body = c.request("GET", "/healthz")
    check(status == 200 and body == b"ok", "healthz answers 200 ok")
    check_security_headers(headers, "healthz")

    # Nothing else without a session.
    status, headers, body = c.request("GET", "/channels")
    check(status == 401 and headers.get("Content-Type", "").startswith("text/html"), "page without session: 401 HTML")
    status, headers, data = c.api("GET", "/api/senders")
    check(status == 401 and data and data["error"]["code"] == "MW_EAUTH", "API without session: 401 MW_EAUTH")
    status, _, body = c.request("GET", "/senders/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    check(status == 401, "sender page without session: 401")
    check(b"<script>" not in body and b"&lt;script&gt;" in body, "the 401 page escapes the path it shows")
    status, _, _ = c.request("GET", "/?token=" + "0" * 64)
    check(status == 401, "a wrong login token: 401")

    # The login link: once.
    status, headers, _ = c.request("GET", "/?token=" + c.token, session=False)
    check(status == 303 and headers.get("Location") == "/channels", "login: 303 to /channels")
    cookie = headers.get("Set-Cookie", "")
    m = re.match(r"mw_session=([0-9a-f]{64}); ", cookie)
    check(m is not None, "login sets mw_session")
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie, "cookie is HttpOnly SameSite=Strict")
    c.cookie = m.group(1) if m else None
    status, headers, body = c.request("GET", "/?token=" + c.token, session=False)
    check(status == 401 and b"printed" in body, "the login token works once")
    status, headers, _ = c.request("GET", "/")
    check(status == 303 and headers.get("Location") == "/channels", "/ with a session: 303 to /channels")

    # A page: the CSRF token is put in; security headers.
    status, headers, body = c.request("GET", "/channels")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html"), "channels page with session: 200")
    check_security_headers(headers, "channels page")
    check(b"{{csrf}}" not in body, "the page's {{csrf}} is replaced")
    tokens = re.findall(rb"[0-9a-f]{64}", body)
    check(len(tokens) >= 1, "the page carries the CSRF token")
    c.csrf = tokens[0].decode() if tokens else ""
    for page in ("/deliverability", "/senders/" + q("a@example.com")):
        status, headers, _ = c.request("GET", page)
        check(status == 200, "page %s: 200" % page)
    status, _, _ = c.request("GET", "/nowhere")
    check(status == 404, "unknown page: 404")
    status, _, data = c.api("GET", "/api/senders/a%zz")
    check(status == 400, "a malformed percent escape in the path: 400")
    status, headers, body = c.request("GET", "/assets/console.css")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/css"), "asset css served")
    status, _, _ = c.request("GET", "/assets/nothing.js")
    check(status == 404, "missing asset: 404")
    status, _, _ = c.request("GET", "/assets/channels.html")
    check(status == 404, "an .html file is not served as an asset")

    # Keep-alive: two answers on one connection.
    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=30)
    s1, _, _ = c.request("GET", "/healthz", conn=conn)
    s2, _, _ = c.request("GET", "/api/senders", conn=conn)
    conn.close()
    check(s1 == 200 and s2 == 200, "two requests on one kept-alive connection")

    # CSRF and Origin.
    alias = "<img src=x onerror=alert(1)>"
    sender = {"address": "news@example.com", "alias": alias}
    status, _, data = c.api("POST", "/api/senders", sender, csrf=False)
    check(status == 403 and data["error"]["code"] == "MW_EAUTH" and "CSRF" in data["error"]["message"],
          "POST without CSRF header: 403")
    status, _, data = c.api("POST", "/api/senders", sender, headers={"X-CSRF-Token": "f" * 64}, csrf=False)
    check(status == 403, "POST with a wrong CSRF token: 403")
    status, _, data = c.api("POST", "/api/senders", sender, headers={"Origin": "http://evil.example"})
    check(status == 403, "POST from a foreign Origin: 403")

    # Senders.
    status, headers, data = c.api("POST", "/api/senders", sender, headers={"Origin": c.base})
    check(status == 201 and data["sender"]["status"] == "Pending", "add a sender: 201 Pending")
    check(data and data["sender"]["alias"] == alias, "the alias comes back as given")
    check_security_headers(headers, "API answer")
    status, _, data = c.api("GET", "/api/senders")
    listed = [s for s in data["senders"] if s["address"] == "news@example.com"]
    check(status == 200 and len(listed) == 1 and listed[0]["status"] == "Pending", "the sender is listed Pending")
    check(listed and listed[0]["alias"] == alias, "the listed alias is the exact string")
    status, _, data = c.api("POST", "/api/senders", sender)
    check(status == 409 and data["error"]["code"] == "MW_EEXIST", "the same sender again: 409")
    status, _, data = c.api("POST", "/api/senders", {"address": "not an address", "alias": "x"})
    check(status == 400 and data["error"]["code"] == "MW_EINVAL" and data["error"]["message"], "invalid address: 400 with a message")
    status, _, data = c.api("POST", "/api/senders", b"{not json")
    check(status == 400, "bad JSON body: 400")
    status, _, data = c.api("GET", "/api/address-check?address=" + q("noreply@example.com"))
    check(status == 200 and data.get("valid") is True, "address check answers the library's JSON")
    status, _, data = c.api("GET", "/api/senders/" + q("nobody@example.com"))
    check(status == 404 and data["error"]["code"] == "MW_ENOTFOUND", "an unknown sender: 404")
    status, _, data = c.api("GET", "/api/senders/" + q("nobody@example.com") + "/domain")
    check(status == 404, "domain report of an unknown sender: 404")

    # The verification link points at the console; following it verifies.
    link = verification_link(home, "news@example.com")
    check(link is not None and link.startswith(c.base + "/verify?"), "the mailed link points at the console's /verify")
    if link:
        target = link[len(c.base):]
        status, headers, body = c.request("GET", target, session=False)
        check(status == 200 and headers.get("Content-Type", "").startswith("text/html"), "following the link: 200")
        status, _, data = c.api("GET", "/api/senders/" + q("news@example.com"))
        check(status == 200 and data["sender"]["status"] == "Success", "the sender is Success after the click")
        check("history" in data["sender"], "sender details carry the history")
        status, _, _ = c.request("GET", target, session=False)
        check(status in (200, 400), "a second click answers (%d)" % status)
    status, _, body = c.request("GET", "/verify?address=%3Cscript%3Ealert(1)%3C%2Fscript%3E&token=x", session=False)
    check(status == 400 and b"<script>" not in body, "a bad link: 400, nothing echoed unescaped")

    # Resend and remove.
    c.api("POST", "/api/senders", {"address": "second@example.com", "alias": "Second"})
    status, _, data = c.api("POST", "/api/senders/" + q("second@example.com") + "/resend")
    check(status == 200 and data["sender"]["address"] == "second@example.com", "resend: 200")
    status, _, _ = c.api("DELETE", "/api/senders/" + q("second@example.com"))
    check(status == 204, "remove: 204")
    status, _, _ = c.api("GET", "/api/senders/" + q("second@example.com"))
    check(status == 404, "removed sender: 404")

    # SNS and limits.
    status, _, _ = c.request("POST", "/sns", body=b"garbage", session=False)
    check(status == 400, "POST /sns with garbage: 400")
    big = b"x" * (1024 * 1024 + 1)
    try:
        status, _, _ = c.request("POST", "/sns", body=big, session=False)
    except (ConnectionError, http.client.HTTPException) as e:
        status = "error %r" % e
    check(status == 413, "a body over 1 MiB: 413 (%s)" % status)

    # Suppressions.
    status, _, data = c.api("POST", "/api/suppressions", {"address": "Bounce-Me@Example.com", "note": "<b>by hand</b>"})
    check(status == 201, "add a suppression: 201")
    status, _, data = c.api("GET", "/api/suppressions?q=bounce-me")
    found = [s for s in data["suppressions"] if s["address"].lower() == "bounce-me@example.com"]
    check(status == 200 and len(found) == 1 and found[0]["note"] == "<b>by hand</b>" and found[0]["reason"] == "manual",
          "the suppression is listed")
    status, _, data = c.api("GET", "/api/suppressions?q=nothing-like-it")
    check(status == 200 and data["suppressions"] == [], "the filter leaves others out")
    address = found[0]["address"] if found else "bounce-me@example.com"
    status, _, _ = c.api("DELETE", "/api/suppressions/" + q(address))
    check(status == 204, "remove the suppression: 204")
    status, _, data = c.api("GET", "/api/suppressions")
    check(status == 200 and not [s for s in data["suppressions"] if s["address"] == address], "the suppression is gone")
    status, _, _ = c.api("DELETE", "/api/suppressions/" + q(address))
    check(status == 404, "removing it again: 404")

    # Deliverability.
    status, _, data = c.api("GET", "/api/deliverability")
    check(status == 200 and data["account"] == "default" and data["stats"]["status"] == "active", "deliverability stats")
    check(data and data["lines"] == {"bounce_suspend": 0.05, "complaint_warning": 0.001, "complaint_suspend": 0.005},
          "deliverability lines")
    check(data and len(data["samples"]) >= 1 and data["samples"][0]["at"] == NOW, "deliverability samples")
    check(data and isinstance(data["audit"], list), "deliverability audit")
    status, _, data = c.api("POST", "/api/account/resume", {"reason": "checked by hand"})
    check(status == 200 and data["stats"]["status"] == "active", "resume: 200 with the stats")
    status, _, data = c.api("POST", "/api/account/resume", {})
    check(status == 400, "resume without a reason: 400")

    code = c.stop()
    check(code == 0, "SIGTERM: exit 0 within 5 s (%s)" % code)
    log = c.log()
    check(c.token not in log, "the log never holds the login token")
    check(c.cookie is None or c.cookie not in log, "the log never holds the session")
    check("token=" not in log and "GET /healthz 200" in log, "the log has paths without queries")


def rate_limit_flow(binary, home):
    c = Console(binary, home, "--rate-limit", "5")
    conn = http.client.HTTPConnection("127.0.0.1", c.port, timeout=30)
    statuses = []
    for _ in range(40):
        status, _, _ = c.request("GET", "/healthz", conn=conn)
        statuses.append(status)
    conn.close()
    check(429 in statuses, "--rate-limit 5: 40 quick requests see a 429")
    check(statuses[0] == 200, "the first request passes")
    check(c.stop() == 0, "SIGTERM: exit 0")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binary, mwctl = sys.argv[1], sys.argv[2]
    top = tempfile.mkdtemp(prefix="mw-console-")
    try:
        main_flow(binary, os.path.join(top, "main"))
        rate_limit_flow(binary, os.path.join(top, "rate"))
        lists_flow(binary, mwctl, os.path.join(top, "lists"))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    print("%d checks, %d failed" % (checks, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
