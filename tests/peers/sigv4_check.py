"""Checks the AWS Signature V4 of a request as it arrived, the way SES does,
with botocore's signer (an implementation independent of mailwarden's): the
signature is computed anew from the received method, path, query, the headers
the Authorization header names, the body and X-Amz-Date, with the secret key
of the access key id it names, and compared in constant time.

Used by the SES fake (ses_fake/ses_fake.py) and by the verifying proxy in
front of moto and aws-ses-v2-local (verifying_proxy.py). Needs the PyPI venv
of scripts/setup (botocore comes with moto).

check(method, raw_path, headers, body) returns None when the request is
signed right, else a Refusal; error_response() shapes it like the service's
answer. The service a request is for decides the signing name it must carry:
SQS's JSON protocol (X-Amz-Target: AmazonSQS.<Op>) is signed as "sqs",
everything else as "ses".
"""
import datetime
import hashlib
import hmac
import json
import re
from typing import NamedTuple, Optional

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials

# The credentials the tests give their clients, by access key id:
# AKIDEXAMPLE everywhere (the AWS documentation's example pair),
# AKIDFROMFILE in tests/cli/ses_cli_test.sh (a shared credentials file).
KNOWN_SECRETS = {
    "AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "AKIDFROMFILE": "file-secret-value",
}

# SES signs as "ses" (the signing name of both SES v1 and v2), SQS as "sqs".
SES = "ses"
SQS = "sqs"


def service_of(received):
    """The signing name the request must carry (headers lower-cased, lists of values)."""
    target = received.get("x-amz-target", [""])[0]
    return SQS if target.startswith("AmazonSQS.") else SES

# SES refuses a request signed more than 15 minutes away from its clock.
MAX_SKEW = datetime.timedelta(minutes=15)

AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<akid>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/"
    r"(?P<service>[^/,\s]+)/aws4_request\s*,\s*SignedHeaders=(?P<signed>[a-z0-9;_.-]+)\s*,\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})$")

SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                      "Check your AWS Secret Access Key and signing method. Consult the service "
                      "documentation for details.")


class Refusal(NamedTuple):
    status: int
    error_type: str
    message: str


class _ExactHeaders(SigV4Auth):
    """botocore's SigV4 with the headers the client said it signed (botocore
    would otherwise pick its own set and drop some, e.g. User-Agent)."""

    def __init__(self, credentials, service, region, signed, received):
        super().__init__(credentials, service, region)
        self._signed = signed
        self._received = received

    def headers_to_sign(self, request):
        chosen = HTTPHeaders()
        for name in self._signed:
            for value in self._received.get(name, []):
                chosen[name] = value  # HTTPHeaders appends: repeated headers stay
        return chosen


def check(method: str, raw_path: str, headers, body: bytes,
          now: Optional[datetime.datetime] = None) -> Optional[Refusal]:
    """headers: (name, value) pairs as received, in order."""
    received = {}
    for name, value in headers:
        received.setdefault(name.lower(), []).append(value)
    auth = received.get("authorization", [""])[0]
    if not auth:
        return Refusal(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
    match = AUTH_RE.match(auth.strip())
    if not match:
        return Refusal(400, "IncompleteSignatureException", "Authorization header is not AWS4-HMAC-SHA256: " + auth[:80])
    signed = match["signed"].split(";")
    amz_date = received.get("x-amz-date", [""])[0]
    if "host" not in signed or "x-amz-date" not in signed or not amz_date:
        return Refusal(400, "IncompleteSignatureException", "Host and X-Amz-Date must be signed")
    if signed != sorted(set(signed)):
        return Refusal(400, "IncompleteSignatureException", "SignedHeaders must be sorted and unique")
    missing = [n for n in signed if n not in received]
    if missing:
        return Refusal(400, "IncompleteSignatureException", "signed headers missing: " + ",".join(missing))
    try:
        signed_at = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return Refusal(400, "IncompleteSignatureException", "X-Amz-Date is not YYYYMMDDTHHMMSSZ: " + amz_date)
    service = service_of(received)
    if match["date"] != amz_date[:8] or match["service"] != service:
        return Refusal(403, "SignatureDoesNotMatch", "Credential scope %s/%s does not match %s/%s"
                       % (match["date"], match["service"], amz_date[:8], service))
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if abs(now - signed_at) > MAX_SKEW:
        return Refusal(403, "InvalidSignatureException", "Signature expired: %s is more than 15 minutes from %s"
                       % (amz_date, now.strftime("%Y%m%dT%H%M%SZ")))
    secret = KNOWN_SECRETS.get(match["akid"])
    if secret is None:
        return Refusal(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
    content_sha = received.get("x-amz-content-sha256", [None])[0]
    if content_sha is not None and content_sha != hashlib.sha256(body).hexdigest():
        return Refusal(400, "XAmzContentSHA256Mismatch", "The provided x-amz-content-sha256 does not match the body")

    # The URL as it arrived: botocore encodes its path once more, as SigV4
    # wants for every service but S3, and takes the query as it is.
    request = AWSRequest(method=method, url="http://" + received["host"][0] + raw_path, data=body)
    request.context["timestamp"] = amz_date
    signer = _ExactHeaders(Credentials(match["akid"], secret), service, match["region"], signed, received)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected, match["signature"]):
        return Refusal(403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH)
    return None


def error_response(refusal: Refusal, service: str = SES):
    """(status, headers, body) of the service's error answer: SES v2's
    restJson1 (the type in X-Amzn-ErrorType, the text in a JSON "message"),
    or SQS's JSON protocol (the type in __type, the query code and fault in
    x-amzn-query-error)."""
    if service == SQS:
        body = json.dumps({"__type": "com.amazon.coral.service#" + refusal.error_type,
                           "message": refusal.message}).encode()
        return refusal.status, [("Content-Type", "application/x-amz-json-1.0"),
                                ("x-amzn-query-error", refusal.error_type + ";Sender"),
                                ("x-amzn-RequestId", "refused-by-signature-check")], body
    body = json.dumps({"message": refusal.message}).encode()
    return refusal.status, [("Content-Type", "application/json"),
                            ("X-Amzn-ErrorType", refusal.error_type + ":http://internal.amazon.com/coral/"),
                            ("x-amzn-RequestId", "refused-by-signature-check")], body
