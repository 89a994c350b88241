"""Slack's request signature, checked strictly before Bolt sees a request.

https://docs.slack.dev/authentication/verifying-requests-from-slack: `X-Slack-Signature` is
`v0=` + hex(HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`)) and the timestamp is at most five
minutes old. slack-sdk's `SignatureVerifier.is_valid` raises (instead of returning False) on a
timestamp that is not an integer or a signature that is not ASCII; Bolt then treats that as a
listener error and hands the unverified body to the app's error handler. So the HTTP layer
checks the headers' shape, age and HMAC here and answers 401 itself: Bolt only ever gets requests
that are signed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

MAX_AGE_SECONDS = 300
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def signature_problem(
    *, secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float | None = None
) -> str | None:
    """None when the request is Slack's; otherwise a short reason fit for a log line (no header value)."""
    if not secret:
        return "no signing secret configured"
    if timestamp is None or signature is None:
        return "signature headers missing"
    if not _TIMESTAMP.fullmatch(timestamp):
        return "timestamp is not an integer"
    if not _SIGNATURE.fullmatch(signature):
        return "signature is malformed"
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "timestamp is stale"
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "signature does not match"
    return None
