"""The WSGI app the HTTP server runs: Slack's requests at `POST /slack/events`, `GET /healthz`.

Before Bolt: the body is read with a size bound (413 above it) and Slack's signature is checked
strictly (bot.slack.signing); anything unsigned, stale or malformed is answered 401 here, so
Bolt, the listeners and the error handler only ever see requests Slack signed. Bolt's
`slack_bolt.adapter.wsgi.SlackRequestHandler` then handles the Slack path (its own signature
check, ack within 3 s); everything else is answered here without touching Bolt.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from bot.slack.gate import Gate
from bot.slack.signing import signature_problem

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024
"""Slack's payloads are a few KB (a modal submission with long text stays well under 100 KB)."""

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

log = logging.getLogger(__name__)


class Throttled:
    """At most one warning per `interval` seconds per kind, with how many were left out:
    a flood of forged requests cannot become a flood of log lines."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._skipped: dict[str, int] = {}

    def warning(self, kind: str, message: str, *args: object) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(kind, float("-inf")) < self.interval:
                self._skipped[kind] = self._skipped.get(kind, 0) + 1
                return
            self._last[kind] = now
            skipped = self._skipped.pop(kind, 0)
        suffix = f" (and {skipped} more like it since the last such line)" if skipped else ""
        log.warning(message + suffix, *args)


def _plain(
    start_response: Callable[..., Any], status: str, body: bytes, content_type: str = "text/plain"
) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def read_body(environ: dict[str, Any], *, limit: int) -> bytes | None:
    """The request body, or None when it is larger than `limit` (never reads more than limit + 1)."""
    length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if length_text:
        if not length_text.isdigit() or int(length_text) > limit:
            return None
        wanted = int(length_text)
    else:
        wanted = limit + 1
    stream = environ.get("wsgi.input")
    body = stream.read(wanted) if stream is not None and wanted else b""
    return None if len(body) > limit else body


def make_wsgi(
    slack: WSGIApp,
    *,
    signing_secret: str | None = None,
    healthy: Callable[[], bool] = lambda: True,
    gate: Gate | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    install_paths: frozenset[str] = frozenset(),
) -> WSGIApp:
    """Route by path; `slack` is a SlackRequestHandler (or any WSGI app for the Slack path).

    With `signing_secret`, a Slack request whose signature is not right gets 401 before `slack`
    runs (None: no check here, for the benchmark's bare app). With a `gate`, each Slack request
    is marked in flight (background replies wait for quiet). `install_paths` (many workspaces:
    `/slack/install`, `/slack/oauth_redirect`) are a browser's GETs, not Slack's signed requests:
    they go to `slack` unsigned, and Bolt's OAuth flow checks their one-time state.
    """

    refusals = Throttled()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == SLACK_PATH:
            if method != "POST":
                return _plain(start_response, "405 Method Not Allowed", b"POST only\n")
            body = read_body(environ, limit=max_body_bytes)
            if body is None:
                refusals.warning("413", "request refused (413): body over %d bytes", max_body_bytes)
                return _plain(start_response, "413 Payload Too Large", b"too large\n")
            if signing_secret is not None:
                problem = signature_problem(
                    secret=signing_secret,
                    timestamp=environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"),
                    signature=environ.get("HTTP_X_SLACK_SIGNATURE"),
                    body=body,
                )
                if problem is not None:
                    refusals.warning(
                        problem, "request refused (401): %s; %d bytes, not read further", problem, len(body)
                    )
                    return _plain(
                        start_response, "401 Unauthorized", b'{"error":"invalid request"}', "application/json"
                    )
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            if gate is None:
                return slack(environ, start_response)
            gate.enter()
            try:
                return slack(environ, start_response)  # Bolt's handler returns a ready list
            finally:
                gate.leave()
        if path in install_paths and method == "GET":
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(b""), "0"
            return slack(environ, start_response)
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            if healthy():
                return _plain(start_response, "200 OK", b'{"ok":true}', "application/json")
            return _plain(start_response, "503 Service Unavailable", b'{"ok":false}', "application/json")
        return _plain(start_response, "404 Not Found", b"Not Found\n")

    return application
