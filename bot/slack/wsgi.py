"""The WSGI app gunicorn serves: Slack's requests at `POST /slack/events`, `GET /healthz`.

Bolt's `slack_bolt.adapter.wsgi.SlackRequestHandler` handles the Slack path (signature check,
ack within 3 s); everything else is answered here without touching Bolt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from bot.slack.gate import Gate

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _plain(
    start_response: Callable[..., Any], status: str, body: bytes, content_type: str = "text/plain"
) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def make_wsgi(
    slack: WSGIApp, *, healthy: Callable[[], bool] = lambda: True, gate: Gate | None = None
) -> WSGIApp:
    """Route by path; `slack` is a SlackRequestHandler (or any WSGI app for the Slack path).

    With a `gate`, each Slack request is marked in flight (background replies wait for quiet).
    """

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == SLACK_PATH:
            if method != "POST":
                return _plain(start_response, "405 Method Not Allowed", b"POST only\n")
            if gate is None:
                return slack(environ, start_response)
            gate.enter()
            try:
                return slack(environ, start_response)  # Bolt's handler returns a ready list
            finally:
                gate.leave()
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            if healthy():
                return _plain(start_response, "200 OK", b'{"ok":true}', "application/json")
            return _plain(start_response, "503 Service Unavailable", b'{"ok":false}', "application/json")
        return _plain(start_response, "404 Not Found", b"Not Found\n")

    return application
