"""Socket Mode (https://docs.slack.dev/apis/events-api/using-socket-mode): no public URL needed.

The app opens a WebSocket with the app-level token (`connections:write`). `/healthz` is served
on $PORT by a tiny thread and is healthy only while the socket is connected, so an orchestrator
restarts a bot that went silent.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.config import Settings
from bot.slack.http_server import tune_gc
from bot.slack.preflight import AuthTest
from bot.slack.wsgi import make_wsgi

log = logging.getLogger(__name__)

CONCURRENCY = 20


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _not_here(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"Socket Mode: Slack's requests arrive over the WebSocket\n"]


def health_server(*, port: int, healthy: Callable[[], bool]) -> WSGIServer:
    """A /healthz server on its own daemon thread; `.shutdown()` stops it."""
    server = make_server("0.0.0.0", port, make_wsgi(_not_here, healthy=healthy), handler_class=_QuietHandler)
    # poll_interval: how long .shutdown() may wait (the default 0.5 s delays every stop)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="aitl-healthz", daemon=True
    ).start()
    return server


def socket_handler(app: Any, *, app_token: str) -> Any:
    """Bolt's SocketModeHandler on the app's WebClient (so SLACK_API_URL and retries apply)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token, concurrency=CONCURRENCY)


def run_socket_mode(settings: Settings, *, auth_test: AuthTest | None = None) -> int:
    """`aitl serve` in Socket Mode: connect, serve /healthz, wait for SIGTERM/SIGINT."""
    from slack_sdk.errors import SlackApiError

    from bot.slack.health import Health
    from bot.slack.runtime import Runtime

    runtime = Runtime.start(settings, auth_test=auth_test)
    handler = socket_handler(runtime.app, app_token=settings.app_token)
    healthy = Health(runtime.deps.store, extra=lambda: bool(handler.client.is_connected()))
    health = health_server(port=settings.port, healthy=healthy)
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    try:
        handler.connect()
    except SlackApiError as error:
        print(
            f"aitl serve: SLACK_APP_TOKEN was refused ({error.response.get('error', 'error')})",
            file=sys.stderr,
        )
        health.shutdown()
        runtime.close()
        return 2
    tune_gc()
    log.info("Socket Mode connected; /healthz on port %s", settings.port)
    stopping.wait()
    log.info("stopping: closing the socket, finishing work in flight")
    handler.close()
    health.shutdown()
    runtime.close()
    return 0
